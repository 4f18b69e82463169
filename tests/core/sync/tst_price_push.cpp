// Price write-back: pushPrice() PUTs the new price to the shop (here the simulator, over HTTPS
// with its generated certificate), then updates the local product, adds a price_history point
// and appends audit_log, in one transaction after the shop said yes. A refused push changes
// nothing locally.
#include <QTemporaryDir>
#include <QtTest>

#include "demo/demo_generator.h"
#include "store/database.h"
#include "store/repositories.h"
#include "core/sync/tls_shop.h"
#include "sync/platform_sim.h"
#include "sync/woo_sync.h"

using namespace shoppilot;

class TestPricePush : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    static std::int64_t priceOf(store::Database& db, const std::string& where)
    {
        return db.queryInt("SELECT price_minor FROM products WHERE " + where).value_or(-1);
    }

private Q_SLOTS:
    void pushesPriceAndAudits()
    {
        auto shop = test::startTlsShop(m_dir, 11, "ck_test", "cs_test");
        sync::SyncOptions o = shop.client;
        o.resources = {"products"};
        auto local = store::Database::open(m_dir.filePath("local.db").toStdString(), {store::OpenMode::CreateIfMissing});
        QVERIFY(sync::syncWoo(local, o, {}).completed);

        const auto productId = local.queryInt("SELECT min(id) FROM products").value();
        const auto externalId = local.queryText("SELECT external_id FROM products WHERE id = " + std::to_string(productId)).value();
        const std::int64_t before = priceOf(local, "id = " + std::to_string(productId));
        const std::int64_t after = before + 123;
        const auto auditBefore = store::countRows(local, "audit_log");

        sync::pushPrice(local, o, productId, after, "merchandiser@test");

        QCOMPARE(priceOf(local, "id = " + std::to_string(productId)), after);
        QCOMPARE(store::countRows(local, "audit_log"), auditBefore + 1);
        QCOMPARE(local.queryText("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").value_or(""), std::string("price.push"));
        QCOMPARE(local.queryText("SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1").value_or(""), std::string("merchandiser@test"));
        const auto details = local.queryText("SELECT details_json FROM audit_log ORDER BY id DESC LIMIT 1").value_or("");
        QVERIFY2(details.find(std::to_string(before)) != std::string::npos && details.find(std::to_string(after)) != std::string::npos,
                 details.c_str());
        QCOMPARE(local.queryInt("SELECT price_minor FROM price_history WHERE product_id = " + std::to_string(productId)
                                + " ORDER BY valid_from DESC LIMIT 1").value_or(-1), after);
        {
            // The shop has it too.
            auto shopDb = store::Database::open(shop.source, {store::OpenMode::ReadOnly});
            QCOMPARE(priceOf(shopDb, "id = " + externalId), after);
        }

        // Wrong credentials: the shop refuses, nothing changes locally.
        sync::SyncOptions wrong = o;
        wrong.secret = "cs_wrong";
        wrong.maxRetries = 0;
        QVERIFY_THROWS_EXCEPTION(Error, sync::pushPrice(local, wrong, productId, after + 1, "mallory"));
        QCOMPARE(priceOf(local, "id = " + std::to_string(productId)), after);
        QCOMPARE(store::countRows(local, "audit_log"), auditBefore + 1);
        shop.server->stop();
    }
};

QTEST_GUILESS_MAIN(TestPricePush)
#include "tst_price_push.moc"
