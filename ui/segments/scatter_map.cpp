#include "segments/scatter_map.h"

#include <QPainter>
#include <QPaintEvent>
#include <algorithm>
#include <iterator>

namespace shoppilot::ui {

ScatterMap::ScatterMap(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(260, 200);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

QColor ScatterMap::clusterColor(int cluster)
{
    static const QColor kColors[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                     QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75),
                                     QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34),
                                     QColor(23, 190, 207)};
    const int n = int(std::size(kColors));
    return kColors[((cluster % n) + n) % n];
}

void ScatterMap::setPoints(const QVector<float>& xy, const QVector<int>& label, const QStringList& names)
{
    m_xy = xy;
    m_label = label;
    m_names = names;
    if (!m_label.isEmpty()) {
        m_minX = m_maxX = m_xy[0];
        m_minY = m_maxY = m_xy[1];
        for (int i = 0; i < m_label.size(); ++i) {
            m_minX = std::min(m_minX, m_xy[2 * i]);
            m_maxX = std::max(m_maxX, m_xy[2 * i]);
            m_minY = std::min(m_minY, m_xy[2 * i + 1]);
            m_maxY = std::max(m_maxY, m_xy[2 * i + 1]);
        }
        if (m_maxX - m_minX < 1e-6f)
            m_maxX = m_minX + 1;
        if (m_maxY - m_minY < 1e-6f)
            m_maxY = m_minY + 1;
    }
    update();
}

void ScatterMap::setEmptyText(const QString& text)
{
    m_emptyText = text;
    update();
}

void ScatterMap::clear()
{
    m_xy.clear();
    m_label.clear();
    m_names.clear();
    update();
}

void ScatterMap::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, true);
    const QRect area = rect().adjusted(8, 8, -8, -8);
    if (m_label.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
        return;
    }
    // Legend on the right, one line per cluster.
    const QFontMetrics fm(font());
    int legendWidth = 0;
    for (const auto& name : m_names)
        legendWidth = std::max(legendWidth, fm.horizontalAdvance(name));
    legendWidth = std::min(legendWidth + 22, area.width() / 3);
    const QRect plot = area.adjusted(0, 0, -legendWidth - 8, 0);
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(plot);

    const int n = int(m_label.size());
    const int step = std::max(1, n / kMaxDots);
    const double sx = (plot.width() - 8) / double(m_maxX - m_minX);
    const double sy = (plot.height() - 8) / double(m_maxY - m_minY);
    p.setPen(Qt::NoPen);
    for (int i = 0; i < n; i += step) {
        QColor c = clusterColor(m_label[i]);
        c.setAlpha(150);
        p.setBrush(c);
        const double x = plot.left() + 4 + (m_xy[2 * i] - m_minX) * sx;
        const double y = plot.bottom() - 4 - (m_xy[2 * i + 1] - m_minY) * sy;
        p.drawEllipse(QPointF(x, y), 2.5, 2.5);
    }
    int y = area.top() + fm.height();
    for (int c = 0; c < m_names.size(); ++c) {
        p.setPen(Qt::NoPen);
        p.setBrush(clusterColor(c));
        p.drawEllipse(QPointF(plot.right() + 16, y - fm.ascent() / 2.0 + 1), 5, 5);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QPoint(plot.right() + 26, y), fm.elidedText(m_names[c], Qt::ElideRight, legendWidth - 18));
        y += fm.height() + 4;
    }
}

} // namespace shoppilot::ui
