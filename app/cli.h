// Headless sub-commands of `shoppilot` (demo-data, import, info, verify, bench, engine-info).
// They exit non-zero with a one-line reason on failure; --json prints exactly one JSON object.
#pragma once

#include <string_view>

namespace shoppilot::app {

// True when argv names a sub-command rather than GUI options.
bool isCliCommand(int argc, char** argv);
int runCli(int argc, char** argv);
void printUsage();

} // namespace shoppilot::app
