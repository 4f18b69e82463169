// A hybrid genetic search for the CVRP and the VRPTW, after Vidal's HGS-CVRP (2022) and
// HGS-TW: giant-tour chromosomes cut into routes by Split (Bellman, with the fleet limit), OX
// crossover, a granular local search (relocate 1/2 nodes also reversed, swap 1-1/2-1/2-2,
// 2-opt, 2-opt*, SWAP*), penalised load excess and time warp with penalties steered toward a
// target share of feasible offspring, feasible and infeasible subpopulations ranked by biased
// fitness (cost rank + broken-pairs diversity rank), and restarts when the search stalls.
// One instance per call, single-threaded: run several calls in parallel for several seeds.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "common/progress.h"
#include "logistics/vrp_instance.h"

namespace shoppilot::logistics {

struct HgsOptions {
    std::uint64_t seed = 1;
    double timeLimitSeconds = 10;   // wall clock; <= 0 = no time limit (then set maxIterations)
    long long maxIterations = 0;    // offspring generated; 0 = no limit
    int fleetLimit = -1;            // -1 = the instance's, 0 = unlimited, k = at most k routes
    int granularity = 20;           // Gamma: each customer's moves go to its nearest neighbours
    int mu = 25;                    // minimum subpopulation size
    int lambda = 40;                // generation size (a subpopulation is culled at mu + lambda)
    int nbElite = 4;
    int nbClose = 5;                // neighbours in the diversity contribution
    double targetFeasible = 0.2;
    long long restartAfter = 20000; // iterations without improving the best
    // Stop once a feasible solution of at most this cost is found (e.g. a known optimum in
    // tests); <= 0 = never.
    double targetCost = 0;
    // Called with (fraction of the budget, what); returning false stops the search, which then
    // returns its best so far (it never throws Cancelled: a cancelled plan is still a plan).
    Progress progress;
    // Called on each new best feasible solution with (seconds since the start, its cost).
    std::function<void(double seconds, double cost)> onNewBest;
};

struct HgsResult {
    std::vector<std::vector<int>> routes; // node indices of the instance, depot excluded
    double cost = 0;          // distance of the best solution
    bool feasible = false;    // load, time windows and fleet respected (else the least penalised)
    double secondsToBest = 0;
    double seconds = 0;       // total run time
    long long iterations = 0;
    bool cancelled = false;
};

// Solves `instance` (one depot; throws shoppilot::Error(InvalidArgument) otherwise).
HgsResult solveHgs(const Instance& instance, const HgsOptions& options = {});

} // namespace shoppilot::logistics
