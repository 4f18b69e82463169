// BPR matrix factorisation and SASRec in LibTorch. SASRec follows Kang & McAuley (2018) in shape
// (item + position embeddings, causal self-attention blocks, tied output embedding) but trains
// with full-softmax cross-entropy over the catalogue instead of BCE with one sampled negative:
// on Beauty (~12k items) the softmax is cheap and converges far faster and higher (Klenitskiy &
// Vasilev, "Turning Dross Into Gold Loss", RecSys 2023; Petrov & Macdonald, gSASRec).
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/loss.h>
#include <torch/nn/functional/normalization.h>
#include <torch/nn/init.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/optim/adam.h>
#include <torch/types.h>
#include <torch/utils.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

#include "common/error.h"
#include "common/random.h"
#include "engine/engine.h"
#include "recs/checkpoint.h"
#include "recs/recommender.h"

namespace shoppilot::recs {

namespace {

using Clock = std::chrono::steady_clock;
namespace nn = torch::nn;
namespace F = torch::nn::functional;

double since(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Keeps the best parameters seen by validation, so early stopping returns them.
class BestKeeper {
public:
    void keep(const nn::Module& m)
    {
        torch::NoGradGuard g;
        m_state.clear();
        for (const auto& p : m.named_parameters(true))
            m_state.push_back(p.value().detach().clone());
    }
    void restore(nn::Module& m) const
    {
        if (m_state.empty())
            return;
        torch::NoGradGuard g;
        std::size_t i = 0;
        for (auto& p : m.named_parameters(true))
            p.value().copy_(m_state[i++]);
    }

private:
    std::vector<torch::Tensor> m_state;
};

void seedTorch(std::uint64_t seed)
{
    torch::manual_seed(seed);
}

// --------------------------------------------------------------------------------- SASRec

struct BlockImpl : nn::Module {
    BlockImpl(int d, int heads, double p)
        : heads(heads),
          ln1(register_module("ln1", nn::LayerNorm(nn::LayerNormOptions({d}).eps(1e-8)))),
          ln2(register_module("ln2", nn::LayerNorm(nn::LayerNormOptions({d}).eps(1e-8)))),
          qkv(register_module("qkv", nn::Linear(d, 3 * d))),
          proj(register_module("proj", nn::Linear(d, d))),
          ff1(register_module("ff1", nn::Linear(d, d))),
          ff2(register_module("ff2", nn::Linear(d, d))),
          drop(register_module("drop", nn::Dropout(p)))
    {
    }

    // x [B,L,D]; mask additive [B,1,L,L]; keep [B,L,1]. attn (optional) gets [B,L,L] head-mean.
    torch::Tensor forward(torch::Tensor x, const torch::Tensor& mask, const torch::Tensor& keep, torch::Tensor* attn)
    {
        const auto B = x.size(0), L = x.size(1), D = x.size(2);
        const auto dh = D / heads;
        auto parts = qkv(ln1(x)).view({B, L, 3, heads, dh}).permute({2, 0, 3, 1, 4}); // [3,B,H,L,dh]
        auto q = parts[0], k = parts[1], v = parts[2];
        auto scores = torch::matmul(q, k.transpose(-2, -1)).mul_(1.0 / std::sqrt(double(dh))).add_(mask);
        auto a = torch::softmax(scores, -1);
        if (attn)
            *attn = a.mean(1);
        auto o = torch::matmul(drop(a), v).transpose(1, 2).reshape({B, L, D});
        x = x + drop(proj(o));
        x = x + drop(ff2(drop(torch::gelu(ff1(ln2(x))))));
        return x * keep;
    }

    int heads;
    nn::LayerNorm ln1, ln2;
    nn::Linear qkv, proj, ff1, ff2;
    nn::Dropout drop;
};
TORCH_MODULE(Block);

struct SasNetImpl : nn::Module {
    SasNetImpl(int numItems, int d, int maxLen, int blocks, int heads, double p)
        : dim(d), maxLen(maxLen),
          item(register_module("item", nn::Embedding(nn::EmbeddingOptions(numItems + 1, d).padding_idx(0)))),
          pos(register_module("pos", nn::Embedding(maxLen, d))),
          lnf(register_module("lnf", nn::LayerNorm(nn::LayerNormOptions({d}).eps(1e-8)))),
          drop(register_module("drop", nn::Dropout(p)))
    {
        for (int b = 0; b < blocks; ++b)
            layers.push_back(register_module("block" + std::to_string(b), Block(d, heads, p)));
        torch::NoGradGuard g;
        nn::init::normal_(item->weight, 0.0, 1.0 / std::sqrt(double(d)));
        item->weight[0].zero_();
        nn::init::normal_(pos->weight, 0.0, 1.0 / std::sqrt(double(d)));
    }

    // seq [B,L] left-padded item indices -> hidden states [B,L,D].
    torch::Tensor encode(const torch::Tensor& seq, torch::Tensor* lastAttn = nullptr)
    {
        const auto L = seq.size(1);
        auto keep = seq.ne(0).unsqueeze(-1).to(torch::kFloat); // [B,L,1]
        auto positions = torch::arange(maxLen - L, maxLen, torch::kLong);
        auto x = item(seq) * std::sqrt(double(dim)) + pos(positions).unsqueeze(0);
        x = drop(x) * keep;
        // Causal + key padding as one additive mask; finite so all-padding rows stay NaN-free.
        auto causal = torch::ones({L, L}, torch::kBool).triu(1);
        auto blocked = causal.unsqueeze(0).logical_or(seq.eq(0).unsqueeze(1)); // [B,L,L]
        auto mask = torch::zeros(blocked.sizes(), torch::kFloat).masked_fill_(blocked, -1e9).unsqueeze(1);
        for (std::size_t b = 0; b < layers.size(); ++b)
            x = layers[b]->forward(x, mask, keep, b + 1 == layers.size() ? lastAttn : nullptr);
        return lnf(x);
    }

    int dim, maxLen;
    nn::Embedding item, pos;
    nn::LayerNorm lnf;
    nn::Dropout drop;
    std::vector<Block> layers;
};
TORCH_MODULE(SasNet);

// Left-pads the last maxLen items of each row into a [rows, L] tensor, L = the longest row
// clipped to maxLen (short batches skip the all-padding columns).
torch::Tensor padLeft(const std::vector<const std::vector<ItemIndex>*>& rows, int maxLen, std::size_t dropLast = 0)
{
    std::size_t L = 1;
    for (auto* r : rows)
        L = std::max(L, std::min<std::size_t>(std::size_t(maxLen), r->size() > dropLast ? r->size() - dropLast : 0));
    auto t = torch::zeros({std::int64_t(rows.size()), std::int64_t(L)}, torch::kLong);
    auto* p = t.data_ptr<std::int64_t>();
    for (std::size_t b = 0; b < rows.size(); ++b) {
        const auto& r = *rows[b];
        const std::size_t n = r.size() > dropLast ? r.size() - dropLast : 0;
        const std::size_t take = std::min(n, L);
        for (std::size_t k = 0; k < take; ++k)
            p[b * L + (L - take) + k] = r[n - take + k];
    }
    return t;
}

class SasRecRecommender final : public Recommender {
public:
    ModelKind kind() const override { return ModelKind::SasRec; }

    TrainReport fit(const std::vector<std::vector<ItemIndex>>& train, int numItems,
                    const std::vector<EvalCase>& validation, const TrainOptions& o, const Progress& progress) override
    {
        ProgressReporter rep(progress);
        const auto t0 = Clock::now();
        seedTorch(o.seed);
        m_numItems = numItems;
        m_opt = o;
        m_net = SasNet(numItems, o.dim, o.maxLen, o.blocks, o.heads, o.dropout);
        torch::optim::Adam adam(m_net->parameters(), torch::optim::AdamOptions(o.lr).weight_decay(o.weightDecay));

        std::vector<std::size_t> users;
        for (std::size_t u = 0; u < train.size(); ++u)
            if (train[u].size() >= 2)
                users.push_back(u);
        const std::vector<EvalCase> val = subset(validation, o.validationUsers, o.seed);
        Rng rng(o.seed, 0x5a5);
        BestKeeper best;
        TrainReport r;
        int sinceBest = 0;
        double trainSeconds = 0;
        for (int epoch = 1; epoch <= o.maxEpochs; ++epoch) {
            const auto te = Clock::now();
            m_net->train();
            // Batches of similar lengths: most histories are short, and a batch is as wide as
            // its longest row, so mixing lengths would spend most of the work on padding.
            for (std::size_t i = users.size(); i > 1; --i)
                std::swap(users[i - 1], users[rng.below(i)]);
            std::stable_sort(users.begin(), users.end(), [&](std::size_t x, std::size_t y) {
                return std::min(train[x].size(), std::size_t(o.maxLen) + 1) < std::min(train[y].size(), std::size_t(o.maxLen) + 1);
            });
            std::vector<std::size_t> starts;
            for (std::size_t start = 0; start < users.size(); start += std::size_t(o.batchSize))
                starts.push_back(start);
            for (std::size_t i = starts.size(); i > 1; --i)
                std::swap(starts[i - 1], starts[rng.below(i)]);
            for (std::size_t b = 0; b < starts.size(); ++b) {
                const std::size_t start = starts[b];
                rep.report((double(epoch - 1) + double(b) / double(starts.size())) / double(o.maxEpochs),
                           "training SASRec, epoch " + std::to_string(epoch));
                const std::size_t end = std::min(users.size(), start + std::size_t(o.batchSize));
                std::vector<const std::vector<ItemIndex>*> rows;
                for (std::size_t i = start; i < end; ++i)
                    rows.push_back(&train[users[i]]);
                // Input: all but the last item; target: the next item at every position.
                auto input = padLeft(rows, o.maxLen, 1);
                auto target = torch::zeros_like(input);
                {
                    const auto L = input.size(1);
                    auto* p = target.data_ptr<std::int64_t>();
                    for (std::size_t b = 0; b < rows.size(); ++b) {
                        const auto& s = *rows[b];
                        const std::size_t take = std::min<std::size_t>(std::size_t(L), s.size() - 1);
                        for (std::size_t k = 0; k < take; ++k)
                            p[b * std::size_t(L) + (std::size_t(L) - take) + k] = s[s.size() - take + k];
                    }
                }
                auto h = m_net->encode(input);
                auto sel = target.ne(0);
                auto hs = h.index({sel});
                auto targets = target.index({sel});
                torch::Tensor loss;
                if (o.negatives > 0 && o.negatives < numItems) {
                    const auto& W = m_net->item->weight;
                    auto negs = torch::randint(1, numItems + 1, {o.negatives}, torch::kLong);
                    auto pos = (hs * W.index({targets})).sum(-1, true);          // [P,1]
                    auto neg = torch::mm(hs, W.index({negs}).t());               // [P,K]
                    // A drawn item that is the position's own target is not a negative.
                    neg = neg.masked_fill(negs.unsqueeze(0).eq(targets.unsqueeze(1)), -1e9);
                    loss = F::cross_entropy(torch::cat({pos, neg}, 1), torch::zeros_like(targets),
                                            F::CrossEntropyFuncOptions().label_smoothing(o.labelSmoothing));
                } else {
                    loss = F::cross_entropy(torch::mm(hs, m_net->item->weight.t()), targets,
                                            F::CrossEntropyFuncOptions().label_smoothing(o.labelSmoothing));
                }
                adam.zero_grad();
                loss.backward();
                adam.step();
            }
            trainSeconds += since(te);
            r.epochs = epoch;
            if (val.empty() || (epoch % std::max(1, o.evalEvery) != 0 && epoch != o.maxEpochs))
                continue;
            m_net->eval();
            const double ndcg = validationNdcg10(*this, val, o.selectOnSampled);
            r.validationCurve.push_back(ndcg);
            r.validationSeconds.push_back(since(t0));
            if (ndcg > r.bestValidationNdcg10) {
                r.bestValidationNdcg10 = ndcg;
                r.bestEpoch = epoch;
                best.keep(*m_net);
                sinceBest = 0;
            } else if (++sinceBest >= o.patience) {
                break;
            }
        }
        best.restore(*m_net);
        m_net->eval();
        r.seconds = since(t0);
        r.secondsPerEpoch = r.epochs > 0 ? trainSeconds / r.epochs : 0;
        rep.report(1.0, "SASRec trained");
        return r;
    }

    void scoreBatch(std::span<const EvalCase* const> cases, float* out) const override
    {
        requireNet();
        c10::InferenceMode guard;
        std::vector<const std::vector<ItemIndex>*> rows;
        for (auto* c : cases)
            rows.push_back(&c->history);
        auto h = m_net->encode(padLeft(rows, m_opt.maxLen)).select(1, -1); // [B,D]
        auto logits = torch::mm(h, m_net->item->weight.t()).contiguous();
        std::copy_n(logits.data_ptr<float>(), logits.numel(), out);
    }

    std::vector<Contribution> explain(std::int32_t, const std::vector<ItemIndex>& history, ItemIndex item) const override
    {
        requireNet();
        if (history.empty() || item < 1 || item > m_numItems)
            return {};
        c10::InferenceMode guard;
        std::vector<const std::vector<ItemIndex>*> rows{&history};
        auto seq = padLeft(rows, m_opt.maxLen);
        torch::Tensor attn;
        m_net->encode(seq, &attn);
        const auto L = seq.size(1);
        auto a = attn[0][L - 1].contiguous(); // what the last position attended to
        auto E = m_net->item->weight;
        auto target = F::normalize(E[item], F::NormalizeFuncOptions().dim(0));
        auto hist = F::normalize(E.index({seq[0]}), F::NormalizeFuncOptions().dim(1));
        auto cos = torch::mv(hist, target).contiguous();
        const auto* ap = a.data_ptr<float>();
        const auto* cp = cos.data_ptr<float>();
        const auto* sp = seq.data_ptr<std::int64_t>();
        // Attention says which items the model read, similarity which of them point at this item.
        std::vector<Contribution> out;
        for (std::int64_t k = 0; k < L; ++k) {
            if (sp[k] == 0)
                continue;
            const float w = ap[k] * std::max(0.f, cp[k]);
            auto it = std::find_if(out.begin(), out.end(), [&](auto& c) { return c.item == sp[k]; });
            if (it != out.end())
                it->weight += w;
            else
                out.push_back({ItemIndex(sp[k]), w});
        }
        std::sort(out.begin(), out.end(), [](auto& x, auto& y) { return x.weight > y.weight; });
        return out;
    }

    std::vector<Contribution> similarItems(ItemIndex item, int n) const override
    {
        requireNet();
        return embeddingNeighbours(m_net->item->weight, item, n, m_numItems);
    }

    std::vector<std::uint8_t> save() const override
    {
        requireNet();
        nlohmann::json h{{"num_items", m_numItems}, {"dim", m_opt.dim}, {"max_len", m_opt.maxLen},
                         {"blocks", m_opt.blocks}, {"heads", m_opt.heads}, {"dropout", m_opt.dropout}};
        return detail::writeCheckpoint(kind(), h, engine::serializeModule(*m_net));
    }

    void load(const std::vector<std::uint8_t>& bytes) override
    {
        auto p = detail::readCheckpoint(bytes, kind());
        TrainOptions o;
        int n = 0;
        try {
            n = p.header.at("num_items").get<int>();
            o.dim = p.header.at("dim").get<int>();
            o.maxLen = p.header.at("max_len").get<int>();
            o.blocks = p.header.at("blocks").get<int>();
            o.heads = p.header.at("heads").get<int>();
            o.dropout = p.header.at("dropout").get<double>();
        } catch (const std::exception& e) {
            throw Error(ErrorCode::Model, std::string("this SASRec checkpoint's header lacks a setting (") + e.what()
                                              + "); retrain the model to replace it");
        }
        if (n < 1 || o.dim < 1 || o.maxLen < 1 || o.blocks < 0 || o.heads < 1 || o.dim % o.heads != 0)
            throw Error(ErrorCode::Model, "this SASRec checkpoint's settings are impossible; retrain the model");
        SasNet net(n, o.dim, o.maxLen, o.blocks, o.heads, o.dropout);
        engine::deserializeModule(*net, p.payload);
        net->eval();
        m_net = net;
        m_opt = o;
        m_numItems = n;
    }

    static std::vector<Contribution> embeddingNeighbours(const torch::Tensor& weight, ItemIndex item, int n, int numItems)
    {
        if (item < 1 || item > numItems || n <= 0)
            return {};
        c10::InferenceMode guard;
        auto E = F::normalize(weight, F::NormalizeFuncOptions().dim(1));
        auto sims = torch::mv(E, E[item]);
        sims[0] = -2;
        sims[item] = -2;
        auto top = sims.topk(std::min<std::int64_t>(n, numItems - 1));
        auto vals = std::get<0>(top).contiguous();
        auto idx = std::get<1>(top).contiguous();
        std::vector<Contribution> out;
        for (std::int64_t k = 0; k < vals.numel(); ++k)
            out.push_back({ItemIndex(idx.data_ptr<std::int64_t>()[k]), vals.data_ptr<float>()[k]});
        return out;
    }

    static std::vector<EvalCase> subset(const std::vector<EvalCase>& all, int n, std::uint64_t seed)
    {
        if (n <= 0 || std::size_t(n) >= all.size())
            return all;
        std::vector<std::size_t> idx(all.size());
        std::iota(idx.begin(), idx.end(), 0);
        Rng rng(seed, 0xfa1);
        for (std::size_t i = idx.size(); i > 1; --i)
            std::swap(idx[i - 1], idx[rng.below(i)]);
        std::vector<EvalCase> out;
        for (int i = 0; i < n; ++i)
            out.push_back(all[idx[std::size_t(i)]]);
        return out;
    }

private:
    void requireNet() const
    {
        if (!m_net)
            throw Error(ErrorCode::Model, "the SASRec model has not been trained or loaded yet");
    }

    // Inference is logically const; torch modules have no const forward.
    mutable SasNet m_net{nullptr};
    TrainOptions m_opt;
};

// --------------------------------------------------------------------------------- BPR-MF

struct BprNetImpl : nn::Module {
    BprNetImpl(int users, int items, int d)
        : user(register_module("user", nn::Embedding(std::max(1, users), d))),
          item(register_module("item", nn::Embedding(items + 1, d)))
    {
        torch::NoGradGuard g;
        nn::init::normal_(user->weight, 0.0, 0.1);
        nn::init::normal_(item->weight, 0.0, 0.1);
    }
    nn::Embedding user, item;
};
TORCH_MODULE(BprNet);

// Rendle et al. (2009): a user and item vector each, trained so a user's items score above
// uniformly drawn others. A user the model never saw gets the mean of their items' vectors.
class BprRecommender final : public Recommender {
public:
    ModelKind kind() const override { return ModelKind::Bpr; }

    TrainReport fit(const std::vector<std::vector<ItemIndex>>& train, int numItems,
                    const std::vector<EvalCase>& validation, const TrainOptions& o, const Progress& progress) override
    {
        ProgressReporter rep(progress);
        const auto t0 = Clock::now();
        seedTorch(o.seed);
        m_numItems = numItems;
        m_numUsers = int(train.size());
        m_dim = o.dim;
        m_net = BprNet(m_numUsers, numItems, o.dim);
        // BPR needs a larger step than the sequence model to move in a few dozen epochs.
        torch::optim::Adam adam(m_net->parameters(), torch::optim::AdamOptions(o.lr * 5));
        std::vector<std::pair<std::int32_t, ItemIndex>> pairs;
        std::vector<std::vector<ItemIndex>> sorted(train.size());
        for (std::size_t u = 0; u < train.size(); ++u) {
            for (auto i : train[u])
                pairs.push_back({std::int32_t(u), i});
            sorted[u] = train[u];
            std::sort(sorted[u].begin(), sorted[u].end());
        }
        const std::vector<EvalCase> val = SasRecRecommender::subset(validation, o.validationUsers, o.seed);
        Rng rng(o.seed, 0xb9);
        BestKeeper best;
        TrainReport r;
        int sinceBest = 0;
        double trainSeconds = 0;
        const std::size_t batch = 4096;
        const double reg = 1e-4;
        for (int epoch = 1; epoch <= o.maxEpochs; ++epoch) {
            const auto te = Clock::now();
            m_net->train();
            for (std::size_t i = pairs.size(); i > 1; --i)
                std::swap(pairs[i - 1], pairs[rng.below(i)]);
            for (std::size_t start = 0; start < pairs.size(); start += batch) {
                rep.report((double(epoch - 1) + double(start) / double(pairs.size())) / double(o.maxEpochs),
                           "training BPR, epoch " + std::to_string(epoch));
                const std::size_t end = std::min(pairs.size(), start + batch);
                const auto B = std::int64_t(end - start);
                auto u = torch::empty({B}, torch::kLong), pi = torch::empty({B}, torch::kLong),
                     ni = torch::empty({B}, torch::kLong);
                auto *up = u.data_ptr<std::int64_t>(), *pp = pi.data_ptr<std::int64_t>(), *np = ni.data_ptr<std::int64_t>();
                for (std::size_t k = start; k < end; ++k) {
                    const auto [uu, ii] = pairs[k];
                    ItemIndex j;
                    do
                        j = ItemIndex(1 + rng.below(std::uint64_t(numItems)));
                    while (std::binary_search(sorted[std::size_t(uu)].begin(), sorted[std::size_t(uu)].end(), j));
                    up[k - start] = uu;
                    pp[k - start] = ii;
                    np[k - start] = j;
                }
                auto eu = m_net->user(u), ep = m_net->item(pi), en = m_net->item(ni);
                auto x = (eu * (ep - en)).sum(1);
                auto loss = -F::logsigmoid(x).mean()
                            + reg * (eu.pow(2).sum(1) + ep.pow(2).sum(1) + en.pow(2).sum(1)).mean();
                adam.zero_grad();
                loss.backward();
                adam.step();
            }
            trainSeconds += since(te);
            r.epochs = epoch;
            if (val.empty() || (epoch % std::max(1, o.evalEvery) != 0 && epoch != o.maxEpochs))
                continue;
            m_net->eval();
            const double ndcg = validationNdcg10(*this, val, o.selectOnSampled);
            r.validationCurve.push_back(ndcg);
            r.validationSeconds.push_back(since(t0));
            if (ndcg > r.bestValidationNdcg10) {
                r.bestValidationNdcg10 = ndcg;
                r.bestEpoch = epoch;
                best.keep(*m_net);
                sinceBest = 0;
            } else if (++sinceBest >= o.patience) {
                break;
            }
        }
        best.restore(*m_net);
        m_net->eval();
        r.seconds = since(t0);
        r.secondsPerEpoch = r.epochs > 0 ? trainSeconds / r.epochs : 0;
        rep.report(1.0, "BPR trained");
        return r;
    }

    void scoreBatch(std::span<const EvalCase* const> cases, float* out) const override
    {
        if (!m_net)
            throw Error(ErrorCode::Model, "the BPR model has not been trained or loaded yet");
        c10::InferenceMode guard;
        auto U = torch::empty({std::int64_t(cases.size()), m_dim}, torch::kFloat);
        for (std::size_t b = 0; b < cases.size(); ++b)
            U[std::int64_t(b)].copy_(userVector(*cases[b]));
        auto s = torch::mm(U, m_net->item->weight.t()).contiguous();
        std::copy_n(s.data_ptr<float>(), s.numel(), out);
    }

    std::vector<Contribution> explain(std::int32_t, const std::vector<ItemIndex>& history, ItemIndex item) const override
    {
        std::vector<Contribution> out;
        for (const auto& c : similarItems(item, 200))
            if (std::find(history.begin(), history.end(), c.item) != history.end())
                out.push_back(c);
        return out;
    }

    std::vector<Contribution> similarItems(ItemIndex item, int n) const override
    {
        if (!m_net)
            return {};
        return SasRecRecommender::embeddingNeighbours(m_net->item->weight, item, n, m_numItems);
    }

    std::vector<std::uint8_t> save() const override
    {
        if (!m_net)
            throw Error(ErrorCode::Model, "the BPR model has not been trained yet");
        return detail::writeCheckpoint(kind(), {{"num_items", m_numItems}, {"num_users", m_numUsers}, {"dim", m_dim}},
                                       engine::serializeModule(*m_net));
    }

    void load(const std::vector<std::uint8_t>& bytes) override
    {
        auto p = detail::readCheckpoint(bytes, kind());
        const int n = p.header.value("num_items", 0), users = p.header.value("num_users", 0), d = p.header.value("dim", 0);
        if (n < 1 || d < 1)
            throw Error(ErrorCode::Model, "this BPR checkpoint's settings are impossible; retrain the model");
        BprNet net(users, n, d);
        engine::deserializeModule(*net, p.payload);
        m_net = net;
        m_numItems = n;
        m_numUsers = users;
        m_dim = d;
    }

private:
    torch::Tensor userVector(const EvalCase& c) const
    {
        if (c.user >= 0 && c.user < m_numUsers)
            return m_net->user->weight[c.user];
        if (c.history.empty())
            return torch::zeros({m_dim});
        std::vector<std::int64_t> h(c.history.begin(), c.history.end());
        return m_net->item->weight.index({torch::tensor(h)}).mean(0);
    }

    mutable BprNet m_net{nullptr};
    int m_numUsers = 0;
    std::int64_t m_dim = 64;
};

} // namespace

std::unique_ptr<Recommender> makeTorchRecommender(ModelKind kind)
{
    if (kind == ModelKind::Bpr)
        return std::make_unique<BprRecommender>();
    return std::make_unique<SasRecRecommender>();
}

} // namespace shoppilot::recs
