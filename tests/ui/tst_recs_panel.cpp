// The Recommendations panel over a tiny demo store with freshly trained models: customer search,
// recommendations with reasons, a live-session click that stores an event and re-ranks, similar
// items, the model comparison and the served model's summary, the Rules tab driven as a user
// does (hide a category, cap per category, save, re-open), retraining with cancel, and models
// that pass QAbstractItemModelTester. Runs with the GUI-thread store check on: any store work
// on the GUI thread fails the test. Screenshots land in the build tree.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "demo/demo_generator.h"
#include "engine/engine.h"
#include "gui_test_main.h"
#include "recs/recs_panel.h"
#include "recs/recs_service.h"
#include "recs/recs_table_models.h"
#include "shell/job_runner.h"
#include "shell/view_state.h"
#include "store/database.h"
#include "widgets/chart_view.h"

using namespace shoppilot;
using ui::RecsPanel;

namespace {

recs::StoreTrainOptions tinyTraining()
{
    recs::StoreTrainOptions o;
    o.models = {recs::ModelKind::Pop, recs::ModelKind::ItemKnn, recs::ModelKind::SasRec};
    o.adjust = [](recs::Recipe& r) {
        r.train.dim = 32;
        r.train.maxLen = 20;
        r.train.dropout = 0.2;
        r.train.maxEpochs = 4;
        r.train.lr = 3e-3;
        r.train.batchSize = 64;
        r.train.negatives = 256;
    };
    return o;
}

// A panel over the store, loaded, with the first customer's list on screen.
struct Opened {
    ui::ViewState view;
    ui::JobRunner jobs;
    RecsPanel panel{ui::PanelContext{&view, &jobs}};
};

} // namespace

class TestRecsPanel : public QObject {
    Q_OBJECT

    // Opens the store in `o` and waits until the first customer's recommendations are shown.
    bool openAndWait(Opened& o)
    {
        QSignalSpy ready(&o.panel, &RecsPanel::ready);
        QSignalSpy updated(&o.panel, &RecsPanel::recommendationsUpdated);
        o.view.setStorePath(m_path);
        if (!QTest::qWaitFor([&] { return ready.count() == 1; }, 30000))
            return false;
        return QTest::qWaitFor([&] { return updated.count() >= 1; }, 30000);
    }

    // Starts `action` and waits for `signal` on the panel to fire once more.
    template <typename Signal, typename Action>
    static bool waitFor(RecsPanel& panel, Signal signal, Action action, int timeoutMs = 20000)
    {
        QSignalSpy spy(&panel, signal);
        action();
        return QTest::qWaitFor([&] { return spy.count() >= 1; }, timeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        engine::configureThreads(1);
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath("tiny.db");
        store::ThreadCheckExemption allow; // the fixture, not the panel
        auto db = store::Database::open(m_path.toStdString(), {store::OpenMode::CreateIfMissing});
        demo::generateDemoStore(db, {demo::DemoSize::Tiny, 11, makeTimestamp(2026, 11, 1)});
    }

    void withoutModelsThePanelSaysSoAndServesPopular()
    {
        Opened o;
        QVERIFY(openAndWait(o));
        QVERIFY(!o.panel.hasModel());
        QVERIFY2(o.panel.hintText().contains("No recommender"), qPrintable(o.panel.hintText()));
        QVERIFY(o.panel.customerModel()->rowCount() > 0);
        QVERIFY(waitFor(o.panel, &RecsPanel::recommendationsUpdated,
                        [&] { o.panel.openCustomer(o.panel.customerModel()->rows().front().id); }));
        QCOMPARE(o.panel.recommendationModel()->rowCount(), 10);
        QVERIFY(o.panel.recommendationModel()->rows().front().reason != recs::Recommendation::Reason::History);
        QCOMPARE(o.panel.servedSummary(), QString("No trained models yet"));
    }

    void retrainFromThePanelAndCancel()
    {
        Opened o;
        QVERIFY(openAndWait(o));
        auto& panel = o.panel;
        // A long run, cancelled at once: the panel is usable again, says so, and nothing is saved.
        auto slow = tinyTraining();
        slow.models = {recs::ModelKind::SasRec};
        slow.adjust = [](recs::Recipe& r) {
            r.train.maxEpochs = 500;
            r.train.patience = 500;
        };
        panel.setTrainOptions(slow);
        QSignalSpy finished(&panel, &RecsPanel::trainingFinished);
        panel.retrain();
        QVERIFY(panel.isTraining());
        panel.cancelRetrain();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(finished.front().front().toBool(), false);
        QVERIFY(!panel.isTraining());
        QCOMPARE(panel.comparisonModel()->rowCount(), 0);
        // Then a real (tiny) training: the comparison fills in and names the served model.
        panel.setTrainOptions(tinyTraining());
        panel.retrain();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 120000);
        QCOMPARE(finished.back().front().toBool(), true);
        QTRY_VERIFY_WITH_TIMEOUT(panel.hasModel(), 20000);
        QCOMPARE(panel.comparisonModel()->rowCount(), 3);
        QCOMPARE(panel.comparisonChart()->barCount(), 3);
        QAbstractItemModelTester t(panel.comparisonModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);

        // The Models tab: which model, chosen on validation by what, the test figure, the refit.
        const int served = panel.comparisonModel()->servedRow();
        QVERIFY(served >= 0);
        const auto& m = panel.comparisonModel()->rows()[std::size_t(served)];
        QVERIFY(m.served && m.refitOnAllEvents);
        for (const auto& r : panel.comparisonModel()->rows())
            QVERIFY(m.validation.at("NDCG@10") >= r.validation.at("NDCG@10"));
        const QString summary = panel.servedSummary();
        const QString title = ui::ModelComparisonModel::modelTitle(m.model);
        QVERIFY2(summary.contains("Serving " + title), qPrintable(summary));
        QVERIFY2(summary.contains("chosen on validation NDCG@10"), qPrintable(summary));
        QVERIFY2(summary.contains(QLocale().toString(m.validation.at("NDCG@10"), 'f', 4)), qPrintable(summary));
        QVERIFY2(summary.contains("HR@10 " + QLocale().toString(m.full.at("HR@10"), 'f', 4)), qPrintable(summary));
        QVERIFY2(summary.contains("Refit on all events at"), qPrintable(summary));
        const QString cell = panel.comparisonModel()
                                 ->data(panel.comparisonModel()->index(served, ui::ModelComparisonModel::ModelColumn))
                                 .toString();
        QVERIFY2(cell.contains("served"), qPrintable(cell));
    }

    void searchRecommendLiveClickReranks()
    {
        Opened o;
        QVERIFY(openAndWait(o));
        auto& panel = o.panel;
        QVERIFY(panel.hasModel());
        QVERIFY(panel.hintText().isEmpty());

        QAbstractItemModelTester t1(panel.customerModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(panel.timelineModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(panel.recommendationModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t4(panel.similarModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);

        // Search by id finds exactly that customer first.
        const auto all = panel.customerModel()->rows();
        std::int64_t who = 0;
        for (const auto& c : all)
            if (c.events >= 5)
                who = c.id;
        QVERIFY(who != 0);
        QVERIFY(waitFor(panel, &RecsPanel::customersUpdated, [&] { panel.searchCustomers(QString::number(who)); }));
        QVERIFY(panel.customerModel()->rowCount() > 0);
        QCOMPARE(panel.customerModel()->rows().front().id, who);
        // Two searches in a row: only the latest one's answer is kept.
        QVERIFY(waitFor(panel, &RecsPanel::customersUpdated, [&] {
            panel.searchCustomers(QStringLiteral("no customer is called this"));
            panel.searchCustomers(QString::number(who));
        }));
        QTest::qWait(200);
        QVERIFY(panel.customerModel()->rowCount() > 0);
        QCOMPARE(panel.customerModel()->rows().front().id, who);

        QVERIFY(waitFor(panel, &RecsPanel::recommendationsUpdated, [&] { panel.openCustomer(who); }));
        QCOMPARE(panel.recommendationModel()->rowCount(), 10);
        QVERIFY(panel.timelineModel()->rowCount() > 0);
        const auto& first = panel.recommendationModel()->rows().front();
        QCOMPARE(first.reason, recs::Recommendation::Reason::History);
        const QString reason = panel.recommendationModel()->data(
            panel.recommendationModel()->index(0, ui::RecommendationModel::ReasonColumn)).toString();
        QVERIFY2(!reason.isEmpty(), "every recommendation has a reason");
        const QString price = panel.recommendationModel()->data(
            panel.recommendationModel()->index(0, ui::RecommendationModel::PriceColumn)).toString();
        QVERIFY(!price.isEmpty());
        QVERIFY(panel.similarModel()->rowCount() > 0);

        // Live session: clicking products stores events and the list re-ranks.
        panel.setLiveSession(true);
        const int timelineBefore = panel.timelineModel()->rowCount();
        const auto before = panel.recommendationModel()->rows();
        auto* view10 = panel.recommendationView();
        panel.resize(1400, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        // Click the last recommendation's row in the view, as a user would.
        const QRect cell = view10->visualRect(panel.recommendationModel()->index(9, 0));
        const auto clicked = before.back().product.id;
        QVERIFY(waitFor(panel, &RecsPanel::recommendationsUpdated,
                        [&] { QTest::mouseClick(view10->viewport(), Qt::LeftButton, {}, cell.center()); }));
        QVERIFY(panel.timelineModel()->rowCount() > 0);
        QCOMPARE(panel.timelineModel()->rows().front().productId, clicked);
        QVERIFY(panel.timelineModel()->rowCount() >= std::min(timelineBefore + 1, 30));
        for (int k = 0; k < 2; ++k)
            QVERIFY(waitFor(panel, &RecsPanel::recommendationsUpdated, [&] { panel.liveClick(clicked); }));
        const auto after = panel.recommendationModel()->rows();
        QCOMPARE(int(after.size()), 10);
        int moved = 0;
        for (std::size_t i = 0; i < after.size() && i < before.size(); ++i)
            moved += after[i].product.id != before[i].product.id;
        QVERIFY2(moved > 0, "clicks must re-rank the list");
        QTRY_VERIFY(panel.similarModel()->rowCount() > 0);

        // An event arriving from the feed (another connection) refreshes the open customer.
        {
            store::ThreadCheckExemption allow; // the test plays another process
            auto db = store::Database::open(m_path.toStdString());
            recs::RecsService other(db);
            other.addEvent(db, who, after.front().product.id, "cart");
        }
        QVERIFY(waitFor(panel, &RecsPanel::recommendationsUpdated,
                        [&] { o.view.notifyDataChanged(QStringLiteral("events")); }, 5000));
        QVERIFY(panel.timelineModel()->rowCount() > 0);
        QCOMPARE(panel.timelineModel()->rows().front().type, std::string("cart"));

        QDir().mkpath(SHOPPILOT_SCREENSHOT_DIR);
        QVERIFY(panel.grab().save(QString(SHOPPILOT_SCREENSHOT_DIR) + "/recs_panel.png"));
    }

    void rulesTabHidesACategoryCapsAndPersists()
    {
        Opened o;
        QVERIFY(openAndWait(o));
        auto& panel = o.panel;
        QVERIFY(panel.hasModel());
        auto* boosts = panel.findChild<QTableWidget*>(QStringLiteral("recsBoosts"));
        auto* perCategory = panel.findChild<QSpinBox*>(QStringLiteral("recsMaxPerCategory"));
        auto* save = panel.findChild<QPushButton*>(QStringLiteral("recsSaveRules"));
        auto* tabs = panel.findChild<QTabWidget*>(QStringLiteral("recsTabs"));
        QVERIFY(boosts && perCategory && save && tabs);
        tabs->setCurrentIndex(1);
        QVERIFY(boosts->rowCount() > 0);

        const std::int64_t who = *panel.currentCustomer();
        const auto before = panel.recommendationModel()->rows();
        QCOMPARE(int(before.size()), 10);
        // Hide the category of today's top pick: factor 0 in its row, as a user types it.
        const std::int64_t hidden = before.front().product.categoryId;
        int row = -1;
        for (int r = 0; r < boosts->rowCount(); ++r)
            if (boosts->item(r, 0)->data(Qt::UserRole).toLongLong() == hidden)
                row = r;
        QVERIFY(row >= 0);
        boosts->item(row, 1)->setData(Qt::EditRole, 0.0);
        perCategory->setValue(1);
        QSignalSpy saved(&panel, &RecsPanel::rulesSaved);
        QVERIFY(waitFor(panel, &RecsPanel::recommendationsUpdated,
                        [&] { QTest::mouseClick(save, Qt::LeftButton); }));
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.front().front().toBool(), true);
        QCOMPARE(*panel.currentCustomer(), who);
        const auto after = panel.recommendationModel()->rows();
        QVERIFY2(!after.empty(), "hiding one category must leave recommendations from the others");
        std::set<std::int64_t> cats;
        for (const auto& rec : after) {
            QVERIFY2(rec.product.categoryId != hidden, rec.product.title.c_str());
            QVERIFY2(cats.insert(rec.product.categoryId).second, "at most one product per category");
        }

        // A new panel over the same store reads the saved rules: editor and list.
        Opened again;
        QVERIFY(openAndWait(again));
        auto* boosts2 = again.panel.findChild<QTableWidget*>(QStringLiteral("recsBoosts"));
        auto* perCategory2 = again.panel.findChild<QSpinBox*>(QStringLiteral("recsMaxPerCategory"));
        QCOMPARE(perCategory2->value(), 1);
        bool found = false;
        for (int r = 0; r < boosts2->rowCount(); ++r)
            if (boosts2->item(r, 0)->data(Qt::UserRole).toLongLong() == hidden) {
                found = true;
                QCOMPARE(boosts2->item(r, 1)->data(Qt::EditRole).toDouble(), 0.0);
            }
        QVERIFY(found);
        QVERIFY(waitFor(again.panel, &RecsPanel::recommendationsUpdated, [&] { again.panel.openCustomer(who); }));
        const auto reopened = again.panel.recommendationModel()->rows();
        QVERIFY(!reopened.empty());
        for (const auto& rec : reopened)
            QVERIFY(rec.product.categoryId != hidden);

        // A bad factor is refused with the row named, and nothing is saved.
        boosts2->item(0, 1)->setData(Qt::EditRole, QStringLiteral("lots"));
        QSignalSpy saved2(&again.panel, &RecsPanel::rulesSaved);
        QTest::mouseClick(again.panel.findChild<QPushButton*>(QStringLiteral("recsSaveRules")), Qt::LeftButton);
        QTest::qWait(100);
        QCOMPARE(saved2.count(), 0);
        QVERIFY(again.panel.findChild<QLabel*>(QStringLiteral("recsRulesStatus"))->text().contains("Row 1"));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

SHOPPILOT_GUI_TEST_MAIN(TestRecsPanel)
#include "tst_recs_panel.moc"
