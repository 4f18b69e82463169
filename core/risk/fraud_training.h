// How the served fraud model is fitted on a store's order history, the one recipe shared by
// `train risk` / the Risk panel (as of now) and `eval risk --db` (as of the test period's start),
// so what eval reports is what the app serves:
//  1. Label maturity: chargebacks arrive weeks after the order, so an order's label is settled
//     only once that delay has passed. The cut-off is the 99th percentile of the chargeback
//     delays seen so far (the recipe's default days while too few chargebacks are known).
//  2. Orders older than the cut-off carry the labels known at `asOf`; the latest validation share of
//     them (by time) is the validation period, the earlier ones train. Decided orders (approve or
//     reject) are labelled at any age: younger ones join the refit only. Orders younger than the
//     cut-off without a decision are left out: their fraud has mostly not shown yet.
//  3. FraudModel::train compares the candidates on that validation period, then refits the
//     chosen engine on every labelled row.
#pragma once

#include <cstdint>
#include <vector>

#include "common/progress.h"
#include "common/time.h"
#include "risk/features.h"
#include "risk/fraud_model.h"

namespace shoppilot::risk {

// The numbers of the steps above are the recipe's: models/risk/recipe.json (fraud), riskRecipe().

struct LabelMaturity {
    double days = riskRecipe().fraud.defaultMaturityDays; // the cut-off
    double medianDays = 0;              // median delay (0 when not measured)
    int chargebacks = 0;                // delays it was measured on
    bool measured = false;              // false = too few chargebacks, the default was used
};

// Chargeback delays (first chargeback time - order time) of the orders among the first `rowsEnd`
// whose chargeback was known at `asOf`.
LabelMaturity labelMaturity(const OrderHistory& h, int rowsEnd, Timestamp asOf);

struct FraudFitPlan {
    Timestamp asOf = 0;
    LabelMaturity maturity;
    Timestamp matureBefore = 0;   // orders at or before it have settled labels
    Timestamp validFrom = 0;      // the validation period: [validFrom, matureBefore]
    std::vector<float> y;         // 0/1 per order of h (labels known at asOf)
    std::vector<int> trainRows, validRows, extraRefitRows;
    std::int64_t labelledFraud = 0; // positives among train + valid + extra
    std::int64_t leftOut = 0;       // younger than the cut-off and undecided
};

// Plans the split over the first `rowsEnd` orders of `h` (sorted by time) with the labels known at `asOf`.
FraudFitPlan planFraudFit(const OrderHistory& h, int rowsEnd, Timestamp asOf);

struct FraudFit {
    FraudModel model;
    FraudFitPlan plan;
};

// planFraudFit + FraudModel::train (with refit) on the features `x` of h's orders.
FraudFit fitFraudModel(const OrderHistory& h, const Matrix& x, int rowsEnd, Timestamp asOf,
                       const FraudTrainOptions& options = {}, const Progress& progress = {});

} // namespace shoppilot::risk
