#include "campaigns/campaign_data.h"

#include <algorithm>
#include <cmath>

#include "common/error.h"
#include "store/database.h"

namespace shoppilot::campaigns {

namespace {
constexpr double kDay = 86400.0;
constexpr double kNeverDays = 730.0;
} // namespace

const std::vector<std::string>& featureNames()
{
    static const std::vector<std::string> v{"log_days_since_last_order", "has_ordered", "log_orders_365d", "log_orders_30d",
                                            "log_sales_365d", "log_avg_order_value", "log_tenure_days"};
    return v;
}

const std::vector<std::string>& knownChannels()
{
    static const std::vector<std::string> v{"email", "sms", "push", "coupon", "ads"};
    return v;
}

int OrderHistory::index(std::int64_t customerId) const
{
    const auto it = std::lower_bound(customerIds.begin(), customerIds.end(), customerId);
    return it != customerIds.end() && *it == customerId ? int(it - customerIds.begin()) : -1;
}

OrderHistory loadOrderHistory(store::Database& db, const Progress& progress)
{
    ProgressReporter rep(progress);
    OrderHistory h;
    {
        store::Statement s(db, "SELECT id, created_at FROM customers ORDER BY id");
        while (s.step()) {
            h.customerIds.push_back(s.columnInt(0));
            h.createdAt.push_back(s.columnInt(1));
        }
    }
    h.orders.resize(h.customerIds.size());
    rep.report(0.1, "reading orders");
    const std::int64_t total = db.queryInt("SELECT COUNT(*) FROM orders").value_or(0);
    std::int64_t n = 0;
    h.currency = db.queryText("SELECT currency FROM orders GROUP BY currency ORDER BY COUNT(*) DESC LIMIT 1").value_or("");
    store::Statement s(db, "SELECT customer_id, created_at, total_minor FROM orders"
                           " WHERE customer_id IS NOT NULL AND status NOT IN ('cancelled','failed') ORDER BY customer_id, created_at");
    int last = -1;
    std::int64_t lastId = -1;
    while (s.step()) {
        const std::int64_t cid = s.columnInt(0);
        if (cid != lastId) {
            last = h.index(cid);
            lastId = cid;
        }
        if (last >= 0) {
            h.orders[std::size_t(last)].emplace_back(s.columnInt(1), double(s.columnInt(2)) / 100.0);
            h.lastOrderAt = std::max(h.lastOrderAt, s.columnInt(1));
        }
        if ((++n & 4095) == 0)
            rep.report(0.1 + 0.9 * double(n) / double(std::max<std::int64_t>(total, 1)), "reading orders");
    }
    rep.report(1.0, "reading orders");
    return h;
}

void customerFeatures(const OrderHistory& h, int ci, Timestamp asOf, double* out)
{
    std::fill(out, out + kCustomerFeatures, 0.0);
    double tenureDays = 0;
    if (ci >= 0) {
        tenureDays = std::max(0.0, double(asOf - h.createdAt[std::size_t(ci)]) / kDay);
        const auto& o = h.orders[std::size_t(ci)];
        const auto end = std::lower_bound(o.begin(), o.end(), std::make_pair(asOf, -1e300));
        int n365 = 0, n30 = 0, nAll = 0;
        double s365 = 0, sAll = 0;
        for (auto it = o.begin(); it != end; ++it) {
            ++nAll;
            sAll += it->second;
            const double age = double(asOf - it->first) / kDay;
            if (age <= 365) {
                ++n365;
                s365 += it->second;
            }
            if (age <= 30)
                ++n30;
        }
        const double since = nAll ? double(asOf - std::prev(end)->first) / kDay : kNeverDays;
        out[0] = std::log1p(std::min(since, kNeverDays));
        out[1] = nAll ? 1.0 : 0.0;
        out[2] = std::log1p(n365);
        out[3] = std::log1p(n30);
        out[4] = std::log1p(std::max(0.0, s365));
        out[5] = nAll ? std::log1p(std::max(0.0, sAll / nAll)) : 0.0;
    } else {
        out[0] = std::log1p(kNeverDays);
    }
    out[6] = std::log1p(tenureDays);
}

CampaignRows buildRows(const OrderHistory& h, store::Database& db, const std::vector<CampaignInfo>& campaigns,
                       const Progress& progress)
{
    ProgressReporter rep(progress);
    CampaignRows r;
    r.campaigns = campaigns;
    r.conversion.cols = kFeatureCount;
    r.conversion.featureNames = featureNames();
    store::Statement s(db, "SELECT customer_id, arm FROM campaign_exposures WHERE campaign_id = ? ORDER BY customer_id");
    for (std::size_t k = 0; k < campaigns.size(); ++k) {
        const CampaignInfo& c = campaigns[k];
        if (!c.hasControlGroup())
            throw Error(ErrorCode::InvalidArgument, "campaign '" + c.name + "' has no control group: its effect cannot be measured");
        s.reset();
        s.bind(1, c.id);
        while (s.step()) {
            const std::int64_t cid = s.columnInt(0);
            const int ci = h.index(cid);
            double row[kFeatureCount];
            customerFeatures(h, ci, c.startAt, row);
            r.conversion.x.insert(r.conversion.x.end(), row, row + kFeatureCount);
            r.conversion.treated.push_back(s.columnText(1) == "treatment" ? 1 : 0);
            double sales = 0;
            bool ordered = false;
            int firstDay = -1;
            if (ci >= 0) {
                const auto& o = h.orders[std::size_t(ci)];
                for (auto it = std::lower_bound(o.begin(), o.end(), std::make_pair(c.startAt, -1e300));
                     it != o.end() && it->first < c.endAt; ++it) {
                    if (!ordered)
                        firstDay = int(double(it->first - c.startAt) / kDay);
                    ordered = true;
                    sales += it->second;
                }
            }
            r.conversion.y.push_back(ordered ? 1.0 : 0.0);
            r.sales.push_back(sales);
            r.firstOrderDay.push_back(firstDay);
            r.customerIds.push_back(cid);
            r.campaignOf.push_back(int(k));
        }
        store::Statement clicks(db, "SELECT AVG(clicked), COUNT(clicked) FROM campaign_exposures WHERE campaign_id = ?"
                                    " AND arm = 'treatment'");
        clicks.bind(1, c.id);
        r.clickRate.push_back(clicks.step() && clicks.columnInt(1) > 0 ? clicks.columnDouble(0) : std::nan(""));
        rep.report(double(k + 1) / double(campaigns.size()), "reading campaign exposures");
    }
    return r;
}

std::vector<std::size_t> CampaignRows::rowsOf(int campaign) const
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < campaignOf.size(); ++i)
        if (campaignOf[i] == campaign)
            out.push_back(i);
    return out;
}

CampaignRows selectCampaigns(const CampaignRows& rows, const std::vector<int>& which)
{
    CampaignRows r;
    r.conversion.cols = rows.conversion.cols;
    r.conversion.featureNames = rows.conversion.featureNames;
    const std::size_t cols = std::size_t(rows.conversion.cols);
    for (std::size_t n = 0; n < which.size(); ++n) {
        const int k = which[n];
        r.campaigns.push_back(rows.campaigns.at(std::size_t(k)));
        r.clickRate.push_back(rows.clickRate.at(std::size_t(k)));
        for (const std::size_t i : rows.rowsOf(k)) {
            r.conversion.x.insert(r.conversion.x.end(), rows.conversion.x.begin() + std::ptrdiff_t(i * cols),
                                  rows.conversion.x.begin() + std::ptrdiff_t((i + 1) * cols));
            r.conversion.treated.push_back(rows.conversion.treated[i]);
            r.conversion.y.push_back(rows.conversion.y[i]);
            r.sales.push_back(rows.sales[i]);
            r.firstOrderDay.push_back(rows.firstOrderDay[i]);
            r.customerIds.push_back(rows.customerIds[i]);
            r.campaignOf.push_back(int(n));
        }
    }
    return r;
}

UpliftData planRows(const OrderHistory& h, const std::vector<std::int64_t>& customerIds, Timestamp asOf,
                    std::vector<std::int64_t>* keptIds)
{
    UpliftData d;
    d.cols = kFeatureCount;
    d.featureNames = featureNames();
    d.x.reserve(customerIds.size() * kFeatureCount);
    for (const auto cid : customerIds) {
        double row[kFeatureCount];
        customerFeatures(h, h.index(cid), asOf, row);
        d.x.insert(d.x.end(), row, row + kFeatureCount);
        d.treated.push_back(1);
        d.y.push_back(0);
        if (keptIds)
            keptIds->push_back(cid);
    }
    return d;
}

} // namespace shoppilot::campaigns
