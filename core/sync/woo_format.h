// The one mapping between WooCommerce REST API v3 JSON and ShopPilot rows (plus the JSON lines of
// ShopPilot's own event feed). The platform simulator serves what the *Json() functions write; the
// sync client reads pages with splitArray() + parse*(). Keeping both directions in one file is what
// makes "a full sync reproduces the source rows exactly" testable.
//
// JSON travels as text so that this header stays free of nlohmann/boost (ui/ may include it).
//
// Ids: WooCommerce ids are integers. The *Json() functions use row.externalId as the Woo id when it
// is all digits, else row.id (the simulator serves its local ids as Woo ids). parse*() returns the
// Woo id as text in row.externalId and leaves every local key (row.id, categoryId, customerId,
// order item product ids ...) unset: the sync client resolves the *ExternalId fields to local ids.
//
// Columns Woo has no field for travel in meta_data under keys starting with "_shoppilot_", so
// meta_data written by a real shop (other keys) is ignored and a real shop's payload without our
// keys still parses (those columns are then NULL / defaults).
//
// ROUND TRIP: parse*(…Json(x)) reproduces, exactly (doubles bit for bit, money in minor units):
//   Product:  row.externalId, sku, titleEn, titleZh, brand, priceMinor, costMinor, currency, stock,
//             reorderPoint, leadTimeDays, ladderGroup, ladderRank, weightG, status, createdAt,
//             updatedAt; categoryName, categoryNameZh, modifiedAt (== row.updatedAt).
//   Customer: row.externalId, emailHash, name, country, city, lat, lon, locale, createdAt,
//             updatedAt; modifiedAt (== row.updatedAt).
//   Order:    row.externalId, createdAt, updatedAt, status, currency, subtotalMinor, discountMinor,
//             shippingMinor, taxMinor, totalMinor, channel, paymentMethod, paymentFingerprint,
//             deviceId, ip, ipCountry, sessionId, couponCode, campaignId (the source's local id),
//             shipName, shipping.{line,city,postcode,country,lat,lon}, billing.{same};
//             customerExternalId; items (externalId, productExternalId, sku, quantity,
//             unitPriceMinor, totalMinor, discountMinor) in order; refunds (externalId,
//             amountMinor, reason, kind, createdAt, productExternalId, quantity) in order;
//             modifiedAt (== row.updatedAt).
//   Not carried: every local id (row.id, row.categoryId, row.customerId). An empty text and NULL
//   are the same thing on the wire (both read back as NULL, or "" for the non-optional strings).
//   Defaults for a real shop's payload without our meta: currency "GBP" (the sync client may
//   override it with the shop's), sku "woo-<id>" when Woo's is empty (the store needs a unique SKU),
//   emailHash = first 32 hex digits of SHA-256 of the trimmed, lower-cased email.
// roundTripDiff() implements exactly this equality.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"
#include "store/records.h"

namespace shoppilot::sync::woo {

struct LineItem {
    std::string externalId;                       // Woo line item id
    std::optional<std::string> productExternalId; // Woo product id; nullopt for product_id 0
    std::string sku;
    std::int64_t quantity = 1;                    // > 0
    std::int64_t unitPriceMinor = 0;              // Woo "price"
    std::int64_t totalMinor = 0;                  // Woo "total" (after discounts)
    std::int64_t discountMinor = 0;               // Woo "subtotal" - "total"

    friend bool operator==(const LineItem&, const LineItem&) = default;
};

struct Refund {
    std::string externalId;   // Woo refund id
    std::int64_t amountMinor = 0; // positive; Woo sends the refund total negative ("-5.00")
    std::string reason;       // "" = none
    std::string kind = "refund"; // refund | chargeback | cancellation | return
    Timestamp createdAt = 0;  // Woo's order payload has none: defaults to the order's modified time
    std::optional<std::string> productExternalId; // the returned product, when known
    std::optional<std::int64_t> quantity;

    friend bool operator==(const Refund&, const Refund&) = default;
};

struct Product {
    store::ProductRow row; // row.externalId = Woo id as text
    std::optional<std::string> categoryName, categoryNameZh; // first category only
    Timestamp modifiedAt = 0;
};

struct Customer {
    store::CustomerRow row;
    Timestamp modifiedAt = 0;
};

struct Order {
    store::OrderRow row;
    std::optional<std::string> customerExternalId; // nullopt for guests (customer_id 0)
    std::vector<LineItem> items;
    std::vector<Refund> refunds;
    Timestamp modifiedAt = 0;
};

// Throw Error(ErrorCode::Parse, reason) for malformed JSON, invalid UTF-8, wrong types, missing
// required fields (id, date_modified_gmt, prices), money that is not a decimal string, quantities
// <= 0, ids that are not positive integers, statuses the store cannot hold, nesting deeper than 64.
// Unknown fields are ignored. Money is parsed exactly (parseMinorUnits), never through a float.
Product parseProduct(std::string_view json);
Customer parseCustomer(std::string_view json);
Order parseOrder(std::string_view json);

// Splits a page body "[{...},{...}]" into the exact raw text of each element, so one bad record can
// be quarantined with its payload while the others go on. Throws Error(Parse) when the body itself
// is not a complete JSON array (truncated, an object, garbage).
std::vector<std::string> splitArray(std::string_view jsonArray);

// What the simulator serves (WooCommerce field names; see the ROUND TRIP list above).
std::string productJson(const Product& product);
std::string customerJson(const Customer& customer);
std::string orderJson(const Order& order);

// One line of the event feed (GET /shoppilot/v1/events, application/x-ndjson):
// {"id":N,"ts":"YYYY-MM-DDTHH:MM:SS","type":"view|cart|purchase|search","session_id":"..",
//  "customer_id":N|null,"product_id":N|null,"order_id":N|null,"query":".."|null,
//  "channel":".."|null,"device_id":".."|null}
// In an EventRow read from the feed, id is the feed's cursor id and customerId/productId/orderId
// are platform (Woo) ids, not local ones. eventJson() writes no newline.
std::string eventJson(const store::EventRow& event);
store::EventRow parseEvent(std::string_view jsonLine);

// Woo's GMT date format "YYYY-MM-DDTHH:MM:SS" (no zone suffix), as in date_modified_gmt and the
// modified_after query parameter. parseWooDate also accepts a trailing "Z".
std::string formatWooDate(Timestamp ts);
std::optional<Timestamp> parseWooDate(std::string_view text);

// The Woo id *Json() uses for a row: externalId when it is all digits, else the local id.
std::int64_t wooId(const store::OptText& externalId, store::Id localId);

// "" when a and b agree on every round-trip column listed above, else the names of the columns
// that differ ("priceMinor, items[2].quantity"), for test messages.
std::string roundTripDiff(const Product& a, const Product& b);
std::string roundTripDiff(const Customer& a, const Customer& b);
std::string roundTripDiff(const Order& a, const Order& b);

} // namespace shoppilot::sync::woo
