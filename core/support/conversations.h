// The store side of the Support panel: conversations and their messages, what the bot learns
// from (each tagged conversation's first customer message), and the support metrics by intent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/time.h"
#include "support/intent_model.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::support {

struct ConversationRow {
    std::int64_t id = 0;
    std::string externalId;
    std::string language;
    std::string status;   // bot | escalated (waiting for a person) | open (a person has it) | resolved
    std::string intent;
    std::string orderRef;
    std::string assignee;
    Timestamp startedAt = 0;
    std::int64_t messages = 0;
};
// Newest first; `status` empty = every status.
std::vector<ConversationRow> listConversations(store::Database& db, const std::string& status, int limit);

struct MessageRow {
    Timestamp ts = 0;
    std::string sender; // customer | bot | agent
    std::string text;
    std::string intent;
    std::optional<double> confidence;
};
std::vector<MessageRow> conversationMessages(store::Database& db, std::int64_t conversationId);

// Each tagged conversation's first customer message with its intent, oldest first.
std::vector<IntentExample> trainingExamples(store::Database& db);

struct IntentMetrics {
    std::string intent;
    std::int64_t conversations = 0;
    double containment = 0;       // closed without an agent message
    double handoffRate = 0;       // escalated or answered by an agent
    double resolved = 0;          // status resolved
    double medianFirstResponseSeconds = 0;
};
// Per intent, most frequent first, then a row "all".
std::vector<IntentMetrics> supportMetrics(store::Database& db);

} // namespace shoppilot::support
