#include "segments/churn.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/optim/adam.h>
#include <torch/types.h>

#include <cmath>

#include "common/error.h"
#include "segments/clv_model.h"

namespace shoppilot::segments {

namespace {

struct ClassifierImpl : torch::nn::Module {
    // hidden == 0: logistic regression on the features.
    ClassifierImpl(int in, int hidden)
        : l1(hidden > 0 ? register_module("l1", torch::nn::Linear(in, hidden)) : torch::nn::Linear(nullptr)),
          out(register_module("out", torch::nn::Linear(hidden > 0 ? hidden : in, 1)))
    {
    }
    torch::Tensor forward(const torch::Tensor& x) { return (l1.is_empty() ? out(x) : out(torch::relu(l1(x)))).squeeze(1); }
    torch::nn::Linear l1, out;
};
TORCH_MODULE(Classifier);

void rowFeatures(const Summary& s, const BgNbdParams& p, int horizon, float* f)
{
    purchaseFeatures(s, p, horizon, bgnbdConditionalExpected(p, s.x, s.tx, s.T, horizon), f);
}

} // namespace

struct ChurnModel::Impl {
    Classifier net{nullptr};
    std::vector<float> mean, scale;
    int examples = 0;
    int horizon = 90;
};

ChurnModel::ChurnModel() : m_impl(std::make_unique<Impl>()) {}
ChurnModel::ChurnModel(ChurnModel&&) noexcept = default;
ChurnModel& ChurnModel::operator=(ChurnModel&&) noexcept = default;
ChurnModel::~ChurnModel() = default;
int ChurnModel::examples() const { return m_impl->examples; }
int ChurnModel::horizon() const { return m_impl->horizon; }

ChurnModel ChurnModel::train(const std::vector<CustomerDays>& customers, int trainEnd, const ChurnOptions& o, const Progress& progress)
{
    ProgressReporter rep(progress);
    std::vector<float> x, y;
    for (int k = 0; k < o.cutoffs; ++k) {
        rep.report(0.5 * k / o.cutoffs, "preparing churn windows");
        const int cut = trainEnd - o.horizon - k * o.cutoffStride;
        std::vector<Summary> sums, all;
        std::vector<int> labels;
        for (const auto& c : customers) {
            Summary s;
            if (!summarise(c, cut, s))
                continue;
            all.push_back(s);
            if (s.x + 1 >= kMinPurchaseDaysForPrediction) {
                sums.push_back(s);
                labels.push_back(countDays(c, cut, cut + o.horizon) == 0 ? 1 : 0);
            }
        }
        if (sums.size() < 20)
            continue;
        std::vector<RfmPoint> pts;
        for (const auto& s : all)
            pts.push_back({s.x, s.tx, s.T});
        BgNbdParams p;
        try {
            p = fitBgNbd(pts).params;
        } catch (const Error&) {
            continue;
        }
        for (std::size_t i = 0; i < sums.size(); ++i) {
            float f[kPurchaseFeatures];
            rowFeatures(sums[i], p, o.horizon, f);
            x.insert(x.end(), f, f + kPurchaseFeatures);
            y.push_back(float(labels[i]));
        }
    }
    double pos = 0;
    for (float v : y)
        pos += v;
    if (y.size() < 20 || pos == 0 || pos == double(y.size()))
        throw Error(ErrorCode::InvalidArgument, "not enough history before " + isoFromDay(trainEnd) +
                                                    " to train the churn model (" + std::to_string(y.size()) +
                                                    " customer windows with " + std::to_string(kMinPurchaseDaysForPrediction) +
                                                    "+ purchase days and both outcomes needed)");
    ChurnModel m;
    auto& im = *m.m_impl;
    im.horizon = o.horizon;
    const int n = int(y.size());
    im.examples = n;
    columnMeanScale(x, kPurchaseFeatures, {}, im.mean, im.scale);
    for (int r = 0; r < n; ++r)
        for (int k = 0; k < kPurchaseFeatures; ++k) {
            auto& v = x[std::size_t(r) * kPurchaseFeatures + std::size_t(k)];
            v = (v - im.mean[std::size_t(k)]) / im.scale[std::size_t(k)];
        }
    torch::manual_seed(o.seed);
    im.net = Classifier(kPurchaseFeatures, o.hidden);
    const auto tx = torch::from_blob(x.data(), {n, kPurchaseFeatures}, torch::kFloat32).clone();
    const auto ty = torch::from_blob(y.data(), {n}, torch::kFloat32).clone();
    torch::optim::Adam opt(im.net->parameters(), torch::optim::AdamOptions(0.01).weight_decay(1e-4));
    for (int ep = 1; ep <= o.epochs; ++ep) {
        opt.zero_grad();
        const auto logits = im.net->forward(tx);
        const auto loss = torch::binary_cross_entropy_with_logits(logits, ty);
        loss.backward();
        opt.step();
        if (ep % 25 == 0)
            rep.report(0.5 + 0.5 * ep / o.epochs, "training the churn model");
    }
    im.net->eval();
    rep.report(1.0, "training the churn model");
    return m;
}

std::vector<double> ChurnModel::predict(const std::vector<Summary>& customers, const BgNbdParams& p) const
{
    if (m_impl->net.is_empty())
        throw Error(ErrorCode::Model, "the churn model is not trained");
    if (customers.empty())
        return {};
    const int n = int(customers.size());
    std::vector<float> x(std::size_t(n) * kPurchaseFeatures);
    for (int i = 0; i < n; ++i) {
        float* f = &x[std::size_t(i) * kPurchaseFeatures];
        rowFeatures(customers[std::size_t(i)], p, m_impl->horizon, f);
        for (int k = 0; k < kPurchaseFeatures; ++k)
            f[k] = (f[k] - m_impl->mean[std::size_t(k)]) / m_impl->scale[std::size_t(k)];
    }
    c10::InferenceMode guard;
    const auto prob = torch::sigmoid(m_impl->net->forward(torch::from_blob(x.data(), {n, kPurchaseFeatures}, torch::kFloat32)))
                          .contiguous();
    const float* d = prob.data_ptr<float>();
    return std::vector<double>(d, d + n);
}

} // namespace shoppilot::segments
