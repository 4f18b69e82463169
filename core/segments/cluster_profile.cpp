#include "segments/cluster_profile.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/error.h"

namespace shoppilot::segments {

namespace {

std::string fmt(const char* f, double v)
{
    char buf[96];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

std::string pct(double share) { return fmt("%.0f%%", 100.0 * share); }

// "every 3 weeks", "every 2 months", "every 5 days".
std::string every(double days)
{
    if (days >= 60)
        return fmt("every %.0f months", days / 30.0);
    if (days >= 14)
        return fmt("every %.0f weeks", days / 7.0);
    return fmt("every %.0f days", std::max(1.0, days));
}

} // namespace

std::string describeFact(const ProfileFact& x)
{
    const bool high = x.z > 0;
    const double v = x.clusterMean;
    const auto& f = x.feature;
    if (f.rfind("share:", 0) == 0) {
        const auto cat = f.substr(6);
        return high ? "buys mostly " + cat + " (" + pct(v) + " of items)" : "seldom buys " + cat;
    }
    if (f == "interval_days")
        return high ? "buys only " + every(v) : "buys " + every(v);
    if (f == "frequency")
        return high ? fmt("orders often (%.1f orders)", v) : fmt("few orders (%.1f)", v);
    if (f == "recency_days")
        return high ? fmt("last bought %.0f days ago", v) : fmt("bought recently (%.0f days ago)", v);
    if (f == "monetary")
        return high ? fmt("spends a lot (%.0f)", v) : fmt("spends little (%.0f)", v);
    if (f == "avg_order_value")
        return high ? fmt("large baskets (%.0f an order)", v) : fmt("small baskets (%.0f an order)", v);
    if (f == "tenure_days")
        return high ? fmt("long-standing (first order %.0f months ago)", v / 30.0) : fmt("new (first order %.0f days ago)", v);
    if (f == "discount_share") {
        if (high)
            return v >= 0.5 ? "rarely without a coupon (" + pct(v) + " of orders)" : "often uses coupons (" + pct(v) + " of orders)";
        return "seldom uses coupons";
    }
    if (f == "overdue_ratio")
        return high ? fmt("overdue (%.1f times their usual gap since the last order)", v) : "buying on their usual rhythm";
    if (f == "return_rate")
        return high ? "returns often (" + pct(v) + " of orders)" : "rarely returns";
    if (f == "sessions_per_month")
        return high ? fmt("visits often (%.1f sessions a month)", v) : fmt("rarely visits (%.1f sessions a month)", v);
    if (f == "views_per_session")
        return high ? fmt("browses a lot (%.0f views a session)", v) : "browses little";
    if (f == "app_share")
        return high ? "mostly on the app" : "mostly on the web";
    return (high ? "high " : "low ") + f;
}

std::vector<ClusterProfile> profileClusters(const CustomerFeatures& f, const std::vector<int>& label, int k, int maxFacts,
                                            double minZ)
{
    if (label.size() != f.size())
        throw Error(ErrorCode::InvalidArgument, "cluster labels do not belong to this feature table");
    const std::size_t n = f.size();
    const auto& spend = f.col("monetary");
    std::vector<ClusterProfile> out(std::size_t(std::max(0, k)));
    double totalSpend = 0;
    for (std::size_t i = 0; i < n; ++i)
        totalSpend += spend[i];
    for (int c = 0; c < k; ++c)
        out[std::size_t(c)].cluster = c;
    for (std::size_t i = 0; i < n; ++i) {
        if (label[i] < 0 || label[i] >= k)
            continue;
        auto& p = out[std::size_t(label[i])];
        p.customers += 1;
        p.revenueShare += spend[i];
    }
    for (auto& p : out) {
        p.customerShare = n ? double(p.customers) / double(n) : 0;
        p.revenueShare = totalSpend > 0 ? p.revenueShare / totalSpend : 0;
    }
    std::vector<std::vector<ProfileFact>> facts(out.size());
    for (std::size_t j = 0; j < f.numeric.size(); ++j) {
        const auto& v = f.numeric[j];
        double s = 0, s2 = 0, cnt = 0;
        std::vector<double> cs(out.size(), 0), cc(out.size(), 0);
        for (std::size_t i = 0; i < n; ++i) {
            if (isAbsent(v[i]))
                continue;
            s += v[i];
            s2 += v[i] * v[i];
            cnt += 1;
            if (label[i] >= 0 && label[i] < k) {
                cs[std::size_t(label[i])] += v[i];
                cc[std::size_t(label[i])] += 1;
            }
        }
        if (cnt < 2)
            continue;
        const double mean = s / cnt;
        const double sd = std::sqrt(std::max(0.0, s2 / cnt - mean * mean));
        if (sd < 1e-12)
            continue;
        for (std::size_t c = 0; c < out.size(); ++c) {
            // A feature most of the cluster has no value for does not describe it.
            if (cc[c] < 0.5 * double(out[c].customers) || cc[c] == 0)
                continue;
            ProfileFact fact{f.numericNames[j], cs[c] / cc[c], mean, (cs[c] / cc[c] - mean) / sd, {}};
            if (std::abs(fact.z) >= minZ)
                facts[c].push_back(std::move(fact));
        }
    }
    for (std::size_t c = 0; c < out.size(); ++c) {
        auto& fs = facts[c];
        std::sort(fs.begin(), fs.end(), [](const auto& a, const auto& b) { return std::abs(a.z) > std::abs(b.z); });
        // Keep one fact per theme: frequency and interval say the same, so do spend and basket.
        std::vector<ProfileFact> kept;
        auto theme = [](const std::string& name) -> std::string {
            if (name == "interval_days" || name == "frequency")
                return "rate";
            if (name == "monetary" || name == "avg_order_value")
                return "spend";
            return name;
        };
        for (auto& x : fs) {
            if (int(kept.size()) >= maxFacts)
                break;
            if (std::any_of(kept.begin(), kept.end(), [&](const auto& y) { return theme(y.feature) == theme(x.feature); }))
                continue;
            x.phrase = describeFact(x);
            kept.push_back(std::move(x));
        }
        auto& p = out[c];
        p.facts = std::move(kept);
        std::string s;
        for (const auto& x : p.facts)
            s += (s.empty() ? "" : ", ") + x.phrase;
        if (s.empty())
            s = "close to the average customer";
        p.sentence = s + "; " + pct(p.customerShare) + " of customers, " + pct(p.revenueShare) + " of revenue";
    }
    return out;
}

} // namespace shoppilot::segments
