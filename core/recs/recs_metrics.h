// Ranking metrics for held-out items (HR@k, NDCG@k, MRR) and the two candidate protocols:
// sampled (the target among N negatives drawn uniformly from items the user never touched, as
// S3-Rec and SASRec evaluate) and full ranking (the target among every item the user has not
// already interacted with).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace shoppilot::recs {

// From a 0-based rank (0 = first place).
double hitAt(std::int64_t rank, int k);
double ndcgAt(std::int64_t rank, int k);
double reciprocalRank(std::int64_t rank);

// The metrics every evaluation reports, averaged over cases.
struct RankMetrics {
    double hr1 = 0, hr5 = 0, hr10 = 0, ndcg5 = 0, ndcg10 = 0, mrr = 0;
    std::int64_t cases = 0;
    std::map<std::string, double> named() const; // "HR@1" ... "MRR"
};
RankMetrics metricsFromRanks(const std::vector<std::int64_t>& ranks);

// Names in report order.
const std::vector<std::string>& metricNames();

enum class Protocol { Sampled99, Sampled100, Full };
Protocol parseProtocol(const std::string& text); // sampled99 | sampled100 | full
std::string protocolName(Protocol p);
int negativesFor(Protocol p); // 99, 100, or 0 for full ranking

// The target's rank given how many candidates scored strictly higher and how many tied with
// it: ties are broken uniformly at random (u in [0,1)), so a constant scorer gets the expected
// rank rather than the best or worst one.
std::int64_t rankWithTies(std::int64_t greater, std::int64_t ties, double u);

} // namespace shoppilot::recs
