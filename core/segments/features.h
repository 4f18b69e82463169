// The per-customer feature table behind the Segments panel: one row per customer with at least
// one order before the cut-off, stored column by column so RFM re-bucketing, rule counts and
// clustering scan contiguous arrays instead of asking SQLite again.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/progress.h"
#include "common/time.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::segments {

// Absent values (a feature the store cannot tell, e.g. session habits on a store without events,
// or the gap between orders of a one-order customer) are NaN, never a made-up zero.
constexpr double kAbsent = std::numeric_limits<double>::quiet_NaN();
inline bool isAbsent(double v) { return std::isnan(v); }

// Numeric column names every table has (others are added when the store holds their source):
//   recency_days      days from the last order to the cut-off
//   frequency         orders before the cut-off (cancelled, failed and pending orders excluded)
//   monetary          spend before the cut-off, in major units of the store currency
//   avg_order_value   monetary / frequency
//   tenure_days       days from the first order to the cut-off
//   interval_days     mean days between consecutive orders (absent with one order)
//   overdue_ratio     recency_days / interval_days (absent with one order)
//   return_rate       share of orders with a refund, return or chargeback recorded before the cut-off
// Present only when the store has the source:
//   discount_share    share of orders with a coupon or a discount (absent when no order in the
//                     store carries either: an orders-only import cannot tell)
//   sessions_per_month, views_per_session, app_share   from events (absent without events)
//   share:<category>  share of the customer's order lines in each top-level category
struct CustomerFeatures {
    Timestamp asOf = 0;
    bool hasEvents = false;
    bool hasDiscounts = false;
    std::vector<std::int64_t> customerId;
    std::vector<std::string> numericNames;
    std::vector<std::vector<double>> numeric; // numeric[column][row]
    // Categorical columns (empty string: unknown).
    std::vector<std::string> country;
    std::vector<std::string> channel;      // the customer's most used order channel
    std::vector<std::string> device;       // "app" / "web": most used session channel (events only)
    std::vector<std::string> lastCategory; // category of the last order's first line
    std::vector<Timestamp> firstOrder;
    std::vector<std::string> categoryNames; // the share:<name> columns, in column order

    std::size_t size() const { return customerId.size(); }
    // Index of a numeric column, or -1.
    int column(std::string_view name) const;
    const std::vector<double>& col(std::string_view name) const; // throws InvalidArgument when absent
    // A table of `n` rows made by repeating this one's rows (ids offset per copy): benchmarks
    // use it to reach a size the store does not have.
    CustomerFeatures replicated(std::size_t n) const;
};

// Reads the features as of `asOf` (orders strictly before it). Works on any store: the demo
// store (orders, items, refunds, events) and an orders-only import.
CustomerFeatures loadFeatures(store::Database& db, Timestamp asOf, const Progress& progress = {});

// The time of the latest order in the store plus one second (the natural "as of now" cut-off),
// or nullopt for a store without orders.
std::optional<Timestamp> latestOrderCutoff(store::Database& db);

} // namespace shoppilot::segments
