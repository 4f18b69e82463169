// Bulk upserts for the main tables: one prepared statement per call, one transaction per batch
// (or the caller's, when one is open), and one change-feed notice per table after it commits.
#pragma once

#include <vector>
#include <optional>
#include <span>

#include "store/database.h"
#include "store/records.h"

namespace shoppilot::store {

// Rows with id == 0 get a new id (written back into the row) unless their natural key
// (external_id; for products also sku; for categories name_en) already exists, in which case
// that row is updated and its id written back. Rows with id > 0 insert or replace that id.
void upsertCategories(Database& db, std::span<CategoryRow> rows);
void upsertProducts(Database& db, std::span<ProductRow> rows);
void upsertCustomers(Database& db, std::span<CustomerRow> rows);
void upsertOrders(Database& db, std::span<OrderRow> rows);
void upsertRefunds(Database& db, std::span<RefundRow> rows);

// Append-only tables: ids written back when 0.
void insertOrderItems(Database& db, std::span<OrderItemRow> rows);
void insertEvents(Database& db, std::span<EventRow> rows);
// Keyed by (product, time) and (product, competitor, time): a repeat replaces the price.
void upsertPriceHistory(Database& db, std::span<const PricePointRow> rows);
void upsertCompetitorPrices(Database& db, std::span<const CompetitorPriceRow> rows);

// Writes a saved segment and its members in one transaction, replacing the definition and members
// of a segment with the same (trimmed) name; publishes the change. Returns the segment id. An empty
// name is an Error (InvalidArgument), nothing written. Segments and Campaigns (audiences) both save
// through here; the definition JSON is theirs.
std::int64_t replaceSegment(Database& db, std::string_view name, const std::string& definitionJson,
                            std::span<const std::int64_t> customerIds, Timestamp now);

// Appends to the append-only audit_log.
void appendAudit(Database& db, Timestamp ts, std::string_view actor, std::string_view action,
                 std::string_view entity, std::string_view entityId, std::string_view detailsJson);

// Row count of a table (name checked against the schema).
std::int64_t countRows(Database& db, std::string_view table);

// What the store knows of the last sync from `source` ("" = any): when it last wrote, and the
// first resource whose last run failed ("orders: timeout"), if any.
struct LastSyncInfo {
    std::optional<Timestamp> at;
    std::string error;
};
LastSyncInfo lastSyncInfo(Database& db, std::string_view source);

// Records sync and webhooks could not use, newest first.
struct QuarantineRow {
    std::int64_t id = 0;
    Timestamp receivedAt = 0;
    std::string source, resource;
    std::optional<std::string> externalId;
    std::string reason, payload;
};
std::vector<QuarantineRow> listQuarantine(Database& db, int limit);

} // namespace shoppilot::store
