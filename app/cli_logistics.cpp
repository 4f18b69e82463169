// `shoppilot eval routing`: the routing solver (core/logistics/hgs.h) on a folder of CVRPLIB
// instances against their best-known costs, every solution checked by the independent checker.
// `shoppilot eval stock`: the Logistics panel's stock planning (core/logistics/stock.h) backtested
// on a store's own order history: weekly-units MASE per method and for the per-SKU choice against
// the naive baseline, and the fill rate the reorder points achieve in a replay of the test weeks.
#include <cstdio>
#include <iostream>

#include "cli_common.h"
#include "logistics/routing_eval.h"
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

const RegisterModuleCommand kEvalStock{{"eval", "stock",
    "  shoppilot eval stock --db FILE [--service-level 0.95] [--test-weeks 8] [--lead-time-days 14]\n"
    "                         [--drop-weeks N] [--origins 3]\n"
    "                                                 weekly demand backtest per SKU (Croston, SBA, TSB, ETS, Theta,\n"
    "                                                 per-SKU choice; MASE vs naive) and the fill rate of the reorder\n"
    "                                                 points in a replay of the test weeks\n",
    evalStock}};

} // namespace
} // namespace shoppilot::app
