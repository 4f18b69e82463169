// What the campaign models learn from: each exposure of a past campaign with a control group as
// one row — the customer's history as of the campaign's start (nothing after it), the arm, and
// the outcome in the window (an order, and its sales). The same customer features score a planned
// audience as of today.
//
// Customer features (all from orders placed strictly before `asOf`; cancelled and failed orders
// do not count): log1p(days since the last order, 730 when none), ever ordered, log1p(orders in
// the last 365 days), log1p(orders in the last 30 days), log1p(sales in the last 365 days, major
// units), log1p(average order value), log1p(days since the account was created).
// The campaign itself (channel, discount, length) is not a feature: a store has a handful of past
// campaigns, too few to learn a channel's or a discount's effect per customer. Campaign-level
// differences enter the planner as between-campaign variance instead (planner.h), and a plan
// outside what past campaigns tried is flagged.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "campaigns/campaign_store.h"
#include "campaigns/uplift.h"
#include "common/progress.h"
#include "common/time.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::campaigns {

inline constexpr int kCustomerFeatures = 7;
inline constexpr int kFeatureCount = kCustomerFeatures;
const std::vector<std::string>& featureNames();
const std::vector<std::string>& knownChannels(); // email sms push coupon ads

// Every customer's non-cancelled orders (time, total in major units), for feature building at any
// date without going back to the store.
struct OrderHistory {
    std::vector<std::int64_t> customerIds;               // sorted
    std::vector<Timestamp> createdAt;                    // account creation, per customer
    std::vector<std::vector<std::pair<Timestamp, double>>> orders; // per customer, by time
    std::string currency;
    Timestamp lastOrderAt = 0;                           // 0: no orders
    int index(std::int64_t customerId) const;            // -1 when unknown
};
OrderHistory loadOrderHistory(store::Database& db, const Progress& progress = {});

// Writes the customer features of `customerId` as of `asOf` into out[0..kCustomerFeatures).
void customerFeatures(const OrderHistory& h, int customerIndex, Timestamp asOf, double* out);

// One row per exposure of the campaigns given (each must have both arms), in campaign order.
struct CampaignRows {
    UpliftData conversion;          // y = ordered in the window (0/1)
    std::vector<double> sales;      // sales in the window (major units), same rows
    std::vector<int> firstOrderDay; // day of the window with the first order (-1: none)
    std::vector<std::int64_t> customerIds;
    std::vector<int> campaignOf;    // index into `campaigns`
    std::vector<CampaignInfo> campaigns;
    std::vector<double> clickRate;  // per campaign: clicked share of treated (NaN: not recorded)
    std::vector<std::size_t> rowsOf(int campaign) const;
};
// The rows of the campaigns `which` (indices into rows.campaigns), renumbered in that order.
CampaignRows selectCampaigns(const CampaignRows& rows, const std::vector<int>& which);
CampaignRows buildRows(const OrderHistory& h, store::Database& db, const std::vector<CampaignInfo>& campaigns,
                       const Progress& progress = {});

// Rows of one audience for a planned campaign (treated = 1 on every row, y = 0): features as of
// `asOf` (the plan's start, or today when it lies in the future).
UpliftData planRows(const OrderHistory& h, const std::vector<std::int64_t>& customerIds, Timestamp asOf,
                    std::vector<std::int64_t>* keptIds = nullptr);

} // namespace shoppilot::campaigns
