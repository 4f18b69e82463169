// Pieces every headless sub-command shares: argument parsing, usage errors, console progress
// with Ctrl-C cancel, and the registry through which panel modules add their own
// `eval`, `train` and `bench` sub-commands (one app/cli_<module>.cpp each, no edits to cli.cpp).
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/progress.h"

namespace shoppilot::app {

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// --name value / --name=value / --flag parsing over the arguments after the sub-command.
struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;
    std::vector<std::string> flags;

    static Args parse(int argc, char** argv, int first, const std::vector<std::string>& flagNames);
    bool flag(const std::string& f) const;
    std::optional<std::string> opt(const std::string& k) const;
    std::string required(const std::string& k) const;
    // Throws UsageError naming the first option not in `known`.
    void allowOnly(const std::vector<std::string>& known) const;
    // Integer / floating option with a default; a malformed value is a UsageError.
    int intOpt(const std::string& k, int fallback) const;
    double doubleOpt(const std::string& k, double fallback) const;
};

// Set by SIGINT; consoleProgress() returns false once it is set, so core work stops.
extern std::atomic<bool> g_interrupted;
extern "C" void onSigint(int);

// Progress on stderr: a redrawn line on a terminal, a line per 10% otherwise; Ctrl-C cancels.
Progress consoleProgress(bool quiet);

// A sub-command contributed by a module: `shoppilot <verb> <name> ...` (verb: eval, train, bench).
struct ModuleCommand {
    std::string verb;
    std::string name;
    std::string usage; // lines for --help, already indented like printUsage()'s
    std::function<int(const Args&)> run;
};

std::vector<ModuleCommand>& moduleCommands();
// The candidate nearest to a mistyped `word` when it is a plausible typo (at most about a third
// of it differs), else empty: what "did you mean …?" names.
std::string nearestName(const std::string& word, const std::vector<std::string>& candidates);
const ModuleCommand* findModuleCommand(const std::string& verb, const std::string& name);

// `static RegisterModuleCommand reg{{"eval", "pricing", "...", runEvalPricing}};` in the module's file.
struct RegisterModuleCommand {
    explicit RegisterModuleCommand(ModuleCommand c) { moduleCommands().push_back(std::move(c)); }
};

} // namespace shoppilot::app
