#include "support/conversations.h"

#include <algorithm>
#include <map>

#include "store/database.h"

namespace shoppilot::support {

std::vector<ConversationRow> listConversations(store::Database& db, const std::string& status, int limit)
{
    std::vector<ConversationRow> out;
    store::Statement s(db, "SELECT c.id, COALESCE(c.external_id,''), c.language, c.status, COALESCE(c.intent,''),"
                           " COALESCE(o.external_id,''), COALESCE(c.assignee,''), c.started_at,"
                           " (SELECT COUNT(*) FROM support_messages m WHERE m.conversation_id = c.id)"
                           " FROM support_conversations c LEFT JOIN orders o ON o.id = c.order_id"
                           " WHERE (?1 = '' OR c.status = ?1) ORDER BY c.started_at DESC, c.id DESC LIMIT ?2");
    s.bind(1, status).bind(2, limit);
    while (s.step())
        out.push_back({s.columnInt(0), s.columnText(1), s.columnText(2), s.columnText(3), s.columnText(4), s.columnText(5),
                       s.columnText(6), s.columnInt(7), s.columnInt(8)});
    return out;
}

std::vector<MessageRow> conversationMessages(store::Database& db, std::int64_t conversationId)
{
    std::vector<MessageRow> out;
    store::Statement s(db, "SELECT ts, sender, text, COALESCE(intent,''), confidence FROM support_messages"
                           " WHERE conversation_id = ? ORDER BY ts, id");
    s.bind(1, conversationId);
    while (s.step())
        out.push_back({s.columnInt(0), s.columnText(1), s.columnText(2), s.columnText(3), s.columnOptDouble(4)});
    return out;
}

std::vector<IntentExample> trainingExamples(store::Database& db)
{
    std::vector<IntentExample> out;
    store::Statement s(db, "SELECT (SELECT m.text FROM support_messages m WHERE m.conversation_id = c.id AND m.sender = 'customer'"
                           " ORDER BY m.ts LIMIT 1), c.intent FROM support_conversations c WHERE c.intent IS NOT NULL"
                           " ORDER BY c.started_at, c.id");
    while (s.step())
        if (!s.isNull(0))
            out.push_back({s.columnText(0), s.columnText(1)});
    return out;
}

std::vector<IntentMetrics> supportMetrics(store::Database& db)
{
    struct Acc {
        std::int64_t n = 0, contained = 0, handoff = 0, resolved = 0;
        std::vector<double> firstResponse;
    };
    std::map<std::string, Acc> by;
    store::Statement s(db,
                       "SELECT COALESCE(c.intent,'(none)'), c.status,"
                       " EXISTS(SELECT 1 FROM support_messages m WHERE m.conversation_id = c.id AND m.sender = 'agent'),"
                       " (SELECT MIN(m.ts) FROM support_messages m WHERE m.conversation_id = c.id AND m.sender <> 'customer')"
                       "   - (SELECT MIN(m.ts) FROM support_messages m WHERE m.conversation_id = c.id AND m.sender = 'customer')"
                       " FROM support_conversations c");
    while (s.step()) {
        const std::string keys[] = {s.columnText(0), "all"};
        for (const auto& key : keys) {
            Acc& a = by[key];
            const bool agent = s.columnInt(2) != 0;
            const std::string st = s.columnText(1);
            a.n += 1;
            a.resolved += st == "resolved" ? 1 : 0;
            a.contained += (st == "resolved" && !agent) ? 1 : 0;
            a.handoff += (st == "escalated" || agent) ? 1 : 0;
            if (!s.isNull(3) && s.columnInt(3) >= 0)
                a.firstResponse.push_back(double(s.columnInt(3)));
        }
    }
    std::vector<IntentMetrics> out;
    for (auto& [intent, a] : by) {
        IntentMetrics m;
        m.intent = intent;
        m.conversations = a.n;
        m.containment = double(a.contained) / double(a.n);
        m.handoffRate = double(a.handoff) / double(a.n);
        m.resolved = double(a.resolved) / double(a.n);
        if (!a.firstResponse.empty()) {
            auto mid = a.firstResponse.begin() + std::ptrdiff_t(a.firstResponse.size() / 2);
            std::nth_element(a.firstResponse.begin(), mid, a.firstResponse.end());
            m.medianFirstResponseSeconds = *mid;
        }
        out.push_back(m);
    }
    std::sort(out.begin(), out.end(), [](const IntentMetrics& a, const IntentMetrics& b) {
        if ((a.intent == "all") != (b.intent == "all"))
            return b.intent == "all";
        return a.conversations > b.conversations;
    });
    return out;
}

} // namespace shoppilot::support
