#include "sync/connection_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "sync/secret_store.h"
#include "sync/sync_controller.h"

namespace shoppilot::ui {

ConnectionDialog::ConnectionDialog(SyncController* controller, QWidget* parent)
    : QDialog(parent), m_controller(controller), m_loaded(SyncSettings::load())
{
    setObjectName(QStringLiteral("connectionDialog"));
    setWindowTitle(tr("Shop connection"));

    m_url = new QLineEdit(m_loaded.url);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(QStringLiteral("https://shop.example"));
    m_key = new QLineEdit(m_loaded.consumerKey);
    m_key->setObjectName(QStringLiteral("keyEdit"));
    m_key->setPlaceholderText(QStringLiteral("ck_…"));
    m_secret = new QLineEdit;
    m_secret->setObjectName(QStringLiteral("secretEdit"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("Reading the stored secret…"));
    connect(m_secret, &QLineEdit::textEdited, this, [this] { m_secretEdited = true; });
    m_secretNote = new QLabel(controller->secrets()->backendDescription());
    m_secretNote->setObjectName(QStringLiteral("secretNote"));
    m_secretNote->setWordWrap(true);
    connect(controller->secrets(), &SecretStore::backendChanged, this,
            [this] { m_secretNote->setText(m_controller->secrets()->backendDescription()); });

    m_interval = new QSpinBox;
    m_interval->setObjectName(QStringLiteral("intervalSpin"));
    m_interval->setRange(0, 24 * 60);
    m_interval->setSpecialValueText(tr("Off"));
    m_interval->setSuffix(tr(" min"));
    m_interval->setValue(m_loaded.intervalMinutes);
    m_queryAuth = new QCheckBox(tr("Send the key in the query string (for servers that drop the Authorization header)"));
    m_queryAuth->setObjectName(QStringLiteral("queryAuthCheck"));
    m_queryAuth->setChecked(m_loaded.queryStringAuth);
    m_caFile = new QLineEdit(m_loaded.caFile);
    m_caFile->setObjectName(QStringLiteral("caFileEdit"));
    m_caFile->setPlaceholderText(tr("System certificates"));
    auto* browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, &ConnectionDialog::chooseCaFile);
    auto* caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);

    auto* form = new QFormLayout;
    form->addRow(tr("Store &URL:"), m_url);
    form->addRow(tr("Consumer &key:"), m_key);
    form->addRow(tr("Consumer &secret:"), m_secret);
    form->addRow(QString(), m_secretNote);
    form->addRow(tr("Sync &every:"), m_interval);
    form->addRow(QString(), m_queryAuth);
    form->addRow(tr("CA certificate:"), caRow);

    m_test = new QPushButton(tr("&Test connection"));
    m_test->setObjectName(QStringLiteral("testButton"));
    m_testResult = new QLabel;
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    connect(m_test, &QPushButton::clicked, this, [this] {
        m_test->setEnabled(false);
        m_testResult->setText(tr("Testing…"));
        m_controller->testConnection(settings(), secret());
    });
    connect(controller, &SyncController::connectionTested, this, [this](bool ok, const QString& message) {
        m_test->setEnabled(true);
        m_testResult->setText((ok ? QStringLiteral("✔ ") : QStringLiteral("✘ ")) + message);
    });
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);

    auto* syncBox = new QGroupBox(tr("Sync"));
    m_state = new QLabel;
    m_state->setObjectName(QStringLiteral("syncStateLabel"));
    m_lastSync = new QLabel;
    m_lastSync->setObjectName(QStringLiteral("lastSyncLabel"));
    m_lastSync->setWordWrap(true);
    m_lastSync->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("syncProgress"));
    m_progress->setRange(0, 1000);
    m_resources = new QLabel;
    m_resources->setObjectName(QStringLiteral("resourceProgress"));
    m_sync = new QPushButton(tr("Sync &now"));
    m_sync->setObjectName(QStringLiteral("syncButton"));
    m_cancel = new QPushButton(tr("Cancel sync"));
    m_cancel->setObjectName(QStringLiteral("cancelSyncButton"));
    auto* quarantine = new QPushButton(tr("&Quarantined records…"));
    quarantine->setObjectName(QStringLiteral("quarantineButton"));
    connect(m_sync, &QPushButton::clicked, this, [this] { save([this] { m_controller->syncNow(); }); });
    connect(m_cancel, &QPushButton::clicked, controller, &SyncController::cancel);
    connect(quarantine, &QPushButton::clicked, controller, &SyncController::openQuarantineDialog);
    auto* syncButtons = new QHBoxLayout;
    syncButtons->addWidget(m_sync);
    syncButtons->addWidget(m_cancel);
    syncButtons->addStretch();
    syncButtons->addWidget(quarantine);
    auto* syncLayout = new QVBoxLayout(syncBox);
    syncLayout->addWidget(m_state);
    syncLayout->addWidget(m_progress);
    syncLayout->addWidget(m_resources);
    syncLayout->addWidget(m_lastSync);
    syncLayout->addLayout(syncButtons);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(testRow);
    layout->addWidget(syncBox);
    layout->addWidget(buildWebhookBox());
    layout->addWidget(m_buttons);
    // Wide enough for the notes to wrap into a few lines; showEvent() then sizes the height for
    // this width (without it the wrapped notes overlapped the rows below, seen in Chinese).
    setMinimumWidth(660);

    connect(controller, &SyncController::stateChanged, this, &ConnectionDialog::updateSyncState);
    connect(controller, &SyncController::progressChanged, this, &ConnectionDialog::updateSyncState);
    connect(controller, &SyncController::lastSyncChanged, this, &ConnectionDialog::updateLastSync);
    connect(controller, &SyncController::syncFinished, this, &ConnectionDialog::updateLastSync);
    updateSyncState();
    updateLastSync();

    // Only whether a webhook secret is stored is shown, never the secret itself.
    {
        QPointer<ConnectionDialog> self(this);
        controller->secrets()->read(m_loaded.webhookSecretAccount(), [self](bool ok, const QString& secret, const QString& error) {
            if (!self)
                return;
            if (!ok)
                self->m_webhookSecret->setPlaceholderText(error);
            else if (secret.isEmpty())
                self->m_webhookSecret->setPlaceholderText(tr("Not set: the secret of the webhook in WooCommerce"));
            else
                self->m_webhookSecret->setPlaceholderText(tr("Stored: leave empty to keep it"));
        });
    }

    if (m_loaded.configured()) {
        QPointer<ConnectionDialog> self(this);
        controller->secrets()->read(m_loaded.secretAccount(), [self](bool ok, const QString& secret, const QString& error) {
            if (!self)
                return;
            self->m_secret->setPlaceholderText(ok ? QString() : error);
            if (!self->m_secretEdited)
                self->m_secret->setText(secret);
            self->m_secretLoaded = true;
            Q_EMIT self->secretLoadedChanged();
        });
    } else {
        m_secret->setPlaceholderText(QString());
        m_secretLoaded = true;
    }
}

QWidget* ConnectionDialog::buildWebhookBox()
{
    auto* box = new QGroupBox(tr("Webhooks"));
    box->setObjectName(QStringLiteral("webhookBox"));
    m_webhooks = new QCheckBox(tr("&Receive order updates from the shop as they happen"));
    m_webhooks->setObjectName(QStringLiteral("webhooksCheck"));
    m_webhooks->setChecked(m_loaded.webhooksEnabled);
    m_webhookPort = new QSpinBox;
    m_webhookPort->setObjectName(QStringLiteral("webhookPortSpin"));
    m_webhookPort->setRange(1024, 65535);
    m_webhookPort->setGroupSeparatorShown(false);
    m_webhookPort->setValue(m_loaded.webhookPort);
    connect(m_webhookPort, &QSpinBox::valueChanged, this, [this] {
        m_webhookPortTouched = true;
        updateWebhookUrl();
    });
    m_webhookSecret = new QLineEdit;
    m_webhookSecret->setObjectName(QStringLiteral("webhookSecretEdit"));
    m_webhookSecret->setEchoMode(QLineEdit::Password);
    m_webhookSecret->setPlaceholderText(tr("Reading the stored secret…"));
    m_webhookUrl = new QLineEdit;
    m_webhookUrl->setObjectName(QStringLiteral("webhookUrlEdit"));
    m_webhookUrl->setReadOnly(true);
    auto* note = new QLabel(tr("Add webhooks for order.created and order.updated in WooCommerce (Settings › Advanced › "
                               "Webhooks) with this delivery URL and the same secret. ShopPilot listens on this "
                               "computer only (127.0.0.1): a shop on another machine reaches it through a tunnel "
                               "or reverse proxy."));
    note->setObjectName(QStringLiteral("webhookNote"));
    note->setWordWrap(true);
    m_webhookState = new QLabel;
    m_webhookState->setObjectName(QStringLiteral("webhookStateLabel"));
    connect(m_controller, &SyncController::webhookStateChanged, this, &ConnectionDialog::updateWebhookState);

    auto* form = new QFormLayout(box);
    form->addRow(m_webhooks);
    form->addRow(tr("&Port:"), m_webhookPort);
    form->addRow(tr("&Webhook secret:"), m_webhookSecret);
    form->addRow(tr("&Delivery URL:"), m_webhookUrl);
    form->addRow(note);
    form->addRow(m_webhookState);
    updateWebhookUrl();
    updateWebhookState();
    return box;
}

void ConnectionDialog::updateWebhookUrl()
{
    m_webhookUrl->setText(QStringLiteral("http://127.0.0.1:%1/").arg(settings().webhookPort));
}

void ConnectionDialog::updateWebhookState()
{
    m_webhookState->setText(m_controller->webhookStateText());
}

SyncSettings ConnectionDialog::settings() const
{
    SyncSettings s;
    s.url = m_url->text().trimmed();
    s.consumerKey = m_key->text().trimmed();
    s.intervalMinutes = m_interval->value();
    s.queryStringAuth = m_queryAuth->isChecked();
    s.caFile = m_caFile->text().trimmed();
    s.webhooksEnabled = m_webhooks->isChecked();
    s.webhookPort = m_webhookPortTouched ? m_webhookPort->value() : m_loaded.webhookPort;
    return s;
}

QString ConnectionDialog::secret() const
{
    return m_secret->text();
}

QString ConnectionDialog::webhookSecret() const
{
    return m_webhookSecret->text();
}

void ConnectionDialog::accept()
{
    save([this] { QDialog::accept(); });
}

void ConnectionDialog::save(std::function<void()> then)
{
    const SyncSettings s = settings();
    if (!s.url.isEmpty() && !s.url.startsWith(QLatin1String("https://")) && !s.url.startsWith(QLatin1String("http://"))) {
        m_testResult->setText(tr("The store URL must start with https:// (http:// only for a shop on this computer)"));
        Q_EMIT saved(false);
        return;
    }
    m_buttons->setEnabled(false);
    m_sync->setEnabled(false);
    const QString oldAccount = m_loaded.secretAccount();
    const bool moved = m_loaded.configured() && oldAccount != s.secretAccount();
    QPointer<ConnectionDialog> self(this);
    SecretStore* secrets = m_controller->secrets();
    const QString webhookText = webhookSecret();
    auto finish = [self, s, then, webhookText](bool ok, const QString& error) {
        if (!self)
            return;
        self->m_buttons->setEnabled(true);
        self->updateSyncState();
        if (!ok) {
            self->m_testResult->setText(error);
            Q_EMIT self->saved(false);
            return;
        }
        s.save();
        self->m_loaded = s;
        if (!webhookText.isEmpty() && self->m_webhookSecret->text() == webhookText) {
            self->m_webhookSecret->clear();
            self->m_webhookSecret->setPlaceholderText(tr("Stored: leave empty to keep it"));
        }
        self->m_controller->reloadSettings(); // restarts the webhook receiver with the new secret
        Q_EMIT self->saved(true);
        then();
    };
    // The webhook secret: a new one replaces the stored one; an empty field keeps it, moved along
    // when the shop or key (and so its account) changed. The old account is never left holding it.
    const QString oldHook = m_loaded.webhookSecretAccount();
    const QString newHook = s.webhookSecretAccount();
    auto saveWebhook = [secrets, webhookText, oldHook, newHook, finish](bool ok, const QString& error) {
        if (!ok) {
            finish(false, error);
            return;
        }
        const bool hookMoved = oldHook != newHook;
        auto dropOld = [secrets, hookMoved, oldHook, finish](bool written, const QString& writeError) {
            if (written && hookMoved)
                secrets->write(oldHook, QString(), [](bool, const QString&) {});
            finish(written, writeError);
        };
        if (!webhookText.isEmpty()) {
            secrets->write(newHook, webhookText, dropOld);
        } else if (!hookMoved) {
            finish(true, {});
        } else {
            secrets->read(oldHook, [secrets, newHook, dropOld](bool read, const QString& stored, const QString& readError) {
                if (!read)
                    dropOld(false, readError);
                else if (stored.isEmpty())
                    dropOld(true, {});
                else
                    secrets->write(newHook, stored, dropOld);
            });
        }
    };
    // A secret not read yet and not typed is left as stored.
    if (!m_secretLoaded && !m_secretEdited) {
        saveWebhook(true, {});
        return;
    }
    const QString secretText = secret();
    secrets->write(s.secretAccount(), secretText, [secrets, moved, oldAccount, saveWebhook](bool ok, const QString& error) {
        if (ok && moved) // the old shop's secret is not left behind
            secrets->write(oldAccount, QString(), [](bool, const QString&) {});
        saveWebhook(ok, error);
    });
}

void ConnectionDialog::updateSyncState()
{
    const bool running = m_controller->running();
    m_state->setText(m_controller->stateText());
    m_progress->setVisible(running);
    m_progress->setValue(int(m_controller->progress() * 1000));
    m_resources->setVisible(running);
    m_resources->setText(m_controller->resourceProgress().join(QLatin1Char('\n')));
    m_sync->setEnabled(!running && !m_controller->storePath().isEmpty());
    m_sync->setToolTip(m_controller->storePath().isEmpty() ? tr("Open a store first") : QString());
    m_cancel->setEnabled(running);
}

void ConnectionDialog::updateLastSync()
{
    const LastSync last = m_controller->lastSync();
    if (!last.at.isValid()) {
        m_lastSync->setText(tr("Last sync: never"));
        return;
    }
    QString text = tr("Last sync: %1").arg(QLocale().toString(last.at.toLocalTime(), QLocale::ShortFormat));
    if (!last.error.isEmpty())
        text += QLatin1Char('\n') + tr("Last error: %1").arg(last.error);
    else if (!m_controller->lastSummary().isEmpty())
        text += QLatin1Char('\n') + m_controller->lastSummary();
    m_lastSync->setText(text);
}

void ConnectionDialog::chooseCaFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a CA certificate"), m_caFile->text(),
                                                      tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (!path.isEmpty())
        m_caFile->setText(path);
}

void ConnectionDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    const int w = std::max(width(), minimumWidth());
    resize(w, std::max(height(), layout()->totalHeightForWidth(w)));
}

} // namespace shoppilot::ui
