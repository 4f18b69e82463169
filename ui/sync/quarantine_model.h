// The quarantined records (sync_quarantine): records the sync or the webhooks could not use,
// with the reason and the raw payload, as a table model; loaded off the GUI thread.
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QString>
#include <QVector>

namespace shoppilot::ui {

struct QuarantineEntry {
    qint64 id = 0;
    QDateTime receivedAt; // UTC
    QString source;
    QString resource;
    QString externalId;
    QString reason;
    QString payload;
};

// Newest first, at most `limit` rows. Runs on a worker thread (a pooled read-only connection); throws
// shoppilot::Error when the store cannot be read.
QVector<QuarantineEntry> loadQuarantine(const QString& storePath, int limit = 10000);

class QuarantineModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, ResourceColumn, ExternalIdColumn, ReasonColumn, ColumnCount };
    enum Role { PayloadRole = Qt::UserRole + 1, IdRole, SortRole };

    explicit QuarantineModel(QObject* parent = nullptr);

    void setEntries(QVector<QuarantineEntry> entries);
    const QVector<QuarantineEntry>& entries() const { return m_entries; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<QuarantineEntry> m_entries;
};

} // namespace shoppilot::ui
