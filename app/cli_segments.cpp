// `shoppilot eval segments` and `bench segments`: the Segments panel's clusters against the demo
// store's planted archetypes, and the speed of its in-memory feature table against SQL
// (table, or one JSON object with --json).
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "segments/segments_eval.h"
#include "store/database.h"

namespace shoppilot::app {

namespace {

using nlohmann::json;

int evalSegments(const Args& a)
{
    a.allowOnly({"db"});
    const bool quiet = a.flag("quiet") || a.flag("json");
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadOnly});
    const auto r = segments::evaluateSegments(db, consoleProgress(quiet));
    if (a.flag("json")) {
        json j{{"as_of", r.asOf}, {"customers", r.customers}, {"archetypes", r.archetypes}};
        j["clusters/k"] = r.k;
        j["clusters/ari"] = r.ari;
        j["clusters/silhouette"] = r.silhouette;
        j["clusters/ari_at_archetype_k"] = r.ariAtArchetypeK;
        j["rfm_groups/ari"] = r.rfmGroupAri;
        j["clusters/columns"] = r.columns;
        for (const auto& [k, s] : r.silhouettes)
            j["clusters/silhouette_by_k"][std::to_string(k)] = s;
        for (const auto& p : r.profiles) {
            json facts = json::array();
            for (const auto& f : p.facts)
                facts.push_back({{"feature", f.feature}, {"cluster_mean", f.clusterMean}, {"base_mean", f.baseMean}, {"z", f.z}});
            j["clusters/profiles"].push_back({{"cluster", p.cluster}, {"customers", p.customers}, {"customer_share", p.customerShare},
                                              {"revenue_share", p.revenueShare}, {"facts", facts}, {"sentence", p.sentence}});
        }
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("%lld customers with orders and a planted archetype (%d archetypes), features as of %s\n",
                static_cast<long long>(r.customers), r.archetypes, r.asOf.c_str());
    std::printf("clustered on: ");
    for (std::size_t i = 0; i < r.columns.size(); ++i)
        std::printf("%s%s", i ? ", " : "", r.columns[i].c_str());
    std::printf("\nsilhouette by k:");
    for (const auto& [k, s] : r.silhouettes)
        std::printf("  %d: %.3f", k, s);
    std::printf("\n\n  %-36s %8s\n", "", "ARI");
    std::printf("  %-36s %8.3f   (k = %d chosen by silhouette; goal >= 0.5)\n", "clusters", r.ari, r.k);
    std::printf("  %-36s %8.3f\n", ("clusters, k = archetypes (" + std::to_string(r.archetypes) + ")").c_str(), r.ariAtArchetypeK);
    std::printf("  %-36s %8.3f   (baseline)\n", "RFM named groups (quintiles)", r.rfmGroupAri);
    std::printf("\nclusters x planted archetypes:\n  %-8s", "cluster");
    for (const auto& n : r.archetypeNames)
        std::printf(" %14s", n.c_str());
    std::printf("\n");
    for (std::size_t c = 0; c < r.crosstab.size(); ++c) {
        std::printf("  %-8zu", c);
        for (auto v : r.crosstab[c])
            std::printf(" %14lld", static_cast<long long>(v));
        std::printf("\n");
    }
    std::printf("\nclusters in words:\n");
    for (const auto& p : r.profiles)
        std::printf("  %d: %s\n", p.cluster, p.sentence.c_str());
    return 0;
}

int benchSegments(const Args& a)
{
    a.allowOnly({"db", "customers"});
    const bool quiet = a.flag("quiet") || a.flag("json");
    const int n = a.intOpt("customers", 100000);
    if (n < 10)
        throw UsageError("--customers must be at least 10");
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadOnly});
    const auto work = std::filesystem::temp_directory_path().string();
    const auto b = segments::benchSegments(db, n, work, consoleProgress(quiet));
    if (a.flag("json")) {
        json j{{"store_customers", b.storeCustomers}, {"customers", b.customers}, {"replicated", b.replicated},
               {"sql_orders", b.sqlOrders}, {"k", b.k}};
        for (const auto& f : b.figures) {
            j[f.name + "/p50_ms"] = f.p50Ms;
            j[f.name + "/p99_ms"] = f.p99Ms;
            j[f.name + "/runs"] = f.runs;
            j[f.name + "/naive_p50_ms"] = f.naiveP50Ms;
            j[f.name + "/naive_p99_ms"] = f.naiveP99Ms;
            j[f.name + "/naive_runs"] = f.naiveRuns;
            j[f.name + "/speedup_p50"] = f.p50Ms > 0 ? f.naiveP50Ms / f.p50Ms : 0;
        }
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("%lld customers%s; the SQL side queries %lld orders\n", static_cast<long long>(b.customers),
                b.replicated ? (" (the store's " + std::to_string(b.storeCustomers) + " customers' feature rows and orders repeated)").c_str()
                             : "",
                static_cast<long long>(b.sqlOrders));
    std::printf("  %-18s %5s %10s %10s   %-38s %5s %10s %10s %8s\n", "", "runs", "p50 ms", "p99 ms", "naive way", "runs", "p50 ms",
                "p99 ms", "ratio");
    for (const auto& f : b.figures)
        std::printf("  %-18s %5d %10.2f %10.2f   %-38s %5d %10.1f %10.1f %7.0fx\n", f.name.c_str(), f.runs, f.p50Ms, f.p99Ms,
                    f.naiveName.c_str(), f.naiveRuns, f.naiveP50Ms, f.naiveP99Ms, f.p50Ms > 0 ? f.naiveP50Ms / f.p50Ms : 0.0);
    std::printf("goals: rfm_rebucket p99 < 50 ms, rule_count p99 < 100 ms, clustering < 3 s (k = %d for cluster_fixed_k)\n", b.k);
    return 0;
}

const RegisterModuleCommand kEvalSegments{{"eval", "segments",
    "  shoppilot eval segments --db STORE             clusters vs the demo store's planted archetypes (ARI)\n",
    evalSegments}};
const RegisterModuleCommand kBenchSegments{{"bench", "segments",
    "  shoppilot bench segments --db STORE [--customers 100000]\n"
    "                                                 RFM re-bucket, rule count, clustering vs SQL per change\n",
    benchSegments}};

} // namespace

} // namespace shoppilot::app
