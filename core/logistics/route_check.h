// An independent checker for routing solutions: it recomputes everything from the instance's
// coordinates (not from the solver's matrix or its incremental route data), so a solver bug
// cannot hide behind the solver's own bookkeeping. Used by tests, the eval and the panel.
#pragma once

#include <string>
#include <vector>

#include "logistics/vrp_instance.h"

namespace shoppilot::logistics {

struct CheckResult {
    double cost = 0;     // recomputed from coordinates with the instance's rounding rule
    int routesUsed = 0;  // non-empty routes
    std::vector<std::string> violations; // readable, one per problem
    bool feasible() const { return violations.empty(); }
};

// Checks: node indices valid, no depot inside a route, every customer visited at most once and
// exactly once unless listed in `unassigned`, load <= capacity per route, time windows (service
// may start no later than the due time; arriving early means waiting), the return to the depot
// before its due time, shift length (return time - depot ready time <= shiftLength, the vehicle
// leaving at the depot's opening), and the fleet limit (non-empty routes).
CheckResult checkSolution(const Instance& instance, const std::vector<std::vector<int>>& routes,
                          const std::vector<int>& unassigned = {});
inline CheckResult checkSolution(const Instance& instance, const Solution& s)
{
    return checkSolution(instance, s.routes, s.unassigned);
}

} // namespace shoppilot::logistics
