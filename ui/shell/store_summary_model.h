// Table model over a store's row counts (table name, rows), for the main window's store page.
#pragma once

#include <QAbstractTableModel>

#include "store/summary.h"

namespace shoppilot::ui {

class StoreSummaryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TableColumn, RowsColumn, ColumnCount };

    explicit StoreSummaryModel(QObject* parent = nullptr);

    void setSummary(const store::StoreSummary& summary);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Human name of a store table in the UI language.
    static QString tableTitle(const QString& table);

private:
    std::vector<std::pair<std::string, std::int64_t>> m_rows;
};

} // namespace shoppilot::ui
