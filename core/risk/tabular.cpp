#include "risk/tabular.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "common/csv.h"
#include "common/error.h"
#include "common/random.h"

namespace shoppilot::risk {

namespace {

bool parseNumber(const std::string& s, float& out)
{
    const char* b = s.data();
    const char* e = s.data() + s.size();
    while (b < e && *b == ' ')
        ++b;
    while (e > b && e[-1] == ' ')
        --e;
    if (b == e)
        return false;
    double v = 0;
    const auto r = std::from_chars(b, e, v);
    if (r.ec != std::errc() || r.ptr != e)
        return false;
    out = float(v);
    return true;
}

int parseLabel(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (s == "1" || s == "1.0" || s == "true" || s == "yes" || s == "bad" || s == "fraud")
        return 1;
    if (s == "0" || s == "0.0" || s == "false" || s == "no" || s == "good" || s == "legit")
        return 0;
    return -1;
}

} // namespace

RawTable readLabelledCsv(const std::string& path, const std::string& labelColumn, std::int64_t maxRows,
                         const Progress& progress)
{
    CsvReader reader(path);
    std::vector<std::string> header, f;
    if (!reader.next(header))
        throw Error(ErrorCode::Parse, path + " is empty: expected a header line and labelled rows");
    const auto it = std::find(header.begin(), header.end(), labelColumn);
    if (it == header.end())
        throw Error(ErrorCode::InvalidArgument, "no column named '" + labelColumn + "' in " + path +
                                                    ": pass the label column's name with --label");
    const auto labelIdx = std::size_t(it - header.begin());
    std::vector<std::vector<std::string>> text(header.size());
    RawTable t;
    while (reader.next(f)) {
        if (maxRows > 0 && t.rows() >= maxRows)
            break;
        if (f.size() != header.size() || reader.malformed()) {
            if (t.skippedRows++ == 0)
                t.firstSkipReason = "line " + std::to_string(reader.lineNumber()) + " has " + std::to_string(f.size()) +
                                    " fields, the header " + std::to_string(header.size());
            continue;
        }
        const int l = parseLabel(f[labelIdx]);
        if (l < 0) {
            if (t.skippedRows++ == 0)
                t.firstSkipReason = "line " + std::to_string(reader.lineNumber()) + ": label '" + f[labelIdx] + "' is not 0/1";
            continue;
        }
        t.label.push_back(float(l));
        for (std::size_t c = 0; c < f.size(); ++c)
            if (c != labelIdx)
                text[c].push_back(std::move(f[c]));
        if (progress && t.rows() % 8192 == 0 && !progress(reader.fraction(), "reading " + path))
            throw Cancelled();
    }
    if (t.label.empty())
        throw Error(ErrorCode::InvalidArgument, path + " has no row with a usable 0/1 label in column '" + labelColumn + "'");
    for (std::size_t c = 0; c < header.size(); ++c) {
        if (c == labelIdx)
            continue;
        RawColumn col;
        col.name = header[c];
        std::vector<float> num(text[c].size(), NAN);
        bool numeric = true;
        for (std::size_t r = 0; r < text[c].size() && numeric; ++r) {
            if (text[c][r].empty())
                continue;
            numeric = parseNumber(text[c][r], num[r]);
        }
        if (numeric) {
            col.num = std::move(num);
        } else {
            col.categorical = true;
            col.cat = std::move(text[c]);
        }
        t.columns.push_back(std::move(col));
    }
    return t;
}

EncodedTable encodeTable(const RawTable& table, int oneHotMax)
{
    EncodedTable e;
    const int n = table.rows();
    std::vector<std::vector<float>> cols;
    for (const auto& c : table.columns) {
        if (!c.categorical) {
            cols.push_back(c.num);
            e.featureNames.push_back(c.name);
            ++e.numericColumns;
            continue;
        }
        std::map<std::string, int> counts;
        for (const auto& v : c.cat)
            ++counts[v];
        if (int(counts.size()) <= oneHotMax) {
            for (const auto& [value, count] : counts) {
                (void)count;
                std::vector<float> v(std::size_t(n), 0);
                for (int r = 0; r < n; ++r)
                    v[std::size_t(r)] = c.cat[std::size_t(r)] == value ? 1.0f : 0.0f;
                cols.push_back(std::move(v));
                e.featureNames.push_back(c.name + "=" + (value.empty() ? "(empty)" : value));
            }
            ++e.oneHotColumns;
        } else {
            std::vector<float> v(static_cast<std::size_t>(n));
            for (int r = 0; r < n; ++r)
                v[std::size_t(r)] = float(counts[c.cat[std::size_t(r)]]);
            cols.push_back(std::move(v));
            e.featureNames.push_back(c.name + " (count)");
            ++e.countEncodedColumns;
        }
    }
    e.x.rows = n;
    e.x.cols = int(cols.size());
    e.x.x.resize(std::size_t(n) * cols.size());
    for (int r = 0; r < n; ++r)
        for (std::size_t c = 0; c < cols.size(); ++c)
            e.x.x[std::size_t(r) * cols.size() + c] = cols[c][std::size_t(r)];
    return e;
}

std::vector<std::vector<int>> stratifiedFolds(const std::vector<float>& label, int folds, std::uint64_t seed)
{
    Rng rng(seed);
    std::vector<int> pos, neg;
    for (std::size_t i = 0; i < label.size(); ++i)
        (label[i] > 0.5f ? pos : neg).push_back(int(i));
    auto shuffle = [&](std::vector<int>& v) {
        for (std::size_t i = v.size(); i > 1; --i)
            std::swap(v[i - 1], v[rng.below(i)]);
    };
    shuffle(pos);
    shuffle(neg);
    std::vector<std::vector<int>> out(std::size_t(std::max(1, folds)));
    std::size_t k = 0;
    for (int i : pos)
        out[k++ % out.size()].push_back(i);
    for (int i : neg)
        out[k++ % out.size()].push_back(i);
    for (auto& f : out)
        std::sort(f.begin(), f.end());
    return out;
}

} // namespace shoppilot::risk
