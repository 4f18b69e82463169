// `shoppilot bench import FILE`: the Online Retail import's speed against a raw-load baseline
// measured in the same run, so the figure is a ratio that holds across machines.
#pragma once

#include <cstdint>
#include <string>

#include "common/progress.h"

namespace shoppilot::sync {

struct ImportBenchResult {
    std::int64_t rows = 0;          // data records in the file
    double importSeconds = 0.0;     // importOnlineRetail() into a fresh store
    double rawInsertSeconds = 0.0;  // baseline: read the same CSV, INSERT every record as is
    double importRowsPerSecond = 0.0;
    double rawRowsPerSecond = 0.0;
    double ratio = 0.0;             // importSeconds / rawInsertSeconds: the cost of mapping,
                                    // validation, upserts and rejects over a bare load
};

// Imports `csvPath` into a fresh store `workDir`/bench_import.sqlite, then loads the same file
// with the same CsvReader into a bare 8-column table of a fresh store `workDir`/bench_raw.sqlite
// through one prepared INSERT in one transaction (no upsert, no validation). Both files are
// replaced if present and left for inspection. Both timings include reading and parsing the
// CSV, so the ratio isolates what the import does with the rows.
ImportBenchResult benchOnlineRetailImport(const std::string& csvPath, const std::string& workDir,
                                          const Progress& progress = {});

} // namespace shoppilot::sync
