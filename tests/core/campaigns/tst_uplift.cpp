// Uplift (core/campaigns): the average effect by hand and its interval's coverage, Qini / AUUC /
// uplift@k on a four-row case computed by hand and on simulated data (true ranking vs reversed vs
// random), the three learners on synthetic data with a planted heterogeneous effect (ranking,
// Qini, a small control arm), the split, and the Hillstrom / generic CSV readers on files written
// here (quoted comma, broken row, missing column, no control group).
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>
#include <functional>
#include <numeric>
#include <set>

#include "campaigns/uplift.h"
#include "campaigns/uplift_data.h"
#include "common/error.h"
#include "common/random.h"

using shoppilot::Error;
using shoppilot::ErrorCode;
using shoppilot::Rng;
using namespace shoppilot::campaigns;

namespace {

std::string errorText(const std::function<void()>& f, ErrorCode* code = nullptr)
{
    try {
        f();
    } catch (const Error& e) {
        if (code)
            *code = e.code();
        return e.what();
    }
    return {};
}

bool near(double a, double b, double tol = 1e-9)
{
    return std::abs(a - b) <= tol;
}

std::vector<double> ranks(const std::vector<double>& v)
{
    std::vector<std::size_t> o(v.size());
    std::iota(o.begin(), o.end(), std::size_t(0));
    std::sort(o.begin(), o.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (std::size_t i = 0; i < o.size();) {
        std::size_t j = i;
        while (j + 1 < o.size() && v[o[j + 1]] == v[o[i]])
            ++j;
        for (std::size_t k = i; k <= j; ++k)
            r[o[k]] = 0.5 * double(i + j);
        i = j + 1;
    }
    return r;
}

double spearman(const std::vector<double>& a, const std::vector<double>& b)
{
    const auto ra = ranks(a), rb = ranks(b);
    const double n = double(a.size());
    const double ma = std::accumulate(ra.begin(), ra.end(), 0.0) / n, mb = std::accumulate(rb.begin(), rb.end(), 0.0) / n;
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < ra.size(); ++i)
        sab += (ra[i] - ma) * (rb[i] - mb), saa += (ra[i] - ma) * (ra[i] - ma), sbb += (rb[i] - mb) * (rb[i] - mb);
    return sab / std::sqrt(saa * sbb);
}

// Synthetic randomised campaign: 6 features (4 normal, 2 binary); tau = 0.2 when x0 > 0.5 else
// -0.05 (a threshold that is none of the basis' quartile cuts), on top of a baseline that depends on other features. Binary: y ~ Bernoulli(base + T tau).
// Real: y = 3 base' + T tau * 5 + noise. `tau` gets the true effect on y's scale.
UpliftData synthetic(std::size_t n, double treatedShare, bool binary, std::uint64_t seed, std::vector<double>& tau)
{
    Rng rng(seed);
    UpliftData d;
    d.cols = 6;
    d.featureNames = {"x0", "x1", "x2", "x3", "b4", "b5"};
    tau.clear();
    for (std::size_t i = 0; i < n; ++i) {
        double x[6];
        for (int k = 0; k < 4; ++k)
            x[k] = rng.normal();
        x[4] = rng.bernoulli(0.4) ? 1 : 0;
        x[5] = rng.bernoulli(0.5) ? 1 : 0;
        d.x.insert(d.x.end(), x, x + 6);
        const bool t = rng.bernoulli(treatedShare);
        d.treated.push_back(t ? 1 : 0);
        const double effect = x[0] > 0.5 ? 0.2 : -0.05;
        if (binary) {
            const double base = 0.35 + 0.1 * std::tanh(x[1]) + 0.1 * x[4] - 0.05 * x[5];
            tau.push_back(effect);
            d.y.push_back(rng.bernoulli(std::clamp(base + (t ? effect : 0.0), 0.0, 1.0)) ? 1 : 0);
        } else {
            const double base = 2 * x[1] + 1.5 * x[2] * x[3] - x[3] + 2 * x[4] + std::sin(2 * x[2]);
            tau.push_back(5 * effect);
            d.y.push_back(base + (t ? 5 * effect : 0.0) + rng.normal(0, 1));
        }
    }
    return d;
}

void writeFile(const QString& path, const std::string& text)
{
    std::ofstream f(path.toStdString(), std::ios::binary);
    f << text;
}

const char* kHillstromHeader = "recency,history_segment,history,mens,womens,zip_code,newbie,channel,segment,visit,conversion,spend\n";

} // namespace

class TestUplift : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void averageEffectByHand()
    {
        // treated 1,2,3: mean 2, s^2 1; control 0,0,1,1: mean 0.5, s^2 1/3.
        const std::vector<std::uint8_t> t{1, 0, 1, 0, 1, 0, 0};
        const std::vector<double> y{1, 0, 2, 0, 3, 1, 1};
        const auto e = averageEffect(t, y, 0.95);
        QVERIFY(near(e.estimate, 1.5));
        const double se = std::sqrt(1.0 / 3 + (1.0 / 3) / 4);
        QVERIFY(near(e.se, se));
        QVERIFY(near(e.ciLow, 1.5 - 1.959963984540054 * se, 1e-7));
        QVERIFY(near(e.ciHigh, 1.5 + 1.959963984540054 * se, 1e-7));
        QCOMPARE(e.nTreated, std::size_t(3));
        QCOMPARE(e.nControl, std::size_t(4));
        const auto e90 = averageEffect(t, y, 0.90);
        QVERIFY(near(e90.ciHigh - e90.estimate, 1.6448536269514722 * se, 1e-7));
    }

    void averageEffectIntervalCovers()
    {
        // 95% intervals over 400 simulated experiments (true effect 0.3) cover 91-99% of the time.
        Rng rng(11);
        int covered = 0;
        const int reps = 400;
        for (int r = 0; r < reps; ++r) {
            std::vector<std::uint8_t> t;
            std::vector<double> y;
            for (int i = 0; i < 200; ++i) {
                const bool tr = rng.bernoulli(0.3);
                t.push_back(tr ? 1 : 0);
                y.push_back(rng.normal(tr ? 1.3 : 1.0, tr ? 2.0 : 0.5)); // unequal variances: Welch
            }
            const auto e = averageEffect(t, y);
            covered += (e.ciLow <= 0.3 && 0.3 <= e.ciHigh) ? 1 : 0;
        }
        QVERIFY2(covered >= int(0.91 * reps) && covered <= int(0.99 * reps), qPrintable(QString::number(covered)));
    }

    void averageEffectWithoutControlIsAnError()
    {
        ErrorCode code{};
        const auto msg = errorText([] { averageEffect({1, 1, 1}, {1, 0, 1}); }, &code);
        QCOMPARE(code, ErrorCode::InvalidArgument);
        QVERIFY2(msg.find("no control group") != std::string::npos, msg.c_str());
        QVERIFY(!errorText([] { averageEffect({0, 0}, {1, 0}); }).empty());
        QVERIFY(!errorText([] { averageEffect({0, 1}, {1}); }).empty());
    }

    void qiniByHand()
    {
        // Rows (score, T, y): (4,1,1) (3,0,0) (2,1,0) (1,0,1). Q(k) = Yt - Yc Nt/Nc: 1, 1, 1, 0;
        // gain = Q / Nt(=2): 0, .5, .5, .5, 0 at f = 0, .25, .5, .75, 1; area .375. Perfect score
        // (y for treated, -y for control) has the same area; random line ends at 0: qini = 1.
        const std::vector<std::uint8_t> t{1, 0, 1, 0};
        const std::vector<double> y{1, 0, 0, 1};
        const auto q = qiniCurve({4, 3, 2, 1}, t, y, 4);
        const std::vector<double> gain{0, .5, .5, .5, 0};
        QCOMPARE(q.fraction.size(), std::size_t(5));
        for (std::size_t k = 0; k < 5; ++k) {
            QVERIFY(near(q.fraction[k], 0.25 * double(k)));
            QVERIFY2(near(q.gain[k], gain[k]), qPrintable(QStringLiteral("%1: %2").arg(k).arg(q.gain[k])));
        }
        QVERIFY(near(q.qini, 1.0));
        // AUUC: U = (mt - mc) k/N = .25, .5, .375, 0 -> trapezoids .28125.
        QVERIFY(near(q.auuc, 0.28125));
        // Reversed: Q = 0, -1, -1/2, 0 -> gain 0, 0, -.5, -.25, 0, area -.1875, qini -.5.
        const auto r = qiniCurve({1, 2, 3, 4}, t, y, 4);
        QVERIFY(near(r.gain[2], -0.5) && near(r.gain[3], -0.25));
        QVERIFY(near(r.qini, -0.5));
        // One tie group: the curve is the random line, qini 0.
        QVERIFY(near(qiniCurve({7, 7, 7, 7}, t, y, 4).qini, 0.0));
        // uplift@50%: top two rows 1 - 0; reversed 0 - 1; all tied: the whole sample, weighted.
        QVERIFY(near(upliftAtFraction({4, 3, 2, 1}, t, y, 0.5), 1.0));
        QVERIFY(near(upliftAtFraction({1, 2, 3, 4}, t, y, 0.5), -1.0));
        QVERIFY(near(upliftAtFraction({7, 7, 7, 7}, t, y, 0.3), 0.0));
        // Top 25%: only a treated row -> no control in the top.
        QVERIFY(errorText([&] { upliftAtFraction({4, 3, 2, 1}, t, y, 0.25); }).find("no control") != std::string::npos);
        QVERIFY(!errorText([&] { qiniCurve({1, 2}, t, y); }).empty());
    }

    void qiniRanksTrueEffectAboveRandom()
    {
        std::vector<double> tau;
        const auto d = synthetic(20000, 0.5, true, 3, tau);
        Rng rng(4);
        std::vector<double> rnd(d.rows()), rev(d.rows());
        for (std::size_t i = 0; i < d.rows(); ++i)
            rnd[i] = rng.uniform(), rev[i] = -tau[i];
        const auto good = qiniCurve(tau, d.treated, d.y), bad = qiniCurve(rev, d.treated, d.y),
                   random = qiniCurve(rnd, d.treated, d.y);
        // Normalised by the perfect curve (all treated responders first), which noisy 0/1 outcomes
        // put far above any score: the true tau reaches ~0.08 here, a random score ~0 (sd ~0.01).
        const auto msg = QStringLiteral("true %1 reversed %2 random %3").arg(good.qini).arg(bad.qini).arg(random.qini);
        QVERIFY2(good.qini > 0.05, qPrintable(msg));
        QVERIFY2(bad.qini < -0.02, qPrintable(msg));
        QVERIFY2(std::abs(random.qini) < 0.03, qPrintable(msg));
        QVERIFY(good.auuc > random.auuc && random.auuc > bad.auuc);
        // Targeting the top 30% (tau = 0.2 for x0 > 0.5: 31% of rows) gives about 0.2; reversed
        // about -0.05 (sampling noise of a difference of two proportions over 6000 rows: sd ~0.013).
        QVERIFY(std::abs(upliftAtFraction(tau, d.treated, d.y, 0.3) - 0.2) < 0.04);
        QVERIFY(std::abs(upliftAtFraction(rev, d.treated, d.y, 0.3) + 0.05) < 0.04);
        // The curve ends at the difference in means.
        QVERIFY(near(good.gain.back(), averageEffect(d.treated, d.y).estimate, 1e-9));
    }

    void learnersFindPlantedHeterogeneity()
    {
        for (bool binary : {true, false}) {
            std::vector<double> tauTrain, tauTest;
            const auto train = synthetic(16000, 0.5, binary, 21, tauTrain);
            const auto test = synthetic(8000, 0.5, binary, 22, tauTest);
            Rng rng(5);
            std::vector<double> rnd(test.rows());
            for (auto& v : rnd)
                v = rng.uniform();
            const double randomQini = qiniCurve(rnd, test.treated, test.y).qini;
            const double oracleQini = qiniCurve(tauTest, test.treated, test.y).qini; // the true effect as score
            for (auto l : allLearners()) {
                const auto m = fitUplift(l, train);
                QCOMPARE(m.learner(), l);
                QCOMPARE(m.cols(), 6);
                const auto p = m.predictAll(test);
                const double rho = spearman(p, tauTest);
                const double q = qiniCurve(p, test.treated, test.y).qini;
                const auto msg = QStringLiteral("%1 %2: spearman %3 qini %4 random %5 true tau %6")
                                     .arg(learnerName(l)).arg(binary ? "binary" : "real").arg(rho).arg(q).arg(randomQini)
                                     .arg(oracleQini);
                qInfo("%s", qPrintable(msg));
                // A two-valued tau caps the rank correlation at ~0.87.
                QVERIFY2(rho > 0.5, qPrintable(msg));
                // Qini is normalised by the perfect curve (every responder sorted right), far above
                // what even the true tau reaches on noisy 0/1 outcomes: compare with both ends.
                QVERIFY2(q > randomQini + 0.03, qPrintable(msg));
                QVERIFY2(q > 0.6 * oracleQini, qPrintable(msg));
                // Outcome models: mu1 above mu0 where the effect is +0.2 (on average).
                double diff = 0;
                int cnt = 0;
                for (std::size_t i = 0; i < test.rows(); ++i)
                    if (tauTest[i] > 0) {
                        diff += m.predictOutcome(&test.x[i * 6], true) - m.predictOutcome(&test.x[i * 6], false);
                        ++cnt;
                    }
                QVERIFY2(diff / cnt > 0.5 * tauTest[std::size_t(std::max_element(tauTest.begin(), tauTest.end()) - tauTest.begin())],
                         qPrintable(msg));
            }
        }
    }

    void smallControlArmXAndDrKeepUp()
    {
        // 92% treated: mu0 is learnt from ~480 rows. Over three seeds, the X-learner's effect
        // estimates are as close to the truth (MSE within 5%) as the T-learner's and X and DR rank
        // as well (Qini within 0.01). With the same linear basis in every stage the X-learner's
        // theoretical edge (a simpler tau than mu0) shows as a tie rather than a win (measured:
        // MSE 0.177 vs 0.177 at the time of writing); the DR-learner pays for mu's fitted on half
        // the rows and the 1/(1-e) = 12.5 weights, so it gets a 30% MSE margin (measured +5%).
        double mse[3] = {0, 0, 0}, qini[3] = {0, 0, 0};
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
            std::vector<double> tauTrain, tauTest;
            const auto train = synthetic(6000, 0.92, false, 100 + seed, tauTrain);
            const auto test = synthetic(20000, 0.5, false, 200 + seed, tauTest);
            for (auto l : allLearners()) {
                const auto m = fitUplift(l, train);
                const auto p = m.predictAll(test);
                double s = 0;
                for (std::size_t i = 0; i < p.size(); ++i)
                    s += (p[i] - tauTest[i]) * (p[i] - tauTest[i]);
                mse[int(l)] += s / double(p.size()) / 3;
                qini[int(l)] += qiniCurve(p, test.treated, test.y).qini / 3;
            }
        }
        const auto msg = QStringLiteral("MSE t %1 x %2 dr %3; qini t %4 x %5 dr %6")
                             .arg(mse[0]).arg(mse[1]).arg(mse[2]).arg(qini[0]).arg(qini[1]).arg(qini[2]);
        qInfo("%s", qPrintable(msg));
        QVERIFY2(mse[1] <= mse[0] * 1.05, qPrintable(msg));
        QVERIFY2(mse[2] <= mse[0] * 1.30, qPrintable(msg));
        for (int l : {1, 2})
            QVERIFY2(qini[l] >= qini[0] - 0.01, qPrintable(msg));
    }

    void drPseudoOutcomeCorrectsWrongOutcomeModels()
    {
        // By hand: mu1 - mu0 = .2; treated y=1: .2 + .4/.5; control y=1: .2 - .6/.5.
        QVERIFY(near(drPseudoOutcome(true, 1, 0.6, 0.4, 0.5), 1.0));
        QVERIFY(near(drPseudoOutcome(false, 1, 0.6, 0.4, 0.5), -1.0));
        QVERIFY(near(drPseudoOutcome(false, 0, 0.6, 0.4, 0.25), 0.2 + 0.4 / 0.75));
        // With outcome models that are plain wrong (constants, or anything not depending on the
        // arm) and e the sample's treated share, the mean pseudo-outcome is exactly the difference
        // in means (the inverse-probability terms carry it).
        std::vector<double> tau;
        const auto d = synthetic(3000, 0.3, false, 8, tau);
        const double e = double(std::count(d.treated.begin(), d.treated.end(), 1)) / double(d.rows());
        for (double wrong : {0.0, 5.0}) {
            double mean = 0;
            for (std::size_t i = 0; i < d.rows(); ++i)
                mean += drPseudoOutcome(d.treated[i] != 0, d.y[i], wrong, wrong, e) / double(d.rows());
            QVERIFY2(near(mean, averageEffect(d.treated, d.y).estimate, 1e-9), qPrintable(QString::number(mean)));
        }
    }

    void interactionColumnsControlAdditivity()
    {
        // Without pairwise products a ridge T-learner's tau is a sum of per-column functions: the
        // mixed difference over two columns vanishes. With them (x2*x3 drives the real outcome) it
        // does not.
        std::vector<double> tau;
        const auto d = synthetic(8000, 0.5, false, 12, tau);
        auto mixed = [&](int k) {
            FitOptions o;
            o.interactionColumns = k;
            const auto m = fitUplift(Learner::TLearner, d, o);
            double r[6] = {0.1, 0.2, -1.0, -1.0, 1, 0};
            const double f00 = m.predict(r);
            r[2] = 1.0;
            const double f10 = m.predict(r);
            r[3] = 1.0;
            const double f11 = m.predict(r);
            r[2] = -1.0;
            const double f01 = m.predict(r);
            return f11 - f10 - f01 + f00;
        };
        QVERIFY2(std::abs(mixed(0)) < 1e-9, qPrintable(QString::number(mixed(0))));
        QVERIFY2(std::abs(mixed(6)) > 1e-3, qPrintable(QString::number(mixed(6))));
    }

    void fitRejectsOneArm()
    {
        std::vector<double> tau;
        auto d = synthetic(100, 0.5, true, 1, tau);
        std::fill(d.treated.begin(), d.treated.end(), std::uint8_t(1));
        QVERIFY(errorText([&] { fitUplift(Learner::TLearner, d); }).find("no control group") != std::string::npos);
    }

    void learnerNames()
    {
        for (auto l : allLearners())
            QCOMPARE(learnerFromName(learnerName(l)), std::optional<Learner>(l));
        QVERIFY(!learnerFromName("s_learner"));
        QCOMPARE(std::string(learnerName(Learner::DRLearner)), std::string("dr_learner"));
    }

    void splitIsStratifiedAndChoiceUsesTrainOnly()
    {
        std::vector<double> tau;
        const auto d = synthetic(5000, 0.3, true, 9, tau);
        const auto [train, test] = stratifiedSplit(d, 0.7, 4);
        QCOMPARE(train.size() + test.size(), d.rows());
        std::set<std::size_t> all(train.begin(), train.end());
        for (auto i : test)
            QVERIFY(all.insert(i).second);
        // Each stratum (T x y>0) is split 70/30 (rounding: within one row).
        for (int s = 0; s < 4; ++s) {
            auto in = [&](std::size_t i) { return int(d.treated[i] ? 2 : 0) + int(d.y[i] > 0 ? 1 : 0) == s; };
            const double a = double(std::count_if(train.begin(), train.end(), in));
            const double b = double(std::count_if(test.begin(), test.end(), in));
            QVERIFY(std::abs(a - 0.7 * (a + b)) <= 1.0);
        }
        QVERIFY(stratifiedSplit(d, 0.7, 5).first != train);
        const auto tr = subset(d, train);
        QCOMPARE(tr.rows(), train.size());
        QCOMPARE(tr.x[6 * 3 + 2], d.x[train[3] * 6 + 2]);
        const auto q = crossValidatedQini(tr, allLearners(), 3, 1);
        const auto chosen = chooseLearner(tr, allLearners(), 3, 1);
        const auto best = std::size_t(std::max_element(q.begin(), q.end()) - q.begin());
        QCOMPARE(chosen, allLearners()[best]);
    }

    void readHillstromFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.csv"));
        writeFile(path, std::string(kHillstromHeader) +
                            "10,2) $100 - $200,142.44,1,0,Surburban,0,Phone,Womens E-Mail,0,0,0\n"
                            "6,3) $200 - $350,329.08,1,1,Rural,1,Web,No E-Mail,1,0,0\n"
                            "7,\"6) $750 - $1,000\",800.5,0,1,Urban,1,Multichannel,Mens E-Mail,1,1,29.99\n"
                            "2,1) $0 - $100,29.99,1,0,Urban,0,Web,Womens E-Mail,1,1,50\n");
        const auto w = readHillstrom(path.toStdString(), "Womens E-Mail", "spend");
        QCOMPARE(w.rows(), std::size_t(3));
        QCOMPARE(w.treated, (std::vector<std::uint8_t>{1, 0, 1}));
        QCOMPARE(w.y, (std::vector<double>{0, 0, 50}));
        // 5 numeric + zip (3 levels seen) + channel (2: Phone, Web) + history_segment (3).
        QCOMPARE(w.cols, 5 + 3 + 2 + 3);
        QCOMPARE(int(w.featureNames.size()), w.cols);
        QVERIFY(near(w.x[1], std::log1p(142.44)));
        const auto it = std::find(w.featureNames.begin(), w.featureNames.end(), "channel=Web");
        QVERIFY(it != w.featureNames.end());
        const auto webCol = std::size_t(it - w.featureNames.begin());
        QCOMPARE(w.x[webCol], 0.0);
        QCOMPARE(w.x[std::size_t(w.cols) + webCol], 1.0);
        // The quoted comma stays in one field: the Mens row reads fine.
        const auto m = readHillstrom(path.toStdString(), "Mens E-Mail", "conversion");
        QCOMPARE(m.rows(), std::size_t(2));
        QCOMPARE(m.treated, (std::vector<std::uint8_t>{0, 1}));
        QVERIFY(std::find(m.featureNames.begin(), m.featureNames.end(), "history_segment=6) $750 - $1,000") !=
                m.featureNames.end());
        // Bad arm / outcome.
        QVERIFY(!errorText([&] { readHillstrom(path.toStdString(), "Kids E-Mail", "visit"); }).empty());
        QVERIFY(!errorText([&] { readHillstrom(path.toStdString(), "Mens E-Mail", "revenue"); }).empty());
    }

    void readHillstromBrokenInput()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath(QStringLiteral("broken.csv"));
        writeFile(broken, std::string(kHillstromHeader) +
                              "10,2) $100 - $200,142.44,1,0,Surburban,0,Phone,Womens E-Mail,0,0,0\n"
                              "6,3) $200 - $350,329.08,1,1,Rural,1,Web,No E-Mail,0,0,0\n"
                              "7,2) $100 - $200,180.65,0,1,Surburban,1,Web,Womens E-Mail\n");
        ErrorCode code{};
        auto msg = errorText([&] { readHillstrom(broken.toStdString(), "Womens E-Mail", "visit"); }, &code);
        QCOMPARE(code, ErrorCode::Parse);
        QVERIFY2(msg.find("line 4") != std::string::npos && msg.find("broken.csv") != std::string::npos, msg.c_str());
        const QString notNumber = dir.filePath(QStringLiteral("nan.csv"));
        writeFile(notNumber, std::string(kHillstromHeader) +
                                 "10,2) $100 - $200,lots,1,0,Surburban,0,Phone,Womens E-Mail,0,0,0\n");
        msg = errorText([&] { readHillstrom(notNumber.toStdString(), "Womens E-Mail", "visit"); }, &code);
        QCOMPARE(code, ErrorCode::Parse);
        QVERIFY2(msg.find("line 2") != std::string::npos && msg.find("history") != std::string::npos, msg.c_str());
        const QString noCol = dir.filePath(QStringLiteral("nocol.csv"));
        writeFile(noCol, "recency,history,segment,visit\n1,2,No E-Mail,0\n");
        msg = errorText([&] { readHillstrom(noCol.toStdString(), "Womens E-Mail", "visit"); }, &code);
        QCOMPARE(code, ErrorCode::InvalidArgument);
        QVERIFY2(msg.find("column") != std::string::npos, msg.c_str());
        const QString noControl = dir.filePath(QStringLiteral("nocontrol.csv"));
        writeFile(noControl, std::string(kHillstromHeader) +
                                 "10,2) $100 - $200,142.44,1,0,Surburban,0,Phone,Womens E-Mail,0,0,0\n");
        msg = errorText([&] { readHillstrom(noControl.toStdString(), "Womens E-Mail", "visit"); });
        QVERIFY2(msg.find("no control group") != std::string::npos, msg.c_str());
        QVERIFY(!errorText([&] { readHillstrom(dir.filePath(QStringLiteral("missing.csv")).toStdString(), "Mens E-Mail", "visit"); }).empty());
    }

    void readGenericCampaignCsv()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.csv"));
        std::string text = "customer,group,age,city,bought,revenue\n";
        for (int i = 0; i < 60; ++i)
            text += "c" + std::to_string(i) + "," + (i % 3 == 0 ? "Control" : "offer") + "," + std::to_string(20 + i) + "," +
                    (i % 2 ? "\"Paris, FR\"" : "Lyon") + "," + std::to_string(i % 4 == 0 ? 1 : 0) + "," +
                    std::to_string(i) + ".5\n";
        writeFile(path, text);
        const auto d = readCampaignCsv(path.toStdString(), "group", "bought", {}, {"revenue"});
        QCOMPARE(d.rows(), std::size_t(60));
        QCOMPARE(int(std::count(d.treated.begin(), d.treated.end(), 0)), 20); // "Control" (case-insensitive)
        QCOMPARE(d.featureNames, (std::vector<std::string>{"age", "city=Lyon", "city=Paris, FR"}));
        QCOMPARE(d.cols, 3);
        QCOMPARE(d.x[3 * 1 + 0], 21.0);
        QCOMPARE(d.x[3 * 1 + 2], 1.0);
        // customer (60 distinct strings) dropped, revenue ignored: both said.
        QCOMPARE(d.notes.size(), std::size_t(2));
        // An explicit control value: "offer" rows become the control.
        const auto e = readCampaignCsv(path.toStdString(), "group", "bought", "OFFER", {"revenue"});
        QCOMPARE(int(std::count(e.treated.begin(), e.treated.end(), 0)), 40);
        // No control row.
        const auto msg = errorText([&] { readCampaignCsv(path.toStdString(), "group", "bought", "nobody"); });
        QVERIFY2(msg.find("no control group") != std::string::npos, msg.c_str());
        QVERIFY(!errorText([&] { readCampaignCsv(path.toStdString(), "arm", "bought"); }).empty());
        QVERIFY(!errorText([&] { readCampaignCsv(path.toStdString(), "group", "city"); }).empty()); // outcome not numeric
    }
};

QTEST_GUILESS_MAIN(TestUplift)
#include "tst_uplift.moc"
