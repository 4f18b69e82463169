#include "sync/quarantine_dialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "shell/job_runner.h"

namespace shoppilot::ui {

QuarantineDialog::QuarantineDialog(const QString& storePath, JobRunner* jobs, QWidget* parent)
    : QDialog(parent), m_storePath(storePath), m_jobs(jobs), m_model(new QuarantineModel(this)),
      m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("quarantineDialog"));
    setWindowTitle(tr("Quarantined records"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(QuarantineModel::SortRole);

    auto* intro = new QLabel(tr("Records from the shop that ShopPilot could not use. The rest of the data was "
                                "synced; a record leaves this list when a good copy arrives."));
    intro->setWordWrap(true);
    m_count = new QLabel;
    m_count->setObjectName(QStringLiteral("quarantineCount"));

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("quarantineTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(QuarantineModel::TimeColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QuarantineModel::ReasonColumn, QHeaderView::Stretch);
    m_table->setAlternatingRowColors(true);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &QuarantineDialog::showSelected);

    m_payload = new QPlainTextEdit;
    m_payload->setObjectName(QStringLiteral("quarantinePayload"));
    m_payload->setReadOnly(true);
    m_payload->setPlaceholderText(tr("Select a record to see what the shop sent."));
    m_payload->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_table);
    split->addWidget(m_payload);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QPushButton* refresh = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    refresh->setObjectName(QStringLiteral("quarantineRefresh"));
    connect(refresh, &QPushButton::clicked, this, &QuarantineDialog::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_count);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    resize(820, 560);

    connect(&m_watcher, &QFutureWatcher<QVector<QuarantineEntry>>::finished, this, [this] {
        if (m_watcher.future().resultCount() == 0) {
            QString message = tr("Loading was cancelled.");
            try {
                m_watcher.waitForFinished();
            } catch (...) {
                message = jobErrorMessage(std::current_exception());
            }
            m_count->setText(message);
            return;
        }
        m_model->setEntries(m_watcher.result());
        m_count->setText(tr("Records in quarantine: %1").arg(m_model->rowCount()));
        m_payload->clear();
        Q_EMIT loaded(m_model->rowCount());
    });
    reload();
}

void QuarantineDialog::reload()
{
    m_count->setText(tr("Loading…"));
    const QString path = m_storePath;
    m_watcher.setFuture(m_jobs->run<QVector<QuarantineEntry>>(
        tr("Loading quarantined records"), [path](const Progress&) { return loadQuarantine(path); },
        QStringLiteral("quarantine")));
}

void QuarantineDialog::showSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_payload->clear();
        return;
    }
    const QString raw = m_proxy->data(current, QuarantineModel::PayloadRole).toString();
    // Pretty-print what parses; show broken payloads exactly as received.
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(raw.toUtf8(), &error);
    m_payload->setPlainText(error.error == QJsonParseError::NoError ? QString::fromUtf8(doc.toJson(QJsonDocument::Indented))
                                                                    : raw);
}

} // namespace shoppilot::ui
