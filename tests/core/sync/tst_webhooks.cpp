// Signed webhooks: HMAC-SHA256/base64 against published and independently computed vectors, and
// the receiver over loopback with a Beast client: signatures, the activation ping, duplicate and
// reordered deliveries, quarantined payloads, temporary failures, bad HTTP, clean stop.
// No timing is asserted (the latency figures come from `shoppilot bench webhook`).
// Beast/Asio configuration macros come from the top-level CMakeLists (one for every TU: ODR).

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/time.h"
#include "store/database.h"
#include "store/repositories.h"
#include "sync/hmac.h"
#include "sync/webhook_receiver.h"

using namespace shoppilot;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

const std::string kSecret = "wc_secret_Zq8#pL";

// The test's own payload handler (independent of the app's WooCommerce code): an order's id,
// status, total and modification time; an update older than the stored row is skipped.
void applyTestOrder(store::Database& db, std::string_view topic, std::string_view body)
{
    if (!topic.starts_with("order."))
        return;
    const auto j = nlohmann::json::parse(body); // throws on malformed JSON: quarantined
    if (!j.is_object() || !j.contains("id"))
        throw Error(ErrorCode::Parse, "order without an id");
    const std::string externalId = std::to_string(j.at("id").get<std::int64_t>());
    const auto modified = parseTimestamp(j.value("date_modified_gmt", ""));
    if (!modified)
        throw Error(ErrorCode::Parse, "order without date_modified_gmt");
    store::Statement cur(db, "SELECT updated_at FROM orders WHERE external_id = ?");
    cur.bind(1, externalId);
    if (cur.step() && cur.columnInt(0) > *modified)
        return; // older than what we have
    store::Statement up(db, "INSERT INTO orders (external_id, created_at, updated_at, status, currency, total_minor) "
                            "VALUES (?, ?, ?, ?, 'GBP', ?) ON CONFLICT(external_id) DO UPDATE SET "
                            "updated_at = excluded.updated_at, status = excluded.status, "
                            "total_minor = excluded.total_minor");
    up.bind(1, externalId).bind(2, *modified).bind(3, *modified).bind(4, j.value("status", "pending"))
        .bind(5, std::int64_t(j.value("total_minor", 0)));
    up.step();
}

std::string orderJson(int id, const std::string& status, const std::string& modified, int totalMinor = 4250)
{
    return nlohmann::json{{"id", id},
                          {"status", status},
                          {"currency", "GBP"},
                          {"total_minor", totalMinor},
                          {"date_created_gmt", "2024-03-01T10:00:00"},
                          {"date_modified_gmt", modified}}
        .dump();
}

struct Reply {
    int status = 0;
    std::string body;
};

// One request over a fresh loopback connection; status 0 when the connection failed.
Reply send(std::uint16_t port, http::request<http::string_body> req)
{
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(10));
    beast::error_code ec;
    stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
    if (ec)
        return {};
    req.set(http::field::host, "127.0.0.1");
    req.prepare_payload();
    http::write(stream, req, ec);
    if (ec)
        return {};
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res, ec);
    if (ec)
        return {};
    return {int(res.result_int()), res.body()};
}

// Raw bytes, for requests a well-behaved client cannot produce.
Reply sendRaw(std::uint16_t port, const std::string& bytes)
{
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(10));
    beast::error_code ec;
    stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
    if (ec)
        return {};
    asio::write(stream, asio::buffer(bytes), ec);
    if (ec)
        return {};
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res, ec);
    if (ec)
        return {};
    return {int(res.result_int()), res.body()};
}

http::request<http::string_body> webhook(const std::string& topic, const std::string& deliveryId,
                                         const std::string& body, const std::optional<std::string>& signature)
{
    http::request<http::string_body> req{http::verb::post, "/webhook", 11};
    req.set(http::field::content_type, "application/json");
    req.set(http::field::user_agent, "WooCommerce/8.5.2 Hookshot (WordPress/6.4.3)");
    req.set("X-WC-Webhook-Source", "https://shop.example/");
    req.set("X-WC-Webhook-Topic", topic);
    req.set("X-WC-Webhook-Resource", topic.substr(0, topic.find('.')));
    req.set("X-WC-Webhook-Event", topic.substr(topic.find('.') + 1));
    req.set("X-WC-Webhook-ID", "17");
    if (!deliveryId.empty())
        req.set("X-WC-Webhook-Delivery-ID", deliveryId);
    if (signature)
        req.set("X-WC-Webhook-Signature", *signature);
    req.body() = body;
    return req;
}

http::request<http::string_body> signedWebhook(const std::string& topic, const std::string& deliveryId,
                                               const std::string& body)
{
    return webhook(topic, deliveryId, body, sync::wooSignature(kSecret, body));
}

// A store in a temporary folder, a receiver on an ephemeral port, and a record of the change
// feed's notices (taken from a connection of the test's own, as a panel would).
class Fixture {
public:
    explicit Fixture(sync::ApplyFn apply = applyTestOrder, std::size_t maxBody = 64 * 1024)
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath("shop.db").toStdString();
        m_reader.emplace(store::Database::open(m_path, {store::OpenMode::CreateIfMissing}));
        m_token = m_reader->changeFeed().subscribe([this](const store::Change& c) {
            const std::lock_guard lock(m_mutex);
            m_notices.push_back(c.table);
        });
        sync::WebhookOptions o;
        o.storePath = m_path;
        o.secret = kSecret;
        o.maxBodyBytes = maxBody;
        o.readTimeout = std::chrono::seconds(5);
        o.apply = std::move(apply);
        m_receiver.emplace(std::move(o));
    }
    ~Fixture()
    {
        m_receiver.reset();
        if (m_reader)
            m_reader->changeFeed().unsubscribe(m_token);
    }

    sync::WebhookReceiver& receiver() { return *m_receiver; }
    std::uint16_t port() const { return m_receiver->port(); }
    store::Database& db() { return *m_reader; }
    std::int64_t count(std::string_view table) { return store::countRows(*m_reader, table); }
    std::optional<std::string> text(const std::string& sql) { return m_reader->queryText(sql); }
    std::vector<std::string> notices()
    {
        const std::lock_guard lock(m_mutex);
        return m_notices;
    }
    const std::string& path() const { return m_path; }

private:
    QTemporaryDir m_dir;
    std::string m_path;
    std::optional<store::Database> m_reader;
    store::ChangeFeed::Token m_token = 0;
    std::mutex m_mutex;
    std::vector<std::string> m_notices;
    std::optional<sync::WebhookReceiver> m_receiver;
};

} // namespace

class TestWebhooks : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hmacRfc4231Vectors()
    {
        // RFC 4231 test case 1 (key = 20 x 0x0b, "Hi There") and 2 ("Jefe"); the published hex
        // digests b0344c61...2e32cff7 and 5bdcc146...64ec3843, base64-encoded with Python's
        // base64.b64encode(binascii.unhexlify(hex)).
        QCOMPARE(sync::base64Encode(sync::hmacSha256(std::string(20, '\x0b'), "Hi There")),
                 std::string("sDRMYdjbOFNcqK/OrwvxK4gdwgDJgz2nJuk3bC4yz/c="));
        QCOMPARE(sync::base64Encode(sync::hmacSha256("Jefe", "what do ya want for nothing?")),
                 std::string("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM="));
        QCOMPARE(sync::hmacSha256("k", "m").size(), std::size_t(32));
    }

    void wooSignatureMatchesOpenSslCli()
    {
        // Computed independently in a shell:
        //   printf '%s' "$BODY" | openssl dgst -sha256 -hmac 'wc_secret_Zq8#pL' -binary | base64
        const std::string body = R"({"id":727,"status":"processing","currency":"GBP","total":"42.50",)"
                                 R"("date_created_gmt":"2024-03-01T10:00:00","date_modified_gmt":"2024-03-01T10:05:00"})";
        const std::string expected = "1KIBEVoWp3+QCOPyg/EVT6U++nJ5CGHJdQYDLXmrHqg=";
        QCOMPARE(sync::wooSignature(kSecret, body), expected);
        QVERIFY(sync::verifyWooSignature(kSecret, body, expected));
        QVERIFY(sync::verifyWooSignature(kSecret, body, " " + expected + " "));
        QVERIFY(sync::verifyWooSignature(kSecret, body, expected.substr(0, expected.size() - 1))); // unpadded
        QVERIFY(!sync::verifyWooSignature(kSecret, body + " ", expected));
        QVERIFY(!sync::verifyWooSignature("wrong", body, expected));
        QVERIFY(!sync::verifyWooSignature("", body, sync::wooSignature("", body)));
        QVERIFY(!sync::verifyWooSignature(kSecret, body, ""));
        QVERIFY(!sync::verifyWooSignature(kSecret, body, "not*base64"));
        QVERIFY(!sync::verifyWooSignature(kSecret, body, sync::base64Encode("short")));
    }

    void base64AndCompare()
    {
        for (const std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar", "\xff\x00\x80"}) {
            const auto round = sync::base64Decode(sync::base64Encode(s));
            QVERIFY(round);
            QCOMPARE(*round, s);
        }
        QCOMPARE(sync::base64Encode("foobar"), std::string("Zm9vYmFy"));
        QCOMPARE(sync::base64Encode("fooba"), std::string("Zm9vYmE="));
        QVERIFY(!sync::base64Decode("Zm9v!"));
        QVERIFY(!sync::base64Decode("Z"));
        QVERIFY(sync::constantTimeEqual("abc", "abc"));
        QVERIFY(!sync::constantTimeEqual("abc", "abd"));
        QVERIFY(!sync::constantTimeEqual("abc", "abcd"));
        QVERIFY(sync::constantTimeEqual("", ""));
    }

    void goodSignatureStoresAndNotifies()
    {
        Fixture f;
        QVERIFY(f.port() != 0);
        QVERIFY(f.receiver().running());
        const Reply r = send(f.port(), signedWebhook("order.created", "d-1", orderJson(727, "processing",
                                                                                           "2024-03-01T10:05:00")));
        QCOMPARE(r.status, 200);
        QCOMPARE(f.count("orders"), 1);
        QCOMPARE(f.text("SELECT status FROM orders WHERE external_id = '727'").value_or(""), std::string("processing"));
        QCOMPARE(f.text("SELECT status || ' ' || topic || ' ' || resource_id FROM webhook_deliveries").value_or(""),
                 std::string("applied order.created 727"));
        // Published after the commit and before the answer: the notice is already there.
        const auto notices = f.notices();
        QCOMPARE(int(notices.size()), 1);
        QCOMPARE(notices.front(), std::string("orders"));
        QCOMPARE(f.receiver().stats().applied, std::uint64_t(1));
    }

    void badOrMissingSignatureStoresNothing()
    {
        Fixture f;
        const std::string body = orderJson(1, "processing", "2024-03-01T10:05:00");
        const std::vector<std::optional<std::string>> signatures = {
            std::nullopt,                                        // missing
            std::string(),                                       // empty
            sync::wooSignature("another secret", body),          // wrong secret
            sync::wooSignature(kSecret, body + "\n"),            // another body
            std::string("%%%not base64%%%"),                     // garbage
        };
        int n = 0;
        for (const auto& sig : signatures) {
            const Reply r = send(f.port(), webhook("order.created", "bad-" + std::to_string(n++), body, sig));
            QCOMPARE(r.status, 401);
        }
        QCOMPARE(f.count("orders"), 0);
        QCOMPARE(f.count("webhook_deliveries"), 0);
        QCOMPARE(f.count("sync_quarantine"), 0);
        QVERIFY(f.notices().empty());
        QCOMPARE(f.receiver().stats().unauthorized, std::uint64_t(signatures.size()));
    }

    void activationPingIsAnswered()
    {
        Fixture f;
        http::request<http::string_body> ping{http::verb::post, "/webhook", 11};
        ping.set(http::field::content_type, "application/x-www-form-urlencoded");
        ping.body() = "webhook_id=17";
        QCOMPARE(send(f.port(), ping).status, 200); // unsigned, as WooCommerce sends it
        ping.set("X-WC-Webhook-Signature", sync::wooSignature(kSecret, "webhook_id=17"));
        QCOMPARE(send(f.port(), ping).status, 200);
        ping.set("X-WC-Webhook-Signature", sync::wooSignature("wrong", "webhook_id=17"));
        QCOMPARE(send(f.port(), ping).status, 401);
        // Not a ping: a form body that is something else still needs a signature.
        ping.erase("X-WC-Webhook-Signature");
        ping.body() = "webhook_id=17&x=1";
        QCOMPARE(send(f.port(), ping).status, 401);
        QCOMPARE(f.receiver().stats().pings, std::uint64_t(2));
        QCOMPARE(f.count("webhook_deliveries"), 0);
    }

    void duplicateDeliveryAppliedOnce()
    {
        std::atomic<int> calls{0};
        Fixture f([&calls](store::Database& db, std::string_view topic, std::string_view body) {
            ++calls;
            applyTestOrder(db, topic, body);
        });
        const auto req = signedWebhook("order.updated", "dup-1", orderJson(5, "on-hold", "2024-03-02T08:00:00"));
        QCOMPARE(send(f.port(), req).status, 200);
        QCOMPARE(send(f.port(), req).status, 200);
        QCOMPARE(send(f.port(), req).status, 200);
        QCOMPARE(calls.load(), 1);
        QCOMPARE(f.count("orders"), 1);
        QCOMPARE(f.count("webhook_deliveries"), 1);
        QCOMPARE(f.receiver().stats().duplicates, std::uint64_t(2));
        QCOMPARE(int(f.notices().size()), 1);
    }

    void reorderedDeliveriesKeepTheNewest()
    {
        Fixture f;
        // The platform sent created (10:00), processing (10:05), completed (10:09); they arrive
        // as created, completed, processing.
        QCOMPARE(send(f.port(), signedWebhook("order.created", "o-1", orderJson(9, "pending", "2024-03-01T10:00:00", 100)))
                     .status,
                 200);
        QCOMPARE(send(f.port(), signedWebhook("order.updated", "o-3", orderJson(9, "completed", "2024-03-01T10:09:00", 300)))
                     .status,
                 200);
        QCOMPARE(send(f.port(), signedWebhook("order.updated", "o-2", orderJson(9, "processing", "2024-03-01T10:05:00", 200)))
                     .status,
                 200);
        QCOMPARE(f.count("orders"), 1);
        QCOMPARE(f.text("SELECT status || ' ' || total_minor FROM orders").value_or(""), std::string("completed 300"));
        QCOMPARE(f.text("SELECT status FROM webhook_deliveries WHERE delivery_id = 'o-2'").value_or(""),
                 std::string("stale"));
        QCOMPARE(f.count("webhook_deliveries"), 3);
        QCOMPARE(int(f.notices().size()), 2); // the stale one changed nothing
    }

    void unusablePayloadIsQuarantined()
    {
        Fixture f;
        const std::string broken = R"({"id": 12, "status": "processing", "date_modified_gmt": )"; // truncated
        QCOMPARE(send(f.port(), signedWebhook("order.updated", "q-1", broken)).status, 200);
        const std::string noDate = R"({"id": 13, "status": "processing"})";
        QCOMPARE(send(f.port(), signedWebhook("order.updated", "q-2", noDate)).status, 200);
        QCOMPARE(f.count("orders"), 0);
        QCOMPARE(f.count("sync_quarantine"), 2);
        QCOMPARE(f.text("SELECT payload FROM sync_quarantine WHERE id = (SELECT MIN(id) FROM sync_quarantine)")
                     .value_or(""),
                 broken);
        QVERIFY(f.text("SELECT reason FROM sync_quarantine WHERE external_id = '13'").value_or("").find("date_modified_gmt")
                != std::string::npos);
        QCOMPARE(f.text("SELECT group_concat(status) FROM webhook_deliveries").value_or(""),
                 std::string("quarantined,quarantined"));
        QCOMPARE(f.receiver().stats().quarantined, std::uint64_t(2));
        // A redelivery of the same broken payload is a duplicate, not a second quarantine row.
        QCOMPARE(send(f.port(), signedWebhook("order.updated", "q-1", broken)).status, 200);
        QCOMPARE(f.count("sync_quarantine"), 2);
    }

    void halfAppliedPayloadLeavesNoRows()
    {
        Fixture f([](store::Database& db, std::string_view topic, std::string_view body) {
            applyTestOrder(db, topic, body);
            throw Error(ErrorCode::Parse, "line item without a product");
        });
        QCOMPARE(send(f.port(), signedWebhook("order.created", "h-1", orderJson(3, "pending", "2024-03-01T10:00:00")))
                     .status,
                 200);
        QCOMPARE(f.count("orders"), 0);
        QCOMPARE(f.count("sync_quarantine"), 1);
    }

    void temporaryFailureIsRetried()
    {
        std::atomic<bool> fail{true};
        Fixture f([&fail](store::Database& db, std::string_view topic, std::string_view body) {
            if (fail)
                throw Error(ErrorCode::Database, "database is locked");
            applyTestOrder(db, topic, body);
        });
        const auto req = signedWebhook("order.created", "t-1", orderJson(4, "pending", "2024-03-01T10:00:00"));
        QCOMPARE(send(f.port(), req).status, 503);
        QCOMPARE(f.count("webhook_deliveries"), 0); // not recorded, so the retry is not a "duplicate"
        fail = false;
        QCOMPARE(send(f.port(), req).status, 200);
        QCOMPARE(f.count("orders"), 1);
    }

    void otherTopicsAreAcknowledged()
    {
        Fixture f;
        QCOMPARE(send(f.port(), signedWebhook("coupon.created", "c-1", R"({"id":3,"code":"SPRING"})")).status, 200);
        QCOMPARE(f.text("SELECT status FROM webhook_deliveries").value_or(""), std::string("ignored"));
        QCOMPARE(std::string(sync::webhookTable("order.created")), std::string("orders"));
        QCOMPARE(std::string(sync::webhookTable("product.updated")), std::string("products"));
        QCOMPARE(std::string(sync::webhookTable("customer.deleted")), std::string("customers"));
        QVERIFY(sync::webhookTable("action.woocommerce_x").empty());
        // Signed, but without a topic: refused.
        auto req = signedWebhook("order.created", "c-2", "{}");
        req.erase("X-WC-Webhook-Topic");
        QCOMPARE(send(f.port(), req).status, 400);
    }

    void badHttpIsRefusedAndServerStaysUp()
    {
        Fixture f(applyTestOrder, 1024);
        // Body over the limit: 413, read or announced.
        QCOMPARE(send(f.port(), signedWebhook("order.created", "big-1", std::string(8000, 'x'))).status, 413);
        QCOMPARE(sendRaw(f.port(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n").status, 413);
        // Not HTTP at all, a broken header, a broken chunked body.
        QCOMPARE(sendRaw(f.port(), "HELLO\r\n\r\n").status, 400);
        QCOMPARE(sendRaw(f.port(), "POST / HTTP/1.1\r\nHost x\r\n\r\n").status, 400);
        QCOMPARE(sendRaw(f.port(), "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n").status, 400);
        QCOMPARE(sendRaw(f.port(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n").status, 400);
        // Huge header: refused.
        QVERIFY(sendRaw(f.port(), "POST / HTTP/1.1\r\nHost: x\r\nX-Junk: " + std::string(40000, 'a') + "\r\n\r\n").status
                >= 400);
        // Wrong method.
        http::request<http::string_body> get{http::verb::get, "/", 11};
        QCOMPARE(send(f.port(), get).status, 405);
        // A client that connects and goes away.
        {
            asio::io_context ioc;
            tcp::socket s(ioc);
            s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), f.port()));
            asio::write(s, asio::buffer(std::string("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")));
        }
        QCOMPARE(f.count("orders"), 0);
        QCOMPARE(f.count("webhook_deliveries"), 0);
        // Still alive and correct.
        QCOMPARE(send(f.port(), signedWebhook("order.created", "ok-1", orderJson(1, "pending", "2024-03-01T10:00:00")))
                     .status,
                 200);
        QCOMPARE(f.count("orders"), 1);
        QVERIFY(f.receiver().stats().badRequests >= 7);
    }

    void keepAliveAndConcurrentSenders()
    {
        Fixture f;
        // Several senders at once, several deliveries each over one keep-alive connection.
        constexpr int kSenders = 4;
        constexpr int kEach = 10;
        std::atomic<int> ok{0};
        std::vector<std::thread> senders;
        for (int s = 0; s < kSenders; ++s) {
            senders.emplace_back([&f, &ok, s] {
                asio::io_context ioc;
                beast::tcp_stream stream(ioc);
                stream.expires_after(std::chrono::seconds(20));
                stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), f.port()));
                beast::flat_buffer buffer;
                for (int i = 0; i < kEach; ++i) {
                    auto req = signedWebhook("order.created", "k-" + std::to_string(s) + "-" + std::to_string(i),
                                             orderJson(1000 + s * kEach + i, "pending", "2024-03-01T10:00:00"));
                    req.set(http::field::host, "127.0.0.1");
                    req.keep_alive(true);
                    req.prepare_payload();
                    beast::error_code ec;
                    http::write(stream, req, ec);
                    http::response<http::string_body> res;
                    http::read(stream, buffer, res, ec);
                    if (!ec && res.result() == http::status::ok)
                        ++ok;
                }
            });
        }
        for (auto& t : senders)
            t.join();
        QCOMPARE(ok.load(), kSenders * kEach);
        QCOMPARE(f.count("orders"), std::int64_t(kSenders * kEach));
        QCOMPARE(f.count("webhook_deliveries"), std::int64_t(kSenders * kEach));
        QVERIFY(f.db().verify().empty());
    }

    void stopIsCleanAndIdempotent()
    {
        Fixture f;
        const std::uint16_t port = f.port();
        // An idle keep-alive connection must not hold stop() up.
        asio::io_context ioc;
        tcp::socket idle(ioc);
        idle.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
        f.receiver().stop();
        QVERIFY(!f.receiver().running());
        f.receiver().stop();
        QCOMPARE(send(port, signedWebhook("order.created", "late", "{}")).status, 0); // nobody listens
    }

    // Whatever escapes a handler (here not even a std::exception) stops the thread cleanly, says
    // why through onStopped and stopError(), and leaves no half-written delivery behind.
    void receiverThatFailsStopsAndSaysWhy()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("shop.db").toStdString();
        store::Database::open(path, {store::OpenMode::CreateIfMissing});
        std::promise<std::string> stopped;
        auto why = stopped.get_future();
        sync::WebhookOptions o;
        o.storePath = path;
        o.secret = kSecret;
        o.readTimeout = std::chrono::seconds(5);
        o.apply = [](store::Database&, std::string_view, std::string_view) { throw 42; };
        o.onStopped = [&stopped](const std::string& reason) { stopped.set_value(reason); };
        sync::WebhookReceiver receiver(std::move(o));
        QVERIFY(receiver.running());
        QCOMPARE(send(receiver.port(), signedWebhook("order.created", "x-1", orderJson(5, "pending", "2024-03-01T10:00:00")))
                     .status,
                 0); // the connection closes unanswered
        QCOMPARE(why.wait_for(std::chrono::seconds(20)), std::future_status::ready);
        const std::string reason = why.get();
        QVERIFY2(reason.find("unknown error") != std::string::npos, reason.c_str());
        QTRY_VERIFY(!receiver.running());
        QVERIFY(!receiver.stopError().empty());
        auto db = store::Database::open(path, {store::OpenMode::ReadOnly});
        QCOMPARE(store::countRows(db, "webhook_deliveries"), std::int64_t(0));
        receiver.stop(); // still fine after an unplanned stop
    }

    void refusesToStartUnconfigured()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("s.db").toStdString();
        store::Database::open(path, {store::OpenMode::CreateIfMissing});
        sync::WebhookOptions o;
        o.storePath = path;
        o.apply = applyTestOrder;
        QVERIFY_THROWS_EXCEPTION(Error, sync::WebhookReceiver{o}); // no secret
        o.secret = kSecret;
        o.bindAddress = "not-an-address";
        QVERIFY_THROWS_EXCEPTION(Error, sync::WebhookReceiver{o});
        o.bindAddress = "127.0.0.1";
        o.storePath = dir.filePath("missing.db").toStdString();
        QVERIFY_THROWS_EXCEPTION(Error, sync::WebhookReceiver{o}); // no such store
        // Two receivers cannot share a port.
        o.storePath = path;
        sync::WebhookReceiver first(o);
        o.port = first.port();
        QVERIFY_THROWS_EXCEPTION(Error, sync::WebhookReceiver{o});
        QVERIFY(first.url().starts_with("http://127.0.0.1:"));
    }

    void benchRunsEndToEnd()
    {
        // Correctness of the bench only (a handful of deliveries); its figures are not asserted.
        sync::WebhookBenchOptions o;
        o.deliveries = 25;
        const sync::WebhookLatency l = sync::benchWebhookLatency(o);
        QCOMPARE(l.deliveries, 25);
        QVERIFY(l.p50Ms > 0 && l.p99Ms >= l.p50Ms && l.maxMs >= l.p99Ms);
    }
};

QTEST_GUILESS_MAIN(TestWebhooks)
#include "tst_webhooks.moc"
