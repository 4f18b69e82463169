#include "logistics/route_map.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace shoppilot::ui {

namespace lg = shoppilot::logistics;

namespace {

constexpr double kMargin = 24;
constexpr double kPickRadius = 8;
constexpr double kLineRadius = 14;

double segmentDistance(const QPointF& p, const QPointF& a, const QPointF& b)
{
    const QPointF ab = b - a;
    const double len2 = ab.x() * ab.x() + ab.y() * ab.y();
    double t = len2 > 0 ? ((p - a).x() * ab.x() + (p - a).y() * ab.y()) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const QPointF q = a + t * ab;
    return std::hypot(p.x() - q.x(), p.y() - q.y());
}

} // namespace

RouteMapView::RouteMapView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("routeMap"));
    setMinimumSize(320, 260);
    setMouseTracking(true);
}

QColor RouteMapView::routeColor(int route)
{
    static const QColor palette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd),
                                     QColor(0xff, 0x7f, 0x0e), QColor(0x17, 0xbe, 0xcf), QColor(0x8c, 0x56, 0x4b),
                                     QColor(0xe3, 0x77, 0xc2), QColor(0xbc, 0xbd, 0x22)};
    return palette[std::size_t(std::max(route, 0)) % (sizeof palette / sizeof palette[0])];
}

void RouteMapView::setPlan(std::shared_ptr<const lg::DayProblem> problem, const lg::DayPlan& plan)
{
    m_problem = std::move(problem);
    m_plan = plan;
    layout();
    update();
}

void RouteMapView::clearPlan()
{
    m_problem.reset();
    m_plan = {};
    m_screen.clear();
    update();
}

void RouteMapView::setHint(const QString& text, bool ok)
{
    m_hint = text;
    m_hintOk = ok;
    update();
}

void RouteMapView::setHighlightedRoute(int route)
{
    m_highlight = route;
    update();
}

QPointF RouteMapView::nodePosition(int node) const
{
    if (node < 0 || node >= int(m_screen.size()))
        return {};
    return m_screen[std::size_t(node)];
}

void RouteMapView::resizeEvent(QResizeEvent* event)
{
    layout();
    QWidget::resizeEvent(event);
}

void RouteMapView::layout()
{
    m_screen.clear();
    m_pinned.clear();
    m_routeOf.clear();
    m_late.clear();
    m_offMap = 0;
    if (!m_problem)
        return;
    const auto& nodes = m_problem->instance.nodes;
    const std::size_t n = nodes.size();
    m_routeOf.assign(n, -1);
    m_late.assign(n, 0.0);
    for (int r = 0; r < int(m_plan.routes.size()); ++r) {
        const auto& route = m_plan.routes[std::size_t(r)];
        const auto f = lg::evaluateRoute(*m_problem, route.vehicle, route.stops);
        for (std::size_t i = 0; i < route.stops.size(); ++i) {
            m_routeOf[std::size_t(route.stops[i])] = r;
            m_late[std::size_t(route.stops[i])] = f.lateness[i];
        }
    }
    // The view frames the depot and the routed stops (or, before a plan, the stops within the 90th
    // percentile of distance): a few far-away stops must not shrink the city to a dot.
    std::vector<double> reach;
    for (std::size_t i = 1; i < n; ++i)
        reach.push_back(std::hypot(nodes[i].x - nodes[0].x, nodes[i].y - nodes[0].y));
    double limit = 0;
    bool anyRouted = false;
    for (std::size_t i = 1; i < n; ++i)
        if (m_routeOf[i] >= 0) {
            anyRouted = true;
            limit = std::max(limit, reach[i - 1]);
        }
    if (!anyRouted && !reach.empty()) {
        std::vector<double> sorted = reach;
        std::sort(sorted.begin(), sorted.end());
        limit = sorted[std::min(sorted.size() - 1, std::size_t(0.9 * double(sorted.size())))];
    }
    limit = std::max(limit, 1.0);
    double minX = nodes[0].x, maxX = nodes[0].x, minY = nodes[0].y, maxY = nodes[0].y;
    for (std::size_t i = 1; i < n; ++i)
        if (reach[i - 1] <= limit * 1.05) {
            minX = std::min(minX, nodes[i].x);
            maxX = std::max(maxX, nodes[i].x);
            minY = std::min(minY, nodes[i].y);
            maxY = std::max(maxY, nodes[i].y);
        }
    const double w = std::max(1.0, double(width()) - 2 * kMargin), h = std::max(1.0, double(height()) - 2 * kMargin);
    const double scale = std::min(w / std::max(maxX - minX, 1e-6), h / std::max(maxY - minY, 1e-6));
    const double cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
    m_screen.resize(n);
    m_pinned.assign(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        double x = width() / 2.0 + (nodes[i].x - cx) * scale;
        double y = height() / 2.0 - (nodes[i].y - cy) * scale; // north up
        if (x < kMargin / 2 || x > width() - kMargin / 2 || y < kMargin / 2 || y > height() - kMargin / 2) {
            m_pinned[i] = true;
            ++m_offMap;
            x = std::clamp(x, kMargin / 2, width() - kMargin / 2);
            y = std::clamp(y, kMargin / 2, height() - kMargin / 2);
        }
        m_screen[i] = QPointF(x, y);
    }
}

void RouteMapView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), QColor(0xf7, 0xf8, 0xfa));
    if (!m_problem || m_screen.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("Choose a delivery day to see its stops."));
        return;
    }
    // Routes.
    for (int r = 0; r < int(m_plan.routes.size()); ++r) {
        const auto& route = m_plan.routes[std::size_t(r)];
        if (route.stops.empty())
            continue;
        QPainterPath path(m_screen[0]);
        for (const int s : route.stops)
            path.lineTo(m_screen[std::size_t(s)]);
        path.lineTo(m_screen[0]);
        QPen pen(routeColor(r), r == m_highlight ? 3.5 : 2.0);
        if (route.locked)
            pen.setStyle(Qt::DashLine);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    }
    // Stops: fill by lateness, ring by route.
    for (std::size_t i = 1; i < m_screen.size(); ++i) {
        const int r = m_routeOf[i];
        QColor fill = r < 0 ? QColor(0xbb, 0xbb, 0xbb) : (m_late[i] > 1e-9 ? QColor(0xd6, 0x27, 0x28) : QColor(0x4c, 0xaf, 0x50));
        p.setPen(QPen(r < 0 ? QColor(0x77, 0x77, 0x77) : routeColor(r), 1.5));
        p.setBrush(m_pinned[i] ? QBrush(Qt::NoBrush) : QBrush(fill));
        if (int(i) == m_dragging)
            p.setBrush(QColor(0xff, 0xd5, 0x4f));
        p.drawEllipse(m_screen[i], 4.5, 4.5);
    }
    // Depot.
    p.setPen(QPen(Qt::black, 1.5));
    p.setBrush(QColor(0x33, 0x33, 0x33));
    p.drawRect(QRectF(m_screen[0] - QPointF(6, 6), QSizeF(12, 12)));
    p.setPen(Qt::black);
    p.drawText(m_screen[0] + QPointF(9, -8), QString::fromStdString(m_problem->depot));
    if (m_offMap > 0) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(6, 4, -6, -4), Qt::AlignLeft | Qt::AlignBottom,
                   tr("Stops too far to show, pinned to the edge (hollow): %1").arg(m_offMap));
    }
    // Drag ghost and hint.
    if (m_dragging > 0) {
        p.setPen(QPen(QColor(0x55, 0x55, 0x55), 1, Qt::DotLine));
        p.drawLine(m_screen[std::size_t(m_dragging)], m_dragPos);
        if (!m_hint.isEmpty()) {
            const QRectF box(m_dragPos + QPointF(12, 8), QSizeF(fontMetrics().horizontalAdvance(m_hint) + 12, fontMetrics().height() + 6));
            p.setPen(Qt::NoPen);
            p.setBrush(m_hintOk ? QColor(0xe8, 0xf5, 0xe9) : QColor(0xff, 0xeb, 0xee));
            p.drawRoundedRect(box, 4, 4);
            p.setPen(m_hintOk ? QColor(0x1b, 0x5e, 0x20) : QColor(0xb7, 0x1c, 0x1c));
            p.drawText(box, Qt::AlignCenter, m_hint);
        }
    }
}

int RouteMapView::nodeAt(const QPointF& pos) const
{
    int best = -1;
    double bestD = kPickRadius;
    for (std::size_t i = 1; i < m_screen.size(); ++i) {
        const double d = std::hypot(m_screen[i].x() - pos.x(), m_screen[i].y() - pos.y());
        if (d <= bestD) {
            bestD = d;
            best = int(i);
        }
    }
    return best;
}

std::pair<int, int> RouteMapView::insertionAt(const QPointF& pos, int exceptNode) const
{
    int bestRoute = -1, bestPos = -1;
    double bestD = kLineRadius;
    for (int r = 0; r < int(m_plan.routes.size()); ++r) {
        std::vector<int> stops;
        for (const int s : m_plan.routes[std::size_t(r)].stops)
            if (s != exceptNode)
                stops.push_back(s);
        if (stops.empty()) {
            // An empty route: dropping on the depot starts it.
            if (std::hypot(m_screen[0].x() - pos.x(), m_screen[0].y() - pos.y()) < bestD && bestRoute < 0) {
                bestRoute = r;
                bestPos = 0;
            }
            continue;
        }
        std::vector<QPointF> pts{m_screen[0]};
        for (const int s : stops)
            pts.push_back(m_screen[std::size_t(s)]);
        pts.push_back(m_screen[0]);
        for (std::size_t j = 0; j + 1 < pts.size(); ++j) {
            const double d = segmentDistance(pos, pts[j], pts[j + 1]);
            if (d < bestD) {
                bestD = d;
                bestRoute = r;
                bestPos = int(j);
            }
        }
    }
    return {bestRoute, bestPos};
}

void RouteMapView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !m_problem)
        return;
    const int node = nodeAt(event->position());
    if (node > 0) {
        m_dragging = node;
        m_dragPos = event->position();
        m_hint.clear();
        Q_EMIT stopSelected(node);
        update();
    }
}

void RouteMapView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_dragging <= 0) {
        const int node = nodeAt(event->position());
        if (node > 0 && m_problem) {
            const auto& s = m_problem->stops[std::size_t(node - 1)];
            setToolTip(tr("%1 · units: %2").arg(QString::fromStdString(s.orderRef)).arg(s.units));
        } else {
            setToolTip(QString());
        }
        return;
    }
    m_dragPos = event->position();
    const auto [route, position] = insertionAt(m_dragPos, m_dragging);
    if (route < 0)
        m_hint.clear();
    Q_EMIT dragOver(m_dragging, route, position);
    update();
}

void RouteMapView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_dragging <= 0)
        return;
    const int node = m_dragging;
    m_dragging = -1;
    m_hint.clear();
    const auto [route, position] = insertionAt(event->position(), node);
    if (route >= 0)
        Q_EMIT stopDropped(node, route, position);
    update();
}

} // namespace shoppilot::ui
