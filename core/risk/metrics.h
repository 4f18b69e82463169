// Ranking metrics shared by the fraud and credit evaluations: ROC-AUC, PR-AUC (average
// precision), recall at a false-positive rate, lift at a review rate. Ties are handled as
// tied (mid-rank for ROC, grouped thresholds for PR), so a constant score gives 0.5 / base rate.
#pragma once

#include <span>
#include <vector>

namespace shoppilot::risk {

struct RankMetrics {
    double rocAuc = 0.0;
    double prAuc = 0.0;
    double recallAt1PctFpr = 0.0;
    double liftAt20Pct = 0.0;
    int positives = 0;
    int rows = 0;
};

double rocAuc(std::span<const float> score, std::span<const float> label);
double averagePrecision(std::span<const float> score, std::span<const float> label);
// Share of positives scored above the threshold that lets through at most `fpr` of negatives.
double recallAtFpr(std::span<const float> score, std::span<const float> label, double fpr);
// (share of positives in the top `rate` by score) / rate.
double liftAt(std::span<const float> score, std::span<const float> label, double rate);
// The score threshold above which at most `fpr` of the negatives fall.
float thresholdAtFpr(std::span<const float> score, std::span<const float> label, double fpr);
RankMetrics rankMetrics(std::span<const float> score, std::span<const float> label);
// The standard error of AP(a) - AP(b) scored on the same rows, from a paired bootstrap that
// resamples the positives and the negatives separately (every resample keeps the base rate).
double pairedApDifferenceSe(std::span<const float> a, std::span<const float> b, std::span<const float> label,
                            int samples = 200);

struct PrPoint {
    float threshold;
    double precision;
    double recall;
};
// Precision/recall at up to `points` thresholds spread over the score range (for the chart).
std::vector<PrPoint> prCurve(std::span<const float> score, std::span<const float> label, int points = 100);

} // namespace shoppilot::risk
