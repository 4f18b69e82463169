// shoppilot-checkdeps: checks every #include under the scanned folders against the allowed
// edges in tools/layering/rules.txt (format described there), in the spirit of Chromium's
// checkdeps. Prints each forbidden edge as file:line and exits 1; exits 2 when the rules cannot be
// read. Plain C++ (no Qt, no project code) so it builds before anything it checks.
//
//   shoppilot-checkdeps --root SOURCE_DIR [--rules RULES_FILE]
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct RuleError {
    std::string message;
};

struct ModuleGlob {
    std::string module;
    std::string glob; // relative to the root, '*' and '?' within one path segment
};

struct Forbid {
    std::vector<std::string> paths;
    std::vector<std::string> except;
    std::vector<std::pair<std::string, std::regex>> patterns;
    std::string reason;
};

struct Rules {
    std::vector<std::string> scan;
    std::vector<ModuleGlob> modules;
    std::map<std::string, std::vector<std::string>> allow; // module (or "layer/*") -> entries
    std::vector<Forbid> forbids;
};

std::vector<std::string> words(const std::string& s)
{
    std::istringstream in(s);
    std::vector<std::string> out;
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

bool under(const std::string& path, const std::string& prefix)
{
    return path == prefix || (path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
                              path[prefix.size()] == '/');
}

bool globMatch(const char* g, const char* s)
{
    for (; *g; ++g, ++s) {
        if (*g == '*') {
            for (const char* t = s;; ++t) {
                if (globMatch(g + 1, t))
                    return true;
                if (!*t || *t == '/')
                    return false;
            }
        }
        if (!*s || *s == '/' ? *g != *s : (*g != '?' && *g != *s))
            return false;
    }
    return !*s;
}

Rules readRules(const fs::path& file)
{
    std::ifstream in(file);
    if (!in)
        throw RuleError{"cannot read " + file.string()};
    Rules r;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        const auto where = file.string() + ":" + std::to_string(n) + ": ";
        if (const auto first = line.find_first_not_of(" \t"); first == std::string::npos || line[first] == '#')
            continue; // blank or comment (comments are whole lines: regexes may hold '#')
        std::string reason;
        if (const auto dash = line.find(" -- "); dash != std::string::npos) {
            reason = line.substr(dash + 4);
            line.erase(dash);
        }
        const auto w = words(line);
        if (w.empty())
            continue;
        const std::string& kind = w[0];
        if (kind == "scan") {
            r.scan.insert(r.scan.end(), w.begin() + 1, w.end());
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string::npos)
            throw RuleError{where + "expected '" + kind + " SUBJECT: ...'"};
        auto subject = words(line.substr(0, colon));
        subject.erase(subject.begin());
        const auto items = words(line.substr(colon + 1));
        if (subject.empty())
            throw RuleError{where + "no subject before ':'"};
        if (kind == "module") {
            if (subject.size() != 1 || items.empty())
                throw RuleError{where + "expected 'module NAME: GLOB...'"};
            for (const auto& g : items)
                r.modules.push_back({subject[0], g});
        } else if (kind == "allow") {
            if (subject.size() != 1)
                throw RuleError{where + "expected 'allow MODULE: MODULE...'"};
            if (r.allow.count(subject[0]))
                throw RuleError{where + "second 'allow' line for " + subject[0]};
            r.allow[subject[0]] = items;
        } else if (kind == "forbid") {
            Forbid f;
            for (const auto& s : subject)
                (s[0] == '!' ? f.except.push_back(s.substr(1)) : f.paths.push_back(s));
            if (f.paths.empty() || items.empty())
                throw RuleError{where + "expected 'forbid PATH... [!PATH...]: REGEX... -- reason'"};
            for (const auto& p : items) {
                try {
                    f.patterns.emplace_back(p, std::regex(p, std::regex::ECMAScript));
                } catch (const std::regex_error& e) {
                    throw RuleError{where + "bad regex " + p + ": " + e.what()};
                }
            }
            f.reason = reason;
            r.forbids.push_back(std::move(f));
        } else {
            throw RuleError{where + "unknown rule '" + kind + "'"};
        }
    }
    if (r.scan.empty())
        throw RuleError{file.string() + ": no 'scan' line"};
    return r;
}

class Checker {
public:
    Checker(fs::path root, Rules rules) : m_root(std::move(root)), m_rules(std::move(rules)) {}

    // Module of a path relative to the root: a `module` glob, else layer/folder (or the top folder).
    std::string moduleOf(const std::string& rel) const
    {
        for (const auto& m : m_rules.modules)
            if (globMatch(m.glob.c_str(), rel.c_str()))
                return m.module;
        const auto first = rel.find('/');
        if (first == std::string::npos)
            return rel;
        const std::string top = rel.substr(0, first);
        if (top == "core" || top == "ui") {
            const auto second = rel.find('/', first + 1);
            if (second != std::string::npos)
                return rel.substr(0, second);
        }
        return top;
    }

    // The allowed entries of a module, or nullopt when no rule covers it.
    std::optional<std::vector<std::string>> allowedFor(const std::string& module) const
    {
        if (const auto it = m_rules.allow.find(module); it != m_rules.allow.end())
            return it->second;
        const auto slash = module.find('/');
        if (slash == std::string::npos)
            return std::nullopt;
        const auto wild = m_rules.allow.find(module.substr(0, slash) + "/*");
        if (wild == m_rules.allow.end())
            return std::nullopt;
        const std::string name = module.substr(slash + 1);
        std::vector<std::string> out;
        for (auto e : wild->second) {
            if (const auto at = e.find("$name"); at != std::string::npos)
                e.replace(at, 5, name);
            out.push_back(e);
        }
        return out;
    }

    int run()
    {
        std::vector<std::string> files;
        for (const auto& dir : m_rules.scan) {
            if (!fs::is_directory(m_root / dir))
                throw RuleError{"scan folder " + (m_root / dir).string() + " does not exist"};
            for (const auto& e : fs::recursive_directory_iterator(m_root / dir)) {
                static const std::set<std::string> exts{".h", ".hpp", ".hh", ".cpp", ".cc", ".cxx", ".inl"};
                if (e.is_regular_file() && exts.count(e.path().extension().string()))
                    files.push_back(fs::relative(e.path(), m_root).generic_string());
            }
        }
        std::sort(files.begin(), files.end());
        for (const auto& f : files)
            m_modules.insert(moduleOf(f));
        validateRules();

        int includes = 0;
        for (const auto& f : files)
            includes += checkFile(f);
        if (m_violations) {
            std::printf("%d forbidden include(s); the allowed edges are in tools/layering/rules.txt\n", m_violations);
            return 1;
        }
        std::printf("layering: %d includes in %zu files (%zu modules) checked, none forbidden\n", includes,
                    files.size(), m_modules.size());
        return 0;
    }

private:
    bool knownTarget(const std::string& entry) const
    {
        return std::any_of(m_modules.begin(), m_modules.end(), [&](const std::string& m) { return under(m, entry); });
    }

    // Typos in the rules would silently allow or forbid nothing: every name must exist.
    void validateRules() const
    {
        for (const auto& [module, entries] : m_rules.allow) {
            const bool wildcard = module.size() > 2 && module.compare(module.size() - 2, 2, "/*") == 0;
            if (!wildcard && !m_modules.count(module))
                throw RuleError{"rules: 'allow " + module + "' names no module (no such folder)"};
            for (const auto& e : entries)
                if (e.find("$name") == std::string::npos && !knownTarget(e))
                    throw RuleError{"rules: 'allow " + module + "' lists " + e + ", which names no module"};
        }
        for (const auto& m : m_modules)
            if (!allowedFor(m))
                throw RuleError{"rules: no 'allow' line covers module " + m + " (add one to tools/layering/rules.txt)"};
    }

    // Where the compiler would find the header: next to the including file, then the roots of
    // the file's own layer first, then core/, ui/, app/. Empty when it is not ours.
    std::string resolve(const std::string& from, const std::string& inc, bool quoted) const
    {
        if (quoted) {
            const auto local = (m_root / fs::path(from).parent_path() / inc).lexically_normal();
            if (fs::is_regular_file(local))
                return fs::relative(local, m_root).generic_string();
        }
        std::vector<std::string> roots{from.substr(0, from.find('/'))};
        for (const char* r : {"core", "ui", "app"})
            if (roots[0] != r)
                roots.push_back(r);
        for (const auto& r : roots) {
            const auto p = (m_root / r / inc).lexically_normal();
            if (fs::is_regular_file(p))
                return fs::relative(p, m_root).generic_string();
        }
        return {};
    }

    void report(const std::string& file, int line, const std::string& what)
    {
        std::printf("%s:%d: %s\n", file.c_str(), line, what.c_str());
        ++m_violations;
    }

    int checkFile(const std::string& file)
    {
        static const std::regex includeLine(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
        std::ifstream in(m_root / file);
        const std::string module = moduleOf(file);
        const auto allowed = *allowedFor(module);
        int count = 0;
        std::string text;
        for (int n = 1; std::getline(in, text); ++n) {
            std::smatch m;
            if (!std::regex_search(text, m, includeLine))
                continue;
            ++count;
            const std::string inc = m[2];
            const bool quoted = m[1] == "\"";
            const std::string shown = quoted ? "\"" + inc + "\"" : "<" + inc + ">";
            for (const auto& f : m_rules.forbids) {
                const auto covers = [&](const std::vector<std::string>& ps) {
                    return std::any_of(ps.begin(), ps.end(), [&](const std::string& p) { return under(file, p); });
                };
                if (!covers(f.paths) || covers(f.except))
                    continue;
                for (const auto& [pattern, re] : f.patterns)
                    if (std::regex_search(inc, re)) {
                        report(file, n, "#include " + shown + " is forbidden in " + module + ": " + f.reason);
                        break;
                    }
            }
            const std::string target = resolve(file, inc, quoted);
            if (target.empty())
                continue;
            const std::string targetModule = moduleOf(target);
            if (targetModule == module)
                continue;
            if (std::any_of(allowed.begin(), allowed.end(), [&](const std::string& a) { return under(targetModule, a); }))
                continue;
            std::string list;
            for (const auto& a : allowed)
                list += (list.empty() ? "" : " ") + a;
            report(file, n, "#include " + shown + " (" + target + "): " + module + " may not include " + targetModule +
                                " (allowed: " + (list.empty() ? "nothing but itself" : list) + ")");
        }
        return count;
    }

    fs::path m_root;
    Rules m_rules;
    std::set<std::string> m_modules;
    int m_violations = 0;
};

} // namespace

int main(int argc, char** argv)
{
    fs::path root;
    fs::path rules;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if ((a == "--root" || a == "--rules") && i + 1 < argc)
            (a == "--root" ? root : rules) = argv[++i];
        else {
            std::fprintf(stderr, "usage: %s --root SOURCE_DIR [--rules RULES_FILE]\n", argv[0]);
            return 2;
        }
    }
    if (root.empty()) {
        std::fprintf(stderr, "usage: %s --root SOURCE_DIR [--rules RULES_FILE]\n", argv[0]);
        return 2;
    }
    if (rules.empty())
        rules = root / "tools/layering/rules.txt";
    try {
        Checker checker(fs::canonical(root), readRules(rules));
        return checker.run();
    } catch (const RuleError& e) {
        std::fprintf(stderr, "checkdeps: %s\n", e.message.c_str());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "checkdeps: %s\n", e.what());
        return 2;
    }
}
