#include "recs/recs_metrics.h"

#include <cmath>

#include "common/error.h"

namespace shoppilot::recs {

double hitAt(std::int64_t rank, int k)
{
    return rank < k ? 1.0 : 0.0;
}

double ndcgAt(std::int64_t rank, int k)
{
    // One relevant item: IDCG = 1, so NDCG is the discounted gain at its position.
    return rank < k ? 1.0 / std::log2(double(rank) + 2.0) : 0.0;
}

double reciprocalRank(std::int64_t rank)
{
    return 1.0 / double(rank + 1);
}

std::map<std::string, double> RankMetrics::named() const
{
    return {{"HR@1", hr1}, {"HR@5", hr5}, {"HR@10", hr10}, {"NDCG@5", ndcg5}, {"NDCG@10", ndcg10}, {"MRR", mrr}};
}

const std::vector<std::string>& metricNames()
{
    static const std::vector<std::string> names{"HR@1", "HR@5", "HR@10", "NDCG@5", "NDCG@10", "MRR"};
    return names;
}

RankMetrics metricsFromRanks(const std::vector<std::int64_t>& ranks)
{
    RankMetrics m;
    m.cases = std::int64_t(ranks.size());
    if (ranks.empty())
        return m;
    for (auto r : ranks) {
        m.hr1 += hitAt(r, 1);
        m.hr5 += hitAt(r, 5);
        m.hr10 += hitAt(r, 10);
        m.ndcg5 += ndcgAt(r, 5);
        m.ndcg10 += ndcgAt(r, 10);
        m.mrr += reciprocalRank(r);
    }
    const double n = double(ranks.size());
    m.hr1 /= n;
    m.hr5 /= n;
    m.hr10 /= n;
    m.ndcg5 /= n;
    m.ndcg10 /= n;
    m.mrr /= n;
    return m;
}

Protocol parseProtocol(const std::string& text)
{
    if (text == "sampled99")
        return Protocol::Sampled99;
    if (text == "sampled100")
        return Protocol::Sampled100;
    if (text == "full")
        return Protocol::Full;
    throw Error(ErrorCode::InvalidArgument, "--protocol must be sampled99, sampled100 or full, not '" + text + "'");
}

std::string protocolName(Protocol p)
{
    switch (p) {
    case Protocol::Sampled99: return "sampled99";
    case Protocol::Sampled100: return "sampled100";
    case Protocol::Full: return "full";
    }
    return "full";
}

int negativesFor(Protocol p)
{
    return p == Protocol::Sampled99 ? 99 : p == Protocol::Sampled100 ? 100 : 0;
}

std::int64_t rankWithTies(std::int64_t greater, std::int64_t ties, double u)
{
    // Uniform position among the ties + the target: 0..ties places after the strictly better ones.
    std::int64_t extra = std::int64_t(u * double(ties + 1));
    if (extra > ties)
        extra = ties;
    return greater + extra;
}

} // namespace shoppilot::recs
