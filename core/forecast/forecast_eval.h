// M4-style evaluation and speed benchmark of the forecasters on files in the M4 CSV layout
// (`shoppilot eval forecast`, `shoppilot bench forecast`).
#pragma once

#include <string>
#include <vector>

#include "common/progress.h"
#include "forecast/forecast.h"

namespace shoppilot::forecast {

struct MethodScore {
    std::string method; // methodName(), "default" and "naive2" included
    double smape = 0;   // mean over series
    double mase = 0;    // mean over series
    double owa = 0;     // against Naive2's set-level means
    double seconds = 0; // fitting and forecasting time, all series
};

struct EvalResult {
    int series = 0;
    int horizon = 0;
    int period = 1;
    int scalePeriod = 1; // the MASE scaling lag (the period unless asked otherwise)
    std::vector<MethodScore> scores; // in the order asked, then naive2 if not asked
    const MethodScore* find(const std::string& method) const;
};

// train[i] and test[i] must be the same series (same id, same order); horizon = the widest test
// row, every test row must have that many values. Progress per series; Cancelled on a stop.
// MASE is scaled by the seasonal naive with lag `scalePeriod` (0 = `period`, M4's definition);
// a different lag lets the M4 Weekly figures (frequency 1) be compared while models use 52.
EvalResult evaluate(const std::vector<Series>& train, const std::vector<Series>& test, int period,
                    const std::vector<Method>& methods, const Progress& progress, int scalePeriod = 0);

struct BenchResult {
    int series = 0;
    int horizon = 0;
    double defaultSeconds = 0, snaiveSeconds = 0;
    double defaultSeriesPerSecond = 0, snaiveSeriesPerSecond = 0;
};
// Times the default method and seasonal naive on every series, one thread.
BenchResult bench(const std::vector<Series>& train, const std::vector<Series>& test, int period, const Progress& progress);

} // namespace shoppilot::forecast
