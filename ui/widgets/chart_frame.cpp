#include "widgets/chart_frame.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLegend>
#include <QLocale>
#include <QMargins>
#include <QStackedLayout>
#include <QWidget>

namespace shoppilot::ui {

ChartFrame makeChartFrame(QWidget* owner)
{
    ChartFrame f;
    f.view = new QChartView;
    f.view->setRenderHint(QPainter::Antialiasing);
    f.view->setFrameShape(QFrame::NoFrame);
    f.emptyLabel = new QLabel;
    f.emptyLabel->setAlignment(Qt::AlignCenter);
    f.emptyLabel->setWordWrap(true);
    f.emptyLabel->setStyleSheet(QStringLiteral("color: palette(mid);"));
    f.stack = new QStackedLayout(owner);
    f.stack->setContentsMargins(0, 0, 0, 0);
    f.stack->addWidget(f.view);
    f.stack->addWidget(f.emptyLabel);
    return f;
}

QFont scaledFont(const QWidget* owner, double scale)
{
    QFont f = owner->font();
    f.setPointSizeF(f.pointSizeF() * scale);
    return f;
}

QChart* newStyledChart(const QWidget* owner, const QString& title, int margin, double legendScale)
{
    auto* chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setLocale(QLocale());
    chart->setLocalizeNumbers(true);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(margin, margin, margin, margin));
    QFont titleFont = owner->font();
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->setTitle(title);
    chart->legend()->setFont(scaledFont(owner, legendScale));
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

} // namespace shoppilot::ui
