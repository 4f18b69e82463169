// Stock planning: Croston, SBA and TSB against values computed by hand, the intermittency test,
// the per-SKU plan on a tiny demo store (reorder points, orders only at or below them, the
// stock-out probability, the purchase-order CSV), the backtest's figures being consistent, and bad
// options refused.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "common/csv.h"
#include "common/error.h"
#include "demo/demo_generator.h"
#include "logistics/stock.h"
#include "store/database.h"

using namespace shoppilot;
using namespace shoppilot::logistics;

class TestStock : public QObject {
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
        o.seed = 5;
        demo::generateDemoStore(db, o, {});
    }

    void intermittentMethodsByHand()
    {
        const std::vector<double> y{0, 3, 0, 0, 2, 0, 4};
        // Croston: z 3 -> 2.9 -> 3.01, p 2 -> 2.1 -> 2.09 (intervals 2, 3, 2).
        QVERIFY(std::abs(crostonForecast(y, 0.1) - 3.01 / 2.09) < 1e-12);
        QVERIFY(std::abs(sbaForecast(y, 0.1) - 0.95 * 3.01 / 2.09) < 1e-12);
        // TSB: d from 3/7, updated every week with b = 0.1 (0.445033385714...), z as Croston's.
        QVERIFY(std::abs(tsbForecast(y, 0.1, 0.1) - 0.4450333857142857 * 3.01) < 1e-12);
        QCOMPARE(crostonForecast({0, 0, 0}), 0.0);
        QCOMPARE(tsbForecast({}), 0.0);
        QCOMPARE(averageDemandInterval(y), 7.0 / 3.0);
        QVERIFY(isIntermittent(y));
        QVERIFY(!isIntermittent({2, 3, 1, 4, 2, 2}));
        const auto f = forecastDemand(y, DemandMethod::Sba, 4);
        QCOMPARE(f.size(), std::size_t(4));
        QCOMPARE(f[3], f[0]);
        const auto regular = forecastDemand({5, 6, 5, 7, 6, 6, 7, 8, 7, 8}, DemandMethod::Ets, 3);
        QVERIFY(regular[0] > 4 && regular[0] < 10);
    }

    void planOnTheStore()
    {
        auto db = store::Database::open(m_path, {store::OpenMode::ReadWrite});
        // One SKU made short of stock, one with plenty: the plan orders the first, not the second.
        const auto history = demandHistory(db);
        QVERIFY(history.weeks > 20);
        QVERIFY(history.skus.size() > 10);
        const std::int64_t low = history.skus[0].productId, high = history.skus[1].productId;
        db.exec("UPDATE products SET stock = 0, lead_time_days = 14 WHERE id = " + std::to_string(low));
        db.exec("UPDATE products SET stock = 100000, lead_time_days = 14 WHERE id = " + std::to_string(high));
        StockOptions o;
        o.serviceLevel = 0.95;
        const StockReport r = planStock(db, o);
        QCOMPARE(r.plans.size(), history.skus.size());
        bool seenLow = false, seenHigh = false;
        bool ordersFirst = true, anyWithout = false;
        for (const auto& p : r.plans) {
            QVERIFY(p.reorderPoint >= p.safetyStock - 1e-9);
            QVERIFY(p.safetyStock >= 0);
            QCOMPARE(p.forecast.size(), std::size_t(o.horizon));
            QVERIFY(p.stockoutProbability >= 0 && p.stockoutProbability <= 1);
            if (p.suggestedOrder > 0) {
                QVERIFY(double(p.stock) <= p.reorderPoint);
                QVERIFY(double(p.stock + p.suggestedOrder) >= p.orderUpTo - 1e-9);
                QVERIFY2(ordersFirst, "plans with an order come first");
            } else {
                anyWithout = true;
                ordersFirst = false;
            }
            if (p.productId == low) {
                seenLow = true;
                QVERIFY(p.suggestedOrder > 0);
                QVERIFY(p.stockoutProbability > 0.5);
                QCOMPARE(p.leadTimeWeeks, 2.0);
            }
            if (p.productId == high) {
                seenHigh = true;
                QCOMPARE(p.suggestedOrder, std::int64_t(0));
                QVERIFY(p.stockoutProbability < 1e-6);
            }
        }
        QVERIFY(seenLow && seenHigh && anyWithout);
        // A higher service level never lowers a reorder point.
        o.serviceLevel = 0.99;
        const StockReport strict = planStock(db, o);
        for (const auto& p : strict.plans)
            for (const auto& q : r.plans)
                if (p.productId == q.productId)
                    QVERIFY(p.reorderPoint >= q.reorderPoint - 1e-9);
        // The CSV has one row per order, with the header's columns.
        const std::string csv = purchaseOrdersCsv(r);
        std::vector<std::vector<std::string>> rows;
        std::size_t start = 0;
        for (std::size_t end; (end = csv.find('\n', start)) != std::string::npos; start = end + 1)
            rows.push_back(parseCsvLine(std::string_view(csv).substr(start, end - start)));
        QCOMPARE(rows.front().front(), std::string("sku"));
        std::size_t orders = 0;
        for (const auto& p : r.plans)
            orders += p.suggestedOrder > 0 ? 1 : 0;
        QCOMPARE(rows.size(), orders + 1);
        for (std::size_t i = 1; i < rows.size(); ++i)
            QCOMPARE(rows[i].size(), rows.front().size());
        o.serviceLevel = 1.0;
        QVERIFY_THROWS_EXCEPTION(Error, planStock(db, o));
    }

    void backtest()
    {
        auto db = store::Database::open(m_path, {store::OpenMode::ReadOnly});
        const StockEval e = evalStock(db, {}, 8);
        QVERIFY(e.skus > 0);
        QVERIFY(e.scored > 0 && e.scored <= e.skus);
        QCOMPARE(e.methods.size(), std::size_t(6));
        double best = 1e9, worst = 0;
        for (const auto& m : e.methods) {
            QVERIFY(std::isfinite(m.mase) && m.mase > 0);
            best = std::min(best, m.mase);
            worst = std::max(worst, m.mase);
        }
        // The per-SKU choice is one of the methods per SKU, so its mean lies within their range.
        QVERIFY(e.chosen.mase >= best * 0.5 && e.chosen.mase <= worst * 1.5);
        QVERIFY(e.fillRate > 0 && e.fillRate <= 1);
        QVERIFY(e.baselineFillRate > 0 && e.baselineFillRate <= 1);
        QVERIFY(!formatStockEval(e).empty());
        QVERIFY(stockEvalJson(e).find("\"fill_rate\"") != std::string::npos);
        QVERIFY_THROWS_EXCEPTION(Error, evalStock(db, {}, 1000));
    }
};

QTEST_GUILESS_MAIN(TestStock)
#include "tst_stock.moc"
