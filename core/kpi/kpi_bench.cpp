#include "kpi/kpi_bench.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "store/repositories.h"

namespace shoppilot::kpi {

namespace {

struct Refresh {
    KpiComparison kpis;
    std::vector<SeriesPoint> series;
    std::vector<BreakdownRow> categories, countries, channels;

    friend bool operator==(const Refresh&, const Refresh&) = default;
};

Refresh refresh(KpiService& service, const Filter& f)
{
    Refresh r;
    r.kpis = service.kpis(f);
    r.series = service.series(f, Granularity::Day);
    r.categories = service.breakdown(f, Dimension::Category);
    r.countries = service.breakdown(f, Dimension::Country);
    r.channels = service.breakdown(f, Dimension::Channel);
    return r;
}

double msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// Nearest-rank percentile of a non-empty sample.
double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const auto rank = std::size_t(std::ceil(p * double(v.size())));
    return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

} // namespace

KpiBenchResult benchKpis(store::Database& db, int repetitions, int sqlRepetitions, const Progress& progress)
{
    repetitions = std::max(1, repetitions);
    sqlRepetitions = std::max(1, sqlRepetitions);
    ProgressReporter reporter(progress);
    KpiBenchResult result;
    result.repetitions = repetitions;
    result.sqlRepetitions = sqlRepetitions;
    result.orders = store::countRows(db, "orders");
    result.orderItems = store::countRows(db, "order_items");
    result.events = store::countRows(db, "events");

    KpiService cube(db, KpiService::Backend::Cube);
    KpiService sql(db, KpiService::Backend::Sql);
    const DataRange range = cube.dataRange();
    if (!range.first)
        throw Error(ErrorCode::InvalidArgument, "the store has no orders or events to compute KPIs on");

    {
        ProgressReporter step = reporter.sub(0.0, 0.2);
        const auto start = std::chrono::steady_clock::now();
        cube.prepare(step.callback() ? Progress([&step](double f, std::string_view what) {
            step.report(f, what);
            return true;
        })
                                     : Progress{});
        result.cubeBuildMs = msSince(start);
    }

    const Timestamp end = bucketStart(*range.last, Granularity::Day) + kSecondsPerDay;
    Filter whole{bucketStart(*range.first, Granularity::Day), end, {}, {}, {}, {}};
    Filter last30{end - 30 * kSecondsPerDay, end, {}, {}, {}, {}};
    Filter drill{end - 90 * kSecondsPerDay, end, {}, {}, {}, {}};
    for (const BreakdownRow& row : cube.breakdown(whole, Dimension::Category, 0)) {
        if (!row.key.empty()) {
            drill.categoryId = std::stoll(row.key);
            break;
        }
    }
    if (const auto countries = cube.breakdown(whole, Dimension::Country, 0); !countries.empty())
        drill.country = countries.front().key;

    const std::vector<std::pair<std::string, Filter>> cases{
        {"whole range", whole}, {"last 30 days", last30}, {"drill-down", drill}};
    const double perCase = 0.8 / double(cases.size());
    for (std::size_t c = 0; c < cases.size(); ++c) {
        ProgressReporter step = reporter.sub(0.2 + perCase * double(c), 0.2 + perCase * double(c + 1));
        KpiBenchCase bc;
        bc.name = cases[c].first;
        bc.filter = cases[c].second;
        std::vector<double> times;
        Refresh fast;
        for (int i = 0; i < repetitions; ++i) {
            const auto start = std::chrono::steady_clock::now();
            fast = refresh(cube, bc.filter);
            times.push_back(msSince(start));
            step.report(0.2 * double(i + 1) / double(repetitions), "timing the cube: " + bc.name);
        }
        bc.medianMs = median(times);
        bc.p95Ms = percentile(times, 0.95);
        times.clear();
        Refresh slow;
        for (int i = 0; i < sqlRepetitions; ++i) {
            const auto start = std::chrono::steady_clock::now();
            slow = refresh(sql, bc.filter);
            times.push_back(msSince(start));
            step.report(0.2 + 0.8 * double(i + 1) / double(sqlRepetitions), "timing the SQL baseline: " + bc.name);
        }
        bc.sqlMedianMs = median(times);
        bc.sqlP95Ms = percentile(times, 0.95);
        bc.speedup = bc.medianMs > 0 ? bc.sqlMedianMs / bc.medianMs : 0.0;
        bc.identical = fast == slow;
        result.cases.push_back(std::move(bc));
    }
    result.allIdentical = true;
    for (const KpiBenchCase& bc : result.cases) {
        result.worstMedianMs = std::max(result.worstMedianMs, bc.medianMs);
        result.worstP95Ms = std::max(result.worstP95Ms, bc.p95Ms);
        result.allIdentical = result.allIdentical && bc.identical;
    }
    reporter.report(1.0, "KPI benchmark done");
    return result;
}

} // namespace shoppilot::kpi
