#include "campaigns/uplift_data.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "common/csv.h"
#include "common/error.h"

namespace shoppilot::campaigns {

namespace {

std::string trim(const std::string& s)
{
    const auto a = s.find_first_not_of(" \t");
    if (a == std::string::npos)
        return {};
    const auto b = s.find_last_not_of(" \t");
    return s.substr(a, b - a + 1);
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::optional<double> number(const std::string& raw)
{
    const std::string s = trim(raw);
    if (s.empty())
        return std::nullopt;
    double v = 0;
    const char* b = s.data() + (s[0] == '+' ? 1 : 0);
    const auto [p, ec] = std::from_chars(b, s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::string where(const CsvReader& r)
{
    return r.path() + " line " + std::to_string(r.lineNumber());
}

[[noreturn]] void broken(const CsvReader& r, const std::string& why)
{
    throw Error(ErrorCode::Parse, where(r) + ": " + why);
}

std::map<std::string, int> headerIndex(CsvReader& r, std::vector<std::string>& header)
{
    if (!r.next(header))
        throw Error(ErrorCode::Parse, r.path() + " is empty (no header row)");
    std::map<std::string, int> idx;
    for (std::size_t i = 0; i < header.size(); ++i)
        idx.emplace(trim(header[i]), int(i));
    return idx;
}

int column(const std::map<std::string, int>& idx, const std::string& name, const std::string& path)
{
    const auto it = idx.find(name);
    if (it == idx.end())
        throw Error(ErrorCode::InvalidArgument, path + " has no column '" + name + "'");
    return it->second;
}

void readRecord(CsvReader& r, std::size_t expected, const std::vector<std::string>& fields)
{
    if (r.malformed())
        broken(r, "unterminated quoted field");
    if (fields.size() != expected)
        broken(r, std::to_string(fields.size()) + " fields, the header has " + std::to_string(expected));
}

void requireBothArms(const UpliftData& d, const std::string& path, const std::string& what)
{
    std::size_t nt = 0;
    for (auto t : d.treated)
        nt += t;
    if (nt == d.rows())
        throw Error(ErrorCode::InvalidArgument, "no control group: " + path + " has no control row (" + what + ")");
    if (nt == 0)
        throw Error(ErrorCode::InvalidArgument, "no treatment group: " + path + " has no treated row (" + what + ")");
}

} // namespace

UpliftData readHillstrom(const std::string& path, const std::string& arm, const std::string& outcome)
{
    if (arm != "Mens E-Mail" && arm != "Womens E-Mail")
        throw Error(ErrorCode::InvalidArgument, "Hillstrom: the arm is 'Mens E-Mail' or 'Womens E-Mail', not '" + arm + "'");
    if (outcome != "visit" && outcome != "conversion" && outcome != "spend")
        throw Error(ErrorCode::InvalidArgument, "Hillstrom: the outcome is visit, conversion or spend, not '" + outcome + "'");
    CsvReader r(path);
    std::vector<std::string> header, f;
    const auto idx = headerIndex(r, header);
    const int cRecency = column(idx, "recency", path), cHistory = column(idx, "history", path),
              cMens = column(idx, "mens", path), cWomens = column(idx, "womens", path),
              cNewbie = column(idx, "newbie", path), cZip = column(idx, "zip_code", path),
              cChannel = column(idx, "channel", path), cHseg = column(idx, "history_segment", path),
              cSegment = column(idx, "segment", path), cOutcome = column(idx, outcome, path);
    struct Row {
        double num[5];
        std::string cat[3];
        bool treated;
        double y;
    };
    std::vector<Row> rows;
    std::set<std::string> levels[3];
    while (r.next(f)) {
        readRecord(r, header.size(), f);
        const std::string seg = trim(f[std::size_t(cSegment)]);
        if (seg != "Mens E-Mail" && seg != "Womens E-Mail" && seg != "No E-Mail")
            broken(r, "segment '" + seg + "' is none of Mens E-Mail, Womens E-Mail, No E-Mail");
        Row row{};
        const int numCols[5] = {cRecency, cHistory, cMens, cWomens, cNewbie};
        static const char* numNames[5] = {"recency", "history", "mens", "womens", "newbie"};
        for (int k = 0; k < 5; ++k) {
            const auto v = number(f[std::size_t(numCols[k])]);
            if (!v)
                broken(r, std::string(numNames[k]) + " '" + f[std::size_t(numCols[k])] + "' is not a number");
            row.num[k] = *v;
        }
        if (row.num[1] < 0)
            broken(r, "history is negative");
        row.num[1] = std::log1p(row.num[1]);
        const auto y = number(f[std::size_t(cOutcome)]);
        if (!y)
            broken(r, outcome + " '" + f[std::size_t(cOutcome)] + "' is not a number");
        if (seg != arm && seg != "No E-Mail")
            continue;
        row.y = *y;
        row.treated = seg == arm;
        const int catCols[3] = {cZip, cChannel, cHseg};
        for (int k = 0; k < 3; ++k) {
            row.cat[k] = trim(f[std::size_t(catCols[k])]);
            levels[k].insert(row.cat[k]);
        }
        rows.push_back(std::move(row));
    }
    UpliftData d;
    d.featureNames = {"recency", "log1p_history", "mens", "womens", "newbie"};
    static const char* catNames[3] = {"zip_code", "channel", "history_segment"};
    std::vector<std::vector<std::string>> lv(3);
    for (int k = 0; k < 3; ++k) {
        lv[std::size_t(k)].assign(levels[k].begin(), levels[k].end());
        for (const auto& l : lv[std::size_t(k)])
            d.featureNames.push_back(std::string(catNames[k]) + "=" + l);
    }
    d.cols = int(d.featureNames.size());
    d.x.reserve(rows.size() * std::size_t(d.cols));
    for (const auto& row : rows) {
        d.x.insert(d.x.end(), row.num, row.num + 5);
        for (int k = 0; k < 3; ++k)
            for (const auto& l : lv[std::size_t(k)])
                d.x.push_back(row.cat[k] == l ? 1.0 : 0.0);
        d.treated.push_back(row.treated ? 1 : 0);
        d.y.push_back(row.y);
    }
    requireBothArms(d, path, arm + " vs No E-Mail");
    return d;
}

UpliftData readCampaignCsv(const std::string& path, const std::string& treatmentCol, const std::string& outcomeCol,
                           const std::string& controlValue, const std::vector<std::string>& ignore)
{
    constexpr std::size_t kMaxLevels = 50;
    CsvReader r(path);
    std::vector<std::string> header, f;
    const auto idx = headerIndex(r, header);
    const int cT = column(idx, treatmentCol, path), cY = column(idx, outcomeCol, path);
    for (const auto& name : ignore)
        column(idx, name, path); // a typo in --ignore is an error, not a silent no-op
    std::vector<std::string> controls;
    if (controlValue.empty())
        controls = {"0", "control", "no e-mail", "no", "false"};
    else
        controls = {lower(trim(controlValue))};
    const std::size_t nc = header.size();
    std::vector<std::vector<std::string>> cells; // kept as text until every column's type is known
    UpliftData d;
    while (r.next(f)) {
        readRecord(r, nc, f);
        const auto y = number(f[std::size_t(cY)]);
        if (!y)
            broken(r, outcomeCol + " '" + f[std::size_t(cY)] + "' is not a number");
        const std::string t = lower(trim(f[std::size_t(cT)]));
        d.treated.push_back(std::find(controls.begin(), controls.end(), t) == controls.end() ? 1 : 0);
        d.y.push_back(*y);
        cells.push_back(f);
    }
    requireBothArms(d, path, "column " + treatmentCol + (controlValue.empty() ? std::string()
                                                                               : " with control value '" + controlValue + "'"));
    const std::size_t n = cells.size();
    struct Col {
        int source;
        bool numeric;
        std::vector<std::string> levels;
    };
    std::vector<Col> cols;
    for (std::size_t j = 0; j < nc; ++j) {
        const std::string name = trim(header[j]);
        if (int(j) == cT || int(j) == cY)
            continue;
        if (std::find(ignore.begin(), ignore.end(), name) != ignore.end()) {
            d.notes.push_back("column '" + name + "' ignored as asked");
            continue;
        }
        bool numeric = true;
        std::set<std::string> lv;
        for (std::size_t i = 0; i < n; ++i) {
            const auto& s = cells[i][j];
            if (numeric && !number(s))
                numeric = false;
            if (lv.size() <= kMaxLevels)
                lv.insert(trim(s));
        }
        if (numeric) {
            cols.push_back({int(j), true, {}});
            d.featureNames.push_back(name);
        } else if (lv.size() <= kMaxLevels) {
            Col c{int(j), false, {lv.begin(), lv.end()}};
            for (const auto& l : c.levels)
                d.featureNames.push_back(name + "=" + l);
            cols.push_back(std::move(c));
        } else {
            d.notes.push_back("column '" + name + "' dropped: not numeric and more than " + std::to_string(kMaxLevels) +
                              " distinct values");
        }
    }
    d.cols = int(d.featureNames.size());
    d.x.reserve(n * std::size_t(d.cols));
    for (std::size_t i = 0; i < n; ++i)
        for (const auto& c : cols) {
            const auto& s = cells[i][std::size_t(c.source)];
            if (c.numeric) {
                d.x.push_back(*number(s));
            } else {
                const std::string v = trim(s);
                for (const auto& l : c.levels)
                    d.x.push_back(v == l ? 1.0 : 0.0);
            }
        }
    return d;
}

} // namespace shoppilot::campaigns
