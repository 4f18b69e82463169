#include "support/intent_model.h"

#include <c10/core/InferenceMode.h>
#include <torch/nn/functional/loss.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/optim/sgd.h>
#include <torch/types.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "common/error.h"
#include "common/random.h"

namespace shoppilot::support {

namespace {

namespace nn = torch::nn;
using Clock = std::chrono::steady_clock;
// Early stopping waits for this many epochs: with zero-initialised output weights a small data
// set needs a few epochs before validation accuracy moves at all.
constexpr int kMinEpochs = 15;

// Training data as compact feature indices: the hashed ids seen in training, numbered.
struct Encoded {
    std::unordered_map<std::uint32_t, std::int64_t> vocab;
    std::vector<std::string> labels;
    std::vector<std::vector<std::int64_t>> x;
    std::vector<std::int64_t> y;
};

std::vector<std::int64_t> encodeText(const std::unordered_map<std::uint32_t, std::int64_t>& vocab, const std::string& text,
                                     const FeatureOptions& fo)
{
    std::vector<std::int64_t> out;
    for (const auto id : featureIds(text, fo)) {
        const auto it = vocab.find(id);
        if (it != vocab.end())
            out.push_back(it->second);
    }
    return out;
}

Encoded encodeTrain(const std::vector<IntentExample>& train, const IntentOptions& o)
{
    Encoded e;
    std::unordered_map<std::string, std::int64_t> labelIndex;
    for (const auto& r : train) {
        if (!o.oosLabel.empty() && r.label == o.oosLabel)
            continue;
        if (!labelIndex.count(r.label)) {
            labelIndex[r.label] = std::int64_t(e.labels.size());
            e.labels.push_back(r.label);
        }
    }
    if (e.labels.size() < 2)
        throw Error(ErrorCode::InvalidArgument, "intent training needs at least two in-scope labels");
    for (const auto& r : train) {
        if (!o.oosLabel.empty() && r.label == o.oosLabel)
            continue;
        std::vector<std::int64_t> ids;
        for (const auto id : featureIds(r.text, o.features)) {
            auto [it, fresh] = e.vocab.try_emplace(id, std::int64_t(e.vocab.size()));
            ids.push_back(it->second);
        }
        e.x.push_back(std::move(ids));
        e.y.push_back(labelIndex.at(r.label));
    }
    return e;
}

// Threshold on the top probability from validation (see the header).
double chooseThreshold(const IntentModel& m, const std::vector<IntentExample>& validation, const std::string& oosLabel)
{
    std::vector<std::pair<double, int>> in;  // confidence, correct?
    std::vector<double> out;                 // confidences of out-of-scope rows
    for (const auto& r : validation) {
        const auto p = m.probabilities(r.text);
        const auto best = std::max_element(p.begin(), p.end()) - p.begin();
        if (!oosLabel.empty() && r.label == oosLabel)
            out.push_back(p[std::size_t(best)]);
        else
            in.emplace_back(p[std::size_t(best)], m.labels()[std::size_t(best)] == r.label ? 1 : 0);
    }
    if (in.empty())
        return 0;
    if (out.empty()) {
        std::vector<double> c;
        for (const auto& [v, ok] : in)
            c.push_back(v);
        std::sort(c.begin(), c.end());
        return c[std::size_t(double(c.size() - 1) * 0.05)];
    }
    double best = 0, bestScore = -1;
    for (int k = 0; k <= 100; ++k) {
        const double t = k / 100.0;
        double acc = 0, rec = 0;
        for (const auto& [v, ok] : in)
            acc += (v >= t && ok) ? 1 : 0;
        for (const double v : out)
            rec += v < t ? 1 : 0;
        const double score = acc / double(in.size()) / 2 + rec / double(out.size()) / 2;
        if (score > bestScore) {
            bestScore = score;
            best = t;
        }
    }
    return best;
}

// ---- product model: fastText-style network in LibTorch ----
struct FastTextNet : nn::Module {
    FastTextNet(std::int64_t vocab, int dim, int classes, double dropout)
    {
        emb = register_module("emb", nn::EmbeddingBag(nn::EmbeddingBagOptions(vocab + 1, dim).mode(torch::kMean).sparse(true)));
        drop = register_module("drop", nn::Dropout(dropout));
        out = register_module("out", nn::Linear(dim, classes));
        torch::NoGradGuard g;
        emb->weight.uniform_(-1.0 / dim, 1.0 / dim);
        out->weight.zero_();
        out->bias.zero_();
    }
    torch::Tensor forward(const torch::Tensor& ids, const torch::Tensor& offsets)
    {
        return out->forward(drop->forward(emb->forward(ids, offsets)));
    }
    nn::EmbeddingBag emb{nullptr};
    nn::Dropout drop{nullptr};
    nn::Linear out{nullptr};
};

class NeuralModel : public IntentModel {
public:
    NeuralModel(Encoded e, const IntentOptions& o)
        : m_vocab(std::move(e.vocab)), m_fo(o.features),
          m_net(std::make_shared<FastTextNet>(std::int64_t(m_vocab.size()), o.dim, int(e.labels.size()), o.dropout))
    {
        m_labels = std::move(e.labels);
    }
    std::vector<double> probabilities(const std::string& text) const override
    {
        auto ids = encodeText(m_vocab, text, m_fo);
        const std::size_t c = m_labels.size();
        if (ids.empty())
            return std::vector<double>(c, 1.0 / double(c));
        c10::InferenceMode guard;
        const auto idT = torch::tensor(ids, torch::kLong);
        const auto off = torch::zeros({1}, torch::kLong);
        const auto p = torch::softmax(m_net->forward(idT, off), 1).contiguous();
        const float* d = p.data_ptr<float>();
        return std::vector<double>(d, d + c);
    }
    std::shared_ptr<FastTextNet> net() const { return m_net; }

private:
    std::unordered_map<std::uint32_t, std::int64_t> m_vocab;
    FeatureOptions m_fo;
    std::shared_ptr<FastTextNet> m_net;
};

// ---- baseline: multinomial logistic regression on TF-IDF ----
class LinearModel : public IntentModel {
public:
    LinearModel(std::unordered_map<std::uint32_t, std::int64_t> vocab, std::vector<std::string> labels, const FeatureOptions& fo)
        : m_vocab(std::move(vocab)), m_fo(fo)
    {
        m_labels = std::move(labels);
        m_idf.assign(m_vocab.size(), 0.0);
        m_w.assign(m_vocab.size() * m_labels.size(), 0.0f);
        m_b.assign(m_labels.size(), 0.0);
    }
    // Sparse TF-IDF vector, L2-normalised.
    std::vector<std::pair<std::int64_t, double>> vectorise(const std::vector<std::int64_t>& ids) const
    {
        std::unordered_map<std::int64_t, double> tf;
        for (const auto i : ids)
            tf[i] += 1;
        std::vector<std::pair<std::int64_t, double>> v;
        double norm = 0;
        for (const auto& [i, c] : tf) {
            const double w = (1 + std::log(c)) * m_idf[std::size_t(i)];
            v.emplace_back(i, w);
            norm += w * w;
        }
        norm = std::sqrt(norm);
        if (norm > 0)
            for (auto& [i, w] : v)
                w /= norm;
        return v;
    }
    void scores(const std::vector<std::pair<std::int64_t, double>>& v, std::vector<double>& z) const
    {
        const std::size_t c = m_labels.size();
        z.assign(m_b.begin(), m_b.end());
        for (const auto& [i, w] : v)
            for (std::size_t k = 0; k < c; ++k)
                z[k] += w * m_w[std::size_t(i) * c + k];
    }
    static void softmax(std::vector<double>& z)
    {
        const double mx = *std::max_element(z.begin(), z.end());
        double s = 0;
        for (auto& v : z)
            s += (v = std::exp(v - mx));
        for (auto& v : z)
            v /= s;
    }
    std::vector<double> probabilities(const std::string& text) const override
    {
        std::vector<double> z;
        scores(vectorise(encodeText(m_vocab, text, m_fo)), z);
        softmax(z);
        return z;
    }
    std::unordered_map<std::uint32_t, std::int64_t> m_vocab;
    FeatureOptions m_fo;
    std::vector<double> m_idf;
    std::vector<float> m_w; // vocab x classes
    std::vector<double> m_b;
};

double accuracyOn(const IntentModel& m, const std::vector<IntentExample>& rows, const std::string& oosLabel)
{
    double ok = 0, n = 0;
    for (const auto& r : rows) {
        if (!oosLabel.empty() && r.label == oosLabel)
            continue;
        const auto p = m.probabilities(r.text);
        const auto best = std::max_element(p.begin(), p.end()) - p.begin();
        ok += m.labels()[std::size_t(best)] == r.label ? 1 : 0;
        n += 1;
    }
    return n > 0 ? ok / n : 0;
}

// The product: the network and the linear model averaged (probabilities), when that is better on
// validation than the network alone.
class EnsembleModel : public IntentModel {
public:
    EnsembleModel(std::unique_ptr<IntentModel> a, std::unique_ptr<IntentModel> b) : m_a(std::move(a)), m_b(std::move(b))
    {
        m_labels = m_a->labels();
        // Both were trained on the same rows: same labels in the same order.
        if (m_b->labels() != m_labels)
            throw Error(ErrorCode::InvalidArgument, "ensemble members disagree on the labels");
    }
    std::vector<double> probabilities(const std::string& text) const override
    {
        auto p = m_a->probabilities(text);
        const auto q = m_b->probabilities(text);
        for (std::size_t k = 0; k < p.size(); ++k)
            p[k] = (p[k] + q[k]) / 2;
        return p;
    }

private:
    std::unique_ptr<IntentModel> m_a, m_b;
};

} // namespace

std::unique_ptr<IntentModel> trainIntents(const std::vector<IntentExample>& train, const std::vector<IntentExample>& validation,
                                          const IntentOptions& options, const Progress& progress)
{
    auto net = trainNeuralIntents(train, validation, options, subProgress(progress, 0.0, 0.7));
    auto lin = trainLinearIntents(train, validation, options, subProgress(progress, 0.7, 1.0));
    const double netAcc = accuracyOn(*net, validation, options.oosLabel);
    auto ens = std::make_unique<EnsembleModel>(std::move(net), std::move(lin));
    const double ensAcc = accuracyOn(*ens, validation, options.oosLabel);
    std::unique_ptr<IntentModel> chosen;
    if (ensAcc >= netAcc) {
        chosen = std::move(ens);
    } else {
        // Not better on validation: the network alone (retrained: the ensemble owns it).
        chosen = trainNeuralIntents(train, validation, options);
    }
    chosen->setThreshold(chooseThreshold(*chosen, validation, options.oosLabel));
    return chosen;
}

Prediction IntentModel::predict(const std::string& text) const
{
    const auto p = probabilities(text);
    const auto best = std::max_element(p.begin(), p.end()) - p.begin();
    Prediction r;
    r.confidence = p[std::size_t(best)];
    r.label = r.confidence >= m_threshold ? int(best) : -1;
    return r;
}

std::unique_ptr<IntentModel> trainNeuralIntents(const std::vector<IntentExample>& train,
                                                const std::vector<IntentExample>& validation, const IntentOptions& o,
                                                const Progress& progress)
{
    ProgressReporter rep(progress);
    Encoded e = encodeTrain(train, o);
    const auto x = e.x;
    const auto y = e.y;
    auto model = std::make_unique<NeuralModel>(std::move(e), o);
    auto net = model->net();
    torch::manual_seed(o.seed);
    std::vector<torch::Tensor> params;
    for (auto& p : net->parameters())
        params.push_back(p);
    const IntentOptions& oo = o;
    torch::optim::SGD sgd(params, torch::optim::SGDOptions(oo.learningRate));
    std::vector<std::size_t> order(x.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    Rng rng(o.seed);
    const std::int64_t totalSteps = std::int64_t(oo.maxEpochs) * std::int64_t((x.size() + std::size_t(o.batch) - 1) / std::size_t(o.batch));
    std::int64_t step = 0;
    double bestAcc = -1;
    int bestEpoch = 0, sinceBest = 0;
    std::vector<torch::Tensor> bestState;
    for (int epoch = 1; epoch <= oo.maxEpochs; ++epoch) {
        net->train();
        for (std::size_t i = order.size(); i > 1; --i)
            std::swap(order[i - 1], order[std::size_t(rng.below(i))]);
        for (std::size_t b = 0; b < order.size(); b += std::size_t(o.batch)) {
            std::vector<std::int64_t> ids, offsets, labels;
            for (std::size_t k = b; k < std::min(order.size(), b + std::size_t(o.batch)); ++k) {
                offsets.push_back(std::int64_t(ids.size()));
                const auto& xi = x[order[k]];
                if (xi.empty())
                    ids.push_back(std::int64_t(model->net()->emb->options.num_embeddings() - 1)); // the padding row
                else
                    ids.insert(ids.end(), xi.begin(), xi.end());
                labels.push_back(y[order[k]]);
            }
            const double lr = oo.learningRate * std::max(0.0, 1.0 - double(step++) / double(totalSteps));
            for (auto& g : sgd.param_groups())
                static_cast<torch::optim::SGDOptions&>(g.options()).lr(lr);
            sgd.zero_grad();
            const auto logits = net->forward(torch::tensor(ids, torch::kLong), torch::tensor(offsets, torch::kLong));
            // Summed over the batch: each message takes a fastText-sized step.
            const auto loss = torch::nn::functional::cross_entropy(
                logits, torch::tensor(labels, torch::kLong),
                torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum));
            loss.backward();
            sgd.step();
        }
        net->eval();
        const double acc = validation.empty() ? 0.0 : accuracyOn(*model, validation, o.oosLabel);
        if (acc > bestAcc) {
            bestAcc = acc;
            bestEpoch = epoch;
            sinceBest = 0;
            torch::NoGradGuard g;
            bestState.clear();
            for (const auto& p : net->parameters())
                bestState.push_back(p.detach().clone());
        } else if (++sinceBest >= 5 && epoch >= kMinEpochs) {
            break;
        }
        rep.report(double(epoch) / double(o.maxEpochs), "training the intent model");
    }
    {
        torch::NoGradGuard g;
        auto ps = net->parameters();
        for (std::size_t i = 0; i < ps.size() && i < bestState.size(); ++i)
            ps[i].copy_(bestState[i]);
    }
    net->eval();
    (void)bestEpoch;
    model->setThreshold(chooseThreshold(*model, validation, o.oosLabel));
    rep.report(1.0, "intent model trained");
    return model;
}

std::unique_ptr<IntentModel> trainLinearIntents(const std::vector<IntentExample>& train,
                                                const std::vector<IntentExample>& validation, const IntentOptions& o,
                                                const Progress& progress)
{
    ProgressReporter rep(progress);
    Encoded e = encodeTrain(train, o);
    auto model = std::make_unique<LinearModel>(e.vocab, e.labels, o.features);
    // IDF from training documents.
    std::vector<double> df(e.vocab.size(), 0.0);
    for (const auto& xi : e.x) {
        std::vector<std::int64_t> u(xi);
        std::sort(u.begin(), u.end());
        u.erase(std::unique(u.begin(), u.end()), u.end());
        for (const auto i : u)
            df[std::size_t(i)] += 1;
    }
    const double n = double(e.x.size());
    for (std::size_t i = 0; i < df.size(); ++i)
        model->m_idf[i] = std::log((1 + n) / (1 + df[i])) + 1;
    std::vector<std::vector<std::pair<std::int64_t, double>>> v;
    for (const auto& xi : e.x)
        v.push_back(model->vectorise(xi));
    const std::size_t c = e.labels.size();
    std::vector<std::size_t> order(v.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    Rng rng(o.seed);
    const double lambda = 1e-5;
    double bestAcc = -1;
    std::vector<float> bestW;
    std::vector<double> bestB;
    const int epochs = 15;
    std::vector<double> z;
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        for (std::size_t i = order.size(); i > 1; --i)
            std::swap(order[i - 1], order[std::size_t(rng.below(i))]);
        const double lr = 1.0 / (1.0 + 0.5 * (epoch - 1));
        for (const std::size_t i : order) {
            model->scores(v[i], z);
            LinearModel::softmax(z);
            z[std::size_t(e.y[i])] -= 1; // gradient of the cross-entropy
            for (const auto& [f, w] : v[i])
                for (std::size_t k = 0; k < c; ++k) {
                    float& wk = model->m_w[std::size_t(f) * c + k];
                    wk -= float(lr * (z[k] * w + lambda * wk));
                }
            for (std::size_t k = 0; k < c; ++k)
                model->m_b[k] -= lr * z[k] * 0.1;
        }
        const double acc = validation.empty() ? 0.0 : accuracyOn(*model, validation, o.oosLabel);
        if (acc > bestAcc) {
            bestAcc = acc;
            bestW = model->m_w;
            bestB = model->m_b;
        }
        rep.report(double(epoch) / epochs, "training the linear baseline");
    }
    if (!bestW.empty()) {
        model->m_w = bestW;
        model->m_b = bestB;
    }
    model->setThreshold(chooseThreshold(*model, validation, o.oosLabel));
    return model;
}

IntentScore scoreIntents(const IntentModel& m, const std::vector<IntentExample>& test, const std::string& oosLabel)
{
    IntentScore s;
    s.threshold = m.threshold();
    double all = 0, allOk = 0, in = 0, inOk = 0, out = 0, outOk = 0;
    for (const auto& r : test) {
        const auto p = m.probabilities(r.text);
        const auto best = std::max_element(p.begin(), p.end()) - p.begin();
        const bool refused = !oosLabel.empty() && p[std::size_t(best)] < m.threshold();
        const bool isOos = !oosLabel.empty() && r.label == oosLabel;
        all += 1;
        if (isOos) {
            out += 1;
            outOk += refused ? 1 : 0;
            allOk += refused ? 1 : 0;
        } else {
            in += 1;
            const bool ok = !refused && m.labels()[std::size_t(best)] == r.label;
            inOk += ok ? 1 : 0;
            allOk += ok ? 1 : 0;
        }
    }
    s.accuracy = all > 0 ? allOk / all : 0;
    s.inScopeAccuracy = in > 0 ? inOk / in : 0;
    s.oosRecall = out > 0 ? outOk / out : 0;
    return s;
}

} // namespace shoppilot::support
