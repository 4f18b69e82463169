// The LibTorch member of the family: a two-layer MLP on standardised features, BCE with the
// positive class weighted by neg/pos, Adam, the epoch with the best validation PR-AUC kept.
// Reasons come from integrated gradients against the all-means baseline (zero after scaling).
#include <torch/nn/functional/loss.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/linear.h>
#include <torch/optim/adam.h>
#include <torch/types.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "common/error.h"
#include "common/random.h"
#include "engine/engine.h"
#include "risk/learners.h"
#include "risk/metrics.h"

namespace shoppilot::risk {

namespace {

struct NetImpl : torch::nn::Module {
    NetImpl(int in, int hidden)
        : l1(register_module("l1", torch::nn::Linear(in, hidden))),
          l2(register_module("l2", torch::nn::Linear(hidden, hidden))),
          l3(register_module("l3", torch::nn::Linear(hidden, 1)))
    {
    }
    torch::Tensor forward(const torch::Tensor& x)
    {
        return l3(torch::relu(l2(torch::relu(l1(x))))).squeeze(1);
    }
    torch::nn::Linear l1, l2, l3;
};
TORCH_MODULE(Net);

class Mlp final : public Learner {
public:
    explicit Mlp(const LearnerOptions& o) : m_opt(o) {}
    LearnerKind kind() const override { return LearnerKind::Mlp; }

    void fit(const Matrix& x, std::span<const float> y, const Matrix& vx, std::span<const float> vy,
             const Progress& progress) override
    {
        torch::manual_seed(std::uint64_t(m_opt.seed));
        m_cols = x.cols;
        m_hidden = m_opt.mlpHidden;
        m_mean.assign(std::size_t(x.cols), 0);
        m_scale.assign(std::size_t(x.cols), 1);
        std::vector<double> cnt(std::size_t(x.cols), 0), sq(std::size_t(x.cols), 0), sum(std::size_t(x.cols), 0);
        for (int r = 0; r < x.rows; ++r)
            for (int c = 0; c < x.cols; ++c) {
                const float v = x.row(r)[c];
                if (std::isnan(v))
                    continue;
                sum[std::size_t(c)] += v;
                sq[std::size_t(c)] += double(v) * v;
                cnt[std::size_t(c)] += 1;
            }
        for (std::size_t c = 0; c < std::size_t(x.cols); ++c) {
            const double m = cnt[c] > 0 ? sum[c] / cnt[c] : 0;
            const double var = cnt[c] > 0 ? sq[c] / cnt[c] - m * m : 0;
            m_mean[c] = float(m);
            m_scale[c] = var > 1e-12 ? float(std::sqrt(var)) : 1.0f;
        }
        m_net = Net(x.cols, m_hidden);
        const torch::Tensor tx = toTensor(x);
        const torch::Tensor ty = torch::from_blob(const_cast<float*>(y.data()), {std::int64_t(y.size())}).clone();
        double pos = ty.sum().item<double>();
        const auto posWeight = torch::full({1}, pos > 0 ? (double(y.size()) - pos) / pos : 1.0);
        torch::optim::Adam opt(m_net->parameters(), torch::optim::AdamOptions(1e-3).weight_decay(1e-5));
        const std::int64_t n = tx.size(0), batch = 256;
        Rng rng(std::uint64_t(m_opt.seed));
        std::vector<std::int64_t> order(static_cast<std::size_t>(n));
        std::iota(order.begin(), order.end(), 0);
        const bool validate = vx.rows > 0 && !vy.empty();
        double best = -1;
        std::vector<std::uint8_t> bestState;
        int sinceBest = 0;
        m_epochs = m_opt.mlpEpochs;
        for (int epoch = 0; epoch < m_opt.mlpEpochs; ++epoch) {
            m_net->train();
            for (std::size_t i = order.size(); i > 1; --i)
                std::swap(order[i - 1], order[rng.below(i)]);
            const auto perm = torch::from_blob(order.data(), {n}, torch::kLong);
            for (std::int64_t b = 0; b < n; b += batch) {
                const auto idx = perm.slice(0, b, std::min(n, b + batch));
                const auto logits = m_net->forward(tx.index_select(0, idx));
                const auto loss = torch::nn::functional::binary_cross_entropy_with_logits(
                    logits, ty.index_select(0, idx),
                    torch::nn::functional::BinaryCrossEntropyWithLogitsFuncOptions().pos_weight(posWeight));
                opt.zero_grad();
                loss.backward();
                opt.step();
            }
            if (progress && !progress(double(epoch + 1) / m_opt.mlpEpochs, "neural network"))
                throw Cancelled();
            if (validate) {
                std::vector<float> logit(std::size_t(vx.rows));
                predictLogit(vx, logit);
                const double ap = averagePrecision(logit, vy);
                if (ap > best + 1e-5) {
                    best = ap;
                    bestState = engine::serializeModule(*m_net);
                    m_epochs = epoch + 1;
                    sinceBest = 0;
                } else if (++sinceBest >= 3) {
                    break;
                }
            }
        }
        if (!bestState.empty())
            engine::deserializeModule(*m_net, bestState);
        m_net->eval();
    }

    int iterations() const override { return m_epochs; }

    void predictLogit(const Matrix& x, std::span<float> out) const override
    {
        c10::InferenceMode guard;
        m_net->eval();
        const auto logits = m_net->forward(toTensor(x)).contiguous();
        std::memcpy(out.data(), logits.data_ptr<float>(), sizeof(float) * std::size_t(x.rows));
    }

    void contributions(const Matrix& x, std::span<float> out) const override
    {
        // Integrated gradients along the straight path from the baseline (zeros = feature means).
        constexpr int kSteps = 16;
        m_net->eval();
        const auto z = toTensor(x);
        auto total = torch::zeros_like(z);
        for (int s = 1; s <= kSteps; ++s) {
            auto in = (z * (double(s) - 0.5) / kSteps).detach().requires_grad_(true);
            m_net->forward(in).sum().backward();
            total += in.grad();
        }
        const auto attr = (z * total / kSteps).contiguous();
        std::memcpy(out.data(), attr.data_ptr<float>(), sizeof(float) * std::size_t(x.rows) * std::size_t(x.cols));
    }

    std::vector<std::uint8_t> save() const override
    {
        const auto module = engine::serializeModule(*m_net);
        std::vector<std::uint8_t> bytes(2 * sizeof(std::int32_t) + 2 * sizeof(float) * std::size_t(m_cols));
        const std::int32_t head[2] = {m_cols, m_hidden};
        std::memcpy(bytes.data(), head, sizeof head);
        std::memcpy(bytes.data() + sizeof head, m_mean.data(), sizeof(float) * std::size_t(m_cols));
        std::memcpy(bytes.data() + sizeof head + sizeof(float) * std::size_t(m_cols), m_scale.data(),
                    sizeof(float) * std::size_t(m_cols));
        bytes.insert(bytes.end(), module.begin(), module.end());
        return bytes;
    }

    void restore(const std::vector<std::uint8_t>& bytes)
    {
        std::int32_t head[2] = {0, 0};
        if (bytes.size() < sizeof head)
            throw Error(ErrorCode::Model, "the neural network's bytes are truncated: retrain the model");
        std::memcpy(head, bytes.data(), sizeof head);
        const auto stats = 2 * sizeof(float) * std::size_t(std::max(0, head[0]));
        if (head[0] <= 0 || head[1] <= 0 || head[0] > 100000 || head[1] > 100000 || bytes.size() < sizeof head + stats)
            throw Error(ErrorCode::Model, "the neural network's header is damaged: retrain the model");
        m_cols = head[0];
        m_hidden = head[1];
        m_mean.resize(std::size_t(m_cols));
        m_scale.resize(std::size_t(m_cols));
        std::memcpy(m_mean.data(), bytes.data() + sizeof head, sizeof(float) * std::size_t(m_cols));
        std::memcpy(m_scale.data(), bytes.data() + sizeof head + sizeof(float) * std::size_t(m_cols),
                    sizeof(float) * std::size_t(m_cols));
        m_net = Net(m_cols, m_hidden);
        engine::deserializeModule(*m_net, std::vector<std::uint8_t>(bytes.begin() + std::ptrdiff_t(sizeof head + stats), bytes.end()));
        m_net->eval();
    }

private:
    torch::Tensor toTensor(const Matrix& x) const
    {
        auto t = torch::empty({x.rows, x.cols});
        float* d = t.data_ptr<float>();
        for (int r = 0; r < x.rows; ++r)
            for (int c = 0; c < x.cols; ++c) {
                const float v = x.row(r)[c];
                d[std::size_t(r) * std::size_t(x.cols) + std::size_t(c)] =
                    std::isnan(v) ? 0.0f : (v - m_mean[std::size_t(c)]) / m_scale[std::size_t(c)];
            }
        return t;
    }

    LearnerOptions m_opt;
    int m_cols = 0;
    int m_hidden = 0;
    int m_epochs = 0; // the epoch kept by the last fit (not saved: only a refit needs it)
    std::vector<float> m_mean, m_scale;
    mutable Net m_net{nullptr};
};

} // namespace

std::unique_ptr<Learner> makeMlp(const LearnerOptions& options)
{
    return std::make_unique<Mlp>(options);
}

std::unique_ptr<Learner> loadMlp(const std::vector<std::uint8_t>& bytes)
{
    auto m = std::make_unique<Mlp>(LearnerOptions{});
    m->restore(bytes);
    return m;
}

} // namespace shoppilot::risk
