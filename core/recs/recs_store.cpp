#include "recs/recs_store.h"

namespace shoppilot::recs {

namespace {

// A store without browsing events (a real WooCommerce has no feed, the Online Retail import has
// none) still knows what its customers bought: order lines are the interactions then.
constexpr const char* kEventInteractions =
    "SELECT id, ts, customer_id, product_id FROM events WHERE customer_id IS NOT NULL AND "
    "product_id IS NOT NULL AND type IN ('view','cart','purchase') AND ts >= ? ORDER BY customer_id, ts, id";
constexpr const char* kPurchaseInteractions =
    "SELECT i.id, o.created_at, o.customer_id, i.product_id FROM order_items i JOIN orders o ON o.id = i.order_id "
    "WHERE o.customer_id IS NOT NULL AND i.product_id IS NOT NULL AND o.status NOT IN ('cancelled','failed') "
    "AND o.created_at >= ? ORDER BY o.customer_id, o.created_at, i.id";

} // namespace

bool storeHasBrowsingEvents(store::Database& db)
{
    return db.queryInt("SELECT EXISTS(SELECT 1 FROM events WHERE customer_id IS NOT NULL AND product_id IS NOT NULL"
                       " AND type IN ('view','cart','purchase'))")
               .value_or(0)
           != 0;
}

StoreSequences loadStoreSequences(store::Database& db, const StoreSequenceOptions& options)
{
    StoreSequences s;
    s.data.itemIds = {""};
    s.productIds = {0};
    s.fromPurchases = !storeHasBrowsingEvents(db);
    auto st = db.prepare(s.fromPurchases ? kPurchaseInteractions : kEventInteractions);
    st.bind(1, options.sinceTs);
    while (st.step()) {
        const auto id = st.columnInt(0), ts = st.columnInt(1), cust = st.columnInt(2), prod = st.columnInt(3);
        s.lastEventId = std::max(s.lastEventId, id);
        s.lastEventTs = std::max(s.lastEventTs, ts);
        auto [ui, newUser] = s.userOf.try_emplace(cust, std::int32_t(s.customerIds.size()));
        if (newUser) {
            s.customerIds.push_back(cust);
            s.data.userIds.push_back(std::to_string(cust));
            s.data.sequences.emplace_back();
        }
        auto [ii, newItem] = s.itemOf.try_emplace(prod, ItemIndex(s.productIds.size()));
        if (newItem) {
            s.productIds.push_back(prod);
            s.data.itemIds.push_back(std::to_string(prod));
        }
        auto& seq = s.data.sequences[std::size_t(ui->second)];
        if (options.collapseRepeats && !seq.empty() && seq.back() == ii->second)
            continue;
        seq.push_back(ii->second);
    }
    return s;
}

std::vector<std::int64_t> customerProducts(store::Database& db, std::int64_t customerId)
{
    std::vector<std::int64_t> h;
    auto st = db.prepare(storeHasBrowsingEvents(db)
                             ? "SELECT product_id FROM events WHERE customer_id = ? AND product_id IS NOT NULL AND "
                               "type IN ('view','cart','purchase') ORDER BY ts, id"
                             : "SELECT i.product_id FROM order_items i JOIN orders o ON o.id = i.order_id WHERE "
                               "o.customer_id = ? AND i.product_id IS NOT NULL AND o.status NOT IN ('cancelled','failed') "
                               "ORDER BY o.created_at, i.id");
    st.bind(1, customerId);
    while (st.step())
        h.push_back(st.columnInt(0));
    return h;
}

std::vector<ItemIndex> customerHistory(store::Database& db, std::int64_t customerId,
                                       const std::unordered_map<std::int64_t, ItemIndex>& itemOf, bool collapseRepeats)
{
    std::vector<ItemIndex> h;
    for (const std::int64_t product : customerProducts(db, customerId)) {
        auto it = itemOf.find(product);
        if (it == itemOf.end())
            continue;
        if (collapseRepeats && !h.empty() && h.back() == it->second)
            continue;
        h.push_back(it->second);
    }
    return h;
}

} // namespace shoppilot::recs
