// What the Risk panel and the CLI do with a store: train and save the fraud model, score new
// orders as they arrive (flagged ones become risk_alerts), list the review queue, record
// decisions (review_decisions + audit_log in one transaction), read the audit trail, linked
// orders and a customer's history with the credit scorecard.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/progress.h"
#include "common/time.h"
#include "risk/fraud_model.h"
#include "risk/fraud_training.h"
#include "risk/rules.h"
#include "risk/scorecard.h"
#include "risk/tabular.h"
#include "store/database.h"

namespace shoppilot::risk {

inline constexpr const char* kFraudModelName = "risk.fraud";
inline constexpr const char* kCreditModelName = "risk.credit";

struct TrainReport {
    int version = 0;
    std::string engine;
    std::string why;                       // FraudModel::choiceReason()
    std::vector<MemberReport> validation;  // every candidate, the chosen one marked
    double maturityDays = 0;               // label maturity cut-off
    Timestamp validFrom = 0, matureBefore = 0; // the validation period
    std::int64_t fittedRows = 0;           // rows the served engine was refitted on
    std::int64_t orders = 0;
    std::int64_t labelledFraud = 0;
    float reviewThreshold = 0, highThreshold = 0;
    int creditVersion = 0;
    double seconds = 0;
};

// Trains on the store's labelled history (chargebacks and review decisions as known now; the
// planted truth tables are never read) with fitFraudModel (fraud_training.h: engine chosen on a
// validation period with settled labels, then refitted on everything), saves the model as the
// next active version of risk.fraud, and the customer credit scorecard as risk.credit.
TrainReport trainRiskModels(store::Database& db, const Progress& progress = {});

// The same in three steps, so a caller holds the store only to read and then for one short
// write (the fit in between needs no connection): load (reads), fit (no store), save (writes
// both models).
struct RiskTrainingData {
    OrderHistory history;
    Timestamp creditAsOf = 0;
    RawTable credit; // customers as of creditAsOf, labelled by what happened after it
    std::vector<std::int64_t> creditIds;
};
RiskTrainingData loadRiskTrainingData(store::Database& db, const Progress& progress = {});
struct FittedRiskModels {
    FraudModel fraud;
    std::string fraudMetricsJson, fraudSnapshotJson, fraudCardJson;
    std::optional<std::string> creditJson; // the scorecard, when there were enough labelled customers
    std::string creditSnapshotJson;
    Timestamp trainedAt = 0;
    TrainReport report; // without the versions (saveRiskModels fills them)
};
FittedRiskModels fitRiskModels(const RiskTrainingData& data, const Progress& progress = {});
TrainReport saveRiskModels(store::Database& db, const FittedRiskModels& fitted);

struct LoadedFraudModel {
    FraudModel model;
    int version = 0;
};
std::optional<LoadedFraudModel> loadActiveFraudModel(store::Database& db);

struct ScoredOrder {
    std::int64_t orderId = 0;
    float score = 0; // 0-100
    RiskLevel level = RiskLevel::Low;
    RuleOutcome outcome;
    std::vector<Reason> reasons;
    bool alerted = false; // a new risk_alerts row was written
};

// Live scoring: the sweep state over the whole history in memory, new orders appended.
class RiskScorer {
public:
    // Throws Error(NotFound) when the store has no trained fraud model.
    static RiskScorer open(store::Database& db, const Progress& progress = {});

    // Scores orders newer than the last one seen; flagged ones (action review/block) get an
    // open alert unless they already have one.
    std::vector<ScoredOrder> scoreNew(store::Database& db);
    // Scores the history's last `days` days and raises alerts for flagged orders (a queue for a
    // store that was never scored live). Returns the alerts written.
    int backfill(store::Database& db, int days, const Progress& progress = {});

    const OrderHistory& history() const { return m_history; }
    const Matrix& features() const { return m_x; }
    const std::vector<float>& scores() const { return m_scores; }
    const FraudModel& model() const { return m_model; }
    int modelVersion() const { return m_version; }
    const RuleSet& rules() const { return m_rules; }
    void setRules(RuleSet rules) { m_rules = std::move(rules); }

private:
    std::vector<ScoredOrder> scoreRows(store::Database& db, int from, int to, bool alert);
    FraudModel m_model;
    int m_version = 0;
    RuleSet m_rules;
    OrderHistory m_history;
    FeatureState m_state;
    Matrix m_x;
    std::vector<float> m_scores;
    std::int64_t m_maxId = 0;
};

// What a review threshold would have done on past orders whose labels have had time to arrive
// (chargebacks come weeks later): the `days` days of orders before the label-maturity cut-off
// (labelMaturity: the 99th percentile of this store's chargeback delays), the younger orders are
// still maturing and left out.
struct ThresholdPoint {
    float threshold = 0;
    double reviewPerDay = 0;
    double precision = 0;
    double recall = 0;
    std::int64_t fraudValueMinor = 0; // value of the labelled fraud at or above the threshold
};
// Scores are calibrated probabilities x 100 and most orders score far below 1, so the slider and
// the histogram run on a log scale: step i of 0..100 is the score 0.01 x 10^(4i/100) (0.01 .. 100).
float thresholdStep(int i);
struct ThresholdView {
    int bins = 10;                 // score histogram, log-spaced over 0.01 .. 100 (bin b starts at thresholdStep(10b))
    std::vector<int> fraud, legit; // counts per bin
    std::vector<PrPoint> pr;
    std::vector<ThresholdPoint> points; // at thresholdStep(0 .. 100)
    double days = 0;
    std::int64_t orders = 0, fraudOrders = 0;
    std::int64_t fraudValueMinor = 0;
    LabelMaturity maturity;  // the cut-off used
    Timestamp maturingFrom = 0; // orders at or after it are still maturing (left out)
};
ThresholdView thresholdView(const RiskScorer& scorer, int days = 90);

// Replays a rule on the scorer's last `days` of history with the labels known now.
BacktestResult backtest(const RiskScorer& scorer, const Rule& rule, int days = 90);

std::string reasonsToJson(const std::vector<Reason>& reasons);
std::vector<Reason> reasonsFromJson(const std::string& json);

struct AlertFilter {
    std::string status = "open"; // "" = any
    std::string level;           // "" = any
    std::string ruleId;          // "" = any
    std::string pattern;         // top reason's feature key, "" = any
    Timestamp from = 0, to = 0;  // order time, 0 = open
    int limit = 5000;
};

struct AlertRow {
    std::int64_t id = 0;
    std::int64_t orderId = 0;
    std::string orderRef;
    Timestamp orderTs = 0;
    std::int64_t amountMinor = 0;
    std::string currency;
    std::int64_t customerId = -1;
    float score = 0;
    std::string level, ruleId, status, modelVersion, pattern;
    std::vector<Reason> reasons;
};

std::vector<AlertRow> listAlerts(store::Database& db, const AlertFilter& filter);
// Alerts of any status (0 = the store was never scored: the panel fills a first queue).
std::int64_t countAlerts(store::Database& db);
// Fraud labels the store holds: orders with a chargeback plus approve/reject review decisions. 0 on
// an orders-only import (e.g. Online Retail): no model can be trained, the rules screen alone.
std::int64_t countFraudLabels(store::Database& db);

enum class Decision { Approve, Reject, Escalate };
const char* decisionName(Decision d);

// One transaction: a review_decisions row and an audit_log entry per alert, and the alert's
// status. Throws Error(NotFound) for an unknown alert (nothing is written then).
void recordDecisions(store::Database& db, const std::vector<std::int64_t>& alertIds, Decision decision,
                     const std::string& reason, const std::string& note, const std::string& analyst, Timestamp now);

struct AuditRow {
    std::int64_t id = 0;
    Timestamp ts = 0;
    std::string actor, action, entity, entityId, details;
};
std::vector<AuditRow> listAudit(store::Database& db, const std::string& actionPrefix = "risk.", int limit = 2000);

struct LinkedOrder {
    std::int64_t orderId = 0;
    std::string orderRef;
    Timestamp ts = 0;
    std::int64_t customerId = -1;
    std::int64_t amountMinor = 0;
    std::string link;   // device | ip | card | address
    bool chargeback = false;
    std::string decision;
};
std::vector<LinkedOrder> linkedOrders(store::Database& db, std::int64_t orderId, int limit = 200);

struct CustomerRisk {
    std::int64_t customerId = -1;
    std::string name;
    Timestamp createdAt = 0;
    std::int64_t orders = 0, refunds = 0, chargebacks = 0;
    std::int64_t spentMinor = 0;
    std::optional<ScoredApplicant> credit; // when a scorecard is trained
};
CustomerRisk customerRisk(store::Database& db, std::int64_t customerId);

// The per-customer table the credit scorecard sees, as of `asOf` (orders and refunds before it).
RawTable customerCreditTable(store::Database& db, Timestamp asOf, const std::vector<std::int64_t>& customers,
                             std::vector<std::int64_t>* idsOut = nullptr);

} // namespace shoppilot::risk
