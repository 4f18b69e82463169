// Order features for the fraud score, each computed as of the order's own time: one sweep over
// the orders sorted by time keeps per-key sliding windows (customer, device, IP, card, shipping
// address) and the labels known so far (a chargeback or a reject decision is known from its
// own time on), so no feature looks ahead. The same state scores a new order incrementally.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/progress.h"
#include "common/time.h"
#include "risk/learners.h"
#include "store/database.h"

namespace shoppilot::risk {

enum Feature : int {
    FAmountLog,
    FAmountVsHistory,
    FAccountAgeDays,
    FFirstOrder,
    FPriorOrders,
    FCustomer1h,
    FCustomer24h,
    FDevice1h,
    FDevice24h,
    FIp1h,
    FIp24h,
    FCard1h,
    FCard24h,
    FAddress24h,
    FDeviceAccounts,
    FIpAccounts,
    FCardAccounts,
    FAddressAccounts,
    FBillShipMismatch,
    FIpBillMismatch,
    FIpShipMismatch,
    FNewPaymentMethod,
    FCustomerCards,
    FCustomerFailed24h,
    FLines,
    FUnits,
    FCategories,
    FNewCategoryShare,
    FMaxUnitPriceLog,
    FDeviceLinkedFraud,
    FIpLinkedFraud,
    FCardLinkedFraud,
    FAddressLinkedFraud,
    FCustomerPriorFraud,
    FHourOfDay,
    FSecondsSincePrevLog,
    FeatureCount
};

// Stable keys ("device_1h") used in rules, model files and reason codes.
const char* featureKey(int feature);
int featureByKey(const std::string& key); // -1 when unknown
// One English phrase for a reason, e.g. "6 orders from this device in the last hour".
std::string describeFeature(int feature, float value);

// One order as the sweep sees it (strings interned to dense ids; -1 = absent).
struct OrderFacts {
    std::int64_t id = 0;
    std::int64_t customer = -1;
    Timestamp ts = 0;
    Timestamp customerCreated = 0;
    std::int64_t amountMinor = 0;
    bool failed = false;
    bool card = false;
    int device = -1, ip = -1, payment = -1, shipAddress = -1;
    int ipCountry = -1, shipCountry = -1, billCountry = -1;
    std::uint32_t itemBegin = 0;
    std::uint16_t itemCount = 0;
};

struct OrderItemFacts {
    int category = -1;
    int quantity = 0;
    std::int64_t unitPriceMinor = 0;
};

// A label becomes known at `ts`: 1 = fraud (chargeback, reject), 0 = cleared (approve).
struct LabelEvent {
    std::int64_t orderId = 0;
    Timestamp ts = 0;
    int label = 0;
    bool chargeback = false; // a chargeback stays fraud whatever a later decision says
};

struct OrderHistory {
    std::vector<OrderFacts> orders; // sorted by (ts, id)
    std::vector<OrderItemFacts> items;
    std::vector<LabelEvent> labels; // sorted by ts
    std::unordered_map<std::int64_t, int> indexById;
    std::unordered_map<std::string, int> ids; // interning table ("d:<device>", "i:<ip>", ...)
    int intern(const std::string& kind, const std::string& value);
    // The order's label as known at time `asOf` (the latest event up to then wins; chargebacks
    // beat approvals); -1 when nothing was known.
    std::vector<int> labelsAsOf(Timestamp asOf) const;
};

// Reads every order (or those with id > afterId) with its lines and all label events.
OrderHistory loadOrderHistory(store::Database& db, const Progress& progress = {});
// Appends orders with id > afterId to `history` (new orders from sync or webhooks).
int appendNewOrders(store::Database& db, OrderHistory& history, std::int64_t afterId);

// The sweep's state: windows and what is known so far.
class FeatureState {
public:
    FeatureState();
    ~FeatureState();
    FeatureState(FeatureState&&) noexcept;
    FeatureState& operator=(FeatureState&&) noexcept;

    // Applies label events known up to (and excluding) `ts`.
    void advanceLabels(const OrderHistory& h, Timestamp ts);
    // Features of order `index` of `h` as of its time, then adds it to the windows.
    void next(const OrderHistory& h, int index, float* out);
    Timestamp lastTs() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

// The features of every order of `h` in one sweep (rows follow h.orders).
Matrix computeFeatures(const OrderHistory& h, const Progress& progress = {}, FeatureState* finalState = nullptr);

} // namespace shoppilot::risk
