// `shoppilot eval forecast` and `bench forecast`: the time-series forecasters (core/forecast) on
// files in the M4 competition's CSV layout — sMAPE, MASE and OWA against Naive2 per method and for
// the default, and the default's speed against seasonal naive (table, or JSON with --json).
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_common.h"
#include "forecast/forecast.h"
#include "forecast/forecast_eval.h"

namespace shoppilot::app {

namespace {

using nlohmann::json;

int periodOf(const Args& a)
{
    const int m = a.intOpt("period", 0);
    if (m < 1)
        throw UsageError("--period M is required (the seasonal period, 1 = none)");
    return m;
}

using forecast::seasonalPeriods;

int evalForecast(const Args& a)
{
    a.allowOnly({"train", "test", "period", "methods", "mase-period", "validation"});
    const bool quiet = a.flag("quiet") || a.flag("json");
    const int period = periodOf(a);
    std::vector<forecast::Method> methods;
    if (const auto list = a.opt("methods")) {
        std::stringstream ss(*list);
        std::string name;
        while (std::getline(ss, name, ','))
            if (!name.empty()) {
                const auto m = forecast::methodFromName(name);
                if (!m)
                    throw UsageError("unknown method '" + name + "' (naive, snaive, naive2, ses, holt, damped, theta, comb, ets, mstl, default, select)");
                methods.push_back(*m);
            }
    } else {
        methods = forecast::allMethods();
    }
    if (std::find(methods.begin(), methods.end(), forecast::Method::Default) == methods.end())
        methods.push_back(forecast::Method::Default);
    auto train = forecast::readM4Csv(a.required("train"));
    auto test = forecast::readM4Csv(a.required("test"));
    if (a.flag("validation")) {
        // Choosing a method must not look at the test file: score on the last `horizon` values of
        // each training series instead (the test file gives the horizon only).
        std::size_t horizon = 0;
        for (const auto& t : test)
            horizon = std::max(horizon, t.values.size());
        for (std::size_t i = 0; i < train.size() && i < test.size(); ++i) {
            auto& v = train[i].values;
            if (v.size() <= horizon + 2)
                throw Error(ErrorCode::InvalidArgument, "--validation: series " + train[i].id + " is too short to hold back " +
                                                            std::to_string(horizon) + " values");
            test[i].values.assign(v.end() - std::ptrdiff_t(horizon), v.end());
            v.resize(v.size() - horizon);
        }
    }
    const auto r = forecast::evaluate(train, test, period, methods, consoleProgress(quiet), a.intOpt("mase-period", 0));
    if (a.flag("json")) {
        json j{{"series", r.series}, {"horizon", r.horizon}, {"period", r.period}, {"mase_period", r.scalePeriod}};
        for (const auto& s : r.scores) {
            j[s.method + "/smape"] = s.smape;
            j[s.method + "/mase"] = s.mase;
            j[s.method + "/owa"] = s.owa;
            j[s.method + "/seconds"] = s.seconds;
        }
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("%d series, horizon %d, period %d (MASE scaled by the in-sample seasonal naive with lag %d)\n", r.series,
                r.horizon, r.period, r.scalePeriod);
    std::printf("  %-10s %9s %9s %9s %10s\n", "method", "sMAPE", "MASE", "OWA", "seconds");
    for (const auto& s : r.scores)
        std::printf("  %-10s %9.3f %9.3f %9.3f %10.2f\n", s.method.c_str(), s.smape, s.mase, s.owa, s.seconds);
    std::printf(seasonalPeriods(period).size() > 1 ? "default = mstl (chosen on validation: --validation)\n"
                                                   : "default = mean of ETS (AICc), Theta and damped Holt\n");
    return 0;
}

int benchForecast(const Args& a)
{
    a.allowOnly({"train", "test", "period"});
    const bool quiet = a.flag("quiet") || a.flag("json");
    const int period = periodOf(a);
    const auto train = forecast::readM4Csv(a.required("train"));
    const auto test = forecast::readM4Csv(a.required("test"));
    const auto b = forecast::bench(train, test, period, consoleProgress(quiet));
    const double ratio = b.defaultSeconds > 0 ? b.snaiveSeconds / b.defaultSeconds : 0;
    if (a.flag("json")) {
        json j{{"series", b.series}, {"horizon", b.horizon}, {"period", period},
               {"default/seconds", b.defaultSeconds}, {"default/series_per_second", b.defaultSeriesPerSecond},
               {"snaive/seconds", b.snaiveSeconds}, {"snaive/series_per_second", b.snaiveSeriesPerSecond},
               {"default_vs_snaive_speed", ratio}};
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("%d series, horizon %d, period %d, one thread\n", b.series, b.horizon, period);
    std::printf("  %-16s %10.3f s %12.1f series/s\n", "default", b.defaultSeconds, b.defaultSeriesPerSecond);
    std::printf("  %-16s %10.3f s %12.1f series/s\n", "seasonal naive", b.snaiveSeconds, b.snaiveSeriesPerSecond);
    std::printf("default is %.0fx slower than seasonal naive; goal: the whole set (M4 Weekly, 359 series) in < 10 s\n",
                ratio > 0 ? 1.0 / ratio : 0.0);
    return 0;
}

const RegisterModuleCommand kEvalForecast{{"eval", "forecast",
    "  shoppilot eval forecast --train FILE --test FILE --period M [--methods a,b,...] [--mase-period K] [--validation]\n"
    "                                                 sMAPE / MASE / OWA vs Naive2 on M4-layout CSV files\n",
    evalForecast}};
const RegisterModuleCommand kBenchForecast{{"bench", "forecast",
    "  shoppilot bench forecast --train FILE --test FILE --period M\n"
    "                                                 series per second of the default forecaster vs seasonal naive\n",
    benchForecast}};

} // namespace

} // namespace shoppilot::app
