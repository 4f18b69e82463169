// The support bot's slots and dialogue on a tiny demo store. The classifier is a test double that
// returns the intent the test sets (the dialogue is under test here; tst_intents tests the
// models): order facts come from the store, an unknown order number is asked again, actions go to
// a person and the bot is silent after, a request for a person and two misunderstood messages hand
// off, knowledge-base answers cite their article (FTS5 search, the re-ranker, article edits kept
// in the index), Chinese gets Chinese, agent assist drafts from the real order and the human
// queue's take-over / send / close keep the store consistent, and bad input (empty,
// 100 kB, emoji, mixed scripts) is answered without a crash.
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <map>
#include <QtTest>

#include "common/error.h"
#include "demo/demo_generator.h"
#include "store/database.h"
#include "support/agent_assist.h"
#include "support/dialogue.h"
#include "support/kb.h"
#include "support/slots.h"

using namespace shoppilot;
using namespace shoppilot::support;

namespace {

class FixedModel : public IntentModel {
public:
    FixedModel()
    {
        m_labels = {"order_status", "cancel_order", "payment_failed", "complaint", "shipping_time"};
        m_threshold = 0.5;
    }
    std::string next; // the intent the next message gets; empty: not understood
    std::vector<double> probabilities(const std::string&) const override
    {
        std::vector<double> p(m_labels.size(), 1.0 / double(m_labels.size()));
        for (std::size_t k = 0; k < m_labels.size(); ++k)
            if (m_labels[k] == next) {
                std::fill(p.begin(), p.end(), 0.0);
                p[k] = 1.0;
            }
        return p;
    }
};

// Knows the label of each text it was given (the re-ranker's training needs per-message intents).
class LookupModel : public IntentModel {
public:
    explicit LookupModel(std::map<std::string, std::string> byText) : m_byText(std::move(byText))
    {
        for (const auto& [text, label] : m_byText)
            if (std::find(m_labels.begin(), m_labels.end(), label) == m_labels.end())
                m_labels.push_back(label);
    }
    std::vector<double> probabilities(const std::string& text) const override
    {
        std::vector<double> p(m_labels.size(), 0.1 / double(m_labels.size()));
        const auto it = m_byText.find(text);
        for (std::size_t k = 0; it != m_byText.end() && k < m_labels.size(); ++k)
            if (m_labels[k] == it->second)
                p[k] += 0.9;
        return p;
    }

private:
    std::map<std::string, std::string> m_byText;
};

} // namespace

class TestDialogue : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_path;
    std::unique_ptr<store::ThreadCheckExemption> m_exempt;
    const Timestamp m_now = makeTimestamp(2026, 11, 1);

private Q_SLOTS:
    void initTestCase()
    {
        m_exempt = std::make_unique<store::ThreadCheckExemption>();
        m_path = m_dir.filePath("tiny.db").toStdString();
        auto db = store::Database::open(m_path, {store::OpenMode::CreateIfMissing});
        demo::DemoOptions o;
        o.size = demo::DemoSize::Tiny;
        o.seed = 9;
        demo::generateDemoStore(db, o, {});
    }

    void slots()
    {
        const auto s = extractSlots("order SP-100013 please, mail jane.doe@example.com or call +44 7700 900123, it was £25.50 on 2026-03-05",
                                    m_now);
        QCOMPARE(s.orders, (std::vector<std::string>{"SP-100013"}));
        QCOMPARE(s.emails, (std::vector<std::string>{"jane.doe@example.com"}));
        QCOMPARE(s.phones, (std::vector<std::string>{"+447700900123"}));
        QCOMPARE(s.amounts, (std::vector<double>{25.5}));
        QCOMPARE(s.date.value(), makeTimestamp(2026, 3, 5));
        const auto zh = extractSlots("订单123456退款50元，昨天付的", m_now);
        QCOMPARE(zh.orders, (std::vector<std::string>{"123456"}));
        QCOMPARE(zh.amounts, (std::vector<double>{50}));
        QCOMPARE(zh.date.value(), m_now - 86400);
        QCOMPARE(extractSlots("where is sp100777", m_now).orders, (std::vector<std::string>{"SP-100777"}));
        QVERIFY(extractSlots("hello there", m_now).orders.empty());
        QCOMPARE(maskPersonalData("mail jane.doe@example.com or +44 7700 900123 about SP-100013"),
                 std::string("mail j***@example.com or ***0123 about SP-100013"));
    }

    void orderFactsComeFromTheStore()
    {
        auto db = store::Database::open(m_path, {store::OpenMode::ReadOnly});
        const auto ref = db.queryText("SELECT external_id FROM orders WHERE status = 'completed' ORDER BY id LIMIT 1").value();
        const auto facts = lookupOrder(db, ref);
        QVERIFY(facts.has_value());
        auto model = std::make_shared<FixedModel>();
        SupportBot bot(model);
        DialogueState st;
        model->next = "order_status";
        Turn t = bot.reply(st, "where is my order?", db, m_now);
        QCOMPARE(t.action, Action::AskOrder);
        t = bot.reply(st, "it is SP-999999999", db, m_now); // no such order
        QCOMPARE(t.action, Action::AskOrder);
        QVERIFY(t.reply.find("couldn't find") != std::string::npos);
        model->next = ""; // a bare number is not an intent: the pending question takes it
        t = bot.reply(st, "sorry, " + ref, db, m_now);
        QCOMPARE(t.action, Action::Answer);
        QVERIFY2(t.reply.find(ref) != std::string::npos && t.reply.find("completed") != std::string::npos, t.reply.c_str());
        QVERIFY2(t.reply.find(formatDate(facts->createdAt)) != std::string::npos, t.reply.c_str());
        QVERIFY(t.article == "order-status-en");
    }

    void actionsGoToAPersonAndTheBotFallsSilent()
    {
        auto db = store::Database::open(m_path, {store::OpenMode::ReadOnly});
        const auto ref = db.queryText("SELECT external_id FROM orders ORDER BY id DESC LIMIT 1").value();
        auto model = std::make_shared<FixedModel>();
        SupportBot bot(model);
        DialogueState st;
        model->next = "cancel_order";
        Turn t = bot.reply(st, "please cancel " + ref, db, m_now);
        QCOMPARE(t.action, Action::Handoff);
        QVERIFY(st.handedOff);
        QVERIFY(t.reply.find(ref) != std::string::npos); // the person gets the facts
        t = bot.reply(st, "hello? anyone?", db, m_now);
        QCOMPARE(t.action, Action::Silent);
        QVERIFY(t.reply.empty());
        // Asking for a person, a complaint, and two misses each hand off.
        DialogueState a, b, c;
        model->next = "order_status";
        QCOMPARE(bot.reply(a, "I want to talk to a human", db, m_now).action, Action::Handoff);
        model->next = "complaint";
        QCOMPARE(bot.reply(b, "this is unacceptable", db, m_now).action, Action::Handoff);
        model->next = "";
        QCOMPARE(bot.reply(c, "what is the weather like", db, m_now).action, Action::Refuse);
        QCOMPARE(bot.reply(c, "and tomorrow?", db, m_now).action, Action::Handoff);
    }

    void knowledgeBaseAndChinese()
    {
        auto db = store::Database::open(m_path, {store::OpenMode::ReadOnly});
        auto model = std::make_shared<FixedModel>();
        SupportBot bot(model);
        DialogueState st;
        model->next = "payment_failed";
        Turn t = bot.reply(st, "my card was declined", db, m_now);
        QCOMPARE(t.action, Action::Answer);
        QCOMPARE(t.article, std::string("payment-failed-en"));
        DialogueState zh;
        model->next = "order_status";
        t = bot.reply(zh, "我的订单到哪里了", db, m_now);
        QCOMPARE(zh.language, std::string("zh"));
        QCOMPARE(t.action, Action::AskOrder);
        QVERIFY(t.reply.find("订单号") != std::string::npos);
    }

    void ftsQueryFromFreeText()
    {
        const std::string en = ftsQuery("Where's my REFUND for order 123456?");
        QVERIFY(en.find("\"refund\"") != std::string::npos);   // lower-cased
        QVERIFY(en.find("\"my\"") == std::string::npos);       // shorter than a trigram
        QVERIFY(en.find("123456") == std::string::npos);         // numbers are not words
        QVERIFY(en.find(" OR ") != std::string::npos);
        const std::string zh = ftsQuery("支付失败了");
        QCOMPARE(zh, std::string("\"支付失\" OR \"付失败\" OR \"失败了\""));
        QCOMPARE(ftsQuery("12 ab 34567 😀"), std::string());
        QCOMPARE(ftsQuery(""), std::string());
        // FTS5 syntax in a message is searched for, not run.
        QVERIFY(ftsQuery("refund\" OR NOT* (x) col:abc").find("\"\"") == std::string::npos);
    }

    void knowledgeBaseSearchAndRanking()
    {
        auto db = store::Database::open(m_path, {store::OpenMode::ReadOnly});
        auto hits = searchKb(db, "my payment was declined, check the billing address", 5);
        QVERIFY(!hits.empty());
        QCOMPARE(hits.front().slug, std::string("payment-failed-en"));
        QVERIFY(hits.front().bm25 < 0);
        QVERIFY(hits.front().snippet.find('[') != std::string::npos);
        hits = searchKb(db, "支付失败，银行卡扣款了吗", 5);
        QVERIFY(!hits.empty());
        QCOMPARE(hits.front().slug, std::string("payment-failed-zh"));
        QVERIFY(searchKb(db, "??? 12", 5).empty());
        searchKb(db, "AND OR NOT * ( ) : \" NEAR", 5); // FTS5 syntax must not throw
        // The ranker puts the model's intent first, in the message's language.
        auto model = std::make_shared<FixedModel>();
        model->next = "shipping_time";
        const KbRanker prior;
        auto ranked = prior.rank(db, "how long will it take", *model, 5);
        QVERIFY(!ranked.empty());
        QCOMPARE(ranked.front().slug, std::string("shipping-time-en"));
        QVERIFY(ranked.front().score >= ranked.back().score);
        // Trained on tagged messages, it ranks each one's article first.
        const std::vector<IntentExample> examples{{"my card keeps failing at checkout", "payment_failed"},
                                                  {"when will the parcel arrive", "shipping_time"},
                                                  {"付款一直不成功", "payment_failed"},
                                                  {"多久能送到", "shipping_time"},
                                                  {"the delivery address is wrong", "change_address"}};
        std::map<std::string, std::string> byText;
        for (const auto& e : examples)
            byText[e.text] = e.label;
        const LookupModel lookup(byText);
        const KbRanker trained = KbRanker::train(db, examples, lookup);
        QVERIFY(trained.weights()[2] > 0); // the intent's probability counts for an article
        for (const auto& e : examples) {
            const auto r = trained.rank(db, e.text, lookup, 3);
            QVERIFY(!r.empty());
            QCOMPARE(r.front().intent, e.label);
            QCOMPARE(r.front().language, detectLanguage(e.text));
        }
        // The bot with a ranker cites the ranked article.
        model->next = "payment_failed";
        const SupportBot bot(model, std::make_shared<const KbRanker>(trained));
        DialogueState st;
        QCOMPARE(bot.reply(st, "my card was declined", db, m_now).article, std::string("payment-failed-en"));
    }

    void knowledgeBaseEdits()
    {
        const QString copy = m_dir.filePath("kb.db");
        QVERIFY(QFile::copy(QString::fromStdString(m_path), copy));
        auto db = store::Database::open(copy.toStdString(), {store::OpenMode::ReadWrite});
        const auto before = listArticles(db).size();
        KbArticle a;
        a.slug = "gift-wrap-en";
        a.language = "en";
        a.title = "Gift wrapping";
        a.body = "We wrap any order in recycled paper for a small fee; add a note at checkout.";
        const auto id = saveArticle(db, a, m_now);
        QVERIFY(id > 0);
        QCOMPARE(listArticles(db).size(), before + 1);
        QCOMPARE(searchKb(db, "can you wrap it as a gift", 3).front().slug, std::string("gift-wrap-en"));
        a.id = id;
        a.title = "Gift wrapping and notes";
        saveArticle(db, a, m_now + 60);
        QCOMPARE(searchKb(db, "gift notes", 1).front().title, std::string("Gift wrapping and notes"));
        KbArticle dup = a;
        dup.id = 0;
        QVERIFY_THROWS_EXCEPTION(Error, saveArticle(db, dup, m_now)); // the slug is taken
        KbArticle bad = a;
        bad.id = 0;
        bad.slug = "x";
        bad.language = "fr";
        QVERIFY_THROWS_EXCEPTION(Error, saveArticle(db, bad, m_now));
        bad.language = "en";
        bad.body = "  ";
        QVERIFY_THROWS_EXCEPTION(Error, saveArticle(db, bad, m_now));
        deleteArticle(db, id);
        QCOMPARE(listArticles(db).size(), before);
        const auto gone = searchKb(db, "wrapping recycled paper", 3);
        QVERIFY(std::none_of(gone.begin(), gone.end(), [](const KbHit& h) { return h.slug == "gift-wrap-en"; }));
        QVERIFY(db.verify().empty());
    }

    void agentAssistAndTheHumanQueue()
    {
        const QString copy = m_dir.filePath("agent.db");
        QVERIFY(QFile::copy(QString::fromStdString(m_path), copy));
        auto db = store::Database::open(copy.toStdString(), {store::OpenMode::ReadWrite});
        // One order not yet shipped and one delivered, as the store has them.
        const auto open = db.queryText("SELECT o.external_id FROM orders o WHERE o.status = 'processing' AND NOT EXISTS"
                                       " (SELECT 1 FROM shipments s WHERE s.order_id = o.id AND s.status <> 'planned')"
                                       " ORDER BY o.id LIMIT 1");
        const auto done = db.queryText("SELECT o.external_id FROM orders o JOIN shipments s ON s.order_id = o.id"
                                       " WHERE s.status = 'delivered' ORDER BY o.id LIMIT 1");
        QVERIFY2(open && done, "the tiny demo store has a processing and a delivered order");
        auto conversation = [&](const std::string& text) {
            db.exec("INSERT INTO support_conversations(language, started_at, status) VALUES ('en', 1790000000, 'escalated')");
            const auto id = db.lastInsertRowId();
            store::Statement s(db, "INSERT INTO support_messages(conversation_id, ts, sender, text) VALUES (?, 1790000001, 'customer', ?)");
            s.bind(1, id).bind(2, text);
            s.step();
            return id;
        };
        auto model = std::make_shared<FixedModel>();
        model->next = "cancel_order";
        SupportBot bot(model);
        const auto c1 = conversation("please cancel my order " + *open);
        const Draft d1 = draftReply(db, c1, bot, m_now);
        QCOMPARE(d1.intent, std::string("cancel_order"));
        QCOMPARE(d1.orderRef, *open);
        QVERIFY2(d1.text.find(*open) != std::string::npos && d1.text.find("can still be cancelled") != std::string::npos, d1.text.c_str());
        QVERIFY(d1.basis.find("read from the store") != std::string::npos);
        const auto c2 = conversation("cancel " + *done + " now");
        const Draft d2 = draftReply(db, c2, bot, m_now);
        QVERIFY2(d2.text.find("can no longer be cancelled") != std::string::npos, d2.text.c_str());
        // No order number: the draft asks for it rather than guessing one.
        const Draft d3 = draftReply(db, conversation("cancel it please"), bot, m_now);
        QVERIFY(d3.orderRef.empty());
        QVERIFY2(d3.text.find("order number") != std::string::npos, d3.text.c_str());

        takeOver(db, c1, "mei", m_now);
        QCOMPARE(db.queryText("SELECT status || '/' || assignee FROM support_conversations WHERE id = " + std::to_string(c1)).value(),
                 std::string("open/mei"));
        QVERIFY_THROWS_EXCEPTION(Error, sendAgentReply(db, c1, "mei", " \n ", m_now));
        QVERIFY_THROWS_EXCEPTION(Error, sendAgentReply(db, c1, "mei", std::string(kMaxReplyBytes + 1, 'x'), m_now));
        QVERIFY_THROWS_EXCEPTION(Error, sendAgentReply(db, 987654321, "mei", "hello", m_now));
        const auto msg = sendAgentReply(db, c1, "mei", d1.text, m_now + 5);
        QCOMPARE(db.queryText("SELECT sender FROM support_messages WHERE id = " + std::to_string(msg)).value(), std::string("agent"));
        // Replying to a waiting conversation takes it over; closing resolves it.
        sendAgentReply(db, c2, "li", "On it.", m_now + 6);
        QCOMPARE(db.queryText("SELECT status || '/' || assignee FROM support_conversations WHERE id = " + std::to_string(c2)).value(),
                 std::string("open/li"));
        closeConversation(db, c2, "li", m_now + 7);
        QCOMPARE(db.queryText("SELECT status FROM support_conversations WHERE id = " + std::to_string(c2)).value(), std::string("resolved"));
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM audit_log WHERE action IN ('support.take_over', 'support.close')").value(), 3);
        QVERIFY(db.verify().empty());
    }

    void badInputIsAnsweredNotCrashed()
    {
        auto db = store::Database::open(m_path, {store::OpenMode::ReadOnly});
        auto model = std::make_shared<FixedModel>();
        SupportBot bot(model);
        DialogueState st;
        QCOMPARE(bot.reply(st, "   ", db, m_now).action, Action::Refuse);
        std::string huge(100 * 1024, 'a');
        huge += " SP-100001";
        model->next = "";
        const Turn t = bot.reply(st, huge, db, m_now);
        QVERIFY(!t.reply.empty());
        DialogueState e;
        QVERIFY(!bot.reply(e, "😀😀😀 订单 order ??", db, m_now).reply.empty());
    }
};

QTEST_GUILESS_MAIN(TestDialogue)
#include "tst_dialogue.moc"
