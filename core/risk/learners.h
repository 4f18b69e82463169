// The model family the fraud score and the evaluations share: a class-weighted logistic
// regression (the baseline, plain C++ Newton steps), gradient-boosted trees (XGBoost's C API)
// and a LibTorch MLP, each giving logits, plus Platt calibration fitted on a validation slice.
// No torch or xgboost types here: implementations sit behind this interface.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/progress.h"
#include "risk/risk_recipe.h"

namespace shoppilot::risk {

// Row-major float features; NaN = missing (trees route it, the linear models impute the mean).
struct Matrix {
    int rows = 0;
    int cols = 0;
    std::vector<float> x;
    const float* row(int r) const { return x.data() + std::size_t(r) * std::size_t(cols); }
    float* row(int r) { return x.data() + std::size_t(r) * std::size_t(cols); }
    // The rows listed, in that order.
    Matrix select(std::span<const int> rowsWanted) const;
};

enum class LearnerKind { Logistic, Gbdt, Mlp };
const char* learnerName(LearnerKind kind);

// Defaults: models/risk/recipe.json, fraud.learner.
struct LearnerOptions {
    int seed = riskRecipe().fraud.learner.seed;
    double l2 = riskRecipe().fraud.learner.l2;                 // logistic: ridge on standardised weights
    int gbdtRounds = riskRecipe().fraud.learner.gbdtRounds;    // upper bound; early-stopped on the validation slice
    int gbdtDepth = riskRecipe().fraud.learner.gbdtDepth;
    double gbdtEta = riskRecipe().fraud.learner.gbdtEta;
    int mlpEpochs = riskRecipe().fraud.learner.mlpEpochs;
    int mlpHidden = riskRecipe().fraud.learner.mlpHidden;
    int threads = riskRecipe().fraud.learner.threads;          // 0 = library default
    // Trees weight positives by (neg/pos)^power: the full ratio (1) makes deep trees chase label noise.
    double gbdtPosWeightPower = riskRecipe().fraud.learner.gbdtPosWeightPower;
};

class Learner {
public:
    virtual ~Learner() = default;
    static std::unique_ptr<Learner> create(LearnerKind kind, const LearnerOptions& options = {});
    // Restores a model saved by save(); throws Error(Model) when the bytes do not fit.
    static std::unique_ptr<Learner> load(LearnerKind kind, const std::vector<std::uint8_t>& bytes);

    virtual LearnerKind kind() const = 0;
    // Positives are weighted by negatives/positives (class weighting). The validation slice
    // early-stops the iterative learners; it may be empty.
    virtual void fit(const Matrix& x, std::span<const float> y, const Matrix& validX, std::span<const float> validY,
                     const Progress& progress) = 0;
    virtual void predictLogit(const Matrix& x, std::span<float> out) const = 0;
    // Per-feature contributions to the logit of each row (rows x cols) against a baseline:
    // trees give exact SHAP values, the logistic w*(x-mean), the MLP integrated gradients.
    virtual void contributions(const Matrix& x, std::span<float> out) const = 0;
    virtual std::vector<std::uint8_t> save() const = 0;
    // The boosting rounds or epochs the last fit kept (early stopping's choice when it had a
    // validation slice); 0 for a learner that is not iterative. A refit without validation
    // trains this many.
    virtual int iterations() const { return 0; }
};

// p = sigmoid(a * logit + b), fitted by Newton's method on (logit, label) pairs.
struct Platt {
    double a = 1.0;
    double b = 0.0;
    void fit(std::span<const float> logit, std::span<const float> label);
    float operator()(float logit) const;
};

// Solves the symmetric positive definite system A x = b in place (Cholesky); false if singular.
bool solveSpd(std::vector<double>& a, std::vector<double>& b, int n);

} // namespace shoppilot::risk
