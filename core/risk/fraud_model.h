// The fraud score: the model family of learners.h fitted on training rows and compared on
// validation rows, each member Platt-calibrated on the validation rows. The candidates are the
// logistic regression, the trees, the MLP and the trees+MLP average; a candidate more complex
// than the current choice replaces it only when its validation PR-AUC is higher by more than the
// noise (a paired bootstrap standard error of the difference), so the logistic baseline is
// served unless something beats it on validation. The chosen engine (and the baseline) is then
// refitted on training + validation rows with the iterations early stopping found; calibration
// and levels stay those measured on validation. Score = 100 x calibrated probability; levels from
// the validation rows (review = best F1, high = 90% precision).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/progress.h"
#include "risk/features.h"
#include "risk/learners.h"
#include "risk/metrics.h"

namespace shoppilot::risk {

enum class RiskLevel { Low, Review, High };
const char* levelName(RiskLevel level);

struct Reason {
    int feature = 0;
    float value = 0;
    float contribution = 0; // to the logit
};

// Defaults: models/risk/recipe.json, fraud.
struct FraudTrainOptions {
    bool withMlp = riskRecipe().fraud.withMlp;
    bool withGbdt = riskRecipe().fraud.withGbdt;
    // Refit the chosen engine on training + validation (+ extra) rows before serving; false keeps
    // the fits on the training rows alone.
    bool refit = riskRecipe().fraud.refit;
    // A more complex candidate must beat the current choice on validation PR-AUC by this many
    // paired bootstrap standard errors of the difference (0 = the plain best PR-AUC wins). 1.645
    // = better at the 5% level (one-sided): validation labels are chargebacks and decisions, a
    // noisy, partial view of fraud, and a gain inside that noise does not survive to the orders
    // the model will score.
    double choiceMarginSe = riskRecipe().fraud.choiceMarginSe;
    int bootstrapSamples = riskRecipe().fraud.bootstrapSamples;
    LearnerOptions learner;
};

struct MemberReport {
    std::string name;          // logistic | gbdt | mlp | gbdt+mlp
    RankMetrics validation;
    double gainOverChoice = 0; // PR-AUC minus the choice it was compared with (0 for logistic)
    double gainSe = 0;         // the paired bootstrap standard error of that gain
    int iterations = 0;        // boosting rounds or epochs early stopping kept (0 = not iterative)
    bool chosen = false;
};

class FraudModel {
public:
    FraudModel();
    ~FraudModel();
    FraudModel(FraudModel&&) noexcept;
    FraudModel& operator=(FraudModel&&) noexcept;

    // Rows of x listed in trainRows / validRows with 0/1 labels y (indexed like x's rows).
    // extraRefitRows join the refit only (labelled rows that must not be judged on, e.g. decided
    // orders younger than the label maturity).
    static FraudModel train(const Matrix& x, const std::vector<float>& y, const std::vector<int>& trainRows,
                            const std::vector<int>& validRows, const FraudTrainOptions& options, const Progress& progress,
                            const std::vector<int>& extraRefitRows = {});

    std::string engine() const;          // "logistic", "gbdt", "mlp" or "gbdt+mlp"
    // Every candidate on the validation rows, in the order they were compared, the chosen one marked.
    const std::vector<MemberReport>& validationReport() const;
    // One sentence: why the engine was chosen (the figures that decided it).
    const std::string& choiceReason() const;
    // Rows the served engine was fitted on (training + validation + extra when refitted).
    std::int64_t fittedRows() const;
    bool refitted() const;
    // Calibrated probabilities (0..1) of every row.
    std::vector<float> probability(const Matrix& x) const;
    // Same scale from the logistic baseline fitted alongside (identical to probability() when
    // the engine is the logistic regression).
    std::vector<float> baselineProbability(const Matrix& x) const;
    float reviewThreshold() const;       // on the 0-100 score
    float highThreshold() const;
    RiskLevel level(float score) const;
    // Top positive reasons of each row (most contribution first).
    std::vector<std::vector<Reason>> reasons(const Matrix& x, int top = 3) const;

    std::vector<std::uint8_t> save() const;
    // Throws Error(Model) naming what does not fit when the bytes are not a fraud model.
    static FraudModel load(const std::vector<std::uint8_t>& bytes);

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace shoppilot::risk
