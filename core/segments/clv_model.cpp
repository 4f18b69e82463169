#include "segments/clv_model.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/optim/adam.h>
#include <torch/types.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "common/error.h"
#include "common/random.h"

namespace shoppilot::segments {

namespace {

constexpr int kFeatures = kPurchaseFeatures;

} // namespace

void columnMeanScale(const std::vector<float>& x, int cols, const std::vector<int>& rows, std::vector<float>& mean,
                     std::vector<float>& scale)
{
    const std::size_t c = std::size_t(cols);
    const std::size_t n = rows.empty() ? x.size() / c : rows.size();
    mean.assign(c, 0);
    scale.assign(c, 1);
    for (std::size_t k = 0; k < c; ++k) {
        double s = 0, q = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double v = x[(rows.empty() ? i : std::size_t(rows[i])) * c + k];
            s += v;
            q += v * v;
        }
        const double m = s / double(n);
        mean[k] = float(m);
        scale[k] = float(std::max(1e-6, std::sqrt(std::max(0.0, q / double(n) - m * m))));
    }
}

void purchaseFeatures(const Summary& s, const BgNbdParams& p, double horizon, double bgExpected, float* f)
{
    const double pAlive = bgnbdProbAlive(p, s.x, s.tx, s.T);
    f[0] = float(std::log1p(s.x));
    f[1] = float(std::log1p(s.tx));
    f[2] = float(std::log1p(s.T));
    f[3] = float(std::log1p(s.T - s.tx));
    f[4] = float(std::log1p(s.meanGap));
    f[5] = float(std::log1p(s.sdGap));
    f[6] = float(std::log1p(s.lastGap));
    f[7] = float(std::log1p(std::max(0.0, s.monetary)));
    f[8] = float(std::log1p(std::max(0.0, s.firstAmount)));
    f[9] = float(30.0 * s.x / (s.T + 1.0));
    f[10] = float(pAlive);
    f[11] = float(std::log(bgExpected + 1e-3));
    f[12] = float(std::log(horizon));
}

namespace {

struct NetImpl : torch::nn::Module {
    NetImpl(int in, int hidden)
        : l1(register_module("l1", torch::nn::Linear(in, hidden))),
          l2(register_module("l2", torch::nn::Linear(hidden, hidden))),
          out(register_module("out", torch::nn::Linear(hidden, 1)))
    {
        torch::NoGradGuard g;
        out->weight.zero_();
        out->bias.zero_();
    }
    torch::Tensor forward(const torch::Tensor& x) { return out(torch::relu(l2(torch::relu(l1(x))))).squeeze(1); }
    torch::nn::Linear l1, l2, out;
};
TORCH_MODULE(Net);

struct Examples {
    std::vector<float> x;      // rows x kFeatures
    std::vector<float> base;   // log BG/NBD prediction (the residual model's offset)
    std::vector<float> logH;   // log horizon (the direct model's offset: a rate per day)
    std::vector<float> y;
    std::vector<std::uint8_t> validation;
    int rows() const { return int(y.size()); }
};

struct Settings {
    int hidden = 16;
    double weightDecay = 1e-4;
    bool residual = true;
};

} // namespace

struct ClvModel::Impl {
    Settings settings;
    Net net{nullptr};
    std::vector<float> mean, scale;
    ClvTrainReport report;

    torch::Tensor input(const std::vector<float>& x, int rows) const
    {
        auto t = torch::from_blob(const_cast<float*>(x.data()), {rows, kFeatures}, torch::kFloat32).clone();
        auto m = torch::from_blob(const_cast<float*>(mean.data()), {1, kFeatures}, torch::kFloat32);
        auto s = torch::from_blob(const_cast<float*>(scale.data()), {1, kFeatures}, torch::kFloat32);
        return (t - m) / s;
    }
};

namespace {

torch::Tensor offsets(const Examples& e, const Settings& s, const std::vector<int>& rows)
{
    std::vector<float> o(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        o[i] = s.residual ? e.base[std::size_t(rows[i])] : e.logH[std::size_t(rows[i])];
    return torch::from_blob(o.data(), {std::int64_t(o.size())}, torch::kFloat32).clone();
}

torch::Tensor gather(const Examples& e, const std::vector<int>& rows, const std::vector<float>& mean, const std::vector<float>& scale)
{
    std::vector<float> x(rows.size() * kFeatures);
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (int k = 0; k < kFeatures; ++k)
            x[i * kFeatures + std::size_t(k)] = (e.x[std::size_t(rows[i]) * kFeatures + std::size_t(k)] - mean[std::size_t(k)]) / scale[std::size_t(k)];
    return torch::from_blob(x.data(), {std::int64_t(rows.size()), kFeatures}, torch::kFloat32).clone();
}

torch::Tensor targets(const Examples& e, const std::vector<int>& rows)
{
    std::vector<float> y(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        y[i] = e.y[std::size_t(rows[i])];
    return torch::from_blob(y.data(), {std::int64_t(y.size())}, torch::kFloat32).clone();
}

struct TrainOutcome {
    Net net{nullptr};
    int bestEpoch = 0;
    double bestMae = 0;
};

// Full-batch Adam on the Poisson loss; with validation rows, MAE is checked every 10 epochs and
// the best epoch's weights kept; without, it runs exactly `epochs`.
TrainOutcome trainNet(const Examples& e, const std::vector<int>& trainRows, const std::vector<int>& valRows, const Settings& s,
                      const std::vector<float>& mean, const std::vector<float>& scale, int epochs, std::uint64_t seed,
                      ProgressReporter& rep)
{
    torch::manual_seed(seed);
    TrainOutcome out;
    out.net = Net(kFeatures, s.hidden);
    const auto x = gather(e, trainRows, mean, scale);
    const auto off = offsets(e, s, trainRows);
    const auto y = targets(e, trainRows);
    torch::Tensor vx, voff, vy;
    if (!valRows.empty()) {
        vx = gather(e, valRows, mean, scale);
        voff = offsets(e, s, valRows);
        vy = targets(e, valRows);
    }
    if (!s.residual) {
        // Start the direct model at the average daily rate.
        torch::NoGradGuard g;
        const double rate = (y.sum() / off.exp().sum()).item<double>();
        out.net->out->bias.fill_(std::log(std::max(rate, 1e-6)));
    }
    torch::optim::Adam opt(out.net->parameters(), torch::optim::AdamOptions(0.01).weight_decay(s.weightDecay));
    double best = std::numeric_limits<double>::infinity();
    std::vector<torch::Tensor> bestParams;
    for (int ep = 1; ep <= epochs; ++ep) {
        out.net->train();
        opt.zero_grad();
        const auto logMu = off + out.net->forward(x);
        const auto loss = (logMu.exp() - y * logMu).mean();
        loss.backward();
        opt.step();
        if (ep % 25 == 0)
            rep.report(double(ep) / epochs, "training the purchase model");
        if (!valRows.empty() && ep % 10 == 0) {
            torch::NoGradGuard g;
            out.net->eval();
            const double mae = ((voff + out.net->forward(vx)).exp() - vy).abs().mean().item<double>();
            if (mae < best) {
                best = mae;
                out.bestEpoch = ep;
                bestParams.clear();
                for (const auto& p : out.net->parameters())
                    bestParams.push_back(p.detach().clone());
            }
        }
    }
    if (!bestParams.empty()) {
        torch::NoGradGuard g;
        auto params = out.net->parameters();
        for (std::size_t i = 0; i < params.size(); ++i)
            params[i].copy_(bestParams[i]);
        out.bestMae = best;
    } else {
        out.bestEpoch = epochs;
    }
    out.net->eval();
    return out;
}

} // namespace

ClvModel::ClvModel() : m_impl(std::make_unique<Impl>()) {}
ClvModel::ClvModel(ClvModel&&) noexcept = default;
ClvModel& ClvModel::operator=(ClvModel&&) noexcept = default;
ClvModel::~ClvModel() = default;

const ClvTrainReport& ClvModel::report() const
{
    return m_impl->report;
}

bool ClvModel::trained() const
{
    return !m_impl->net.is_empty();
}

ClvModel ClvModel::train(const std::vector<CustomerDays>& customers, int calibrationEnd, const ClvModelOptions& o,
                         const Progress& progress)
{
    ProgressReporter rep(progress);
    int firstDay = calibrationEnd;
    for (const auto& c : customers)
        if (!c.days.empty())
            firstDay = std::min(firstDay, c.days.front());
    // (cut-off, horizon) windows inside the calibration period.
    std::vector<std::pair<int, int>> windows;
    for (int h : o.horizons)
        for (int k = 0; k < o.cutoffsPerHorizon; ++k) {
            const int cut = calibrationEnd - h - k * o.cutoffStride;
            if (cut - firstDay >= o.minHistoryDays)
                windows.push_back({cut, h});
        }
    if (windows.empty())
        throw Error(ErrorCode::InvalidArgument, "the calibration period (" + std::to_string(calibrationEnd - firstDay) +
                                                    " days) is too short to train the purchase model: it needs at least " +
                                                    std::to_string(o.minHistoryDays + o.horizons.front()) + " days");
    std::set<int> cuts;
    for (const auto& w : windows)
        cuts.insert(w.first);

    Examples ex;
    int done = 0;
    for (int cut : cuts) {
        rep.report(0.5 * done++ / double(cuts.size()), "preparing training windows");
        std::vector<Summary> sums;
        std::vector<const CustomerDays*> who;
        for (const auto& c : customers) {
            Summary s;
            if (summarise(c, cut, s)) {
                sums.push_back(s);
                who.push_back(&c);
            }
        }
        std::vector<RfmPoint> pts;
        for (const auto& s : sums)
            pts.push_back({s.x, s.tx, s.T});
        BgNbdParams p;
        try {
            p = fitBgNbd(pts).params;
        } catch (const Error&) {
            continue; // too few customers at this early cut-off
        }
        for (const auto& w : windows) {
            if (w.first != cut)
                continue;
            for (std::size_t i = 0; i < sums.size(); ++i) {
                const auto& s = sums[i];
                const double bg = bgnbdConditionalExpected(p, s.x, s.tx, s.T, w.second);
                float f[kFeatures];
                purchaseFeatures(s, p, w.second, bg, f);
                ex.x.insert(ex.x.end(), f, f + kFeatures);
                ex.base.push_back(float(std::log(bg + 1e-3)));
                ex.logH.push_back(float(std::log(double(w.second))));
                ex.y.push_back(float(countDays(*who[i], cut, cut + w.second)));
                ex.validation.push_back((mix64(o.seed ^ std::uint64_t(who[i]->customer) * 0x9E3779B97F4A7C15ULL) % 1000) <
                                        std::uint64_t(o.validationShare * 1000));
            }
        }
    }
    if (ex.rows() < 50)
        throw Error(ErrorCode::InvalidArgument, "too few customers in the calibration windows to train the purchase model (" +
                                                    std::to_string(ex.rows()) + " examples)");
    std::vector<int> trainRows, valRows, allRows;
    for (int i = 0; i < ex.rows(); ++i) {
        (ex.validation[std::size_t(i)] ? valRows : trainRows).push_back(i);
        allRows.push_back(i);
    }
    ClvModel model;
    auto& im = *model.m_impl;
    auto standardise = [&](const std::vector<int>& rows) { columnMeanScale(ex.x, kFeatures, rows, im.mean, im.scale); };
    auto& rp = im.report;
    rp.examples = ex.rows();
    rp.validationExamples = int(valRows.size());
    rp.cutoffs = int(cuts.size());
    {
        double s = 0;
        for (int r : valRows)
            s += std::abs(std::exp(double(ex.base[std::size_t(r)])) - 1e-3 - ex.y[std::size_t(r)]);
        rp.validationBgnbdMae = valRows.empty() ? 0 : s / double(valRows.size());
    }
    const auto hiddenGrid = o.hiddenGrid.empty() ? std::vector<int>{8, 32} : o.hiddenGrid;
    const auto wdGrid = o.weightDecayGrid.empty() ? std::vector<double>{1e-4, 1e-2} : o.weightDecayGrid;
    Settings best;
    int bestEpochs = o.maxEpochs;
    double bestMae = std::numeric_limits<double>::infinity();
    if (!valRows.empty()) {
        standardise(trainRows);
        const int total = int(hiddenGrid.size() * wdGrid.size() * 2);
        int k = 0;
        for (bool residual : {true, false})
            for (int hidden : hiddenGrid)
                for (double wd : wdGrid) {
                    Settings s{hidden, wd, residual};
                    auto sub = rep.sub(0.5 + 0.4 * k / total, 0.5 + 0.4 * (k + 1) / total);
                    ++k;
                    const auto r = trainNet(ex, trainRows, valRows, s, im.mean, im.scale, o.maxEpochs, o.seed, sub);
                    char line[160];
                    std::snprintf(line, sizeof line, "hidden=%d wd=%g %s: validation MAE %.4f @ %d epochs", hidden, wd,
                                  residual ? "residual" : "direct", r.bestMae, r.bestEpoch);
                    rp.tried.push_back(line);
                    if (r.bestMae < bestMae) {
                        bestMae = r.bestMae;
                        best = s;
                        bestEpochs = r.bestEpoch;
                    }
                }
    }
    // Refit the chosen settings on every calibration window.
    standardise(allRows);
    auto sub = rep.sub(0.9, 1.0);
    im.net = trainNet(ex, allRows, {}, best, im.mean, im.scale, std::max(10, bestEpochs), o.seed, sub).net;
    im.settings = best;
    rp.hidden = best.hidden;
    rp.weightDecay = best.weightDecay;
    rp.residual = best.residual;
    rp.epochs = std::max(10, bestEpochs);
    rp.validationMae = std::isfinite(bestMae) ? bestMae : 0;
    rep.report(1.0, "training the purchase model");
    return model;
}

std::vector<double> ClvModel::predict(const std::vector<Summary>& customers, const BgNbdParams& p, double horizon) const
{
    if (!trained())
        throw Error(ErrorCode::Model, "the purchase model is not trained");
    if (customers.empty())
        return {};
    const int n = int(customers.size());
    std::vector<float> x(std::size_t(n) * kFeatures), off(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const auto& s = customers[std::size_t(i)];
        const double bg = bgnbdConditionalExpected(p, s.x, s.tx, s.T, horizon);
        purchaseFeatures(s, p, horizon, bg, &x[std::size_t(i) * kFeatures]);
        off[std::size_t(i)] = m_impl->settings.residual ? float(std::log(bg + 1e-3)) : float(std::log(horizon));
    }
    c10::InferenceMode guard;
    m_impl->net->eval();
    const auto t = m_impl->input(x, n);
    const auto o = torch::from_blob(off.data(), {n}, torch::kFloat32);
    const auto mu = (o + m_impl->net->forward(t)).exp().contiguous();
    std::vector<double> out(static_cast<std::size_t>(n));
    const float* d = mu.data_ptr<float>();
    for (int i = 0; i < n; ++i)
        out[std::size_t(i)] = d[i];
    return out;
}

ClvEvaluation evaluateClv(const TransactionLog& log, int calibrationEnd, int holdoutEnd, const ClvModelOptions& options,
                          const Progress& progress)
{
    if (holdoutEnd <= calibrationEnd)
        throw Error(ErrorCode::InvalidArgument, "the holdout end must be after the calibration end");
    ProgressReporter rep(progress);
    const auto customers = groupByDay(log);
    ClvEvaluation ev;
    ev.calibrationEnd = calibrationEnd;
    ev.holdoutEnd = holdoutEnd;
    std::vector<Summary> sums;
    std::vector<double> actual, actualSpend;
    for (const auto& c : customers) {
        Summary s;
        if (!summarise(c, calibrationEnd, s))
            continue;
        sums.push_back(s);
        actual.push_back(countDays(c, calibrationEnd, holdoutEnd));
        double spend = 0;
        for (std::size_t i = 0; i < c.days.size(); ++i)
            if (c.days[i] > calibrationEnd && c.days[i] <= holdoutEnd)
                spend += c.amounts[i];
        actualSpend.push_back(spend);
    }
    if (sums.size() < 10)
        throw Error(ErrorCode::InvalidArgument, "only " + std::to_string(sums.size()) +
                                                    " customers bought on or before the calibration end: too few to evaluate");
    ev.customers = int(sums.size());
    std::vector<RfmPoint> pts;
    std::vector<SpendPoint> spend;
    for (const auto& s : sums) {
        pts.push_back({s.x, s.tx, s.T});
        spend.push_back({s.x, s.monetary});
    }
    ev.bgnbdFit = fitBgNbd(pts, subProgress(progress, 0.0, 0.1));
    try {
        ev.spendFit = fitGammaGamma(spend);
        ev.spendFitted = true;
    } catch (const Error&) {
        ev.spendFitted = false;
    }
    const auto model = ClvModel::train(customers, calibrationEnd, options, subProgress(progress, 0.1, 0.95));
    ev.training = model.report();
    const double t = holdoutEnd - calibrationEnd;
    const auto pm = model.predict(sums, ev.bgnbdFit.params, t);
    auto score = [&](const std::vector<double>& pred) {
        ClvMethodScore m;
        double se = 0;
        for (std::size_t i = 0; i < pred.size(); ++i) {
            m.mae += std::abs(pred[i] - actual[i]);
            se += (pred[i] - actual[i]) * (pred[i] - actual[i]);
            m.total += pred[i];
        }
        m.mae /= double(pred.size());
        m.rmse = std::sqrt(se / double(pred.size()));
        return m;
    };
    std::vector<double> pb(sums.size()), pn(sums.size());
    for (std::size_t i = 0; i < sums.size(); ++i) {
        const auto& s = sums[i];
        pb[i] = bgnbdConditionalExpected(ev.bgnbdFit.params, s.x, s.tx, s.T, t);
        pn[i] = s.T > 0 ? s.x / s.T * t : 0.0;
        ev.actualTotal += actual[i];
        ev.actualSpend += actualSpend[i];
        if (ev.spendFitted) {
            const double per = gammaGammaConditionalSpend(ev.spendFit.params, s.x, s.monetary);
            ev.bgnbdSpend += pb[i] * per;
            ev.modelSpend += pm[i] * per;
        }
    }
    ev.model = score(pm);
    ev.bgnbd = score(pb);
    ev.naive = score(pn);
    rep.report(1.0, "evaluating");
    return ev;
}

} // namespace shoppilot::segments
