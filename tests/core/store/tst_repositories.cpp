// Bulk upserts: ids come back, natural keys update instead of duplicating, one transaction per
// call, and the change feed hears about each table once after its commit.
#include <QTemporaryDir>
#include <QtTest>

#include "store/database.h"
#include "store/repositories.h"
#include "store/summary.h"

using namespace shoppilot;
using namespace shoppilot::store;

class TestRepositories : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    Database fresh() { return Database::open(m_dir.filePath(QString("r%1.db").arg(++m_n)).toStdString(), {OpenMode::CreateIfMissing}); }

    static ProductRow product(const std::string& sku, std::int64_t price)
    {
        ProductRow p;
        p.sku = sku;
        p.titleEn = "Item " + sku;
        p.priceMinor = price;
        p.createdAt = p.updatedAt = 1000;
        return p;
    }

private Q_SLOTS:
    void productsUpsertBySkuAndWriteIdsBack()
    {
        auto db = fresh();
        std::vector<ProductRow> rows{product("A-1", 1000), product("B-2", 250)};
        upsertProducts(db, rows);
        QVERIFY(rows[0].id > 0);
        QVERIFY(rows[1].id > 0);
        QVERIFY(rows[0].id != rows[1].id);

        std::vector<ProductRow> again{product("A-1", 900)}; // same sku, no id: updates
        upsertProducts(db, again);
        QCOMPARE(again[0].id, rows[0].id);
        QCOMPARE(countRows(db, "products"), std::int64_t(2));
        auto st = db.prepare("SELECT price_minor FROM products WHERE sku = 'A-1'");
        QVERIFY(st.step());
        QCOMPARE(st.columnInt(0), std::int64_t(900));
    }

    void ordersUpsertByExternalId()
    {
        auto db = fresh();
        std::vector<CustomerRow> customers(1);
        customers[0].externalId = "c-1";
        customers[0].country = "GB";
        upsertCustomers(db, customers);
        OrderRow o;
        o.externalId = "536365";
        o.customerId = customers[0].id;
        o.createdAt = o.updatedAt = 2000;
        o.totalMinor = 1530;
        o.status = "processing";
        std::vector<OrderRow> orders{o};
        upsertOrders(db, orders);
        const Id first = orders[0].id;
        orders[0].id = 0;
        orders[0].status = "completed";
        upsertOrders(db, orders);
        QCOMPARE(orders[0].id, first);
        QCOMPARE(countRows(db, "orders"), std::int64_t(1));
        QCOMPARE(db.queryText("SELECT status FROM orders").value_or(""), std::string("completed"));

        std::vector<OrderItemRow> items(2);
        for (auto& it : items) {
            it.orderId = first;
            it.quantity = 3;
            it.unitPriceMinor = 255;
            it.lineTotalMinor = 765;
        }
        insertOrderItems(db, items);
        QVERIFY(items[0].id > 0 && items[1].id == items[0].id + 1);
        QCOMPARE(db.queryInt("SELECT sum(line_total_minor) FROM order_items").value_or(0), std::int64_t(1530));
    }

    void foreignKeysAreEnforced()
    {
        auto db = fresh();
        std::vector<OrderItemRow> items(1);
        items[0].orderId = 12345; // no such order
        items[0].lineTotalMinor = 1;
        QVERIFY_THROWS_EXCEPTION(Error, insertOrderItems(db, items));
        QCOMPARE(countRows(db, "order_items"), std::int64_t(0)); // the failed batch rolled back
    }

    void changeFeedHearsEachCommittedBatch()
    {
        auto db = fresh();
        std::vector<Change> seen;
        const auto token = db.changeFeed().subscribe([&](const Change& c) { seen.push_back(c); });
        std::vector<ProductRow> rows{product("X", 1), product("Y", 2), product("Z", 3)};
        upsertProducts(db, rows);
        QCOMPARE(int(seen.size()), 1);
        QCOMPARE(QString::fromStdString(seen[0].table), QString("products"));
        QCOMPARE(seen[0].rows, std::int64_t(3));
        QCOMPARE(int(seen[0].ids.size()), 3);
        QCOMPARE(seen[0].ids[2], rows[2].id);

        // Inside the caller's transaction nothing is announced: the caller does it after commit.
        {
            Transaction tx(db);
            std::vector<ProductRow> more{product("W", 4)};
            upsertProducts(db, more);
            tx.commit();
        }
        QCOMPARE(int(seen.size()), 1);

        // Another connection to the same file shares the feed.
        auto other = Database::open(db.path());
        std::vector<ProductRow> fromOther{product("V", 5)};
        upsertProducts(other, fromOther);
        QCOMPARE(int(seen.size()), 2);
        db.changeFeed().unsubscribe(token);
        upsertProducts(other, fromOther);
        QCOMPARE(int(seen.size()), 2);
    }

    void rolledBackOuterTransactionLeavesNothing()
    {
        auto db = fresh();
        {
            Transaction tx(db);
            std::vector<ProductRow> rows{product("R", 1)};
            upsertProducts(db, rows);
        } // no commit
        QCOMPARE(countRows(db, "products"), std::int64_t(0));
    }

    void eventsPriceHistoryAndSummary()
    {
        auto db = fresh();
        std::vector<ProductRow> p{product("E", 100)};
        upsertProducts(db, p);
        std::vector<EventRow> events(3);
        for (int i = 0; i < 3; ++i) {
            events[std::size_t(i)].ts = 100 + i;
            events[std::size_t(i)].type = i == 2 ? "cart" : "view";
            events[std::size_t(i)].sessionId = "s1";
            events[std::size_t(i)].productId = p[0].id;
        }
        insertEvents(db, events);
        std::vector<PricePointRow> prices{{p[0].id, 0, 100, false, "demo"}, {p[0].id, 50, 80, true, "demo"},
                                          {p[0].id, 50, 85, true, "demo"}};
        upsertPriceHistory(db, prices);
        QCOMPARE(countRows(db, "price_history"), std::int64_t(2));
        QCOMPARE(db.queryInt("SELECT price_minor FROM price_history WHERE valid_from = 50").value_or(0), std::int64_t(85));
        const auto s = summarize(db);
        QCOMPARE(s.count("events"), std::int64_t(3));
        QCOMPARE(s.count("products"), std::int64_t(1));
        QVERIFY_THROWS_EXCEPTION(Error, countRows(db, "no_such_table; DROP TABLE products"));
    }
};

QTEST_GUILESS_MAIN(TestRepositories)
#include "tst_repositories.moc"
