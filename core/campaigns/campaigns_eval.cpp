#include "campaigns/campaigns_eval.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "common/error.h"
#include "store/database.h"

namespace shoppilot::campaigns {

namespace {

std::vector<double> ranks(const std::vector<double>& v)
{
    std::vector<std::size_t> idx(v.size());
    std::iota(idx.begin(), idx.end(), std::size_t(0));
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (std::size_t i = 0; i < idx.size();) {
        std::size_t j = i;
        while (j + 1 < idx.size() && v[idx[j + 1]] == v[idx[i]])
            ++j;
        const double avg = (double(i) + double(j)) / 2.0 + 1.0;
        for (std::size_t k = i; k <= j; ++k)
            r[idx[k]] = avg;
        i = j + 1;
    }
    return r;
}

} // namespace

double spearman(const std::vector<double>& a, const std::vector<double>& b)
{
    if (a.size() != b.size() || a.size() < 2)
        throw Error(ErrorCode::InvalidArgument, "Spearman's correlation needs two equally long lists of at least 2 values");
    const auto ra = ranks(a), rb = ranks(b);
    const double n = double(a.size());
    const double ma = std::accumulate(ra.begin(), ra.end(), 0.0) / n, mb = std::accumulate(rb.begin(), rb.end(), 0.0) / n;
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < ra.size(); ++i) {
        sab += (ra[i] - ma) * (rb[i] - mb);
        saa += (ra[i] - ma) * (ra[i] - ma);
        sbb += (rb[i] - mb) * (rb[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0.0;
}

StoreEval evaluateStore(store::Database& db, Timestamp now, const Progress& progress)
{
    ProgressReporter rep(progress);
    if (db.queryInt("SELECT COUNT(*) FROM truth_campaign_uplift").value_or(0) == 0)
        throw Error(ErrorCode::InvalidArgument, "this store has no planted campaign truth: `eval campaigns --db` needs a demo store "
                                                "(shoppilot demo-data)");
    std::unordered_map<std::int64_t, std::string> archetype;
    {
        store::Statement s(db, "SELECT customer_id, archetype FROM truth_customers");
        while (s.step())
            archetype[s.columnInt(0)] = s.columnText(1);
    }
    std::map<std::pair<std::int64_t, std::string>, double> lift;
    {
        store::Statement s(db, "SELECT campaign_id, archetype, conversion_lift FROM truth_campaign_uplift");
        while (s.step())
            lift[{s.columnInt(0), s.columnText(1)}] = s.columnDouble(2);
    }
    const OrderHistory history = loadOrderHistory(db, subProgress(rep.callback(), 0.0, 0.05));
    const auto learnable = learnableCampaigns(listCampaigns(db), now);
    const CampaignRows rows = buildRows(history, db, learnable, subProgress(rep.callback(), 0.05, 0.1));
    StoreEval ev;
    PlannerOptions options; // learner chosen per origin, on that origin's campaigns only
    auto backtests = backtestCampaigns(history, rows, options, subProgress(rep.callback(), 0.1, 0.7));
    if (backtests.empty())
        throw Error(ErrorCode::InvalidArgument, "the store has too few finished campaigns with a control group to hold any back "
                                                "(needs at least " + std::to_string(kMinPastCampaigns + 1) + ")");
    const auto learners = allLearners();
    for (std::size_t n = 0; n < backtests.size(); ++n) {
        auto& bt = backtests[n];
        StoreEvalRow r;
        r.campaign = bt.campaign;
        r.forecast = bt.forecast;
        r.actual = bt.actual;
        int target = -1;
        for (std::size_t k = 0; k < rows.campaigns.size(); ++k)
            if (rows.campaigns[k].id == bt.campaign.id)
                target = int(k);
        const auto idx = rows.rowsOf(target);
        std::vector<double> planted;
        for (const std::size_t i : idx) {
            const auto a = archetype.find(rows.customerIds[i]);
            const auto l = a == archetype.end() ? lift.end() : lift.find({bt.campaign.id, a->second});
            const double v = l == lift.end() ? 0.0 : l->second;
            planted.push_back(v);
            if (rows.conversion.treated[i])
                r.truthIncrementalConversions += v;
        }
        const auto& ic = r.forecast.incrementalConversions;
        r.truthCovered90 = r.truthIncrementalConversions >= ic.low(0.9) && r.truthIncrementalConversions <= ic.high(0.9);
        r.measuredCovered90 = consistent(ic, r.actual.incrementalConversions, r.actual.incConvSe, 0.9);
        r.salesCovered90 = consistent(r.forecast.incrementalSales, r.actual.incrementalSales, r.actual.incSalesSe, 0.9);
        std::vector<int> prior;
        for (std::size_t k = 0; k < rows.campaigns.size(); ++k)
            if (rows.campaigns[k].endAt <= bt.campaign.startAt)
                prior.push_back(int(k));
        const CampaignRows train = selectCampaigns(rows, prior);
        const CampaignRows test = selectCampaigns(rows, {target});
        for (const Learner l : learners) {
            const UpliftModel m = fitUplift(l, train.conversion);
            const auto scores = m.predictAll(test.conversion);
            r.spearman[learnerName(l)] = spearman(scores, planted);
            r.qini[learnerName(l)] = qiniCurve(scores, test.conversion.treated, test.conversion.y, 100).qini;
        }
        ev.rows.push_back(std::move(r));
        rep.report(0.7 + 0.25 * double(n + 1) / double(backtests.size()), "scoring uplift rankings");
    }
    const double k = double(ev.rows.size());
    for (const auto& r : ev.rows) {
        ev.truthCoverage90 += (r.truthCovered90 ? 1.0 : 0.0) / k;
        ev.measuredCoverage90 += (r.measuredCovered90 ? 1.0 : 0.0) / k;
        ev.salesCoverage90 += (r.salesCovered90 ? 1.0 : 0.0) / k;
        ev.meanAbsError += std::abs(r.forecast.incrementalConversions.mean - r.truthIncrementalConversions) / k;
        for (const auto& [l, v] : r.spearman)
            ev.spearman[l] += v / k;
        for (const auto& [l, v] : r.qini)
            ev.qini[l] += v / k;
    }
    ev.chosen = learnerName(chooseLearner(rows.conversion, learners, 3, 1, subProgress(rep.callback(), 0.95, 1.0)));
    return ev;
}

} // namespace shoppilot::campaigns
