// Metric functions against hand-computed cases, the leave-one-out split on a small file in both
// formats, and the two ranking protocols on a scorer whose scores are known.
#include <QtTest>

#include <cmath>
#include <set>

#include "common/error.h"
#include "recs/recs_eval.h"

using namespace shoppilot;
using namespace shoppilot::recs;

namespace {

// Scores item i as i (higher ids rank first), or a constant.
class FixedScorer final : public Recommender {
public:
    FixedScorer(int n, bool constant) : m_constant(constant) { m_numItems = n; }
    ModelKind kind() const override { return ModelKind::Pop; }
    TrainReport fit(const std::vector<std::vector<ItemIndex>>&, int, const std::vector<EvalCase>&, const TrainOptions&,
                    const Progress&) override
    {
        return {};
    }
    void scoreBatch(std::span<const EvalCase* const> cases, float* out) const override
    {
        for (std::size_t b = 0; b < cases.size(); ++b)
            for (int i = 0; i <= m_numItems; ++i)
                out[b * std::size_t(m_numItems + 1) + std::size_t(i)] = m_constant ? 1.f : float(i);
    }
    std::vector<std::uint8_t> save() const override { return {}; }
    void load(const std::vector<std::uint8_t>&) override {}

private:
    bool m_constant;
};

} // namespace

class TestRecsMetrics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void singleRankMetrics()
    {
        QCOMPARE(hitAt(0, 1), 1.0);
        QCOMPARE(hitAt(1, 1), 0.0);
        QCOMPARE(hitAt(9, 10), 1.0);
        QCOMPARE(hitAt(10, 10), 0.0);
        QCOMPARE(ndcgAt(0, 10), 1.0);
        QCOMPARE(ndcgAt(1, 10), 1.0 / std::log2(3.0));
        QCOMPARE(ndcgAt(4, 5), 1.0 / std::log2(6.0));
        QCOMPARE(ndcgAt(5, 5), 0.0);
        QCOMPARE(reciprocalRank(0), 1.0);
        QCOMPARE(reciprocalRank(3), 0.25);
    }

    void averagedMetrics()
    {
        const auto m = metricsFromRanks({0, 1, 4, 9, 10, 99});
        QCOMPARE(m.cases, std::int64_t(6));
        QCOMPARE(m.hr1, 1.0 / 6);
        QCOMPARE(m.hr5, 3.0 / 6);
        QCOMPARE(m.hr10, 4.0 / 6);
        const double n5 = 1.0 + 1.0 / std::log2(3.0) + 1.0 / std::log2(6.0);
        QVERIFY(std::abs(m.ndcg5 - n5 / 6) < 1e-12);
        QVERIFY(std::abs(m.ndcg10 - (n5 + 1.0 / std::log2(11.0)) / 6) < 1e-12);
        QVERIFY(std::abs(m.mrr - (1 + 0.5 + 0.2 + 0.1 + 1.0 / 11 + 0.01) / 6) < 1e-12);
        QCOMPARE(metricsFromRanks({}).cases, std::int64_t(0));
    }

    void tiesAreBrokenUniformly()
    {
        QCOMPARE(rankWithTies(3, 0, 0.99), std::int64_t(3));
        QCOMPARE(rankWithTies(3, 4, 0.0), std::int64_t(3));
        QCOMPARE(rankWithTies(3, 4, 0.999), std::int64_t(7));
        QCOMPARE(rankWithTies(0, 1, 0.5), std::int64_t(1));
    }

    void spreadOverSeeds()
    {
        RankMetrics a, b;
        a.hr10 = 0.4;
        b.hr10 = 0.6;
        const auto s = spread({a, b});
        QCOMPARE(s.at("HR@10").mean, 0.5);
        QVERIFY(std::abs(s.at("HR@10").std - std::sqrt(0.02)) < 1e-12); // sample std of {0.4, 0.6}
    }

    void splitS3RecFile()
    {
        const auto data = loadSequenceFile(SHOPPILOT_TEST_DATA_DIR "/recs/tiny_s3rec.txt", FileFormat::S3Rec);
        QCOMPARE(int(data.sequences.size()), 5);
        QCOMPARE(data.numItems(), 11); // 10..14, 20..22, 30, 40, 50
        QCOMPARE(data.numActions(), std::size_t(15));
        const auto split = leaveOneOut(data);
        // Users 2 (2 actions) and 5 (1 action) are training data only.
        QCOMPARE(int(split.test.size()), 3);
        QCOMPARE(int(split.validation.size()), 3);
        auto item = [&](ItemIndex i) { return data.itemIds[std::size_t(i)]; };
        const auto& t0 = split.test[0];
        QCOMPARE(data.userIds[std::size_t(t0.user)], std::string("1"));
        QCOMPARE(item(t0.target), std::string("14"));
        QCOMPARE(int(t0.history.size()), 4);
        QCOMPARE(item(t0.history.back()), std::string("13"));
        QCOMPARE(item(split.validation[0].target), std::string("13"));
        QCOMPARE(int(split.validation[0].history.size()), 3);
        QCOMPARE(split.train[0], split.validation[0].history);
        QCOMPARE(int(split.train[1].size()), 2); // short user keeps everything for training
        QCOMPARE(int(split.train[4].size()), 1);
        QCOMPARE(item(split.test[2].target), std::string("40"));
        QCOMPARE(item(split.validation[2].target), std::string("30"));
    }

    void pairsFormatGivesTheSameSequences()
    {
        const auto a = loadSequenceFile(SHOPPILOT_TEST_DATA_DIR "/recs/tiny_s3rec.txt", FileFormat::S3Rec);
        const auto b = loadSequenceFile(SHOPPILOT_TEST_DATA_DIR "/recs/tiny_pairs.txt", FileFormat::Pairs);
        QCOMPARE(a.userIds, b.userIds);
        for (std::size_t u = 0; u < a.sequences.size(); ++u) {
            QCOMPARE(a.sequences[u].size(), b.sequences[u].size());
            for (std::size_t k = 0; k < a.sequences[u].size(); ++k)
                QCOMPARE(a.itemIds[std::size_t(a.sequences[u][k])], b.itemIds[std::size_t(b.sequences[u][k])]);
        }
    }

    void malformedInputIsExplained()
    {
        try {
            parseSequences("1 2 3\n7\n", FileFormat::S3Rec);
            QFAIL("a user without items must be rejected");
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::Parse);
            QVERIFY2(std::string(e.what()).find("line 2") != std::string::npos, e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, parseSequences("1 2 3\n", FileFormat::Pairs));
        QVERIFY_THROWS_EXCEPTION(Error, loadSequenceFile("/nonexistent/recs.txt", FileFormat::S3Rec));
        QVERIFY_THROWS_EXCEPTION(Error, parseFileFormat("csv"));
        QVERIFY_THROWS_EXCEPTION(Error, parseProtocol("sampled50"));
    }

    void fullRankingSkipsHistory()
    {
        FixedScorer m(10, false);
        // Target 5; items 6..10 score higher, but 9 and 10 are in the history.
        std::vector<EvalCase> cases{{0, {9, 10}, 5}};
        QCOMPARE(rankCases(m, cases, Protocol::Full, 1).front(), std::int64_t(3));
        cases = {{0, {1}, 10}};
        QCOMPARE(rankCases(m, cases, Protocol::Full, 1).front(), std::int64_t(0));
    }

    void sampledNegativesAvoidTheUsersItems()
    {
        // 300 items; the user touched 200..300, so all 99 negatives come from 1..199, which
        // score below the target 250: rank 0. With target 100, negatives above 100 (101..199)
        // are about half of the pool.
        FixedScorer m(300, false);
        std::vector<ItemIndex> history;
        for (int i = 200; i <= 300; ++i)
            if (i != 250)
                history.push_back(i);
        std::vector<EvalCase> cases{{0, history, 250}};
        QCOMPARE(rankCases(m, cases, Protocol::Sampled99, 3).front(), std::int64_t(0));
        QCOMPARE(rankCases(m, cases, Protocol::Sampled100, 3).front(), std::int64_t(0));
        std::vector<EvalCase> many;
        for (int u = 0; u < 200; ++u)
            many.push_back({u, {}, 150});
        const auto ranks = rankCases(m, many, Protocol::Sampled99, 5);
        double mean = 0;
        for (auto r : ranks) {
            QVERIFY(r >= 0 && r <= 99);
            mean += double(r);
        }
        mean /= double(ranks.size());
        // 150 of the 299 other items score higher: expected rank 99 * 150/299 = 49.7.
        QVERIFY2(std::abs(mean - 49.7) < 3.0, qPrintable(QString::number(mean)));
        QCOMPARE(rankCases(m, many, Protocol::Sampled99, 5), ranks); // same seed, same draws
    }

    void constantScorerGetsTheExpectedRank()
    {
        FixedScorer m(1000, true);
        std::vector<EvalCase> many;
        for (int u = 0; u < 2000; ++u)
            many.push_back({u, {}, 1});
        const auto metrics = metricsFromRanks(rankCases(m, many, Protocol::Sampled99, 9));
        // A constant scorer puts the target uniformly among 100 places: HR@10 = 0.10.
        QVERIFY2(std::abs(metrics.hr10 - 0.10) < 0.025, qPrintable(QString::number(metrics.hr10)));
    }
};

QTEST_GUILESS_MAIN(TestRecsMetrics)
#include "tst_recs_metrics.moc"
