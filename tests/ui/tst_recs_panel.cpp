// The Recommendations panel over a tiny demo store with freshly trained models: customer search,
// recommendations with reasons, a live-session click that stores an event and re-ranks, similar
// items, the model comparison, rules saved to the store, retraining with cancel, and models that
// pass QAbstractItemModelTester. Screenshots land in the build tree.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "demo/demo_generator.h"
#include "engine/engine.h"
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

} // namespace

class TestRecsPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        engine::configureThreads(1);
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath("tiny.db");
        auto db = store::Database::open(m_path.toStdString(), {store::OpenMode::CreateIfMissing});
        demo::generateDemoStore(db, {demo::DemoSize::Tiny, 11, makeTimestamp(2026, 11, 1)});
    }

    void withoutModelsThePanelSaysSoAndServesPopular()
    {
        ui::ViewState view;
        ui::JobRunner jobs;
        RecsPanel panel(ui::PanelContext{&view, &jobs});
        QSignalSpy ready(&panel, &RecsPanel::ready);
        view.setStorePath(m_path);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 20000);
        QVERIFY(!panel.hasModel());
        QVERIFY2(panel.hintText().contains("No recommender"), qPrintable(panel.hintText()));
        QVERIFY(panel.customerModel()->rowCount() > 0);
        panel.openCustomer(panel.customerModel()->rows().front().id);
        QCOMPARE(panel.recommendationModel()->rowCount(), 10);
        QVERIFY(panel.recommendationModel()->rows().front().reason != recs::Recommendation::Reason::History);
    }

    void retrainFromThePanelAndCancel()
    {
        ui::ViewState view;
        ui::JobRunner jobs;
        RecsPanel panel(ui::PanelContext{&view, &jobs});
        QSignalSpy ready(&panel, &RecsPanel::ready);
        view.setStorePath(m_path);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 20000);
        // A long run, cancelled at once: the panel is usable again and says so.
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
        // Then a real (tiny) training: the comparison fills in.
        panel.setTrainOptions(tinyTraining());
        panel.retrain();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
        QCOMPARE(finished.back().front().toBool(), true);
        QTRY_VERIFY_WITH_TIMEOUT(panel.hasModel(), 20000);
        QCOMPARE(panel.comparisonModel()->rowCount(), 3);
        QCOMPARE(panel.comparisonChart()->barCount(), 3);
        QAbstractItemModelTester t(panel.comparisonModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void searchRecommendLiveClickReranks()
    {
        ui::ViewState view;
        ui::JobRunner jobs;
        RecsPanel panel(ui::PanelContext{&view, &jobs});
        QSignalSpy ready(&panel, &RecsPanel::ready);
        view.setStorePath(m_path);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 20000);
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
        panel.searchCustomers(QString::number(who));
        QCOMPARE(panel.customerModel()->rows().front().id, who);

        panel.openCustomer(who);
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

        // Live session: clicking products stores events and the list re-ranks at once.
        panel.setLiveSession(true);
        const int timelineBefore = panel.timelineModel()->rowCount();
        const auto before = panel.recommendationModel()->rows();
        QSignalSpy updated(&panel, &RecsPanel::recommendationsUpdated);
        // Click the last recommendation's row in the view, as a user would.
        auto* view10 = panel.recommendationView();
        panel.resize(1400, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QRect cell = view10->visualRect(panel.recommendationModel()->index(9, 0));
        const auto clicked = before.back().product.id;
        QTest::mouseClick(view10->viewport(), Qt::LeftButton, {}, cell.center());
        QVERIFY(updated.count() >= 1);
        QCOMPARE(panel.timelineModel()->rows().front().productId, clicked);
        QVERIFY(panel.timelineModel()->rowCount() >= std::min(timelineBefore + 1, 30));
        for (int k = 0; k < 2; ++k)
            panel.liveClick(clicked);
        const auto after = panel.recommendationModel()->rows();
        int moved = 0;
        for (std::size_t i = 0; i < after.size() && i < before.size(); ++i)
            moved += after[i].product.id != before[i].product.id;
        QVERIFY2(moved > 0, "clicks must re-rank the list");
        QVERIFY(panel.similarModel()->rowCount() > 0);

        // An event arriving from the feed (another connection) refreshes the open customer.
        updated.clear();
        {
            auto db = store::Database::open(m_path.toStdString());
            recs::RecsService other(db);
            other.addEvent(db, who, after.front().product.id, "cart");
        }
        view.notifyDataChanged(QStringLiteral("events"));
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() >= 1, 5000);
        QCOMPARE(panel.timelineModel()->rows().front().type, std::string("cart"));

        QDir().mkpath(SHOPPILOT_SCREENSHOT_DIR);
        QVERIFY(panel.grab().save(QString(SHOPPILOT_SCREENSHOT_DIR) + "/recs_panel.png"));
    }

    void rulesAreSavedAndApplied()
    {
        ui::ViewState view;
        ui::JobRunner jobs;
        RecsPanel panel(ui::PanelContext{&view, &jobs});
        QSignalSpy ready(&panel, &RecsPanel::ready);
        view.setStorePath(m_path);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 20000);
        auto db = store::Database::open(m_path.toStdString());
        recs::RecsRules r;
        r.maxPerCategory = 1;
        recs::saveRules(db, r);
        // A new panel reads the stored rules.
        RecsPanel second(ui::PanelContext{&view, &jobs});
        QSignalSpy ready2(&second, &RecsPanel::ready);
        QTRY_COMPARE_WITH_TIMEOUT(ready2.count(), 1, 20000);
        second.openCustomer(second.customerModel()->rows().front().id);
        std::set<std::int64_t> cats;
        for (const auto& rec : second.recommendationModel()->rows())
            QVERIFY(cats.insert(rec.product.categoryId).second);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_MAIN(TestRecsPanel)
#include "tst_recs_panel.moc"
