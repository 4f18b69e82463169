// Drives the sync with the shop for the whole app: "Sync now" (a JobRunner job with its own
// writer connection), cancel, periodic sync that never overlaps a running one, "Test connection",
// the last sync's time and result (from sync_state), the WooCommerce webhook receiver while a
// store is open, and one line of state for the status bar.
// The main window owns one, feeds it the open store and shows stateText().
#pragma once

#include <QDateTime>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>
#include <functional>
#include <memory>

#include "common/progress.h"
#include "sync/sync_settings.h"
#include "sync/woo_sync.h"

class QAction;
class QWidget;

namespace shoppilot::sync {
class WebhookReceiver;
struct WebhookStats;
} // namespace shoppilot::sync

namespace shoppilot::ui {

class JobRunner;
class SecretStore;

// What one sync run gives back to the GUI thread.
struct SyncOutcome {
    bool completed = false;
    QString summary;         // a few lines for people
    qint64 applied = 0;
    qint64 quarantined = 0;
    bool noEventFeed = false; // the shop has no ShopPilot event feed (a plain WooCommerce)
};

// The last sync as sync_state records it.
struct LastSync {
    QDateTime at;            // invalid when never synced
    QString error;           // the last error of any resource, empty when none
};

class SyncController : public QObject {
    Q_OBJECT
public:
    enum class State { NotConnected, Idle, Syncing, Synced, Failed, Cancelled };
    Q_ENUM(State)
    enum class WebhookState { Off, Starting, Running, Failed };
    Q_ENUM(WebhookState)

    // (store path, options with the secret, progress) -> outcome; runs on a worker thread and
    // opens its own writer connection. Tests inject fakes; the default calls sync::syncWoo.
    using SyncFn = std::function<SyncOutcome(const QString& storePath, const sync::SyncOptions&, const Progress&)>;
    using TestFn = std::function<sync::ConnectionTest(const sync::SyncOptions&, const Progress&)>;

    explicit SyncController(JobRunner* jobs, QObject* parent = nullptr);
    ~SyncController() override;

    void setSyncFunction(SyncFn fn) { m_syncFn = std::move(fn); }
    void setTestFunction(TestFn fn) { m_testFn = std::move(fn); }
    SecretStore* secrets() const { return m_secrets; }
    JobRunner* jobs() const { return m_jobs; }

    // The store syncs write to (the main window passes ViewState::storeChanged).
    QString storePath() const { return m_storePath; }
    void setStorePath(const QString& path);

    // Re-reads SyncSettings (after the dialog saved them): interval, configured or not.
    void reloadSettings();
    SyncSettings settings() const { return m_settings; }

    State state() const { return m_state; }
    // "Synced 14:02", "Syncing… 40%", "Sync failed: …", "Not connected to a shop"; while
    // webhooks are enabled followed by their state ("Synced 14:02 · webhooks on :8787").
    QString stateText() const;
    bool running() const { return m_running || m_starting; }
    double progress() const { return m_progress; }
    // Latest progress text per resource ("products: page 3/9"), in the order they started.
    QStringList resourceProgress() const;
    LastSync lastSync() const { return m_last; }
    QString lastSummary() const { return m_lastSummary; }
    // Periodic ticks that found a sync still running and were skipped.
    int skippedTicks() const { return m_skippedTicks; }

    // The webhook receiver. It runs while a store is open, SyncSettings::webhooksEnabled is set
    // and the webhook secret is stored; it is restarted when the store or the settings change.
    // Starting it (open the store, bind) and stopping it (join its thread) run on a worker
    // thread of their own, one at a time and in order, so a restart finds its port free.
    WebhookState webhookState() const { return m_webhookState; }
    bool webhooksRunning() const { return m_webhookState == WebhookState::Running; }
    // The port the receiver listens on while it runs (the ephemeral one when the setting is 0),
    // else 0.
    quint16 webhookPort() const { return webhooksRunning() ? m_webhookPort : quint16(0); }
    // "http://127.0.0.1:8787/" while running, else empty.
    QString webhookUrl() const;
    // "Webhooks on :8787", "Webhooks starting…", "Webhooks off: port 8787 is in use"; "Webhooks
    // off" when not enabled.
    QString webhookStateText() const;
    // What the running receiver did so far (zeros when none runs).
    sync::WebhookStats webhookStats() const;

    // For tests: the periodic interval in milliseconds (0 = off), overriding the setting.
    void setPeriodicIntervalMs(int ms);
    int periodicIntervalMs() const;

    // Menu actions (owned by the controller): Sync now, Cancel sync, Shop connection…,
    // Quarantined records…. The dialogs open over `parent` (the main window).
    QAction* syncNowAction() const { return m_syncNowAction; }
    QAction* cancelAction() const { return m_cancelAction; }
    QAction* settingsAction() const { return m_settingsAction; }
    QAction* quarantineAction() const { return m_quarantineAction; }
    void setDialogParent(QWidget* parent) { m_dialogParent = parent; }

public Q_SLOTS:
    // Starts a sync unless one is running (returns false then, or when it cannot start).
    bool syncNow();
    void cancel();
    // Runs "Test connection" as a job with these settings and secret; connectionTested follows.
    void testConnection(const shoppilot::ui::SyncSettings& settings, const QString& secret);
    // Reads the last sync from sync_state in the background; lastSyncChanged follows.
    void refreshLastSync();
    void openSettingsDialog();
    void openQuarantineDialog();
    // Stops the receiver and, when webhooks are enabled and a store is open, starts it again
    // with the stored webhook secret (e.g. after a new one was saved).
    void restartWebhooks();

Q_SIGNALS:
    void stateChanged(const QString& text);
    void progressChanged(double fraction, const QString& what);
    void syncStarted();
    void syncFinished(bool completed, const QString& summary);
    void connectionTested(bool ok, const QString& message);
    void lastSyncChanged();
    // webhookState(), webhookPort() or webhookStateText() changed.
    void webhookStateChanged();

private:
    // The receiver's thread stopped on its own (an error escaped a handler): say so, and start a
    // new one after a pause that grows with each consecutive failure.
    void onReceiverStopped(quint64 generation, const QString& why);
    QString syncStateText() const;
    // Emits stateChanged when stateText() differs from the last one announced.
    void announceState();
    void setState(State state, const QString& detail = {});
    void setWebhookState(WebhookState state, const QString& detail = {}, quint16 port = 0);
    void startReceiver(quint64 generation, const SyncSettings& settings, const QString& storePath,
                       const QString& secret);
    void stopReceiver();
    void start(const QString& secret);
    void onFinished();
    void onProgress();
    void updateActions();

    JobRunner* m_jobs;
    SecretStore* m_secrets;
    SyncFn m_syncFn;
    TestFn m_testFn;
    QString m_storePath;
    SyncSettings m_settings;
    State m_state = State::NotConnected;
    QString m_detail;
    double m_progress = 0;
    QStringList m_resourceOrder;
    QHash<QString, QString> m_resourceText;
    LastSync m_last;
    QString m_lastSummary;
    bool m_noEventFeed = false; // the last sync found no event feed: said in the status text
    bool m_starting = false; // reading the secret before the job starts
    bool m_running = false;  // from start() until its outcome is handled
    int m_skippedTicks = 0;
    int m_intervalOverrideMs = -1;
    QTimer m_timer;
    QFutureWatcher<SyncOutcome> m_watcher;
    QFutureWatcher<LastSync> m_lastWatcher;
    QPointer<QWidget> m_dialogParent;
    QAction* m_syncNowAction;
    QAction* m_cancelAction;
    QAction* m_settingsAction;
    QAction* m_quarantineAction;
    QString m_announced; // the last stateText() sent through stateChanged

    WebhookState m_webhookState = WebhookState::Off;
    QString m_webhookDetail;
    quint16 m_webhookPort = 0;
    // Bumped by every (re)start or stop: a start that finishes under an older generation is
    // stale and its receiver is stopped at once.
    quint64 m_webhookGeneration = 0;
    int m_webhookRestarts = 0; // consecutive restarts after the receiver stopped on its own
    std::shared_ptr<sync::WebhookReceiver> m_receiver;
    QThreadPool m_webhookPool; // one thread: receiver starts and stops, in order
};

// Reads the newest last_synced_at and any last_error of `source` (all sources when empty) from
// sync_state. Runs on any thread; an unreadable store gives an empty LastSync.
LastSync readLastSync(const QString& storePath, const QString& source);

} // namespace shoppilot::ui
