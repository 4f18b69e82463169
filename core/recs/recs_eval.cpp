#include "recs/recs_eval.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <unordered_set>

#include "common/random.h"

namespace shoppilot::recs {

namespace {

// A trained model's scores plus beta * log(1 + count): a popularity prior whose weight is
// chosen on validation, since uniform sampled negatives reward it and full ranking less so.
class PopBlend final : public Recommender {
public:
    PopBlend(const Recommender& base, std::vector<float> logCounts, float beta)
        : m_base(base), m_log(std::move(logCounts)), m_beta(beta)
    {
        m_numItems = base.numItems();
    }
    ModelKind kind() const override { return m_base.kind(); }
    TrainReport fit(const std::vector<std::vector<ItemIndex>>&, int, const std::vector<EvalCase>&, const TrainOptions&,
                    const Progress&) override
    {
        return {};
    }
    void scoreBatch(std::span<const EvalCase* const> cases, float* out) const override
    {
        m_base.scoreBatch(cases, out);
        if (m_beta == 0.f)
            return;
        const std::size_t stride = m_log.size();
        for (std::size_t b = 0; b < cases.size(); ++b)
            for (std::size_t i = 0; i < stride; ++i)
                out[b * stride + i] += m_beta * m_log[i];
    }
    std::vector<std::uint8_t> save() const override { return m_base.save(); }
    void load(const std::vector<std::uint8_t>&) override {}

private:
    const Recommender& m_base;
    std::vector<float> m_log;
    float m_beta;
};

} // namespace

std::vector<std::int64_t> rankCases(const Recommender& model, const std::vector<EvalCase>& cases,
                                    Protocol protocol, std::uint64_t seed, const Progress& progress)
{
    ProgressReporter rep(progress);
    const int n = model.numItems();
    const std::size_t stride = std::size_t(n) + 1;
    const int negatives = negativesFor(protocol);
    Rng rng(seed, 0x5eed);
    std::vector<std::int64_t> ranks;
    ranks.reserve(cases.size());
    constexpr std::size_t kBatch = 256;
    std::vector<float> scores(kBatch * stride);
    std::vector<char> seen(stride, 0);
    std::vector<const EvalCase*> batch;
    for (std::size_t start = 0; start < cases.size(); start += kBatch) {
        rep.report(double(start) / double(cases.size()), "ranking held-out items");
        const std::size_t end = std::min(cases.size(), start + kBatch);
        batch.clear();
        for (std::size_t i = start; i < end; ++i)
            batch.push_back(&cases[i]);
        model.scoreBatch(batch, scores.data());
        for (std::size_t b = 0; b < batch.size(); ++b) {
            const EvalCase& c = *batch[b];
            const float* s = scores.data() + b * stride;
            const float t = s[c.target];
            for (auto h : c.history)
                seen[std::size_t(h)] = 1;
            std::int64_t greater = 0, ties = 0;
            if (negatives > 0) {
                seen[std::size_t(c.target)] = 1;
                std::vector<ItemIndex> drawn;
                drawn.reserve(std::size_t(negatives));
                // Rejection sampling: users touch a tiny share of the catalogue.
                const int available = n - int(std::count(seen.begin() + 1, seen.end(), 1));
                const int want = std::min(negatives, available);
                while (int(drawn.size()) < want) {
                    const auto j = ItemIndex(1 + rng.below(std::uint64_t(n)));
                    if (seen[std::size_t(j)])
                        continue;
                    seen[std::size_t(j)] = 2;
                    drawn.push_back(j);
                    if (s[j] > t)
                        ++greater;
                    else if (s[j] == t)
                        ++ties;
                }
                for (auto j : drawn)
                    seen[std::size_t(j)] = 0;
                seen[std::size_t(c.target)] = 0;
            } else {
                for (int j = 1; j <= n; ++j) {
                    if (j == c.target || seen[std::size_t(j)])
                        continue;
                    if (s[j] > t)
                        ++greater;
                    else if (s[j] == t)
                        ++ties;
                }
            }
            for (auto h : c.history)
                seen[std::size_t(h)] = 0;
            ranks.push_back(rankWithTies(greater, ties, rng.uniform()));
        }
    }
    rep.report(1.0, "ranking held-out items");
    return ranks;
}

std::map<std::string, MetricSpread> spread(const std::vector<RankMetrics>& perSeed)
{
    std::map<std::string, MetricSpread> out;
    for (const auto& name : metricNames()) {
        std::vector<double> v;
        for (const auto& m : perSeed)
            v.push_back(m.named().at(name));
        MetricSpread s;
        for (double x : v)
            s.mean += x;
        s.mean /= double(std::max<std::size_t>(1, v.size()));
        if (v.size() > 1) {
            double ss = 0;
            for (double x : v)
                ss += (x - s.mean) * (x - s.mean);
            s.std = std::sqrt(ss / double(v.size() - 1));
        }
        out[name] = s;
    }
    return out;
}

EvalResult evaluate(const SequenceData& data, ModelKind kind, Protocol protocol, int seeds,
                    const TrainOptions& options, const Progress& progress)
{
    return evaluate(data, kind, std::vector<Protocol>{protocol}, seeds, options, progress);
}

EvalResult evaluate(const SequenceData& data, ModelKind kind, const std::vector<Protocol>& protocols, int seeds,
                    const TrainOptions& options, const Progress& progress)
{
    ProgressReporter rep(progress);
    const Split split = leaveOneOut(data);
    EvalResult r;
    r.model = modelKindName(kind);
    for (auto p : protocols)
        r.protocols.push_back(protocolName(p));
    r.protocol = r.protocols.empty() ? std::string() : r.protocols.front();
    r.users = int(data.sequences.size());
    r.items = data.numItems();
    r.actions = data.numActions();
    r.testCases = int(split.test.size());
    seeds = std::max(1, seeds);
    for (int s = 0; s < seeds; ++s) {
        const double a = double(s) / seeds, b = double(s + 1) / seeds;
        auto model = makeRecommender(kind);
        TrainOptions o = options;
        o.seed = options.seed + std::uint64_t(s);
        ProgressReporter train = rep.sub(a, a + 0.9 * (b - a));
        const bool leak = kind == ModelKind::Pop && o.popCountHeldOut;
        auto report = model->fit(leak ? data.sequences : split.train, split.numItems, split.validation, o,
                                 [&](double f, std::string_view what) {
                                     train.report(f, what);
                                     return true;
                                 });
        r.trainSecondsTotal += report.seconds;
        r.reports.push_back(report);
        ProgressReporter rk = rep.sub(a + 0.9 * (b - a), b);
        const auto t0 = std::chrono::steady_clock::now();
        std::vector<float> logCounts;
        if (o.calibratePopularity) {
            logCounts.assign(std::size_t(split.numItems) + 1, 0.f);
            for (const auto& seq : split.train)
                for (auto i : seq)
                    logCounts[std::size_t(i)] += 1.f;
            for (auto& c : logCounts)
                c = std::log1p(c);
        }
        for (auto p : protocols) {
            float beta = 0.f;
            if (o.calibratePopularity) {
                // Validation only: a fixed subset keeps the grid cheap.
                std::vector<EvalCase> val;
                for (std::size_t i = 0; i < split.validation.size(); i += std::max<std::size_t>(1, split.validation.size() / 4000))
                    val.push_back(split.validation[i]);
                double best = -1;
                for (float b : {0.f, 0.1f, 0.2f, 0.35f, 0.5f, 0.75f, 1.f, 1.5f, 2.f}) {
                    PopBlend blend(*model, logCounts, b);
                    const double v = metricsFromRanks(rankCases(blend, val, p, o.seed + 99)).ndcg10;
                    if (v > best) {
                        best = v;
                        beta = b;
                    }
                }
                r.popBetaByProtocol[protocolName(p)].push_back(beta);
            }
            PopBlend scored(*model, logCounts, beta);
            auto ranks = rankCases(scored, split.test, p, o.seed, [&](double f, std::string_view what) {
                rk.report(f, what);
                return true;
            });
            r.perSeedByProtocol[protocolName(p)].push_back(metricsFromRanks(ranks));
        }
        r.evalSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    for (const auto& [name, per] : r.perSeedByProtocol)
        r.metricsByProtocol[name] = spread(per);
    r.perSeed = r.perSeedByProtocol[r.protocol];
    r.metrics = r.metricsByProtocol[r.protocol];
    r.trainSecondsMean = r.trainSecondsTotal / seeds;
    rep.report(1.0, "done");
    return r;
}

} // namespace shoppilot::recs
