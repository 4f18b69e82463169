// Per-customer predictions on a tiny demo store: the "not enough history" state below the stated
// minimum, probabilities and top-3 lists well formed, no look at orders after the as-of day, the
// time-split evaluation refusing a cut-off without a full outcome window, and ROC-AUC by hand.
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

#include "common/error.h"
#include "demo/demo_generator.h"
#include "segments/churn.h"
#include "segments/next_category.h"
#include "segments/predictions.h"
#include "store/database.h"

using namespace shoppilot;
using namespace shoppilot::segments;

class TestPredictions : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_path;
    std::unique_ptr<store::ThreadCheckExemption> m_exempt;

private Q_SLOTS:
    void initTestCase()
    {
        m_exempt = std::make_unique<store::ThreadCheckExemption>();
        m_path = m_dir.filePath("tiny.db").toStdString();
        auto db = store::Database::open(m_path, {store::OpenMode::CreateIfMissing});
        demo::DemoOptions o;
        o.size = demo::DemoSize::Tiny;
        o.seed = 13;
        demo::generateDemoStore(db, o, {});
    }

    void rocAucByHand()
    {
        QCOMPARE(rocAuc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}), 0.75);
        QCOMPARE(rocAuc({1, 2, 3, 4}, {0, 0, 1, 1}), 1.0);
        QCOMPARE(rocAuc({1, 2, 3, 4}, {1, 1, 0, 0}), 0.0);
        QCOMPARE(rocAuc({5, 5, 5, 5}, {1, 0, 1, 0}), 0.5);
        QCOMPARE(rocAuc({1, 2}, {1, 1}), 0.5);
    }

    void evaluationIsATimeSplit()
    {
        auto db = store::Database::open(m_path, {store::OpenMode::ReadOnly});
        const int last = lastOrderDay(db);
        QVERIFY_THROWS_EXCEPTION(Error, evalPredictions(db, last - 30, 90));
        const auto ev = evalPredictions(db, last - 90, 90);
        qInfo("churn: %d customers, rate %.3f, ROC-AUC %.3f vs recency %.3f, Brier %.3f; next category: %d customers, "
              "%d categories, accuracy %.3f (top-3 %.3f) vs own most frequent %.3f, overall most frequent %.3f",
              ev.churnCustomers, ev.churnRate, ev.churnRocAuc, ev.churnBaselineRocAuc, ev.churnBrier, ev.nextCategoryCustomers,
              ev.categories, ev.nextCategoryAccuracy, ev.nextCategoryTop3Accuracy, ev.nextCategoryBaselineAccuracy,
              ev.nextCategoryGlobalBaselineAccuracy);
        QVERIFY(ev.churnCustomers > 50);
        QVERIFY(ev.churnRate > 0 && ev.churnRate < 1);
        int binned = 0;
        for (const auto& b : ev.churnReliability) {
            binned += b.count;
            if (b.count) {
                QVERIFY(b.meanPredicted >= b.lo - 1e-9 && b.meanPredicted <= b.hi + 1e-9);
            }
        }
        QCOMPARE(binned, ev.churnCustomers);
        // Recency alone carries signal on the demo store; the model sees recency too, so it must
        // not be worse than chance, and it must be calibrated in the large.
        QVERIFY(ev.churnBaselineRocAuc > 0.55);
        QVERIFY(ev.churnRocAuc > 0.55);
        QVERIFY(ev.churnBrier < ev.churnRate * (1 - ev.churnRate) * 1.05); // beats predicting the base rate
        QVERIFY(ev.nextCategoryCustomers > 10);
        QVERIFY(ev.nextCategoryTop3Accuracy >= ev.nextCategoryAccuracy);
        QVERIFY(ev.nextCategoryTop3Accuracy > ev.nextCategoryGlobalBaselineAccuracy);
    }

    void customerPredictionsAndNotEnoughHistory()
    {
        auto db = store::Database::open(m_path, {store::OpenMode::ReadOnly});
        const int asOf = lastOrderDay(db) - 60;
        const auto p = predictCustomers(db, asOf);
        const auto buyers = db.queryInt("SELECT COUNT(DISTINCT customer_id) FROM orders WHERE customer_id IS NOT NULL AND "
                                        "status NOT IN ('cancelled','failed') AND created_at < " +
                                        std::to_string((std::int64_t(asOf) + 1) * 86400));
        QCOMPARE(std::int64_t(p.customers.size()), *buyers);
        QVERIFY(p.purchaseModel == ServedModel::Learned || p.purchaseModel == ServedModel::Bgnbd);
        int few = 0;
        for (const auto& c : p.customers) {
            if (c.purchaseDays < kMinPurchaseDaysForPrediction) {
                ++few;
                QCOMPARE(int(c.state), int(PredictionState::NotEnoughHistory));
                QCOMPARE(c.expectedPurchases, 0.0);
                QVERIFY(c.nextCategory.empty());
                continue;
            }
            QCOMPARE(int(c.state), int(PredictionState::Ok));
            QVERIFY(c.expectedPurchases >= 0 && std::isfinite(c.expectedPurchases));
            QVERIFY(c.expectedSpend >= 0);
            QVERIFY(c.probAlive > 0 && c.probAlive <= 1);
            QVERIFY(c.churnProbability >= 0 && c.churnProbability <= 1);
            QVERIFY(c.nextCategory.size() <= 3);
            double sum = 0;
            for (std::size_t k = 0; k < c.nextCategory.size(); ++k) {
                sum += c.nextCategory[k].probability;
                if (k)
                    QVERIFY(c.nextCategory[k].probability <= c.nextCategory[k - 1].probability);
                QVERIFY(!c.nextCategory[k].name.empty());
            }
            QVERIFY(sum <= 1.0 + 1e-5);
        }
        QCOMPARE(p.notEnoughHistory, few);
        QVERIFY(few > 0 && few < int(p.customers.size()));
        // Churn and next category: the served model is the one that won on the validation window.
        QVERIFY(p.validationChurnCustomers > 0);
        if (p.churnModel == ServedModel::Learned)
            QVERIFY(p.validationChurnAucLearned > p.validationChurnAucRecency);
        else
            QVERIFY(p.churnModel == ServedModel::Recency);
        int calibrated = 0;
        for (const auto& b : p.churnCalibration) {
            calibrated += b.count;
            if (b.count)
                QVERIFY(b.meanPredicted >= b.lo - 1e-9 && b.meanPredicted <= b.hi + 1e-9);
        }
        QCOMPARE(calibrated, p.validationChurnCustomers);
        QVERIFY(p.validationNextCategoryCustomers > 0);
        if (p.nextCategoryModel == ServedModel::Learned)
            QVERIFY(p.validationNextCategoryLearned > p.validationNextCategoryFrequent);
        else
            QVERIFY(p.nextCategoryModel == ServedModel::Frequent);
    }

    void futureOrdersDoNotChangePredictions()
    {
        const std::string copy = m_dir.filePath("cut.db").toStdString();
        std::filesystem::copy_file(m_path, copy);
        int asOf = 0;
        CustomerPredictions full, cut;
        {
            auto db = store::Database::open(m_path, {store::OpenMode::ReadOnly});
            asOf = lastOrderDay(db) - 60;
            full = predictCustomers(db, asOf);
        }
        {
            auto db = store::Database::open(copy);
            db.exec("PRAGMA foreign_keys = OFF"); // other tables point at orders; only orders matter here
            db.exec("DELETE FROM orders WHERE created_at >= " + std::to_string((std::int64_t(asOf) + 1) * 86400));
            cut = predictCustomers(db, asOf);
        }
        QCOMPARE(cut.customers.size(), full.customers.size());
        QVERIFY(cut.purchaseModel == full.purchaseModel);
        for (std::size_t i = 0; i < full.customers.size(); ++i) {
            const auto& a = full.customers[i];
            const auto& b = cut.customers[i];
            QCOMPARE(a.customerId, b.customerId);
            QVERIFY(std::abs(a.expectedPurchases - b.expectedPurchases) < 1e-5);
            QVERIFY(std::abs(a.churnProbability - b.churnProbability) < 1e-5);
            QCOMPARE(a.nextCategory.size(), b.nextCategory.size());
            if (!a.nextCategory.empty())
                QCOMPARE(a.nextCategory[0].categoryId, b.nextCategory[0].categoryId);
        }
    }

    void cleanupTestCase() { m_exempt.reset(); }
};

QTEST_GUILESS_MAIN(TestPredictions)
#include "tst_predictions.moc"
