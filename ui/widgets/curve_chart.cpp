#include "widgets/curve_chart.h"

#include "widgets/chart_frame.h"

#include <QGraphicsLineItem>
#include <QGraphicsScene>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QStackedLayout>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>
#include <algorithm>
#include <cmath>

namespace shoppilot::ui {

namespace {

QValueAxis* valueAxis(const QWidget* w, const QString& title, double lo, double hi)
{
    auto* a = new QValueAxis;
    a->setTitleText(title);
    a->setTitleFont(scaledFont(w, 0.85));
    a->setLabelsFont(scaledFont(w, 0.8));
    if (!(hi > lo)) {
        lo -= 1;
        hi += 1;
    }
    a->setRange(lo, hi);
    a->setTickCount(5);
    a->applyNiceNumbers();
    return a;
}

} // namespace

CurveChart::CurveChart(QWidget* parent) : QWidget(parent)
{
    const ChartFrame frame = makeChartFrame(this);
    m_view = frame.view;
    m_emptyLabel = frame.emptyLabel;
    m_stack = frame.stack;
    m_view->setChart(newChart());
    clear();
}

QChart* CurveChart::newChart()
{
    return newStyledChart(this, m_title, 2, 0.8);
}

void CurveChart::showChart(QChart* chart)
{
    QChart* old = m_view->chart();
    m_view->setChart(chart);
    delete old;
    if (!m_hasMarker)
        m_view->setOverlayLine({}, false);
    m_stack->setCurrentWidget(m_empty ? static_cast<QWidget*>(m_emptyLabel) : m_view);
}

void CurveChart::setTitle(const QString& title)
{
    m_title = title;
    m_view->chart()->setTitle(title);
    m_emptyLabel->setText(m_emptyText.isEmpty() ? title : title + QStringLiteral("\n\n") + m_emptyText);
}

void CurveChart::setEmptyText(const QString& text)
{
    m_emptyText = text;
    setTitle(m_title);
}

void CurveChart::clear()
{
    m_empty = true;
    m_curveCount = 0;
    m_pointCount = 0;
    m_hasMarker = false;
    m_yAxis = nullptr;
    showChart(newChart());
}

void CurveChart::setCurves(const QVector<double>& x, const QVector<Curve>& curves, double shadeBelow, double shadeAbove,
                           const QString& xTitle, const QString& yTitle)
{
    m_hasMarker = false;
    m_pointCount = 0;
    m_curveCount = int(curves.size());
    m_empty = x.size() < 2 || curves.isEmpty();
    QChart* chart = newChart();
    if (m_empty) {
        m_yAxis = nullptr;
        showChart(chart);
        return;
    }
    double lo = INFINITY, hi = -INFINITY;
    for (const auto& c : curves) {
        for (const auto* v : {&c.y, &c.low, &c.high})
            for (double y : *v)
                if (std::isfinite(y)) {
                    lo = std::min(lo, y);
                    hi = std::max(hi, y);
                }
    }
    lo = std::min(lo, 0.0);
    auto* xAxis = valueAxis(this, xTitle, x.front(), x.back());
    xAxis->setRange(x.front(), x.back()); // the price grid's own ends, not rounded
    xAxis->setTickCount(4);
    xAxis->setLabelFormat(x.back() - x.front() >= 6 ? QStringLiteral("%.0f") : QStringLiteral("%.2f"));
    auto* yAxis = valueAxis(this, yTitle, lo, hi * 1.05);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    m_yAxis = yAxis;
    auto attach = [&](QAbstractSeries* s) {
        chart->addSeries(s);
        s->attachAxis(xAxis);
        s->attachAxis(yAxis);
    };
    // Extrapolation zones first, so curves draw over them.
    auto zone = [&](double a, double b) {
        if (!(b > a))
            return;
        auto* up = new QLineSeries;
        auto* down = new QLineSeries;
        up->append(a, yAxis->max());
        up->append(b, yAxis->max());
        down->append(a, yAxis->min());
        down->append(b, yAxis->min());
        auto* area = new QAreaSeries(up, down);
        area->setPen(Qt::NoPen);
        area->setBrush(QColor(128, 128, 128, 40));
        attach(area);
        chart->legend()->markers(area).value(0)->setVisible(false);
    };
    zone(x.front(), std::min(shadeBelow, x.back()));
    zone(std::max(shadeAbove, x.front()), x.back());
    for (const auto& c : curves) {
        if (!c.low.isEmpty() && c.low.size() == x.size() && c.high.size() == x.size()) {
            auto* up = new QLineSeries;
            auto* down = new QLineSeries;
            for (int i = 0; i < x.size(); ++i) {
                up->append(x[i], c.high[i]);
                down->append(x[i], c.low[i]);
            }
            auto* band = new QAreaSeries(up, down);
            QColor fill = c.color;
            fill.setAlpha(45);
            band->setPen(Qt::NoPen);
            band->setBrush(fill);
            attach(band);
            chart->legend()->markers(band).value(0)->setVisible(false);
        }
        auto* line = new QLineSeries;
        line->setName(c.name);
        for (int i = 0; i < x.size() && i < c.y.size(); ++i)
            line->append(x[i], c.y[i]);
        line->setPen(QPen(c.color, 2));
        attach(line);
    }
    m_hasMarker = true;
    connect(chart, &QChart::plotAreaChanged, this, &CurveChart::placeMarker);
    // One curve: the title names it, a legend would only take room from the plot.
    chart->legend()->setVisible(curves.size() > 1);
    showChart(chart);
    placeMarker();
}

void CurveChart::setMarker(double x)
{
    m_markerX = x;
    placeMarker();
}

void CurveChart::placeMarker()
{
    QChart* chart = m_view->chart();
    if (!m_hasMarker || !m_yAxis || !chart) {
        m_view->setOverlayLine({}, false);
        return;
    }
    const QPointF top = chart->mapToPosition(QPointF(m_markerX, m_yAxis->max()));
    const QPointF bottom = chart->mapToPosition(QPointF(m_markerX, m_yAxis->min()));
    m_view->setOverlayLine(QLineF(chart->mapToScene(top), chart->mapToScene(bottom)),
                           m_markerX >= chart->mapToValue(chart->plotArea().topLeft()).x() - 1e-9
                               && m_markerX <= chart->mapToValue(chart->plotArea().bottomRight()).x() + 1e-9);
}

void CurveChart::setScatter(const QVector<QPointF>& points, const QVector<QPointF>& highlighted, const QVector<QPointF>& line,
                            const QString& pointsName, const QString& highlightName, const QString& lineName,
                            const QString& xTitle, const QString& yTitle)
{
    m_hasMarker = false;
    m_curveCount = line.isEmpty() ? 0 : 1;
    m_pointCount = int(points.size() + highlighted.size());
    m_empty = m_pointCount == 0;
    QChart* chart = newChart();
    if (m_empty) {
        m_yAxis = nullptr;
        showChart(chart);
        return;
    }
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (const auto* v : {&points, &highlighted, &line})
        for (const auto& p : *v) {
            x0 = std::min(x0, p.x());
            x1 = std::max(x1, p.x());
            y0 = std::min(y0, p.y());
            y1 = std::max(y1, p.y());
        }
    const double padX = std::max(0.02, (x1 - x0) * 0.08), padY = std::max(0.1, (y1 - y0) * 0.08);
    auto* xAxis = valueAxis(this, xTitle, x0 - padX, x1 + padX);
    xAxis->setTickCount(4);
    xAxis->setLabelFormat(QStringLiteral("%.1f"));
    auto* yAxis = valueAxis(this, yTitle, y0 - padY, y1 + padY);
    yAxis->setLabelFormat(QStringLiteral("%.1f"));
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    m_yAxis = yAxis;
    auto add = [&](const QVector<QPointF>& pts, const QString& name, const QColor& color) {
        if (pts.isEmpty())
            return;
        auto* s = new QScatterSeries;
        s->setName(name);
        s->setMarkerSize(7);
        s->setColor(color);
        s->setBorderColor(color.darker(130));
        for (const auto& p : pts)
            s->append(p);
        chart->addSeries(s);
        s->attachAxis(xAxis);
        s->attachAxis(yAxis);
    };
    add(points, pointsName, QColor(QStringLiteral("#4e79a7")));
    add(highlighted, highlightName, QColor(QStringLiteral("#f28e2b")));
    if (!line.isEmpty()) {
        auto* l = new QLineSeries;
        l->setName(lineName);
        l->setPen(QPen(QColor(QStringLiteral("#e15759")), 2));
        for (const auto& p : line)
            l->append(p);
        chart->addSeries(l);
        l->attachAxis(xAxis);
        l->attachAxis(yAxis);
    }
    showChart(chart);
}

QImage CurveChart::toImage(double scale) const
{
    QWidget* source = m_empty ? static_cast<QWidget*>(m_emptyLabel) : m_view->viewport();
    const QSize logical = source->size().expandedTo(QSize(1, 1));
    QImage image(logical * scale, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_empty) {
        painter.scale(scale, scale);
        painter.drawText(QRect(QPoint(0, 0), logical), Qt::AlignCenter | Qt::TextWordWrap, m_emptyLabel->text());
    } else {
        m_view->render(&painter, QRectF(image.rect()), m_view->viewport()->rect(), Qt::KeepAspectRatio);
        if (m_view->overlayVisible()) { // the marker is painted over the chart, not part of its scene
            painter.scale(scale, scale);
            painter.setPen(QPen(QColor(0x33, 0x33, 0x33), 1, Qt::DashLine));
            painter.drawLine(QLineF(m_view->mapFromScene(m_view->overlayLine().p1()),
                                    m_view->mapFromScene(m_view->overlayLine().p2())));
        }
    }
    painter.end();
    return image;
}

} // namespace shoppilot::ui
