// The sync UI without a network: settings round trip with the secret in the 0600 fallback file
// (never in QSettings or the store), the quarantine model over a real store, the controller's
// state line with injected fake syncs (success, failure, cancel), periodic syncs that never
// overlap, and the webhook receiver the controller runs (on loopback, port 0 = an ephemeral one):
// signed deliveries land in the store and reach the change feed, bad signatures change nothing,
// disabling stops it, a busy port is a state, not a crash.
#include <QAction>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "ui/gui_test_main.h"

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "demo/demo_generator.h"
#include "shell/i18n.h"
#include "shell/job_runner.h"
#include "shell/store_bridge.h"
#include "store/database.h"
#include "sync/hmac.h"
#include "sync/sim_store.h"
#include "sync/webhook_receiver.h"
#include "sync/woo_format.h"
#include "sync/connection_dialog.h"
#include "sync/quarantine_dialog.h"
#include "sync/quarantine_model.h"
#include "sync/secret_store.h"
#include "sync/sync_controller.h"
#include "sync/sync_settings.h"

using namespace shoppilot;
using namespace shoppilot::ui;

namespace {

const QString kSecret = QStringLiteral("cs_0123456789abcdef_TOP_SECRET");

QString makeStore(const QTemporaryDir& dir)
{
    const QString path = dir.filePath(QStringLiteral("shop.db"));
    store::ThreadCheckExemption fixture;
    store::Database::open(path.toStdString(), {store::OpenMode::CreateIfMissing});
    return path;
}

void configure(const QString& url = QStringLiteral("https://shop.example"))
{
    SyncSettings s;
    s.url = url;
    s.consumerKey = QStringLiteral("ck_test");
    s.save();
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const QString kWebhookSecret = QStringLiteral("wh_secret_Zq8#pL_do_not_log");

// A loopback TCP socket (POSIX: the UI links no Qt Network); -1 on failure.
int connectLoopback(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool canConnect(quint16 port)
{
    const int fd = connectLoopback(port);
    if (fd >= 0)
        ::close(fd);
    return fd >= 0;
}

// One WooCommerce delivery (blocking, Connection: close); the HTTP status, 0 when the connection
// failed.
int postWebhook(quint16 port, const std::string& topic, const std::string& deliveryId, const std::string& body,
                const std::string& signature)
{
    const int fd = connectLoopback(port);
    if (fd < 0)
        return 0;
    const std::string request = "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port)
                                + "\r\nContent-Type: application/json\r\nUser-Agent: WooCommerce/8.5.2 Hookshot"
                                + "\r\nX-WC-Webhook-Topic: " + topic + "\r\nX-WC-Webhook-Resource: "
                                + topic.substr(0, topic.find('.')) + "\r\nX-WC-Webhook-Event: "
                                + topic.substr(topic.find('.') + 1) + "\r\nX-WC-Webhook-Delivery-ID: " + deliveryId
                                + "\r\nX-WC-Webhook-Signature: " + signature
                                + "\r\nContent-Length: " + std::to_string(body.size())
                                + "\r\nConnection: close\r\n\r\n" + body;
    bool ok = true;
    for (std::size_t sent = 0; ok && sent < request.size();) {
        const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        ok = n > 0;
        sent += n > 0 ? std::size_t(n) : 0;
    }
    std::string reply;
    char buffer[4096];
    for (ssize_t n; ok && (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
        reply.append(buffer, std::size_t(n));
    ::close(fd);
    // "HTTP/1.1 200 OK"
    if (reply.size() < 12 || reply.compare(0, 5, "HTTP/") != 0)
        return 0;
    return std::stoi(reply.substr(9, 3));
}

// A listening socket holding a loopback port (so the receiver finds it busy); its port in *port.
int occupyPort(quint16* port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd < 0 || ::bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 4) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    *port = ntohs(addr.sin_port);
    return fd;
}

// Webhooks on (port 0 = ephemeral unless given) for the configured shop, with the secret stored.
void enableWebhooks(SecretStore* secrets, int port = 0)
{
    SyncSettings s = SyncSettings::load();
    s.webhooksEnabled = true;
    s.webhookPort = port;
    s.save();
    bool written = false;
    secrets->write(s.webhookSecretAccount(), kWebhookSecret, [&](bool ok, const QString&) { written = ok; });
    QTRY_VERIFY(written);
}

// A tiny demo store whose products, customers and orders carry Woo ids (their local ids), as
// after a sync from the shop, so a webhook for an order updates that order.
QString makeSyncedDemoStore(const QTemporaryDir& dir)
{
    const QString path = dir.filePath(QStringLiteral("demo.db"));
    store::ThreadCheckExemption fixture;
    auto db = store::Database::open(path.toStdString(), {store::OpenMode::CreateIfMissing});
    demo::generateDemoStore(db, {demo::DemoSize::Tiny, 3}, {});
    for (const char* table : {"products", "customers", "orders"})
        db.exec(std::string("UPDATE ") + table + " SET external_id = CAST(id AS TEXT)");
    return path;
}

QString orderStatus(const QString& path, store::Id id)
{
    store::ThreadCheckExemption inspect;
    auto db = store::Database::open(path.toStdString(), {store::OpenMode::ReadOnly});
    store::Statement q(db, "SELECT status FROM orders WHERE id = ?");
    q.bind(1, id);
    return q.step() ? QString::fromStdString(q.columnText(0)) : QString();
}

} // namespace

void saveScreenshot(QWidget& w, const QString& name)
{
    QDir().mkpath(SHOPPILOT_SCREENSHOT_DIR);
    const QString png = QString(SHOPPILOT_SCREENSHOT_DIR) + "/" + name + ".png";
    QVERIFY(w.grab().save(png));
}

class TestSyncUi : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("SHOPPILOT_SECRET_BACKEND", "file"); // no keyring in the test: force the fallback
        QCoreApplication::setOrganizationName(QStringLiteral("ShopPilotTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_sync_ui"));
    }

    void init()
    {
        QSettings().clear();
        QFile::remove(SecretStore::fallbackFilePath());
    }

    void settingsRoundTripKeepsTheSecretOutOfSettingsAndStore()
    {
        QTemporaryDir dir;
        const QString storePath = makeStore(dir);
        JobRunner jobs;
        SyncController controller(&jobs);
        controller.setStorePath(storePath);
        QCOMPARE(controller.secrets()->backend(), SecretStore::Backend::File);
        {
            ConnectionDialog dialog(&controller);
            QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("secretNote"))->text().contains(QStringLiteral("readable only by you")));
            dialog.findChild<QLineEdit*>(QStringLiteral("urlEdit"))->setText(QStringLiteral("https://shop.example"));
            dialog.findChild<QLineEdit*>(QStringLiteral("keyEdit"))->setText(QStringLiteral("ck_abc"));
            auto* secret = dialog.findChild<QLineEdit*>(QStringLiteral("secretEdit"));
            secret->setText(kSecret);
            Q_EMIT secret->textEdited(kSecret);
            dialog.findChild<QSpinBox*>(QStringLiteral("intervalSpin"))->setValue(15);
            dialog.findChild<QCheckBox*>(QStringLiteral("queryAuthCheck"))->setChecked(true);
            dialog.findChild<QLineEdit*>(QStringLiteral("caFileEdit"))->setText(QStringLiteral("/etc/ssl/shop-ca.pem"));
            QSignalSpy saved(&dialog, &ConnectionDialog::saved);
            dialog.accept();
            QTRY_COMPARE(saved.count(), 1);
            QCOMPARE(saved.at(0).at(0).toBool(), true);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        const SyncSettings s = SyncSettings::load();
        QCOMPARE(s.url, QStringLiteral("https://shop.example"));
        QCOMPARE(s.consumerKey, QStringLiteral("ck_abc"));
        QCOMPARE(s.intervalMinutes, 15);
        QCOMPARE(s.queryStringAuth, true);
        QCOMPARE(s.caFile, QStringLiteral("/etc/ssl/shop-ca.pem"));
        QCOMPARE(controller.settings(), s);
        QCOMPARE(controller.periodicIntervalMs(), 15 * 60 * 1000);

        // The fallback file: there, 0600, and the only place holding the secret.
        const QString secretFile = SecretStore::fallbackFilePath();
        QVERIFY(QFile::exists(secretFile));
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(secretFile).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        QVERIFY(readAll(secretFile).contains(kSecret.toUtf8()));
        QSettings().sync();
        const QByteArray settingsBytes = readAll(QSettings().fileName());
        QVERIFY(!settingsBytes.isEmpty());
        QVERIFY(settingsBytes.contains("ck_abc"));
        QVERIFY(!settingsBytes.contains(kSecret.toUtf8()));
        for (const QString& f : {storePath, storePath + QStringLiteral("-wal")})
            QVERIFY(!readAll(f).contains(kSecret.toUtf8()));

        // A new dialog reads everything back, the secret included.
        ConnectionDialog again(&controller);
        QTRY_VERIFY(again.secretLoaded());
        QCOMPARE(again.secret(), kSecret);
        QCOMPARE(again.settings(), s);

        // Another shop: the old shop's secret is removed from the file.
        again.findChild<QLineEdit*>(QStringLiteral("urlEdit"))->setText(QStringLiteral("https://other.example"));
        QSignalSpy saved(&again, &ConnectionDialog::saved);
        again.accept();
        QTRY_COMPARE(saved.count(), 1);
        QTRY_VERIFY(!readAll(secretFile).contains("shop.example|"));
        QVERIFY(readAll(secretFile).contains("other.example"));
        struct stat st2 {};
        QCOMPARE(::stat(QFile::encodeName(secretFile).constData(), &st2), 0);
        QCOMPARE(int(st2.st_mode & 0777), 0600);
    }

    void quarantineModelOverAStore()
    {
        QTemporaryDir dir;
        const QString path = makeStore(dir);
        {
            store::ThreadCheckExemption fixture;
            auto db = store::Database::open(path.toStdString());
            db.exec("INSERT INTO sync_quarantine (source, resource, external_id, received_at, reason, payload) VALUES "
                    "('woocommerce:https://shop.example', 'orders', '101', 1709287200, 'missing total', '{\"id\":101}'),"
                    "('woocommerce:https://shop.example', 'products', NULL, 1709290800, 'malformed JSON', '{\"id\":'),"
                    "('woocommerce', 'customers', '7', 1709294400, 'bad email', '{\"id\":7,\"email\":3}')");
        }
        const QVector<QuarantineEntry> entries = [&] {
            store::ThreadCheckExemption direct; // a worker's function, called here directly
            return loadQuarantine(path);
        }();
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries.front().resource, QStringLiteral("customers")); // newest first

        QuarantineModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries(entries);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(QuarantineModel::ColumnCount));
        QCOMPARE(model.index(1, QuarantineModel::ReasonColumn).data().toString(), QStringLiteral("malformed JSON"));
        QCOMPARE(model.index(1, QuarantineModel::ExternalIdColumn).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.index(2, QuarantineModel::ExternalIdColumn).data().toString(), QStringLiteral("101"));
        QCOMPARE(model.index(1, 0).data(QuarantineModel::PayloadRole).toString(), QStringLiteral("{\"id\":"));
        QVERIFY(!model.index(0, QuarantineModel::TimeColumn).data().toString().isEmpty());
        QCOMPARE(model.headerData(QuarantineModel::ReasonColumn, Qt::Horizontal).toString(), QStringLiteral("Reason"));
        model.setEntries({});
        QCOMPARE(model.rowCount(), 0);

        // The dialog loads the same rows in a job and shows a payload.
        JobRunner jobs;
        QuarantineDialog dialog(path, &jobs);
        QSignalSpy loaded(&dialog, &QuarantineDialog::loaded);
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(dialog.model()->rowCount(), 3);
        auto* table = dialog.findChild<QTableView*>(QStringLiteral("quarantineTable"));
        table->setCurrentIndex(table->model()->index(0, 0));
        QVERIFY(!dialog.findChild<QPlainTextEdit*>(QStringLiteral("quarantinePayload"))->toPlainText().isEmpty());
        saveScreenshot(dialog, "quarantine_en");
    }

    // The connection dialog as users see it, in both languages (build/screenshots/).
    void connectionDialogScreenshots()
    {
        QTemporaryDir dir;
        const QString path = makeStore(dir);
        configure();
        for (const QString& lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            installTranslations(*qApp, lang);
            JobRunner jobs;
            SyncController controller(&jobs);
            controller.setStorePath(path);
            ConnectionDialog dialog(&controller);
            dialog.show();
            QTRY_VERIFY(dialog.secretLoaded());
            saveScreenshot(dialog, "sync_connection_" + lang);
        }
        installTranslations(*qApp, QStringLiteral("en"));
    }

    void controllerStateTransitions()
    {
        QTemporaryDir dir;
        const QString path = makeStore(dir);
        JobRunner jobs;
        SyncController controller(&jobs);
        QCOMPARE(controller.stateText(), QStringLiteral("Not connected to a shop"));
        QVERIFY(!controller.syncNow());

        configure();
        controller.setStorePath(path);
        controller.reloadSettings();
        QCOMPARE(controller.state(), SyncController::State::Idle);

        // No secret stored yet: a clear failure, no job.
        QSignalSpy states(&controller, &SyncController::stateChanged);
        QVERIFY(controller.syncNow());
        QTRY_COMPARE(controller.state(), SyncController::State::Failed);
        QVERIFY(controller.stateText().startsWith(QStringLiteral("Sync failed: ")));

        bool written = false;
        controller.secrets()->write(controller.settings().secretAccount(), kSecret, [&](bool ok, const QString&) { written = ok; });
        QTRY_VERIFY(written);

        // A fake sync that stops at 40% until released, and sees the options it was given.
        std::atomic<bool> release{false};
        std::atomic<bool> sawSecret{false};
        controller.setSyncFunction([&](const QString& storePath, const sync::SyncOptions& o, const Progress& p) {
            sawSecret = o.secret == kSecret.toStdString() && o.baseUrl == "https://shop.example"
                        && storePath == path;
            p(0.1, "products: page 1/2");
            p(0.4, "customers: page 1/1");
            while (!release)
                QThread::msleep(2);
            SyncOutcome out;
            out.completed = true;
            out.summary = QStringLiteral("products: 2 applied");
            return out;
        });
        QSignalSpy finished(&controller, &SyncController::syncFinished);
        QVERIFY(controller.syncNow());
        QTRY_COMPARE(controller.stateText(), QStringLiteral("Syncing… 40%"));
        QVERIFY(controller.running());
        QVERIFY(!controller.syncNow()); // never two at once
        // Progress steps in quick succession may be coalesced; the latest one is always shown.
        QTRY_COMPARE(controller.resourceProgress().value(controller.resourceProgress().size() - 1),
                     QStringLiteral("customers: page 1/1"));
        QVERIFY(!controller.syncNowAction()->isEnabled());
        QVERIFY(controller.cancelAction()->isEnabled());
        release = true;
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(sawSecret.load());
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(controller.state(), SyncController::State::Synced);
        QVERIFY(QRegularExpression(QStringLiteral("^Synced \\d")).match(controller.stateText()).hasMatch());
        QVERIFY(controller.syncNowAction()->isEnabled());

        // A failing sync: its message reaches the status line.
        controller.setSyncFunction([](const QString&, const sync::SyncOptions&, const Progress&) -> SyncOutcome {
            throw Error(ErrorCode::Network, "shop.example: connection refused");
        });
        QVERIFY(controller.syncNow());
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(controller.stateText(), QStringLiteral("Sync failed: shop.example: connection refused"));

        // Cancel: the work sees its progress callback refuse and stops.
        controller.setSyncFunction([](const QString&, const sync::SyncOptions&, const Progress& p) -> SyncOutcome {
            for (;;) {
                if (!p(0.5, "orders: page 3/9"))
                    throw Cancelled();
                QThread::msleep(2);
            }
        });
        QVERIFY(controller.syncNow());
        QTRY_COMPARE(controller.state(), SyncController::State::Syncing);
        controller.cancel();
        QTRY_COMPARE(finished.count(), 3);
        QCOMPARE(controller.stateText(), QStringLiteral("Sync cancelled"));
        QVERIFY(states.count() >= 5);
    }

    void lastSyncIsReadFromSyncState()
    {
        QTemporaryDir dir;
        const QString path = makeStore(dir);
        configure();
        {
            store::ThreadCheckExemption fixture;
            auto db = store::Database::open(path.toStdString());
            db.exec("INSERT INTO sync_state (source, resource, cursor, last_synced_at, last_error) VALUES "
                    "('woocommerce:https://shop.example', 'products', '2024-03-01T10:00:00', 1709287200, NULL),"
                    "('woocommerce:https://shop.example', 'orders', '2024-03-01T10:00:00', 1709290800, NULL),"
                    "('woocommerce:https://elsewhere.example', 'orders', NULL, 1809290800, 'timeout')");
        }
        {
            store::ThreadCheckExemption direct; // a worker's function, called here directly
            const LastSync last = readLastSync(path, QStringLiteral("woocommerce:https://shop.example"));
            QCOMPARE(last.at.toSecsSinceEpoch(), qint64(1709290800));
            QVERIFY(last.error.isEmpty());
            QCOMPARE(readLastSync(path, QString()).error, QStringLiteral("orders: timeout"));
        }

        JobRunner jobs;
        SyncController controller(&jobs);
        QSignalSpy changed(&controller, &SyncController::lastSyncChanged);
        controller.setStorePath(path);
        QTRY_VERIFY(changed.count() >= 1);
        QCOMPARE(controller.lastSync().at.toSecsSinceEpoch(), qint64(1709290800));
        QCOMPARE(controller.state(), SyncController::State::Synced);
    }

    void periodicSyncNeverOverlaps()
    {
        QTemporaryDir dir;
        const QString path = makeStore(dir);
        configure();
        JobRunner jobs;
        SyncController controller(&jobs);
        controller.setStorePath(path);
        bool written = false;
        controller.secrets()->write(controller.settings().secretAccount(), kSecret, [&](bool ok, const QString&) { written = ok; });
        QTRY_VERIFY(written);

        std::atomic<int> active{0};
        std::atomic<int> maxActive{0};
        std::atomic<int> runs{0};
        controller.setSyncFunction([&](const QString&, const sync::SyncOptions&, const Progress& p) {
            const int now = ++active;
            int seen = maxActive.load();
            while (now > seen && !maxActive.compare_exchange_weak(seen, now)) {
            }
            // Longer than several timer intervals.
            for (int i = 0; i < 40; ++i) {
                p(i / 40.0, "orders: working");
                QThread::msleep(5);
            }
            --active;
            ++runs;
            SyncOutcome out;
            out.completed = true;
            return out;
        });
        controller.setPeriodicIntervalMs(10);
        QTRY_VERIFY_WITH_TIMEOUT(runs.load() >= 3, 20000);
        controller.setPeriodicIntervalMs(0);
        QTRY_VERIFY(!controller.running());
        QCOMPARE(maxActive.load(), 1);
        QVERIFY(controller.skippedTicks() > 0);
    }

    void webhookSettingsInTheDialog()
    {
        QTemporaryDir dir;
        const QString storePath = makeStore(dir);
        configure();
        JobRunner jobs;
        SyncController controller(&jobs);
        controller.setStorePath(storePath);
        QVERIFY(!controller.webhooksRunning());
        QCOMPARE(controller.webhookPort(), quint16(0));
        const QString account = controller.settings().webhookSecretAccount();
        {
            ConnectionDialog dialog(&controller);
            QTRY_VERIFY(dialog.secretLoaded());
            auto* check = dialog.findChild<QCheckBox*>(QStringLiteral("webhooksCheck"));
            auto* port = dialog.findChild<QSpinBox*>(QStringLiteral("webhookPortSpin"));
            auto* secret = dialog.findChild<QLineEdit*>(QStringLiteral("webhookSecretEdit"));
            auto* url = dialog.findChild<QLineEdit*>(QStringLiteral("webhookUrlEdit"));
            QVERIFY(check && port && secret && url);
            QVERIFY(!check->isChecked());
            QCOMPARE(port->value(), SyncSettings::kDefaultWebhookPort);
            QCOMPARE(port->minimum(), 1024);
            QCOMPARE(port->maximum(), 65535);
            QCOMPARE(secret->echoMode(), QLineEdit::Password);
            QVERIFY(url->isReadOnly());
            QCOMPARE(url->text(), QStringLiteral("http://127.0.0.1:8787/"));
            QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("webhookNote"))->text().contains(QStringLiteral("127.0.0.1")));
            QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("webhookStateLabel"))->text(), QStringLiteral("Webhooks off"));
            port->setValue(9123);
            QCOMPARE(url->text(), QStringLiteral("http://127.0.0.1:9123/"));
            secret->setText(kWebhookSecret);
            QSignalSpy saved(&dialog, &ConnectionDialog::saved);
            dialog.accept();
            QTRY_COMPARE(saved.count(), 1);
            QCOMPARE(saved.at(0).at(0).toBool(), true);
        }
        SyncSettings s = SyncSettings::load();
        QCOMPARE(s.webhooksEnabled, false);
        QCOMPARE(s.webhookPort, 9123);
        QString stored;
        bool read = false;
        controller.secrets()->read(account, [&](bool ok, const QString& secret, const QString&) {
            read = ok;
            stored = secret;
        });
        QTRY_VERIFY(read);
        QCOMPARE(stored, kWebhookSecret);
        QSettings().sync();
        QVERIFY(!readAll(QSettings().fileName()).contains(kWebhookSecret.toUtf8()));
        for (const QString& f : {storePath, storePath + QStringLiteral("-wal")})
            QVERIFY(!readAll(f).contains(kWebhookSecret.toUtf8()));

        // An empty field keeps the stored secret, also when the shop (and so the account) moves.
        {
            ConnectionDialog dialog(&controller);
            QTRY_VERIFY(dialog.secretLoaded());
            QVERIFY(dialog.webhookSecret().isEmpty()); // never shown
            dialog.findChild<QCheckBox*>(QStringLiteral("webhooksCheck"))->setChecked(true);
            dialog.findChild<QLineEdit*>(QStringLiteral("urlEdit"))->setText(QStringLiteral("https://other.example"));
            QSignalSpy saved(&dialog, &ConnectionDialog::saved);
            dialog.accept();
            QTRY_COMPARE(saved.count(), 1);
            QCOMPARE(saved.at(0).at(0).toBool(), true);
        }
        s = SyncSettings::load();
        QCOMPARE(s.webhooksEnabled, true);
        QVERIFY(s.webhookSecretAccount() != account);
        read = false;
        controller.secrets()->read(s.webhookSecretAccount(), [&](bool ok, const QString& secret, const QString&) {
            read = ok;
            stored = secret;
        });
        QTRY_VERIFY(read);
        QCOMPARE(stored, kWebhookSecret);
        QTRY_VERIFY(!readAll(SecretStore::fallbackFilePath()).contains("shop.example|"));
        // Saving enabled webhooks started the receiver on the chosen port (or says why not).
        QTRY_VERIFY(controller.webhookState() == SyncController::WebhookState::Running
                    || controller.webhookState() == SyncController::WebhookState::Failed);
        if (controller.webhooksRunning())
            QCOMPARE(controller.webhookPort(), quint16(9123));
    }

    void webhooksNeedASecret()
    {
        QTemporaryDir dir;
        const QString path = makeStore(dir);
        configure();
        SyncSettings s = SyncSettings::load();
        s.webhooksEnabled = true;
        s.webhookPort = 0;
        s.save();
        JobRunner jobs;
        SyncController controller(&jobs);
        QCOMPARE(controller.webhookState(), SyncController::WebhookState::Off); // no store yet
        controller.setStorePath(path);
        QTRY_COMPARE_WITH_TIMEOUT(controller.webhookState(), SyncController::WebhookState::Failed, 60000);
        QVERIFY(controller.webhookStateText().startsWith(QStringLiteral("Webhooks off: set the webhook secret")));
        QVERIFY(controller.stateText().startsWith(QStringLiteral("Not synced yet · webhooks off: ")));
    }

    void webhooksDeliverIntoTheOpenStore()
    {
        QTemporaryDir dir;
        const QString path = makeSyncedDemoStore(dir);
        configure();
        JobRunner jobs;
        SyncController controller(&jobs);
        enableWebhooks(controller.secrets());
        controller.reloadSettings();
        QCOMPARE(controller.webhookState(), SyncController::WebhookState::Off); // no store yet

        // The order to update, as the shop would send it: newer modified time, another status.
        store::Id orderId = 0;
        QString before;
        std::string body;
        {
            store::ThreadCheckExemption inspect;
            auto db = store::Database::open(path.toStdString(), {store::OpenMode::ReadOnly});
            store::Statement q(db, "SELECT id, status FROM orders WHERE status <> 'on-hold' ORDER BY id DESC LIMIT 1");
            QVERIFY(q.step());
            orderId = q.columnInt(0);
            before = QString::fromStdString(q.columnText(1));
            auto orders = sync::sim::readOrders(db, {std::nullopt, orderId, 1, 0});
            QCOMPARE(orders.size(), std::size_t(1));
            sync::woo::Order order = orders.front();
            order.row.status = "on-hold";
            order.modifiedAt = order.row.updatedAt + 3600;
            order.row.updatedAt = order.modifiedAt;
            body = sync::woo::orderJson(order);
        }
        QCOMPARE(orderStatus(path, orderId), before);

        StoreBridge bridge;
        bridge.follow(path);
        QSignalSpy changes(&bridge, &StoreBridge::tableChanged);
        QSignalSpy webhookStates(&controller, &SyncController::webhookStateChanged);
        controller.setStorePath(path);
        QTRY_VERIFY_WITH_TIMEOUT(controller.webhooksRunning(), 60000);
        QVERIFY(webhookStates.count() >= 1);
        const quint16 port = controller.webhookPort();
        QVERIFY(port != 0);
        QCOMPARE(controller.webhookUrl(), QStringLiteral("http://127.0.0.1:%1/").arg(port));
        QCOMPARE(controller.webhookStateText(), QStringLiteral("Webhooks on :%1").arg(port));
        QVERIFY(controller.stateText().endsWith(QStringLiteral(" · webhooks on :%1").arg(port)));

        // A wrong signature is refused and changes nothing.
        const std::string secret = kWebhookSecret.toStdString();
        QCOMPARE(postWebhook(port, "order.updated", "d-bad", body, sync::wooSignature("not the secret", body)), 401);
        QCOMPARE(postWebhook(port, "order.updated", "d-unsigned", body, ""), 401);
        QCOMPARE(controller.webhookStats().unauthorized, std::uint64_t(2));
        QCOMPARE(orderStatus(path, orderId), before);

        // The signed delivery lands in the store and its notice reaches the change feed.
        QCOMPARE(postWebhook(port, "order.updated", "d-1", body, sync::wooSignature(secret, body)), 200);
        QTRY_COMPARE(orderStatus(path, orderId), QStringLiteral("on-hold"));
        QTRY_VERIFY(std::any_of(changes.cbegin(), changes.cend(),
                                [](const QList<QVariant>& args) { return args.at(0).toString() == QLatin1String("orders"); }));
        QCOMPARE(controller.webhookStats().applied, std::uint64_t(1));

        // Changing the store's path away stops it; coming back starts it again.
        controller.setStorePath(QString());
        QTRY_COMPARE_WITH_TIMEOUT(controller.webhookState(), SyncController::WebhookState::Off, 60000);
        controller.setStorePath(path);
        QTRY_VERIFY_WITH_TIMEOUT(controller.webhooksRunning(), 60000);
        const quint16 again = controller.webhookPort();

        // Disabling webhooks stops the receiver: the port refuses connections.
        SyncSettings s = SyncSettings::load();
        s.webhooksEnabled = false;
        s.save();
        controller.reloadSettings();
        QVERIFY(!controller.webhooksRunning());
        QCOMPARE(controller.webhookPort(), quint16(0));
        QVERIFY(!controller.stateText().contains(QStringLiteral("webhooks")));
        QTRY_VERIFY(!canConnect(again));
        QCOMPARE(postWebhook(again, "order.updated", "d-2", body, sync::wooSignature(secret, body)), 0);
    }

    void busyWebhookPortIsAStateNotACrash()
    {
        QTemporaryDir dir;
        const QString path = makeStore(dir);
        configure();
        quint16 port = 0;
        const int holder = occupyPort(&port);
        QVERIFY(holder >= 0);
        JobRunner jobs;
        SyncController controller(&jobs);
        enableWebhooks(controller.secrets(), port);
        controller.reloadSettings();
        controller.setStorePath(path);
        QTRY_COMPARE_WITH_TIMEOUT(controller.webhookState(), SyncController::WebhookState::Failed, 60000);
        QCOMPARE(controller.webhookStateText(), QStringLiteral("Webhooks off: port %1 is in use").arg(port));
        QCOMPARE(controller.stateText(), QStringLiteral("Not synced yet · webhooks off: port %1 is in use").arg(port));
        QVERIFY(!controller.webhooksRunning());

        // Sync keeps working.
        controller.secrets()->write(controller.settings().secretAccount(), kSecret, [](bool, const QString&) {});
        controller.setSyncFunction([](const QString&, const sync::SyncOptions&, const Progress&) {
            SyncOutcome out;
            out.completed = true;
            return out;
        });
        QSignalSpy finished(&controller, &SyncController::syncFinished);
        QVERIFY(controller.syncNow());
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(controller.state(), SyncController::State::Synced);
        QVERIFY(controller.stateText().endsWith(QStringLiteral(" · webhooks off: port %1 is in use").arg(port)));

        // Once the port is free, a restart takes it.
        ::close(holder);
        controller.restartWebhooks();
        QTRY_VERIFY_WITH_TIMEOUT(controller.webhooksRunning(), 60000);
        QCOMPARE(controller.webhookPort(), port);
        QVERIFY(canConnect(port));
    }
};

SHOPPILOT_GUI_TEST_MAIN(TestSyncUi)
#include "tst_sync_ui.moc"
