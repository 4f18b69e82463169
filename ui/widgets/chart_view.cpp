#include "widgets/chart_view.h"

#include "widgets/chart_frame.h"

#include <QAction>
#include <QApplication>
#include <QCursor>
#include <QDateTime>
#include <QEvent>
#include <QFileDialog>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QRegularExpression>
#include <QStackedLayout>
#include <QStyle>
#include <QToolButton>
#include <QToolTip>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QHorizontalBarSeries>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>
#include <algorithm>
#include <cmath>

namespace shoppilot::ui {

namespace {

constexpr int kMaxCategoryChars = 18;

QString elide(const QString& s)
{
    return s.size() <= kMaxCategoryChars ? s : s.left(kMaxCategoryChars - 1) + QChar(0x2026);
}

// Axis maximum with some headroom; QValueAxis::applyNiceNumbers then rounds it.
double axisMax(const QVector<double>& values)
{
    const double m = values.isEmpty() ? 0.0 : *std::max_element(values.begin(), values.end());
    return m > 0 ? m * 1.05 : 1.0;
}

// Local midnight of a calendar date: QDateTimeAxis shows local time, so a bucket labelled
// "1 Oct" must sit on local midnight whatever the time zone.
qreal xOf(const QDate& d)
{
    return qreal(d.startOfDay().toMSecsSinceEpoch());
}

// A value axis from 0 with round ticks, labelled without decimals when the ticks are whole.
void setUpValueAxis(QValueAxis* axis, const QVector<double>& values, int ticks)
{
    axis->setRange(0, axisMax(values));
    axis->setTickCount(ticks);
    axis->applyNiceNumbers();
    const double interval = (axis->max() - axis->min()) / std::max(1, axis->tickCount() - 1);
    axis->setLabelFormat(interval == std::floor(interval) ? QStringLiteral("%.0f") : QStringLiteral("%.1f"));
}


} // namespace

ChartView::ChartView(QWidget* parent) : QWidget(parent)
{
    const ChartFrame frame = makeChartFrame(this);
    m_view = frame.view;
    m_emptyLabel = frame.emptyLabel;
    m_stack = frame.stack;
    m_emptyLabel->setObjectName(QStringLiteral("chartEmptyLabel"));

    auto* exportAction = new QAction(style()->standardIcon(QStyle::SP_DialogSaveButton), QString(), this);
    exportAction->setObjectName(QStringLiteral("exportPngAction"));
    connect(exportAction, &QAction::triggered, this, &ChartView::exportPngInteractive);
    m_view->addAction(exportAction);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto* button = new QToolButton(m_view);
    button->setObjectName(QStringLiteral("exportPngButton"));
    button->setAutoRaise(true);
    button->setIconSize(QSize(14, 14));
    button->setDefaultAction(exportAction);
    button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    button->move(2, 2);

    m_view->setChart(newChart());
    retranslate();
    clear();
}

QChart* ChartView::newChart()
{
    return newStyledChart(this, m_title, 4, 0.9);
}

void ChartView::showChart(QChart* chart)
{
    QChart* old = m_view->chart();
    m_view->setChart(chart); // the view releases, not deletes, the previous chart
    delete old;
    m_stack->setCurrentWidget(m_empty ? static_cast<QWidget*>(m_emptyLabel) : m_view);
}

void ChartView::setTitle(const QString& title)
{
    m_title = title;
    m_view->chart()->setTitle(title);
    m_emptyLabel->setText(m_emptyText.isEmpty() ? title : title + QStringLiteral("\n\n") + m_emptyText);
}

void ChartView::setEmptyText(const QString& text)
{
    m_emptyText = text;
    setTitle(m_title);
}

void ChartView::clear()
{
    m_empty = true;
    m_barCount = 0;
    showChart(newChart());
}

void ChartView::setTimeSeries(const QVector<QDate>& dates, const Series& area, const Series& line,
                              const QString& areaAxisTitle, const QString& lineAxisTitle, const QString& dateFormat)
{
    m_barCount = 0;
    m_empty = dates.isEmpty();
    QChart* chart = newChart();
    if (m_empty) {
        showChart(chart);
        return;
    }
    const QFont axisFont = scaledFont(this, 0.85);

    auto* upper = new QLineSeries;
    for (int i = 0; i < dates.size() && i < area.values.size(); ++i)
        upper->append(xOf(dates[i]), area.values[i]);
    auto* areaSeries = new QAreaSeries(upper);
    areaSeries->setName(area.name);
    QColor fill(QStringLiteral("#4e79a7"));
    areaSeries->setPen(QPen(fill, 2));
    fill.setAlpha(90);
    areaSeries->setBrush(fill);
    chart->addSeries(areaSeries);

    auto* x = new QDateTimeAxis;
    x->setFormat(dateFormat);
    x->setLabelsFont(axisFont);
    x->setTickCount(std::clamp(int(dates.size()), 2, 8));
    QDate last = dates.last();
    if (last == dates.first())
        last = last.addDays(1);
    x->setRange(dates.first().startOfDay(), last.startOfDay());
    chart->addAxis(x, Qt::AlignBottom);
    areaSeries->attachAxis(x);

    auto* y = new QValueAxis;
    y->setTitleText(areaAxisTitle);
    y->setTitleFont(axisFont);
    y->setLabelsFont(axisFont);
    setUpValueAxis(y, area.values, 5);
    chart->addAxis(y, Qt::AlignLeft);
    areaSeries->attachAxis(y);

    if (!line.values.isEmpty()) {
        auto* lineSeries = new QLineSeries;
        lineSeries->setName(line.name);
        for (int i = 0; i < dates.size() && i < line.values.size(); ++i)
            lineSeries->append(xOf(dates[i]), line.values[i]);
        lineSeries->setPen(QPen(QColor(QStringLiteral("#f28e2b")), 2));
        lineSeries->setPointsVisible(dates.size() <= 40);
        chart->addSeries(lineSeries);
        auto* y2 = new QValueAxis;
        y2->setTitleText(lineAxisTitle);
        y2->setTitleFont(axisFont);
        y2->setLabelsFont(axisFont);
        setUpValueAxis(y2, line.values, 5);
        y2->setGridLineVisible(false);
        chart->addAxis(y2, Qt::AlignRight);
        lineSeries->attachAxis(x);
        lineSeries->attachAxis(y2);
    }
    showChart(chart);
}

void ChartView::setBars(const QStringList& categories, const Series& values, const QString& valueAxisTitle)
{
    const int n = int(std::min(categories.size(), values.values.size()));
    m_barCount = n;
    m_empty = n == 0;
    QChart* chart = newChart();
    if (m_empty) {
        showChart(chart);
        return;
    }
    chart->legend()->hide();
    const QFont axisFont = scaledFont(this, 0.85);

    // Horizontal bars are drawn bottom-up: feed them reversed so the first row is on top.
    auto* set = new QBarSet(values.name);
    set->setColor(QColor(QStringLiteral("#4e79a7")));
    QStringList labels;
    for (int i = n - 1; i >= 0; --i) {
        set->append(values.values[i]);
        labels << elide(categories[i]);
    }
    connect(set, &QBarSet::clicked, this, [this, n](int index) { Q_EMIT barClicked(n - 1 - index); });
    connect(set, &QBarSet::hovered, this, [categories, values, n](bool on, int index) {
        const int i = n - 1 - index;
        if (on && i >= 0 && i < n)
            QToolTip::showText(QCursor::pos(), categories[i] + QStringLiteral(": ") + QLocale().toString(values.values[i], 'f', 0));
        else
            QToolTip::hideText();
    });
    auto* series = new QHorizontalBarSeries;
    series->append(set);
    series->setBarWidth(0.7);
    chart->addSeries(series);

    auto* cats = new QBarCategoryAxis;
    cats->append(labels);
    cats->setLabelsFont(axisFont);
    cats->setGridLineVisible(false);
    cats->setTruncateLabels(false); // names are elided above; Qt would cut them to "..."
    chart->addAxis(cats, Qt::AlignLeft);
    series->attachAxis(cats);

    auto* v = new QValueAxis;
    v->setTitleText(valueAxisTitle);
    v->setTitleFont(axisFont);
    v->setLabelsFont(axisFont);
    setUpValueAxis(v, values.values, 4);
    chart->addAxis(v, Qt::AlignBottom);
    series->attachAxis(v);
    showChart(chart);
}

QPoint ChartView::barCenter(int index) const
{
    if (index < 0 || index >= m_barCount)
        return {};
    QChart* chart = m_view->chart();
    const auto series = chart->series();
    if (series.isEmpty())
        return {};
    auto* bars = qobject_cast<QHorizontalBarSeries*>(series.first());
    if (!bars || bars->barSets().isEmpty())
        return {};
    const int drawn = m_barCount - 1 - index;
    const QPointF inChart = chart->mapToPosition(QPointF(bars->barSets().first()->at(drawn) / 2, drawn), bars);
    return m_view->mapFromScene(chart->mapToScene(inChart));
}

QWidget* ChartView::viewport() const
{
    return m_view->viewport();
}

QImage ChartView::toImage(double scale) const
{
    QWidget* source = m_empty ? static_cast<QWidget*>(m_emptyLabel) : m_view->viewport();
    const QSize logical = source->size().expandedTo(QSize(1, 1));
    QImage image(logical * scale, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    if (m_empty) {
        painter.scale(scale, scale);
        painter.setFont(m_emptyLabel->font());
        painter.drawText(QRect(QPoint(0, 0), logical), Qt::AlignCenter | Qt::TextWordWrap, m_emptyLabel->text());
    } else {
        // Render the scene, not a screen grab: works for hidden views and any scale.
        m_view->render(&painter, QRectF(image.rect()), m_view->viewport()->rect(), Qt::KeepAspectRatio);
    }
    painter.end();
    return image;
}

bool ChartView::exportPng(const QString& path, double scale) const
{
    return toImage(scale).save(path, "PNG");
}

void ChartView::exportPngInteractive()
{
    QString name = m_title.isEmpty() ? QStringLiteral("chart") : m_title;
    name.replace(QRegularExpression(QStringLiteral("[^\\w\\-]+")), QStringLiteral("_"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart as PNG"), name + QStringLiteral(".png"),
                                                      tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (!exportPng(path))
        QMessageBox::warning(this, tr("Export chart as PNG"), tr("Could not write %1.").arg(path));
}

void ChartView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ChartView::retranslate()
{
    if (auto* action = findChild<QAction*>(QStringLiteral("exportPngAction"))) {
        action->setText(tr("Export PNG…"));
        action->setToolTip(tr("Export this chart as a PNG image"));
    }
}

} // namespace shoppilot::ui
