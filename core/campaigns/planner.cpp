#include "campaigns/planner.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>

#include "common/error.h"
#include "common/stats.h"
#include "forecast/forecast.h"

namespace shoppilot::campaigns {

using nlohmann::json;

namespace {

constexpr double kDay = 86400.0;

Timestamp dayStart(Timestamp t)
{
    return Timestamp(std::floor(double(t) / kDay) * kDay);
}

double windowDays(const CampaignInfo& c)
{
    return double(c.endAt - c.startAt) / kDay;
}

// Sales per converting treated customer in the window, over the rows given.
double salesPerConversion(const CampaignRows& r, const std::vector<std::size_t>& rows)
{
    double sales = 0, conv = 0;
    for (const std::size_t i : rows)
        if (r.conversion.treated[i] && r.conversion.y[i] > 0) {
            sales += r.sales[i];
            conv += 1;
        }
    return conv > 0 ? sales / conv : 0.0;
}

std::vector<std::size_t> allRows(const CampaignRows& r)
{
    std::vector<std::size_t> v(r.conversion.treated.size());
    std::iota(v.begin(), v.end(), std::size_t(0));
    return v;
}

Estimate effectOn(const CampaignRows& r, const std::vector<std::size_t>& rows, bool sales)
{
    std::vector<std::uint8_t> t;
    std::vector<double> y;
    t.reserve(rows.size());
    y.reserve(rows.size());
    for (const std::size_t i : rows) {
        t.push_back(r.conversion.treated[i]);
        y.push_back(sales ? r.sales[i] : r.conversion.y[i]);
    }
    return averageEffect(t, y, 0.95);
}

json bandJson(const Band& b)
{
    return json{{"mean", b.mean}, {"sd", b.sd},         {"df", b.df},           {"lo80", b.low(0.8)},
                {"hi80", b.high(0.8)}, {"lo95", b.low(0.95)}, {"hi95", b.high(0.95)}};
}

std::optional<Band> bandFrom(const json& j, const char* key)
{
    if (!j.contains(key) || !j[key].is_object())
        return std::nullopt;
    const json& b = j[key];
    if (!b.contains("mean") || !b.contains("sd") || !b.contains("df") || !b["mean"].is_number() || !b["sd"].is_number() ||
        !b["df"].is_number())
        return std::nullopt;
    return Band{b["mean"].get<double>(), b["sd"].get<double>(), b["df"].get<double>(), -1e300};
}

} // namespace

double Band::low(double level) const
{
    if (sd <= 0)
        return std::max(mean, floor);
    const double q = stats::studentTQuantile(0.5 + level / 2, std::max(1.0, df));
    return std::max(floor, mean - q * sd);
}

double Band::high(double level) const
{
    if (sd <= 0)
        return std::max(mean, floor);
    const double q = stats::studentTQuantile(0.5 + level / 2, std::max(1.0, df));
    return std::max(floor, mean + q * sd);
}

std::string PlanForecast::toJson() const
{
    json flagsJ = json::array();
    for (const auto& f : flags)
        flagsJ.push_back({{"code", f.code}, {"message", f.message}});
    json j{{"version", 1},
           {"made", made},
           {"made_at", madeAt},
           {"as_of", asOf},
           {"audience", audience},
           {"reach", reach},
           {"control", control},
           {"currency", currency},
           {"learner", learner},
           {"past_campaigns", pastCampaigns},
           {"channel", plan.channel},
           {"discount_pct", plan.discountPct},
           {"budget_minor", plan.budgetMinor},
           {"start_at", plan.startAt},
           {"end_at", plan.endAt},
           {"baseline_sales", bandJson(baselineSales)},
           {"value_per_conversion", valuePerConversion},
           {"baseline_model", baselineModel},
           {"flags", flagsJ}};
    if (hasEffect) {
        j["conversions"] = bandJson(conversions);
        j["incremental_conversions"] = bandJson(incrementalConversions);
        j["incremental_sales"] = bandJson(incrementalSales);
    }
    if (hasClicks)
        j["clicks"] = bandJson(clicks);
    if (hasRoi)
        j["roi"] = bandJson(roi);
    return j.dump();
}

std::optional<KeptForecast> parseKeptForecast(const std::string& text)
{
    const json j = json::parse(text, nullptr, false);
    if (!j.is_object())
        return std::nullopt;
    KeptForecast k;
    k.made = j.value("made", std::string("plan"));
    k.madeAt = j.value("made_at", Timestamp(0));
    const auto ic = bandFrom(j, "incremental_conversions"), is = bandFrom(j, "incremental_sales");
    k.hasEffect = ic && is;
    if (k.hasEffect) {
        k.incrementalConversions = *ic;
        k.incrementalSales = *is;
    }
    return k;
}

Measured measure(const CampaignRows& rows, int campaign)
{
    const auto idx = rows.rowsOf(campaign);
    Measured m;
    m.conversionLift = effectOn(rows, idx, false);
    m.salesLift = effectOn(rows, idx, true);
    const double nT = double(m.conversionLift.nTreated);
    m.incrementalConversions = m.conversionLift.estimate * nT;
    m.incConvLow = m.conversionLift.ciLow * nT;
    m.incConvHigh = m.conversionLift.ciHigh * nT;
    m.incrementalSales = m.salesLift.estimate * nT;
    m.incSalesLow = m.salesLift.ciLow * nT;
    m.incSalesHigh = m.salesLift.ciHigh * nT;
    m.incConvSe = m.conversionLift.se * nT;
    m.incSalesSe = m.salesLift.se * nT;
    return m;
}

bool consistent(const Band& forecast, double measured, double measuredSe, double level)
{
    const double q = stats::studentTQuantile(0.5 + level / 2, std::max(1.0, forecast.df));
    return std::abs(measured - forecast.mean) <= q * std::sqrt(forecast.sd * forecast.sd + measuredSe * measuredSe);
}

std::vector<CampaignInfo> learnableCampaigns(const std::vector<CampaignInfo>& all, Timestamp now)
{
    std::vector<CampaignInfo> out;
    for (const auto& c : all)
        if (c.phase(now) == "finished" && c.hasControlGroup())
            out.push_back(c);
    return out;
}

Planner::Pooled Planner::randomEffects(const std::vector<double>& y, const std::vector<double>& v)
{
    if (y.size() != v.size() || y.size() < 2)
        throw Error(ErrorCode::InvalidArgument, "pooling campaign effects needs at least two campaigns");
    double sw = 0, sw2 = 0, swy = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        const double w = 1.0 / v[i];
        sw += w;
        sw2 += w * w;
        swy += w * y[i];
    }
    const double fixed = swy / sw;
    double q = 0;
    for (std::size_t i = 0; i < y.size(); ++i)
        q += (y[i] - fixed) * (y[i] - fixed) / v[i];
    Pooled r;
    r.tau2 = std::max(0.0, (q - double(y.size() - 1)) / (sw - sw2 / sw));
    double sws = 0, swsy = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        const double w = 1.0 / (v[i] + r.tau2);
        sws += w;
        swsy += w * y[i];
    }
    r.mean = swsy / sws;
    r.se = std::sqrt(1.0 / sws);
    return r;
}

Planner Planner::fit(const CampaignRows& past, const PlannerOptions& options, const Progress& progress)
{
    ProgressReporter rep(progress);
    const int k = int(past.campaigns.size());
    if (k < kMinPastCampaigns)
        throw Error(ErrorCode::InvalidArgument,
                    "the planner learns from finished campaigns with a control group: this store has " + std::to_string(k) +
                        ", it needs at least " + std::to_string(kMinPastCampaigns) +
                        ". Run campaigns that keep a control group (5-20% of the audience) first.");
    Planner p;
    p.m_k = k;
    if (options.learner) {
        p.m_learner = *options.learner;
    } else {
        p.m_learner = chooseLearner(past.conversion, {Learner::TLearner, Learner::XLearner, Learner::DRLearner}, 3,
                                    options.fit.seed, subProgress(rep.callback(), 0.0, 0.3));
    }
    const double fitFrom = options.learner ? 0.0 : 0.3;
    p.m_model = fitUplift(p.m_learner, past.conversion, options.fit, subProgress(rep.callback(), fitFrom, 0.95));
    {
        const auto tau = p.m_model.predictAll(past.conversion);
        p.m_pastMeanTau = tau.empty() ? 0.0 : std::accumulate(tau.begin(), tau.end(), 0.0) / double(tau.size());
    }
    // The campaign level: each past campaign's measured effect, pooled with random effects.
    {
        std::vector<double> yc, vc, ys, vs;
        for (int c = 0; c < k; ++c) {
            const auto idx = past.rowsOf(c);
            const Estimate ec = effectOn(past, idx, false);
            yc.push_back(ec.estimate);
            vc.push_back(std::max(ec.se * ec.se, 1e-12));
            // Sales relative to the control arm's: (mean_t - mean_c) / mean_c, delta-method variance.
            double st = 0, st2 = 0, nt = 0, sc = 0, sc2 = 0, nc = 0;
            for (const std::size_t i : idx) {
                const double v = past.sales[i];
                if (past.conversion.treated[i]) {
                    st += v;
                    st2 += v * v;
                    nt += 1;
                } else {
                    sc += v;
                    sc2 += v * v;
                    nc += 1;
                }
            }
            const double mt = st / nt, mc = sc / nc;
            if (mc <= 0 || nt < 2 || nc < 2)
                continue;
            const double vt = (st2 - st * st / nt) / (nt - 1) / nt, vcn = (sc2 - sc * sc / nc) / (nc - 1) / nc;
            ys.push_back(mt / mc - 1.0);
            vs.push_back(std::max(vt / (mc * mc) + mt * mt * vcn / (mc * mc * mc * mc), 1e-12));
        }
        p.m_conv = randomEffects(yc, vc);
        if (ys.size() >= 2)
            p.m_sales = randomEffects(ys, vs);
        p.m_salesCampaigns = int(ys.size());
    }
    const auto all = allRows(past);
    p.m_value = salesPerConversion(past, all);

    // What the past covers: channels, discounts, window lengths, click rates, audiences.
    p.m_minDiscount = p.m_maxDiscount = past.campaigns.front().discountPct;
    p.m_minWindow = p.m_maxWindow = windowDays(past.campaigns.front());
    for (std::size_t c = 0; c < past.campaigns.size(); ++c) {
        const auto& ci = past.campaigns[c];
        if (std::find(p.m_channelsSeen.begin(), p.m_channelsSeen.end(), ci.channel) == p.m_channelsSeen.end())
            p.m_channelsSeen.push_back(ci.channel);
        p.m_minDiscount = std::min(p.m_minDiscount, ci.discountPct);
        p.m_maxDiscount = std::max(p.m_maxDiscount, ci.discountPct);
        p.m_minWindow = std::min(p.m_minWindow, windowDays(ci));
        p.m_maxWindow = std::max(p.m_maxWindow, windowDays(ci));
        if (c < past.clickRate.size() && !std::isnan(past.clickRate[c]))
            p.m_clickRates.emplace_back(ci.channel, past.clickRate[c]);
    }
    const std::size_t n = past.conversion.rows();
    const std::size_t cols = std::size_t(past.conversion.cols);
    p.m_featMean.assign(kCustomerFeatures, 0.0);
    p.m_featSd.assign(kCustomerFeatures, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        for (int f = 0; f < kCustomerFeatures; ++f)
            p.m_featMean[std::size_t(f)] += past.conversion.x[i * cols + std::size_t(f)] / double(n);
    for (std::size_t i = 0; i < n; ++i)
        for (int f = 0; f < kCustomerFeatures; ++f) {
            const double d = past.conversion.x[i * cols + std::size_t(f)] - p.m_featMean[std::size_t(f)];
            p.m_featSd[std::size_t(f)] += d * d / double(std::max<std::size_t>(n - 1, 1));
        }
    for (auto& v : p.m_featSd)
        v = std::sqrt(v);

    // When the extra orders come: per window day, the treated minus the control share of
    // customers whose first order in the window fell on that day, pooled over campaigns.
    const int maxDay = int(std::ceil(p.m_maxWindow)) + 1;
    std::vector<double> prof(std::size_t(maxDay), 0.0);
    for (int c = 0; c < k; ++c) {
        double nt = 0, nc = 0;
        std::vector<double> t(std::size_t(maxDay), 0.0), u(std::size_t(maxDay), 0.0);
        for (const std::size_t i : past.rowsOf(c)) {
            const int d = past.firstOrderDay[i];
            (past.conversion.treated[i] ? nt : nc) += 1;
            if (d >= 0 && d < maxDay)
                (past.conversion.treated[i] ? t : u)[std::size_t(d)] += 1;
        }
        for (int d = 0; d < maxDay; ++d)
            prof[std::size_t(d)] += t[std::size_t(d)] / std::max(nt, 1.0) - u[std::size_t(d)] / std::max(nc, 1.0);
    }
    double total = 0;
    for (auto& v : prof)
        total += (v = std::max(0.0, v));
    if (total <= 0)
        std::fill(prof.begin(), prof.end(), 1.0 / double(maxDay));
    else
        for (auto& v : prof)
            v /= total;
    p.m_profile = prof;

    rep.report(1.0, "campaign models fitted");
    return p;
}

PlanForecast forecastBaseline(const OrderHistory& history, const std::vector<std::int64_t>& audience, const PlanInput& plan,
                              Timestamp now, const Progress& progress)
{
    if (plan.endAt <= plan.startAt)
        throw Error(ErrorCode::InvalidArgument, "the campaign ends before it starts: pick an end date after the start");
    if (audience.empty())
        throw Error(ErrorCode::InvalidArgument, "the audience is empty: pick a segment with members");
    if (plan.controlShare < 0 || plan.controlShare > 0.9)
        throw Error(ErrorCode::InvalidArgument, "the control share must be between 0% and 90% of the audience");
    ProgressReporter rep(progress);
    PlanForecast f;
    f.plan = plan;
    f.asOf = std::min(plan.startAt, now);
    // A store whose data stops before today (not synced lately): read it as of its last day.
    if (history.lastOrderAt > 0) {
        const Timestamp dataEnd = dayStart(history.lastOrderAt) + Timestamp(kDay);
        if (dataEnd + Timestamp(2 * kDay) < dayStart(f.asOf))
            f.flags.push_back({"stale_data", "The store's orders end on " + formatDate(dataEnd - 1) +
                                                 ": the forecast starts from there. Sync the shop for a current baseline."});
        f.asOf = std::min(f.asOf, dataEnd);
        if (plan.startAt > dataEnd + Timestamp(365 * kDay))
            throw Error(ErrorCode::InvalidArgument, "the store's orders end on " + formatDate(dataEnd - 1) +
                                                        ": a baseline more than a year past its data is not forecast. Sync the "
                                                        "shop, or plan the campaign within a year of " +
                                                        formatDate(dataEnd - 1) + ".");
    }
    f.currency = history.currency;
    f.audience = std::int64_t(audience.size());
    f.control = std::int64_t(std::llround(double(audience.size()) * plan.controlShare));
    f.reach = f.audience - f.control;
    // Baseline: the audience's daily sales over the last 52 weeks, forecast through the window.
    const Timestamp today = f.asOf == dayStart(f.asOf) ? f.asOf : dayStart(f.asOf);
    constexpr int kHistoryDays = 364;
    std::vector<double> daily(kHistoryDays, 0.0);
    const Timestamp from = today - Timestamp(kHistoryDays) * Timestamp(kDay);
    for (const auto cid : audience) {
        const int ci = history.index(cid);
        if (ci < 0)
            continue;
        const auto& o = history.orders[std::size_t(ci)];
        for (auto it = std::lower_bound(o.begin(), o.end(), std::make_pair(from, -1e300)); it != o.end() && it->first < today; ++it)
            daily[std::size_t((it->first - from) / Timestamp(kDay))] += it->second;
    }
    // A store younger than a year: forecast from its first sale on.
    std::size_t first = 0;
    while (first < daily.size() && daily[first] == 0)
        ++first;
    if (daily.size() - first < 28)
        first = daily.size() >= 28 ? daily.size() - 28 : 0;
    const std::vector<double> y(daily.begin() + std::ptrdiff_t(first), daily.end());
    const int startDay = int((dayStart(plan.startAt) - today) / Timestamp(kDay));
    const int endDay = int(std::ceil(double(plan.endAt - today) / kDay));
    const int horizon = std::max(1, endDay);
    rep.report(0.2, "forecasting the baseline");
    const auto fc = forecast::forecast(y, 7, horizon, forecast::Method::Default);
    f.baselineModel = fc.model;
    double sum = 0, lo95 = 0, hi95 = 0;
    for (int h = std::max(0, startDay); h < horizon; ++h) {
        const std::size_t i = std::size_t(h);
        f.days.push_back(today + Timestamp(h) * Timestamp(kDay));
        f.baseline.push_back(std::max(0.0, fc.mean[i]));
        f.baselineLo80.push_back(std::max(0.0, fc.lo80[i]));
        f.baselineHi80.push_back(std::max(0.0, fc.hi80[i]));
        f.baselineLo95.push_back(std::max(0.0, fc.lo95[i]));
        f.baselineHi95.push_back(std::max(0.0, fc.hi95[i]));
        f.withCampaign.push_back(f.baseline.back());
        sum += f.baseline.back();
        lo95 += f.baselineLo95.back();
        hi95 += f.baselineHi95.back();
    }
    const double z95 = stats::normalQuantile(0.975);
    f.baselineSales = Band{sum, (hi95 - lo95) / (2 * z95), 1e9, 0.0};

    rep.report(1.0, "baseline ready");
    return f;
}

PlanForecast Planner::forecast(const OrderHistory& history, const std::vector<std::int64_t>& audience, const PlanInput& plan,
                               Timestamp now, const Progress& progress) const
{
    ProgressReporter rep(progress);
    PlanForecast f = forecastBaseline(history, audience, plan, now, subProgress(rep.callback(), 0.0, 0.5));
    f.learner = learnerName(m_learner);
    f.pastCampaigns = m_k;
    f.valuePerConversion = m_value;
    f.hasEffect = true;

    const UpliftData rows = planRows(history, audience, f.asOf);
    const std::size_t cols = std::size_t(rows.cols);
    double tauSum = 0, mu0Sum = 0;
    std::vector<double> featMean(kCustomerFeatures, 0.0);
    for (std::size_t i = 0; i < rows.rows(); ++i) {
        const double* x = rows.x.data() + i * cols;
        tauSum += m_model.predict(x);
        mu0Sum += m_model.predictOutcome(x, false);
        for (int k = 0; k < kCustomerFeatures; ++k)
            featMean[std::size_t(k)] += x[k] / double(rows.rows());
    }
    rep.report(0.6, "scoring the audience");
    const double n = double(rows.rows());
    const double lift = tauSum / n, base = mu0Sum / n;
    const double reach = double(f.reach);
    const double k = double(m_k);
    // The interval is for the campaign's true effect; what its control group will measure adds
    // that measurement's own noise (Measured's interval), which the track record accounts for.
    const double sConv = std::sqrt(m_conv.tau2 + m_conv.se * m_conv.se);
    const double df = std::max(1.0, k - 2);
    const double shift = lift - m_pastMeanTau; // this audience against the past exposures
    const double perCustomer = m_conv.mean + shift;
    f.incrementalConversions = Band{reach * perCustomer, reach * sConv, df, -1e300};
    f.conversions = Band{reach * (base + perCustomer), reach * sConv, df, 0.0};

    // Clicks: the channel's past click rates.
    std::vector<double> rates;
    for (const auto& [ch, r] : m_clickRates)
        if (ch == plan.channel)
            rates.push_back(r);
    if (rates.empty())
        for (const auto& [ch, r] : m_clickRates)
            rates.push_back(r);
    if (!rates.empty()) {
        const double rm = std::accumulate(rates.begin(), rates.end(), 0.0) / double(rates.size());
        double sd = rm * 0.5;
        if (rates.size() >= 2) {
            double s = 0;
            for (const double r : rates)
                s += (r - rm) * (r - rm);
            sd = std::sqrt(s / double(rates.size() - 1));
        }
        const double c = double(rates.size());
        f.clicks = Band{reach * rm, reach * sd * std::sqrt(1 + 1 / c), std::max(1.0, c - 1), 0.0};
        f.hasClicks = true;
    } else {
        f.flags.push_back({"no_click_data", "No past campaign recorded clicks: the click forecast is left out."});
    }

    // When the extra sales come, per window day (the past campaigns' timing of extra orders).
    std::vector<double> profile(f.days.size(), f.days.empty() ? 0.0 : 1.0 / double(f.days.size()));
    double profTotal = 0;
    for (std::size_t d = 0; d < f.days.size() && d < m_profile.size(); ++d)
        profTotal += m_profile[d];
    if (profTotal > 0)
        for (std::size_t d = 0; d < f.days.size(); ++d)
            profile[d] = d < m_profile.size() ? m_profile[d] / profTotal : 0.0;

    // Incremental sales: the pooled relative sales effect on what the reached customers would buy
    // anyway (their share of the baseline), with both uncertainties (product of two estimates).
    const double share = f.audience > 0 ? reach / double(f.audience) : 0.0;
    const double b = f.baselineSales.mean * share, sdB = f.baselineSales.sd * share;
    const double rel = m_sales.mean, sdRel = std::sqrt(m_sales.tau2 + m_sales.se * m_sales.se);
    f.incrementalSales = Band{rel * b, std::sqrt(b * b * sdRel * sdRel + rel * rel * sdB * sdB),
                              std::max(1.0, double(m_salesCampaigns) - 2), -1e300};
    if (m_salesCampaigns < 2)
        f.flags.push_back({"no_sales_effect", "Past campaigns' control groups bought nothing in their windows: the sales effect "
                                              "cannot be estimated."});
    for (std::size_t d = 0; d < f.days.size(); ++d)
        f.withCampaign[d] = f.baseline[d] + f.incrementalSales.mean * profile[d];

    if (plan.budgetMinor > 0) {
        const double budget = double(plan.budgetMinor) / 100.0;
        f.hasRoi = true;
        f.roi = Band{(f.incrementalSales.mean - budget) / budget, f.incrementalSales.sd / budget, f.incrementalSales.df, -1e300};
    }

    // Extrapolation flags.
    if (std::find(m_channelsSeen.begin(), m_channelsSeen.end(), plan.channel) == m_channelsSeen.end())
        f.flags.push_back({"new_channel", "No past campaign used the channel '" + plan.channel +
                                              "': the forecast borrows from other channels and may be far off."});
    if (plan.discountPct < m_minDiscount - 0.5 || plan.discountPct > m_maxDiscount + 0.5)
        f.flags.push_back({"discount_outside", "Past campaigns offered " + std::to_string(int(m_minDiscount + 0.5)) + "-" +
                                                   std::to_string(int(m_maxDiscount + 0.5)) +
                                                   "% off: this discount was never tried, the forecast extrapolates."});
    const double wd = double(plan.endAt - plan.startAt) / kDay;
    if (wd < m_minWindow - 0.5 || wd > m_maxWindow + 0.5)
        f.flags.push_back({"window_outside", "Past campaigns ran " + std::to_string(int(m_minWindow + 0.5)) + "-" +
                                                 std::to_string(int(m_maxWindow + 0.5)) +
                                                 " days: this length was never tried, the forecast extrapolates."});
    for (int q = 0; q < kCustomerFeatures; ++q) {
        const double sd = m_featSd[std::size_t(q)];
        if (sd > 0 && std::abs(featMean[std::size_t(q)] - m_featMean[std::size_t(q)]) > sd) {
            f.flags.push_back({"audience_unlike", "The audience differs from past campaigns' audiences (" +
                                                      featureNames()[std::size_t(q)] +
                                                      " more than one standard deviation away): the forecast extrapolates."});
            break;
        }
    }
    rep.report(1.0, "forecast ready");
    return f;
}

std::vector<Backtest> backtestCampaigns(const OrderHistory& history, const CampaignRows& rows, const PlannerOptions& options,
                                        const Progress& progress)
{
    ProgressReporter rep(progress);
    std::vector<Backtest> out;
    const int k = int(rows.campaigns.size());
    std::vector<int> targets;
    for (int t = 0; t < k; ++t) {
        int before = 0;
        for (int o = 0; o < k; ++o)
            before += rows.campaigns[std::size_t(o)].endAt <= rows.campaigns[std::size_t(t)].startAt ? 1 : 0;
        if (before >= kMinPastCampaigns)
            targets.push_back(t);
    }
    for (std::size_t n = 0; n < targets.size(); ++n) {
        const int t = targets[n];
        const CampaignInfo& c = rows.campaigns[std::size_t(t)];
        std::vector<int> prior;
        for (int o = 0; o < k; ++o)
            if (rows.campaigns[std::size_t(o)].endAt <= c.startAt)
                prior.push_back(o);
        const double a = double(n) / double(targets.size()), b = double(n + 1) / double(targets.size());
        const Planner p = Planner::fit(selectCampaigns(rows, prior), options, subProgress(rep.callback(), a, a + (b - a) * 0.9));
        std::vector<std::int64_t> audience;
        for (const std::size_t i : rows.rowsOf(t))
            audience.push_back(rows.customerIds[i]);
        PlanInput plan;
        plan.name = c.name;
        plan.channel = c.channel;
        plan.discountPct = c.discountPct;
        plan.budgetMinor = c.budgetMinor;
        plan.currency = c.currency;
        plan.startAt = c.startAt;
        plan.endAt = c.endAt;
        plan.controlShare = double(c.control) / double(c.control + c.treated);
        Backtest bt;
        bt.campaign = c;
        bt.forecast = p.forecast(history, audience, plan, c.startAt);
        bt.forecast.made = "backtest";
        bt.actual = measure(rows, t);
        out.push_back(std::move(bt));
        rep.report(b, "backtesting campaign forecasts");
    }
    return out;
}

QiniView qiniView(const CampaignRows& rows, int target, const PlannerOptions& options, const Progress& progress)
{
    const int k = int(rows.campaigns.size());
    if (target < 0 || target >= k)
        throw Error(ErrorCode::InvalidArgument, "no such campaign to score");
    const CampaignInfo& c = rows.campaigns[std::size_t(target)];
    std::vector<int> train;
    for (int o = 0; o < k; ++o)
        if (rows.campaigns[std::size_t(o)].endAt <= c.startAt)
            train.push_back(o);
    if (int(train.size()) < kMinPastCampaigns) { // too little before it: every other campaign
        train.clear();
        for (int o = 0; o < k; ++o)
            if (o != target)
                train.push_back(o);
    }
    const Planner p = Planner::fit(selectCampaigns(rows, train), options, subProgress(progress, 0.0, 0.9));
    const CampaignRows one = selectCampaigns(rows, {target});
    QiniView v;
    v.campaign = c;
    v.learner = learnerName(p.learner());
    const auto scores = p.model().predictAll(one.conversion);
    v.curve = qiniCurve(scores, one.conversion.treated, one.conversion.y, 100);
    v.audience = std::int64_t(one.conversion.rows());
    v.costPerContact = c.treated > 0 ? double(c.budgetMinor) / 100.0 / double(c.treated) : 0.0;
    v.valuePerConversion = p.valuePerConversion();
    return v;
}

} // namespace shoppilot::campaigns
