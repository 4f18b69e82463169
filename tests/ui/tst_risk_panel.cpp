// The Risk panel over a tiny demo store: without a model it says so and offers training; after
// training, an analyst clears flagged orders with the keyboard (J/K to move, A/R/E to decide),
// each decision lands in review_decisions and the audit log with the analyst's name, a new order
// arriving is scored and queued, rules must be backtested before saving, the threshold view
// reports figures, the models pass QAbstractItemModelTester, and screenshots in both languages.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "demo/demo_generator.h"
#include "risk/risk_models.h"
#include "risk/rules.h"
#include "risk/risk_panel.h"
#include "shell/i18n.h"
#include "shell/job_runner.h"
#include "shell/view_state.h"
#include "store/database.h"
#include "ui/gui_test_main.h"

using namespace shoppilot;
using ui::RiskPanel;

namespace {

struct Harness {
    ui::ViewState view;
    ui::JobRunner jobs;
    std::unique_ptr<RiskPanel> panel;
    std::unique_ptr<QSignalSpy> loaded, missing, queue, saved, failed, scored;
    Harness()
    {
        panel = std::make_unique<RiskPanel>(ui::PanelContext{&view, &jobs});
        loaded = std::make_unique<QSignalSpy>(panel.get(), &RiskPanel::modelLoaded);
        missing = std::make_unique<QSignalSpy>(panel.get(), &RiskPanel::modelMissing);
        queue = std::make_unique<QSignalSpy>(panel.get(), &RiskPanel::queueLoaded);
        saved = std::make_unique<QSignalSpy>(panel.get(), &RiskPanel::decisionsSaved);
        failed = std::make_unique<QSignalSpy>(panel.get(), &RiskPanel::failed);
        scored = std::make_unique<QSignalSpy>(panel.get(), &RiskPanel::newOrdersScored);
        panel->resize(1280, 800);
        panel->show();
    }
};

std::int64_t count(const QString& path, const std::string& sql)
{
    store::ThreadCheckExemption inspect;
    auto db = store::Database::open(path.toStdString(), {store::OpenMode::ReadOnly});
    return db.queryInt(sql).value_or(-1);
}

} // namespace

class TestRiskPanel : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_store, m_unlabelled;

    void saveScreenshot(QWidget& w, const QString& name)
    {
        QDir().mkpath(SHOPPILOT_SCREENSHOT_DIR);
        const QString path = QString(SHOPPILOT_SCREENSHOT_DIR) + "/" + name + ".png";
        QVERIFY(w.grab().save(path));
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("SHOPPILOT_NO_DIALOGS", "1");
        ui::installTranslations(*qApp, "en");
        m_store = m_dir.filePath("tiny.db");
        store::ThreadCheckExemption fixture;
        auto db = store::Database::open(m_store.toStdString(), {store::OpenMode::CreateIfMissing});
        demo::generateDemoStore(db, {demo::DemoSize::Tiny, 42}, {});
        // The same orders without any fraud label, as an orders-only import has them.
        m_unlabelled = m_dir.filePath("unlabelled.db");
        db.exec("VACUUM INTO '" + m_unlabelled.toStdString() + "'");
        auto u = store::Database::open(m_unlabelled.toStdString());
        u.exec("DELETE FROM refunds WHERE kind = 'chargeback'");
        u.exec("DELETE FROM review_decisions");
    }

    void saysWhyNoModelCanBeTrainedWithoutLabels()
    {
        Harness h;
        h.view.setStorePath(m_unlabelled);
        QTRY_COMPARE_WITH_TIMEOUT(h.missing->count(), 1, 60000);
        auto* message = h.panel->findChild<QLabel*>(QStringLiteral("riskMessage"));
        auto* train = h.panel->findChild<QPushButton*>(QStringLiteral("riskTrainButton"));
        QVERIFY(message && train);
        QVERIFY2(message->text().contains("no fraud labels"), qPrintable(message->text()));
        QVERIFY(!train->isVisible());
        // Nor does the header offer a training or a scoring that cannot work.
        for (auto* b : h.panel->findChildren<QPushButton*>())
            QVERIFY2(!b->isVisible() || !b->isEnabled() || (!b->text().contains("Train") && !b->text().contains("Score")),
                     qPrintable(b->text()));
    }

    void offersTrainingWithoutAModel()
    {
        Harness h;
        h.view.setStorePath(m_store);
        QTRY_COMPARE_WITH_TIMEOUT(h.missing->count(), 1, 60000);
        QVERIFY(!h.panel->hasModel());
        QVERIFY(h.panel->statusText().contains("No fraud model"));
        QVERIFY(h.panel->findChild<QPushButton*>(QStringLiteral("riskTrainButton"))->isVisible());
        // Train from the panel: the model is saved and the queue fills from recent orders.
        h.panel->trainModel();
        QTRY_COMPARE_WITH_TIMEOUT(h.loaded->count(), 1, 120000);
        QTRY_VERIFY_WITH_TIMEOUT(h.queue->count() >= 1, 60000);
        QCOMPARE(h.failed->count(), 0);
        QVERIFY(h.panel->hasModel());
        QVERIFY(h.panel->alertModel()->rowCount() > 5);
        QCOMPARE(count(m_store, "SELECT COUNT(*) FROM models WHERE name = 'risk.fraud'"), 1);
    }

    void reviewByHotkeys()
    {
        Harness h;
        h.panel->setAnalyst("alice");
        h.view.setStorePath(m_store);
        QTRY_VERIFY_WITH_TIMEOUT(h.queue->count() >= 1, 60000);
        QAbstractItemModelTester t1(h.panel->alertModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(h.panel->auditModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(h.panel->linkedModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto* q = h.panel->queueView();
        const int before = h.panel->alertModel()->rowCount();
        QVERIFY(before >= 4);
        // Sorted by score.
        for (int r = 1; r < before; ++r)
            QVERIFY(h.panel->alertModel()->alert(r - 1).score >= h.panel->alertModel()->alert(r).score);
        q->setFocus();
        QCOMPARE(h.panel->currentRow(), 0);
        QTest::keyClick(q, Qt::Key_J);
        QCOMPARE(h.panel->currentRow(), 1);
        QTest::keyClick(q, Qt::Key_K);
        QCOMPARE(h.panel->currentRow(), 0);
        const auto first = h.panel->alertModel()->alert(0).id;
        const auto second = h.panel->alertModel()->alert(1).id;
        const auto third = h.panel->alertModel()->alert(2).id;
        QTest::keyClick(q, Qt::Key_R); // reject the top one; the next moves up
        QCOMPARE(h.panel->alertModel()->rowCount(), before - 1);
        QCOMPARE(h.panel->alertModel()->alert(h.panel->currentRow()).id, second);
        QTest::keyClick(q, Qt::Key_A);
        QTest::keyClick(q, Qt::Key_E);
        QTRY_COMPARE_WITH_TIMEOUT(h.saved->count(), 3, 30000);
        QVERIFY2(h.failed->isEmpty(), qPrintable(h.failed->isEmpty() ? QString() : h.failed->at(0).at(0).toString()));
        QCOMPARE(h.panel->alertModel()->rowCount(), before - 3);
        auto decision = [&](std::int64_t alert) {
            store::ThreadCheckExemption inspect;
            auto db = store::Database::open(m_store.toStdString(), {store::OpenMode::ReadOnly});
            return db.queryText("SELECT decision || '/' || analyst FROM review_decisions WHERE alert_id = " + std::to_string(alert)).value_or("");
        };
        QCOMPARE(decision(first), std::string("reject/alice"));
        QCOMPARE(decision(second), std::string("approve/alice"));
        QCOMPARE(decision(third), std::string("escalate/alice"));
        QCOMPARE(count(m_store, "SELECT COUNT(*) FROM audit_log WHERE action = 'risk.decision' AND actor = 'alice'"), 3);
        QTRY_VERIFY_WITH_TIMEOUT(h.panel->auditModel()->rowCount() >= 3, 30000);

        // Bulk: select two rows, approve both with one key.
        const int left = h.panel->alertModel()->rowCount();
        q->selectionModel()->select(QItemSelection(h.panel->alertModel()->index(0, 0), h.panel->alertModel()->index(1, 0)),
                                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QTest::keyClick(q, Qt::Key_A);
        QCOMPARE(h.panel->alertModel()->rowCount(), left - 2);
        QTRY_COMPARE_WITH_TIMEOUT(h.saved->count(), 4, 30000);
        QCOMPARE(count(m_store, "SELECT COUNT(*) FROM review_decisions"), 5);
    }

    void decisionsPersistAcrossPanels()
    {
        Harness h;
        h.view.setStorePath(m_store);
        QTRY_VERIFY_WITH_TIMEOUT(h.queue->count() >= 1, 60000);
        // The five decided alerts are no longer open.
        QCOMPARE(count(m_store, "SELECT COUNT(*) FROM risk_alerts WHERE status <> 'open'"), 5);
        QCOMPARE(std::int64_t(h.panel->alertModel()->rowCount()), count(m_store, "SELECT COUNT(*) FROM risk_alerts WHERE status = 'open'"));
    }

    void newOrderIsScoredAndQueued()
    {
        Harness h;
        h.view.setStorePath(m_store);
        QTRY_VERIFY_WITH_TIMEOUT(h.queue->count() >= 1, 60000);
        const int before = h.panel->alertModel()->rowCount();
        {
            store::ThreadCheckExemption fixture; // the shop's sync, played by the test
            auto db = store::Database::open(m_store.toStdString());
            const auto id = db.queryInt("SELECT MAX(id) FROM orders").value();
            const auto ts = db.queryInt("SELECT MAX(created_at) FROM orders").value();
            for (int k = 1; k <= 4; ++k) {
                store::Statement s(db, "INSERT INTO orders(id, created_at, updated_at, status, currency, total_minor, payment_method,"
                                       " payment_fingerprint, device_id, ip) VALUES(?,?,?,'processing','GBP',150,'card','cardX','devX','1.2.3.4')");
                s.bind(1, id + k).bind(2, ts + 30 * k).bind(3, ts + 30 * k);
                s.step();
            }
        }
        h.view.notifyDataChanged("orders");
        QTRY_COMPARE_WITH_TIMEOUT(h.scored->count(), 1, 30000);
        QCOMPARE(h.scored->at(0).at(0).toInt(), 4);
        QVERIFY(h.scored->at(0).at(1).toInt() >= 1); // the card test is flagged
        QTRY_VERIFY_WITH_TIMEOUT(h.panel->alertModel()->rowCount() > before, 30000);
    }

    void rulesNeedABacktest()
    {
        Harness h;
        h.view.setStorePath(m_store);
        QTRY_VERIFY_WITH_TIMEOUT(h.queue->count() >= 1, 60000);
        QAbstractItemModelTester t(h.panel->backtestModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!h.panel->saveRulesButton()->isEnabled());
        QSignalSpy backtested(h.panel.get(), &RiskPanel::backtestFinished);
        h.panel->backtestRules();
        QTRY_COMPARE_WITH_TIMEOUT(backtested.count(), 1, 30000);
        QVERIFY(h.panel->backtestModel()->rowCount() >= 5);
        QVERIFY(h.panel->saveRulesButton()->isEnabled());
        h.panel->rulesEditor()->appendPlainText(" ");
        QVERIFY(!h.panel->saveRulesButton()->isEnabled()); // edited since the backtest
        h.panel->backtestRules();
        QTRY_COMPARE_WITH_TIMEOUT(backtested.count(), 2, 30000);
        QSignalSpy saved(h.panel.get(), &RiskPanel::rulesSaved);
        h.panel->saveRules();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 30000);
        QCOMPARE(count(m_store, "SELECT COUNT(*) FROM panel_documents WHERE panel = 'risk' AND kind = 'rules'"), 1);
        // Broken JSON: a clear message, nothing saved.
        h.panel->rulesEditor()->setPlainText("{ broken");
        h.panel->backtestRules();
        QTRY_COMPARE_WITH_TIMEOUT(h.failed->count(), 1, 30000);
        QVERIFY(h.panel->statusText().contains("rules"));
    }

    void badListEntryIsNamedAndNotSaved()
    {
        Harness h;
        h.view.setStorePath(m_store);
        QTRY_VERIFY_WITH_TIMEOUT(h.queue->count() >= 1, 60000);
        const auto savedBefore = count(m_store, "SELECT COUNT(*) FROM audit_log WHERE action = 'risk.rules.save'");
        risk::RuleSet set = risk::RuleSet::defaults();
        set.block = {{"customer", "12abc", "typo"}};
        h.panel->rulesEditor()->setPlainText(QString::fromStdString(set.toJson()));
        h.panel->backtestRules();
        QCOMPARE(h.failed->count(), 1); // refused at once, no job started
        QVERIFY2(h.panel->statusText().contains("block list, entry 1") && h.panel->statusText().contains("12abc"),
                 qPrintable(h.panel->statusText()));
        QVERIFY(!h.panel->saveRulesButton()->isEnabled());
        h.panel->saveRules();
        QCOMPARE(count(m_store, "SELECT COUNT(*) FROM audit_log WHERE action = 'risk.rules.save'"), savedBefore);
    }

    void thresholdView()
    {
        Harness h;
        h.view.setStorePath(m_store);
        QTRY_VERIFY_WITH_TIMEOUT(h.queue->count() >= 1, 60000);
        h.panel->tabs()->setCurrentIndex(1);
        h.panel->thresholdSlider()->setValue(10);
        const QString low = h.panel->thresholdSummary()->text();
        h.panel->thresholdSlider()->setValue(90);
        const QString high = h.panel->thresholdSummary()->text();
        QVERIFY2(low.contains("precision") && low != high, qPrintable(low + " | " + high));
        // The latest orders are said to be maturing, with the store's measured delay.
        const QString note = h.panel->maturityNote()->text();
        QVERIFY2(note.contains("still maturing") && note.contains("chargebacks"), qPrintable(note));
    }

    void screenshots()
    {
        for (const char* lang : {"en", "zh_CN"}) {
            ui::installTranslations(*qApp, lang);
            Harness h;
            h.view.setStorePath(m_store);
            QTRY_VERIFY_WITH_TIMEOUT(h.queue->count() >= 1, 60000);
            QTest::qWait(300);
            saveScreenshot(*h.panel, QString("risk_queue_") + lang);
            h.panel->tabs()->setCurrentIndex(1);
            saveScreenshot(*h.panel, QString("risk_threshold_") + lang);
        }
        ui::installTranslations(*qApp, "en");
    }
};

SHOPPILOT_GUI_TEST_MAIN(TestRiskPanel)
#include "tst_risk_panel.moc"
