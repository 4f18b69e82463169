// Internal to core/demo: the in-memory world the generator simulates before it writes anything.
// Compact structs (indexes instead of strings) keep the default size's millions of rows cheap;
// text is formatted only when rows are written.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/random.h"
#include "common/time.h"
#include "demo/demo_generator.h"

namespace shoppilot::demo::detail {

constexpr int kFactorDim = 8;
constexpr int kDays = 365;
constexpr int kWeeks = 53; // 52 full weeks plus one day

enum Archetype : std::uint8_t { Champion, Loyal, Bargain, AtRisk, New, OneOff, kArchetypeCount, kFraudster = 255 };
inline constexpr std::array<const char*, kArchetypeCount> kArchetypeNames{
    "champion", "loyal", "bargain_hunter", "at_risk", "new", "one_off"};

enum Channel : std::uint8_t { Web, App, Marketplace, Social };
inline constexpr std::array<const char*, 4> kChannelNames{"web", "app", "marketplace", "social"};

enum PayMethod : std::uint8_t { Card, PayPal, Alipay, WeChat, Cod, BankTransfer };
inline constexpr std::array<const char*, 6> kPayNames{"card", "paypal", "alipay", "wechat", "cod", "bank_transfer"};

enum OrderStatus : std::uint8_t { Pending, Processing, OnHold, Completed, Cancelled, Refunded, Failed };
inline constexpr std::array<const char*, 7> kStatusNames{"pending",   "processing", "on-hold", "completed",
                                                         "cancelled", "refunded",   "failed"};

enum FraudPattern : std::int8_t { NoFraud = -1, BigBasket, DeviceBurst, IpBurst, CountryMismatch, Ring, CardTesting };
inline constexpr std::array<const char*, 6> kFraudNames{"new_account_big_basket", "device_burst", "ip_burst",
                                                        "country_mismatch",        "ring",         "card_testing"};

enum EventType : std::uint8_t { View, Cart, Purchase, Search };
inline constexpr std::array<const char*, 4> kEventNames{"view", "cart", "purchase", "search"};

// The 365 days of the window: demand weights (weekly and yearly seasonality, holidays), store-wide
// sale weeks, and samplers for "a moment in [day a, day b) drawn by demand".
struct Calendar {
    Timestamp start = 0;
    Timestamp end = 0;
    std::vector<double> dayWeight;   // mean 1
    std::vector<double> cum;         // prefix sums of dayWeight
    std::vector<double> bargainCum;  // prefix sums of dayWeight * bargain boost in sale weeks
    std::vector<bool> saleWeek;
    AliasTable hours;

    int weekOfDay(int day) const { return day / 7; }
    int dayOf(Timestamp t) const { return int((t - start) / kSecondsPerDay); }
    int weekOf(Timestamp t) const { return dayOf(t) / 7; }
    double mass(int a, int b, bool bargain) const;
    int sampleDay(Rng& rng, int a, int b, bool bargain) const;
    Timestamp sampleTime(Rng& rng, int day) const;
};

struct Product {
    int category = 0;
    std::string sku, titleEn, titleZh;
    std::string_view brand;
    std::int64_t refPrice = 0;
    std::int64_t cost = 0;
    int weightG = 0;
    double elasticity = -1.5;
    double popularity = 1.0;
    std::array<float, kFactorDim> v{};
    int launchWeek = 0;       // no demand before this week
    Timestamp createdAt = 0;
    int ladderGroup = -1;
    int ladderRank = 0;
    double qtyExtra = 0;
    std::vector<int> neighbours; // similar products of the same category (sessions wander to them)
};

struct Address {
    int city = 0;
    double lat = 0, lon = 0;
    std::string line, postcode;
};

struct Customer {
    std::uint8_t archetype = OneOff;
    int city = 0;
    std::string name;
    bool zh = false;
    Timestamp createdAt = 0;
    int activeFrom = 0, activeTo = kDays; // days of the window with a natural purchase rate
    double rate = 0;                       // natural orders per year at average seasonality
    double sensitivity = 1.0;
    std::array<float, kFactorDim> u{};
    int home = 0, alt = -1;                // addresses
    std::array<std::uint32_t, 3> devices{};
    std::uint8_t deviceCount = 1;
    std::array<std::uint32_t, 2> cards{};
    std::uint8_t cardCount = 1;
    std::uint32_t ip = 0;
    bool fraud = false;
};

struct Order {
    Timestamp ts = 0;
    Timestamp updatedAt = 0;
    int customer = -1;
    std::uint32_t itemBegin = 0;
    std::uint16_t itemCount = 0;
    std::uint8_t status = Completed;
    std::uint8_t channel = Web;
    std::uint8_t pay = Card;
    std::int8_t fraud = NoFraud;
    std::int32_t ring = -1;
    std::int32_t campaign = -1;
    std::string_view coupon;
    std::int64_t subtotal = 0, discount = 0, shipping = 0, tax = 0, total = 0;
    std::int64_t device = -1, card = -1, ip = -1; // -1: none (marketplace)
    std::string_view ipCountry;
    int shipAddr = 0, billAddr = 0;
    std::int64_t session = -1; // tracked session index, or -1
    bool hasSession = true;    // false: no web session at all (marketplace)
};

struct Item {
    std::int32_t product = 0;
    std::int32_t qty = 1;
    std::int64_t unit = 0;
    std::int64_t lineTotal = 0;
};

struct Session {
    std::int32_t customer = -1;
    std::uint32_t device = 0;
    std::uint8_t channel = Web;
};

struct Event {
    Timestamp ts = 0;
    std::uint32_t session = 0;
    std::int32_t product = -1;
    std::int32_t order = -1;
    std::uint16_t query = 0;
    std::uint8_t type = View;
};

struct Refund {
    std::int32_t order = 0;
    std::int32_t product = -1;
    std::int32_t qty = 0;
    Timestamp ts = 0;
    std::int64_t amount = 0;
    std::string_view kind;
    std::string_view reason;
};

struct Campaign {
    int spec = 0;
    Timestamp startAt = 0, endAt = 0;
    std::array<double, kArchetypeCount> lift{};
    std::array<double, kArchetypeCount> baseSum{};
    std::array<int, kArchetypeCount> baseCount{};
    std::int64_t audience = 0;
    std::string_view coupon;
};

struct Exposure {
    std::int32_t campaign = 0;
    std::int32_t customer = 0;
    bool treatment = true;
    Timestamp exposedAt = 0;
    std::int8_t opened = -1, clicked = -1; // -1: not tracked
};

} // namespace shoppilot::demo::detail
