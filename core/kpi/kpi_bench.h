// `shoppilot bench kpi`: how long one Overview refresh takes on the cube, against the same refresh
// by the reference SQL measured in the same run, so the figure is a ratio that holds across machines.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/progress.h"
#include "kpi/kpi.h"
#include "store/database.h"

namespace shoppilot::kpi {

// One refresh = kpis() (current + previous period) + a daily series + the three breakdowns.
struct KpiBenchCase {
    std::string name;   // "whole range", "last 30 days", "drill-down"
    Filter filter;
    double medianMs = 0.0;    // cube, built beforehand
    double p95Ms = 0.0;
    double sqlMedianMs = 0.0; // baseline: Backend::Sql, no cube
    double sqlP95Ms = 0.0;
    double speedup = 0.0;     // sqlMedianMs / medianMs
    bool identical = false;   // the cube's refresh equals the baseline's, figure for figure
};

struct KpiBenchResult {
    std::int64_t orders = 0;   // rows in the store, for the report
    std::int64_t orderItems = 0;
    std::int64_t events = 0;
    double cubeBuildMs = 0.0;  // KpiService::prepare() on a fresh service
    int repetitions = 0;       // cube refreshes per case
    int sqlRepetitions = 0;    // baseline refreshes per case
    std::vector<KpiBenchCase> cases;
    double worstMedianMs = 0.0; // the slowest case's cube median
    double worstP95Ms = 0.0;
    bool allIdentical = false;
};

// Times the cube build once, then `repetitions` refreshes per case on the cube and
// `sqlRepetitions` on the reference SQL (it takes seconds per refresh on the demo store). The
// cases: the whole data range, its last 30 days, and its last 90 days drilled down to the top
// category and top country (just the country when the store has no categories). Throws
// Error(InvalidArgument) on a store without orders or events.
KpiBenchResult benchKpis(store::Database& db, int repetitions = 20, int sqlRepetitions = 3,
                         const Progress& progress = {});

} // namespace shoppilot::kpi
