#include "support/agent_assist.h"

#include <set>

#include "common/error.h"
#include "store/database.h"
#include "store/repositories.h"
#include "support/conversations.h"

namespace shoppilot::support {

namespace {

struct ConversationHead {
    std::string language;
    std::string status;
    std::string intent;
    std::optional<std::int64_t> orderId;
};

ConversationHead head(store::Database& db, std::int64_t id)
{
    store::Statement s(db, "SELECT language, status, COALESCE(intent,''), order_id FROM support_conversations WHERE id = ?");
    s.bind(1, id);
    if (!s.step())
        throw Error(ErrorCode::NotFound, "support conversation " + std::to_string(id) + " does not exist");
    return {s.columnText(0), s.columnText(1), s.columnText(2), s.columnOptInt(3)};
}

bool shipped(const OrderFacts& o)
{
    static const std::set<std::string> moving{"out_for_delivery", "delivered", "returned"};
    return moving.count(o.shipmentStatus) > 0 || o.status == "completed";
}

bool closedOrder(const OrderFacts& o)
{
    return o.status == "cancelled" || o.status == "refunded" || o.status == "failed";
}

// What the facts allow next, for the intents a person acts on.
std::string nextStep(const std::string& intent, const OrderFacts& o, bool zh)
{
    if (intent == "cancel_order") {
        if (closedOrder(o))
            return zh ? "这个订单已经不需要取消了。" : "There is nothing left to cancel on this order.";
        if (shipped(o))
            return zh ? "订单已经发出，无法再取消；收到后可以申请退货，我会协助您办理。"
                      : "It has already shipped, so it can no longer be cancelled; once it arrives you can return it and I'll help "
                        "you with that.";
        return zh ? "订单尚未发货，可以取消，取消后款项将原路退回。请确认是否为您取消？"
                  : "It hasn't shipped yet, so it can still be cancelled and the payment returned in full. Shall I cancel it "
                    "for you?";
    }
    if (intent == "change_address") {
        if (shipped(o))
            return zh ? "订单已经发出，无法再修改地址；我可以联系承运商看看能否改派。"
                      : "It has already left our warehouse, so the address can no longer be changed here; I can ask the "
                        "carrier whether they can redirect it.";
        return zh ? "订单尚未发货，地址还可以修改。请把完整的新地址发给我。"
                  : "It hasn't shipped yet, so the address can still be changed. Please send me the full new address.";
    }
    if (intent == "return_request")
        return zh ? "我来为您办理退货，退货说明会通过邮件发送给您。"
                  : "I'll set up the return for you and e-mail you the return instructions.";
    if (intent == "damaged_item" || intent == "wrong_item")
        return zh ? "非常抱歉给您带来不便。能否发一张照片给我？之后我们可以为您补发或退款，由您选择。"
                  : "I'm very sorry about that. Could you send me a photo? We can then send a replacement or refund you, "
                    "whichever you prefer.";
    return {};
}

} // namespace

Draft draftReply(store::Database& db, std::int64_t conversationId, const SupportBot& bot, Timestamp now)
{
    const ConversationHead h = head(db, conversationId);
    const auto messages = conversationMessages(db, conversationId);
    // The bot reads every customer message in order, as it would have, but keeps understanding
    // after a handoff: the draft is for the person who took over.
    DialogueState st;
    st.language = h.language;
    Turn last;
    bool any = false;
    for (const auto& m : messages) {
        if (m.sender != "customer")
            continue;
        st.handedOff = false;
        st.misses = 0;
        const Turn t = bot.reply(st, m.text, db, now);
        if (!t.intent.empty() || !any)
            last = t;
        any = true;
    }
    if (!any)
        throw Error(ErrorCode::InvalidArgument, "the conversation has no customer message to answer yet");
    if (!st.order && h.orderId)
        st.order = lookupOrder(db, std::to_string(*h.orderId));

    Draft d;
    d.language = st.language.empty() ? h.language : st.language;
    const bool zh = d.language == "zh";
    d.intent = st.intent.empty() ? h.intent : st.intent;
    d.confidence = last.confidence;
    if (st.order)
        d.orderRef = st.order->externalId;
    const std::string greeting = zh ? "您好，我是客服，感谢您的耐心等待。" : "Hello, thanks for waiting — I'm here to help.";
    std::string body;
    if (last.action == Action::Answer) { // what the bot would have answered: real facts or an article
        body = last.reply;
        d.article = last.article;
    } else if (last.action == Action::AskOrder) {
        body = last.reply;
    } else if (st.order) {
        body = describeOrder(*st.order, zh);
        const std::string step = nextStep(d.intent, *st.order, zh);
        if (!step.empty())
            body += (zh ? "" : " ") + step;
        else if (d.intent == "complaint")
            body = (zh ? "非常抱歉让您有不好的体验，我会亲自跟进。" : "I'm sorry for the trouble; I'll follow this up personally. ") + body;
    } else if (d.intent == "complaint") {
        body = zh ? "非常抱歉让您有不好的体验，我会亲自跟进。能否告诉我订单号和具体情况？"
                  : "I'm sorry for the trouble; I'll follow this up personally. Could you tell me the order number and what "
                    "happened?";
    } else if (!d.intent.empty()) {
        if (auto a = intentArticle(db, d.intent, d.language)) {
            body = a->second;
            d.article = a->first;
        }
    }
    if (body.empty())
        body = zh ? "请问具体需要什么帮助？" : "Could you tell me a little more about what you need?";
    d.text = greeting + (zh ? "" : " ") + body;

    std::string basis = d.intent.empty() ? "no intent understood" : "intent " + d.intent;
    if (!d.orderRef.empty())
        basis += "; order " + d.orderRef + " (" + st.order->status + (st.order->shipmentStatus.empty() ? "" : ", shipment " + st.order->shipmentStatus) + ") read from the store";
    else
        basis += "; no order found in the conversation";
    if (!d.article.empty())
        basis += "; article " + d.article;
    basis += ". Check before sending; the draft promises nothing that has not been done.";
    d.basis = basis;
    return d;
}

void takeOver(store::Database& db, std::int64_t conversationId, const std::string& agent, Timestamp now)
{
    const ConversationHead h = head(db, conversationId);
    if (agent.empty())
        throw Error(ErrorCode::InvalidArgument, "an agent name is needed to take a conversation over");
    store::Transaction tx(db);
    store::Statement s(db, "UPDATE support_conversations SET status = 'open', assignee = ?, closed_at = NULL WHERE id = ?");
    s.bind(1, agent).bind(2, conversationId);
    s.step();
    store::appendAudit(db, now, agent, "support.take_over", "support_conversations", std::to_string(conversationId),
                       "{\"from\":\"" + h.status + "\"}");
    tx.commit();
}

std::int64_t sendAgentReply(store::Database& db, std::int64_t conversationId, const std::string& agent, const std::string& text,
                            Timestamp now)
{
    const ConversationHead h = head(db, conversationId);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw Error(ErrorCode::InvalidArgument, "the reply is empty: write something before sending");
    if (text.size() > kMaxReplyBytes)
        throw Error(ErrorCode::InvalidArgument, "the reply is " + std::to_string(text.size()) + " bytes; keep it under " +
                                                    std::to_string(kMaxReplyBytes));
    if (agent.empty())
        throw Error(ErrorCode::InvalidArgument, "an agent name is needed to send a reply");
    store::Transaction tx(db);
    store::Statement ins(db, "INSERT INTO support_messages(conversation_id, ts, sender, text) VALUES (?, ?, 'agent', ?)");
    ins.bind(1, conversationId).bind(2, std::int64_t(now)).bind(3, text);
    ins.step();
    const std::int64_t id = db.lastInsertRowId();
    store::Statement up(db, "UPDATE support_conversations SET status = 'open', closed_at = NULL,"
                            " assignee = COALESCE(NULLIF(assignee, ''), ?) WHERE id = ?");
    up.bind(1, agent).bind(2, conversationId);
    up.step();
    if (h.status != "open")
        store::appendAudit(db, now, agent, "support.take_over", "support_conversations", std::to_string(conversationId),
                           "{\"from\":\"" + h.status + "\"}");
    tx.commit();
    return id;
}

void closeConversation(store::Database& db, std::int64_t conversationId, const std::string& agent, Timestamp now)
{
    head(db, conversationId);
    store::Transaction tx(db);
    store::Statement s(db, "UPDATE support_conversations SET status = 'resolved', closed_at = ? WHERE id = ?");
    s.bind(1, std::int64_t(now)).bind(2, conversationId);
    s.step();
    store::appendAudit(db, now, agent.empty() ? "user" : agent, "support.close", "support_conversations",
                       std::to_string(conversationId), "{}");
    tx.commit();
}

} // namespace shoppilot::support
