// `shoppilot eval pricing`, `train pricing` and `bench pricing`.
#include <chrono>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli_support.h"
#include "common/time.h"
#include "engine/engine.h"
#include "pricing/demand_model.h"
#include "pricing/pricing_bench.h"
#include "pricing/pricing_eval.h"
#include "store/database.h"

namespace shoppilot::app {

namespace {

std::optional<Timestamp> dateOpt(const Args& a, const std::string& key)
{
    const auto v = a.opt(key);
    if (!v)
        return std::nullopt;
    const auto t = parseTimestamp(*v);
    if (!t)
        throw UsageError("--" + key + " takes a date YYYY-MM-DD, not '" + *v + "'");
    return t;
}

int evalPricing(const Args& a)
{
    a.allowOnly({"db", "train-end"});
    engine::configureThreads();
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadOnly});
    pricing::EvalOptions o;
    // The day after --train-end: training covers that whole day.
    if (auto t = dateOpt(a, "train-end"))
        o.trainEnd = *t + kSecondsPerDay;
    const auto r = pricing::evaluatePricing(db, o, consoleProgress(a.flag("quiet") || a.flag("json")));
    if (a.flag("json"))
        std::cout << pricing::evalReportJson(r) << std::endl;
    else
        std::cout << pricing::evalReportText(r);
    return 0;
}

int trainPricing(const Args& a)
{
    a.allowOnly({"db"});
    engine::configureThreads();
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadWrite});
    const auto progress = consoleProgress(a.flag("quiet") || a.flag("json"));
    const auto t0 = std::chrono::steady_clock::now();
    const auto data = pricing::loadDemandData(db, {}, progress);
    auto fit = pricing::fitDemand(data, {}, progress);
    fit.trainedAt = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    int withE = 0;
    for (const auto& p : fit.products)
        withE += p.hasElasticity();
    const nlohmann::json metrics{{"products", fit.products.size()}, {"with_elasticity", withE}, {"weeks", fit.weeks},
                                 {"deviance", fit.deviance}, {"seconds", secs}};
    const int version = pricing::saveFit(db, fit, metrics.dump());
    if (a.flag("json")) {
        auto j = metrics;
        j["model"] = pricing::kDemandModelName;
        j["version"] = version;
        std::cout << j.dump() << std::endl;
    } else {
        std::printf("%s v%d: %zu products (%d with an elasticity of their own), %d weeks, %.1f s\n",
                    pricing::kDemandModelName, version, fit.products.size(), withE, fit.weeks, secs);
    }
    return 0;
}

int benchPricing(const Args& a)
{
    a.allowOnly({"db", "ticks", "products"});
    engine::configureThreads();
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadOnly});
    pricing::BenchOptions o;
    o.ticks = a.intOpt("ticks", o.ticks);
    o.batchProducts = a.intOpt("products", o.batchProducts);
    const auto r = pricing::runPricingBench(db, o, consoleProgress(a.flag("quiet") || a.flag("json")));
    if (a.flag("json"))
        std::cout << pricing::benchReportJson(r) << std::endl;
    else
        std::cout << pricing::benchReportText(r);
    return 0;
}

RegisterModuleCommand regEval{{"eval", "pricing",
                               "  shoppilot eval pricing --db STORE [--train-end YYYY-MM-DD]\n"
                               "                                                 elasticities (vs planted truth on demo stores),\n"
                               "                                                 intervals, weekly-units backtest (MASE)\n",
                               evalPricing}};
RegisterModuleCommand regTrain{{"train", "pricing",
                                "  shoppilot train pricing --db STORE              fit the demand model, store it (models table)\n",
                                trainPricing}};
RegisterModuleCommand regBench{{"bench", "pricing",
                                "  shoppilot bench pricing --db STORE [--ticks N] [--products N]\n"
                                "                                                 slider tick p99 and 3,000-product batch, vs baselines\n",
                                benchPricing}};

} // namespace

} // namespace shoppilot::app
