#include "recs/recs_eval.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <unordered_set>

#include "common/random.h"

namespace shoppilot::recs {

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

EvalResult evaluate(const SequenceData& data, const Recipe& recipe, const std::vector<Protocol>& protocols, int seeds,
                    const Progress& progress)
{
    ProgressReporter rep(progress);
    const Split split = leaveOneOut(data);
    EvalResult r;
    r.model = modelKindName(recipe.kind);
    for (auto p : protocols)
        r.protocols.push_back(protocolName(p));
    r.protocol = r.protocols.empty() ? std::string() : r.protocols.front();
    r.users = int(data.sequences.size());
    r.items = data.numItems();
    r.actions = data.numActions();
    r.testCases = int(split.test.size());
    r.hasPrior = recipe.train.calibratePopularity;
    // S3-Rec's PopRec counts the held-out items too (a leak, only to check a protocol).
    Split trainSplit = split;
    if (recipe.kind == ModelKind::Pop && recipe.train.popCountHeldOut)
        trainSplit.train = data.sequences;
    seeds = std::max(1, seeds);
    for (int s = 0; s < seeds; ++s) {
        const double a = double(s) / seeds, b = double(s + 1) / seeds;
        Recipe rc = recipe;
        rc.train.seed = recipe.train.seed + std::uint64_t(s);
        ProgressReporter train = rep.sub(a, a + 0.9 * (b - a));
        auto trained = trainRecipe(trainSplit, rc, [&](double f, std::string_view what) {
            train.report(f, what);
            return true;
        });
        r.trainSecondsTotal += trained.report.seconds;
        r.reports.push_back(trained.report);
        r.priorWeights.push_back(trained.model->prior().weight);
        r.validationPerSeed.push_back(trained.validation);
        ProgressReporter rk = rep.sub(a + 0.9 * (b - a), b);
        const auto t0 = std::chrono::steady_clock::now();
        for (auto p : protocols) {
            // The same seed for both: the plain model meets the same sampled negatives.
            auto ranks = rankCases(*trained.model, split.test, p, rc.train.seed, [&](double f, std::string_view what) {
                rk.report(f, what);
                return true;
            });
            r.perSeedByProtocol[protocolName(p)].push_back(metricsFromRanks(ranks));
            if (r.hasPrior)
                r.plainPerSeedByProtocol[protocolName(p)].push_back(
                    metricsFromRanks(rankCases(trained.model->base(), split.test, p, rc.train.seed)));
        }
        r.evalSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    for (const auto& [name, per] : r.perSeedByProtocol)
        r.metricsByProtocol[name] = spread(per);
    for (const auto& [name, per] : r.plainPerSeedByProtocol)
        r.plainMetricsByProtocol[name] = spread(per);
    r.perSeed = r.perSeedByProtocol[r.protocol];
    r.metrics = r.metricsByProtocol[r.protocol];
    r.trainSecondsMean = r.trainSecondsTotal / seeds;
    rep.report(1.0, "done");
    return r;
}

} // namespace shoppilot::recs
