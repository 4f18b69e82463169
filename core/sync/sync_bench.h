// `shoppilot bench sync`: a WooCommerce sync's speed against a raw-insert baseline measured in the
// same run on the same rows, so the figure is a ratio that holds across machines.
#pragma once

#include <cstdint>
#include <string>

#include "common/progress.h"
#include "store/database.h"
#include "sync/woo_sync.h"

namespace shoppilot::sync {

// The tables a sync fills, in the order the baseline writes them.
inline constexpr const char* kSyncedTables[] = {"categories", "products", "customers", "orders",
                                                "order_items", "refunds", "events"};

struct RawInsertBaseline {
    std::int64_t rows = 0; // rows of kSyncedTables copied
    double seconds = 0.0;  // the writing only (reading the source is not timed)
};

// The floor a sync is measured against: the rows `synced` holds in kSyncedTables, read into
// memory, then written into a fresh store at `rawPath` (replaced if present) with one prepared
// INSERT per table in one transaction, foreign keys off: no HTTP, no JSON, no lookups, no upserts.
RawInsertBaseline rawInsertBaseline(store::Database& synced, const std::string& rawPath);

struct SyncBenchResult {
    SyncReport report;             // the sync itself
    std::int64_t rows = 0;         // rows the sync left in kSyncedTables
    double rawInsertSeconds = 0.0; // the baseline on the same rows
    double syncRowsPerSecond = 0.0;
    double rawRowsPerSecond = 0.0;
    double ratio = 0.0; // report.seconds / rawInsertSeconds
};

// Syncs from options.baseUrl into a fresh store `workDir`/synced.db, then times the baseline on
// the rows it wrote into `workDir`/raw.db. Both files are replaced if present and left in place.
SyncBenchResult benchSync(const SyncOptions& options, const std::string& workDir, const Progress& progress = {});

} // namespace shoppilot::sync
