// `shoppilot eval campaigns --db FILE`: the campaign planner's backtest on a demo store against
// the planted truth (core/campaigns/campaigns_eval.h). cli_campaigns.cpp's `eval campaigns`
// hands over here when --db is given.
#include <cstdio>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "campaigns/campaigns_eval.h"
#include "cli_common.h"
#include "store/database.h"

namespace shoppilot::app {

int evalCampaignsDb(const Args& a)
{
    a.allowOnly({"db"});
    const bool quiet = a.flag("quiet") || a.flag("json");
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadOnly});
    const auto ev = campaigns::evaluateStore(db, Timestamp(std::time(nullptr)), consoleProgress(quiet));
    if (a.flag("json")) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& r : ev.rows) {
            const auto& ic = r.forecast.incrementalConversions;
            const auto& is = r.forecast.incrementalSales;
            rows.push_back({{"campaign", r.campaign.name},
                            {"past_campaigns", r.forecast.pastCampaigns},
                            {"learner", r.forecast.learner},
                            {"forecast_incremental_conversions", ic.mean},
                            {"lo90", ic.low(0.9)},
                            {"hi90", ic.high(0.9)},
                            {"truth_incremental_conversions", r.truthIncrementalConversions},
                            {"measured_incremental_conversions", r.actual.incrementalConversions},
                            {"forecast_incremental_sales", is.mean},
                            {"sales_lo90", is.low(0.9)},
                            {"sales_hi90", is.high(0.9)},
                            {"measured_incremental_sales", r.actual.incrementalSales},
                            {"truth_covered_90", r.truthCovered90},
                            {"spearman", r.spearman},
                            {"qini", r.qini}});
        }
        nlohmann::json j{{"held_back", ev.rows.size()},
                         {"coverage90/truth", ev.truthCoverage90},
                         {"coverage90/measured", ev.measuredCoverage90},
                         {"coverage90/sales_measured", ev.salesCoverage90},
                         {"mae/incremental_conversions", ev.meanAbsError},
                         {"chosen", ev.chosen},
                         {"per_campaign", rows}};
        for (const auto& [l, v] : ev.spearman)
            j[l + "/spearman_planted"] = v;
        for (const auto& [l, v] : ev.qini)
            j[l + "/qini_heldout"] = v;
        j["random/spearman_planted"] = 0.0;
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("Held-back campaigns, each forecast from the finished campaigns before it (rolling origin):\n");
    std::printf("  %-28s %4s %-10s %22s %8s %8s %20s %9s\n", "campaign", "past", "learner", "inc. conv. [90%]", "truth",
                "measured", "inc. sales [90%]", "measured");
    for (const auto& r : ev.rows) {
        const auto& ic = r.forecast.incrementalConversions;
        const auto& is = r.forecast.incrementalSales;
        std::printf("  %-28.28s %4d %-10s %6.0f [%6.0f,%6.0f] %8.0f %8.0f %6.0f [%5.0f,%5.0f] %9.0f%s\n", r.campaign.name.c_str(),
                    r.forecast.pastCampaigns, r.forecast.learner.c_str(), ic.mean, ic.low(0.9), ic.high(0.9),
                    r.truthIncrementalConversions, r.actual.incrementalConversions, is.mean, is.low(0.9), is.high(0.9),
                    r.actual.incrementalSales, r.truthCovered90 ? "" : "  (truth outside)");
    }
    std::printf("90%% intervals: planted truth covered %.0f%% (goal >= 85%%); consistent with the control group's measurement "
                "(both uncertainties): conversions %.0f%%, sales %.0f%%\n",
                ev.truthCoverage90 * 100, ev.measuredCoverage90 * 100, ev.salesCoverage90 * 100);
    std::printf("mean |forecast - truth| incremental conversions: %.1f\n", ev.meanAbsError);
    std::printf("Uplift ranking on the held-back campaigns (fitted on the earlier ones):\n");
    std::printf("  %-12s %22s %14s\n", "learner", "Spearman vs planted", "Qini (measured)");
    for (const auto& [l, v] : ev.spearman)
        std::printf("  %-12s %22.3f %14.3f\n", l.c_str(), v, ev.qini.at(l));
    std::printf("  %-12s %22.3f %14.3f\n", "random", 0.0, 0.0);
    std::printf("chosen (3-fold cross-validated Qini on all finished campaigns): %s\n", ev.chosen.c_str());
    return 0;
}

} // namespace shoppilot::app
