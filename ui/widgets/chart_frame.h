// What the chart widgets of ui/widgets share: a frameless, antialiased QChartView stacked over a
// word-wrapped "no data" label, and new charts in one style (no animation, localised numbers,
// bold title, small legend at the bottom). One place, so swapping the chart library stays small.
#pragma once

#include <QFont>

class QChart;
class QChartView;
class QLabel;
class QStackedLayout;
class QString;
class QWidget;

namespace shoppilot::ui {

struct ChartFrame {
    QChartView* view = nullptr;
    QLabel* emptyLabel = nullptr;
    QStackedLayout* stack = nullptr; // owned by `owner`, view first, label second
};

// Builds the view and the label as children of `owner`, which gets the stacked layout.
ChartFrame makeChartFrame(QWidget* owner);

// `owner`'s font scaled by `scale` (axis labels, legends).
QFont scaledFont(const QWidget* owner, double scale);

// A new, empty chart in the app's style; `margin` pixels around it, legend at `legendScale`.
QChart* newStyledChart(const QWidget* owner, const QString& title, int margin, double legendScale);

} // namespace shoppilot::ui
