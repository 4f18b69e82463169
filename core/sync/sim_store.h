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
    std::optional<Timestamp> modifiedAfter; // strictly after, as WooCommerce's modified_after
    std::optional<store::Id> id;            // one row only
    std::int64_t limit = -1;                // -1 = all
    std::int64_t offset = 0;
};

// Sorted by (updated_at, id) ascending.
std::vector<woo::Product> readProducts(store::Database& db, const RowQuery& query = {});
std::vector<woo::Customer> readCustomers(store::Database& db, const RowQuery& query = {});
std::vector<woo::Order> readOrders(store::Database& db, const RowQuery& query = {});
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
