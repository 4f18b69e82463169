// Where the shop's consumer secret lives: the system keychain (QtKeychain) when a keyring
// answers, otherwise a file readable only by the user (0600) in the app's config folder. Never in
// the store and never in QSettings or logs. Keychain jobs are asynchronous, so is this API.
#pragma once

#include <QObject>
#include <QString>
#include <functional>

namespace shoppilot::ui {

class SecretStore : public QObject {
    Q_OBJECT
public:
    enum class Backend { Keychain, File };

    // `account` names the secret (e.g. "woocommerce:https://shop.example|ck_..."): one per shop.
    explicit SecretStore(QObject* parent = nullptr);

    // Tests (and machines without a keyring) force the file; SHOPPILOT_SECRET_BACKEND=file|keychain
    // does the same from the environment.
    void forceBackend(Backend backend);
    // The backend the next read/write uses: the forced one, else where the last write landed,
    // else the keychain when a session bus is there to reach one.
    Backend backend() const;
    // A sentence for the settings dialog saying where the secret is kept.
    QString backendDescription() const;
    // The fallback file (whether or not it is in use).
    static QString fallbackFilePath();

    using ReadDone = std::function<void(bool ok, const QString& secret, const QString& error)>;
    using WriteDone = std::function<void(bool ok, const QString& error)>;
    // Callbacks run on this object's thread; an absent secret reads as ok with an empty string.
    void read(const QString& account, ReadDone done);
    // Writing an empty secret deletes it. A keychain that fails falls back to the file (and says
    // so through backendChanged); a keychain write removes any old fallback file.
    void write(const QString& account, const QString& secret, WriteDone done);

Q_SIGNALS:
    void backendChanged(shoppilot::ui::SecretStore::Backend backend);

private:
    void rememberBackend(Backend backend);
    bool readFile(const QString& account, QString* secret, QString* error) const;
    bool writeFile(const QString& account, const QString& secret, QString* error) const;

    bool m_forced = false;
    Backend m_forcedBackend = Backend::File;
};

} // namespace shoppilot::ui
