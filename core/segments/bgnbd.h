// BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way") for the number of
// repeat purchases, and the Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005b,
// "RFM and CLV"), both fitted by maximum likelihood. Time is in days; inputs follow
// segments/transactions.h (x = repeat purchase days, tx = recency, T = age at calibration end).
#pragma once

#include <functional>
#include <span>
#include <vector>

#include "common/progress.h"

namespace shoppilot::segments {

struct BgNbdParams {
    double r = 0, alpha = 0, a = 0, b = 0;
};

struct RfmPoint {
    double x = 0, tx = 0, T = 0;
};

// Log-likelihood of one customer's (x, tx, T).
double bgnbdLogLikelihood(const BgNbdParams& p, double x, double tx, double T);
// Sum over customers.
double bgnbdLogLikelihood(const BgNbdParams& p, std::span<const RfmPoint> data);
// P(alive at T | x, tx, T).
double bgnbdProbAlive(const BgNbdParams& p, double x, double tx, double T);
// E[Y(t) | x, tx, T]: expected repeat purchases in (T, T + t].
double bgnbdConditionalExpected(const BgNbdParams& p, double x, double tx, double T, double t);
// Gauss hypergeometric 2F1(a, b; c; z) for 0 <= z < 1 and c > 0, as its log (the series, summed
// with rescaling so large a, b do not overflow).
double logHyp2F1(double a, double b, double c, double z);

struct BgNbdFit {
    BgNbdParams params;
    double logLikelihood = 0;
    int starts = 0;
    int iterations = 0;
    bool converged = false;
};
// Maximum likelihood over log-parameters with Nelder-Mead from several starts; throws
// InvalidArgument when there are too few customers (< 10) or no repeat purchases at all.
BgNbdFit fitBgNbd(std::span<const RfmPoint> data, const Progress& progress = {});

// Gamma-Gamma spend model: p, q, gamma (spend per transaction ~ Gamma(p, nu), nu ~ Gamma(q, gamma)).
struct GammaGammaParams {
    double p = 0, q = 0, gamma = 0;
};
struct SpendPoint {
    double x = 0;    // repeat transactions (> 0)
    double mean = 0; // their mean value (> 0)
};
double gammaGammaLogLikelihood(const GammaGammaParams& g, std::span<const SpendPoint> data);
// E[spend per transaction | x, mean]; the population mean p*gamma/(q-1) when x == 0.
double gammaGammaConditionalSpend(const GammaGammaParams& g, double x, double mean);
struct GammaGammaFit {
    GammaGammaParams params;
    double logLikelihood = 0;
};
// Fitted on customers with x > 0 and mean > 0 (others ignored); q is kept above 1 so the
// population mean exists. Throws InvalidArgument with fewer than 10 such customers.
GammaGammaFit fitGammaGamma(std::span<const SpendPoint> data);

} // namespace shoppilot::segments
