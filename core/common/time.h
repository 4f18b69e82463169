// Timestamps: UTC seconds since the Unix epoch in storage; these helpers convert to and from text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shoppilot {

using Timestamp = std::int64_t; // UTC seconds since 1970-01-01T00:00:00Z

Timestamp makeTimestamp(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);
// Parses "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DDTHH:MM[:SS][Z]" as UTC.
std::optional<Timestamp> parseTimestamp(std::string_view text);
// "YYYY-MM-DDTHH:MM:SSZ"
std::string formatTimestamp(Timestamp ts);
// "YYYY-MM-DD"
std::string formatDate(Timestamp ts);

struct CivilTime {
    int year, month, day, hour, minute, second;
    int weekday;   // 0 = Monday .. 6 = Sunday (ISO)
    int dayOfYear; // 1..366
};
CivilTime toCivil(Timestamp ts);

constexpr Timestamp kSecondsPerDay = 86400;

} // namespace shoppilot
