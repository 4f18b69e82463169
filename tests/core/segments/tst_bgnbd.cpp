// BG/NBD and Gamma-Gamma against direct numerical integration over the individual-level
// parameters (lambda, p for BG/NBD; nu for Gamma-Gamma), the hypergeometric series against a
// closed form, and maximum likelihood recovering known parameters from data simulated from
// the model itself.
#include <QtTest>

#include <cmath>

#include "common/error.h"
#include "common/random.h"
#include "segments/bgnbd.h"

using namespace shoppilot;
using namespace shoppilot::segments;

namespace {

struct Numeric {
    double likelihood = 0; // L(x, tx, T)
    double aliveMass = 0;  // integral of P(alive at T, data | lambda, p)
    double expectedMass = 0; // integral of P(alive at T, data) * E[Y(t) | lambda, p, alive]
};

// Trapezoid rule in log(lambda) and logit(p): both integrands are smooth and decay at the ends,
// so the rule converges fast; no formula of the model's solution is used.
Numeric integrate(const BgNbdParams& m, double x, double tx, double T, double t)
{
    Numeric n;
    const double logGammaNorm = m.r * std::log(m.alpha) - std::lgamma(m.r);
    const double logBetaNorm = std::lgamma(m.a + m.b) - std::lgamma(m.a) - std::lgamma(m.b);
    const double ds = 0.03, du = 0.06;
    for (double s = -90; s <= 9; s += ds) {
        const double lam = std::exp(s);
        // Gamma(r, alpha) density times d lambda / ds = lambda
        const double wl = std::exp(logGammaNorm + m.r * s - m.alpha * lam) * ds;
        if (wl < 1e-300)
            continue;
        for (double u = -70; u <= 70; u += du) {
            const double p = 1.0 / (1.0 + std::exp(-u));
            const double q = 1.0 / (1.0 + std::exp(u)); // 1 - p without cancellation
            const double wp = std::exp(logBetaNorm + m.a * std::log(p) + m.b * std::log(q)) * du;
            const double alive = std::exp(x * std::log(q) + x * s - lam * T);
            const double dead = x > 0 ? p * std::exp((x - 1) * std::log(q) + x * s - lam * tx) : 0.0;
            const double w = wl * wp;
            n.likelihood += w * (alive + dead);
            n.aliveMass += w * alive;
            n.expectedMass += w * alive * (-std::expm1(-lam * p * t) / p);
        }
    }
    return n;
}

} // namespace

class TestBgNbd : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void likelihoodAndExpectationMatchNumericIntegration_data()
    {
        QTest::addColumn<double>("r");
        QTest::addColumn<double>("alpha");
        QTest::addColumn<double>("a");
        QTest::addColumn<double>("b");
        // CDNOW-like (a < 1, r < 1) and a set with every shape above 1.
        QTest::newRow("cdnow-like") << 0.243 << 4.414 << 0.793 << 2.426;
        QTest::newRow("smooth") << 2.1 << 12.0 << 1.8 << 3.2;
    }
    void likelihoodAndExpectationMatchNumericIntegration()
    {
        QFETCH(double, r);
        QFETCH(double, alpha);
        QFETCH(double, a);
        QFETCH(double, b);
        const BgNbdParams m{r, alpha, a, b};
        struct Case {
            double x, tx, T, t;
        };
        for (const auto& c : {Case{0, 0, 38.86, 39}, Case{2, 30.43, 38.86, 39}, Case{7, 29.43, 38.86, 52},
                              Case{1, 1.71, 38.86, 10}, Case{12, 34.43, 38.57, 78}}) {
            const auto n = integrate(m, c.x, c.tx, c.T, c.t);
            const double ll = bgnbdLogLikelihood(m, c.x, c.tx, c.T);
            QVERIFY2(std::abs(ll - std::log(n.likelihood)) < 1e-6,
                     qPrintable(QString("x=%1: LL %2 vs numeric %3").arg(c.x).arg(ll, 0, 'g', 12).arg(std::log(n.likelihood), 0, 'g', 12)));
            const double alive = bgnbdProbAlive(m, c.x, c.tx, c.T);
            QVERIFY2(std::abs(alive - n.aliveMass / n.likelihood) < 1e-6,
                     qPrintable(QString("x=%1: P(alive) %2 vs numeric %3").arg(c.x).arg(alive).arg(n.aliveMass / n.likelihood)));
            const double e = bgnbdConditionalExpected(m, c.x, c.tx, c.T, c.t);
            const double en = n.expectedMass / n.likelihood;
            QVERIFY2(std::abs(e - en) < 1e-5 * std::max(1.0, en),
                     qPrintable(QString("x=%1: E[Y(t)] %2 vs numeric %3").arg(c.x).arg(e, 0, 'g', 10).arg(en, 0, 'g', 10)));
        }
    }

    void hypergeometricMatchesClosedForm()
    {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z ; 2F1(a, b; b; z) = (1 - z)^-a
        for (double z : {0.01, 0.3, 0.7, 0.95}) {
            QVERIFY(std::abs(logHyp2F1(1, 1, 2, z) - std::log(-std::log1p(-z) / z)) < 1e-10);
            QVERIFY(std::abs(logHyp2F1(40.5, 3.0, 3.0, z) - (-40.5 * std::log1p(-z))) < 1e-8);
        }
        QVERIFY_THROWS_EXCEPTION(Error, logHyp2F1(1, 1, 2, 1.0));
    }

    void maximumLikelihoodRecoversSimulatedParameters()
    {
        const BgNbdParams truth{0.6, 15.0, 0.9, 2.8};
        Rng rng(2026, 13);
        std::vector<RfmPoint> data;
        for (int i = 0; i < 6000; ++i) {
            const double lambda = rng.gamma(truth.r, 1.0 / truth.alpha);
            const double p = rng.beta(truth.a, truth.b);
            const double T = rng.uniform(60, 400);
            double t = 0, tx = 0;
            int x = 0;
            for (;;) {
                t += rng.exponential(lambda);
                if (t > T)
                    break;
                ++x;
                tx = t;
                if (rng.bernoulli(p))
                    break; // dropped out after this repeat purchase
            }
            data.push_back({double(x), tx, T});
        }
        const auto fit = fitBgNbd(data);
        const auto& f = fit.params;
        qInfo("fitted r=%.3f alpha=%.3f a=%.3f b=%.3f (truth 0.6 15 0.9 2.8)", f.r, f.alpha, f.a, f.b);
        QVERIFY(std::abs(f.r / truth.r - 1) < 0.15);
        QVERIFY(std::abs(f.alpha / truth.alpha - 1) < 0.2);
        QVERIFY(std::abs(f.a / truth.a - 1) < 0.3);
        QVERIFY(std::abs(f.b / truth.b - 1) < 0.3);
        // It is a maximum: the truth and nearby points do not beat it.
        QVERIFY(fit.logLikelihood >= bgnbdLogLikelihood(truth, data) - 1e-6);
        for (int k = 0; k < 4; ++k) {
            BgNbdParams q = f;
            double* v[] = {&q.r, &q.alpha, &q.a, &q.b};
            *v[k] *= 1.02;
            QVERIFY(fit.logLikelihood >= bgnbdLogLikelihood(q, data));
        }
    }

    void badInputIsRefused()
    {
        std::vector<RfmPoint> few(5, RfmPoint{1, 2, 3});
        QVERIFY_THROWS_EXCEPTION(Error, fitBgNbd(few));
        std::vector<RfmPoint> noRepeat(50, RfmPoint{0, 0, 30});
        QVERIFY_THROWS_EXCEPTION(Error, fitBgNbd(noRepeat));
        std::vector<RfmPoint> broken(50, RfmPoint{2, 40, 30}); // recency after the calibration end
        QVERIFY_THROWS_EXCEPTION(Error, fitBgNbd(broken));
    }

    void gammaGammaSpendIsThePosteriorMean()
    {
        const GammaGammaParams g{6.25, 3.74, 15.44}; // Fader-Hardie-Lee's CDNOW estimates
        for (const auto& [x, m] : {std::pair{1.0, 30.0}, {4.0, 12.5}, {12.0, 80.0}}) {
            // nu | data ~ Gamma(q + p x, rate gamma + x m); E[spend] = E[p / nu | data]
            const double shape = g.q + g.p * x, rate = g.gamma + x * m;
            double num = 0, den = 0;
            for (double s = -20; s <= 10; s += 0.001) {
                const double nu = std::exp(s);
                const double w = std::exp(shape * s - rate * nu - (shape * std::log(shape / rate) - shape)); // scaled
                num += w * g.p / nu;
                den += w;
            }
            QVERIFY2(std::abs(gammaGammaConditionalSpend(g, x, m) - num / den) < 1e-6 * (num / den),
                     qPrintable(QString("x=%1 m=%2: %3 vs %4").arg(x).arg(m).arg(gammaGammaConditionalSpend(g, x, m)).arg(num / den)));
        }
        QCOMPARE(gammaGammaConditionalSpend(g, 0, 0), g.p * g.gamma / (g.q - 1));
    }

    void gammaGammaRecoversSimulatedParameters()
    {
        const GammaGammaParams truth{4.0, 3.5, 20.0};
        Rng rng(7, 2);
        std::vector<SpendPoint> data;
        for (int i = 0; i < 5000; ++i) {
            const double nu = rng.gamma(truth.q, 1.0 / truth.gamma);
            const int x = 1 + int(rng.below(8));
            double sum = 0;
            for (int k = 0; k < x; ++k)
                sum += rng.gamma(truth.p, 1.0 / nu);
            data.push_back({double(x), sum / x});
        }
        const auto fit = fitGammaGamma(data);
        const auto& f = fit.params;
        qInfo("fitted p=%.3f q=%.3f gamma=%.3f (truth 4 3.5 20)", f.p, f.q, f.gamma);
        QVERIFY(std::abs(f.p / truth.p - 1) < 0.1);
        QVERIFY(std::abs(f.q / truth.q - 1) < 0.2);
        QVERIFY(std::abs(f.gamma / truth.gamma - 1) < 0.3);
        QVERIFY(fit.logLikelihood >= gammaGammaLogLikelihood(truth, data));
        QVERIFY_THROWS_EXCEPTION(Error, fitGammaGamma(std::vector<SpendPoint>(3, SpendPoint{2, 10})));
    }
};

QTEST_GUILESS_MAIN(TestBgNbd)
#include "tst_bgnbd.moc"
