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
    std::vector<std::string> f;
    if (!reader.next(f))
        throw Error(ErrorCode::Parse, csvPath + " is empty: expected the Online Retail header line");
    std::array<std::size_t, kColumnCount> col{};
    {
        std::string missing;
        for (std::size_t c = 0; c < kColumnCount; ++c) {
            auto it = std::find_if(f.begin(), f.end(),
                                   [&](const std::string& h) { return equalsIgnoreCase(trim(h), kColumnNames[c]); });
            if (it == f.end())
                missing += (missing.empty() ? "" : ", ") + std::string(kColumnNames[c]);
            else
                col[c] = std::size_t(it - f.begin());
        }
        if (!missing.empty())
            throw Error(ErrorCode::Parse, csvPath + " is not a UCI Online Retail CSV: its first line lacks the "
                                                    "column(s) " + missing + " (found: " + reader.rawText() + ")");
    }
    const std::size_t width = f.size();
    const int exponent = currencyExponent(options.currency);

    ImportReport report;
    report.currency = options.currency;
    BulkWriteSettings bulkSettings(db, kImportCacheKiB);
    store::Transaction tx(db);
    const bool storeHadOrders = db.queryInt("SELECT EXISTS(SELECT 1 FROM orders)").value_or(0) != 0;
    {
        auto run = db.prepare("INSERT INTO import_runs(source, file, started_at) VALUES(?1, ?2, ?3)");
        run.bind(1, options.source).bind(2, csvPath).bind(3, nowUtc());
        run.step();
        report.runId = db.lastInsertRowId();
    }

    auto rejectStatement = db.prepare("INSERT INTO import_rejects(run_id, line_no, reason, raw) VALUES(?1,?2,?3,?4)");
    std::map<std::string_view, std::int64_t> rejects; // reasons are the string literals in reject::
    auto rejectRow = [&](std::int64_t line, std::string_view reason, std::string_view raw) {
        if (raw.size() > kMaxRawRejectBytes)
            raw = raw.substr(0, kMaxRawRejectBytes);
        rejectStatement.bind(1, report.runId).bind(2, line).bind(3, reason).bind(4, raw);
        rejectStatement.step();
        rejectStatement.reset();
        ++rejects[reason];
    };

    StringMap<std::int32_t> customerIndex, productIndex, orderIndex;
    StringMap<std::int32_t> cancellationSeen; // "invoice:sku" -> occurrences, for stable refund ids
    std::vector<CustomerAgg> customers;
    std::vector<ProductAgg> products;
    std::vector<OrderAgg> orders;
    std::vector<SaleLine> sales;
    std::vector<Cancellation> cancellations;
    sales.reserve(1 << 16);

    while (reader.next(f)) {
        ++report.rowsRead;
        if ((report.rowsRead & 1023) == 0)
            readProgress.report(reader.fraction(), "reading " + csvPath);
        const std::int64_t line = reader.lineNumber();
        const std::int64_t seq = report.rowsRead;
        auto rejectThis = [&](const char* reason) { rejectRow(line, reason, reader.rawText()); };

        if (reader.malformed()) {
            rejectThis(reject::kUnterminatedQuote);
            continue;
        }
        if (f.size() != width) {
            rejectThis(reject::kWrongColumnCount);
            continue;
        }
        const std::string_view invoice = trim(f[col[kInvoice]]);
        const std::string_view sku = trim(f[col[kStockCode]]);
        if (invoice.empty()) {
            rejectThis(reject::kMissingInvoice);
            continue;
        }
        if (sku.empty()) {
            rejectThis(reject::kMissingStockCode);
            continue;
        }
        const auto quantity = parseInteger(f[col[kQuantity]]);
        if (!quantity) {
            rejectThis(reject::kBadQuantity);
            continue;
        }
        const auto at = parseTimestamp(trim(f[col[kInvoiceDate]]));
        if (!at) {
            rejectThis(reject::kBadDate);
            continue;
        }
        // Parsed at the currency's precision first: parseMinorUnits guards that scale against
        // overflow, not the finer one.
        const auto roughPrice = parseMinorUnits(f[col[kUnitPrice]], exponent);
        if (!roughPrice) {
            rejectThis(reject::kBadPrice);
            continue;
        }
        if (std::abs(*roughPrice) >= kMaxPriceMinor) {
            rejectThis(reject::kOutOfRange);
            continue;
        }
        const auto price = parseMinorUnits(f[col[kUnitPrice]], exponent + kExtraPriceDigits);
        const std::string_view customerText = trim(f[col[kCustomer]]);
        if (customerText.empty()) {
            rejectThis(reject::kMissingCustomer);
            continue;
        }
        const auto customer = customerKey(customerText);
        if (!customer) {
            rejectThis(reject::kBadCustomer);
            continue;
        }
        // Exact amount: |qty| x price at extra precision, rounded half away from zero once.
        std::int64_t exact = 0;
        if (*quantity == INT64_MIN || __builtin_mul_overflow(std::abs(*quantity), std::abs(*price), &exact)) {
            rejectThis(reject::kOutOfRange);
            continue;
        }
        const std::int64_t amountMinor = (exact + kExtraPriceScale / 2) / kExtraPriceScale;
        const std::int64_t unitPriceMinor = (std::abs(*price) + kExtraPriceScale / 2) / kExtraPriceScale;

        if (invoice.front() == 'C' || invoice.front() == 'c') {
            if (*price <= 0) {
                rejectThis(reject::kNonPositivePrice);
                continue;
            }
            if (*quantity >= 0) {
                rejectThis(reject::kCancellationPositive);
                continue;
            }
            std::string key = std::string(invoice) + ':' + std::string(sku);
            const auto occurrence = ++cancellationSeen[key];
            cancellations.push_back(Cancellation{line, reader.rawText(), std::string(invoice),
                                                 key + ':' + std::to_string(occurrence), std::string(*customer),
                                                 std::string(sku), *at, -*quantity, amountMinor});
            continue;
        }
        if (*quantity <= 0) {
            rejectThis(reject::kNonPositiveQuantity);
            continue;
        }
        if (*price <= 0) {
            rejectThis(reject::kNonPositivePrice);
            continue;
        }
        // An order has one customer: a row naming another one for the same invoice is not trusted.
        if (auto it = orderIndex.find(invoice); it != orderIndex.end()
            && customers[std::size_t(orders[std::size_t(it->second)].customer)].externalId != *customer) {
            rejectThis(reject::kConflictingCustomer);
            continue;
        }

        bool created = false;
        const auto c = intern(customerIndex, customers, *customer, created);
        CustomerAgg& cu = customers[std::size_t(c)];
        if (created) {
            cu.externalId = std::string(*customer);
            cu.first = cu.last = *at;
        }
        cu.first = std::min(cu.first, *at);
        cu.last = std::max(cu.last, *at);
        const std::string_view country = trim(f[col[kCountry]]);
        if (!country.empty() && !(When{*at, seq} < cu.countryWhen)) {
            cu.country = std::string(country);
            cu.countryWhen = When{*at, seq};
        }

        const auto o = intern(orderIndex, orders, invoice, created);
        OrderAgg& order = orders[std::size_t(o)];
        if (created) {
            order.externalId = std::string(invoice);
            order.customer = c;
            order.createdAt = *at;
            order.country = std::string(country);
        }
        order.createdAt = std::min(order.createdAt, *at);
        order.totalMinor += amountMinor;

        const auto p = intern(productIndex, products, sku, created);
        ProductAgg& product = products[std::size_t(p)];
        if (created) {
            product.sku = std::string(sku);
            product.first = product.last = *at;
        }
        product.first = std::min(product.first, *at);
        product.last = std::max(product.last, *at);
        if (!(When{*at, seq} < product.priceWhen)) {
            product.priceWhen = When{*at, seq};
            product.priceMinor = unitPriceMinor;
        }
        const std::string_view description = trim(f[col[kDescription]]);
        if (!description.empty()) {
            auto it = product.titles.find(description);
            if (it == product.titles.end())
                it = product.titles.emplace(std::string(description), std::pair<std::int64_t, std::int64_t>{0, 0})
                         .first;
            ++it->second.first;
            it->second.second = seq;
        }
        sales.push_back(SaleLine{o, p, *quantity, unitPriceMinor, amountMinor});
    }
    readProgress.report(1.0, "reading " + csvPath);

    // Cancellations: the latest order of the same customer, placed no later, holding the product.
    // Candidates are collected only for the (customer, product) pairs some cancellation names.
    std::vector<std::int32_t> refundOrder(cancellations.size(), -1);
    {
        auto pairKey = [](std::int32_t c, std::int32_t p) { return (std::uint64_t(std::uint32_t(c)) << 32) | std::uint32_t(p); };
        std::unordered_map<std::uint64_t, std::vector<std::int32_t>> candidates;
        std::vector<std::optional<std::uint64_t>> keys(cancellations.size());
        for (std::size_t i = 0; i < cancellations.size(); ++i) {
            auto c = customerIndex.find(cancellations[i].customer);
            auto p = productIndex.find(cancellations[i].sku);
            if (c != customerIndex.end() && p != productIndex.end()) {
                keys[i] = pairKey(c->second, p->second);
                candidates[*keys[i]];
            }
        }
        if (!candidates.empty()) {
            for (const SaleLine& s : sales) {
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
                if (t <= cancellations[i].at
                    && (best < 0 || !(When{t, o} < When{orders[std::size_t(best)].createdAt, best})))
                    best = o;
            }
            refundOrder[i] = best;
        }
        for (std::size_t i = 0; i < cancellations.size(); ++i)
            if (refundOrder[i] < 0)
                rejectRow(cancellations[i].line, reject::kUnmatchedCancellation, cancellations[i].raw);
    }

    // ---- writing (all inside `tx`)
    ProgressReporter writeProgress = reporter.sub(kReadShare, 1.0);
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
        ProgressReporter step = writeProgress.sub(0.0, 0.05);
        writeBatched(rows, [&](std::span<store::CustomerRow> s) { store::upsertCustomers(db, s); }, step,
                     "writing customers");
        for (std::size_t i = 0; i < customers.size(); ++i)
            customers[i].id = rows[i].id;
    }
    {
        std::vector<store::ProductRow> rows(products.size());
        for (std::size_t i = 0; i < products.size(); ++i) {
            const ProductAgg& a = products[i];
            store::ProductRow& r = rows[i];
            r.sku = a.sku;
            // Most frequent description; among equals the one seen last.
            const std::string* title = nullptr;
            std::pair<std::int64_t, std::int64_t> bestScore{-1, -1};
            for (const auto& [text, score] : a.titles)
                if (score > bestScore) {
                    bestScore = score;
                    title = &text;
                }
            r.titleEn = title ? *title : a.sku;
            r.priceMinor = a.priceMinor;
            r.currency = options.currency;
            r.createdAt = a.first;
            r.updatedAt = a.last;
        }
        ProgressReporter step = writeProgress.sub(0.05, 0.1);
        writeBatched(rows, [&](std::span<store::ProductRow> s) { store::upsertProducts(db, s); }, step,
                     "writing products");
        for (std::size_t i = 0; i < products.size(); ++i)
            products[i].id = rows[i].id;
    }
    {
        std::vector<store::OrderRow> rows(orders.size());
        for (std::size_t i = 0; i < orders.size(); ++i) {
            const OrderAgg& a = orders[i];
            store::OrderRow& r = rows[i];
            r.externalId = a.externalId;
            r.customerId = customers[std::size_t(a.customer)].id;
            r.createdAt = r.updatedAt = a.createdAt;
            r.status = "completed";
            r.currency = options.currency;
            r.subtotalMinor = r.totalMinor = a.totalMinor;
            if (!a.country.empty())
                r.shipping.country = a.country;
        }
        ProgressReporter step = writeProgress.sub(0.1, 0.2);
        writeBatched(rows, [&](std::span<store::OrderRow> s) { store::upsertOrders(db, s); }, step,
                     "writing orders");
        for (std::size_t i = 0; i < orders.size(); ++i)
            orders[i].id = rows[i].id;
    }
    if (storeHadOrders) {
        // A re-import replaces the items of the orders it upserted instead of appending copies.
        auto del = db.prepare("DELETE FROM order_items WHERE order_id = ?1");
        for (const OrderAgg& o : orders) {
            del.bind(1, o.id);
            del.step();
            del.reset();
        }
    }
    {
        ProgressReporter step = writeProgress.sub(0.2, 0.9);
        std::vector<store::OrderItemRow> rows;
        rows.reserve(std::min(sales.size(), kWriteBatch));
        for (std::size_t from = 0; from < sales.size(); from += kWriteBatch) {
            const auto to = std::min(sales.size(), from + kWriteBatch);
            rows.assign(to - from, store::OrderItemRow{});
            for (std::size_t i = from; i < to; ++i) {
                const SaleLine& s = sales[i];
                store::OrderItemRow& r = rows[i - from];
                r.orderId = orders[std::size_t(s.order)].id;
                r.productId = products[std::size_t(s.product)].id;
                r.quantity = s.quantity;
                r.unitPriceMinor = s.unitPriceMinor;
                r.lineTotalMinor = s.lineTotalMinor;
                report.revenueMinor += s.lineTotalMinor;
            }
            store::insertOrderItems(db, rows);
            step.report(double(to) / double(sales.size()), "writing order items");
        }
        step.report(1.0, "writing order items");
    }
    {
        std::vector<store::RefundRow> rows;
        for (std::size_t i = 0; i < cancellations.size(); ++i) {
            if (refundOrder[i] < 0)
                continue;
            const Cancellation& c = cancellations[i];
            store::RefundRow r;
            r.externalId = c.externalId;
            r.orderId = orders[std::size_t(refundOrder[i])].id;
            r.productId = products[std::size_t(productIndex.find(c.sku)->second)].id;
            r.quantity = c.quantity;
            r.createdAt = c.at;
            r.amountMinor = c.amountMinor;
            r.kind = "cancellation";
            r.reason = "cancelled by invoice " + c.invoice;
            report.refundedMinor += c.amountMinor;
            rows.push_back(std::move(r));
        }
        ProgressReporter step = writeProgress.sub(0.9, 0.97);
        writeBatched(rows, [&](std::span<store::RefundRow> s) { store::upsertRefunds(db, s); }, step,
                     "writing refunds");
        report.refunds = std::int64_t(rows.size());
    }

    report.customers = std::int64_t(customers.size());
    report.products = std::int64_t(products.size());
    report.orders = std::int64_t(orders.size());
    report.orderItems = std::int64_t(sales.size());
    report.rowsImported = report.orderItems + report.refunds;
    for (const auto& [reason, n] : rejects) {
        report.rejectsByReason.emplace(std::string(reason), n);
        report.rowsRejected += n;
    }
    {
        auto run = db.prepare("UPDATE import_runs SET finished_at = ?1, rows_read = ?2, rows_imported = ?3, "
                              "rows_rejected = ?4 WHERE id = ?5");
        run.bind(1, nowUtc()).bind(2, report.rowsRead).bind(3, report.rowsImported).bind(4, report.rowsRejected)
            .bind(5, report.runId);
        run.step();
    }
    // The last chance to cancel: after this the import is committed.
    writeProgress.report(1.0, "committing");
    tx.commit();

    const std::pair<const char*, std::int64_t> touched[] = {
        {"customers", report.customers}, {"products", report.products},   {"orders", report.orders},
        {"order_items", report.orderItems}, {"refunds", report.refunds}, {"import_runs", 1},
        {"import_rejects", report.rowsRejected}};
    for (const auto& [table, n] : touched)
        db.changeFeed().publish(store::Change{table, store::ChangeKind::Reset, n, {}});

    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

} // namespace shoppilot::sync
