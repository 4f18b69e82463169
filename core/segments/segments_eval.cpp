#include "segments/segments_eval.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <unordered_map>

#include "common/error.h"
#include "segments/features.h"
#include "segments/kmeans.h"
#include "segments/rfm.h"
#include "segments/rules.h"
#include "store/database.h"

namespace shoppilot::segments {

SegmentsEval evaluateSegments(store::Database& db, const Progress& progress)
{
    ProgressReporter rep(progress);
    const auto cutoff = latestOrderCutoff(db);
    if (!cutoff)
        throw Error(ErrorCode::InvalidArgument, db.path() + " has no orders to segment");
    // Evaluation only: the planted archetypes are read here and never by features or models.
    std::unordered_map<std::int64_t, std::string> truth;
    {
        store::Statement s(db, "SELECT customer_id, archetype FROM truth_customers");
        while (s.step())
            truth.emplace(s.columnInt(0), s.columnText(1));
    }
    if (truth.empty())
        throw Error(ErrorCode::InvalidArgument, db.path() + " has no planted customer archetypes (truth_customers): "
                                                            "eval segments needs a demo store (shoppilot demo-data)");
    rep.report(0.05, "features");
    auto all = loadFeatures(db, *cutoff, rep.sub(0.05, 0.2).callback());
    // Keep customers with a planted archetype (fraudsters' throwaway accounts have none).
    std::vector<std::size_t> keep;
    for (std::size_t i = 0; i < all.size(); ++i)
        if (truth.count(all.customerId[i]))
            keep.push_back(i);
    CustomerFeatures f;
    f.asOf = all.asOf;
    f.hasEvents = all.hasEvents;
    f.hasDiscounts = all.hasDiscounts;
    f.numericNames = all.numericNames;
    f.categoryNames = all.categoryNames;
    f.numeric.assign(all.numeric.size(), {});
    for (auto i : keep) {
        f.customerId.push_back(all.customerId[i]);
        for (std::size_t c = 0; c < all.numeric.size(); ++c)
            f.numeric[c].push_back(all.numeric[c][i]);
        f.country.push_back(all.country[i]);
        f.channel.push_back(all.channel[i]);
        f.device.push_back(all.device[i]);
        f.lastCategory.push_back(all.lastCategory[i]);
        f.firstOrder.push_back(all.firstOrder[i]);
    }

    SegmentsEval ev;
    ev.asOf = formatDate(*cutoff);
    ev.customers = std::int64_t(f.size());
    std::map<std::string, int> archetypeIndex;
    std::vector<int> planted;
    for (auto id : f.customerId) {
        auto [it, fresh] = archetypeIndex.try_emplace(truth.at(id), int(archetypeIndex.size()));
        planted.push_back(it->second);
    }
    ev.archetypes = int(archetypeIndex.size());
    ev.archetypeNames.resize(archetypeIndex.size());
    for (const auto& [name, k] : archetypeIndex)
        ev.archetypeNames[std::size_t(k)] = name;

    rep.report(0.2, "choosing k");
    ClusterOptions opt;
    const auto cl = clusterCustomers(f, opt, rep.sub(0.2, 0.75).callback());
    ev.k = cl.k;
    ev.silhouette = cl.silhouette;
    ev.silhouettes = cl.silhouettes;
    ev.columns = cl.columns;
    ev.ari = adjustedRandIndex(cl.label, planted);
    ev.profiles = profileClusters(f, cl.label, cl.k);
    ev.crosstab.assign(std::size_t(cl.k), std::vector<std::int64_t>(ev.archetypeNames.size(), 0));
    for (std::size_t i = 0; i < f.size(); ++i)
        ++ev.crosstab[std::size_t(cl.label[i])][std::size_t(planted[i])];

    rep.report(0.75, "clusters at the archetype count");
    ClusterOptions fixed;
    fixed.k = ev.archetypes;
    const auto cl6 = clusterCustomers(f, fixed, rep.sub(0.75, 0.95).callback());
    ev.ariAtArchetypeK = adjustedRandIndex(cl6.label, planted);

    const auto rfm = scoreRfm(f, quintileCutoffs(f));
    std::vector<int> groups;
    for (auto g : rfm.group)
        groups.push_back(int(g));
    ev.rfmGroupAri = adjustedRandIndex(groups, planted);
    rep.report(1.0, "done");
    return ev;
}

namespace {

using Clock = std::chrono::steady_clock;

double ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

std::pair<double, double> p50p99(std::vector<double> v)
{
    if (v.empty())
        return {0, 0};
    std::sort(v.begin(), v.end());
    auto at = [&](double q) { return v[std::min(v.size() - 1, std::size_t(std::ceil(q * double(v.size()))) - (q > 0 ? 1 : 0))]; };
    return {at(0.5), at(0.99)};
}

template <typename F>
std::vector<double> timeRuns(int runs, F&& f)
{
    std::vector<double> t;
    for (int i = 0; i < runs; ++i) {
        const auto a = Clock::now();
        f(i);
        t.push_back(ms(a, Clock::now()));
    }
    return t;
}

// Cut-offs as a marketer would drag them: the quintiles moved by a different amount each run.
RfmCutoffs moved(const RfmCutoffs& q, int run)
{
    RfmCutoffs c = q;
    const double s = 0.8 + 0.4 * double(run % 11) / 10.0;
    for (auto* a : {&c.recency, &c.frequency, &c.monetary})
        for (auto& x : *a)
            x *= s;
    return c;
}

const char* kBenchRule = R"({"and":[{"field":"frequency","op":">=","value":2},
  {"or":[{"field":"country","op":"in","value":["GB","DE","FR"]},{"field":"monetary","op":">=","value":MONEY}]},
  {"not":{"field":"recency_days","op":">","value":RECENCY}}]})";

std::string benchRule(int run)
{
    std::string r = kBenchRule;
    r.replace(r.find("MONEY"), 5, std::to_string(100 + 10 * (run % 20)));
    r.replace(r.find("RECENCY"), 7, std::to_string(90 + 5 * (run % 30)));
    return r;
}

} // namespace

SegmentsBench benchSegments(store::Database& db, std::int64_t customers, const std::string& workDir, const Progress& progress)
{
    ProgressReporter rep(progress);
    if (customers < 10)
        throw Error(ErrorCode::InvalidArgument, "bench segments needs at least 10 customers");
    const auto cutoff = latestOrderCutoff(db);
    if (!cutoff)
        throw Error(ErrorCode::InvalidArgument, db.path() + " has no orders to segment");
    rep.report(0.0, "features");
    const auto base = loadFeatures(db, *cutoff);
    if (base.size() < 3)
        throw Error(ErrorCode::InvalidArgument, db.path() + " has fewer than 3 customers with orders");
    SegmentsBench b;
    b.storeCustomers = std::int64_t(base.size());
    b.replicated = std::int64_t(base.size()) < customers;
    const auto f = b.replicated ? base.replicated(std::size_t(customers)) : base;
    b.customers = std::int64_t(f.size());

    // --- the SQL store the naive way queries: the store's customers and orders repeated with the
    // same id offsets as CustomerFeatures::replicated.
    const auto sqlPath = (std::filesystem::path(workDir) / "segments-bench.db").string();
    std::filesystem::remove(sqlPath);
    std::filesystem::remove(sqlPath + "-wal");
    std::filesystem::remove(sqlPath + "-shm");
    std::int64_t maxId = 0;
    for (auto id : base.customerId)
        maxId = std::max(maxId, id);
    const std::int64_t copies = b.replicated ? (customers + b.storeCustomers - 1) / b.storeCustomers : 1;
    {
        auto out = store::Database::open(sqlPath, {store::OpenMode::CreateIfMissing});
        out.exec("ATTACH DATABASE '" + db.path() + "' AS src");
        store::Transaction tx(out);
        for (std::int64_t c = 0; c < copies; ++c) {
            rep.report(0.05 + 0.25 * double(c) / double(copies), "building the SQL store");
            const std::string off = std::to_string(c * (maxId + 1));
            const std::string orderOff = std::to_string(c * (out.queryInt("SELECT MAX(id) FROM src.orders").value_or(0) + 1));
            out.exec("INSERT INTO customers(id, name, country, created_at, updated_at) SELECT id + " + off +
                     ", name, country, created_at, updated_at FROM src.customers WHERE id IN"
                     " (SELECT customer_id FROM src.orders WHERE customer_id IS NOT NULL)");
            out.exec("INSERT INTO orders(id, customer_id, created_at, updated_at, status, currency, total_minor, discount_minor,"
                     " coupon_code, channel) SELECT id + " + orderOff + ", customer_id + " + off +
                     ", created_at, updated_at, status, currency, total_minor, discount_minor, coupon_code, channel"
                     " FROM src.orders WHERE customer_id IS NOT NULL");
        }
        tx.commit();
        out.exec("DETACH DATABASE src");
        b.sqlOrders = out.queryInt("SELECT COUNT(*) FROM orders").value_or(0);
    }
    auto sql = store::Database::open(sqlPath, {store::OpenMode::ReadOnly});
    const std::string agg = "SELECT o.customer_id AS id, (?1 - MAX(o.created_at)) / 86400.0 AS r, COUNT(*) AS f,"
                            " SUM(o.total_minor) / 100.0 AS m FROM orders o WHERE o.customer_id IS NOT NULL AND o.created_at < ?1"
                            " AND o.status NOT IN ('cancelled','failed','pending') GROUP BY o.customer_id";

    // --- 1. RFM re-bucket after a cut-off change.
    rep.report(0.3, "RFM re-bucketing");
    const auto q = quintileCutoffs(f);
    RfmTable table;
    scoreRfm(f, q, table);
    std::int64_t sink = 0;
    const auto mem = timeRuns(200, [&](int run) {
        scoreRfm(f, moved(q, run), table);
        sink += table.group[std::size_t(run) % table.size()] == RfmGroup::Lost;
    });
    const auto naive = timeRuns(5, [&](int run) {
        const auto c = moved(q, run);
        store::Statement s(sql, agg);
        s.bind(1, *cutoff);
        std::array<std::int64_t, kRfmGroupCount> counts{};
        while (s.step()) {
            auto score = [](double v, const std::array<double, 4>& cut) { return (v > cut[0]) + (v > cut[1]) + (v > cut[2]) + (v > cut[3]); };
            const int r = 5 - score(s.columnDouble(1), c.recency);
            const int fr = 1 + score(s.columnDouble(2), c.frequency);
            const int mo = 1 + score(s.columnDouble(3), c.monetary);
            ++counts[std::size_t(rfmGroup(r, fr, mo))];
        }
        sink += counts[0];
    });
    {
        BenchFigure fig{"rfm_rebucket", 200, 0, 0, "SQL aggregate + bucketing per change", 5, 0, 0};
        std::tie(fig.p50Ms, fig.p99Ms) = p50p99(mem);
        std::tie(fig.naiveP50Ms, fig.naiveP99Ms) = p50p99(naive);
        b.figures.push_back(fig);
    }

    // --- 2. A rule count after an edit (parse + compile + count).
    rep.report(0.5, "rule counts");
    const RuleContext ctx{&f, &table};
    const auto ruleMem = timeRuns(200, [&](int run) { sink += compileRule(benchRule(run), ctx).count(); });
    const auto ruleSql = timeRuns(5, [&](int run) {
        store::Statement s(sql, "SELECT COUNT(*) FROM (" + agg + ") a JOIN customers c ON c.id = a.id WHERE a.f >= 2 AND"
                                " (c.country IN ('GB','DE','FR') OR a.m >= ?2) AND NOT (a.r > ?3)");
        s.bind(1, *cutoff).bind(2, double(100 + 10 * (run % 20))).bind(3, double(90 + 5 * (run % 30)));
        if (s.step())
            sink += s.columnInt(0);
    });
    {
        BenchFigure fig{"rule_count", 200, 0, 0, "SQL count per edit", 5, 0, 0};
        std::tie(fig.p50Ms, fig.p99Ms) = p50p99(ruleMem);
        std::tie(fig.naiveP50Ms, fig.naiveP99Ms) = p50p99(ruleSql);
        b.figures.push_back(fig);
    }

    // --- 3. Clustering: k chosen on the store's own customers, then fixed for the large table
    // (what the panel does after the first run or when the slider sets k), and the full choice of
    // k by sampled silhouette; against re-reading the features from SQL for every change.
    rep.report(0.6, "clustering");
    b.k = clusterCustomers(base).k;
    ClusterOptions fixed;
    fixed.k = b.k;
    const auto clFixed = timeRuns(3, [&](int) { sink += clusterCustomers(f, fixed).k; });
    rep.report(0.75, "clustering, choosing k");
    const auto clChoose = timeRuns(1, [&](int) { sink += clusterCustomers(f).k; });
    rep.report(0.9, "features from SQL");
    const auto load = timeRuns(2, [&](int) { sink += std::int64_t(loadFeatures(sql, *cutoff).size()); });
    {
        BenchFigure fig{"cluster_fixed_k", 3, 0, 0, "features re-read from SQL", 2, 0, 0};
        std::tie(fig.p50Ms, fig.p99Ms) = p50p99(clFixed);
        std::tie(fig.naiveP50Ms, fig.naiveP99Ms) = p50p99(load);
        b.figures.push_back(fig);
        BenchFigure choose{"cluster_choose_k", 1, 0, 0, "features re-read from SQL", 2, 0, 0};
        std::tie(choose.p50Ms, choose.p99Ms) = p50p99(clChoose);
        std::tie(choose.naiveP50Ms, choose.naiveP99Ms) = p50p99(load);
        b.figures.push_back(choose);
    }
    if (sink == -1)
        rep.report(1.0, "");
    std::filesystem::remove(sqlPath);
    std::filesystem::remove(sqlPath + "-wal");
    std::filesystem::remove(sqlPath + "-shm");
    rep.report(1.0, "done");
    return b;
}

} // namespace shoppilot::segments
