#include "forecast/forecast.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <limits>
#include <numeric>
#include <sstream>

#include "common/csv.h"
#include "common/error.h"
#include "common/nelder_mead.h"

namespace shoppilot::forecast {

namespace {

constexpr double kZ80 = 1.2815515655446004;
constexpr double kZ95 = 1.959963984540054;
constexpr double kInf = std::numeric_limits<double>::infinity();

void checkSeries(const std::vector<double>& y)
{
    if (y.empty())
        throw Error(ErrorCode::InvalidArgument, "forecast: the series is empty");
    for (std::size_t i = 0; i < y.size(); ++i)
        if (!std::isfinite(y[i]))
            throw Error(ErrorCode::InvalidArgument,
                        "forecast: value " + std::to_string(i + 1) + " of the series is missing or not finite");
}

bool isConstant(const std::vector<double>& y)
{
    const auto [lo, hi] = std::minmax_element(y.begin(), y.end());
    return *hi - *lo <= 1e-12 * std::max(1.0, std::abs(*hi));
}

// Fills the four bounds from the mean and a standard deviation per step.
void setBounds(Forecast& f, const std::vector<double>& sd)
{
    const auto h = f.mean.size();
    f.lo80.resize(h), f.hi80.resize(h), f.lo95.resize(h), f.hi95.resize(h);
    for (std::size_t i = 0; i < h; ++i) {
        f.lo80[i] = f.mean[i] - kZ80 * sd[i];
        f.hi80[i] = f.mean[i] + kZ80 * sd[i];
        f.lo95[i] = f.mean[i] - kZ95 * sd[i];
        f.hi95[i] = f.mean[i] + kZ95 * sd[i];
    }
}

Forecast constantForecast(double v, int h, std::string model)
{
    Forecast f;
    f.mean.assign(std::size_t(h), v);
    setBounds(f, std::vector<double>(std::size_t(h), 0.0));
    f.model = std::move(model);
    return f;
}

// sigma of lag-`lag` differences (the random-walk / seasonal random-walk one-step error).
double diffSigma(const std::vector<double>& y, int lag)
{
    const auto n = y.size();
    if (n <= std::size_t(lag))
        return 0.0;
    double s = 0;
    for (std::size_t t = std::size_t(lag); t < n; ++t)
        s += (y[t] - y[t - std::size_t(lag)]) * (y[t] - y[t - std::size_t(lag)]);
    return std::sqrt(s / double(n - std::size_t(lag)));
}

Forecast naiveF(const std::vector<double>& y, int h)
{
    Forecast f;
    f.mean.assign(std::size_t(h), y.back());
    const double s = diffSigma(y, 1);
    std::vector<double> sd(static_cast<std::size_t>(h));
    for (int i = 0; i < h; ++i)
        sd[std::size_t(i)] = s * std::sqrt(double(i + 1));
    setBounds(f, sd);
    f.model = "naive";
    return f;
}

Forecast seasonalNaiveF(const std::vector<double>& y, int m, int h)
{
    const auto n = y.size();
    if (m < 1)
        throw Error(ErrorCode::InvalidArgument, "forecast: the period must be at least 1");
    if (n < std::size_t(m))
        throw Error(ErrorCode::InvalidArgument, "forecast: seasonal naive needs at least one full period (" + std::to_string(m) +
                                                    " values), the series has " + std::to_string(n));
    Forecast f;
    f.mean.resize(std::size_t(h));
    std::vector<double> sd(static_cast<std::size_t>(h));
    const double s = diffSigma(y, m);
    for (int i = 0; i < h; ++i) {
        f.mean[std::size_t(i)] = y[n - std::size_t(m) + std::size_t(i % m)];
        sd[std::size_t(i)] = s * std::sqrt(double(i / m + 1));
    }
    setBounds(f, sd);
    f.model = "seasonal naive";
    return f;
}

// Runs `fn` on the seasonally adjusted series and reseasonalises its forecast and bounds.
Forecast adjusted(const std::vector<double>& y, int m, int h, const std::function<Forecast(const std::vector<double>&)>& fn)
{
    const auto si = seasonalIndices(y, m, h);
    const auto n = y.size();
    std::vector<double> x(n);
    for (std::size_t t = 0; t < n; ++t)
        x[t] = y[t] / si[t];
    Forecast f = fn(x);
    for (std::size_t i = 0; i < std::size_t(h); ++i) {
        const double s = si[n + i];
        f.mean[i] *= s, f.lo80[i] *= s, f.hi80[i] *= s, f.lo95[i] *= s, f.hi95[i] *= s;
    }
    if (si[0] != 1.0 || std::any_of(si.begin(), si.end(), [](double v) { return v != 1.0; }))
        f.model += " on the seasonally adjusted series";
    return f;
}

Forecast mean(const std::vector<Forecast>& parts, std::string model)
{
    Forecast f;
    const auto h = parts.front().mean.size();
    for (auto* v : {&f.mean, &f.lo80, &f.hi80, &f.lo95, &f.hi95})
        v->assign(h, 0.0);
    for (const auto& p : parts)
        for (std::size_t i = 0; i < h; ++i) {
            f.mean[i] += p.mean[i] / double(parts.size());
            f.lo80[i] += p.lo80[i] / double(parts.size());
            f.hi80[i] += p.hi80[i] / double(parts.size());
            f.lo95[i] += p.lo95[i] / double(parts.size());
            f.hi95[i] += p.hi95[i] / double(parts.size());
        }
    f.model = std::move(model) + " (";
    for (std::size_t k = 0; k < parts.size(); ++k)
        f.model += (k ? "; " : "") + parts[k].model;
    f.model += ")";
    return f;
}

// ---- ETS with additive errors ----
struct EtsParams {
    double alpha, beta, gamma, phi, l0, b0;
};

// Initial seasonal states from a classical decomposition of the whole series (additive: mean
// difference to the centred moving average; multiplicative: mean ratio), normalised.
std::vector<double> initialSeason(const std::vector<double>& y, int m, char season)
{
    const auto n = y.size();
    std::vector<double> sum(std::size_t(m), 0.0), cnt(std::size_t(m), 0.0);
    const int half = m / 2;
    for (std::size_t t = std::size_t(half); t + std::size_t(half) < n; ++t) {
        double tr = 0;
        if (m % 2 == 0) {
            for (int j = -half; j <= half; ++j)
                tr += (std::abs(j) == half ? 0.5 : 1.0) * y[t + std::size_t(j + half) - std::size_t(half)];
        } else {
            for (int j = -half; j <= half; ++j)
                tr += y[t + std::size_t(j + half) - std::size_t(half)];
        }
        tr /= double(m);
        const double v = season == 'M' ? y[t] / tr : y[t] - tr;
        sum[t % std::size_t(m)] += v;
        cnt[t % std::size_t(m)] += 1;
    }
    std::vector<double> s(static_cast<std::size_t>(m));
    double avg = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        s[i] = cnt[i] > 0 ? sum[i] / cnt[i] : (season == 'M' ? 1.0 : 0.0);
        avg += s[i] / double(m);
    }
    for (auto& v : s)
        v = season == 'M' ? v / avg : v - avg;
    return s;
}

struct EtsRun {
    double sse;
    double level, trend;
    std::vector<double> season; // rotating, index t % m
    double relSse = 0;          // sum of (e / yhat)^2: the multiplicative-error likelihood's
    double logYhat = 0;         // sum of log|yhat|
};

EtsRun runEts(const std::vector<double>& y, int m, EtsSpec spec, const EtsParams& p, const std::vector<double>& s0)
{
    EtsRun r{0.0, p.l0, spec.trend == 'N' ? 0.0 : p.b0, s0};
    const double phi = spec.trend == 'D' ? p.phi : 1.0;
    const auto mm = std::size_t(std::max(m, 1));
    for (std::size_t t = 0; t < y.size(); ++t) {
        const double lb = r.level + phi * r.trend;
        double& s = r.season.empty() ? r.level : r.season[t % mm]; // unused when no season
        double yhat = lb;
        if (spec.season == 'A')
            yhat = lb + s;
        else if (spec.season == 'M')
            yhat = lb * s;
        const double e = y[t] - yhat;
        r.sse += e * e;
        if (spec.error == 'M') {
            if (!(yhat > 0)) { // a multiplicative error needs a positive one-step forecast
                r.sse = kInf;
                return r;
            }
            r.relSse += (e / yhat) * (e / yhat);
            r.logYhat += std::log(yhat);
        }
        if (spec.season == 'M') {
            const double ss = std::abs(s) < 1e-10 ? 1e-10 : s;
            const double lbs = std::abs(lb) < 1e-10 ? 1e-10 : lb;
            const double newS = s + p.gamma * e / lbs;
            r.level = lb + p.alpha * e / ss;
            if (spec.trend != 'N')
                r.trend = phi * r.trend + p.beta * e / ss;
            s = newS;
        } else if (spec.season == 'A') {
            const double newS = s + p.gamma * e;
            r.level = lb + p.alpha * e;
            if (spec.trend != 'N')
                r.trend = phi * r.trend + p.beta * e;
            s = newS;
        } else {
            r.level = lb + p.alpha * e;
            if (spec.trend != 'N')
                r.trend = phi * r.trend + p.beta * e;
        }
        if (!std::isfinite(r.level) || std::abs(r.level) > 1e15) {
            r.sse = kInf;
            return r;
        }
    }
    return r;
}

// Seasonal figures (additive, mean zero) for each period of `periods` the series covers twice,
// each estimated from the series less the other figures; two passes.
std::vector<std::vector<double>> multiSeasonal(const std::vector<double>& z, const std::vector<int>& periods)
{
    std::vector<std::vector<double>> figs;
    std::vector<int> used;
    for (const int p : periods)
        if (p > 1 && z.size() >= 2 * std::size_t(p) + std::size_t(p)) {
            used.push_back(p);
            figs.emplace_back(std::size_t(p), 0.0);
        }
    for (int pass = 0; pass < 2; ++pass)
        for (std::size_t k = 0; k < used.size(); ++k) {
            std::vector<double> x(z);
            for (std::size_t o = 0; o < used.size(); ++o)
                if (o != k)
                    for (std::size_t t = 0; t < x.size(); ++t)
                        x[t] -= figs[o][t % std::size_t(used[o])];
            figs[k] = initialSeason(x, used[k], 'A');
        }
    // Store the periods alongside: figs[k].size() is the period.
    return figs;
}

} // namespace

const char* methodName(Method m)
{
    switch (m) {
    case Method::Naive: return "naive";
    case Method::SeasonalNaive: return "snaive";
    case Method::Naive2: return "naive2";
    case Method::Ses: return "ses";
    case Method::Holt: return "holt";
    case Method::Damped: return "damped";
    case Method::Theta: return "theta";
    case Method::Comb: return "comb";
    case Method::Ets: return "ets";
    case Method::Mstl: return "mstl";
    case Method::Default: return "default";
    case Method::Select: return "select";
    }
    return "?";
}

std::optional<Method> methodFromName(const std::string& name)
{
    for (auto m : allMethods())
        if (name == methodName(m))
            return m;
    if (name == "default")
        return Method::Default;
    if (name == "select")
        return Method::Select;
    return std::nullopt;
}

std::vector<Method> allMethods()
{
    return {Method::Naive, Method::SeasonalNaive, Method::Naive2, Method::Ses,  Method::Holt,
            Method::Damped, Method::Theta,         Method::Comb,   Method::Ets, Method::Mstl};
}

std::vector<int> seasonalPeriods(int m)
{
    if (m == 24 || m == 48)
        return {m, 7 * m};
    return {m};
}

std::string EtsFit::name() const
{
    std::string t = spec.trend == 'D' ? "Ad" : std::string(1, spec.trend);
    return "ETS(" + std::string(1, spec.error) + "," + t + "," + std::string(1, spec.season) + ")";
}

EtsFit fitEts(const std::vector<double>& y, int m, EtsSpec spec, std::optional<double> fixedAlpha)
{
    checkSeries(y);
    const auto n = y.size();
    if (spec.season != 'N') {
        if (m < 2)
            throw Error(ErrorCode::InvalidArgument, "ETS: a seasonal model needs a period of at least 2");
        if (n < 2 * std::size_t(m))
            throw Error(ErrorCode::InvalidArgument, "ETS: a seasonal model needs at least two full periods (" +
                                                        std::to_string(2 * m) + " values), the series has " + std::to_string(n));
        if (spec.season == 'M' && *std::min_element(y.begin(), y.end()) <= 0)
            throw Error(ErrorCode::InvalidArgument, "ETS: multiplicative seasonality needs positive values");
    } else {
        m = 1;
    }
    if (spec.trend != 'N' && n < 3)
        throw Error(ErrorCode::InvalidArgument, "ETS: a trend model needs at least 3 values");
    if (spec.error == 'M' && *std::min_element(y.begin(), y.end()) <= 0)
        throw Error(ErrorCode::InvalidArgument, "ETS: multiplicative errors need positive values");

    const std::vector<double> s0 = spec.season == 'N' ? std::vector<double>{} : initialSeason(y, m, spec.season);
    // Initial level/trend: from the first (deseasonalised) values; refined by the optimiser.
    double l0 = y[0], b0 = 0;
    if (spec.season != 'N') {
        double a = 0, b = 0;
        for (int i = 0; i < m; ++i) {
            a += (spec.season == 'M' ? y[std::size_t(i)] / s0[std::size_t(i)] : y[std::size_t(i)] - s0[std::size_t(i)]) / m;
            b += (spec.season == 'M' ? y[std::size_t(i + m)] / s0[std::size_t(i)] : y[std::size_t(i + m)] - s0[std::size_t(i)]) / m;
        }
        l0 = a;
        b0 = (b - a) / m;
    } else if (n >= 2) {
        const std::size_t k = std::min<std::size_t>(n, 10);
        // least-squares line through the first k values
        double mt = (double(k) - 1) / 2, my = 0;
        for (std::size_t i = 0; i < k; ++i)
            my += y[i] / double(k);
        double num = 0, den = 0;
        for (std::size_t i = 0; i < k; ++i) {
            num += (double(i) - mt) * (y[i] - my);
            den += (double(i) - mt) * (double(i) - mt);
        }
        b0 = den > 0 ? num / den : 0;
        l0 = spec.trend == 'N' ? y[0] : my - b0 * mt - b0; // level "before" the first value
    }
    double scale = 0;
    for (std::size_t t = 1; t < n; ++t)
        scale += std::abs(y[t] - y[t - 1]) / double(n - 1);
    if (scale <= 0)
        scale = std::max(1e-6, std::abs(y[0]) * 0.01);

    // Parameter vector: u_alpha [u_beta] [u_gamma] [u_phi] l0 [b0]; u's in [0, 1].
    const bool hasB = spec.trend != 'N', hasG = spec.season != 'N', hasP = spec.trend == 'D';
    auto decode = [&](const std::vector<double>& x, bool& ok) {
        std::size_t i = 0;
        ok = true;
        auto u = [&](double v) {
            if (v < 0 || v > 1)
                ok = false;
            return std::clamp(v, 0.0, 1.0);
        };
        EtsParams p{};
        if (fixedAlpha) { // the alpha slot is a placeholder
            ++i;
            p.alpha = *fixedAlpha;
        } else {
            p.alpha = 1e-4 + 0.9998 * u(x[i++]);
        }
        p.beta = hasB ? u(x[i++]) * p.alpha : 0;
        p.gamma = hasG ? u(x[i++]) * (1 - p.alpha) : 0;
        p.phi = hasP ? 0.8 + 0.18 * u(x[i++]) : 1;
        p.l0 = x[i++];
        p.b0 = hasB ? x[i++] : 0;
        return p;
    };
    std::vector<double> x0, step;
    if (!fixedAlpha) {
        x0.push_back(0.3), step.push_back(0.2);
    }
    if (hasB)
        x0.push_back(0.1), step.push_back(0.1);
    if (hasG)
        x0.push_back(0.1), step.push_back(0.1);
    if (hasP)
        x0.push_back(0.5), step.push_back(0.3);
    x0.push_back(l0), step.push_back(scale);
    if (hasB)
        x0.push_back(b0), step.push_back(std::max(scale * 0.1, std::abs(b0) * 0.5));
    // With alpha fixed, decode() reads x without the alpha slot: shift by one via a wrapper.
    auto objective = [&](const std::vector<double>& xv) {
        std::vector<double> full;
        const std::vector<double>* px = &xv;
        if (fixedAlpha) {
            full.reserve(xv.size() + 1);
            full.push_back(0);
            full.insert(full.end(), xv.begin(), xv.end());
            px = &full;
        }
        bool ok = true;
        const auto p = decode(*px, ok);
        if (!ok)
            return kInf;
        const auto run = runEts(y, m, spec, p, s0);
        if (spec.error == 'M') // -2 log L up to constants (Hyndman et al. 2008, 5.2)
            return std::isfinite(run.sse) ? double(n) * std::log(std::max(run.relSse, 1e-300)) + 2.0 * run.logYhat : kInf;
        return run.sse;
    };
    const int d = int(x0.size());
    // Until the values agree (no test on the points), within an evaluation budget; a failed
    // evaluation stays infinite.
    NelderMeadOptions search;
    search.maxIterations = 0;
    search.minSpread = -1;
    search.nonFiniteAsMax = false;
    search.maxEvaluations = 200 + 150 * d;
    auto best = nelderMead(objective, x0, step, search).x;
    // One restart from the optimum (Nelder-Mead can stall on the bounds).
    search.maxEvaluations = 100 + 100 * d;
    best = nelderMead(objective, best, step, search).x;

    std::vector<double> full = best;
    if (fixedAlpha)
        full.insert(full.begin(), 0.0);
    bool ok = true;
    const auto p = decode(full, ok);
    const auto r = runEts(y, m, spec, p, s0);
    EtsFit f;
    f.spec = spec;
    f.m = m;
    f.alpha = p.alpha, f.beta = p.beta, f.gamma = p.gamma, f.phi = p.phi;
    f.sse = r.sse;
    f.sigma2 = spec.error == 'M' ? r.relSse / double(n) : r.sse / double(n); // relative variance for M errors
    f.level = r.level;
    f.trendState = r.trend;
    if (hasG) {
        f.season.resize(std::size_t(m));
        for (std::size_t k = 0; k < std::size_t(m); ++k)
            f.season[k] = r.season[(n + k) % std::size_t(m)];
    }
    // Parameters as R's ets counts them: smoothing ones, initial level/trend, m-1 seasonal states, sigma.
    const int np = int(!fixedAlpha) + int(hasB) + int(hasG) + int(hasP) + 1 + int(hasB) + (hasG ? m - 1 : 0) + 1;
    const double lik = spec.error == 'M' ? double(n) * std::log(std::max(r.relSse, 1e-300)) + 2.0 * r.logYhat
                                         : double(n) * std::log(std::max(r.sse, 1e-300));
    const double aic = (std::isfinite(r.sse) ? lik : kInf) + 2.0 * np;
    f.aicc = double(n) - np - 1 > 0 ? aic + 2.0 * np * (np + 1) / (double(n) - np - 1) : kInf;
    return f;
}

Forecast forecastEts(const EtsFit& fit, int horizon)
{
    Forecast f;
    const auto h = std::size_t(horizon);
    f.mean.resize(h);
    std::vector<double> sd(h);
    const double phi = fit.spec.trend == 'D' ? fit.phi : 1.0;
    double phiSum = 0, phiPow = 1, var = 0;
    for (std::size_t i = 0; i < h; ++i) {
        phiPow *= phi;
        phiSum += phiPow;
        double v = fit.level + (fit.spec.trend == 'N' ? 0.0 : phiSum * fit.trendState);
        double s = fit.spec.season == 'M' ? fit.season[i % std::size_t(fit.m)] : 1.0;
        if (fit.spec.season == 'A')
            v += fit.season[i % std::size_t(fit.m)];
        else if (fit.spec.season == 'M')
            v *= s;
        f.mean[i] = v;
        // c_j for j = i (the step's own error enters with 1)
        if (i > 0) {
            double psum = 0, pp = 1;
            for (std::size_t k = 1; k <= i; ++k) {
                pp *= phi;
                psum += pp;
            }
            const double c = fit.alpha + (fit.spec.trend == 'N' ? 0.0 : fit.beta * psum) +
                             (fit.spec.season != 'N' && i % std::size_t(fit.m) == 0 ? fit.gamma : 0.0);
            var += c * c;
        }
        // Multiplicative errors: sigma2 is relative, so the spread scales with the forecast (the
        // first-order approximation of Hyndman et al. 2008, 6.4).
        const double scale = fit.spec.error == 'M' ? std::abs(v) : (fit.spec.season == 'M' ? s : 1.0);
        sd[i] = std::sqrt(fit.sigma2 * (1.0 + var)) * scale;
    }
    setBounds(f, sd);
    f.model = fit.name();
    return f;
}

EtsFit autoEts(const std::vector<double>& y, int m, bool multiplicativeErrors)
{
    checkSeries(y);
    const auto n = y.size();
    const bool positive = *std::min_element(y.begin(), y.end()) > 0;
    std::vector<EtsSpec> specs{{'N', 'N'}};
    if (n >= 4)
        specs.insert(specs.end(), {{'A', 'N'}, {'D', 'N'}});
    if (m > 1 && m <= 24 && n >= 2 * std::size_t(m) + 2) {
        for (char tr : {'N', 'A', 'D'}) {
            specs.push_back({tr, 'A'});
            if (positive)
                specs.push_back({tr, 'M'});
        }
    }
    // Multiplicative errors for positive series, as R's ets() (not with additive seasonality:
    // the unstable mixed model it also leaves out).
    if (positive && multiplicativeErrors) {
        const auto additive = specs;
        for (auto sp : additive)
            if (sp.season != 'A') {
                sp.error = 'M';
                specs.push_back(sp);
            }
    }
    EtsFit best;
    bool have = false;
    for (const auto& s : specs) {
        auto f = fitEts(y, m, s);
        if (!have || f.aicc < best.aicc) {
            best = std::move(f);
            have = true;
        }
    }
    return best;
}

bool seasonalityTest(const std::vector<double>& y, int m)
{
    const auto n = y.size();
    if (m <= 1 || n < 3 * std::size_t(m))
        return false;
    const double mu = std::accumulate(y.begin(), y.end(), 0.0) / double(n);
    double den = 0;
    for (double v : y)
        den += (v - mu) * (v - mu);
    if (den <= 0)
        return false;
    auto acf = [&](std::size_t k) {
        double s = 0;
        for (std::size_t t = k; t < n; ++t)
            s += (y[t] - mu) * (y[t - k] - mu);
        return s / den;
    };
    double sum = 1;
    for (int k = 1; k < m; ++k) {
        const double a = acf(std::size_t(k));
        sum += 2 * a * a;
    }
    const double limit = 1.645 / std::sqrt(double(n)) * std::sqrt(sum);
    return std::abs(acf(std::size_t(m))) > limit;
}

std::vector<double> seasonalIndices(const std::vector<double>& y, int m, int horizon)
{
    const auto n = y.size();
    std::vector<double> si(n + std::size_t(horizon), 1.0);
    if (!seasonalityTest(y, m) || *std::min_element(y.begin(), y.end()) <= 0)
        return si;
    const auto fig = initialSeason(y, m, 'M'); // R's decompose(type = "multiplicative")$figure
    for (std::size_t t = 0; t < si.size(); ++t)
        si[t] = fig[t % std::size_t(m)];
    return si;
}

Forecast forecast(const std::vector<double>& y, int period, int horizon, Method method)
{
    checkSeries(y);
    if (horizon < 1)
        throw Error(ErrorCode::InvalidArgument, "forecast: the horizon must be at least 1");
    if (period < 1)
        throw Error(ErrorCode::InvalidArgument, "forecast: the period must be at least 1");
    if (method == Method::SeasonalNaive)
        return seasonalNaiveF(y, period, horizon);
    if (isConstant(y))
        return constantForecast(y.back(), horizon, "constant series: naive");
    const int h = horizon, m = period;
    const auto n = y.size();
    auto ets = [&](const std::vector<double>& x, EtsSpec s) {
        if (s.trend != 'N' && x.size() < 3)
            s.trend = 'N'; // too short for a trend: SES
        if (x.size() < 2)
            return naiveF(x, h);
        return forecastEts(fitEts(x, 1, s), h);
    };
    switch (method) {
    case Method::Naive: return naiveF(y, h);
    case Method::SeasonalNaive: break;
    case Method::Naive2: {
        auto f = adjusted(y, m, h, [&](const std::vector<double>& x) { return naiveF(x, h); });
        f.model = "naive2: " + f.model;
        return f;
    }
    case Method::Ses: return adjusted(y, m, h, [&](const auto& x) { return ets(x, {'N', 'N'}); });
    case Method::Holt: return adjusted(y, m, h, [&](const auto& x) { return ets(x, {'A', 'N'}); });
    case Method::Damped: return adjusted(y, m, h, [&](const auto& x) { return ets(x, {'D', 'N'}); });
    case Method::Comb:
        return mean({forecast(y, m, h, Method::Ses), forecast(y, m, h, Method::Holt), forecast(y, m, h, Method::Damped)}, "comb");
    case Method::Theta:
        return adjusted(y, m, h, [&](const std::vector<double>& x) {
            const auto nx = x.size();
            if (nx < 2)
                return naiveF(x, h);
            // theta line 0: least-squares line on t = 1..n; theta line 2: 2x - line, by SES.
            double mt = (double(nx) + 1) / 2, mx = std::accumulate(x.begin(), x.end(), 0.0) / double(nx), num = 0, den = 0;
            for (std::size_t t = 0; t < nx; ++t) {
                num += (double(t + 1) - mt) * (x[t] - mx);
                den += (double(t + 1) - mt) * (double(t + 1) - mt);
            }
            const double b = num / den, a = mx - b * mt;
            std::vector<double> t2(nx);
            for (std::size_t t = 0; t < nx; ++t)
                t2[t] = 2 * x[t] - (a + b * double(t + 1));
            const auto ses = fitEts(t2, 1, {'N', 'N'});
            Forecast f2 = forecastEts(ses, h);
            Forecast f;
            f.mean.resize(std::size_t(h));
            std::vector<double> sd(static_cast<std::size_t>(h));
            // The Theta fit's one-step residual is half the SES residual on the theta line.
            const double sigma = std::sqrt(ses.sigma2) / 2;
            for (std::size_t i = 0; i < std::size_t(h); ++i) {
                f.mean[i] = 0.5 * (a + b * double(nx + i + 1)) + 0.5 * f2.mean[i];
                sd[i] = sigma * std::sqrt(1 + ses.alpha * ses.alpha * double(i));
            }
            setBounds(f, sd);
            f.model = "theta (SES alpha " + std::to_string(ses.alpha).substr(0, 5) + ")";
            return f;
        });
    case Method::Ets:
        if (n < 2)
            return naiveF(y, h);
        return forecastEts(autoEts(y, m), h);
    case Method::Mstl: {
        const std::vector<double>& z = y;
        const auto figs = multiSeasonal(z, seasonalPeriods(m));
        if (figs.empty()) { // too short for any cycle: the plain default
            auto f = forecast(y, 1, h, Method::Default);
            f.model = "mstl (no full cycles): " + f.model;
            return f;
        }
        std::vector<double> r(z);
        for (const auto& fig : figs)
            for (std::size_t t = 0; t < r.size(); ++t)
                r[t] -= fig[t % fig.size()];
        Forecast f = forecast(r, 1, h, Method::Theta);
        for (std::size_t i = 0; i < std::size_t(h); ++i) {
            double s = 0;
            for (const auto& fig : figs)
                s += fig[(n + i) % fig.size()];
            for (auto* v : {&f.mean, &f.lo80, &f.hi80, &f.lo95, &f.hi95})
                (*v)[i] += s;
        }
        std::string periods;
        for (const auto& fig : figs)
            periods += (periods.empty() ? "" : "+") + std::to_string(fig.size());
        f.model = "decomposition (" + periods + ") + " + f.model;
        if (n < std::size_t(m))
            return f;
        return mean({f, seasonalNaiveF(y, m, h)}, "mstl: mean of");
    }
    case Method::Default:
        if (seasonalPeriods(m).size() > 1)
            return forecast(y, m, h, Method::Mstl);
        return mean({forecast(y, m, h, Method::Ets), forecast(y, m, h, Method::Theta), forecast(y, m, h, Method::Damped)},
                    "default: mean of ETS, Theta, Damped");
    case Method::Select: {
        if (n < 3 * std::size_t(h))
            return forecast(y, m, h, Method::Default);
        const std::vector<double> head(y.begin(), y.end() - h), tail(y.end() - h, y.end());
        std::vector<Method> candidates{Method::Ets, Method::Theta, Method::Damped, Method::Default};
        if (m > 1 && head.size() >= std::size_t(m))
            candidates.push_back(Method::SeasonalNaive);
        Method best = Method::Default;
        double bestErr = kInf;
        for (auto c : candidates) {
            const double e = smape(tail, forecast(head, m, h, c).mean);
            if (e < bestErr) {
                bestErr = e;
                best = c;
            }
        }
        auto f = forecast(y, m, h, best);
        f.model = std::string("select (holdout): ") + methodName(best) + ": " + f.model;
        return f;
    }
    }
    throw Error(ErrorCode::InvalidArgument, "forecast: unknown method");
}

double smape(const std::vector<double>& actual, const std::vector<double>& fc)
{
    if (actual.size() != fc.size() || actual.empty())
        throw Error(ErrorCode::InvalidArgument, "sMAPE: the actual and forecast lengths differ or are zero");
    double s = 0;
    for (std::size_t i = 0; i < actual.size(); ++i) {
        const double d = std::abs(actual[i]) + std::abs(fc[i]);
        s += d > 0 ? 200.0 * std::abs(actual[i] - fc[i]) / d : 0.0;
    }
    return s / double(actual.size());
}

double mase(const std::vector<double>& insample, const std::vector<double>& actual, const std::vector<double>& fc, int m)
{
    if (actual.size() != fc.size() || actual.empty())
        throw Error(ErrorCode::InvalidArgument, "MASE: the actual and forecast lengths differ or are zero");
    if (m < 1 || insample.size() <= std::size_t(m))
        throw Error(ErrorCode::InvalidArgument, "MASE: the in-sample series needs more than " + std::to_string(m) + " values");
    double scale = 0;
    for (std::size_t t = std::size_t(m); t < insample.size(); ++t)
        scale += std::abs(insample[t] - insample[t - std::size_t(m)]);
    scale /= double(insample.size() - std::size_t(m));
    if (!(scale > 0))
        throw Error(ErrorCode::InvalidArgument, "MASE: the in-sample seasonal naive error is zero (constant series)");
    double e = 0;
    for (std::size_t i = 0; i < actual.size(); ++i)
        e += std::abs(actual[i] - fc[i]);
    return e / double(actual.size()) / scale;
}

double owa(double s, double m, double naive2Smape, double naive2Mase)
{
    return 0.5 * (s / naive2Smape + m / naive2Mase);
}

std::vector<Series> parseM4Csv(const std::string& text, const std::string& sourceName)
{
    std::vector<Series> out;
    std::istringstream in(text);
    std::string line;
    int lineNo = 0;
    std::size_t width = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty())
            continue;
        const auto fields = parseCsvLine(line);
        auto where = [&] { return sourceName + " line " + std::to_string(lineNo) + ": "; };
        if (width == 0) {
            if (fields.empty() || fields[0] != "V1")
                throw Error(ErrorCode::Parse, where() + "expected the M4 header row \"V1\",\"V2\",...");
            width = fields.size();
            continue;
        }
        if (fields.size() > width)
            throw Error(ErrorCode::Parse, where() + std::to_string(fields.size()) + " cells, the header has " + std::to_string(width));
        Series s;
        s.id = fields[0];
        if (s.id.empty())
            throw Error(ErrorCode::Parse, where() + "the series id (first cell) is empty");
        bool ended = false;
        for (std::size_t i = 1; i < fields.size(); ++i) {
            const auto& f = fields[i];
            if (f.empty()) {
                ended = true;
                continue;
            }
            if (ended)
                throw Error(ErrorCode::Parse, where() + "a value in column " + std::to_string(i + 1) +
                                                  " after an empty cell (values must be left-aligned)");
            char* end = nullptr;
            const double v = std::strtod(f.c_str(), &end);
            if (end == f.c_str() || *end != '\0' || !std::isfinite(v))
                throw Error(ErrorCode::Parse, where() + "\"" + f + "\" in column " + std::to_string(i + 1) + " is not a number");
            s.values.push_back(v);
        }
        if (s.values.empty())
            throw Error(ErrorCode::Parse, where() + "series " + s.id + " has no values");
        out.push_back(std::move(s));
    }
    if (width == 0)
        throw Error(ErrorCode::Parse, sourceName + ": empty file (no header row)");
    return out;
}

std::vector<Series> readM4Csv(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    if (!f)
        throw Error(ErrorCode::Io, "cannot open " + path);
    std::ostringstream ss;
    ss << f.rdbuf();
    return parseM4Csv(ss.str(), path);
}

} // namespace shoppilot::forecast
