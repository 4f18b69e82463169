// The store side of the Risk panel on the tiny demo store: training saves a loadable model, live
// scoring raises alerts for new orders, decisions land in review_decisions and the append-only
// audit_log (which rejects UPDATE and DELETE), survive reopening the store, and become labels.
#include <QTemporaryDir>
#include <QtTest>

#include "common/error.h"
#include "demo/demo_generator.h"
#include "risk/risk_service.h"
#include "risk_fixture.h"
#include "store/database.h"

using namespace shoppilot;
using namespace shoppilot::risk;
using namespace shoppilot::test;

class TestRiskService : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_path;

private Q_SLOTS:
    void initTestCase()
    {
        m_path = m_dir.filePath("tiny.db").toStdString();
        auto db = store::Database::open(m_path, {store::OpenMode::CreateIfMissing});
        demo::DemoOptions o;
        o.size = demo::DemoSize::Tiny;
        o.seed = 42;
        demo::generateDemoStore(db, o, {});
    }

    void noModelSaysSo()
    {
        auto db = store::Database::open(m_path);
        QVERIFY(!loadActiveFraudModel(db));
        try {
            RiskScorer::open(db);
            QFAIL("expected an error");
        } catch (const Error& e) {
            QCOMPARE(int(e.code()), int(ErrorCode::NotFound));
            QVERIFY(QString(e.what()).contains("train"));
        }
    }

    void trainScoreAndQueue()
    {
        auto db = store::Database::open(m_path);
        const TrainReport r = trainRiskModels(db);
        QCOMPARE(r.version, 1);
        QVERIFY(!r.engine.empty());
        QVERIFY(r.labelledFraud > 0);
        const auto loaded = loadActiveFraudModel(db);
        QVERIFY(loaded);
        QCOMPARE(loaded->version, 1);
        RiskScorer s = RiskScorer::open(db);
        QCOMPARE(s.scores().size(), s.history().orders.size());
        const int alerts = s.backfill(db, 30);
        QVERIFY(alerts > 0);
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM risk_alerts").value_or(0), std::int64_t(alerts));
        QCOMPARE(s.backfill(db, 30), 0); // no duplicate alerts
        const auto queue = listAlerts(db, {});
        QCOMPARE(int(queue.size()), alerts);
        for (std::size_t i = 1; i < queue.size(); ++i)
            QVERIFY(queue[i - 1].score >= queue[i].score);
        AlertFilter high;
        high.level = "high";
        for (const auto& a : listAlerts(db, high))
            QCOMPARE(a.level, std::string("high"));

        // A new order arrives (sync or webhook): scored incrementally, an obvious card test is queued.
        const auto maxId = db.queryInt("SELECT MAX(id) FROM orders").value();
        const auto lastTs = db.queryInt("SELECT MAX(created_at) FROM orders").value();
        addCustomer(db, 900001, lastTs);
        for (int k = 0; k < 4; ++k) {
            HandOrder o{maxId + 1 + k, 900001, lastTs + 60 * (k + 1), 199};
            o.card = "test-card";
            o.device = "fresh-device";
            addOrder(db, o);
        }
        const auto scored = s.scoreNew(db);
        QCOMPARE(int(scored.size()), 4);
        QCOMPARE(scored.back().outcome.ruleId, std::string("card-testing"));
        QVERIFY(scored.back().alerted);
        QVERIFY(s.scoreNew(db).empty());
    }

    void decisionsAreAuditedAndSurviveRestart()
    {
        std::int64_t alertId = 0, orderId = 0;
        {
            auto db = store::Database::open(m_path);
            const auto queue = listAlerts(db, {});
            QVERIFY(queue.size() >= 3);
            alertId = queue[0].id;
            orderId = queue[0].orderId;
            QVERIFY_THROWS_EXCEPTION(Error, recordDecisions(db, {alertId}, Decision::Reject, "stolen card", "", "", 1000));
            QVERIFY_THROWS_EXCEPTION(Error, recordDecisions(db, {alertId, 99999999}, Decision::Reject, "x", "", "alice", 1000));
            QCOMPARE(db.queryInt("SELECT COUNT(*) FROM review_decisions").value_or(-1), 0); // all or nothing
            recordDecisions(db, {alertId}, Decision::Reject, "stolen card", "called the bank", "alice", 1000);
            recordDecisions(db, {queue[1].id, queue[2].id}, Decision::Approve, "known customer", "", "bob", 1001);
        }
        auto db = store::Database::open(m_path); // reopened: what was decided is still there
        store::Statement d(db, "SELECT decision, analyst, reason, note, order_id FROM review_decisions WHERE alert_id = ?");
        d.bind(1, alertId);
        QVERIFY(d.step());
        QCOMPARE(d.columnText(0), std::string("reject"));
        QCOMPARE(d.columnText(1), std::string("alice"));
        QCOMPARE(d.columnText(2), std::string("stolen card"));
        QCOMPARE(d.columnText(3), std::string("called the bank"));
        QCOMPARE(d.columnInt(4), orderId);
        QCOMPARE(db.queryText("SELECT status FROM risk_alerts WHERE id = " + std::to_string(alertId)).value(), std::string("rejected"));
        const auto audit = listAudit(db);
        QCOMPARE(int(audit.size()), 3);
        QCOMPARE(audit.back().actor, std::string("alice"));
        QCOMPARE(audit.back().action, std::string("risk.decision"));
        QVERIFY(QString::fromStdString(audit.back().details).contains("\"model_version\":\"1\""));
        QVERIFY(QString::fromStdString(audit.back().details).contains("\"score\""));
        QVERIFY(QString::fromStdString(audit.back().details).contains("stolen card"));
        // Append-only.
        QVERIFY_THROWS_EXCEPTION(Error, db.exec("UPDATE audit_log SET actor = 'mallory'"));
        QVERIFY_THROWS_EXCEPTION(Error, db.exec("DELETE FROM audit_log"));
        QCOMPARE(int(listAudit(db).size()), 3);
        // The decision is a label from its time on.
        const auto h = loadOrderHistory(db);
        QCOMPARE(h.labelsAsOf(999)[std::size_t(h.indexById.at(orderId))], -1);
        const auto labels = h.labelsAsOf(std::numeric_limits<Timestamp>::max());
        QCOMPARE(labels[std::size_t(h.indexById.at(orderId))], 1);
        // The decided alerts left the open queue.
        for (const auto& a : listAlerts(db, {}))
            QVERIFY(a.id != alertId);
    }

    void linkedOrdersAndCustomer()
    {
        auto db = store::Database::open(m_path);
        const auto orderId = db.queryInt("SELECT MAX(id) FROM orders").value();
        const auto links = linkedOrders(db, orderId);
        QCOMPARE(int(links.size()), 3); // the other three card-test orders share device, card, IP, address
        for (const auto& l : links)
            QVERIFY(l.orderId != orderId);
        const auto c = customerRisk(db, 900001);
        QCOMPARE(c.orders, std::int64_t(4));
        QVERIFY(c.credit.has_value());
        QVERIFY(c.credit->score > 0);
    }

    void retrainUsesDecisions()
    {
        auto db = store::Database::open(m_path);
        const TrainReport r = trainRiskModels(db);
        QCOMPARE(r.version, 2);
        QCOMPARE(loadActiveFraudModel(db)->version, 2);
    }
};

QTEST_GUILESS_MAIN(TestRiskService)
#include "tst_risk_service.moc"
