#include "widgets/xy_chart_view.h"

#include "widgets/chart_frame.h"

#include <QLabel>
#include <QPainter>
#include <QStackedLayout>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QStackedBarSeries>
#include <QtCharts/QValueAxis>
#include <algorithm>

namespace shoppilot::ui {

XyChartView::XyChartView(QWidget* parent) : QWidget(parent)
{
    const ChartFrame frame = makeChartFrame(this);
    m_view = frame.view;
    m_emptyLabel = frame.emptyLabel;
    m_stack = frame.stack;
    clear();
}

void XyChartView::setTitle(const QString& title)
{
    m_title = title;
    if (m_view->chart())
        m_view->chart()->setTitle(title);
}

void XyChartView::setEmptyText(const QString& text)
{
    m_emptyLabel->setText(text);
}

void XyChartView::clear()
{
    m_empty = true;
    m_seriesCount = 0;
    m_stack->setCurrentWidget(m_emptyLabel);
}

void XyChartView::show(QChart* chart)
{
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    QFont f = font();
    f.setBold(true);
    chart->setTitleFont(f);
    chart->setTitle(m_title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    QChart* old = m_view->chart();
    m_view->setChart(chart);
    delete old;
    m_empty = false;
    m_stack->setCurrentWidget(m_view);
}

void XyChartView::setColumns(const QStringList& categories, const QVector<Columns>& series, const QString& valueAxisTitle,
                             bool stacked, bool logScale)
{
    if (categories.isEmpty() || series.isEmpty()) {
        clear();
        return;
    }
    auto* chart = new QChart;
    QAbstractBarSeries* bars = stacked ? static_cast<QAbstractBarSeries*>(new QStackedBarSeries) : new QBarSeries;
    double top = 1;
    QVector<double> totals(categories.size(), 0);
    for (const auto& s : series) {
        auto* set = new QBarSet(s.name);
        for (int i = 0; i < categories.size(); ++i) {
            const double v = i < s.values.size() ? s.values[i] : 0;
            // A log axis cannot show zero: empty cells stay empty.
            *set << (logScale && v <= 0 ? 0 : v);
            totals[i] += v;
        }
        bars->append(set);
    }
    for (const auto& s : series)
        for (double v : s.values)
            top = std::max(top, v);
    if (stacked)
        for (double t : totals)
            top = std::max(top, t);
    chart->addSeries(bars);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    if (categories.size() > 8)
        x->setLabelsAngle(-90); // many columns: upright labels instead of "…"
    chart->addAxis(x, Qt::AlignBottom);
    bars->attachAxis(x);
    if (logScale) {
        auto* y = new QLogValueAxis;
        y->setBase(10);
        y->setRange(0.5, top * 2);
        y->setLabelFormat(QStringLiteral("%g"));
        y->setTitleText(valueAxisTitle);
        chart->addAxis(y, Qt::AlignLeft);
        bars->attachAxis(y);
    } else {
        auto* y = new QValueAxis;
        y->setRange(0, top * 1.05);
        y->applyNiceNumbers();
        y->setLabelFormat(top >= 10 ? QStringLiteral("%.0f") : QStringLiteral("%.1f"));
        y->setTitleText(valueAxisTitle);
        chart->addAxis(y, Qt::AlignLeft);
        bars->attachAxis(y);
    }
    m_seriesCount = int(series.size());
    show(chart);
}

void XyChartView::setLines(const QVector<Line>& lines, const QString& xTitle, const QString& yTitle, double xMin,
                           double xMax, double yMin, double yMax, double markerX)
{
    if (lines.isEmpty() || std::all_of(lines.begin(), lines.end(), [](const Line& l) { return l.points.isEmpty(); })) {
        clear();
        return;
    }
    auto* chart = new QChart;
    auto* x = new QValueAxis;
    x->setRange(xMin, xMax);
    x->setTitleText(xTitle);
    x->setLabelFormat(QStringLiteral("%.2f"));
    auto* y = new QValueAxis;
    y->setRange(yMin, yMax);
    y->setTitleText(yTitle);
    y->setLabelFormat(QStringLiteral("%.2f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (const auto& l : lines) {
        auto* s = new QLineSeries;
        s->setName(l.name);
        s->append(QList<QPointF>(l.points.begin(), l.points.end()));
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
    if (markerX >= xMin && markerX <= xMax) {
        auto* m = new QLineSeries;
        m->setName(tr("Threshold"));
        m->append(markerX, yMin);
        m->append(markerX, yMax);
        QPen pen(Qt::DashLine);
        pen.setColor(QColor(200, 60, 60));
        m->setPen(pen);
        chart->addSeries(m);
        m->attachAxis(x);
        m->attachAxis(y);
    }
    m_seriesCount = int(lines.size());
    show(chart);
}

} // namespace shoppilot::ui
