// The store side of Campaigns: the campaign list with arm sizes, what an offer text promises
// (discount), planned campaigns (status 'draft' rows of `campaigns` with their plan and forecast
// kept in panel_documents), the forecasts' track record, and saving a chosen audience as a fixed
// segment (what the Overview filter and later campaigns read).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::campaigns {

struct CampaignInfo {
    std::int64_t id = 0;
    std::string externalId;
    std::string name;
    std::string channel; // email | sms | push | coupon | ads
    std::string offer;
    std::string status;  // draft | scheduled | running | finished (as stored)
    Timestamp startAt = 0;
    Timestamp endAt = 0;
    std::int64_t budgetMinor = 0;
    std::string currency;
    std::optional<std::int64_t> segmentId;
    std::int64_t treated = 0; // exposures in each arm
    std::int64_t control = 0;
    double discountPct = 0;   // from the offer text (0: none found)

    bool hasControlGroup() const { return treated > 0 && control > 0; }
    // What the panel lists: planned (draft/scheduled, or starting after `now`), running, finished.
    std::string phase(Timestamp now) const;
};

// Every campaign, oldest first, with its arm sizes.
std::vector<CampaignInfo> listCampaigns(store::Database& db);

// "15% off with SPRING15" -> 15, "11% off" -> 11; amounts ("£10 off") and other offers -> 0.
double discountFromOffer(std::string_view offer);

// A planned campaign: what the marketer entered in the planner.
struct PlanInput {
    std::string name;
    std::string channel = "email";
    double discountPct = 0;
    std::int64_t budgetMinor = 0;
    std::string currency = "GBP";
    Timestamp startAt = 0;
    Timestamp endAt = 0;
    std::optional<std::int64_t> segmentId; // the audience; none = every customer
    double controlShare = 0.15;            // kept back to measure the effect afterwards
};

// Saves the plan as a 'draft' campaign (a new row, or `campaignId`'s when it is a draft) and the
// forecast document (JSON made by the planner) beside it; returns the campaign id. An empty name,
// an end before the start, a control share outside [0.05, 0.5] or a negative budget is an Error
// (InvalidArgument) and nothing is written.
std::int64_t savePlan(store::Database& db, const PlanInput& plan, const std::string& forecastJson, Timestamp now,
                      std::optional<std::int64_t> campaignId = {});

// Forecast documents kept per campaign (panel_documents, panel 'campaigns', kind 'forecast'):
// the one saved with a plan, or a backtest the panel made from earlier campaigns only.
void saveForecastDocument(store::Database& db, std::int64_t campaignId, const std::string& json, Timestamp now);
std::optional<std::string> forecastDocument(store::Database& db, std::int64_t campaignId);

// Saves `customerIds` as a fixed-list segment named `name` (replacing one of that name); the
// definition records where it came from. Returns the segment id. Empty name or list: Error.
std::int64_t saveAudience(store::Database& db, std::string_view name, const std::vector<std::int64_t>& customerIds,
                          std::string_view sourceJson, Timestamp now);

// Members of a saved segment (none = every customer with an account before `asOf`).
std::vector<std::int64_t> audienceIds(store::Database& db, std::optional<std::int64_t> segmentId, Timestamp asOf);

struct SegmentChoice {
    std::int64_t id = 0;
    std::string name;
    std::int64_t members = 0;
};
std::vector<SegmentChoice> listAudiences(store::Database& db);

} // namespace shoppilot::campaigns
