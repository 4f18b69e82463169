// The Logistics panel over a tiny demo store with the GUI-thread store check on: the busiest
// delivery day loads, Solve plans it (every route feasible for its own vehicle, every stop either
// routed or unassigned with a reason), a stop dragged with the mouse onto another route is judged
// and can be undone, a locked route survives a re-solve, Save writes routes and stop orders, the
// stock tab plans reorder points that rise with the service level slider without another job and
// exports purchase orders; screenshots of both tabs in English and Chinese.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QSlider>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "demo/demo_generator.h"
#include "engine/engine.h"
#include "logistics/logistics_panel.h"
#include "logistics/route_map.h"
#include "shell/i18n.h"
#include "shell/job_runner.h"
#include "shell/store_service.h"
#include "shell/view_state.h"
#include "store/database.h"
#include "ui/gui_test_main.h"
#include "widgets/xy_chart_view.h"

using namespace shoppilot;
using ui::LogisticsPanel;
namespace lg = shoppilot::logistics;

namespace {

struct Harness {
    ui::ViewState view;
    ui::JobRunner jobs;
    std::unique_ptr<LogisticsPanel> panel;
    Harness()
    {
        panel = std::make_unique<LogisticsPanel>(ui::PanelContext{&view, &jobs});
        panel->resize(1280, 860);
        panel->show();
    }
    ~Harness() { jobs.cancelAll(); }
};

std::string queryText(const QString& path, const std::string& sql)
{
    store::ThreadCheckExemption inspect;
    auto db = store::Database::open(path.toStdString(), {store::OpenMode::ReadOnly});
    return db.queryText(sql).value_or("");
}

void verifyPlan(const lg::DayProblem& p, const lg::DayPlan& plan)
{
    int seen = 0;
    for (const auto& r : plan.routes) {
        const auto f = lg::evaluateRoute(p, r.vehicle, r.stops);
        QVERIFY(f.feasible());
        seen += int(r.stops.size());
    }
    for (const auto& u : plan.unassigned)
        QVERIFY(u.reason != lg::Reason::None);
    QCOMPARE(seen + int(plan.unassigned.size()), int(p.stops.size()));
}

} // namespace

class TestLogisticsPanel : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_store;

    bool open(Harness& h, const QString& store)
    {
        QSignalSpy loaded(h.panel.get(), &LogisticsPanel::dayLoaded);
        QSignalSpy stock(h.panel.get(), &LogisticsPanel::stockPlanned);
        h.view.setStorePath(store);
        return QTest::qWaitFor([&] { return loaded.count() >= 1 && stock.count() >= 1; }, 60000);
    }

    bool solve(Harness& h)
    {
        QSignalSpy solved(h.panel.get(), &LogisticsPanel::solved);
        h.panel->budgetBox()->setValue(0.5);
        h.panel->solve();
        return QTest::qWaitFor([&] { return solved.count() == 1; }, 30000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        engine::configureThreads(1);
        ui::installTranslations(*qApp, "en");
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath("tiny.db");
        store::ThreadCheckExemption allow;
        auto db = store::Database::open(m_store.toStdString(), {store::OpenMode::CreateIfMissing});
        demo::generateDemoStore(db, {demo::DemoSize::Tiny, 23, makeTimestamp(2026, 11, 1)});
    }

    void solveDragUndoLockSave()
    {
        const QString copy = m_dir.filePath("plan.db");
        QVERIFY(QFile::copy(m_store, copy));
        Harness h;
        QVERIFY(open(h, copy));
        QVERIFY(h.panel->dayBox()->count() > 0);
        const auto* p = h.panel->problem();
        QVERIFY(p && !p->stops.empty());
        QCOMPARE(h.panel->routeTable()->rowCount(), int(p->vehicles.size()));
        QVERIFY(solve(h));
        verifyPlan(*h.panel->problem(), h.panel->plan());
        QCOMPARE(h.panel->unassignedTable()->rowCount(), int(h.panel->plan().unassigned.size()));

        // Give an empty vehicle a stop (as dropping a stop on the depot does), so two routes have lines.
        {
            const auto& pl = h.panel->plan();
            int full = -1, empty = -1;
            for (int r = 0; r < int(pl.routes.size()); ++r)
                (pl.routes[std::size_t(r)].stops.size() > 1 ? full : empty) = r;
            QVERIFY(full >= 0 && empty >= 0);
            h.panel->dropStop(pl.routes[std::size_t(full)].stops.back(), empty, 0);
            QVERIFY(h.panel->canUndo());
        }
        // Drag the first stop of one route onto the line of another, with the mouse.
        const auto& plan = h.panel->plan();
        int from = -1, to = -1;
        for (int r = 0; r < int(plan.routes.size()); ++r) {
            if (plan.routes[std::size_t(r)].stops.empty())
                continue;
            if (from < 0)
                from = r;
            else if (to < 0)
                to = r;
        }
        QVERIFY2(to >= 0, "the busiest day needs two routes");
        {
            const int node = plan.routes[std::size_t(from)].stops.front();
            const int target = plan.routes[std::size_t(to)].stops.front();
            ui::RouteMapView* map = h.panel->map();
            const QPoint a = map->nodePosition(node).toPoint(), b = map->nodePosition(target).toPoint();
            const auto before = plan;
            QTest::mousePress(map, Qt::LeftButton, {}, a);
            QMouseEvent move(QEvent::MouseMove, QPointF(b), map->mapToGlobal(QPointF(b)), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(map, &move);
            QTest::mouseRelease(map, Qt::LeftButton, {}, b);
            const auto& after = h.panel->plan();
            const bool moved = std::find(after.routes[std::size_t(to)].stops.begin(), after.routes[std::size_t(to)].stops.end(), node) !=
                               after.routes[std::size_t(to)].stops.end();
            QVERIFY2(moved, "the dragged stop is on the target route");
            QVERIFY(h.panel->moveLabel()->text().contains(QStringLiteral("km")));
            QVERIFY(h.panel->canUndo());
            h.panel->undo();
            QCOMPARE(h.panel->plan().routes[std::size_t(from)].stops, before.routes[std::size_t(from)].stops);
        }
        // Lock the first non-empty route; a re-solve keeps it.
        int locked = -1;
        for (int r = 0; r < int(h.panel->plan().routes.size()) && locked < 0; ++r)
            if (!h.panel->plan().routes[std::size_t(r)].stops.empty())
                locked = r;
        QVERIFY(locked >= 0);
        const auto lockedStops = h.panel->plan().routes[std::size_t(locked)].stops;
        h.panel->routeTable()->item(locked, 7)->setCheckState(Qt::Checked);
        QVERIFY(h.panel->plan().routes[std::size_t(locked)].locked);
        QVERIFY(solve(h));
        bool kept = false;
        for (const auto& r : h.panel->plan().routes)
            kept = kept || (r.locked && r.stops == lockedStops);
        QVERIFY(kept);
        verifyPlan(*h.panel->problem(), h.panel->plan());

        QSignalSpy saved(h.panel.get(), &LogisticsPanel::planSaved);
        h.panel->savePlan();
        QVERIFY(QTest::qWaitFor([&] { return saved.count() == 1; }, 10000));
        int served = 0;
        for (const auto& r : h.panel->plan().routes)
            served += int(r.stops.size());
        const auto& d = *h.panel->problem();
        QCOMPARE(std::stoi(queryText(copy, "SELECT COUNT(*) FROM shipments s JOIN routes r ON r.id = s.route_id WHERE r.depot_id = " +
                                               std::to_string(d.depotId) + " AND r.plan_date = " + std::to_string(d.day))),
                 served);
    }

    void stockTab()
    {
        Harness h;
        QVERIFY(open(h, m_store));
        const auto& report = h.panel->stockReport();
        QVERIFY(!report.plans.empty());
        QCOMPARE(h.panel->stockTable()->rowCount(), int(report.plans.size()));
        std::map<std::int64_t, double> rop;
        for (const auto& p : report.plans)
            rop[p.productId] = p.reorderPoint;
        QSignalSpy planned(h.panel.get(), &LogisticsPanel::stockPlanned);
        h.panel->serviceSlider()->setValue(990);
        QCOMPARE(planned.count(), 0); // recomputed in memory, no job
        for (const auto& p : h.panel->stockReport().plans)
            QVERIFY(p.reorderPoint >= rop[p.productId] - 1e-9);
        QVERIFY(!h.panel->stockChart()->isEmpty());
        const QString csv = m_dir.filePath("po.csv");
        QVERIFY(h.panel->exportPurchaseOrders(csv));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readLine().startsWith("sku,title,order_units"));
        QVERIFY(!h.panel->exportPurchaseOrders(QStringLiteral("/nonexistent-dir/po.csv")));
    }

    void screenshots()
    {
        for (const char* lang : {"en", "zh_CN"}) {
            ui::installTranslations(*qApp, lang);
            Harness h;
            QVERIFY(open(h, m_store));
            QVERIFY(solve(h));
            const QString suffix = QByteArray(lang) == "en" ? QString() : QStringLiteral("_zh");
            QDir().mkpath(SHOPPILOT_SCREENSHOT_DIR);
            for (int tab = 0; tab < h.panel->tabs()->count(); ++tab) {
                h.panel->tabs()->setCurrentIndex(tab);
                QTest::qWait(50);
                QVERIFY(h.panel->grab().save(QStringLiteral(SHOPPILOT_SCREENSHOT_DIR "/logistics_tab%1%2.png").arg(tab).arg(suffix)));
            }
        }
        ui::installTranslations(*qApp, "en");
    }
};

SHOPPILOT_GUI_TEST_MAIN(TestLogisticsPanel)
#include "tst_logistics_panel.moc"
