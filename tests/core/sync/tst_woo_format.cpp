// The WooCommerce JSON mapping (core/sync/woo_format.h): exact round trips over a tiny demo store,
// hand-written payloads shaped like a real shop's, and a corpus of malformed records that must each
// be rejected with Error(Parse) and a reason, never a crash.
#include <QtTest>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <string>

#include "common/error.h"
#include "demo/demo_generator.h"
#include "store/database.h"
#include "store/repositories.h"
#include "sync/sim_store.h"
#include "sync/woo_format.h"

using namespace shoppilot;
namespace woo = shoppilot::sync::woo;

class TestWooFormat : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void productsRoundTrip();
    void customersRoundTrip();
    void ordersRoundTrip();
    void eventsRoundTrip();
    void realProductParses();
    void realCustomerParses();
    void realOrderParses();
    void splitArrayKeepsRawElements();
    void malformedCorpus_data();
    void malformedCorpus();
    void roundTripDiffNamesColumns();
    void dates();

private:
    QTemporaryDir m_dir;
    std::string m_storePath;
};

namespace {

const QString kCorpusDir = QStringLiteral(SHOPPILOT_TEST_DATA_DIR "/woo/");

// Shaped like WooCommerce 8.x output (trimmed): HTML-free names, line item price as a number,
// refunds negative, foreign meta keys, fields ShopPilot does not know about.
const char* const kRealProduct = R"({
  "id": 794, "name": "Premium Quality", "slug": "premium-quality-19", "type": "simple",
  "status": "publish", "featured": false, "catalog_visibility": "visible", "sku": "PQ-19",
  "price": "21.99", "regular_price": "21.99", "sale_price": "", "date_on_sale_from": null,
  "date_created": "2017-03-23T17:01:14", "date_created_gmt": "2017-03-23T20:01:14",
  "date_modified": "2017-03-23T17:01:14", "date_modified_gmt": "2017-03-23T20:01:14",
  "manage_stock": true, "stock_quantity": 12, "weight": "0.25",
  "dimensions": {"length": "", "width": "", "height": ""},
  "categories": [{"id": 9, "name": "Clothing", "slug": "clothing"}, {"id": 14, "name": "T-shirts", "slug": "t-shirts"}],
  "tags": [], "images": [{"id": 792, "src": "https://example.com/wp-content/uploads/2017/03/T_2_front-4.jpg"}],
  "meta_data": [{"id": 1, "key": "_yoast_wpseo_title", "value": "x"}],
  "_links": {"self": [{"href": "https://example.com/wp-json/wc/v3/products/794"}]}
})";

const char* const kRealCustomer = R"({
  "id": 25, "date_created": "2017-03-21T16:09:28", "date_created_gmt": "2017-03-21T19:09:28",
  "date_modified": "2017-03-21T16:09:30", "date_modified_gmt": "2017-03-21T19:09:30",
  "email": "John.Doe@Example.com", "first_name": "John", "last_name": "Doe", "role": "customer",
  "username": "john.doe",
  "billing": {"first_name": "John", "last_name": "Doe", "company": "", "address_1": "969 Market",
              "address_2": "", "city": "San Francisco", "state": "CA", "postcode": "94103",
              "country": "US", "email": "john.doe@example.com", "phone": "(555) 555-5555"},
  "shipping": {"first_name": "John", "last_name": "Doe", "city": "San Francisco", "country": "US"},
  "is_paying_customer": false, "avatar_url": "https://secure.gravatar.com/avatar/8eb1b522f60d11fa897de1dc6351b7e8",
  "meta_data": []
})";

const char* const kRealOrder = R"({
  "id": 727, "parent_id": 0, "number": "727", "order_key": "wc_order_58d2d042d1d", "created_via": "rest-api",
  "version": "3.0.0", "status": "processing", "currency": "USD",
  "date_created": "2017-03-22T16:28:02", "date_created_gmt": "2017-03-22T19:28:02",
  "date_modified": "2017-03-22T16:28:08", "date_modified_gmt": "2017-03-22T19:28:08",
  "discount_total": "0.00", "discount_tax": "0.00", "shipping_total": "10.00", "shipping_tax": "0.00",
  "cart_tax": "1.35", "total": "29.35", "total_tax": "1.35", "prices_include_tax": false,
  "customer_id": 0, "customer_ip_address": "203.0.113.7", "customer_user_agent": "", "customer_note": "",
  "billing": {"first_name": "John", "last_name": "Doe", "company": "", "address_1": "969 Market",
              "address_2": "", "city": "San Francisco", "state": "CA", "postcode": "94103", "country": "US",
              "email": "john.doe@example.com", "phone": "(555) 555-5555"},
  "shipping": {"first_name": "John", "last_name": "Doe", "company": "", "address_1": "969 Market",
               "address_2": "", "city": "San Francisco", "state": "CA", "postcode": "94103", "country": "US"},
  "payment_method": "bacs", "payment_method_title": "Direct Bank Transfer", "transaction_id": "",
  "line_items": [
    {"id": 315, "name": "Woo Single #1", "product_id": 93, "variation_id": 0, "quantity": 2, "tax_class": "",
     "subtotal": "6.00", "subtotal_tax": "0.45", "total": "6.00", "total_tax": "0.45",
     "taxes": [{"id": 75, "total": "0.45", "subtotal": "0.45"}], "meta_data": [], "sku": "", "price": 3},
    {"id": 316, "name": "Ship Your Idea &ndash; Color: Black, Size: M Test", "product_id": 22,
     "variation_id": 23, "quantity": 1, "tax_class": "", "subtotal": "12.00", "subtotal_tax": "0.90",
     "total": "11.00", "total_tax": "0.90", "taxes": [], "meta_data": [], "sku": "SYI-M", "price": 11.99}
  ],
  "tax_lines": [], "shipping_lines": [{"id": 317, "method_title": "Flat Rate", "method_id": "flat_rate", "total": "10.00"}],
  "fee_lines": [], "coupon_lines": [{"id": 1, "code": "SUMMER10", "discount": "1.00"}],
  "refunds": [{"id": 726, "reason": "damaged", "total": "-5.50"}],
  "meta_data": [{"id": 13106, "key": "_download_permissions_granted", "value": "yes"}]
})";

} // namespace


void TestWooFormat::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_storePath = m_dir.filePath(QStringLiteral("tiny.sqlite")).toStdString();
    store::OpenOptions options;
    options.mode = store::OpenMode::CreateIfMissing;
    auto db = store::Database::open(m_storePath, options);
    demo::DemoOptions demoOptions;
    demoOptions.size = demo::DemoSize::Tiny;
    demoOptions.seed = 1;
    demo::generateDemoStore(db, demoOptions);
}

void TestWooFormat::productsRoundTrip()
{
    auto db = store::Database::open(m_storePath, {store::OpenMode::ReadOnly});
    const auto products = sync::sim::readProducts(db);
    QCOMPARE(std::int64_t(products.size()), store::countRows(db, "products"));
    int withCategory = 0, withZh = 0;
    for (const auto& p : products) {
        const auto back = woo::parseProduct(woo::productJson(p));
        const std::string d = woo::roundTripDiff(p, back);
        QVERIFY2(d.empty(), ("product " + *p.row.externalId + ": " + d).c_str());
        withCategory += p.categoryName.has_value();
        withZh += p.row.titleZh.has_value();
    }
    QVERIFY(withCategory > 0);
    QVERIFY(withZh > 0);
}

void TestWooFormat::customersRoundTrip()
{
    auto db = store::Database::open(m_storePath, {store::OpenMode::ReadOnly});
    const auto customers = sync::sim::readCustomers(db);
    QCOMPARE(std::int64_t(customers.size()), store::countRows(db, "customers"));
    for (const auto& c : customers) {
        const auto back = woo::parseCustomer(woo::customerJson(c));
        const std::string d = woo::roundTripDiff(c, back);
        QVERIFY2(d.empty(), ("customer " + *c.row.externalId + ": " + d).c_str());
    }
}

void TestWooFormat::ordersRoundTrip()
{
    auto db = store::Database::open(m_storePath, {store::OpenMode::ReadOnly});
    const auto orders = sync::sim::readOrders(db);
    QCOMPARE(std::int64_t(orders.size()), store::countRows(db, "orders"));
    std::int64_t items = 0, refunds = 0;
    for (const auto& o : orders) {
        const auto back = woo::parseOrder(woo::orderJson(o));
        // Served as WooCommerce holds it: an order-level coupon spread over the lines.
        const std::string d = woo::roundTripDiff(woo::wooLines(o), back);
        QVERIFY2(d.empty(), ("order " + *o.row.externalId + ": " + d).c_str());
        items += std::int64_t(o.items.size());
        refunds += std::int64_t(o.refunds.size());
    }
    QCOMPARE(items, store::countRows(db, "order_items"));
    QCOMPARE(refunds, store::countRows(db, "refunds"));
    QVERIFY(refunds > 0);
}

void TestWooFormat::eventsRoundTrip()
{
    auto db = store::Database::open(m_storePath, {store::OpenMode::ReadOnly});
    const auto events = sync::sim::readEvents(db, 0, 2000);
    QCOMPARE(events.size(), std::size_t(2000));
    for (const auto& e : events) {
        const std::string line = woo::eventJson(e);
        QVERIFY(line.find('\n') == std::string::npos);
        const auto back = woo::parseEvent(line);
        QCOMPARE(back.id, e.id);
        QCOMPARE(back.ts, e.ts);
        QCOMPARE(back.type, e.type);
        QCOMPARE(back.sessionId, e.sessionId);
        QVERIFY(back.customerId == e.customerId && back.productId == e.productId && back.orderId == e.orderId);
        QVERIFY(back.query == e.query && back.channel == e.channel && back.deviceId == e.deviceId);
    }
}

void TestWooFormat::realProductParses()
{
    const auto p = woo::parseProduct(kRealProduct);
    QCOMPARE(*p.row.externalId, std::string("794"));
    QCOMPARE(p.row.titleEn, std::string("Premium Quality"));
    QCOMPARE(p.row.sku, std::string("PQ-19"));
    QCOMPARE(p.row.priceMinor, std::int64_t(2199));
    QCOMPARE(p.row.stock, std::int64_t(12));
    QCOMPARE(*p.row.weightG, std::int64_t(250));
    QCOMPARE(p.row.status, std::string("active"));
    QCOMPARE(*p.categoryName, std::string("Clothing"));
    QVERIFY(!p.categoryNameZh && !p.row.titleZh && !p.row.costMinor && !p.row.brand);
    QVERIFY(!p.row.categoryId); // resolved by the sync client, never taken from the platform
    QCOMPARE(p.modifiedAt, makeTimestamp(2017, 3, 23, 20, 1, 14));
    QCOMPARE(p.row.updatedAt, p.modifiedAt);
    QCOMPARE(p.row.createdAt, makeTimestamp(2017, 3, 23, 20, 1, 14));
}

void TestWooFormat::realCustomerParses()
{
    const auto c = woo::parseCustomer(kRealCustomer);
    QCOMPARE(*c.row.externalId, std::string("25"));
    QCOMPARE(*c.row.name, std::string("John Doe"));
    QCOMPARE(*c.row.country, std::string("US"));
    QCOMPARE(*c.row.city, std::string("San Francisco"));
    QVERIFY(c.row.emailHash && c.row.emailHash->size() == 32);
    // The address is never stored; the same address in another case hashes the same.
    QVERIFY(c.row.emailHash->find('@') == std::string::npos);
    std::string other = kRealCustomer;
    other.replace(other.find("John.Doe@Example.com"), 20, "john.doe@example.com");
    QCOMPARE(*woo::parseCustomer(other).row.emailHash, *c.row.emailHash);
    QCOMPARE(c.modifiedAt, makeTimestamp(2017, 3, 21, 19, 9, 30));
}

void TestWooFormat::realOrderParses()
{
    const auto o = woo::parseOrder(kRealOrder);
    QCOMPARE(*o.row.externalId, std::string("727"));
    QCOMPARE(o.row.status, std::string("processing"));
    QCOMPARE(o.row.currency, std::string("USD"));
    QCOMPARE(o.row.totalMinor, std::int64_t(2935));
    QCOMPARE(o.row.shippingMinor, std::int64_t(1000));
    QCOMPARE(o.row.taxMinor, std::int64_t(135));
    QCOMPARE(o.row.subtotalMinor, std::int64_t(1800)); // sum of line subtotals without our meta
    QVERIFY(!o.customerExternalId);                    // guest checkout
    QCOMPARE(*o.row.ip, std::string("203.0.113.7"));
    QCOMPARE(*o.row.paymentMethod, std::string("bacs"));
    QCOMPARE(*o.row.couponCode, std::string("SUMMER10"));
    QCOMPARE(*o.row.shipName, std::string("John Doe"));
    QCOMPARE(*o.row.shipping.postcode, std::string("94103"));
    QCOMPARE(*o.row.billing.line, std::string("969 Market"));
    QCOMPARE(o.items.size(), std::size_t(2));
    QCOMPARE(o.items[0].externalId, std::string("315"));
    QCOMPARE(*o.items[0].productExternalId, std::string("93"));
    QCOMPARE(o.items[0].quantity, std::int64_t(2));
    QCOMPARE(o.items[0].unitPriceMinor, std::int64_t(300));
    // Woo's "price" (11.99 here) is after discounts; the list price is subtotal / quantity.
    QCOMPARE(o.items[1].unitPriceMinor, std::int64_t(1200));
    QCOMPARE(o.items[1].totalMinor, std::int64_t(1100));
    QCOMPARE(o.items[1].discountMinor, std::int64_t(100));
    QCOMPARE(o.refunds.size(), std::size_t(1));
    QCOMPARE(o.refunds[0].amountMinor, std::int64_t(550));
    QCOMPARE(o.refunds[0].reason, std::string("damaged"));
    QCOMPARE(o.refunds[0].kind, std::string("refund"));
    QCOMPARE(o.refunds[0].createdAt, o.modifiedAt);
}

void TestWooFormat::splitArrayKeepsRawElements()
{
    const std::string body = R"( [ {"id":1,"name":"a, [b]"} ,{"id":2,"s":"q\"}"},
        {"garbage": [1, {"x": null}]}, 17, "text" ] )";
    const auto parts = woo::splitArray(body);
    QCOMPARE(parts.size(), std::size_t(5));
    QCOMPARE(parts[0], std::string(R"({"id":1,"name":"a, [b]"})"));
    QCOMPARE(parts[1], std::string(R"({"id":2,"s":"q\"}"})"));
    QCOMPARE(parts[2], std::string(R"({"garbage": [1, {"x": null}]})"));
    QCOMPARE(parts[3], std::string("17"));
    QVERIFY(woo::splitArray("[]").empty());
    QVERIFY(woo::splitArray(" [ ] ").empty());
    // One bad record does not spoil the page: it fails alone, with its raw text at hand.
    int ok = 0, bad = 0;
    for (const auto& part : parts) {
        try {
            woo::parseProduct(part);
            ++ok;
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::Parse);
            ++bad;
        }
    }
    QCOMPARE(ok + bad, 5);
    QCOMPARE(bad, 5); // none of them is a complete product
}

void TestWooFormat::malformedCorpus_data()
{
    QTest::addColumn<QString>("file");
    const QDir dir(kCorpusDir);
    const auto files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 40);
    for (const QString& f : files)
        QTest::newRow(qPrintable(f)) << f;
}

void TestWooFormat::malformedCorpus()
{
    QFETCH(QString, file);
    QFile f(kCorpusDir + file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    const std::string text(bytes.constData(), std::size_t(bytes.size()));
    // The file's prefix says which reader it is for.
    try {
        if (file.startsWith(QLatin1String("product_")))
            woo::parseProduct(text);
        else if (file.startsWith(QLatin1String("customer_")))
            woo::parseCustomer(text);
        else if (file.startsWith(QLatin1String("order_")))
            woo::parseOrder(text);
        else if (file.startsWith(QLatin1String("event_")))
            woo::parseEvent(text);
        else if (file.startsWith(QLatin1String("page_")))
            woo::splitArray(text);
        else
            QFAIL("corpus file without a known prefix");
        QFAIL("accepted a malformed record");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Parse);
        QVERIFY(std::string(e.what()).size() > 10);
        qDebug("%s: %s", qPrintable(file), e.what());
    }
}

void TestWooFormat::roundTripDiffNamesColumns()
{
    woo::Product a;
    a.row.sku = "X";
    woo::Product b = a;
    QCOMPARE(woo::roundTripDiff(a, b), std::string());
    b.row.priceMinor = 5;
    b.row.id = 99; // local ids are not part of the equality
    QCOMPARE(woo::roundTripDiff(a, b), std::string("priceMinor"));
    woo::Order o;
    o.items.push_back({"1", std::string("2"), std::nullopt, "S", 1, 100, 100, 0});
    woo::Order p = o;
    p.items[0].quantity = 2;
    QCOMPARE(woo::roundTripDiff(o, p), std::string("items[0]"));
}

void TestWooFormat::dates()
{
    QCOMPARE(woo::formatWooDate(makeTimestamp(2026, 1, 2, 3, 4, 5)), std::string("2026-01-02T03:04:05"));
    QCOMPARE(*woo::parseWooDate("2026-01-02T03:04:05"), makeTimestamp(2026, 1, 2, 3, 4, 5));
    QCOMPARE(*woo::parseWooDate("2026-01-02T03:04:05Z"), makeTimestamp(2026, 1, 2, 3, 4, 5));
    QVERIFY(!woo::parseWooDate("2026-01-02"));
    QVERIFY(!woo::parseWooDate("yesterday"));
    QVERIFY(!woo::parseWooDate("2026-01-02T03:04:05+08:00"));
    QCOMPARE(woo::wooId(std::string("17"), 3), std::int64_t(17));
    QCOMPARE(woo::wooId(std::string("SP-1"), 3), std::int64_t(3));
    QCOMPARE(woo::wooId(std::nullopt, 4), std::int64_t(4));
}

QTEST_GUILESS_MAIN(TestWooFormat)
#include "tst_woo_format.moc"
