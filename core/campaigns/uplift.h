// Uplift modelling for the Campaigns panel: who should get a campaign, judged by randomised
// campaign data (one row per customer, treated or control, an outcome). The average effect with its
// interval, three meta-learners for the conditional effect tau(x) = E[Y|x,T=1] - E[Y|x,T=0], and the
// measures that judge a targeting score on held-out randomised data. Plain C++20, no Qt, no store.
//
// Base learners (all on standardised features plus an intercept that is not penalised):
//   L2-regularised logistic regression by Newton/IRLS when the outcome is all 0/1, otherwise ridge
//   linear regression. The features are expanded generically (Basis): the standardised columns,
//   indicators x_j > q for the quartiles of every column with more than 10 distinct values, and the
//   pairwise products of the (FitOptions::interactionColumns, default 6) columns most correlated with the outcome inside the arms
//   (|corr in treated| + |corr in control| on the fitting data). Nothing depends on column names.
// Learners:
//   T-learner: mu1 on the treated, mu0 on the controls; tau = mu1 - mu0.
//   X-learner (Kuenzel et al. 2019): D1 = Y1 - mu0(X1) on the treated, D0 = mu1(X0) - Y0 on the
//     controls, ridge regressions tau1, tau0 on the basis; tau = e*tau0 + (1-e)*tau1 with e the
//     treated share (constant: the data is randomised).
//   DR-learner (Kennedy 2020): cross-fitted (FitOptions::folds) pseudo-outcomes
//     phi = mu1 - mu0 + T (Y - mu1)/e - (1-T)(Y - mu0)/(1-e), mu's fitted on the other folds, e the
//     other folds' treated share; tau = ridge regression of phi on the basis.
//   Every model also keeps mu1/mu0 fitted on all its data (predictOutcome).
//
// Measures (conventions of scikit-uplift, Radcliffe 2007), scores sorted high to low, tied scores
// handled as one group (every point of a tie group enters together; inside the group the curve is
// linear, and a cut through a group takes the group's rows with a proportional weight):
//   Qini curve: Q(k) = Y_t(k) - Y_c(k) * N_t(k)/N_c(k) (Y_c(k) := 0 while N_c(k) = 0), where
//     Y_t(k), N_t(k) are the treated outcome sum and count among the top k rows (likewise for
//     control). QiniCurve::gain(f) = Q(f N) / N_t: incremental outcome per customer of the whole
//     population when the top fraction f is targeted (gain(1) = the difference in means).
//   Qini coefficient: (A_model - A_random) / (A_perfect - A_random), areas under the gain curve
//     over f in [0,1] (trapezoids), A_random the straight line to gain(1), A_perfect the curve of
//     the score y*T - y*(1-T) (treated responders first, control responders last) - this is
//     sklift.metrics.qini_auc_score with negative_effect=True. 1 = perfect, 0 = random. 0 when the
//     perfect curve is no better than random.
//   AUUC: area over f in [0,1] of the uplift curve U(f) = (mean_t(top f) - mean_c(top f)) * f, a
//     missing arm's mean taken as 0 (sklift's uplift_curve divided by N; not normalised).
//   Uplift at k: mean(y | treated, top fraction) - mean(y | control, top fraction), the top
//     fraction taken over the whole sample (sklift uplift_at_k, strategy "overall").
//
// Bad input: mismatched lengths, an empty arm, non-finite values -> Error(InvalidArgument) saying
// which (e.g. "no control group").
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/progress.h"

namespace shoppilot::campaigns {

struct UpliftData {            // one row per unit (customer)
    int cols = 0;
    std::vector<double> x;     // row-major rows*cols numeric features (caller one-hot encodes categoricals)
    std::vector<std::uint8_t> treated; // 1 treatment, 0 control
    std::vector<double> y;     // outcome: 0/1 (binary) or real (e.g. spend)
    std::vector<std::string> featureNames;
    std::vector<std::string> notes; // what a reader did that a person should know (dropped columns)
    std::size_t rows() const { return treated.size(); }
};

struct Estimate {
    double estimate = 0, se = 0, ciLow = 0, ciHigh = 0;
    std::size_t nTreated = 0, nControl = 0;
};
// Difference in means, Welch/Neyman standard error sqrt(s1^2/n1 + s0^2/n0) (sample variances),
// normal interval at `level`. Throws Error(InvalidArgument) when either arm is empty.
Estimate averageEffect(const std::vector<std::uint8_t>& treated, const std::vector<double>& y, double level = 0.95);

enum class Learner { TLearner, XLearner, DRLearner };
const char* learnerName(Learner);                 // "t_learner", "x_learner", "dr_learner"
std::optional<Learner> learnerFromName(const std::string&);
std::vector<Learner> allLearners();

struct FitOptions {
    double l2 = 1.0;         // ridge penalty on the standardised basis (not on the intercept)
    int folds = 2;           // cross-fitting folds for the DR-learner (at least 2)
    std::uint64_t seed = 1;  // fold assignment
    int interactionColumns = 6; // pairwise products among this many columns (0: none); fixed a priori
};

// The generic feature expansion described above, fitted on the training data and stored in the model.
struct Basis {
    std::vector<double> mean, scale;              // raw column standardisation
    std::vector<std::pair<int, double>> cuts;     // indicator x_col > threshold
    std::vector<std::pair<int, int>> pairs;       // products of standardised columns
    std::vector<double> zMean, zScale;            // standardisation of the expanded features
    int cols = 0;
    int size() const { return int(zMean.size()); }
    void expand(const double* row, double* out) const; // size() standardised values
};

// A linear predictor on a Basis: intercept + coefficients; logistic when `logistic`.
struct LinearFit {
    std::vector<double> beta; // [0] intercept, then one per basis feature
    bool logistic = false;
    double predict(const double* z) const;
};

class UpliftModel { // copyable value type
public:
    double predict(const double* row) const;                      // tau(x): treatment effect on y
    std::vector<double> predictAll(const UpliftData&) const;
    double predictOutcome(const double* row, bool treated) const; // mu_1(x) / mu_0(x)
    Learner learner() const { return m_learner; }
    int cols() const { return m_basis.cols; }
    double treatedShare() const { return m_e; }

private:
    friend UpliftModel fitUplift(Learner, const UpliftData&, const FitOptions&, const Progress&);
    Learner m_learner = Learner::TLearner;
    Basis m_basis;
    LinearFit m_mu1, m_mu0; // outcome models on all the data
    LinearFit m_tau1, m_tau0; // X: tau1, tau0; DR: tau in m_tau1
    double m_e = 0.5;
};

UpliftModel fitUplift(Learner, const UpliftData&, const FitOptions& = {}, const Progress& = {});
// The DR-learner's pseudo-outcome for one unit, mu1 - mu0 + T (y - mu1)/e - (1-T)(y - mu0)/(1-e);
// its mean is unbiased for the average effect even when mu1/mu0 are wrong (e known).
double drPseudoOutcome(bool treated, double y, double mu1, double mu0, double e);

struct QiniCurve {
    std::vector<double> fraction; // points + 1 values, 0 .. 1
    std::vector<double> gain;     // Qini gain per customer of the population (see above)
    double qini = 0;              // normalised by the perfect curve (see above)
    double auuc = 0;              // area under the uplift curve (see above)
};
QiniCurve qiniCurve(const std::vector<double>& score, const std::vector<std::uint8_t>& treated,
                    const std::vector<double>& y, int points = 100);
// Uplift at k: mean(y|treated) - mean(y|control) among the top `fraction` by score (ties at the
// cut weighted proportionally). Throws Error(InvalidArgument) when an arm has no row in the top.
double upliftAtFraction(const std::vector<double>& score, const std::vector<std::uint8_t>& treated,
                        const std::vector<double>& y, double fraction);
// Stratified (by treatment x outcome>0) split indices (train, test), each sorted.
std::pair<std::vector<std::size_t>, std::vector<std::size_t>> stratifiedSplit(const UpliftData&, double trainShare,
                                                                              std::uint64_t seed);
UpliftData subset(const UpliftData&, const std::vector<std::size_t>& rows);
// The learner with the highest mean Qini coefficient over `folds`-fold cross-validation (folds
// stratified as in stratifiedSplit) on `train` only; the first candidate wins ties.
// `options` (but its seed) is what every fit uses.
Learner chooseLearner(const UpliftData& train, const std::vector<Learner>& candidates, int folds, std::uint64_t seed,
                      const Progress& = {}, const FitOptions& options = {});
// The mean cross-validated Qini of each candidate (what chooseLearner compares).
std::vector<double> crossValidatedQini(const UpliftData& train, const std::vector<Learner>& candidates, int folds,
                                       std::uint64_t seed, const Progress& = {}, const FitOptions& options = {});

} // namespace shoppilot::campaigns
