// What `shoppilot eval segments` and `shoppilot bench segments` measure, as plain values: the
// clusters against the demo store's planted archetypes (evaluation only: no feature reads the
// truth tables), and the speed of re-bucketing, rule counts and clustering against SQL.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/progress.h"
#include "segments/cluster_profile.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::segments {

struct SegmentsEval {
    std::string asOf;                 // the features' cut-off (after the last order)
    std::int64_t customers = 0;       // with orders and a planted archetype
    int archetypes = 0;               // distinct planted archetypes among them
    int k = 0;                        // chosen by silhouette
    double ari = 0;                   // clusters (chosen k) vs archetypes
    double silhouette = 0;
    std::vector<std::pair<int, double>> silhouettes;
    double ariAtArchetypeK = 0;       // clusters with k = number of archetypes
    double rfmGroupAri = 0;           // baseline: the RFM named groups (quintiles) vs archetypes
    std::vector<std::string> columns; // clustered on
    std::vector<ClusterProfile> profiles;
    // Per cluster, how many customers of each archetype (rows: clusters, columns: archetypeNames).
    std::vector<std::string> archetypeNames;
    std::vector<std::vector<std::int64_t>> crosstab;
};

// Throws InvalidArgument when the store has no planted archetypes (not a demo store).
SegmentsEval evaluateSegments(store::Database& db, const Progress& progress = {});

struct BenchFigure {
    std::string name;
    int runs = 0;
    double p50Ms = 0, p99Ms = 0;
    std::string naiveName;
    int naiveRuns = 0;
    double naiveP50Ms = 0, naiveP99Ms = 0;
};

struct SegmentsBench {
    std::int64_t storeCustomers = 0; // customers with orders in the store given
    std::int64_t customers = 0;      // customers in the benchmark
    bool replicated = false;         // the store's feature rows (and orders, for SQL) were repeated to reach it
    std::int64_t sqlOrders = 0;      // orders in the SQL store the naive way queries
    int k = 0;                       // clusters for the fixed-k timing (chosen on the store's own customers)
    std::vector<BenchFigure> figures;
};

// `workDir` holds the temporary replicated store for the SQL side (removed afterwards).
SegmentsBench benchSegments(store::Database& db, std::int64_t customers, const std::string& workDir,
                            const Progress& progress = {});

} // namespace shoppilot::segments
