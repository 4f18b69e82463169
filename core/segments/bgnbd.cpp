#include "segments/bgnbd.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <tuple>

#include "common/error.h"
#include "common/nelder_mead.h"

namespace shoppilot::segments {

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

double logAddExp(double a, double b)
{
    if (a == kNegInf)
        return b;
    if (b == kNegInf)
        return a;
    const double m = std::max(a, b);
    return m + std::log(std::exp(a - m) + std::exp(b - m));
}

BgNbdParams fromLog(const std::vector<double>& v)
{
    return {std::exp(v[0]), std::exp(v[1]), std::exp(v[2]), std::exp(v[3])};
}

} // namespace

double bgnbdLogLikelihood(const BgNbdParams& p, double x, double tx, double T)
{
    const double a1 = std::lgamma(p.r + x) - std::lgamma(p.r) + p.r * std::log(p.alpha);
    const double a2 = std::lgamma(p.a + p.b) + std::lgamma(p.b + x) - std::lgamma(p.b) - std::lgamma(p.a + p.b + x);
    const double a3 = -(p.r + x) * std::log(p.alpha + T);
    const double a4 = x > 0 ? std::log(p.a) - std::log(p.b + x - 1) - (p.r + x) * std::log(p.alpha + tx) : kNegInf;
    return a1 + a2 + logAddExp(a3, a4);
}

double bgnbdLogLikelihood(const BgNbdParams& p, std::span<const RfmPoint> data)
{
    double s = 0;
    for (const auto& d : data)
        s += bgnbdLogLikelihood(p, d.x, d.tx, d.T);
    return s;
}

double bgnbdProbAlive(const BgNbdParams& p, double x, double tx, double T)
{
    if (x <= 0)
        return 1.0;
    const double logRatio = std::log(p.a) - std::log(p.b + x - 1) + (p.r + x) * (std::log(p.alpha + T) - std::log(p.alpha + tx));
    return 1.0 / (1.0 + std::exp(logRatio));
}

double logHyp2F1(double a, double b, double c, double z)
{
    if (z < 0 || z >= 1 || c <= 0)
        throw Error(ErrorCode::InvalidArgument, "2F1 series needs 0 <= z < 1 and c > 0");
    // Terms t_{n+1} = t_n (a+n)(b+n) / ((c+n)(n+1)) z; the sum is kept with a running log scale.
    double term = 1.0, sum = 1.0, logScale = 0.0;
    for (int n = 0; n < 2000000; ++n) {
        term *= (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
        sum += term;
        if (sum > 1e200) {
            sum *= 1e-200;
            term *= 1e-200;
            logScale += 200.0 * std::log(10.0);
        }
        const double ratio = (a + n + 1) * (b + n + 1) / ((c + n + 1) * (n + 2.0)) * z;
        if (std::abs(term) < 1e-16 * std::abs(sum) && ratio < 1.0)
            break;
    }
    return logScale + std::log(sum);
}

double bgnbdConditionalExpected(const BgNbdParams& p, double x, double tx, double T, double t)
{
    if (t <= 0)
        return 0.0;
    const double z = t / (p.alpha + T + t);
    const double c = p.a + p.b + x - 1;
    double inner = 0;
    if (c > 0) {
        const double logHyp = logHyp2F1(p.r + x, p.b + x, c, z);
        inner = std::exp((p.r + x) * std::log((p.alpha + T) / (p.alpha + T + t)) + logHyp);
    } else {
        // x = 0 with a + b < 1: the series has signed terms (still convergent for z < 1); x is
        // 0 here, so the plain sum cannot overflow.
        double term = 1.0, sum = 1.0;
        for (int n = 0; n < 2000000; ++n) {
            term *= (p.r + x + n) * (p.b + x + n) / ((c + n) * (n + 1.0)) * z;
            sum += term;
            if (n > 2 && std::abs(term) < 1e-16 * std::abs(sum))
                break;
        }
        inner = std::pow((p.alpha + T) / (p.alpha + T + t), p.r + x) * sum;
    }
    const double num = (p.a + p.b + x - 1) / (p.a - 1) * (1.0 - inner);
    double den = 1.0;
    if (x > 0)
        den += p.a / (p.b + x - 1) * std::exp((p.r + x) * (std::log(p.alpha + T) - std::log(p.alpha + tx)));
    return num / den;
}

namespace {

// The fits' search: iterations as the budget, values and points both settled to stop.
NelderMeadResult minimise(const std::function<double(const std::vector<double>&)>& f, const std::vector<double>& x0,
                          double step, int maxIterations, double tolerance)
{
    NelderMeadOptions o;
    o.maxIterations = maxIterations;
    o.tolerance = tolerance;
    return nelderMead(f, x0, std::vector<double>(x0.size(), step), o);
}

} // namespace

BgNbdFit fitBgNbd(std::span<const RfmPoint> data, const Progress& progress)
{
    if (data.size() < 10)
        throw Error(ErrorCode::InvalidArgument,
                    "BG/NBD needs at least 10 customers, got " + std::to_string(data.size()));
    double meanT = 0, meanX = 0;
    for (const auto& d : data) {
        if (!(d.x >= 0 && d.tx >= 0 && d.T >= d.tx))
            throw Error(ErrorCode::InvalidArgument, "BG/NBD input needs x >= 0 and 0 <= tx <= T");
        meanT += d.T;
        meanX += d.x;
    }
    meanT /= double(data.size());
    meanX /= double(data.size());
    if (meanX <= 0)
        throw Error(ErrorCode::InvalidArgument, "no customer has a repeat purchase: BG/NBD cannot be fitted");
    // Collapse identical (x, tx, T) rows: integer-day data repeats a lot, and it makes each
    // likelihood evaluation cheaper.
    std::vector<RfmPoint> pts(data.begin(), data.end());
    std::sort(pts.begin(), pts.end(), [](const auto& u, const auto& v) {
        return std::tie(u.x, u.tx, u.T) < std::tie(v.x, v.tx, v.T);
    });
    std::vector<RfmPoint> uniq;
    std::vector<double> weight;
    for (const auto& p : pts) {
        if (!uniq.empty() && uniq.back().x == p.x && uniq.back().tx == p.tx && uniq.back().T == p.T)
            weight.back() += 1;
        else {
            uniq.push_back(p);
            weight.push_back(1);
        }
    }
    const double n = double(data.size());
    auto negLL = [&](const std::vector<double>& v) {
        for (double e : v)
            if (e < -12 || e > 12)
                return std::numeric_limits<double>::infinity();
        const auto p = fromLog(v);
        double s = 0;
        for (std::size_t i = 0; i < uniq.size(); ++i)
            s += weight[i] * bgnbdLogLikelihood(p, uniq[i].x, uniq[i].tx, uniq[i].T);
        return -s / n;
    };
    // Starts: lifetimes' default (all ones), a rate-matched start, and spread ones.
    const double rate = std::max(1e-3, meanX / std::max(1.0, meanT));
    const std::vector<std::vector<double>> starts = {
        {0.0, 0.0, 0.0, 0.0},
        {0.0, std::log(1.0 / rate), 0.0, std::log(2.0)},
        {std::log(0.3), std::log(0.3 / rate), std::log(0.5), std::log(3.0)},
        {std::log(2.0), std::log(2.0 / rate), std::log(2.0), std::log(8.0)},
    };
    BgNbdFit fit;
    double best = std::numeric_limits<double>::infinity();
    ProgressReporter rep(progress);
    // Every start runs a short search; the best is then polished from a fresh simplex (Nelder-
    // Mead can stall on a collapsed one). Data with almost no drop-out push a -> 0, b -> inf along
    // a flat ridge: the bounds on the log-parameters and the iteration caps keep that finite.
    NelderMeadResult bestRun;
    bestRun.value = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < starts.size(); ++k) {
        rep.report(0.8 * double(k) / double(starts.size()), "fitting BG/NBD");
        auto r = minimise(negLL, starts[k], 0.5, 1500, 1e-10);
        ++fit.starts;
        fit.iterations += r.iterations;
        if (r.value < bestRun.value)
            bestRun = r;
    }
    auto polished = minimise(negLL, bestRun.x, 0.1, 3000, 1e-12);
    fit.iterations += polished.iterations;
    if (polished.value > bestRun.value)
        polished = bestRun;
    best = polished.value;
    fit.params = fromLog(polished.x);
    fit.converged = polished.converged;
    rep.report(1.0, "fitting BG/NBD");
    fit.logLikelihood = -best * n;
    return fit;
}

double gammaGammaLogLikelihood(const GammaGammaParams& g, std::span<const SpendPoint> data)
{
    double s = 0;
    for (const auto& d : data) {
        if (d.x <= 0 || d.mean <= 0)
            continue;
        const double px = g.p * d.x;
        s += std::lgamma(px + g.q) - std::lgamma(px) - std::lgamma(g.q) + g.q * std::log(g.gamma) + (px - 1) * std::log(d.mean) +
             px * std::log(d.x) - (px + g.q) * std::log(g.gamma + d.x * d.mean);
    }
    return s;
}

double gammaGammaConditionalSpend(const GammaGammaParams& g, double x, double mean)
{
    const double population = g.p * g.gamma / (g.q - 1);
    if (x <= 0 || mean <= 0)
        return population;
    const double w = g.p * x / (g.p * x + g.q - 1);
    return (1 - w) * population + w * mean;
}

GammaGammaFit fitGammaGamma(std::span<const SpendPoint> data)
{
    std::vector<SpendPoint> pts;
    double meanSpend = 0;
    for (const auto& d : data)
        if (d.x > 0 && d.mean > 0 && std::isfinite(d.mean)) {
            pts.push_back(d);
            meanSpend += d.mean;
        }
    if (pts.size() < 10)
        throw Error(ErrorCode::InvalidArgument,
                    "Gamma-Gamma needs at least 10 customers with repeat purchases, got " + std::to_string(pts.size()));
    meanSpend /= double(pts.size());
    const double n = double(pts.size());
    auto negLL = [&](const std::vector<double>& v) {
        for (double e : v)
            if (e < -15 || e > 15)
                return std::numeric_limits<double>::infinity();
        const GammaGammaParams g{std::exp(v[0]), 1.0 + std::exp(v[1]), std::exp(v[2])};
        return -gammaGammaLogLikelihood(g, pts) / n;
    };
    double best = std::numeric_limits<double>::infinity();
    std::vector<double> bx;
    for (const auto& s : std::vector<std::vector<double>>{{0, 0, std::log(meanSpend)}, {std::log(5.0), std::log(3.0), std::log(meanSpend)},
                                                          {std::log(0.5), std::log(0.5), std::log(meanSpend / 4)}}) {
        auto r = minimise(negLL, s, 0.5, 6000, 1e-12);
        r = minimise(negLL, r.x, 0.1, 6000, 1e-12);
        if (r.value < best) {
            best = r.value;
            bx = r.x;
        }
    }
    GammaGammaFit fit;
    fit.params = {std::exp(bx[0]), 1.0 + std::exp(bx[1]), std::exp(bx[2])};
    fit.logLikelihood = -best * n;
    return fit;
}

} // namespace shoppilot::segments
