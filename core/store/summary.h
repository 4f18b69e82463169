// What a store holds at a glance: its facts (store_meta), schema version, row counts of the
// main tables and the period its orders cover. Read by `shoppilot info` and the main window.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/time.h"
#include "store/database.h"

namespace shoppilot::store {

struct StoreSummary {
    std::string path;
    int schemaVersion = 0;
    std::vector<std::pair<std::string, std::string>> meta;         // sorted by key
    std::vector<std::pair<std::string, std::int64_t>> tableCounts; // in kSummaryTables order
    std::optional<Timestamp> firstOrderAt;
    std::optional<Timestamp> lastOrderAt;

    std::optional<std::string> metaValue(const std::string& key) const;
    std::int64_t count(const std::string& table) const;
};

// The tables a summary counts, in display order.
const std::vector<std::string>& summaryTables();

StoreSummary summarize(Database& db);

} // namespace shoppilot::store
