// The support bot's dialogue: per conversation the language, the intent, the order it is about
// and the question it is waiting on. Every order fact in a reply comes from the store (status,
// dates, amounts, shipment); the bot never invents one and never performs an action it cannot
// check — a cancellation, an address change or a refund is handed to a person with what the bot
// understood. A complaint, an explicit request for a person, or a second message it does not
// understand hands the conversation off; after a handoff the bot stays silent. Questions without
// an order (payments, coupons, products, accounts) are answered from the knowledge base, citing
// the article.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "common/time.h"
#include "support/intent_model.h"
#include "support/slots.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::support {

class KbRanker;

struct OrderFacts {
    std::int64_t id = 0;
    std::string externalId;
    std::optional<std::int64_t> customerId;
    std::string status;
    Timestamp createdAt = 0;
    std::int64_t totalMinor = 0;
    std::string currency;
    std::string shipmentStatus; // empty: no shipment yet
    std::optional<Timestamp> promisedAt, deliveredAt;
    std::int64_t refundedMinor = 0;
};
// By external id ("SP-100013", case-insensitive) or numeric id; nullopt when there is none.
std::optional<OrderFacts> lookupOrder(store::Database& db, const std::string& reference);

enum class Action { Answer, AskOrder, Handoff, Refuse, Silent };
const char* actionName(Action a);

struct DialogueState {
    std::string language;  // en | zh (from the first message with letters)
    std::string intent;    // the conversation's intent once understood
    std::optional<OrderFacts> order;
    bool awaitingOrder = false;
    bool handedOff = false;
    int misses = 0;        // messages not understood in a row
};

struct Turn {
    std::string intent;     // understood for this message (empty: none)
    double confidence = 0;
    Slots slots;
    Action action = Action::Refuse;
    std::string reply;      // empty when silent
    std::string article;    // cited knowledge-base article slug, if any
    std::string handoffReason;
};

class SupportBot {
public:
    // Without a ranker, a knowledge-base answer is the article tagged with the intent.
    explicit SupportBot(std::shared_ptr<const IntentModel> model, std::shared_ptr<const KbRanker> ranker = nullptr)
        : m_model(std::move(model)), m_ranker(std::move(ranker))
    {
    }
    Turn reply(DialogueState& state, const std::string& message, store::Database& db, Timestamp now) const;

private:
    std::shared_ptr<const IntentModel> m_model;
    std::shared_ptr<const KbRanker> m_ranker;
};

// The facts of an order in one sentence or two, in Chinese or English: what the bot and the
// agent's draft say about it (every figure from the store).
std::string describeOrder(const OrderFacts& order, bool zh);

// The knowledge-base article tagged with an intent in a language, as (slug, "title: its first
// sentence or two"); nullopt when there is none.
std::optional<std::pair<std::string, std::string>> intentArticle(store::Database& db, const std::string& intent,
                                                                 const std::string& language);

// "zh" when the text has Chinese characters, else "en".
std::string detectLanguage(const std::string& text);

} // namespace shoppilot::support
