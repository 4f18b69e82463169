// Ranking metrics against hand-computed values, the learners (logistic, trees, MLP) on a
// synthetic problem with save/load round trips, the fraud model's file checks, the scorecard,
// and the CSV reader's type detection, encoding and stratified folds.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

#include "common/error.h"
#include "common/random.h"
#include "risk/features.h"
#include "risk/fraud_model.h"
#include "risk/learners.h"
#include "risk/metrics.h"
#include "risk/scorecard.h"
#include "risk/tabular.h"

using namespace shoppilot;
using namespace shoppilot::risk;

namespace {

// y = 1 when x0 + x1 + noise > threshold; the other columns are noise. ~10% positives.
void synthetic(int n, int cols, std::uint64_t seed, Matrix& x, std::vector<float>& y)
{
    Rng rng(seed);
    x.rows = n;
    x.cols = cols;
    x.x.resize(std::size_t(n) * std::size_t(cols));
    y.resize(std::size_t(n));
    for (int r = 0; r < n; ++r) {
        for (int c = 0; c < cols; ++c)
            x.row(r)[c] = float(rng.normal(0, 1));
        y[std::size_t(r)] = x.row(r)[0] + x.row(r)[1] * x.row(r)[1] + 0.5 * rng.normal(0, 1) > 2.3 ? 1.0f : 0.0f;
    }
}

} // namespace

class TestRiskModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void metricsByHand()
    {
        const std::vector<float> s{0.9f, 0.8f, 0.7f, 0.6f}, y{1, 0, 1, 0};
        QCOMPARE(rocAuc(s, y), 0.75);
        QVERIFY(std::abs(averagePrecision(s, y) - (0.5 * 1.0 + 0.5 * 2.0 / 3.0)) < 1e-12);
        QCOMPARE(liftAt(s, y, 0.5), 1.0);
        QCOMPARE(liftAt(s, y, 0.25), 2.0);
        const std::vector<float> tied{0.5f, 0.5f, 0.5f, 0.5f};
        QCOMPARE(rocAuc(tied, y), 0.5);
        QCOMPARE(averagePrecision(tied, y), 0.5);
        // 1% FPR of two negatives lets none through: recall counts positives above the top negative.
        QCOMPARE(recallAtFpr(s, y, 0.01), 0.5);
        QCOMPARE(recallAtFpr(s, y, 0.5), 1.0);
        const auto curve = prCurve(s, y, 10);
        QCOMPARE(curve.back().recall, 1.0);
        QCOMPARE(curve.back().precision, 0.5);
    }

    void learnersFitAndRoundTrip_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("minAuc");
        QTest::newRow("logistic") << int(LearnerKind::Logistic) << 0.70;
        QTest::newRow("gbdt") << int(LearnerKind::Gbdt) << 0.90;
        QTest::newRow("mlp") << int(LearnerKind::Mlp) << 0.90;
    }

    void learnersFitAndRoundTrip()
    {
        QFETCH(int, kind);
        QFETCH(double, minAuc);
        Matrix x, vx, tx;
        std::vector<float> y, vy, ty;
        synthetic(4000, 6, 1, x, y);
        synthetic(1000, 6, 2, vx, vy);
        synthetic(2000, 6, 3, tx, ty);
        LearnerOptions o;
        o.gbdtRounds = 200;
        auto m = Learner::create(LearnerKind(kind), o);
        m->fit(x, y, vx, vy, {});
        std::vector<float> p(std::size_t(tx.rows));
        m->predictLogit(tx, p);
        const double auc = rocAuc(p, ty);
        QVERIFY2(auc > minAuc, qPrintable(QString("AUC %1").arg(auc)));
        const auto back = Learner::load(LearnerKind(kind), m->save());
        std::vector<float> q(std::size_t(tx.rows));
        back->predictLogit(tx, q);
        for (std::size_t i = 0; i < p.size(); ++i)
            QVERIFY(std::abs(p[i] - q[i]) < 1e-4f);
        // Contributions: the signal columns outweigh the noise ones on positives.
        std::vector<float> c(std::size_t(tx.rows) * 6);
        m->contributions(tx, c);
        double signal = 0, noise = 0;
        for (int r = 0; r < tx.rows; ++r) {
            signal += std::abs(c[std::size_t(r) * 6]) + std::abs(c[std::size_t(r) * 6 + 1]);
            noise += std::abs(c[std::size_t(r) * 6 + 4]) + std::abs(c[std::size_t(r) * 6 + 5]);
        }
        QVERIFY2(signal > 2 * noise, qPrintable(QString("signal %1 noise %2").arg(signal).arg(noise)));
        QVERIFY_THROWS_EXCEPTION(Error, Learner::load(LearnerKind(kind), std::vector<std::uint8_t>{1, 2, 3}));
    }

    void plattCalibrates()
    {
        // Logits twice too large: Platt learns a ~0.5 slope.
        Rng rng(5);
        std::vector<float> logit, label;
        for (int i = 0; i < 20000; ++i) {
            const double z = rng.normal(0, 2);
            logit.push_back(float(2 * z));
            label.push_back(rng.bernoulli(1 / (1 + std::exp(-z))) ? 1.0f : 0.0f);
        }
        Platt p;
        p.fit(logit, label);
        QVERIFY2(std::abs(p.a - 0.5) < 0.05, qPrintable(QString::number(p.a)));
        QVERIFY(std::abs(p.b) < 0.1);
    }

    void fraudModelRoundTripAndBadFiles()
    {
        Matrix x;
        std::vector<float> y;
        synthetic(3000, FeatureCount, 9, x, y);
        std::vector<int> train, valid;
        for (int i = 0; i < x.rows; ++i)
            (i < 2400 ? train : valid).push_back(i);
        FraudTrainOptions o;
        o.learner.gbdtRounds = 100;
        o.learner.mlpEpochs = 4;
        const FraudModel m = FraudModel::train(x, y, train, valid, o, {});
        QVERIFY(!m.engine().empty());
        QCOMPARE(int(m.validationReport().size()), 4); // logistic, gbdt, mlp, gbdt+mlp
        QVERIFY(m.highThreshold() > m.reviewThreshold());
        const auto bytes = m.save();
        const FraudModel back = FraudModel::load(bytes);
        const auto p = m.probability(x), q = back.probability(x);
        for (std::size_t i = 0; i < p.size(); ++i)
            QVERIFY(std::abs(p[i] - q[i]) < 1e-4f);
        const auto reasons = m.reasons(x.select(std::vector<int>{0, 1, 2}), 3);
        QCOMPARE(int(reasons.size()), 3);
        for (const auto& r : reasons)
            QVERIFY(r.size() <= 3);
        QVERIFY_THROWS_EXCEPTION(Error, FraudModel::load(std::vector<std::uint8_t>(40, 7)));
        QVERIFY_THROWS_EXCEPTION(Error, FraudModel::load(std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + 100)));
        // Too few positives: a clear error, not a degenerate model.
        std::vector<float> none(y.size(), 0.0f);
        QVERIFY_THROWS_EXCEPTION(Error, FraudModel::train(x, none, train, valid, o, {}));
    }

    void scorecard()
    {
        Rng rng(11);
        RawTable t;
        RawColumn amount{"amount", false, {}, {}}, history{"history", true, {}, {}}, noise{"noise", false, {}, {}};
        for (int i = 0; i < 3000; ++i) {
            const double a = rng.uniform(0, 10);
            const int h = int(rng.below(3));
            const double z = -2.0 + 0.35 * a - 1.2 * h + rng.normal(0, 0.5);
            amount.num.push_back(i % 97 == 0 ? NAN : float(a));
            history.cat.push_back(h == 0 ? "A30" : h == 1 ? "A32" : "A34");
            noise.num.push_back(float(rng.normal(0, 1)));
            t.label.push_back(rng.bernoulli(1 / (1 + std::exp(-z))) ? 1.0f : 0.0f);
        }
        t.columns = {amount, history, noise};
        std::vector<int> train, test;
        for (int i = 0; i < t.rows(); ++i)
            (i % 4 ? train : test).push_back(i);
        Scorecard s;
        s.fit(t, train);
        std::vector<float> p, y;
        for (int i : test) {
            p.push_back(float(s.probabilityBad(t, i)));
            y.push_back(t.label[std::size_t(i)]);
        }
        QVERIFY2(rocAuc(p, y) > 0.75, qPrintable(QString::number(rocAuc(p, y))));
        QVERIFY(s.features()[0].informationValue > s.features()[2].informationValue);
        // Higher points = safer: the riskiest applicant scores below the safest.
        int riskiest = test[0], safest = test[0];
        for (int i : test) {
            if (s.probabilityBad(t, i) > s.probabilityBad(t, riskiest)) riskiest = i;
            if (s.probabilityBad(t, i) < s.probabilityBad(t, safest)) safest = i;
        }
        const auto r = s.score(t, riskiest), g = s.score(t, safest);
        QVERIFY(r.score < g.score);
        QVERIFY(!r.reasons.empty());
        QCOMPARE(r.reasons.front().feature == "amount" || r.reasons.front().feature == "history", true);
        const Scorecard back = Scorecard::fromJson(s.toJson());
        for (int i : test)
            QVERIFY(std::abs(back.probabilityBad(t, i) - s.probabilityBad(t, i)) < 1e-9);
        QVERIFY_THROWS_EXCEPTION(Error, Scorecard::fromJson("{}"));
    }

    void csvTypesEncodingAndFolds()
    {
        QTemporaryDir dir;
        const auto path = dir.filePath("t.csv").toStdString();
        {
            std::ofstream f(path);
            f << "amount,state,email,bad\n";
            for (int i = 0; i < 200; ++i)
                f << (i * 1.5) << "," << (i % 2 ? "CA" : "NY") << ",user" << (i % 100) << "@x.com," << (i % 10 == 0 ? 1 : 0) << "\n";
            f << "1,CA\n";           // wrong field count
            f << "2,NY,a@b.c,maybe\n"; // unusable label
        }
        const RawTable t = readLabelledCsv(path, "bad");
        QCOMPARE(t.rows(), 200);
        QCOMPARE(t.skippedRows, std::int64_t(2));
        QVERIFY(!t.firstSkipReason.empty());
        QCOMPARE(t.columns.size(), std::size_t(3));
        QVERIFY(!t.columns[0].categorical);
        QVERIFY(t.columns[1].categorical);
        const EncodedTable e = encodeTable(t, 64);
        QCOMPARE(e.numericColumns, 1);
        QCOMPARE(e.oneHotColumns, 1);      // state: 2 values
        QCOMPARE(e.countEncodedColumns, 1); // email: 100 values
        QCOMPARE(e.x.cols, 1 + 2 + 1);
        QCOMPARE(e.x.row(0)[3], 2.0f); // each e-mail occurs twice
        const auto folds = stratifiedFolds(t.label, 5, 1);
        for (const auto& f : folds) {
            QCOMPARE(int(f.size()), 40);
            int pos = 0;
            for (int i : f)
                pos += t.label[std::size_t(i)] > 0.5f;
            QCOMPARE(pos, 4);
        }
        QVERIFY_THROWS_EXCEPTION(Error, readLabelledCsv(path, "missing"));
        QVERIFY_THROWS_EXCEPTION(Error, readLabelledCsv(dir.filePath("absent.csv").toStdString(), "bad"));
    }
};

QTEST_GUILESS_MAIN(TestRiskModels)
#include "tst_risk_models.moc"
