// Rule evaluation order (block list, allow list, rules top to bottom, then the model), condition
// operators, JSON round trip and validation, backtest counts, and saving through panel_documents.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "common/error.h"
#include "risk/rules.h"
#include "risk_fixture.h"

using namespace shoppilot;
using namespace shoppilot::risk;
using namespace shoppilot::test;

class TestRiskRules : public QObject {
    Q_OBJECT

    static std::vector<float> features()
    {
        std::vector<float> f(FeatureCount, 0.0f);
        f[FDevice1h] = 5;
        f[FAccountAgeDays] = 0.5f;
        return f;
    }

private Q_SLOTS:
    void firstMatchingRuleDecides()
    {
        OrderHistory h;
        OrderFacts o;
        o.customer = 7;
        RuleSet set;
        set.rules = {{"r-review", "review", true, {{"device_1h", ">=", 3}}, RuleAction::Review},
                     {"r-block", "block", true, {{"account_age_days", "<", 1}}, RuleAction::Block}};
        const auto f = features();
        {
            RuleEngine e(set, h);
            const auto out = e.evaluate(o, f.data(), 10, false);
            QCOMPARE(out.ruleId, std::string("r-review"));
            QCOMPARE(int(out.action), int(RuleAction::Review));
        }
        std::swap(set.rules[0], set.rules[1]);
        {
            RuleEngine e(set, h);
            QCOMPARE(e.evaluate(o, f.data(), 10, false).ruleId, std::string("r-block"));
        }
        set.rules[0].enabled = false; // a disabled rule is skipped
        {
            RuleEngine e(set, h);
            QCOMPARE(e.evaluate(o, f.data(), 10, false).ruleId, std::string("r-review"));
        }
    }

    void listsComeBeforeRules()
    {
        OrderHistory h;
        OrderFacts o;
        o.customer = 7;
        o.device = h.intern("d:", "bad-device");
        RuleSet set;
        set.rules = {{"r", "allow all", true, {{"device_1h", ">=", 0}}, RuleAction::Allow}};
        set.allow = {{"customer", "7", ""}};
        const auto f = features();
        {
            RuleEngine e(set, h);
            QCOMPARE(e.evaluate(o, f.data(), 99, true).ruleId, std::string("allowlist"));
        }
        set.block = {{"device", "bad-device", "chargebacks"}};
        {
            RuleEngine e(set, h);
            const auto out = e.evaluate(o, f.data(), 0, false);
            QCOMPARE(out.ruleId, std::string("blocklist"));
            QCOMPARE(int(out.action), int(RuleAction::Block));
        }
    }

    void modelDecidesWhenNoRuleMatches()
    {
        OrderHistory h;
        OrderFacts o;
        RuleSet set;
        set.rules = {{"r", "never", true, {{"device_1h", ">", 100}}, RuleAction::Block}};
        RuleEngine e(set, h);
        const auto f = features();
        QCOMPARE(int(e.evaluate(o, f.data(), 90, true).action), int(RuleAction::Review));
        QCOMPARE(e.evaluate(o, f.data(), 90, true).ruleId, std::string());
        QCOMPARE(int(e.evaluate(o, f.data(), 90, true, false).action), int(RuleAction::Allow)); // rules alone
        QCOMPARE(int(e.evaluate(o, f.data(), 5, false).action), int(RuleAction::Allow));
    }

    void operatorsAndScore()
    {
        const auto f = features();
        auto m = [&](const std::string& field, const std::string& op, double v, float score = 50) {
            return RuleEngine::matches({"x", "x", true, {{field, op, v}}, RuleAction::Review}, f.data(), score);
        };
        QVERIFY(m("device_1h", ">", 4));
        QVERIFY(!m("device_1h", ">", 5));
        QVERIFY(m("device_1h", ">=", 5));
        QVERIFY(m("device_1h", "<=", 5));
        QVERIFY(!m("device_1h", "<", 5));
        QVERIFY(m("device_1h", "==", 5));
        QVERIFY(m("device_1h", "!=", 4));
        QVERIFY(m("score", ">=", 50));
        QVERIFY(!m("score", ">", 50));
        // A missing value (NaN) fails every comparison but !=.
        auto g = f;
        g[FAmountVsHistory] = NAN;
        QVERIFY(!RuleEngine::matches({"x", "x", true, {{"amount_vs_history", ">", 0}}, RuleAction::Review}, g.data(), 0));
    }

    void jsonRoundTripAndValidation()
    {
        const RuleSet d = RuleSet::defaults();
        QVERIFY(!d.rules.empty());
        d.validate();
        const RuleSet back = RuleSet::fromJson(d.toJson());
        QCOMPARE(back.toJson(), d.toJson());
        QVERIFY_THROWS_EXCEPTION(Error, RuleSet::fromJson("{ not json"));
        QVERIFY_THROWS_EXCEPTION(Error, RuleSet::fromJson(R"({"rules":[{"id":"a","action":"review","conditions":[{"field":"nope","op":">","value":1}]}]})"));
        QVERIFY_THROWS_EXCEPTION(Error, RuleSet::fromJson(R"({"rules":[{"id":"a","action":"review","conditions":[{"field":"device_1h","op":"~","value":1}]}]})"));
        QVERIFY_THROWS_EXCEPTION(Error, RuleSet::fromJson(R"({"rules":[{"id":"a","action":"explode","conditions":[{"field":"device_1h","op":">","value":1}]}]})"));
    }

    void backtestCounts()
    {
        OrderHistory h;
        Matrix x;
        x.rows = 6;
        x.cols = FeatureCount;
        x.x.assign(std::size_t(6 * FeatureCount), 0.0f);
        const float dev[6] = {0, 3, 4, 1, 5, 3};
        const int labels[6] = {0, 1, 0, -1, 1, 1};
        for (int i = 0; i < 6; ++i) {
            x.row(i)[FDevice1h] = dev[i];
            OrderFacts o;
            o.id = i + 1;
            o.ts = 1000 + i * 86400;
            o.amountMinor = 100 * (i + 1);
            h.orders.push_back(o);
        }
        const Rule r{"r", "device burst", true, {{"device_1h", ">=", 3}}, RuleAction::Review};
        const auto b = backtestRule(r, h, x, {}, std::vector<int>(labels, labels + 6));
        QCOMPARE(b.orders, std::int64_t(6));
        QCOMPARE(b.hits, std::int64_t(4));      // rows 1, 2, 4, 5
        QCOMPARE(b.hitsFraud, std::int64_t(3)); // rows 1, 4, 5
        QCOMPARE(b.fraud, std::int64_t(3));
        QCOMPARE(b.hitValueMinor, std::int64_t(200 + 300 + 500 + 600));
        QCOMPARE(b.days, 5.0);
        const auto late = backtestRule(r, h, x, {}, std::vector<int>(labels, labels + 6), 3);
        QCOMPARE(late.orders, std::int64_t(3));
        QCOMPARE(late.hits, std::int64_t(2));
    }

    void savedThroughPanelDocuments()
    {
        QTemporaryDir dir;
        auto db = makeStore(dir);
        QCOMPARE(loadRuleSet(db).toJson(), RuleSet::defaults().toJson()); // nothing saved yet
        RuleSet s = RuleSet::defaults();
        s.rules.resize(1);
        s.block = {{"ip", "10.6.6.6", "known proxy"}};
        saveRuleSet(db, s, "alice");
        QCOMPARE(loadRuleSet(db).toJson(), s.toJson());
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'risk.rules.save' AND actor = 'alice'").value_or(0), 1);
        RuleSet bad = s;
        bad.rules[0].conditions[0].field = "unknown";
        QVERIFY_THROWS_EXCEPTION(Error, saveRuleSet(db, bad, "alice"));
        QCOMPARE(loadRuleSet(db).toJson(), s.toJson()); // the bad set did not replace the good one
    }
};

QTEST_GUILESS_MAIN(TestRiskRules)
#include "tst_risk_rules.moc"
