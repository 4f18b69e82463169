// Per-customer predictions for the Segments panel and `shoppilot eval segments`: expected purchases
// and spend in the next 90 days, P(alive), churn probability and the next category's top 3, or
// "not enough history" below kMinPurchaseDaysForPrediction purchase days (kMinOrdersForCategory
// orders for the next category). Every model is trained on the store's data up to the as-of day.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/progress.h"
#include "segments/bgnbd.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::segments {

enum class PredictionState {
    Ok,
    NotEnoughHistory, // fewer than kMinPurchaseDaysForPrediction purchase days up to the as-of day
};

struct ReliabilityBin {
    double lo = 0, hi = 0;
    int count = 0;
    double meanPredicted = 0, observedRate = 0;
};

struct CategoryPrediction {
    std::int64_t categoryId = 0;
    std::string name;
    double probability = 0;
};

// The model a figure is served from. Its id ("learned", "bgnbd", "recency", "frequent"; "" for
// None) is what JSON output and the UI's wording use.
enum class ServedModel { None, Learned, Bgnbd, Recency, Frequent };
const char* servedModelId(ServedModel m);

struct CustomerPrediction {
    std::int64_t customerId = 0;
    PredictionState state = PredictionState::NotEnoughHistory;
    int purchaseDays = 0;            // distinct purchase days up to the as-of day
    double expectedPurchases = 0;    // repeat purchase days in the next horizonDays
    double expectedSpend = 0;        // expectedPurchases x Gamma-Gamma spend per purchase
    double probAlive = 0;            // BG/NBD
    double churnProbability = 0;     // P(no purchase in the next horizonDays); -1 when churnModel is None
    std::vector<CategoryPrediction> nextCategory; // top 3; empty below kMinOrdersForCategory orders
};

struct CustomerPredictions {
    int asOfDay = 0;
    int horizonDays = 90;
    ServedModel purchaseModel = ServedModel::Bgnbd; // Learned or Bgnbd: the one with the lower validation MAE
    double validationMaeLearned = 0, validationMaeBgnbd = 0;
    BgNbdParams bgnbd;
    GammaGammaParams spend;
    int notEnoughHistory = 0;
    // Churn and next category: the learned model is served only when it beats its baseline on a
    // validation window (models trained up to asOfDay - horizonDays, scored on the following
    // horizonDays); otherwise the baseline is served. validationCustomers == 0: the store is too
    // short to validate, and the baseline is served.
    ServedModel churnModel = ServedModel::Recency; // Learned or Recency (churn rate by days since the last purchase); None: too little history
    double validationChurnAucLearned = 0, validationChurnAucRecency = 0;
    int validationChurnCustomers = 0;
    std::vector<ReliabilityBin> churnCalibration; // the served churn model on the validation window, 10 bins
    ServedModel nextCategoryModel = ServedModel::Frequent; // Learned or Frequent (the customer's own category shares)
    double validationNextCategoryLearned = 0, validationNextCategoryFrequent = 0; // top-1 accuracy
    int validationNextCategoryCustomers = 0;
    std::vector<CustomerPrediction> customers; // every customer with a purchase up to asOfDay
};

// Throws InvalidArgument when the store has too little history before asOfDay.
CustomerPredictions predictCustomers(store::Database& db, int asOfDay, const Progress& progress = {});

struct PredictionEval {
    int cutoffDay = 0, horizonDays = 90;
    // churn: customers with kMinPurchaseDaysForPrediction+ purchase days by the cut-off
    int churnCustomers = 0;
    double churnRate = 0;
    double churnRocAuc = 0, churnBaselineRocAuc = 0; // baseline: days since the last purchase
    double churnBrier = 0;
    std::vector<ReliabilityBin> churnReliability; // 10 equal-width bins of the predicted probability
    // What the app serves at this cut-off (the model chosen on the horizon before it, as
    // predictCustomers does) and its ROC-AUC here.
    ServedModel churnServedModel = ServedModel::Recency;
    double churnServedRocAuc = 0;
    // next category: customers with kMinOrdersForCategory+ orders by the cut-off and an order in
    // the following horizonDays; target = the category of the first such order
    int nextCategoryCustomers = 0;
    int categories = 0;
    double nextCategoryAccuracy = 0, nextCategoryTop3Accuracy = 0;
    double nextCategoryBaselineAccuracy = 0;       // the customer's most frequent category so far
    double nextCategoryGlobalBaselineAccuracy = 0; // the most frequent category overall
    ServedModel nextCategoryServedModel = ServedModel::Frequent; // chosen as predictCustomers chooses, on the horizon before the cut-off
    double nextCategoryServedAccuracy = 0;
};

// Time split: features and training up to cutoffDay, outcomes in (cutoffDay, cutoffDay + horizon].
// Throws InvalidArgument when the store's orders end before cutoffDay + horizonDays.
PredictionEval evalPredictions(store::Database& db, int cutoffDay, int horizonDays = 90, const Progress& progress = {});

// The store's last order day (days since the epoch); throws when there are no orders.
int lastOrderDay(store::Database& db);

// Rank ROC-AUC (ties count half); 0.5 when one class is missing.
double rocAuc(const std::vector<double>& score, const std::vector<int>& label);

} // namespace shoppilot::segments
