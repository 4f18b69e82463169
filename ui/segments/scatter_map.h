// The clusters' 2-D map (PCA coordinates, one dot per customer, coloured by cluster), painted
// directly: Qt Charts is reserved to ui/widgets and has no widget for a coloured scatter yet;
// painting keeps 100k dots cheap (at most kMaxDots are drawn, an even sample).
#pragma once

#include <QStringList>
#include <QVector>
#include <QWidget>

namespace shoppilot::ui {

class ScatterMap : public QWidget {
    Q_OBJECT
public:
    explicit ScatterMap(QWidget* parent = nullptr);
    // xy holds n x 2 coordinates (row-major), label one cluster per row; names one per cluster.
    void setPoints(const QVector<float>& xy, const QVector<int>& label, const QStringList& names);
    void setEmptyText(const QString& text);
    void clear();
    int pointCount() const { return int(m_label.size()); }
    static QColor clusterColor(int cluster);
    QSize sizeHint() const override { return {420, 320}; }

    static constexpr int kMaxDots = 20000;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QVector<float> m_xy;
    QVector<int> m_label;
    QStringList m_names;
    QString m_emptyText;
    float m_minX = 0, m_maxX = 1, m_minY = 0, m_maxY = 1;
};

} // namespace shoppilot::ui
