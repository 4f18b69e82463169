// Tests the demo-store generator: determinism, the planted ground truth checked with independent
// SQL over a tiny store, transactional cancel, and refusal to write into a store with data.
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/error.h"
#include "demo/demo_generator.h"
#include "store/database.h"
#include "store/repositories.h"

using namespace shoppilot;

namespace {

const std::vector<std::string> kDataTables{
    "categories", "products", "price_history", "competitor_prices", "customers", "campaigns", "orders",
    "order_items", "refunds", "events", "campaign_exposures", "support_conversations", "support_messages",
    "kb_articles", "depots", "vehicles", "shipments", "truth_customers", "truth_products", "truth_fraud",
    "truth_campaign_uplift", "truth_support", "store_meta"};

// FNV-1a over every row of a table, rows ordered by primary key, values rendered by quote().
std::uint64_t tableDigest(store::Database& db, const std::string& table)
{
    std::vector<std::string> cols, pk;
    {
        store::Statement st(db, "SELECT name, pk FROM pragma_table_info('" + table + "') ORDER BY cid");
        while (st.step()) {
            cols.push_back(st.columnText(0));
            if (st.columnInt(1) > 0)
                pk.push_back(st.columnText(0));
        }
    }
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < cols.size(); ++i)
        sql += (i ? " || '|' || quote(" : "quote(") + cols[i] + ")";
    sql += " FROM " + table + " ORDER BY ";
    if (pk.empty())
        sql += "rowid";
    for (std::size_t i = 0; i < pk.size(); ++i)
        sql += (i ? "," : "") + pk[i];
    std::uint64_t h = 1469598103934665603ULL;
    store::Statement st(db, sql);
    std::int64_t rows = 0;
    while (st.step()) {
        for (const char ch : st.columnText(0) + "\n") {
            h ^= std::uint8_t(ch);
            h *= 1099511628211ULL;
        }
        ++rows;
    }
    return h ^ std::uint64_t(rows);
}

double real(store::Database& db, const std::string& sql)
{
    store::Statement st(db, sql);
    if (!st.step() || st.isNull(0))
        return 0.0;
    return st.columnDouble(0);
}

std::int64_t count(store::Database& db, const std::string& sql)
{
    return db.queryInt(sql).value_or(-1);
}

} // namespace

class TestDemoGenerator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parseSizes();
    void summaryMatchesTables();
    void determinism();
    void metaKeys();
    void referentialIntegrity();
    void orderTotals();
    void catalogue();
    void fraudTruth();
    void pricingTruth();
    void archetypes();
    void campaigns();
    void support();
    void behaviour();
    void logistics();
    void cancelLeavesNoData_data();
    void cancelLeavesNoData();
    void refusesStoreWithData();

private:
    std::string path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)).toStdString(); }
    demo::DemoSummary generate(const std::string& file, std::uint64_t seed, const Progress& progress = {});

    QTemporaryDir m_dir;
    std::string m_main;
    demo::DemoSummary m_summary;
    int m_progressCalls = 0;
    std::uint64_t m_seed = 42;
};

demo::DemoSummary TestDemoGenerator::generate(const std::string& file, std::uint64_t seed, const Progress& progress)
{
    auto db = store::Database::open(file, {store::OpenMode::CreateIfMissing});
    demo::DemoOptions options;
    options.size = demo::DemoSize::Tiny;
    options.seed = seed;
    return demo::generateDemoStore(db, options, progress);
}

void TestDemoGenerator::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_main = path("main.db");
    // SHOPPILOT_DEMO_SEED lets a developer run the truth checks over other seeds.
    m_seed = qEnvironmentVariableIsSet("SHOPPILOT_DEMO_SEED") ? qEnvironmentVariable("SHOPPILOT_DEMO_SEED").toULongLong() : 42;
    m_summary = generate(m_main, m_seed, [this](double f, std::string_view) {
        ++m_progressCalls;
        return f >= 0.0 && f <= 1.0;
    });
    QVERIFY(m_progressCalls >= 3);
}

void TestDemoGenerator::parseSizes()
{
    for (auto s : {demo::DemoSize::Tiny, demo::DemoSize::Small, demo::DemoSize::Default, demo::DemoSize::Large})
        QCOMPARE(demo::parseDemoSize(demo::demoSizeName(s)), std::optional<demo::DemoSize>(s));
    QVERIFY(!demo::parseDemoSize("huge"));
    QVERIFY(!demo::parseDemoSize(""));
}

void TestDemoGenerator::summaryMatchesTables()
{
    auto db = store::Database::open(m_main, {store::OpenMode::ReadOnly});
    QCOMPARE(store::countRows(db, "products"), m_summary.products);
    QCOMPARE(store::countRows(db, "customers"), m_summary.customers);
    QCOMPARE(store::countRows(db, "orders"), m_summary.orders);
    QCOMPARE(store::countRows(db, "order_items"), m_summary.orderItems);
    QCOMPARE(store::countRows(db, "events"), m_summary.events);
    QCOMPARE(store::countRows(db, "refunds"), m_summary.refunds);
    QCOMPARE(store::countRows(db, "truth_fraud"), m_summary.fraudOrders);
    QCOMPARE(store::countRows(db, "campaign_exposures"), m_summary.exposures);
    QCOMPARE(store::countRows(db, "support_messages"), m_summary.messages);
    QCOMPARE(store::countRows(db, "shipments"), m_summary.shipments);
    // Tiny is the unit-test size: small enough to be quick, big enough for statistics.
    QVERIFY(m_summary.customers >= 200 && m_summary.customers <= 600);
    QVERIFY(m_summary.products >= 50 && m_summary.products <= 150);
    QVERIFY(m_summary.orders >= 1500 && m_summary.orders <= 10000);
    QVERIFY(m_summary.events >= 10000 && m_summary.events <= 60000);
    QVERIFY(m_summary.totalRows() > m_summary.events);
}

void TestDemoGenerator::determinism()
{
    const std::string again = path("again.db"), other = path("other.db");
    generate(again, m_seed);
    generate(other, m_seed + 1);
    auto a = store::Database::open(m_main, {store::OpenMode::ReadOnly});
    auto b = store::Database::open(again, {store::OpenMode::ReadOnly});
    auto c = store::Database::open(other, {store::OpenMode::ReadOnly});
    int differing = 0;
    for (const auto& t : kDataTables) {
        const auto da = tableDigest(a, t);
        QVERIFY2(da == tableDigest(b, t), ("same seed, different " + t).c_str());
        if (t != "store_meta" && da != tableDigest(c, t))
            ++differing;
    }
    // Fixed vocabularies (categories, depots, kb) may coincide; the simulated data must not.
    for (const char* t : {"products", "customers", "orders", "events", "truth_products", "price_history"})
        QVERIFY2(tableDigest(a, t) != tableDigest(c, t), t);
    QVERIFY(differing >= 15);
}

void TestDemoGenerator::metaKeys()
{
    auto db = store::Database::open(m_main, {store::OpenMode::ReadOnly});
    QCOMPARE(db.meta("source").value_or(""), std::string("demo"));
    QCOMPARE(db.meta("demo_seed").value_or(""), std::to_string(m_seed));
    QCOMPARE(db.meta("demo_size").value_or(""), std::string("tiny"));
    const auto currency = db.meta("currency").value_or("");
    QCOMPARE(currency.size(), std::size_t(3));
    QCOMPARE(count(db, "SELECT count(*) FROM orders WHERE currency <> '" + currency + "'"), std::int64_t(0));
    QCOMPARE(count(db, "SELECT count(*) FROM products WHERE currency <> '" + currency + "'"), std::int64_t(0));
    QVERIFY(db.meta("name").has_value());
    const auto start = parseTimestamp(db.meta("data_start").value_or(""));
    const auto end = parseTimestamp(db.meta("data_end").value_or(""));
    QVERIFY(start && end);
    QVERIFY(*end - *start >= 360 * kSecondsPerDay);
    // Orders and events lie inside the window; the window ends the day before the default end.
    const Timestamp endExclusive = *end + kSecondsPerDay;
    QCOMPARE(endExclusive, makeTimestamp(2026, 11, 1));
    QCOMPARE(count(db, "SELECT count(*) FROM orders WHERE created_at < " + std::to_string(*start)
                           + " OR created_at >= " + std::to_string(endExclusive)),
             std::int64_t(0));
    QCOMPARE(count(db, "SELECT count(*) FROM events WHERE ts < " + std::to_string(*start)
                           + " OR ts >= " + std::to_string(endExclusive)),
             std::int64_t(0));
}

void TestDemoGenerator::referentialIntegrity()
{
    auto db = store::Database::open(m_main, {store::OpenMode::ReadOnly});
    QCOMPARE(count(db, "SELECT count(*) FROM pragma_foreign_key_check"), std::int64_t(0));
    // The generator rebuilds secondary indexes after its bulk load: they must all be back.
    QCOMPARE(count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('events_ts', "
                       "'events_customer', 'events_product', 'events_session', 'orders_created', 'orders_customer', "
                       "'orders_device', 'orders_ip', 'orders_payment', 'order_items_order', 'order_items_product', "
                       "'customers_country', 'refunds_order', 'refunds_created')"),
             std::int64_t(14));
    const auto problems = db.verify();
    QVERIFY2(problems.empty(), problems.empty() ? "" : problems.front().c_str());
    // Purchase events point at orders of the same customer and at products in that order.
    QCOMPARE(count(db, "SELECT count(*) FROM events e JOIN orders o ON o.id = e.order_id "
                       "WHERE e.type = 'purchase' AND (e.customer_id IS NOT o.customer_id OR NOT EXISTS "
                       "(SELECT 1 FROM order_items i WHERE i.order_id = o.id AND i.product_id = e.product_id))"),
             std::int64_t(0));
    QCOMPARE(count(db, "SELECT count(*) FROM events WHERE type = 'purchase' AND order_id IS NULL"), std::int64_t(0));
    QCOMPARE(count(db, "SELECT count(*) FROM events WHERE type = 'search' AND (query IS NULL OR query = '')"),
             std::int64_t(0));
    QVERIFY(count(db, "SELECT count(*) FROM events WHERE customer_id IS NULL") > 0);
    QVERIFY(count(db, "SELECT count(DISTINCT type) FROM events") == 4);
}

void TestDemoGenerator::orderTotals()
{
    auto db = store::Database::open(m_main, {store::OpenMode::ReadOnly});
    QCOMPARE(count(db, "SELECT count(*) FROM orders o WHERE subtotal_minor <> "
                       "(SELECT coalesce(sum(line_total_minor), -1) FROM order_items i WHERE i.order_id = o.id)"),
             std::int64_t(0));
    QCOMPARE(count(db, "SELECT count(*) FROM orders WHERE total_minor <> subtotal_minor - discount_minor + "
                       "shipping_minor + tax_minor"),
             std::int64_t(0));
    QCOMPARE(count(db, "SELECT count(*) FROM order_items WHERE line_total_minor <> quantity * unit_price_minor - "
                       "discount_minor"),
             std::int64_t(0));
    // Items are sold at the price in force at the time (price_history), not the current one.
    QCOMPARE(count(db, "SELECT count(*) FROM order_items i JOIN orders o ON o.id = i.order_id WHERE "
                       "i.unit_price_minor <> (SELECT h.price_minor FROM price_history h WHERE h.product_id = "
                       "i.product_id AND h.valid_from <= o.created_at ORDER BY h.valid_from DESC LIMIT 1)"),
             std::int64_t(0));
    const double completed = real(db, "SELECT avg(status = 'completed') FROM orders");
    QVERIFY2(completed > 0.8, std::to_string(completed).c_str());
    QVERIFY(count(db, "SELECT count(DISTINCT status) FROM orders") >= 4);
    QVERIFY(count(db, "SELECT count(DISTINCT channel) FROM orders") >= 4);
    QVERIFY(count(db, "SELECT count(DISTINCT payment_method) FROM orders") >= 3);
    // Refunds never exceed their order; legit orders have some returns, fraud some chargebacks.
    QCOMPARE(count(db, "SELECT count(*) FROM refunds r JOIN orders o ON o.id = r.order_id "
                       "WHERE r.amount_minor > o.total_minor"),
             std::int64_t(0));
    const double returns = real(db, "SELECT CAST(count(DISTINCT order_id) AS REAL) / (SELECT count(*) FROM orders) "
                                    "FROM refunds WHERE kind IN ('return','refund')");
    QVERIFY2(returns > 0.01 && returns < 0.1, std::to_string(returns).c_str());
}

void TestDemoGenerator::catalogue()
{
    auto db = store::Database::open(m_main, {store::OpenMode::ReadOnly});
    const auto cats = count(db, "SELECT count(*) FROM categories WHERE name_zh IS NOT NULL");
    QVERIFY(cats >= 12 && cats <= 20);
    QCOMPARE(count(db, "SELECT count(*) FROM products WHERE title_zh IS NULL OR title_en = '' OR brand IS NULL"),
             std::int64_t(0));
    QCOMPARE(count(db, "SELECT count(*) FROM products WHERE cost_minor < 0.3 * price_minor * 0.6 "
                       "OR cost_minor > 0.7 * price_minor * 1.5"),
             std::int64_t(0));
    // Size ladders: groups of variants with ranks 1..n.
    QVERIFY(count(db, "SELECT count(DISTINCT ladder_group) FROM products WHERE ladder_group IS NOT NULL") >= 2);
    QCOMPARE(count(db, "SELECT count(*) FROM (SELECT ladder_group FROM products WHERE ladder_group IS NOT NULL "
                       "GROUP BY ladder_group HAVING count(*) < 2 OR count(DISTINCT ladder_rank) <> count(*))"),
             std::int64_t(0));
    QVERIFY(count(db, "SELECT count(DISTINCT country) FROM customers") >= 5);
    QCOMPARE(count(db, "SELECT count(*) FROM customers WHERE lat IS NULL OR email_hash IS NULL OR "
                       "length(email_hash) < 32 OR locale NOT IN ('en','zh')"),
             std::int64_t(0));
    QVERIFY(count(db, "SELECT count(*) FROM customers WHERE created_at < (SELECT min(created_at) FROM orders)") > 0);
    // Competitors: 2-3 per product, weekly observations.
    QCOMPARE(count(db, "SELECT count(*) FROM (SELECT product_id FROM competitor_prices GROUP BY product_id "
                       "HAVING count(DISTINCT competitor) NOT BETWEEN 2 AND 3)"),
             std::int64_t(0));
    QVERIFY(real(db, "SELECT avg(n) FROM (SELECT count(*) AS n FROM competitor_prices GROUP BY product_id, competitor)")
            >= 50);
}

void TestDemoGenerator::fraudTruth()
{
    auto db = store::Database::open(m_main, {store::OpenMode::ReadOnly});
    const double share = real(db, "SELECT CAST((SELECT count(*) FROM truth_fraud) AS REAL) / count(*) FROM orders");
    QVERIFY2(share >= 0.005 && share <= 0.03, std::to_string(share).c_str());
    QCOMPARE(count(db, "SELECT count(*) FROM truth_fraud WHERE pattern NOT IN ('new_account_big_basket', "
                       "'device_burst', 'ip_burst', 'country_mismatch', 'ring', 'card_testing')"),
             std::int64_t(0));
    QVERIFY(count(db, "SELECT count(DISTINCT pattern) FROM truth_fraud") >= 4);
    // Each pattern shows its signature.
    QCOMPARE(count(db, "SELECT count(*) FROM truth_fraud f JOIN orders o ON o.id = f.order_id WHERE "
                       "f.pattern = 'country_mismatch' AND o.bill_country = o.ip_country AND "
                       "o.bill_country = o.ship_country"),
             std::int64_t(0));
    QCOMPARE(count(db, "SELECT count(*) FROM truth_fraud f JOIN orders o ON o.id = f.order_id WHERE "
                       "f.pattern = 'device_burst' AND (SELECT count(*) FROM orders o2 WHERE o2.device_id = o.device_id "
                       "AND abs(o2.created_at - o.created_at) < 4 * 3600) < 3"),
             std::int64_t(0));
    QCOMPARE(count(db, "SELECT count(*) FROM truth_fraud f JOIN orders o ON o.id = f.order_id WHERE "
                       "f.pattern = 'ip_burst' AND (SELECT count(*) FROM orders o2 WHERE o2.ip = o.ip "
                       "AND abs(o2.created_at - o.created_at) < 6 * 3600) < 3"),
             std::int64_t(0));
    QCOMPARE(count(db, "SELECT count(*) FROM truth_fraud f JOIN orders o ON o.id = f.order_id JOIN customers c ON "
                       "c.id = o.customer_id WHERE f.pattern = 'new_account_big_basket' AND "
                       "(o.created_at - c.created_at > 2 * 3600 OR (SELECT count(*) FROM order_items i WHERE "
                       "i.order_id = o.id) < 3)"),
             std::int64_t(0));
    QCOMPARE(count(db, "SELECT count(*) FROM truth_fraud WHERE pattern = 'ring' AND ring_id IS NULL"), std::int64_t(0));
    QCOMPARE(count(db, "SELECT count(*) FROM truth_fraud f JOIN orders o ON o.id = f.order_id WHERE f.pattern = 'ring' "
                       "AND (SELECT count(DISTINCT o2.customer_id) FROM truth_fraud f2 JOIN orders o2 ON o2.id = "
                       "f2.order_id WHERE f2.ring_id = f.ring_id AND o2.ship_address = o.ship_address) < 2"),
             std::int64_t(0));
    if (count(db, "SELECT count(*) FROM truth_fraud WHERE pattern = 'card_testing'") > 0) {
        // Card tests are small and come from one device with many cards.
        QVERIFY(real(db, "SELECT avg(o.total_minor) FROM truth_fraud f JOIN orders o ON o.id = f.order_id WHERE "
                         "f.pattern = 'card_testing'")
                < real(db, "SELECT avg(total_minor) FROM orders"));
        QVERIFY(count(db, "SELECT max(n) FROM (SELECT count(DISTINCT payment_fingerprint) AS n FROM truth_fraud f "
                          "JOIN orders o ON o.id = f.order_id WHERE f.pattern = 'card_testing' GROUP BY o.device_id)")
                >= 4);
    }
    // Chargebacks reveal fraud more than legit orders.
    const double cbFraud = real(db, "SELECT avg(EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = f.order_id AND "
                                    "r.kind = 'chargeback')) FROM truth_fraud f");
    const double cbLegit = real(db, "SELECT avg(EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = o.id AND r.kind = "
                                    "'chargeback')) FROM orders o WHERE o.id NOT IN (SELECT order_id FROM truth_fraud)");
    QVERIFY2(cbFraud > 0.2 && cbFraud > 10 * cbLegit, (std::to_string(cbFraud) + " vs " + std::to_string(cbLegit)).c_str());
    // Legit orders: the IP country mostly matches the billing country.
    QVERIFY(real(db, "SELECT avg(ip_country = bill_country) FROM orders WHERE ip_country IS NOT NULL AND id NOT IN "
                     "(SELECT order_id FROM truth_fraud)")
            > 0.95);
}

void TestDemoGenerator::pricingTruth()
{
    auto db = store::Database::open(m_main, {store::OpenMode::ReadOnly});
    QCOMPARE(count(db, "SELECT count(*) FROM truth_products"), count(db, "SELECT count(*) FROM products"));
    QCOMPARE(count(db, "SELECT count(*) FROM truth_products WHERE elasticity < -3.6 OR elasticity > -0.4 OR "
                       "base_weekly_units < 0 OR length(factors) <> (SELECT length(factors) FROM truth_customers LIMIT 1)"),
             std::int64_t(0));
    // Elasticity varies by category: the spread of category means is clearly non-zero.
    const double lo = real(db, "SELECT min(e) FROM (SELECT avg(t.elasticity) AS e FROM truth_products t JOIN products p "
                               "ON p.id = t.product_id GROUP BY p.category_id)");
    const double hi = real(db, "SELECT max(e) FROM (SELECT avg(t.elasticity) AS e FROM truth_products t JOIN products p "
                               "ON p.id = t.product_id GROUP BY p.category_id)");
    QVERIFY2(hi - lo > 0.8, (std::to_string(lo) + " .. " + std::to_string(hi)).c_str());
    // Most products have several price points, a few none; promotions exist.
    const double varied = real(db, "SELECT avg(n >= 3) FROM (SELECT count(DISTINCT price_minor) AS n FROM price_history "
                                   "GROUP BY product_id)");
    QVERIFY2(varied > 0.6, std::to_string(varied).c_str());
    QVERIFY(count(db, "SELECT count(*) FROM price_history WHERE promo = 1") > 0);
    // Demand follows price: units per order line are higher in promo weeks than otherwise, for
    // the same products (share of a product's units sold at promo vs the share of promo weeks).
    const double promoUnits = real(db, R"(
        SELECT avg(h.promo) FROM order_items i JOIN orders o ON o.id = i.order_id
        JOIN price_history h ON h.product_id = i.product_id AND h.valid_from =
            (SELECT max(valid_from) FROM price_history WHERE product_id = i.product_id AND valid_from <= o.created_at)
        WHERE o.id NOT IN (SELECT order_id FROM truth_fraud))");
    const double promoTime = real(db, R"(
        SELECT sum(h.promo * (coalesce((SELECT min(valid_from) FROM price_history n WHERE n.product_id = h.product_id
                                         AND n.valid_from > h.valid_from), (SELECT max(created_at) FROM orders))
                              - max(h.valid_from, (SELECT min(created_at) FROM orders))))
             / sum(coalesce((SELECT min(valid_from) FROM price_history n WHERE n.product_id = h.product_id
                            AND n.valid_from > h.valid_from), (SELECT max(created_at) FROM orders))
                   - max(h.valid_from, (SELECT min(created_at) FROM orders)))
        FROM price_history h)");
    QVERIFY2(promoUnits > 1.3 * promoTime, (std::to_string(promoUnits) + " vs " + std::to_string(promoTime)).c_str());
}

void TestDemoGenerator::archetypes()
{
    auto db = store::Database::open(m_main, {store::OpenMode::ReadOnly});
    QCOMPARE(count(db, "SELECT count(DISTINCT archetype) FROM truth_customers"), std::int64_t(6));
    QCOMPARE(count(db, "SELECT count(*) FROM truth_customers WHERE archetype NOT IN ('champion','loyal',"
                       "'bargain_hunter','at_risk','new','one_off')"),
             std::int64_t(0));
    QVERIFY(real(db, "SELECT max(n) * 1.0 / sum(n) FROM (SELECT count(*) AS n FROM truth_customers GROUP BY archetype)")
            <= 0.6);
    const std::string end = "(SELECT max(created_at) FROM orders)";
    auto share = [&](const char* archetype, const std::string& cond) {
        return real(db, "SELECT avg(" + cond + ") FROM truth_customers t WHERE archetype = '" + archetype + "'");
    };
    const std::string noRecent = "NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = t.customer_id AND "
                                 "o.created_at > " + end + " - 60 * 86400)";
    QVERIFY(share("at_risk", noRecent) > share("champion", noRecent) + 0.3);
    const std::string nOrders = "(SELECT count(*) FROM orders o WHERE o.customer_id = t.customer_id)";
    QVERIFY(share("champion", nOrders) > 2 * share("loyal", nOrders) * 0.9);
    QVERIFY(share("loyal", nOrders) > share("one_off", nOrders));
    QVERIFY(share("one_off", nOrders) <= 2.0);
    const std::string recentJoin = "((SELECT created_at FROM customers c WHERE c.id = t.customer_id) > " + end
        + " - 100 * 86400)";
    QVERIFY(share("new", recentJoin) > 0.95);
    QVERIFY(share("champion", recentJoin) < 0.05);
    const std::string promoShare = R"((SELECT avg(h.promo) FROM orders o JOIN order_items i ON i.order_id = o.id
        JOIN price_history h ON h.product_id = i.product_id AND h.valid_from = (SELECT max(valid_from) FROM
        price_history WHERE product_id = i.product_id AND valid_from <= o.created_at) WHERE o.customer_id = t.customer_id))";
    const double bargain = real(db, "SELECT avg(s) FROM (SELECT " + promoShare
                                        + " AS s FROM truth_customers t WHERE archetype = 'bargain_hunter') WHERE s IS NOT NULL");
    const double loyal = real(db, "SELECT avg(s) FROM (SELECT " + promoShare
                                      + " AS s FROM truth_customers t WHERE archetype = 'loyal') WHERE s IS NOT NULL");
    QVERIFY2(bargain > loyal * 1.3, (std::to_string(bargain) + " vs " + std::to_string(loyal)).c_str());
}

void TestDemoGenerator::campaigns()
{
    // Control groups of a tiny store are too small to see a lift of a few points reliably: the
    // campaign checks run on a small store.
    const std::string file = path("small.db");
    {
        auto db = store::Database::open(file, {store::OpenMode::CreateIfMissing});
        demo::generateDemoStore(db, demo::DemoOptions{demo::DemoSize::Small, m_seed, makeTimestamp(2026, 11, 1)});
    }
    auto db = store::Database::open(file, {store::OpenMode::ReadOnly});
    const auto n = count(db, "SELECT count(*) FROM campaigns");
    QVERIFY(n >= 6 && n <= 10);
    QVERIFY(count(db, "SELECT count(DISTINCT channel) FROM campaigns") >= 3);
    QCOMPARE(count(db, "SELECT count(*) FROM (SELECT campaign_id FROM campaign_exposures GROUP BY campaign_id "
                       "HAVING count(DISTINCT arm) < 2)"),
             std::int64_t(0));
    const double control = real(db, "SELECT avg(arm = 'control') FROM campaign_exposures");
    QVERIFY2(control > 0.07 && control < 0.25, std::to_string(control).c_str());
    QCOMPARE(count(db, "SELECT count(*) FROM truth_campaign_uplift"), 6 * n);
    QCOMPARE(count(db, "SELECT count(*) FROM truth_campaign_uplift WHERE conversion_base < 0 OR conversion_base > 1 "
                       "OR conversion_lift < 0"),
             std::int64_t(0));
    // Treated customers buy in the window more often than the control group.
    const std::string converted = "EXISTS (SELECT 1 FROM orders o JOIN campaigns c ON c.id = e.campaign_id WHERE "
                                  "o.customer_id = e.customer_id AND o.created_at >= c.start_at AND o.created_at < c.end_at)";
    const double treated = real(db, "SELECT avg(" + converted + ") FROM campaign_exposures e WHERE arm = 'treatment'");
    const double ctrl = real(db, "SELECT avg(" + converted + ") FROM campaign_exposures e WHERE arm = 'control'");
    QVERIFY2(treated > ctrl, (std::to_string(treated) + " vs " + std::to_string(ctrl)).c_str());
    QVERIFY(count(db, "SELECT count(*) FROM orders WHERE campaign_id IS NOT NULL") > 0);
    QCOMPARE(count(db, "SELECT count(*) FROM orders o JOIN campaigns c ON c.id = o.campaign_id WHERE "
                       "o.created_at < c.start_at OR o.created_at >= c.end_at"),
             std::int64_t(0));
    // Attributed orders come from treated customers only.
    QCOMPARE(count(db, "SELECT count(*) FROM orders o WHERE campaign_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                       "campaign_exposures e WHERE e.campaign_id = o.campaign_id AND e.customer_id = o.customer_id "
                       "AND e.arm = 'treatment')"),
             std::int64_t(0));
}

void TestDemoGenerator::support()
{
    auto db = store::Database::open(m_main, {store::OpenMode::ReadOnly});
    QCOMPARE(count(db, "SELECT count(DISTINCT language) FROM support_conversations"), std::int64_t(2));
    QVERIFY(count(db, "SELECT count(DISTINCT intent) FROM truth_support") >= 10);
    QCOMPARE(count(db, "SELECT count(*) FROM truth_support"), count(db, "SELECT count(*) FROM support_conversations"));
    // Each conversation opens with a customer message; order-linked ones quote the order number.
    QCOMPARE(count(db, "SELECT count(*) FROM support_conversations c WHERE (SELECT sender FROM support_messages m "
                       "WHERE m.conversation_id = c.id ORDER BY ts, id LIMIT 1) <> 'customer'"),
             std::int64_t(0));
    const double quoted = real(db, "SELECT avg(instr((SELECT text FROM support_messages m WHERE m.conversation_id = c.id "
                                   "ORDER BY ts, id LIMIT 1), o.external_id) > 0) FROM support_conversations c JOIN "
                                   "orders o ON o.id = c.order_id");
    QVERIFY2(quoted > 0.6, std::to_string(quoted).c_str());
    // Varied phrasings: many distinct first messages per intent.
    QVERIFY(real(db, "SELECT avg(n) FROM (SELECT count(DISTINCT m.text) AS n FROM truth_support t JOIN support_messages m "
                     "ON m.conversation_id = t.conversation_id AND m.sender = 'customer' GROUP BY t.intent)")
            >= 4);
    QVERIFY(count(db, "SELECT count(*) FROM support_messages WHERE sender = 'bot'") > 0);
    QVERIFY(count(db, "SELECT count(*) FROM kb_articles WHERE language = 'en'") >= 10);
    QVERIFY(count(db, "SELECT count(*) FROM kb_articles WHERE language = 'zh'") >= 10);
    QCOMPARE(count(db, "SELECT count(DISTINCT intent) FROM truth_support WHERE intent NOT IN (SELECT intent FROM "
                       "kb_articles)"),
             std::int64_t(0));
    QVERIFY(count(db, "SELECT count(*) FROM kb_articles_fts WHERE kb_articles_fts MATCH 'refund'") > 0);
}

void TestDemoGenerator::behaviour()
{
    auto db = store::Database::open(m_main, {store::OpenMode::ReadOnly});
    const double conversion = real(db, "SELECT CAST(count(DISTINCT CASE WHEN type = 'purchase' THEN session_id END) AS "
                                       "REAL) / count(DISTINCT session_id) FROM events");
    QVERIFY2(conversion >= 0.015 && conversion <= 0.06, std::to_string(conversion).c_str());
    // Weekly seasonality: orders per weekday are not all equal.
    store::Statement st(db, "SELECT strftime('%w', created_at, 'unixepoch') AS d, count(*) FROM orders GROUP BY d");
    std::vector<double> perDay;
    while (st.step())
        perDay.push_back(double(st.columnInt(1)));
    QCOMPARE(perDay.size(), std::size_t(7));
    const auto [mn, mx] = std::minmax_element(perDay.begin(), perDay.end());
    QVERIFY2(*mx > 1.1 * *mn, (std::to_string(*mn) + " .. " + std::to_string(*mx)).c_str());
    // Yearly seasonality: the busiest month clearly beats the quietest.
    const double monthRatio = real(db, "SELECT max(n) * 1.0 / min(n) FROM (SELECT count(*) AS n FROM orders GROUP BY "
                                       "strftime('%m', created_at, 'unixepoch'))");
    QVERIFY2(monthRatio > 1.3, std::to_string(monthRatio).c_str());
    // Sessions show sequential structure: consecutive views stay in the category far more often
    // than two random views would.
    const double sameCat = real(db, R"(
        WITH v AS (SELECT e.session_id, e.id, p.category_id FROM events e JOIN products p ON p.id = e.product_id
                   WHERE e.type = 'view'),
             pairs AS (SELECT a.category_id AS c1, (SELECT b.category_id FROM v b WHERE b.session_id = a.session_id
                       AND b.id > a.id ORDER BY b.id LIMIT 1) AS c2 FROM v a)
        SELECT avg(c1 = c2) FROM pairs WHERE c2 IS NOT NULL)");
    const double randomPair = real(db, "SELECT sum(n * n) * 1.0 / (sum(n) * sum(n)) FROM (SELECT count(*) AS n FROM "
                                       "events e JOIN products p ON p.id = e.product_id WHERE e.type = 'view' GROUP BY "
                                       "p.category_id)");
    QVERIFY2(sameCat > 2 * randomPair, (std::to_string(sameCat) + " vs " + std::to_string(randomPair)).c_str());
    // Item choice follows user-item affinity: products customers buy have higher truth affinity
    // (dot product of the planted factors) than random products. Computed here from the blobs.
    auto factors = [&](const std::string& sql) {
        std::vector<std::pair<std::int64_t, std::vector<float>>> out;
        store::Statement q(db, sql);
        while (q.step()) {
            const auto blob = q.columnBlob(1);
            std::vector<float> f(blob.size() / 4);
            for (std::size_t i = 0; i < f.size(); ++i) {
                std::uint32_t bits = 0;
                for (int b = 0; b < 4; ++b)
                    bits |= std::uint32_t(blob[i * 4 + std::size_t(b)]) << (8 * b);
                f[i] = std::bit_cast<float>(bits);
            }
            out.emplace_back(q.columnInt(0), std::move(f));
        }
        return out;
    };
    const auto users = factors("SELECT customer_id, factors FROM truth_customers ORDER BY customer_id");
    const auto items = factors("SELECT product_id, factors FROM truth_products ORDER BY product_id");
    QVERIFY(!users.empty() && !items.empty());
    std::map<std::int64_t, const std::vector<float>*> u, v;
    for (const auto& [id, f] : users)
        u[id] = &f;
    for (const auto& [id, f] : items)
        v[id] = &f;
    auto dot = [](const std::vector<float>& a, const std::vector<float>& b) {
        double s = 0;
        for (std::size_t i = 0; i < a.size(); ++i)
            s += double(a[i]) * b[i];
        return s;
    };
    double bought = 0, random = 0;
    std::int64_t n = 0;
    store::Statement pairs(db, "SELECT o.customer_id, i.product_id, (o.id * 7919 + i.id) % (SELECT count(*) FROM products) + 1 "
                               "FROM orders o JOIN order_items i ON i.order_id = o.id JOIN truth_customers t ON "
                               "t.customer_id = o.customer_id");
    while (pairs.step()) {
        const auto& cu = *u.at(pairs.columnInt(0));
        bought += dot(cu, *v.at(pairs.columnInt(1)));
        random += dot(cu, *v.at(pairs.columnInt(2)));
        ++n;
    }
    QVERIFY(n > 0);
    QVERIFY2(bought / double(n) > random / double(n) + 0.2,
             (std::to_string(bought / double(n)) + " vs " + std::to_string(random / double(n))).c_str());
}

void TestDemoGenerator::logistics()
{
    auto db = store::Database::open(m_main, {store::OpenMode::ReadOnly});
    const auto depots = count(db, "SELECT count(*) FROM depots");
    QVERIFY(depots >= 4 && depots <= 6);
    QCOMPARE(count(db, "SELECT count(*) FROM depots d WHERE NOT EXISTS (SELECT 1 FROM vehicles v WHERE v.depot_id = d.id)"),
             std::int64_t(0));
    QVERIFY(count(db, "SELECT count(*) FROM shipments WHERE status = 'delivered'") > 0);
    QVERIFY(count(db, "SELECT count(*) FROM shipments WHERE status IN ('pending','planned')") > 0);
    QVERIFY(real(db, "SELECT avg(status = 'delivered') FROM shipments") > 0.5);
    // Delivery points scatter a few km around real cities: every shipping point lies within
    // ~40 km of its customer's city centre (about 0.4 degrees).
    QCOMPARE(count(db, "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE "
                       "o.ship_city = c.city AND (abs(o.ship_lat - c.lat) > 0.6 OR abs(o.ship_lon - c.lon) > 1.0) "
                       "AND o.id NOT IN (SELECT order_id FROM truth_fraud)"),
             std::int64_t(0));
    QVERIFY(real(db, "SELECT avg(delivered_at >= created_at) FROM shipments WHERE delivered_at IS NOT NULL") == 1.0);
}

void TestDemoGenerator::cancelLeavesNoData_data()
{
    QTest::addColumn<int>("cancelAt");
    QTest::newRow("first call") << 1;
    QTest::newRow("early") << 3;
    QTest::newRow("while writing") << -2; // two calls before the end: inside the transaction
}

void TestDemoGenerator::cancelLeavesNoData()
{
    QFETCH(int, cancelAt);
    const int stopAt = cancelAt > 0 ? cancelAt : m_progressCalls + cancelAt;
    QVERIFY(stopAt >= 1);
    const std::string file = path(("cancel" + std::to_string(cancelAt + 10) + ".db").c_str());
    int calls = 0;
    bool sawWriting = false;
    bool cancelled = false;
    try {
        generate(file, 42, [&](double f, std::string_view) {
            ++calls;
            sawWriting = sawWriting || f > 0.5;
            return calls < stopAt;
        });
    } catch (const Cancelled&) {
        cancelled = true;
    }
    QVERIFY(cancelled);
    QCOMPARE(calls, stopAt);
    if (cancelAt < 0)
        QVERIFY(sawWriting);
    auto db = store::Database::open(file, {store::OpenMode::ReadOnly});
    for (const auto& t : kDataTables)
        QVERIFY2(store::countRows(db, t) == 0, t.c_str());
}

void TestDemoGenerator::refusesStoreWithData()
{
    auto db = store::Database::open(m_main);
    const auto orders = store::countRows(db, "orders");
    try {
        demo::generateDemoStore(db, demo::DemoOptions{demo::DemoSize::Tiny, 7, makeTimestamp(2026, 11, 1)});
        QFAIL("generateDemoStore wrote into a store with data");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::InvalidArgument);
        QVERIFY(std::string(e.what()).find(m_main) != std::string::npos);
    }
    QCOMPARE(store::countRows(db, "orders"), orders);
}

QTEST_GUILESS_MAIN(TestDemoGenerator)
#include "tst_demo_generator.moc"
