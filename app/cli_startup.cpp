// `shoppilot bench startup --db STORE`: process start to a loaded Overview (the window open on the
// store with its first figures shown), against the same with the cube built before the first
// figures (SHOPPILOT_OVERVIEW_CUBE_FIRST=1, the behaviour before the SQL-first load), same run,
// alternating, offscreen. Each run is a fresh process: `shoppilot --db STORE --panel overview
// --quit-when-loaded`.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "common/error.h"

namespace shoppilot::app {
namespace {

std::string quoted(const std::string& s)
{
    std::string q = "'";
    for (const char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

double runOnce(const std::string& exe, const std::string& db, bool cubeFirst)
{
    const std::string cmd = std::string("env QT_QPA_PLATFORM=offscreen SHOPPILOT_OVERVIEW_CUBE_FIRST=") + (cubeFirst ? "1" : "0") + " " +
                            quoted(exe) + " --db " + quoted(db) + " --panel overview --quit-when-loaded >/dev/null 2>&1";
    const auto t0 = std::chrono::steady_clock::now();
    const int rc = std::system(cmd.c_str());
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (rc != 0)
        throw Error(ErrorCode::InvalidArgument, "the app did not reach a loaded Overview on " + db + " (exit status " +
                                                    std::to_string(rc) + ")");
    return ms;
}

int benchStartup(const Args& a)
{
    a.allowOnly({"db", "runs"});
    const std::string db = a.required("db");
    if (!std::filesystem::exists(db))
        throw Error(ErrorCode::NotFound, db + " does not exist");
    const int runs = std::max(1, a.intOpt("runs", 3));
    const std::string exe = std::filesystem::read_symlink("/proc/self/exe").string();
    runOnce(exe, db, false); // warm the page cache for both modes
    std::vector<double> fast, base;
    for (int i = 0; i < runs; ++i) {
        base.push_back(runOnce(exe, db, true));
        fast.push_back(runOnce(exe, db, false));
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    const double f = median(fast), b = median(base);
    if (a.flag("json")) {
        std::cout << nlohmann::json{{"runs", runs}, {"startup_ms", f}, {"cube_first_ms", b}, {"speedup", b / f}}.dump() << "\n";
        return 0;
    }
    std::printf("process start to a loaded Overview on %s (median of %d, offscreen):\n", db.c_str(), runs);
    std::printf("  first figures from SQL while the cube builds:  %8.0f ms   (goal < 1500 ms)\n", f);
    std::printf("  cube built first (baseline):                   %8.0f ms\n", b);
    std::printf("  %.2fx faster\n", b / f);
    return 0;
}

const RegisterModuleCommand kBenchStartup{{"bench", "startup",
    "  shoppilot bench startup --db STORE [--runs 3]\n"
    "                                                 process start to a loaded Overview vs building the cube first\n",
    benchStartup}};

} // namespace
} // namespace shoppilot::app
