// The routing benchmark behind `eval routing`: every CVRPLIB instance of a folder solved by the
// genetic search within secondsPerNode x customers, with the fleet limit of its name, checked by
// the independent checker and compared with the best-known costs.
#pragma once

#include <string>
#include <vector>

#include "common/progress.h"

namespace shoppilot::logistics {

struct RoutingInstanceResult {
    std::string name;
    int customers = 0;
    int fleetLimit = 0;
    double bks = 0;         // NaN when the BKS file has no row for it
    double cost = 0;        // best over seeds (checker-feasible runs preferred)
    double meanCost = 0;    // mean over seeds
    double gapPct = 0;      // 100 * (cost - bks) / bks
    double secondsToBest = 0; // of the seed that gave `cost`
    double budgetSeconds = 0;
    bool feasible = false;  // the checker's verdict on the best solution
    std::string violation;  // the checker's first complaint, if any
    int routes = 0;
};

struct RoutingReport {
    double secondsPerNode = 0;
    int seeds = 0;
    int threads = 0;
    int instances = 0;
    int atBks = 0;          // feasible with cost <= bks
    double meanGapPct = 0;  // over instances with a BKS
    double wallSeconds = 0;
    std::vector<RoutingInstanceResult> perInstance;
};

// instancesDir: every .vrp under it (recursively), sorted by file name. bksCsv: a CSV with a
// header holding `instance` and `bks` or `bks_cost` (other columns ignored). seeds: how many
// seeds per instance (1, 2, ...). threads: how many (instance, seed) runs go in parallel.
// solDir: when not empty, the best solution of each instance is written there as <name>.sol.
// Throws shoppilot::Error for a missing folder or a BKS file without its columns, Cancelled
// when progress returns false.
RoutingReport evalRouting(const std::string& instancesDir, const std::string& bksCsv, double secondsPerNode,
                          int seeds, int threads, const std::string& solDir = {}, const Progress& progress = {});

std::string formatRoutingTable(const RoutingReport& report);
// {"instances", "at_bks", "mean_gap_pct", "seconds_per_node", "seeds", "per_instance":
//  [{"name", "cost", "bks", "gap_pct", "seconds", "mean_cost", "feasible", "routes"}]}
std::string routingJson(const RoutingReport& report);

} // namespace shoppilot::logistics
