#include "sync/online_retail_import.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <chrono>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/csv.h"
#include "common/money.h"
#include "common/time.h"
#include "store/repositories.h"

namespace shoppilot::sync {

namespace {

using store::Id;

// Rows per repository call: keeps the row vectors small while each call still amortises its
// prepared statement; progress and cancel are checked between calls.
constexpr std::size_t kWriteBatch = 20000;
// A runaway record (an unterminated quote swallowing the file) must not bloat import_rejects.
constexpr std::size_t kMaxRawRejectBytes = 64 * 1024;
// Share of the progress range spent reading the file; the rest is writing.
constexpr double kReadShare = 0.25;
// Prices are parsed with this many digits past the currency's, so line totals are rounded once,
// from the exact product (the file has 0.001 prices).
constexpr int kExtraPriceDigits = 4;
constexpr std::int64_t kExtraPriceScale = 10000;
// Unit prices from 10^12 minor units up are treated as garbage (and would overflow the finer scale).
constexpr std::int64_t kMaxPriceMinor = 1'000'000'000'000;

enum Column { kInvoice, kStockCode, kDescription, kQuantity, kInvoiceDate, kUnitPrice, kCustomer, kCountry,
              kColumnCount };
constexpr std::array<std::string_view, kColumnCount> kColumnNames{
    "InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"};

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y);
           });
}

std::optional<std::int64_t> parseInteger(std::string_view s)
{
    s = trim(s);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    std::int64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

// The file writes customer ids as floats ("17850.0"); the id is the integer part.
std::optional<std::string_view> customerKey(std::string_view s)
{
    const auto dot = s.find('.');
    const auto digits = s.substr(0, dot);
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    if (dot != std::string_view::npos) {
        const auto fraction = s.substr(dot + 1);
        if (!std::all_of(fraction.begin(), fraction.end(), [](char c) { return c == '0'; }))
            return std::nullopt;
    }
    return digits;
}

// (time, record number): "latest" means the later time, then the later row in the file.
struct When {
    Timestamp at = 0;
    std::int64_t seq = -1;
    bool operator<(const When& o) const { return at != o.at ? at < o.at : seq < o.seq; }
};

struct CustomerAgg {
    std::string externalId;
    std::string country;
    When countryWhen;
    Timestamp first = 0;
    Timestamp last = 0;
    Id id = 0;
};

struct ProductAgg {
    std::string sku;
    StringMap<std::pair<std::int64_t, std::int64_t>> titles; // description -> (rows, last row)
    When priceWhen;
    std::int64_t priceMinor = 0;
    Timestamp first = 0;
    Timestamp last = 0;
    Id id = 0;
};

struct OrderAgg {
    std::string externalId;
    std::int32_t customer = 0;
    Timestamp createdAt = 0;
    std::int64_t totalMinor = 0;
    std::string country;
    Id id = 0;
};

struct SaleLine {
    std::int32_t order;
    std::int32_t product;
    std::int64_t quantity;
    std::int64_t unitPriceMinor;
    std::int64_t lineTotalMinor;
};

struct Cancellation {
    std::int64_t line;
    std::string raw;
    std::string invoice;
    std::string externalId;
    std::string customer;
    std::string sku;
    Timestamp at;
    std::int64_t quantity; // positive
    std::int64_t amountMinor;
};

// Connection settings for one big transaction, restored afterwards. SQLite's default page
// cache (2 MB) is far smaller than an import, and spilling it to the WAL mid-transaction costs
// time; and each INSERT inside an open transaction keeps a statement journal (it may have to
// undo itself on a constraint failure) that goes to a temp FILE by default: 2.9 million pwrite
// calls for the full data set, most of the import's time. Pages are allocated as used, so small
// imports stay small.
class BulkWriteSettings {
public:
    BulkWriteSettings(store::Database& db, std::int64_t cacheKiB) : m_db(db)
    {
        m_cacheSize = db.queryInt("PRAGMA cache_size").value_or(-2000);
        m_tempStore = db.queryInt("PRAGMA temp_store").value_or(0);
        db.exec("PRAGMA cache_size = " + std::to_string(-cacheKiB));
        db.exec("PRAGMA temp_store = MEMORY");
    }
    ~BulkWriteSettings()
    {
        try {
            m_db.exec("PRAGMA cache_size = " + std::to_string(m_cacheSize));
            m_db.exec("PRAGMA temp_store = " + std::to_string(m_tempStore));
        } catch (...) {
            // Only performance settings of this connection: never worth masking the real outcome.
        }
    }
    BulkWriteSettings(const BulkWriteSettings&) = delete;
    BulkWriteSettings& operator=(const BulkWriteSettings&) = delete;

private:
    store::Database& m_db;
    std::int64_t m_cacheSize = -2000;
    std::int64_t m_tempStore = 0;
};
constexpr std::int64_t kImportCacheKiB = 256 * 1024;

template <typename Agg>
std::int32_t intern(StringMap<std::int32_t>& index, std::vector<Agg>& aggs, std::string_view key, bool& created)
{
    auto it = index.find(key);
    created = it == index.end();
    if (!created)
        return it->second;
    const auto i = std::int32_t(aggs.size());
    index.emplace(std::string(key), i);
    aggs.emplace_back();
    return i;
}

Timestamp nowUtc()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Writes `rows` through `write` in batches, reporting progress between them.
template <typename Row, typename Write>
void writeBatched(std::vector<Row>& rows, Write write, ProgressReporter& reporter, std::string_view what)
{
    for (std::size_t from = 0; from < rows.size(); from += kWriteBatch) {
        const auto n = std::min(kWriteBatch, rows.size() - from);
        write(std::span<Row>(rows.data() + from, n));
        reporter.report(double(from + n) / double(rows.size()), what);
    }
    reporter.report(1.0, what);
}

// Where each Online Retail column sits in this file (the header may order them freely).
struct Columns {
    std::array<std::size_t, kColumnCount> index{};
    std::size_t width = 0; // fields per record, as in the header
};

// Reads the header line; a file without the Online Retail columns is refused before any write.
Columns readHeader(CsvReader& reader, const std::string& csvPath)
{
    std::vector<std::string> f;
    if (!reader.next(f))
        throw Error(ErrorCode::Parse, csvPath + " is empty: expected the Online Retail header line");
    Columns col;
    std::string missing;
    for (std::size_t c = 0; c < kColumnCount; ++c) {
        auto it = std::find_if(f.begin(), f.end(),
                               [&](const std::string& h) { return equalsIgnoreCase(trim(h), kColumnNames[c]); });
        if (it == f.end())
            missing += (missing.empty() ? "" : ", ") + std::string(kColumnNames[c]);
        else
            col.index[c] = std::size_t(it - f.begin());
    }
    if (!missing.empty())
        throw Error(ErrorCode::Parse, csvPath + " is not a UCI Online Retail CSV: its first line lacks the "
                                                "column(s) " + missing + " (found: " + reader.rawText() + ")");
    col.width = f.size();
    return col;
}

// One record's fields after the checks every row must pass (sale or cancellation alike). The
// views point into the reader's field buffer: valid until the next record is read.
struct ParsedRow {
    std::string_view invoice, sku, customer, country, description;
    Timestamp at = 0;
    std::int64_t quantity = 0;       // as in the file (negative for cancellations)
    std::int64_t price = 0;          // unit price at kExtraPriceDigits past the currency's precision
    std::int64_t amountMinor = 0;    // |quantity| x price, rounded once
    std::int64_t unitPriceMinor = 0; // |price| rounded to the currency's precision
    bool cancellation = false;       // InvoiceNo starts with 'C'
};

// Validates one record in the order the reject reasons are documented; returns the reason it is
// rejected for, or nullptr with `out` filled.
const char* parseRow(const std::vector<std::string>& f, const Columns& cols, int exponent, ParsedRow& out)
{
    const auto& col = cols.index;
    if (f.size() != cols.width)
        return reject::kWrongColumnCount;
    out.invoice = trim(f[col[kInvoice]]);
    out.sku = trim(f[col[kStockCode]]);
    if (out.invoice.empty())
        return reject::kMissingInvoice;
    if (out.sku.empty())
        return reject::kMissingStockCode;
    const auto quantity = parseInteger(f[col[kQuantity]]);
    if (!quantity)
        return reject::kBadQuantity;
    const auto at = parseTimestamp(trim(f[col[kInvoiceDate]]));
    if (!at)
        return reject::kBadDate;
    // Parsed at the currency's precision first: parseMinorUnits guards that scale against
    // overflow, not the finer one.
    const auto roughPrice = parseMinorUnits(f[col[kUnitPrice]], exponent);
    if (!roughPrice)
        return reject::kBadPrice;
    if (std::abs(*roughPrice) >= kMaxPriceMinor)
        return reject::kOutOfRange;
    const auto price = parseMinorUnits(f[col[kUnitPrice]], exponent + kExtraPriceDigits);
    const std::string_view customerText = trim(f[col[kCustomer]]);
    if (customerText.empty())
        return reject::kMissingCustomer;
    const auto customer = customerKey(customerText);
    if (!customer)
        return reject::kBadCustomer;
    // Exact amount: |qty| x price at extra precision, rounded half away from zero once.
    std::int64_t exact = 0;
    if (*quantity == INT64_MIN || __builtin_mul_overflow(std::abs(*quantity), std::abs(*price), &exact))
        return reject::kOutOfRange;
    out.customer = *customer;
    out.at = *at;
    out.quantity = *quantity;
    out.price = *price;
    out.amountMinor = (exact + kExtraPriceScale / 2) / kExtraPriceScale;
    out.unitPriceMinor = (std::abs(*price) + kExtraPriceScale / 2) / kExtraPriceScale;
    out.country = trim(f[col[kCountry]]);
    out.description = trim(f[col[kDescription]]);
    out.cancellation = out.invoice.front() == 'C' || out.invoice.front() == 'c';
    return nullptr;
}

// What the file says, aggregated in memory: nothing is written until the whole file is read, so
// customers, products and orders are written once each with their final attributes.
struct Aggregate {
    StringMap<std::int32_t> customerIndex, productIndex, orderIndex;
    StringMap<std::int32_t> cancellationSeen; // "invoice:sku" -> occurrences, for stable refund ids
    std::vector<CustomerAgg> customers;
    std::vector<ProductAgg> products;
    std::vector<OrderAgg> orders;
    std::vector<SaleLine> sales;
    std::vector<Cancellation> cancellations;

    const char* addCancellation(const ParsedRow& row, std::int64_t line, const std::string& raw);
    const char* addSale(const ParsedRow& row, std::int64_t seq);

private:
    std::int32_t addCustomer(const ParsedRow& row, std::int64_t seq);
    std::int32_t addOrder(const ParsedRow& row, std::int32_t customer);
    std::int32_t addProduct(const ParsedRow& row, std::int64_t seq);
};

// A cancellation is matched to an order only after the whole file is read (the order may come
// later in the file); returns the reject reason, or nullptr when kept.
const char* Aggregate::addCancellation(const ParsedRow& row, std::int64_t line, const std::string& raw)
{
    if (row.price <= 0)
        return reject::kNonPositivePrice;
    if (row.quantity >= 0)
        return reject::kCancellationPositive;
    std::string key = std::string(row.invoice) + ':' + std::string(row.sku);
    const auto occurrence = ++cancellationSeen[key];
    cancellations.push_back(Cancellation{line, raw, std::string(row.invoice), key + ':' + std::to_string(occurrence),
                                         std::string(row.customer), std::string(row.sku), row.at, -row.quantity,
                                         row.amountMinor});
    return nullptr;
}

// A sale row becomes one order item and updates its customer, order and product; returns the
// reject reason, or nullptr when kept.
const char* Aggregate::addSale(const ParsedRow& row, std::int64_t seq)
{
    if (row.quantity <= 0)
        return reject::kNonPositiveQuantity;
    if (row.price <= 0)
        return reject::kNonPositivePrice;
    // An order has one customer: a row naming another one for the same invoice is not trusted.
    if (auto it = orderIndex.find(row.invoice); it != orderIndex.end()
        && customers[std::size_t(orders[std::size_t(it->second)].customer)].externalId != row.customer)
        return reject::kConflictingCustomer;
    const auto c = addCustomer(row, seq);
    const auto o = addOrder(row, c);
    const auto p = addProduct(row, seq);
    sales.push_back(SaleLine{o, p, row.quantity, row.unitPriceMinor, row.amountMinor});
    return nullptr;
}

// First and last purchase, and the country of the latest invoice.
std::int32_t Aggregate::addCustomer(const ParsedRow& row, std::int64_t seq)
{
    bool created = false;
    const auto c = intern(customerIndex, customers, row.customer, created);
    CustomerAgg& cu = customers[std::size_t(c)];
    if (created) {
        cu.externalId = std::string(row.customer);
        cu.first = cu.last = row.at;
    }
    cu.first = std::min(cu.first, row.at);
    cu.last = std::max(cu.last, row.at);
    if (!row.country.empty() && !(When{row.at, seq} < cu.countryWhen)) {
        cu.country = std::string(row.country);
        cu.countryWhen = When{row.at, seq};
    }
    return c;
}

// The invoice's earliest row dates the order; its total is the sum of its exact line amounts.
std::int32_t Aggregate::addOrder(const ParsedRow& row, std::int32_t customer)
{
    bool created = false;
    const auto o = intern(orderIndex, orders, row.invoice, created);
    OrderAgg& order = orders[std::size_t(o)];
    if (created) {
        order.externalId = std::string(row.invoice);
        order.customer = customer;
        order.createdAt = row.at;
        order.country = std::string(row.country);
    }
    order.createdAt = std::min(order.createdAt, row.at);
    order.totalMinor += row.amountMinor;
    return o;
}

// The latest unit price and a tally of descriptions (the title is the most frequent one).
std::int32_t Aggregate::addProduct(const ParsedRow& row, std::int64_t seq)
{
    bool created = false;
    const auto p = intern(productIndex, products, row.sku, created);
    ProductAgg& product = products[std::size_t(p)];
    if (created) {
        product.sku = std::string(row.sku);
        product.first = product.last = row.at;
    }
    product.first = std::min(product.first, row.at);
    product.last = std::max(product.last, row.at);
    if (!(When{row.at, seq} < product.priceWhen)) {
        product.priceWhen = When{row.at, seq};
        product.priceMinor = row.unitPriceMinor;
    }
    if (!row.description.empty()) {
        auto it = product.titles.find(row.description);
        if (it == product.titles.end())
            it = product.titles.emplace(std::string(row.description), std::pair<std::int64_t, std::int64_t>{0, 0}).first;
        ++it->second.first;
        it->second.second = seq;
    }
    return p;
}

// Unusable rows go to import_rejects (with the run id) as they are met, and are counted by reason.
class RejectLog {
public:
    RejectLog(store::Database& db, std::int64_t runId)
        : m_insert(db.prepare("INSERT INTO import_rejects(run_id, line_no, reason, raw) VALUES(?1,?2,?3,?4)")),
          m_runId(runId)
    {
    }
    void add(std::int64_t line, std::string_view reason, std::string_view raw)
    {
        if (raw.size() > kMaxRawRejectBytes)
            raw = raw.substr(0, kMaxRawRejectBytes);
        m_insert.bind(1, m_runId).bind(2, line).bind(3, reason).bind(4, raw);
        m_insert.step();
        m_insert.reset();
        ++m_counts[reason];
    }
    const std::map<std::string_view, std::int64_t>& counts() const { return m_counts; }

private:
    store::Statement m_insert;
    std::int64_t m_runId;
    std::map<std::string_view, std::int64_t> m_counts; // reasons are the string literals in reject::
};

// Reads every record after the header into `agg`, rejecting what cannot be used.
void readRecords(CsvReader& reader, const Columns& cols, int exponent, Aggregate& agg, RejectLog& rejects,
                 ImportReport& report, ProgressReporter& progress)
{
    std::vector<std::string> f;
    ParsedRow row;
    agg.sales.reserve(1 << 16);
    while (reader.next(f)) {
        ++report.rowsRead;
        if ((report.rowsRead & 1023) == 0)
            progress.report(reader.fraction(), "reading " + reader.path());
        const std::int64_t line = reader.lineNumber();
        const char* reason = reader.malformed() ? reject::kUnterminatedQuote : parseRow(f, cols, exponent, row);
        if (!reason)
            reason = row.cancellation ? agg.addCancellation(row, line, reader.rawText()) : agg.addSale(row, report.rowsRead);
        if (reason)
            rejects.add(line, reason, reader.rawText());
    }
    progress.report(1.0, "reading " + reader.path());
}

// Cancellations: the latest order of the same customer, placed no later, holding the product
// (-1: none, and the cancellation is rejected). Candidates are collected only for the
// (customer, product) pairs some cancellation names.
std::vector<std::int32_t> matchCancellations(const Aggregate& agg, RejectLog& rejects)
{
    const auto& cancellations = agg.cancellations;
    const auto& orders = agg.orders;
    std::vector<std::int32_t> refundOrder(cancellations.size(), -1);
    auto pairKey = [](std::int32_t c, std::int32_t p) { return (std::uint64_t(std::uint32_t(c)) << 32) | std::uint32_t(p); };
    std::unordered_map<std::uint64_t, std::vector<std::int32_t>> candidates;
    std::vector<std::optional<std::uint64_t>> keys(cancellations.size());
    for (std::size_t i = 0; i < cancellations.size(); ++i) {
        auto c = agg.customerIndex.find(cancellations[i].customer);
        auto p = agg.productIndex.find(cancellations[i].sku);
        if (c != agg.customerIndex.end() && p != agg.productIndex.end()) {
            keys[i] = pairKey(c->second, p->second);
            candidates[*keys[i]];
        }
    }
    if (!candidates.empty()) {
        for (const SaleLine& s : agg.sales) {
            auto it = candidates.find(pairKey(orders[std::size_t(s.order)].customer, s.product));
            if (it != candidates.end() && (it->second.empty() || it->second.back() != s.order))
                it->second.push_back(s.order);
        }
    }
    for (std::size_t i = 0; i < cancellations.size(); ++i) {
        if (!keys[i])
            continue;
        std::int32_t best = -1;
        for (std::int32_t o : candidates[*keys[i]]) {
            const Timestamp t = orders[std::size_t(o)].createdAt;
            if (t <= cancellations[i].at && (best < 0 || !(When{t, o} < When{orders[std::size_t(best)].createdAt, best})))
                best = o;
        }
        refundOrder[i] = best;
    }
    for (std::size_t i = 0; i < cancellations.size(); ++i)
        if (refundOrder[i] < 0)
            rejects.add(cancellations[i].line, reject::kUnmatchedCancellation, cancellations[i].raw);
    return refundOrder;
}

// Upserts the customers by external id and keeps their store ids for the orders.
void writeCustomers(store::Database& db, std::vector<CustomerAgg>& customers, ProgressReporter progress)
{
    std::vector<store::CustomerRow> rows(customers.size());
    for (std::size_t i = 0; i < customers.size(); ++i) {
        const CustomerAgg& a = customers[i];
        rows[i].externalId = a.externalId;
        if (!a.country.empty())
            rows[i].country = a.country;
        rows[i].createdAt = a.first;
        rows[i].updatedAt = a.last;
    }
    writeBatched(rows, [&](std::span<store::CustomerRow> s) { store::upsertCustomers(db, s); }, progress,
                 "writing customers");
    for (std::size_t i = 0; i < customers.size(); ++i)
        customers[i].id = rows[i].id;
}

// Most frequent description; among equals the one seen last; the sku when there is none.
std::string productTitle(const ProductAgg& a)
{
    const std::string* title = nullptr;
    std::pair<std::int64_t, std::int64_t> bestScore{-1, -1};
    for (const auto& [text, score] : a.titles)
        if (score > bestScore) {
            bestScore = score;
            title = &text;
        }
    return title ? *title : a.sku;
}

// Upserts the products by sku and keeps their store ids for the items and refunds.
void writeProducts(store::Database& db, std::vector<ProductAgg>& products, const std::string& currency,
                   ProgressReporter progress)
{
    std::vector<store::ProductRow> rows(products.size());
    for (std::size_t i = 0; i < products.size(); ++i) {
        const ProductAgg& a = products[i];
        store::ProductRow& r = rows[i];
        r.sku = a.sku;
        r.titleEn = productTitle(a);
        r.priceMinor = a.priceMinor;
        r.currency = currency;
        r.createdAt = a.first;
        r.updatedAt = a.last;
    }
    writeBatched(rows, [&](std::span<store::ProductRow> s) { store::upsertProducts(db, s); }, progress,
                 "writing products");
    for (std::size_t i = 0; i < products.size(); ++i)
        products[i].id = rows[i].id;
}

// Upserts the orders by invoice number (customers must be written first) and keeps their ids.
void writeOrders(store::Database& db, Aggregate& agg, const std::string& currency, ProgressReporter progress)
{
    std::vector<store::OrderRow> rows(agg.orders.size());
    for (std::size_t i = 0; i < agg.orders.size(); ++i) {
        const OrderAgg& a = agg.orders[i];
        store::OrderRow& r = rows[i];
        r.externalId = a.externalId;
        r.customerId = agg.customers[std::size_t(a.customer)].id;
        r.createdAt = r.updatedAt = a.createdAt;
        r.status = "completed";
        r.currency = currency;
        r.subtotalMinor = r.totalMinor = a.totalMinor;
        if (!a.country.empty())
            r.shipping.country = a.country;
    }
    writeBatched(rows, [&](std::span<store::OrderRow> s) { store::upsertOrders(db, s); }, progress, "writing orders");
    for (std::size_t i = 0; i < agg.orders.size(); ++i)
        agg.orders[i].id = rows[i].id;
}

// A re-import replaces the items of the orders it upserted instead of appending copies.
void deleteOrderItems(store::Database& db, const std::vector<OrderAgg>& orders)
{
    auto del = db.prepare("DELETE FROM order_items WHERE order_id = ?1");
    for (const OrderAgg& o : orders) {
        del.bind(1, o.id);
        del.step();
        del.reset();
    }
}

// Inserts the sale lines in batches (the bulk of the file) and sums the revenue.
void writeOrderItems(store::Database& db, const Aggregate& agg, ImportReport& report, ProgressReporter progress)
{
    const auto& sales = agg.sales;
    std::vector<store::OrderItemRow> rows;
    rows.reserve(std::min(sales.size(), kWriteBatch));
    for (std::size_t from = 0; from < sales.size(); from += kWriteBatch) {
        const auto to = std::min(sales.size(), from + kWriteBatch);
        rows.assign(to - from, store::OrderItemRow{});
        for (std::size_t i = from; i < to; ++i) {
            const SaleLine& s = sales[i];
            store::OrderItemRow& r = rows[i - from];
            r.orderId = agg.orders[std::size_t(s.order)].id;
            r.productId = agg.products[std::size_t(s.product)].id;
            r.quantity = s.quantity;
            r.unitPriceMinor = s.unitPriceMinor;
            r.lineTotalMinor = s.lineTotalMinor;
            report.revenueMinor += s.lineTotalMinor;
        }
        store::insertOrderItems(db, rows);
        progress.report(double(to) / double(sales.size()), "writing order items");
    }
    progress.report(1.0, "writing order items");
}

// Upserts the matched cancellations as refunds of their order and sums the refunded amount.
void writeRefunds(store::Database& db, const Aggregate& agg, const std::vector<std::int32_t>& refundOrder,
                  ImportReport& report, ProgressReporter progress)
{
    std::vector<store::RefundRow> rows;
    for (std::size_t i = 0; i < agg.cancellations.size(); ++i) {
        if (refundOrder[i] < 0)
            continue;
        const Cancellation& c = agg.cancellations[i];
        store::RefundRow r;
        r.externalId = c.externalId;
        r.orderId = agg.orders[std::size_t(refundOrder[i])].id;
        r.productId = agg.products[std::size_t(agg.productIndex.find(c.sku)->second)].id;
        r.quantity = c.quantity;
        r.createdAt = c.at;
        r.amountMinor = c.amountMinor;
        r.kind = "cancellation";
        r.reason = "cancelled by invoice " + c.invoice;
        report.refundedMinor += c.amountMinor;
        rows.push_back(std::move(r));
    }
    writeBatched(rows, [&](std::span<store::RefundRow> s) { store::upsertRefunds(db, s); }, progress,
                 "writing refunds");
    report.refunds = std::int64_t(rows.size());
}

// The import_runs row this run's rejects hang off; returns its id.
std::int64_t startRun(store::Database& db, const ImportOptions& options, const std::string& csvPath)
{
    auto run = db.prepare("INSERT INTO import_runs(source, file, started_at) VALUES(?1, ?2, ?3)");
    run.bind(1, options.source).bind(2, csvPath).bind(3, nowUtc());
    run.step();
    return db.lastInsertRowId();
}

// Fills the report's counts and closes the run's import_runs row with them.
void finishRun(store::Database& db, const Aggregate& agg, const RejectLog& rejects, ImportReport& report)
{
    report.customers = std::int64_t(agg.customers.size());
    report.products = std::int64_t(agg.products.size());
    report.orders = std::int64_t(agg.orders.size());
    report.orderItems = std::int64_t(agg.sales.size());
    report.rowsImported = report.orderItems + report.refunds;
    for (const auto& [reason, n] : rejects.counts()) {
        report.rejectsByReason.emplace(std::string(reason), n);
        report.rowsRejected += n;
    }
    auto run = db.prepare("UPDATE import_runs SET finished_at = ?1, rows_read = ?2, rows_imported = ?3, "
                          "rows_rejected = ?4 WHERE id = ?5");
    run.bind(1, nowUtc()).bind(2, report.rowsRead).bind(3, report.rowsImported).bind(4, report.rowsRejected)
        .bind(5, report.runId);
    run.step();
}

// Open panels reload the tables the import rewrote.
void publishImport(store::Database& db, const ImportReport& report)
{
    const std::pair<const char*, std::int64_t> touched[] = {
        {"customers", report.customers}, {"products", report.products},   {"orders", report.orders},
        {"order_items", report.orderItems}, {"refunds", report.refunds}, {"import_runs", 1},
        {"import_rejects", report.rowsRejected}};
    for (const auto& [table, n] : touched)
        db.changeFeed().publish(store::Change{table, store::ChangeKind::Reset, n, {}});
}

} // namespace

ImportReport importOnlineRetail(store::Database& db, const std::string& csvPath, const ImportOptions& options,
                                const Progress& progress)
{
    const auto started = std::chrono::steady_clock::now();
    if (!db.autocommit())
        throw Error(ErrorCode::InvalidArgument,
                    "cannot import " + csvPath + ": a transaction is already open on the store, and the import "
                                                 "must run as one transaction of its own");
    ProgressReporter reporter(progress);
    reporter.report(0.0, "reading " + csvPath);
    ProgressReporter readProgress = reporter.sub(0.0, kReadShare);
    CsvReader reader(csvPath);
    const Columns cols = readHeader(reader, csvPath);

    ImportReport report;
    report.currency = options.currency;
    BulkWriteSettings bulkSettings(db, kImportCacheKiB);
    store::Transaction tx(db);
    const bool storeHadOrders = db.queryInt("SELECT EXISTS(SELECT 1 FROM orders)").value_or(0) != 0;
    report.runId = startRun(db, options, csvPath);
    RejectLog rejects(db, report.runId);
    Aggregate agg;
    readRecords(reader, cols, currencyExponent(options.currency), agg, rejects, report, readProgress);
    const std::vector<std::int32_t> refundOrder = matchCancellations(agg, rejects);

    ProgressReporter writeProgress = reporter.sub(kReadShare, 1.0);
    writeCustomers(db, agg.customers, writeProgress.sub(0.0, 0.05));
    writeProducts(db, agg.products, options.currency, writeProgress.sub(0.05, 0.1));
    writeOrders(db, agg, options.currency, writeProgress.sub(0.1, 0.2));
    if (storeHadOrders)
        deleteOrderItems(db, agg.orders);
    writeOrderItems(db, agg, report, writeProgress.sub(0.2, 0.9));
    writeRefunds(db, agg, refundOrder, report, writeProgress.sub(0.9, 0.97));
    finishRun(db, agg, rejects, report);
    // The last chance to cancel: after this the import is committed.
    writeProgress.report(1.0, "committing");
    tx.commit();
    publishImport(db, report);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

} // namespace shoppilot::sync
