// Interaction sequences for the recommenders: loading public files (one user per line, or
// time-ordered `user item` pairs), the leave-one-out split every evaluation uses, and the
// evaluation cases (history, held-out item) built from it. Items are dense indices 1..numItems;
// 0 is the padding index the sequence models reserve.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/progress.h"

namespace shoppilot::recs {

using ItemIndex = std::int32_t;

struct SequenceData {
    std::vector<std::string> userIds;            // external id per user index
    std::vector<std::string> itemIds;            // external id per item index; [0] is "" (padding)
    std::vector<std::vector<ItemIndex>> sequences; // per user, oldest first
    int numItems() const { return int(itemIds.size()) - 1; }
    std::size_t numActions() const;
};

enum class FileFormat { S3Rec, Pairs };
// "s3rec" or "pairs"; throws Error(InvalidArgument) otherwise.
FileFormat parseFileFormat(const std::string& text);

// Reads a data set. Throws Error(Io) when the file cannot be read and Error(Parse) naming the
// line for a malformed one (a line with a user but no item in s3rec format is malformed; empty
// lines are skipped). Item indices are given in order of first appearance.
SequenceData loadSequenceFile(const std::string& path, FileFormat format);
// Same from text already in memory (tests).
SequenceData parseSequences(const std::string& text, FileFormat format);

// One held-out prediction: the user's history (oldest first) and the item that came next.
struct EvalCase {
    std::int32_t user = 0;
    std::vector<ItemIndex> history;
    ItemIndex target = 0;
};

// Leave-one-out: for users with >= 3 actions the last item is the test target and the one
// before it the validation target; training sees everything before the validation item. Users
// with fewer than 3 actions are training data only.
struct Split {
    std::vector<std::vector<ItemIndex>> train; // per user (same indices as SequenceData)
    std::vector<EvalCase> validation;          // history = train sequence
    std::vector<EvalCase> test;                // history = train sequence + validation item
    int numItems = 0;
};
Split leaveOneOut(const SequenceData& data);

} // namespace shoppilot::recs
