// The campaign planner: what a campaign will do before it runs, learned from the store's past
// campaigns with control groups.
//
//  * The campaign level: the past campaigns' measured effects (difference in means between the
//    arms, per treated customer) pooled by a random-effects meta-analysis (DerSimonian-Laird):
//    the mean effect mu, its standard error, and the between-campaign variance tau^2 — how much
//    campaigns really differ beyond their measurement noise.
//  * The audience: an uplift model over customer features (core/campaigns/uplift.h; the learner
//    chosen by cross-validated Qini on the past campaigns) scores each audience member; the
//    forecast per reached customer is mu plus the audience's mean predicted uplift minus the past
//    exposures' mean (an audience of likelier responders gets more).
//  * The interval is the random-effects prediction interval for a new campaign (Higgins, Thompson
//    & Spiegelhalter 2009): mu +- t(k-2) * sqrt(tau^2 + se(mu)^2), times the reach. Fewer past
//    campaigns, wider intervals (fewer degrees of freedom, a bigger se(mu)). It is an interval for
//    the campaign's true effect; what its control group measures afterwards carries that
//    measurement's own noise on top, so forecast and measurement are compared with both
//    (consistent()).
//  * Incremental sales: the past campaigns' relative sales effects ((treated - control) / control
//    window sales per customer, delta-method variances) pooled the same way, applied to the
//    reached customers' share of the baseline below — so a campaign in a quiet week forecasts
//    less than the same campaign in a busy one. Its interval combines the effect's prediction
//    interval with the baseline's uncertainty.
//  * Baseline: the audience's daily sales forecast over the window with weekly seasonality
//    (core/forecast's default method) — what it would buy anyway — with 80/95% bands; the
//    window's total band adds the daily bounds (errors assumed fully correlated: conservative).
//  * Clicks: the channel's past click rate among treated customers times the reach.
//  * Return on the budget: (incremental sales - budget) / budget.
//  * Extrapolation is flagged, not silently predicted: a channel no past campaign used, a
//    discount or window length outside the past range, an audience unlike past audiences
//    (a customer feature's mean more than one standard deviation from the past exposures').
//
// Fewer than 3 finished campaigns with a control group: Error(InvalidArgument) saying so.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "campaigns/campaign_data.h"
#include "campaigns/campaign_store.h"
#include "campaigns/uplift.h"
#include "common/progress.h"

namespace shoppilot::campaigns {

inline constexpr int kMinPastCampaigns = 3;

// A forecast quantity: mean and a t-based prediction interval at any level.
struct Band {
    double mean = 0;
    double sd = 0;     // scale of the interval (not a standard deviation when `sumOfBounds`)
    double df = 1e9;   // degrees of freedom of the t quantile
    double floor = -1e300; // bounds are clipped here (0 for counts)
    double low(double level) const;
    double high(double level) const;
};

struct Flag {
    std::string code;    // new_channel | discount_outside | window_outside | audience_unlike
    std::string message; // English; the UI translates by code
};

struct PlanForecast {
    PlanInput plan;
    Timestamp asOf = 0;
    std::int64_t audience = 0;     // customers in the audience
    std::int64_t reach = 0;        // treated part (audience minus the control group)
    std::int64_t control = 0;
    std::string currency;
    std::string learner;           // uplift learner behind the forecast
    int pastCampaigns = 0;
    Band clicks, conversions, incrementalConversions, incrementalSales, baselineSales, roi;
    bool hasEffect = false;        // false: baseline only (no planner: too few past campaigns)
    bool hasClicks = false;
    bool hasRoi = false;
    double valuePerConversion = 0; // sales per converting treated customer in past windows
    // The window, day by day (UTC days from the plan's start): the audience's baseline sales with
    // bands, and baseline + incremental (spread by the past campaigns' timing of extra orders).
    std::vector<Timestamp> days;
    std::vector<double> baseline, baselineLo80, baselineHi80, baselineLo95, baselineHi95, withCampaign;
    std::string baselineModel;
    std::vector<Flag> flags;
    std::string made = "plan";     // plan | backtest (made after the fact from earlier campaigns)
    Timestamp madeAt = 0;
    std::string toJson() const; // what savePlan keeps (means, sd/df and 80/95% bounds)
};

// A forecast kept with a campaign (panel_documents, kind 'forecast'): what the track record
// compares with the measured effect once the campaign has finished.
struct KeptForecast {
    std::string made;   // plan | backtest
    Timestamp madeAt = 0;
    bool hasEffect = false;
    Band incrementalConversions, incrementalSales;
};
// nullopt for a document without the fields (or not JSON).
std::optional<KeptForecast> parseKeptForecast(const std::string& json);

// The part of a forecast that needs no past campaign: audience, reach, and the baseline over the
// window (a store without campaigns with control groups still sees what its audience would buy).
PlanForecast forecastBaseline(const OrderHistory& history, const std::vector<std::int64_t>& audience, const PlanInput& plan,
                              Timestamp now, const Progress& progress = {});

// What a finished campaign did, from its control group (difference in means, 95% interval).
struct Measured {
    Estimate conversionLift; // per treated customer
    Estimate salesLift;
    double incConvSe = 0, incSalesSe = 0; // standard errors of the totals below
    double incrementalConversions = 0, incConvLow = 0, incConvHigh = 0;
    double incrementalSales = 0, incSalesLow = 0, incSalesHigh = 0;
};
Measured measure(const CampaignRows& rows, int campaign);

// Whether a measured effect agrees with a forecast at `level`: |measured - forecast| within the
// t quantile (the forecast's df) times sqrt(forecast sd^2 + measurement se^2).
bool consistent(const Band& forecast, double measured, double measuredSe, double level);

struct PlannerOptions {
    std::optional<Learner> learner; // none: chosen by cross-validated Qini on the past campaigns
    FitOptions fit;
};

class Planner {
public:
    // Fits on the rows of `past` (finished campaigns with control groups, >= kMinPastCampaigns).
    static Planner fit(const CampaignRows& past, const PlannerOptions& options = {}, const Progress& progress = {});

    PlanForecast forecast(const OrderHistory& history, const std::vector<std::int64_t>& audience, const PlanInput& plan,
                          Timestamp now, const Progress& progress = {}) const;

    const UpliftModel& model() const { return m_model; }
    Learner learner() const { return m_learner; }
    int pastCampaigns() const { return m_k; }
    double valuePerConversion() const { return m_value; }
    // The random-effects pooling of the past campaigns' measured effects per treated customer.
    struct Pooled {
        double mean = 0, se = 0, tau2 = 0;
    };
    const Pooled& conversionEffect() const { return m_conv; }
    const Pooled& salesEffect() const { return m_sales; } // relative to the control arm's sales
    // DerSimonian-Laird on effects y with sampling variances v (k >= 2).
    static Pooled randomEffects(const std::vector<double>& y, const std::vector<double>& v);

private:
    UpliftModel m_model;
    Learner m_learner = Learner::TLearner;
    int m_k = 0;
    double m_value = 0;
    Pooled m_conv, m_sales;
    int m_salesCampaigns = 0; // campaigns whose control arm bought something (sales effect defined)
    double m_pastMeanTau = 0; // the model's mean predicted uplift over the past exposures
    std::vector<std::string> m_channelsSeen;
    std::vector<std::pair<std::string, double>> m_clickRates; // per past campaign: channel, rate
    double m_minDiscount = 0, m_maxDiscount = 0, m_minWindow = 0, m_maxWindow = 0;
    std::vector<double> m_featMean, m_featSd; // customer features over past exposures
    std::vector<double> m_profile;            // share of incremental first orders per window day
};

// Forecast of a finished campaign made only from the campaigns that finished before it started
// (what the planner would have said), against what its control group measured.
struct Backtest {
    CampaignInfo campaign;
    PlanForecast forecast;
    Measured actual;
};
// Every finished campaign with at least kMinPastCampaigns finished before it. `rows` holds all
// finished campaigns with control groups (buildRows).
std::vector<Backtest> backtestCampaigns(const OrderHistory& history, const CampaignRows& rows, const PlannerOptions& options,
                                        const Progress& progress = {});

// Qini view: the uplift model fitted on the campaigns before `target`, scoring `target`'s
// exposures, with the curve of its measured outcomes.
struct QiniView {
    CampaignInfo campaign;
    std::string learner;
    QiniCurve curve;            // conversions, scaled to the campaign's whole audience
    double costPerContact = 0;  // budget / treated
    double valuePerConversion = 0;
    std::int64_t audience = 0;
    double randomQini = 0;
};
QiniView qiniView(const CampaignRows& rows, int target, const PlannerOptions& options, const Progress& progress = {});

// The finished campaigns with control groups, oldest first (what the planner learns from).
std::vector<CampaignInfo> learnableCampaigns(const std::vector<CampaignInfo>& all, Timestamp now);

} // namespace shoppilot::campaigns
