// The platform simulator's read side: store rows as the WooCommerce values woo_format serialises.
// The simulator serves local ids as Woo ids, so every externalId it hands out is the row's own id
// (products.id 7 is Woo product 7). Tests use the same readers to compare a synced copy with the
// source store.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"
#include "store/records.h"
#include "sync/woo_format.h"

namespace shoppilot::sync::sim {

struct RowQuery {
    // Positional, as the callers write {after, id, limit, offset}; a constructor rather than an
    // aggregate so that the trailing parentId may be left out without a warning.
    RowQuery(std::optional<Timestamp> after = std::nullopt, std::optional<store::Id> one = std::nullopt,
             std::int64_t lim = -1, std::int64_t off = 0, std::optional<store::Id> parent = std::nullopt)
        : modifiedAfter(after), id(one), limit(lim), offset(off), parentId(parent)
    {
    }
    std::optional<Timestamp> modifiedAfter; // strictly after, as WooCommerce's modified_after
    std::optional<store::Id> id;            // one row only (a variation too)
    std::int64_t limit = -1;                // -1 = all
    std::int64_t offset = 0;
    std::optional<store::Id> parentId;      // products: this parent's variations (else top-level only)
};

// Sorted by (updated_at, id) ascending.
std::vector<woo::Product> readProducts(store::Database& db, const RowQuery& query = {});
std::vector<woo::Customer> readCustomers(store::Database& db, const RowQuery& query = {});
std::vector<woo::Order> readOrders(store::Database& db, const RowQuery& query = {});
// Customers in the order of `orderBy` (an ORDER BY clause over alias c, chosen by the caller from
// a fixed list, never from request text), for WooCommerce's orderby=id|name|registered_date.
std::vector<woo::Customer> readCustomersOrdered(store::Database& db, const std::string& orderBy, std::int64_t limit,
                                                std::int64_t offset);

// What addWooShapes() changed.
struct WooShapes {
    std::int64_t variableProducts = 0; // new parent rows (their members became variations)
    std::int64_t variations = 0;
    std::int64_t unpricedDrafts = 0;
    std::int64_t unmanagedStock = 0;
    std::int64_t checkoutDrafts = 0;   // orders now in WooCommerce's checkout-draft
    std::int64_t pluginStatus = 0;     // orders now in a plugin status ("shipped")
    std::int64_t withFees = 0;         // orders given a fee line (their total grows by it)
};
// Turns part of a (demo) store into what a real WooCommerce shop holds, deterministically and
// idempotently (a second call changes nothing): up to 3 ladder groups become variable products
// (a new unpriced parent; the members its variations), 2 products become drafts without a price,
// 3 active products get unmanaged stock, 2 pending orders become checkout-draft, 2 processing
// ones the plugin status "shipped", 3 orders get a 1.50 fee. One transaction.
WooShapes addWooShapes(store::Database& db);

// Rows of "products" | "customers" | "orders" modified strictly after `after` (all when nullopt).
std::int64_t countModified(store::Database& db, std::string_view table, std::optional<Timestamp> after);

// The rows with these ids in the order given (ids not in the store are skipped), all read from one
// snapshot of the store.
std::vector<woo::Product> readProductsById(store::Database& db, std::span<const store::Id> ids);
std::vector<woo::Customer> readCustomersById(store::Database& db, std::span<const store::Id> ids);
std::vector<woo::Order> readOrdersById(store::Database& db, std::span<const store::Id> ids);

// The (updated_at, id) order of one table, kept in memory: the schema has no index on updated_at,
// so every ORDER BY updated_at page would sort the whole table again. With this a list page is a
// binary search and a slice, and its rows are read by id. Not thread-safe; the simulator guards
// it and tells it about every row it writes (touch).
class ModifiedIndex {
public:
    struct Key {
        Timestamp updatedAt = 0;
        store::Id id = 0;
        auto operator<=>(const Key&) const = default;
    };

    explicit ModifiedIndex(std::string table); // "products" | "customers" | "orders"

    bool loaded() const { return m_loaded; }
    // Reads every row's (updated_at, id) once.
    void load(store::Database& db);
    // Forgets everything; the next use loads again.
    void clear();
    // Re-reads one row's updated_at (a row written or inserted; dropped if gone). No-op until loaded.
    void touch(store::Database& db, store::Id id);

    // Rows modified strictly after `after` (all when nullopt), as countModified.
    std::int64_t count(std::optional<Timestamp> after) const;
    // Those rows' keys from `offset`, at most `limit`, in (updated_at, id) order.
    std::vector<Key> slice(std::optional<Timestamp> after, std::int64_t offset, std::int64_t limit) const;

private:
    std::vector<Key>::const_iterator firstAfter(std::optional<Timestamp> after) const;

    std::string m_table;
    bool m_loaded = false;
    std::vector<Key> m_keys; // sorted
};

// Events with id > afterId in id order, at most `limit`.
std::vector<store::EventRow> readEvents(store::Database& db, std::int64_t afterId, std::int64_t limit);

} // namespace shoppilot::sync::sim
