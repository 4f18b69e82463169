// The forecasters on series with known structure (trend, seasonality, level shift), hand-computed
// SES and accuracy measures, interval shape and coverage on simulated data, bad input, the M4
// reader, and Naive2 on the real M4 Weekly and Hourly files against the published row.
#include <QTest>

#include <cmath>
#include <filesystem>
#include <numbers>

#include "common/error.h"
#include "common/random.h"
#include "forecast/forecast.h"
#include "forecast/forecast_eval.h"

using shoppilot::Error;
using shoppilot::ErrorCode;
using shoppilot::Rng;
using namespace shoppilot::forecast;

namespace {

std::vector<double> line(int n, double a, double b)
{
    std::vector<double> y(static_cast<std::size_t>(n));
    for (int t = 0; t < n; ++t)
        y[std::size_t(t)] = a + b * t;
    return y;
}

ErrorCode errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        return e.code();
    }
    return ErrorCode::Cancelled; // "no error" marker for these tests
}

bool allFinite(const Forecast& f)
{
    for (const auto* v : {&f.mean, &f.lo80, &f.hi80, &f.lo95, &f.hi95})
        for (double x : *v)
            if (!std::isfinite(x))
                return false;
    return true;
}

} // namespace

class TestForecast : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void linearTrendIsRecovered()
    {
        const int n = 60, h = 12;
        const double a = 5, b = 2;
        const auto y = line(n, a, b);
        for (auto m : {Method::Holt, Method::Damped, Method::Theta, Method::Ets, Method::Default}) {
            const auto f = forecast(y, 1, h, m);
            for (int i = 0; i < h; ++i) {
                const double truth = a + b * (n + i);
                const double err = std::abs(f.mean[std::size_t(i)] - truth);
                // Holt and ETS (which picks a trend) recover the line; damped flattens by at most
                // 1 - phi^k (phi >= 0.8) of the slope per step; the standard Theta extrapolates half
                // the slope from the last value by construction (0.5 * b * h below the line).
                double tol = 1e-3 * truth;
                if (m == Method::Damped || m == Method::Default)
                    tol = b * (i + 1) * 0.5 + 1e-3 * truth;
                if (m == Method::Theta)
                    tol = 0.5 * b * (i + 1) + 1e-3 * truth;
                QVERIFY2(err <= tol, qPrintable(QStringLiteral("%1 step %2: %3 vs %4").arg(methodName(m)).arg(i + 1)
                                                    .arg(f.mean[std::size_t(i)]).arg(truth)));
            }
        }
        // Holt's one-step error on a line is zero: its intervals collapse.
        const auto holt = forecast(y, 1, h, Method::Holt);
        QVERIFY(holt.hi95.back() - holt.lo95.back() < 1e-2);
        // Theta is above the naive forecast and below the line.
        const auto th = forecast(y, 1, h, Method::Theta);
        QVERIFY(th.mean.back() > y.back() + 0.4 * b * h);
        QVERIFY(th.mean.back() < a + b * (n + h - 1));
    }

    void pureSeasonality()
    {
        const int m = 12, n = 120, h = 24;
        std::vector<double> y(n);
        auto val = [&](int t) { return 100 + 10 * std::sin(2 * std::numbers::pi * t / m) + 3 * std::cos(4 * std::numbers::pi * t / m); };
        for (int t = 0; t < n; ++t)
            y[std::size_t(t)] = val(t);
        const auto sn = forecast(y, m, h, Method::SeasonalNaive);
        for (int i = 0; i < h; ++i)
            QVERIFY(std::abs(sn.mean[std::size_t(i)] - val(n + i)) < 1e-9);
        const auto fit = autoEts(y, m);
        QVERIFY2(fit.spec.season != 'N', qPrintable(QString::fromStdString(fit.name())));
        const auto e = forecastEts(fit, h);
        for (int i = 0; i < h; ++i)
            QVERIFY2(std::abs(e.mean[std::size_t(i)] - val(n + i)) < 0.5,
                     qPrintable(QStringLiteral("step %1: %2 vs %3").arg(i).arg(e.mean[std::size_t(i)]).arg(val(n + i))));
        QVERIFY(seasonalityTest(y, m));
        const auto si = seasonalIndices(y, m, h);
        QVERIFY(std::abs(si[std::size_t(n)] - si[std::size_t(n - m)]) < 1e-12);
        // Naive2 (seasonally adjusted naive) is close on a pure seasonal pattern.
        const auto n2 = forecast(y, m, h, Method::Naive2);
        for (int i = 0; i < h; ++i)
            QVERIFY(std::abs(n2.mean[std::size_t(i)] - val(n + i)) < 1.5);
    }

    // Hourly data with a daily and a weekly cycle (weekend days lower) plus noise: Mstl models both
    // cycles, so it beats seasonal naive at lag 24 (which copies Friday into Saturday) and the
    // one-period default; the hourly default is Mstl.
    void twoSeasonalities()
    {
        QCOMPARE(seasonalPeriods(24), (std::vector<int>{24, 168}));
        QCOMPARE(seasonalPeriods(12), (std::vector<int>{12}));
        Rng rng(7);
        auto val = [](int t) {
            const int hour = t % 24, day = (t / 24) % 7;
            return 200 + 40 * std::sin(2 * std::numbers::pi * hour / 24) + (day >= 5 ? -60.0 : 0.0);
        };
        double errMstl = 0, errSnaive = 0, errPlain = 0;
        for (int rep = 0; rep < 5; ++rep) {
            const int n = 24 * 7 * 5 + 24 * (rep + 1); // ends on different weekdays
            const int h = 48;
            std::vector<double> y(static_cast<std::size_t>(n));
            for (int t = 0; t < n; ++t)
                y[std::size_t(t)] = val(t) + rng.normal(0, 5);
            std::vector<double> truth;
            for (int i = 0; i < h; ++i)
                truth.push_back(val(n + i));
            const auto fm = forecast(y, 24, h, Method::Mstl);
            QVERIFY(allFinite(fm));
            QVERIFY2(fm.model.find("168") != std::string::npos, fm.model.c_str());
            const auto fd = forecast(y, 24, h, Method::Default);
            QCOMPARE(fd.mean, fm.mean);
            errMstl += smape(truth, fm.mean);
            errSnaive += smape(truth, forecast(y, 24, h, Method::SeasonalNaive).mean);
            errPlain += smape(truth, forecast(y, 24, h, Method::Theta).mean);
            for (int i = 0; i < h; ++i)
                QVERIFY(fm.lo95[std::size_t(i)] <= fm.mean[std::size_t(i)] && fm.mean[std::size_t(i)] <= fm.hi95[std::size_t(i)]);
        }
        QVERIFY2(errMstl < errSnaive, qPrintable(QString("mstl %1, snaive %2").arg(errMstl).arg(errSnaive)));
        QVERIFY2(errMstl < errPlain, qPrintable(QString("mstl %1, theta %2").arg(errMstl).arg(errPlain)));
        // Too short for a weekly cycle: the daily one only, and still finite.
        std::vector<double> shortY(24 * 4);
        for (std::size_t t = 0; t < shortY.size(); ++t)
            shortY[t] = val(int(t)) + rng.normal(0, 5);
        const auto fs = forecast(shortY, 24, 24, Method::Mstl);
        QVERIFY(allFinite(fs));
        QVERIFY2(fs.model.find("168") == std::string::npos, fs.model.c_str());
    }

    // Multiplicative errors: on a series whose noise grows with its level the M-error likelihood
    // wins the AICc comparison, on constant noise the A-error one does; autoEts with M candidates
    // follows; the
    // M-error intervals scale with the forecast; non-positive data is refused for M errors.
    void multiplicativeErrors()
    {
        Rng rng(11);
        const int n = 200;
        std::vector<double> rel(n), add(n);
        for (int t = 0; t < n; ++t) {
            const double level = 10 * std::pow(1.024, t); // 10 .. ~1100
            rel[std::size_t(t)] = level * (1 + 0.05 * rng.normal(0, 1));
            add[std::size_t(t)] = level + 20 + 8 * rng.normal(0, 1);
        }
        const EtsSpec aErr{'A', 'N', 'A'}, mErr{'A', 'N', 'M'};
        QVERIFY(fitEts(rel, 1, mErr).aicc < fitEts(rel, 1, aErr).aicc);
        QVERIFY(fitEts(add, 1, aErr).aicc < fitEts(add, 1, mErr).aicc);
        QCOMPARE(autoEts(rel, 1, true).spec.error, 'M');
        QCOMPARE(autoEts(add, 1, true).spec.error, 'A');
        QCOMPARE(autoEts(rel, 1).spec.error, 'A'); // Method::Ets's choice: additive errors only
        const auto fit = fitEts(rel, 1, mErr);
        QVERIFY(fit.name().rfind("ETS(M,", 0) == 0);
        const auto f = forecastEts(fit, 12);
        QVERIFY(allFinite(f));
        // Spread relative to the forecast: the one-step 95% half-width is 1.96 sigma * forecast.
        const double half = (f.hi95[0] - f.lo95[0]) / 2;
        QVERIFY(std::abs(half - 1.959964 * std::sqrt(fit.sigma2) * f.mean[0]) < 1e-6 * f.mean[0]);
        std::vector<double> withZero = rel;
        withZero[5] = 0;
        QCOMPARE(errorOf([&] { fitEts(withZero, 1, mErr); }), ErrorCode::InvalidArgument);
        QCOMPARE(autoEts(withZero, 1, true).spec.error, 'A'); // the automatic choice leaves M out
    }

    void selectUsesTheSeriesOwnHoldout()
    {
        // Select picks the candidate with the lowest sMAPE on the series' own last h values (the
        // first in order on ties), then refits on the whole series; a series shorter than 3
        // horizons gets the default.
        Rng rng(5);
        const int m = 12, n = 96, h = 12;
        std::vector<double> y;
        for (int t = 0; t < n; ++t)
            y.push_back(50 + 0.3 * t + (t % m == 3 ? 20.0 : 0.0) + (t % m == 7 ? -10.0 : 0.0) + rng.normal(0, 2));
        const std::vector<double> head(y.begin(), y.end() - h), tail(y.end() - h, y.end());
        Method best = Method::Default;
        double bestErr = 1e300;
        for (auto c : {Method::Ets, Method::Theta, Method::Damped, Method::Default, Method::SeasonalNaive}) {
            const double e = smape(tail, forecast(head, m, h, c).mean);
            if (e < bestErr)
                bestErr = e, best = c;
        }
        const auto f = forecast(y, m, h, Method::Select);
        QVERIFY2(f.model.find(std::string(": ") + methodName(best) + ":") != std::string::npos, f.model.c_str());
        QCOMPARE(f.mean, forecast(y, m, h, best).mean);
        const std::vector<double> shortY{1, 3, 2, 4, 3, 5, 4, 6};
        QCOMPARE(forecast(shortY, 1, 4, Method::Select).mean, forecast(shortY, 1, 4, Method::Default).mean);
    }

    void levelShiftSesFollows()
    {
        Rng rng(7);
        std::vector<double> y;
        for (int t = 0; t < 60; ++t)
            y.push_back(10 + rng.normal(0, 0.3));
        for (int t = 0; t < 30; ++t)
            y.push_back(20 + rng.normal(0, 0.3));
        const auto f = forecast(y, 1, 5, Method::Ses);
        for (double v : f.mean)
            QVERIFY2(std::abs(v - 20) < 1.0, qPrintable(QString::number(v)));
    }

    void sesHandComputed()
    {
        // y = 10, 12, 11 with alpha = 0.5: SSE(l0) = (10-l0)^2 + (7-l0/2)^2 + (2.5-l0/4)^2, minimised at
        // l0 = 14.125 / 1.3125; the final level is l0/8 + 9.75.
        const std::vector<double> y{10, 12, 11};
        const auto fit = fitEts(y, 1, {'N', 'N'}, 0.5);
        const double l0 = 14.125 / 1.3125;
        const double expected = l0 / 8 + 9.75;
        QVERIFY2(std::abs(fit.level - expected) < 1e-4, qPrintable(QStringLiteral("%1 vs %2").arg(fit.level).arg(expected)));
        const double sse = std::pow(10 - l0, 2) + std::pow(7 - l0 / 2, 2) + std::pow(2.5 - l0 / 4, 2);
        QVERIFY(std::abs(fit.sse - sse) < 1e-6);
        const auto f = forecastEts(fit, 3);
        QVERIFY(std::abs(f.mean[2] - expected) < 1e-4);
        // var(h) = sigma^2 (1 + alpha^2 (h - 1))
        const double sd3 = std::sqrt(sse / 3 * (1 + 0.25 * 2));
        QVERIFY(std::abs((f.hi95[2] - f.mean[2]) - 1.959963984540054 * sd3) < 1e-4);
    }

    void metricsHandComputed()
    {
        const std::vector<double> actual{100, 200}, fc{110, 180}, insample{1, 3, 2, 5};
        QVERIFY(std::abs(smape(actual, fc) - (2000.0 / 210 + 4000.0 / 380) / 2) < 1e-12);
        // lag-1 in-sample MAE = (2 + 1 + 3) / 3 = 2; forecast MAE = 15
        QVERIFY(std::abs(mase(insample, actual, fc, 1) - 7.5) < 1e-12);
        // lag-2 in-sample MAE = (1 + 2) / 2 = 1.5
        QVERIFY(std::abs(mase(insample, actual, fc, 2) - 10.0) < 1e-12);
        QVERIFY(std::abs(owa(10, 5, 20, 10) - 0.5) < 1e-12);
        QVERIFY(std::abs(owa(20, 10, 20, 10) - 1.0) < 1e-12);
        QCOMPARE(errorOf([&] { mase({4, 4, 4}, actual, fc, 1); }), ErrorCode::InvalidArgument);
        QCOMPARE(errorOf([&] { smape({1}, {1, 2}); }), ErrorCode::InvalidArgument);
    }

    void intervalsShape()
    {
        Rng rng(11);
        std::vector<double> y{100};
        for (int t = 1; t < 200; ++t)
            y.push_back(y.back() + rng.normal(0.1, 1.0) + 2 * std::sin(t * 2 * std::numbers::pi / 7));
        for (auto m : allMethods()) {
            const auto f = forecast(y, 7, 14, m);
            QVERIFY(allFinite(f));
            for (std::size_t i = 0; i < f.mean.size(); ++i) {
                QVERIFY2(f.hi95[i] - f.lo95[i] > f.hi80[i] - f.lo80[i], methodName(m));
                QVERIFY(f.lo80[i] <= f.mean[i] && f.mean[i] <= f.hi80[i]);
            }
            // wider at the end than at the start (seasonal naive widens per full period)
            QVERIFY2(f.hi80.back() - f.lo80.back() > f.hi80.front() - f.lo80.front(), methodName(m));
        }
    }

    void intervalCoverage()
    {
        // Random walks for naive/SES/default, AR(1) around a mean for SES and ETS: the 80% interval
        // should cover roughly 70-90% of the future values (fixed seed, many series).
        Rng rng(2024);
        const int series = 300, n = 120, h = 6;
        auto coverage = [&](bool ar, Method method) {
            int in = 0, total = 0;
            for (int s = 0; s < series; ++s) {
                std::vector<double> y{ar ? 50.0 : 100.0};
                for (int t = 1; t < n + h; ++t)
                    y.push_back(ar ? 50 + 0.5 * (y.back() - 50) + rng.normal() : y.back() + rng.normal());
                const std::vector<double> train(y.begin(), y.begin() + n);
                const auto f = forecast(train, 1, h, method);
                for (int i = 0; i < h; ++i, ++total)
                    in += (y[std::size_t(n + i)] >= f.lo80[std::size_t(i)] && y[std::size_t(n + i)] <= f.hi80[std::size_t(i)]);
            }
            return double(in) / total;
        };
        for (auto [ar, m] : std::vector<std::pair<bool, Method>>{{false, Method::Naive}, {false, Method::Ses}, {false, Method::Default},
                                                                 {true, Method::Ses}, {true, Method::Ets}}) {
            const double c = coverage(ar, m);
            qInfo("%s on %s: 80%% interval covers %.3f", methodName(m), ar ? "AR(1)" : "random walk", c);
            QVERIFY2(c >= 0.70 && c <= 0.90, qPrintable(QStringLiteral("%1: %2").arg(methodName(m)).arg(c)));
        }
    }

    void badInput()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        for (auto m : allMethods()) {
            QCOMPARE(errorOf([&] { forecast({}, 1, 3, m); }), ErrorCode::InvalidArgument);
            QCOMPARE(errorOf([&] { forecast({nan, nan, nan}, 1, 3, m); }), ErrorCode::InvalidArgument);
            QCOMPARE(errorOf([&] { forecast({1, nan, 3}, 1, 3, m); }), ErrorCode::InvalidArgument);
            // constant series: the constant, zero-width intervals, never NaN
            const auto c = forecast(std::vector<double>(30, 4.0), 12, 5, m);
            QVERIFY(allFinite(c));
            for (double v : c.mean)
                QCOMPARE(v, 4.0);
            // very short series fall back, never NaN
            const auto s = forecast({3.0, 5.0}, 1, 4, m);
            QVERIFY2(allFinite(s), methodName(m));
            const auto one = forecast({3.0}, 1, 2, m);
            QVERIFY(allFinite(one));
            // negative values with a period: multiplicative forms are skipped, forecasts stay finite
            std::vector<double> neg;
            for (int t = 0; t < 60; ++t)
                neg.push_back(-5 + 3 * std::sin(t * 2 * std::numbers::pi / 12) + 0.01 * t);
            QVERIFY2(allFinite(forecast(neg, 12, 12, m)), methodName(m));
        }
        QCOMPARE(errorOf([&] { forecast({1, 2, 3}, 12, 3, Method::SeasonalNaive); }), ErrorCode::InvalidArgument);
        QCOMPARE(errorOf([&] { forecast({1, 2, 3}, 1, 0, Method::Ses); }), ErrorCode::InvalidArgument);
        std::vector<double> neg(48, -1.0);
        neg[3] = -2;
        QCOMPARE(errorOf([&] { fitEts(neg, 12, {'N', 'M'}); }), ErrorCode::InvalidArgument);
        QCOMPARE(errorOf([&] { fitEts({1, 2, 3, 4, 5}, 12, {'N', 'A'}); }), ErrorCode::InvalidArgument);
    }

    void m4Reader()
    {
        const std::string csv = "\"V1\",\"V2\",\"V3\",\"V4\",\"V5\"\n"
                                "\"W1\",\"1.5\",\"2\",\"3\",\"4\"\n"
                                "\"W2\",\"10\",\"11\",\"\",\"\"\r\n"
                                "\"W3\",\"7\",,,\n";
        const auto s = parseM4Csv(csv, "inline");
        QCOMPARE(s.size(), std::size_t(3));
        QCOMPARE(s[0].id, std::string("W1"));
        QCOMPARE(s[0].values, (std::vector<double>{1.5, 2, 3, 4}));
        QCOMPARE(s[1].values, (std::vector<double>{10, 11}));
        QCOMPARE(s[2].values, (std::vector<double>{7}));
        auto message = [](const std::string& text) {
            try {
                parseM4Csv(text, "bad.csv");
            } catch (const Error& e) {
                return e.code() == ErrorCode::Parse ? std::string(e.what()) : std::string("wrong error code");
            }
            return std::string("no error");
        };
        const std::string head = "\"V1\",\"V2\",\"V3\",\"V4\"\n\"A\",\"1\",\"2\",\"3\"\n";
        QVERIFY(message(head + "\"B\",\"1\",\"\",\"3\"\n").find("line 3") != std::string::npos);
        QVERIFY(message(head + "\"B\",\"1\",\"x\",\"3\"\n").find("line 3") != std::string::npos);
        QVERIFY(message(head + "\"B\",\"1\",\"2\",\"3\",\"4\"\n").find("line 3") != std::string::npos);
        QVERIFY(message(head + "\"C\",,,\n").find("line 3") != std::string::npos);
        QVERIFY(message("\"X\",\"Y\"\n\"A\",\"1\"\n").find("line 1") != std::string::npos);
        QCOMPARE(errorOf([] { readM4Csv("/nonexistent/m4.csv"); }), ErrorCode::Io);
    }

    void naive2ReproducesM4_data()
    {
        QTest::addColumn<QString>("set");
        QTest::addColumn<int>("period");
        QTest::addColumn<double>("smape");
        QTest::addColumn<double>("mase");
        // M4's published Naive2 row (M4 used frequency 1 for Weekly, 24 for Hourly).
        QTest::newRow("Weekly, period 1") << "Weekly" << 1 << 9.161 << 2.777;
        QTest::newRow("Hourly, period 24") << "Hourly" << 24 << 18.383 << 2.395;
    }
    void naive2ReproducesM4()
    {
        QFETCH(QString, set);
        QFETCH(int, period);
        QFETCH(double, smape);
        QFETCH(double, mase);
        const std::string dir = SHOPPILOT_DATA_DIR "/m4/";
        const auto train = dir + set.toStdString() + "-train.csv", test = dir + set.toStdString() + "-test.csv";
        if (!std::filesystem::exists(train))
            QFAIL(qPrintable(QStringLiteral("the M4 data is missing: %1 (set SHOPPILOT_DATA_DIR)").arg(QString::fromStdString(train))));
        const auto r = evaluate(readM4Csv(train), readM4Csv(test), period, {Method::Naive2}, {});
        const auto* n2 = r.find("naive2");
        QVERIFY(n2);
        qInfo("%s naive2: sMAPE %.3f MASE %.3f", qPrintable(set), n2->smape, n2->mase);
        QVERIFY2(std::abs(n2->smape - smape) < 0.01, qPrintable(QString::number(n2->smape, 'f', 4)));
        QVERIFY2(std::abs(n2->mase - mase) < 0.01, qPrintable(QString::number(n2->mase, 'f', 4)));
        QCOMPARE(n2->owa, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestForecast)
#include "tst_forecast.moc"
