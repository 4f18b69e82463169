// Table model over the KPI time series: one row per day, week or month with GMV, orders,
// sessions and conversion. Qt::DisplayRole is formatted, Qt::UserRole raw (bucket start as a
// QDate, minor units, counts, conversion 0..1 or null without traffic), kExportRole the CSV text.
#pragma once

#include <QAbstractTableModel>
#include <QDate>
#include <vector>

#include "kpi/kpi.h"

namespace shoppilot::ui {

class SeriesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { PeriodColumn, GmvColumn, OrdersColumn, SessionsColumn, ConversionColumn, ColumnCount };

    explicit SeriesModel(QObject* parent = nullptr);

    void setSeries(std::vector<kpi::SeriesPoint> points, kpi::Granularity grain, const QString& currency);
    void clear();
    const std::vector<kpi::SeriesPoint>& points() const { return m_points; }
    kpi::Granularity grain() const { return m_grain; }
    QDate bucketDate(int row) const;
    // False when no bucket has sessions (e.g. imported sales without a clickstream).
    bool hasTraffic() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<kpi::SeriesPoint> m_points;
    kpi::Granularity m_grain = kpi::Granularity::Day;
    QString m_currency;
};

} // namespace shoppilot::ui
