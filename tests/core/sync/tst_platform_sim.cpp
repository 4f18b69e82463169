// The platform simulator (core/sync/platform_sim.h), in-process on an ephemeral port over a tiny
// demo store, driven by a small blocking Beast client: paging, modified_after, auth, single GET,
// PUT, the event feed with long-poll, TLS with the generated certificate, every fault at roughly
// its rate, a retrying client that still ends with exactly the store's data, and webhooks.
// Every wait is bounded: sockets have receive timeouts and loops have iteration caps.
#include <QtTest>

#include <QFile>
#include <QTemporaryDir>

#include <sys/socket.h>

#include <atomic>
#include <map>
#include <mutex>
#include <limits>
#include <set>
#include <string>
#include <thread>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "common/error.h"
#include "demo/demo_generator.h"
#include "store/database.h"
#include "store/repositories.h"
#include "sync/platform_sim.h"
#include "sync/sim_store.h"
#include "sync/woo_format.h"

using namespace shoppilot;
namespace woo = shoppilot::sync::woo;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

class TestPlatformSim : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pagingCoversEveryRowOnce_data();
    void pagingCoversEveryRowOnce();
    void pagingFollowsWrites();
    void modifiedAfterIsStrict();
    void badParameters();
    void authentication();
    void singleRecordAndNotFound();
    void putChangesPrice();
    void eventFeedCursorAndLimit();
    void eventFeedLongPoll();
    void tlsWithGeneratedCertificate();
    void failRate();
    void rateLimit();
    void dropRate();
    void malformedRate();
    void slow();
    void retryingClientGetsExactData();
    void webhooks();
    void playRate();
    void customersEndpointRules();
    void wooShapesAndRoutes();

private:
    std::string freshStore(const QString& name);
    QTemporaryDir m_dir;
    std::string m_template;
};

namespace {

struct Reply {
    int status = 0;
    std::map<std::string, std::string> headers;
    std::string body;
    bool failed = false; // no complete answer: refused, closed, cut short, timed out
    std::string error;
};

struct Client {
    std::uint16_t port = 0;
    std::string caFile; // non-empty = HTTPS, verifying against this file
    std::string basicAuth;
};

std::string base64(std::string_view in)
{
    std::string out(4 * ((in.size() + 2) / 3), '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(in.data()), int(in.size()));
    out.resize(std::size_t(n));
    return out;
}

template <typename Stream>
Reply exchange(Stream& stream, http::request<http::string_body>& req)
{
    Reply r;
    boost::system::error_code ec;
    http::write(stream, req, ec);
    if (ec) {
        r.failed = true;
        r.error = ec.message();
        return r;
    }
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    http::read(stream, buffer, parser, ec);
    if (ec) {
        r.failed = true;
        r.error = ec.message();
        return r;
    }
    const auto& res = parser.get();
    r.status = int(res.result_int());
    for (const auto& f : res)
        r.headers[std::string(f.name_string())] = std::string(f.value());
    r.body = res.body();
    return r;
}

// One request on a fresh connection.
Reply request(const Client& c, http::verb verb, const std::string& target, const std::string& body = {})
{
    net::io_context ioc;
    tcp::socket socket(ioc);
    boost::system::error_code ec;
    socket.connect(tcp::endpoint(net::ip::make_address_v4("127.0.0.1"), c.port), ec);
    if (ec)
        return Reply{0, {}, {}, true, ec.message()};
    timeval tv{};
    tv.tv_sec = 20;
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    http::request<http::string_body> req(verb, target, 11);
    req.set(http::field::host, "127.0.0.1");
    if (!c.basicAuth.empty())
        req.set(http::field::authorization, "Basic " + base64(c.basicAuth));
    if (!body.empty()) {
        req.set(http::field::content_type, "application/json");
        req.body() = body;
    }
    req.prepare_payload();
    if (c.caFile.empty())
        return exchange(socket, req);
    ssl::context ctx(ssl::context::tls_client);
    ctx.load_verify_file(c.caFile, ec);
    ctx.set_verify_mode(ssl::verify_peer);
    ssl::stream<tcp::socket> stream(std::move(socket), ctx);
    stream.set_verify_callback(ssl::host_name_verification("127.0.0.1"));
    stream.handshake(ssl::stream_base::client, ec);
    if (ec)
        return Reply{0, {}, {}, true, "handshake: " + ec.message()};
    return exchange(stream, req);
}

Reply get(const Client& c, const std::string& target)
{
    return request(c, http::verb::get, target);
}

std::int64_t header(const Reply& r, const std::string& name)
{
    auto it = r.headers.find(name);
    return it == r.headers.end() ? -1 : std::stoll(it->second);
}

std::vector<std::string> lines(const std::string& body)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < body.size()) {
        const auto nl = body.find('\n', start);
        out.push_back(body.substr(start, nl - start));
        start = nl == std::string::npos ? body.size() : nl + 1;
    }
    return out;
}

// The "id" of a record that did not parse (the simulator's broken records keep theirs).
std::int64_t nlohmann_id(const std::string& raw)
{
    const auto at = raw.find("\"id\":");
    return at == std::string::npos ? 0 : std::stoll(raw.substr(at + 5));
}

std::string hmacBase64(const std::string& body, const std::string& secret)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), secret.data(), int(secret.size()), reinterpret_cast<const unsigned char*>(body.data()),
         body.size(), md, &len);
    return base64(std::string_view(reinterpret_cast<const char*>(md), len));
}

// A minimal webhook receiver: records every POST it gets, answers 200.
class Receiver {
public:
    struct Hit {
        std::map<std::string, std::string> headers;
        std::string body;
    };

    Receiver() : m_acceptor(m_ioc, tcp::endpoint(net::ip::make_address_v4("127.0.0.1"), 0))
    {
        m_thread = std::thread([this] { run(); });
    }
    ~Receiver()
    {
        m_stop = true;
        ::shutdown(m_acceptor.native_handle(), SHUT_RDWR);
        m_thread.join();
    }
    std::uint16_t port() const { return m_acceptor.local_endpoint().port(); }
    std::vector<Hit> hits()
    {
        std::lock_guard lock(m_mutex);
        return m_hits;
    }

private:
    void run()
    {
        while (!m_stop) {
            tcp::socket s(m_ioc);
            boost::system::error_code ec;
            m_acceptor.accept(s, ec);
            if (ec || m_stop)
                return;
            timeval tv{};
            tv.tv_sec = 5;
            ::setsockopt(s.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            beast::flat_buffer buffer;
            http::request<http::string_body> req;
            http::read(s, buffer, req, ec);
            if (ec)
                continue;
            Hit hit;
            for (const auto& f : req)
                hit.headers[std::string(f.name_string())] = std::string(f.value());
            hit.body = req.body();
            {
                std::lock_guard lock(m_mutex);
                m_hits.push_back(std::move(hit));
            }
            http::response<http::string_body> res(http::status::ok, 11);
            res.body() = "ok";
            res.prepare_payload();
            http::write(s, res, ec);
        }
    }

    net::io_context m_ioc;
    tcp::acceptor m_acceptor;
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::vector<Hit> m_hits;
    std::thread m_thread;
};

sync::SimulatorOptions options(const std::string& store)
{
    sync::SimulatorOptions o;
    o.storePath = store;
    o.seed = 7;
    return o;
}

} // namespace

std::string TestPlatformSim::freshStore(const QString& name)
{
    const QString path = m_dir.filePath(name);
    QFile::remove(path);
    QFile::copy(QString::fromStdString(m_template), path);
    return path.toStdString();
}

void TestPlatformSim::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_template = m_dir.filePath(QStringLiteral("template.sqlite")).toStdString();
    store::OpenOptions o;
    o.mode = store::OpenMode::CreateIfMissing;
    {
        auto db = store::Database::open(m_template, o);
        demo::DemoOptions d;
        d.size = demo::DemoSize::Tiny;
        d.seed = 1;
        demo::generateDemoStore(db, d);
        // Fold the WAL into the file so a plain file copy is a complete store.
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
}

void TestPlatformSim::pagingCoversEveryRowOnce_data()
{
    QTest::addColumn<QString>("resource");
    QTest::newRow("products") << "products";
    QTest::newRow("customers") << "customers";
    QTest::newRow("orders") << "orders";
}

void TestPlatformSim::pagingCoversEveryRowOnce()
{
    QFETCH(QString, resource);
    const std::string res = resource.toStdString();
    const std::string path = freshStore("paging.sqlite");
    sync::PlatformSimulator sim(options(path));
    sim.start();
    QVERIFY(sim.port() > 0);
    auto db = store::Database::open(path, {store::OpenMode::ReadOnly});
    const std::int64_t count = store::countRows(db, res);
    const Client c{sim.port(), {}, {}};
    std::set<std::string> seen;
    std::int64_t pages = 1, lastModified = 0, lastId = 0;
    for (std::int64_t page = 1; page <= pages && page < 1000; ++page) {
        // WooCommerce's customers take no orderby=modified (400): they page by id.
        const Reply r = get(c, "/wp-json/wc/v3/" + res + "?page=" + std::to_string(page)
                                   + (res == "customers" ? "&per_page=100&orderby=id&order=asc"
                                                         : "&per_page=100&dates_are_gmt=true&orderby=modified&order=asc"));
        QVERIFY2(!r.failed, r.error.c_str());
        QCOMPARE(r.status, 200);
        QCOMPARE(header(r, "X-WP-Total"), count);
        pages = header(r, "X-WP-TotalPages");
        QCOMPARE(pages, (count + 99) / 100);
        for (const auto& raw : woo::splitArray(r.body)) {
            std::string id;
            Timestamp modified = 0;
            if (res == "products") {
                const auto p = woo::parseProduct(raw);
                id = *p.row.externalId;
                modified = p.modifiedAt;
            } else if (res == "customers") {
                const auto x = woo::parseCustomer(raw);
                id = *x.row.externalId;
                modified = x.modifiedAt;
            } else {
                const auto o = woo::parseOrder(raw);
                id = *o.row.externalId;
                modified = o.modifiedAt;
            }
            QVERIFY2(seen.insert(id).second, ("seen twice: " + id).c_str());
            // Sorted by (modified, id) ascending; customers by id.
            if (res == "customers")
                QVERIFY(std::stoll(id) > lastId);
            else
                QVERIFY(modified > lastModified || (modified == lastModified && std::stoll(id) > lastId));
            lastModified = modified;
            lastId = std::stoll(id);
        }
    }
    QCOMPARE(std::int64_t(seen.size()), count);
    // A page past the end is empty, as WooCommerce's.
    QCOMPARE(get(c, "/wp-json/wc/v3/" + res + "?page=" + std::to_string(pages + 1) + "&per_page=100").body, std::string("[]"));
}

// The simulator pages from an in-memory (updated_at, id) index: after its own writes (play-forward,
// PUT) and another connection's, every page must still be exactly the store's ORDER BY.
void TestPlatformSim::pagingFollowsWrites()
{
    const std::string path = freshStore("paging_writes.sqlite");
    sync::PlatformSimulator sim(options(path));
    sim.start();
    const Client c{sim.port(), {}, {}};
    // Ids and X-WP-Total of every page, as the simulator serves them.
    auto served = [&](const std::string& res, const std::string& after, std::int64_t& total) {
        std::vector<std::int64_t> ids;
        for (int page = 1; page < 1000; ++page) {
            const Reply r = get(c, "/wp-json/wc/v3/" + res + "?per_page=37&page=" + std::to_string(page)
                                       + (res == "customers" ? "&orderby=id" : "")
                                       + (after.empty() ? "" : "&modified_after=" + after));
            if (r.status != 200)
                return std::vector<std::int64_t>{};
            total = header(r, "X-WP-Total");
            const auto parts = woo::splitArray(r.body);
            if (parts.empty())
                break;
            for (const auto& raw : parts)
                ids.push_back(nlohmann_id(raw));
        }
        return ids;
    };
    auto expected = [&](const std::string& res, std::optional<Timestamp> after) {
        auto db = store::Database::open(path, {store::OpenMode::ReadOnly});
        auto st = db.prepare(res == "customers" ? std::string("SELECT id FROM customers WHERE ?1 IS NULL OR 1 ORDER BY id")
                                                : "SELECT id FROM " + res + " WHERE ?1 IS NULL OR updated_at > ?1 ORDER BY updated_at, id");
        st.bind(1, after);
        std::vector<std::int64_t> ids;
        while (st.step())
            ids.push_back(st.columnInt(0));
        return ids;
    };
    std::int64_t total = 0;
    for (const std::string res : {"products", "customers", "orders"}) // loads every index
        QCOMPARE(served(res, {}, total), expected(res, std::nullopt));

    Timestamp before = 0;
    {
        auto db = store::Database::open(path, {store::OpenMode::ReadOnly});
        before = *db.queryInt("SELECT MAX(updated_at) FROM orders");
    }
    for (int i = 0; i < 6; ++i)
        sim.playOnce();
    QCOMPARE(request(c, http::verb::put, "/wp-json/wc/v3/orders/5", R"({"status":"completed"})").status, 200);
    QCOMPARE(request(c, http::verb::put, "/wp-json/wc/v3/products/2", R"({"regular_price":"3.50"})").status, 200);
    {
        // Writes the simulator did not make: rows moved to the front of the order.
        auto db = store::Database::open(path);
        db.exec("UPDATE customers SET updated_at = 1 WHERE id = (SELECT MAX(id) FROM customers)");
        db.exec("UPDATE orders SET updated_at = 1 WHERE id = 9");
    }
    for (const std::string res : {"products", "customers", "orders"}) {
        const auto want = expected(res, std::nullopt);
        QCOMPARE(served(res, {}, total), want);
        QCOMPARE(total, std::int64_t(want.size()));
    }
    const auto fresh = expected("orders", before);
    QCOMPARE(fresh.size(), std::size_t(7)); // six played (one maybe moved on again) plus order 5
    QCOMPARE(served("orders", woo::formatWooDate(before), total), fresh);
    QCOMPARE(total, std::int64_t(fresh.size()));
}

void TestPlatformSim::modifiedAfterIsStrict()
{
    const std::string path = freshStore("after.sqlite");
    sync::PlatformSimulator sim(options(path));
    sim.start();
    auto db = store::Database::open(path, {store::OpenMode::ReadOnly});
    const Timestamp t = *db.queryInt("SELECT updated_at FROM orders ORDER BY updated_at LIMIT 1 OFFSET 2000");
    const std::int64_t expected = *db.queryInt("SELECT COUNT(*) FROM orders WHERE updated_at > " + std::to_string(t));
    const Client c{sim.port(), {}, {}};
    std::int64_t got = 0;
    for (int page = 1; page < 100; ++page) {
        const Reply r = get(c, "/wp-json/wc/v3/orders?per_page=100&page=" + std::to_string(page)
                                   + "&modified_after=" + woo::formatWooDate(t) + "&dates_are_gmt=true");
        QCOMPARE(r.status, 200);
        QCOMPARE(header(r, "X-WP-Total"), expected);
        const auto parts = woo::splitArray(r.body);
        if (parts.empty())
            break;
        for (const auto& raw : parts) {
            QVERIFY(woo::parseOrder(raw).modifiedAt > t);
            ++got;
        }
    }
    QCOMPARE(got, expected);
}

void TestPlatformSim::badParameters()
{
    sync::PlatformSimulator sim(options(freshStore("bad.sqlite")));
    sim.start();
    const Client c{sim.port(), {}, {}};
    QCOMPARE(get(c, "/wp-json/wc/v3/products?per_page=101").status, 400);
    QCOMPARE(get(c, "/wp-json/wc/v3/products?page=0").status, 400);
    QCOMPARE(get(c, "/wp-json/wc/v3/products?modified_after=yesterday").status, 400);
    QCOMPARE(get(c, "/shoppilot/v1/events?limit=5001").status, 400);
    QCOMPARE(get(c, "/wp-json/wc/v3/coupons").status, 404);
    QCOMPARE(get(c, "/nothing").status, 404);
}

void TestPlatformSim::authentication()
{
    auto o = options(freshStore("auth.sqlite"));
    o.key = "ck_test";
    o.secret = "cs_test";
    sync::PlatformSimulator sim(o);
    sim.start();
    const std::string target = "/wp-json/wc/v3/products?per_page=1";
    const Reply none = get({sim.port(), {}, {}}, target);
    QCOMPARE(none.status, 401);
    QVERIFY(none.body.find("woocommerce_rest_cannot_view") != std::string::npos);
    QCOMPARE(get({sim.port(), {}, "ck_test:wrong"}, target).status, 401);
    QCOMPARE(get({sim.port(), {}, "ck_test:cs_test"}, target).status, 200);
    QCOMPARE(get({sim.port(), {}, {}}, target + "&consumer_key=ck_test&consumer_secret=cs_test").status, 200);
    QCOMPARE(get({sim.port(), {}, {}}, target + "&consumer_key=ck_test&consumer_secret=nope").status, 401);
    QCOMPARE(get({sim.port(), {}, {}}, "/shoppilot/v1/events?limit=1").status, 401);
    QVERIFY(sim.stats().unauthorized >= 4);
}

void TestPlatformSim::singleRecordAndNotFound()
{
    const std::string path = freshStore("single.sqlite");
    sync::PlatformSimulator sim(options(path));
    sim.start();
    const Client c{sim.port(), {}, {}};
    auto db = store::Database::open(path, {store::OpenMode::ReadOnly});
    const Reply r = get(c, "/wp-json/wc/v3/orders/7");
    QCOMPARE(r.status, 200);
    const auto served = woo::parseOrder(r.body);
    const auto source = sync::sim::readOrders(db, {std::nullopt, 7, 1, 0});
    // Served as WooCommerce holds it: an order's coupon spread over its lines.
    QCOMPARE(woo::roundTripDiff(woo::wooLines(source.front()), served), std::string());
    const Reply missing = get(c, "/wp-json/wc/v3/products/999999");
    QCOMPARE(missing.status, 404);
    QVERIFY(missing.body.find("\"woocommerce_rest_product_invalid_id\"") != std::string::npos);
    QVERIFY(get(c, "/wp-json/wc/v3/orders/999999").body.find("woocommerce_rest_shop_order_invalid_id") != std::string::npos);
    QVERIFY(get(c, "/wp-json/wc/v3/customers/999999").body.find("woocommerce_rest_invalid_id") != std::string::npos);
    QCOMPARE(get(c, "/wp-json/wc/v3/customers/abc").status, 404);
}

void TestPlatformSim::putChangesPrice()
{
    const std::string path = freshStore("put.sqlite");
    sync::PlatformSimulator sim(options(path));
    sim.start();
    const Client c{sim.port(), {}, {}};
    const auto before = woo::parseProduct(get(c, "/wp-json/wc/v3/products/3").body);
    auto db = store::Database::open(path, {store::OpenMode::ReadOnly});
    const Timestamp maxModified = *db.queryInt("SELECT MAX(updated_at) FROM products");
    const Reply put = request(c, http::verb::put, "/wp-json/wc/v3/products/3", R"({"regular_price":"12.99"})");
    QCOMPARE(put.status, 200);
    const auto after = woo::parseProduct(put.body);
    QCOMPARE(after.row.priceMinor, std::int64_t(1299));
    QVERIFY(after.modifiedAt > maxModified);
    QCOMPARE(woo::parseProduct(get(c, "/wp-json/wc/v3/products/3").body).row.priceMinor, std::int64_t(1299));
    QCOMPARE(*db.queryInt("SELECT price_minor FROM products WHERE id = 3"), std::int64_t(1299));
    // Only the price and the modified time moved.
    auto expected = before;
    expected.row.priceMinor = 1299;
    expected.row.updatedAt = expected.modifiedAt = after.modifiedAt;
    QCOMPARE(woo::roundTripDiff(expected, after), std::string());
    // The change shows up incrementally.
    const Reply inc = get(c, "/wp-json/wc/v3/products?modified_after=" + woo::formatWooDate(maxModified));
    QCOMPARE(header(inc, "X-WP-Total"), std::int64_t(1));
    QCOMPARE(request(c, http::verb::put, "/wp-json/wc/v3/products/3", R"({"regular_price":"abc"})").status, 400);
    QCOMPARE(request(c, http::verb::put, "/wp-json/wc/v3/products/3", "not json").status, 400);
    QCOMPARE(request(c, http::verb::put, "/wp-json/wc/v3/products/99999", R"({"regular_price":"1.00"})").status, 404);
}

void TestPlatformSim::eventFeedCursorAndLimit()
{
    const std::string path = freshStore("events.sqlite");
    sync::PlatformSimulator sim(options(path));
    sim.start();
    const Client c{sim.port(), {}, {}};
    auto db = store::Database::open(path, {store::OpenMode::ReadOnly});
    const std::int64_t maxId = *db.queryInt("SELECT MAX(id) FROM events");
    const Reply r = get(c, "/shoppilot/v1/events?cursor=100&limit=10");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.headers.at("Content-Type"), std::string("application/x-ndjson"));
    const auto ls = lines(r.body);
    QCOMPARE(ls.size(), std::size_t(10));
    for (std::size_t i = 0; i < ls.size(); ++i)
        QCOMPARE(woo::parseEvent(ls[i]).id, std::int64_t(101 + i));
    QCOMPARE(header(r, "X-Next-Cursor"), std::int64_t(110));
    // Walking the whole feed with the cursor returns every event once.
    std::int64_t cursor = 0, total = 0;
    for (int i = 0; i < 100; ++i) {
        const Reply page = get(c, "/shoppilot/v1/events?limit=5000&cursor=" + std::to_string(cursor));
        const auto n = lines(page.body).size();
        if (n == 0) {
            QCOMPARE(header(page, "X-Next-Cursor"), cursor);
            break;
        }
        total += std::int64_t(n);
        cursor = header(page, "X-Next-Cursor");
    }
    QCOMPARE(total, store::countRows(db, "events"));
    QCOMPARE(cursor, maxId);
}

void TestPlatformSim::eventFeedLongPoll()
{
    const std::string path = freshStore("longpoll.sqlite");
    sync::PlatformSimulator sim(options(path));
    sim.start();
    auto db = store::Database::open(path, {store::OpenMode::ReadOnly});
    const std::int64_t maxId = *db.queryInt("SELECT MAX(id) FROM events");
    Reply r;
    std::thread poller([&] { r = get({sim.port(), {}, {}}, "/shoppilot/v1/events?cursor=" + std::to_string(maxId) + "&wait=20"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const std::int64_t orderId = sim.playOnce();
    poller.join();
    QCOMPARE(r.status, 200);
    const auto ls = lines(r.body);
    QVERIFY(!ls.empty()); // answered because of the new events, not the 20 s timeout
    bool purchase = false;
    for (const auto& l : ls) {
        const auto e = woo::parseEvent(l);
        QVERIFY(e.id > maxId);
        purchase = purchase || (e.type == "purchase" && e.orderId == orderId);
    }
    QVERIFY(purchase);
    // With no new events a short wait just answers empty.
    const Reply idle = get({sim.port(), {}, {}}, "/shoppilot/v1/events?cursor=" + std::to_string(maxId + 1000) + "&wait=1");
    QCOMPARE(idle.status, 200);
    QVERIFY(idle.body.empty());
}

void TestPlatformSim::tlsWithGeneratedCertificate()
{
    auto o = options(freshStore("tls.sqlite"));
    o.tls = true;
    o.certOut = m_dir.filePath(QStringLiteral("sim-cert.pem")).toStdString();
    sync::PlatformSimulator sim(o);
    sim.start();
    QCOMPARE(sim.certPath(), o.certOut);
    QVERIFY(QFile::exists(QString::fromStdString(o.certOut)));
    QVERIFY(sim.baseUrl().rfind("https://127.0.0.1:", 0) == 0);
    const Reply r = get({sim.port(), o.certOut, {}}, "/wp-json/wc/v3/products?per_page=5");
    QVERIFY2(!r.failed, r.error.c_str());
    QCOMPARE(r.status, 200);
    QCOMPARE(woo::splitArray(r.body).size(), std::size_t(5));
    // Without trusting the certificate the handshake fails.
    const QString otherCa = m_dir.filePath(QStringLiteral("other.pem"));
    {
        sync::SimulatorOptions o2 = options(freshStore("tls2.sqlite"));
        o2.tls = true;
        o2.certOut = otherCa.toStdString();
        sync::PlatformSimulator other(o2);
        other.start();
    }
    const Reply bad = get({sim.port(), otherCa.toStdString(), {}}, "/wp-json/wc/v3/products?per_page=5");
    QVERIFY(bad.failed);
}

void TestPlatformSim::failRate()
{
    auto o = options(freshStore("fail.sqlite"));
    o.failRate = 0.3;
    sync::PlatformSimulator sim(o);
    sim.start();
    int failures = 0;
    const int n = 200;
    for (int i = 0; i < n; ++i) {
        const Reply r = get({sim.port(), {}, {}}, "/wp-json/wc/v3/products?per_page=1");
        QVERIFY(!r.failed);
        if (r.status == 500 || r.status == 502 || r.status == 503)
            ++failures;
        else
            QCOMPARE(r.status, 200);
    }
    QVERIFY2(failures >= 30 && failures <= 90, qPrintable(QString::number(failures)));
    QCOMPARE(sim.stats().failed, std::int64_t(failures));
}

void TestPlatformSim::rateLimit()
{
    auto o = options(freshStore("rate.sqlite"));
    o.rateLimitPerSecond = 5;
    sync::PlatformSimulator sim(o);
    sim.start();
    int limited = 0;
    for (int i = 0; i < 40; ++i) {
        const Reply r = get({sim.port(), {}, {}}, "/wp-json/wc/v3/products?per_page=1");
        if (r.status == 429) {
            ++limited;
            const auto it = r.headers.find("Retry-After");
            QVERIFY(it != r.headers.end());
            const double wait = std::stod(it->second);
            QVERIFY(wait > 0 && wait <= 1.0);
        }
    }
    // 40 back-to-back requests against 5 per second: most are refused (timing-independent bound).
    QVERIFY2(limited >= 10, qPrintable(QString::number(limited)));
}

void TestPlatformSim::dropRate()
{
    auto o = options(freshStore("drop.sqlite"));
    o.dropRate = 0.3;
    sync::PlatformSimulator sim(o);
    sim.start();
    int dropped = 0;
    for (int i = 0; i < 100; ++i) {
        const Reply r = get({sim.port(), {}, {}}, "/wp-json/wc/v3/customers?per_page=1");
        if (r.failed)
            ++dropped;
        else
            QCOMPARE(r.status, 200);
    }
    QVERIFY2(dropped >= 10 && dropped <= 55, qPrintable(QString::number(dropped)));
    QCOMPARE(sim.stats().dropped, std::int64_t(dropped));
}

void TestPlatformSim::malformedRate()
{
    auto o = options(freshStore("malformed.sqlite"));
    o.malformedRate = 0.2;
    sync::PlatformSimulator sim(o);
    sim.start();
    int records = 0, broken = 0, truncated = 0;
    for (int i = 0; i < 60; ++i) {
        const Reply r = get({sim.port(), {}, {}}, "/wp-json/wc/v3/products?per_page=20&page=" + std::to_string(1 + i % 4));
        if (r.failed) {
            ++truncated; // Content-Length promised more than arrived
            continue;
        }
        QCOMPARE(r.status, 200);
        for (const auto& raw : woo::splitArray(r.body)) { // the page itself is always a valid array
            ++records;
            try {
                woo::parseProduct(raw);
            } catch (const Error& e) {
                QCOMPARE(e.code(), ErrorCode::Parse);
                QVERIFY(raw.find("\"id\":") != std::string::npos); // refetchable by id
                ++broken;
            }
        }
    }
    QVERIFY(records > 500);
    const double share = double(broken) / records;
    QVERIFY2(share > 0.1 && share < 0.3, qPrintable(QString::number(share)));
    QVERIFY2(truncated >= 1 && truncated <= 20, qPrintable(QString::number(truncated)));
    QCOMPARE(sim.stats().truncatedBodies, std::int64_t(truncated));
}

void TestPlatformSim::slow()
{
    auto o = options(freshStore("slow.sqlite"));
    o.slowMs = 50;
    sync::PlatformSimulator sim(o);
    sim.start();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(get({sim.port(), {}, {}}, "/wp-json/wc/v3/products?per_page=1").status, 200);
    QCOMPARE(sim.stats().slowed, std::int64_t(3));
}

void TestPlatformSim::retryingClientGetsExactData()
{
    const std::string path = freshStore("retry.sqlite");
    auto o = options(path);
    o.failRate = 0.15;
    o.dropRate = 0.1;
    o.malformedRate = 0.1;
    o.key = "k";
    o.secret = "s";
    sync::PlatformSimulator sim(o);
    sim.start();
    const Client c{sim.port(), {}, "k:s"};
    auto fetch = [&](const std::string& target) {
        for (int attempt = 0; attempt < 50; ++attempt) {
            Reply r = get(c, target);
            if (!r.failed && r.status == 200)
                return r;
        }
        return Reply{0, {}, {}, true, "gave up"};
    };
    std::map<std::string, woo::Product> got;
    for (int page = 1; page <= 4; ++page) {
        const Reply r = fetch("/wp-json/wc/v3/products?per_page=20&page=" + std::to_string(page));
        QVERIFY(!r.failed);
        for (const auto& raw : woo::splitArray(r.body)) {
            try {
                auto p = woo::parseProduct(raw);
                got[*p.row.externalId] = p;
            } catch (const Error&) {
                // Quarantine, then fetch the record alone (single GETs are never malformed).
                const auto id = std::to_string(nlohmann_id(raw));
                auto p = woo::parseProduct(fetch("/wp-json/wc/v3/products/" + id).body);
                got[*p.row.externalId] = p;
            }
        }
    }
    auto db = store::Database::open(path, {store::OpenMode::ReadOnly});
    const auto source = sync::sim::readProducts(db);
    QCOMPARE(got.size(), source.size());
    for (const auto& p : source)
        QCOMPARE(woo::roundTripDiff(p, got.at(*p.row.externalId)), std::string());
}

void TestPlatformSim::webhooks()
{
    Receiver receiver;
    auto o = options(freshStore("hooks.sqlite"));
    o.webhookUrl = "http://127.0.0.1:" + std::to_string(receiver.port()) + "/hooks/woo";
    o.webhookSecret = "whsec";
    o.duplicateWebhooks = true;
    o.reorderWebhooks = true;
    sync::PlatformSimulator sim(o);
    sim.start();
    const int plays = 24;
    std::set<std::int64_t> orderIds;
    for (int i = 0; i < plays; ++i)
        orderIds.insert(sim.playOnce());
    const Reply put = request({sim.port(), {}, {}}, http::verb::put, "/wp-json/wc/v3/products/5", R"({"regular_price":"9.99"})");
    QCOMPARE(put.status, 200);
    // Wait (bounded) until every delivery, its duplicates and the ping have arrived.
    const std::int64_t expected = 1 + plays + sim.stats().ordersUpdated + 1;
    QTRY_VERIFY_WITH_TIMEOUT(std::int64_t(receiver.hits().size()) >= expected + sim.stats().webhooksDuplicated
                                 && sim.stats().webhooksSent >= expected + sim.stats().webhooksDuplicated,
                             20000);
    const auto hits = receiver.hits();
    QCOMPARE(hits.front().body, std::string("webhook_id=1"));
    QCOMPARE(hits.front().headers.at("Content-Type"), std::string("application/x-www-form-urlencoded"));
    std::map<std::string, int> perDelivery;
    std::vector<std::int64_t> order;
    std::set<std::int64_t> created;
    int productUpdates = 0;
    for (std::size_t i = 1; i < hits.size(); ++i) {
        auto h = hits[i];
        QCOMPARE(h.headers["X-WC-Webhook-Signature"], hmacBase64(h.body, "whsec"));
        QVERIFY(!h.headers["X-WC-Webhook-Source"].empty());
        QCOMPARE(h.headers["X-WC-Webhook-ID"], std::string("1"));
        const std::string topic = h.headers["X-WC-Webhook-Topic"];
        QCOMPARE(topic, h.headers["X-WC-Webhook-Resource"] + "." + h.headers["X-WC-Webhook-Event"]);
        const std::string id = h.headers["X-WC-Webhook-Delivery-ID"];
        if (++perDelivery[id] == 1)
            order.push_back(std::stoll(id));
        if (topic == "order.created")
            created.insert(std::stoll(*woo::parseOrder(h.body).row.externalId));
        else if (topic == "order.updated")
            QCOMPARE(woo::parseOrder(h.body).row.status, std::string("completed"));
        else if (topic == "product.updated")
            productUpdates += woo::parseProduct(h.body).row.priceMinor == 999;
        else
            QFAIL(topic.c_str());
    }
    QCOMPARE(created, orderIds);
    QVERIFY(productUpdates >= 1);
    int duplicates = 0;
    for (const auto& [id, n] : perDelivery)
        duplicates += n > 1;
    QCOMPARE(std::int64_t(duplicates), sim.stats().webhooksDuplicated);
    QVERIFY(duplicates >= 1);
    // Holding a delivery back is a 25% draw per delivery from an RNG the simulator's threads
    // share, and a held-back delivery waits at most 2 s for the next one: on a loaded machine a
    // run can end with none held back (seen on a clean-clone CI run). What must hold every time:
    // the arrival order is out of order exactly when the simulator says it held one back.
    QCOMPARE(!std::is_sorted(order.begin(), order.end()), sim.stats().webhooksReordered >= 1);
}

void TestPlatformSim::playRate()
{
    const std::string path = freshStore("play.sqlite");
    auto db = store::Database::open(path, {store::OpenMode::ReadOnly});
    const std::int64_t orders = store::countRows(db, "orders");
    const Timestamp maxModified = *db.queryInt("SELECT MAX(updated_at) FROM orders");
    auto o = options(path);
    o.playRate = 20;
    sync::PlatformSimulator sim(o);
    sim.start();
    QTRY_VERIFY_WITH_TIMEOUT(sim.stats().ordersPlayed >= 5, 20000);
    sim.stop();
    const std::int64_t played = sim.stats().ordersPlayed;
    QCOMPARE(store::countRows(db, "orders"), orders + played);
    // New orders have strictly increasing modified times after everything already there.
    const auto fresh = sync::sim::readOrders(db, {maxModified, std::nullopt, -1, 0});
    QVERIFY(std::int64_t(fresh.size()) >= played);
    std::set<Timestamp> times;
    for (const auto& x : fresh)
        QVERIFY(times.insert(x.modifiedAt).second);
}

// WooCommerce's /customers: no modified_after (ignored, as WordPress ignores unknown arguments),
// orderby only id | include | name | registered_date (else 400 rest_invalid_param, data.params).
void TestPlatformSim::customersEndpointRules()
{
    const std::string path = freshStore("customers.sqlite");
    sync::PlatformSimulator sim(options(path));
    sim.start();
    const Client c{sim.port(), {}, {}};
    const Reply bad = get(c, "/wp-json/wc/v3/customers?orderby=modified&order=asc&modified_after=2026-01-01T00:00:00");
    QCOMPARE(bad.status, 400);
    QVERIFY2(bad.body.find("\"code\":\"rest_invalid_param\"") != std::string::npos, bad.body.c_str());
    QVERIFY(bad.body.find("\"status\":400") != std::string::npos);
    QVERIFY2(bad.body.find("\"params\":{\"orderby\":\"orderby is not one of id, include, name, and registered_date.\"}")
                 != std::string::npos,
             bad.body.c_str()); // modified_after is not registered there: ignored, not listed
    // The same error a real shop answers (tests/data/woo_real/wp_error_invalid_param.json).
    {
        QFile f(QStringLiteral(SHOPPILOT_TEST_DATA_DIR "/woo_real/wp_error_invalid_param.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const std::string real = f.readAll().toStdString();
        for (const char* part : {"rest_invalid_param", "Invalid parameter(s): orderby",
                                 "orderby is not one of id, include, name, and registered_date."}) {
            QVERIFY(real.find(part) != std::string::npos);
            QVERIFY2(bad.body.find(part) != std::string::npos, part);
        }
    }
    QCOMPARE(get(c, "/wp-json/wc/v3/customers?role=robot").status, 400);
    QCOMPARE(get(c, "/wp-json/wc/v3/products?orderby=registered_date").status, 400);
    QCOMPARE(get(c, "/wp-json/wc/v3/orders?dates_are_gmt=maybe").status, 400);
    QCOMPARE(get(c, "/wp-json/wc/v3/orders?whatever=1").status, 200); // unknown arguments are ignored

    auto db = store::Database::open(path, {store::OpenMode::ReadOnly});
    const std::int64_t customers = store::countRows(db, "customers");
    // modified_after is ignored: every customer is counted.
    const Reply all = get(c, "/wp-json/wc/v3/customers?per_page=5&orderby=registered_date&order=desc"
                             "&modified_after=2099-01-01T00:00:00");
    QCOMPARE(all.status, 200);
    QCOMPARE(header(all, "X-WP-Total"), customers);
    Timestamp last = std::numeric_limits<Timestamp>::max();
    for (const auto& raw : woo::splitArray(all.body)) {
        const auto x = woo::parseCustomer(raw);
        QVERIFY(x.row.createdAt <= last); // newest registrations first
        last = x.row.createdAt;
    }
    // Link header: next page, keeping the other arguments.
    const auto link = all.headers.at("Link");
    QVERIFY2(link.find("page=2>; rel=\"next\"") != std::string::npos, link.c_str());
    QVERIFY(link.find("orderby=registered_date") != std::string::npos);
    QVERIFY(link.find("rel=\"prev\"") == std::string::npos);
}

// --woo-shapes: variable products and their variations, unpriced drafts, unmanaged stock,
// checkout-draft orders, fees; the settings routes; a shop without the event feed; strict auth.
void TestPlatformSim::wooShapesAndRoutes()
{
    const std::string path = freshStore("shapes.sqlite");
    auto o = options(path);
    o.wooShapes = true;
    o.eventFeed = false;
    sync::PlatformSimulator sim(o);
    sim.start();
    const Client c{sim.port(), {}, {}};
    auto db = store::Database::open(path, {store::OpenMode::ReadOnly});
    const auto parent = db.queryInt("SELECT id FROM products WHERE product_type = 'variable' ORDER BY id LIMIT 1");
    QVERIFY(parent);
    const std::int64_t members = *db.queryInt("SELECT count(*) FROM products WHERE parent_id = " + std::to_string(*parent));
    QVERIFY(members >= 2);
    // The parent is listed, unpriced, with its variations' ids; the variations are not listed.
    const auto p = woo::parseProduct(get(c, "/wp-json/wc/v3/products/" + std::to_string(*parent)).body);
    QCOMPARE(p.type, std::string("variable"));
    QVERIFY(!p.priceSet);
    QCOMPARE(std::int64_t(p.variationIds.size()), members);
    const std::int64_t listed = *db.queryInt("SELECT count(*) FROM products WHERE parent_id IS NULL");
    QCOMPARE(header(get(c, "/wp-json/wc/v3/products?per_page=1"), "X-WP-Total"), listed);
    const Reply vars = get(c, "/wp-json/wc/v3/products/" + std::to_string(*parent) + "/variations?per_page=100");
    QCOMPARE(vars.status, 200);
    QCOMPARE(header(vars, "X-WP-Total"), members);
    for (const auto& raw : woo::splitArray(vars.body)) {
        const auto v = woo::parseVariation(raw, std::to_string(*parent));
        QCOMPARE(v.type, std::string("variation"));
        QVERIFY(v.priceSet);
    }
    QCOMPARE(get(c, "/wp-json/wc/v3/products/" + std::to_string(*parent) + "/variations/999999").status, 404);
    // Orders: checkout drafts under Woo's status, fees in fee_lines.
    const auto draft = db.queryInt("SELECT id FROM orders WHERE platform_status = 'checkout-draft' LIMIT 1");
    QVERIFY(draft);
    const auto d = woo::parseOrder(get(c, "/wp-json/wc/v3/orders/" + std::to_string(*draft)).body);
    QCOMPARE(*d.platformStatus, std::string("checkout-draft"));
    const auto fee = db.queryInt("SELECT id FROM orders WHERE fees_minor > 0 LIMIT 1");
    QVERIFY(fee);
    QCOMPARE(woo::parseOrder(get(c, "/wp-json/wc/v3/orders/" + std::to_string(*fee)).body).feesMinor, std::int64_t(150));
    // Settings as WooCommerce's settings and data endpoints answer them.
    const std::string general = get(c, "/wp-json/wc/v3/settings/general").body;
    QVERIFY2(general.rfind("[{", 0) == 0 && general.find("\"id\":\"woocommerce_currency\"") != std::string::npos,
             general.c_str());
    QVERIFY(general.find("\"id\":\"woocommerce_price_num_decimals\"") != std::string::npos);
    QVERIFY(get(c, "/wp-json/wc/v3/data/currencies/current").body.find("\"code\":") != std::string::npos);
    // No event feed: WordPress's rest_no_route.
    const Reply feed = get(c, "/shoppilot/v1/events?limit=1");
    QCOMPARE(feed.status, 404);
    {
        QFile f(QStringLiteral(SHOPPILOT_TEST_DATA_DIR "/woo_real/wp_error_no_route.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const std::string real = f.readAll().toStdString();
        for (const char* part : {"rest_no_route", "No route was found matching the URL and request method."}) {
            QVERIFY(real.find(part) != std::string::npos);
            QVERIFY2(feed.body.find(part) != std::string::npos, part);
        }
    }
    sim.stop();

    // WooCommerce over plain HTTP takes no Basic auth: strictAuth refuses it, the default flags it.
    auto strict = options(freshStore("strict.sqlite"));
    strict.key = "ck_a";
    strict.secret = "cs_a";
    strict.strictAuth = true;
    sync::PlatformSimulator s2(strict);
    s2.start();
    QCOMPARE(get({s2.port(), {}, "ck_a:cs_a"}, "/wp-json/wc/v3/products?per_page=1").status, 401);
    s2.stop();
    strict.strictAuth = false;
    sync::PlatformSimulator s3(strict);
    s3.start();
    const Reply flagged = get({s3.port(), {}, "ck_a:cs_a"}, "/wp-json/wc/v3/products?per_page=1");
    QCOMPARE(flagged.status, 200);
    QVERIFY(flagged.headers.count("X-ShopPilot-Insecure-Auth") == 1);
}

QTEST_GUILESS_MAIN(TestPlatformSim)
#include "tst_platform_sim.moc"
