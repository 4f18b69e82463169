// What `shoppilot eval risk|credit` and `bench risk` compute. The store evaluation runs the
// served recipe (fitFraudModel, fraud_training.h) on the first 70% of the orders by time with the
// labels known when the later 30% begins, and scores that later 30% against the demo's planted
// truth (truth_fraud: read here only, never trained on).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/progress.h"
#include "common/time.h"
#include "risk/fraud_model.h"
#include "risk/metrics.h"
#include "risk/scorecard.h"
#include "store/database.h"

namespace shoppilot::risk {

struct StoreEvalResult {
    RankMetrics model, rules, baseline;   // on the test period, against the planted truth
    // Test PR-AUC of the served model minus the logistic baseline's, and the paired bootstrap
    // standard error of that difference (a gap inside ~2 s.e. is a tie).
    double gainOverBaseline = 0, gainOverBaselineSe = 0;
    std::string engine;
    std::string why;                      // why the engine was chosen
    std::vector<MemberReport> validation; // each candidate on the validation period, the chosen one marked
    double maturityDays = 0;              // label maturity cut-off
    bool maturityMeasured = false;        // false = too few chargebacks, the default cut-off
    int maturityChargebacks = 0;
    Timestamp labelsAsOf = 0, validFrom = 0, matureBefore = 0, testFrom = 0;
    std::int64_t extraRefitOrders = 0, leftOutOrders = 0, fittedOrders = 0;
    std::map<std::string, double> perPatternRecall;      // model flags (score above the review level)
    std::map<std::string, double> perPatternRecallRules; // rules alone (review or block)
    std::map<std::string, double> perPatternRecallCombined; // what the queue gets: rules, then the model
    std::map<std::string, int> perPatternCount;
    RankMetrics combined;   // rules then model, as one ranking (block > review > allow, ties by score)
    double combinedFlaggedShare = 0;
    std::int64_t trainOrders = 0, validOrders = 0, testOrders = 0, testFraud = 0, trainLabelledFraud = 0;
    float reviewThreshold = 0;
    double flaggedShare = 0;  // share of test orders the model sends to review
    double featureSeconds = 0, trainSeconds = 0;
};

// Throws Error(InvalidArgument) when the store has no planted truth (not a demo store).
StoreEvalResult evaluateStore(store::Database& db, const Progress& progress = {});

struct FoldSummary {
    RankMetrics mean;
    RankMetrics spread; // standard deviation over folds
};

struct CsvEvalResult {
    std::map<std::string, FoldSummary> learners; // logistic, gbdt, mlp, gbdt+mlp
    std::string chosen;                          // what the fraud model's rule picks per fold, most often
    int folds = 0, rows = 0, positives = 0, features = 0;
    int oneHot = 0, countEncoded = 0, numeric = 0;
    std::int64_t skipped = 0;
    std::string firstSkip;
};

CsvEvalResult evaluateFraudCsv(const std::string& path, const std::string& label, int folds, std::int64_t maxRows,
                               bool withMlp, const Progress& progress = {}, const LearnerOptions& learner = {});

struct CreditEvalResult {
    FoldSummary scorecard, logistic;
    double scorecardCost = 0, logisticCost = 0; // expected cost per applicant, pooled over folds
    double rejectAllCost = 0, acceptAllCost = 0;
    double costBad = 5, costGood = 1;
    int folds = 0, rows = 0, positives = 0;
    std::int64_t skipped = 0;
};

// Cost: accepting a bad applicant costs costBad, rejecting a good one costGood; an applicant is
// rejected when the predicted probability of bad exceeds costGood / (costGood + costBad) (the
// scorecard is an unweighted logistic, so its probabilities are calibrated; the class-weighted
// baseline gets the same threshold after undoing its weighting).
CreditEvalResult evaluateCreditCsv(const std::string& path, const std::string& label, int folds, double costBad = 5,
                                   double costGood = 1, const Progress& progress = {}, const Scorecard::Options& card = {});

struct BenchResult {
    std::int64_t orders = 0;
    double featureSeconds = 0;     // the sweep
    double batchSeconds = 0;       // model on all rows at once
    double batchOrdersPerSecond = 0;
    std::int64_t singleOrders = 0; // baseline: one order at a time through the unbatched path
    double singleSeconds = 0;
    double singleOrdersPerSecond = 0;
    double speedup = 0;
    double endToEndOrdersPerSecond = 0; // sweep + batch model
    // One new order the way live scoring handles it, in memory: incremental features, model,
    // reasons, rules (the last orders replayed one by one after a sweep over the ones before).
    int latencyOrders = 0;
    double latencyP50Ms = 0, latencyP95Ms = 0, latencyMaxMs = 0;
    std::string engine;
};
BenchResult benchScoring(store::Database& db, const Progress& progress = {});

} // namespace shoppilot::risk
