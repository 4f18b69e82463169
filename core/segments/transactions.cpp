#include "segments/transactions.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <unordered_map>

#include "common/csv.h"
#include "common/error.h"
#include "common/time.h"
#include "store/database.h"

namespace shoppilot::segments {

namespace {

int daysFromCivil(int y, int m, int d)
{
    // Howard Hinnant's days_from_civil.
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * unsigned(m + (m > 2 ? -3 : 9)) + 2) / 5 + unsigned(d) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + int(doe) - 719468;
}

bool readInt(const std::string& s, std::size_t& pos, int maxDigits, int& out)
{
    int n = 0, v = 0;
    while (pos < s.size() && n < maxDigits && s[pos] >= '0' && s[pos] <= '9') {
        v = v * 10 + (s[pos] - '0');
        ++pos;
        ++n;
    }
    out = v;
    return n > 0;
}

std::string trim(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

bool parseNumber(const std::string& text, double& v)
{
    const std::string t = trim(text);
    if (t.empty())
        return false;
    char* end = nullptr;
    v = std::strtod(t.c_str(), &end);
    return end == t.c_str() + t.size() && std::isfinite(v);
}

int column(const std::vector<std::string>& header, const std::string& name, const std::string& path)
{
    for (std::size_t i = 0; i < header.size(); ++i)
        if (trim(header[i]) == name)
            return int(i);
    std::string have;
    for (const auto& h : header)
        have += (have.empty() ? "" : ", ") + trim(h);
    throw Error(ErrorCode::InvalidArgument, "column '" + name + "' not in " + path + " (columns: " + have + ")");
}

// Customer keys like "17850.0" (Online Retail writes ids as floats) become "17850".
std::string normaliseKey(std::string k)
{
    k = trim(k);
    if (k.size() > 2 && k.compare(k.size() - 2, 2, ".0") == 0 && k.find_first_not_of("0123456789.") == std::string::npos)
        k.resize(k.size() - 2);
    return k;
}

} // namespace

bool parseDay(const std::string& text, const std::string& format, int& day)
{
    const std::string fmt = format.empty() ? "%Y-%m-%d" : format;
    int y = -1, m = 1, d = 1, ignored = 0;
    std::size_t p = 0;
    const std::string s = trim(text);
    for (std::size_t f = 0; f < fmt.size(); ++f) {
        if (fmt[f] == '%' && f + 1 < fmt.size()) {
            const char c = fmt[++f];
            bool ok = true;
            switch (c) {
            case 'Y': ok = readInt(s, p, 4, y); break;
            case 'y':
                ok = readInt(s, p, 2, y);
                y += y < 69 ? 2000 : 1900;
                break;
            case 'm': ok = readInt(s, p, 2, m); break;
            case 'd': ok = readInt(s, p, 2, d); break;
            case 'H': case 'M': case 'S': ok = readInt(s, p, 2, ignored); break;
            case '%': ok = p < s.size() && s[p++] == '%'; break;
            default: return false;
            }
            if (!ok)
                return false;
        } else {
            if (p >= s.size() || s[p] != fmt[f])
                return false;
            ++p;
        }
    }
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    day = daysFromCivil(y, m, d);
    return true;
}

int dayFromIso(const std::string& text)
{
    int day = 0;
    if (!parseDay(text, "%Y-%m-%d", day) || trim(text).size() != 10)
        throw Error(ErrorCode::InvalidArgument, "'" + text + "' is not a date (YYYY-MM-DD)");
    return day;
}

std::string isoFromDay(int day)
{
    return formatDate(Timestamp(day) * kSecondsPerDay);
}

TransactionLog readTransactionsCsv(const std::string& path, const CsvLogOptions& o, const Progress& progress)
{
    if (o.customerCol.empty() || o.dateCol.empty())
        throw Error(ErrorCode::InvalidArgument, "a customer column and a date column are required");
    CsvReader reader(path);
    std::vector<std::string> header, row;
    if (!reader.next(header))
        throw Error(ErrorCode::Parse, path + " is empty (no header line)");
    const int cCust = column(header, o.customerCol, path);
    const int cDate = column(header, o.dateCol, path);
    int cAmount = -1, cAmount2 = -1, cInvoice = -1;
    if (!o.amountCol.empty()) {
        const auto star = o.amountCol.find('*');
        if (star == std::string::npos)
            cAmount = column(header, o.amountCol, path);
        else {
            cAmount = column(header, trim(o.amountCol.substr(0, star)), path);
            cAmount2 = column(header, trim(o.amountCol.substr(star + 1)), path);
        }
    }
    if (!o.invoiceCol.empty())
        cInvoice = column(header, o.invoiceCol, path);
    else
        for (std::size_t i = 0; i < header.size(); ++i)
            if (trim(header[i]) == "InvoiceNo" || trim(header[i]) == "Invoice")
                cInvoice = int(i);
    const int need = std::max({cCust, cDate, cAmount, cAmount2, cInvoice});

    TransactionLog log;
    auto& r = log.report;
    std::unordered_map<std::string, int> ids;
    ProgressReporter rep(progress);
    auto bad = [&](const std::string& why) {
        if (r.firstBad.empty())
            r.firstBad = "line " + std::to_string(reader.lineNumber()) + ": " + why;
    };
    while (reader.next(row)) {
        ++r.rows;
        if ((r.rows & 0xFFF) == 0)
            rep.report(reader.fraction(), "reading transactions");
        if (reader.malformed() || int(row.size()) <= need) {
            ++r.malformed;
            bad("broken record (" + std::to_string(row.size()) + " fields)");
            continue;
        }
        if (cInvoice >= 0) {
            const std::string inv = trim(row[std::size_t(cInvoice)]);
            if (!inv.empty() && (inv[0] == 'C' || inv[0] == 'c')) {
                ++r.cancelled;
                continue;
            }
        }
        const std::string key = normaliseKey(row[std::size_t(cCust)]);
        if (key.empty()) {
            ++r.noCustomer;
            continue;
        }
        int day = 0;
        if (!parseDay(row[std::size_t(cDate)], o.dateFormat, day)) {
            ++r.badDate;
            bad("date '" + row[std::size_t(cDate)] + "' does not fit " + (o.dateFormat.empty() ? "%Y-%m-%d" : o.dateFormat));
            continue;
        }
        double amount = 1;
        if (cAmount >= 0) {
            double a = 0, b = 1;
            if (!parseNumber(row[std::size_t(cAmount)], a) || (cAmount2 >= 0 && !parseNumber(row[std::size_t(cAmount2)], b))) {
                ++r.badAmount;
                bad("amount is not a number");
                continue;
            }
            if (a <= 0 || b <= 0) {
                ++r.nonPositive;
                continue;
            }
            amount = a * b;
        }
        auto [it, inserted] = ids.try_emplace(key, int(log.customerKeys.size()));
        if (inserted)
            log.customerKeys.push_back(key);
        log.purchases.push_back({it->second, day, amount});
    }
    r.kept = std::int64_t(log.purchases.size());
    rep.report(1.0, "reading transactions");
    return log;
}

TransactionLog readTransactionsStore(store::Database& db)
{
    TransactionLog log;
    auto& r = log.report;
    std::unordered_map<std::int64_t, int> ids;
    auto st = db.prepare("SELECT customer_id, created_at, total_minor, status FROM orders ORDER BY created_at, id");
    while (st.step()) {
        ++r.rows;
        if (st.isNull(0)) {
            ++r.noCustomer;
            continue;
        }
        const std::string status = st.columnText(3);
        if (status == "cancelled" || status == "failed") {
            ++r.cancelled;
            continue;
        }
        const std::int64_t cust = st.columnInt(0);
        const Timestamp ts = st.columnInt(1);
        const double amount = double(st.columnInt(2)) / 100.0;
        if (amount <= 0) {
            ++r.nonPositive;
            continue;
        }
        auto [it, inserted] = ids.try_emplace(cust, int(log.customerKeys.size()));
        if (inserted)
            log.customerKeys.push_back(std::to_string(cust));
        const int day = int((ts >= 0 ? ts : ts - kSecondsPerDay + 1) / kSecondsPerDay);
        log.purchases.push_back({it->second, day, amount});
    }
    r.kept = std::int64_t(log.purchases.size());
    return log;
}

std::vector<CustomerDays> groupByDay(const TransactionLog& log)
{
    std::vector<std::vector<std::pair<int, double>>> per(log.customerKeys.size());
    for (const auto& p : log.purchases)
        per[std::size_t(p.customer)].push_back({p.day, p.amount});
    std::vector<CustomerDays> out;
    out.reserve(per.size());
    for (std::size_t c = 0; c < per.size(); ++c) {
        auto& v = per[c];
        std::sort(v.begin(), v.end());
        CustomerDays cd;
        cd.customer = int(c);
        for (const auto& [d, a] : v) {
            if (!cd.days.empty() && cd.days.back() == d)
                cd.amounts.back() += a;
            else {
                cd.days.push_back(d);
                cd.amounts.push_back(a);
            }
        }
        if (!cd.days.empty())
            out.push_back(std::move(cd));
    }
    return out;
}

bool summarise(const CustomerDays& c, int endDay, Summary& s)
{
    if (c.days.empty() || c.days.front() > endDay)
        return false;
    s = Summary{};
    s.customer = c.customer;
    const int first = c.days.front();
    int last = first, n = 0;
    double spend = 0, gapSum = 0, gapSq = 0;
    for (std::size_t i = 1; i < c.days.size() && c.days[i] <= endDay; ++i) {
        const double gap = c.days[i] - c.days[i - 1];
        gapSum += gap;
        gapSq += gap * gap;
        s.lastGap = gap;
        last = c.days[i];
        spend += c.amounts[i];
        ++n;
    }
    s.x = n;
    s.tx = last - first;
    s.T = endDay - first;
    s.monetary = n > 0 ? spend / n : 0;
    s.firstAmount = c.amounts.front();
    if (n > 0) {
        s.meanGap = gapSum / n;
        s.sdGap = std::sqrt(std::max(0.0, gapSq / n - s.meanGap * s.meanGap));
    }
    return true;
}

int countDays(const CustomerDays& c, int fromDay, int toDay)
{
    const auto lo = std::upper_bound(c.days.begin(), c.days.end(), fromDay);
    const auto hi = std::upper_bound(c.days.begin(), c.days.end(), toDay);
    return int(hi - lo);
}

} // namespace shoppilot::segments
