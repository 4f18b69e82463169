// The Campaigns panel over a tiny demo store, with the GUI-thread store check on (any store work on
// the GUI thread fails the test): the list holds every campaign with its arms, the start-up job
// fits the planner and backtests the finished campaigns (the same as core's own backtest), a plan
// is forecast with both interval levels and its chart, saving it adds a planned campaign, the
// Qini cut-off saves the top of the planned audience as a segment, a plan without a name is
// refused, CSV/PNG export, and screenshots in both languages.
#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "campaigns/campaign_data.h"
#include "campaigns/campaign_store.h"
#include "campaigns/campaigns_panel.h"
#include "campaigns/planner.h"
#include "demo/demo_generator.h"
#include "engine/engine.h"
#include "shell/i18n.h"
#include "shell/job_runner.h"
#include "shell/store_service.h"
#include "shell/view_state.h"
#include "store/database.h"
#include "ui/gui_test_main.h"
#include "widgets/curve_chart.h"

using namespace shoppilot;
using ui::CampaignsPanel;

namespace {

struct Harness {
    ui::ViewState view;
    ui::JobRunner jobs;
    std::unique_ptr<CampaignsPanel> panel;
    std::unique_ptr<QSignalSpy> failed;
    Harness()
    {
        panel = std::make_unique<CampaignsPanel>(ui::PanelContext{&view, &jobs});
        failed = std::make_unique<QSignalSpy>(panel.get(), &CampaignsPanel::failed);
        panel->resize(1280, 860);
        panel->show();
    }
    ~Harness() { jobs.cancelAll(); }
};

std::int64_t queryInt(const QString& path, const std::string& sql)
{
    store::ThreadCheckExemption inspect;
    auto db = store::Database::open(path.toStdString(), {store::OpenMode::ReadOnly});
    return db.queryInt(sql).value_or(-1);
}

} // namespace

class TestCampaignsPanel : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_store;

    // Opens the store and waits for the models and the forecast of the default plan (the panel
    // opens with one).
    bool open(Harness& h, const QString& path)
    {
        QSignalSpy fitted(h.panel.get(), &CampaignsPanel::modelsFitted);
        QSignalSpy ready(h.panel.get(), &CampaignsPanel::forecastReady);
        h.view.setStorePath(path);
        return QTest::qWaitFor([&] { return fitted.count() == 1 && ready.count() == 1; }, 120000);
    }

    bool forecast(Harness& h)
    {
        QSignalSpy ready(h.panel.get(), &CampaignsPanel::forecastReady);
        h.panel->runForecast();
        return QTest::qWaitFor([&] { return ready.count() == 1; }, 60000);
    }

    void saveScreenshot(QWidget& w, const QString& name)
    {
        QDir().mkpath(SHOPPILOT_SCREENSHOT_DIR);
        QVERIFY(w.grab().save(QString(SHOPPILOT_SCREENSHOT_DIR) + "/" + name + ".png"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("SHOPPILOT_NO_DIALOGS", "1");
        engine::configureThreads(1);
        ui::installTranslations(*qApp, "en");
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath("tiny.db");
        store::ThreadCheckExemption allow; // the fixture, not the panel
        auto db = store::Database::open(m_store.toStdString(), {store::OpenMode::CreateIfMissing});
        demo::generateDemoStore(db, {demo::DemoSize::Tiny, 17, makeTimestamp(2026, 11, 1)});
    }

    void listsCampaignsAndBacktestsThem()
    {
        Harness h;
        QVERIFY(open(h, m_store));
        QCOMPARE(h.failed->count(), 0);
        const auto campaigns = queryInt(m_store, "SELECT COUNT(*) FROM campaigns");
        QCOMPARE(qint64(h.panel->campaignList().size()), campaigns);
        QCOMPARE(qint64(h.panel->campaignTable()->rowCount()), campaigns);
        // The first row's arm sizes are the store's.
        const auto& first = h.panel->campaignList().front();
        QCOMPARE(first.treated, queryInt(m_store, "SELECT COUNT(*) FROM campaign_exposures WHERE arm='treatment' AND campaign_id=" +
                                                      std::to_string(first.id)));
        // The track record is core's backtest (each campaign forecast from earlier ones only).
        std::vector<campaigns::Backtest> expected;
        {
            store::ThreadCheckExemption inspect;
            auto db = store::Database::open(m_store.toStdString(), {store::OpenMode::ReadOnly});
            const auto history = campaigns::loadOrderHistory(db);
            const auto rows = campaigns::buildRows(history, db, campaigns::learnableCampaigns(campaigns::listCampaigns(db),
                                                                                                Timestamp(std::time(nullptr))));
            expected = campaigns::backtestCampaigns(history, rows, {});
        }
        QVERIFY(!expected.empty());
        QCOMPARE(h.panel->backtests().size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(h.panel->backtests()[i].campaign.id, expected[i].campaign.id);
            QCOMPARE(h.panel->backtests()[i].forecast.incrementalSales.mean, expected[i].forecast.incrementalSales.mean);
        }
        QVERIFY(h.panel->trackRecordLabel()->text().contains(QString::number(expected.size())));
        QVERIFY(!h.panel->actualChart()->isEmpty());
        // The backtests are kept with their campaigns ...
        QVERIFY(QTest::qWaitFor([&] {
            return queryInt(m_store, "SELECT COUNT(*) FROM panel_documents WHERE panel='campaigns' AND kind='forecast'") ==
                   qint64(expected.size());
        }, 10000));
        QVERIFY(h.panel->qini().has_value());
        QVERIFY(!h.panel->qiniChart()->isEmpty());
    }

    // A kept forecast is what the track record shows: one made when the campaign was planned wins
    // over a backtest made afterwards.
    void keptForecastsMakeTheTrackRecord()
    {
        const QString path = m_dir.filePath("kept.db");
        QVERIFY(QFile::copy(m_store, path));
        std::int64_t id = 0;
        {
            store::ThreadCheckExemption allow;
            auto db = store::Database::open(path.toStdString(), {store::OpenMode::ReadWrite});
            const auto list = campaigns::listCampaigns(db);
            id = list.back().id; // finished, with earlier campaigns before it
            campaigns::saveForecastDocument(
                db, id,
                R"({"made":"plan","made_at":1,"incremental_conversions":{"mean":12,"sd":3,"df":4},)"
                R"("incremental_sales":{"mean":4321,"sd":100,"df":4}})",
                1);
        }
        Harness h;
        QVERIFY(open(h, path));
        const auto it = h.panel->keptForecasts().find(id);
        QVERIFY(it != h.panel->keptForecasts().end());
        QCOMPARE(it->second.made, std::string("plan"));
        QCOMPARE(it->second.incrementalSales.mean, 4321.0);
        // ... and the stored one was not replaced by the backtest.
        QTest::qWait(300);
        QCOMPARE(queryInt(path, "SELECT COUNT(*) FROM panel_documents WHERE name='" + std::to_string(id) +
                                    "' AND body_json LIKE '%4321%'"),
                 qint64(1));
        bool shown = false;
        for (int r = 0; r < h.panel->campaignTable()->rowCount(); ++r)
            if (h.panel->campaignTable()->item(r, 5)->text().contains(QLocale().toString(4321.0, 'f', 0)))
                shown = true;
        QVERIFY(shown);
    }

    void forecastsAPlanAndSavesIt()
    {
        const QString path = m_dir.filePath("plan.db");
        QVERIFY(QFile::copy(m_store, path));
        Harness h;
        QVERIFY(open(h, path));
        h.panel->startEdit()->setDate(QDate(2026, 11, 10));
        h.panel->endEdit()->setDate(QDate(2026, 11, 19));
        h.panel->channelBox()->setCurrentIndex(h.panel->channelBox()->findData(QStringLiteral("email")));
        h.panel->budgetBox()->setValue(400);
        QVERIFY(forecast(h));
        QCOMPARE(h.failed->count(), 0);
        const auto& f = h.panel->currentForecast();
        QVERIFY(f.has_value());
        QCOMPARE(f->audience, queryInt(path, "SELECT COUNT(*) FROM customers WHERE created_at < " + std::to_string(f->asOf)));
        QCOMPARE(int(f->days.size()), 10);
        QVERIFY(f->incrementalConversions.low(0.95) <= f->incrementalConversions.low(0.8));
        QVERIFY(h.panel->forecastTable()->rowCount() >= 6);
        QVERIFY(!h.panel->planChart()->isEmpty());
        QCOMPARE(h.panel->planChart()->curveCount(), 2);

        // Saving needs a name: refused with a message, nothing written.
        const auto before = queryInt(path, "SELECT COUNT(*) FROM campaigns");
        h.panel->nameEdit()->clear();
        h.panel->savePlan();
        QTest::qWait(200);
        QCOMPARE(queryInt(path, "SELECT COUNT(*) FROM campaigns"), before);
        QVERIFY(!h.panel->statusLabel()->text().isEmpty());
        h.panel->nameEdit()->setText(QStringLiteral("November e-mail"));
        QSignalSpy saved(h.panel.get(), &CampaignsPanel::planSaved);
        h.panel->savePlan();
        QVERIFY(QTest::qWaitFor([&] { return saved.count() == 1; }, 10000));
        QCOMPARE(queryInt(path, "SELECT COUNT(*) FROM campaigns"), before + 1);
        QCOMPARE(queryInt(path, "SELECT COUNT(*) FROM campaigns WHERE status='draft' AND name='November e-mail'"), qint64(1));
        const auto planId = saved.at(0).at(0).toLongLong();
        QCOMPARE(queryInt(path, "SELECT COUNT(*) FROM panel_documents WHERE panel='campaigns' AND kind='forecast' AND name='" +
                                    std::to_string(planId) + "' AND body_json LIKE '%\"made\":\"plan\"%'"),
                 qint64(1));
        QVERIFY(QTest::qWaitFor([&] { return h.panel->campaignTable()->rowCount() == int(before + 1); }, 10000));

        // The cut-off's top customers become a saved audience.
        h.panel->cutoffSlider()->setValue(25);
        const auto targeted = h.panel->targetedCustomers();
        QVERIFY(!targeted.empty());
        QVERIFY(targeted.size() <= std::size_t(f->audience) / 4 + 1);
        h.panel->audienceNameEdit()->setText(QStringLiteral("Top uplift"));
        QSignalSpy audience(h.panel.get(), &CampaignsPanel::audienceSaved);
        h.panel->saveTargetedAudience();
        QVERIFY(QTest::qWaitFor([&] { return audience.count() == 1; }, 10000));
        const auto seg = audience.at(0).at(0).toLongLong();
        QCOMPARE(queryInt(path, "SELECT COUNT(*) FROM segment_members WHERE segment_id=" + std::to_string(seg)),
                 qint64(targeted.size()));
        // It is offered as an audience for the next plan.
        QVERIFY(QTest::qWaitFor([&] { return h.panel->audienceBox()->findData(QVariant::fromValue(qint64(seg))) >= 0; }, 10000));

        // Exports.
        const QString csv = m_dir.filePath("forecast.csv");
        h.panel->exportCsv(csv);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.startsWith(QStringLiteral("quantity,mean,lo80,hi80,lo95,hi95")));
        QVERIFY(text.contains(QStringLiteral("incremental_sales,")));
        const QString png = m_dir.filePath("chart.png");
        h.panel->exportPng(png);
        QVERIFY(QImage(png).width() > 100);
    }

    void storeWithoutCampaignsSaysWhatToDo()
    {
        const QString path = m_dir.filePath("none.db");
        QVERIFY(QFile::copy(m_store, path));
        {
            store::ThreadCheckExemption allow;
            auto db = store::Database::open(path.toStdString(), {store::OpenMode::ReadWrite});
            db.exec("UPDATE orders SET campaign_id = NULL; DELETE FROM campaign_exposures; DELETE FROM campaigns");
        }
        Harness h;
        QSignalSpy loaded(h.panel.get(), &CampaignsPanel::loaded);
        QSignalSpy ready(h.panel.get(), &CampaignsPanel::forecastReady);
        h.view.setStorePath(path);
        QVERIFY(QTest::qWaitFor([&] { return loaded.count() == 1 && ready.count() == 1; }, 60000));
        QVERIFY(!h.panel->modelsReady());
        QCOMPARE(h.panel->campaignTable()->rowCount(), 0);
        // It says why there is no effect forecast and what to do ...
        QVERIFY(h.panel->statusLabel()->text().contains(QStringLiteral("control group")));
        // ... and still shows the baseline the audience would buy anyway, without invented effects.
        const auto& f = h.panel->currentForecast();
        QVERIFY(f.has_value());
        QVERIFY(!f->hasEffect);
        QVERIFY(f->baselineSales.mean > 0);
        QCOMPARE(h.panel->planChart()->curveCount(), 1);
        for (int r = 0; r < h.panel->forecastTable()->rowCount(); ++r)
            QVERIFY(h.panel->forecastTable()->item(r, 0)->text() != QStringLiteral("Incremental sales"));
    }

    void screenshots()
    {
        for (const char* lang : {"en", "zh_CN"}) {
            ui::installTranslations(*qApp, lang);
            Harness h;
            QVERIFY(open(h, m_store));
            h.panel->startEdit()->setDate(QDate(2026, 11, 10));
            h.panel->endEdit()->setDate(QDate(2026, 11, 19));
            QVERIFY(forecast(h));
            const QString suffix = QString::fromLatin1(lang) == QLatin1String("en") ? QString() : QStringLiteral("_zh");
            for (int tab = 0; tab < 3; ++tab) {
                h.panel->tabs()->setCurrentIndex(tab);
                QTest::qWait(50);
                saveScreenshot(*h.panel, QStringLiteral("campaigns_tab%1%2").arg(tab).arg(suffix));
            }
        }
        ui::installTranslations(*qApp, "en");
    }
};

SHOPPILOT_GUI_TEST_MAIN(TestCampaignsPanel)
#include "tst_campaigns_panel.moc"
