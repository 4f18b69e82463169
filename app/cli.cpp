#include "cli.h"
#include "cli_common.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/money.h"
#include "common/progress.h"
#include "common/time.h"
#include "demo/demo_generator.h"
#include "engine/engine.h"
#include "kpi/kpi_bench.h"
#include "store/database.h"
#include "store/repositories.h"
#include "store/summary.h"
#include "sync/import_bench.h"
#include "sync/online_retail_import.h"
#include "sync/webhook_receiver.h"
#include "sync/platform_sim.h"
#include "sync/sync_bench.h"
#include "sync/woo_sync.h"

namespace shoppilot::app {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

void removeStoreFiles(const std::string& path)
{
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(path + suffix, ec);
}

json summaryJson(const demo::DemoSummary& s)
{
    return json{{"categories", s.categories}, {"products", s.products}, {"customers", s.customers},
                {"orders", s.orders}, {"order_items", s.orderItems}, {"events", s.events},
                {"refunds", s.refunds}, {"fraud_orders", s.fraudOrders}, {"campaigns", s.campaigns},
                {"campaign_exposures", s.exposures}, {"support_conversations", s.conversations},
                {"support_messages", s.messages}, {"kb_articles", s.kbArticles}, {"depots", s.depots},
                {"vehicles", s.vehicles}, {"shipments", s.shipments}, {"total_rows", s.totalRows()},
                {"seconds", s.seconds}};
}

demo::DemoOptions demoOptions(const Args& a)
{
    demo::DemoOptions o;
    if (auto s = a.opt("size")) {
        auto size = demo::parseDemoSize(*s);
        if (!size)
            throw UsageError("--size must be tiny, small, default or large, not '" + *s + "'");
        o.size = *size;
    }
    if (auto s = a.opt("seed")) {
        try {
            std::size_t used = 0;
            o.seed = std::stoull(*s, &used);
            if (used != s->size())
                throw std::invalid_argument(*s);
        } catch (const std::exception&) {
            throw UsageError("--seed must be a non-negative integer, not '" + *s + "'");
        }
    }
    if (auto s = a.opt("end-date")) {
        auto ts = parseTimestamp(*s);
        if (!ts)
            throw UsageError("--end-date must be YYYY-MM-DD, not '" + *s + "'");
        o.end = *ts;
    }
    return o;
}

int cmdDemoData(const Args& a)
{
    a.allowOnly({"size", "seed", "end-date", "db"});
    const std::string path = a.required("db");
    const auto options = demoOptions(a);
    const bool existed = fs::exists(path);
    try {
        auto db = store::Database::open(path, {store::OpenMode::CreateIfMissing});
        const auto s = demo::generateDemoStore(db, options, consoleProgress(a.flag("quiet")));
        if (a.flag("json")) {
            std::cout << summaryJson(s).dump() << std::endl;
        } else {
            std::cout << "Demo store (" << demo::demoSizeName(options.size) << ", seed " << options.seed
                      << ") written to " << path << " in " << s.seconds << " s\n"
                      << "  products " << s.products << ", customers " << s.customers << ", orders " << s.orders
                      << " (" << s.fraudOrders << " planted fraud), order lines " << s.orderItems << ", events "
                      << s.events << ", refunds " << s.refunds << "\n  campaigns " << s.campaigns
                      << ", support conversations " << s.conversations << ", shipments " << s.shipments
                      << "\n  " << s.totalRows() << " rows, " << std::int64_t(double(s.totalRows()) / s.seconds)
                      << " rows/s\n";
        }
    } catch (...) {
        if (!existed)
            removeStoreFiles(path); // a half-made new store is no use to anyone
        throw;
    }
    return 0;
}

int cmdImport(const Args& a)
{
    a.allowOnly({"db", "currency"});
    if (a.positional.size() != 2 || a.positional[0] != "online-retail")
        throw UsageError("usage: shoppilot import online-retail FILE.csv[.gz] --db STORE");
    const std::string file = a.positional[1];
    const std::string path = a.required("db");
    const bool existed = fs::exists(path);
    sync::ImportOptions options;
    if (auto c = a.opt("currency"))
        options.currency = *c;
    try {
        auto db = store::Database::open(path, {store::OpenMode::CreateIfMissing});
        const auto r = sync::importOnlineRetail(db, file, options, consoleProgress(a.flag("quiet")));
        if (a.flag("json")) {
            json rejects = json::object();
            for (const auto& [reason, n] : r.rejectsByReason)
                rejects[reason] = n;
            std::cout << json{{"file", file}, {"rows_read", r.rowsRead}, {"rows_imported", r.rowsImported},
                              {"rows_rejected", r.rowsRejected}, {"customers", r.customers},
                              {"products", r.products}, {"orders", r.orders}, {"order_items", r.orderItems},
                              {"refunds", r.refunds}, {"revenue_minor", r.revenueMinor},
                              {"refunded_minor", r.refundedMinor}, {"currency", r.currency},
                              {"rejects_by_reason", rejects}, {"run_id", r.runId},
                              {"seconds", r.seconds}}
                             .dump()
                      << std::endl;
        } else {
            std::cout << "Imported " << file << " into " << path << " in " << r.seconds << " s\n"
                      << "  rows read " << r.rowsRead << ", imported " << r.rowsImported << ", rejected "
                      << r.rowsRejected << "\n  customers " << r.customers << ", products " << r.products
                      << ", orders " << r.orders << ", order lines " << r.orderItems << ", refunds " << r.refunds
                      << "\n  revenue " << formatMinorUnits(r.revenueMinor, currencyExponent(r.currency)) << " "
                      << r.currency << ", refunded " << formatMinorUnits(r.refundedMinor, currencyExponent(r.currency))
                      << " " << r.currency << "\n";
            if (!r.rejectsByReason.empty()) {
                std::cout << "  rejected rows by reason (kept in import_rejects, run " << r.runId << "):\n";
                for (const auto& [reason, n] : r.rejectsByReason)
                    std::cout << "    " << n << "  " << reason << "\n";
            }
        }
    } catch (...) {
        if (!existed)
            removeStoreFiles(path);
        throw;
    }
    return 0;
}

int cmdInfo(const Args& a)
{
    a.allowOnly({"db"});
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadOnly});
    const auto s = store::summarize(db);
    if (a.flag("json")) {
        json meta = json::object(), counts = json::object();
        for (const auto& [k, v] : s.meta)
            meta[k] = v;
        for (const auto& [t, n] : s.tableCounts)
            counts[t] = n;
        json j{{"path", s.path}, {"schema_version", s.schemaVersion}, {"meta", meta}, {"rows", counts}};
        j["first_order_at"] = s.firstOrderAt ? json(formatTimestamp(*s.firstOrderAt)) : json(nullptr);
        j["last_order_at"] = s.lastOrderAt ? json(formatTimestamp(*s.lastOrderAt)) : json(nullptr);
        std::cout << j.dump() << std::endl;
        return 0;
    }
    std::cout << s.path << " (schema v" << s.schemaVersion << ")\n";
    for (const auto& [k, v] : s.meta)
        std::cout << "  " << k << ": " << v << "\n";
    if (s.firstOrderAt)
        std::cout << "  orders from " << formatTimestamp(*s.firstOrderAt) << " to " << formatTimestamp(*s.lastOrderAt)
                  << "\n";
    for (const auto& [t, n] : s.tableCounts)
        std::printf("  %-22s %12lld\n", t.c_str(), static_cast<long long>(n));
    return 0;
}

// `upgrade --db STORE`: bring a store written by an older ShopPilot to this schema (the read-only
// commands refuse an old store rather than change it behind the user's back).
int cmdUpgrade(const Args& a)
{
    a.allowOnly({"db"});
    const std::string path = a.required("db");
    if (!fs::exists(path))
        throw std::runtime_error(path + " does not exist; nothing to upgrade");
    auto db = store::Database::open(path, {store::OpenMode::ReadWrite});
    std::cout << path << ": schema v" << store::summarize(db).schemaVersion << " (current)\n";
    return 0;
}

int cmdVerify(const Args& a)
{
    a.allowOnly({"db"});
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadOnly});
    const auto problems = db.verify();
    if (problems.empty()) {
        std::cout << db.path() << ": ok\n";
        return 0;
    }
    for (const auto& p : problems)
        std::cout << p << "\n";
    std::cerr << "shoppilot: " << db.path() << " has " << problems.size()
              << " problem(s); restore it from a backup or recreate it\n";
    return 1;
}

// A scratch directory for one benchmark run, removed afterwards whatever happens.
struct BenchDir {
    fs::path path = fs::temp_directory_path() / ("shoppilot-bench-" + std::to_string(::getpid()));
    BenchDir() { fs::create_directories(path); }
    ~BenchDir()
    {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    BenchDir(const BenchDir&) = delete;
    BenchDir& operator=(const BenchDir&) = delete;
};

// `bench demo`: demo-store generation speed (small by default: the default size takes minutes).
int cmdBenchDemo(const Args& a, const fs::path& work)
{
    a.allowOnly({"size", "seed", "end-date"});
    auto options = demoOptions(a);
    if (!a.opt("size"))
        options.size = demo::DemoSize::Small;
    auto db = store::Database::open((work / "demo.db").string(), {store::OpenMode::CreateIfMissing});
    const auto s = demo::generateDemoStore(db, options, consoleProgress(true));
    const double rate = double(s.totalRows()) / s.seconds;
    if (a.flag("json")) {
        json j = summaryJson(s);
        j["benchmark"] = "demo";
        j["size"] = demo::demoSizeName(options.size);
        j["rows_per_second"] = rate;
        std::cout << j.dump() << std::endl;
    } else {
        std::printf("demo generation (%s): %lld rows in %.2f s = %.0f rows/s (orders %lld, events %lld)\n",
                    demo::demoSizeName(options.size), static_cast<long long>(s.totalRows()), s.seconds, rate,
                    static_cast<long long>(s.orders), static_cast<long long>(s.events));
    }
    return 0;
}

// `bench import FILE`: the Online Retail import against a raw CSV load in the same run.
int cmdBenchImport(const Args& a, const fs::path& work)
{
    a.allowOnly({});
    if (a.positional.size() != 2)
        throw UsageError("usage: shoppilot bench import FILE.csv[.gz]");
    const auto r = sync::benchOnlineRetailImport(a.positional[1], work.string(), consoleProgress(true));
    if (a.flag("json")) {
        std::cout << json{{"benchmark", "import"}, {"file", a.positional[1]}, {"rows", r.rows},
                          {"import_seconds", r.importSeconds}, {"raw_insert_seconds", r.rawInsertSeconds},
                          {"import_rows_per_second", r.importRowsPerSecond},
                          {"raw_rows_per_second", r.rawRowsPerSecond}, {"time_ratio_import_over_raw", r.ratio}}
                         .dump()
                  << std::endl;
    } else {
        std::printf("import:     %lld rows in %.2f s = %.0f rows/s\n", static_cast<long long>(r.rows),
                    r.importSeconds, r.importRowsPerSecond);
        std::printf("raw insert: %lld rows in %.2f s = %.0f rows/s (baseline, same run)\n",
                    static_cast<long long>(r.rows), r.rawInsertSeconds, r.rawRowsPerSecond);
        std::printf("import time / raw insert time: %.2fx\n", r.ratio);
    }
    return 0;
}

// The KPI benchmark's figures as one JSON object (same figures as the table).
json kpiBenchJson(const kpi::KpiBenchResult& r, const std::string& path)
{
    json cases = json::array();
    for (const auto& c : r.cases)
        cases.push_back({{"name", c.name}, {"median_ms", c.medianMs}, {"p95_ms", c.p95Ms},
                         {"sql_median_ms", c.sqlMedianMs}, {"sql_p95_ms", c.sqlP95Ms}, {"speedup", c.speedup},
                         {"identical", c.identical}});
    return json{{"benchmark", "kpi"}, {"db", path}, {"orders", r.orders}, {"order_items", r.orderItems},
                {"events", r.events}, {"cube_build_ms", r.cubeBuildMs}, {"repetitions", r.repetitions},
                {"sql_repetitions", r.sqlRepetitions}, {"cases", cases}, {"worst_median_ms", r.worstMedianMs},
                {"worst_p95_ms", r.worstP95Ms}, {"all_identical", r.allIdentical}};
}

// `bench kpi --db STORE`: the Overview refresh from the cube against plain SQL; fails when the
// two disagree on a figure.
int cmdBenchKpi(const Args& a)
{
    a.allowOnly({"db", "repetitions", "sql-repetitions"});
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadOnly});
    const int reps = a.opt("repetitions") ? std::stoi(*a.opt("repetitions")) : 20;
    const int sqlReps = a.opt("sql-repetitions") ? std::stoi(*a.opt("sql-repetitions")) : 3;
    const auto r = kpi::benchKpis(db, reps, sqlReps, consoleProgress(a.flag("quiet")));
    if (a.flag("json")) {
        std::cout << kpiBenchJson(r, db.path()).dump() << std::endl;
        return r.allIdentical ? 0 : 1;
    }
    std::printf("Overview refresh = KPIs (current + previous) + daily series + 3 breakdowns\n");
    std::printf("store: %lld orders, %lld order lines, %lld events; cube built in %.0f ms\n",
                static_cast<long long>(r.orders), static_cast<long long>(r.orderItems),
                static_cast<long long>(r.events), r.cubeBuildMs);
    std::printf("%-16s %12s %10s %16s %10s %s\n", "case", "median ms", "p95 ms", "SQL median ms", "speed-up",
                "same figures");
    for (const auto& c : r.cases)
        std::printf("%-16s %12.2f %10.2f %16.1f %9.0fx %s\n", c.name.c_str(), c.medianMs, c.p95Ms, c.sqlMedianMs,
                    c.speedup, c.identical ? "yes" : "NO");
    return r.allIdentical ? 0 : 1;
}

// `bench sync --db STORE`: a sync from the platform simulator serving STORE over loopback,
// against core's raw-insert baseline on the same rows.
int cmdBenchSync(const Args& a, const fs::path& work)
{
    a.allowOnly({"db", "connections", "per-page"});
    const std::string sourcePath = a.required("db");
    {
        // The simulator only reads the store; fail early with the store's own message.
        auto check = store::Database::open(sourcePath, {store::OpenMode::ReadOnly});
    }
    sync::SimulatorOptions so;
    so.storePath = sourcePath;
    sync::PlatformSimulator sim(so);
    sim.start();
    sync::SyncOptions o;
    o.baseUrl = sim.baseUrl();
    if (auto c = a.opt("connections"))
        o.connections = std::stoi(*c);
    if (auto p = a.opt("per-page"))
        o.perPage = std::stoi(*p);
    const auto r = sync::benchSync(o, work.string(), consoleProgress(a.flag("quiet")));
    sim.stop();
    if (a.flag("json")) {
        auto j = json::parse(r.report.toJson());
        j["benchmark"] = "sync";
        j["db"] = sourcePath;
        j["rows"] = r.rows;
        j["sync_seconds"] = r.report.seconds;
        j["sync_rows_per_second"] = r.syncRowsPerSecond;
        j["raw_insert_seconds"] = r.rawInsertSeconds;
        j["raw_rows_per_second"] = r.rawRowsPerSecond;
        j["time_ratio_sync_over_raw"] = r.ratio;
        std::cout << j.dump() << std::endl;
        return 0;
    }
    std::cout << r.report.summary();
    std::printf("sync over loopback: %lld rows in %.2f s = %.0f rows/s (%lld requests, %lld retries)\n",
                static_cast<long long>(r.rows), r.report.seconds, r.syncRowsPerSecond,
                static_cast<long long>(r.report.requests), static_cast<long long>(r.report.retries));
    std::printf("raw insert:         %lld rows in %.2f s = %.0f rows/s (baseline, same run)\n",
                static_cast<long long>(r.rows), r.rawInsertSeconds, r.rawRowsPerSecond);
    std::printf("sync time / raw insert time: %.2fx\n", r.ratio);
    return 0;
}

// `bench webhook`: signed deliveries over loopback until they are in the store and the feed.
int cmdBenchWebhook(const Args& a)
{
    a.allowOnly({"deliveries"});
    sync::WebhookBenchOptions o;
    if (auto n = a.opt("deliveries"))
        o.deliveries = std::stoi(*n);
    const auto r = sync::benchWebhookLatency(o);
    if (a.flag("json")) {
        std::cout << json{{"benchmark", "webhook"}, {"deliveries", r.deliveries}, {"p50_ms", r.p50Ms},
                          {"p99_ms", r.p99Ms}, {"max_ms", r.maxMs}, {"mean_ms", r.meanMs},
                          {"http_p50_ms", r.httpP50Ms}, {"deliveries_per_second", r.deliveriesPerSecond}}
                         .dump()
                  << std::endl;
    } else {
        std::printf("webhook -> store + change feed, %d signed deliveries over loopback:\n", r.deliveries);
        std::printf("  p50 %.2f ms, p99 %.2f ms, max %.2f ms, mean %.2f ms (sender's p50 %.2f ms), %.0f/s\n",
                    r.p50Ms, r.p99Ms, r.maxMs, r.meanMs, r.httpP50Ms, r.deliveriesPerSecond);
    }
    return 0;
}

int cmdBench(const Args& a)
{
    if (a.positional.empty())
        throw UsageError("usage: shoppilot bench demo [--size S] | bench import FILE | bench kpi --db STORE | "
                         "bench sync --db STORE | bench webhook");
    const std::string what = a.positional[0];
    const BenchDir work;
    if (what == "demo")
        return cmdBenchDemo(a, work.path);
    if (what == "import")
        return cmdBenchImport(a, work.path);
    if (what == "kpi")
        return cmdBenchKpi(a);
    if (what == "sync")
        return cmdBenchSync(a, work.path);
    if (what == "webhook")
        return cmdBenchWebhook(a);
    throw UsageError("unknown benchmark '" + what + "' (demo, import, kpi, sync, webhook)");
}

int cmdSync(const Args& a)
{
    a.allowOnly({"url", "db", "key", "secret", "ca-file", "resources", "connections", "per-page", "events-per-page",
                 "overlap", "timeout-ms", "retries"});
    sync::SyncOptions o;
    o.baseUrl = a.required("url");
    const std::string path = a.required("db");
    // Secrets may come from the environment so they stay out of shell history and `ps`.
    auto fromEnv = [](const char* name) -> std::optional<std::string> {
        const char* v = std::getenv(name);
        return v && *v ? std::optional<std::string>(v) : std::nullopt;
    };
    o.key = a.opt("key").value_or(fromEnv("SHOPPILOT_SHOP_KEY").value_or(""));
    o.secret = a.opt("secret").value_or(fromEnv("SHOPPILOT_SHOP_SECRET").value_or(""));
    o.queryStringAuth = a.flag("query-auth");
    o.caFile = a.opt("ca-file").value_or("");
    auto intOpt = [&a](const std::string& name, int lo, int hi, int fallback) {
        const auto v = a.opt(name);
        if (!v)
            return fallback;
        try {
            std::size_t used = 0;
            const int n = std::stoi(*v, &used);
            if (used == v->size() && n >= lo && n <= hi)
                return n;
        } catch (const std::exception&) {
        }
        throw UsageError("--" + name + " must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
    };
    o.connections = intOpt("connections", 1, 16, o.connections);
    o.perPage = intOpt("per-page", 1, 100, o.perPage);
    o.eventsPerPage = intOpt("events-per-page", 1, 5000, o.eventsPerPage);
    o.overlapSeconds = intOpt("overlap", 1, 86400, o.overlapSeconds);
    o.timeout = std::chrono::milliseconds(intOpt("timeout-ms", 100, 600000, int(o.timeout.count())));
    o.maxRetries = intOpt("retries", 0, 100, o.maxRetries);
    if (auto r = a.opt("resources")) {
        o.resources.clear();
        std::size_t pos = 0;
        while (pos <= r->size()) {
            const auto comma = std::min(r->find(',', pos), r->size());
            if (comma > pos)
                o.resources.push_back(r->substr(pos, comma - pos));
            pos = comma + 1;
        }
        for (const auto& res : o.resources)
            if (res != "products" && res != "customers" && res != "orders" && res != "events")
                throw UsageError("--resources takes products,customers,orders,events, not '" + res + "'");
    }
    // A new store that got nothing committed is removed on failure; one with committed pages is
    // kept, because the next run resumes from its cursors.
    const bool existed = fs::exists(path);
    auto dropIfNothingCommitted = [&] {
        if (existed)
            return;
        bool empty = false;
        try {
            auto check = store::Database::open(path, {store::OpenMode::ReadOnly});
            empty = true;
            for (const char* table : {"products", "customers", "orders", "events"})
                empty = empty && store::countRows(check, table) == 0;
        } catch (const std::exception&) {
        }
        if (empty)
            removeStoreFiles(path);
    };
    try {
        std::optional<sync::SyncReport> report;
        {
            auto db = store::Database::open(path, {store::OpenMode::CreateIfMissing});
            report = sync::syncWoo(db, o, consoleProgress(a.flag("quiet")));
        }
        if (a.flag("json"))
            std::cout << report->toJson() << std::endl;
        else
            std::cout << report->summary();
        if (!report->completed)
            dropIfNothingCommitted();
        return report->completed ? 0 : 1;
    } catch (...) {
        dropIfNothingCommitted();
        throw;
    }
}

int cmdEngineInfo(const Args& a)
{
    a.allowOnly({"threads"});
    engine::configureThreads(a.opt("threads") ? std::stoi(*a.opt("threads")) : 0);
    const auto info = engine::engineInfo();
    if (a.flag("json")) {
        std::cout << json{{"torch_version", info.torchVersion}, {"intra_op_threads", info.intraOpThreads},
                          {"inter_op_threads", info.interOpThreads}, {"blas", info.blasLibrary},
                          {"optimised_blas", info.optimisedBlas}}
                         .dump()
                  << std::endl;
    } else {
        std::cout << "LibTorch " << info.torchVersion << ", " << info.intraOpThreads << " intra-op / "
                  << info.interOpThreads << " inter-op threads\nBLAS: "
                  << (info.blasLibrary.empty() ? "(not loaded)" : info.blasLibrary)
                  << (info.optimisedBlas ? "" : "  WARNING: reference BLAS, about 6x slower; install "
                                               "libopenblas0-pthread (packaging/install-deps.sh)")
                  << "\n";
    }
    return 0;
}

const std::vector<std::string> kCommands{"demo-data", "import", "info", "verify", "upgrade", "sync", "bench", "eval", "train", "engine-info", "help"};

// `eval X`, `train X` and `bench X` for the X a module registered (app/cli_<module>.cpp).
int runModuleCommand(const std::string& verb, const Args& a)
{
    if (a.positional.empty())
        throw UsageError(verb + " needs what to " + verb);
    const auto* c = findModuleCommand(verb, a.positional[0]);
    if (!c) {
        std::vector<std::string> names;
        for (const auto& m : moduleCommands())
            if (m.verb == verb)
                names.push_back(m.name);
        const std::string nearest = nearestName(a.positional[0], names);
        throw UsageError("unknown: " + verb + " " + a.positional[0]
                         + (nearest.empty() ? std::string() : "; did you mean " + verb + " " + nearest + "?"));
    }
    return c->run(a);
}

} // namespace

std::string usageText()
{
    std::ostringstream out;
    out <<
        R"(ShopPilot — the operations cockpit for e-commerce teams.

Usage:
  shoppilot [--db STORE] [--lang zh_CN|en]       open the app (on STORE if given)
  shoppilot demo-data --db STORE [--size tiny|small|default|large] [--seed N] [--end-date YYYY-MM-DD]
                                                 create the demo store (same seed, same data)
  shoppilot import online-retail FILE.csv[.gz] --db STORE
                                                 import UCI Online Retail sales; rejected rows are kept
  shoppilot info --db STORE                      what a store holds
  shoppilot verify --db STORE                    full consistency check of a store
  shoppilot upgrade --db STORE                   upgrade a store from an older ShopPilot (backup first)
  shoppilot sync --url URL --db STORE [--key K --secret S] [--ca-file PEM] [--query-auth]
                 [--resources products,customers,orders,events] [--connections 4] [--per-page 100]
                 [--events-per-page 5000] [--overlap 300] [--timeout-ms 30000] [--retries 6]
                                                 pull a WooCommerce shop into STORE (incremental,
                                                 resumable); key/secret also from the environment:
                                                 SHOPPILOT_SHOP_KEY, SHOPPILOT_SHOP_SECRET
                                                 e.g. shoppilot sync --url https://shop.example --db shop.db
  shoppilot bench demo [--size S] | bench import FILE | bench kpi --db STORE | bench sync --db STORE
          | bench webhook [--deliveries N]       benchmarks (throughput against a baseline in the
                                                 same run; webhook: delivery-to-store latency)
  shoppilot engine-info                          LibTorch threads and the BLAS in use
  shoppilot help [--man]                         this text (--man: as a man page, shoppilot.1)
)";
    for (const auto& c : moduleCommands())
        out << c.usage;
    out << R"(
Options for every command: --json (one JSON object on stdout), --quiet (no progress on stderr).
Exit status: 0 success, 1 failure (one-line reason on stderr), 2 usage error.
)";
    return out.str();
}

void printUsage()
{
    std::cout << usageText();
}

// `shoppilot help --man`: the same usage text as a man page (troff), so `shoppilot.1` never drifts
// from --help. The build writes it next to the binary and installs it.
// One worked example per command: printed by `CMD [SUB] --help` under its usage, and in the man
// page's EXAMPLES. Keys are "command sub-command" (or the command alone).
const std::vector<std::pair<std::string, std::string>>& commandExamples()
{
    static const std::vector<std::pair<std::string, std::string>> examples{
        {"demo-data", "shoppilot demo-data --db demo.db --size small --seed 7"},
        {"import online-retail", "shoppilot import online-retail online_retail.csv.gz --db shop.db"},
        {"info", "shoppilot info --db shop.db --json"},
        {"verify", "shoppilot verify --db shop.db"},
        {"upgrade", "shoppilot upgrade --db old.db"},
        {"sync", "SHOPPILOT_SHOP_KEY=ck_... SHOPPILOT_SHOP_SECRET=cs_... shoppilot sync --url https://shop.example --db shop.db"},
        {"bench demo", "shoppilot bench demo --size small"},
        {"bench import", "shoppilot bench import online_retail.csv.gz"},
        {"bench kpi", "shoppilot bench kpi --db demo.db"},
        {"bench sync", "shoppilot bench sync --db demo.db"},
        {"bench webhook", "shoppilot bench webhook --deliveries 2000"},
        {"engine-info", "shoppilot engine-info"},
        {"help", "shoppilot help --man > shoppilot.1"},
        {"eval campaigns", "shoppilot eval campaigns --hillstrom hillstrom.csv --seeds 5"},
        {"eval forecast", "shoppilot eval forecast --train m4_monthly_train.csv --test m4_monthly_test.csv --period 12"},
        {"bench forecast", "shoppilot bench forecast --train m4_monthly_train.csv --test m4_monthly_test.csv --period 12"},
        {"eval routing", "shoppilot eval routing --instances cvrp/Augerat_A --bks cvrp/augerat_bks.csv --seconds-per-node 0.02"},
        {"bench routing", "shoppilot bench routing --db demo.db --seconds 10"},
        {"eval stock", "shoppilot eval stock --db demo.db --service-level 0.95"},
        {"eval pricing", "shoppilot eval pricing --db demo.db"},
        {"train pricing", "shoppilot train pricing --db demo.db"},
        {"bench pricing", "shoppilot bench pricing --db demo.db --ticks 200"},
        {"bench pricing-ui", "shoppilot bench pricing-ui --db demo.db"},
        {"eval recs", "shoppilot eval recs --data beauty_s3rec.txt --format s3rec --model sasrec --protocol sampled99,full --seeds 1"},
        {"train recs", "shoppilot train recs --db demo.db --model pop,itemknn"},
        {"bench recs", "shoppilot bench recs --data beauty_s3rec.txt --db demo.db"},
        {"eval risk", "shoppilot eval risk --db demo.db"},
        {"eval credit", "shoppilot eval credit --csv german_credit.csv --label default"},
        {"train risk", "shoppilot train risk --db demo.db --queue-days 14"},
        {"bench risk", "shoppilot bench risk --db demo.db"},
        {"eval segments", "shoppilot eval segments --db demo.db"},
        {"bench segments", "shoppilot bench segments --db demo.db"},
        {"eval clv", "shoppilot eval clv --csv online_retail.csv.gz --customer-col CustomerID --date-col InvoiceDate --amount-col 'Quantity*UnitPrice'"},
        {"bench startup", "shoppilot bench startup --db demo.db --runs 3"},
        {"bench support", "shoppilot bench support --db demo.db"},
        {"eval support", "shoppilot eval support --db demo.db"},
        {"eval intents", "shoppilot eval intents --train banking77/train.csv --test banking77/test.csv"},
        {"bench ui-stall", "shoppilot bench ui-stall --db demo.db --seconds 20"},
    };
    return examples;
}

std::string manPage()
{
    auto escape = [](const std::string& line) {
        std::string out;
        for (const char c : line) {
            if (c == '\\')
                out += "\\e";
            else if (c == '-')
                out += "\\-";
            else
                out += c;
        }
        if (!out.empty() && (out[0] == '.' || out[0] == '\''))
            out = "\\&" + out;
        return out;
    };
    std::ostringstream out;
    out << ".TH SHOPPILOT 1 \"\" \"ShopPilot " << SHOPPILOT_VERSION << "\" \"User Commands\"\n"
        << ".SH NAME\nshoppilot \\- the operations cockpit for e\\-commerce teams\n"
        << ".SH SYNOPSIS\n.B shoppilot\n[\\fB\\-\\-db\\fR \\fISTORE\\fR] [\\fB\\-\\-lang\\fR zh_CN|en]\n.br\n"
        << ".B shoppilot\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n"
        << ".SH DESCRIPTION\nWithout a command, opens the desktop application (Overview, Recommendations, Pricing, "
           "Segments, Support, Risk, Campaigns, Logistics) on a store. With a command, works headless. "
           "Every command answers \\fB\\-\\-help\\fR with its own usage.\n"
        << ".SH COMMANDS\n.nf\n";
    std::istringstream in(usageText());
    std::string line;
    bool inUsage = false, footer = false;
    std::string tail;
    while (std::getline(in, line)) {
        if (line.rfind("Usage:", 0) == 0) {
            inUsage = true;
            continue;
        }
        if (line.rfind("Options for every command", 0) == 0)
            footer = true;
        if (footer) {
            tail += escape(line) + "\n";
            continue;
        }
        if (inUsage)
            out << escape(line) << "\n";
    }
    out << ".fi\n.SH EXAMPLES\n.nf\n";
    for (const auto& [command, example] : commandExamples())
        out << escape("  " + example) << "\n";
    out << ".fi\n.SH OPTIONS AND EXIT STATUS\n" << tail
        << ".SH FILES\nThe store is one SQLite file named with \\fB\\-\\-db\\fR; settings live in the "
           "Qt settings of the user (~/.config/ShopPilot).\n";
    return out.str();
}

// `shoppilot CMD [SUB] --help`: the usage entries of that command (an entry is a "  shoppilot"
// line and the more indented lines under it), then the options every command takes; the whole
// text when nothing matches.
void printUsageFor(const std::string& cmd, const std::string& sub)
{
    const std::string text = usageText();
    std::istringstream in(text);
    std::string line, entry, matched, footer;
    bool inFooter = false;
    auto flush = [&] {
        const std::string head = entry.substr(0, entry.find('\n'));
        const bool isCmd = head.find("shoppilot " + cmd + " ") != std::string::npos
                           || head.find("| " + cmd + " ") != std::string::npos;
        // "bench webhook" sits on a continuation line of the bench entry: look at the whole entry.
        if (isCmd && (sub.empty() || entry.find(cmd + " " + sub) != std::string::npos))
            matched += entry;
        entry.clear();
    };
    while (std::getline(in, line)) {
        if (line.rfind("Options for every command", 0) == 0)
            inFooter = true;
        if (inFooter) {
            footer += line + "\n";
            continue;
        }
        if (line.rfind("  shoppilot ", 0) == 0)
            flush();
        if (line.rfind("  ", 0) == 0)
            entry += line + "\n";
    }
    flush();
    if (matched.empty()) {
        std::cout << text;
        return;
    }
    std::string shown;
    for (const auto& [key, example] : commandExamples()) {
        const bool sameCommand = key == cmd || key.rfind(cmd + " ", 0) == 0;
        if (sameCommand && (sub.empty() || key == cmd + " " + sub))
            shown += "  " + example + "\n";
    }
    std::cout << "Usage:\n" << matched << (shown.empty() ? "" : "\nExample" + std::string(shown.find('\n') + 1 < shown.size() ? "s" : "") + ":\n" + shown)
              << "\n" << footer;
}

bool isCliCommand(int argc, char** argv)
{
    if (argc < 2)
        return false;
    const std::string first = argv[1];
    // A first word that is not an option is a command, known or not: a mistyped one is answered
    // by runCli with the nearest command, not by opening the window.
    return !first.starts_with('-') || first == "--help" || first == "-h" || first == "--version";
}

int runCli(int argc, char** argv)
{
    const std::string cmd = argv[1];
    if (cmd == "help" && argc > 2 && std::string(argv[2]) == "--man") {
        std::cout << manPage();
        return 0;
    }
    if (cmd == "help" || cmd == "--help" || cmd == "-h") {
        printUsage();
        return 0;
    }
    if (cmd == "--version") {
        std::cout << "shoppilot " << SHOPPILOT_VERSION << "\n";
        return 0;
    }
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            printUsageFor(cmd, i > 2 && argv[2][0] != '-' ? argv[2] : "");
            return 0;
        }
    }
    std::signal(SIGINT, onSigint);
    try {
        const Args a = Args::parse(argc, argv, 2, {"json", "quiet", "query-auth", "no-sync", "validation"});
        if (cmd == "demo-data")
            return cmdDemoData(a);
        if (cmd == "import")
            return cmdImport(a);
        if (cmd == "info")
            return cmdInfo(a);
        if (cmd == "verify")
            return cmdVerify(a);
        if (cmd == "upgrade")
            return cmdUpgrade(a);
        if (cmd == "sync")
            return cmdSync(a);
        if (cmd == "bench" && !a.positional.empty() && findModuleCommand("bench", a.positional[0]))
            return runModuleCommand(cmd, a);
        if (cmd == "bench")
            return cmdBench(a);
        if (cmd == "eval" || cmd == "train")
            return runModuleCommand(cmd, a);
        if (cmd == "engine-info")
            return cmdEngineInfo(a);
        const std::string nearest = nearestName(cmd, kCommands);
        std::cerr << "shoppilot: unknown command " << cmd
                  << (nearest.empty() ? std::string() : "; did you mean " + nearest + "?")
                  << " (see shoppilot --help)\n";
        return 2;
    } catch (const UsageError& e) {
        std::cerr << "shoppilot " << cmd << ": " << e.what() << " (see shoppilot --help)\n";
        return 2;
    } catch (const Cancelled&) {
        std::cerr << "\nshoppilot " << cmd << ": cancelled; nothing was changed\n";
        return 130;
    } catch (const std::exception& e) {
        std::cerr << "\nshoppilot " << cmd << ": " << e.what() << "\n";
        return 1;
    }
    return 2;
}

} // namespace shoppilot::app
