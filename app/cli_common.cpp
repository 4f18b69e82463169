#include "cli_common.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace shoppilot::app {

std::atomic<bool> g_interrupted{false};

extern "C" void onSigint(int) { g_interrupted.store(true); }

Args Args::parse(int argc, char** argv, int first, const std::vector<std::string>& flagNames)
{
    Args a;
    for (int i = first; i < argc; ++i) {
        std::string s = argv[i];
        if (s.rfind("--", 0) == 0) {
            const auto eq = s.find('=');
            if (eq != std::string::npos) {
                a.options[s.substr(2, eq - 2)] = s.substr(eq + 1);
            } else if (std::find(flagNames.begin(), flagNames.end(), s.substr(2)) != flagNames.end()) {
                a.flags.push_back(s.substr(2));
            } else {
                if (i + 1 >= argc)
                    throw UsageError("option " + s + " needs a value");
                a.options[s.substr(2)] = argv[++i];
            }
        } else {
            a.positional.push_back(std::move(s));
        }
    }
    return a;
}

bool Args::flag(const std::string& f) const { return std::find(flags.begin(), flags.end(), f) != flags.end(); }

std::optional<std::string> Args::opt(const std::string& k) const
{
    auto it = options.find(k);
    return it == options.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::string Args::required(const std::string& k) const
{
    auto v = opt(k);
    if (!v || v->empty())
        throw UsageError("--" + k + " is required");
    return *v;
}

namespace {

std::size_t editDistance(const std::string& a, const std::string& b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

} // namespace

std::string nearestName(const std::string& word, const std::vector<std::string>& candidates)
{
    std::string nearest;
    std::size_t best = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& candidate : candidates)
        if (const std::size_t d = editDistance(word, candidate); d < best) {
            best = d;
            nearest = candidate;
        }
    return nearest;
}

void Args::allowOnly(const std::vector<std::string>& known) const
{
    for (const auto& [k, v] : options) {
        if (std::find(known.begin(), known.end(), k) != known.end())
            continue;
        const std::string nearest = nearestName(k, known);
        throw UsageError("unknown option --" + k + (nearest.empty() ? std::string() : "; did you mean --" + nearest + "?"));
    }
}

int Args::intOpt(const std::string& k, int fallback) const
{
    const auto v = opt(k);
    if (!v)
        return fallback;
    try {
        std::size_t used = 0;
        const int n = std::stoi(*v, &used);
        if (used == v->size())
            return n;
    } catch (const std::exception&) {
    }
    throw UsageError("--" + k + " needs a whole number, not '" + *v + "'");
}

double Args::doubleOpt(const std::string& k, double fallback) const
{
    const auto v = opt(k);
    if (!v)
        return fallback;
    try {
        std::size_t used = 0;
        const double d = std::stod(*v, &used);
        if (used == v->size())
            return d;
    } catch (const std::exception&) {
    }
    throw UsageError("--" + k + " needs a number, not '" + *v + "'");
}

Progress consoleProgress(bool quiet)
{
    const bool tty = ::isatty(STDERR_FILENO);
    auto lastDecile = std::make_shared<int>(-1);
    return [tty, quiet, lastDecile](double f, std::string_view what) {
        if (!quiet) {
            const int pct = int(f * 100.0 + 0.5);
            if (tty) {
                std::fprintf(stderr, "\r%3d%%  %-60.60s", pct, std::string(what).c_str());
                if (f >= 1.0)
                    std::fputc('\n', stderr);
            } else if (pct / 10 != *lastDecile) {
                *lastDecile = pct / 10;
                std::fprintf(stderr, "%3d%%  %s\n", pct, std::string(what).c_str());
            }
            std::fflush(stderr);
        }
        return !g_interrupted.load();
    };
}

std::vector<ModuleCommand>& moduleCommands()
{
    static std::vector<ModuleCommand> list;
    return list;
}

const ModuleCommand* findModuleCommand(const std::string& verb, const std::string& name)
{
    for (const auto& c : moduleCommands())
        if (c.verb == verb && c.name == name)
            return &c;
    return nullptr;
}

} // namespace shoppilot::app
