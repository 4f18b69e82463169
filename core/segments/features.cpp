#include "segments/features.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "common/error.h"
#include "store/database.h"

namespace shoppilot::segments {

namespace {

// Orders that count as purchases: the customer meant to buy and the shop accepted it.
constexpr const char* kCountedOrder = "o.customer_id IS NOT NULL AND o.created_at < ?1"
                                      " AND o.status NOT IN ('cancelled','failed','pending')";

double days(Timestamp t) { return double(t) / double(kSecondsPerDay); }

} // namespace

int CustomerFeatures::column(std::string_view name) const
{
    for (std::size_t i = 0; i < numericNames.size(); ++i)
        if (numericNames[i] == name)
            return int(i);
    return -1;
}

const std::vector<double>& CustomerFeatures::col(std::string_view name) const
{
    const int c = column(name);
    if (c < 0)
        throw Error(ErrorCode::InvalidArgument, "the customer features have no column '" + std::string(name) + "'");
    return numeric[std::size_t(c)];
}

CustomerFeatures CustomerFeatures::replicated(std::size_t n) const
{
    CustomerFeatures out;
    out.asOf = asOf;
    out.hasEvents = hasEvents;
    out.hasDiscounts = hasDiscounts;
    out.numericNames = numericNames;
    out.categoryNames = categoryNames;
    out.numeric.assign(numeric.size(), {});
    const std::size_t m = size();
    if (m == 0)
        return out;
    std::int64_t maxId = 0;
    for (auto id : customerId)
        maxId = std::max(maxId, id);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t src = i % m;
        out.customerId.push_back(customerId[src] + std::int64_t(i / m) * (maxId + 1));
        for (std::size_t c = 0; c < numeric.size(); ++c)
            out.numeric[c].push_back(numeric[c][src]);
        out.country.push_back(country[src]);
        out.channel.push_back(channel[src]);
        out.device.push_back(device[src]);
        out.lastCategory.push_back(lastCategory[src]);
        out.firstOrder.push_back(firstOrder[src]);
    }
    return out;
}

std::optional<Timestamp> latestOrderCutoff(store::Database& db)
{
    const auto t = db.queryInt("SELECT MAX(created_at) FROM orders WHERE customer_id IS NOT NULL");
    if (!t)
        return std::nullopt;
    return *t + 1;
}

CustomerFeatures loadFeatures(store::Database& db, Timestamp asOf, const Progress& progress)
{
    ProgressReporter rep(progress);
    CustomerFeatures f;
    f.asOf = asOf;
    rep.report(0.0, "reading orders");

    // --- orders: one pass in customer, time order.
    std::unordered_map<std::int64_t, std::size_t> row;
    std::vector<double> freq, monetary, recency, tenure, interval, discounted, returned;
    std::vector<Timestamp> last;
    std::vector<std::map<std::string, int>> channels;
    {
        store::Statement s(db, std::string("SELECT o.customer_id, o.created_at, o.total_minor, o.discount_minor, o.coupon_code,"
                                           " o.channel, c.country FROM orders o LEFT JOIN customers c ON c.id = o.customer_id"
                                           " WHERE ")
                                   + kCountedOrder + " ORDER BY o.customer_id, o.created_at");
        s.bind(1, asOf);
        std::int64_t n = 0;
        while (s.step()) {
            const std::int64_t cid = s.columnInt(0);
            const Timestamp ts = s.columnInt(1);
            auto [it, fresh] = row.try_emplace(cid, f.customerId.size());
            const std::size_t r = it->second;
            if (fresh) {
                f.customerId.push_back(cid);
                f.country.push_back(s.isNull(6) ? std::string() : s.columnText(6));
                f.firstOrder.push_back(ts);
                freq.push_back(0);
                monetary.push_back(0);
                discounted.push_back(0);
                returned.push_back(0);
                last.push_back(ts);
                channels.emplace_back();
            }
            freq[r] += 1;
            monetary[r] += double(s.columnInt(2)) / 100.0;
            const bool disc = s.columnInt(3) > 0 || (!s.isNull(4) && !s.columnText(4).empty());
            if (disc) {
                discounted[r] += 1;
                f.hasDiscounts = true;
            }
            if (!s.isNull(5))
                ++channels[r][s.columnText(5)];
            last[r] = ts;
            if ((++n & 0xFFFF) == 0)
                rep.report(0.1, "reading orders");
        }
    }
    const std::size_t n = f.size();
    recency.resize(n);
    tenure.resize(n);
    interval.resize(n);
    f.channel.resize(n);
    for (std::size_t r = 0; r < n; ++r) {
        recency[r] = days(asOf - last[r]);
        tenure[r] = days(asOf - f.firstOrder[r]);
        interval[r] = freq[r] > 1 ? days(last[r] - f.firstOrder[r]) / (freq[r] - 1) : kAbsent;
        int best = 0;
        for (const auto& [ch, k] : channels[r])
            if (k > best) {
                best = k;
                f.channel[r] = ch;
            }
    }
    rep.report(0.4, "reading refunds");

    // --- refunds: orders with a refund, return or chargeback recorded before the cut-off.
    {
        store::Statement s(db, std::string("SELECT o.customer_id, COUNT(DISTINCT r.order_id) FROM refunds r JOIN orders o"
                                           " ON o.id = r.order_id WHERE r.created_at < ?1 AND ")
                                   + kCountedOrder + " GROUP BY o.customer_id");
        s.bind(1, asOf);
        while (s.step())
            if (auto it = row.find(s.columnInt(0)); it != row.end())
                returned[it->second] = double(s.columnInt(1));
    }
    rep.report(0.5, "reading order lines");

    // --- order lines: category shares and the last order's category.
    std::map<std::int64_t, std::string> catName;
    {
        store::Statement s(db, "SELECT id, name_en FROM categories");
        while (s.step())
            catName[s.columnInt(0)] = s.columnText(1);
    }
    std::map<std::int64_t, std::size_t> catCol;
    for (const auto& [id, name] : catName) {
        catCol[id] = f.categoryNames.size();
        f.categoryNames.push_back(name);
    }
    std::vector<std::vector<double>> catShare(f.categoryNames.size(), std::vector<double>(n, 0.0));
    std::vector<double> lines(n, 0.0);
    std::vector<Timestamp> lastCatTs(n, std::numeric_limits<Timestamp>::min());
    f.lastCategory.assign(n, {});
    bool anyCategory = false;
    {
        store::Statement s(db, std::string("SELECT o.customer_id, o.created_at, p.category_id FROM order_items i"
                                           " JOIN orders o ON o.id = i.order_id JOIN products p ON p.id = i.product_id WHERE ")
                                   + kCountedOrder + " AND p.category_id IS NOT NULL ORDER BY i.id");
        s.bind(1, asOf);
        while (s.step()) {
            auto it = row.find(s.columnInt(0));
            auto ct = catCol.find(s.columnInt(2));
            if (it == row.end() || ct == catCol.end())
                continue;
            const std::size_t r = it->second;
            anyCategory = true;
            catShare[ct->second][r] += 1;
            lines[r] += 1;
            const Timestamp ts = s.columnInt(1);
            if (ts > lastCatTs[r]) {
                lastCatTs[r] = ts;
                f.lastCategory[r] = f.categoryNames[ct->second];
            }
        }
    }
    rep.report(0.7, "reading events");

    // --- events: session habits and device, only when the store records behaviour.
    f.hasEvents = db.queryInt("SELECT EXISTS(SELECT 1 FROM events WHERE customer_id IS NOT NULL)").value_or(0) != 0;
    std::vector<double> sessionsPerMonth(n, kAbsent), viewsPerSession(n, kAbsent), appShare(n, kAbsent);
    f.device.assign(n, {});
    if (f.hasEvents) {
        store::Statement s(db, "SELECT customer_id, COUNT(DISTINCT session_id), SUM(type = 'view'), MIN(ts),"
                               " SUM(channel = 'app'), SUM(channel IS NOT NULL) FROM events"
                               " WHERE customer_id IS NOT NULL AND ts < ?1 GROUP BY customer_id");
        s.bind(1, asOf);
        while (s.step()) {
            auto it = row.find(s.columnInt(0));
            if (it == row.end())
                continue;
            const std::size_t r = it->second;
            const double sessions = double(s.columnInt(1));
            const double months = std::max(1.0, days(asOf - std::min<Timestamp>(s.columnInt(3), f.firstOrder[r])) / 30.0);
            sessionsPerMonth[r] = sessions / months;
            viewsPerSession[r] = sessions > 0 ? double(s.columnInt(2)) / sessions : kAbsent;
            const double withChannel = double(s.columnInt(5));
            if (withChannel > 0) {
                appShare[r] = double(s.columnInt(4)) / withChannel;
                f.device[r] = appShare[r] >= 0.5 ? "app" : "web";
            }
        }
        // A customer with orders but no tracked session in a store that tracks them: zero is real.
        for (std::size_t r = 0; r < n; ++r)
            if (isAbsent(sessionsPerMonth[r]))
                sessionsPerMonth[r] = 0;
    }

    auto add = [&](std::string name, std::vector<double> v) {
        f.numericNames.push_back(std::move(name));
        f.numeric.push_back(std::move(v));
    };
    std::vector<double> aov(n), returnRate(n), discountShare(n);
    for (std::size_t r = 0; r < n; ++r) {
        aov[r] = monetary[r] / freq[r];
        returnRate[r] = returned[r] / freq[r];
        discountShare[r] = discounted[r] / freq[r];
    }
    add("recency_days", std::move(recency));
    add("frequency", std::move(freq));
    add("monetary", std::move(monetary));
    add("avg_order_value", std::move(aov));
    add("tenure_days", std::move(tenure));
    add("interval_days", std::move(interval));
    // How overdue the customer is against their own rhythm: days since the last order over the
    // usual gap (absent with one order). A lapsing regular stands out here before recency alone.
    std::vector<double> overdue(n, kAbsent);
    const auto& gap = f.numeric[std::size_t(f.column("interval_days"))];
    const auto& rec = f.numeric[std::size_t(f.column("recency_days"))];
    for (std::size_t r = 0; r < n; ++r)
        if (!isAbsent(gap[r]))
            overdue[r] = rec[r] / std::max(1.0, gap[r]);
    add("overdue_ratio", std::move(overdue));
    add("return_rate", std::move(returnRate));
    if (f.hasDiscounts)
        add("discount_share", std::move(discountShare));
    if (f.hasEvents) {
        add("sessions_per_month", std::move(sessionsPerMonth));
        add("views_per_session", std::move(viewsPerSession));
        add("app_share", std::move(appShare));
    }
    if (anyCategory) {
        for (std::size_t c = 0; c < f.categoryNames.size(); ++c) {
            for (std::size_t r = 0; r < n; ++r)
                catShare[c][r] = lines[r] > 0 ? catShare[c][r] / lines[r] : kAbsent;
            add("share:" + f.categoryNames[c], std::move(catShare[c]));
        }
    } else {
        f.categoryNames.clear();
    }
    rep.report(1.0, "features ready");
    return f;
}

} // namespace shoppilot::segments
