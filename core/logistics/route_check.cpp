#include "logistics/route_check.h"

#include <cmath>
#include <sstream>

namespace shoppilot::logistics {

namespace {

double edge(const Instance& inst, int a, int b)
{
    const Node& p = inst.nodes[std::size_t(a)];
    const Node& q = inst.nodes[std::size_t(b)];
    const double dx = p.x - q.x, dy = p.y - q.y;
    const double d = std::sqrt(dx * dx + dy * dy);
    return inst.integerDistances ? std::floor(d + 0.5) : d;
}

std::string num(double v)
{
    std::ostringstream s;
    s << v;
    return s.str();
}

} // namespace

CheckResult checkSolution(const Instance& inst, const std::vector<std::vector<int>>& routes,
                          const std::vector<int>& unassigned)
{
    CheckResult res;
    const int n = inst.size();
    if (inst.depots.empty()) {
        res.violations.push_back("the instance has no depot");
        return res;
    }
    const int depot = inst.depots[0];
    const Node& dep = inst.nodes[std::size_t(depot)];
    std::vector<int> visits(std::size_t(n), 0);
    std::vector<bool> isDepot(std::size_t(n), false);
    for (int d : inst.depots)
        isDepot[std::size_t(d)] = true;

    for (std::size_t r = 0; r < routes.size(); ++r) {
        const auto& route = routes[r];
        if (route.empty())
            continue;
        ++res.routesUsed;
        const std::string rn = "route " + std::to_string(r + 1);
        long long load = 0;
        double time = dep.ready;
        int prev = depot;
        bool badIndex = false;
        for (int c : route) {
            if (c < 0 || c >= n) {
                res.violations.push_back(rn + ": node index " + std::to_string(c) + " is not in the instance");
                badIndex = true;
                continue;
            }
            if (isDepot[std::size_t(c)]) {
                res.violations.push_back(rn + ": visits the depot " + std::to_string(inst.nodes[std::size_t(c)].id)
                                         + " inside the route");
                continue;
            }
            ++visits[std::size_t(c)];
            const Node& node = inst.nodes[std::size_t(c)];
            load += node.demand;
            res.cost += edge(inst, prev, c);
            time += edge(inst, prev, c);
            if (time < node.ready)
                time = node.ready; // waiting is allowed
            if (time > node.due + 1e-9)
                res.violations.push_back(rn + ": customer " + std::to_string(node.id) + " served at " + num(time)
                                         + " after its due time " + num(node.due));
            time += node.service;
            prev = c;
        }
        res.cost += edge(inst, prev, depot);
        time += edge(inst, prev, depot);
        if (badIndex)
            continue;
        if (load > inst.capacity)
            res.violations.push_back(rn + ": load " + std::to_string(load) + " exceeds the capacity "
                                     + std::to_string(inst.capacity));
        if (time > dep.due + 1e-9)
            res.violations.push_back(rn + ": returns to the depot at " + num(time) + " after its closing "
                                     + num(dep.due));
        if (inst.shiftLength > 0 && time - dep.ready > inst.shiftLength + 1e-9)
            res.violations.push_back(rn + ": duration " + num(time - dep.ready) + " exceeds the shift length "
                                     + num(inst.shiftLength));
    }
    std::vector<bool> leftOut(std::size_t(n), false);
    for (int c : unassigned)
        if (c >= 0 && c < n)
            leftOut[std::size_t(c)] = true;
    for (int c = 0; c < n; ++c) {
        if (isDepot[std::size_t(c)])
            continue;
        const int v = visits[std::size_t(c)];
        const std::string id = std::to_string(inst.nodes[std::size_t(c)].id);
        if (v > 1)
            res.violations.push_back("customer " + id + " visited " + std::to_string(v) + " times");
        else if (v == 1 && leftOut[std::size_t(c)])
            res.violations.push_back("customer " + id + " is listed as unassigned but visited");
        else if (v == 0 && !leftOut[std::size_t(c)])
            res.violations.push_back("customer " + id + " is not visited");
    }
    if (inst.fleetLimit > 0 && res.routesUsed > inst.fleetLimit)
        res.violations.push_back(std::to_string(res.routesUsed) + " routes exceed the fleet limit "
                                 + std::to_string(inst.fleetLimit));
    return res;
}

} // namespace shoppilot::logistics
