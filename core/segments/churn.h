// Churn probability: P(no purchase in the next `horizon` days) for a customer with enough
// history, from a small LibTorch classifier (binary cross-entropy) on the purchase features of
// segments/clv_model.h. Trained on cut-offs whose outcome windows end on or before the training
// end, so an evaluation at a later cut-off sees no outcome it is scored on.
#pragma once

#include <memory>
#include <vector>

#include "common/progress.h"
#include "segments/bgnbd.h"
#include "segments/transactions.h"

namespace shoppilot::segments {

// Below this many distinct purchase days a customer gets "not enough history", not a guess.
constexpr int kMinPurchaseDaysForPrediction = 2;

struct ChurnOptions {
    int horizon = 90;
    int cutoffs = 4;        // training cut-offs, trainEnd - horizon - k * stride
    int cutoffStride = 30;
    int epochs = 300;
    // 0 = logistic regression. On a tiny demo store (a few hundred training windows) a 16-unit
    // hidden layer fell below the recency-only baseline (ROC-AUC 0.65 vs 0.77).
    int hidden = 0;
    std::uint64_t seed = 7;
};

class ChurnModel {
public:
    ChurnModel();
    ChurnModel(ChurnModel&&) noexcept;
    ChurnModel& operator=(ChurnModel&&) noexcept;
    ~ChurnModel();

    // Uses only purchases on or before trainEnd. Throws InvalidArgument when no cut-off has
    // enough customers with kMinPurchaseDaysForPrediction purchase days (or only one outcome).
    static ChurnModel train(const std::vector<CustomerDays>& customers, int trainEnd, const ChurnOptions& options = {},
                            const Progress& progress = {});
    // P(no purchase in the horizon) for customers summarised at some day, with BG/NBD fitted there.
    std::vector<double> predict(const std::vector<Summary>& customers, const BgNbdParams& bgnbd) const;
    int examples() const;
    int horizon() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace shoppilot::segments
