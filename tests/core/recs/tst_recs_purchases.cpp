// Recommendations on a store without browsing events (issue 12: a shop synced from a plain
// WooCommerce has no event feed; the Online Retail import has no events): purchases are the
// interactions, "popular lately" counts units sold, and stock the shop does not track is never
// "out of stock".
#include <QTemporaryDir>
#include <QtTest>

#include "recs/recs_service.h"
#include "recs/recs_store.h"
#include "store/database.h"

using namespace shoppilot;

class TestRecsPurchases : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void purchasesStandInForEvents()
    {
        auto db = store::Database::open(m_dir.filePath("p.db").toStdString(), {store::OpenMode::CreateIfMissing});
        const std::int64_t day = 86400, t0 = 1'700'000'000;
        // Products 1..4: 3 has no stock and tracks it, 4 has none and does not track it.
        db.exec("INSERT INTO products(id, sku, title_en, price_minor, currency, stock, status, created_at, updated_at,"
                " stock_managed) VALUES (1,'A','A',100,'GBP',5,'active',0,0,1), (2,'B','B',100,'GBP',5,'active',0,0,1),"
                " (3,'C','C',100,'GBP',0,'active',0,0,1), (4,'D','D',100,'GBP',0,'active',0,0,0)");
        db.exec("INSERT INTO customers(id, name, created_at, updated_at) VALUES (1,'x',0,0), (2,'y',0,0), (3,'new',0,0)");
        // Customer 1 bought 1 then 2; customer 2 bought 4 (x3) then 3 (x2) then 1. A cancelled
        // order of product 2 x 50 counts for nothing.
        auto order = [&](int id, int customer, std::int64_t ts, const char* status) {
            db.exec("INSERT INTO orders(id, customer_id, created_at, updated_at, status, currency, total_minor) VALUES ("
                    + std::to_string(id) + "," + std::to_string(customer) + "," + std::to_string(ts) + ","
                    + std::to_string(ts) + ",'" + status + "','GBP',100)");
        };
        auto line = [&](int order, int product, int qty) {
            db.exec("INSERT INTO order_items(order_id, product_id, quantity, unit_price_minor, line_total_minor) VALUES ("
                    + std::to_string(order) + "," + std::to_string(product) + "," + std::to_string(qty) + ",100,"
                    + std::to_string(100 * qty) + ")");
        };
        order(1, 1, t0, "completed");
        line(1, 1, 1);
        order(2, 1, t0 + day, "completed");
        line(2, 2, 1);
        order(3, 2, t0, "processing");
        line(3, 4, 3);
        order(4, 2, t0 + day, "completed");
        line(4, 3, 2);
        order(5, 2, t0 + 2 * day, "completed");
        line(5, 1, 1);
        order(6, 1, t0 + 3 * day, "cancelled");
        line(6, 2, 50);

        QVERIFY(!recs::storeHasBrowsingEvents(db));
        const auto seqs = recs::loadStoreSequences(db);
        QVERIFY(seqs.fromPurchases);
        QCOMPARE(seqs.customerIds.size(), std::size_t(2));
        // Customer 2's purchases in time order: 4, 3, 1.
        const auto& s2 = seqs.data.sequences[std::size_t(seqs.userOf.at(2))];
        QCOMPARE(s2.size(), std::size_t(3));
        QCOMPARE(seqs.productIds[std::size_t(s2[0])], std::int64_t(4));
        QCOMPARE(seqs.productIds[std::size_t(s2[1])], std::int64_t(3));
        QCOMPARE(seqs.productIds[std::size_t(s2[2])], std::int64_t(1));

        // No model: the popularity fallback from units sold, never empty. Units: 4 -> 3, 3 -> 2,
        // 1 -> 2, 2 -> 1 (the cancelled 50 do not count). 3 is out of stock (tracked): hidden;
        // 4's stock is not tracked: shown, first.
        recs::RecsService service(db);
        recs::RecsRules rules;
        rules.maxPerCategory = 0;
        const auto top = service.recommend(db, 3, 4, rules);
        QVERIFY(!top.empty());
        QCOMPARE(top.front().product.id, std::int64_t(4));
        for (const auto& r : top)
            QVERIFY(r.product.id != 3);
        QCOMPARE(top.size(), std::size_t(3)); // 4, then 1 and 2
    }
};

QTEST_GUILESS_MAIN(TestRecsPurchases)
#include "tst_recs_purchases.moc"
