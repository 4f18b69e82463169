// What the chart widgets of ui/widgets share: a frameless, antialiased QChartView stacked over a
// word-wrapped "no data" label, and new charts in one style (no animation, localised numbers,
// bold title, small legend at the bottom). One place, so swapping the chart library stays small.
#pragma once

#include <QChartView>
#include <QFont>
#include <QLineF>
#include <QPixmap>

class QChart;
class QLabel;
class QStackedLayout;
class QString;
class QWidget;

namespace shoppilot::ui {

// A chart view that paints its scene once into a pixmap and then repaints from it (a tab switch,
// an expose, a moved marker) until the scene changes or the view is resized. Painting a chart
// with bands on a software raster costs 15-40 ms; a panel with four of them stalled the window on
// every tab switch. A dashed vertical line (a slider's value) is drawn over the pixmap, so moving
// it repaints nothing of the chart.
class CachedChartView : public QChartView {
public:
    CachedChartView();
    // The overlay line in scene coordinates; hidden when `visible` is false.
    void setOverlayLine(const QLineF& sceneLine, bool visible);
    bool overlayVisible() const { return m_overlayVisible; }
    QLineF overlayLine() const { return m_overlay; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool viewportEvent(QEvent* event) override;

private:
    QPixmap m_cache;
    bool m_dirty = true;
    QLineF m_overlay;
    bool m_overlayVisible = false;
    bool m_shownOnce = false;
};

struct ChartFrame {
    CachedChartView* view = nullptr;
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
