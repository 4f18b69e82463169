#include "support/dialogue.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

#include "common/error.h"
#include "store/database.h"
#include "support/kb.h"
#include "support/text_features.h"

namespace shoppilot::support {

namespace {

// Intents that are about one order; the others are answered from the knowledge base.
const std::set<std::string>& orderIntents()
{
    static const std::set<std::string> s{"order_status",   "shipping_time",   "refund_status", "cancel_order", "change_address",
                                         "return_request", "invoice_request", "damaged_item",  "wrong_item"};
    return s;
}
// Intents whose resolution is an action on the order: a person does it, with the facts.
const std::set<std::string>& actionIntents()
{
    static const std::set<std::string> s{"cancel_order", "change_address", "return_request", "damaged_item", "wrong_item"};
    return s;
}

bool asksForPerson(const std::string& text)
{
    std::string l = text;
    std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    for (const char* k : {"human", "real person", "agent", "speak to someone", "talk to someone", "representative", "operator"})
        if (l.find(k) != std::string::npos)
            return true;
    for (const char* k : {"人工", "转人工", "真人", "客服人员"})
        if (text.find(k) != std::string::npos)
            return true;
    return false;
}

std::string day(Timestamp t)
{
    return formatDate(t);
}

std::string money(std::int64_t minor, const std::string& currency)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f %s", double(minor) / 100.0, currency.c_str());
    return buf;
}

std::string statusWords(const std::string& s, bool zh)
{
    static const std::pair<const char*, const char*> map[] = {
        {"pending", "待付款"}, {"processing", "处理中"}, {"on-hold", "暂缓处理"}, {"completed", "已完成"},
        {"cancelled", "已取消"}, {"refunded", "已退款"}, {"failed", "支付失败"}, {"planned", "已安排配送"},
        {"out_for_delivery", "派送中"}, {"delivered", "已送达"}, {"returned", "已退回"}};
    if (!zh) {
        std::string w = s;
        std::replace(w.begin(), w.end(), '_', ' ');
        return w;
    }
    for (const auto& [en, cn] : map)
        if (s == en)
            return cn;
    return s;
}

} // namespace

std::string describeOrder(const OrderFacts& o, bool zh)
{
    std::string r;
    if (zh) {
        r = "订单" + o.externalId + "（" + day(o.createdAt) + "下单，金额" + money(o.totalMinor, o.currency) + "）状态：" +
            statusWords(o.status, true) + "。";
        if (!o.shipmentStatus.empty()) {
            r += "物流：" + statusWords(o.shipmentStatus, true);
            if (o.deliveredAt)
                r += "，" + day(*o.deliveredAt) + "送达";
            else if (o.promisedAt)
                r += "，预计" + day(*o.promisedAt) + "送达";
            r += "。";
        }
        if (o.refundedMinor > 0)
            r += "已退款" + money(o.refundedMinor, o.currency) + "。";
    } else {
        r = "Order " + o.externalId + " (placed " + day(o.createdAt) + ", " + money(o.totalMinor, o.currency) + ") is " +
            statusWords(o.status, false) + ".";
        if (!o.shipmentStatus.empty()) {
            r += " Shipment: " + statusWords(o.shipmentStatus, false);
            if (o.deliveredAt)
                r += ", delivered " + day(*o.deliveredAt);
            else if (o.promisedAt)
                r += ", expected " + day(*o.promisedAt);
            r += ".";
        }
        if (o.refundedMinor > 0)
            r += " Refunded so far: " + money(o.refundedMinor, o.currency) + ".";
    }
    return r;
}

namespace {

// The cited article as (slug, "title: its first sentence or two").
std::optional<std::pair<std::string, std::string>> excerpt(store::Statement& s)
{
    if (!s.step())
        return std::nullopt;
    std::string body = s.columnText(2);
    // The first sentence or two, not the whole article.
    const std::size_t cut = std::min(body.size(), std::size_t(400));
    std::size_t end = body.find_first_of(".。", 0);
    if (end != std::string::npos && end < cut)
        end = body.find_first_of(".。", end + 1);
    if (end == std::string::npos || end > cut)
        end = cut;
    else
        end += body.compare(end, 3, "。") == 0 ? 3 : 1;
    while (end < body.size() && end > 0 && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80)
        --end;
    return std::make_pair(s.columnText(0), s.columnText(1) + ": " + body.substr(0, end));
}

} // namespace

std::optional<std::pair<std::string, std::string>> intentArticle(store::Database& db, const std::string& intent, const std::string& lang)
{
    store::Statement s(db, "SELECT slug, title, body FROM kb_articles WHERE intent = ? AND language = ? ORDER BY updated_at DESC LIMIT 1");
    s.bind(1, intent).bind(2, lang);
    return excerpt(s);
}

namespace {

std::optional<std::pair<std::string, std::string>> articleById(store::Database& db, std::int64_t id)
{
    store::Statement s(db, "SELECT slug, title, body FROM kb_articles WHERE id = ?");
    s.bind(1, id);
    return excerpt(s);
}

} // namespace

const char* actionName(Action a)
{
    switch (a) {
    case Action::Answer: return "answer";
    case Action::AskOrder: return "ask_order";
    case Action::Handoff: return "handoff";
    case Action::Refuse: return "refuse";
    case Action::Silent: return "silent";
    }
    return "?";
}

std::string detectLanguage(const std::string& text)
{
    for (const char32_t c : decodeUtf8(text))
        if (c >= 0x4E00 && c <= 0x9FFF)
            return "zh";
    return "en";
}

std::optional<OrderFacts> lookupOrder(store::Database& db, const std::string& reference)
{
    if (reference.empty())
        return std::nullopt;
    std::string upper = reference;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    store::Statement s(db, "SELECT o.id, COALESCE(o.external_id, ''), o.customer_id, o.status, o.created_at, o.total_minor, o.currency,"
                           " (SELECT status FROM shipments sh WHERE sh.order_id = o.id ORDER BY sh.created_at DESC LIMIT 1),"
                           " (SELECT promised_at FROM shipments sh WHERE sh.order_id = o.id ORDER BY sh.created_at DESC LIMIT 1),"
                           " (SELECT delivered_at FROM shipments sh WHERE sh.order_id = o.id ORDER BY sh.created_at DESC LIMIT 1),"
                           " (SELECT COALESCE(SUM(amount_minor), 0) FROM refunds r WHERE r.order_id = o.id)"
                           " FROM orders o WHERE o.external_id = ?1 OR o.external_id = ?2"
                           " OR (?2 GLOB '[0-9]*' AND o.id = CAST(?2 AS INTEGER)) LIMIT 1");
    // external_id is indexed (UNIQUE): as written and upper-cased, then a numeric id.
    s.bind(1, reference).bind(2, upper);
    if (!s.step())
        return std::nullopt;
    OrderFacts o;
    o.id = s.columnInt(0);
    o.externalId = s.columnText(1).empty() ? std::to_string(o.id) : s.columnText(1);
    o.customerId = s.columnOptInt(2);
    o.status = s.columnText(3);
    o.createdAt = s.columnInt(4);
    o.totalMinor = s.columnInt(5);
    o.currency = s.columnText(6);
    o.shipmentStatus = s.isNull(7) ? std::string() : s.columnText(7);
    o.promisedAt = s.columnOptInt(8);
    o.deliveredAt = s.columnOptInt(9);
    o.refundedMinor = s.columnInt(10);
    return o;
}

Turn SupportBot::reply(DialogueState& st, const std::string& message, store::Database& db, Timestamp now) const
{
    Turn t;
    if (st.handedOff) { // a person has the conversation: the bot stays out of it
        t.action = Action::Silent;
        return t;
    }
    if (st.language.empty() || st.language == "en")
        st.language = detectLanguage(message);
    const bool zh = st.language == "zh";
    std::string trimmed = message;
    trimmed.erase(0, std::min(trimmed.size(), trimmed.find_first_not_of(" \t\r\n")));
    if (trimmed.empty()) {
        t.action = Action::Refuse;
        t.reply = zh ? "您好，请问有什么可以帮您？" : "Hello! How can I help you?";
        return t;
    }
    t.slots = extractSlots(message, now);
    auto handoff = [&](const std::string& reason) {
        st.handedOff = true;
        t.action = Action::Handoff;
        t.handoffReason = reason;
        t.reply = zh ? "我已为您转接人工客服，同事会带着我们刚才的对话尽快回复您。"
                     : "I've passed this to a colleague, who has our conversation and will reply shortly.";
        if (st.order)
            t.reply += zh ? "（" + describeOrder(*st.order, true) + "）" : " (" + describeOrder(*st.order, false) + ")";
        return t;
    };
    if (asksForPerson(message))
        return handoff("customer asked for a person");

    // Understand: a new intent unless the bot is waiting for the order number of the current one.
    // The model reads the start of a very long paste (slots do the same).
    std::string head = message.substr(0, std::min<std::size_t>(message.size(), 4000));
    while (!head.empty() && head.size() < message.size() && (static_cast<unsigned char>(message[head.size()]) & 0xC0) == 0x80)
        head.pop_back();
    const Prediction p = m_model->predict(head);
    t.confidence = p.confidence;
    if (p.label >= 0)
        t.intent = m_model->labels()[std::size_t(p.label)];
    if (st.awaitingOrder && !t.slots.orders.empty())
        t.intent = st.intent; // the answer to our question
    else if (!t.intent.empty())
        st.intent = t.intent;
    if (t.intent.empty()) {
        if (++st.misses >= 2)
            return handoff("not understood twice");
        t.action = Action::Refuse;
        t.reply = zh ? "抱歉，我没有理解您的问题。可以换个说法吗？例如“订单SP-100123到哪了”。如需人工服务请回复“人工”。"
                     : "Sorry, I didn't understand that. Could you rephrase it, e.g. \"where is order SP-100123\"? Type "
                       "\"agent\" to talk to a person.";
        return t;
    }
    st.misses = 0;
    if (st.intent == "complaint")
        return handoff("complaint");

    if (orderIntents().count(st.intent)) {
        for (const auto& ref : t.slots.orders)
            if (auto o = lookupOrder(db, ref)) {
                st.order = *o;
                break;
            }
        if (!st.order) {
            st.awaitingOrder = true;
            t.action = Action::AskOrder;
            if (!t.slots.orders.empty())
                t.reply = zh ? "没有找到订单" + t.slots.orders.front() + "，请核对订单号（形如SP-100123）后再发给我。"
                             : "I couldn't find order " + t.slots.orders.front() +
                                   ". Please check the number (it looks like SP-100123) and send it again.";
            else
                t.reply = zh ? "请提供您的订单号（形如SP-100123），我来帮您查询。" : "Could you give me your order number (like SP-100123)?";
            return t;
        }
        st.awaitingOrder = false;
        const std::string facts = describeOrder(*st.order, zh);
        if (actionIntents().count(st.intent))
            return handoff(st.intent + " needs a person to act on the order");
        t.action = Action::Answer;
        t.reply = facts;
        if (auto a = intentArticle(db, st.intent, st.language)) {
            t.article = a->first;
            t.reply += zh ? " 参考：" + a->second : " See: " + a->second;
        }
        return t;
    }
    // Questions without an order: the knowledge base — the re-ranked search when the bot has a
    // ranker and this message carries the question, else the intent's article.
    std::optional<std::pair<std::string, std::string>> kb;
    if (m_ranker && !t.intent.empty())
        for (const auto& h : m_ranker->rank(db, head, *m_model, 5))
            if (h.language == st.language) {
                kb = articleById(db, h.id);
                break;
            }
    if (!kb)
        kb = intentArticle(db, st.intent, st.language);
    if (auto a = kb) {
        t.action = Action::Answer;
        t.article = a->first;
        t.reply = a->second;
        return t;
    }
    return handoff("no article for " + st.intent);
}

} // namespace shoppilot::support
