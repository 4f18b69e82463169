// Applying WooCommerce payloads to the store (core/sync/woo_store.h) and the sync engine's cursor
// and quarantine rules (core/sync/woo_sync.h) against a scripted loopback server.
#include <QtTest>

#include <QTemporaryDir>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/error.h"
#include "store/database.h"
#include "sync/woo_format.h"
#include "sync/woo_store.h"
#include "sync/woo_sync.h"

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using namespace shoppilot;
using namespace shoppilot::sync;
using store::Database;

namespace {

const std::string kSource = "woocommerce:http://test";

woo::Product product(const std::string& id, const std::string& sku, std::int64_t price, Timestamp modified)
{
    woo::Product p;
    p.row.externalId = id;
    p.row.sku = sku;
    p.row.titleEn = "Product " + id;
    p.row.priceMinor = price;
    p.row.createdAt = 1700000000;
    p.row.updatedAt = modified;
    p.categoryName = "Cushions";
    p.modifiedAt = modified;
    return p;
}

woo::Customer customer(const std::string& id, Timestamp modified)
{
    woo::Customer c;
    c.row.externalId = id;
    c.row.name = "Customer " + id;
    c.row.country = "GB";
    c.row.createdAt = 1700000000;
    c.row.updatedAt = modified;
    c.modifiedAt = modified;
    return c;
}

woo::Order order(const std::string& id, std::optional<std::string> customerId, Timestamp modified)
{
    woo::Order o;
    o.row.externalId = id;
    o.row.createdAt = 1700000000;
    o.row.updatedAt = modified;
    o.row.totalMinor = 1000;
    o.row.subtotalMinor = 1000;
    o.customerExternalId = std::move(customerId);
    o.modifiedAt = modified;
    return o;
}

woo::LineItem line(const std::string& id, std::optional<std::string> productId, std::int64_t qty)
{
    woo::LineItem li;
    li.externalId = id;
    li.productExternalId = std::move(productId);
    li.sku = "SKU";
    li.quantity = qty;
    li.unitPriceMinor = 500;
    li.totalMinor = 500 * qty;
    return li;
}

std::int64_t count(Database& db, const std::string& sql) { return db.queryInt(sql).value_or(-1); }

// Serves GET requests through a handler: (target) -> (status, body, headers).
struct Reply {
    int status = 200;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

class FakeShop {
public:
    explicit FakeShop(std::function<Reply(const std::string&)> handler) : m_handler(std::move(handler))
    {
        m_acceptor.open(tcp::v4());
        m_acceptor.bind(tcp::endpoint(asio::ip::address_v4::loopback(), 0));
        m_acceptor.listen();
        m_thread = std::thread([this] {
            for (;;) {
                tcp::socket s(m_io);
                boost::system::error_code ec;
                m_acceptor.accept(s, ec);
                if (ec || m_stop)
                    return;
                boost::beast::flat_buffer buf;
                for (;;) {
                    http::request<http::string_body> req;
                    http::read(s, buf, req, ec);
                    if (ec)
                        break;
                    const Reply r = m_handler(std::string(req.target()));
                    http::response<http::string_body> res{static_cast<http::status>(r.status), 11};
                    for (const auto& [k, v] : r.headers)
                        res.set(k, v);
                    res.body() = r.body;
                    res.keep_alive(false);
                    res.prepare_payload();
                    http::write(s, res, ec);
                    break;
                }
                s.close(ec);
            }
        });
    }
    ~FakeShop()
    {
        m_stop = true;
        boost::system::error_code ec;
        tcp::socket poke(m_io);
        poke.connect(m_acceptor.local_endpoint(), ec);
        m_thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_acceptor.local_endpoint().port()); }

private:
    std::function<Reply(const std::string&)> m_handler;
    asio::io_context m_io;
    tcp::acceptor m_acceptor{m_io};
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
};

std::string pageOf(const std::vector<std::string>& elements)
{
    std::string s = "[";
    for (std::size_t i = 0; i < elements.size(); ++i)
        s += (i ? "," : "") + elements[i];
    return s + "]";
}

} // namespace

class TestWooSync : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    Database freshStore()
    {
        return Database::open(m_dir.filePath(QString("s%1.db").arg(++m_n)).toStdString(),
                              {store::OpenMode::CreateIfMissing});
    }

private Q_SLOTS:
    void productsUpsertedStaleSkipped()
    {
        auto db = freshStore();
        std::vector<woo::Product> v1{product("10", "A-1", 1299, 2000)};
        auto r = applyProducts(db, kSource, v1);
        QCOMPARE(r.applied, std::int64_t(1));
        QCOMPARE(count(db, "SELECT price_minor FROM products WHERE external_id='10'"), std::int64_t(1299));
        QCOMPARE(count(db, "SELECT count(*) FROM categories WHERE name_en='Cushions'"), std::int64_t(1));

        std::vector<woo::Product> old{product("10", "A-1", 999, 1000)};
        r = applyProducts(db, kSource, old);
        QCOMPARE(r.skippedStale, std::int64_t(1));
        QCOMPARE(count(db, "SELECT price_minor FROM products WHERE external_id='10'"), std::int64_t(1299));

        r = applyProducts(db, kSource, v1); // the overlap window re-reads it
        QCOMPARE(r.duplicates, std::int64_t(1));
        QCOMPARE(r.applied, std::int64_t(0));

        std::vector<woo::Product> v2{product("10", "A-1", 1499, 3000), product("11", "A-2", 100, 3000)};
        r = applyProducts(db, kSource, v2);
        QCOMPARE(r.applied, std::int64_t(2));
        QCOMPARE(count(db, "SELECT price_minor FROM products WHERE external_id='10'"), std::int64_t(1499));
        QCOMPARE(count(db, "SELECT updated_at FROM products WHERE external_id='10'"), std::int64_t(3000));
        QCOMPARE(count(db, "SELECT count(*) FROM products"), std::int64_t(2));

        // The same id twice in one batch: the last (newest) copy wins, the other is a duplicate.
        std::vector<woo::Product> twice{product("12", "A-3", 1, 4000), product("12", "A-3", 2, 4001)};
        r = applyProducts(db, kSource, twice);
        QCOMPARE(r.duplicates, std::int64_t(1));
        QCOMPARE(count(db, "SELECT price_minor FROM products WHERE external_id='12'"), std::int64_t(2));
    }

    void ordersItemsReplacedRefundsUpserted()
    {
        auto db = freshStore();
        std::vector<woo::Product> ps{product("1", "P1", 500, 100), product("2", "P2", 500, 100)};
        applyProducts(db, kSource, ps);
        std::vector<woo::Customer> cs{customer("7", 100)};
        applyCustomers(db, kSource, cs);

        auto o = order("1001", "7", 2000);
        o.items = {line("1", "1", 1), line("2", "2", 2)};
        woo::Refund rf;
        rf.externalId = "55";
        rf.amountMinor = 500;
        rf.kind = "return";
        rf.createdAt = 1990;
        rf.productExternalId = "2";
        rf.quantity = 1;
        o.refunds = {rf};
        std::vector<woo::Order> os{o};
        auto r = applyOrders(db, kSource, os);
        QCOMPARE(r.applied, std::int64_t(1));
        QCOMPARE(r.unresolvedRefs, std::int64_t(0));
        QCOMPARE(count(db, "SELECT count(*) FROM order_items"), std::int64_t(2));
        QCOMPARE(count(db, "SELECT c.external_id FROM orders o JOIN customers c ON c.id=o.customer_id"), std::int64_t(7));
        QCOMPARE(count(db, "SELECT p.external_id FROM refunds r JOIN products p ON p.id=r.product_id"), std::int64_t(2));

        // An update: one line left, the refund again plus a new one.
        o.items = {line("2", "2", 3)};
        woo::Refund rf2 = rf;
        rf2.externalId = "56";
        rf2.amountMinor = 100;
        o.refunds = {rf, rf2};
        o.modifiedAt = 3000;
        std::vector<woo::Order> os2{o};
        r = applyOrders(db, kSource, os2);
        QCOMPARE(r.applied, std::int64_t(1));
        QCOMPARE(count(db, "SELECT count(*) FROM order_items"), std::int64_t(1));
        QCOMPARE(count(db, "SELECT quantity FROM order_items"), std::int64_t(3));
        QCOMPARE(count(db, "SELECT count(*) FROM refunds"), std::int64_t(2));
        QCOMPARE(count(db, "SELECT count(*) FROM orders"), std::int64_t(1));

        // A stale webhook (older modified time) changes nothing.
        o.items = {line("9", "1", 9)};
        o.modifiedAt = 2500;
        std::vector<woo::Order> stale{o};
        r = applyOrders(db, kSource, stale);
        QCOMPARE(r.skippedStale, std::int64_t(1));
        QCOMPARE(count(db, "SELECT quantity FROM order_items"), std::int64_t(3));
    }

    void unknownReferencesKeptEmpty()
    {
        auto db = freshStore();
        auto o = order("5", "404", 100);
        o.items = {line("1", "999", 1)};
        std::vector<woo::Order> os{o};
        const auto r = applyOrders(db, kSource, os);
        QCOMPARE(r.applied, std::int64_t(1));
        QCOMPARE(r.unresolvedRefs, std::int64_t(2));
        QVERIFY(!r.notes.empty());
        QCOMPARE(count(db, "SELECT count(*) FROM orders WHERE customer_id IS NULL"), std::int64_t(1));
        QCOMPARE(count(db, "SELECT count(*) FROM order_items WHERE product_id IS NULL"), std::int64_t(1));
        QCOMPARE(count(db, "SELECT count(*) FROM products"), std::int64_t(0)); // nothing invented
        QCOMPARE(count(db, "SELECT count(*) FROM customers"), std::int64_t(0));
    }

    void webhookPayloadsThroughTheFormat()
    {
        auto db = freshStore();
        const auto json = woo::productJson(product("42", "W-1", 250, 5000));
        auto r = applyWooPayload(db, kSource, "products", json);
        QCOMPARE(r.applied, std::int64_t(1));
        QCOMPARE(count(db, "SELECT price_minor FROM products WHERE external_id='42'"), std::int64_t(250));
        QVERIFY_THROWS_EXCEPTION(Error, applyWooPayload(db, kSource, "products", "{\"id\":43,"));
    }

    void quarantineKeepsPayloadAndClosesOnGoodCopy()
    {
        auto db = freshStore();
        QCOMPARE(extractExternalId("{\"id\":17,\"name\":\"x\""), std::optional<std::string>("17"));
        QCOMPARE(extractExternalId("{\"meta\":{\"id\":3},\"id\": 18}"), std::optional<std::string>("18"));
        QCOMPARE(extractExternalId("{\"name\":\"x\"}"), std::nullopt);
        QCOMPARE(extractExternalId("{\"id\":1"), std::nullopt); // maybe cut off: do not guess

        quarantineRecord(db, kSource, "products", std::string("17"), "bad price", "{\"id\":17,\"price\":\"x\"}", 123);
        quarantineRecord(db, kSource, "products", std::string("17"), "bad price again", "{\"id\":17}", 124);
        QCOMPARE(count(db, "SELECT count(*) FROM sync_quarantine"), std::int64_t(1)); // one open row per record
        QCOMPARE(db.queryText("SELECT reason FROM sync_quarantine"), std::optional<std::string>("bad price again"));
        QCOMPARE(db.queryText("SELECT payload FROM sync_quarantine"), std::optional<std::string>("{\"id\":17}"));
        QVERIFY(isQuarantined(db, kSource, "products", "17"));

        std::vector<woo::Product> good{product("17", "Q-1", 100, 10)};
        const auto r = applyProducts(db, kSource, good);
        QCOMPARE(r.resolvedQuarantine, std::int64_t(1));
        QCOMPARE(count(db, "SELECT count(*) FROM sync_quarantine"), std::int64_t(0));
    }

    void eventsDeduplicatedByFeedId()
    {
        auto db = freshStore();
        std::vector<woo::Customer> cs{customer("3", 1)};
        applyCustomers(db, kSource, cs);
        store::EventRow e;
        e.id = 900;
        e.ts = 1000;
        e.type = "view";
        e.sessionId = "s1";
        e.customerId = 3;
        e.productId = 77; // unknown product
        std::vector<store::EventRow> es{e};
        auto r = applyEvents(db, kSource, es);
        QCOMPARE(r.applied, std::int64_t(1));
        QCOMPARE(r.unresolvedRefs, std::int64_t(1));
        r = applyEvents(db, kSource, es);
        QCOMPARE(r.applied, std::int64_t(0));
        QCOMPARE(r.duplicates, std::int64_t(1));
        QCOMPARE(count(db, "SELECT count(*) FROM events"), std::int64_t(1));
        QCOMPARE(count(db, "SELECT c.external_id FROM events e JOIN customers c ON c.id = e.customer_id"),
                 std::int64_t(3));
    }

    // Page 1 good, page 2 broken for good: the cursor covers page 1 only; a later run resumes there.
    void cursorAdvancesOnlyWithCommittedPages()
    {
        auto db = freshStore();
        std::atomic<bool> page2Broken{true};
        std::mutex m;
        std::vector<std::string> targets;
        std::vector<std::string> page1, page2;
        for (int i = 1; i <= 2; ++i)
            page1.push_back(woo::productJson(product(std::to_string(i), "S" + std::to_string(i), 100, 1000 + i)));
        page1.push_back("{\"id\":3,\"regular_price\":\"abc\"}"); // malformed record inside a valid page (first time only)
        for (int i = 4; i <= 5; ++i)
            page2.push_back(woo::productJson(product(std::to_string(i), "S" + std::to_string(i), 100, 2000 + i)));
        auto correct3 = woo::productJson(product("3", "S3", 100, 1500));
        bool firstPage1 = true;
        FakeShop shop([&](const std::string& target) {
            std::lock_guard lock(m);
            targets.push_back(target);
            Reply r;
            if (target.find("/settings/") != std::string::npos || target.find("/data/") != std::string::npos) {
                r.status = 404; // a key that may not read the shop's settings: the sync goes on
                return r;
            }
            r.headers = {{"X-WP-Total", "5"}, {"X-WP-TotalPages", "2"}};
            if (target.find("/products/3") != std::string::npos) {
                r.body = correct3;
                return r;
            }
            if (target.find("page=2") != std::string::npos) {
                if (page2Broken) {
                    r.status = 503;
                    return r;
                }
                r.body = pageOf(page2);
            } else {
                r.body = pageOf(page1);
                if (firstPage1)
                    firstPage1 = false;
                else
                    r.body = pageOf({page1[0], page1[1], correct3});
            }
            return r;
        });
        SyncOptions o;
        o.baseUrl = shop.url();
        o.resources = {"products"};
        o.perPage = 3;
        o.maxRetries = 1;
        o.backoffBase = std::chrono::milliseconds(5);
        o.connections = 2;
        o.key = "ck";
        o.secret = "cs_hidden";
        const std::string source = syncSource(o);
        try {
            syncWoo(db, o, {});
            QFAIL("the broken page did not fail the sync");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("page=2") != std::string::npos);
            QVERIFY(std::string(e.what()).find("cs_hidden") == std::string::npos);
        }
        QCOMPARE(count(db, "SELECT count(*) FROM products"), std::int64_t(2));
        QCOMPARE(count(db, "SELECT count(*) FROM sync_quarantine WHERE external_id='3' AND payload LIKE '{\"id\":3%'"),
                 std::int64_t(1));
        // The cursor stops before the first newly quarantined record: product 2's time.
        QCOMPARE(db.queryText("SELECT cursor FROM sync_state WHERE resource='products'"),
                 std::optional<std::string>(woo::formatWooDate(1002)));
        QVERIFY(db.queryText("SELECT last_error FROM sync_state WHERE resource='products'").value_or("").size() > 0);

        page2Broken = false;
        const auto report = syncWoo(db, o, {});
        QVERIFY(report.completed);
        // Record 3 came back good by id at the start of the run; its quarantine row is closed.
        QCOMPARE(count(db, "SELECT count(*) FROM products"), std::int64_t(5));
        QCOMPARE(count(db, "SELECT count(*) FROM sync_quarantine"), std::int64_t(0));
        QCOMPARE(report.resources.front().resolved, std::int64_t(1));
        {
            std::lock_guard lock(m);
            bool resumedWithOverlap = false;
            for (const auto& t : targets)
                if (t.find("modified_after=") != std::string::npos)
                    resumedWithOverlap = true;
            QVERIFY(resumedWithOverlap);
        }
        QCOMPARE(db.queryText("SELECT cursor FROM sync_state WHERE resource='products'"),
                 std::optional<std::string>(woo::formatWooDate(2005)));
        // Idempotent: another run changes nothing.
        const auto again = syncWoo(db, o, {});
        QCOMPARE(again.totalApplied(), std::int64_t(0));
        QCOMPARE(count(db, "SELECT count(*) FROM products"), std::int64_t(5));
    }
};

QTEST_GUILESS_MAIN(TestWooSync)
#include "tst_woo_sync.moc"
