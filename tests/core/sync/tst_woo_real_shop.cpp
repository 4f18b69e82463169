// A sync against a shop that behaves like a real WooCommerce (issue 12): the simulator with
// --woo-shapes (variable products and variations, unpriced drafts, unmanaged stock, checkout-draft
// and plugin-status orders, fees, coupons spread over lines), its customers endpoint that rejects
// orderby=modified, and no event feed. Everything valid arrives, nothing is quarantined, every
// order's lines + fees + shipping + tax equal its total, and the customer strategy (full pass,
// then new registrations only) behaves as the README says.
#include <QTemporaryDir>
#include <QtTest>

#include "demo/demo_generator.h"
#include "store/database.h"
#include "store/repositories.h"
#include "core/sync/tls_shop.h"
#include "sync/platform_sim.h"
#include "sync/woo_sync.h"

using namespace shoppilot;

class TestWooRealShop : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    static std::int64_t q(store::Database& db, const std::string& sql) { return db.queryInt(sql).value_or(-1); }

private Q_SLOTS:
    void syncsCompletelyLikeARealShop()
    {
        auto shop = test::startTlsShop(m_dir, 12, "ck_real", "cs_real", [](sync::SimulatorOptions& so) {
            so.strictAuth = true;
            so.wooShapes = true;
            so.eventFeed = false;
        });
        sync::SyncOptions o = shop.client;
        o.perPage = 50;
        const std::string localPath = m_dir.filePath("local.db").toStdString();
        auto local = store::Database::open(localPath, {store::OpenMode::CreateIfMissing});
        const auto report = sync::syncWoo(local, o, {});
        qInfo("%s", report.summary().c_str());
        QVERIFY(report.completed);
        QVERIFY(report.eventFeedAbsent);
        QCOMPARE(report.totalQuarantined(), std::int64_t(0));
        QCOMPARE(q(local, "SELECT count(*) FROM sync_quarantine"), std::int64_t(0));
        QCOMPARE(*local.meta("shop.event_feed"), std::string("absent"));
        QCOMPARE(*local.meta("shop.currency"), report.shopCurrency);
        QVERIFY(!report.shopCurrency.empty());

        auto src = store::Database::open(shop.source, {store::OpenMode::ReadOnly});
        // Every record of the shop arrived (the shop's products include its variations).
        for (const char* t : {"products", "customers", "orders"})
            QCOMPARE(store::countRows(local, t), store::countRows(src, t));
        QCOMPARE(store::countRows(local, "order_items"), store::countRows(src, "order_items"));
        // Woo shapes kept: unpriced products, unmanaged stock, variations under their parent.
        QCOMPARE(q(local, "SELECT count(*) FROM products WHERE price_set = 0"),
                 q(src, "SELECT count(*) FROM products WHERE price_set = 0"));
        QVERIFY(q(local, "SELECT count(*) FROM products WHERE price_set = 0") >= 3); // 2 drafts + parents
        QCOMPARE(q(local, "SELECT count(*) FROM products WHERE stock_managed = 0"),
                 q(src, "SELECT count(*) FROM products WHERE stock_managed = 0"));
        QCOMPARE(q(local, "SELECT count(*) FROM products WHERE product_type = 'variation' AND parent_id IS NOT NULL"),
                 q(src, "SELECT count(*) FROM products WHERE parent_id IS NOT NULL"));
        QVERIFY(q(local, "SELECT count(*) FROM products WHERE product_type = 'variation'") > 0);
        // Order lines of variations point at the variation's row.
        QCOMPARE(q(local, "SELECT count(*) FROM order_items i JOIN products p ON p.id = i.product_id"
                          " WHERE p.product_type = 'variation'"),
                 q(src, "SELECT count(*) FROM order_items i JOIN products p ON p.id = i.product_id"
                        " WHERE p.parent_id IS NOT NULL"));
        // Statuses beyond the core ones kept, mapped.
        QCOMPARE(q(local, "SELECT count(*) FROM orders WHERE platform_status = 'checkout-draft' AND status = 'failed'"),
                 q(src, "SELECT count(*) FROM orders WHERE platform_status = 'checkout-draft'"));
        QCOMPARE(q(local, "SELECT count(*) FROM orders WHERE platform_status = 'shipped'"),
                 q(src, "SELECT count(*) FROM orders WHERE platform_status = 'shipped'"));
        QCOMPARE(q(local, "SELECT sum(fees_minor) FROM orders"), q(src, "SELECT sum(fees_minor) FROM orders"));
        // Unit price x quantity - discount = line total; lines + fees + shipping + tax = total.
        QCOMPARE(q(local, "SELECT count(*) FROM order_items WHERE unit_price_minor * quantity - discount_minor"
                          " <> line_total_minor"),
                 std::int64_t(0));
        QCOMPARE(q(local, "SELECT count(*) FROM orders o WHERE coalesce((SELECT sum(line_total_minor) FROM order_items"
                          " WHERE order_id = o.id), 0) + fees_minor + shipping_minor + tax_minor <> total_minor"),
                 std::int64_t(0));
        // A coupon counts once: the line discounts of an order add up to its discount.
        QCOMPARE(q(local, "SELECT count(*) FROM orders o WHERE o.discount_minor <> coalesce((SELECT"
                          " sum(discount_minor) FROM order_items WHERE order_id = o.id), 0)"),
                 std::int64_t(0));
        // List prices as in the source (WooCommerce's after-discount "price" is not read as one).
        QCOMPARE(q(local, "SELECT sum(unit_price_minor * quantity) FROM order_items"),
                 q(src, "SELECT sum(unit_price_minor * quantity) FROM order_items"));
        const auto& orders = report.resources.at(2);
        QCOMPARE(orders.resource, std::string("orders"));
        QCOMPARE(orders.totalsMismatched, std::int64_t(0));
        QCOMPARE(orders.totalsChecked, store::countRows(src, "orders"));
        const auto& customers = report.resources.at(1);
        QVERIFY(customers.fullPass);

        // The next run: new registrations only; an edit to an old customer waits for the full pass.
        {
            auto w = store::Database::open(shop.source);
            w.exec("INSERT INTO customers(name, country, created_at, updated_at) VALUES('New Person', 'GB',"
                   " (SELECT max(created_at) + 10 FROM customers), (SELECT max(created_at) + 10 FROM customers))");
            w.exec("UPDATE customers SET city = 'Edited', updated_at = updated_at + 100000 WHERE id = 1");
        }
        const auto second = sync::syncWoo(local, o, {});
        QVERIFY(second.completed);
        QVERIFY(!second.resources.at(1).fullPass);
        QCOMPARE(q(local, "SELECT count(*) FROM customers WHERE name = 'New Person'"), std::int64_t(1));
        QCOMPARE(q(local, "SELECT count(*) FROM customers WHERE city = 'Edited'"), std::int64_t(0));
        o.customerFullPassHours = 0; // a full pass now
        const auto third = sync::syncWoo(local, o, {});
        QVERIFY(third.resources.at(1).fullPass);
        QCOMPARE(q(local, "SELECT count(*) FROM customers WHERE city = 'Edited'"), std::int64_t(1));
        QCOMPARE(third.totalQuarantined(), std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestWooRealShop)
#include "tst_woo_real_shop.moc"
