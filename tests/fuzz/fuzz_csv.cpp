// libFuzzer target: the CSV reader behind the Online Retail import and the data-set readers,
// plain or gzip (detected from the content), through a file as the importer reads it.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "common/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::string path = "/tmp/shoppilot_fuzz_csv_" + std::to_string(::getpid()) + ".csv";
    if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
        std::fwrite(data, 1, size, f);
        std::fclose(f);
    } else {
        return 0;
    }
    try {
        shoppilot::CsvReader reader(path);
        std::vector<std::string> fields;
        for (int records = 0; records < 100000 && reader.next(fields); ++records) {
        }
    } catch (const std::exception&) {
    }
    try {
        (void)shoppilot::parseCsvLine(std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const std::exception&) {
    }
    return 0;
}
