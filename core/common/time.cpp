#include "common/time.h"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace shoppilot {

namespace {

using namespace std::chrono;

bool readInt(std::string_view text, std::size_t pos, std::size_t len, int& out)
{
    if (pos + len > text.size())
        return false;
    const char* b = text.data() + pos;
    auto [ptr, ec] = std::from_chars(b, b + len, out);
    return ec == std::errc() && ptr == b + len;
}

} // namespace

Timestamp makeTimestamp(int y, int mo, int d, int h, int mi, int s)
{
    const sys_days day{year{y} / month{static_cast<unsigned>(mo)} / std::chrono::day{static_cast<unsigned>(d)}};
    return day.time_since_epoch().count() * kSecondsPerDay + h * 3600 + mi * 60 + s;
}

std::optional<Timestamp> parseTimestamp(std::string_view t)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (t.size() < 10 || t[4] != '-' || t[7] != '-' || !readInt(t, 0, 4, y) || !readInt(t, 5, 2, mo)
        || !readInt(t, 8, 2, d))
        return std::nullopt;
    std::size_t pos = 10;
    if (pos < t.size()) {
        if (t[pos] != ' ' && t[pos] != 'T')
            return std::nullopt;
        if (!readInt(t, pos + 1, 2, h) || pos + 3 >= t.size() || t[pos + 3] != ':' || !readInt(t, pos + 4, 2, mi))
            return std::nullopt;
        pos += 6;
        if (pos < t.size() && t[pos] == ':') {
            if (!readInt(t, pos + 1, 2, s))
                return std::nullopt;
            pos += 3;
        }
        if (pos < t.size() && t[pos] == 'Z')
            ++pos;
        if (pos != t.size())
            return std::nullopt;
    }
    const year_month_day ymd{year{y} / month{static_cast<unsigned>(mo)} / day{static_cast<unsigned>(d)}};
    if (!ymd.ok() || h > 23 || mi > 59 || s > 60)
        return std::nullopt;
    return makeTimestamp(y, mo, d, h, mi, s);
}

CivilTime toCivil(Timestamp ts)
{
    Timestamp days = ts / kSecondsPerDay;
    Timestamp rem = ts % kSecondsPerDay;
    if (rem < 0) {
        rem += kSecondsPerDay;
        --days;
    }
    const sys_days sd{std::chrono::days{days}};
    const year_month_day ymd{sd};
    const weekday wd{sd};
    const sys_days jan1{ymd.year() / January / 1};
    CivilTime c{};
    c.year = int(ymd.year());
    c.month = int(unsigned(ymd.month()));
    c.day = int(unsigned(ymd.day()));
    c.hour = int(rem / 3600);
    c.minute = int(rem % 3600 / 60);
    c.second = int(rem % 60);
    c.weekday = int(wd.iso_encoding()) - 1;
    c.dayOfYear = int((sd - jan1).count()) + 1;
    return c;
}

std::string formatTimestamp(Timestamp ts)
{
    const CivilTime c = toCivil(ts);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute,
                  c.second);
    return buf;
}

std::string formatDate(Timestamp ts)
{
    const CivilTime c = toCivil(ts);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
    return buf;
}

} // namespace shoppilot
