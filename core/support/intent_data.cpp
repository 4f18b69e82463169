#include <algorithm>
#include <map>

#include "common/csv.h"
#include "common/error.h"
#include "common/random.h"
#include "support/intent_model.h"

namespace shoppilot::support {

std::vector<IntentExample> readIntentFile(const std::string& path)
{
    // TSV when the header line has a tab, CSV otherwise.
    char delimiter = ',';
    {
        CsvReader probe(path, '\t');
        std::vector<std::string> f;
        if (probe.next(f) && f.size() >= 2)
            delimiter = '\t';
    }
    CsvReader reader(path, delimiter);
    std::vector<std::string> f;
    if (!reader.next(f))
        throw Error(ErrorCode::Parse, path + ": empty file (expected a header: text,category or text<TAB>label)");
    int textCol = -1, labelCol = -1;
    for (int i = 0; i < int(f.size()); ++i) {
        std::string h = f[std::size_t(i)];
        std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        if (h == "text" || h == "query" || h == "utterance")
            textCol = i;
        else if (h == "category" || h == "label" || h == "intent")
            labelCol = i;
    }
    if (textCol < 0 || labelCol < 0)
        throw Error(ErrorCode::Parse, path + ": the header must name a text column and a category/label column");
    std::vector<IntentExample> rows;
    while (reader.next(f)) {
        if (reader.malformed() || int(f.size()) <= std::max(textCol, labelCol) || f[std::size_t(textCol)].empty() ||
            f[std::size_t(labelCol)].empty())
            throw Error(ErrorCode::Parse, path + ":" + std::to_string(reader.lineNumber()) + ": a row needs a text and a label");
        rows.push_back({f[std::size_t(textCol)], f[std::size_t(labelCol)]});
    }
    if (rows.empty())
        throw Error(ErrorCode::Parse, path + ": no rows after the header");
    return rows;
}

std::pair<std::vector<IntentExample>, std::vector<IntentExample>> stratifiedHoldout(const std::vector<IntentExample>& rows,
                                                                                    double share, std::uint64_t seed)
{
    std::map<std::string, std::vector<std::size_t>> by;
    for (std::size_t i = 0; i < rows.size(); ++i)
        by[rows[i].label].push_back(i);
    Rng rng(seed);
    std::vector<char> held(rows.size(), 0);
    for (auto& [label, idx] : by) {
        for (std::size_t i = idx.size(); i > 1; --i)
            std::swap(idx[i - 1], idx[std::size_t(rng.below(i))]);
        std::size_t k = std::size_t(double(idx.size()) * share + 0.5);
        if (k == 0 && idx.size() >= 2)
            k = 1;
        for (std::size_t j = 0; j < k; ++j)
            held[idx[j]] = 1;
    }
    std::pair<std::vector<IntentExample>, std::vector<IntentExample>> out;
    for (std::size_t i = 0; i < rows.size(); ++i)
        (held[i] ? out.second : out.first).push_back(rows[i]);
    return out;
}

} // namespace shoppilot::support
