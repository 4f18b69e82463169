// `shoppilot eval segments` and `bench segments`: the Segments panel's clusters against the demo
// store's planted archetypes, and the speed of its in-memory feature table against SQL
// (table, or one JSON object with --json).
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "segments/predictions.h"
#include "segments/segments_eval.h"
#include "segments/transactions.h"
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
    // Purchase predictions on a time split: features and training to 90 days before the last
    // order, outcomes in those 90 days.
    const int horizon = 90;
    const int cutoff = segments::lastOrderDay(db) - horizon;
    const auto p = segments::evalPredictions(db, cutoff, horizon, consoleProgress(quiet));
    if (a.flag("json")) {
        json j{{"as_of", r.asOf}, {"customers", r.customers}, {"archetypes", r.archetypes}};
        j["predictions/cutoff"] = segments::isoFromDay(p.cutoffDay);
        j["predictions/horizon_days"] = p.horizonDays;
        j["churn/customers"] = p.churnCustomers;
        j["churn/rate"] = p.churnRate;
        j["churn/roc_auc"] = p.churnRocAuc;
        j["churn/baseline_roc_auc"] = p.churnBaselineRocAuc;
        j["churn/brier"] = p.churnBrier;
        j["churn/served_model"] = segments::servedModelId(p.churnServedModel);
        j["churn/served_roc_auc"] = p.churnServedRocAuc;
        for (const auto& b : p.churnReliability)
            j["churn/reliability"].push_back({{"lo", b.lo}, {"hi", b.hi}, {"count", b.count}, {"mean_predicted", b.meanPredicted},
                                              {"observed_rate", b.observedRate}});
        j["next_category/customers"] = p.nextCategoryCustomers;
        j["next_category/accuracy"] = p.nextCategoryAccuracy;
        j["next_category/top3_accuracy"] = p.nextCategoryTop3Accuracy;
        j["next_category/baseline_accuracy"] = p.nextCategoryBaselineAccuracy;
        j["next_category/global_baseline_accuracy"] = p.nextCategoryGlobalBaselineAccuracy;
        j["next_category/served_model"] = segments::servedModelId(p.nextCategoryServedModel);
        j["next_category/served_accuracy"] = p.nextCategoryServedAccuracy;
        j["clusters/k"] = r.k;
        j["clusters/ari"] = r.ari;
        j["clusters/silhouette"] = r.silhouette;
        j["clusters/ari_at_archetype_k"] = r.ariAtArchetypeK;
        j["rfm_groups/ari"] = r.rfmGroupAri;
        j["clusters/columns"] = r.columns;
        for (const auto& [k, s] : r.silhouettes)
            j["clusters/silhouette_by_k"][std::to_string(k)] = s;
        for (const auto& pr : r.profiles) {
            json facts = json::array();
            for (const auto& f : pr.facts)
                facts.push_back({{"feature", f.feature}, {"cluster_mean", f.clusterMean}, {"base_mean", f.baseMean}, {"z", f.z}});
            j["clusters/profiles"].push_back({{"cluster", pr.cluster}, {"customers", pr.customers}, {"customer_share", pr.customerShare},
                                              {"revenue_share", pr.revenueShare}, {"facts", facts}, {"sentence", pr.sentence}});
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
    for (const auto& pr : r.profiles)
        std::printf("  %d: %s\n", pr.cluster, pr.sentence.c_str());
    std::printf("\npredictions, time split (features to %s, outcomes in the next %d days):\n",
                segments::isoFromDay(p.cutoffDay).c_str(), p.horizonDays);
    std::printf("  %-44s %8s %10s\n", "", "model", "baseline");
    std::printf("  %-44s %8.3f %10.3f   (baseline: days since the last purchase; %d customers, churn rate %.2f, Brier %.3f)\n",
                "churn ROC-AUC", p.churnRocAuc, p.churnBaselineRocAuc, p.churnCustomers, p.churnRate, p.churnBrier);
    std::printf("  %-44s %8.3f %10.3f   (baseline: the customer's most frequent category; overall most frequent %.3f; top-3 %.3f; %d customers)\n",
                "next-category accuracy", p.nextCategoryAccuracy, p.nextCategoryBaselineAccuracy,
                p.nextCategoryGlobalBaselineAccuracy, p.nextCategoryTop3Accuracy, p.nextCategoryCustomers);
    std::printf("  served (chosen on the %d days before the cut-off, as the app chooses): churn %s, ROC-AUC %.3f; next category %s, accuracy %.3f\n",
                p.horizonDays, segments::servedModelId(p.churnServedModel), p.churnServedRocAuc, segments::servedModelId(p.nextCategoryServedModel),
                p.nextCategoryServedAccuracy);
    std::printf("  churn calibration of the learned model (predicted -> observed):");
    for (const auto& b : p.churnReliability)
        if (b.count > 0)
            std::printf("  %.1f-%.1f: %.2f->%.2f (n=%d)", b.lo, b.hi, b.meanPredicted, b.observedRate, b.count);
    std::printf("\n");
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
