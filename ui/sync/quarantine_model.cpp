#include "sync/quarantine_model.h"

#include <QLocale>

#include "store/database.h"

namespace shoppilot::ui {

QVector<QuarantineEntry> loadQuarantine(const QString& storePath, int limit)
{
    auto db = store::Database::open(storePath.toStdString(), {store::OpenMode::ReadOnly});
    store::Statement st(db, "SELECT id, received_at, source, resource, external_id, reason, payload "
                            "FROM sync_quarantine ORDER BY received_at DESC, id DESC LIMIT ?");
    st.bind(1, limit);
    QVector<QuarantineEntry> out;
    while (st.step()) {
        QuarantineEntry e;
        e.id = st.columnInt(0);
        e.receivedAt = QDateTime::fromSecsSinceEpoch(st.columnInt(1), Qt::UTC);
        e.source = QString::fromStdString(st.columnText(2));
        e.resource = QString::fromStdString(st.columnText(3));
        e.externalId = st.isNull(4) ? QString() : QString::fromStdString(st.columnText(4));
        e.reason = QString::fromStdString(st.columnText(5));
        e.payload = QString::fromStdString(st.columnText(6));
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
