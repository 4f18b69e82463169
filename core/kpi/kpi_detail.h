// Internal to core/kpi: the interface both KPI back ends implement (the in-memory cube and the
// reference SQL), plus the calendar, label and finishing steps they share, so the two can only
// differ in how they count, never in how results are shaped.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kpi/kpi.h"

namespace shoppilot::kpi::detail {

// One breakdown value before ranking and folding.
struct KeyTotals {
    std::string key;
    std::int64_t gmvMinor = 0;
    std::int64_t orders = 0;
};

class KpiSource {
public:
    virtual ~KpiSource() = default;
    // Counts only; finishRates() fills the ratios.
    virtual KpiValues values(const Filter& f) = 0;
    // One point per entry of `starts` (from bucketStarts()), in that order.
    virtual std::vector<SeriesPoint> series(const Filter& f, Granularity g, const std::vector<Timestamp>& starts) = 0;
    // Every value with at least one counted order, in any order.
    virtual std::vector<KeyTotals> breakdown(const Filter& f, Dimension d) = 0;
    // Distinct counted orders with an item whose category key is not in `kept` (for "other").
    virtual std::int64_t categoryOrdersOutside(const Filter& f, const std::vector<std::string>& kept) = 0;
    // The saved members of a segment (customers.id, any order), before a filter names it. The SQL
    // source reads segment_members itself and ignores this; the cube keeps a membership mask.
    virtual bool hasSegment(std::int64_t segmentId) const = 0;
    virtual void setSegment(std::int64_t segmentId, const std::vector<std::int64_t>& customerIds) = 0;
};

std::unique_ptr<KpiSource> makeSqlSource(store::Database& db);
// Builds the cube; reports on `progress` and throws Cancelled when it says stop.
std::unique_ptr<KpiSource> buildCube(store::Database& db, ProgressReporter& progress);

// floor(ts / 86400), also for instants before 1970.
constexpr std::int64_t dayOf(Timestamp ts)
{
    return ts >= 0 ? ts / kSecondsPerDay : -((-ts + kSecondsPerDay - 1) / kSecondsPerDay);
}

// Bucket starts from the bucket holding f.from to the one holding f.to - 1; empty when f is empty.
std::vector<Timestamp> bucketStarts(const Filter& f, Granularity g);

void finishRates(KpiValues& v);

// Display names of a channel or country value ("" -> Unknown / 未知, "other" -> Other / 其他):
// small built-in tables for the common values, else the key itself.
struct Label {
    std::string en;
    std::string zh;
};
Label channelLabel(const std::string& key);
Label countryLabel(const std::string& key);

} // namespace shoppilot::kpi::detail
