// The fraud score: the model family of learners.h trained on the store's labelled orders with a
// time-based split (train | validation | later), each member Platt-calibrated on the validation
// slice; the engine (trees, MLP or their average) is the one with the best validation PR-AUC.
// Score = 100 x calibrated probability; levels from the validation slice (best F1, 90% precision).
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

struct FraudTrainOptions {
    double trainShare = 0.85;  // of the labelled period, by time; the rest validates/calibrates
    bool withMlp = true;
    bool withGbdt = true;
    LearnerOptions learner;
};

struct MemberReport {
    std::string name;          // gbdt | mlp | ensemble | logistic
    RankMetrics validation;
};

class FraudModel {
public:
    FraudModel();
    ~FraudModel();
    FraudModel(FraudModel&&) noexcept;
    FraudModel& operator=(FraudModel&&) noexcept;

    // Rows of x listed in trainRows / validRows with 0/1 labels y (indexed like x's rows).
    static FraudModel train(const Matrix& x, const std::vector<float>& y, const std::vector<int>& trainRows,
                            const std::vector<int>& validRows, const FraudTrainOptions& options, const Progress& progress);

    std::string engine() const;          // "gbdt", "mlp" or "gbdt+mlp"
    const std::vector<MemberReport>& validationReport() const;
    // Calibrated probabilities (0..1) of every row.
    std::vector<float> probability(const Matrix& x) const;
    // Same scale from the logistic baseline trained alongside.
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
