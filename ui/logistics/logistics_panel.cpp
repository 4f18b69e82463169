#include "logistics/logistics_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>
#include <ctime>

#include "common/error.h"
#include "logistics/route_map.h"
#include "shell/job_runner.h"
#include "shell/store_service.h"
#include "shell/view_state.h"
#include "store/database.h"
#include "store/store_access.h"
#include "widgets/table_util.h"
#include "widgets/xy_chart_view.h"

namespace shoppilot::ui {

namespace lg = shoppilot::logistics;

namespace {

QString hhmm(double minutes)
{
    const int m = int(std::lround(minutes));
    return QStringLiteral("%1:%2").arg(m / 60, 2, 10, QLatin1Char('0')).arg(m % 60, 2, 10, QLatin1Char('0'));
}

QString km(double v)
{
    return QLocale().toString(v, 'f', 1);
}

// Runs `work` as a job and hands its result (or nothing, on cancel or error: `failed` then gets the
// message) to `done` on the GUI thread, unless the store changed meanwhile.
template <typename R, typename Done, typename Failed>
void watchJob(QObject* owner, const quint64* generation, QFuture<R> future, Done done, Failed failed)
{
    const quint64 started = *generation;
    auto* watcher = new QFutureWatcher<R>(owner);
    QObject::connect(watcher, &QFutureWatcherBase::finished, owner, [watcher, generation, started, done, failed] {
        watcher->deleteLater();
        if (*generation != started)
            return;
        QFuture<R> f = watcher->future();
        try {
            f.waitForFinished();
            if (f.isCanceled() || f.resultCount() == 0) {
                done(std::optional<R>());
                return;
            }
            done(std::optional<R>(f.result()));
        } catch (...) {
            failed(jobErrorMessage(std::current_exception()));
            done(std::optional<R>());
        }
    });
    watcher->setFuture(future);
}

} // namespace

LogisticsPanel::LogisticsPanel(const PanelContext& context, QWidget* parent)
    : QWidget(parent), m_view(context.view), m_jobs(context.jobs)
{
    setObjectName(QStringLiteral("logisticsPanel"));
    auto* outer = new QVBoxLayout(this);
    m_info = new QLabel;
    m_info->setWordWrap(true);
    outer->addWidget(m_info);
    m_tabs = new QTabWidget;
    outer->addWidget(m_tabs, 1);

    // ---- Routes
    auto* routesTab = new QWidget;
    auto* rl = new QVBoxLayout(routesTab);
    auto* bar = new QHBoxLayout;
    m_dayLabel = new QLabel;
    m_day = new QComboBox;
    m_day->setObjectName(QStringLiteral("deliveryDay"));
    m_day->setMinimumContentsLength(28);
    m_budgetLabel = new QLabel;
    m_budget = new QDoubleSpinBox;
    m_budget->setObjectName(QStringLiteral("timeBudget"));
    m_budget->setRange(0.2, 600);
    m_budget->setValue(10);
    m_budget->setSuffix(QStringLiteral(" s"));
    m_solve = new QPushButton;
    m_solve->setObjectName(QStringLiteral("solve"));
    m_stopButton = new QPushButton;
    m_undoButton = new QPushButton;
    m_insert = new QPushButton;
    m_save = new QPushButton;
    bar->addWidget(m_dayLabel);
    bar->addWidget(m_day, 1);
    bar->addWidget(m_budgetLabel);
    bar->addWidget(m_budget);
    bar->addWidget(m_solve);
    bar->addWidget(m_stopButton);
    bar->addWidget(m_undoButton);
    bar->addWidget(m_insert);
    bar->addWidget(m_save);
    rl->addLayout(bar);
    m_totals = new QLabel;
    m_totals->setWordWrap(true);
    rl->addWidget(m_totals);
    auto* split = new QSplitter(Qt::Horizontal);
    m_map = new RouteMapView;
    split->addWidget(m_map);
    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_routes = newReadOnlyTable();
    m_routes->setObjectName(QStringLiteral("routeTable"));
    m_routes->setColumnCount(8);
    m_moveInfo = new QLabel;
    m_moveInfo->setObjectName(QStringLiteral("moveInfo"));
    m_moveInfo->setWordWrap(true);
    m_unassignedTitle = new QLabel;
    m_unassigned = newReadOnlyTable();
    m_unassigned->setObjectName(QStringLiteral("unassignedTable"));
    m_unassigned->setColumnCount(5);
    m_unassigned->horizontalHeader()->setStretchLastSection(true);
    rightLayout->addWidget(m_routes, 2);
    rightLayout->addWidget(m_moveInfo);
    rightLayout->addWidget(m_unassignedTitle);
    rightLayout->addWidget(m_unassigned, 3);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({560, 440});
    rl->addWidget(split, 1);
    m_tabs->addTab(routesTab, QString());

    // ---- Stock
    auto* stockTab = new QWidget;
    auto* sl = new QVBoxLayout(stockTab);
    auto* sbar = new QHBoxLayout;
    m_serviceLabel = new QLabel;
    m_service = new QSlider(Qt::Horizontal);
    m_service->setObjectName(QStringLiteral("serviceLevel"));
    m_service->setRange(800, 995); // per mille
    m_service->setValue(950);
    m_export = new QPushButton;
    sbar->addWidget(m_serviceLabel);
    sbar->addWidget(m_service, 1);
    sbar->addWidget(m_export);
    sl->addLayout(sbar);
    m_stockInfo = new QLabel;
    m_stockInfo->setWordWrap(true);
    sl->addWidget(m_stockInfo);
    auto* ssplit = new QSplitter(Qt::Vertical);
    m_stock = newReadOnlyTable();
    m_stock->setObjectName(QStringLiteral("stockTable"));
    m_stock->setColumnCount(11);
    m_stockChart = new XyChartView;
    m_stockChart->setObjectName(QStringLiteral("stockChart"));
    ssplit->addWidget(m_stock);
    ssplit->addWidget(m_stockChart);
    ssplit->setStretchFactor(0, 3);
    ssplit->setStretchFactor(1, 2);
    ssplit->setSizes({380, 320});
    sl->addWidget(ssplit, 1);
    m_tabs->addTab(stockTab, QString());

    connect(m_day, &QComboBox::currentIndexChanged, this, [this] { loadDay(); });
    connect(m_solve, &QPushButton::clicked, this, &LogisticsPanel::solve);
    connect(m_stopButton, &QPushButton::clicked, this, &LogisticsPanel::stopSolving);
    connect(m_undoButton, &QPushButton::clicked, this, &LogisticsPanel::undo);
    connect(m_insert, &QPushButton::clicked, this, &LogisticsPanel::insertNewOrders);
    connect(m_save, &QPushButton::clicked, this, &LogisticsPanel::savePlan);
    connect(m_map, &RouteMapView::dragOver, this, &LogisticsPanel::previewDrop);
    connect(m_map, &RouteMapView::stopDropped, this, &LogisticsPanel::dropStop);
    connect(m_routes, &QTableWidget::currentCellChanged, this, [this](int row) { m_map->setHighlightedRoute(row); });
    connect(m_routes, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (item->column() == 7)
            setLocked(item->row(), item->checkState() == Qt::Checked);
    });
    connect(m_service, &QSlider::valueChanged, this, [this] {
        retranslate();
        if (m_stockReport.plans.empty())
            return;
        lg::applyServiceLevel(m_stockReport, m_service->value() / 1000.0); // in memory, no store
        fillStock();
    });
    connect(m_stock, &QTableWidget::currentCellChanged, this, [this](int row) { showSku(row); });
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export purchase orders"), QStringLiteral("purchase-orders.csv"),
                                                          tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportPurchaseOrders(path);
    });
    connect(m_view, &ViewState::storeChanged, this, [this](const QString&) { reload(); });
    retranslate();
    if (!m_view->storePath().isEmpty())
        reload();
}

LogisticsPanel::~LogisticsPanel()
{
    if (m_stop)
        m_stop->store(true);
}

QWidget* createLogisticsPanel(const PanelContext& context, QWidget* parent)
{
    return new LogisticsPanel(context, parent);
}

void LogisticsPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        showPlan();
        fillStock();
    }
    QWidget::changeEvent(event);
}

void LogisticsPanel::retranslate()
{
    m_tabs->setTabText(0, tr("Delivery routes"));
    m_tabs->setTabText(1, tr("Stock and reorder"));
    m_dayLabel->setText(tr("Day:"));
    m_budgetLabel->setText(tr("Time budget:"));
    m_solve->setText(tr("Solve"));
    m_solve->setToolTip(tr("Plan the day's routes (locked routes stay as they are)"));
    m_stopButton->setText(tr("Stop"));
    m_stopButton->setToolTip(tr("Stop the search and keep the best plan found so far"));
    m_undoButton->setText(tr("Undo"));
    m_insert->setText(tr("Insert new orders"));
    m_insert->setToolTip(tr("Re-read the day's shipments and insert the new ones where they fit, without re-ordering the plan"));
    m_save->setText(tr("Save plan"));
    m_routes->setHorizontalHeaderLabels({tr("Vehicle"), tr("Stops"), tr("Load"), tr("km"), tr("Duration"), tr("Out – back"),
                                         tr("Late (min)"), tr("Locked")});
    m_unassigned->setHorizontalHeaderLabels({tr("Order"), tr("Units"), tr("Window"), tr("Reason"), tr("Why")});
    m_unassignedTitle->setText(tr("Not delivered, and why"));
    m_serviceLabel->setText(tr("Service level: %1").arg(QLocale().toString(m_service->value() / 10.0, 'f', 1) + QLatin1Char('%')));
    m_export->setText(tr("Export purchase orders…"));
    m_stock->setHorizontalHeaderLabels({tr("SKU"), tr("Product"), tr("Method"), tr("Forecast / week"), tr("On hand"),
                                        tr("Lead time (days)"), tr("Safety stock"), tr("Reorder point"), tr("Stock-out risk"),
                                        tr("Order"), tr("Order value")});
    m_stockChart->setEmptyText(tr("Select a SKU to see its weekly demand and forecast."));
    m_stopButton->setEnabled(m_solving);
    m_solve->setEnabled(!m_solving && m_problem);
    m_undoButton->setEnabled(!m_undo.empty() && !m_solving);
    m_save->setEnabled(m_problem && !m_solving);
    m_insert->setEnabled(m_problem && !m_solving);
}

void LogisticsPanel::reload()
{
    ++m_generation;
    if (m_stop)
        m_stop->store(true);
    m_solving = false;
    m_days.clear();
    m_problem.reset();
    m_plan = {};
    m_undo.clear();
    m_stockReport = {};
    {
        const QSignalBlocker block(m_day);
        m_day->clear();
    }
    m_map->clearPlan();
    m_routes->setRowCount(0);
    m_unassigned->setRowCount(0);
    m_stock->setRowCount(0);
    m_stockChart->clear();
    m_totals->clear();
    m_moveInfo->clear();
    retranslate();
    if (m_view->storePath().isEmpty()) {
        m_info->setText(tr("Open a store to plan its deliveries and stock."));
        return;
    }
    const quint64 generation = m_generation;
    m_view->store().read(
        this, [](store::Database& db) { return lg::deliveryDays(db); },
        [this, generation](std::vector<lg::DeliveryDay> days) {
            if (generation != m_generation)
                return;
            m_days = std::move(days);
            {
                const QSignalBlocker block(m_day);
                for (const auto& d : m_days)
                    m_day->addItem(tr("%1 · %2 · %3 stops, %4 units").arg(QString::fromStdString(d.depot),
                                                                           QLocale().toString(QDateTime::fromSecsSinceEpoch(d.day, Qt::UTC).date(), QLocale::ShortFormat))
                                        .arg(d.stops)
                                        .arg(d.units));
            }
            if (m_days.empty())
                m_info->setText(tr("No open shipments with an address to plan: deliveries appear here once orders have "
                                   "shipments with coordinates (an orders-only import such as Online Retail has none). The "
                                   "stock tab works from the order history."));
            else
                m_info->setText(tr("Delivery days with open shipments, busiest first: %1.").arg(m_days.size()));
            Q_EMIT daysListed();
            if (!m_days.empty())
                loadDay();
        },
        [this](const QString& e) {
            m_info->setText(tr("Could not read the deliveries: %1").arg(e));
            Q_EMIT failed(e);
        });
    planStock();
}

void LogisticsPanel::loadDay()
{
    const int i = m_day->currentIndex();
    if (i < 0 || i >= int(m_days.size()))
        return;
    const auto d = m_days[std::size_t(i)];
    const quint64 generation = m_generation;
    m_view->store().read(
        this,
        [d](store::Database& db) {
            auto p = std::make_shared<lg::DayProblem>(lg::loadDay(db, d.depotId, d.day));
            return std::shared_ptr<const lg::DayProblem>(std::move(p));
        },
        [this, generation](std::shared_ptr<const lg::DayProblem> p) {
            if (generation != m_generation)
                return;
            m_problem = std::move(p);
            m_plan = lg::savedPlan(*m_problem);
            m_undo.clear();
            m_moveInfo->clear();
            showPlan();
            retranslate();
            Q_EMIT dayLoaded();
        },
        [this](const QString& e) {
            m_info->setText(tr("Could not load the day: %1").arg(e));
            Q_EMIT failed(e);
        });
}

QString LogisticsPanel::stopLabel(int node) const
{
    if (!m_problem || node < 1 || node > int(m_problem->stops.size()))
        return {};
    return QString::fromStdString(m_problem->stops[std::size_t(node - 1)].orderRef);
}

void LogisticsPanel::showPlan()
{
    if (!m_problem) {
        return;
    }
    m_map->setPlan(m_problem, m_plan);
    const QSignalBlocker block(m_routes);
    m_routes->setRowCount(int(m_plan.routes.size()));
    for (int r = 0; r < int(m_plan.routes.size()); ++r) {
        const auto& route = m_plan.routes[std::size_t(r)];
        const auto& v = m_problem->vehicles[std::size_t(route.vehicle)];
        const auto f = lg::evaluateRoute(*m_problem, route.vehicle, route.stops);
        auto* name = readOnlyCell(QString::fromStdString(v.name));
        name->setForeground(RouteMapView::routeColor(r));
        m_routes->setItem(r, 0, name);
        m_routes->setItem(r, 1, readOnlyCell(QString::number(route.stops.size()), true));
        auto* load = readOnlyCell(QStringLiteral("%1 / %2").arg(f.load).arg(v.capacity), true);
        if (f.overCapacity)
            load->setForeground(Qt::red);
        m_routes->setItem(r, 2, load);
        m_routes->setItem(r, 3, readOnlyCell(km(f.km), true));
        m_routes->setItem(r, 4, readOnlyCell(route.stops.empty() ? QString() : hhmm(f.minutes), true));
        auto* span = readOnlyCell(route.stops.empty() ? QString() : hhmm(f.depart) + QStringLiteral(" – ") + hhmm(f.back));
        if (f.afterShift)
            span->setForeground(Qt::red);
        m_routes->setItem(r, 5, span);
        auto* late = readOnlyCell(QLocale().toString(f.lateMinutes, 'f', 0), true);
        if (f.lateMinutes > 0)
            late->setForeground(Qt::red);
        m_routes->setItem(r, 6, late);
        auto* lock = new QTableWidgetItem;
        lock->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        lock->setCheckState(route.locked ? Qt::Checked : Qt::Unchecked);
        m_routes->setItem(r, 7, lock);
    }
    m_routes->resizeColumnsToContents();
    m_unassigned->setRowCount(int(m_plan.unassigned.size()));
    for (int r = 0; r < int(m_plan.unassigned.size()); ++r) {
        const auto& u = m_plan.unassigned[std::size_t(r)];
        const auto& s = m_problem->stops[std::size_t(u.node - 1)];
        const QString reason = u.reason == lg::Reason::Capacity     ? tr("capacity")
                               : u.reason == lg::Reason::TimeWindow ? tr("time window")
                               : u.reason == lg::Reason::Shift      ? tr("shift")
                               : u.reason == lg::Reason::Fleet      ? tr("fleet")
                                                                    : QString();
        m_unassigned->setItem(r, 0, readOnlyCell(QString::fromStdString(s.orderRef)));
        m_unassigned->setItem(r, 1, readOnlyCell(QString::number(s.units), true));
        m_unassigned->setItem(r, 2, readOnlyCell(s.hasWindow ? hhmm(s.windowStart) + QStringLiteral("–") + hhmm(s.windowEnd) : tr("any time")));
        m_unassigned->setItem(r, 3, readOnlyCell(reason));
        m_unassigned->setItem(r, 4, readOnlyCell(QString::fromStdString(u.detail)));
    }
    m_unassigned->resizeColumnsToContents();
    const auto t = lg::planTotals(*m_problem, m_plan);
    int planned = 0;
    for (const auto& r : m_plan.routes)
        planned += r.stops.empty() ? 0 : 1;
    if (planned == 0 && m_plan.unassigned.empty())
        m_totals->setText(tr("%1: %2 stops, %3 vehicles, not planned yet: press Solve.")
                              .arg(QString::fromStdString(m_problem->depot))
                              .arg(m_problem->stops.size())
                              .arg(m_problem->vehicles.size()));
    else
        m_totals->setText(tr("%1 of %2 stops on %3 routes · %4 km · %5 route hours · %6 min late · %7. Drag a stop onto "
                             "another route's line to move it.")
                              .arg(t.served)
                              .arg(m_problem->stops.size())
                              .arg(planned)
                              .arg(km(t.km))
                              .arg(QLocale().toString(t.minutes / 60.0, 'f', 1))
                              .arg(QLocale().toString(t.lateMinutes, 'f', 0))
                              .arg(t.feasible ? tr("every route feasible") : tr("some routes infeasible (red)")));
}

void LogisticsPanel::solve()
{
    if (!m_problem || m_solving)
        return;
    m_solving = true;
    m_stop = std::make_shared<std::atomic<bool>>(false);
    retranslate();
    const double budget = m_budget->value();
    auto keep = std::make_shared<lg::DayPlan>(m_plan);
    auto future = m_jobs->run<lg::DayPlan>(
        tr("Logistics: planning %1").arg(QString::fromStdString(m_problem->depot)),
        [problem = m_problem, keep, budget, stop = m_stop](const Progress& progress) {
            lg::DayOptions o;
            o.search.timeLimitSeconds = budget;
            o.search.seed = 1;
            o.threads = std::max(1, std::min(QThread::idealThreadCount(), 4));
            // Stop keeps the best so far; the status bar's Cancel drops the job.
            o.search.progress = [progress, stop](double f, std::string_view what) {
                return !stop->load() && (!progress || progress(f, what));
            };
            bool anyLocked = false;
            for (const auto& r : keep->routes)
                anyLocked = anyLocked || r.locked;
            return lg::solveDay(*problem, o, anyLocked ? keep.get() : nullptr);
        },
        QStringLiteral("logistics.solve"));
    watchJob<lg::DayPlan>(
        this, &m_generation, future,
        [this](std::optional<lg::DayPlan> plan) {
            m_solving = false;
            if (plan) {
                m_undo.push_back(m_plan);
                m_plan = std::move(*plan);
                m_moveInfo->setText(m_plan.cancelled ? tr("Stopped: the best plan found so far is shown.")
                                                     : tr("Planned in %1 s.").arg(QLocale().toString(m_plan.seconds, 'f', 1)));
                showPlan();
                Q_EMIT solved();
            }
            retranslate();
        },
        [this](const QString& e) {
            m_info->setText(tr("Planning failed: %1").arg(e));
            Q_EMIT failed(e);
        });
}

void LogisticsPanel::stopSolving()
{
    if (m_stop)
        m_stop->store(true);
}

void LogisticsPanel::previewDrop(int node, int route, int position)
{
    if (!m_problem || route < 0) {
        m_map->setHint(QString(), true);
        return;
    }
    const auto m = lg::moveStop(*m_problem, m_plan, node, route, position);
    const QString delta = (m.deltaKm >= 0 ? QStringLiteral("+") : QString()) + km(m.deltaKm) + QStringLiteral(" km");
    m_map->setHint(m.feasible ? tr("%1 · feasible").arg(delta) : tr("%1 · %2").arg(delta, QString::fromStdString(m.problem)), m.feasible);
}

void LogisticsPanel::dropStop(int node, int route, int position)
{
    if (!m_problem || m_solving)
        return;
    try {
        auto m = lg::moveStop(*m_problem, m_plan, node, route, position);
        m_undo.push_back(m_plan);
        m_plan = std::move(m.plan);
        const QString where = route < 0 ? tr("off the plan") : QString::fromStdString(m_problem->vehicles[std::size_t(m_plan.routes[std::size_t(route)].vehicle)].name);
        const QString delta = (m.deltaKm >= 0 ? QStringLiteral("+") : QString()) + km(m.deltaKm) + QStringLiteral(" km");
        m_moveInfo->setText(m.feasible ? tr("Moved %1 to %2: %3, feasible.").arg(stopLabel(node), where, delta)
                                       : tr("Moved %1 to %2: %3, not feasible: %4. Undo to take it back.")
                                             .arg(stopLabel(node), where, delta, QString::fromStdString(m.problem)));
        m_moveInfo->setStyleSheet(m.feasible ? QString() : QStringLiteral("color:#b71c1c"));
        showPlan();
        retranslate();
    } catch (...) {
        m_moveInfo->setText(jobErrorMessage(std::current_exception()));
    }
}

void LogisticsPanel::setLocked(int route, bool locked)
{
    if (route < 0 || route >= int(m_plan.routes.size()))
        return;
    m_plan.routes[std::size_t(route)].locked = locked;
    m_map->setPlan(m_problem, m_plan);
}

void LogisticsPanel::undo()
{
    if (m_undo.empty() || m_solving)
        return;
    m_plan = std::move(m_undo.back());
    m_undo.pop_back();
    m_moveInfo->setText(tr("Undone."));
    m_moveInfo->setStyleSheet(QString());
    showPlan();
    retranslate();
}

void LogisticsPanel::insertNewOrders()
{
    const int i = m_day->currentIndex();
    if (!m_problem || i < 0 || i >= int(m_days.size()) || m_solving)
        return;
    const auto d = m_days[std::size_t(i)];
    m_view->store().read(
        this, [d](store::Database& db) { return std::make_shared<const lg::DayProblem>(lg::loadDay(db, d.depotId, d.day)); },
        [this](std::shared_ptr<const lg::DayProblem> fresh) {
            // Map the current plan onto the re-read stops by shipment id; stops no longer open drop out.
            std::map<std::int64_t, int> nodeOf;
            for (int n = 1; n <= int(fresh->stops.size()); ++n)
                nodeOf[fresh->stops[std::size_t(n - 1)].shipmentId] = n;
            lg::DayPlan mapped;
            for (const auto& r : m_plan.routes) {
                lg::PlanRoute nr{r.vehicle, {}, r.locked};
                for (const int s : r.stops) {
                    const auto it = nodeOf.find(m_problem->stops[std::size_t(s - 1)].shipmentId);
                    if (it != nodeOf.end())
                        nr.stops.push_back(it->second);
                }
                mapped.routes.push_back(std::move(nr));
            }
            const int before = int(fresh->stops.size()) - int(m_problem->stops.size());
            lg::insertNewStops(*fresh, mapped);
            m_undo.clear(); // the stops were renumbered: earlier plans no longer apply
            m_problem = std::move(fresh);
            m_plan = std::move(mapped);
            m_moveInfo->setText(tr("Re-read the day (%1 new shipments); new orders were inserted where they fit.").arg(std::max(0, before)));
            showPlan();
            retranslate();
        },
        [this](const QString& e) { m_info->setText(tr("Could not re-read the day: %1").arg(e)); });
}

void LogisticsPanel::savePlan()
{
    if (!m_problem || m_solving)
        return;
    m_view->store().write(
        this,
        [problem = m_problem, plan = m_plan](store::Database& db) { lg::savePlan(db, *problem, plan, Timestamp(std::time(nullptr))); },
        [this] {
            m_moveInfo->setText(tr("Plan saved: the shipments carry their route and stop order."));
            m_view->notifyDataChanged(QStringLiteral("shipments"));
            Q_EMIT planSaved();
        },
        [this](const QString& e) {
            m_moveInfo->setText(tr("Not saved: %1").arg(e));
            Q_EMIT failed(e);
        });
}

void LogisticsPanel::planStock()
{
    const double level = m_service->value() / 1000.0;
    auto future = m_jobs->run<lg::StockReport>(
        tr("Logistics: forecasting demand per SKU"),
        [access = m_view->store().access(), level](const Progress& progress) {
            if (!access)
                throw Error(ErrorCode::InvalidArgument, "no store is open");
            lg::StockOptions o;
            o.serviceLevel = level;
            return access->read([&](store::Database& db) { return lg::planStock(db, o, progress); });
        },
        QStringLiteral("logistics.stock"));
    watchJob<lg::StockReport>(
        this, &m_generation, future,
        [this](std::optional<lg::StockReport> r) {
            if (!r)
                return;
            m_stockReport = std::move(*r);
            lg::applyServiceLevel(m_stockReport, m_service->value() / 1000.0); // the slider may have moved meanwhile
            fillStock();
            Q_EMIT stockPlanned();
        },
        [this](const QString& e) {
            m_stockInfo->setText(tr("No stock plan: %1").arg(e));
            Q_EMIT failed(e);
        });
}

void LogisticsPanel::fillStock()
{
    const auto& plans = m_stockReport.plans;
    std::size_t orders = 0;
    std::int64_t value = 0;
    for (const auto& p : plans) {
        orders += p.suggestedOrder > 0 ? 1 : 0;
        value += p.orderValueMinor;
    }
    const QString currency = plans.empty() ? QString() : QString::fromStdString(plans.front().currency);
    QString info = tr("%1 SKUs with sales over %2 weeks; %3 to reorder now (%4 %5 at unit cost).")
                       .arg(plans.size())
                       .arg(m_stockReport.weeks)
                       .arg(orders)
                       .arg(QLocale().toString(double(value) / 100.0, 'f', 0), currency);
    if (m_stockReport.skusWithoutStock > std::int64_t(plans.size()) / 2)
        info += QLatin1Char(' ') + tr("Most SKUs show no stock on hand (an orders-only import records none): the orders "
                                      "suggested assume nothing is in stock.");
    m_stockInfo->setText(info);
    const QSignalBlocker block(m_stock);
    const int current = m_stock->currentRow();
    m_stock->setRowCount(int(plans.size()));
    for (int r = 0; r < int(plans.size()); ++r) {
        const auto& p = plans[std::size_t(r)];
        m_stock->setItem(r, 0, readOnlyCell(QString::fromStdString(p.sku)));
        m_stock->setItem(r, 1, readOnlyCell(QString::fromStdString(p.title)));
        m_stock->setItem(r, 2, readOnlyCell(QString::fromLatin1(lg::demandMethodName(p.method)) + (p.intermittent ? tr(" (sparse)") : QString())));
        m_stock->setItem(r, 3, readOnlyCell(QLocale().toString(p.weeklyMean, 'f', 1), true));
        m_stock->setItem(r, 4, readOnlyCell(p.stockKnown ? QString::number(p.stock) : tr("not tracked"), true));
        m_stock->setItem(r, 5, readOnlyCell(QString::number(int(std::lround(p.leadTimeWeeks * 7))) + (p.leadTimeKnown ? QString() : tr(" (default)")), true));
        m_stock->setItem(r, 6, readOnlyCell(QLocale().toString(p.safetyStock, 'f', 1), true));
        m_stock->setItem(r, 7, readOnlyCell(QLocale().toString(p.reorderPoint, 'f', 1), true));
        auto* risk = readOnlyCell(QLocale().toString(100 * p.stockoutProbability, 'f', 0) + QLatin1Char('%'), true);
        if (p.stockoutProbability > 0.5)
            risk->setForeground(Qt::red);
        m_stock->setItem(r, 8, risk);
        m_stock->setItem(r, 9, readOnlyCell(p.suggestedOrder > 0 ? QString::number(p.suggestedOrder) : QString(), true));
        m_stock->setItem(r, 10, readOnlyCell(p.suggestedOrder > 0 ? QLocale().toString(double(p.orderValueMinor) / 100.0, 'f', 2) : QString(), true));
    }
    m_stock->resizeColumnsToContents();
    if (!plans.empty())
        m_stock->setCurrentCell(std::max(0, current), 0);
    showSku(m_stock->currentRow());
}

void LogisticsPanel::showSku(int row)
{
    const auto& plans = m_stockReport.plans;
    if (row < 0 || row >= int(plans.size())) {
        m_stockChart->clear();
        return;
    }
    const auto& p = plans[std::size_t(row)];
    XyChartView::Line history{tr("Units sold per week"), {}}, forecast{tr("Forecast (%1)").arg(QString::fromLatin1(lg::demandMethodName(p.method))), {}};
    const int n = int(p.history.size());
    double top = 1;
    for (int i = 0; i < n; ++i) {
        history.points.append(QPointF(i - n + 1, p.history[std::size_t(i)]));
        top = std::max(top, p.history[std::size_t(i)]);
    }
    forecast.points.append(QPointF(0, n > 0 ? p.history.back() : 0.0));
    for (int k = 0; k < int(p.forecast.size()); ++k) {
        forecast.points.append(QPointF(k + 1, p.forecast[std::size_t(k)]));
        top = std::max(top, p.forecast[std::size_t(k)]);
    }
    m_stockChart->setTitle(tr("%1 · %2 — on hand %3, reorder point %4, order %5")
                               .arg(QString::fromStdString(p.sku), QString::fromStdString(p.title))
                               .arg(p.stockKnown ? QString::number(p.stock) : tr("not tracked"))
                               .arg(QLocale().toString(p.reorderPoint, 'f', 1))
                               .arg(p.suggestedOrder));
    m_stockChart->setLines({history, forecast}, tr("Weeks (0 = the last full week)"), tr("Units per week"), -n + 1,
                           double(p.forecast.size()), 0, top * 1.1, -1e18 /* no marker */);
}

bool LogisticsPanel::exportPurchaseOrders(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_stockInfo->setText(tr("Could not write %1: %2").arg(path, f.errorString()));
        return false;
    }
    const std::string csv = lg::purchaseOrdersCsv(m_stockReport);
    const bool ok = f.write(csv.data(), qint64(csv.size())) == qint64(csv.size());
    m_stockInfo->setText(ok ? tr("Purchase orders written to %1.").arg(path) : tr("Could not write %1: %2").arg(path, f.errorString()));
    return ok;
}

} // namespace shoppilot::ui

SHOPPILOT_REGISTER_PANEL(80, "logistics", QT_TRANSLATE_NOOP("Panels", "Logistics"), ":/icons/logistics.svg",
                         shoppilot::ui::createLogisticsPanel)
