// The platform simulator's server (see platform_sim.h). Thread per connection with blocking Beast
// I/O: the simulator serves a handful of test clients, and blocking code keeps the fault
// injection (cut a body half-way, close without answering) easy to read. stop() wakes blocked
// threads by shutting their sockets down.
#include "sync/platform_sim.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <limits>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "common/error.h"
#include "common/money.h"
#include "common/random.h"
#include "store/database.h"
#include "store/repositories.h"
#include "sync/sim_store.h"
#include "sync/sim_tls.h"
#include "sync/woo_format.h"

namespace shoppilot::sync {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using Json = nlohmann::json;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

constexpr int kMaxPerPage = 100;
constexpr std::int64_t kMaxEventLimit = 5000;
constexpr int kMaxWaitSeconds = 60;
constexpr int kIdleTimeoutSeconds = 60;
constexpr int kWebhookTimeoutSeconds = 5;
constexpr double kWebhookFaultShare = 0.25; // of deliveries duplicated / held back
constexpr const char* kWooPrefix = "/wp-json/wc/v3/";
// Tries at a list page from the in-memory index before reading it with the plain query instead:
// a try only fails when a write landed between slicing the index and reading the rows.
constexpr int kPageAttempts = 4;

std::string percentDecode(std::string_view s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size()) {
            auto hex = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(static_cast<unsigned char>(c)) - 'a' + 10); };
            if (std::isxdigit(static_cast<unsigned char>(s[i + 1])) && std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
                out += char(hex(s[i + 1]) * 16 + hex(s[i + 2]));
                i += 2;
            } else {
                out += s[i];
            }
        } else {
            out += s[i];
        }
    }
    return out;
}

std::map<std::string, std::string> parseQuery(std::string_view q)
{
    std::map<std::string, std::string> out;
    while (!q.empty()) {
        const auto amp = q.find('&');
        const std::string_view part = q.substr(0, amp);
        const auto eq = part.find('=');
        if (!part.empty())
            out[percentDecode(part.substr(0, eq))] = eq == std::string_view::npos ? std::string() : percentDecode(part.substr(eq + 1));
        if (amp == std::string_view::npos)
            break;
        q.remove_prefix(amp + 1);
    }
    return out;
}

std::string base64(const unsigned char* data, std::size_t n)
{
    std::string out(4 * ((n + 2) / 3), '\0');
    const int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, int(n));
    out.resize(std::size_t(std::max(len, 0)));
    return out;
}

std::optional<std::string> unbase64(std::string_view text)
{
    if (text.empty() || text.size() % 4 != 0 || text.size() > 4096)
        return std::nullopt;
    std::string out(text.size() / 4 * 3, '\0');
    const int len = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                    reinterpret_cast<const unsigned char*>(text.data()), int(text.size()));
    if (len < 0)
        return std::nullopt;
    std::size_t n = std::size_t(len);
    for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it)
        --n; // EVP_DecodeBlock counts padding as zero bytes
    out.resize(n);
    return out;
}

std::string hmacSha256Base64(std::string_view body, std::string_view secret)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), secret.data(), int(secret.size()), reinterpret_cast<const unsigned char*>(body.data()), body.size(), md, &len);
    return base64(md, len);
}

Json wooError(const std::string& code, const std::string& message, int status)
{
    return Json{{"code", code}, {"message", message}, {"data", {{"status", status}}}};
}

// Parameters a handler could not use: answered 400 like WooCommerce's rest_invalid_param.
struct BadRequest {
    std::string message;
    Json params = Json::object(); // WordPress's data.params: {name: why}
};

// One registered argument of a WooCommerce collection route, validated as WordPress's
// rest_validate_request_arg does. Arguments not registered are ignored, as WordPress does.
struct Arg {
    enum Kind { Integer, Enum, DateTime, Boolean, String } kind = String;
    std::int64_t min = std::numeric_limits<std::int64_t>::min(), max = std::numeric_limits<std::int64_t>::max();
    std::vector<std::string> options;

    Arg() = default;
    explicit Arg(Kind k, std::int64_t lo = std::numeric_limits<std::int64_t>::min(),
                 std::int64_t hi = std::numeric_limits<std::int64_t>::max())
        : kind(k), min(lo), max(hi)
    {
    }
    explicit Arg(std::vector<std::string> o) : kind(Enum), options(std::move(o)) {}
};

std::string joinOptions(const std::vector<std::string>& o)
{
    // WordPress: "id, include, name, and registered_date".
    std::string out;
    for (std::size_t i = 0; i < o.size(); ++i) {
        if (i)
            out += o.size() > 2 ? ", " : " ";
        if (i + 1 == o.size() && o.size() > 1)
            out += "and ";
        out += o[i];
    }
    return out;
}

const std::map<std::string, Arg>& routeArgs(const std::string& resource)
{
    static const Arg page(Arg::Integer, 1);
    static const Arg perPage(Arg::Integer, 1, 100);
    static const Arg offset(Arg::Integer, 0);
    static const Arg order(std::vector<std::string>{"asc", "desc"});
    static const Arg context(std::vector<std::string>{"view", "edit"});
    static const Arg date(Arg::DateTime);
    static const Arg boolean(Arg::Boolean);
    // WC_REST_CRUD_Controller::get_collection_params (products and orders build on it).
    static const std::map<std::string, Arg> crud{
        {"page", page}, {"per_page", perPage}, {"offset", offset}, {"order", order}, {"context", context},
        {"after", date}, {"before", date}, {"modified_after", date}, {"modified_before", date},
        {"dates_are_gmt", boolean}, {"search", Arg()},
        {"orderby", Arg(std::vector<std::string>{"date", "id", "include", "title", "slug", "modified"})}};
    static const std::map<std::string, Arg> products = [] {
        auto m = crud;
        m["orderby"] = Arg(std::vector<std::string>{"date", "id", "include", "title", "slug", "modified", "price", "popularity", "rating", "menu_order"});
        m["status"] = Arg(std::vector<std::string>{"any", "future", "trash", "draft", "pending", "private", "publish"});
        m["type"] = Arg(std::vector<std::string>{"simple", "grouped", "external", "variable"});
        return m;
    }();
    static const std::map<std::string, Arg> orders = crud;
    // WC_REST_Customers_Controller: no modified_after, no dates_are_gmt, orderby of its own.
    static const std::map<std::string, Arg> customers{
        {"page", page}, {"per_page", perPage}, {"offset", offset}, {"context", context}, {"search", Arg()},
        {"order", order}, {"email", Arg()},
        {"orderby", Arg(std::vector<std::string>{"id", "include", "name", "registered_date"})},
        {"role", Arg(std::vector<std::string>{"all", "administrator", "editor", "author", "contributor", "subscriber", "customer", "shop_manager"})}};
    static const std::map<std::string, Arg> variations = [] {
        auto m = crud;
        m.erase("search");
        return m;
    }();
    if (resource == "customers")
        return customers;
    if (resource == "products")
        return products;
    if (resource == "variations")
        return variations;
    return orders;
}

// Throws BadRequest listing every registered argument with a bad value.
void validateArgs(const std::string& resource, const std::map<std::string, std::string>& q)
{
    Json params = Json::object();
    for (const auto& [name, arg] : routeArgs(resource)) {
        auto it = q.find(name);
        if (it == q.end())
            continue;
        const std::string& v = it->second;
        switch (arg.kind) {
        case Arg::Integer: {
            std::int64_t x = 0;
            auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
            if (v.empty() || ec != std::errc() || ptr != v.data() + v.size())
                params[name] = name + " is not of type integer.";
            else if (x < arg.min || x > arg.max)
                params[name] = arg.max == std::numeric_limits<std::int64_t>::max()
                                   ? name + " must be greater than or equal to " + std::to_string(arg.min)
                                   : name + " must be between " + std::to_string(arg.min) + " (inclusive) and "
                                         + std::to_string(arg.max) + " (inclusive)";
            break;
        }
        case Arg::Enum:
            if (std::find(arg.options.begin(), arg.options.end(), v) == arg.options.end())
                params[name] = name + " is not one of " + joinOptions(arg.options) + ".";
            break;
        case Arg::DateTime:
            if (!woo::parseWooDate(v) && !(v.size() == 25 && woo::parseWooDate(v.substr(0, 19))))
                params[name] = "Invalid date.";
            break;
        case Arg::Boolean:
            if (v != "true" && v != "false" && v != "1" && v != "0")
                params[name] = name + " is not of type boolean.";
            break;
        case Arg::String:
            break;
        }
    }
    if (params.empty())
        return;
    std::string names;
    for (auto it = params.begin(); it != params.end(); ++it)
        names += (names.empty() ? "" : ", ") + it.key();
    throw BadRequest{"Invalid parameter(s): " + names, params};
}

// WooCommerce's 404 code for an unknown id of a resource.
Json invalidId(const std::string& resource)
{
    const std::string code = resource == "products"     ? "woocommerce_rest_product_invalid_id"
                             : resource == "orders"     ? "woocommerce_rest_shop_order_invalid_id"
                             : resource == "variations" ? "woocommerce_rest_product_variation_invalid_id"
                                                        : "woocommerce_rest_invalid_id";
    return Json{{"code", code}, {"message", resource == "customers" ? "Invalid resource ID." : "Invalid ID."},
                {"data", {{"status", 404}}}};
}

std::int64_t intParam(const std::map<std::string, std::string>& q, const std::string& name, std::int64_t def)
{
    auto it = q.find(name);
    if (it == q.end() || it->second.empty())
        return def;
    std::int64_t v = 0;
    const auto& s = it->second;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size())
        throw BadRequest{"Invalid parameter(s): " + name};
    return v;
}

struct WebhookUrl {
    std::string host = "127.0.0.1";
    std::uint16_t port = 80;
    std::string target = "/";
};

WebhookUrl parseWebhookUrl(const std::string& url)
{
    const std::string scheme = "http://";
    if (url.rfind(scheme, 0) != 0)
        throw Error(ErrorCode::InvalidArgument, "webhook URL must start with http:// (got '" + url + "')");
    std::string rest = url.substr(scheme.size());
    WebhookUrl out;
    const auto slash = rest.find('/');
    if (slash != std::string::npos) {
        out.target = rest.substr(slash);
        rest.resize(slash);
    }
    const auto colon = rest.rfind(':');
    std::string host = rest.substr(0, colon);
    if (colon != std::string::npos) {
        int port = 0;
        const std::string p = rest.substr(colon + 1);
        auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), port);
        if (ec != std::errc() || ptr != p.data() + p.size() || port <= 0 || port > 65535)
            throw Error(ErrorCode::InvalidArgument, "webhook URL has a bad port: '" + url + "'");
        out.port = std::uint16_t(port);
    }
    // The simulator only ever talks to this machine.
    if (host != "127.0.0.1" && host != "localhost")
        throw Error(ErrorCode::InvalidArgument, "webhook URL must point at 127.0.0.1 (got '" + url + "')");
    return out;
}

struct Delivery {
    bool ping = false;
    std::string topic; // order.created ...
    std::string resourceId;
    std::string body;
    std::int64_t deliveryId = 0;
};

void setSocketTimeouts(int fd, int seconds)
{
    timeval tv{};
    tv.tv_sec = seconds;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

const char* kOrderStatuses[] = {"pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed"};

} // namespace

struct PlatformSimulator::Impl {
    SimulatorOptions opt;
    std::optional<WebhookUrl> hookUrl;

    std::optional<store::Database> writer; // play-forward and PUTs
    std::mutex writerMutex;
    Timestamp clock = 0; // the simulated "now" for writes; guarded by writerMutex
    std::vector<store::Id> playedOrders;
    // The list endpoints' (updated_at, id) order, guarded by writerMutex: every write here touches
    // the rows it wrote before letting go of the mutex. Writes by other connections (another
    // process, a test) move the writer connection's data_version, and then the indexes reload.
    sim::ModifiedIndex productsIndex{"products"}, customersIndex{"customers"}, ordersIndex{"orders"};
    std::optional<std::int64_t> indexDataVersion;

    net::io_context ioc;
    std::unique_ptr<tcp::acceptor> acceptor;
    std::unique_ptr<ssl::context> sslContext;
    std::string certPath;
    std::uint16_t port = 0;

    std::atomic<bool> stopping{false};
    bool started = false;
    std::mutex stopMutex;
    std::condition_variable stopCv; // sleeps (slow, play-forward pacing) wake on stop

    struct Connection {
        std::thread thread;
        int fd = -1;
        std::atomic<bool> done{false};
    };
    std::mutex connMutex;
    std::list<std::unique_ptr<Connection>> connections;
    std::thread acceptThread, playThread, webhookThread;

    std::mutex rngMutex;
    Rng rng;

    std::mutex bucketMutex;
    double tokens = 0;
    std::chrono::steady_clock::time_point lastRefill;

    std::mutex eventMutex;
    std::condition_variable eventCv;
    std::uint64_t eventVersion = 0;

    std::mutex hookMutex;
    std::condition_variable hookCv;
    std::deque<Delivery> hooks;
    std::int64_t nextDeliveryId = 1;

    struct Counters {
        std::atomic<std::int64_t> requests{0}, failed{0}, rateLimited{0}, slowed{0}, malformedRecords{0},
            truncatedBodies{0}, dropped{0}, unauthorized{0}, ordersPlayed{0}, ordersUpdated{0}, webhooksSent{0},
            webhookFailures{0}, webhooksDuplicated{0}, webhooksReordered{0};
    } counters;

    explicit Impl(SimulatorOptions o) : opt(std::move(o)), rng(opt.seed, 0x5111) {}

    bool chance(double p)
    {
        if (p <= 0)
            return false;
        std::lock_guard lock(rngMutex);
        return rng.bernoulli(p);
    }
    std::uint64_t below(std::uint64_t n)
    {
        std::lock_guard lock(rngMutex);
        return rng.below(n);
    }

    // Sleeps up to `d`; returns false when stop() interrupted it.
    bool sleepFor(std::chrono::milliseconds d)
    {
        std::unique_lock lock(stopMutex);
        return !stopCv.wait_for(lock, d, [&] { return stopping.load(); });
    }

    // ------------------------------------------------------------------------ start / stop

    void start()
    {
        if (started)
            throw Error(ErrorCode::InvalidArgument, "the platform simulator is already running");
        if (!std::filesystem::exists(opt.storePath))
            throw Error(ErrorCode::NotFound, "no store at '" + opt.storePath + "'");
        writer.emplace(store::Database::open(opt.storePath));
        if (opt.weightUnit != "kg" && opt.weightUnit != "g")
            throw Error(ErrorCode::InvalidArgument, "the simulator serves weights in kg or g only (got '" + opt.weightUnit + "')");
        if (opt.wooShapes)
            sim::addWooShapes(*writer);
        clock = std::max<Timestamp>(
            {Timestamp(std::time(nullptr)), writer->queryInt("SELECT MAX(updated_at) FROM orders").value_or(0),
             writer->queryInt("SELECT MAX(updated_at) FROM products").value_or(0),
             writer->queryInt("SELECT MAX(updated_at) FROM customers").value_or(0),
             writer->queryInt("SELECT MAX(ts) FROM events").value_or(0)});
        if (!opt.webhookUrl.empty())
            hookUrl = parseWebhookUrl(opt.webhookUrl);
        if (opt.failRate < 0 || opt.failRate > 1 || opt.dropRate < 0 || opt.dropRate > 1 || opt.malformedRate < 0
            || opt.malformedRate > 1 || opt.playRate < 0 || opt.rateLimitPerSecond < 0 || opt.slowMs < 0)
            throw Error(ErrorCode::InvalidArgument, "simulator rates must be within [0, 1] and delays >= 0");

        if (opt.tls) {
            const auto cert = sim::makeSelfSignedCert();
            sslContext = std::make_unique<ssl::context>(ssl::context::tls_server);
            sslContext->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3);
            sslContext->use_certificate(net::buffer(cert.certPem), ssl::context::pem);
            sslContext->use_private_key(net::buffer(cert.keyPem), ssl::context::pem);
            certPath = opt.certOut;
            if (certPath.empty()) {
                static std::atomic<int> counter{0};
                certPath = (std::filesystem::temp_directory_path()
                            / ("shoppilot-sim-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".pem"))
                               .string();
            }
            std::ofstream out(certPath, std::ios::binary | std::ios::trunc);
            out << cert.certPem;
            if (!out.flush())
                throw Error(ErrorCode::Io, "cannot write the simulator's certificate to '" + certPath + "'");
        }

        acceptor = std::make_unique<tcp::acceptor>(ioc);
        boost::system::error_code ec;
        const tcp::endpoint endpoint(net::ip::make_address_v4("127.0.0.1"), opt.port);
        acceptor->open(endpoint.protocol(), ec);
        if (!ec)
            acceptor->set_option(net::socket_base::reuse_address(true), ec);
        if (!ec)
            acceptor->bind(endpoint, ec);
        if (!ec)
            acceptor->listen(net::socket_base::max_listen_connections, ec);
        if (ec)
            throw Error(ErrorCode::Network, "cannot listen on 127.0.0.1:" + std::to_string(opt.port) + ": " + ec.message());
        port = acceptor->local_endpoint().port();
        tokens = opt.rateLimitPerSecond;
        lastRefill = std::chrono::steady_clock::now();
        started = true;

        acceptThread = std::thread([this] { acceptLoop(); });
        if (hookUrl) {
            {
                std::lock_guard lock(hookMutex);
                Delivery ping;
                ping.ping = true;
                hooks.push_back(std::move(ping));
            }
            webhookThread = std::thread([this] { webhookLoop(); });
        }
        if (opt.playRate > 0)
            playThread = std::thread([this] { playLoop(); });
    }

    void stop()
    {
        if (!started)
            return;
        stopping = true;
        {
            std::lock_guard lock(stopMutex);
        }
        stopCv.notify_all();
        {
            std::lock_guard lock(eventMutex);
        }
        eventCv.notify_all();
        {
            std::lock_guard lock(hookMutex);
        }
        hookCv.notify_all();
        // shutdown() wakes a thread blocked in accept()/read() on Linux; close() alone would not.
        ::shutdown(acceptor->native_handle(), SHUT_RDWR);
        if (acceptThread.joinable())
            acceptThread.join();
        {
            std::lock_guard lock(connMutex);
            for (auto& c : connections)
                if (!c->done)
                    ::shutdown(c->fd, SHUT_RDWR);
        }
        for (auto& c : connections)
            if (c->thread.joinable())
                c->thread.join();
        connections.clear();
        if (playThread.joinable())
            playThread.join();
        if (webhookThread.joinable())
            webhookThread.join();
        boost::system::error_code ec;
        acceptor->close(ec);
        started = false;
    }

    // ------------------------------------------------------------------------ connections

    void acceptLoop()
    {
        while (!stopping) {
            tcp::socket socket(ioc);
            boost::system::error_code ec;
            acceptor->accept(socket, ec);
            if (stopping)
                break;
            if (ec) {
                sleepFor(std::chrono::milliseconds(10));
                continue;
            }
            std::lock_guard lock(connMutex);
            // Reap finished connections so a long run does not keep one thread object per request.
            for (auto it = connections.begin(); it != connections.end();) {
                if ((*it)->done) {
                    (*it)->thread.join();
                    it = connections.erase(it);
                } else {
                    ++it;
                }
            }
            auto conn = std::make_unique<Connection>();
            conn->fd = socket.native_handle();
            setSocketTimeouts(conn->fd, kIdleTimeoutSeconds);
            Connection* raw = conn.get();
            conn->thread = std::thread([this, raw, s = std::move(socket)]() mutable {
                serveSocket(std::move(s));
                raw->done = true;
            });
            connections.push_back(std::move(conn));
        }
    }

    void serveSocket(tcp::socket socket)
    {
        try {
            std::optional<store::Database> reader; // one read-only connection per thread
            if (sslContext) {
                ssl::stream<tcp::socket> stream(std::move(socket), *sslContext);
                boost::system::error_code ec;
                stream.handshake(ssl::stream_base::server, ec);
                if (ec)
                    return;
                serve(stream, reader);
                stream.shutdown(ec);
                stream.next_layer().close(ec);
            } else {
                serve(socket, reader);
                boost::system::error_code ec;
                socket.shutdown(tcp::socket::shutdown_both, ec);
                socket.close(ec);
            }
        } catch (const std::exception&) {
            // A connection's failure must never take the simulator down; the client sees a close.
        }
    }

    template <typename Stream>
    void serve(Stream& stream, std::optional<store::Database>& reader)
    {
        beast::flat_buffer buffer;
        while (!stopping) {
            http::request_parser<http::string_body> parser;
            parser.body_limit(1 << 20);
            boost::system::error_code ec;
            http::read(stream, buffer, parser, ec);
            if (ec)
                return;
            Request req = parser.release();
            bool drop = false, truncate = false;
            Response res = handle(req, reader, drop, truncate);
            if (drop || stopping)
                return;
            res.version(req.version());
            res.set(http::field::server, "nginx (ShopPilot platform simulator)");
            res.keep_alive(req.keep_alive() && !truncate);
            res.prepare_payload();
            if (truncate) {
                // Content-Length promises the whole body; half of it arrives, then the connection closes.
                http::response_serializer<http::string_body> sr(res);
                http::write_header(stream, sr, ec);
                const std::string& body = res.body();
                if (!ec)
                    net::write(stream, net::buffer(body.data(), body.size() / 2), ec);
                return;
            }
            http::write(stream, res, ec);
            if (ec || !res.keep_alive())
                return;
        }
    }

    // ------------------------------------------------------------------------ requests

    Response jsonResponse(const Request& req, http::status status, const std::string& body)
    {
        Response res(status, req.version());
        res.set(http::field::content_type, "application/json; charset=UTF-8");
        res.body() = body;
        return res;
    }

    bool authorized(const Request& req, const std::map<std::string, std::string>& q) const
    {
        if (opt.key.empty() && opt.secret.empty())
            return true;
        auto ck = q.find("consumer_key");
        auto cs = q.find("consumer_secret");
        if (ck != q.end() && cs != q.end())
            return ck->second == opt.key && cs->second == opt.secret;
        auto it = req.find(http::field::authorization);
        if (it == req.end())
            return false;
        std::string_view value(it->value().data(), it->value().size());
        if (value.substr(0, 6) != "Basic ")
            return false;
        auto decoded = unbase64(value.substr(6));
        return decoded && *decoded == opt.key + ":" + opt.secret;
    }

    // The token bucket for rateLimitPerSecond; nullopt = go ahead, else seconds to wait.
    std::optional<double> rateLimited()
    {
        if (opt.rateLimitPerSecond <= 0)
            return std::nullopt;
        std::lock_guard lock(bucketMutex);
        const auto now = std::chrono::steady_clock::now();
        tokens = std::min(opt.rateLimitPerSecond,
                          tokens + std::chrono::duration<double>(now - lastRefill).count() * opt.rateLimitPerSecond);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return std::nullopt;
        }
        return (1 - tokens) / opt.rateLimitPerSecond;
    }

    Response handle(const Request& req, std::optional<store::Database>& reader, bool& drop, bool& truncate)
    {
        ++counters.requests;
        const std::string target(req.target());
        const auto qmark = target.find('?');
        const std::string path = target.substr(0, qmark);
        const auto query = parseQuery(qmark == std::string::npos ? std::string_view() : std::string_view(target).substr(qmark + 1));

        if (chance(opt.dropRate)) {
            ++counters.dropped;
            drop = true;
            return {};
        }
        if (auto wait = rateLimited()) {
            ++counters.rateLimited;
            Response res = jsonResponse(req, http::status::too_many_requests,
                                        wooError("rest_rate_limited", "Too many requests.", 429).dump());
            // Sub-second waits are sent as fractions ("0.5"), as some gateways do.
            char text[32];
            if (*wait < 1)
                std::snprintf(text, sizeof text, "%.1f", std::max(0.1, std::ceil(*wait * 10) / 10));
            else
                std::snprintf(text, sizeof text, "%d", int(std::ceil(*wait)));
            res.set(http::field::retry_after, text);
            return res;
        }
        if (opt.slowMs > 0) {
            ++counters.slowed;
            sleepFor(std::chrono::milliseconds(opt.slowMs));
        }
        if (chance(opt.failRate)) {
            ++counters.failed;
            static const http::status kCodes[] = {http::status::internal_server_error, http::status::bad_gateway,
                                                  http::status::service_unavailable};
            const auto code = kCodes[below(3)];
            Response res(code, req.version());
            res.set(http::field::content_type, "text/html");
            res.body() = "<html><body><h1>" + std::to_string(int(code)) + "</h1>simulated failure</body></html>";
            if (code == http::status::service_unavailable)
                res.set(http::field::retry_after, "1");
            return res;
        }
        // WooCommerce reads Basic auth and query keys over HTTPS only (plain HTTP needs OAuth 1.0a).
        const bool keysSent = req.find(http::field::authorization) != req.end() || query.count("consumer_key") > 0;
        const bool insecureKeys = !sslContext && keysSent;
        if (!authorized(req, query) || (insecureKeys && opt.strictAuth)) {
            ++counters.unauthorized;
            return jsonResponse(req, http::status::unauthorized,
                                wooError("woocommerce_rest_cannot_view", "Sorry, you cannot list resources.", 401).dump());
        }
        try {
            if (!reader)
                reader.emplace(store::Database::open(opt.storePath, {store::OpenMode::ReadOnly}));
            Response res = route(req, path, query, *reader, truncate);
            if (insecureKeys)
                res.set("X-ShopPilot-Insecure-Auth",
                        "keys accepted over plain HTTP on loopback only; WooCommerce would require OAuth 1.0a");
            return res;
        } catch (const BadRequest& e) {
            Json body = wooError("rest_invalid_param", e.message, 400);
            if (!e.params.empty())
                body["data"]["params"] = e.params;
            return jsonResponse(req, http::status::bad_request, body.dump());
        } catch (const std::exception& e) {
            return jsonResponse(req, http::status::internal_server_error,
                                wooError("shoppilot_sim_error", e.what(), 500).dump());
        }
    }

    Response notFound(const Request& req)
    {
        return jsonResponse(req, http::status::not_found,
                            wooError("rest_no_route", "No route was found matching the URL and request method.", 404).dump());
    }

    Response route(const Request& req, const std::string& path, const std::map<std::string, std::string>& q,
                   store::Database& db, bool& truncate)
    {
        if (path == "/shoppilot/v1/events") {
            if (req.method() != http::verb::get || !opt.eventFeed)
                return notFound(req); // a plain WooCommerce: rest_no_route
            return events(req, q, db, truncate);
        }
        if (path.rfind(kWooPrefix, 0) != 0)
            return notFound(req);
        std::string rest = path.substr(std::char_traits<char>::length(kWooPrefix));
        if (!rest.empty() && rest.back() == '/')
            rest.pop_back();
        if (req.method() == http::verb::get && (rest == "settings/general" || rest == "settings/products"
                                                 || rest == "data/currencies/current"))
            return settings(req, rest, db);
        const auto slash = rest.find('/');
        const std::string resource = rest.substr(0, slash);
        if (resource != "products" && resource != "customers" && resource != "orders")
            return notFound(req);
        if (slash == std::string::npos) {
            if (req.method() != http::verb::get)
                return notFound(req);
            validateArgs(resource, q);
            if (resource == "customers")
                return customerList(req, q, db);
            return list(req, resource, q, db, truncate);
        }
        std::string idText = rest.substr(slash + 1);
        std::string sub;
        if (const auto s2 = idText.find('/'); s2 != std::string::npos) {
            sub = idText.substr(s2 + 1);
            idText.resize(s2);
        }
        auto parseId = [](const std::string& t) -> store::Id {
            store::Id v = 0;
            auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
            return ec != std::errc() || p != t.data() + t.size() || v <= 0 ? 0 : v;
        };
        const store::Id id = parseId(idText);
        if (id == 0)
            return notFound(req);
        if (!sub.empty()) {
            // products/{id}/variations[/{vid}]
            if (resource != "products" || req.method() != http::verb::get || sub.rfind("variations", 0) != 0)
                return notFound(req);
            if (sim::readProducts(db, {std::nullopt, id, 1, 0}).empty())
                return jsonResponse(req, http::status::not_found, invalidId("products").dump());
            if (sub == "variations") {
                validateArgs("variations", q);
                return variationList(req, id, q, db);
            }
            const store::Id vid = sub.size() > 11 && sub[10] == '/' ? parseId(sub.substr(11)) : 0;
            auto one = vid ? sim::readProducts(db, {std::nullopt, vid, 1, 0}) : std::vector<woo::Product>{};
            if (one.empty() || one.front().parentExternalId != std::to_string(id))
                return jsonResponse(req, http::status::not_found, invalidId("variations").dump());
            return jsonResponse(req, http::status::ok, woo::productJson(one.front(), opt.weightUnit));
        }
        if (req.method() == http::verb::get) {
            auto one = recordsJson(db, resource, {std::nullopt, id, 1, 0});
            if (one.empty())
                return jsonResponse(req, http::status::not_found, invalidId(resource).dump());
            return jsonResponse(req, http::status::ok, one.front().second);
        }
        if (req.method() == http::verb::put && (resource == "products" || resource == "orders"))
            return update(req, resource, id);
        return notFound(req);
    }

    // Link: <...page=N>; rel="next", as WordPress's REST server sends for collections.
    void setPaging(Response& res, const Request& req, std::int64_t page, std::int64_t pages, std::int64_t total)
    {
        res.set("X-WP-Total", std::to_string(total));
        res.set("X-WP-TotalPages", std::to_string(pages));
        const std::string target(req.target());
        const auto qmark = target.find('?');
        std::string query = qmark == std::string::npos ? std::string() : target.substr(qmark + 1);
        std::string kept;
        for (std::string_view rest(query); !rest.empty();) {
            const auto amp = rest.find('&');
            const std::string_view part = rest.substr(0, amp);
            if (!part.empty() && part.substr(0, 5) != "page=")
                kept += (kept.empty() ? "" : "&") + std::string(part);
            if (amp == std::string_view::npos)
                break;
            rest.remove_prefix(amp + 1);
        }
        const std::string base = PlatformSimulatorBase() + target.substr(0, qmark) + "?" + (kept.empty() ? "" : kept + "&");
        std::string link;
        if (page > 1 && page <= pages + 1)
            link += "<" + base + "page=" + std::to_string(page - 1) + ">; rel=\"prev\"";
        if (page < pages)
            link += (link.empty() ? "" : ", ") + std::string("<") + base + "page=" + std::to_string(page + 1) + ">; rel=\"next\"";
        if (!link.empty())
            res.set(http::field::link, link);
    }

    std::string PlatformSimulatorBase() const
    {
        return std::string(sslContext ? "https" : "http") + "://127.0.0.1:" + std::to_string(port);
    }

    // The shop's currency: the one most products are priced in (a store holds one in practice).
    std::string shopCurrency(store::Database& db)
    {
        auto s = db.prepare("SELECT currency FROM products GROUP BY currency ORDER BY COUNT(*) DESC, currency LIMIT 1");
        return s.step() ? s.columnText(0) : std::string("GBP");
    }

    Response settings(const Request& req, const std::string& what, store::Database& db)
    {
        const std::string currency = shopCurrency(db);
        auto setting = [](const std::string& id, const std::string& label, const std::string& value) {
            return Json{{"id", id}, {"label", label}, {"description", ""}, {"type", "select"}, {"default", ""},
                        {"value", value}};
        };
        Json body;
        if (what == "data/currencies/current")
            body = Json{{"code", currency}, {"name", currency}, {"symbol", currency}};
        else if (what == "settings/general")
            body = Json::array({setting("woocommerce_currency", "Currency", currency),
                                setting("woocommerce_price_num_decimals", "Number of decimals",
                                        std::to_string(currencyExponent(currency))),
                                setting("woocommerce_price_thousand_sep", "Thousand separator", ","),
                                setting("woocommerce_price_decimal_sep", "Decimal separator", ".")});
        else
            body = Json::array({setting("woocommerce_weight_unit", "Weight unit", opt.weightUnit),
                                setting("woocommerce_dimension_unit", "Dimensions unit", "cm")});
        return jsonResponse(req, http::status::ok, body.dump());
    }

    // GET /customers: WooCommerce's orderby (id | include | name | registered_date), default name asc.
    Response customerList(const Request& req, const std::map<std::string, std::string>& q, store::Database& db)
    {
        const std::int64_t page = intParam(q, "page", 1);
        const std::int64_t perPage = intParam(q, "per_page", 10);
        const std::int64_t offsetParam = intParam(q, "offset", -1);
        const std::string orderby = q.count("orderby") ? q.at("orderby") : "name";
        const bool desc = q.count("order") && q.at("order") == "desc";
        std::string sql = orderby == "registered_date" ? "c.created_at" : orderby == "name" ? "c.name" : "c.id";
        sql += desc ? " DESC" : " ASC";
        if (orderby != "id" && orderby != "include")
            sql += desc ? ", c.id DESC" : ", c.id ASC";
        const std::int64_t offset = offsetParam >= 0 ? offsetParam : (page - 1) * perPage;
        const std::int64_t total = sim::countModified(db, "customers", std::nullopt);
        const auto rows = sim::readCustomersOrdered(db, sql, perPage, offset);
        std::string body = "[";
        for (const auto& c : rows) {
            if (body.size() > 1)
                body += ',';
            if (chance(opt.malformedRate)) {
                ++counters.malformedRecords;
                body += brokenRecord(c.row.id);
            } else {
                body += woo::customerJson(c);
            }
        }
        body += ']';
        Response res = jsonResponse(req, http::status::ok, body);
        setPaging(res, req, page, (total + perPage - 1) / perPage, total);
        return res;
    }

    Response variationList(const Request& req, store::Id parent, const std::map<std::string, std::string>& q,
                           store::Database& db)
    {
        const std::int64_t page = intParam(q, "page", 1);
        const std::int64_t perPage = intParam(q, "per_page", 10);
        sim::RowQuery all;
        all.parentId = parent;
        const auto rows = sim::readProducts(db, all);
        const std::int64_t total = std::int64_t(rows.size());
        std::string body = "[";
        for (std::int64_t i = (page - 1) * perPage; i >= 0 && i < total && i < page * perPage; ++i) {
            if (body.size() > 1)
                body += ',';
            body += woo::productJson(rows[std::size_t(i)], opt.weightUnit);
        }
        body += ']';
        Response res = jsonResponse(req, http::status::ok, body);
        setPaging(res, req, page, (total + perPage - 1) / perPage, total);
        return res;
    }

    // (id, json) of the records a query selects.
    std::vector<std::pair<store::Id, std::string>> recordsJson(store::Database& db, const std::string& resource,
                                                               const sim::RowQuery& query)
    {
        std::vector<std::pair<store::Id, std::string>> out;
        if (resource == "products")
            for (const auto& p : sim::readProducts(db, query))
                out.emplace_back(p.row.id, woo::productJson(p, opt.weightUnit));
        else if (resource == "customers")
            for (const auto& c : sim::readCustomers(db, query))
                out.emplace_back(c.row.id, woo::customerJson(c));
        else
            for (const auto& o : sim::readOrders(db, query))
                out.emplace_back(o.row.id, woo::orderJson(o));
        return out;
    }

    std::string brokenRecord(store::Id id)
    {
        // Each keeps its id so the client can fetch the record alone; each fails woo::parse*().
        switch (below(3)) {
        case 0:
            return "{\"id\":" + std::to_string(id) + ",\"date_modified_gmt\":12345,\"status\":[\"broken\"]}";
        case 1:
            return "{\"id\":" + std::to_string(id) + "}";
        default:
            return "{\"id\":" + std::to_string(id) + ",\"date_modified_gmt\":\"not-a-date\",\"price\":\"abc\",\"total\":\"abc\"}";
        }
    }

    // Caller holds writerMutex.
    sim::ModifiedIndex& indexOf(const std::string& resource)
    {
        return resource == "products" ? productsIndex : resource == "customers" ? customersIndex : ordersIndex;
    }

    // The resource's index, reloaded when someone other than the simulator wrote to the store.
    // Caller holds writerMutex.
    sim::ModifiedIndex& currentIndex(const std::string& resource)
    {
        const auto version = writer->queryInt("PRAGMA data_version");
        if (version != indexDataVersion) {
            productsIndex.clear();
            customersIndex.clear();
            ordersIndex.clear();
            indexDataVersion = version;
        }
        auto& index = indexOf(resource);
        if (!index.loaded())
            index.load(*writer);
        return index;
    }

    // (id, json) of the rows `keys` name, in that order; nullopt when the store no longer matches
    // them (a row written or deleted since the keys were taken).
    std::optional<std::vector<std::pair<store::Id, std::string>>>
    pageJson(store::Database& db, const std::string& resource, const std::vector<sim::ModifiedIndex::Key>& keys)
    {
        std::vector<store::Id> ids;
        ids.reserve(keys.size());
        for (const auto& k : keys)
            ids.push_back(k.id);
        std::vector<std::pair<store::Id, std::string>> out;
        auto take = [&](const auto& rows, auto toJson) {
            if (rows.size() != keys.size())
                return false;
            for (std::size_t i = 0; i < rows.size(); ++i)
                if (rows[i].row.id != keys[i].id || rows[i].row.updatedAt != keys[i].updatedAt)
                    return false;
            for (const auto& r : rows)
                out.emplace_back(r.row.id, toJson(r));
            return true;
        };
        bool ok = false;
        if (resource == "products")
            ok = take(sim::readProductsById(db, ids), [this](const woo::Product& p) { return woo::productJson(p, opt.weightUnit); });
        else if (resource == "customers")
            ok = take(sim::readCustomersById(db, ids), [](const woo::Customer& c) { return woo::customerJson(c); });
        else
            ok = take(sim::readOrdersById(db, ids), [](const woo::Order& o) { return woo::orderJson(o); });
        if (!ok)
            return std::nullopt;
        return out;
    }

    Response list(const Request& req, const std::string& resource, const std::map<std::string, std::string>& q,
                  store::Database& db, bool& truncate)
    {
        const std::int64_t page = intParam(q, "page", 1);
        const std::int64_t perPage = intParam(q, "per_page", 10);
        if (page < 1)
            throw BadRequest{"Invalid parameter(s): page"};
        if (perPage < 1 || perPage > kMaxPerPage)
            throw BadRequest{"Invalid parameter(s): per_page (must be between 1 and 100)"};
        std::optional<Timestamp> after;
        if (auto it = q.find("modified_after"); it != q.end() && !it->second.empty()) {
            after = woo::parseWooDate(it->second);
            if (!after)
                throw BadRequest{"Invalid parameter(s): modified_after"};
        }
        // Past the last representable offset nothing can be there; this also keeps the product defined.
        const std::int64_t offset = page - 1 > std::numeric_limits<std::int64_t>::max() / perPage
                                        ? std::numeric_limits<std::int64_t>::max()
                                        : (page - 1) * perPage;
        std::int64_t total = 0;
        std::vector<std::pair<store::Id, std::string>> records;
        for (int attempt = 1;; ++attempt) {
            if (attempt > kPageAttempts) {
                // Writes kept landing between slice and read: answer from the store alone.
                total = sim::countModified(db, resource, after);
                records = recordsJson(db, resource, {after, std::nullopt, perPage, offset});
                break;
            }
            std::vector<sim::ModifiedIndex::Key> keys;
            {
                std::lock_guard lock(writerMutex);
                const auto& index = currentIndex(resource);
                total = index.count(after);
                keys = index.slice(after, offset, perPage);
            }
            if (auto page = pageJson(db, resource, keys)) {
                records = std::move(*page);
                break;
            }
        }
        const std::int64_t pages = (total + perPage - 1) / perPage;
        std::string body = "[";
        for (const auto& [id, json] : records) {
            if (body.size() > 1)
                body += ',';
            if (chance(opt.malformedRate)) {
                ++counters.malformedRecords;
                body += brokenRecord(id);
            } else {
                body += json;
            }
        }
        body += ']';
        Response res = jsonResponse(req, http::status::ok, body);
        setPaging(res, req, page, pages, total);
        if (!records.empty() && chance(opt.malformedRate / 2)) {
            ++counters.truncatedBodies;
            truncate = true;
        }
        return res;
    }

    Response events(const Request& req, const std::map<std::string, std::string>& q, store::Database& db, bool& truncate)
    {
        const std::int64_t cursor = intParam(q, "cursor", 0);
        const std::int64_t limit = intParam(q, "limit", 1000);
        const std::int64_t wait = intParam(q, "wait", 0);
        if (cursor < 0)
            throw BadRequest{"Invalid parameter(s): cursor"};
        if (limit < 1 || limit > kMaxEventLimit)
            throw BadRequest{"Invalid parameter(s): limit (must be between 1 and 5000)"};
        if (wait < 0 || wait > kMaxWaitSeconds)
            throw BadRequest{"Invalid parameter(s): wait (must be between 0 and 60)"};
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wait);
        std::vector<store::EventRow> rows;
        for (;;) {
            std::uint64_t version = 0;
            {
                std::lock_guard lock(eventMutex);
                version = eventVersion;
            }
            rows = sim::readEvents(db, cursor, limit);
            if (!rows.empty() || wait == 0 || stopping)
                break;
            std::unique_lock lock(eventMutex);
            if (!eventCv.wait_until(lock, deadline, [&] { return eventVersion != version || stopping.load(); }))
                break; // timed out: answer with no events
        }
        std::string body;
        for (const auto& e : rows) {
            body += woo::eventJson(e);
            body += '\n';
        }
        Response res(http::status::ok, req.version());
        res.set(http::field::content_type, "application/x-ndjson");
        res.set("X-Next-Cursor", std::to_string(rows.empty() ? cursor : rows.back().id));
        res.body() = std::move(body);
        if (!rows.empty() && chance(opt.malformedRate / 2)) {
            ++counters.truncatedBodies;
            truncate = true;
        }
        return res;
    }

    // ------------------------------------------------------------------------ writes

    Timestamp nextClock()
    {
        clock = std::max<Timestamp>(clock + 1, Timestamp(std::time(nullptr)));
        return clock;
    }

    void notifyEvents()
    {
        {
            std::lock_guard lock(eventMutex);
            ++eventVersion;
        }
        eventCv.notify_all();
    }

    Response update(const Request& req, const std::string& resource, store::Id id)
    {
        Json body;
        try {
            body = Json::parse(req.body());
        } catch (const Json::exception&) {
            throw BadRequest{"The request body is not valid JSON."};
        }
        if (!body.is_object())
            throw BadRequest{"The request body must be a JSON object."};
        std::string json;
        {
            std::lock_guard lock(writerMutex);
            auto& db = *writer;
            if (resource == "products") {
                auto current = sim::readProducts(db, {std::nullopt, id, 1, 0});
                if (current.empty())
                    return jsonResponse(req, http::status::not_found, invalidId("products").dump());
                auto it = body.find("regular_price");
                if (it == body.end() || !it->is_string())
                    throw BadRequest{"Invalid parameter(s): regular_price (a decimal string)"};
                const auto price = parseMinorUnits(it->get<std::string>(), currencyExponent(current.front().row.currency));
                if (!price || *price < 0)
                    throw BadRequest{"Invalid parameter(s): regular_price"};
                const Timestamp now = nextClock();
                store::Transaction tx(db);
                auto s = db.prepare("UPDATE products SET price_minor = ?1, updated_at = ?2 WHERE id = ?3");
                s.bind(1, *price).bind(2, now).bind(3, id);
                s.step();
                const store::PricePointRow point{id, now, *price, false, "platform"};
                store::upsertPriceHistory(db, std::span(&point, 1));
                tx.commit();
                productsIndex.touch(db, id);
                json = woo::productJson(sim::readProducts(db, {std::nullopt, id, 1, 0}).front(), opt.weightUnit);
            } else {
                auto it = body.find("status");
                if (it == body.end() || !it->is_string()
                    || std::none_of(std::begin(kOrderStatuses), std::end(kOrderStatuses), [&](const char* s) { return *it == s; }))
                    throw BadRequest{"Invalid parameter(s): status"};
                if (!setOrderStatus(db, id, it->get<std::string>()))
                    return jsonResponse(req, http::status::not_found, invalidId("orders").dump());
                ordersIndex.touch(db, id);
                json = woo::orderJson(sim::readOrders(db, {std::nullopt, id, 1, 0}).front());
            }
        }
        queueWebhook(resource == "products" ? "product.updated" : "order.updated", std::to_string(id), json);
        return jsonResponse(req, http::status::ok, json);
    }

    // Caller holds writerMutex. False when the order does not exist.
    bool setOrderStatus(store::Database& db, store::Id id, const std::string& status)
    {
        auto s = db.prepare("UPDATE orders SET status = ?1, platform_status = NULL, updated_at = ?2 WHERE id = ?3");
        s.bind(1, status).bind(2, nextClock()).bind(3, id);
        s.step();
        if (db.changes() == 0)
            return false;
        ++counters.ordersUpdated;
        return true;
    }

    std::int64_t playOnce()
    {
        std::string created, updated;
        store::Id orderId = 0, updatedId = 0;
        {
            std::lock_guard lock(writerMutex);
            if (!writer)
                throw Error(ErrorCode::InvalidArgument, "the platform simulator is not started");
            auto& db = *writer;
            const std::int64_t customers = store::countRows(db, "customers");
            const std::int64_t products = db.queryInt("SELECT COUNT(*) FROM products WHERE status = 'active'").value_or(0);
            if (customers == 0 || products == 0)
                throw Error(ErrorCode::InvalidArgument, "play-forward needs a store with customers and active products");
            Rng local(0);
            {
                std::lock_guard rl(rngMutex);
                local = Rng(rng.next());
            }
            auto c = db.prepare("SELECT id, name, country, city FROM customers ORDER BY id LIMIT 1 OFFSET ?1");
            c.bind(1, std::int64_t(local.below(std::uint64_t(customers))));
            c.step();
            const store::Id customerId = c.columnInt(0);
            const Timestamp now = nextClock();

            store::OrderRow o;
            o.customerId = customerId;
            o.createdAt = o.updatedAt = now;
            o.status = "processing";
            o.channel = "web";
            o.paymentMethod = local.bernoulli(0.7) ? "card" : "paypal";
            o.paymentFingerprint = "pf_sim" + std::to_string(local.below(1000000));
            o.deviceId = "dev-sim" + std::to_string(local.below(100000));
            o.ip = "198.51.100." + std::to_string(1 + local.below(254)); // TEST-NET-2: never a real host
            o.sessionId = "ssim" + std::to_string(now) + "-" + std::to_string(local.below(1000000));
            if (!c.isNull(1))
                o.shipName = c.columnText(1);
            if (!c.isNull(2))
                o.shipping.country = o.billing.country = o.ipCountry = c.columnText(2);
            if (!c.isNull(3))
                o.shipping.city = o.billing.city = c.columnText(3);

            auto p = db.prepare("SELECT id, price_minor, currency FROM products WHERE status = 'active' ORDER BY id LIMIT 1 OFFSET ?1");
            std::vector<store::OrderItemRow> items;
            const int lines = 1 + int(local.below(3));
            for (int i = 0; i < lines; ++i) {
                p.reset();
                p.bind(1, std::int64_t(local.below(std::uint64_t(products))));
                p.step();
                store::OrderItemRow item;
                item.productId = p.columnInt(0);
                item.quantity = 1 + std::int64_t(local.below(2));
                item.unitPriceMinor = p.columnInt(1);
                item.lineTotalMinor = item.quantity * item.unitPriceMinor;
                o.currency = p.columnText(2);
                o.subtotalMinor += item.lineTotalMinor;
                items.push_back(item);
            }
            o.shippingMinor = o.subtotalMinor >= 5000 ? 0 : 399;
            o.totalMinor = o.subtotalMinor + o.shippingMinor;

            store::Transaction tx(db);
            store::upsertOrders(db, std::span(&o, 1));
            for (auto& item : items)
                item.orderId = o.id;
            store::insertOrderItems(db, items);
            std::vector<store::EventRow> events;
            for (const auto& item : items) {
                events.push_back({0, now, "view", *o.sessionId, customerId, item.productId, std::nullopt, std::nullopt, o.channel, o.deviceId});
                events.push_back({0, now, "cart", *o.sessionId, customerId, item.productId, std::nullopt, std::nullopt, o.channel, o.deviceId});
            }
            events.push_back({0, now, "purchase", *o.sessionId, customerId, std::nullopt, o.id, std::nullopt, o.channel, o.deviceId});
            store::insertEvents(db, events);
            // Every third step also moves an earlier simulated order on, so order.updated happens.
            if (!playedOrders.empty() && local.below(3) == 0) {
                updatedId = playedOrders[local.below(playedOrders.size())];
                if (!setOrderStatus(db, updatedId, "completed"))
                    updatedId = 0;
            }
            tx.commit();
            ordersIndex.touch(db, o.id);
            if (updatedId)
                ordersIndex.touch(db, updatedId);
            playedOrders.push_back(o.id);
            orderId = o.id;
            ++counters.ordersPlayed;
            created = woo::orderJson(sim::readOrders(db, {std::nullopt, orderId, 1, 0}).front());
            if (updatedId)
                updated = woo::orderJson(sim::readOrders(db, {std::nullopt, updatedId, 1, 0}).front());
        }
        notifyEvents();
        queueWebhook("order.created", std::to_string(orderId), created);
        if (updatedId)
            queueWebhook("order.updated", std::to_string(updatedId), updated);
        return orderId;
    }

    void playLoop()
    {
        const auto period = std::chrono::duration<double>(1.0 / opt.playRate);
        auto next = std::chrono::steady_clock::now();
        while (!stopping) {
            next += std::chrono::duration_cast<std::chrono::steady_clock::duration>(period);
            const auto now = std::chrono::steady_clock::now();
            if (next > now && !sleepFor(std::chrono::duration_cast<std::chrono::milliseconds>(next - now)))
                break;
            try {
                playOnce();
            } catch (const std::exception&) {
                // A busy store (the sync reading a big page) must not end play-forward.
                if (!sleepFor(std::chrono::milliseconds(100)))
                    break;
            }
        }
    }

    // ------------------------------------------------------------------------ webhooks

    void queueWebhook(const std::string& topic, const std::string& resourceId, std::string body)
    {
        if (!hookUrl)
            return;
        {
            std::lock_guard lock(hookMutex);
            Delivery d;
            d.topic = topic;
            d.resourceId = resourceId;
            d.body = std::move(body);
            d.deliveryId = nextDeliveryId++;
            hooks.push_back(std::move(d));
        }
        hookCv.notify_all();
    }

    std::optional<Delivery> nextDelivery(std::chrono::milliseconds wait)
    {
        std::unique_lock lock(hookMutex);
        if (!hookCv.wait_for(lock, wait, [&] { return !hooks.empty() || stopping.load(); }) || stopping)
            return std::nullopt;
        Delivery d = std::move(hooks.front());
        hooks.pop_front();
        return d;
    }

    void webhookLoop()
    {
        while (!stopping) {
            auto d = nextDelivery(std::chrono::milliseconds(500));
            if (!d)
                continue;
            if (!d->ping && opt.reorderWebhooks && chance(kWebhookFaultShare)) {
                // Hold this one back until the next delivery has gone out (if one comes soon).
                if (auto later = nextDelivery(std::chrono::milliseconds(2000))) {
                    ++counters.webhooksReordered;
                    deliver(*later);
                }
            }
            deliver(*d);
            if (!d->ping && opt.duplicateWebhooks && chance(kWebhookFaultShare)) {
                ++counters.webhooksDuplicated;
                deliver(*d);
            }
        }
    }

    void deliver(const Delivery& d)
    {
        if (stopping)
            return;
        try {
            tcp::socket socket(ioc);
            socket.connect(tcp::endpoint(net::ip::make_address_v4("127.0.0.1"), hookUrl->port));
            setSocketTimeouts(socket.native_handle(), kWebhookTimeoutSeconds);
            http::request<http::string_body> req(http::verb::post, hookUrl->target, 11);
            req.set(http::field::host, "127.0.0.1:" + std::to_string(hookUrl->port));
            req.set(http::field::user_agent, "WooCommerce/8.0.0 Hookshot (WordPress/6.3) ShopPilot-Simulator");
            if (d.ping) {
                // WooCommerce's activation ping: a form body and no signature headers.
                req.set(http::field::content_type, "application/x-www-form-urlencoded");
                req.body() = "webhook_id=1";
            } else {
                const auto dot = d.topic.find('.');
                req.set(http::field::content_type, "application/json");
                req.set("X-WC-Webhook-Source", "http://127.0.0.1:" + std::to_string(port) + "/");
                req.set("X-WC-Webhook-Topic", d.topic);
                req.set("X-WC-Webhook-Resource", d.topic.substr(0, dot));
                req.set("X-WC-Webhook-Event", d.topic.substr(dot + 1));
                req.set("X-WC-Webhook-Signature", hmacSha256Base64(d.body, opt.webhookSecret));
                req.set("X-WC-Webhook-ID", "1");
                req.set("X-WC-Webhook-Delivery-ID", std::to_string(d.deliveryId));
                req.body() = d.body;
            }
            req.keep_alive(false);
            req.prepare_payload();
            http::write(socket, req);
            beast::flat_buffer buffer;
            http::response<http::string_body> res;
            http::read(socket, buffer, res);
            ++counters.webhooksSent;
            boost::system::error_code ec;
            socket.shutdown(tcp::socket::shutdown_both, ec);
        } catch (const std::exception&) {
            // WooCommerce does not retry either; the receiver catches up through the next sync.
            ++counters.webhookFailures;
        }
    }
};

PlatformSimulator::PlatformSimulator(SimulatorOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) {}

PlatformSimulator::~PlatformSimulator()
{
    try {
        stop();
    } catch (...) {
        // A destructor must not throw; stop() only fails if the OS refuses to join threads.
    }
}

void PlatformSimulator::start()
{
    m_impl->start();
}

void PlatformSimulator::stop()
{
    m_impl->stop();
}

std::uint16_t PlatformSimulator::port() const
{
    return m_impl->port;
}

std::string PlatformSimulator::baseUrl() const
{
    return std::string(m_impl->sslContext ? "https" : "http") + "://127.0.0.1:" + std::to_string(m_impl->port);
}

std::string PlatformSimulator::certPath() const
{
    return m_impl->certPath;
}

SimulatorStats PlatformSimulator::stats() const
{
    const auto& c = m_impl->counters;
    SimulatorStats s;
    s.requests = c.requests;
    s.failed = c.failed;
    s.rateLimited = c.rateLimited;
    s.slowed = c.slowed;
    s.malformedRecords = c.malformedRecords;
    s.truncatedBodies = c.truncatedBodies;
    s.dropped = c.dropped;
    s.unauthorized = c.unauthorized;
    s.ordersPlayed = c.ordersPlayed;
    s.ordersUpdated = c.ordersUpdated;
    s.webhooksSent = c.webhooksSent;
    s.webhookFailures = c.webhookFailures;
    s.webhooksDuplicated = c.webhooksDuplicated;
    s.webhooksReordered = c.webhooksReordered;
    return s;
}

std::int64_t PlatformSimulator::playOnce()
{
    return m_impl->playOnce();
}

} // namespace shoppilot::sync
