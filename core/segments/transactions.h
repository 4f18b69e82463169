// A store-agnostic transaction log (customer, day, amount) and the per-customer summaries the
// purchase models need, read from a shop's orders or from any CSV of purchases (plain or gzip).
// Conventions follow the BG/NBD literature and the R BTYD / Python lifetimes packages: purchases
// on the same day count as one transaction; frequency = repeat purchase days, recency = days
// from the first to the last purchase, T = days from the first purchase to the calibration end.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/progress.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::segments {

struct Purchase {
    int customer = 0; // index into TransactionLog::customerKeys
    int day = 0;      // days since 1970-01-01 (UTC)
    double amount = 0;
};

// Rows read and the rows left out, with the reason, so a caller can show what was skipped.
struct LogReadReport {
    std::int64_t rows = 0;           // data rows in the source
    std::int64_t kept = 0;           // purchases in the log
    std::int64_t noCustomer = 0;     // empty customer key
    std::int64_t cancelled = 0;      // invoice starts with 'C' (Online Retail) / cancelled order
    std::int64_t nonPositive = 0;    // amount (or quantity, or price) <= 0
    std::int64_t badDate = 0;        // date not readable with the format
    std::int64_t badAmount = 0;      // amount column not a number
    std::int64_t malformed = 0;      // broken CSV record (too few fields, open quote)
    std::string firstBad;            // "line N: reason" of the first bad date/amount/record
};

struct TransactionLog {
    std::vector<std::string> customerKeys;
    std::vector<Purchase> purchases;
    LogReadReport report;
};

struct CsvLogOptions {
    std::string customerCol;
    std::string dateCol;
    // Empty: every purchase has amount 1 (counts only). "A*B" multiplies two columns
    // (Online Retail: "Quantity*UnitPrice").
    std::string amountCol;
    // strptime-like: %Y %m %d %H %M %S %y, other characters literal; text after the format is
    // ignored (so "%Y-%m-%d" reads "2011-06-30 08:26:00"). Empty: ISO dates.
    std::string dateFormat;
    // Rows whose value here starts with 'C' are cancellations and skipped. Empty: "InvoiceNo"
    // when the file has that column, else no cancellation check.
    std::string invoiceCol;
};

// Throws shoppilot::Error (InvalidArgument) naming a missing column, Io/Parse for the file.
TransactionLog readTransactionsCsv(const std::string& path, const CsvLogOptions& options, const Progress& progress = {});

// Orders of the store that count as purchases (not cancelled, failed or refunded), amount =
// total in major units, customer key = customers.id as text; orders without a customer skipped.
TransactionLog readTransactionsStore(store::Database& db);

// Parses `text` with a format as described in CsvLogOptions; returns false when it does not fit.
bool parseDay(const std::string& text, const std::string& format, int& day);
// "YYYY-MM-DD" to days since the epoch; throws InvalidArgument on a bad date.
int dayFromIso(const std::string& text);
std::string isoFromDay(int day);

// One customer's purchase days (distinct, ascending) with the amount spent on each.
struct CustomerDays {
    int customer = 0;
    std::vector<int> days;
    std::vector<double> amounts;
};
std::vector<CustomerDays> groupByDay(const TransactionLog& log);

// The calibration summary of one customer as of `endDay` (inclusive); valid only when the first
// purchase is on or before endDay.
struct Summary {
    int customer = 0;
    double x = 0;        // repeat purchase days up to endDay
    double tx = 0;       // days first -> last purchase
    double T = 0;        // days first purchase -> endDay
    double monetary = 0; // mean spend of the repeat purchase days (0 when x = 0)
    double firstAmount = 0;
    // gap statistics for learned models
    double meanGap = 0, sdGap = 0, lastGap = 0;
};
// Returns false when the customer has no purchase on or before endDay.
bool summarise(const CustomerDays& c, int endDay, Summary& out);
// Purchase days in (fromDay, toDay].
int countDays(const CustomerDays& c, int fromDay, int toDay);

} // namespace shoppilot::segments
