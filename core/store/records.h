// Plain value types for the store's main tables, as the repositories read and write them.
// Money fields are integer minor units; timestamps UTC epoch seconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/time.h"

namespace shoppilot::store {

using Id = std::int64_t; // 0 = not yet assigned
using OptText = std::optional<std::string>;
using OptInt = std::optional<std::int64_t>;
using OptReal = std::optional<double>;

struct CategoryRow {
    Id id = 0;
    std::string nameEn;
    OptText nameZh;
    OptInt parentId;
};

struct ProductRow {
    Id id = 0;
    OptText externalId;
    std::string sku;
    std::string titleEn;
    OptText titleZh;
    OptInt categoryId;
    OptText brand;
    std::int64_t priceMinor = 0;
    OptInt costMinor;
    std::string currency = "GBP";
    std::int64_t stock = 0;
    OptInt reorderPoint;
    OptInt leadTimeDays;
    OptText ladderGroup;
    OptInt ladderRank;
    OptInt weightG;
    std::string status = "active";
    Timestamp createdAt = 0;
    Timestamp updatedAt = 0;
};

struct CustomerRow {
    Id id = 0;
    OptText externalId;
    OptText emailHash;
    OptText name;
    OptText country;
    OptText city;
    OptReal lat;
    OptReal lon;
    OptText locale;
    Timestamp createdAt = 0;
    Timestamp updatedAt = 0;
};

struct Address {
    OptText line;
    OptText city;
    OptText postcode;
    OptText country;
    OptReal lat;
    OptReal lon;
};

struct OrderRow {
    Id id = 0;
    OptText externalId;
    OptInt customerId;
    Timestamp createdAt = 0;
    Timestamp updatedAt = 0;
    std::string status = "completed";
    std::string currency = "GBP";
    std::int64_t subtotalMinor = 0;
    std::int64_t discountMinor = 0;
    std::int64_t shippingMinor = 0;
    std::int64_t taxMinor = 0;
    std::int64_t totalMinor = 0;
    OptText channel;
    OptText paymentMethod;
    OptText paymentFingerprint;
    OptText deviceId;
    OptText ip;
    OptText ipCountry;
    OptText sessionId;
    OptText couponCode;
    OptInt campaignId;
    OptText shipName;
    Address shipping;
    Address billing;
};

struct OrderItemRow {
    Id id = 0;
    Id orderId = 0;
    OptInt productId;
    std::int64_t quantity = 1;
    std::int64_t unitPriceMinor = 0;
    std::int64_t discountMinor = 0;
    std::int64_t lineTotalMinor = 0;
};

struct RefundRow {
    Id id = 0;
    OptText externalId;
    Id orderId = 0;
    OptInt productId;
    OptInt quantity;
    Timestamp createdAt = 0;
    std::int64_t amountMinor = 0;
    std::string kind = "refund"; // refund | chargeback | cancellation | return
    OptText reason;
};

struct EventRow {
    Id id = 0;
    Timestamp ts = 0;
    std::string type; // view | cart | purchase | search
    std::string sessionId;
    OptInt customerId;
    OptInt productId;
    OptInt orderId;
    OptText query;
    OptText channel;
    OptText deviceId;
};

struct PricePointRow {
    Id productId = 0;
    Timestamp validFrom = 0;
    std::int64_t priceMinor = 0;
    bool promo = false;
    std::string source = "platform";
};

struct CompetitorPriceRow {
    Id productId = 0;
    std::string competitor;
    Timestamp observedAt = 0;
    std::int64_t priceMinor = 0;
};

} // namespace shoppilot::store
