#include "common/money.h"

#include <cstdlib>

namespace shoppilot {

int currencyExponent(std::string_view c)
{
    if (c == "JPY" || c == "KRW" || c == "VND" || c == "CLP" || c == "ISK")
        return 0;
    if (c == "BHD" || c == "KWD" || c == "OMR" || c == "JOD" || c == "TND")
        return 3;
    return 2;
}

std::optional<std::int64_t> parseMinorUnits(std::string_view s, int exponent)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    if (s.empty())
        return std::nullopt;
    bool negative = false;
    if (s.front() == '-' || s.front() == '+') {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    std::int64_t whole = 0;
    std::int64_t frac = 0;
    int fracDigits = 0;
    bool seenDot = false, anyDigit = false, roundUp = false;
    for (char ch : s) {
        if (ch == '.') {
            if (seenDot)
                return std::nullopt;
            seenDot = true;
            continue;
        }
        if (ch < '0' || ch > '9')
            return std::nullopt;
        anyDigit = true;
        const int digit = ch - '0';
        if (!seenDot) {
            if (whole > (INT64_MAX / 100 - 9) / 10)
                return std::nullopt;
            whole = whole * 10 + digit;
        } else if (fracDigits < exponent) {
            frac = frac * 10 + digit;
            ++fracDigits;
        } else if (fracDigits == exponent) {
            roundUp = digit >= 5;
            ++fracDigits; // later digits cannot change half-away-from-zero rounding of this one
        }
    }
    if (!anyDigit)
        return std::nullopt;
    for (int i = std::min(fracDigits, exponent); i < exponent; ++i)
        frac *= 10;
    std::int64_t scale = 1;
    for (int i = 0; i < exponent; ++i)
        scale *= 10;
    std::int64_t v = whole * scale + frac + (roundUp ? 1 : 0);
    return negative ? -v : v;
}

std::string formatMinorUnits(std::int64_t minor, int exponent)
{
    std::string sign = minor < 0 ? "-" : "";
    const std::uint64_t v = minor < 0 ? std::uint64_t(-(minor + 1)) + 1 : std::uint64_t(minor);
    std::uint64_t scale = 1;
    for (int i = 0; i < exponent; ++i)
        scale *= 10;
    std::string out = sign + std::to_string(v / scale);
    if (exponent > 0) {
        std::string frac = std::to_string(v % scale);
        out += '.' + std::string(std::size_t(exponent) - frac.size(), '0') + frac;
    }
    return out;
}

} // namespace shoppilot
