// Exports of the Overview: any table model as CSV (RFC 4180, UTF-8, locale-independent numbers
// from kExportRole) and the manager's PDF report (QPdfWriter): the filters it was made with,
// the KPI cards, the charts and the breakdown tables.
#pragma once

#include <QImage>
#include <QString>
#include <QStringList>
#include <QVector>

class QAbstractItemModel;

namespace shoppilot::ui {

// The text a model gives a CSV cell: plain, unformatted figures ("1234.50", "0.125000").
inline constexpr int kExportRole = Qt::UserRole + 10;

QString csvField(const QString& text);
// Header from headerData(DisplayRole), cells from kExportRole (DisplayRole when that is empty).
bool writeCsv(const QAbstractItemModel& model, const QString& path, QString* error = nullptr);

struct ReportKpi {
    QString name;
    QString value;
    QString delta;    // "+4.2% vs previous period"
    QString previous; // "Previous period: £1,234"
};

struct ReportTable {
    QString title;
    const QAbstractItemModel* model = nullptr;
    int maxRows = 15;
};

struct Report {
    QString title;       // also the PDF's title metadata, together with the filters
    QString subtitle;    // store and creation time
    QString filtersHeading;
    QStringList filters; // one line each: period, comparison, granularity, drill-down ...
    QVector<ReportKpi> kpis;
    // Rows of charts: the charts of one row share the page width (a null image leaves its place
    // empty); a non-empty title is printed above its chart.
    QVector<QVector<QPair<QString, QImage>>> chartRows;
    QVector<ReportTable> tables;
};

// The document title metadata: title plus the filters (so a PDF can be checked without text
// extraction).
QString reportMetadataTitle(const Report& report);
bool writePdfReport(const Report& report, const QString& path, QString* error = nullptr);

} // namespace shoppilot::ui
