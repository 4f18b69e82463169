// The Pricing panel over a tiny demo store: says there is no model and fits it in the background,
// moving the slider changes units/revenue/profit exactly as the fitted model says, the rules
// produce a recommendation, the category batch records pending changes (with the second
// confirmation above the threshold), undo and CSV export work, scenarios compare side by side,
// every item model passes QAbstractItemModelTester, and it renders in English and Chinese.
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QSlider>
#include <QDoubleSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "demo/demo_generator.h"
#include "ui/gui_test_main.h"
#include "pricing/demand_model.h"
#include "pricing/optimizer.h"
#include "pricing/price_book.h"
#include "pricing/price_curve_model.h"
#include "pricing/pricing_panel.h"
#include "shell/i18n.h"
#include "shell/job_runner.h"
#include "shell/view_state.h"
#include "store/database.h"
#include "widgets/curve_chart.h"

using namespace shoppilot;
using ui::PricingPanel;

class TestPricingPanel : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_store;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("SHOPPILOT_NO_DIALOGS", "1");
        ui::installTranslations(*qApp, "en");
        m_store = m_dir.filePath("tiny.db");
        store::ThreadCheckExemption fixture;
        auto db = store::Database::open(m_store.toStdString(), {store::OpenMode::CreateIfMissing});
        demo::generateDemoStore(db, {demo::DemoSize::Tiny, 5, makeTimestamp(2026, 11, 1)});
    }

    void fitsThenMovesTheSlider()
    {
        ui::ViewState view;
        ui::JobRunner jobs;
        PricingPanel panel(ui::PanelContext{&view, &jobs});
        QSignalSpy missing(&panel, &PricingPanel::modelMissing);
        QSignalSpy loaded(&panel, &PricingPanel::modelLoaded);
        panel.resize(1400, 900);
        panel.show();
        view.setStorePath(m_store);
        // No model yet: the panel says so and offers the fit.
        QTRY_COMPARE_WITH_TIMEOUT(missing.count(), 1, 30000);
        QVERIFY(!panel.hasModel());
        panel.refit();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
        QVERIFY(panel.hasModel());
        QVERIFY(panel.currentProduct() != 0);
        {
            store::ThreadCheckExemption inspect;
            auto db = store::Database::open(m_store.toStdString(), {store::OpenMode::ReadOnly});
            QVERIFY(pricing::loadActiveFit(db).has_value()); // persisted for the next opening
        }
        new QAbstractItemModelTester(panel.productModel(), QAbstractItemModelTester::FailureReportingMode::QtTest, &panel);
        new QAbstractItemModelTester(panel.productProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest, &panel);
        new QAbstractItemModelTester(panel.curveModel(), QAbstractItemModelTester::FailureReportingMode::QtTest, &panel);
        QCOMPARE(panel.curveModel()->rowCount(), 121);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.curveChart(0)->isEmpty() && !panel.curveChart(2)->isEmpty(), 5000);

        const auto* p = panel.fit()->find(panel.currentProduct());
        QVERIFY(p && p->hasElasticity());
        const auto sp = panel.simParams();
        // Move the slider: every tick updates the figures, and they are the model's.
        QSlider* slider = panel.priceSlider();
        slider->setValue(200);
        const double lowPrice = panel.shownSimulation().price;
        const double lowUnits = panel.shownSimulation().units;
        QCOMPARE(panel.priceSpin()->value(), std::round(lowPrice * 100) / 100);
        slider->setValue(800);
        const double highPrice = panel.shownSimulation().price;
        const double highUnits = panel.shownSimulation().units;
        QVERIFY(highPrice > lowPrice);
        QVERIFY(highUnits < lowUnits); // demand slopes down
        const double impliedE = std::log(highUnits / lowUnits) / std::log(highPrice / lowPrice);
        QVERIFY(std::abs(impliedE - sp.elasticity) < 1e-9);
        const auto expect = pricing::simulate(sp, highPrice);
        QCOMPARE(panel.shownSimulation().revenue, expect.revenue);
        QVERIFY(panel.unitsLabel()->text().startsWith(QLocale().toString(expect.units, 'f', 1)));
        if (expect.profit)
            QVERIFY(panel.profitLabel()->text().startsWith(QLocale().toString(*expect.profit, 'f', 2)));
        QCOMPARE(panel.curveChart(0)->marker(), highPrice);
        // The spin box drives the same path.
        panel.priceSpin()->setValue(p->price);
        QCOMPARE(panel.shownSimulation().price, p->price);

        // A recommendation with its binding rule.
        QVERIFY(panel.recommendation().has_value());
        QVERIFY(panel.recommendation()->price > 0);

        // Export the curves.
        const QString csv = m_dir.filePath("curves.csv");
        QString error;
        QVERIFY2(panel.exportCurvesCsv(csv, &error), qPrintable(error));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().count('\n'), 122);

        // The scatter arrives from its background read.
        QTRY_VERIFY_WITH_TIMEOUT(panel.scatterChart()->pointCount() > 0, 30000);

        // The three curve charts are built one per event-loop turn; all of them, then the picture.
        QTRY_VERIFY_WITH_TIMEOUT(!panel.chartsPending(), 5000);
        for (int k = 0; k < 3; ++k)
            QVERIFY2(!panel.curveChart(k)->isEmpty(), qPrintable(QString::number(k)));
        QDir().mkpath(SHOPPILOT_SCREENSHOT_DIR);
        panel.grab().save(QStringLiteral(SHOPPILOT_SCREENSHOT_DIR "/pricing_en.png"));
    }

    // A store without unit costs (as an orders-only import): the profit objective says it needs a
    // cost, keeps the price as it is, and offers the revenue objective, which then prices from demand.
    void withoutCostsOffersRevenue()
    {
        const QString copy = m_dir.filePath("nocost.db");
        QVERIFY(QFile::copy(m_store, copy));
        {
            store::ThreadCheckExemption fixture;
            auto db = store::Database::open(copy.toStdString(), {store::OpenMode::ReadWrite});
            db.exec("UPDATE products SET cost_minor = NULL");
        }
        ui::ViewState view;
        ui::JobRunner jobs;
        PricingPanel panel(ui::PanelContext{&view, &jobs});
        QSignalSpy missing(&panel, &PricingPanel::modelMissing);
        QSignalSpy loaded(&panel, &PricingPanel::modelLoaded);
        panel.resize(1400, 900);
        panel.show();
        view.setStorePath(copy);
        // The copy may carry the fit an earlier test saved (with costs): fit again without them.
        QTRY_VERIFY_WITH_TIMEOUT(missing.count() + loaded.count() >= 1, 30000);
        const int before = loaded.count();
        panel.refit();
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > before, 60000);
        const auto* p = panel.fit()->find(panel.currentProduct());
        QVERIFY(p && p->hasElasticity());
        panel.objectiveBox()->setCurrentIndex(int(pricing::Objective::Profit));
        QTRY_VERIFY_WITH_TIMEOUT(panel.recommendation().has_value(), 5000);
        QCOMPARE(panel.recommendation()->binding, pricing::Binding::NoCost);
        QCOMPARE(panel.recommendation()->price, p->price); // kept means kept: no .99 re-ending
        QVERIFY2(panel.explanationLabel()->text().contains(QStringLiteral("href=\"revenue\"")), qPrintable(panel.explanationLabel()->text()));
        Q_EMIT panel.explanationLabel()->linkActivated(QStringLiteral("revenue"));
        QCOMPARE(panel.objectiveBox()->currentIndex(), int(pricing::Objective::Revenue));
        QTRY_VERIFY_WITH_TIMEOUT(panel.recommendation() && panel.recommendation()->binding != pricing::Binding::NoCost, 5000);
    }

    void batchAcceptUndoExport()
    {
        ui::ViewState view;
        ui::JobRunner jobs;
        PricingPanel panel(ui::PanelContext{&view, &jobs});
        QSignalSpy loaded(&panel, &PricingPanel::modelLoaded);
        panel.resize(1400, 900);
        view.setStorePath(m_store); // the model stored by the previous test loads at once
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        new QAbstractItemModelTester(panel.batchModel(), QAbstractItemModelTester::FailureReportingMode::QtTest, &panel);
        new QAbstractItemModelTester(panel.changesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest, &panel);
        new QAbstractItemModelTester(panel.scenarioModel(), QAbstractItemModelTester::FailureReportingMode::QtTest, &panel);

        const auto cat = panel.fit()->find(panel.currentProduct())->categoryId;
        panel.optimiseCategory(cat);
        auto* batch = panel.batchModel();
        QVERIFY(batch->rowCount() > 0);
        QVERIFY(batch->changingRows() > 0);
        batch->setAllAccepted(true);
        QSignalSpy recorded(&panel, &PricingPanel::changesRecorded);
        auto pendingInStore = [this](const char* status) {
            store::ThreadCheckExemption inspect;
            auto db = store::Database::open(m_store.toStdString(), {store::OpenMode::ReadOnly});
            return int(pricing::listChanges(db, status).size());
        };
        // Every change moves the price by more than 0.5%: the second confirmation must fire, and
        // until it is given nothing is recorded.
        panel.confirmThreshold()->setValue(0.5);
        QString message;
        QVERIFY(!panel.acceptBatch(false, &message));
        QVERIFY2(message.contains(QStringLiteral("0.5%")), qPrintable(message));
        QCOMPARE(panel.pendingStoreWork(), 0);
        QCOMPARE(pendingInStore("pending"), 0);
        // Above the largest change no confirmation is asked; the changes are recorded.
        panel.confirmThreshold()->setValue(100);
        QVERIFY(panel.acceptBatch(false, &message));
        QTRY_COMPARE_WITH_TIMEOUT(recorded.count(), 1, 30000);
        const int pending = pendingInStore("pending");
        QCOMPARE(pending, batch->changingRows());
        QCOMPARE(recorded.first().first().toInt(), pending);
        QTRY_COMPARE_WITH_TIMEOUT(panel.changesModel()->rowCount(), pending, 30000);
        {
            store::ThreadCheckExemption inspect;
            auto db = store::Database::open(m_store.toStdString(), {store::OpenMode::ReadOnly});
            QVERIFY(*db.queryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'price.accept'") >= pending);
        }

        panel.show();
        panel.tabs()->setCurrentIndex(1);
        QDir().mkpath(SHOPPILOT_SCREENSHOT_DIR);
        panel.grab().save(QStringLiteral(SHOPPILOT_SCREENSHOT_DIR "/pricing_batch_en.png"));
        // Export the pending prices as a CSV price list (no shop connection in tests).
        const QString list = m_dir.filePath("price_list.csv");
        QSignalSpy exported(&panel, &PricingPanel::pendingExported);
        panel.exportPendingCsv(list);
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 30000);
        QCOMPARE(exported.first().first().toInt(), pending);
        QCOMPARE(pendingInStore("exported"), pending);
        QFile f(list);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().count('\n'), pending + 1);

        // Scenarios: two saved, compared side by side with the current price.
        QSignalSpy compared(&panel, &PricingPanel::scenariosCompared);
        panel.saveScenario(QStringLiteral("Max profit"));
        panel.saveScenario(QStringLiteral("Second"));
        QTRY_COMPARE_WITH_TIMEOUT(compared.count(), 2, 30000);
        QCOMPARE(panel.scenarioModel()->columnCount(), 1 + 2 * 2);
        QCOMPARE(panel.scenarioModel()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("Max profit"));
        panel.tabs()->setCurrentIndex(2);
        panel.grab().save(QStringLiteral(SHOPPILOT_SCREENSHOT_DIR "/pricing_scenarios_en.png"));
    }

    void rendersInChinese()
    {
        ui::ViewState view;
        ui::JobRunner jobs;
        QCOMPARE(ui::installTranslations(*qApp, "zh_CN"), QString("zh_CN"));
        PricingPanel panel(ui::PanelContext{&view, &jobs});
        QSignalSpy loaded(&panel, &PricingPanel::modelLoaded);
        panel.resize(1400, 900);
        panel.show();
        view.setStorePath(m_store);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        QCOMPARE(panel.tabs()->tabText(1), QStringLiteral("品类批量"));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.chartsPending() && panel.scatterChart()->pointCount() > 0, 30000);
        panel.grab().save(QStringLiteral(SHOPPILOT_SCREENSHOT_DIR "/pricing_zh.png"));
        ui::installTranslations(*qApp, "en");
    }
};

SHOPPILOT_GUI_TEST_MAIN(TestPricingPanel)
#include "tst_pricing_panel.moc"
