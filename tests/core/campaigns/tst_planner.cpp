// The campaign planner on a tiny demo store: the store side (campaign list with arm sizes, offer
// discounts, plans and audiences written or refused whole), features that never look past the
// campaign's start, the leave-one-campaign-out intervals (wider with less history), the backtest
// against the control groups and the planted truth, extrapolation flags, bad input; and the
// normal / t quantiles behind every interval.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "campaigns/campaign_data.h"
#include "campaigns/campaign_store.h"
#include "campaigns/campaigns_eval.h"
#include "campaigns/planner.h"
#include "common/error.h"
#include "common/stats.h"
#include "demo/demo_generator.h"
#include "store/database.h"

using namespace shoppilot;
using namespace shoppilot::campaigns;

class TestPlanner : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_path;
    std::unique_ptr<store::ThreadCheckExemption> m_exempt;
    const Timestamp m_now = makeTimestamp(2026, 11, 1);

    struct Fixture {
        OrderHistory history;
        CampaignRows rows;
    };
    Fixture load()
    {
        auto db = store::Database::open(m_path, {store::OpenMode::ReadOnly});
        Fixture f;
        f.history = loadOrderHistory(db);
        f.rows = buildRows(f.history, db, learnableCampaigns(listCampaigns(db), m_now));
        return f;
    }
    static std::vector<int> range(int a, int b)
    {
        std::vector<int> v;
        for (int i = a; i < b; ++i)
            v.push_back(i);
        return v;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_exempt = std::make_unique<store::ThreadCheckExemption>();
        m_path = m_dir.filePath("tiny.db").toStdString();
        auto db = store::Database::open(m_path, {store::OpenMode::CreateIfMissing});
        demo::DemoOptions o;
        o.size = demo::DemoSize::Tiny;
        o.seed = 21;
        demo::generateDemoStore(db, o, {});
    }

    void quantilesMatchTables()
    {
        // Published values (e.g. NIST/SEMATECH handbook tables).
        QVERIFY(std::abs(stats::normalQuantile(0.975) - 1.959964) < 1e-6);
        QVERIFY(std::abs(stats::normalQuantile(0.05) + 1.644854) < 1e-6);
        QVERIFY(std::abs(stats::studentTQuantile(0.975, 1) - 12.706205) < 1e-5);
        QVERIFY(std::abs(stats::studentTQuantile(0.975, 2) - 4.302653) < 1e-5);
        QVERIFY(std::abs(stats::studentTQuantile(0.975, 3) - 3.182446) < 1e-5);
        QVERIFY(std::abs(stats::studentTCdf(2.228139, 10) - 0.975) < 1e-6);
        QVERIFY(std::abs(stats::incompleteBeta(2, 3, 0.4) - 0.5248) < 1e-12); // 1 - sum_{j<2} C(4,j) 0.4^j 0.6^(4-j)
        QVERIFY(std::abs(stats::studentTQuantile(0.95, 10) - 1.812461) < 1e-4);
        QVERIFY(std::abs(stats::studentTQuantile(0.975, 30) - 2.042272) < 1e-4);
        QVERIFY(std::abs(stats::studentTQuantile(0.025, 30) + 2.042272) < 1e-4);
        QVERIFY_THROWS_EXCEPTION(Error, stats::normalQuantile(1.0));
    }

    void offersAndCampaignList()
    {
        QCOMPARE(discountFromOffer("15% off with SPRING15"), 15.0);
        QCOMPARE(discountFromOffer("Take 12.5% off"), 12.5);
        QCOMPARE(discountFromOffer("£10 off your next order"), 0.0);
        QCOMPARE(discountFromOffer("100% fun"), 0.0);
        QCOMPARE(discountFromOffer("%"), 0.0);
        auto db = store::Database::open(m_path, {store::OpenMode::ReadOnly});
        const auto list = listCampaigns(db);
        QCOMPARE(qint64(list.size()), db.queryInt("SELECT COUNT(*) FROM campaigns").value());
        for (const auto& c : list) {
            const auto t = db.queryInt("SELECT COUNT(*) FROM campaign_exposures WHERE arm='treatment' AND campaign_id=" +
                                       std::to_string(c.id));
            QCOMPARE(c.treated, t.value());
            QVERIFY(c.startAt < c.endAt);
        }
    }

    void rowsMatchTheExposuresAndIgnoreLaterOrders()
    {
        const Fixture f = load();
        auto db = store::Database::open(m_path, {store::OpenMode::ReadOnly});
        QCOMPARE(qint64(f.rows.conversion.rows()),
                 db.queryInt("SELECT COUNT(*) FROM campaign_exposures e JOIN campaigns c ON c.id = e.campaign_id "
                             "WHERE c.status = 'finished'").value());
        QCOMPARE(f.rows.conversion.x.size(), f.rows.conversion.rows() * std::size_t(kFeatureCount));
        // Outcome of one row by hand: did the customer order in the window?
        const std::size_t i = f.rows.conversion.rows() / 2;
        const auto& c = f.rows.campaigns[std::size_t(f.rows.campaignOf[i])];
        const auto n = db.queryInt("SELECT COUNT(*) FROM orders WHERE status NOT IN ('cancelled','failed') AND customer_id=" +
                                   std::to_string(f.rows.customerIds[i]) + " AND created_at >= " + std::to_string(c.startAt) +
                                   " AND created_at < " + std::to_string(c.endAt));
        QCOMPARE(f.rows.conversion.y[i], n.value() > 0 ? 1.0 : 0.0);
        // Features as of a date do not change when later orders are added.
        OrderHistory h = f.history;
        const int ci = h.index(f.rows.customerIds[i]);
        QVERIFY(ci >= 0);
        double before[kCustomerFeatures], after[kCustomerFeatures];
        customerFeatures(h, ci, c.startAt, before);
        h.orders[std::size_t(ci)].emplace_back(c.startAt + 3600, 999.0);
        std::sort(h.orders[std::size_t(ci)].begin(), h.orders[std::size_t(ci)].end());
        customerFeatures(h, ci, c.startAt, after);
        for (int k = 0; k < kCustomerFeatures; ++k)
            QCOMPARE(after[k], before[k]);
        customerFeatures(h, ci, c.startAt + 7200, after);
        QVERIFY(after[0] < before[0] || before[0] == 0.0); // the new order is now the last one
    }

    void intervalsWidenWithLessHistory()
    {
        const Fixture f = load();
        const int k = int(f.rows.campaigns.size());
        QVERIFY2(k >= 7, "the tiny demo store plants 8 campaigns");
        PlannerOptions opt;
        opt.learner = Learner::TLearner;
        const int target = k - 1;
        std::vector<std::int64_t> audience;
        for (const std::size_t i : f.rows.rowsOf(target))
            audience.push_back(f.rows.customerIds[i]);
        const auto& c = f.rows.campaigns[std::size_t(target)];
        PlanInput plan;
        plan.name = "test";
        plan.channel = c.channel;
        plan.discountPct = c.discountPct;
        plan.startAt = c.startAt;
        plan.endAt = c.endAt;
        plan.budgetMinor = c.budgetMinor;
        auto width = [&](int first) {
            const Planner p = Planner::fit(selectCampaigns(f.rows, range(first, target)), opt);
            const auto fc = p.forecast(f.history, audience, plan, c.startAt);
            const auto& b = fc.incrementalConversions;
            return b.high(0.9) - b.low(0.9);
        };
        const double few = width(target - 3), many = width(0);
        QVERIFY2(few > many, qPrintable(QString("3 past campaigns: %1, %2: %3").arg(few).arg(target).arg(many)));
        // Fewer than the minimum: a clear refusal, not a forecast.
        try {
            Planner::fit(selectCampaigns(f.rows, range(0, 2)), opt);
            QFAIL("fitted on two campaigns");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("control group") != std::string::npos);
        }
    }

    void forecastIsConsistentAndFlagsExtrapolation()
    {
        const Fixture f = load();
        PlannerOptions opt;
        opt.learner = Learner::XLearner;
        const Planner p = Planner::fit(f.rows, opt);
        std::vector<std::int64_t> audience(f.history.customerIds.begin(), f.history.customerIds.end());
        PlanInput plan;
        plan.name = "plan";
        plan.channel = "email";
        plan.discountPct = 0;
        plan.startAt = m_now + 7 * 86400;
        plan.endAt = plan.startAt + 10 * 86400;
        plan.budgetMinor = 50000;
        plan.controlShare = 0.2;
        const auto fc = p.forecast(f.history, audience, plan, m_now);
        QCOMPARE(fc.audience, qint64(audience.size()));
        QCOMPARE(fc.reach + fc.control, fc.audience);
        QVERIFY(std::abs(double(fc.control) - 0.2 * double(fc.audience)) <= 1.0);
        QCOMPARE(int(fc.days.size()), 10);
        for (std::size_t d = 0; d < fc.days.size(); ++d) {
            QVERIFY(fc.baselineLo95[d] <= fc.baselineLo80[d] && fc.baselineLo80[d] <= fc.baseline[d]);
            QVERIFY(fc.baseline[d] <= fc.baselineHi80[d] && fc.baselineHi80[d] <= fc.baselineHi95[d]);
        }
        const auto& ic = fc.incrementalConversions;
        QVERIFY(ic.low(0.95) <= ic.low(0.8) && ic.low(0.8) <= ic.mean && ic.mean <= ic.high(0.8) && ic.high(0.8) <= ic.high(0.95));
        // Sales: the pooled relative sales effect on the reached customers' share of the baseline.
        const double sales = p.salesEffect().mean * fc.baselineSales.mean * double(fc.reach) / double(fc.audience);
        QVERIFY(std::abs(fc.incrementalSales.mean - sales) < 1e-6 * (1 + std::abs(sales)));
        QVERIFY(fc.conversions.low(0.95) >= 0);
        QVERIFY(fc.hasRoi);
        QVERIFY(std::abs(fc.roi.mean - (fc.incrementalSales.mean - 500.0) / 500.0) < 1e-9);
        // The with-campaign line adds the incremental sales over the window.
        double extra = 0;
        for (std::size_t d = 0; d < fc.days.size(); ++d)
            extra += fc.withCampaign[d] - fc.baseline[d];
        QVERIFY(std::abs(extra - fc.incrementalSales.mean) < 1e-6 * (1 + std::abs(extra)));
        auto hasFlag = [](const PlanForecast& x, const char* code) {
            return std::any_of(x.flags.begin(), x.flags.end(), [&](const Flag& fl) { return fl.code == code; });
        };
        QVERIFY(!hasFlag(fc, "new_channel"));
        // A channel never used and a discount never offered are flagged, not silently predicted.
        PlanInput odd = plan;
        odd.channel = "ads";
        odd.discountPct = 60;
        const auto fo = p.forecast(f.history, audience, odd, m_now);
        QVERIFY(hasFlag(fo, "new_channel"));
        QVERIFY(hasFlag(fo, "discount_outside"));
        // Bad input.
        QVERIFY_THROWS_EXCEPTION(Error, p.forecast(f.history, {}, plan, m_now));
        PlanInput far = plan; // a year and more past the store's data: refused, not extrapolated
        far.startAt = f.history.lastOrderAt + 400 * 86400;
        far.endAt = far.startAt + 7 * 86400;
        QVERIFY_THROWS_EXCEPTION(Error, p.forecast(f.history, audience, far, far.startAt));
        PlanInput backwards = plan;
        backwards.endAt = backwards.startAt - 86400;
        QVERIFY_THROWS_EXCEPTION(Error, p.forecast(f.history, audience, backwards, m_now));
        // The saved document carries both interval levels.
        const auto j = fc.toJson();
        QVERIFY(j.find("\"incremental_sales\"") != std::string::npos && j.find("\"lo95\"") != std::string::npos);
    }

    void backtestAgainstControlGroupsAndTruth()
    {
        auto db = store::Database::open(m_path, {store::OpenMode::ReadOnly});
        const auto ev = evaluateStore(db, m_now);
        QVERIFY(ev.rows.size() >= 3);
        for (const auto& r : ev.rows) {
            const auto& b = r.forecast.incrementalConversions;
            qInfo("%s: forecast %.1f [%.1f, %.1f] truth %.1f measured %.1f [%.1f, %.1f] (%lld treated)", r.campaign.name.c_str(),
                  b.mean, b.low(0.9), b.high(0.9), r.truthIncrementalConversions, r.actual.incrementalConversions,
                  r.actual.incConvLow, r.actual.incConvHigh, static_cast<long long>(r.campaign.treated));
            QVERIFY(r.forecast.pastCampaigns >= kMinPastCampaigns);
            // Only campaigns that ended before this one started were used.
            QVERIFY(r.forecast.asOf == r.campaign.startAt);
            // The measured effect is the control-group difference scaled to the treated.
            QVERIFY(std::abs(r.actual.incrementalConversions -
                             r.actual.conversionLift.estimate * double(r.actual.conversionLift.nTreated)) < 1e-6);
            QVERIFY(r.actual.incConvLow <= r.actual.incrementalConversions && r.actual.incrementalConversions <= r.actual.incConvHigh);
        }
        // Intervals are meant to cover: most held-back campaigns' planted effect lies inside the
        // 90% interval (an over-confident planner fails this), and the forecasts are not vacuous:
        // the interval aims at what the control group will measure, so it is wider than the
        // measurement's own 95% interval, but not by more than 3x (the between-campaign part) once
        // five campaigns are behind it (with three, t has one degree of freedom: honestly wide).
        QVERIFY2(ev.truthCoverage90 >= 0.6, qPrintable(QString::number(ev.truthCoverage90)));
        int judged = 0;
        for (const auto& r : ev.rows) {
            if (r.forecast.pastCampaigns < 5)
                continue;
            ++judged;
            const auto& ic = r.forecast.incrementalConversions;
            const double measuredWidth = r.actual.incConvHigh - r.actual.incConvLow;
            QVERIFY2(ic.high(0.9) - ic.low(0.9) < 3.0 * measuredWidth,
                     qPrintable(QString("%1 vs %2").arg(ic.high(0.9) - ic.low(0.9)).arg(measuredWidth)));
        }
        QVERIFY(judged >= 1);
        // The uplift learners rank customers better than chance against the planted lift.
        QVERIFY(ev.spearman.at("t_learner") > 0.0 || ev.spearman.at("x_learner") > 0.0);
        QVERIFY(!ev.chosen.empty());
    }

    void plansAndAudiencesAreWrittenWholeOrNotAtAll()
    {
        const QString copy = m_dir.filePath("write.db");
        QVERIFY(QFile::copy(QString::fromStdString(m_path), copy));
        auto db = store::Database::open(copy.toStdString(), {store::OpenMode::ReadWrite});
        const auto before = db.queryInt("SELECT COUNT(*) FROM campaigns").value();
        PlanInput plan;
        plan.name = "Spring plan";
        plan.channel = "coupon";
        plan.discountPct = 12;
        plan.startAt = m_now + 86400;
        plan.endAt = m_now + 10 * 86400;
        plan.budgetMinor = 12345;
        const auto id = savePlan(db, plan, "{\"x\":1}", m_now);
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM campaigns").value(), before + 1);
        const auto list = listCampaigns(db);
        const auto it = std::find_if(list.begin(), list.end(), [&](const CampaignInfo& c) { return c.id == id; });
        QVERIFY(it != list.end());
        QCOMPARE(it->phase(m_now), std::string("planned"));
        QCOMPARE(it->discountPct, 12.0);
        QCOMPARE(forecastDocument(db, id).value(), std::string("{\"x\":1}"));
        // Refused: no name, end before start, a control share that measures nothing, bad JSON.
        PlanInput bad = plan;
        bad.name = "  ";
        QVERIFY_THROWS_EXCEPTION(Error, savePlan(db, bad, "{}", m_now));
        bad = plan;
        bad.endAt = bad.startAt;
        QVERIFY_THROWS_EXCEPTION(Error, savePlan(db, bad, "{}", m_now));
        bad = plan;
        bad.controlShare = 0.0;
        QVERIFY_THROWS_EXCEPTION(Error, savePlan(db, bad, "{}", m_now));
        QVERIFY_THROWS_EXCEPTION(Error, savePlan(db, plan, "{not json", m_now));
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM campaigns").value(), before + 1);
        // A finished campaign cannot be re-planned.
        QVERIFY_THROWS_EXCEPTION(Error, savePlan(db, plan, "{}", m_now, std::int64_t(1)));

        const auto seg = saveAudience(db, "Top uplift", {1, 2, 3}, "{\"from\":\"test\"}", m_now);
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM segment_members WHERE segment_id=" + std::to_string(seg)).value(), qint64(3));
        QCOMPARE(audienceIds(db, seg, m_now), (std::vector<std::int64_t>{1, 2, 3}));
        QVERIFY_THROWS_EXCEPTION(Error, saveAudience(db, "", {1}, "", m_now));
        QVERIFY_THROWS_EXCEPTION(Error, saveAudience(db, "Empty", {}, "", m_now));
        const auto choices = listAudiences(db);
        QVERIFY(std::any_of(choices.begin(), choices.end(), [&](const SegmentChoice& s) { return s.id == seg && s.members == 3; }));
    }

    void campaignWithoutControlGroupIsRefused()
    {
        const QString copy = m_dir.filePath("nocontrol.db");
        QVERIFY(QFile::copy(QString::fromStdString(m_path), copy));
        auto db = store::Database::open(copy.toStdString(), {store::OpenMode::ReadWrite});
        db.exec("UPDATE campaign_exposures SET arm = 'treatment' WHERE campaign_id = 1");
        const auto all = listCampaigns(db);
        QVERIFY(!all.front().hasControlGroup());
        // It is left out of what the planner learns from ...
        const auto learnable = learnableCampaigns(all, m_now);
        QVERIFY(std::none_of(learnable.begin(), learnable.end(), [](const CampaignInfo& c) { return c.id == 1; }));
        // ... and asking for its rows is a clear error.
        const auto h = loadOrderHistory(db);
        try {
            buildRows(h, db, {all.front()});
            QFAIL("built rows for a campaign without a control group");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("no control group") != std::string::npos);
        }
    }

    void spearmanByHand()
    {
        QCOMPARE(spearman({1, 2, 3, 4}, {10, 20, 30, 40}), 1.0);
        QCOMPARE(spearman({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
        QCOMPARE(spearman({1, 1, 1, 1}, {1, 2, 3, 4}), 0.0);
        // ties get average ranks: x ranks (1.5, 1.5, 3), y ranks (1, 2, 3) -> r = 0.866
        QVERIFY(std::abs(spearman({5, 5, 9}, {1, 2, 3}) - std::sqrt(3.0) / 2.0) < 1e-12);
    }
};

QTEST_GUILESS_MAIN(TestPlanner)
#include "tst_planner.moc"
