// The demo-store generator: fills a new, empty store with a deterministic, plausible shop (catalogue,
// customers, 12 months of orders, clickstream, prices, campaigns, support, logistics) and plants
// the ground truth every panel's tests check against in the truth_* tables, which no model reads.
// Same seed + size + end date => identical table contents.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/progress.h"
#include "common/time.h"
#include "store/database.h"

namespace shoppilot::demo {

enum class DemoSize {
    Tiny,    // unit tests: ~300 customers, ~80 products, a few thousand orders
    Small,   // ~2k customers, 500 products, ~25k orders
    Default, // the demo: ~20k customers, 3k products, >= 250k orders, >= 2M events
    Large,   // benchmarks: >= 1M orders
};

// "tiny", "small", "default", "large" (case-sensitive); nullopt otherwise.
std::optional<DemoSize> parseDemoSize(std::string_view text);
const char* demoSizeName(DemoSize size);

struct DemoOptions {
    DemoSize size = DemoSize::Default;
    std::uint64_t seed = 42;
    // The data covers the 365 days before this instant (exclusive).
    Timestamp end = makeTimestamp(2026, 11, 1);
};

struct DemoSummary {
    std::int64_t categories = 0;
    std::int64_t products = 0;
    std::int64_t customers = 0;
    std::int64_t orders = 0;
    std::int64_t orderItems = 0;
    std::int64_t events = 0;
    std::int64_t refunds = 0;
    std::int64_t fraudOrders = 0;
    std::int64_t campaigns = 0;
    std::int64_t exposures = 0;
    std::int64_t conversations = 0;
    std::int64_t messages = 0;
    std::int64_t kbArticles = 0;
    std::int64_t depots = 0;
    std::int64_t vehicles = 0;
    std::int64_t shipments = 0;
    double seconds = 0; // wall time of the whole generation, for the CLI's report only

    std::int64_t totalRows() const;
};

// Generates the demo store into `db`, which must hold no products and no orders (throws
// Error(InvalidArgument) otherwise). Everything is written in one transaction: on an error or a
// cancel (Progress returned false -> Cancelled) the store is left as it was.
DemoSummary generateDemoStore(store::Database& db, const DemoOptions& options, const Progress& progress = {});

} // namespace shoppilot::demo
