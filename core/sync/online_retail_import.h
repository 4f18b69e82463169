// Import of the UCI "Online Retail" CSV (plain or .gz) into a ShopPilot store: customers,
// products, orders and their items, cancellations as refunds, and every unusable row kept in
// import_rejects with its reason. What `shoppilot import online-retail FILE --db STORE` runs.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "common/progress.h"
#include "store/database.h"

namespace shoppilot::sync {

struct ImportOptions {
    // The file carries no currency: its prices are in this one (the UCI shop sells in GBP).
    std::string currency = "GBP";
    // Written to import_runs.source.
    std::string source = "online-retail";
};

// Reject reasons, as stored in import_rejects.reason and keyed in ImportReport::rejectsByReason.
namespace reject {
inline constexpr const char* kWrongColumnCount = "wrong number of columns";
inline constexpr const char* kUnterminatedQuote = "malformed CSV (unterminated quote)";
inline constexpr const char* kMissingInvoice = "missing invoice number";
inline constexpr const char* kMissingStockCode = "missing stock code";
inline constexpr const char* kBadQuantity = "unparseable quantity";
inline constexpr const char* kBadDate = "unparseable date";
inline constexpr const char* kBadPrice = "unparseable price";
inline constexpr const char* kOutOfRange = "quantity or price out of range";
inline constexpr const char* kMissingCustomer = "missing customer id";
inline constexpr const char* kBadCustomer = "unparseable customer id";
inline constexpr const char* kNonPositiveQuantity = "non-positive quantity";
inline constexpr const char* kNonPositivePrice = "zero or negative price";
inline constexpr const char* kConflictingCustomer = "invoice with conflicting customer id";
inline constexpr const char* kCancellationPositive = "cancellation with non-negative quantity";
inline constexpr const char* kUnmatchedCancellation = "cancellation without a matching order";
} // namespace reject

struct ImportReport {
    std::int64_t rowsRead = 0;     // data records, header excluded
    std::int64_t rowsImported = 0; // order items + refunds
    std::int64_t rowsRejected = 0;
    // Distinct entities this import wrote (inserted or updated).
    std::int64_t customers = 0;
    std::int64_t products = 0;
    std::int64_t orders = 0;
    std::int64_t orderItems = 0;
    std::int64_t refunds = 0;
    std::map<std::string, std::int64_t> rejectsByReason;
    std::int64_t runId = 0; // import_runs.id of this run
    double seconds = 0.0;
    std::int64_t revenueMinor = 0;  // sum of the imported order items' line totals
    std::int64_t refundedMinor = 0; // sum of the imported refunds
    std::string currency;
};

// Imports `csvPath` into `db` in ONE transaction: on any exception (unreadable or damaged file,
// Cancelled from `progress`, a database error) nothing is written and the store is unchanged.
//
// Mapping (rows follow the data README's clean subset, so the published figures hold):
//  - a sale row (CustomerID present, Quantity > 0, UnitPrice > 0, InvoiceNo not "C...") becomes
//    one order item; identical duplicate rows stay separate items, as the published counts do;
//  - an invoice becomes an order (external_id = InvoiceNo, created_at = its earliest row, status
//    completed, total = sum of its items, ship_country = Country);
//  - CustomerID "17850.0" becomes customer external_id "17850", country = the Country of their
//    latest invoice, created_at = first invoice;
//  - StockCode becomes a product by sku (title = most frequent description, price = latest unit
//    price, cost unknown). Postage, fees and manual adjustments (POST, DOT, M, ...) are
//    products too: the published figures count them;
//  - a cancellation row ("C..." with Quantity < 0) becomes a refund of kind 'cancellation'
//    (amount = |Quantity| * UnitPrice, external_id "C536379:22960:1" = invoice, stock code and
//    occurrence) linked to the latest order of that customer, placed no later than the
//    cancellation, holding that product; without one it is rejected.
// Line totals are exact: |Quantity| x UnitPrice rounded once to minor units, so sub-penny prices
// (0.001) add up correctly although the item's stored unit price rounds to 0.
//
// Re-importing: customers, products, orders and refunds are upserted by their natural keys and
// an order's items are replaced, so importing the same file again changes no counts or totals;
// every run adds its own import_runs row and its rejects.
// Throws Error(InvalidArgument) when a transaction is already open on `db`, Error(Parse) when
// the header lacks the Online Retail columns, and the CsvReader's errors for unreadable files.
ImportReport importOnlineRetail(store::Database& db, const std::string& csvPath, const ImportOptions& options = {},
                                const Progress& progress = {});

} // namespace shoppilot::sync
