// Clustering and its descriptions: the adjusted Rand index on known partitions, k-means and the
// silhouette choice of k on separable data, the PCA map, cluster profiles in words, and the
// fairness report's shares and flags.
#include <QTest>

#include <random>

#include "segments/cluster_profile.h"
#include "segments/fairness.h"
#include "segments/kmeans.h"
#include "segments_fixture.h"

using namespace shoppilot;
using namespace shoppilot::segments;
using namespace shoppilot::test;

namespace {

// Three well separated blobs of `per` customers: recency ~ 10/100/200 days, tenure ~ 50/300/600.
CustomerFeatures blobs(int per, std::vector<int>& truth)
{
    std::mt19937_64 rng(7);
    std::normal_distribution<double> noise(0, 3);
    const double rec[3] = {10, 100, 200}, ten[3] = {50, 300, 600};
    std::vector<std::int64_t> ids;
    std::vector<double> r, t, fr, mo;
    for (int i = 0; i < 3 * per; ++i) {
        const int c = i % 3;
        ids.push_back(i + 1);
        r.push_back(rec[c] + noise(rng));
        t.push_back(ten[c] + noise(rng));
        fr.push_back(1 + c);
        mo.push_back(c == 0 ? 500 : 50);
        truth.push_back(c);
    }
    return handFeatures(ids, {{"recency_days", r}, {"tenure_days", t}, {"frequency", fr}, {"monetary", mo}});
}

} // namespace

class TestSegmentsClusters : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void adjustedRand()
    {
        QCOMPARE(adjustedRandIndex({0, 0, 1, 1}, {0, 0, 1, 1}), 1.0);
        QCOMPARE(adjustedRandIndex({0, 0, 1, 1}, {1, 1, 0, 0}), 1.0); // labels are names, not values
        // By hand: index 1, expected 1/3, max 3/2 -> (2/3) / (7/6) = 4/7.
        QCOMPARE(adjustedRandIndex({0, 0, 1, 1}, {0, 0, 1, 2}), 4.0 / 7.0);
        QCOMPARE(adjustedRandIndex({0, 0, 1, 1}, {0, 1, 0, 1}), -0.5);
        QVERIFY_THROWS_EXCEPTION(Error, adjustedRandIndex({0, 1}, {0}));
    }

    void kmeansSeparable()
    {
        Matrix x{300, 2, {}};
        std::vector<int> truth;
        std::mt19937_64 rng(3);
        std::normal_distribution<float> noise(0, 0.5f);
        const float cx[3] = {0, 10, -10}, cy[3] = {0, 10, 10};
        for (int i = 0; i < 300; ++i) {
            x.data.push_back(cx[i % 3] + noise(rng));
            x.data.push_back(cy[i % 3] + noise(rng));
            truth.push_back(i % 3);
        }
        const auto r = kmeans(x, 3);
        QCOMPARE(r.k, 3);
        QCOMPARE(adjustedRandIndex(r.label, truth), 1.0);
        QVERIFY(silhouette(x, r.label) > 0.9);
        // Two clusters cannot separate three blobs: the silhouette says k = 3 is better.
        QVERIFY(silhouette(x, kmeans(x, 2).label) < silhouette(x, r.label));
        QVERIFY_THROWS_EXCEPTION(Error, kmeans(x, 0));
        QVERIFY_THROWS_EXCEPTION(Error, kmeans(x, 301));
    }

    void chooseKOnFeatures()
    {
        std::vector<int> truth;
        const auto f = blobs(60, truth);
        ClusterOptions o;
        o.columns = {"recency_days", "tenure_days"};
        const auto c = clusterCustomers(f, o);
        QCOMPARE(c.k, 3);
        QCOMPARE(adjustedRandIndex(c.label, truth), 1.0);
        QCOMPARE(c.map.rows, f.size());
        QCOMPARE(c.map.cols, std::size_t(2));
        QVERIFY_THROWS_EXCEPTION(Error, clusterCustomers(f, ClusterOptions{0, 2, 8, 2000, {}, {"no_such_column"}}));
    }

    void pcaOnALine()
    {
        Matrix x{5, 2, {}};
        for (int i = 0; i < 5; ++i) {
            x.data.push_back(float(i));
            x.data.push_back(float(2 * i));
        }
        const auto m = pca2(x);
        for (int i = 0; i < 5; ++i)
            QVERIFY(std::abs(m.data[std::size_t(i) * 2 + 1]) < 1e-4);
        // First component: the centred position along the line, length sqrt(5) per step.
        QVERIFY(std::abs(std::abs(m.data[2] - m.data[0]) - std::sqrt(5.0f)) < 1e-4);
    }

    void profilesInWords()
    {
        // Cluster 0: 2 of 8 customers, coupons on 90% of orders, 600 of 1000 spent.
        auto f = handFeatures({1, 2, 3, 4, 5, 6, 7, 8},
                              {{"monetary", {300, 300, 50, 50, 50, 50, 100, 100}},
                               {"discount_share", {0.9, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}},
                               {"interval_days", {21, 21, 20, 22, 21, 20, 22, 21}}});
        const std::vector<int> label = {0, 0, 1, 1, 1, 1, 1, 1};
        const auto p = profileClusters(f, label, 2);
        QCOMPARE(p.size(), std::size_t(2));
        QCOMPARE(p[0].customers, std::int64_t(2));
        QCOMPARE(p[0].customerShare, 0.25);
        QCOMPARE(p[0].revenueShare, 0.6);
        QVERIFY(!p[0].facts.empty());
        // Discount share (z = sqrt 3) and spend (z = 1.70) set cluster 0 apart.
        bool coupon = false;
        for (const auto& x : p[0].facts)
            if (x.feature == "discount_share") {
                coupon = true;
                QVERIFY(x.z > 1.5);
                QCOMPARE(x.clusterMean, 0.9);
                QCOMPARE(x.phrase, std::string("rarely without a coupon (90% of orders)"));
            }
        QVERIFY(coupon);
        QVERIFY2(p[0].sentence.find("; 25% of customers, 60% of revenue") != std::string::npos, p[0].sentence.c_str());
        // The interval is alike everywhere: not a fact of either cluster.
        for (const auto& c : p)
            for (const auto& x : c.facts)
                QVERIFY(x.feature != "interval_days");
        QCOMPARE(describeFact({"interval_days", 21, 40, -1, {}}), std::string("buys every 3 weeks"));
    }

    void fairness()
    {
        auto f = handFeatures({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, {{"tenure_days", {10, 10, 10, 10, 10, 400, 400, 400, 400, 400}}},
                              {"GB", "GB", "GB", "GB", "GB", "CN", "CN", "CN", "CN", "CN"});
        // Four GB customers and one CN customer.
        const std::vector<std::uint8_t> member = {1, 1, 1, 1, 0, 1, 0, 0, 0, 0};
        FairnessOptions o;
        o.minBase = 1;
        const auto r = fairnessReport(f, member, o);
        QCOMPARE(r.segmentSize, std::int64_t(5));
        QCOMPARE(r.baseSize, std::int64_t(10));
        const GroupRepresentation* gb = nullptr;
        const GroupRepresentation* cn = nullptr;
        for (const auto& g : r.groups) {
            if (g.dimension == "country" && g.group == "GB")
                gb = &g;
            if (g.dimension == "country" && g.group == "CN")
                cn = &g;
            QVERIFY(g.dimension != "device"); // no events: no device dimension
        }
        QVERIFY(gb && cn);
        QCOMPARE(gb->segmentShare, 0.8);
        QCOMPARE(gb->baseShare, 0.5);
        QCOMPARE(gb->ratio, 1.6);
        QVERIFY(gb->flagged && !gb->under);
        QCOMPARE(cn->ratio, 0.4);
        QVERIFY(cn->flagged && cn->under);
        // Tenure bands follow the same split; channel (all web) is exactly represented.
        for (const auto& g : r.groups)
            if (g.dimension == "channel")
                QVERIFY(!g.flagged && g.ratio == 1.0);
        QCOMPARE(r.flaggedCount(), std::int64_t(4));
        o.factor = 2.0; // 1.6 and 0.4: only CN is beyond a factor of 2
        QCOMPARE(fairnessReport(f, member, o).flaggedCount(), std::int64_t(2));
        QCOMPARE(tenureBand(400), std::string("1-2 years"));
    }
};

QTEST_GUILESS_MAIN(TestSegmentsClusters)
#include "tst_segments_clusters.moc"
