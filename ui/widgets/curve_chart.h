// An x-y chart for model curves: lines with shaded uncertainty bands, greyed zones where the
// curve is an extrapolation, a vertical marker that moves cheaply (a slider's value), or a scatter
// of observations with a fitted line. Like ChartView it hides Qt Charts behind plain values.
#pragma once

#include <QColor>
#include <QImage>
#include <QPointF>
#include <QString>
#include <QVector>
#include <QWidget>

class QChart;
class QLabel;
class QLineSeries;
class QStackedLayout;
class QValueAxis;

namespace shoppilot::ui {

class CachedChartView;

class CurveChart : public QWidget {
    Q_OBJECT
public:
    struct Curve {
        QString name;
        QVector<double> y, low, high; // low/high empty: no band
        QColor color;
    };

    explicit CurveChart(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    QString title() const { return m_title; }
    void setEmptyText(const QString& text);
    QString emptyText() const { return m_emptyText; }

    // Curves over ascending `x`; x < shadeBelow and x > shadeAbove are drawn as extrapolation.
    void setCurves(const QVector<double>& x, const QVector<Curve>& curves, double shadeBelow, double shadeAbove,
                   const QString& xTitle, const QString& yTitle);
    // Moves the vertical marker (only the marker is redrawn).
    void setMarker(double x);
    double marker() const { return m_markerX; }
    // Points (x, y) as a scatter, `highlighted` as a second colour (e.g. promotion weeks), and a line.
    void setScatter(const QVector<QPointF>& points, const QVector<QPointF>& highlighted, const QVector<QPointF>& line,
                    const QString& pointsName, const QString& highlightName, const QString& lineName,
                    const QString& xTitle, const QString& yTitle);
    void clear();

    bool isEmpty() const { return m_empty; }
    int curveCount() const { return m_curveCount; }
    int pointCount() const { return m_pointCount; }
    QImage toImage(double scale = 1.0) const;

private:
    QChart* newChart();
    void showChart(QChart* chart);
    void placeMarker();

    CachedChartView* m_view = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QStackedLayout* m_stack = nullptr;
    bool m_hasMarker = false;
    QValueAxis* m_yAxis = nullptr;
    QString m_title, m_emptyText;
    bool m_empty = true;
    int m_curveCount = 0, m_pointCount = 0;
    double m_markerX = 0;
};

} // namespace shoppilot::ui
