#include "support/slots.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace shoppilot::support {

namespace {

constexpr std::size_t kMaxScan = 4000;

std::string head(std::string_view s)
{
    std::size_t n = std::min(s.size(), kMaxScan);
    while (n < s.size() && n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        --n; // do not cut a UTF-8 sequence
    return std::string(s.substr(0, n));
}

const std::regex& emailRe()
{
    static const std::regex r(R"(([A-Za-z0-9._%+-]+)@([A-Za-z0-9.-]+\.[A-Za-z]{2,}))");
    return r;
}
const std::regex& orderRe()
{
    // "SP-100013", "sp100013", "order #1234", "订单 123456": a short letter prefix with digits, or
    // '#' + digits, or 5+ digits standing alone.
    static const std::regex r(R"((?:\b([A-Za-z]{1,4})-?(\d{4,10})\b)|(?:#(\d{3,10})\b)|(?:(?:^|[^\d+])(\d{5,10})(?!\d)))");
    return r;
}
const std::regex& phoneRe()
{
    static const std::regex r(R"((\+?\d[\d \-]{8,16}\d))");
    return r;
}
const std::regex& amountRe()
{
    static const std::regex r(
        R"((?:(£|\$|€|¥|￥)\s?(\d+(?:[.,]\d{1,2})?))|(?:(\d+(?:[.,]\d{1,2})?)\s?(元|块|pounds?|dollars?|euros?|gbp|usd|eur|rmb)))",
        std::regex::icase);
    return r;
}
const std::regex& dateRe()
{
    static const std::regex r(R"((20\d\d)-(\d{1,2})-(\d{1,2}))");
    return r;
}

std::string digitsOf(const std::string& s)
{
    std::string d;
    for (const char c : s)
        if (std::isdigit(static_cast<unsigned char>(c)) || (c == '+' && d.empty()))
            d += c;
    return d;
}

} // namespace

Slots extractSlots(std::string_view message, Timestamp now)
{
    const std::string text = head(message);
    Slots s;
    std::string rest = text;
    for (std::sregex_iterator it(text.begin(), text.end(), emailRe()), end; it != end; ++it) {
        s.emails.push_back((*it)[0].str());
        rest.replace(std::size_t(it->position(0)), std::size_t(it->length(0)), std::string(std::size_t(it->length(0)), ' '));
    }
    // Amounts first (so "£25" is not read as an order), then orders, then phones.
    std::string noAmounts = rest;
    for (std::sregex_iterator it(rest.begin(), rest.end(), amountRe()), end; it != end; ++it) {
        std::string v = (*it)[2].matched ? (*it)[2].str() : (*it)[3].str();
        std::replace(v.begin(), v.end(), ',', '.');
        s.amounts.push_back(std::stod(v));
        noAmounts.replace(std::size_t(it->position(0)), std::size_t(it->length(0)), std::string(std::size_t(it->length(0)), ' '));
    }
    std::string noOrders = noAmounts;
    for (std::sregex_iterator it(noAmounts.begin(), noAmounts.end(), dateRe()), end; it != end; ++it) {
        const int y = std::stoi((*it)[1].str()), m = std::stoi((*it)[2].str()), d = std::stoi((*it)[3].str());
        if (m >= 1 && m <= 12 && d >= 1 && d <= 31)
            s.date = makeTimestamp(y, m, d);
        noOrders.replace(std::size_t(it->position(0)), std::size_t(it->length(0)), std::string(std::size_t(it->length(0)), ' '));
    }
    for (std::sregex_iterator it(noOrders.begin(), noOrders.end(), phoneRe()), end; it != end; ++it) {
        const std::string d = digitsOf((*it)[1].str());
        const bool spaced = (*it)[1].str().find_first_of(" -") != std::string::npos;
        if (d.size() >= 10 || (d[0] == '+' && d.size() >= 9) || (spaced && d.size() >= 9)) {
            s.phones.push_back(d);
            noOrders.replace(std::size_t(it->position(0)), std::size_t(it->length(0)), std::string(std::size_t(it->length(0)), ' '));
        }
    }
    for (std::sregex_iterator it(noOrders.begin(), noOrders.end(), orderRe()), end; it != end; ++it) {
        std::string o;
        if ((*it)[1].matched) {
            o = (*it)[1].str() + "-" + (*it)[2].str();
            std::transform(o.begin(), o.end(), o.begin(), [](unsigned char c) { return char(std::toupper(c)); });
        } else if ((*it)[3].matched) {
            o = (*it)[3].str();
        } else {
            o = (*it)[4].str();
        }
        if (std::find(s.orders.begin(), s.orders.end(), o) == s.orders.end())
            s.orders.push_back(o);
    }
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    const Timestamp day = Timestamp(86400);
    const Timestamp today = now - now % day;
    if (!s.date) {
        if (lower.find("yesterday") != std::string::npos || text.find("昨天") != std::string::npos)
            s.date = today - day;
        else if (lower.find("today") != std::string::npos || text.find("今天") != std::string::npos)
            s.date = today;
    }
    return s;
}

std::string maskPersonalData(std::string_view message)
{
    std::string text(message);
    std::string out;
    std::size_t last = 0;
    for (std::sregex_iterator it(text.begin(), text.end(), emailRe()), end; it != end; ++it) {
        out += text.substr(last, std::size_t(it->position(0)) - last);
        const std::string user = (*it)[1].str();
        out += user.substr(0, 1) + "***@" + (*it)[2].str();
        last = std::size_t(it->position(0) + it->length(0));
    }
    out += text.substr(last);
    std::string result;
    last = 0;
    for (std::sregex_iterator it(out.begin(), out.end(), phoneRe()), end; it != end; ++it) {
        const std::string d = digitsOf((*it)[1].str());
        if (d.size() < 9) // order numbers and short figures stay
            continue;
        result += out.substr(last, std::size_t(it->position(0)) - last);
        result += "***" + d.substr(d.size() - 4);
        last = std::size_t(it->position(0) + it->length(0));
    }
    result += out.substr(last);
    return result;
}

} // namespace shoppilot::support
