#include "support/support_eval.h"

#include <algorithm>
#include <map>
#include <chrono>
#include <memory>
#include <vector>

#include "common/error.h"
#include "store/database.h"
#include "support/dialogue.h"
#include "support/intent_model.h"
#include "support/kb.h"
#include "support/slots.h"

namespace shoppilot::support {

namespace {

struct Conversation {
    std::string text, intent, language, orderRef, status;
    Timestamp startedAt = 0;
    std::string externalId, servedIntent;
};

} // namespace

SupportEval evaluateSupport(store::Database& db, const Progress& progress)
{
    ProgressReporter rep(progress);
    std::vector<Conversation> convs;
    {
        store::Statement s(db,
                           "SELECT c.intent, c.language, COALESCE(o.external_id, ''), c.status, c.started_at,"
                           " (SELECT m.text FROM support_messages m WHERE m.conversation_id = c.id AND m.sender = 'customer'"
                           "  ORDER BY m.ts LIMIT 1),"
                           " COALESCE(c.external_id, 'conversation ' || c.id),"
                           " (SELECT m.intent FROM support_messages m WHERE m.conversation_id = c.id AND m.sender = 'bot'"
                           "  ORDER BY m.ts LIMIT 1)"
                           " FROM support_conversations c LEFT JOIN orders o ON o.id = c.order_id"
                           " WHERE c.intent IS NOT NULL ORDER BY c.started_at, c.id");
        while (s.step()) {
            if (s.isNull(5))
                continue;
            convs.push_back({s.columnText(5), s.columnText(0), s.columnText(1), s.columnText(2), s.columnText(3), s.columnInt(4),
                             s.columnText(6), s.isNull(7) ? std::string() : s.columnText(7)});
        }
    }
    if (convs.size() < 50)
        throw Error(ErrorCode::InvalidArgument, "the store has " + std::to_string(convs.size()) +
                                                    " support conversations tagged with an intent; the evaluation needs at least 50");
    const std::size_t cut = convs.size() * 8 / 10, valCut = cut * 9 / 10;
    std::vector<IntentExample> train, val;
    for (std::size_t i = 0; i < cut; ++i)
        (i < valCut ? train : val).push_back({convs[i].text, convs[i].intent});
    SupportEval ev;
    ev.train = int(cut);
    ev.test = int(convs.size() - cut);
    IntentOptions o;
    const auto t0 = std::chrono::steady_clock::now();
    std::shared_ptr<const IntentModel> model = trainIntents(train, val, o, subProgress(rep.callback(), 0.0, 0.6));
    ev.trainSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const auto base = trainLinearIntents(train, val, o, subProgress(rep.callback(), 0.6, 0.8));
    auto ranker = std::make_shared<const KbRanker>(KbRanker::train(db, val, *model));
    const SupportBot bot(model, ranker);
    // The article that answers a test conversation: its intent's, in its language.
    std::map<std::pair<std::string, std::string>, std::int64_t> goldArticle;
    for (const auto& a : listArticles(db))
        if (!a.intent.empty())
            goldArticle.emplace(std::make_pair(a.intent, a.language), a.id);
    double kbFts = 0, kbIntent = 0, kbRanked = 0;
    std::map<std::string, double> ok, n;
    double baseOk = 0, tp = 0, predicted = 0, gold = 0, contained = 0, handoffs = 0, handoffsRight = 0;
    for (std::size_t i = cut; i < convs.size(); ++i) {
        const auto& c = convs[i];
        const auto p = model->probabilities(c.text);
        const auto best = std::size_t(std::max_element(p.begin(), p.end()) - p.begin());
        const bool right = model->labels()[best] == c.intent;
        ev.replay.push_back({c.externalId, c.intent, model->labels()[best], c.servedIntent});
        if (!c.servedIntent.empty()) {
            const bool servedRight = c.servedIntent == c.intent;
            ev.servedCompared += 1;
            ev.servedRight += servedRight ? 1 : 0;
            ev.regressions += servedRight && !right ? 1 : 0;
            ev.fixes += !servedRight && right ? 1 : 0;
        }
        ok[c.language] += right ? 1 : 0;
        n[c.language] += 1;
        ok["all"] += right ? 1 : 0;
        n["all"] += 1;
        const auto q = base->probabilities(c.text);
        baseOk += base->labels()[std::size_t(std::max_element(q.begin(), q.end()) - q.begin())] == c.intent ? 1 : 0;
        // Order numbers: those that resolve to a real order count as predicted.
        const Slots slots = extractSlots(c.text, c.startedAt);
        bool hit = false;
        for (const auto& ref : slots.orders) {
            const auto facts = lookupOrder(db, ref);
            if (!facts)
                continue;
            predicted += 1;
            if (facts->externalId == c.orderRef && !hit) {
                tp += 1;
                hit = true;
            }
        }
        gold += c.orderRef.empty() ? 0 : 1;
        // Knowledge base: the first article in the message's language, three ways.
        if (const auto g = goldArticle.find({c.intent, detectLanguage(c.text)}); g != goldArticle.end()) {
            const std::string lang = g->first.second;
            ev.kbCases += 1;
            for (const auto& h : searchKb(db, c.text, 20))
                if (h.language == lang) {
                    kbFts += h.id == g->second ? 1 : 0;
                    break;
                }
            if (const auto a = goldArticle.find({model->labels()[best], lang}); a != goldArticle.end())
                kbIntent += a->second == g->second ? 1 : 0;
            for (const auto& h : ranker->rank(db, c.text, *model, 10))
                if (h.language == lang) {
                    kbRanked += h.id == g->second ? 1 : 0;
                    break;
                }
        }
        DialogueState st;
        const Turn t = bot.reply(st, c.text, db, c.startedAt);
        if (t.action == Action::Handoff) {
            handoffs += 1;
            handoffsRight += c.status == "escalated" ? 1 : 0;
        } else {
            contained += 1;
        }
        if ((i - cut) % 64 == 0)
            rep.report(0.8 + 0.2 * double(i - cut) / double(convs.size() - cut), "replaying conversations");
    }
    for (const auto& [lang, k] : n) {
        ev.accuracy[lang] = ok[lang] / k;
        if (lang != "all")
            ev.testRows[lang] = int(k);
    }
    ev.baselineAccuracy = baseOk / double(ev.test);
    ev.slotPrecision = predicted > 0 ? tp / predicted : 0;
    ev.slotRecall = gold > 0 ? tp / gold : 0;
    ev.slotF1 = ev.slotPrecision + ev.slotRecall > 0 ? 2 * ev.slotPrecision * ev.slotRecall / (ev.slotPrecision + ev.slotRecall) : 0;
    ev.containment = contained / double(ev.test);
    if (ev.kbCases > 0) {
        ev.kbFtsAccuracy = kbFts / ev.kbCases;
        ev.kbIntentAccuracy = kbIntent / ev.kbCases;
        ev.kbRankedAccuracy = kbRanked / ev.kbCases;
    }
    ev.handoffs = int(handoffs);
    ev.handoffPrecision = handoffs > 0 ? handoffsRight / handoffs : 0;
    rep.report(1.0, "support evaluated");
    return ev;
}

ReplayComparison compareReplay(const std::vector<ReplayCase>& before, const std::vector<ReplayCase>& now)
{
    std::map<std::string, const ReplayCase*> old;
    for (const auto& c : before)
        old[c.conversation] = &c;
    ReplayComparison r;
    for (const auto& c : now) {
        const auto it = old.find(c.conversation);
        if (it == old.end())
            continue;
        r.compared += 1;
        const bool wasRight = it->second->predicted == it->second->gold, isRight = c.predicted == c.gold;
        if (wasRight && !isRight) {
            r.regressions += 1;
            r.regressed.push_back(c.conversation);
        }
        r.fixes += !wasRight && isRight ? 1 : 0;
    }
    return r;
}

} // namespace shoppilot::support
