// The shop connection as the user configured it (QSettings, group "sync"). The secrets are not
// here: SecretStore keeps the consumer secret under secretAccount() and the webhook secret
// under webhookSecretAccount().
#pragma once

#include <QString>

#include "sync/woo_sync.h"

namespace shoppilot::ui {

struct SyncSettings {
    static constexpr int kDefaultWebhookPort = 8787;

    QString url;             // the shop's base URL, e.g. https://shop.example
    QString consumerKey;     // ck_...
    int intervalMinutes = 0; // periodic sync; 0 = off
    bool queryStringAuth = false;
    QString caFile;          // extra trusted CA (PEM); empty = the system's
    bool webhooksEnabled = false; // run the webhook receiver while a store is open
    // The receiver's loopback port. The dialog offers 1024-65535; 0 (an ephemeral port chosen
    // at start, see SyncController::webhookPort()) is accepted for tests.
    int webhookPort = kDefaultWebhookPort;

    bool configured() const { return !url.trimmed().isEmpty(); }
    // The SecretStore account for this shop and key.
    QString secretAccount() const;
    // The SecretStore account of the webhook secret (WooCommerce's per-webhook "Secret").
    QString webhookSecretAccount() const;
    // Options for core's sync (the secret passed in, never stored here).
    sync::SyncOptions toOptions(const QString& secret) const;

    static SyncSettings load();
    void save() const;

    friend bool operator==(const SyncSettings&, const SyncSettings&) = default;
};

} // namespace shoppilot::ui
