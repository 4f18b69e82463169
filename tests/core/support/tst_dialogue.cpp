// The support bot's slots and dialogue on a tiny demo store. The classifier is a test double that
// returns the intent the test sets (the dialogue is under test here; tst_intents tests the
// models): order facts come from the store, an unknown order number is asked again, actions go to
// a person and the bot is silent after, a request for a person and two misunderstood messages hand
// off, knowledge-base answers cite their article, Chinese gets Chinese, and bad input (empty,
// 100 kB, emoji, mixed scripts) is answered without a crash.
#include <QTemporaryDir>
#include <QtTest>

#include "common/error.h"
#include "demo/demo_generator.h"
#include "store/database.h"
#include "support/dialogue.h"
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
