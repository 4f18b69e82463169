// The KPI figures behind the Overview panel: GMV, orders, AOV, conversion, repeat and refund rates
// for a date range and drill-down filter, compared with the period before, as a time series and
// broken down by category, country or channel. Plain values out; the panel formats them.
//
// Definitions (every figure equals the straightforward SQL over the store; KpiService::Backend::Sql
// runs exactly that SQL and the tests hold the fast path to it):
//
//  Range       [from, to) in UTC epoch seconds, any second (day-aligned ranges are the fast case).
//  Counted orders: orders.created_at in the range and orders.status NOT IN ('cancelled','failed')
//              (pending / processing / on-hold / completed / refunded all count: the order was
//              placed; refunds are reported separately), and matching the filter:
//                country  = COALESCE(orders.ship_country, customers.country of orders.customer_id, '')
//                channel  = COALESCE(orders.channel, '')
//                category = the order has an item whose products.category_id equals it.
//                segment  = orders.customer_id is a member of the saved segment (segment_members
//                           of that segments.id, as saved); guest orders never match.
//              The empty string is the "not recorded" value of country and channel, so a
//              breakdown row with key "" can be drilled into like any other.
//  gmvMinor    Sum of orders.total_minor of the counted orders. With a category filter: the sum of
//              order_items.line_total_minor of that category's items in them (so shipping, tax and
//              order discounts are not attributed to a category).
//  orders      Number of counted orders (with a category filter: those containing the category).
//  aovMinor    gmvMinor / orders (0 when orders == 0).
//  sessions    Distinct events.session_id among events with ts in the range that match the filter,
//              event by event: channel = COALESCE(events.channel, ''); country = the country of
//              events.customer_id (anonymous events have country ''); category = the category of
//              events.product_id (so with a category filter: sessions that viewed, carted or
//              bought a product of that category; searches carry no product and never match);
//              segment = events.customer_id is a member (anonymous events never match).
//  purchaseSessions  Those of the sessions with a matching 'purchase' event in the range (with a
//              category filter: sessions that bought a product of that category).
//  conversionRate  purchaseSessions / sessions. When sessions == 0 there is no traffic data (e.g.
//              a store imported from Online Retail has no events): conversionRate is 0 and
//              KpiValues::hasTraffic() is false; show "no data", not 0%.
//  customers   Distinct non-NULL orders.customer_id among the counted orders (guest orders count
//              as orders but not as customers).
//  repeatCustomers  Those customers with 2 or more counted orders in the range.
//  repeatRate  repeatCustomers / customers: the period's repeat-purchase rate, self-contained in the
//              range and filter (orders before the range play no part).
//  refundedOrders  Counted orders with at least one refunds row of any kind (refund, chargeback,
//              cancellation, return), whenever it was issued: a refund is attributed to the order's
//              period, so a past period's rate can still rise as late refunds arrive.
//  refundedMinor  Sum of refunds.amount_minor of the refunded orders (whole orders, also under a
//              category filter).
//  refundRate  refundedOrders / orders.
//  Money       Minor units of DataRange::currency; the store holds one currency and amounts are
//              summed as stored.
//  Previous period  Filter::previousPeriod(): the same length immediately before (to' = from).
//  Series      One point per UTC day, ISO week (Monday 00:00 UTC) or calendar month (UTC) from the
//              bucket holding `from` to the bucket holding `to - 1`, empty buckets included. Each
//              point counts only data inside both its bucket and [from, to); sessions are distinct
//              per bucket, so a session crossing midnight counts in both days.
//  Breakdown   One row per value of the dimension among the counted orders: gmvMinor and orders as
//              kpis() would give with that value added to the filter. For Category, an order with
//              items in several categories counts once in each (row gmv = its items' line totals);
//              items without a product or a category go to key "". Rows sorted by GMV desc, then
//              orders desc, then key. share = row gmv / sum of all rows' gmv (0 when that is 0):
//              for Country and Channel that sum is kpis().gmvMinor, for Category the line-item
//              total. The first `limit` rows, then (when more exist) one row with key "other"
//              (kOtherKey) folding the rest, whose orders are distinct orders: up to limit + 1
//              rows. limit 0 = every row, nothing folded.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/progress.h"
#include "common/time.h"
#include "store/database.h"

namespace shoppilot::kpi {

enum class Granularity { Day, Week, Month }; // week = ISO week starting Monday; buckets in UTC
enum class Dimension { Category, Country, Channel };

// Key of the breakdown row that folds the values past the limit.
inline constexpr const char* kOtherKey = "other";

struct Filter {
    Timestamp from = 0; // inclusive, UTC seconds
    Timestamp to = 0;   // exclusive
    std::optional<std::int64_t> categoryId; // products.category_id
    std::optional<std::string> country;     // orders.ship_country, else customers.country; "" = unknown
    std::optional<std::string> channel;     // orders.channel / events.channel; "" = unknown
    std::optional<std::int64_t> segmentId;  // segments.id: its saved members' orders and events only

    // Same length, immediately before, same drill-down.
    Filter previousPeriod() const;
    bool empty() const { return to <= from; }

    friend bool operator==(const Filter&, const Filter&) = default;
};

struct KpiValues {
    std::int64_t gmvMinor = 0;
    std::int64_t orders = 0;
    std::int64_t sessions = 0;
    std::int64_t purchaseSessions = 0;
    std::int64_t customers = 0;
    std::int64_t repeatCustomers = 0;
    std::int64_t refundedOrders = 0;
    std::int64_t refundedMinor = 0;
    double aovMinor = 0.0;
    double conversionRate = 0.0; // 0..1
    double repeatRate = 0.0;     // 0..1
    double refundRate = 0.0;     // 0..1

    // False when no session was recorded in the range: conversion is then "no data", not 0%.
    bool hasTraffic() const { return sessions > 0; }

    friend bool operator==(const KpiValues&, const KpiValues&) = default;
};

enum class Metric {
    Gmv, Orders, Aov, Sessions, PurchaseSessions, ConversionRate, Customers, RepeatCustomers,
    RepeatRate, RefundedOrders, RefundedMinor, RefundRate,
};
// The metric's value (counts and money as double).
double metricValue(const KpiValues& v, Metric m);

struct KpiComparison {
    KpiValues current;
    KpiValues previous;

    // current - previous (for rates: in rate points, e.g. 0.012 = +1.2 pp).
    double delta(Metric m) const;
    // (current - previous) / previous; nullopt when the previous value is 0 or, for conversion,
    // when either period has no traffic data.
    std::optional<double> relativeDelta(Metric m) const;

    friend bool operator==(const KpiComparison&, const KpiComparison&) = default;
};

struct SeriesPoint {
    Timestamp bucketStart = 0; // UTC start of the day / ISO week / month
    std::int64_t gmvMinor = 0;
    std::int64_t orders = 0;
    std::int64_t sessions = 0;
    std::int64_t purchaseSessions = 0;

    friend bool operator==(const SeriesPoint&, const SeriesPoint&) = default;
};

struct BreakdownRow {
    std::string key;     // category id as text / country / channel; "" = not recorded; kOtherKey
    std::string labelEn; // category name, channel name, country name (or the code when unknown)
    std::string labelZh;
    std::int64_t gmvMinor = 0;
    std::int64_t orders = 0;
    double share = 0.0; // of the breakdown's GMV, 0..1

    friend bool operator==(const BreakdownRow&, const BreakdownRow&) = default;
};

struct DataRange {
    std::optional<Timestamp> first; // earliest orders.created_at (any status) or events.ts
    std::optional<Timestamp> last;  // latest one (inclusive): a range ending at last + 1 covers all
    std::string currency;           // store_meta 'currency', else the orders' most common one

    friend bool operator==(const DataRange&, const DataRange&) = default;
};

// A saved segment the Overview can filter by (Filter::segmentId).
struct SegmentChoice {
    std::int64_t id = 0;
    std::string name;
    std::int64_t members = 0;
    friend bool operator==(const SegmentChoice&, const SegmentChoice&) = default;
};
// The saved segments (the `segments` table), by name.
std::vector<SegmentChoice> segmentChoices(store::Database& db);

// True for the tables whose changes alter KPI figures: a change-feed notice for one of them should
// lead to invalidate().
bool kpiDependsOn(std::string_view table);

// Start of the UTC bucket holding `ts`, and the start of the next bucket.
Timestamp bucketStart(Timestamp ts, Granularity g);
Timestamp nextBucket(Timestamp bucketStart, Granularity g);

namespace detail {
class KpiSource;
}

// Not thread-safe: one service per thread, like its connection (queries reuse scratch memory).
class KpiService {
public:
    enum class Backend {
        Cube, // an in-memory cube built on first use (or prepare()), dropped by invalidate()
        Sql,  // every figure by the straightforward SQL of the definitions: the reference
    };

    // db is a reader connection owned by the caller (one per thread); it must outlive the service.
    explicit KpiService(store::Database& db, Backend backend = Backend::Cube);
    ~KpiService();
    KpiService(const KpiService&) = delete;
    KpiService& operator=(const KpiService&) = delete;

    DataRange dataRange();
    KpiComparison kpis(const Filter& f, const Progress& p = {});
    std::vector<SeriesPoint> series(const Filter& f, Granularity g, const Progress& p = {});
    // Sorted by GMV desc; the rest folded into key "other".
    std::vector<BreakdownRow> breakdown(const Filter& f, Dimension d, std::size_t limit = 12,
                                        const Progress& p = {});
    // The store changed (change feed): drop caches; the next call rebuilds them.
    void invalidate();

    // Builds the cube now (a no-op for Backend::Sql or when it is built). Reports progress and
    // throws Cancelled when told to stop; the service then stays without a cube. Every query
    // calls it, so a UI job can call it first to show the one slow step with its own progress.
    void prepare(const Progress& p = {});
    bool prepared() const;
    Backend backend() const { return m_backend; }

private:
    struct Labels;
    const Labels& labels();
    void ensureSource(ProgressReporter& reporter);
    // Reads a segment's saved members into the source the first time a filter names it.
    void loadSegment(const Filter& f);
    KpiValues values(const Filter& f);

    store::Database& m_db;
    Backend m_backend;
    std::unique_ptr<detail::KpiSource> m_source;
    std::unique_ptr<Labels> m_labels;
    std::optional<DataRange> m_range;
};

} // namespace shoppilot::kpi
