#include "sync/webhook_receiver.h"

#include "store/store_access.h"


#include <algorithm>
#include <array>
#include <cctype>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <future>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <unordered_set>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "common/money.h"
#include "common/thread_priority.h"
#include "common/time.h"
#include "store/records.h"
#include "store/repositories.h"
#include "sync/hmac.h"

namespace shoppilot::sync {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

Timestamp nowUtc()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// A temporary failure (locked or unwritable store): the sender should retry later.
struct TemporaryFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

} // namespace

struct WebhookReceiver::Impl {
    WebhookOptions options;
    struct Session;
    // Declared before the io_context: sessions still queued in it unregister when it is destroyed.
    std::unordered_set<Session*> sessions; // server thread only
    asio::io_context ioc{1};
    tcp::acceptor acceptor{ioc};
    std::thread thread;
    std::uint16_t port = 0;
    std::atomic<bool> running{false};
    std::mutex stopMutex;
    bool stopped = false;
    // The process's one writer for the store: deliveries queue with sync and panel writes.
    std::shared_ptr<store::StoreAccess> access;
    std::mutex errorMutex;
    std::string stopError; // why the thread stopped on its own (empty: it did not)

    std::atomic<std::uint64_t> applied{0}, duplicates{0}, pings{0}, unauthorized{0}, quarantined{0},
        badRequests{0}, failures{0}, skipped{0};

    void serve(std::promise<void>& ready);
    void accept();
    void closeAll();

    // What one verified request does to the store; returns the status and a short text.
    std::pair<http::status, std::string> handle(const http::request<http::string_body>& req);
    std::pair<http::status, std::string> deliver(std::string_view topic, std::string deliveryId, std::string_view body);
};

// One connection: reads requests (keep-alive) until the peer closes, times out or misbehaves.
struct WebhookReceiver::Impl::Session : std::enable_shared_from_this<Session> {
    Impl& impl;
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    std::optional<http::request_parser<http::string_body>> parser;
    http::response<http::string_body> response;
    bool drainAfterReply = false;
    std::array<char, 8192> scratch{};
    std::size_t drained = 0;
    static constexpr std::size_t kMaxDrain = 64 * 1024 * 1024;

    Session(Impl& i, tcp::socket socket) : impl(i), stream(std::move(socket)) { impl.sessions.insert(this); }
    ~Session() { impl.sessions.erase(this); }

    void read()
    {
        parser.emplace();
        parser->body_limit(impl.options.maxBodyBytes);
        parser->header_limit(kWebhookHeaderLimit);
        stream.expires_after(impl.options.readTimeout);
        http::async_read(stream, buffer, *parser,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onRead(ec); });
    }

    void onRead(beast::error_code ec)
    {
        if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted || ec == beast::error::timeout
            || ec == asio::error::eof || ec == asio::error::connection_reset) {
            close();
            return;
        }
        if (ec) {
            ++impl.badRequests;
            if (ec.category() != http::make_error_code(http::error::body_limit).category()) {
                close(); // a socket error: nobody to answer
                return;
            }
            http::status status = http::status::bad_request;
            if (ec == http::error::body_limit)
                status = http::status::payload_too_large;
            else if (ec == http::error::header_limit)
                status = http::status::request_header_fields_too_large;
            drainAfterReply = true;
            respond(status, std::string(http::obsolete_reason(status)) + "\n", false, 11);
            return;
        }
        const auto& req = parser->get();
        std::pair<http::status, std::string> out;
        try {
            out = impl.handle(req);
        } catch (const std::exception& e) {
            // Never let one request take the server down.
            ++impl.failures;
            out = {http::status::service_unavailable, std::string("temporary failure: ") + e.what() + "\n"};
        }
        respond(out.first, std::move(out.second), req.keep_alive(), req.version());
    }

    void respond(http::status status, std::string body, bool keepAlive, unsigned version)
    {
        response = {};
        response.version(version);
        response.result(status);
        response.set(http::field::server, "ShopPilot webhook receiver");
        response.set(http::field::content_type, "text/plain; charset=utf-8");
        if (status == http::status::method_not_allowed)
            response.set(http::field::allow, "POST");
        if (status == http::status::service_unavailable)
            response.set(http::field::retry_after, "5");
        response.keep_alive(keepAlive);
        response.body() = std::move(body);
        response.prepare_payload();
        stream.expires_after(impl.options.readTimeout);
        http::async_write(stream, response, [self = shared_from_this(), keepAlive](beast::error_code ec, std::size_t) {
            if (!ec && self->drainAfterReply) {
                self->drainThenClose();
                return;
            }
            if (ec || !keepAlive || !self->impl.running) {
                self->close();
                return;
            }
            self->read();
        });
    }

    // After refusing a request whose body we did not read: closing with unread bytes would
    // reset the connection and could destroy our answer on the way, so read and drop the rest
    // for a moment first.
    void drainThenClose()
    {
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream.expires_after(std::chrono::seconds(2));
        drain();
    }

    void drain()
    {
        stream.async_read_some(asio::buffer(scratch), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
            self->drained += n;
            if (ec || self->drained > kMaxDrain || !self->impl.running)
                self->close();
            else
                self->drain();
        });
    }

    void close()
    {
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream.socket().close(ignored);
    }
};

void WebhookReceiver::Impl::serve(std::promise<void>& ready)
{
    try {
        access = store::StoreAccess::open(options.storePath);
        beast::error_code ec;
        const auto address = asio::ip::make_address(options.bindAddress, ec);
        if (ec)
            throw Error(ErrorCode::InvalidArgument, "webhook receiver: '" + options.bindAddress
                                                        + "' is not an IP address");
        const tcp::endpoint endpoint(address, options.port);
        acceptor.open(endpoint.protocol(), ec);
        if (!ec)
            acceptor.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec)
            acceptor.bind(endpoint, ec);
        if (!ec)
            acceptor.listen(asio::socket_base::max_listen_connections, ec);
        if (ec)
            throw Error(ErrorCode::Network, "webhook receiver: cannot listen on " + options.bindAddress + ":"
                                                + std::to_string(options.port) + " (" + ec.message() + ")");
        port = acceptor.local_endpoint().port();
        running = true;
    } catch (...) {
        access.reset();
        ready.set_exception(std::current_exception());
        return;
    }
    ready.set_value();
    accept();
    // Whatever escapes a handler ends up here: the thread stops serving, says why, and the
    // owner (the app's sync controller) reports it and starts a new receiver. Never terminate().
    std::string why;
    try {
        ioc.run();
    } catch (const std::exception& e) {
        why = e.what();
    } catch (...) {
        why = "unknown error";
    }
    running = false;
    closeAll();
    access.reset();
    if (!why.empty()) {
        {
            std::lock_guard lock(errorMutex);
            stopError = why;
        }
        if (options.onStopped) {
            try {
                options.onStopped("webhook receiver stopped: " + why);
            } catch (...) {
            }
        }
    }
}

void WebhookReceiver::Impl::accept()
{
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open())
            return;
        if (ec) {
            // Out of descriptors or similar: try again shortly instead of spinning.
            auto timer = std::make_shared<asio::steady_timer>(ioc, std::chrono::milliseconds(100));
            timer->async_wait([this, timer](beast::error_code) {
                if (acceptor.is_open())
                    accept();
            });
            return;
        }
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        std::make_shared<Session>(*this, std::move(socket))->read();
        accept();
    });
}

void WebhookReceiver::Impl::closeAll()
{
    running = false;
    beast::error_code ignored;
    acceptor.close(ignored);
    for (Session* s : sessions)
        s->close();
}

std::pair<http::status, std::string> WebhookReceiver::Impl::handle(const http::request<http::string_body>& req)
{
    const auto header = [&](auto field) {
        const auto v = req[field];
        return std::string_view(v.data(), v.size());
    };
    WebhookRequest r;
    r.post = req.method() == http::verb::post;
    r.contentType = header(http::field::content_type);
    r.signature = header("X-WC-Webhook-Signature");
    r.topic = header("X-WC-Webhook-Topic");
    r.deliveryId = header("X-WC-Webhook-Delivery-ID");
    r.body = req.body();
    auto v = judgeWebhook(r, options.secret);
    using K = WebhookVerdict::Kind;
    switch (v.kind) {
    case K::MethodNotAllowed:
        ++badRequests;
        return {http::status::method_not_allowed, v.reply};
    case K::Ping:
        ++pings;
        return {http::status::ok, v.reply};
    case K::Unauthorized:
        ++unauthorized;
        return {http::status::unauthorized, v.reply};
    case K::BadRequest:
        ++badRequests;
        return {http::status::bad_request, v.reply};
    case K::Deliver:
        break;
    }
    return deliver(v.topic, std::move(v.deliveryId), r.body);
}

std::pair<http::status, std::string> WebhookReceiver::Impl::deliver(std::string_view topic, std::string deliveryId,
                                                                    std::string_view body)
{
    const std::string_view table = webhookTable(topic);
    std::string status;
    std::optional<std::string> reason;
    try {
      return access->write([&](store::Database& d) -> std::pair<http::status, std::string> {
        store::Transaction tx(d);
        {
            store::Statement seen(d, "SELECT 1 FROM webhook_deliveries WHERE delivery_id = ?");
            seen.bind(1, deliveryId);
            if (seen.step()) {
                ++duplicates;
                return {http::status::ok, "duplicate delivery, already applied\n"};
            }
        }
        const std::optional<std::string> resourceId = webhookResourceId(body);
        if (table.empty()) {
            status = "ignored";
        } else {
            // A savepoint, so a payload that fails half-way leaves no rows behind.
            d.exec("SAVEPOINT webhook_apply");
            const auto before = d.totalChanges();
            try {
                options.apply(d, topic, body);
                const bool changed = d.totalChanges() != before;
                d.exec("RELEASE webhook_apply");
                status = changed ? "applied" : "stale";
            } catch (const Error& e) {
                d.exec("ROLLBACK TO webhook_apply");
                d.exec("RELEASE webhook_apply");
                if (e.code() != ErrorCode::Parse && e.code() != ErrorCode::InvalidArgument)
                    throw TemporaryFailure(e.what());
                reason = e.what();
            } catch (const std::exception& e) {
                d.exec("ROLLBACK TO webhook_apply");
                d.exec("RELEASE webhook_apply");
                reason = e.what();
            }
            if (reason) {
                status = "quarantined";
                // At most one open row per record, as the sync engine keeps them.
                store::Statement old(d, "DELETE FROM sync_quarantine WHERE source = ? AND resource = ? AND "
                                        "external_id IS ?");
                old.bind(1, options.source).bind(2, table).bind(3, resourceId);
                old.step();
                store::Statement q(d, "INSERT INTO sync_quarantine (source, resource, external_id, received_at, "
                                      "reason, payload) VALUES (?, ?, ?, ?, ?, ?)");
                q.bind(1, options.source).bind(2, table).bind(3, resourceId).bind(4, nowUtc())
                    .bind(5, "webhook " + std::string(topic) + ": " + *reason).bind(6, body);
                q.step();
            }
        }
        store::Statement rec(d, "INSERT INTO webhook_deliveries (delivery_id, topic, resource_id, received_at, status) "
                                "VALUES (?, ?, ?, ?, ?)");
        rec.bind(1, deliveryId).bind(2, topic).bind(3, resourceId).bind(4, nowUtc()).bind(5, status);
        rec.step();
        tx.commit();
        // After the commit: readers that hear of it see the rows.
        if (status == "applied") {
            ++applied;
            d.changeFeed().publish(store::Change{std::string(table), store::ChangeKind::Upsert, 1, {}});
        } else if (status == "quarantined") {
            ++quarantined;
            d.changeFeed().publish(store::Change{"sync_quarantine", store::ChangeKind::Upsert, 1, {}});
        } else {
            ++skipped; // stale or ignored: recorded, nothing changed
        }
        return {http::status::ok, status + "\n"};
      });
    } catch (const TemporaryFailure& e) {
        ++failures;
        return {http::status::service_unavailable, std::string("temporary failure, retry later: ") + e.what() + "\n"};
    } catch (const Error& e) {
        ++failures;
        return {http::status::service_unavailable, std::string("temporary failure, retry later: ") + e.what() + "\n"};
    }
}

WebhookReceiver::WebhookReceiver(WebhookOptions options) : m_impl(std::make_unique<Impl>())
{
    if (options.secret.empty())
        throw Error(ErrorCode::InvalidArgument, "webhook receiver: set the webhook secret first");
    if (!options.apply)
        throw Error(ErrorCode::InvalidArgument, "webhook receiver: no payload handler given");
    m_impl->options = std::move(options);
    std::promise<void> ready;
    std::future<void> started = ready.get_future();
    // The thread owns the promise: it may still be inside set_value() when we return.
    m_impl->thread = std::thread([impl = m_impl.get(), ready = std::move(ready)]() mutable {
        useBackgroundPriority();
        impl->serve(ready);
    });
    try {
        started.get();
    } catch (...) {
        m_impl->thread.join();
        throw;
    }
}

WebhookReceiver::~WebhookReceiver()
{
    stop();
}

void WebhookReceiver::stop()
{
    const std::lock_guard lock(m_impl->stopMutex);
    if (m_impl->stopped)
        return;
    m_impl->stopped = true;
    if (m_impl->thread.joinable()) {
        // Handlers run to completion, so a delivery being written finishes its transaction.
        asio::post(m_impl->ioc, [impl = m_impl.get()] { impl->closeAll(); });
        m_impl->thread.join();
    }
}

std::uint16_t WebhookReceiver::port() const { return m_impl->port; }
const std::string& WebhookReceiver::bindAddress() const { return m_impl->options.bindAddress; }
bool WebhookReceiver::running() const { return m_impl->running; }

std::string WebhookReceiver::stopError() const
{
    std::lock_guard lock(m_impl->errorMutex);
    return m_impl->stopError;
}

std::string WebhookReceiver::url() const
{
    const bool v6 = m_impl->options.bindAddress.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + m_impl->options.bindAddress + "]" : m_impl->options.bindAddress) + ":"
           + std::to_string(m_impl->port) + "/";
}

WebhookStats WebhookReceiver::stats() const
{
    WebhookStats s;
    s.applied = m_impl->applied;
    s.duplicates = m_impl->duplicates;
    s.pings = m_impl->pings;
    s.unauthorized = m_impl->unauthorized;
    s.quarantined = m_impl->quarantined;
    s.badRequests = m_impl->badRequests;
    s.failures = m_impl->failures;
    s.skipped = m_impl->skipped;
    return s;
}

// ------------------------------------------------------------------------------------ bench

namespace {

// Enough of a WooCommerce order for the bench: id, status, currency, total, dates. An update
// older than the stored row is skipped, as the real applier does.
void applyMinimalOrder(store::Database& db, std::string_view, std::string_view body)
{
    const auto j = nlohmann::json::parse(body);
    store::OrderRow row;
    row.externalId = std::to_string(j.at("id").get<std::int64_t>());
    row.status = j.value("status", "pending");
    row.currency = j.value("currency", "GBP");
    row.totalMinor = parseMinorUnits(j.value("total", "0"), currencyExponent(row.currency)).value_or(0);
    row.createdAt = parseTimestamp(j.value("date_created_gmt", "")).value_or(0);
    row.updatedAt = parseTimestamp(j.value("date_modified_gmt", "")).value_or(row.createdAt);
    store::Statement cur(db, "SELECT id, updated_at FROM orders WHERE external_id = ?");
    cur.bind(1, *row.externalId);
    if (cur.step()) {
        if (cur.columnInt(1) > row.updatedAt)
            return;
        row.id = cur.columnInt(0);
    }
    store::upsertOrders(db, std::span<store::OrderRow>(&row, 1));
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto i = std::size_t(std::clamp(p * double(v.size() - 1) + 0.5, 0.0, double(v.size() - 1)));
    return v[i];
}

} // namespace

WebhookLatency benchWebhookLatency(const WebhookBenchOptions& options)
{
    namespace fs = std::filesystem;
    std::string path = options.storePath;
    std::optional<fs::path> tempDir;
    if (path.empty()) {
        std::random_device rd;
        tempDir = fs::temp_directory_path() / ("shoppilot-webhook-bench-" + std::to_string(rd()));
        fs::create_directories(*tempDir);
        path = (*tempDir / "bench.db").string();
    }
    struct Cleanup {
        std::optional<fs::path>& dir;
        ~Cleanup()
        {
            std::error_code ec;
            if (dir)
                fs::remove_all(*dir, ec);
        }
    } cleanup{tempDir};

    // The reader side: a connection of our own, so the feed is the one the receiver publishes to.
    store::Database reader = store::Database::open(path, {store::OpenMode::CreateIfMissing});
    std::mutex m;
    std::condition_variable cv;
    std::uint64_t notices = 0;
    std::chrono::steady_clock::time_point lastNotice;
    const auto token = reader.changeFeed().subscribe([&](const store::Change& c) {
        if (c.table != "orders")
            return;
        const auto now = std::chrono::steady_clock::now();
        const std::lock_guard lock(m);
        ++notices;
        lastNotice = now;
        cv.notify_all();
    });
    struct Unsubscribe {
        store::Database& db;
        store::ChangeFeed::Token token;
        ~Unsubscribe() { db.changeFeed().unsubscribe(token); }
    } unsubscribe{reader, token};

    const std::string secret = "bench-secret";
    WebhookOptions wo;
    wo.storePath = path;
    wo.secret = secret;
    wo.apply = options.apply ? options.apply : ApplyFn(applyMinimalOrder);
    WebhookReceiver receiver(std::move(wo));

    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), receiver.port()));
    stream.socket().set_option(tcp::no_delay(true));
    beast::flat_buffer buffer;

    const int n = std::max(1, options.deliveries);
    constexpr int kOrders = 20; // each order is created once, then updated
    const Timestamp base = makeTimestamp(2024, 1, 1, 9);
    std::vector<double> feedMs, httpMs;
    feedMs.reserve(std::size_t(n));
    httpMs.reserve(std::size_t(n));
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) {
        const int orderId = 900000 + i % kOrders;
        const bool created = i < kOrders;
        nlohmann::json order = {{"id", orderId},
                                {"status", created ? "pending" : "processing"},
                                {"currency", "GBP"},
                                {"total", std::to_string(10 + i) + ".50"},
                                {"date_created_gmt", formatTimestamp(base).substr(0, 19)},
                                {"date_modified_gmt", formatTimestamp(base + i).substr(0, 19)},
                                {"line_items", nlohmann::json::array()}};
        const std::string body = order.dump();
        http::request<http::string_body> req{http::verb::post, "/", 11};
        req.set(http::field::host, "127.0.0.1");
        req.set(http::field::content_type, "application/json");
        req.set("X-WC-Webhook-Topic", created ? "order.created" : "order.updated");
        req.set("X-WC-Webhook-Resource", "order");
        req.set("X-WC-Webhook-Event", created ? "created" : "updated");
        req.set("X-WC-Webhook-ID", "1");
        req.set("X-WC-Webhook-Delivery-ID", "bench-" + std::to_string(i));
        req.set("X-WC-Webhook-Signature", wooSignature(secret, body));
        req.body() = body;
        req.prepare_payload();
        req.keep_alive(true);

        std::uint64_t before;
        {
            const std::lock_guard lock(m);
            before = notices;
        }
        const auto t0 = std::chrono::steady_clock::now();
        http::write(stream, req);
        http::response<http::string_body> res;
        http::read(stream, buffer, res);
        const auto t1 = std::chrono::steady_clock::now();
        if (res.result() != http::status::ok)
            throw Error(ErrorCode::Network, "webhook bench: the receiver answered "
                                                + std::to_string(res.result_int()) + ": " + res.body());
        std::unique_lock lock(m);
        if (!cv.wait_for(lock, std::chrono::seconds(10), [&] { return notices > before; }))
            throw Error(ErrorCode::Network, "webhook bench: no change-feed notice within 10 s");
        feedMs.push_back(std::chrono::duration<double, std::milli>(lastNotice - t0).count());
        httpMs.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    receiver.stop();

    WebhookLatency out;
    out.deliveries = n;
    out.p50Ms = percentile(feedMs, 0.50);
    out.p99Ms = percentile(feedMs, 0.99);
    out.maxMs = *std::max_element(feedMs.begin(), feedMs.end());
    double sum = 0;
    for (const double v : feedMs)
        sum += v;
    out.meanMs = sum / double(feedMs.size());
    out.httpP50Ms = percentile(httpMs, 0.50);
    out.deliveriesPerSecond = seconds > 0 ? n / seconds : 0;
    return out;
}

} // namespace shoppilot::sync
