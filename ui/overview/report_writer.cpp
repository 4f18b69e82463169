#include "overview/report_writer.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QFile>
#include <QFontMetrics>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextStream>

namespace shoppilot::ui {

QString csvField(const QString& text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n'))
        && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

bool writeCsv(const QAbstractItemModel& model, const QString& path, QString* error)
{
    // QSaveFile: a failed export never leaves a half-written file behind.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QByteArray out;
    QStringList cells;
    for (int c = 0; c < model.columnCount(); ++c)
        cells << csvField(model.headerData(c, Qt::Horizontal).toString());
    out += cells.join(QLatin1Char(',')).toUtf8() + '\n';
    for (int r = 0; r < model.rowCount(); ++r) {
        cells.clear();
        for (int c = 0; c < model.columnCount(); ++c) {
            const QModelIndex index = model.index(r, c);
            QVariant v = model.data(index, kExportRole);
            if (!v.isValid())
                v = model.data(index, Qt::DisplayRole);
            cells << csvField(v.toString());
        }
        out += cells.join(QLatin1Char(',')).toUtf8() + '\n';
    }
    if (file.write(out) != out.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

QString reportMetadataTitle(const Report& report)
{
    return report.title + QStringLiteral(" — ") + report.filters.join(QStringLiteral("; "));
}

namespace {

// Lays out the report top to bottom, starting a new page when a block does not fit.
class PageCursor {
public:
    PageCursor(QPdfWriter& writer, QPainter& painter) : m_writer(writer), m_painter(painter)
    {
        m_rect = writer.pageLayout().paintRectPixels(writer.resolution());
        m_rect.moveTo(0, 0);
        m_y = 0;
    }
    int width() const { return m_rect.width(); }
    int remaining() const { return m_rect.height() - m_y; }
    int y() const { return m_y; }
    void advance(int dy) { m_y += dy; }
    void ensure(int height)
    {
        if (height > remaining() && m_y > 0) {
            m_writer.newPage();
            m_y = 0;
        }
    }
    // Points to device pixels.
    int pt(double points) const { return int(points * m_writer.resolution() / 72.0); }

    int text(const QString& s, double pointSize, bool bold = false, const QColor& color = Qt::black)
    {
        QFont f = m_painter.font();
        f.setPointSizeF(pointSize);
        f.setBold(bold);
        m_painter.setFont(f);
        m_painter.setPen(color);
        const QRect bounds = m_painter.boundingRect(QRect(0, 0, width(), 100000), Qt::TextWordWrap, s);
        ensure(bounds.height());
        m_painter.drawText(QRect(0, m_y, width(), bounds.height()), Qt::TextWordWrap, s);
        m_y += bounds.height();
        return bounds.height();
    }

private:
    QPdfWriter& m_writer;
    QPainter& m_painter;
    QRect m_rect;
    int m_y;
};

void drawKpis(PageCursor& cursor, QPainter& painter, const QVector<ReportKpi>& kpis)
{
    constexpr int kColumns = 3;
    const int gap = cursor.pt(8);
    const int cellW = (cursor.width() - gap * (kColumns - 1)) / kColumns;
    const int cellH = cursor.pt(66);
    for (int i = 0; i < kpis.size(); i += kColumns) {
        cursor.ensure(cellH + gap);
        for (int c = 0; c < kColumns && i + c < kpis.size(); ++c) {
            const ReportKpi& k = kpis[i + c];
            const QRect cell(c * (cellW + gap), cursor.y(), cellW, cellH);
            painter.setPen(QPen(QColor(0xcc, 0xcc, 0xcc), cursor.pt(0.75)));
            painter.setBrush(QColor(0xf7, 0xf7, 0xf7));
            painter.drawRect(cell);
            const QRect inner = cell.adjusted(cursor.pt(6), cursor.pt(4), -cursor.pt(6), -cursor.pt(4));
            QFont f = painter.font();
            f.setBold(false);
            f.setPointSizeF(9);
            painter.setFont(f);
            painter.setPen(QColor(0x55, 0x55, 0x55));
            painter.drawText(inner, Qt::AlignTop | Qt::AlignLeft, k.name);
            f.setPointSizeF(15);
            f.setBold(true);
            painter.setFont(f);
            painter.setPen(Qt::black);
            const int lineH = QFontMetrics(f, painter.device()).height();
            painter.drawText(inner.adjusted(0, cursor.pt(13), 0, 0), Qt::AlignTop | Qt::AlignLeft, k.value);
            f.setPointSizeF(8);
            f.setBold(false);
            painter.setFont(f);
            painter.setPen(QColor(0x44, 0x44, 0x44));
            const QRect below = inner.adjusted(0, cursor.pt(13) + lineH, 0, 0);
            painter.drawText(below, Qt::AlignTop | Qt::AlignLeft | Qt::TextWordWrap,
                             k.previous.isEmpty() ? k.delta : k.delta + QLatin1Char('\n') + k.previous);
        }
        cursor.advance(cellH + gap);
    }
}

void drawTable(PageCursor& cursor, QPainter& painter, const ReportTable& table)
{
    const QAbstractItemModel& m = *table.model;
    const int columns = m.columnCount();
    if (columns == 0)
        return;
    QFont f = painter.font();
    f.setPointSizeF(8.5);
    f.setBold(false);
    painter.setFont(f);
    const int rowH = QFontMetrics(f, painter.device()).height() + cursor.pt(3);
    // The first column (names) gets the remaining width.
    const int numW = cursor.width() / (columns + 2);
    const int firstW = cursor.width() - numW * (columns - 1);
    auto cellRect = [&](int c, int y) {
        const int x = c == 0 ? 0 : firstW + (c - 1) * numW;
        return QRect(x + cursor.pt(2), y, (c == 0 ? firstW : numW) - cursor.pt(4), rowH);
    };
    auto drawRow = [&](const QStringList& cells, bool header) {
        cursor.ensure(rowH);
        QFont rf = f;
        rf.setBold(header);
        painter.setFont(rf);
        painter.setPen(Qt::black);
        for (int c = 0; c < columns; ++c)
            painter.drawText(cellRect(c, cursor.y()), Qt::AlignVCenter | (c == 0 ? Qt::AlignLeft : Qt::AlignRight),
                             cells.value(c));
        painter.setPen(QPen(QColor(0xdd, 0xdd, 0xdd), cursor.pt(0.5)));
        painter.drawLine(0, cursor.y() + rowH, cursor.width(), cursor.y() + rowH);
        cursor.advance(rowH);
    };
    cursor.ensure(rowH * 3 + cursor.pt(20));
    cursor.text(table.title, 11, true);
    cursor.advance(cursor.pt(3));
    QStringList header;
    for (int c = 0; c < columns; ++c)
        header << m.headerData(c, Qt::Horizontal).toString();
    drawRow(header, true);
    const int rows = std::min(m.rowCount(), table.maxRows);
    for (int r = 0; r < rows; ++r) {
        QStringList cells;
        for (int c = 0; c < columns; ++c)
            cells << m.data(m.index(r, c)).toString();
        drawRow(cells, false);
    }
    cursor.advance(cursor.pt(12));
}

} // namespace

bool writePdfReport(const Report& report, const QString& path, QString* error)
{
    auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    {
        // QPdfWriter does not report open errors: find out first.
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly))
            return fail(probe.errorString());
    }
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setResolution(150);
    writer.setTitle(reportMetadataTitle(report));
    writer.setCreator(QStringLiteral("ShopPilot"));
    QPainter painter;
    if (!painter.begin(&writer))
        return fail(QCoreApplication::translate("shoppilot::ui::OverviewPanel", "Could not write %1.").arg(path));
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    PageCursor cursor(writer, painter);

    cursor.text(report.title, 18, true);
    if (!report.subtitle.isEmpty())
        cursor.text(report.subtitle, 9, false, QColor(0x55, 0x55, 0x55));
    cursor.advance(cursor.pt(8));
    cursor.text(report.filtersHeading, 11, true);
    for (const QString& line : report.filters)
        cursor.text(line, 10);
    cursor.advance(cursor.pt(10));
    drawKpis(cursor, painter, report.kpis);
    cursor.advance(cursor.pt(6));

    for (const auto& row : report.chartRows) {
        if (row.isEmpty())
            continue;
        const int gap = cursor.pt(8);
        const int w = (cursor.width() - gap * int(row.size() - 1)) / int(row.size());
        int h = 0;
        for (const auto& chart : row)
            if (!chart.second.isNull())
                h = std::max(h, int(double(w) * chart.second.height() / std::max(1, chart.second.width())));
        QFont f = painter.font();
        f.setPointSizeF(10);
        f.setBold(true);
        painter.setFont(f);
        int titleH = QFontMetrics(f, painter.device()).height();
        bool titled = false;
        for (const auto& chart : row)
            titled = titled || !chart.first.isEmpty();
        if (!titled)
            titleH = 0;
        cursor.ensure(titleH + h + cursor.pt(12));
        for (int i = 0; i < row.size(); ++i) {
            const int x = i * (w + gap);
            painter.setPen(Qt::black);
            painter.drawText(QRect(x, cursor.y(), w, titleH), Qt::AlignLeft | Qt::AlignVCenter, row[i].first);
            const QImage& image = row[i].second;
            if (!image.isNull()) {
                const int ih = int(double(w) * image.height() / std::max(1, image.width()));
                painter.drawImage(QRect(x, cursor.y() + titleH, w, ih), image);
            }
        }
        cursor.advance(titleH + h + cursor.pt(12));
    }
    for (const ReportTable& table : report.tables)
        if (table.model)
            drawTable(cursor, painter, table);
    if (!painter.end())
        return fail(QCoreApplication::translate("shoppilot::ui::OverviewPanel", "Could not write %1.").arg(path));
    return true;
}

} // namespace shoppilot::ui
