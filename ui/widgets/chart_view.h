// The one chart widget every panel uses. It hides Qt Charts (deprecated upstream from Qt 6.10)
// behind a small API of plain values, so the chart library can be swapped here alone. It offers
// "Export PNG…" in its context menu and renders itself to a QImage for reports.
#pragma once

#include <QDate>
#include <QImage>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QStackedLayout;

namespace shoppilot::ui {

class ChartView : public QWidget {
    Q_OBJECT
public:
    struct Series {
        QString name;
        QVector<double> values;
    };

    explicit ChartView(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    QString title() const { return m_title; }
    // Shown instead of the chart when there is nothing to plot.
    void setEmptyText(const QString& text);
    QString emptyText() const { return m_emptyText; }

    // A time series: `area` filled on the left axis, `line` on the right axis (skipped when it has
    // no values). `dates` are the bucket starts (calendar dates); dateFormat labels the x axis.
    void setTimeSeries(const QVector<QDate>& dates, const Series& area, const Series& line,
                       const QString& areaAxisTitle, const QString& lineAxisTitle, const QString& dateFormat);
    // Horizontal bars, the first category at the top. Clicking a bar emits barClicked(index).
    void setBars(const QStringList& categories, const Series& values, const QString& valueAxisTitle);
    void clear();

    bool isEmpty() const { return m_empty; }
    int barCount() const { return m_barCount; }
    // Where bar `index` is drawn, in viewport() coordinates (tests click it).
    QPoint barCenter(int index) const;
    QWidget* viewport() const;

    // The chart as an image of its on-screen layout, `scale` times its size (drawn as vectors,
    // so a report's 2x image is sharp), for reports and exports.
    QImage toImage(double scale = 1.0) const;
    bool exportPng(const QString& path, double scale = 1.0) const;

public Q_SLOTS:
    // Asks for a file name, then exports.
    void exportPngInteractive();

Q_SIGNALS:
    void barClicked(int index);

protected:
    void changeEvent(QEvent* event) override;

private:
    QChart* newChart();
    void showChart(QChart* chart);
    void retranslate();

    QChartView* m_view = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QStackedLayout* m_stack = nullptr;
    QString m_title;
    QString m_emptyText;
    bool m_empty = true;
    int m_barCount = 0;
};

} // namespace shoppilot::ui
