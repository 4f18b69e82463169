// The rule builder: parsing, nesting, every kind of field, bad rules (a clear message naming
// the bad part, nothing saved), saved segments, and masking on by default in exports.
#include <QTest>

#include <sstream>

#include "segments/rfm.h"
#include "segments/rules.h"
#include "segments/segment_store.h"
#include "segments_fixture.h"

using namespace shoppilot;
using namespace shoppilot::segments;
using namespace shoppilot::test;

namespace {

// Six customers: ids 1..6.
CustomerFeatures six()
{
    auto f = handFeatures({1, 2, 3, 4, 5, 6},
                          {{"recency_days", {5, 40, 200, 10, 90, 3}},
                           {"frequency", {8, 3, 1, 5, 2, 1}},
                           {"monetary", {400, 90, 20, 300, 150, 30}},
                           {"interval_days", {12, 30, kAbsent, 20, 60, kAbsent}}},
                          {"GB", "CN", "GB", "DE", "CN", "GB"});
    f.channel = {"web", "app", "web", "marketplace", "app", "web"};
    f.lastCategory = {"Beauty", "Home", "Beauty", "Toys", "Home", ""};
    f.categoryNames = {"Beauty", "Home", "Toys"};
    return f;
}

std::string errorOf(const std::string& rule, const RuleContext& ctx)
{
    try {
        compileRule(rule, ctx);
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

class TestSegmentsRules : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void leaves()
    {
        const auto f = six();
        const RuleContext ctx{&f};
        QCOMPARE(compileRule(R"({"field":"frequency","op":">=","value":3})", ctx).memberIds(), (std::vector<std::int64_t>{1, 2, 4}));
        QCOMPARE(compileRule(R"({"field":"country","op":"in","value":["CN","DE"]})", ctx).memberIds(),
                 (std::vector<std::int64_t>{2, 4, 5}));
        QCOMPARE(compileRule(R"({"field":"monetary","op":"between","value":[30,150]})", ctx).memberIds(),
                 (std::vector<std::int64_t>{2, 5, 6}));
        // Absent values never match a comparison, not even !=.
        QCOMPARE(compileRule(R"({"field":"interval_days","op":"!=","value":30})", ctx).memberIds(),
                 (std::vector<std::int64_t>{1, 4, 5}));
        QCOMPARE(compileRule(R"({"field":"interval_days","op":"absent"})", ctx).memberIds(), (std::vector<std::int64_t>{3, 6}));
        QCOMPARE(compileRule(R"({"field":"last_category","op":"=","value":"Beauty"})", ctx).count(), std::int64_t(2));
        // first_order of customer i is day(i-1) after 2024-01-01.
        QCOMPARE(compileRule(R"({"field":"first_order","op":">=","value":"2024-01-04"})", ctx).memberIds(),
                 (std::vector<std::int64_t>{4, 5, 6}));
    }

    void nesting()
    {
        const auto f = six();
        const RuleContext ctx{&f};
        // Frequent AND (in GB OR NOT cheap): 1 (GB), 4 (300 spent); not 2 (CN, 90).
        const auto r = compileRule(R"({"and":[{"field":"frequency","op":">=","value":3},
            {"or":[{"field":"country","op":"=","value":"GB"},{"not":{"field":"monetary","op":"<","value":100}}]}]})",
                                   ctx);
        QCOMPARE(r.memberIds(), (std::vector<std::int64_t>{1, 4}));
        const auto o = compileRule(R"({"or":[{"field":"channel","op":"=","value":"marketplace"},
            {"and":[{"field":"recency_days","op":"<","value":10},{"field":"frequency","op":"=","value":1}]}]})",
                                   ctx);
        QCOMPARE(o.memberIds(), (std::vector<std::int64_t>{4, 6}));
    }

    void rfmAndClusterFields()
    {
        const auto f = six();
        RfmTable rfm;
        rfm.r = {5, 4, 1, 5, 2, 5};
        rfm.f = {5, 3, 1, 4, 2, 1};
        rfm.m = {5, 2, 1, 5, 3, 1};
        for (std::size_t i = 0; i < 6; ++i)
            rfm.group.push_back(rfmGroup(rfm.r[i], rfm.f[i], rfm.m[i]));
        const std::vector<int> cluster = {0, 1, 2, 0, 1, 2};
        const RuleContext ctx{&f, &rfm, &cluster};
        QCOMPARE(compileRule(R"({"field":"rfm_group","op":"=","value":"champions"})", ctx).memberIds(),
                 (std::vector<std::int64_t>{1, 4}));
        QCOMPARE(compileRule(R"({"field":"cluster","op":"in","value":[1,2]})", ctx).memberIds(),
                 (std::vector<std::int64_t>{2, 3, 5, 6}));
        QCOMPARE(compileRule(R"({"field":"r_score","op":"<=","value":2})", ctx).memberIds(), (std::vector<std::int64_t>{3, 5}));
        // Without RFM or clusters in the context, a rule using them says so.
        const RuleContext bare{&f};
        QVERIFY(errorOf(R"({"field":"rfm_group","op":"=","value":"lost"})", bare).find("not available") != std::string::npos);
        QVERIFY(errorOf(R"({"field":"cluster","op":"=","value":1})", bare).find("no clustering") != std::string::npos);
    }

    void badRules_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("message");
        QTest::newRow("json") << R"({"and":[)" << "not valid JSON";
        QTest::newRow("unknown field") << R"({"and":[{"field":"frequency","op":">","value":1},{"or":[{"field":"recncy_days","op":"<","value":3}]}]})"
                                       << "rule.and[1].or[0](recncy_days): unknown field 'recncy_days'";
        QTest::newRow("bad op") << R"({"field":"frequency","op":"~","value":1})" << "rule(frequency): unknown operator '~'";
        QTest::newRow("text for number") << R"({"field":"frequency","op":">","value":"many"})" << "value must be a number";
        QTest::newRow("between reversed") << R"({"field":"monetary","op":"between","value":[9,1]})" << "low bound is above";
        QTest::newRow("empty and") << R"({"and":[]})" << "rule.and: needs a non-empty list";
        QTest::newRow("not an object") << R"([1,2])" << "rule: expected an object";
        QTest::newRow("missing op") << R"({"field":"country","value":"GB"})" << "rule(country): missing \"op\"";
        QTest::newRow("extra key") << R"({"field":"country","op":"=","value":"GB","x":1})" << "unexpected key 'x'";
        QTest::newRow("bad date") << R"({"field":"first_order","op":">","value":"2024-13-45"})" << "is not a date";
        QTest::newRow("unknown category") << R"({"field":"last_category","op":"=","value":"Beuty"})" << "unknown category 'Beuty'";
        QTest::newRow("device without events") << R"({"field":"device","op":"=","value":"app"})" << "records no sessions";
        QTest::newRow("and with extra key") << R"({"and":[{"field":"country","op":"=","value":"GB"}],"field":"x"})"
                                            << "an 'and' group has no other keys";
    }

    void badRules()
    {
        QFETCH(QString, rule);
        QFETCH(QString, message);
        const auto f = six();
        const auto err = errorOf(rule.toStdString(), RuleContext{&f});
        QVERIFY2(err.find(message.toStdString()) != std::string::npos, err.c_str());
    }

    void savedSegments()
    {
        QTemporaryDir dir;
        auto db = makeSegStore(dir);
        for (std::int64_t id = 1; id <= 6; ++id)
            addCustomer(db, id, "Customer " + std::to_string(id));
        const auto f = six();
        const RuleContext ctx{&f};
        // A bad rule or an empty name saves nothing.
        QVERIFY_THROWS_EXCEPTION(Error, saveSegment(db, "frequent", R"({"field":"nope","op":">","value":1})", ctx, day(1)));
        QVERIFY_THROWS_EXCEPTION(Error, saveSegment(db, "  ", R"({"field":"frequency","op":">","value":1})", ctx, day(1)));
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM segments").value_or(-1), std::int64_t(0));
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM segment_members").value_or(-1), std::int64_t(0));

        const auto id = saveSegment(db, "frequent", R"({"field":"frequency","op":">=","value":3})", ctx, day(1));
        QCOMPARE(segmentMemberIds(db, id), (std::vector<std::int64_t>{1, 2, 4}));
        const auto list = listSegments(db);
        QCOMPARE(list.size(), std::size_t(1));
        QCOMPARE(list[0].name, std::string("frequent"));
        QCOMPARE(list[0].members, std::int64_t(3));
        // The stored rule compiles back to the same members.
        QCOMPARE(compileRule(segmentRule(db, id), ctx).memberIds(), (std::vector<std::int64_t>{1, 2, 4}));
        // Saving again under the same name replaces the rule and the members.
        QCOMPARE(saveSegment(db, "frequent", R"({"field":"frequency","op":">=","value":5})", ctx, day(2)), id);
        QCOMPARE(segmentMemberIds(db, id), (std::vector<std::int64_t>{1, 4}));
        // A failed re-save leaves the saved segment as it was.
        QVERIFY_THROWS_EXCEPTION(Error, saveSegment(db, "frequent", R"({"or":[]})", ctx, day(3)));
        QCOMPARE(segmentMemberIds(db, id), (std::vector<std::int64_t>{1, 4}));
        deleteSegment(db, id);
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM segment_members").value_or(-1), std::int64_t(0));
    }

    void maskingOnByDefault()
    {
        QCOMPARE(maskName("Jane Smith"), std::string("J*** S***"));
        QCOMPARE(maskEmail("jane@example.com"), std::string("j***@example.com"));
        QCOMPARE(maskName("王小明"), std::string("王***"));
        QCOMPARE(maskName(""), std::string());

        QTemporaryDir dir;
        auto db = makeSegStore(dir);
        addCustomer(db, 1, "Jane Smith", "GB", "jane@example.com");
        addCustomer(db, 4, "Li Wei", "CN", "li.wei@example.cn");
        const auto f = six();
        std::ostringstream masked;
        QCOMPARE(exportMembersCsv(db, {1, 4}, f, nullptr, masked), std::int64_t(2));
        const auto m = masked.str();
        QVERIFY2(m.find("Jane") == std::string::npos && m.find("jane@") == std::string::npos, m.c_str());
        QVERIFY2(m.find("J*** S***") != std::string::npos && m.find("l***@example.cn") != std::string::npos, m.c_str());

        std::ostringstream shown;
        exportMembersCsv(db, {1, 4}, f, nullptr, shown, ExportOptions{true});
        QVERIFY(shown.str().find("Jane Smith") != std::string::npos);
        QVERIFY(shown.str().find("li.wei@example.cn") != std::string::npos);

        recordShowPersonalData(db, true, "tester", day(5));
        QCOMPARE(db.queryText("SELECT action FROM audit_log WHERE entity_id = 'show_personal_data'").value_or(""),
                 std::string("enable"));
    }
};

QTEST_GUILESS_MAIN(TestSegmentsRules)
#include "tst_segments_rules.moc"
