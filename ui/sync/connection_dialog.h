// The shop connection settings: store URL, consumer key and secret (kept by SecretStore, the
// dialog says where), periodic interval, query-string authentication, CA file; "Test connection",
// "Sync now" with per-resource progress and cancel, the last sync's time and result, and the
// webhook receiver (enable, port, secret kept by SecretStore, the delivery URL to register).
#pragma once

#include <QDialog>
#include <functional>

#include "sync/sync_settings.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QDialogButtonBox;

namespace shoppilot::ui {

class SyncController;

class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectionDialog(SyncController* controller, QWidget* parent = nullptr);

    // What the fields say now.
    SyncSettings settings() const;
    QString secret() const;
    // The webhook secret typed in the dialog; empty = keep the stored one.
    QString webhookSecret() const;
    // True once the stored secret has been read into the field.
    bool secretLoaded() const { return m_secretLoaded; }

public Q_SLOTS:
    // Saves the settings and the secret, then closes (OK).
    void accept() override;

Q_SIGNALS:
    void secretLoadedChanged();
    void saved(bool ok);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void save(std::function<void()> then);
    void updateSyncState();
    void updateLastSync();
    void chooseCaFile();
    void updateWebhookUrl();
    void updateWebhookState();
    QWidget* buildWebhookBox();

    SyncController* m_controller;
    SyncSettings m_loaded;
    bool m_secretLoaded = false;
    bool m_secretEdited = false;
    QLineEdit* m_url;
    QLineEdit* m_key;
    QLineEdit* m_secret;
    QLabel* m_secretNote;
    QSpinBox* m_interval;
    QCheckBox* m_queryAuth;
    QLineEdit* m_caFile;
    QPushButton* m_test;
    QLabel* m_testResult;
    QPushButton* m_sync;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_resources;
    QLabel* m_state;
    QLabel* m_lastSync;
    QDialogButtonBox* m_buttons;
    QCheckBox* m_webhooks;
    QSpinBox* m_webhookPort;
    bool m_webhookPortTouched = false; // a stored port outside the spin box's range stays as it was
    QLineEdit* m_webhookSecret;
    QLineEdit* m_webhookUrl;
    QLabel* m_webhookState;
};

} // namespace shoppilot::ui
