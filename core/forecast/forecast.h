// Time-series forecasters shared by the panels that need them (Campaigns' baseline, Logistics'
// demand): naive family, exponential smoothing (SES, Holt, damped), ETS chosen by AICc, Theta,
// the M4 Comb benchmark and the product's default combination, each with 80% and 95% prediction
// intervals; M4's accuracy measures (sMAPE, MASE, OWA). Plain C++20, no Qt.
//
// Seasonality, as in the M4 competition's benchmarks: a series is called seasonal at period m when
// 1 < m, it has at least 3m values, and |acf(m)| exceeds the 90% limit
// 1.645 * sqrt((1 + 2 * sum_{k<m} acf(k)^2) / n). Then the "adjusted" methods (Naive2, SES, Holt,
// Damped, Theta, Comb) run on the series divided by the seasonal indices of a classical
// multiplicative decomposition (R's decompose()) and their forecasts are multiplied back. A series
// with a value <= 0 is never adjusted (multiplicative indices need positive values).
//
// Intervals: ETS family (SES, Holt, Damped, ETS with additive seasonality) analytical,
//   var(h) = sigma^2 (1 + sum_{j<h} c_j^2), c_j = alpha + beta*(phi + .. + phi^j) + gamma*[j % m == 0]
//   (Hyndman et al. 2008, class 1), sigma^2 from the in-sample one-step errors; naive: sigma*sqrt(h),
//   seasonal naive: sigma*sqrt(floor((h-1)/m)+1) (exact for random walks); Theta: the SES formula
//   on the theta line's alpha with the one-step residual sigma of the Theta fit; ETS with
//   multiplicative seasonality: the additive formula scaled by the seasonal index (an
//   approximation); combinations: the mean of their members' bounds. Seasonally adjusted methods
//   multiply their bounds by the seasonal index.
//
// Bad input: an empty series or one with a NaN/inf value is an Error (InvalidArgument); a constant
// series gets the constant with zero-width intervals from every method; a series too short for a
// method falls back (documented per method: < 3 values -> trend methods become SES, < 2 -> naive;
// fewer than 3m values -> no seasonal adjustment); seasonal naive with fewer than m values is an
// Error. Explicit multiplicative ETS on a series with a value <= 0 is an Error; the automatic choice
// simply leaves multiplicative candidates out.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace shoppilot::forecast {

// Default: the mean of ETS (AICc), Theta and damped Holt (forecasts and bounds), fixed a priori (no
// tuning on any test set): three different, individually strong M4 benchmarks whose errors partly
// cancel, cheap enough for the whole M4 Weekly set in ~6 s on one core. For periods with a second
// cycle (seasonalPeriods(m) has two: hourly, half-hourly) the default is Mstl, chosen on
// validation as described there.
// Select (not the default, not in allMethods()): per series, the candidate (ETS, Theta, damped,
// the default combination, seasonal naive when m > 1) with the lowest sMAPE on the last `horizon`
// values of the series itself, refitted on the whole series; the default when the series is
// shorter than 3 horizons.
// Mstl: for data with more than one cycle (hourly: the day and the week). Additive seasonal
// figures for every period of seasonalPeriods(m) the series covers three times, each estimated
// from the series less the other figures (two passes, classical centred-moving-average
// decomposition), Theta on what remains (trend and noise), the figures added back; the result is
// averaged with the seasonal naive (lag m), which follows a pattern that drifts. The recipe
// (additive rather than log scale, Theta rather than SES/damped/the default on the remainder, the
// average with seasonal naive) was chosen on validation data — the last 48 values of each M4
// Hourly *training* series — never on the test file. Intervals: the members' bounds, averaged.
enum class Method { Naive, SeasonalNaive, Naive2, Ses, Holt, Damped, Theta, Comb, Ets, Mstl, Default, Select };

// The seasonal periods Mstl models for base period m: hourly (24) and half-hourly (48) data add the
// week (7m); otherwise m alone.
std::vector<int> seasonalPeriods(int m);

const char* methodName(Method m);                          // "naive", "snaive", "naive2", "ses", ...
std::optional<Method> methodFromName(const std::string& name);
std::vector<Method> allMethods();                          // every method but Default and Select

struct Forecast {
    std::vector<double> mean;
    std::vector<double> lo80, hi80, lo95, hi95;
    std::string model; // what was fitted, e.g. "ETS(A,Ad,N)" or "constant series: naive"
};

// Forecast `horizon` steps of `y` with `method`; `period` is the seasonal period (1 = none).
Forecast forecast(const std::vector<double>& y, int period, int horizon, Method method);

// --- building blocks (exposed for tests and other modules) ---

// ETS. trend: 'N', 'A' or 'D' (damped); season: 'N', 'A' or 'M'; error: 'A' or 'M'. The state
// recursions are the same for both error types (for these trend/season forms); the error type
// changes the likelihood — multiplicative: n log(sum (e/yhat)^2) + 2 sum log yhat, positive series
// only — and so the fitted parameters, the AICc and the intervals (spread proportional to the
// forecast).
struct EtsSpec {
    char trend = 'N';
    char season = 'N';
    char error = 'A';
};
struct EtsFit {
    EtsSpec spec;
    double alpha = 0, beta = 0, gamma = 0, phi = 1;
    double sse = 0, aicc = 0, sigma2 = 0;
    int m = 1;
    double level = 0, trendState = 0;
    std::vector<double> season; // last m seasonal states, season[k] applies to time n + k
    std::string name() const;
};
// Fits by minimising the in-sample SSE (the additive-error likelihood) with Nelder-Mead over
// bounded smoothing parameters and the initial level/trend. `fixedAlpha` pins alpha (tests).
EtsFit fitEts(const std::vector<double>& y, int m, EtsSpec spec, std::optional<double> fixedAlpha = {});
Forecast forecastEts(const EtsFit& fit, int horizon);
// Tries ANN, AAN, AAdN and, when 1 < m <= 24 and there are at least 2m values, A/M seasonal
// versions (M only for positive series); with `multiplicativeErrors`, for positive series every
// one of them without additive seasonality with multiplicative errors too. Keeps the lowest AICc.
// Method::Ets uses additive errors only: on validation (the last 13 weeks of each M4 Weekly
// training series) adding the multiplicative-error candidates made ETS worse (sMAPE 8.55 vs 8.11,
// MASE 2.54 vs 2.47) and twice as slow.
EtsFit autoEts(const std::vector<double>& y, int m, bool multiplicativeErrors = false);

// M4's seasonality test and the classical multiplicative decomposition's indices (length n + h:
// in-sample then the h future ones). Returns all ones when not seasonal.
bool seasonalityTest(const std::vector<double>& y, int m);
std::vector<double> seasonalIndices(const std::vector<double>& y, int m, int horizon);

// --- accuracy (M4's definitions) ---
double smape(const std::vector<double>& actual, const std::vector<double>& forecast);
// Mean absolute error scaled by the in-sample MAE of the seasonal naive with lag m (m >= 1).
// Throws when the in-sample scale is zero or there are not more than m values.
double mase(const std::vector<double>& insample, const std::vector<double>& actual, const std::vector<double>& forecast, int m);
// OWA of a method from set-level mean sMAPE and MASE against Naive2's.
double owa(double smape, double mase, double naive2Smape, double naive2Mase);

// --- M4 CSV files ---
struct Series {
    std::string id;
    std::vector<double> values;
};
// One series per row, header row first, first column the id, values left-aligned, empty cells
// only after the end. A broken row is an Error(Parse) naming the source and line number.
std::vector<Series> parseM4Csv(const std::string& text, const std::string& sourceName);
std::vector<Series> readM4Csv(const std::string& path);

} // namespace shoppilot::forecast
