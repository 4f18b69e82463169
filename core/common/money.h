// Money: integer minor units plus an ISO 4217 code. Never a float in storage.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shoppilot {

struct Money {
    std::int64_t minor = 0;   // e.g. pence for GBP
    std::string currency = "GBP";

    friend bool operator==(const Money&, const Money&) = default;
};

// Digits after the decimal point for an ISO 4217 code (2 when unknown; JPY/KRW 0; BHD/KWD 3).
int currencyExponent(std::string_view currency);

// Parses a decimal string ("2.55", "-0.5", "1e3" is rejected) exactly into minor units, rounding
// half away from zero past the currency's exponent. nullopt on anything that is not a number.
std::optional<std::int64_t> parseMinorUnits(std::string_view decimal, int exponent = 2);

// "12.50" for 1250 with exponent 2.
std::string formatMinorUnits(std::int64_t minor, int exponent = 2);

} // namespace shoppilot
