#include "forecast/forecast_eval.h"

#include <algorithm>
#include <chrono>

#include "common/error.h"

namespace shoppilot::forecast {

namespace {

int checkPairs(const std::vector<Series>& train, const std::vector<Series>& test)
{
    if (train.empty())
        throw Error(ErrorCode::InvalidArgument, "the training file has no series");
    if (train.size() != test.size())
        throw Error(ErrorCode::InvalidArgument, "the training file has " + std::to_string(train.size()) +
                                                    " series, the test file " + std::to_string(test.size()));
    std::size_t h = 0;
    for (const auto& s : test)
        h = std::max(h, s.values.size());
    for (std::size_t i = 0; i < train.size(); ++i) {
        if (train[i].id != test[i].id)
            throw Error(ErrorCode::InvalidArgument, "series " + std::to_string(i + 1) + " is " + train[i].id +
                                                        " in the training file but " + test[i].id + " in the test file");
        if (test[i].values.size() != h)
            throw Error(ErrorCode::InvalidArgument, "test series " + test[i].id + " has " + std::to_string(test[i].values.size()) +
                                                        " values, the horizon is " + std::to_string(h));
    }
    return int(h);
}

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

} // namespace

const MethodScore* EvalResult::find(const std::string& method) const
{
    for (const auto& s : scores)
        if (s.method == method)
            return &s;
    return nullptr;
}

EvalResult evaluate(const std::vector<Series>& train, const std::vector<Series>& test, int period,
                    const std::vector<Method>& methodsIn, const Progress& progress, int scalePeriod)
{
    EvalResult r;
    r.horizon = checkPairs(train, test);
    r.series = int(train.size());
    r.period = period;
    r.scalePeriod = scalePeriod > 0 ? scalePeriod : period;
    auto methods = methodsIn;
    for (auto extra : {Method::Naive2})
        if (std::find(methods.begin(), methods.end(), extra) == methods.end())
            methods.push_back(extra);
    r.scores.resize(methods.size());
    for (std::size_t k = 0; k < methods.size(); ++k)
        r.scores[k].method = methodName(methods[k]);
    ProgressReporter rep(progress);
    for (std::size_t i = 0; i < train.size(); ++i) {
        rep.report(double(i) / double(train.size()), "forecasting " + train[i].id);
        for (std::size_t k = 0; k < methods.size(); ++k) {
            const double t0 = now();
            const auto f = forecast(train[i].values, period, r.horizon, methods[k]);
            r.scores[k].seconds += now() - t0;
            r.scores[k].smape += smape(test[i].values, f.mean) / double(train.size());
            r.scores[k].mase += mase(train[i].values, test[i].values, f.mean, r.scalePeriod) / double(train.size());
        }
    }
    rep.report(1.0, "done");
    const auto* n2 = r.find("naive2");
    const double n2s = n2->smape, n2m = n2->mase;
    for (auto& s : r.scores)
        s.owa = owa(s.smape, s.mase, n2s, n2m);
    return r;
}

BenchResult bench(const std::vector<Series>& train, const std::vector<Series>& test, int period, const Progress& progress)
{
    BenchResult b;
    b.horizon = checkPairs(train, test);
    b.series = int(train.size());
    ProgressReporter rep(progress);
    double sink = 0;
    double t0 = now();
    for (std::size_t i = 0; i < train.size(); ++i) {
        rep.report(0.5 * double(i) / double(train.size()), "default method");
        sink += forecast(train[i].values, period, b.horizon, Method::Default).mean[0];
    }
    b.defaultSeconds = now() - t0;
    t0 = now();
    for (std::size_t i = 0; i < train.size(); ++i) {
        rep.report(0.5 + 0.5 * double(i) / double(train.size()), "seasonal naive");
        sink += forecast(train[i].values, period, b.horizon, Method::SeasonalNaive).mean[0];
    }
    b.snaiveSeconds = now() - t0;
    rep.report(1.0, sink == 0.123456789 ? "" : "done");
    b.defaultSeriesPerSecond = b.defaultSeconds > 0 ? b.series / b.defaultSeconds : 0;
    b.snaiveSeriesPerSecond = b.snaiveSeconds > 0 ? b.series / b.snaiveSeconds : 0;
    return b;
}

} // namespace shoppilot::forecast
