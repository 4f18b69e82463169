// The learned purchase model: it never reads a day after the calibration end, it refuses a
// calibration period too short for any training window, and on clockwork buyers (regular gaps,
// which BG/NBD's Poisson purchasing cannot express) it beats BG/NBD's holdout error.
#include <QtTest>

#include <cmath>

#include "common/error.h"
#include "common/random.h"
#include "segments/clv_model.h"

using namespace shoppilot;
using namespace shoppilot::segments;

namespace {

// Customers who buy every P days (+-2) from a random start and stop after each purchase with
// probability 0.08.
TransactionLog clockworkLog(std::uint64_t seed, int customers, int lastDay)
{
    Rng rng(seed, 1);
    TransactionLog log;
    for (int c = 0; c < customers; ++c) {
        log.customerKeys.push_back(std::to_string(c));
        const int period = int(rng.range(10, 60));
        int day = int(rng.range(0, lastDay - 120));
        for (;;) {
            log.purchases.push_back({c, day, 10.0 + double(rng.below(40))});
            if (rng.bernoulli(0.08))
                break;
            day += period + int(rng.range(-2, 2));
            if (day > lastDay)
                break;
        }
    }
    return log;
}

ClvModelOptions quickOptions()
{
    ClvModelOptions o;
    o.maxEpochs = 250;
    return o;
}

} // namespace

class TestClvModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void trainingReadsNothingAfterCalibrationEnd()
    {
        const int calEnd = 300;
        auto log = clockworkLog(11, 600, 400);
        auto changed = log;
        // Rewrite the future: drop every purchase after the calibration end, add others.
        std::erase_if(changed.purchases, [&](const Purchase& p) { return p.day > calEnd; });
        for (int c = 0; c < 600; c += 3)
            changed.purchases.push_back({c, calEnd + 1 + c % 50, 99.0});
        const auto a = ClvModel::train(groupByDay(log), calEnd, quickOptions());
        const auto b = ClvModel::train(groupByDay(changed), calEnd, quickOptions());
        std::vector<Summary> sums;
        for (const auto& c : groupByDay(log)) {
            Summary s;
            if (summarise(c, calEnd, s))
                sums.push_back(s);
        }
        const BgNbdParams p{0.8, 20, 0.7, 3.0};
        const auto pa = a.predict(sums, p, 100);
        const auto pb = b.predict(sums, p, 100);
        QCOMPARE(pa.size(), sums.size());
        for (std::size_t i = 0; i < pa.size(); ++i)
            QVERIFY2(std::abs(pa[i] - pb[i]) <= 1e-6 * std::max(1.0, pa[i]),
                     qPrintable(QString("customer %1: %2 vs %3").arg(i).arg(pa[i]).arg(pb[i])));
        QCOMPARE(a.report().examples, b.report().examples);
        QVERIFY(a.report().validationExamples > 0);
        QVERIFY(!a.report().tried.empty());
    }

    void beatsBgNbdOnClockworkBuyers()
    {
        const auto log = clockworkLog(5, 1500, 420);
        const auto ev = evaluateClv(log, 300, 420, quickOptions());
        qInfo("MAE model %.4f, BG/NBD %.4f, naive %.4f; totals actual %.0f model %.1f BG/NBD %.1f", ev.model.mae, ev.bgnbd.mae,
              ev.naive.mae, ev.actualTotal, ev.model.total, ev.bgnbd.total);
        for (const auto& t : ev.training.tried)
            qInfo("%s", t.c_str());
        QVERIFY(ev.customers > 1000);
        QVERIFY(ev.actualTotal > 0);
        QVERIFY2(ev.model.mae < 0.9 * ev.bgnbd.mae, "the learned model should use the regular gaps BG/NBD cannot see");
        QVERIFY(ev.model.mae < ev.naive.mae);
        // The totals stay in the right range (a model that predicts zero everywhere fails here).
        QVERIFY(std::abs(ev.model.total / ev.actualTotal - 1) < 0.25);
    }

    void refusesTooShortCalibration()
    {
        const auto log = clockworkLog(3, 200, 200); // first purchases on days 0..80
        bool threw = false;
        try {
            ClvModel::train(groupByDay(log), 50, quickOptions());
        } catch (const Error& e) {
            threw = true;
            QCOMPARE(e.code(), ErrorCode::InvalidArgument);
            QVERIFY(std::string(e.what()).find("too short") != std::string::npos);
        }
        QVERIFY(threw);
        QVERIFY_THROWS_EXCEPTION(Error, evaluateClv(log, 50, 40));
        ClvModel empty;
        QVERIFY_THROWS_EXCEPTION(Error, empty.predict({Summary{}}, BgNbdParams{1, 1, 1, 1}, 30));
    }
};

QTEST_GUILESS_MAIN(TestClvModel)
#include "tst_clv_model.moc"
