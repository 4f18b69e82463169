#include "kpi/maturity.h"

#include <algorithm>
#include <cmath>

#include "store/database.h"

namespace shoppilot::kpi {

namespace {
constexpr double kSecondsPerDay = 86400.0;

double quantile(const std::vector<double>& sorted, double q)
{
    if (sorted.empty())
        return 0;
    const double pos = q * double(sorted.size() - 1);
    const auto lo = std::size_t(std::floor(pos));
    const auto hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - double(lo));
}
} // namespace

double RefundDelay::arrived(double ageDays) const
{
    if (sortedDays.empty())
        return 0;
    const auto n = std::upper_bound(sortedDays.begin(), sortedDays.end(), ageDays) - sortedDays.begin();
    return double(n) / double(sortedDays.size());
}

Timestamp RefundDelay::maturingFrom() const
{
    return asOf - Timestamp(std::ceil(p90Days * kSecondsPerDay));
}

RefundDelay refundDelay(store::Database& db)
{
    RefundDelay d;
    {
        auto st = db.prepare("SELECT MAX(m) FROM (SELECT MAX(created_at) AS m FROM orders "
                             "UNION ALL SELECT MAX(created_at) FROM refunds)");
        if (st.step() && !st.isNull(0))
            d.asOf = st.columnInt(0);
    }
    if (d.asOf == 0)
        return d;
    // (order time, delay in days) of each refunded order's first refund.
    std::vector<std::pair<Timestamp, double>> rows;
    auto st = db.prepare("SELECT o.created_at, MIN(r.created_at) - o.created_at FROM refunds r "
                         "JOIN orders o ON o.id = r.order_id GROUP BY r.order_id");
    while (st.step())
        rows.emplace_back(st.columnInt(0), std::max<double>(0, double(st.columnInt(1)) / kSecondsPerDay));
    const Timestamp horizon = d.asOf - Timestamp(kDelayHorizonDays) * Timestamp(kSecondsPerDay);
    const auto old = std::count_if(rows.begin(), rows.end(), [&](const auto& r) { return r.first < horizon; });
    const bool onlyOld = old >= kMinRefundsForDelay;
    for (const auto& [ts, days] : rows)
        if (!onlyOld || ts < horizon)
            d.sortedDays.push_back(days);
    std::sort(d.sortedDays.begin(), d.sortedDays.end());
    d.samples = std::int64_t(d.sortedDays.size());
    d.medianDays = quantile(d.sortedDays, 0.5);
    d.p90Days = quantile(d.sortedDays, 0.9);
    return d;
}

PeriodMaturity periodMaturity(const RefundDelay& delay, const Filter& period)
{
    PeriodMaturity m;
    if (!delay.measured() || period.empty() || period.from > delay.asOf)
        return m;
    m.maturing = period.to > delay.maturingFrom();
    if (!m.maturing)
        return m;
    // Mean of arrived(age) over the period's days (midday of each), up to asOf.
    const Timestamp end = std::min<Timestamp>(period.to, delay.asOf + 1);
    const auto day = Timestamp(kSecondsPerDay);
    double sum = 0;
    int n = 0;
    for (Timestamp t = period.from; t < end; t += day) {
        const Timestamp mid = (t + std::min<Timestamp>(t + day, end)) / 2;
        sum += delay.arrived(double(delay.asOf - mid) / kSecondsPerDay);
        ++n;
    }
    m.arrivedShare = n > 0 ? sum / n : 1.0;
    return m;
}

} // namespace shoppilot::kpi
