// Quantiles of the normal and Student t distributions, for confidence and prediction intervals
// (campaign effects and forecasts). Normal: Acklam's rational approximation refined by one
// Halley step (~1e-9). t: exact for df 1 and 2, otherwise Hill's (1970) expansion refined by
// Newton steps on the exact distribution function (regularised incomplete beta, continued
// fraction as in Numerical Recipes 6.4).
#pragma once

namespace shoppilot::stats {

// The p-quantile of N(0, 1), 0 < p < 1 (throws InvalidArgument otherwise).
double normalQuantile(double p);
// The p-quantile of Student's t with `df` > 0 degrees of freedom (df >= 1e6: the normal's).
double studentTQuantile(double p, double df);
// The standard normal distribution function.
double normalCdf(double x);
// Student's t distribution function.
double studentTCdf(double t, double df);
// The regularised incomplete beta function I_x(a, b), a, b > 0.
double incompleteBeta(double a, double b, double x);

} // namespace shoppilot::stats
