// Applies parsed WooCommerce resources (and event-feed events) to the store: upsert by external id,
// resolve platform references to local ids, skip stale data, keep bad records in quarantine.
// Used by the sync engine (one transaction per page, opened by the caller) and by the webhook
// receiver (one transaction per delivery). Like the repositories, each function opens its own
// transaction only when none is open, and then publishes its change-feed notices after commit;
// inside a caller's transaction the caller publishes ApplyResult::changes after its commit.
//
// Staleness: a record whose modifiedAt is OLDER than the stored updated_at is skipped
// (skippedStale); one with the SAME modified time is skipped as already stored (duplicates):
// the overlap window re-reads such records on every incremental sync. Two edits of one record
// within the same second cannot be told apart by Woo's second-resolution times either way.
//
// References: an order's customer and its items' / refunds' products are looked up by external
// id. Unknown ones are never invented: the column stays NULL and unresolvedRefs counts it (the
// sync engine fetches products and customers before orders, so this is rare).
//
// Quarantine lifecycle: sync_quarantine holds the records currently known to be bad, at most one
// row per (source, resource, external_id). A record that later arrives good (applied, stale or
// duplicate) deletes its rows: quarantine = "open problems", not a history.
//
// Events: the feed's event id is kept as events.id, so a re-read after a crash inserts nothing
// twice (ON CONFLICT(id) DO NOTHING). This assumes the store's events come from one feed.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"
#include "store/records.h"
#include "sync/woo_format.h"

namespace shoppilot::sync {

struct ApplyResult {
    std::int64_t applied = 0;       // rows written
    std::int64_t skippedStale = 0;  // older than the stored row
    std::int64_t duplicates = 0;    // same record already stored (same modified time / event id)
    std::int64_t unresolvedRefs = 0;// references left NULL because the referenced row is unknown
    std::int64_t resolvedQuarantine = 0; // quarantine rows closed by a good copy
    Timestamp maxModified = 0;      // over every good record handed in (applied or not)
    std::vector<std::string> notes; // human-readable, a few at most
    std::vector<store::Change> changes; // to publish after the caller's commit
    std::vector<store::Id> ids;     // local ids of applied rows

    void merge(const ApplyResult& other);
};

ApplyResult applyProducts(store::Database& db, std::string_view source, std::span<const woo::Product> products);
ApplyResult applyCustomers(store::Database& db, std::string_view source, std::span<const woo::Customer> customers);
ApplyResult applyOrders(store::Database& db, std::string_view source, std::span<const woo::Order> orders);
// Events as parseEvent() returns them: id = feed id, customer/product/order ids = Woo ids.
ApplyResult applyEvents(store::Database& db, std::string_view source, std::span<const store::EventRow> events);

// Records a bad record (replacing an older open row for the same external id). No own transaction.
void quarantineRecord(store::Database& db, std::string_view source, std::string_view resource,
                      const std::optional<std::string>& externalId, std::string_view reason,
                      std::string_view payload, Timestamp receivedAt);
bool isQuarantined(store::Database& db, std::string_view source, std::string_view resource,
                   std::string_view externalId);

// Best effort: the top-level "id" of a (possibly broken) JSON object, for quarantine rows.
std::optional<std::string> extractExternalId(std::string_view raw);

// Parses and applies one Woo payload of a resource ("products", "customers", "orders"), the way
// a webhook delivers it. Throws Error(Parse) for a malformed payload (the caller quarantines).
ApplyResult applyWooPayload(store::Database& db, std::string_view source, std::string_view resource,
                            std::string_view json);

// The shop's currency, price decimals and weight unit as the last sync read them from the shop
// (store_meta "shop.currency", "shop.price_decimals", "shop.weight_unit"); empty when unknown.
woo::ShopContext readShopContext(store::Database& db);
// Stores the non-empty parts of `shop` (no own transaction).
void writeShopContext(store::Database& db, const woo::ShopContext& shop);

// Publishes the changes of an ApplyResult (after the caller's commit).
void publishChanges(store::Database& db, const ApplyResult& result);

} // namespace shoppilot::sync
