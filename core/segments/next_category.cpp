#include "segments/next_category.h"

#include <torch/nn/functional/loss.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/optim/adam.h>
#include <torch/types.h>

#include <algorithm>
#include <cmath>

#include "common/error.h"
#include "segments/transactions.h"

namespace shoppilot::segments {

namespace {

struct SoftmaxNetImpl : torch::nn::Module {
    SoftmaxNetImpl(int in, int hidden, int out)
        : l1(register_module("l1", torch::nn::Linear(in, hidden))), l2(register_module("l2", torch::nn::Linear(hidden, out)))
    {
    }
    torch::Tensor forward(const torch::Tensor& x) { return l2(torch::relu(l1(x))); }
    torch::nn::Linear l1, l2;
};
TORCH_MODULE(SoftmaxNet);

// shares of the first n orders (K), one-hot of the last of them (K), log(1 + n)
void historyFeatures(const std::vector<CategoryOrder>& orders, std::size_t n, int K, float* f)
{
    std::fill(f, f + 2 * K + 1, 0.0f);
    for (std::size_t i = 0; i < n; ++i)
        f[orders[i].category] += 1.0f / float(n);
    f[K + orders[n - 1].category] = 1.0f;
    f[2 * K] = float(std::log1p(double(n)));
}

} // namespace

struct NextCategoryModel::Impl {
    SoftmaxNet net{nullptr};
    int categories = 0;
    int examples = 0;
};

NextCategoryModel::NextCategoryModel() : m_impl(std::make_unique<Impl>()) {}
NextCategoryModel::NextCategoryModel(NextCategoryModel&&) noexcept = default;
NextCategoryModel& NextCategoryModel::operator=(NextCategoryModel&&) noexcept = default;
NextCategoryModel::~NextCategoryModel() = default;
int NextCategoryModel::examples() const { return m_impl->examples; }

NextCategoryModel NextCategoryModel::train(const std::vector<CategoryHistory>& histories, int K, int trainEnd,
                                           const NextCategoryOptions& o, const Progress& progress)
{
    if (K < 1)
        throw Error(ErrorCode::InvalidArgument, "no product categories in the store: next category cannot be predicted");
    ProgressReporter rep(progress);
    const int width = 2 * K + 1;
    std::vector<float> x;
    std::vector<std::int64_t> y;
    for (const auto& h : histories)
        for (std::size_t j = kMinOrdersForCategory; j < h.orders.size() && h.orders[j].day <= trainEnd; ++j) {
            x.resize(x.size() + std::size_t(width));
            historyFeatures(h.orders, j, K, &x[x.size() - std::size_t(width)]);
            y.push_back(h.orders[j].category);
        }
    const int n = int(y.size());
    if (n < 20)
        throw Error(ErrorCode::InvalidArgument, "only " + std::to_string(n) + " orders before " + isoFromDay(trainEnd) +
                                                    " follow a history of " + std::to_string(kMinOrdersForCategory) +
                                                    " orders: too few to train the next-category model");
    NextCategoryModel m;
    m.m_impl->categories = K;
    m.m_impl->examples = n;
    torch::manual_seed(o.seed);
    m.m_impl->net = SoftmaxNet(width, o.hidden, K);
    auto& net = m.m_impl->net;
    const auto tx = torch::from_blob(x.data(), {n, width}, torch::kFloat32).clone();
    const auto ty = torch::from_blob(y.data(), {n}, torch::kInt64).clone();
    torch::optim::Adam opt(net->parameters(), torch::optim::AdamOptions(0.01).weight_decay(o.weightDecay));
    for (int ep = 1; ep <= o.epochs; ++ep) {
        opt.zero_grad();
        const auto loss = torch::nn::functional::cross_entropy(net->forward(tx), ty);
        loss.backward();
        opt.step();
        if (ep % 20 == 0)
            rep.report(double(ep) / o.epochs, "training the next-category model");
    }
    net->eval();
    rep.report(1.0, "training the next-category model");
    return m;
}

std::vector<std::vector<CategoryGuess>> NextCategoryModel::predict(const std::vector<CategoryHistory>& histories, int asOfDay,
                                                                   int k) const
{
    if (m_impl->net.is_empty())
        throw Error(ErrorCode::Model, "the next-category model is not trained");
    const int K = m_impl->categories, width = 2 * K + 1;
    std::vector<std::vector<CategoryGuess>> out(histories.size());
    std::vector<float> x;
    std::vector<std::size_t> who;
    for (std::size_t i = 0; i < histories.size(); ++i) {
        const auto& o = histories[i].orders;
        const std::size_t n = std::size_t(std::upper_bound(o.begin(), o.end(), asOfDay,
                                                           [](int d, const CategoryOrder& c) { return d < c.day; }) -
                                          o.begin());
        if (n < std::size_t(kMinOrdersForCategory))
            continue;
        x.resize(x.size() + std::size_t(width));
        historyFeatures(o, n, K, &x[x.size() - std::size_t(width)]);
        who.push_back(i);
    }
    if (who.empty())
        return out;
    c10::InferenceMode guard;
    const auto prob =
        torch::softmax(m_impl->net->forward(torch::from_blob(x.data(), {std::int64_t(who.size()), width}, torch::kFloat32)), 1)
            .contiguous();
    const float* d = prob.data_ptr<float>();
    const int top = std::min(k, K);
    for (std::size_t r = 0; r < who.size(); ++r) {
        std::vector<int> idx(static_cast<std::size_t>(K));
        for (int c = 0; c < K; ++c)
            idx[std::size_t(c)] = c;
        const float* row = d + r * std::size_t(K);
        std::partial_sort(idx.begin(), idx.begin() + top, idx.end(), [&](int a, int b) { return row[a] > row[b]; });
        for (int t = 0; t < top; ++t)
            out[who[r]].push_back({idx[std::size_t(t)], double(row[idx[std::size_t(t)]])});
    }
    return out;
}

} // namespace shoppilot::segments
