// The Overview panel over a tiny demo store: its figures equal KpiService's for the same filter,
// drill-down and the breadcrumb edit the shared filter, models pass QAbstractItemModelTester,
// exports produce valid PNG/CSV/PDF, a cancelled or superseded refresh is dropped, and it renders
// in English and Chinese (screenshots in the build tree).
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTableView>
#include <QThreadPool>
#include <QToolButton>
#include <QtTest>

#include "ui/gui_test_main.h"

#include "common/csv.h"
#include "common/money.h"
#include "demo/demo_generator.h"
#include "kpi/kpi.h"
#include "overview/breakdown_model.h"
#include "overview/overview_format.h"
#include "overview/overview_panel.h"
#include "overview/overview_source.h"
#include "overview/report_writer.h"
#include "overview/series_model.h"
#include "shell/i18n.h"
#include "shell/job_runner.h"
#include "shell/view_state.h"
#include "store/database.h"
#include "sync/online_retail_import.h"
#include "widgets/breadcrumb_bar.h"
#include "widgets/chart_view.h"
#include "widgets/date_range_bar.h"
#include "widgets/kpi_card.h"

using namespace shoppilot;
using ui::OverviewPanel;

namespace {

// A panel with its own ViewState and JobRunner, as the shell would give it.
struct Harness {
    ui::ViewState view;
    ui::JobRunner jobs;
    std::unique_ptr<OverviewPanel> panel;
    std::unique_ptr<QSignalSpy> refreshed;
    std::unique_ptr<QSignalSpy> cancelled;
    std::unique_ptr<QSignalSpy> failed;

    Harness()
    {
        panel = std::make_unique<OverviewPanel>(ui::PanelContext{&view, &jobs});
        refreshed = std::make_unique<QSignalSpy>(panel.get(), &OverviewPanel::refreshed);
        cancelled = std::make_unique<QSignalSpy>(panel.get(), &OverviewPanel::refreshCancelled);
        failed = std::make_unique<QSignalSpy>(panel.get(), &OverviewPanel::refreshFailed);
        panel->resize(1280, 800);
        panel->show();
    }
};

// Occupies every worker of the global pool, so jobs queue up until release().
class PoolBlocker {
public:
    PoolBlocker()
    {
        m_count = QThreadPool::globalInstance()->maxThreadCount();
        for (int i = 0; i < m_count; ++i)
            QThreadPool::globalInstance()->start([this] {
                m_started.release();
                m_gate.acquire();
            });
        m_started.acquire(m_count);
    }
    ~PoolBlocker() { release(); }
    void release()
    {
        if (m_count > 0)
            m_gate.release(m_count);
        m_count = 0;
    }

private:
    int m_count = 0;
    QSemaphore m_started;
    QSemaphore m_gate;
};

// How QPdfWriter writes a text string: UTF-16BE with ( ) \\ escaped byte by byte.
QByteArray pdfString(const QString& s)
{
    QByteArray out;
    for (QChar c : s) {
        for (char b : {char(c.unicode() >> 8), char(c.unicode() & 0xff)}) {
            if (b == '(' || b == ')' || b == '\\')
                out.append('\\');
            out.append(b);
        }
    }
    return out;
}

} // namespace

class TestOverviewPanel : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_store;
    QString m_retail;
    kpi::DataRange m_range;

    // The reference: KpiService on its own connection, for the filter the panel shows.
    struct Expected {
        kpi::KpiComparison kpis;
        std::vector<kpi::SeriesPoint> series;
        std::array<std::vector<kpi::BreakdownRow>, 3> breakdowns;
    };
    Expected expected(const ui::ViewFilter& f, const QString& path = {})
    {
        store::ThreadCheckExemption inspect;
        auto db = store::Database::open((path.isEmpty() ? m_store : path).toStdString(), {store::OpenMode::ReadOnly});
        kpi::KpiService service(db);
        const kpi::Filter k = OverviewPanel::toKpiFilter(f);
        Expected e;
        e.kpis = service.kpis(k);
        e.series = service.series(k, OverviewPanel::toGranularity(f.grain));
        for (std::size_t i = 0; i < ui::kDimensions.size(); ++i)
            e.breakdowns[i] = service.breakdown(k, ui::kDimensions[i], 10);
        return e;
    }

    void verifyShowsFilter(Harness& h, const QString& path = {})
    {
        const auto& data = h.panel->shownData();
        QVERIFY(data.has_value());
        QCOMPARE(h.panel->shownFilter(), h.view.filter());
        const Expected e = expected(h.view.filter(), path);
        QVERIFY(data->kpis == e.kpis);
        QVERIFY(data->series == e.series);
        for (std::size_t i = 0; i < 3; ++i)
            QVERIFY(data->breakdowns[i] == e.breakdowns[i]);
        // What the cards say is what KpiService says, formatted for the locale.
        const QString ccy = QString::fromStdString(data->currency);
        QCOMPARE(h.panel->card(OverviewPanel::Card::Orders)->valueText(), ui::fmt::count(e.kpis.current.orders));
        QCOMPARE(h.panel->card(OverviewPanel::Card::Gmv)->valueText(),
                 ui::fmt::moneyShort(double(e.kpis.current.gmvMinor), ccy));
        QCOMPARE(h.panel->card(OverviewPanel::Card::Aov)->valueText(), ui::fmt::money(e.kpis.current.aovMinor, ccy));
        QCOMPARE(h.panel->card(OverviewPanel::Card::RepeatRate)->valueText(), ui::fmt::percent(e.kpis.current.repeatRate));
        QCOMPARE(h.panel->card(OverviewPanel::Card::RefundRate)->valueText(), ui::fmt::percent(e.kpis.current.refundRate));
        if (e.kpis.current.hasTraffic())
            QCOMPARE(h.panel->card(OverviewPanel::Card::Conversion)->valueText(),
                     ui::fmt::percent(e.kpis.current.conversionRate));
        // The models and charts hold the same rows.
        QCOMPARE(h.panel->seriesModel()->rowCount(), int(e.series.size()));
        for (kpi::Dimension d : ui::kDimensions) {
            QCOMPARE(h.panel->breakdownModel(d)->rowCount(), int(e.breakdowns[std::size_t(d)].size()));
            QCOMPARE(h.panel->breakdownChart(d)->barCount(), int(e.breakdowns[std::size_t(d)].size()));
        }
    }

    void openStore(Harness& h, const QString& path = {})
    {
        const int before = int(h.refreshed->count());
        h.view.setStorePath(path.isEmpty() ? m_store : path);
        QTRY_VERIFY_WITH_TIMEOUT(h.refreshed->count() > before, 60000);
        QVERIFY(!h.panel->isLoading());
    }

    void saveScreenshot(QWidget& w, const QString& name)
    {
        QDir().mkpath(SHOPPILOT_SCREENSHOT_DIR);
        const QString path = QString(SHOPPILOT_SCREENSHOT_DIR) + "/" + name + ".png";
        QVERIFY(w.grab().save(path));
        QVERIFY(QFileInfo(path).size() > 10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("SHOPPILOT_NO_DIALOGS", "1");
        ui::installTranslations(*qApp, "en");
        m_store = m_dir.filePath("tiny.db");
        store::ThreadCheckExemption fixture;
        {
            auto db = store::Database::open(m_store.toStdString(), {store::OpenMode::CreateIfMissing});
            demo::generateDemoStore(db, {demo::DemoSize::Tiny, 3}, {});
        }
        {
            auto db = store::Database::open(m_store.toStdString(), {store::OpenMode::ReadOnly});
            kpi::KpiService service(db);
            m_range = service.dataRange();
        }
        QVERIFY(m_range.last.has_value());
        // An Online Retail import: sales in 2010-11 without a clickstream.
        m_retail = m_dir.filePath("retail.db");
        auto db = store::Database::open(m_retail.toStdString(), {store::OpenMode::CreateIfMissing});
        const auto report = sync::importOnlineRetail(db, SHOPPILOT_TEST_DATA_DIR "/online_retail/online_retail_small.csv");
        QVERIFY(report.currency == "GBP");
    }

    void presetsCountBackFromTheDataNotToday()
    {
        using P = ui::DateRangeBar::Preset;
        const QDate first(2025, 11, 1), last(2026, 10, 31);
        auto r = [&](P p) { return ui::DateRangeBar::presetRange(p, first, last); };
        QCOMPARE(r(P::Last7Days), std::make_pair(QDate(2026, 10, 25), last));
        QCOMPARE(r(P::Last30Days), std::make_pair(QDate(2026, 10, 2), last));
        QCOMPARE(r(P::Last90Days), std::make_pair(QDate(2026, 8, 3), last));
        QCOMPARE(r(P::ThisMonth), std::make_pair(QDate(2026, 10, 1), last));
        QCOMPARE(r(P::ThisQuarter), std::make_pair(QDate(2026, 10, 1), last));
        QCOMPARE(r(P::ThisYear), std::make_pair(QDate(2026, 1, 1), last));
        QCOMPARE(r(P::AllData), std::make_pair(first, last));
        // Online Retail ends on 2011-12-09; its year is clipped to the first day of data.
        QCOMPARE(ui::DateRangeBar::presetRange(P::ThisYear, QDate(2010, 12, 1), QDate(2011, 12, 9)).first, QDate(2011, 1, 1));
        QCOMPARE(ui::DateRangeBar::presetRange(P::Last90Days, QDate(2011, 11, 1), QDate(2011, 12, 9)).first, QDate(2011, 11, 1));
        QVERIFY(!r(P::Custom).first.isValid());
    }

    void showsHintWithoutStore()
    {
        Harness h;
        QVERIFY(h.panel->findChild<QLabel*>("overviewHint")->isVisible());
        QVERIFY(!h.panel->shownData());
    }

    void modelsPassModelTester()
    {
        const ui::ViewFilter f{QDate(2026, 10, 2), QDate(2026, 10, 31), ui::TimeGrain::Day, {}};
        const Expected e = expected(f);
        ui::SeriesModel series;
        QAbstractItemModelTester t1(&series, QAbstractItemModelTester::FailureReportingMode::QtTest);
        series.setSeries(e.series, kpi::Granularity::Day, "GBP");
        QCOMPARE(series.rowCount(), 30);
        QCOMPARE(series.data(series.index(0, ui::SeriesModel::PeriodColumn), Qt::UserRole).toDate(), QDate(2026, 10, 2));
        QCOMPARE(series.data(series.index(0, ui::SeriesModel::OrdersColumn), Qt::UserRole).toLongLong(),
                 qlonglong(e.series[0].orders));
        series.clear();
        QCOMPARE(series.rowCount(), 0);
        for (kpi::Dimension d : ui::kDimensions) {
            ui::BreakdownModel m(d);
            QAbstractItemModelTester t2(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
            m.setRows(e.breakdowns[std::size_t(d)], "GBP");
            QVERIFY(m.rowCount() > 0);
            QCOMPARE(m.data(m.index(0, ui::BreakdownModel::GmvColumn), Qt::UserRole).toLongLong(),
                     qlonglong(e.breakdowns[std::size_t(d)][0].gmvMinor));
            m.clear();
        }
        // The panel's own models, through a whole refresh cycle (resets while live).
        Harness h;
        QAbstractItemModelTester t3(h.panel->seriesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
        for (kpi::Dimension d : ui::kDimensions)
            testers.push_back(std::make_unique<QAbstractItemModelTester>(
                h.panel->breakdownModel(d), QAbstractItemModelTester::FailureReportingMode::QtTest));
        testers.push_back(std::make_unique<QAbstractItemModelTester>(
            h.panel->breakdownTable()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest));
        openStore(h);
        h.panel->setTableDimension(kpi::Dimension::Country);
        h.view.setGrain(ui::TimeGrain::Week);
        QTRY_COMPARE_WITH_TIMEOUT(h.refreshed->count(), 2, 30000);
    }

    // The first figures on a new store come from SQL while the cube builds; they are the cube's
    // figures, and a range longer than the SQL-first limit waits for the cube.
    void sqlFirstLoadEqualsTheCube()
    {
        store::ThreadCheckExemption worker; // OverviewSource runs on a job thread in the app
        ui::OverviewQuery q;
        q.storePath = m_store;
        q.storeGeneration = 7;
        q.filter.to = *m_range.last + 1;
        q.filter.from = q.filter.to - 30 * kSecondsPerDay;
        ui::OverviewSource first;
        const ui::OverviewData a = first.load(q, {});
        qputenv("SHOPPILOT_OVERVIEW_CUBE_FIRST", "1");
        ui::OverviewSource cubeFirst;
        const ui::OverviewData b = cubeFirst.load(q, {});
        qunsetenv("SHOPPILOT_OVERVIEW_CUBE_FIRST");
        QVERIFY(cubeFirst.lastLoadUsedCube());
        QVERIFY(a.kpis == b.kpis);
        QVERIFY(a.series == b.series);
        for (std::size_t d = 0; d < a.breakdowns.size(); ++d) {
            QCOMPARE(a.breakdowns[d].size(), b.breakdowns[d].size());
            for (std::size_t i = 0; i < a.breakdowns[d].size(); ++i) {
                QCOMPARE(a.breakdowns[d][i].key, b.breakdowns[d][i].key);
                QCOMPARE(a.breakdowns[d][i].gmvMinor, b.breakdowns[d][i].gmvMinor);
                QCOMPARE(a.breakdowns[d][i].orders, b.breakdowns[d][i].orders);
            }
        }
        q.filter.from = *m_range.first;
        first.load(q, {});
        QVERIFY(first.lastLoadUsedCube());
    }

    void cardsEqualKpiServiceForLast30Days()
    {
        Harness h;
        openStore(h);
        // On a new store the range resets to the last 30 days of DATA.
        const QDate last = ui::fmt::utcDate(*m_range.last);
        QCOMPARE(h.view.filter().to, last);
        QCOMPARE(h.view.filter().from, last.addDays(-29));
        QCOMPARE(h.panel->dateRangeBar()->preset(), ui::DateRangeBar::Preset::Last30Days);
        // The filter handed to core is [from 00:00 UTC, to + 1 day 00:00 UTC).
        const kpi::Filter k = OverviewPanel::toKpiFilter(h.view.filter());
        QCOMPARE(k.from, makeTimestamp(last.addDays(-29).year(), last.addDays(-29).month(), last.addDays(-29).day()));
        QCOMPARE(k.to - k.from, 30 * kSecondsPerDay);
        verifyShowsFilter(h);
        QVERIFY(h.panel->shownData()->kpis.current.orders > 0);
        // Deltas: "+x.x% vs previous period" with the previous value in the tooltip.
        auto* gmv = h.panel->card(OverviewPanel::Card::Gmv);
        QVERIFY2(gmv->deltaText().contains("vs previous period"), qPrintable(gmv->deltaText()));
        const auto rel = h.panel->shownData()->kpis.relativeDelta(kpi::Metric::Gmv);
        QVERIFY(rel.has_value());
        QVERIFY(gmv->deltaText().contains(QLocale().toString(std::abs(*rel) * 100, 'f', 1)));
        QCOMPARE(gmv->trend(), *rel > 0.0005 ? 1 : *rel < -0.0005 ? -1 : gmv->trend());
        // The last 30 days' refunds are still arriving: the refund card says so, with the share
        // that has likely arrived, instead of a falling "vs previous period".
        const auto& delay = h.panel->shownData()->refundDelay;
        QVERIFY2(delay.measured(), qPrintable(QString::number(delay.samples)));
        QVERIFY(h.panel->shownData()->refundMaturity.maturing);
        auto* refund = h.panel->card(OverviewPanel::Card::RefundRate);
        QVERIFY2(refund->deltaText().contains("still maturing"), qPrintable(refund->deltaText()));
        QVERIFY(refund->deltaText().contains(ui::fmt::percent(h.panel->shownData()->refundMaturity.arrivedShare, 0)));
        QCOMPARE(refund->trend(), 0);
        QVERIFY(!h.panel->card(OverviewPanel::Card::Gmv)->deltaText().contains("maturing"));

        // Granularity and presets go through the shared filter.
        h.view.setGrain(ui::TimeGrain::Week);
        QTRY_COMPARE_WITH_TIMEOUT(h.refreshed->count(), 2, 30000);
        verifyShowsFilter(h);
        QCOMPARE(h.panel->shownData()->grain, kpi::Granularity::Week);
        h.panel->dateRangeBar()->choosePreset(ui::DateRangeBar::Preset::AllData);
        QTRY_COMPARE_WITH_TIMEOUT(h.refreshed->count(), 3, 30000);
        QCOMPARE(h.view.filter().from, ui::fmt::utcDate(*m_range.first));
        verifyShowsFilter(h);
    }

    void drillDownPropagatesAndBreadcrumbGoesBack()
    {
        Harness h;
        openStore(h);
        const auto unfiltered = *h.panel->shownData();
        QVERIFY(QTest::qWaitForWindowExposed(h.panel.get()));

        // A real click on the top bar of the country chart.
        ui::ChartView* countries = h.panel->breakdownChart(kpi::Dimension::Country);
        auto* model = h.panel->breakdownModel(kpi::Dimension::Country);
        QVERIFY(model->rowCount() > 0);
        const QString key = model->key(0);
        const QString label = model->label(0);
        const QPoint bar = countries->barCenter(0);
        QVERIFY(!bar.isNull());
        QTest::mouseClick(countries->viewport(), Qt::LeftButton, {}, bar);
        QCOMPARE(h.view.filter().drill.size(), 1);
        QCOMPARE(h.view.filter().drill[0], (ui::DrillStep{"country", key, label}));
        QTRY_COMPARE_WITH_TIMEOUT(h.refreshed->count(), 2, 30000);
        QCOMPARE(h.panel->shownData()->filter.country, std::optional<std::string>(key.toStdString()));
        verifyShowsFilter(h);
        QVERIFY(h.panel->shownData()->kpis.current.gmvMinor < unfiltered.kpis.current.gmvMinor);
        QCOMPARE(h.panel->breadcrumbBar()->crumbs(), (QStringList{"All data", "Country: " + label}));

        // Then into a category, through the panel's API.
        auto* categories = h.panel->breakdownModel(kpi::Dimension::Category);
        int row = 0;
        while (row < categories->rowCount() && !categories->isDrillable(row))
            ++row;
        QVERIFY(row < categories->rowCount());
        const QString catKey = categories->key(row);
        QVERIFY(h.panel->drillInto(kpi::Dimension::Category, row));
        QTRY_COMPARE_WITH_TIMEOUT(h.refreshed->count(), 3, 30000);
        QCOMPARE(h.panel->shownData()->filter.categoryId, std::optional<std::int64_t>(catKey.toLongLong()));
        QCOMPARE(h.panel->shownData()->filter.country, std::optional<std::string>(key.toStdString()));
        verifyShowsFilter(h);
        QCOMPARE(h.panel->breadcrumbBar()->crumbs().size(), 3);
        QVERIFY(h.panel->filterLines().join('\n').contains("Drill-down: Country: " + label + " › Category: "));

        // "Other" folds many values: not drillable.
        for (kpi::Dimension d : ui::kDimensions) {
            auto* m = h.panel->breakdownModel(d);
            for (int r = 0; r < m->rowCount(); ++r)
                if (m->key(r) == kpi::kOtherKey) {
                    QVERIFY(!h.panel->drillInto(d, r));
                    QCOMPARE(h.view.filter().drill.size(), 2);
                }
        }

        // Breadcrumb: back one step, then to the root (by clicking the root crumb).
        h.panel->breadcrumbBar()->activate(1);
        QCOMPARE(h.view.filter().drill.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(h.refreshed->count(), 4, 30000);
        verifyShowsFilter(h);
        auto* root = h.panel->breadcrumbBar()->findChild<QToolButton*>("crumb0");
        QVERIFY(root);
        QTest::mouseClick(root, Qt::LeftButton);
        QVERIFY(h.view.filter().drill.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(h.refreshed->count(), 5, 30000);
        QVERIFY(h.panel->shownData()->kpis == unfiltered.kpis);
        QCOMPARE(h.panel->breadcrumbBar()->crumbs(), QStringList{"All data"});
        // And the undo stack brings the drill-down back.
        h.view.undoStack()->undo();
        QCOMPARE(h.view.filter().drill.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(h.refreshed->count(), 6, 30000);
        verifyShowsFilter(h);
    }

    // A saved segment filters every figure (the marketer's "how are my champions doing"): chosen
    // in the segment box, it is a step of the shared filter (breadcrumb, undo, PDF filters).
    void savedSegmentFiltersEverything()
    {
        auto addSegment = [this](const char* name, const char* where) {
            store::ThreadCheckExemption fixture;
            auto db = store::Database::open(m_store.toStdString(), {store::OpenMode::ReadWrite});
            db.exec(std::string("INSERT INTO segments(name, definition_json, created_at, updated_at) VALUES('") + name
                    + "', '{}', 0, 0)");
            const auto id = db.lastInsertRowId();
            db.exec("INSERT INTO segment_members(segment_id, customer_id) SELECT " + std::to_string(id)
                    + ", id FROM customers WHERE " + where);
            return id;
        };
        const auto evens = addSegment("Even ids", "id % 2 = 0");
        Harness h;
        openStore(h);
        const auto unfiltered = *h.panel->shownData();
        QComboBox* box = h.panel->segmentBox();
        QTRY_COMPARE_WITH_TIMEOUT(box->count(), 2, 30000);
        QCOMPARE(box->itemText(0), QString("All customers"));
        QVERIFY2(box->itemText(1).startsWith("Even ids ("), qPrintable(box->itemText(1)));

        box->setCurrentIndex(1);
        Q_EMIT box->activated(1);
        QCOMPARE(h.view.filter().drill, (QVector<ui::DrillStep>{{"segment", QString::number(evens), "Even ids"}}));
        QTRY_COMPARE_WITH_TIMEOUT(h.refreshed->count(), 2, 30000);
        QCOMPARE(h.panel->shownData()->filter.segmentId, std::optional<std::int64_t>(evens));
        verifyShowsFilter(h);
        const auto& seg = h.panel->shownData()->kpis.current;
        QVERIFY(seg.orders > 0 && seg.orders < unfiltered.kpis.current.orders);
        QVERIFY(seg.customers < unfiltered.kpis.current.customers);
        QCOMPARE(h.panel->breadcrumbBar()->crumbs(), (QStringList{"All data", "Segment: Even ids"}));
        QVERIFY(h.panel->filterLines().join('\n').contains("Drill-down: Segment: Even ids"));
        saveScreenshot(*h.panel, "overview_segment_en");

        // A drill-down keeps the segment; a segment saved later appears without reopening.
        QVERIFY(h.panel->drillInto(kpi::Dimension::Country, 0));
        QTRY_COMPARE_WITH_TIMEOUT(h.refreshed->count(), 3, 30000);
        QVERIFY(h.panel->shownData()->filter.segmentId && h.panel->shownData()->filter.country);
        verifyShowsFilter(h);
        addSegment("All but one", "id > 1");
        h.view.notifyDataChanged("segments");
        QTRY_COMPARE_WITH_TIMEOUT(box->count(), 3, 30000);
        QCOMPARE(box->currentIndex(), 2); // still "Even ids" (sorted by name: All but one, Even ids)

        // Undo goes back step by step; "All customers" drops the segment only.
        h.view.undoStack()->undo();
        QCOMPARE(h.view.filter().drill.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(h.refreshed->count(), 4, 30000);
        QVERIFY(h.panel->drillInto(kpi::Dimension::Channel, 0));
        QTRY_COMPARE_WITH_TIMEOUT(h.refreshed->count(), 5, 30000);
        box->setCurrentIndex(0);
        Q_EMIT box->activated(0);
        QCOMPARE(h.view.filter().drill.size(), 1);
        QCOMPARE(h.view.filter().drill[0].dimension, QString("channel"));
        QTRY_COMPARE_WITH_TIMEOUT(h.refreshed->count(), 6, 30000);
        QVERIFY(!h.panel->shownData()->filter.segmentId);
        verifyShowsFilter(h);

        store::ThreadCheckExemption cleanup;
        auto db = store::Database::open(m_store.toStdString(), {store::OpenMode::ReadWrite});
        db.exec("DELETE FROM segments");
    }

    void exportsPngCsvPdf()
    {
        Harness h;
        openStore(h);
        QVERIFY(QTest::qWaitForWindowExposed(h.panel.get()));
        const QDir out(m_dir.path());

        // PNG
        const QString png = out.filePath("series.png");
        QVERIFY(h.panel->seriesChart()->exportPng(png));
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY2(image.width() > 300 && image.height() > 200, qPrintable(QString("%1x%2").arg(image.width()).arg(image.height())));
        QVERIFY(h.panel->breakdownChart(kpi::Dimension::Category)->exportPng(out.filePath("cat.png"), 2.0));
        QCOMPARE(QImage(out.filePath("cat.png")).width(), h.panel->breakdownChart(kpi::Dimension::Category)->viewport()->width() * 2);

        // CSV: header plus one line per row, equal to the model's export values.
        const QString csv = out.filePath("countries.csv");
        QString error;
        QVERIFY2(h.panel->exportCsv(kpi::Dimension::Country, csv, &error), qPrintable(error));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
        auto* model = h.panel->breakdownModel(kpi::Dimension::Country);
        QCOMPARE(lines.size(), model->rowCount() + 1);
        const auto header = parseCsvLine(lines[0].toStdString());
        QCOMPARE(int(header.size()), model->columnCount());
        QCOMPARE(QString::fromStdString(header[1]), QString("GMV (%1)").arg(QString::fromStdString(m_range.currency)));
        for (int r = 0; r < model->rowCount(); ++r) {
            const auto fields = parseCsvLine(lines[r + 1].toStdString());
            QCOMPARE(int(fields.size()), model->columnCount());
            for (int c = 0; c < model->columnCount(); ++c)
                QCOMPARE(QString::fromStdString(fields[std::size_t(c)]), model->data(model->index(r, c), ui::kExportRole).toString());
            QCOMPARE(*parseMinorUnits(fields[1]), model->rows()[std::size_t(r)].gmvMinor);
        }
        QCOMPARE(ui::csvField("a,\"b\""), QString("\"a,\"\"b\"\"\""));
        QVERIFY(!h.panel->exportCsv(kpi::Dimension::Country, out.filePath("no/such/dir/x.csv"), &error));
        QVERIFY(!error.isEmpty());

        // PDF, with the filters printed (and in its title metadata).
        const QString pdf = QString(SHOPPILOT_SCREENSHOT_DIR) + "/overview_report.pdf";
        QDir().mkpath(SHOPPILOT_SCREENSHOT_DIR);
        QVERIFY2(h.panel->exportPdf(pdf, &error), qPrintable(error));
        QFile p(pdf);
        QVERIFY(p.open(QIODevice::ReadOnly));
        const QByteArray bytes = p.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.trimmed().endsWith("%%EOF"));
        QVERIFY(bytes.size() > 20000); // charts are embedded as images
        const QStringList filters = h.panel->filterLines();
        QVERIFY(filters.size() >= 4);
        QVERIFY(filters[0].startsWith("Period: "));
        for (const QString& line : filters)
            QVERIFY2(bytes.contains(pdfString(line)), qPrintable(line));
        const QString pdftotext = QStandardPaths::findExecutable("pdftotext");
        QVERIFY2(!pdftotext.isEmpty(), "pdftotext missing: run packaging/install-deps.sh (poppler-utils)");
        QProcess proc;
        proc.start(pdftotext, {pdf, "-"});
        QVERIFY(proc.waitForFinished(30000));
        const QString text = QString::fromUtf8(proc.readAllStandardOutput());
        QVERIFY2(text.contains(filters[0]), qPrintable(text.left(500)));
    }

    void emptyChartsSayLoadingUntilTheFirstFigures()
    {
        Harness h;
        QCOMPARE(h.panel->seriesChart()->emptyText(), QString("Loading…"));
        openStore(h);
        QCOMPARE(h.panel->seriesChart()->emptyText(), QString("No orders in this period"));
    }

    void cancelledRefreshKeepsPreviousFigures()
    {
        Harness h;
        openStore(h);
        const auto before = *h.panel->shownData();
        const QString gmvText = h.panel->card(OverviewPanel::Card::Gmv)->valueText();
        {
            PoolBlocker blocker; // the refresh cannot start before it is cancelled
            h.view.setGrain(ui::TimeGrain::Month);
            QVERIFY(h.panel->isLoading());
            QVERIFY(h.jobs.busy());
            h.jobs.cancelAll();
        }
        QTRY_COMPARE_WITH_TIMEOUT(h.cancelled->count(), 1, 30000);
        QCOMPARE(h.refreshed->count(), 1);
        QVERIFY(h.panel->shownData()->series == before.series); // still by day
        QCOMPARE(h.panel->card(OverviewPanel::Card::Gmv)->valueText(), gmvText);
        QVERIFY(!h.panel->isLoading());
        QVERIFY(h.panel->statusText().contains("cancelled"));
        QVERIFY(h.panel->errorText().isEmpty());
        // The report describes the figures shown, not the filter that was cancelled.
        QVERIFY(h.panel->filterLines().contains("Granularity: Day"));
        // Refresh brings the filter's figures.
        h.panel->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(h.refreshed->count(), 2, 30000);
        verifyShowsFilter(h);
    }

    void supersededRefreshIsDropped()
    {
        Harness h;
        openStore(h);
        {
            PoolBlocker blocker;
            h.view.setGrain(ui::TimeGrain::Week);  // superseded at once ...
            h.view.setGrain(ui::TimeGrain::Month); // ... by this one (same job slot)
        }
        QTRY_COMPARE_WITH_TIMEOUT(h.refreshed->count(), 2, 30000);
        QTest::qWait(200);
        QCOMPARE(h.refreshed->count(), 2);
        QCOMPARE(h.cancelled->count(), 0);
        QCOMPARE(h.panel->shownData()->grain, kpi::Granularity::Month);
        verifyShowsFilter(h);
    }

    void badStoreShowsErrorInline()
    {
        const QString bad = m_dir.filePath("notes.txt");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a database\n");
        f.close();
        Harness h;
        h.view.setStorePath(bad);
        QTRY_COMPARE_WITH_TIMEOUT(h.failed->count(), 1, 30000);
        QVERIFY2(h.panel->errorText().contains("not a ShopPilot store"), qPrintable(h.panel->errorText()));
        // A good store afterwards works.
        openStore(h);
        QVERIFY(h.panel->errorText().isEmpty());
    }

    void onlineRetailImportHasNoTrafficData()
    {
        Harness h;
        openStore(h, m_retail);
        // The presets count back from the data's last day (2010-11), not from today.
        QVERIFY(h.view.filter().to < QDate(2012, 1, 1));
        QCOMPARE(h.panel->dateRangeBar()->dataLast(), h.view.filter().to);
        verifyShowsFilter(h, m_retail);
        const auto& k = h.panel->shownData()->kpis;
        QVERIFY(!k.current.hasTraffic());
        QVERIFY(k.current.orders > 0);
        QCOMPARE(h.panel->card(OverviewPanel::Card::Conversion)->valueText(), QString("—"));
        QVERIFY(h.panel->card(OverviewPanel::Card::Conversion)->deltaText().contains("no traffic data"));
        QVERIFY(h.panel->card(OverviewPanel::Card::Gmv)->valueText().startsWith(QString::fromUtf8("£")));
    }

    void screenshotEnglish()
    {
        Harness h;
        openStore(h);
        QVERIFY(QTest::qWaitForWindowExposed(h.panel.get()));
        QCOMPARE(h.panel->card(OverviewPanel::Card::Gmv)->title(), QString("GMV"));
        QVERIFY(!h.panel->seriesChart()->isEmpty());
        saveScreenshot(*h.panel, "overview_en");
    }

    void screenshotChinese()
    {
        QCOMPARE(ui::installTranslations(*qApp, "zh_CN"), QString("zh_CN"));
        {
            Harness h;
            openStore(h);
            QVERIFY(QTest::qWaitForWindowExposed(h.panel.get()));
            const QString title = h.panel->card(OverviewPanel::Card::Orders)->title();
            QVERIFY2(title != "Orders", qPrintable(title));
            // Names come from labelZh, numbers from the Chinese locale.
            auto* countries = h.panel->breakdownModel(kpi::Dimension::Country);
            QCOMPARE(countries->label(0), QString::fromStdString(countries->rows()[0].labelZh));
            QVERIFY(h.panel->card(OverviewPanel::Card::Gmv)->valueText().startsWith(
                ui::fmt::currencySymbol(QString::fromStdString(m_range.currency))));
            verifyShowsFilter(h);
            saveScreenshot(*h.panel, "overview_zh_CN");
        }
        ui::installTranslations(*qApp, "en");
    }
};

SHOPPILOT_GUI_TEST_MAIN(TestOverviewPanel)
#include "tst_overview_panel.moc"
