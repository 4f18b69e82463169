// Receives the shop's signed webhooks (WooCommerce format) over HTTP and applies them to the
// store: a Boost.Beast server on its own thread (loopback by default) with its own writer
// connection. Each delivery is verified (base64 HMAC-SHA256 of the raw body, constant-time),
// de-duplicated by its delivery id, and written together with that id in one transaction; the
// change feed hears of it after the commit. Boost stays in the .cpp (pimpl).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"
#include "sync/webhook_request.h"

namespace shoppilot::sync {

// Applies one verified webhook payload (the raw JSON body) inside the receiver's open
// transaction. The app wires it to the WooCommerce resource functions, which skip records
// older than the stored ones, so out-of-order deliveries never overwrite newer data.
// Throwing shoppilot::Error with ErrorCode::Parse or InvalidArgument (or any non-shoppilot
// exception, e.g. from a JSON parser) marks the payload as bad: it is quarantined with the
// reason. Other shoppilot::Error codes (database, I/O) are treated as temporary: nothing is
// stored and the sender gets 503, so the platform retries.
using ApplyFn = std::function<void(store::Database& db, std::string_view topic, std::string_view body)>;

struct WebhookOptions {
    std::string storePath;                 // the store to write (opened with OpenMode::ReadWrite)
    std::string secret;                    // the webhook's shared secret (never logged)
    std::string bindAddress = "127.0.0.1"; // loopback unless the user asks otherwise
    std::uint16_t port = 0;                // 0 = an ephemeral port; see WebhookReceiver::port()
    std::size_t maxBodyBytes = 4 * 1024 * 1024;
    std::chrono::milliseconds readTimeout{15000}; // per request, against stalled clients
    std::string source = "woocommerce";   // written to sync_quarantine.source
    ApplyFn apply;                         // required
    // Called on the receiver's thread when it stops on its own (an error escaped a handler): the
    // owner reports it and may start a new receiver. Not called by stop().
    std::function<void(const std::string& why)> onStopped;
};

// What the receiver did so far (for the status bar, logs and tests).
struct WebhookStats {
    std::uint64_t applied = 0;     // stored deliveries whose payload was applied
    std::uint64_t skipped = 0;     // stored deliveries that changed nothing (older than the
                                   // stored record, or a topic ShopPilot does not keep)
    std::uint64_t duplicates = 0;  // deliveries whose id was already recorded
    std::uint64_t pings = 0;       // activation pings answered
    std::uint64_t unauthorized = 0;// missing or bad signature
    std::uint64_t quarantined = 0; // verified but unusable payloads
    std::uint64_t badRequests = 0; // malformed HTTP, too large, wrong method
    std::uint64_t failures = 0;    // temporary failures answered with 503
};

// webhookTable(topic) (webhook_request.h) gives the topic prefixes the receiver hands to
// ApplyFn and the table each one changes. Other topics (coupon.*, action.*) are acknowledged
// and recorded as ignored.

class WebhookReceiver {
public:
    // Opens the store and binds the socket (so port() is known on return) and starts serving
    // on a thread of its own. Throws shoppilot::Error when the store cannot be opened
    // (store errors), the secret is empty or apply is missing (InvalidArgument), or the
    // address cannot be bound (Network).
    explicit WebhookReceiver(WebhookOptions options);
    WebhookReceiver(const WebhookReceiver&) = delete;
    WebhookReceiver& operator=(const WebhookReceiver&) = delete;
    // Stops (see stop()).
    ~WebhookReceiver();

    std::uint16_t port() const;
    const std::string& bindAddress() const;
    // "http://127.0.0.1:PORT/" – the delivery URL to register in the shop.
    std::string url() const;
    WebhookStats stats() const;
    bool running() const;
    // Why the receiver stopped on its own ("" while it serves or after stop()).
    std::string stopError() const;

    // Closes the listener and open connections, finishes the delivery being written (a
    // transaction is never left half-done) and joins the thread. Idempotent.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Latency of one webhook from the sender's first byte to the change-feed notice, measured by
// benchWebhookLatency (what `shoppilot bench webhook` prints).
struct WebhookLatency {
    int deliveries = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    double maxMs = 0;
    double meanMs = 0;
    double httpP50Ms = 0;   // sender's view: request sent -> 200 received
    double deliveriesPerSecond = 0;
};

struct WebhookBenchOptions {
    int deliveries = 200;
    // Empty: a temporary store is created and removed afterwards.
    std::string storePath;
    // Empty: a minimal order applier (id, status, total, currency, modified time; skips older
    // updates), which measures the receiver itself. The app passes the real WooCommerce applier.
    ApplyFn apply;
};

// Sends order.created / order.updated deliveries one at a time over one keep-alive loopback
// connection and measures each until its change-feed notice. Throws shoppilot::Error on failure.
WebhookLatency benchWebhookLatency(const WebhookBenchOptions& options = {});

} // namespace shoppilot::sync
