// Allow/block list entries are checked before they are saved: a customer entry is exactly a
// whole number ("12abc" is refused, not read as customer 12), the message names the list and the
// entry, a refused set writes nothing, and a document saved before entries were checked still
// loads with its bad entries named and matching nothing.
#include <QTemporaryDir>
#include <QtTest>

#include "common/error.h"
#include "risk/rules.h"
#include "risk_fixture.h"

using namespace shoppilot;
using namespace shoppilot::risk;
using namespace shoppilot::test;

class TestRiskLists : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void customerIds_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("id"); // 0 = refused
        QTest::newRow("plain") << "12" << qint64(12);
        QTest::newRow("beyond int") << "9000000000" << qint64(9000000000);
        QTest::newRow("trailing letters") << "12abc" << qint64(0);
        QTest::newRow("leading space") << " 12" << qint64(0);
        QTest::newRow("trailing space") << "12 " << qint64(0);
        QTest::newRow("empty") << "" << qint64(0);
        QTest::newRow("negative") << "-3" << qint64(0);
        QTest::newRow("zero") << "0" << qint64(0);
        QTest::newRow("plus sign") << "+5" << qint64(0);
        QTest::newRow("decimal") << "12.0" << qint64(0);
        QTest::newRow("overflow") << "99999999999999999999" << qint64(0);
    }

    void customerIds()
    {
        QFETCH(QString, text);
        QFETCH(qint64, id);
        const auto parsed = parseCustomerId(text.toStdString());
        QCOMPARE(parsed.has_value(), id != 0);
        if (parsed)
            QCOMPARE(qint64(*parsed), id);
        const ListEntry e{"customer", text.toStdString(), ""};
        QCOMPARE(listEntryProblem(e).empty(), id != 0);
    }

    void messageNamesTheEntry()
    {
        RuleSet s = RuleSet::defaults();
        s.allow = {{"customer", "7", ""}};
        s.block = {{"ip", "10.0.0.9", ""}, {"customer", "12abc", "typo"}, {"device", "", ""}};
        const auto problems = s.problems();
        QCOMPARE(int(problems.size()), 2);
        QVERIFY2(QString::fromStdString(problems[0]).startsWith("block list, entry 2: ") &&
                     QString::fromStdString(problems[0]).contains("\"12abc\""),
                 problems[0].c_str());
        QVERIFY2(QString::fromStdString(problems[1]).startsWith("block list, entry 3: "), problems[1].c_str());
        try {
            s.validate();
            QFAIL("validate accepted customer 12abc");
        } catch (const Error& e) {
            QCOMPARE(int(e.code()), int(ErrorCode::InvalidArgument));
            QVERIFY2(QString(e.what()).contains("12abc") && QString(e.what()).contains("1 more problem"), e.what());
        }
        // The editor's text goes through fromJson: the same message, as a parse error.
        try {
            RuleSet::fromJson(s.toJson());
            QFAIL("fromJson accepted customer 12abc");
        } catch (const Error& e) {
            QCOMPARE(int(e.code()), int(ErrorCode::Parse));
            QVERIFY2(QString(e.what()).contains("block list, entry 2") && QString(e.what()).contains("12abc"), e.what());
        }
        RuleSet unknownKind;
        unknownKind.allow = {{"email", "a@b.c", ""}};
        QVERIFY2(QString::fromStdString(unknownKind.problems().at(0)).contains("allow list, entry 1: unknown kind"),
                 unknownKind.problems().at(0).c_str());
    }

    void refusedSetWritesNothing()
    {
        QTemporaryDir dir;
        auto db = makeStore(dir);
        RuleSet s = RuleSet::defaults();
        s.block = {{"customer", "12abc", ""}};
        QVERIFY_THROWS_EXCEPTION(Error, saveRuleSet(db, s, "shoppilot:alice"));
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM panel_documents WHERE panel = 'risk'").value_or(-1), 0);
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'risk.rules.save'").value_or(-1), 0);
        s.block = {{"customer", "12", ""}};
        saveRuleSet(db, s, "shoppilot:alice");
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM panel_documents WHERE panel = 'risk'").value_or(-1), 1);
    }

    void listedCustomersMatchExactly()
    {
        OrderHistory h;
        std::vector<float> f(FeatureCount, 0.0f);
        OrderFacts twelve, big;
        twelve.customer = 12;
        big.customer = 9000000000;
        RuleSet set;
        set.block = {{"customer", "9000000000", ""}};
        {
            RuleEngine e(set, h);
            QCOMPARE(e.evaluate(big, f.data(), 0, false).ruleId, std::string("blocklist"));
            QCOMPARE(e.evaluate(twelve, f.data(), 0, false).ruleId, std::string(""));
        }
        // A document saved before entries were checked: it loads, names the bad entry, and
        // "12abc" blocks nobody (it used to block customer 12).
        QTemporaryDir dir;
        auto db = makeStore(dir);
        RuleSet old;
        old.block = {{"customer", "12abc", ""}};
        store::Statement s(db, "INSERT INTO panel_documents(panel, kind, name, body_json, created_at, updated_at)"
                               " VALUES('risk','rules','default',?,1,1)");
        s.bind(1, old.toJson());
        s.step();
        const RuleSet loaded = loadRuleSet(db);
        QCOMPARE(int(loaded.problems().size()), 1);
        RuleEngine e(loaded, h);
        QCOMPARE(e.evaluate(twelve, f.data(), 0, false).ruleId, std::string(""));
    }
};

QTEST_GUILESS_MAIN(TestRiskLists)
#include "tst_risk_lists.moc"
