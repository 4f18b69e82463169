#include "sync/secret_store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace shoppilot::ui {

namespace {
const char* const kService = "ShopPilot";
const char* const kBackendKey = "sync/secretBackend";

// Runs `f` on the next turn of the event loop: callers get the same (asynchronous) behaviour
// from both backends.
void later(QObject* context, std::function<void()> f)
{
    QTimer::singleShot(0, context, std::move(f));
}
} // namespace

SecretStore::SecretStore(QObject* parent) : QObject(parent)
{
    const QByteArray env = qgetenv("SHOPPILOT_SECRET_BACKEND");
    if (env == "file")
        forceBackend(Backend::File);
    else if (env == "keychain")
        forceBackend(Backend::Keychain);
}

void SecretStore::forceBackend(Backend backend)
{
    m_forced = true;
    m_forcedBackend = backend;
}

SecretStore::Backend SecretStore::backend() const
{
    if (m_forced)
        return m_forcedBackend;
    const QString remembered = QSettings().value(kBackendKey).toString();
    if (remembered == QLatin1String("file"))
        return Backend::File;
    if (remembered == QLatin1String("keychain"))
        return Backend::Keychain;
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    // Secret Service and KWallet are reached over the session bus: without one, no keyring.
    return qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS") ? Backend::File : Backend::Keychain;
#else
    return Backend::Keychain;
#endif
}

QString SecretStore::backendDescription() const
{
    if (backend() == Backend::Keychain)
        return tr("The secret is kept in the system keychain.");
    return tr("No system keychain is available: the secret is kept in %1, readable only by you.")
        .arg(QDir::toNativeSeparators(fallbackFilePath()));
}

QString SecretStore::fallbackFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/shop-secrets.json");
}

void SecretStore::rememberBackend(Backend backend)
{
    const bool changed = this->backend() != backend;
    if (!m_forced)
        QSettings().setValue(kBackendKey, backend == Backend::File ? QStringLiteral("file") : QStringLiteral("keychain"));
    if (changed)
        Q_EMIT backendChanged(backend);
}

void SecretStore::read(const QString& account, ReadDone done)
{
    if (backend() == Backend::File) {
        later(this, [this, account, done] {
            QString secret, error;
            const bool ok = readFile(account, &secret, &error);
            done(ok, secret, error);
        });
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(QString::fromLatin1(kService), this);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [this, job, account, done](QKeychain::Job*) {
        if (job->error() == QKeychain::NoError) {
            done(true, job->textData(), {});
        } else if (job->error() == QKeychain::EntryNotFound) {
            // Written by an older run while no keyring answered?
            QString secret, error;
            const bool ok = readFile(account, &secret, &error);
            done(ok, secret, error);
        } else {
            done(false, {}, tr("The system keychain could not be read: %1").arg(job->errorString()));
        }
    });
    job->start();
}

void SecretStore::write(const QString& account, const QString& secret, WriteDone done)
{
    auto toFile = [this, account, secret, done] {
        QString error;
        const bool ok = writeFile(account, secret, &error);
        if (ok)
            rememberBackend(Backend::File);
        done(ok, error);
    };
    if (backend() == Backend::File) {
        later(this, toFile);
        return;
    }
    QKeychain::Job* job = nullptr;
    if (secret.isEmpty()) {
        auto* del = new QKeychain::DeletePasswordJob(QString::fromLatin1(kService), this);
        del->setKey(account);
        job = del;
    } else {
        auto* w = new QKeychain::WritePasswordJob(QString::fromLatin1(kService), this);
        w->setKey(account);
        w->setTextData(secret);
        job = w;
    }
    connect(job, &QKeychain::Job::finished, this, [this, job, account, secret, done, toFile](QKeychain::Job*) {
        const auto e = job->error();
        if (e == QKeychain::NoError || (secret.isEmpty() && e == QKeychain::EntryNotFound)) {
            rememberBackend(Backend::Keychain);
            QString ignored;
            writeFile(account, QString(), &ignored); // no plain copy left behind
            done(true, {});
        } else if (e == QKeychain::NoBackendAvailable || e == QKeychain::NotImplemented || e == QKeychain::OtherError) {
            toFile();
        } else {
            done(false, tr("The system keychain refused the secret: %1").arg(job->errorString()));
        }
    });
    job->start();
}

bool SecretStore::readFile(const QString& account, QString* secret, QString* error) const
{
    secret->clear();
    QFile f(fallbackFilePath());
    if (!f.exists())
        return true;
    if (!f.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(f.fileName()), f.errorString());
        return false;
    }
    const QJsonObject all = QJsonDocument::fromJson(f.readAll()).object();
    *secret = all.value(account).toString();
    return true;
}

bool SecretStore::writeFile(const QString& account, const QString& secret, QString* error) const
{
    const QString path = fallbackFilePath();
    QJsonObject all;
    {
        QFile f(path);
        if (f.exists() && f.open(QIODevice::ReadOnly))
            all = QJsonDocument::fromJson(f.readAll()).object();
    }
    if (secret.isEmpty()) {
        if (!all.contains(account))
            return true;
        all.remove(account);
    } else {
        all.insert(account, secret);
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QByteArray bytes = QJsonDocument(all).toJson(QJsonDocument::Compact);
    // Created 0600 from the first byte (QFile would create it with the umask's mode first), then
    // renamed over the old file so a crash never leaves a half-written secret.
    const QByteArray tmp = QFile::encodeName(path + QStringLiteral(".tmp"));
    const int fd = ::open(tmp.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    bool ok = fd >= 0 && ::fchmod(fd, 0600) == 0;
    for (qsizetype done = 0; ok && done < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        ok = n > 0;
        done += n;
    }
    ok = ok && ::fsync(fd) == 0;
    const int savedErrno = errno;
    if (fd >= 0)
        ::close(fd);
    ok = ok && ::rename(tmp.constData(), QFile::encodeName(path).constData()) == 0;
    if (!ok) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), QString::fromLocal8Bit(std::strerror(savedErrno ? savedErrno : errno)));
        ::unlink(tmp.constData());
    }
    return ok;
}

} // namespace shoppilot::ui
