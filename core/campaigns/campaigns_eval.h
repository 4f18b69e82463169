// `shoppilot eval campaigns --db FILE`: the planner's backtest on a demo store scored against the
// generator's planted truth (tests and evaluation only: no model reads the truth tables).
//  * Every finished campaign with at least three finished before it is forecast from those only
//    (rolling origin); its 90% interval of incremental conversions is checked against the planted
//    truth (sum over its treated customers of their archetype's planted lift), and checked for
//    consistency with what its control group measured (consistent(): both uncertainties).
//  * Uplift ranking: each learner, fitted on the earlier campaigns, scores the held-back
//    campaign's customers; Spearman correlation with the planted individual lift (random: 0), and
//    the Qini coefficient on the campaign's measured outcomes.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "campaigns/planner.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::campaigns {

struct StoreEvalRow {
    CampaignInfo campaign;
    PlanForecast forecast;
    Measured actual;
    double truthIncrementalConversions = 0;
    bool truthCovered90 = false;
    bool measuredCovered90 = false;       // measured incremental conversions consistent at 90%
    bool salesCovered90 = false;          // measured incremental sales consistent at 90%
    std::map<std::string, double> spearman; // learner -> correlation with the planted lift
    std::map<std::string, double> qini;     // learner -> Qini coefficient on measured conversions
};

struct StoreEval {
    std::vector<StoreEvalRow> rows;
    double truthCoverage90 = 0, measuredCoverage90 = 0, salesCoverage90 = 0;
    double meanAbsError = 0;              // |forecast - truth| incremental conversions, mean
    std::map<std::string, double> spearman, qini; // means over held-back campaigns
    std::string chosen;                   // learner the planner picks on all finished campaigns
};

// Throws Error(InvalidArgument) when the store has no planted truth (not a demo store) or too few
// campaigns to hold any back.
StoreEval evaluateStore(store::Database& db, Timestamp now, const Progress& progress = {});

// Spearman's rank correlation (average ranks for ties); 0 when either side is constant.
double spearman(const std::vector<double>& a, const std::vector<double>& b);

} // namespace shoppilot::campaigns
