// The learned purchase model: expected repeat purchase days of a customer in the next H days,
// a small LibTorch network with a Poisson loss on the customer's history (frequency, recency, age,
// gap statistics, spend) and on BG/NBD's own prediction and P(alive). It learns only from the
// calibration period: several cut-offs inside it, each with its following window (the horizon
// is an input), and its settings are chosen on a validation split of customers carved from the
// same calibration windows. Spend = predicted purchases x Gamma-Gamma spend per purchase.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/progress.h"
#include "segments/bgnbd.h"
#include "segments/transactions.h"

namespace shoppilot::segments {

// The inputs the learned models share for one customer as of a cut-off: log frequency, recency,
// age, time since the last purchase, gap mean/sd/last, log spend, first spend, rate, BG/NBD's
// P(alive) and log expected purchases over `horizon`, log horizon.
constexpr int kPurchaseFeatures = 13;
void purchaseFeatures(const Summary& s, const BgNbdParams& p, double horizon, double bgExpected, float* f);
// Per-column mean and standard deviation (at least 1e-6) of the row-major `x` (`cols` wide) over
// `rows` (every row when empty), for standardising features before training.
void columnMeanScale(const std::vector<float>& x, int cols, const std::vector<int>& rows, std::vector<float>& mean,
                     std::vector<float>& scale);

struct ClvModelOptions {
    std::vector<int> horizons{30, 60, 90, 120, 150}; // training windows (days)
    int cutoffStride = 30;        // days between cut-offs of one horizon
    int cutoffsPerHorizon = 3;
    int minHistoryDays = 30;      // a cut-off needs this many days of log before it
    double validationShare = 0.2; // customers held out (by hash) to choose settings
    int maxEpochs = 400;
    std::uint64_t seed = 7;
    // The grid searched on validation; empty = the built-in grid.
    std::vector<int> hiddenGrid;
    std::vector<double> weightDecayGrid;
};

// What training chose and saw.
struct ClvTrainReport {
    int examples = 0;           // (customer, cut-off, horizon) windows
    int validationExamples = 0;
    int cutoffs = 0;
    int hidden = 0;
    double weightDecay = 0;
    bool residual = false;      // network corrects BG/NBD's prediction (vs predicts on its own)
    int epochs = 0;
    double validationMae = 0;       // of the chosen settings
    double validationBgnbdMae = 0;  // BG/NBD on the same validation windows
    std::vector<std::string> tried; // "hidden=16 wd=1e-4 residual: val MAE 0.81 @ 120 epochs"
};

class ClvModel {
public:
    ClvModel();
    ClvModel(ClvModel&&) noexcept;
    ClvModel& operator=(ClvModel&&) noexcept;
    ~ClvModel();

    // Trains on windows that end on or before calibrationEnd (no day after it is read).
    // Throws InvalidArgument when the calibration period is too short for any window.
    static ClvModel train(const std::vector<CustomerDays>& customers, int calibrationEnd, const ClvModelOptions& options = {},
                          const Progress& progress = {});

    // Expected repeat purchase days in (asOf, asOf + horizon] for customers summarised at asOf,
    // with BG/NBD parameters fitted at asOf.
    std::vector<double> predict(const std::vector<Summary>& customers, const BgNbdParams& bgnbd, double horizon) const;

    const ClvTrainReport& report() const;
    bool trained() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// `shoppilot eval clv`: customers with a first purchase on or before calibrationEnd; per customer
// predicted vs actual repeat purchase days in (calibrationEnd, holdoutEnd].
struct ClvMethodScore {
    double mae = 0, rmse = 0, total = 0;
};
struct ClvEvaluation {
    int customers = 0;
    int calibrationEnd = 0, holdoutEnd = 0;
    double actualTotal = 0;
    ClvMethodScore model, bgnbd, naive;
    BgNbdFit bgnbdFit;
    GammaGammaFit spendFit;
    bool spendFitted = false;
    ClvTrainReport training;
    // holdout spend: actual vs BG/NBD x Gamma-Gamma and model x Gamma-Gamma (0 when not fitted)
    double actualSpend = 0, bgnbdSpend = 0, modelSpend = 0;
};
ClvEvaluation evaluateClv(const TransactionLog& log, int calibrationEnd, int holdoutEnd, const ClvModelOptions& options = {},
                          const Progress& progress = {});

} // namespace shoppilot::segments
