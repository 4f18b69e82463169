// The platform simulator: a local WooCommerce REST v3 look-alike (plus ShopPilot's event feed)
// served from a ShopPilot store, with the faults a real shop's API shows (5xx, 429, slow, broken
// records, truncated bodies, dropped connections) and WooCommerce-style signed webhooks. The sync
// client and the webhook receiver are developed and tested against it; `shoppilot-platform-sim`
// is a thin main around it. Binds 127.0.0.1 only.
//
// Endpoints (all JSON, HTTP/1.1 keep-alive, optional TLS):
//   GET  /wp-json/wc/v3/{products|customers|orders}?page=P&per_page=N&modified_after=ISO
//        sorted by (date_modified_gmt, id) ascending; per_page <= 100 (else 400); modified_after is
//        strictly after; headers X-WP-Total and X-WP-TotalPages.
//   GET  /wp-json/wc/v3/{resource}/{id}               one record (404 if unknown); never malformed
//   PUT  /wp-json/wc/v3/products/{id} {"regular_price":"12.99"}  new price, bumps date_modified
//   PUT  /wp-json/wc/v3/orders/{id}   {"status":"completed"}     new status, bumps date_modified
//   GET  /wp-json/wc/v3/products/{id}/variations[/{vid}]   a variable product's variations
//   GET  /wp-json/wc/v3/settings/general | settings/products | data/currencies/current
//   GET  /shoppilot/v1/events?cursor=C&limit=L&wait=S  NDJSON, events with id > C, X-Next-Cursor
//        (404 rest_no_route when eventFeed is off)
// Query parameters are validated per endpoint as WordPress does for WooCommerce's registered
// arguments (unknown ones ignored; a known one with a bad value: 400 rest_invalid_param with
// data.params); 404s carry WooCommerce's codes; list answers carry X-WP-Total, X-WP-TotalPages
// and Link (rel="next"/"prev").
// Auth when key or secret is set: HTTP Basic key:secret or consumer_key/consumer_secret query
// parameters, on every endpoint; else 401 with a WooCommerce-style JSON error.
//
// Faults never change the store, so a client that retries ends with exactly the store's data:
// a broken record in a page keeps its "id" so the client can fetch it alone; a truncated body
// or dropped connection is simply retried; the event feed is only ever truncated, never broken
// line by line, so a client that retries from its cursor misses nothing.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace shoppilot::sync {

struct SimulatorOptions {
    std::string storePath;
    std::uint16_t port = 0;  // 0 = an ephemeral port; read it back with port()
    std::string key, secret; // both empty = accept any (or no) credentials
    bool tls = false;        // HTTPS with a self-signed certificate made at start()
    std::string certOut;     // where to write that certificate (PEM); empty = a file in the temp dir
    double failRate = 0;     // fraction of requests answered 500/502/503
    double rateLimitPerSecond = 0; // > 0: token bucket; over it -> 429 + Retry-After
    int slowMs = 0;          // delay before every answer
    double malformedRate = 0; // fraction of page records replaced by broken objects; and of
                              // list/feed responses whose body is cut short (Content-Length lies)
    double dropRate = 0;     // fraction of requests whose connection is closed without an answer
    bool duplicateWebhooks = false; // about 1 delivery in 4 is sent twice with the same delivery id
    bool reorderWebhooks = false;   // about 1 delivery in 4 is held back and sent after the next
    std::string webhookUrl;         // http://127.0.0.1:PORT/path; empty = no webhooks
    std::string webhookSecret;
    double playRate = 0;     // new orders per second (0 = off)
    std::uint64_t seed = 1;  // every random choice (faults, play-forward) derives from it
    bool eventFeed = true;   // false: a plain WooCommerce, /shoppilot/v1/events is 404 rest_no_route
    // At start(), turn part of the store into what a real WooCommerce shop holds (sim::addWooShapes:
    // variable products with variations, unpriced drafts, unmanaged stock, checkout-draft and
    // plugin-status orders, fees). Writes to the store file.
    bool wooShapes = false;
    // Refuse Basic auth and query keys over plain HTTP, as WooCommerce does (it wants OAuth 1.0a
    // there). Off by default: on loopback the simulator accepts them and flags every such answer
    // with X-ShopPilot-Insecure-Auth.
    bool strictAuth = false;
    std::string weightUnit = "kg"; // kg or g: woocommerce_weight_unit, and the unit weights are served in
};

// What the simulator did, for tests to check faults happened at roughly their rates.
struct SimulatorStats {
    std::int64_t requests = 0;
    std::int64_t failed = 0;       // 5xx from failRate
    std::int64_t rateLimited = 0;  // 429
    std::int64_t slowed = 0;
    std::int64_t malformedRecords = 0;
    std::int64_t truncatedBodies = 0;
    std::int64_t dropped = 0;
    std::int64_t unauthorized = 0;
    std::int64_t ordersPlayed = 0;   // new orders inserted by play-forward
    std::int64_t ordersUpdated = 0;  // orders play-forward or PUT moved on
    std::int64_t webhooksSent = 0;   // POSTs that got any HTTP answer (ping included)
    std::int64_t webhookFailures = 0;
    std::int64_t webhooksDuplicated = 0;
    std::int64_t webhooksReordered = 0;
};

class PlatformSimulator {
public:
    explicit PlatformSimulator(SimulatorOptions options);
    PlatformSimulator(const PlatformSimulator&) = delete;
    PlatformSimulator& operator=(const PlatformSimulator&) = delete;
    ~PlatformSimulator(); // stops

    // Opens the store, makes the certificate, binds 127.0.0.1:port, starts serving, sends the
    // webhook ping and starts play-forward. Throws Error (InvalidArgument, NotFound, Network ...).
    void start();
    // Closes the listener and every connection, joins every thread. Safe to call twice.
    void stop();

    std::uint16_t port() const;
    std::string baseUrl() const;  // "http(s)://127.0.0.1:PORT"
    std::string certPath() const; // the PEM a client passes as its CA file ("" without TLS)
    SimulatorStats stats() const;

    // One play-forward step now, whatever playRate is (tests drive it deterministically):
    // inserts an order with items, a purchase event and a view event, and queues order.created.
    // Returns the new order's id.
    std::int64_t playOnce();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace shoppilot::sync
