// `shoppilot eval support --db FILE`: the support bot on a store's own conversations, split by time
// (the oldest 80% train, the newest 20% test; validation is the newest tenth of the training
// part). Intent accuracy per language on each test conversation's first customer message (against
// the conversation's intent as the shop tagged it), order-number slot precision/recall (the gold
// being the order the conversation is about), and a replay of those first messages through the
// bot: containment (not handed off) and handoff precision (handed off where the shop escalated).
#pragma once

#include <map>
#include <string>

#include "common/progress.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::support {

struct SupportEval {
    int train = 0, test = 0;
    std::map<std::string, double> accuracy;  // per language, and "all"
    std::map<std::string, int> testRows;     // per language
    double baselineAccuracy = 0;             // the linear baseline alone, all languages
    double slotPrecision = 0, slotRecall = 0, slotF1 = 0;
    double containment = 0, handoffPrecision = 0;
    int handoffs = 0;
    double trainSeconds = 0;
};

// Throws Error(InvalidArgument) when the store has fewer than 50 tagged conversations.
SupportEval evaluateSupport(store::Database& db, const Progress& progress = {});

} // namespace shoppilot::support
