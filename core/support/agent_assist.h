// Agent assist and the human queue: a person takes a conversation over from the bot (the bot is
// then silent), gets a drafted reply built from what the bot understood of the whole conversation
// and the order's real facts, edits it and sends it; and closes the conversation when it is done.
// The draft never states that an action was performed: it says what the facts allow (an unshipped
// order can still be cancelled, a shipped one cannot) and leaves the doing and the promise to the
// agent.
#pragma once

#include <cstdint>
#include <string>

#include "common/time.h"
#include "support/dialogue.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::support {

struct Draft {
    std::string text;       // the reply, in the conversation's language, for the agent to edit
    std::string language;   // en | zh
    std::string intent;     // what the bot understood of the conversation (empty: nothing)
    double confidence = 0;  // of that understanding, on the last customer message that carried it
    std::string orderRef;   // the order the conversation is about, when the store has it
    std::string article;    // the cited knowledge-base article, if any
    std::string basis;      // for the agent: what the draft rests on and what to check before sending
};

// Throws NotFound for an unknown conversation and InvalidArgument when it has no customer message.
Draft draftReply(store::Database& db, std::int64_t conversationId, const SupportBot& bot, Timestamp now);

// The agent takes the conversation: status "open" (a person has it), assignee set, audited.
void takeOver(store::Database& db, std::int64_t conversationId, const std::string& agent, Timestamp now);

// Appends the agent's message (taking the conversation over if nobody had it; a closed one is
// reopened). Rejects an empty reply and one over kMaxReplyBytes with a clear message. Returns the
// message id.
inline constexpr std::size_t kMaxReplyBytes = 20000;
std::int64_t sendAgentReply(store::Database& db, std::int64_t conversationId, const std::string& agent,
                            const std::string& text, Timestamp now);

// Status "resolved" with the closing time.
void closeConversation(store::Database& db, std::int64_t conversationId, const std::string& agent, Timestamp now);

} // namespace shoppilot::support
