#include "sync/sync_controller.h"

#include <QAction>
#include <QLocale>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include "common/thread_priority.h"

#include "shell/job_runner.h"
#include "store/repositories.h"
#include "store/store_access.h"
#include "sync/connection_dialog.h"
#include "sync/quarantine_dialog.h"
#include "sync/secret_store.h"
#include "sync/webhook_receiver.h"
#include "sync/woo_store.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace shoppilot::ui {

namespace {
using ReceiverPtr = std::shared_ptr<sync::WebhookReceiver>;

// A receiver, or why it could not start (kept as is: QtConcurrent would wrap a thrown
// shoppilot::Error into a QUnhandledException and lose its message).
struct ReceiverStart {
    ReceiverPtr receiver;
    std::exception_ptr error;
    bool portInUse = false;
};

// Whether another socket holds 127.0.0.1:port. Asked after a failed bind, so the status line can
// say so in the user's language (the system's message may be localised or worded differently).
bool loopbackPortInUse(quint16 port)
{
    if (port == 0)
        return false;
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one); // as the receiver binds
    const bool inUse = ::bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0 && errno == EADDRINUSE;
    ::close(fd);
    return inUse;
}

// Why the receiver could not start, for the status line. The one case people can fix without
// reading a system message gets a sentence of its own.
QString webhookStartError(const ReceiverStart& start, int port)
{
    if (start.portInUse)
        return SyncController::tr("port %1 is in use").arg(port);
    return jobErrorMessage(start.error);
}

SyncOutcome runWooSync(const QString& storePath, const sync::SyncOptions& options, const Progress& progress)
{
    useBackgroundPriority();
    // Through the process's one writer, a turn per page: panel writes and webhooks interleave.
    const auto access = store::StoreAccess::open(storePath.toStdString());
    const sync::SyncReport report = sync::syncWoo(*access, options, progress);
    SyncOutcome out;
    out.completed = report.completed;
    out.summary = QString::fromStdString(report.summary());
    out.applied = report.totalApplied();
    out.quarantined = report.totalQuarantined();
    out.noEventFeed = report.eventFeedAbsent;
    return out;
}
} // namespace

LastSync readLastSync(const QString& storePath, const QString& source)
{
    LastSync out;
    try {
        const auto info = store::StoreAccess::open(storePath.toStdString())->read(
            [src = source.toStdString()](store::Database& db) { return store::lastSyncInfo(db, src); });
        if (info.at)
            out.at = QDateTime::fromSecsSinceEpoch(*info.at, Qt::UTC);
        out.error = QString::fromStdString(info.error);
    } catch (const std::exception&) {
        // No store or not readable: nothing known about the last sync.
    }
    return out;
}

SyncController::SyncController(JobRunner* jobs, QObject* parent)
    : QObject(parent), m_jobs(jobs), m_secrets(new SecretStore(this)), m_syncFn(runWooSync),
      m_testFn([](const sync::SyncOptions& o, const Progress& p) { return sync::testConnection(o, p); })
{
    m_syncNowAction = new QAction(tr("&Sync now"), this);
    m_syncNowAction->setObjectName(QStringLiteral("syncNowAction"));
    m_syncNowAction->setShortcut(QKeySequence(Qt::Key_F5 | Qt::SHIFT));
    m_cancelAction = new QAction(tr("&Cancel sync"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelSyncAction"));
    m_settingsAction = new QAction(tr("Shop &connection…"), this);
    m_settingsAction->setObjectName(QStringLiteral("syncSettingsAction"));
    m_quarantineAction = new QAction(tr("&Quarantined records…"), this);
    m_quarantineAction->setObjectName(QStringLiteral("quarantineAction"));
    m_webhookPool.setMaxThreadCount(1);
    m_webhookPool.setObjectName(QStringLiteral("webhooks"));
    m_announced = stateText();
    connect(m_syncNowAction, &QAction::triggered, this, &SyncController::syncNow);
    connect(m_cancelAction, &QAction::triggered, this, &SyncController::cancel);
    connect(m_settingsAction, &QAction::triggered, this, &SyncController::openSettingsDialog);
    connect(m_quarantineAction, &QAction::triggered, this, &SyncController::openQuarantineDialog);

    connect(&m_watcher, &QFutureWatcher<SyncOutcome>::finished, this, &SyncController::onFinished);
    connect(&m_watcher, &QFutureWatcher<SyncOutcome>::progressValueChanged, this, &SyncController::onProgress);
    connect(&m_watcher, &QFutureWatcher<SyncOutcome>::progressTextChanged, this, &SyncController::onProgress);
    connect(&m_lastWatcher, &QFutureWatcher<LastSync>::finished, this, [this] {
        m_last = m_lastWatcher.result();
        // At start-up the store's record is the only news about the last sync.
        if (m_state == State::Idle && m_last.at.isValid())
            setState(m_last.error.isEmpty() ? State::Synced : State::Failed, m_last.error);
        Q_EMIT lastSyncChanged();
    });
    connect(&m_timer, &QTimer::timeout, this, [this] {
        // Never two syncs at once: a tick that finds one running waits for the next tick.
        if (running()) {
            ++m_skippedTicks;
            return;
        }
        syncNow();
    });
    reloadSettings();
}

SyncController::~SyncController()
{
    // The job holds copies of what it needs; stop it, do not wait for it.
    if (m_running)
        m_watcher.future().cancel();
    // The receiver writes to the store: it is stopped before we are gone. A start still under
    // way finishes first; its receiver dies with its watcher.
    ++m_webhookGeneration;
    stopReceiver();
    m_webhookPool.waitForDone();
}

void SyncController::setStorePath(const QString& path)
{
    if (path == m_storePath)
        return;
    m_storePath = path;
    m_last = {};
    if (m_state == State::Synced || m_state == State::Failed || m_state == State::Cancelled)
        setState(m_settings.configured() ? State::Idle : State::NotConnected);
    updateActions();
    refreshLastSync();
    restartWebhooks();
}

void SyncController::reloadSettings()
{
    m_settings = SyncSettings::load();
    const int ms = periodicIntervalMs();
    if (ms > 0)
        m_timer.start(ms);
    else
        m_timer.stop();
    if (!running()) {
        if (!m_settings.configured())
            setState(State::NotConnected);
        else if (m_state == State::NotConnected)
            setState(State::Idle);
    }
    updateActions();
    refreshLastSync();
    // The webhook secret may have changed with the settings: restart whenever they are saved.
    restartWebhooks();
}

void SyncController::setPeriodicIntervalMs(int ms)
{
    m_intervalOverrideMs = ms;
    if (ms > 0)
        m_timer.start(ms);
    else
        m_timer.stop();
}

int SyncController::periodicIntervalMs() const
{
    return m_intervalOverrideMs >= 0 ? m_intervalOverrideMs : m_settings.intervalMinutes * 60 * 1000;
}

QString SyncController::stateText() const
{
    const QString base = syncStateText();
    switch (m_webhookState) {
    case WebhookState::Off:
        return base;
    case WebhookState::Starting:
        return tr("%1 · webhooks starting…").arg(base);
    case WebhookState::Running:
        return tr("%1 · webhooks on :%2").arg(base, QString::number(m_webhookPort));
    case WebhookState::Failed:
        return tr("%1 · webhooks off: %2").arg(base, m_webhookDetail);
    }
    return base;
}

QString SyncController::webhookStateText() const
{
    switch (m_webhookState) {
    case WebhookState::Off:
        break;
    case WebhookState::Starting:
        return tr("Webhooks starting…");
    case WebhookState::Running:
        return tr("Webhooks on :%1").arg(m_webhookPort);
    case WebhookState::Failed:
        return tr("Webhooks off: %1").arg(m_webhookDetail);
    }
    return tr("Webhooks off");
}

QString SyncController::webhookUrl() const
{
    return m_receiver && webhooksRunning() ? QString::fromStdString(m_receiver->url()) : QString();
}

sync::WebhookStats SyncController::webhookStats() const
{
    return m_receiver ? m_receiver->stats() : sync::WebhookStats{};
}

QString SyncController::syncStateText() const
{
    switch (m_state) {
    case State::NotConnected:
        return tr("Not connected to a shop");
    case State::Idle:
        return tr("Not synced yet");
    case State::Syncing:
        return tr("Syncing… %1%").arg(int(m_progress * 100));
    case State::Synced: {
        const QDateTime at = m_last.at.isValid() ? m_last.at.toLocalTime() : QDateTime::currentDateTime();
        const QLocale locale;
        const QString when = at.date() == QDate::currentDate() ? locale.toString(at.time(), QLocale::ShortFormat)
                                                               : locale.toString(at, QLocale::ShortFormat);
        // A plain WooCommerce has no clickstream feed: say so, it is not an error.
        return m_noEventFeed ? tr("Synced %1 · no event feed").arg(when) : tr("Synced %1").arg(when);
    }
    case State::Failed:
        return tr("Sync failed: %1").arg(m_detail);
    case State::Cancelled:
        return tr("Sync cancelled");
    }
    return {};
}

QStringList SyncController::resourceProgress() const
{
    QStringList out;
    for (const QString& r : m_resourceOrder)
        out << m_resourceText.value(r);
    return out;
}

void SyncController::announceState()
{
    const QString text = stateText();
    if (text == m_announced)
        return;
    m_announced = text;
    Q_EMIT stateChanged(text);
}

void SyncController::setState(State state, const QString& detail)
{
    m_state = state;
    m_detail = detail;
    announceState();
}

void SyncController::setWebhookState(WebhookState state, const QString& detail, quint16 port)
{
    const bool changed = state != m_webhookState || detail != m_webhookDetail || port != m_webhookPort;
    m_webhookState = state;
    m_webhookDetail = detail;
    m_webhookPort = port;
    announceState();
    if (changed)
        Q_EMIT webhookStateChanged();
}

void SyncController::restartWebhooks()
{
    const quint64 generation = ++m_webhookGeneration;
    stopReceiver();
    if (!m_settings.webhooksEnabled || m_storePath.isEmpty()) {
        setWebhookState(WebhookState::Off);
        return;
    }
    setWebhookState(WebhookState::Starting);
    const SyncSettings settings = m_settings;
    const QString path = m_storePath;
    m_secrets->read(settings.webhookSecretAccount(),
                    [this, generation, settings, path](bool ok, const QString& secret, const QString& error) {
                        if (generation != m_webhookGeneration)
                            return; // restarted or stopped meanwhile
                        if (!ok)
                            setWebhookState(WebhookState::Failed, error);
                        else if (secret.isEmpty())
                            setWebhookState(WebhookState::Failed,
                                            tr("set the webhook secret in the shop connection settings"));
                        else
                            startReceiver(generation, settings, path, secret);
                    });
}

void SyncController::startReceiver(quint64 generation, const SyncSettings& settings, const QString& storePath,
                                   const QString& secret)
{
    sync::WebhookOptions options;
    options.storePath = storePath.toStdString();
    options.secret = secret.toStdString();
    options.port = quint16(settings.webhookPort);
    // The sync's own source name, so quarantine rows of both land under one shop.
    options.source = sync::syncSource(settings.toOptions({}));
    options.apply = [source = options.source](store::Database& db, std::string_view topic, std::string_view body) {
        sync::applyWooPayload(db, source, sync::webhookTable(topic), body);
    };
    // Runs on the receiver's thread, which stop() joins before this controller goes away.
    options.onStopped = [this, generation](const std::string& why) {
        QMetaObject::invokeMethod(
            this, [this, generation, why = QString::fromStdString(why)] { onReceiverStopped(generation, why); },
            Qt::QueuedConnection);
    };
    const int port = settings.webhookPort;
    auto* watcher = new QFutureWatcher<ReceiverStart>(this);
    connect(watcher, &QFutureWatcher<ReceiverStart>::finished, this, [this, watcher, generation, port] {
        watcher->deleteLater();
        const ReceiverStart started = watcher->result();
        ReceiverPtr receiver = started.receiver;
        if (generation != m_webhookGeneration) {
            // Superseded while starting: stop it in order with the other starts and stops.
            if (receiver)
                (void)QtConcurrent::run(&m_webhookPool, [receiver]() mutable {
                    receiver->stop();
                    receiver.reset();
                });
            return;
        }
        if (!receiver) {
            setWebhookState(WebhookState::Failed, webhookStartError(started, port));
            return;
        }
        m_receiver = std::move(receiver);
        setWebhookState(WebhookState::Running, {}, m_receiver->port());
        if (m_webhookRestarts > 0)
            QTimer::singleShot(60000, this, [this, generation] {
                if (generation == m_webhookGeneration && webhooksRunning())
                    m_webhookRestarts = 0; // a minute up: the next failure starts the pauses afresh
            });
    });
    // Opening the store (a migration check) and binding are usually quick, but never on the GUI
    // thread; the pool's single thread runs after any stop queued before, so the port is free.
    watcher->setFuture(QtConcurrent::run(&m_webhookPool, [options = std::move(options)]() {
        ReceiverStart out;
        try {
            out.receiver = std::make_shared<sync::WebhookReceiver>(options);
        } catch (const Error& e) {
            out.error = std::current_exception();
            out.portInUse = e.code() == ErrorCode::Network && options.bindAddress == "127.0.0.1"
                            && loopbackPortInUse(options.port);
        } catch (...) {
            out.error = std::current_exception();
        }
        return out;
    }));
}

void SyncController::onReceiverStopped(quint64 generation, const QString& why)
{
    if (generation != m_webhookGeneration)
        return;
    qWarning("%s", qPrintable(why));
    stopReceiver();
    const int delayMs = std::min(60000, 2000 << std::min(m_webhookRestarts, 5));
    ++m_webhookRestarts;
    setWebhookState(WebhookState::Failed, tr("stopped (%1); restarting in %2 s").arg(why).arg(delayMs / 1000));
    QTimer::singleShot(delayMs, this, [this, generation] {
        if (generation == m_webhookGeneration)
            restartWebhooks();
    });
}

void SyncController::stopReceiver()
{
    if (!m_receiver)
        return;
    // Joining its thread waits for the delivery being written: not on the GUI thread.
    (void)QtConcurrent::run(&m_webhookPool, [receiver = std::move(m_receiver)]() mutable {
        receiver->stop();
        receiver.reset();
    });
    m_receiver.reset();
}

bool SyncController::syncNow()
{
    if (running())
        return false;
    if (!m_settings.configured()) {
        setState(State::NotConnected);
        return false;
    }
    if (m_storePath.isEmpty()) {
        setState(State::Failed, tr("open a store first"));
        return false;
    }
    m_starting = true;
    updateActions();
    const SyncSettings settings = m_settings;
    m_secrets->read(settings.secretAccount(), [this, settings](bool ok, const QString& secret, const QString& error) {
        m_starting = false;
        if (!ok)
            setState(State::Failed, error);
        else if (settings.consumerKey.trimmed().isEmpty() || secret.isEmpty())
            setState(State::Failed, tr("enter the consumer key and secret in the shop connection settings"));
        else
            start(secret);
        updateActions();
    });
    return true;
}

void SyncController::start(const QString& secret)
{
    m_progress = 0;
    m_resourceOrder.clear();
    m_resourceText.clear();
    setState(State::Syncing);
    const SyncFn fn = m_syncFn;
    const QString path = m_storePath;
    const sync::SyncOptions options = m_settings.toOptions(secret);
    QFuture<SyncOutcome> future = m_jobs->run<SyncOutcome>(
        tr("Syncing with the shop"), [fn, path, options](const Progress& p) { return fn(path, options, p); },
        QStringLiteral("sync"));
    m_running = true;
    m_watcher.setFuture(future);
    updateActions();
    Q_EMIT syncStarted();
}

void SyncController::cancel()
{
    if (m_running)
        m_watcher.future().cancel();
}

void SyncController::onProgress()
{
    if (!m_running)
        return;
    m_progress = double(m_watcher.progressValue()) / JobRunner::kProgressSteps;
    const QString what = m_watcher.progressText();
    // The engine's steps read "products: page 3/9": keep the latest line of each resource.
    const int colon = what.indexOf(QLatin1Char(':'));
    if (colon > 0) {
        const QString resource = what.left(colon);
        if (!m_resourceOrder.contains(resource))
            m_resourceOrder << resource;
        m_resourceText.insert(resource, what);
    }
    setState(State::Syncing);
    Q_EMIT progressChanged(m_progress, what);
}

void SyncController::onFinished()
{
    m_running = false;
    QFuture<SyncOutcome> future = m_watcher.future();
    SyncOutcome outcome;
    bool failed = false;
    QString message;
    bool cancelled = false;
    try {
        if (future.resultCount() > 0) {
            outcome = future.result();
        } else {
            future.waitForFinished(); // rethrows the job's exception
            cancelled = true;
        }
    } catch (...) {
        failed = true;
        message = jobErrorMessage(std::current_exception());
    }
    if (failed) {
        setState(State::Failed, message);
        Q_EMIT syncFinished(false, message);
    } else if (cancelled) {
        setState(State::Cancelled);
        Q_EMIT syncFinished(false, tr("Sync cancelled"));
    } else {
        m_lastSummary = outcome.summary;
        m_noEventFeed = outcome.noEventFeed;
        m_last.at = QDateTime::currentDateTimeUtc();
        if (outcome.completed) {
            m_progress = 1;
            setState(State::Synced);
        } else {
            setState(State::Failed, outcome.summary.section(QLatin1Char('\n'), 0, 0));
        }
        Q_EMIT syncFinished(outcome.completed, outcome.summary);
    }
    updateActions();
    refreshLastSync();
}

void SyncController::testConnection(const SyncSettings& settings, const QString& secret)
{
    const TestFn fn = m_testFn;
    const sync::SyncOptions options = settings.toOptions(secret);
    auto* watcher = new QFutureWatcher<sync::ConnectionTest>(this);
    connect(watcher, &QFutureWatcher<sync::ConnectionTest>::finished, this, [this, watcher] {
        watcher->deleteLater();
        QFuture<sync::ConnectionTest> f = watcher->future();
        try {
            if (f.resultCount() > 0) {
                const sync::ConnectionTest r = f.result();
                Q_EMIT connectionTested(r.ok, r.ok ? tr("Connected: the shop lists %1 products").arg(r.products)
                                                   : QString::fromStdString(r.message));
                return;
            }
            f.waitForFinished();
            Q_EMIT connectionTested(false, tr("Test cancelled"));
        } catch (...) {
            Q_EMIT connectionTested(false, jobErrorMessage(std::current_exception()));
        }
    });
    watcher->setFuture(m_jobs->run<sync::ConnectionTest>(
        tr("Testing the shop connection"), [fn, options](const Progress& p) { return fn(options, p); },
        QStringLiteral("sync-test")));
}

void SyncController::refreshLastSync()
{
    if (m_storePath.isEmpty())
        return;
    const QString source =
        m_settings.configured() ? QString::fromStdString(sync::syncSource(m_settings.toOptions({}))) : QString();
    m_lastWatcher.setFuture(QtConcurrent::run(backgroundPool(), readLastSync, m_storePath, source));
}

void SyncController::updateActions()
{
    const bool busy = running();
    m_syncNowAction->setEnabled(!busy && m_settings.configured() && !m_storePath.isEmpty());
    m_cancelAction->setEnabled(m_running);
    m_quarantineAction->setEnabled(!m_storePath.isEmpty());
}

void SyncController::openSettingsDialog()
{
    auto* dialog = new ConnectionDialog(this, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void SyncController::openQuarantineDialog()
{
    if (m_storePath.isEmpty())
        return;
    auto* dialog = new QuarantineDialog(m_storePath, m_jobs, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(this, &SyncController::syncFinished, dialog, &QuarantineDialog::reload);
    dialog->show();
}

} // namespace shoppilot::ui
