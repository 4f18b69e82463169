#include "store/repositories.h"

#include <sqlite3.h>

#include "common/error.h"

#include <optional>
#include <vector>

namespace shoppilot::store {

namespace {

// Builds "INSERT INTO t(cols) VALUES(?1..) ON CONFLICT(k) DO UPDATE SET ... [RETURNING id]".
std::string upsertSql(std::string_view table, const std::vector<std::string>& cols,
                      const std::vector<std::string>& conflictKeys, bool returningId)
{
    std::string sql = "INSERT INTO " + std::string(table) + "(";
    std::string values;
    for (std::size_t i = 0; i < cols.size(); ++i) {
        sql += (i ? "," : "") + cols[i];
        values += (i ? ",?" : "?") + std::to_string(i + 1);
    }
    sql += ") VALUES(" + values + ")";
    for (const auto& key : conflictKeys) {
        sql += " ON CONFLICT(" + key + ") DO UPDATE SET ";
        bool first = true;
        for (const auto& c : cols) {
            if (c == "id" || c == key)
                continue;
            sql += (first ? "" : ",") + c + "=excluded." + c;
            first = false;
        }
    }
    if (returningId)
        sql += " RETURNING id";
    return sql;
}

// Runs one statement over all rows inside one transaction (unless the caller has one open),
// then publishes the change. `bind` binds one row; rows get their id back when `idOf` is given.
template <typename Row, typename Bind, typename IdOf>
void writeRows(Database& db, std::string_view table, std::span<Row> rows, const std::string& sql, Bind bind,
               IdOf idOf, ChangeKind kind = ChangeKind::Upsert)
{
    if (rows.empty())
        return;
    std::optional<Transaction> tx;
    if (db.autocommit())
        tx.emplace(db);
    Statement st(db, sql);
    std::vector<std::int64_t> ids;
    constexpr std::size_t kMaxIdsInNotice = 1000;
    for (auto& row : rows) {
        bind(st, row);
        const bool gotRow = st.step();
        if constexpr (!std::is_same_v<IdOf, std::nullptr_t>) {
            if (gotRow)
                idOf(row) = st.columnInt(0);
            if (rows.size() <= kMaxIdsInNotice)
                ids.push_back(idOf(row));
        }
        st.reset();
    }
    if (tx) {
        tx->commit();
        db.changeFeed().publish(Change{std::string(table), kind, std::int64_t(rows.size()), std::move(ids)});
    }
    // With an outer transaction the caller publishes after its own commit (see publishAfterCommit).
}

std::optional<std::int64_t> idOrNull(Id id)
{
    return id > 0 ? std::optional<std::int64_t>(id) : std::nullopt;
}

void bindAddress(Statement& st, int first, const Address& a)
{
    st.bind(first, a.line).bind(first + 1, a.city).bind(first + 2, a.postcode).bind(first + 3, a.country)
        .bind(first + 4, a.lat).bind(first + 5, a.lon);
}

} // namespace

void upsertCategories(Database& db, std::span<CategoryRow> rows)
{
    static const std::string sql = upsertSql("categories", {"id", "name_en", "name_zh", "parent_id"},
                                             {"id", "name_en"}, true);
    writeRows(db, "categories", rows, sql,
              [](Statement& st, const CategoryRow& r) {
                  st.bind(1, idOrNull(r.id)).bind(2, r.nameEn).bind(3, r.nameZh).bind(4, r.parentId);
              },
              [](CategoryRow& r) -> Id& { return r.id; });
}

void upsertProducts(Database& db, std::span<ProductRow> rows)
{
    static const std::string sql = upsertSql(
        "products",
        {"id", "external_id", "sku", "title_en", "title_zh", "category_id", "brand", "price_minor", "cost_minor",
         "currency", "stock", "reorder_point", "lead_time_days", "ladder_group", "ladder_rank", "weight_g", "status",
         "created_at", "updated_at"},
        {"id", "external_id", "sku"}, true);
    writeRows(db, "products", rows, sql,
              [](Statement& st, const ProductRow& r) {
                  st.bind(1, idOrNull(r.id)).bind(2, r.externalId).bind(3, r.sku).bind(4, r.titleEn)
                      .bind(5, r.titleZh).bind(6, r.categoryId).bind(7, r.brand).bind(8, r.priceMinor)
                      .bind(9, r.costMinor).bind(10, r.currency).bind(11, r.stock).bind(12, r.reorderPoint)
                      .bind(13, r.leadTimeDays).bind(14, r.ladderGroup).bind(15, r.ladderRank).bind(16, r.weightG)
                      .bind(17, r.status).bind(18, r.createdAt).bind(19, r.updatedAt);
              },
              [](ProductRow& r) -> Id& { return r.id; });
}

void upsertCustomers(Database& db, std::span<CustomerRow> rows)
{
    static const std::string sql = upsertSql("customers",
                                             {"id", "external_id", "email_hash", "name", "country", "city", "lat",
                                              "lon", "locale", "created_at", "updated_at"},
                                             {"id", "external_id"}, true);
    writeRows(db, "customers", rows, sql,
              [](Statement& st, const CustomerRow& r) {
                  st.bind(1, idOrNull(r.id)).bind(2, r.externalId).bind(3, r.emailHash).bind(4, r.name)
                      .bind(5, r.country).bind(6, r.city).bind(7, r.lat).bind(8, r.lon).bind(9, r.locale)
                      .bind(10, r.createdAt).bind(11, r.updatedAt);
              },
              [](CustomerRow& r) -> Id& { return r.id; });
}

void upsertOrders(Database& db, std::span<OrderRow> rows)
{
    static const std::string sql = upsertSql(
        "orders",
        {"id", "external_id", "customer_id", "created_at", "updated_at", "status", "currency", "subtotal_minor",
         "discount_minor", "shipping_minor", "tax_minor", "total_minor", "channel", "payment_method",
         "payment_fingerprint", "device_id", "ip", "ip_country", "session_id", "coupon_code", "campaign_id",
         "ship_name", "ship_address", "ship_city", "ship_postcode", "ship_country", "ship_lat", "ship_lon",
         "bill_address", "bill_city", "bill_postcode", "bill_country", "bill_lat", "bill_lon"},
        {"id", "external_id"}, true);
    writeRows(db, "orders", rows, sql,
              [](Statement& st, const OrderRow& r) {
                  st.bind(1, idOrNull(r.id)).bind(2, r.externalId).bind(3, r.customerId).bind(4, r.createdAt)
                      .bind(5, r.updatedAt).bind(6, r.status).bind(7, r.currency).bind(8, r.subtotalMinor)
                      .bind(9, r.discountMinor).bind(10, r.shippingMinor).bind(11, r.taxMinor)
                      .bind(12, r.totalMinor).bind(13, r.channel).bind(14, r.paymentMethod)
                      .bind(15, r.paymentFingerprint).bind(16, r.deviceId).bind(17, r.ip).bind(18, r.ipCountry)
                      .bind(19, r.sessionId).bind(20, r.couponCode).bind(21, r.campaignId).bind(22, r.shipName);
                  bindAddress(st, 23, r.shipping);
                  st.bind(29, r.billing.line).bind(30, r.billing.city).bind(31, r.billing.postcode)
                      .bind(32, r.billing.country).bind(33, r.billing.lat).bind(34, r.billing.lon);
              },
              [](OrderRow& r) -> Id& { return r.id; });
}

void upsertRefunds(Database& db, std::span<RefundRow> rows)
{
    static const std::string sql = upsertSql("refunds",
                                             {"id", "external_id", "order_id", "product_id", "quantity",
                                              "created_at", "amount_minor", "kind", "reason"},
                                             {"id", "external_id"}, true);
    writeRows(db, "refunds", rows, sql,
              [](Statement& st, const RefundRow& r) {
                  st.bind(1, idOrNull(r.id)).bind(2, r.externalId).bind(3, r.orderId).bind(4, r.productId)
                      .bind(5, r.quantity).bind(6, r.createdAt).bind(7, r.amountMinor).bind(8, r.kind)
                      .bind(9, r.reason);
              },
              [](RefundRow& r) -> Id& { return r.id; });
}

void insertOrderItems(Database& db, std::span<OrderItemRow> rows)
{
    static const std::string sql = "INSERT INTO order_items(id, order_id, product_id, quantity, unit_price_minor, "
                                   "discount_minor, line_total_minor) VALUES(?1,?2,?3,?4,?5,?6,?7) RETURNING id";
    writeRows(db, "order_items", rows, sql,
              [](Statement& st, const OrderItemRow& r) {
                  st.bind(1, idOrNull(r.id)).bind(2, r.orderId).bind(3, r.productId).bind(4, r.quantity)
                      .bind(5, r.unitPriceMinor).bind(6, r.discountMinor).bind(7, r.lineTotalMinor);
              },
              [](OrderItemRow& r) -> Id& { return r.id; });
}

void insertEvents(Database& db, std::span<EventRow> rows)
{
    static const std::string sql = "INSERT INTO events(id, ts, type, session_id, customer_id, product_id, order_id, "
                                   "query, channel, device_id) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10) RETURNING id";
    writeRows(db, "events", rows, sql,
              [](Statement& st, const EventRow& r) {
                  st.bind(1, idOrNull(r.id)).bind(2, r.ts).bind(3, r.type).bind(4, r.sessionId)
                      .bind(5, r.customerId).bind(6, r.productId).bind(7, r.orderId).bind(8, r.query)
                      .bind(9, r.channel).bind(10, r.deviceId);
              },
              [](EventRow& r) -> Id& { return r.id; });
}

void upsertPriceHistory(Database& db, std::span<const PricePointRow> rows)
{
    static const std::string sql = "INSERT INTO price_history(product_id, valid_from, price_minor, promo, source) "
                                   "VALUES(?1,?2,?3,?4,?5) ON CONFLICT(product_id, valid_from) DO UPDATE SET "
                                   "price_minor=excluded.price_minor, promo=excluded.promo, source=excluded.source";
    writeRows(db, "price_history", rows, sql,
              [](Statement& st, const PricePointRow& r) {
                  st.bind(1, r.productId).bind(2, r.validFrom).bind(3, r.priceMinor).bind(4, r.promo ? 1 : 0)
                      .bind(5, r.source);
              },
              nullptr);
}

void upsertCompetitorPrices(Database& db, std::span<const CompetitorPriceRow> rows)
{
    static const std::string sql = "INSERT INTO competitor_prices(product_id, competitor, observed_at, price_minor) "
                                   "VALUES(?1,?2,?3,?4) ON CONFLICT(product_id, competitor, observed_at) DO UPDATE "
                                   "SET price_minor=excluded.price_minor";
    writeRows(db, "competitor_prices", rows, sql,
              [](Statement& st, const CompetitorPriceRow& r) {
                  st.bind(1, r.productId).bind(2, r.competitor).bind(3, r.observedAt).bind(4, r.priceMinor);
              },
              nullptr);
}

void appendAudit(Database& db, Timestamp ts, std::string_view actor, std::string_view action,
                 std::string_view entity, std::string_view entityId, std::string_view detailsJson)
{
    Statement st(db, "INSERT INTO audit_log(ts, actor, action, entity, entity_id, details_json) "
                     "VALUES(?,?,?,?,?,?)");
    st.bind(1, ts).bind(2, actor).bind(3, action).bind(4, entity).bind(5, entityId).bind(6, detailsJson);
    st.step();
    if (db.autocommit())
        db.changeFeed().publish(Change{"audit_log", ChangeKind::Upsert, 1, {db.lastInsertRowId()}});
}

std::int64_t countRows(Database& db, std::string_view table)
{
    Statement check(db, "SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?");
    check.bind(1, table);
    if (!check.step())
        throw Error(ErrorCode::InvalidArgument, "no table named " + std::string(table) + " in the store");
    return db.queryInt("SELECT count(*) FROM \"" + std::string(table) + "\"").value_or(0);
}

LastSyncInfo lastSyncInfo(Database& db, std::string_view source)
{
    LastSyncInfo out;
    Statement at(db, "SELECT MAX(last_synced_at) FROM sync_state WHERE source = ?1 OR ?1 = ''");
    at.bind(1, source);
    if (at.step() && !at.isNull(0))
        out.at = at.columnInt(0);
    Statement err(db, "SELECT resource || ': ' || last_error FROM sync_state WHERE (source = ?1 OR ?1 = '') "
                      "AND last_error IS NOT NULL AND last_error <> '' LIMIT 1");
    err.bind(1, source);
    if (err.step())
        out.error = err.columnText(0);
    return out;
}

std::vector<QuarantineRow> listQuarantine(Database& db, int limit)
{
    Statement st(db, "SELECT id, received_at, source, resource, external_id, reason, payload "
                     "FROM sync_quarantine ORDER BY received_at DESC, id DESC LIMIT ?");
    st.bind(1, limit);
    std::vector<QuarantineRow> out;
    while (st.step()) {
        QuarantineRow r;
        r.id = st.columnInt(0);
        r.receivedAt = st.columnInt(1);
        r.source = st.columnText(2);
        r.resource = st.columnText(3);
        if (!st.isNull(4))
            r.externalId = st.columnText(4);
        r.reason = st.columnText(5);
        r.payload = st.columnText(6);
        out.push_back(std::move(r));
    }
    return out;
}

std::int64_t replaceSegment(Database& db, std::string_view name, const std::string& definitionJson,
                            std::span<const std::int64_t> customerIds, Timestamp now)
{
    std::string trimmed(name);
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t'))
        trimmed.pop_back();
    while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t'))
        trimmed.erase(trimmed.begin());
    if (trimmed.empty())
        throw Error(ErrorCode::InvalidArgument, "a segment needs a name");
    Transaction tx(db);
    std::int64_t id = 0;
    {
        Statement find(db, "SELECT id FROM segments WHERE name = ?");
        find.bind(1, trimmed);
        if (find.step())
            id = find.columnInt(0);
    }
    if (id) {
        Statement up(db, "UPDATE segments SET definition_json = ?, updated_at = ? WHERE id = ?");
        up.bind(1, definitionJson).bind(2, now).bind(3, id);
        up.step();
        Statement del(db, "DELETE FROM segment_members WHERE segment_id = ?");
        del.bind(1, id);
        del.step();
    } else {
        Statement ins(db, "INSERT INTO segments(name, definition_json, created_at, updated_at) VALUES(?, ?, ?, ?)");
        ins.bind(1, trimmed).bind(2, definitionJson).bind(3, now).bind(4, now);
        ins.step();
        id = db.lastInsertRowId();
    }
    Statement mem(db, "INSERT OR IGNORE INTO segment_members(segment_id, customer_id) VALUES(?, ?)");
    for (const auto cid : customerIds) {
        mem.reset();
        mem.bind(1, id).bind(2, cid);
        mem.step();
    }
    tx.commit();
    // Overview filters by saved segments and Campaigns reads them: tell the open views.
    db.changeFeed().publish(Change{"segments", ChangeKind::Upsert, 1, {id}});
    db.changeFeed().publish(Change{"segment_members", ChangeKind::Reset, std::int64_t(customerIds.size()), {}});
    return id;
}

} // namespace shoppilot::store
