#include "common/nelder_mead.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace shoppilot {

NelderMeadResult nelderMead(const std::function<double(const std::vector<double>&)>& f, std::vector<double> x0,
                            const std::vector<double>& steps, const NelderMeadOptions& options)
{
    const std::size_t n = x0.size();
    int evaluations = 0;
    auto eval = [&](const std::vector<double>& v) {
        ++evaluations;
        const double y = f(v);
        return options.nonFiniteAsMax && !std::isfinite(y) ? std::numeric_limits<double>::max() : y;
    };
    std::vector<std::vector<double>> s(n + 1, x0);
    for (std::size_t i = 0; i < n; ++i)
        s[i + 1][i] += steps[i];
    std::vector<double> fv(n + 1);
    for (std::size_t i = 0; i <= n; ++i)
        fv[i] = eval(s[i]);
    NelderMeadResult res;
    std::vector<std::size_t> idx(n + 1);
    std::vector<double> c(n);
    for (int it = 0;; ++it) {
        if ((options.maxIterations > 0 && it >= options.maxIterations)
            || (options.maxEvaluations > 0 && evaluations >= options.maxEvaluations))
            break;
        res.iterations = it + 1;
        std::iota(idx.begin(), idx.end(), 0);
        std::sort(idx.begin(), idx.end(), [&](auto i, auto j) { return fv[i] < fv[j]; });
        const std::size_t best = idx[0], worst = idx[n], second = idx[n - 1];
        if (std::abs(fv[worst] - fv[best]) <= options.tolerance * (std::abs(fv[best]) + 1e-12)) {
            double spread = 0;
            for (std::size_t i = 0; i <= n && options.minSpread >= 0; ++i)
                for (std::size_t k = 0; k < n; ++k)
                    spread = std::max(spread, std::abs(s[i][k] - s[best][k]));
            if (options.minSpread < 0 || spread < options.minSpread) {
                res.converged = true;
                break;
            }
        }
        std::fill(c.begin(), c.end(), 0.0);
        for (std::size_t i = 0; i <= n; ++i)
            if (i != worst)
                for (std::size_t k = 0; k < n; ++k)
                    c[k] += s[i][k] / double(n);
        // The point at c + t (worst - c): t = -1 reflects, -2 expands, -1/2 and 1/2 contract.
        auto along = [&](double t) {
            std::vector<double> v(n);
            for (std::size_t k = 0; k < n; ++k)
                v[k] = c[k] + t * (s[worst][k] - c[k]);
            return v;
        };
        const auto xr = along(-1.0);
        const double fr = eval(xr);
        if (fr < fv[best]) {
            const auto xe = along(-2.0);
            const double fe = eval(xe);
            if (fe < fr) {
                s[worst] = xe;
                fv[worst] = fe;
            } else {
                s[worst] = xr;
                fv[worst] = fr;
            }
        } else if (fr < fv[second]) {
            s[worst] = xr;
            fv[worst] = fr;
        } else {
            const bool outside = fr < fv[worst];
            const auto xc = along(outside ? -0.5 : 0.5);
            const double fc = eval(xc);
            if (fc < (outside ? fr : fv[worst])) {
                s[worst] = xc;
                fv[worst] = fc;
            } else { // shrink towards the best
                for (std::size_t i = 0; i <= n; ++i)
                    if (i != best) {
                        for (std::size_t k = 0; k < n; ++k)
                            s[i][k] = s[best][k] + 0.5 * (s[i][k] - s[best][k]);
                        fv[i] = eval(s[i]);
                    }
            }
        }
    }
    const auto bestIt = std::min_element(fv.begin(), fv.end());
    res.x = s[std::size_t(bestIt - fv.begin())];
    res.value = *bestIt;
    return res;
}

} // namespace shoppilot
