// Table model over one KPI breakdown (category, country or channel): name, GMV, orders, share.
// Qt::DisplayRole is formatted for the locale, Qt::UserRole holds the raw value (the key for the
// name column, minor units, counts, the share as 0..1) and kExportRole the CSV text.
#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <vector>

#include "kpi/kpi.h"

namespace shoppilot::ui {

class BreakdownModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, GmvColumn, OrdersColumn, ShareColumn, ColumnCount };

    explicit BreakdownModel(kpi::Dimension dimension, QObject* parent = nullptr);

    kpi::Dimension dimension() const { return m_dimension; }
    void setRows(std::vector<kpi::BreakdownRow> rows, const QString& currency);
    void clear();

    const std::vector<kpi::BreakdownRow>& rows() const { return m_rows; }
    QString currency() const { return m_currency; }
    // The name shown for a row (Chinese label when the UI is Chinese).
    QString label(int row) const;
    QString key(int row) const;
    // "other" folds the rest, and items without a category have no id to filter on.
    bool isDrillable(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    kpi::Dimension m_dimension;
    std::vector<kpi::BreakdownRow> m_rows;
    QString m_currency;
};

// The user-visible name of a dimension ("Category") and its id in a DrillStep ("category").
QString dimensionTitle(kpi::Dimension d);
QString dimensionId(kpi::Dimension d);

} // namespace shoppilot::ui
