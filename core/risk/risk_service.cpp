#include "risk/risk_service.h"

#include <algorithm>
#include <array>
#include <limits>
#include <numeric>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "common/error.h"
#include "engine/engine.h"
#include "risk/fraud_training.h"
#include "store/repositories.h"

namespace shoppilot::risk {

namespace {

constexpr Timestamp kDay = 86400;

Timestamp nowTs()
{
    return Timestamp(std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

} // namespace

RiskTrainingData loadRiskTrainingData(store::Database& db, const Progress& progress)
{
    RiskTrainingData d;
    d.history = loadOrderHistory(db, progress);
    if (d.history.orders.empty())
        return d;
    // Customer credit scorecard: behaviour before a cut-off, refund abuse / chargebacks after it.
    d.creditAsOf = d.history.orders.back().ts - Timestamp(riskRecipe().credit.labelWindowDays) * kDay;
    d.credit = customerCreditTable(db, d.creditAsOf, {}, &d.creditIds);
    if (d.credit.rows() >= riskRecipe().credit.minCustomers) {
        // Label: a chargeback, or two or more refunds/returns, on orders after the cut-off.
        std::unordered_map<std::int64_t, int> bad;
        store::Statement s(db, "SELECT o.customer_id, SUM(r.kind = 'chargeback'), SUM(r.kind IN ('refund','return'))"
                               " FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.created_at >= ? AND o.customer_id IS NOT NULL"
                               " GROUP BY o.customer_id");
        s.bind(1, d.creditAsOf);
        while (s.step())
            bad[s.columnInt(0)] = s.columnInt(1) > 0 || s.columnInt(2) >= riskRecipe().credit.badRefunds;
        for (std::size_t i = 0; i < d.creditIds.size(); ++i)
            d.credit.label[i] = bad.count(d.creditIds[i]) && bad[d.creditIds[i]] ? 1.0f : 0.0f;
    }
    return d;
}

FittedRiskModels fitRiskModels(const RiskTrainingData& data, const Progress& progress)
{
    const auto t0 = std::chrono::steady_clock::now();
    ProgressReporter rep(progress);
    const OrderHistory& h = data.history;
    if (h.orders.size() < std::size_t(riskRecipe().fraud.minOrders))
        throw Error(ErrorCode::InvalidArgument, "the store has " + std::to_string(h.orders.size()) +
                                                    " orders: the fraud model needs at least " +
                                                    std::to_string(riskRecipe().fraud.minOrders) + " with some chargebacks");
    const Matrix x = computeFeatures(h, [&](double f, std::string_view w) { rep.report(0.15 * f, w); return true; });
    const Timestamp last = h.orders.back().ts;
    // "Now" for the labels: the latest order or label event in the store.
    const Timestamp labelsAsOf = std::max(last, h.labels.empty() ? last : h.labels.back().ts);
    FittedRiskModels out;
    TrainReport& r = out.report;
    FraudFit fit = fitFraudModel(h, x, int(h.orders.size()), labelsAsOf, FraudTrainOptions{},
                                 [&](double f, std::string_view w) { rep.report(0.15 + 0.8 * f, w); return true; });
    r.labelledFraud = fit.plan.labelledFraud;
    r.engine = fit.model.engine();
    r.why = fit.model.choiceReason();
    r.maturityDays = fit.plan.maturity.days;
    r.validFrom = fit.plan.validFrom;
    r.matureBefore = fit.plan.matureBefore;
    r.validation = fit.model.validationReport();
    r.orders = std::int64_t(h.orders.size());
    r.fittedRows = fit.model.fittedRows();
    r.reviewThreshold = fit.model.reviewThreshold();
    r.highThreshold = fit.model.highThreshold();
    nlohmann::json metrics;
    for (const auto& m : r.validation)
        metrics[m.name] = {{"pr_auc", m.validation.prAuc}, {"roc_auc", m.validation.rocAuc},
                           {"recall_at_1pct_fpr", m.validation.recallAt1PctFpr}, {"chosen", m.chosen}};
    metrics["engine"] = r.engine;
    metrics["why"] = r.why;
    metrics["label_maturity_days"] = r.maturityDays;
    metrics["review_threshold"] = r.reviewThreshold;
    metrics["high_threshold"] = r.highThreshold;
    nlohmann::json snapshot{{"orders", h.orders.size()}, {"last_order_at", last}, {"labels_as_of", labelsAsOf},
                            {"train_rows", fit.plan.trainRows.size()}, {"valid_rows", fit.plan.validRows.size()},
                            {"valid_from", fit.plan.validFrom}, {"mature_before", fit.plan.matureBefore},
                            {"refit_rows", r.fittedRows}, {"labelled_fraud", r.labelledFraud}};
    nlohmann::json card{{"task", "order fraud score"}, {"labels", "chargebacks and review decisions known at training"},
                        {"split", "time: orders older than the label maturity (99th percentile of chargeback delays) "
                                  "train (earlier 80%) and validate (latest 20%); younger orders left out unless decided"},
                        {"selection", "logistic, gbdt, mlp, gbdt+mlp by validation PR-AUC; a more complex engine must "
                                      "beat the simpler choice by more than 1.645 bootstrap standard errors (5% level)"},
                        {"serving", "the chosen engine refitted on all labelled orders, calibration and levels from validation"},
                        {"reproduce", "shoppilot train risk --db FILE"}};
    out.trainedAt = nowTs();
    out.fraud = std::move(fit.model);
    out.fraudMetricsJson = metrics.dump();
    out.fraudSnapshotJson = snapshot.dump();
    out.fraudCardJson = card.dump();
    rep.report(0.95, "credit scorecard");
    const auto& t = data.credit;
    const auto pos = std::count(t.label.begin(), t.label.end(), 1.0f);
    if (t.rows() >= riskRecipe().credit.minCustomers && pos >= riskRecipe().credit.minBad && pos < std::int64_t(t.label.size())) {
        Scorecard sc;
        sc.fit(t);
        out.creditJson = sc.toJson();
        out.creditSnapshotJson = nlohmann::json{{"customers", t.rows()}, {"bad", pos}, {"as_of", data.creditAsOf}}.dump();
    }
    rep.report(1.0, "done");
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

TrainReport saveRiskModels(store::Database& db, const FittedRiskModels& fitted)
{
    TrainReport r = fitted.report;
    engine::ModelRegistry reg(db);
    engine::ModelToSave save;
    save.name = kFraudModelName;
    save.kind = "risk";
    save.trainedAt = fitted.trainedAt;
    save.dataSnapshot = fitted.fraudSnapshotJson;
    save.metricsJson = fitted.fraudMetricsJson;
    save.cardJson = fitted.fraudCardJson;
    r.version = reg.save(save, fitted.fraud.save());
    if (fitted.creditJson) {
        const std::string& js = *fitted.creditJson;
        engine::ModelToSave cs;
        cs.name = kCreditModelName;
        cs.kind = "json";
        cs.trainedAt = fitted.trainedAt;
        cs.dataSnapshot = fitted.creditSnapshotJson;
        cs.cardJson = nlohmann::json{{"task", "customer credit scorecard (refund abuse, chargebacks)"},
                                     {"reproduce", "shoppilot train risk --db FILE"}}.dump();
        r.creditVersion = reg.save(cs, std::vector<std::uint8_t>(js.begin(), js.end()));
    }
    return r;
}

TrainReport trainRiskModels(store::Database& db, const Progress& progress)
{
    const auto t0 = std::chrono::steady_clock::now();
    ProgressReporter rep(progress);
    const RiskTrainingData data = loadRiskTrainingData(db, rep.sub(0, 0.25).callback());
    const FittedRiskModels fitted = fitRiskModels(data, rep.sub(0.25, 0.98).callback());
    TrainReport r = saveRiskModels(db, fitted);
    rep.report(1.0, "done");
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

std::optional<LoadedFraudModel> loadActiveFraudModel(store::Database& db)
{
    engine::ModelRegistry reg(db);
    const auto rec = reg.active(kFraudModelName);
    if (!rec)
        return std::nullopt;
    return LoadedFraudModel{FraudModel::load(reg.blob(kFraudModelName, rec->version)), rec->version};
}

// ------------------------------------------------------------------------------ live scoring

RiskScorer RiskScorer::open(store::Database& db, const Progress& progress)
{
    auto loaded = loadActiveFraudModel(db);
    if (!loaded)
        throw Error(ErrorCode::NotFound, "no fraud model in this store yet: train one (Risk panel: Train model, "
                                         "or shoppilot train risk --db FILE)");
    RiskScorer s;
    s.m_model = std::move(loaded->model);
    s.m_version = loaded->version;
    s.m_rules = loadRuleSet(db);
    s.m_history = loadOrderHistory(db, progress);
    s.m_x = computeFeatures(s.m_history, {}, &s.m_state);
    s.m_scores = s.m_model.probability(s.m_x);
    for (auto& v : s.m_scores)
        v *= 100;
    for (const auto& o : s.m_history.orders)
        s.m_maxId = std::max(s.m_maxId, o.id);
    return s;
}

std::vector<ScoredOrder> RiskScorer::scoreRows(store::Database& db, int from, int to, bool alert)
{
    std::vector<ScoredOrder> out;
    if (to <= from)
        return out;
    std::vector<int> rows;
    for (int i = from; i < to; ++i)
        rows.push_back(i);
    const Matrix sub = m_x.select(rows);
    const auto reasons = m_model.reasons(sub, 3);
    RuleEngine engine(m_rules, m_history);
    store::Statement exists(db, "SELECT 1 FROM risk_alerts WHERE order_id = ?");
    store::Statement ins(db, "INSERT INTO risk_alerts(order_id, created_at, score, model_version, reasons_json, status, level, rule_id)"
                             " VALUES(?,?,?,?,?,'open',?,?)");
    const Timestamp now = nowTs();
    for (int i = from; i < to; ++i) {
        ScoredOrder s;
        const auto& o = m_history.orders[std::size_t(i)];
        s.orderId = o.id;
        s.score = m_scores[std::size_t(i)];
        s.level = m_model.level(s.score);
        s.outcome = engine.evaluate(o, m_x.row(i), s.score, s.level != RiskLevel::Low);
        s.reasons = reasons[std::size_t(i - from)];
        if (alert && s.outcome.action != RuleAction::Allow) {
            exists.reset();
            exists.bind(1, o.id);
            if (!exists.step()) {
                ins.reset();
                ins.bind(1, o.id).bind(2, now).bind(3, double(s.score)).bind(4, std::to_string(m_version))
                    .bind(5, reasonsToJson(s.reasons)).bind(6, levelName(s.level)).bind(7, s.outcome.ruleId);
                ins.step();
                s.alerted = true;
            }
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<ScoredOrder> RiskScorer::scoreNew(store::Database& db)
{
    const int before = int(m_history.orders.size());
    appendNewOrders(db, m_history, m_maxId);
    const int after = int(m_history.orders.size());
    if (after == before)
        return {};
    m_x.rows = after;
    m_x.x.resize(std::size_t(after) * std::size_t(m_x.cols));
    for (int i = before; i < after; ++i) {
        m_state.next(m_history, i, m_x.row(i));
        m_maxId = std::max(m_maxId, m_history.orders[std::size_t(i)].id);
    }
    std::vector<int> rows;
    for (int i = before; i < after; ++i)
        rows.push_back(i);
    const auto p = m_model.probability(m_x.select(rows));
    m_scores.resize(std::size_t(after));
    for (std::size_t k = 0; k < p.size(); ++k)
        m_scores[std::size_t(before) + k] = 100 * p[k];
    store::Transaction tx(db);
    auto out = scoreRows(db, before, after, true);
    tx.commit();
    return out;
}

int RiskScorer::backfill(store::Database& db, int days, const Progress& progress)
{
    if (m_history.orders.empty())
        return 0;
    const Timestamp since = m_history.orders.back().ts - Timestamp(days) * kDay;
    int from = int(m_history.orders.size());
    while (from > 0 && m_history.orders[std::size_t(from - 1)].ts >= since)
        --from;
    store::Transaction tx(db);
    int written = 0;
    const int n = int(m_history.orders.size());
    for (int a = from; a < n; a += 4096) {
        for (const auto& s : scoreRows(db, a, std::min(n, a + 4096), true))
            written += s.alerted;
        if (progress && !progress(double(a - from) / std::max(1, n - from), "scoring recent orders"))
            throw Cancelled();
    }
    tx.commit();
    return written;
}

float thresholdStep(int i)
{
    return float(0.01 * std::pow(10.0, 4.0 * double(std::clamp(i, 0, 100)) / 100.0));
}

ThresholdView thresholdView(const RiskScorer& scorer, int days)
{
    ThresholdView v;
    const auto& h = scorer.history();
    if (h.orders.empty())
        return v;
    // Chargebacks arrive weeks after the order: only orders older than this store's cut-off are judged.
    const Timestamp last = h.orders.back().ts;
    v.maturity = labelMaturity(h, int(h.orders.size()), std::numeric_limits<Timestamp>::max());
    const Timestamp end = last - Timestamp(std::ceil(v.maturity.days * double(kDay))), begin = end - Timestamp(days) * kDay;
    v.maturingFrom = end;
    const auto labels = h.labelsAsOf(std::numeric_limits<Timestamp>::max());
    v.fraud.assign(std::size_t(v.bins), 0);
    v.legit.assign(std::size_t(v.bins), 0);
    std::vector<float> s, y;
    std::vector<std::int64_t> value;
    const int stepsPerBin = 100 / v.bins;
    for (std::size_t i = 0; i < h.orders.size(); ++i) {
        const auto& o = h.orders[i];
        if (o.ts < begin || o.ts >= end)
            continue;
        const float score = scorer.scores()[i];
        const bool fraud = labels[i] == 1;
        int bin = 0;
        while (bin + 1 < v.bins && score >= thresholdStep((bin + 1) * stepsPerBin))
            ++bin;
        (fraud ? v.fraud : v.legit)[std::size_t(bin)] += 1;
        s.push_back(score);
        y.push_back(fraud ? 1.0f : 0.0f);
        value.push_back(o.amountMinor);
        v.fraudOrders += fraud;
        v.fraudValueMinor += fraud ? o.amountMinor : 0;
    }
    v.orders = std::int64_t(s.size());
    v.days = double(end - begin) / kDay;
    v.pr = prCurve(s, y, 200);
    std::vector<std::size_t> idx(s.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return s[a] > s[b]; });
    v.points.resize(101);
    double cAll = 0, cHit = 0, cVal = 0;
    std::size_t k = 0;
    for (int step = 100; step >= 0; --step) {
        const float t = thresholdStep(step);
        while (k < idx.size() && s[idx[k]] >= t) {
            cAll += 1;
            cHit += y[idx[k]];
            cVal += y[idx[k]] > 0.5f ? double(value[idx[k]]) : 0;
            ++k;
        }
        auto& p = v.points[std::size_t(step)];
        p.threshold = t;
        p.reviewPerDay = v.days > 0 ? cAll / v.days : 0;
        p.precision = cAll > 0 ? cHit / cAll : 0;
        p.recall = v.fraudOrders > 0 ? cHit / double(v.fraudOrders) : 0;
        p.fraudValueMinor = std::int64_t(cVal);
    }
    return v;
}

BacktestResult backtest(const RiskScorer& scorer, const Rule& rule, int days)
{
    const auto& h = scorer.history();
    if (h.orders.empty())
        return {};
    const Timestamp since = h.orders.back().ts - Timestamp(days) * kDay;
    int from = int(h.orders.size());
    while (from > 0 && h.orders[std::size_t(from - 1)].ts >= since)
        --from;
    return backtestRule(rule, h, scorer.features(), scorer.scores(), h.labelsAsOf(std::numeric_limits<Timestamp>::max()), from);
}

std::string reasonsToJson(const std::vector<Reason>& reasons)
{
    nlohmann::json j = nlohmann::json::array();
    for (const auto& r : reasons)
        j.push_back({{"feature", featureKey(r.feature)}, {"value", std::isnan(r.value) ? 0.0 : double(r.value)},
                     {"contribution", r.contribution}});
    return j.dump();
}

std::vector<Reason> reasonsFromJson(const std::string& text)
{
    std::vector<Reason> out;
    try {
        for (const auto& j : nlohmann::json::parse(text.empty() ? "[]" : text)) {
            const int f = featureByKey(j.value("feature", ""));
            if (f >= 0)
                out.push_back({f, j.value("value", 0.0f), j.value("contribution", 0.0f)});
        }
    } catch (const nlohmann::json::exception&) {
        // A damaged reasons column shows no reasons rather than hiding the alert.
    }
    return out;
}

// ------------------------------------------------------------------------------ queue, decisions

std::vector<AlertRow> listAlerts(store::Database& db, const AlertFilter& f)
{
    std::string sql = "SELECT a.id, a.order_id, o.external_id, o.created_at, o.total_minor, o.currency, o.customer_id, a.score,"
                      " COALESCE(a.level,''), COALESCE(a.rule_id,''), a.status, COALESCE(a.model_version,''), COALESCE(a.reasons_json,'')"
                      " FROM risk_alerts a JOIN orders o ON o.id = a.order_id WHERE 1=1";
    if (!f.status.empty())
        sql += " AND a.status = ?1";
    if (!f.level.empty())
        sql += " AND a.level = ?2";
    if (!f.ruleId.empty())
        sql += " AND a.rule_id = ?3";
    if (f.from > 0)
        sql += " AND o.created_at >= ?4";
    if (f.to > 0)
        sql += " AND o.created_at < ?5";
    sql += " ORDER BY a.score DESC, a.id LIMIT ?6";
    store::Statement s(db, sql);
    if (!f.status.empty())
        s.bind(1, f.status);
    if (!f.level.empty())
        s.bind(2, f.level);
    if (!f.ruleId.empty())
        s.bind(3, f.ruleId);
    if (f.from > 0)
        s.bind(4, f.from);
    if (f.to > 0)
        s.bind(5, f.to);
    s.bind(6, std::int64_t(f.limit));
    std::vector<AlertRow> out;
    while (s.step()) {
        AlertRow r;
        r.id = s.columnInt(0);
        r.orderId = s.columnInt(1);
        r.orderRef = s.isNull(2) ? "#" + std::to_string(r.orderId) : s.columnText(2);
        r.orderTs = s.columnInt(3);
        r.amountMinor = s.columnInt(4);
        r.currency = s.columnText(5);
        r.customerId = s.isNull(6) ? -1 : s.columnInt(6);
        r.score = float(s.columnDouble(7));
        r.level = s.columnText(8);
        r.ruleId = s.columnText(9);
        r.status = s.columnText(10);
        r.modelVersion = s.columnText(11);
        r.reasons = reasonsFromJson(s.columnText(12));
        r.pattern = r.reasons.empty() ? std::string() : featureKey(r.reasons.front().feature);
        if (!f.pattern.empty() && r.pattern != f.pattern)
            continue;
        out.push_back(std::move(r));
    }
    return out;
}

std::int64_t countAlerts(store::Database& db)
{
    return db.queryInt("SELECT COUNT(*) FROM risk_alerts").value_or(0);
}

std::int64_t countFraudLabels(store::Database& db)
{
    return db.queryInt("SELECT (SELECT COUNT(DISTINCT order_id) FROM refunds WHERE kind = 'chargeback') + "
                       "(SELECT COUNT(*) FROM review_decisions WHERE decision IN ('approve','reject'))")
        .value_or(0);
}

const char* decisionName(Decision d)
{
    switch (d) {
    case Decision::Approve: return "approve";
    case Decision::Reject: return "reject";
    case Decision::Escalate: return "escalate";
    }
    return "approve";
}

void recordDecisions(store::Database& db, const std::vector<std::int64_t>& alertIds, Decision decision,
                     const std::string& reason, const std::string& note, const std::string& analyst, Timestamp now)
{
    if (analyst.empty())
        throw Error(ErrorCode::InvalidArgument, "a decision needs the analyst's name: set it in Settings");
    static const char* const kStatus[] = {"approved", "rejected", "escalated"};
    store::Transaction tx(db);
    store::Statement get(db, "SELECT order_id, score, COALESCE(model_version,''), COALESCE(rule_id,'') FROM risk_alerts WHERE id = ?");
    store::Statement ins(db, "INSERT INTO review_decisions(alert_id, order_id, decided_at, decision, analyst, note, reason) VALUES(?,?,?,?,?,?,?)");
    store::Statement upd(db, "UPDATE risk_alerts SET status = ?, assignee = ? WHERE id = ?");
    for (const auto id : alertIds) {
        get.reset();
        get.bind(1, id);
        if (!get.step())
            throw Error(ErrorCode::NotFound, "alert " + std::to_string(id) + " does not exist (reload the queue)");
        const auto orderId = get.columnInt(0);
        const double score = get.columnDouble(1);
        const std::string version = get.columnText(2), rule = get.columnText(3);
        ins.reset();
        ins.bind(1, id).bind(2, orderId).bind(3, now).bind(4, decisionName(decision)).bind(5, analyst).bind(6, note).bind(7, reason);
        ins.step();
        upd.reset();
        upd.bind(1, kStatus[int(decision)]).bind(2, analyst).bind(3, id);
        upd.step();
        const nlohmann::json details{{"order_id", orderId}, {"decision", decisionName(decision)}, {"reason", reason},
                                     {"note", note}, {"score", score}, {"model_version", version}, {"rule_id", rule}};
        store::appendAudit(db, now, analyst, "risk.decision", "risk_alert", std::to_string(id), details.dump());
    }
    tx.commit();
}

std::vector<AuditRow> listAudit(store::Database& db, const std::string& prefix, int limit)
{
    store::Statement s(db, "SELECT id, ts, actor, action, entity, COALESCE(entity_id,''), COALESCE(details_json,'') FROM audit_log"
                           " WHERE substr(action, 1, length(?1)) = ?1 ORDER BY id DESC LIMIT ?2");
    s.bind(1, prefix).bind(2, std::int64_t(limit));
    std::vector<AuditRow> out;
    while (s.step())
        out.push_back({s.columnInt(0), s.columnInt(1), s.columnText(2), s.columnText(3), s.columnText(4), s.columnText(5), s.columnText(6)});
    return out;
}

std::vector<LinkedOrder> linkedOrders(store::Database& db, std::int64_t orderId, int limit)
{
    std::vector<LinkedOrder> out;
    store::Statement o(db, "SELECT device_id, ip, payment_fingerprint, ship_address, ship_postcode FROM orders WHERE id = ?");
    o.bind(1, orderId);
    if (!o.step())
        return out;
    const std::string device = o.columnText(0), ip = o.columnText(1), card = o.columnText(2), addr = o.columnText(3), post = o.columnText(4);
    auto add = [&](const char* link, const std::string& where, const std::string& v1, const std::string& v2 = {}) {
        if (v1.empty())
            return;
        store::Statement s(db, "SELECT o.id, COALESCE(o.external_id,''), o.created_at, o.customer_id, o.total_minor,"
                               " EXISTS(SELECT 1 FROM refunds r WHERE r.order_id = o.id AND r.kind = 'chargeback'),"
                               " COALESCE((SELECT decision FROM review_decisions d WHERE d.order_id = o.id ORDER BY d.id DESC LIMIT 1),'')"
                               " FROM orders o WHERE " + where + " AND o.id <> ? ORDER BY o.created_at DESC LIMIT ?");
        int k = 1;
        s.bind(k++, v1);
        if (!v2.empty())
            s.bind(k++, v2);
        s.bind(k, orderId);
        s.bind(k + 1, std::int64_t(limit));
        while (s.step()) {
            const auto id = s.columnInt(0);
            if (std::any_of(out.begin(), out.end(), [&](const LinkedOrder& l) { return l.orderId == id; }))
                continue;
            out.push_back({id, s.columnText(1), s.columnInt(2), s.isNull(3) ? -1 : s.columnInt(3), s.columnInt(4), link,
                           s.columnInt(5) != 0, s.columnText(6)});
        }
    };
    add("device", "o.device_id = ?", device);
    add("ip", "o.ip = ?", ip);
    add("card", "o.payment_fingerprint = ?", card);
    if (!addr.empty())
        add("address", "o.ship_address = ? AND COALESCE(o.ship_postcode,'') = ?", addr, post.empty() ? std::string(" ") : post);
    return out;
}

RawTable customerCreditTable(store::Database& db, Timestamp asOf, const std::vector<std::int64_t>& customers,
                             std::vector<std::int64_t>* idsOut)
{
    const char* names[] = {"orders", "avg_amount", "tenure_days", "days_since_last_order", "cancelled_share", "failed_share",
                           "cod_share", "payment_methods", "refunds", "returns", "chargebacks", "refunded_value_share"};
    constexpr int kCols = 12;
    std::string filter = customers.size() == 1 ? " AND o.customer_id = ?2" : "";
    store::Statement s(db, "SELECT o.customer_id, COUNT(*), AVG(o.total_minor) / 100.0, MIN(c.created_at), MAX(o.created_at),"
                           " AVG(o.status = 'cancelled'), AVG(o.status = 'failed'), AVG(o.payment_method = 'cod'),"
                           " COUNT(DISTINCT o.payment_fingerprint), SUM(o.total_minor)"
                           " FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.created_at < ?1" + filter +
                           " GROUP BY o.customer_id ORDER BY o.customer_id");
    s.bind(1, asOf);
    if (customers.size() == 1)
        s.bind(2, customers[0]);
    std::vector<std::int64_t> ids;
    std::vector<std::array<float, kCols>> rows;
    std::unordered_map<std::int64_t, std::size_t> at;
    std::vector<double> spent;
    while (s.step()) {
        const auto id = s.columnInt(0);
        if (customers.size() > 1 && std::find(customers.begin(), customers.end(), id) == customers.end())
            continue;
        std::array<float, kCols> r{};
        r[0] = float(s.columnInt(1));
        r[1] = float(s.columnDouble(2));
        r[2] = float(double(asOf - s.columnInt(3)) / kDay);
        r[3] = float(double(asOf - s.columnInt(4)) / kDay);
        r[4] = float(s.columnDouble(5));
        r[5] = float(s.columnDouble(6));
        r[6] = float(s.columnDouble(7));
        r[7] = float(s.columnInt(8));
        at[id] = rows.size();
        ids.push_back(id);
        rows.push_back(r);
        spent.push_back(double(s.columnInt(9)));
    }
    store::Statement rf(db, "SELECT o.customer_id, SUM(r.kind = 'refund'), SUM(r.kind = 'return'), SUM(r.kind = 'chargeback'),"
                            " SUM(r.amount_minor) FROM refunds r JOIN orders o ON o.id = r.order_id"
                            " WHERE r.created_at < ?1 AND o.created_at < ?1" + filter + " GROUP BY o.customer_id");
    rf.bind(1, asOf);
    if (customers.size() == 1)
        rf.bind(2, customers[0]);
    while (rf.step()) {
        const auto it = at.find(rf.columnInt(0));
        if (it == at.end())
            continue;
        auto& r = rows[it->second];
        r[8] = float(rf.columnInt(1));
        r[9] = float(rf.columnInt(2));
        r[10] = float(rf.columnInt(3));
        r[11] = spent[it->second] > 0 ? float(double(rf.columnInt(4)) / spent[it->second]) : 0.0f;
    }
    RawTable t;
    for (int c = 0; c < kCols; ++c) {
        RawColumn col;
        col.name = names[c];
        for (const auto& r : rows)
            col.num.push_back(r[std::size_t(c)]);
        t.columns.push_back(std::move(col));
    }
    t.label.assign(rows.size(), 0);
    if (idsOut)
        *idsOut = ids;
    return t;
}

CustomerRisk customerRisk(store::Database& db, std::int64_t customerId)
{
    CustomerRisk c;
    c.customerId = customerId;
    store::Statement s(db, "SELECT COALESCE(name,''), created_at FROM customers WHERE id = ?");
    s.bind(1, customerId);
    if (!s.step())
        return c;
    c.name = s.columnText(0);
    c.createdAt = s.columnInt(1);
    store::Statement o(db, "SELECT COUNT(*), COALESCE(SUM(total_minor),0) FROM orders WHERE customer_id = ?");
    o.bind(1, customerId);
    if (o.step()) {
        c.orders = o.columnInt(0);
        c.spentMinor = o.columnInt(1);
    }
    store::Statement r(db, "SELECT SUM(r.kind IN ('refund','return')), SUM(r.kind = 'chargeback') FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.customer_id = ?");
    r.bind(1, customerId);
    if (r.step()) {
        c.refunds = r.columnInt(0);
        c.chargebacks = r.columnInt(1);
    }
    engine::ModelRegistry reg(db);
    if (const auto rec = reg.active(kCreditModelName)) {
        const auto blob = reg.blob(kCreditModelName, rec->version);
        const Scorecard sc = Scorecard::fromJson(std::string(blob.begin(), blob.end()));
        const RawTable t = customerCreditTable(db, db.queryInt("SELECT MAX(created_at) + 1 FROM orders").value_or(nowTs()), {customerId});
        if (t.rows() == 1)
            c.credit = sc.score(t, 0, 3);
    }
    return c;
}

} // namespace shoppilot::risk
