#include "sync/woo_store.h"

#include <cctype>
#include <optional>
#include <unordered_map>

#include "store/repositories.h"

namespace shoppilot::sync {

namespace {

using store::Database;
using store::Id;
using store::Statement;

constexpr std::size_t kMaxNotes = 5;
constexpr std::size_t kMaxIdsInNotice = 1000;

void note(ApplyResult& r, std::string text)
{
    if (r.notes.size() < kMaxNotes)
        r.notes.push_back(std::move(text));
}

// Runs `body` inside the caller's transaction or an own one (then publishing after commit).
template <typename Body>
ApplyResult withTransaction(Database& db, Body body)
{
    std::optional<store::Transaction> tx;
    if (db.autocommit())
        tx.emplace(db);
    ApplyResult r = body();
    if (tx) {
        tx->commit();
        publishChanges(db, r);
        r.changes.clear();
    }
    return r;
}

void addChange(ApplyResult& r, std::string table, std::int64_t rows, std::vector<std::int64_t> ids = {})
{
    if (rows <= 0)
        return;
    if (ids.size() > kMaxIdsInNotice)
        ids.clear();
    r.changes.push_back(store::Change{std::move(table), store::ChangeKind::Upsert, rows, std::move(ids)});
}

// Counts the rows a batch wrote to its main table, keeps their ids and announces the change.
template <typename Row>
void recordApplied(ApplyResult& r, const char* table, const std::vector<Row>& rows)
{
    r.ids.clear();
    for (const auto& row : rows)
        r.ids.push_back(row.id);
    r.applied = std::int64_t(rows.size());
    addChange(r, table, r.applied, r.ids);
}

// Looks up (id, updated_at) by external_id in one table.
class Existing {
public:
    Existing(Database& db, std::string_view table)
        : m_st(db, "SELECT id, updated_at FROM " + std::string(table) + " WHERE external_id = ?")
    {
    }
    std::optional<std::pair<Id, Timestamp>> find(const std::optional<std::string>& ext)
    {
        if (!ext)
            return std::nullopt;
        m_st.reset();
        m_st.bind(1, *ext);
        std::optional<std::pair<Id, Timestamp>> out;
        if (m_st.step())
            out = std::make_pair(m_st.columnInt(0), m_st.columnInt(1));
        m_st.reset();
        return out;
    }

private:
    Statement m_st;
};

// external_id -> local id, cached (for references).
class Resolver {
public:
    Resolver(Database& db, std::string_view table)
        : m_st(db, "SELECT id FROM " + std::string(table) + " WHERE external_id = ?")
    {
    }
    std::optional<Id> find(const std::optional<std::string>& ext)
    {
        if (!ext || ext->empty())
            return std::nullopt;
        if (auto it = m_cache.find(*ext); it != m_cache.end())
            return it->second;
        m_st.reset();
        m_st.bind(1, *ext);
        std::optional<Id> out;
        if (m_st.step())
            out = m_st.columnInt(0);
        m_st.reset();
        if (m_cache.size() > 100000)
            m_cache.clear();
        m_cache.emplace(*ext, out);
        return out;
    }

private:
    Statement m_st;
    std::unordered_map<std::string, std::optional<Id>> m_cache;
};

// Deletes open quarantine rows of records that arrived good; skipped when there are none.
class QuarantineCloser {
public:
    QuarantineCloser(Database& db, std::string_view source, std::string_view resource)
        : m_db(db), m_source(source), m_resource(resource)
    {
        Statement count(db, "SELECT count(*) FROM sync_quarantine WHERE source = ? AND resource = ?");
        count.bind(1, source).bind(2, resource);
        m_any = count.step() && count.columnInt(0) > 0;
    }
    void close(const std::optional<std::string>& ext, ApplyResult& r)
    {
        if (!m_any || !ext)
            return;
        if (!m_st)
            m_st.emplace(m_db, "DELETE FROM sync_quarantine WHERE source = ? AND resource = ? AND external_id = ?");
        m_st->reset();
        m_st->bind(1, m_source).bind(2, m_resource).bind(3, *ext);
        m_st->step();
        const int n = m_db.changes();
        m_st->reset();
        if (n > 0) {
            r.resolvedQuarantine += n;
            m_closedAny = true;
        }
    }
    bool closedAny() const { return m_closedAny; }

private:
    Database& m_db;
    std::string m_source, m_resource;
    bool m_any = false;
    bool m_closedAny = false;
    std::optional<Statement> m_st;
};

enum class Verdict { Apply, Stale, Duplicate };

Verdict judge(const std::optional<std::pair<Id, Timestamp>>& existing, Timestamp modifiedAt)
{
    if (!existing)
        return Verdict::Apply;
    if (modifiedAt < existing->second)
        return Verdict::Stale;
    if (modifiedAt == existing->second)
        return Verdict::Duplicate;
    return Verdict::Apply;
}

// The bookkeeping every incoming record goes through: advance the batch's newest time, close its
// open quarantine row, and judge it against the stored copy. Returns the local id to write (0 =
// a new row), or nullopt when the record is stale or already stored (and counts it).
template <typename Rec>
std::optional<Id> admit(const Rec& rec, Existing& existing, QuarantineCloser& closer, ApplyResult& r)
{
    r.maxModified = std::max(r.maxModified, rec.modifiedAt);
    closer.close(rec.row.externalId, r);
    const auto found = existing.find(rec.row.externalId);
    switch (judge(found, rec.modifiedAt)) {
    case Verdict::Stale:
        ++r.skippedStale;
        return std::nullopt;
    case Verdict::Duplicate:
        ++r.duplicates;
        return std::nullopt;
    case Verdict::Apply:
        break;
    }
    return found ? found->first : Id(0);
}

// Keeps only the last copy of each external id in a batch (pages are sorted by modified time
// ascending, so the last is the newest); earlier copies count as duplicates.
template <typename T>
std::vector<const T*> lastCopies(std::span<const T> items, ApplyResult& r)
{
    std::unordered_map<std::string, std::size_t> lastIndex;
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].row.externalId)
            lastIndex[*items[i].row.externalId] = i;
    std::vector<const T*> out;
    out.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& ext = items[i].row.externalId;
        if (ext && lastIndex[*ext] != i) {
            ++r.duplicates;
            continue;
        }
        out.push_back(&items[i]);
    }
    return out;
}

} // namespace

void ApplyResult::merge(const ApplyResult& o)
{
    applied += o.applied;
    skippedStale += o.skippedStale;
    duplicates += o.duplicates;
    unresolvedRefs += o.unresolvedRefs;
    resolvedQuarantine += o.resolvedQuarantine;
    maxModified = std::max(maxModified, o.maxModified);
    for (const auto& n : o.notes)
        if (notes.size() < kMaxNotes)
            notes.push_back(n);
    changes.insert(changes.end(), o.changes.begin(), o.changes.end());
    ids.insert(ids.end(), o.ids.begin(), o.ids.end());
}

void publishChanges(Database& db, const ApplyResult& result)
{
    for (const auto& c : result.changes)
        db.changeFeed().publish(c);
}

ApplyResult applyProducts(Database& db, std::string_view source, std::span<const woo::Product> products)
{
    return withTransaction(db, [&] {
        ApplyResult r;
        Existing existing(db, "products");
        QuarantineCloser closer(db, source, "products");
        std::unordered_map<std::string, Id> categories;
        std::vector<store::ProductRow> rows;
        std::vector<const woo::Product*> sources;
        Resolver parents(db, "products");
        for (const auto* p : lastCopies(products, r)) {
            const auto localId = admit(*p, existing, closer, r);
            if (!localId)
                continue;
            store::ProductRow row = p->row;
            row.id = *localId;
            row.updatedAt = p->modifiedAt;
            row.categoryId.reset();
            if (p->categoryName && !p->categoryName->empty()) {
                auto it = categories.find(*p->categoryName);
                if (it == categories.end()) {
                    store::CategoryRow cat{0, *p->categoryName, p->categoryNameZh, std::nullopt};
                    Statement q(db, "SELECT id, name_zh FROM categories WHERE name_en = ?");
                    q.bind(1, cat.nameEn);
                    if (q.step()) {
                        cat.id = q.columnInt(0);
                        if (!cat.nameZh && !q.isNull(1))
                            cat.nameZh = q.columnText(1);
                    }
                    store::upsertCategories(db, std::span<store::CategoryRow>(&cat, 1));
                    it = categories.emplace(cat.nameEn, cat.id).first;
                }
                row.categoryId = it->second;
            }
            rows.push_back(std::move(row));
            sources.push_back(p);
        }
        store::upsertProducts(db, rows);
        // What the v1 columns cannot say (schema v3): Woo type, a variation's parent, unmanaged
        // stock, no price. A variation has no categories in Woo: it takes its parent's.
        Statement extra(db, "UPDATE products SET product_type = ?2, parent_id = ?3, stock_managed = ?4, price_set = ?5,"
                            " category_id = CASE WHEN ?6 AND ?3 IS NOT NULL THEN"
                            " (SELECT category_id FROM products WHERE id = ?3) ELSE category_id END WHERE id = ?1");
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto& p = *sources[i];
            std::optional<Id> parent;
            if (p.parentExternalId) {
                parent = parents.find(p.parentExternalId);
                if (!parent) {
                    ++r.unresolvedRefs;
                    note(r, "variation " + rows[i].externalId.value_or("?") + ": parent product " + *p.parentExternalId
                                + " unknown, kept without parent");
                }
            }
            extra.reset();
            extra.bind(1, rows[i].id).bind(2, p.type).bind(3, parent).bind(4, p.stockManaged ? 1 : 0)
                .bind(5, p.priceSet ? 1 : 0).bind(6, !p.categoryName ? 1 : 0);
            extra.step();
        }
        recordApplied(r, "products", rows);
        if (!categories.empty())
            addChange(r, "categories", std::int64_t(categories.size()));
        if (closer.closedAny())
            addChange(r, "sync_quarantine", r.resolvedQuarantine);
        return r;
    });
}

ApplyResult applyCustomers(Database& db, std::string_view source, std::span<const woo::Customer> customers)
{
    return withTransaction(db, [&] {
        ApplyResult r;
        Existing existing(db, "customers");
        QuarantineCloser closer(db, source, "customers");
        std::vector<store::CustomerRow> rows;
        for (const auto* c : lastCopies(customers, r)) {
            const auto localId = admit(*c, existing, closer, r);
            if (!localId)
                continue;
            store::CustomerRow row = c->row;
            row.id = *localId;
            row.updatedAt = c->modifiedAt;
            rows.push_back(std::move(row));
        }
        store::upsertCustomers(db, rows);
        recordApplied(r, "customers", rows);
        if (closer.closedAny())
            addChange(r, "sync_quarantine", r.resolvedQuarantine);
        return r;
    });
}

ApplyResult applyOrders(Database& db, std::string_view source, std::span<const woo::Order> orders)
{
    return withTransaction(db, [&] {
        ApplyResult r;
        Existing existing(db, "orders");
        QuarantineCloser closer(db, source, "orders");
        Resolver customers(db, "customers");
        Resolver products(db, "products");
        Statement campaignExists(db, "SELECT 1 FROM campaigns WHERE id = ?");
        std::unordered_map<std::int64_t, bool> campaigns;
        std::vector<store::OrderRow> rows;
        std::vector<const woo::Order*> sources;
        for (const auto* o : lastCopies(orders, r)) {
            const auto localId = admit(*o, existing, closer, r);
            if (!localId)
                continue;
            store::OrderRow row = o->row;
            row.id = *localId;
            row.updatedAt = o->modifiedAt;
            row.customerId.reset();
            // campaign_id is the source store's local id: meaningless here unless that campaign exists.
            if (row.campaignId) {
                auto it = campaigns.find(*row.campaignId);
                if (it == campaigns.end()) {
                    campaignExists.reset();
                    campaignExists.bind(1, *row.campaignId);
                    it = campaigns.emplace(*row.campaignId, campaignExists.step()).first;
                    campaignExists.reset();
                }
                if (!it->second)
                    row.campaignId.reset();
            }
            if (o->customerExternalId) {
                row.customerId = customers.find(o->customerExternalId);
                if (!row.customerId) {
                    ++r.unresolvedRefs;
                    note(r, "order " + row.externalId.value_or("?") + ": customer " + *o->customerExternalId
                                + " unknown, kept without customer");
                }
            }
            rows.push_back(std::move(row));
            sources.push_back(o);
        }
        store::upsertOrders(db, rows);
        {
            Statement extra(db, "UPDATE orders SET platform_status = ?2, fees_minor = ?3 WHERE id = ?1");
            for (std::size_t i = 0; i < rows.size(); ++i) {
                extra.reset();
                extra.bind(1, rows[i].id).bind(2, sources[i]->platformStatus).bind(3, sources[i]->feesMinor);
                extra.step();
            }
        }

        // Items are replaced as a whole (Woo sends the full list); refunds upserted by their id.
        std::vector<store::OrderItemRow> items;
        std::vector<store::RefundRow> refunds;
        Statement deleteItems(db, "DELETE FROM order_items WHERE order_id = ?");
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto& row = rows[i];
            const auto& o = *sources[i];
            deleteItems.bind(1, row.id);
            deleteItems.step();
            deleteItems.reset();
            for (const auto& li : o.items) {
                store::OrderItemRow item;
                item.orderId = row.id;
                // A variation bought is the variation's row (its parent is products.parent_id);
                // when the variation is unknown here the line falls back to the parent product.
                if (li.variationExternalId)
                    item.productId = products.find(li.variationExternalId);
                if (!item.productId && li.productExternalId) {
                    item.productId = products.find(li.productExternalId);
                    if (item.productId && li.variationExternalId)
                        note(r, "order " + row.externalId.value_or("?") + ": variation " + *li.variationExternalId
                                    + " unknown, line kept on its parent product " + *li.productExternalId);
                }
                if (!item.productId && (li.productExternalId || li.variationExternalId)) {
                    ++r.unresolvedRefs;
                    note(r, "order " + row.externalId.value_or("?") + ": product "
                                + li.variationExternalId.value_or(li.productExternalId.value_or("?"))
                                + " unknown, line kept without product");
                }
                item.quantity = li.quantity;
                item.unitPriceMinor = li.unitPriceMinor;
                item.discountMinor = li.discountMinor;
                item.lineTotalMinor = li.totalMinor;
                items.push_back(item);
            }
            for (const auto& rf : o.refunds) {
                store::RefundRow refund;
                refund.externalId = rf.externalId;
                refund.orderId = row.id;
                if (rf.productExternalId) {
                    refund.productId = products.find(rf.productExternalId);
                    if (!refund.productId)
                        ++r.unresolvedRefs;
                }
                refund.quantity = rf.quantity;
                refund.createdAt = rf.createdAt;
                refund.amountMinor = rf.amountMinor;
                refund.kind = rf.kind;
                if (!rf.reason.empty())
                    refund.reason = rf.reason;
                refunds.push_back(std::move(refund));
            }
        }
        store::insertOrderItems(db, items);
        // A refund id seen before under this order keeps its row (upsert by external_id).
        store::upsertRefunds(db, refunds);

        recordApplied(r, "orders", rows);
        addChange(r, "order_items", std::int64_t(items.size()));
        addChange(r, "refunds", std::int64_t(refunds.size()));
        if (closer.closedAny())
            addChange(r, "sync_quarantine", r.resolvedQuarantine);
        return r;
    });
}

ApplyResult applyEvents(Database& db, std::string_view source, std::span<const store::EventRow> events)
{
    return withTransaction(db, [&] {
        ApplyResult r;
        QuarantineCloser closer(db, source, "events");
        Resolver customers(db, "customers");
        Resolver products(db, "products");
        Resolver orders(db, "orders");
        Statement insert(db, "INSERT INTO events(id, ts, type, session_id, customer_id, product_id, order_id, query, "
                             "channel, device_id) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10) ON CONFLICT(id) DO NOTHING");
        auto resolve = [&](Resolver& res, const store::OptInt& wooId) -> store::OptInt {
            if (!wooId)
                return std::nullopt;
            auto local = res.find(std::to_string(*wooId));
            if (!local)
                ++r.unresolvedRefs;
            return local;
        };
        std::int64_t unresolvedBefore = 0;
        for (const auto& e : events) {
            if (e.id <= 0)
                throw Error(ErrorCode::Parse, "event without a positive id");
            r.maxModified = std::max(r.maxModified, e.ts);
            closer.close(std::to_string(e.id), r);
            unresolvedBefore = r.unresolvedRefs;
            insert.bind(1, e.id).bind(2, e.ts).bind(3, e.type).bind(4, e.sessionId)
                .bind(5, resolve(customers, e.customerId)).bind(6, resolve(products, e.productId))
                .bind(7, resolve(orders, e.orderId)).bind(8, e.query).bind(9, e.channel).bind(10, e.deviceId);
            insert.step();
            const int n = db.changes();
            insert.reset();
            if (n > 0) {
                ++r.applied;
                if (r.ids.size() <= kMaxIdsInNotice)
                    r.ids.push_back(e.id);
            } else {
                ++r.duplicates;
                r.unresolvedRefs = unresolvedBefore; // nothing stored, nothing left unresolved
            }
        }
        addChange(r, "events", r.applied, r.ids);
        if (closer.closedAny())
            addChange(r, "sync_quarantine", r.resolvedQuarantine);
        return r;
    });
}

void quarantineRecord(Database& db, std::string_view source, std::string_view resource,
                      const std::optional<std::string>& externalId, std::string_view reason,
                      std::string_view payload, Timestamp receivedAt)
{
    if (externalId) {
        Statement del(db, "DELETE FROM sync_quarantine WHERE source = ? AND resource = ? AND external_id = ?");
        del.bind(1, source).bind(2, resource).bind(3, *externalId);
        del.step();
    }
    Statement st(db, "INSERT INTO sync_quarantine(source, resource, external_id, received_at, reason, payload) "
                     "VALUES(?,?,?,?,?,?)");
    st.bind(1, source).bind(2, resource).bind(3, externalId).bind(4, receivedAt).bind(5, reason).bind(6, payload);
    st.step();
}

bool isQuarantined(Database& db, std::string_view source, std::string_view resource, std::string_view externalId)
{
    Statement st(db, "SELECT 1 FROM sync_quarantine WHERE source = ? AND resource = ? AND external_id = ? LIMIT 1");
    st.bind(1, source).bind(2, resource).bind(3, externalId);
    return st.step();
}

std::optional<std::string> extractExternalId(std::string_view raw)
{
    // The first "id" key at nesting depth 1 (Woo writes it first), read leniently.
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c == '"') {
            if (depth == 1 && raw.substr(i, 4) == "\"id\"") {
                std::size_t j = i + 4;
                while (j < raw.size() && std::isspace(static_cast<unsigned char>(raw[j])))
                    ++j;
                if (j < raw.size() && raw[j] == ':') {
                    ++j;
                    while (j < raw.size() && std::isspace(static_cast<unsigned char>(raw[j])))
                        ++j;
                    std::size_t k = j;
                    while (k < raw.size() && std::isdigit(static_cast<unsigned char>(raw[k])))
                        ++k;
                    // Only a complete number: "12" cut to "1" would name the wrong record.
                    if (k > j && k < raw.size() && k - j < 19
                        && (raw[k] == ',' || raw[k] == '}' || std::isspace(static_cast<unsigned char>(raw[k]))))
                        return std::string(raw.substr(j, k - j));
                    return std::nullopt;
                }
            }
            inString = true;
        }
    }
    return std::nullopt;
}

woo::ShopContext readShopContext(Database& db)
{
    woo::ShopContext shop;
    shop.currency = db.meta("shop.currency").value_or("");
    shop.weightUnit = db.meta("shop.weight_unit").value_or("");
    if (auto d = db.meta("shop.price_decimals")) {
        try {
            shop.priceDecimals = std::stoi(*d);
        } catch (const std::exception&) {
            shop.priceDecimals = -1;
        }
    }
    return shop;
}

void writeShopContext(Database& db, const woo::ShopContext& shop)
{
    if (!shop.currency.empty())
        db.setMeta("shop.currency", shop.currency);
    if (shop.priceDecimals >= 0)
        db.setMeta("shop.price_decimals", std::to_string(shop.priceDecimals));
    if (!shop.weightUnit.empty())
        db.setMeta("shop.weight_unit", shop.weightUnit);
}

ApplyResult applyWooPayload(Database& db, std::string_view source, std::string_view resource, std::string_view json)
{
    // A webhook's payload is read in the shop's own currency and units, as the sync reads pages.
    const woo::ShopContext shop = readShopContext(db);
    if (resource == "products") {
        const auto p = woo::parseProduct(json, shop);
        return applyProducts(db, source, std::span<const woo::Product>(&p, 1));
    }
    if (resource == "customers") {
        const auto c = woo::parseCustomer(json, shop);
        return applyCustomers(db, source, std::span<const woo::Customer>(&c, 1));
    }
    if (resource == "orders") {
        const auto o = woo::parseOrder(json, shop);
        return applyOrders(db, source, std::span<const woo::Order>(&o, 1));
    }
    throw Error(ErrorCode::InvalidArgument, "unknown WooCommerce resource '" + std::string(resource) + "'");
}

} // namespace shoppilot::sync
