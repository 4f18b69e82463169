// `shoppilot eval routing`: the routing solver (core/logistics/hgs.h) on a folder of CVRPLIB
// instances against their best-known costs, every solution checked by the independent checker.
// `shoppilot eval stock`: the Logistics panel's stock planning (core/logistics/stock.h) backtested
// on a store's own order history: weekly-units MASE per method and for the per-SKU choice against
// the naive baseline, and the fill rate the reorder points achieve in a replay of the test weeks.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <iostream>

#include "cli_common.h"
#include "logistics/day_plan.h"
#include "logistics/routing_eval.h"
#include "common/random.h"
#include "common/error.h"
#include "common/time.h"
#include "logistics/stock.h"
#include "store/database.h"

namespace shoppilot::app {
namespace {

int evalStock(const Args& a)
{
    a.allowOnly({"db", "service-level", "test-weeks", "lead-time-days", "drop-weeks", "origins"});
    const bool quiet = a.flag("quiet") || a.flag("json");
    logistics::StockOptions o;
    o.serviceLevel = a.doubleOpt("service-level", 0.95);
    o.defaultLeadTimeDays = a.intOpt("lead-time-days", 14);
    o.choiceOrigins = a.intOpt("origins", 3);
    if (!(o.serviceLevel > 0.5 && o.serviceLevel < 1.0))
        throw UsageError("--service-level must be between 0.5 and 1 (e.g. 0.95)");
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadOnly});
    const auto e = logistics::evalStock(db, o, a.intOpt("test-weeks", 8), a.intOpt("drop-weeks", 0),
                                         consoleProgress(quiet));
    if (a.flag("json"))
        std::cout << logistics::stockEvalJson(e) << "\n";
    else
        std::cout << logistics::formatStockEval(e);
    return 0;
}

int evalRouting(const Args& a)
{
    a.allowOnly({"instances", "bks", "seconds-per-node", "seeds", "threads", "sol-dir"});
    const bool quiet = a.flag("quiet") || a.flag("json");
    const double perNode = a.doubleOpt("seconds-per-node", 0.2);
    if (!(perNode > 0))
        throw UsageError("--seconds-per-node must be positive (e.g. 0.2)");
    const int seeds = a.intOpt("seeds", 1), threads = a.intOpt("threads", 1);
    if (seeds < 1 || threads < 1)
        throw UsageError("--seeds and --threads must be at least 1");
    const auto r = logistics::evalRouting(a.required("instances"), a.required("bks"), perNode, seeds, threads,
                                          a.opt("sol-dir").value_or(""), consoleProgress(quiet));
    if (a.flag("json"))
        std::cout << logistics::routingJson(r) << "\n";
    else
        std::cout << logistics::formatRoutingTable(r);
    return 0;
}

const RegisterModuleCommand kEvalRouting{{"eval", "routing",
    "  shoppilot eval routing --instances DIR --bks FILE [--seconds-per-node 0.2] [--seeds 1] [--threads 1]\n"
    "                         [--sol-dir DIR]\n"
    "                                                 every .vrp in DIR solved within X s per customer (fleet limit\n"
    "                                                 from the name), checked, gap to the best-known costs\n",
    evalRouting}};

// The demo store's busiest delivery day solved within a budget, and the drag-a-stop check (one stop
// moved to another route: feasibility and cost) against re-evaluating the whole plan, same run.
int benchRouting(const Args& a)
{
    a.allowOnly({"db", "seconds", "moves", "seed", "threads"});
    const bool quiet = a.flag("quiet") || a.flag("json");
    const double seconds = a.doubleOpt("seconds", 10);
    const int moves = a.intOpt("moves", 2000);
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadOnly});
    const auto days = logistics::deliveryDays(db);
    if (days.empty())
        throw Error(ErrorCode::InvalidArgument, "the store has no open shipments with coordinates to plan");
    const auto& day = days.front();
    const auto problem = logistics::loadDay(db, day.depotId, day.day);
    logistics::DayOptions o;
    o.search.timeLimitSeconds = seconds;
    o.search.seed = std::uint64_t(a.intOpt("seed", 1));
    o.threads = a.intOpt("threads", 1);
    o.search.progress = consoleProgress(quiet);
    const auto plan = logistics::solveDay(problem, o);
    const auto totals = logistics::planTotals(problem, plan);
    std::map<std::string, int> reasons;
    for (const auto& u : plan.unassigned)
        ++reasons[logistics::reasonName(u.reason)];
    // Random drags of a routed stop to another route (cheapest position).
    Rng rng(42, 7);
    std::vector<std::pair<int, int>> routed; // (route, node)
    for (int r = 0; r < int(plan.routes.size()); ++r)
        for (const int n : plan.routes[std::size_t(r)].stops)
            routed.emplace_back(r, n);
    std::vector<double> moveMs, fullMs;
    int feasibleMoves = 0;
    for (int i = 0; i < moves && !routed.empty() && plan.routes.size() > 1; ++i) {
        const auto [from, node] = routed[std::size_t(rng.uniform() * double(routed.size())) % routed.size()];
        int to = int(rng.uniform() * double(plan.routes.size() - 1));
        if (to >= from)
            ++to;
        auto t0 = std::chrono::steady_clock::now();
        const auto m = logistics::moveStop(problem, plan, node, to);
        moveMs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        feasibleMoves += m.feasible ? 1 : 0;
        t0 = std::chrono::steady_clock::now();
        const auto t = logistics::planTotals(problem, m.plan);
        fullMs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        if (t.km < 0)
            return 1; // keeps the evaluation from being optimised away
    }
    auto pct = [](std::vector<double> v, double q) {
        if (v.empty())
            return 0.0;
        std::sort(v.begin(), v.end());
        return v[std::min(v.size() - 1, std::size_t(q * double(v.size())))];
    };
    std::printf("%s, %s: %d stops, %lld units, %zu vehicles; solved in %.1f s (budget %.1f s)\n", day.depot.c_str(),
                formatDate(day.day).c_str(), int(problem.stops.size()), (long long)day.units, problem.vehicles.size(), plan.seconds, seconds);
    std::printf("  served %d, unassigned %zu", totals.served, plan.unassigned.size());
    for (const auto& [why, n] : reasons)
        std::printf(" (%s %d)", why.c_str(), n);
    std::printf("\n  %.1f km, %.0f route minutes, %.0f late minutes, %s\n", totals.km, totals.minutes, totals.lateMinutes,
                totals.feasible ? "every route feasible" : "INFEASIBLE");
    std::printf("  drag a stop to another route (%zu moves, %d feasible): p50 %.3f ms, p99 %.3f ms; goal p99 < 5 ms\n", moveMs.size(),
                feasibleMoves, pct(moveMs, 0.5), pct(moveMs, 0.99));
    std::printf("  re-evaluating the whole plan (baseline, same moves):  p50 %.3f ms, p99 %.3f ms\n", pct(fullMs, 0.5), pct(fullMs, 0.99));
    return 0;
}

const RegisterModuleCommand kBenchRouting{{"bench", "routing",
    "  shoppilot bench routing --db FILE [--seconds 10] [--moves 2000] [--threads 1]\n"
    "                                                 the busiest delivery day solved, and the drag-a-stop check's p50/p99\n",
    benchRouting}};

const RegisterModuleCommand kEvalStock{{"eval", "stock",
    "  shoppilot eval stock --db FILE [--service-level 0.95] [--test-weeks 8] [--lead-time-days 14]\n"
    "                         [--drop-weeks N] [--origins 3]\n"
    "                                                 weekly demand backtest per SKU (Croston, SBA, TSB, ETS, Theta,\n"
    "                                                 per-SKU choice; MASE vs naive) and the fill rate of the reorder\n"
    "                                                 points in a replay of the test weeks\n",
    evalStock}};

} // namespace
} // namespace shoppilot::app
