// The Logistics panel for logistics planners. Routes: a depot's delivery day (busiest first) on a
// map-like plot with the routes as coloured polylines and stops coloured by lateness, the route
// table (stops, load, distance, duration, lateness; lock a route), solving with a time budget as a
// job with progress (Stop keeps the best plan so far, the status bar's Cancel drops it), the
// unassigned stops with the reason for each, drag-a-stop edits judged at once (feasibility and
// km change shown while dragging) with undo, new orders inserted into a locked plan, and Save.
// Stock: per SKU the chosen forecaster, the weekly forecast, safety stock and reorder point at a
// service level set with a slider (recomputed without the store), the stock-out risk, suggested
// purchase orders (CSV export) and the history-and-forecast chart. Store reads and the solver run
// off the GUI thread; a drag's check (microseconds, in-memory plan) runs where the mouse is.
#pragma once

#include <QWidget>
#include <QFuture>
#include <atomic>
#include <memory>
#include <vector>

#include "logistics/day_plan.h"
#include "logistics/stock.h"
#include "shell/panel_registry.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QTabWidget;
class QTableWidget;

namespace shoppilot::ui {

class JobRunner;
class RouteMapView;
class ViewState;
class XyChartView;

class LogisticsPanel : public QWidget {
    Q_OBJECT
public:
    explicit LogisticsPanel(const PanelContext& context, QWidget* parent = nullptr);
    ~LogisticsPanel() override;

    QTabWidget* tabs() const { return m_tabs; }
    QComboBox* dayBox() const { return m_day; }
    QDoubleSpinBox* budgetBox() const { return m_budget; }
    QTableWidget* routeTable() const { return m_routes; }
    QTableWidget* unassignedTable() const { return m_unassigned; }
    QTableWidget* stockTable() const { return m_stock; }
    QSlider* serviceSlider() const { return m_service; }
    RouteMapView* map() const { return m_map; }
    QLabel* moveLabel() const { return m_moveInfo; }
    QLabel* statusLabel() const { return m_info; }
    XyChartView* stockChart() const { return m_stockChart; }
    const logistics::DayPlan& plan() const { return m_plan; }
    const logistics::DayProblem* problem() const { return m_problem.get(); }
    const logistics::StockReport& stockReport() const { return m_stockReport; }
    bool canUndo() const { return !m_undo.empty(); }

public Q_SLOTS:
    void reload();
    void solve();
    void stopSolving();
    void undo();
    void savePlan();
    void insertNewOrders();
    void dropStop(int node, int route, int position);
    void setLocked(int route, bool locked);
    bool exportPurchaseOrders(const QString& path);

Q_SIGNALS:
    void daysListed();
    void dayLoaded();
    void solved();
    void planSaved();
    void stockPlanned();
    void failed(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void loadDay();
    void showPlan();
    void previewDrop(int node, int route, int position);
    void planStock();
    void fillStock();
    void showSku(int row);
    QString stopLabel(int node) const;

    ViewState* m_view;
    JobRunner* m_jobs;
    quint64 m_generation = 0;
    std::vector<logistics::DeliveryDay> m_days;
    std::shared_ptr<const logistics::DayProblem> m_problem;
    logistics::DayPlan m_plan;
    std::vector<logistics::DayPlan> m_undo;
    std::shared_ptr<std::atomic<bool>> m_stop;
    bool m_solving = false;
    logistics::StockReport m_stockReport;

    QLabel* m_info = nullptr;
    QTabWidget* m_tabs = nullptr;
    QComboBox* m_day = nullptr;
    QDoubleSpinBox* m_budget = nullptr;
    QPushButton* m_solve = nullptr;
    QPushButton* m_stopButton = nullptr;
    QPushButton* m_undoButton = nullptr;
    QPushButton* m_insert = nullptr;
    QPushButton* m_save = nullptr;
    QLabel* m_dayLabel = nullptr;
    QLabel* m_budgetLabel = nullptr;
    QLabel* m_totals = nullptr;
    QLabel* m_moveInfo = nullptr;
    QLabel* m_unassignedTitle = nullptr;
    RouteMapView* m_map = nullptr;
    QTableWidget* m_routes = nullptr;
    QTableWidget* m_unassigned = nullptr;

    QLabel* m_serviceLabel = nullptr;
    QSlider* m_service = nullptr;
    QPushButton* m_export = nullptr;
    QLabel* m_stockInfo = nullptr;
    QTableWidget* m_stock = nullptr;
    XyChartView* m_stockChart = nullptr;
};

QWidget* createLogisticsPanel(const PanelContext& context, QWidget* parent);

} // namespace shoppilot::ui
