#include "shell/store_summary_model.h"

#include <QLocale>

namespace shoppilot::ui {

StoreSummaryModel::StoreSummaryModel(QObject* parent) : QAbstractTableModel(parent) {}

void StoreSummaryModel::setSummary(const store::StoreSummary& summary)
{
    beginResetModel();
    m_rows = summary.tableCounts;
    endResetModel();
}

void StoreSummaryModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int StoreSummaryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StoreSummaryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StoreSummaryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const auto& [table, rows] = m_rows[std::size_t(index.row())];
    if (role == Qt::DisplayRole) {
        if (index.column() == TableColumn)
            return tableTitle(QString::fromStdString(table));
        return QLocale().toString(qlonglong(rows));
    }
    if (role == Qt::UserRole)
        return index.column() == TableColumn ? QVariant(QString::fromStdString(table)) : QVariant(qlonglong(rows));
    if (role == Qt::TextAlignmentRole && index.column() == RowsColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant StoreSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == TableColumn ? tr("Data") : tr("Rows");
}

QString StoreSummaryModel::tableTitle(const QString& table)
{
    static const QHash<QString, const char*> titles{
        {"categories", QT_TR_NOOP("Categories")},
        {"products", QT_TR_NOOP("Products")},
        {"customers", QT_TR_NOOP("Customers")},
        {"orders", QT_TR_NOOP("Orders")},
        {"order_items", QT_TR_NOOP("Order lines")},
        {"refunds", QT_TR_NOOP("Refunds and cancellations")},
        {"events", QT_TR_NOOP("Browsing events")},
        {"price_history", QT_TR_NOOP("Price changes")},
        {"competitor_prices", QT_TR_NOOP("Competitor prices")},
        {"campaigns", QT_TR_NOOP("Campaigns")},
        {"campaign_exposures", QT_TR_NOOP("Campaign recipients")},
        {"support_conversations", QT_TR_NOOP("Support conversations")},
        {"support_messages", QT_TR_NOOP("Support messages")},
        {"kb_articles", QT_TR_NOOP("Knowledge-base articles")},
        {"depots", QT_TR_NOOP("Depots")},
        {"vehicles", QT_TR_NOOP("Vehicles")},
        {"shipments", QT_TR_NOOP("Shipments")},
        {"risk_alerts", QT_TR_NOOP("Risk alerts")},
        {"review_decisions", QT_TR_NOOP("Review decisions")},
        {"audit_log", QT_TR_NOOP("Audit log entries")},
        {"models", QT_TR_NOOP("Trained models")},
        {"import_rejects", QT_TR_NOOP("Rejected import rows")},
    };
    const auto it = titles.constFind(table);
    return it == titles.constEnd() ? table : tr(it.value());
}

} // namespace shoppilot::ui
