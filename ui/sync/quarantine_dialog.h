// Shows the quarantined records of a store: time, resource, shop id and reason, with the raw
// payload of the selected one below. Loads in a job; reload() after a sync.
#pragma once

#include <QDialog>
#include <QFutureWatcher>
#include <QVector>

#include "sync/quarantine_model.h"

class QLabel;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;

namespace shoppilot::ui {

class JobRunner;

class QuarantineDialog : public QDialog {
    Q_OBJECT
public:
    QuarantineDialog(const QString& storePath, JobRunner* jobs, QWidget* parent = nullptr);

    QuarantineModel* model() const { return m_model; }

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    void loaded(int rows);

private:
    void showSelected();

    QString m_storePath;
    JobRunner* m_jobs;
    QuarantineModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table;
    QPlainTextEdit* m_payload;
    QLabel* m_count;
    QFutureWatcher<QVector<QuarantineEntry>> m_watcher;
};

} // namespace shoppilot::ui
