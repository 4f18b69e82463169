// Customer features from a hand-made store, hand-checked RFM scores and named groups, cut-off
// edits that re-bucket, and the movement matrix on a constructed two-period case.
#include <QTest>

#include "segments/features.h"
#include "segments/rfm.h"
#include "segments_fixture.h"

using namespace shoppilot;
using namespace shoppilot::segments;
using namespace shoppilot::test;

class TestSegmentsRfm : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void featuresFromStore()
    {
        QTemporaryDir dir;
        auto db = makeSegStore(dir);
        addCustomer(db, 1, "Ann Lee", "GB");
        addCustomer(db, 2, "Bo Chen", "CN");
        addOrder(db, 1, day(0), 1000);
        const auto refunded = addOrder(db, 1, day(10), 2000, "completed", "SAVE10");
        addOrder(db, 1, day(20), 3000);
        addOrder(db, 1, day(25), 9900, "cancelled"); // not a purchase
        addOrder(db, 1, day(40), 5000);              // after the cut-off
        addOrder(db, 2, day(5), 700, "completed", "", "app");
        store::Statement r(db, "INSERT INTO refunds(order_id, created_at, amount_minor, kind) VALUES(?, ?, 100, 'return')");
        r.bind(1, refunded).bind(2, day(12));
        r.step();

        const auto f = loadFeatures(db, day(30));
        QCOMPARE(f.size(), std::size_t(2));
        QCOMPARE(f.customerId[0], std::int64_t(1));
        QCOMPARE(f.col("frequency")[0], 3.0);
        QCOMPARE(f.col("monetary")[0], 60.0);
        QCOMPARE(f.col("recency_days")[0], 10.0);
        QCOMPARE(f.col("tenure_days")[0], 30.0);
        QCOMPARE(f.col("interval_days")[0], 10.0);
        QCOMPARE(f.col("return_rate")[0], 1.0 / 3.0);
        QCOMPARE(f.col("discount_share")[0], 1.0 / 3.0);
        QVERIFY(isAbsent(f.col("interval_days")[1])); // one order: no gap to measure
        QCOMPARE(f.country[1], std::string("CN"));
        QCOMPARE(f.channel[1], std::string("app"));
        // No events in this store: session features are absent, not zero.
        QVERIFY(!f.hasEvents);
        QCOMPARE(f.column("sessions_per_month"), -1);
    }

    void groupGrid()
    {
        QCOMPARE(rfmGroup(5, 5, 5), RfmGroup::Champions);
        QCOMPARE(rfmGroup(5, 4, 5), RfmGroup::Champions);
        QCOMPARE(rfmGroup(4, 5, 4), RfmGroup::Loyal);
        QCOMPARE(rfmGroup(3, 5, 5), RfmGroup::Loyal);
        QCOMPARE(rfmGroup(5, 1, 1), RfmGroup::New);
        QCOMPARE(rfmGroup(4, 1, 1), RfmGroup::Promising);
        QCOMPARE(rfmGroup(4, 2, 3), RfmGroup::PotentialLoyalists);
        QCOMPARE(rfmGroup(3, 3, 3), RfmGroup::NeedAttention);
        QCOMPARE(rfmGroup(2, 3, 4), RfmGroup::AtRisk);
        QCOMPARE(rfmGroup(1, 5, 5), RfmGroup::CantLose);
        QCOMPARE(rfmGroup(2, 1, 2), RfmGroup::Hibernating);
        QCOMPARE(rfmGroup(1, 1, 1), RfmGroup::Lost);
        QVERIFY_THROWS_EXCEPTION(Error, rfmGroup(0, 1, 1));
        RfmGroup g{};
        QVERIFY(parseRfmGroup("cant_lose", g));
        QCOMPARE(g, RfmGroup::CantLose);
        QVERIFY(!parseRfmGroup("vip", g));
    }

    void quintileScores()
    {
        // Ten customers: recency i days, i orders, 10*i spent (i = 1..10).
        std::vector<double> rec, freq, mon;
        std::vector<std::int64_t> ids;
        for (int i = 1; i <= 10; ++i) {
            ids.push_back(i);
            rec.push_back(i);
            freq.push_back(i);
            mon.push_back(10.0 * i);
        }
        const auto f = handFeatures(ids, {{"recency_days", rec}, {"frequency", freq}, {"monetary", mon}});
        const auto c = quintileCutoffs(f);
        // Type-7 quantiles of 1..10 at 20/40/60/80%: 2.8 4.6 6.4 8.2.
        QCOMPARE(c.recency[0], 2.8);
        QCOMPARE(c.recency[3], 8.2);
        QCOMPARE(c.monetary[1], 46.0);
        const auto t = scoreRfm(f, c);
        const int wantR[10] = {5, 5, 4, 4, 3, 3, 2, 2, 1, 1};
        const int wantF[10] = {1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
        const RfmGroup wantG[10] = {RfmGroup::New,           RfmGroup::New,           RfmGroup::PotentialLoyalists,
                                    RfmGroup::PotentialLoyalists, RfmGroup::NeedAttention, RfmGroup::NeedAttention,
                                    RfmGroup::AtRisk,        RfmGroup::AtRisk,        RfmGroup::CantLose,
                                    RfmGroup::CantLose};
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(int(t.r[i]), wantR[i]);
            QCOMPARE(int(t.f[i]), wantF[i]);
            QCOMPARE(int(t.m[i]), wantF[i]);
            QCOMPARE(t.group[i], wantG[i]);
        }
        QCOMPARE(t.counts()[int(RfmGroup::New)], std::int64_t(2));

        // Edited cut-offs re-bucket the same table: every customer now recent and frequent.
        RfmCutoffs edited = c;
        edited.recency = {20, 30, 40, 50};
        edited.frequency = {0, 0, 0, 0};
        edited.monetary = {0, 0, 0, 0};
        RfmTable again = t;
        scoreRfm(f, edited, again);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(again.group[i], RfmGroup::Champions);

        RfmCutoffs bad = c;
        bad.frequency = {3, 2, 4, 5};
        QVERIFY_THROWS_EXCEPTION(Error, scoreRfm(f, bad));
    }

    void movementTwoPeriods()
    {
        QTemporaryDir dir;
        auto db = makeSegStore(dir);
        addCustomer(db, 1, "A");
        addCustomer(db, 2, "B");
        addCustomer(db, 3, "C");
        for (double d : {50, 60, 70, 80, 90, 95})
            addOrder(db, 1, day(d), 3000); // 6 orders x 30 = 180
        addOrder(db, 2, day(150), 3000);   // arrives between the two dates
        addOrder(db, 3, day(98), 500);     // one small order just before the first date

        RfmCutoffs cut;
        cut.recency = {7, 30, 60, 90};
        cut.frequency = {1, 2, 3, 6};
        cut.monetary = {10, 50, 100, 200};
        const auto f1 = loadFeatures(db, day(100));
        const auto f2 = loadFeatures(db, day(170));
        const auto r1 = scoreRfm(f1, cut), r2 = scoreRfm(f2, cut);
        // A: R5, F4 (6 orders), M4 (180) -> FM 4 -> champion; 75 days later R2 -> at risk.
        QCOMPARE(r1.group[0], RfmGroup::Champions);
        QCOMPARE(r2.group[0], RfmGroup::AtRisk);
        const auto mv = rfmMovement(f1, r1, f2, r2);
        QCOMPARE(mv.count(RfmGroup::Champions, RfmGroup::AtRisk), std::int64_t(1));
        QCOMPARE(mv.members(RfmGroup::Champions, RfmGroup::AtRisk), std::vector<std::int64_t>{1});
        // C: new (R5, F1, M1) -> hibernating (R2).
        QCOMPARE(mv.members(RfmGroup::New, RfmGroup::Hibernating), std::vector<std::int64_t>{3});
        // B: first order after the first date, potential loyalist at the second (R4, F1, M2).
        QCOMPARE(mv.arrived[int(RfmGroup::PotentialLoyalists)], std::vector<std::int64_t>{2});
        std::int64_t total = 0;
        for (int a = 0; a < kRfmGroupCount; ++a)
            for (int b = 0; b < kRfmGroupCount; ++b)
                total += mv.count(RfmGroup(a), RfmGroup(b));
        QCOMPARE(total, std::int64_t(2));
    }
};

QTEST_GUILESS_MAIN(TestSegmentsRfm)
#include "tst_segments_rfm.moc"
