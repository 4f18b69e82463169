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
//             updatedAt; categoryName, categoryNameZh, modifiedAt (== row.updatedAt); type,
//             parentExternalId, stockManaged, priceSet (a variation's categories excepted: Woo
//             sends none for variations).
//   Customer: row.externalId, emailHash, name, country, city, lat, lon, locale, createdAt,
//             updatedAt; modifiedAt (== row.updatedAt; served as null when it equals createdAt,
//             as WooCommerce reports a customer never modified).
//   Order:    of wooLines(x) (the order-level discount spread over the lines, as WooCommerce holds
//             it): row.externalId, createdAt, updatedAt, status, currency, subtotalMinor, discountMinor,
//             shippingMinor, taxMinor, totalMinor, channel, paymentMethod, paymentFingerprint,
//             deviceId, ip, ipCountry, sessionId, couponCode, campaignId (the source's local id),
//             shipName, shipping.{line,city,postcode,country,lat,lon}, billing.{same};
//             customerExternalId; items (externalId, productExternalId, variationExternalId, sku,
//             quantity, unitPriceMinor, totalMinor, discountMinor) in order; refunds (externalId,
//             amountMinor, reason, kind, createdAt, productExternalId, quantity) in order;
//             modifiedAt (== row.updatedAt); platformStatus, feesMinor.
//   Not carried: every local id (row.id, row.categoryId, row.customerId). An empty text and NULL
//   are the same thing on the wire (both read back as NULL, or "" for the non-optional strings).
//   Defaults for a real shop's payload without our meta: currency = the ShopContext's (else "GBP"),
//   sku "woo-<id>" when Woo's is empty (the store needs a unique SKU), emailHash = first 32 hex
//   digits of SHA-256 of the trimmed, lower-cased email.
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
    std::optional<std::string> variationExternalId; // Woo variation_id; nullopt for 0
    std::string sku;
    std::int64_t quantity = 1;                    // > 0
    // Woo's line "price" is the line total / quantity AFTER discounts (a float such as
    // 8.493333333333334), not the list price. ShopPilot keeps the list price per unit and the
    // discount, so that unitPriceMinor * quantity - discountMinor == totalMinor exactly:
    std::int64_t unitPriceMinor = 0;              // round(Woo "subtotal" / quantity)
    std::int64_t totalMinor = 0;                  // Woo "total" (after discounts, ex tax)
    std::int64_t discountMinor = 0;               // unitPriceMinor * quantity - totalMinor

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
    std::string type = "simple";                  // Woo type; "variation" for a variation
    std::optional<std::string> parentExternalId;  // a variation's parent product (Woo id)
    bool stockManaged = true;                     // false: Woo manage_stock false / stock_quantity null
    bool priceSet = true;                         // false: Woo "price": "" (row.priceMinor is then 0)
    std::vector<std::string> variationIds;        // Woo "variations" of a variable product
};

struct Customer {
    store::CustomerRow row;
    // Woo's date_modified_gmt, or date_created_gmt when the shop sends null (a user never edited
    // through WooCommerce: the customer data store reports no modification date).
    Timestamp modifiedAt = 0;
    bool modifiedKnown = true; // false when date_modified_gmt was null
};

struct Order {
    store::OrderRow row;   // row.status: one of the seven core statuses (see mapOrderStatus)
    std::optional<std::string> customerExternalId; // nullopt for guests (customer_id 0)
    std::vector<LineItem> items;
    std::vector<Refund> refunds;
    Timestamp modifiedAt = 0;
    std::optional<std::string> platformStatus; // the shop's status when it is not a core one
    std::int64_t feesMinor = 0;                // sum of fee_lines[].total (ex tax; may be negative)
};

// What the shop says about itself (GET /wc/v3/data/currencies/current, /wc/v3/settings/general,
// /wc/v3/settings/products), stored per store (store_meta "shop.*"). Every parse*() reads money in
// this currency and weights in this unit when a payload carries no currency of its own.
struct ShopContext {
    std::string currency;     // ISO 4217; "" = unknown (then "GBP", the demo store's currency)
    int priceDecimals = -1;   // woocommerce_price_num_decimals; -1 = unknown
    std::string weightUnit;   // woocommerce_weight_unit: kg | g | lbs | oz; "" = kg
};

// Woo order status -> the store's seven core statuses. Core ones map to themselves;
// checkout-draft (block checkout, not yet placed) -> "failed" and trash -> "cancelled", so neither
// counts as a sale; a plugin status naming a cancel/refund/failure maps there, any other plugin
// status (shipped, delivered, awaiting-shipment ...) is an order being handled -> "processing".
// Never throws for a well-formed status text.
std::string mapOrderStatus(std::string_view wooStatus);
// Grams for `value` in `unit` (kg, g, lbs, oz); nullopt for an unknown unit.
std::optional<std::int64_t> weightToGrams(std::string_view value, std::string_view unit);

// Throw Error(ErrorCode::Parse, reason) for malformed JSON, invalid UTF-8, wrong types, missing
// required fields (id, date_modified_gmt, prices), money that is not a decimal string, quantities
// <= 0, ids that are not positive integers, statuses the store cannot hold, nesting deeper than 64.
// Unknown fields are ignored. Money is parsed exactly (parseMinorUnits), never through a float.
// Also, for records WooCommerce really sends: "price": "" is kept (priceSet false, priceMinor 0),
// a null date_modified_gmt falls back to date_created_gmt, statuses outside the core seven are
// mapped (mapOrderStatus) and kept in platformStatus, a fractional stock_quantity is floored,
// stock_quantity null means unmanaged stock (stockManaged false, stock 0), money with more
// decimals than the currency has is rounded half away from zero. Brand: Woo's "brands" (first
// name), else _shoppilot_brand; cost: "cost_of_goods_sold" (total_value), else _shoppilot_cost.
Product parseProduct(std::string_view json, const ShopContext& shop = {});
// A variation (GET /products/{parent}/variations): a product of type "variation" whose parent is
// parentExternalId; its title is the variation's name, else the parent title + attribute options.
Product parseVariation(std::string_view json, std::string_view parentExternalId, std::string_view parentTitle = {},
                       const ShopContext& shop = {});
Customer parseCustomer(std::string_view json, const ShopContext& shop = {});
Order parseOrder(std::string_view json, const ShopContext& shop = {});

// Splits a page body "[{...},{...}]" into the exact raw text of each element, so one bad record can
// be quarantined with its payload while the others go on. Throws Error(Parse) when the body itself
// is not a complete JSON array (truncated, an object, garbage).
std::vector<std::string> splitArray(std::string_view jsonArray);

// The order as WooCommerce holds it: an order-level discount that the lines do not carry yet
// (the demo store and the CSV import keep coupons on the order) spread over the lines, pro rata
// to their totals, so that line totals are after discount as in Woo. orderJson() serves this;
// the round trip of an order is parseOrder(orderJson(o)) == wooLines(o).
Order wooLines(const Order& order);

// What the simulator serves (WooCommerce field names; see the ROUND TRIP list above).
std::string productJson(const Product& product, std::string_view weightUnit = "kg"); // weight in kg or g
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
