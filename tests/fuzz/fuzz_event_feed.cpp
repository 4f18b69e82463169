// libFuzzer target: the event feed's NDJSON, line by line as the sync reads it (one record a
// line; a bad line is quarantined, never a crash).
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

#include "sync/woo_format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view body(reinterpret_cast<const char*>(data), size);
    while (!body.empty()) {
        const auto end = body.find('\n');
        const std::string_view line = body.substr(0, end);
        try {
            (void)shoppilot::sync::woo::parseEvent(line);
        } catch (const std::exception&) {
        }
        if (end == std::string_view::npos)
            break;
        body.remove_prefix(end + 1);
    }
    return 0;
}
