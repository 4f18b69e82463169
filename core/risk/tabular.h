// A labelled table read from any CSV for `shoppilot eval risk|credit --csv`: column types found
// automatically (numeric when every non-empty value parses as a number), categorical columns
// one-hot encoded when they have few values and count-encoded when they have many; plus
// shuffled stratified folds.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/progress.h"
#include "risk/learners.h"

namespace shoppilot::risk {

struct RawColumn {
    std::string name;
    bool categorical = false;
    std::vector<float> num;       // numeric columns, NaN = empty
    std::vector<std::string> cat; // categorical columns, "" = empty
};

struct RawTable {
    std::vector<RawColumn> columns; // without the label
    std::vector<float> label;       // 0/1
    std::int64_t skippedRows = 0;   // wrong field count or an unusable label
    std::string firstSkipReason;
    int rows() const { return int(label.size()); }
};

// Reads `path` (plain or gzip). The label column must hold 0/1 (or true/false, yes/no, bad/good).
// `maxRows` > 0 keeps only the first rows. Throws Error(InvalidArgument) when the label column
// is missing or no row has a usable label.
RawTable readLabelledCsv(const std::string& path, const std::string& labelColumn, std::int64_t maxRows = 0,
                         const Progress& progress = {});

// Encoding decided on the whole table (no labels used): numeric as is, categorical with up to
// `oneHotMax` values one-hot, else the value's frequency in the table.
struct EncodedTable {
    Matrix x;
    std::vector<std::string> featureNames;
    int oneHotColumns = 0;
    int countEncodedColumns = 0;
    int numericColumns = 0;
};
EncodedTable encodeTable(const RawTable& table, int oneHotMax = 64);

// Row indices of each test fold: shuffled with `seed`, positives and negatives dealt in turn so
// every fold keeps the base rate.
std::vector<std::vector<int>> stratifiedFolds(const std::vector<float>& label, int folds, std::uint64_t seed);

} // namespace shoppilot::risk
