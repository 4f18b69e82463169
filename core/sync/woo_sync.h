// The WooCommerce sync engine: incremental, resumable, fault-tolerant pull of products, customers,
// orders (with items and refunds) and the event feed into the store, plus price write-back.
//
// Cursor (sync_state, source = "woocommerce:" + base URL): per resource the modified time of the
// newest record committed, as "YYYY-MM-DDTHH:MM:SS". A run asks for modified_after = cursor -
// overlap (at least 1 s, so records sharing the cursor's second are always re-read), ordered by
// (modified, id) ascending, and commits every page's rows together with the advanced cursor in one
// transaction, pages in order (fetched concurrently, applied in sequence). A crash resumes from
// the last committed page; the re-read overlap is de-duplicated by external id and modified time.
//
// Bad records go to sync_quarantine with their raw payload and the reason; the rest of the page
// goes on. The cursor does not move past a record quarantined for the first time, so the next run
// reads it again (a transport fault heals by itself); a record that is bad again on a later run
// no longer holds the cursor (a record bad at the source must not stall the sync forever) and
// is retried by id at the start of every run. A good copy closes its quarantine rows.
//
// Customers are different (WooCommerce's /customers has no modified_after and accepts orderby =
// id | include | name | registered_date only): a FULL PASS (orderby=id, ascending, every page,
// role=all) runs on the first sync and whenever the last one is older than customerFullPassHours;
// it is the change check: each record is applied only when its date_modified_gmt (or, null, its
// date_created_gmt) is newer than the stored copy. Between full passes an INCREMENTAL run reads
// orderby=registered_date descending until it reaches customers registered before its cursor
// (sync_state "customers": the newest date_created_gmt seen, minus the overlap). Edits to old
// customers therefore arrive with the next full pass, or at once by webhook (customer.updated).
// sync_state "customers:full" holds the time of the last completed full pass.
//
// Variations: after the products, the variations of every variable product read in this run are
// fetched (GET products/{id}/variations) and stored as products of type "variation" whose
// parent_id is the parent's row; order lines with a variation_id point at the variation.
//
// The shop's currency, price decimals and weight unit are read first (settings/general,
// data/currencies/current, settings/products) and kept in store_meta (woo_store.h).
//
// Events: cursor = the last committed event id; the platform's id is kept as events.id. A shop
// without ShopPilot's feed answers 404 (rest_no_route): that is "no event feed", not a failure
// (SyncReport::eventFeedAbsent; orders still arrive by REST and webhooks).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/progress.h"
#include "store/database.h"
#include "store/store_access.h"
#include "store/records.h"

namespace shoppilot::sync {

struct SyncOptions {
    std::string baseUrl;          // e.g. https://shop.example (the REST API lives under /wp-json/wc/v3)
    std::string key;              // consumer key
    std::string secret;           // consumer secret (never logged)
    bool queryStringAuth = false; // send consumer_key/consumer_secret as query parameters instead of Basic auth
    std::string caFile;           // extra trusted CA (PEM)
    int connections = 4;
    int perPage = 100;            // Woo allows at most 100
    int overlapSeconds = 300;
    std::chrono::milliseconds timeout{30000};
    int maxRetries = 6;
    std::chrono::milliseconds backoffBase{250};
    std::chrono::milliseconds backoffMax{8000};
    std::chrono::milliseconds retryAfterCap{30000};
    std::vector<std::string> resources{"products", "customers", "orders", "events"};
    int eventsPerPage = 5000;
    int customerFullPassHours = 24; // 0 = a full customer pass on every run
};

struct ResourceReport {
    std::string resource;
    std::int64_t fetched = 0;      // records received (good or bad)
    std::int64_t applied = 0;      // rows written
    std::int64_t skippedStale = 0; // older than the stored copy
    std::int64_t duplicates = 0;   // already stored (overlap re-reads, repeats)
    std::int64_t quarantined = 0;  // bad records kept in sync_quarantine
    std::int64_t resolved = 0;     // quarantine rows closed by a good copy
    std::int64_t unresolvedRefs = 0;
    std::int64_t pages = 0;
    std::string cursor;            // after the run
    double seconds = 0;
    std::vector<std::string> notes;
    std::int64_t variations = 0;   // products: variations fetched
    std::int64_t totalsChecked = 0;    // orders: lines + fees + shipping + tax compared with total
    std::int64_t totalsMismatched = 0; // ... and found different (kept; a note names a few)
    bool fullPass = false;         // customers: this run was a full pass
};

struct SyncReport {
    std::string source;
    std::vector<ResourceReport> resources;
    std::int64_t requests = 0;
    std::int64_t retries = 0;
    std::int64_t rateLimited = 0;
    double seconds = 0;
    bool completed = false;
    bool eventFeedAbsent = false;  // the shop has no ShopPilot event feed (404)
    std::string shopCurrency;      // as read from the shop ("" when it would not say)
    int shopPriceDecimals = -1;
    std::string shopWeightUnit;
    std::vector<std::string> shopNotes; // settings the shop would not give

    std::int64_t totalApplied() const;
    std::int64_t totalFetched() const;
    std::int64_t totalQuarantined() const;
    // A few lines for people ("products: 120 fetched, 118 applied, 2 quarantined ...").
    std::string summary() const;
    // One JSON object (text), for --json and logs.
    std::string toJson() const;
};

// The sync_state.source value for these options.
std::string syncSource(const SyncOptions& options);

// Runs one sync of options.resources in the order products, customers, orders, events.
// Throws Cancelled when progress returns false (everything committed so far stays), Error
// (Network naming the URL, never the secret; InvalidArgument for bad options) on failure.
// Every read and write goes through `store`'s writer, one turn per page, so other writers
// (panels, webhooks) interleave with a long sync.
SyncReport syncWoo(store::StoreAccess& access, const SyncOptions& options, const Progress& progress);
// The same over one connection the caller holds (CLI, tests).
SyncReport syncWoo(store::Database& db, const SyncOptions& options, const Progress& progress);

// PUT /products/{externalId} {"regular_price": ...}; once the platform accepted it, one
// transaction updates the local product, adds a price_history point (source 'shoppilot') and
// appends audit_log (actor, 'price.push', details {"from","to","currency","external_id"}).
void pushPrice(store::Database& db, const SyncOptions& options, store::Id productId, std::int64_t newPriceMinor,
               std::string_view actor, const Progress& progress = {});

struct ConnectionTest {
    bool ok = false;
    std::int64_t products = 0; // X-WP-Total of the products list
    std::string message;       // "connected: 120 products" or the error
};
// Never throws (except Cancelled): a short result for "Test connection".
ConnectionTest testConnection(const SyncOptions& options, const Progress& progress = {});

} // namespace shoppilot::sync
