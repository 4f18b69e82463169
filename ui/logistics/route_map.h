// A map-like plot of a delivery day on the plane around the depot: the depot as a square, each
// route as a coloured polyline from and back to it, stops as dots filled by lateness (on time,
// late, not delivered) and ringed in their route's colour. Stops can be dragged onto another
// route's line: while dragging the view asks (dragOver) where the stop would go and shows the
// answer it is given (feasibility and cost change), and on release it emits stopDropped. Stops too
// far away to show with the routes are pinned to the edge and counted. Pure painting over data it
// is handed: no store, no model.
#pragma once

#include <QWidget>
#include <memory>
#include <vector>

#include "logistics/day_plan.h"

namespace shoppilot::ui {

class RouteMapView : public QWidget {
    Q_OBJECT
public:
    explicit RouteMapView(QWidget* parent = nullptr);

    void setPlan(std::shared_ptr<const logistics::DayProblem> problem, const logistics::DayPlan& plan);
    void clearPlan();
    void setHint(const QString& text, bool ok); // shown next to the dragged stop
    void setHighlightedRoute(int route);
    static QColor routeColor(int route);

    // Screen position of a node (for tests and tooltips); invalid point when not drawn.
    QPointF nodePosition(int node) const;
    int offMapStops() const { return m_offMap; }

Q_SIGNALS:
    void dragOver(int node, int route, int position); // route -1: not over a route
    void stopDropped(int node, int route, int position);
    void stopSelected(int node);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void layout();
    int nodeAt(const QPointF& p) const;
    std::pair<int, int> insertionAt(const QPointF& p, int exceptNode) const; // (route, position)

    std::shared_ptr<const logistics::DayProblem> m_problem;
    logistics::DayPlan m_plan;
    std::vector<QPointF> m_screen; // per node
    std::vector<bool> m_pinned;    // off the map, drawn at the edge
    std::vector<int> m_routeOf;    // per node: route index, -1 unassigned / not planned
    std::vector<double> m_late;    // per node: minutes late on its route
    int m_offMap = 0;
    int m_dragging = -1;
    QPointF m_dragPos;
    QString m_hint;
    bool m_hintOk = true;
    int m_highlight = -1;
};

} // namespace shoppilot::ui
