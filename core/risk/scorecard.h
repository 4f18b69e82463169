// A credit scorecard: each feature binned (quantiles for numbers, values for categories, small
// bins merged), bins replaced by their weight of evidence, a ridge logistic regression on the
// WoE columns, and points per bin (600 points at 50:1 good:bad odds, 20 points to double the
// odds). Reason codes are the features where an applicant lost the most points against the
// best bin. Used per customer (refund abuse / payment default) and by `eval credit`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "risk/risk_recipe.h"
#include "risk/tabular.h"

namespace shoppilot::risk {

struct ScorecardBin {
    std::string label;       // "[12, 24)", "A14", "other", "missing"
    double lo = 0, hi = 0;   // numeric bins: [lo, hi)
    std::vector<std::string> values; // categorical bins
    bool missing = false;
    double woe = 0;          // ln(share of bads / share of goods): positive = riskier
    double points = 0;
    int count = 0;
    int bads = 0;
};

struct ScorecardFeature {
    std::string name;
    bool categorical = false;
    std::vector<ScorecardBin> bins;
    double weight = 0;       // logistic weight on the WoE
    double informationValue = 0;
};

struct ScoreReason {
    std::string feature;
    std::string bin;
    double pointsLost = 0;   // against the feature's best bin
};

struct ScoredApplicant {
    double score = 0;        // points, higher = safer
    double probabilityBad = 0;
    std::vector<ScoreReason> reasons; // the top ones, most points lost first
};

class Scorecard {
public:
    struct Options { // defaults: models/risk/recipe.json, credit
        int maxBins = riskRecipe().credit.maxBins;
        double minBinShare = riskRecipe().credit.minBinShare;
        double l2 = riskRecipe().credit.l2;
        double pdo = riskRecipe().credit.pdo, basePoints = riskRecipe().credit.basePoints,
               baseOdds = riskRecipe().credit.baseOdds;
    };
    Scorecard() = default;
    explicit Scorecard(Options options) : m_opt(options) {}

    // Rows of `table` listed in `rows` (all rows when empty) are the training set.
    void fit(const RawTable& table, const std::vector<int>& rows = {});
    ScoredApplicant score(const RawTable& table, int row, int reasons = 3) const;
    double probabilityBad(const RawTable& table, int row) const;

    const std::vector<ScorecardFeature>& features() const { return m_features; }
    double intercept() const { return m_intercept; }
    std::string toJson() const;
    static Scorecard fromJson(const std::string& json);

private:
    int binOf(const ScorecardFeature& f, const RawColumn& c, int row) const;
    Options m_opt;
    std::vector<ScorecardFeature> m_features;
    std::vector<int> m_columnIndex; // feature -> column of the table it was fitted on
    double m_intercept = 0;
};

} // namespace shoppilot::risk
