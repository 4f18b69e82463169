// Two chart types the Risk panel's threshold view needs and ChartView lacks: columns over
// categories (a score histogram split by label) and lines over a numeric x axis (a precision-
// recall curve) with an optional vertical marker. Like ChartView it hides Qt Charts behind plain
// values, so swapping the chart library stays a ui/widgets matter.
#pragma once

#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QStackedLayout;

namespace shoppilot::ui {

class XyChartView : public QWidget {
    Q_OBJECT
public:
    struct Columns {
        QString name;
        QVector<double> values; // one per category
    };
    struct Line {
        QString name;
        QVector<QPointF> points;
    };

    explicit XyChartView(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    void setEmptyText(const QString& text);
    // Columns, categories left to right, side by side or stacked; a log value axis leaves zero
    // cells empty.
    void setColumns(const QStringList& categories, const QVector<Columns>& series, const QString& valueAxisTitle,
                    bool stacked = false, bool logScale = false);
    // Lines on [xMin, xMax] x [yMin, yMax]; a marker at x = markerX when markerX is in range.
    void setLines(const QVector<Line>& lines, const QString& xTitle, const QString& yTitle, double xMin, double xMax,
                  double yMin, double yMax, double markerX = -1);
    void clear();
    bool isEmpty() const { return m_empty; }
    int seriesCount() const { return m_seriesCount; }

private:
    void show(QChart* chart);
    QChartView* m_view = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QStackedLayout* m_stack = nullptr;
    QString m_title;
    bool m_empty = true;
    int m_seriesCount = 0;
};

} // namespace shoppilot::ui
