// libFuzzer target: CVRPLIB (.vrp) and Solomon instance readers.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <sstream>
#include <string>

#include "logistics/vrp_instance.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        std::istringstream in(text);
        (void)shoppilot::logistics::parseCvrplib(in, "fuzz.vrp");
    } catch (const std::exception&) {
    }
    try {
        std::istringstream in(text);
        (void)shoppilot::logistics::parseSolomon(in, "fuzz.txt");
    } catch (const std::exception&) {
    }
    return 0;
}
