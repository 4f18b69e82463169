// Store rows -> WooCommerce values for the platform simulator (see sim_store.h).
#include "sync/sim_store.h"

#include <algorithm>
#include <functional>
#include <string>

#include "common/error.h"

namespace shoppilot::sync::sim {

namespace {

store::OptText optText(store::Statement& s, int col)
{
    if (s.isNull(col))
        return std::nullopt;
    return s.columnText(col);
}

// Appends the WHERE/ORDER/LIMIT tail every resource shares; binds ?1 (after), ?2 (id), ?3, ?4.
std::string tail(std::string_view alias)
{
    const std::string a(alias);
    return " WHERE (?1 IS NULL OR " + a + ".updated_at > ?1) AND (?2 IS NULL OR " + a + ".id = ?2)"
           " ORDER BY " + a + ".updated_at, " + a + ".id LIMIT ?3 OFFSET ?4";
}

// Products add ?5: the parent whose variations to list; without it (and without an id) only
// top-level products, as WooCommerce's /products lists no variations.
std::string productTail()
{
    return " WHERE (?1 IS NULL OR p.updated_at > ?1) AND (?2 IS NULL OR p.id = ?2)"
           " AND (CASE WHEN ?5 IS NOT NULL THEN p.parent_id = ?5 WHEN ?2 IS NOT NULL THEN 1 ELSE p.parent_id IS NULL END)"
           " ORDER BY p.updated_at, p.id LIMIT ?3 OFFSET ?4";
}

void bindQuery(store::Statement& s, const RowQuery& q)
{
    s.bind(1, q.modifiedAfter);
    s.bind(2, q.id);
    s.bind(3, q.limit);
    s.bind(4, q.offset);
}

const std::string kProductSelect =
    "SELECT p.id, p.sku, p.title_en, p.title_zh, p.category_id, p.brand, p.price_minor, p.cost_minor,"
    " p.currency, p.stock, p.reorder_point, p.lead_time_days, p.ladder_group, p.ladder_rank, p.weight_g,"
    " p.status, p.created_at, p.updated_at, c.name_en, c.name_zh, p.parent_id, p.product_type, p.stock_managed,"
    " p.price_set"
    " FROM products p LEFT JOIN categories c ON c.id = p.category_id";

woo::Product productRow(store::Statement& s)
{
    woo::Product p;
    auto& r = p.row;
    r.id = s.columnInt(0);
    r.externalId = std::to_string(r.id);
    r.sku = s.columnText(1);
    r.titleEn = s.columnText(2);
    r.titleZh = optText(s, 3);
    r.categoryId = s.columnOptInt(4);
    r.brand = optText(s, 5);
    r.priceMinor = s.columnInt(6);
    r.costMinor = s.columnOptInt(7);
    r.currency = s.columnText(8);
    r.stock = s.columnInt(9);
    r.reorderPoint = s.columnOptInt(10);
    r.leadTimeDays = s.columnOptInt(11);
    r.ladderGroup = optText(s, 12);
    r.ladderRank = s.columnOptInt(13);
    r.weightG = s.columnOptInt(14);
    r.status = s.columnText(15);
    r.createdAt = s.columnInt(16);
    r.updatedAt = s.columnInt(17);
    p.categoryName = optText(s, 18);
    p.categoryNameZh = optText(s, 19);
    if (auto parent = s.columnOptInt(20))
        p.parentExternalId = std::to_string(*parent);
    p.type = s.isNull(21) ? (p.parentExternalId ? "variation" : "simple") : s.columnText(21);
    p.stockManaged = s.columnInt(22) != 0;
    p.priceSet = s.columnInt(23) != 0;
    p.modifiedAt = r.updatedAt;
    return p;
}

// A variable product's "variations": its children's ids.
void fillVariations(store::Database& db, std::vector<woo::Product>& products)
{
    std::optional<store::Statement> st;
    for (auto& p : products) {
        if (p.type != "variable")
            continue;
        if (!st)
            st.emplace(db.prepare("SELECT id FROM products WHERE parent_id = ?1 ORDER BY id"));
        st->reset();
        st->bind(1, p.row.id);
        while (st->step())
            p.variationIds.push_back(std::to_string(st->columnInt(0)));
    }
}

const std::string kCustomerSelect = "SELECT c.id, c.email_hash, c.name, c.country, c.city, c.lat, c.lon, c.locale,"
                                    " c.created_at, c.updated_at FROM customers c";

woo::Customer customerRow(store::Statement& s)
{
    woo::Customer c;
    auto& r = c.row;
    r.id = s.columnInt(0);
    r.externalId = std::to_string(r.id);
    r.emailHash = optText(s, 1);
    r.name = optText(s, 2);
    r.country = optText(s, 3);
    r.city = optText(s, 4);
    r.lat = s.columnOptDouble(5);
    r.lon = s.columnOptDouble(6);
    r.locale = optText(s, 7);
    r.createdAt = s.columnInt(8);
    r.updatedAt = s.columnInt(9);
    c.modifiedAt = r.updatedAt;
    return c;
}

const std::string kOrderSelect =
    "SELECT o.id, o.customer_id, o.created_at, o.updated_at, o.status, o.currency, o.subtotal_minor,"
    " o.discount_minor, o.shipping_minor, o.tax_minor, o.total_minor, o.channel, o.payment_method,"
    " o.payment_fingerprint, o.device_id, o.ip, o.ip_country, o.session_id, o.coupon_code, o.campaign_id,"
    " o.ship_name, o.ship_address, o.ship_city, o.ship_postcode, o.ship_country, o.ship_lat, o.ship_lon,"
    " o.bill_address, o.bill_city, o.bill_postcode, o.bill_country, o.bill_lat, o.bill_lon,"
    " o.platform_status, o.fees_minor"
    " FROM orders o";

// An order row plus its line items and refunds (two statements prepared once per read).
class OrderReader {
public:
    explicit OrderReader(store::Database& db)
        : m_items(db.prepare(
              "SELECT i.id, i.product_id, COALESCE(p.sku, ''), i.quantity, i.unit_price_minor, i.discount_minor,"
              " i.line_total_minor, p.parent_id FROM order_items i LEFT JOIN products p ON p.id = i.product_id"
              " WHERE i.order_id = ?1 ORDER BY i.id"))
        , m_refunds(db.prepare("SELECT id, product_id, quantity, created_at, amount_minor, kind, reason"
                               " FROM refunds WHERE order_id = ?1 ORDER BY id"))
    {
    }

    woo::Order operator()(store::Statement& s)
    {
        woo::Order o;
        auto& r = o.row;
        r.id = s.columnInt(0);
        r.externalId = std::to_string(r.id);
        r.customerId = s.columnOptInt(1);
        if (r.customerId)
            o.customerExternalId = std::to_string(*r.customerId);
        r.createdAt = s.columnInt(2);
        r.updatedAt = s.columnInt(3);
        r.status = s.columnText(4);
        r.currency = s.columnText(5);
        r.subtotalMinor = s.columnInt(6);
        r.discountMinor = s.columnInt(7);
        r.shippingMinor = s.columnInt(8);
        r.taxMinor = s.columnInt(9);
        r.totalMinor = s.columnInt(10);
        r.channel = optText(s, 11);
        r.paymentMethod = optText(s, 12);
        r.paymentFingerprint = optText(s, 13);
        r.deviceId = optText(s, 14);
        r.ip = optText(s, 15);
        r.ipCountry = optText(s, 16);
        r.sessionId = optText(s, 17);
        r.couponCode = optText(s, 18);
        r.campaignId = s.columnOptInt(19);
        r.shipName = optText(s, 20);
        auto address = [&](int col) {
            store::Address a;
            a.line = optText(s, col);
            a.city = optText(s, col + 1);
            a.postcode = optText(s, col + 2);
            a.country = optText(s, col + 3);
            a.lat = s.columnOptDouble(col + 4);
            a.lon = s.columnOptDouble(col + 5);
            return a;
        };
        r.shipping = address(21);
        r.billing = address(27);
        o.platformStatus = optText(s, 33);
        o.feesMinor = s.columnInt(34);
        o.modifiedAt = r.updatedAt;

        auto& items = m_items;
        items.reset();
        items.bind(1, r.id);
        while (items.step()) {
            woo::LineItem li;
            li.externalId = std::to_string(items.columnInt(0));
            if (auto p = items.columnOptInt(1))
                li.productExternalId = std::to_string(*p);
            if (auto parent = items.columnOptInt(7)) {
                // As WooCommerce: product_id is the parent, variation_id the variation bought.
                li.variationExternalId = li.productExternalId;
                li.productExternalId = std::to_string(*parent);
            }
            li.sku = items.columnText(2);
            li.quantity = items.columnInt(3);
            li.unitPriceMinor = items.columnInt(4);
            li.discountMinor = items.columnInt(5);
            li.totalMinor = items.columnInt(6);
            o.items.push_back(std::move(li));
        }
        auto& refunds = m_refunds;
        refunds.reset();
        refunds.bind(1, r.id);
        while (refunds.step()) {
            woo::Refund rf;
            rf.externalId = std::to_string(refunds.columnInt(0));
            if (auto p = refunds.columnOptInt(1))
                rf.productExternalId = std::to_string(*p);
            rf.quantity = refunds.columnOptInt(2);
            rf.createdAt = refunds.columnInt(3);
            rf.amountMinor = refunds.columnInt(4);
            rf.kind = refunds.columnText(5);
            rf.reason = refunds.isNull(6) ? std::string() : refunds.columnText(6);
            o.refunds.push_back(std::move(rf));
        }
        return o;
    }

private:
    store::Statement m_items;
    store::Statement m_refunds;
};

template <typename Row, typename Make>
std::vector<Row> readWhere(store::Database& db, const std::string& select, std::string_view alias, const RowQuery& q,
                           Make make)
{
    auto s = db.prepare(select + tail(alias));
    bindQuery(s, q);
    std::vector<Row> out;
    while (s.step())
        out.push_back(make(s));
    return out;
}

// A page's rows come from one snapshot, as they did from the single SELECT this replaces: a
// deferred BEGIN on a connection with no transaction open, committed (read-only) at the end.
class ReadSnapshot {
public:
    explicit ReadSnapshot(store::Database& db) : m_db(db.autocommit() ? &db : nullptr)
    {
        if (m_db)
            m_db->exec("BEGIN");
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;
    ~ReadSnapshot()
    {
        if (!m_db)
            return;
        try {
            m_db->exec("COMMIT");
        } catch (...) {
            // Nothing was written; a failed end of a read transaction leaves nothing to undo.
        }
    }

private:
    store::Database* m_db;
};

template <typename Row, typename Make>
std::vector<Row> readIds(store::Database& db, const std::string& select, std::string_view alias,
                         std::span<const store::Id> ids, Make make)
{
    std::vector<Row> out;
    if (ids.empty())
        return out;
    ReadSnapshot snapshot(db);
    auto s = db.prepare(select + " WHERE " + std::string(alias) + ".id = ?1");
    out.reserve(ids.size());
    for (const store::Id id : ids) {
        s.reset();
        s.bind(1, id);
        if (s.step())
            out.push_back(make(s));
    }
    s.reset(); // before the snapshot ends
    return out;
}

} // namespace

std::vector<woo::Product> readProducts(store::Database& db, const RowQuery& q)
{
    auto s = db.prepare(kProductSelect + productTail());
    bindQuery(s, q);
    s.bind(5, q.parentId);
    std::vector<woo::Product> out;
    while (s.step())
        out.push_back(productRow(s));
    s.reset();
    fillVariations(db, out);
    return out;
}

std::vector<woo::Customer> readCustomers(store::Database& db, const RowQuery& q)
{
    return readWhere<woo::Customer>(db, kCustomerSelect, "c", q, customerRow);
}

std::vector<woo::Order> readOrders(store::Database& db, const RowQuery& q)
{
    OrderReader reader(db);
    return readWhere<woo::Order>(db, kOrderSelect, "o", q, std::ref(reader));
}

std::vector<woo::Customer> readCustomersOrdered(store::Database& db, const std::string& orderBy, std::int64_t limit,
                                                std::int64_t offset)
{
    auto s = db.prepare(kCustomerSelect + " ORDER BY " + orderBy + " LIMIT ?1 OFFSET ?2");
    s.bind(1, limit).bind(2, offset);
    std::vector<woo::Customer> out;
    while (s.step())
        out.push_back(customerRow(s));
    return out;
}

WooShapes addWooShapes(store::Database& db)
{
    WooShapes out;
    if (db.queryInt("SELECT COUNT(*) FROM products WHERE product_type IS NOT NULL").value_or(0) > 0)
        return out; // already shaped
    store::Transaction tx(db);
    // Variable products: a ladder group's members become the variations of a new parent.
    {
        std::vector<std::string> groups;
        auto g = db.prepare("SELECT ladder_group FROM products WHERE ladder_group IS NOT NULL AND parent_id IS NULL"
                            " GROUP BY ladder_group HAVING COUNT(*) >= 2 ORDER BY ladder_group LIMIT 3");
        while (g.step())
            groups.push_back(g.columnText(0));
        for (const auto& group : groups) {
            auto ins = db.prepare(
                "INSERT INTO products(external_id, sku, title_en, title_zh, category_id, brand, price_minor, cost_minor,"
                " currency, stock, status, created_at, updated_at, product_type, stock_managed, price_set)"
                " SELECT NULL, 'VAR-' || ?1, ?1, NULL, MIN(category_id), MIN(brand), 0, NULL, MIN(currency), 0, 'active',"
                " MIN(created_at), MAX(updated_at), 'variable', 0, 0 FROM products WHERE ladder_group = ?1");
            ins.bind(1, group);
            ins.step();
            const store::Id parent = db.queryInt("SELECT last_insert_rowid()").value_or(0);
            auto upd = db.prepare("UPDATE products SET parent_id = ?1, product_type = 'variation' WHERE ladder_group = ?2"
                                  " AND id <> ?1");
            upd.bind(1, parent).bind(2, group);
            upd.step();
            out.variations += db.changes();
            ++out.variableProducts;
        }
    }
    db.exec("UPDATE products SET product_type = 'simple' WHERE product_type IS NULL");
    // Drafts without a price: WooCommerce sends "price": "".
    db.exec("UPDATE products SET status = 'draft', price_set = 0, price_minor = 0 WHERE id IN (SELECT id FROM products"
            " WHERE product_type = 'simple' AND id NOT IN (SELECT product_id FROM order_items WHERE product_id IS NOT NULL)"
            " ORDER BY id DESC LIMIT 2)");
    out.unpricedDrafts = db.changes();
    if (out.unpricedDrafts < 2) {
        db.exec("UPDATE products SET status = 'draft', price_set = 0, price_minor = 0 WHERE id IN (SELECT id FROM products"
                " WHERE product_type = 'simple' AND price_set = 1 ORDER BY id DESC LIMIT " + std::to_string(2 - out.unpricedDrafts) + ")");
        out.unpricedDrafts += db.changes();
    }
    // Unmanaged stock: manage_stock false, stock_quantity null.
    db.exec("UPDATE products SET stock_managed = 0, stock = 0 WHERE id IN (SELECT id FROM products"
            " WHERE product_type = 'simple' AND status = 'active' ORDER BY id LIMIT 3)");
    out.unmanagedStock = db.changes();
    // Orders: the block checkout's drafts, a plugin status, fees.
    db.exec("UPDATE orders SET platform_status = 'checkout-draft', status = 'failed' WHERE id IN (SELECT id FROM orders"
            " WHERE status = 'pending' ORDER BY id LIMIT 2)");
    out.checkoutDrafts = db.changes();
    db.exec("UPDATE orders SET platform_status = 'shipped' WHERE id IN (SELECT id FROM orders"
            " WHERE status = 'processing' AND platform_status IS NULL ORDER BY id LIMIT 2)");
    out.pluginStatus = db.changes();
    db.exec("UPDATE orders SET fees_minor = 150, total_minor = total_minor + 150 WHERE id IN (SELECT id FROM orders WHERE platform_status IS NULL"
            " AND fees_minor = 0 ORDER BY id DESC LIMIT 3)");
    out.withFees = db.changes();
    tx.commit();
    return out;
}

std::vector<woo::Product> readProductsById(store::Database& db, std::span<const store::Id> ids)
{
    auto out = readIds<woo::Product>(db, kProductSelect, "p", ids, productRow);
    fillVariations(db, out);
    return out;
}

std::vector<woo::Customer> readCustomersById(store::Database& db, std::span<const store::Id> ids)
{
    return readIds<woo::Customer>(db, kCustomerSelect, "c", ids, customerRow);
}

std::vector<woo::Order> readOrdersById(store::Database& db, std::span<const store::Id> ids)
{
    OrderReader reader(db);
    return readIds<woo::Order>(db, kOrderSelect, "o", ids, std::ref(reader));
}

std::int64_t countModified(store::Database& db, std::string_view table, std::optional<Timestamp> after)
{
    if (table != "products" && table != "customers" && table != "orders")
        throw Error(ErrorCode::InvalidArgument, "countModified: unknown table " + std::string(table));
    auto s = db.prepare("SELECT COUNT(*) FROM " + std::string(table) + " WHERE (?1 IS NULL OR updated_at > ?1)"
                        + (table == "products" ? " AND parent_id IS NULL" : ""));
    s.bind(1, after);
    s.step();
    return s.columnInt(0);
}

std::vector<store::EventRow> readEvents(store::Database& db, std::int64_t afterId, std::int64_t limit)
{
    auto s = db.prepare("SELECT id, ts, type, session_id, customer_id, product_id, order_id, query, channel,"
                        " device_id FROM events WHERE id > ?1 ORDER BY id LIMIT ?2");
    s.bind(1, afterId);
    s.bind(2, limit);
    std::vector<store::EventRow> out;
    while (s.step()) {
        store::EventRow e;
        e.id = s.columnInt(0);
        e.ts = s.columnInt(1);
        e.type = s.columnText(2);
        e.sessionId = s.columnText(3);
        e.customerId = s.columnOptInt(4);
        e.productId = s.columnOptInt(5);
        e.orderId = s.columnOptInt(6);
        e.query = optText(s, 7);
        e.channel = optText(s, 8);
        e.deviceId = optText(s, 9);
        out.push_back(std::move(e));
    }
    return out;
}

ModifiedIndex::ModifiedIndex(std::string table) : m_table(std::move(table))
{
    if (m_table != "products" && m_table != "customers" && m_table != "orders")
        throw Error(ErrorCode::InvalidArgument, "ModifiedIndex: unknown table " + m_table);
}

void ModifiedIndex::load(store::Database& db)
{
    m_keys.clear();
    // Variations are not listed by /products (they have their own endpoint).
    auto s = db.prepare("SELECT updated_at, id FROM " + m_table + (m_table == "products" ? " WHERE parent_id IS NULL" : ""));
    while (s.step())
        m_keys.push_back({s.columnInt(0), s.columnInt(1)});
    std::sort(m_keys.begin(), m_keys.end());
    m_loaded = true;
}

void ModifiedIndex::clear()
{
    m_keys.clear();
    m_keys.shrink_to_fit();
    m_loaded = false;
}

void ModifiedIndex::touch(store::Database& db, store::Id id)
{
    if (!m_loaded)
        return;
    // Linear: writes are rare next to page reads, and erasing from the vector is linear anyway.
    if (auto it = std::find_if(m_keys.begin(), m_keys.end(), [&](const Key& k) { return k.id == id; }); it != m_keys.end())
        m_keys.erase(it);
    auto s = db.prepare("SELECT updated_at FROM " + m_table + " WHERE id = ?1"
                        + (m_table == "products" ? " AND parent_id IS NULL" : ""));
    s.bind(1, id);
    if (!s.step())
        return;
    const Key key{s.columnInt(0), id};
    m_keys.insert(std::upper_bound(m_keys.begin(), m_keys.end(), key), key);
}

std::vector<ModifiedIndex::Key>::const_iterator ModifiedIndex::firstAfter(std::optional<Timestamp> after) const
{
    if (!after)
        return m_keys.begin();
    return std::partition_point(m_keys.begin(), m_keys.end(), [&](const Key& k) { return k.updatedAt <= *after; });
}

std::int64_t ModifiedIndex::count(std::optional<Timestamp> after) const
{
    return std::int64_t(m_keys.end() - firstAfter(after));
}

std::vector<ModifiedIndex::Key> ModifiedIndex::slice(std::optional<Timestamp> after, std::int64_t offset,
                                                     std::int64_t limit) const
{
    const auto first = firstAfter(after);
    const std::int64_t available = m_keys.end() - first;
    if (offset < 0)
        offset = 0; // as SQLite's OFFSET
    if (offset >= available || limit == 0)
        return {};
    const std::int64_t n = limit < 0 ? available - offset : std::min(limit, available - offset);
    return {first + offset, first + offset + n};
}

} // namespace shoppilot::sync::sim
