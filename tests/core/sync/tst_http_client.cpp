// The HTTP client (core/sync/http_client.h) against a scripted loopback Beast server: retries on
// 5xx, 429 Retry-After, truncated bodies, dropped connections, giving up with a redacted error,
// cancel during backoff, plain http refused off loopback, TLS verification on by default.
#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <atomic>
#include <chrono>
#include <deque>
#include <list>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/error.h"
#include "sync/http_client.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using shoppilot::Error;
using shoppilot::ErrorCode;
using namespace shoppilot::sync;
using namespace std::chrono_literals;

namespace {

struct Action {
    enum Kind { Respond, Truncate, Drop } kind = Respond;
    int status = 200;
    std::string body = "ok";
    std::vector<std::pair<std::string, std::string>> headers;
    int delayMs = 0;
};

Action respond(int status, std::string body = "ok", std::vector<std::pair<std::string, std::string>> headers = {})
{
    Action a;
    a.status = status;
    a.body = std::move(body);
    a.headers = std::move(headers);
    return a;
}
Action truncated() { Action a; a.kind = Action::Truncate; return a; }
Action dropped() { Action a; a.kind = Action::Drop; return a; }

struct Seen {
    std::string target;
    std::string authorization;
};

// Answers each request with the next scripted action (the last one repeats when the script runs out).
class ScriptServer {
public:
    explicit ScriptServer(std::vector<Action> script) : m_script(script.begin(), script.end())
    {
        m_acceptor.open(tcp::v4());
        m_acceptor.set_option(asio::socket_base::reuse_address(true));
        m_acceptor.bind(tcp::endpoint(asio::ip::address_v4::loopback(), 0));
        m_acceptor.listen();
        m_port = m_acceptor.local_endpoint().port();
        m_thread = std::thread([this] { acceptLoop(); });
    }
    ~ScriptServer()
    {
        m_stop = true;
        boost::system::error_code ec;
        {
            // A blocking accept() does not notice close(): wake it with a connection.
            tcp::socket poke(m_io);
            poke.connect(m_acceptor.local_endpoint(), ec);
        }
        {
            std::lock_guard lock(m_mutex);
            for (auto& s : m_sockets) {
                s->shutdown(tcp::socket::shutdown_both, ec);
                s->close(ec);
            }
        }
        m_thread.join();
        m_acceptor.close(ec);
        for (auto& t : m_workers)
            t.join();
    }
    std::uint16_t port() const { return m_port; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    std::vector<Seen> seen()
    {
        std::lock_guard lock(m_mutex);
        return m_seen;
    }
    int connections() const { return m_connections.load(); }

private:
    asio::io_context m_io;
    tcp::acceptor m_acceptor{m_io};
    std::uint16_t m_port = 0;
    std::thread m_thread;
    std::vector<std::thread> m_workers;
    std::list<std::shared_ptr<tcp::socket>> m_sockets;
    std::mutex m_mutex;
    std::deque<Action> m_script;
    std::vector<Seen> m_seen;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_connections{0};

    Action next()
    {
        std::lock_guard lock(m_mutex);
        Action a = m_script.front();
        if (m_script.size() > 1)
            m_script.pop_front();
        return a;
    }

    void acceptLoop()
    {
        while (!m_stop) {
            auto socket = std::make_shared<tcp::socket>(m_io);
            boost::system::error_code ec;
            m_acceptor.accept(*socket, ec);
            if (ec || m_stop)
                return;
            ++m_connections;
            std::lock_guard lock(m_mutex);
            m_sockets.push_back(socket);
            m_workers.emplace_back([this, socket] { serve(*socket); });
        }
    }

    void serve(tcp::socket& socket)
    {
        beast::flat_buffer buffer;
        for (;;) {
            http::request<http::string_body> req;
            boost::system::error_code ec;
            http::read(socket, buffer, req, ec);
            if (ec)
                return;
            {
                std::lock_guard lock(m_mutex);
                m_seen.push_back({std::string(req.target()), std::string(req[http::field::authorization])});
            }
            const Action a = next();
            if (a.delayMs)
                std::this_thread::sleep_for(std::chrono::milliseconds(a.delayMs));
            if (a.kind == Action::Drop) {
                socket.shutdown(tcp::socket::shutdown_both, ec);
                socket.close(ec);
                return;
            }
            if (a.kind == Action::Truncate) {
                const std::string raw = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: application/json\r\n\r\n[{\"id\":1";
                asio::write(socket, asio::buffer(raw), ec);
                socket.shutdown(tcp::socket::shutdown_both, ec);
                socket.close(ec);
                return;
            }
            http::response<http::string_body> res{static_cast<http::status>(a.status), 11};
            for (const auto& [k, v] : a.headers)
                res.set(k, v);
            res.body() = a.body;
            res.keep_alive(req.keep_alive());
            res.prepare_payload();
            http::write(socket, res, ec);
            if (ec || !req.keep_alive())
                return;
        }
    }
};

HttpRequest get(std::string target)
{
    HttpRequest r;
    r.target = std::move(target);
    return r;
}

HttpOptions fastOptions()
{
    HttpOptions o;
    o.backoffBase = 10ms;
    o.backoffMax = 50ms;
    o.maxRetries = 4;
    o.timeout = 2000ms;
    return o;
}

double secondsSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

class TestHttpClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesUrls()
    {
        const auto u = parseUrl("https://shop.example:8443/base/");
        QCOMPARE(u.scheme, std::string("https"));
        QCOMPARE(u.host, std::string("shop.example"));
        QCOMPARE(int(u.port), 8443);
        QCOMPARE(u.path, std::string("/base"));
        QCOMPARE(int(parseUrl("http://[::1]").port), 80);
        QCOMPARE(parseUrl("http://[::1]").host, std::string("::1"));
        QVERIFY_THROWS_EXCEPTION(Error, parseUrl("ftp://x"));
        QVERIFY_THROWS_EXCEPTION(Error, parseUrl("nonsense"));
        QVERIFY(isLoopbackHost("127.0.0.1"));
        QVERIFY(isLoopbackHost("127.3.0.1"));
        QVERIFY(isLoopbackHost("::1"));
        QVERIFY(isLoopbackHost("localhost"));
        QVERIFY(!isLoopbackHost("10.0.0.1"));
        QVERIFY(!isLoopbackHost("shop.example"));
    }

    void plainHttpToNonLoopbackRefused()
    {
        try {
            HttpClient c("http://shop.example", {});
            QFAIL("plain http to a remote host was accepted");
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::InvalidArgument);
            QVERIFY(std::string(e.what()).find("https") != std::string::npos);
        }
        HttpClient ok("https://shop.example", {}); // constructing does not connect
        HttpClient loop("http://127.0.0.1:1", {});
    }

    void retriesServerErrorsThenSucceeds()
    {
        ScriptServer server({respond(503, "busy"), respond(500, "oops"), respond(200, "[1,2]")});
        HttpClient c(server.url(), fastOptions());
        const auto r = c.request(get("/x"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, std::string("[1,2]"));
        QCOMPARE(c.stats().retries, std::int64_t(2));
        QCOMPARE(int(server.seen().size()), 3);
    }

    void honoursFractionalRetryAfter()
    {
        ScriptServer server({respond(429, "slow down", {{"Retry-After", "0.2"}}), respond(200, "done")});
        auto o = fastOptions();
        o.backoffBase = 1ms; // so only Retry-After can explain a wait
        HttpClient c(server.url(), o);
        const auto t0 = std::chrono::steady_clock::now();
        const auto r = c.request(get("/x"));
        const double waited = secondsSince(t0);
        QCOMPARE(r.body, std::string("done"));
        QCOMPARE(c.stats().rateLimited, std::int64_t(1));
        QVERIFY2(waited >= 0.19, qPrintable(QString("waited only %1 s").arg(waited)));
    }

    void retryAfterIsCapped()
    {
        ScriptServer server({respond(429, "", {{"Retry-After", "3600"}}), respond(200, "done")});
        auto o = fastOptions();
        o.retryAfterCap = 100ms;
        HttpClient c(server.url(), o);
        QCOMPARE(c.request(get("/x")).body, std::string("done"));
    }

    void truncatedBodyRetried()
    {
        ScriptServer server({truncated(), respond(200, "[]")});
        HttpClient c(server.url(), fastOptions());
        QCOMPARE(c.request(get("/x")).body, std::string("[]"));
        QCOMPARE(c.stats().retries, std::int64_t(1));
    }

    void droppedConnectionRetried()
    {
        ScriptServer server({dropped(), dropped(), respond(200, "[]")});
        HttpClient c(server.url(), fastOptions());
        QCOMPARE(c.request(get("/x")).body, std::string("[]"));
        QVERIFY(c.stats().retries >= 2);
    }

    void invalidBodyRetriedThroughValidate()
    {
        ScriptServer server({respond(200, "[{\"id\":"), respond(200, "[]")});
        HttpClient c(server.url(), fastOptions());
        HttpRequest rq = get("/x");
        rq.validate = [](const HttpResponse& r) { return r.body == "[]"; };
        QCOMPARE(c.request(rq).body, std::string("[]"));
        QCOMPARE(c.stats().retries, std::int64_t(1));
    }

    void timeoutRetried()
    {
        Action slow = respond(200, "late");
        slow.delayMs = 600;
        ScriptServer server({slow, respond(200, "fast")});
        auto o = fastOptions();
        o.timeout = 200ms;
        HttpClient c(server.url(), o);
        QCOMPARE(c.request(get("/x")).body, std::string("fast"));
    }

    void givesUpNamingTheUrlWithoutTheSecret()
    {
        ScriptServer server({respond(503, "down")});
        auto o = fastOptions();
        o.maxRetries = 2;
        o.extraQuery = {{"consumer_key", "ck_public"}, {"consumer_secret", "cs_t0p/s3cret"}};
        o.redact = {"cs_t0p/s3cret"};
        HttpClient c(server.url(), o);
        try {
            c.request(get("/wp-json/wc/v3/products?page=1"));
            QFAIL("no error after the retries ran out");
        } catch (const Error& e) {
            const std::string msg = e.what();
            QCOMPARE(e.code(), ErrorCode::Network);
            QVERIFY2(msg.find("127.0.0.1:" + std::to_string(server.port()) + "/wp-json/wc/v3/products") != std::string::npos,
                     msg.c_str());
            QVERIFY2(msg.find("s3cret") == std::string::npos, msg.c_str());
            QVERIFY2(msg.find("3 attempts") != std::string::npos, msg.c_str());
        }
        // The secret did travel (query-string auth), URL-encoded.
        const auto seen = server.seen();
        QVERIFY(!seen.empty());
        QVERIFY(seen.front().target.find("consumer_secret=cs_t0p%2Fs3cret") != std::string::npos);
        QVERIFY(seen.front().authorization.empty());
    }

    void clientErrorsAreNotRetried()
    {
        ScriptServer server({respond(401, "{\"code\":\"woocommerce_rest_cannot_view\"}"), respond(200, "no")});
        auto o = fastOptions();
        o.basicUser = "ck_1";
        o.basicPassword = "cs_2";
        o.redact = {"cs_2"};
        HttpClient c(server.url(), o);
        try {
            c.request(get("/p"));
            QFAIL("401 accepted");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("401") != std::string::npos);
        }
        const auto seen = server.seen();
        QCOMPARE(int(seen.size()), 1);
        QCOMPARE(seen.front().authorization, std::string("Basic Y2tfMTpjc18y")); // base64("ck_1:cs_2")
        HttpRequest rq = get("/p");
        rq.returnHttpErrors = true;
        ScriptServer s2({respond(404, "nope")});
        HttpClient c2(s2.url(), o);
        QCOMPARE(c2.request(rq).status, 404);
    }

    void cancelDuringBackoffIsPrompt()
    {
        ScriptServer server({respond(503, "", {{"Retry-After", "30"}})});
        auto o = fastOptions();
        o.retryAfterCap = 30000ms;
        HttpClient c(server.url(), o);
        const auto t0 = std::chrono::steady_clock::now();
        bool cancelled = false;
        try {
            c.request(get("/x"), [&](double, std::string_view) { return secondsSince(t0) < 0.3; });
        } catch (const shoppilot::Cancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        // Nowhere near the 30 s the server asked for (a bound on behaviour, not a speed claim).
        QVERIFY(secondsSince(t0) < 10.0);
        // The client is still usable afterwards.
        ScriptServer other({respond(200, "again")});
        HttpClient c2(other.url(), o);
        QCOMPARE(c2.request(get("/y")).body, std::string("again"));
    }

    void requestAllKeepsOrderOverSeveralConnections()
    {
        Action slow = respond(200, "x");
        slow.delayMs = 30;
        ScriptServer server({slow});
        auto o = fastOptions();
        o.connections = 4;
        HttpClient c(server.url(), o);
        std::vector<HttpRequest> rqs;
        for (int i = 0; i < 12; ++i)
            rqs.push_back(get("/page/" + std::to_string(i)));
        int callbacks = 0;
        const auto rs = c.requestAll(rqs, {}, [&](std::size_t, HttpResponse&) { ++callbacks; });
        QCOMPARE(int(rs.size()), 12);
        QCOMPARE(callbacks, 12);
        QVERIFY(server.connections() >= 2);
        QVERIFY(server.connections() <= 4); // keep-alive: connections are reused
        const auto seen = server.seen();
        QCOMPARE(int(seen.size()), 12);
    }

    void tlsVerificationOnByDefault()
    {
        QTemporaryDir dir;
        const QString key = dir.filePath("key.pem"), cert = dir.filePath("cert.pem");
        QProcess openssl;
        openssl.start("openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                                  "-days", "1", "-subj", "/CN=localhost", "-addext",
                                  "subjectAltName=DNS:localhost,IP:127.0.0.1"});
        if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0)
            QFAIL("the openssl command could not make a test certificate: run packaging/install-deps.sh (openssl)");

        asio::io_context io;
        asio::ssl::context ctx(asio::ssl::context::tls_server);
        ctx.use_certificate_chain_file(cert.toStdString());
        ctx.use_private_key_file(key.toStdString(), asio::ssl::context::pem);
        tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
        const auto port = acceptor.local_endpoint().port();
        std::atomic<bool> stop{false};
        std::thread server([&] {
            while (!stop) {
                tcp::socket socket(io);
                boost::system::error_code ec;
                acceptor.accept(socket, ec);
                if (ec || stop)
                    return;
                beast::ssl_stream<tcp::socket> tls(std::move(socket), ctx);
                tls.handshake(asio::ssl::stream_base::server, ec);
                if (ec)
                    continue;
                beast::flat_buffer buf;
                http::request<http::string_body> req;
                http::read(tls, buf, req, ec);
                if (ec)
                    continue;
                http::response<http::string_body> res{http::status::ok, 11};
                res.body() = "secure";
                res.keep_alive(false);
                res.prepare_payload();
                http::write(tls, res, ec);
                tls.shutdown(ec);
            }
        });
        const std::string url = "https://localhost:" + std::to_string(port);
        try {
            HttpClient untrusted(url, fastOptions());
            untrusted.request(get("/"));
            QFAIL("an untrusted certificate was accepted");
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::Network);
            QVERIFY2(std::string(e.what()).find("TLS") != std::string::npos, e.what());
        }
        auto o = fastOptions();
        o.caFile = cert.toStdString();
        HttpClient trusted(url, o);
        QCOMPARE(trusted.request(get("/")).body, std::string("secure"));
        HttpClient byIp("https://127.0.0.1:" + std::to_string(port), o);
        QCOMPARE(byIp.request(get("/")).body, std::string("secure"));

        stop = true;
        boost::system::error_code ec;
        tcp::socket poke(io);
        poke.connect(acceptor.local_endpoint(), ec);
        server.join();
    }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_http_client.moc"
