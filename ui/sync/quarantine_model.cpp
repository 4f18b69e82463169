#include "sync/quarantine_model.h"

#include <QLocale>

#include "store/repositories.h"
#include "store/store_access.h"

namespace shoppilot::ui {

QVector<QuarantineEntry> loadQuarantine(const QString& storePath, int limit)
{
    const auto rows = store::StoreAccess::open(storePath.toStdString())->read(
        [limit](store::Database& db) { return store::listQuarantine(db, limit); });
    QVector<QuarantineEntry> out;
    for (auto& r : rows) {
        QuarantineEntry e;
        e.id = r.id;
        e.receivedAt = QDateTime::fromSecsSinceEpoch(r.receivedAt, Qt::UTC);
        e.source = QString::fromStdString(r.source);
        e.resource = QString::fromStdString(r.resource);
        e.externalId = r.externalId ? QString::fromStdString(*r.externalId) : QString();
        e.reason = QString::fromStdString(r.reason);
        e.payload = QString::fromStdString(r.payload);
        out.append(std::move(e));
    }
    return out;
}

QuarantineModel::QuarantineModel(QObject* parent) : QAbstractTableModel(parent) {}

void QuarantineModel::setEntries(QVector<QuarantineEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int QuarantineModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int QuarantineModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QuarantineModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QuarantineEntry& e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(e.receivedAt.toLocalTime(), QLocale::ShortFormat);
        case ResourceColumn:
            return e.resource;
        case ExternalIdColumn:
            return e.externalId.isEmpty() ? QStringLiteral("—") : e.externalId;
        case ReasonColumn:
            return e.reason;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ReasonColumn)
            return e.reason;
        if (index.column() == TimeColumn)
            return tr("Source: %1").arg(e.source);
        break;
    case SortRole:
        if (index.column() == TimeColumn)
            return e.receivedAt;
        return data(index, Qt::DisplayRole);
    case PayloadRole:
        return e.payload;
    case IdRole:
        return e.id;
    }
    return {};
}

QVariant QuarantineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Received");
    case ResourceColumn:
        return tr("Resource");
    case ExternalIdColumn:
        return tr("Shop id");
    case ReasonColumn:
        return tr("Reason");
    }
    return {};
}

} // namespace shoppilot::ui
