// `shoppilot eval support --db FILE`: the support bot on a store's own conversations, split by time
// (the oldest 80% train, the newest 20% test; validation is the newest tenth of the training
// part). Intent accuracy per language on each test conversation's first customer message (against
// the conversation's intent as the shop tagged it), order-number slot precision/recall (the gold
// being the order the conversation is about), and a replay of those first messages through the
// bot: containment (not handed off) and handoff precision (handed off where the shop escalated).
// The replay is also a regression suite: the intent the bot that served each conversation
// understood is stored with its reply, so a conversation it got right and the new model gets
// wrong is a regression (and the reverse a fix); compareReplay does the same against a replay
// saved from an earlier run of this evaluation. The knowledge-base figures compare FTS5 alone,
// the intent's article and the learned re-ranker (kb.h) on the same test messages.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/progress.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::support {

struct ReplayCase {
    std::string conversation; // external id
    std::string gold;         // the intent the shop tagged
    std::string predicted;    // the new model's intent
    std::string served;       // the serving bot's intent (stored with its reply; empty: none)
};

struct SupportEval {
    int train = 0, test = 0;
    std::map<std::string, double> accuracy;  // per language, and "all"
    std::map<std::string, int> testRows;     // per language
    double baselineAccuracy = 0;             // the linear baseline alone, all languages
    double slotPrecision = 0, slotRecall = 0, slotF1 = 0;
    double containment = 0, handoffPrecision = 0;
    int handoffs = 0;
    double trainSeconds = 0;
    std::vector<ReplayCase> replay;          // the test conversations
    int servedCompared = 0, servedRight = 0; // test conversations with a stored bot intent, right ones
    int regressions = 0, fixes = 0;          // against the serving bot
    // The knowledge-base article answering each test message (its intent's, in its language) at
    // rank 1: FTS5 (BM25) alone, the predicted intent's article, the learned re-ranker (trained on
    // the validation part).
    int kbCases = 0;
    double kbFtsAccuracy = 0, kbIntentAccuracy = 0, kbRankedAccuracy = 0;
};

struct ReplayComparison {
    int compared = 0, regressions = 0, fixes = 0;
    std::vector<std::string> regressed; // conversation ids, for a look
};
// Matches cases by conversation: right before (gold == predicted there), wrong now = a regression.
ReplayComparison compareReplay(const std::vector<ReplayCase>& before, const std::vector<ReplayCase>& now);

// Throws Error(InvalidArgument) when the store has fewer than 50 tagged conversations.
SupportEval evaluateSupport(store::Database& db, const Progress& progress = {});

} // namespace shoppilot::support
