// The derivative-free minimiser the model fits share (BG/NBD and Gamma-Gamma maximum likelihood,
// exponential smoothing): Nelder-Mead with the standard coefficients (reflection 1, expansion 2,
// contraction 1/2, shrink 1/2). Bounds and penalties are the objective's business.
#pragma once

#include <functional>
#include <vector>

namespace shoppilot {

struct NelderMeadOptions {
    int maxIterations = 4000; // 0 = no limit
    int maxEvaluations = 0;   // of the objective, the first simplex included; 0 = no limit
    // The search ends when the simplex's values agree to this relative tolerance ...
    double tolerance = 1e-10;
    // ... and its points lie within this distance of the best in every coordinate (< 0: values only).
    double minSpread = 1e-7;
    // A NaN or infinite value counts as the largest double (so a failed evaluation is never kept).
    bool nonFiniteAsMax = true;
};

struct NelderMeadResult {
    std::vector<double> x; // the best point seen in the final simplex
    double value = 0;
    int iterations = 0;
    bool converged = false; // stopped by the tolerances, not by a limit
};

// Minimises f from x0; the first simplex is x0 and x0 + steps[k] along each axis k.
NelderMeadResult nelderMead(const std::function<double(const std::vector<double>&)>& f, std::vector<double> x0,
                            const std::vector<double>& steps, const NelderMeadOptions& options = {});

} // namespace shoppilot
