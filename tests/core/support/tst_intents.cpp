// The support bot's text features and intent models: Chinese character n-grams and English words,
// bigrams and sub-words (full-width and case folded, digits folded), the data readers and their
// errors, both models learning a small bilingual intent set, and out-of-scope refusal.
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <fstream>

#include "common/error.h"
#include "support/intent_model.h"
#include "support/text_features.h"

using namespace shoppilot;
using namespace shoppilot::support;

namespace {

bool has(const std::vector<std::string>& v, const std::string& s)
{
    return std::find(v.begin(), v.end(), s) != v.end();
}

// A small bilingual set: four intents, phrasings varied by templates.
std::vector<IntentExample> toySet(int variant)
{
    const std::vector<std::pair<std::string, std::vector<std::string>>> intents{
        {"order_status", {"where is my order %", "status of order %", "has order % shipped", "track my parcel %",
                          "我的订单%到哪里了", "订单%什么时候发货", "帮我查一下订单%的物流"}},
        {"refund", {"i want a refund for %", "please refund order %", "money back for %", "refund my payment %",
                    "我要退款%", "订单%申请退款", "钱什么时候退回来%"}},
        {"change_address", {"change the delivery address of %", "update shipping address %", "wrong address on order %",
                            "ship % to a different address", "修改订单%的收货地址", "地址填错了%", "换一个收货地址%"}},
        {"invoice", {"i need an invoice for %", "send me the receipt of %", "vat invoice for order %", "bill for %",
                     "开发票%", "订单%的发票", "需要报销凭证%"}},
    };
    std::vector<IntentExample> rows;
    for (const auto& [label, templates] : intents)
        for (std::size_t t = 0; t < templates.size(); ++t)
            for (int k = 0; k < 6; ++k) {
                if ((k + int(t)) % 3 == variant)
                    continue; // different phrasings in different splits
                std::string text = templates[t];
                const auto pos = text.find('%');
                text.replace(pos, 1, std::to_string(1000 + 37 * k + variant) + (k % 2 ? " please" : ""));
                rows.push_back({text, label});
            }
    return rows;
}

} // namespace

class TestIntents : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void featuresForChineseAndEnglish()
    {
        const auto zh = featureStrings("订单到了");
        QVERIFY(has(zh, "c1:订") && has(zh, "c2:订单") && has(zh, "c3:订单到"));
        QVERIFY(!has(zh, "c4:订单到了"));
        const auto en = featureStrings("Where is my ORDER 1234?");
        QVERIFY(has(en, "w:order") && has(en, "b:my order") && has(en, "w:0000"));
        QVERIFY(has(en, "s:<or") && has(en, "s:der>"));
        // Full-width letters and digits fold to ASCII; the script boundary splits runs.
        const auto fw = featureStrings("ＯＲＤＥＲ　１２订单"); // full-width letters, space, digits
        QVERIFY(has(fw, "w:order") && has(fw, "w:00") && has(fw, "c2:订单"));
        QCOMPARE(featureIds("refund please"), featureIds("REFUND  please!"));
        QVERIFY(featureIds("").empty());
        QVERIFY(featureIds("😀😀 !!").empty()); // emoji and punctuation only: no features, no crash
        const auto bad = featureStrings(std::string("ab\xff\xfe" "cd"));
        QVERIFY(has(bad, "w:ab") && has(bad, "w:cd")); // invalid UTF-8 is a separator
    }

    void readersAndErrors()
    {
        const QString csv = m_dir.filePath("a.csv");
        {
            std::ofstream f(csv.toStdString());
            f << "text,category\n\"hello, there\",greet\nbye,farewell\n";
        }
        const auto rows = readIntentFile(csv.toStdString());
        QCOMPARE(rows.size(), std::size_t(2));
        QCOMPARE(rows[0].text, std::string("hello, there"));
        const QString tsv = m_dir.filePath("a.tsv");
        {
            std::ofstream f(tsv.toStdString());
            f << "text\tlabel\n你好\tgreet\n再见\tfarewell\n";
        }
        QCOMPARE(readIntentFile(tsv.toStdString())[1].label, std::string("farewell"));
        const QString broken = m_dir.filePath("b.csv");
        {
            std::ofstream f(broken.toStdString());
            f << "text,category\nfine,ok\n,missing\n";
        }
        try {
            readIntentFile(broken.toStdString());
            QFAIL("read a row without text");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(":3") != std::string::npos, e.what());
        }
        const QString noHeader = m_dir.filePath("c.csv");
        {
            std::ofstream f(noHeader.toStdString());
            f << "a,b\nx,y\n";
        }
        QVERIFY_THROWS_EXCEPTION(Error, readIntentFile(noHeader.toStdString()));
        // Stratified hold-out keeps every label on both sides.
        const auto split = stratifiedHoldout(toySet(0), 0.2, 3);
        for (const char* l : {"order_status", "refund", "change_address", "invoice"}) {
            QVERIFY(std::any_of(split.second.begin(), split.second.end(), [&](const IntentExample& r) { return r.label == l; }));
            QVERIFY(std::any_of(split.first.begin(), split.first.end(), [&](const IntentExample& r) { return r.label == l; }));
        }
    }

    void modelsLearnABilingualSet()
    {
        const auto train = toySet(0), dev = toySet(1), test = toySet(2);
        IntentOptions o;
        o.maxEpochs = 30;
        for (int which = 0; which < 3; ++which) {
            const auto m = which == 0 ? trainNeuralIntents(train, dev, o) : which == 1 ? trainLinearIntents(train, dev, o)
                                                                                       : trainIntents(train, dev, o);
            const auto s = scoreIntents(*m, test, "");
            QVERIFY2(s.accuracy >= 0.9, qPrintable(QString("model %1: %2").arg(which).arg(s.accuracy)));
            const auto p = m->predict("订单5555什么时候发货");
            QVERIFY(p.label >= 0);
            QCOMPARE(m->labels()[std::size_t(p.label)], std::string("order_status"));
            QCOMPARE(m->labels()[std::size_t(m->predict("please refund order 42").label)], std::string("refund"));
            // Nothing the model knows: every class equally likely, refused.
            QCOMPARE(m->predict("zzqx wvvk").label, -1);
        }
    }

    void outOfScopeThresholdFromValidation()
    {
        auto train = toySet(0), dev = toySet(1), test = toySet(2);
        for (const char* t : {"what is the weather like", "tell me a joke", "今天天气怎么样", "who won the football"}) {
            dev.push_back({t, "oos"});
            test.push_back({std::string(t) + " today", "oos"});
        }
        train.push_back({"sing me a song", "oos"}); // left out of training
        IntentOptions o;
        o.oosLabel = "oos";
        const auto m = trainIntents(train, dev, o);
        QVERIFY(std::find(m->labels().begin(), m->labels().end(), "oos") == m->labels().end());
        QVERIFY(m->threshold() > 0.25); // above chance for four classes
        const auto s = scoreIntents(*m, test, "oos");
        QVERIFY2(s.oosRecall >= 0.5, qPrintable(QString::number(s.oosRecall)));
        QVERIFY2(s.inScopeAccuracy >= 0.8, qPrintable(QString::number(s.inScopeAccuracy)));
        QVERIFY_THROWS_EXCEPTION(Error, trainIntents({{"a", "x"}, {"b", "x"}}, {}, o)); // one label
    }
};

QTEST_GUILESS_MAIN(TestIntents)
#include "tst_intents.moc"
