#include "sync/http_client.h"

#include <boost/beast/core/detail/base64.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <deque>
#include <exception>
#include <mutex>
#include <random>

namespace shoppilot::sync {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;

// ---------------------------------------------------------------------------------- URL helpers

Url parseUrl(std::string_view url)
{
    Url u;
    const auto sep = url.find("://");
    if (sep == std::string_view::npos)
        throw Error(ErrorCode::InvalidArgument, "'" + std::string(url) + "' is not a URL (expected http[s]://host[:port])");
    u.scheme = std::string(url.substr(0, sep));
    std::transform(u.scheme.begin(), u.scheme.end(), u.scheme.begin(), [](unsigned char c) { return std::tolower(c); });
    if (u.scheme != "http" && u.scheme != "https")
        throw Error(ErrorCode::InvalidArgument, "unsupported URL scheme '" + u.scheme + "' (http or https)");
    std::string_view rest = url.substr(sep + 3);
    const auto slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    u.path = slash == std::string_view::npos ? std::string() : std::string(rest.substr(slash));
    while (!u.path.empty() && u.path.back() == '/')
        u.path.pop_back();
    if (authority.find('@') != std::string_view::npos)
        throw Error(ErrorCode::InvalidArgument, "credentials in the URL are not supported: use the key/secret settings");
    std::string_view portText;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos)
            throw Error(ErrorCode::InvalidArgument, "bad IPv6 address in URL '" + std::string(url) + "'");
        u.host = std::string(authority.substr(1, close - 1));
        if (close + 1 < authority.size() && authority[close + 1] == ':')
            portText = authority.substr(close + 2);
    } else {
        const auto colon = authority.rfind(':');
        u.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos)
            portText = authority.substr(colon + 1);
    }
    if (u.host.empty())
        throw Error(ErrorCode::InvalidArgument, "no host in URL '" + std::string(url) + "'");
    if (!portText.empty()) {
        unsigned port = 0;
        auto [p, ec] = std::from_chars(portText.data(), portText.data() + portText.size(), port);
        if (ec != std::errc() || p != portText.data() + portText.size() || port == 0 || port > 65535)
            throw Error(ErrorCode::InvalidArgument, "bad port in URL '" + std::string(url) + "'");
        u.port = std::uint16_t(port);
    } else {
        u.port = u.scheme == "https" ? 443 : 80;
    }
    return u;
}

bool isLoopbackHost(std::string_view host)
{
    if (host == "localhost" || host == "localhost.")
        return true;
    boost::system::error_code ec;
    const auto addr = asio::ip::make_address(std::string(host), ec);
    return !ec && addr.is_loopback();
}

std::string urlEncode(std::string_view s)
{
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += char(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::optional<std::string> HttpResponse::header(std::string_view lowerName) const
{
    auto it = headers.find(std::string(lowerName));
    return it == headers.end() ? std::nullopt : std::optional<std::string>(it->second);
}

namespace {

std::string base64(std::string_view in)
{
    std::string out;
    out.resize(beast::detail::base64::encoded_size(in.size()));
    out.resize(beast::detail::base64::encode(out.data(), in.data(), in.size()));
    return out;
}

// Retry-After in seconds (possibly fractional); nullopt for HTTP dates or garbage.
std::optional<double> parseRetryAfter(const std::string& v)
{
    try {
        std::size_t used = 0;
        const double s = std::stod(v, &used);
        if (used == 0 || !std::isfinite(s))
            return std::nullopt;
        return std::max(0.0, s);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

enum class Outcome { Done, Retry, RateLimited, Fatal };

} // namespace

// ---------------------------------------------------------------------------------- the client

struct HttpClient::Impl {
    Url url;
    HttpOptions opt;
    asio::io_context io;
    ssl::context tls{ssl::context::tls_client};
    std::optional<std::vector<tcp::endpoint>> endpoints;
    std::mt19937_64 rng{std::random_device{}()};
    HttpStats stats;
    mutable std::mutex statsMutex;

    struct Conn {
        std::unique_ptr<beast::tcp_stream> plain;
        std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> secure;
        beast::flat_buffer buffer;
        bool open = false;
        bool handshakeFailed = false;
        int served = 0; // responses read over this connection (0 = fresh)

        beast::tcp_stream& lowest() { return secure ? beast::get_lowest_layer(*secure) : *plain; }
        void close()
        {
            open = false;
            served = 0;
            buffer.clear();
            boost::system::error_code ec;
            if (secure || plain) {
                lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
                lowest().socket().close(ec);
            }
        }
    };
    std::vector<std::unique_ptr<Conn>> pool;

    // State of one requestAll() run; everything runs on the caller's thread (io.run_for).
    struct Run {
        std::span<const HttpRequest> requests;
        std::vector<HttpResponse> responses;
        std::size_t next = 0;
        int active = 0;
        bool cancelled = false;
        std::exception_ptr error;
        std::vector<asio::steady_timer*> timers;
        const std::function<void(std::size_t, HttpResponse&)>* onResponse = nullptr;
    };

    Impl(std::string_view base, HttpOptions o) : url(parseUrl(base)), opt(std::move(o))
    {
        if (url.scheme == "http" && !isLoopbackHost(url.host))
            throw Error(ErrorCode::InvalidArgument,
                        "refusing plain http to " + url.host
                            + ": credentials and data would travel unencrypted; use https (plain http is "
                              "allowed for loopback hosts only)");
        if (url.scheme == "https") {
            tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3
                            | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
            tls.set_default_verify_paths();
            if (!opt.caFile.empty()) {
                boost::system::error_code ec;
                tls.load_verify_file(opt.caFile, ec);
                if (ec)
                    throw Error(ErrorCode::InvalidArgument,
                                "cannot load CA file " + opt.caFile + ": " + ec.message());
            }
            tls.set_verify_mode(ssl::verify_peer);
        }
        opt.connections = std::clamp(opt.connections, 1, 32);
        for (int i = 0; i < opt.connections; ++i)
            pool.push_back(std::make_unique<Conn>());
    }

    std::string redact(std::string_view text) const
    {
        std::string s(text);
        for (const auto& secret : opt.redact) {
            if (secret.empty())
                continue;
            for (const auto& form : {secret, urlEncode(secret)}) {
                for (auto pos = s.find(form); pos != std::string::npos; pos = s.find(form, pos + 3))
                    s.replace(pos, form.size(), "***");
            }
        }
        return s;
    }

    std::string describe(std::string_view target) const
    {
        std::string hostPart = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
        return redact(url.scheme + "://" + hostPart + ":" + std::to_string(url.port) + url.path + std::string(target));
    }

    std::chrono::milliseconds backoff(int attempt)
    {
        const double base = double(opt.backoffBase.count()) * std::pow(2.0, std::min(attempt, 20));
        const double capped = std::min(base, double(opt.backoffMax.count()));
        std::uniform_real_distribution<double> jitter(0.5, 1.0);
        return std::chrono::milliseconds(std::int64_t(capped * jitter(rng)));
    }

    void bump(std::int64_t HttpStats::*field, std::int64_t by = 1)
    {
        std::lock_guard lock(statsMutex);
        stats.*field += by;
    }

    // GCC 12 mis-destroys coroutine locals on an early co_return: the coroutines below keep one
    // exit at the end and do their non-awaiting work in plain helper functions.

    void keepEndpoints(const tcp::resolver::results_type& results, boost::system::error_code& ec)
    {
        std::vector<tcp::endpoint> eps;
        for (const auto& r : results) {
            // A name that resolves outside loopback must not get plain http either.
            if (url.scheme == "http" && !r.endpoint().address().is_loopback())
                continue;
            eps.push_back(r.endpoint());
        }
        if (eps.empty())
            ec = asio::error::host_not_found;
        else
            endpoints = std::move(eps);
    }

    asio::awaitable<void> resolve(boost::system::error_code& ec)
    {
        tcp::resolver resolver(io);
        const auto results = co_await resolver.async_resolve(url.host, std::to_string(url.port),
                                                             asio::redirect_error(asio::use_awaitable, ec));
        if (!ec)
            keepEndpoints(results, ec);
    }

    void newStream(Conn& c)
    {
        if (url.scheme == "https") {
            c.secure = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(io, tls);
            c.plain.reset();
        } else {
            c.plain = std::make_unique<beast::tcp_stream>(io);
            c.secure.reset();
        }
        c.lowest().expires_after(opt.timeout);
    }

    void afterConnect(Conn& c, boost::system::error_code& ec)
    {
        boost::system::error_code ignored;
        c.lowest().socket().set_option(tcp::no_delay(true), ignored);
        bump(&HttpStats::connectionsOpened);
        if (!c.secure)
            return;
        SSL* ssl = c.secure->native_handle();
        boost::system::error_code addrEc;
        (void)asio::ip::make_address(url.host, addrEc);
        if (addrEc) {
            // A name: SNI plus host-name verification.
            if (!SSL_set_tlsext_host_name(ssl, url.host.c_str()) || !SSL_set1_host(ssl, url.host.c_str()))
                ec = boost::system::error_code(int(::ERR_get_error()), asio::error::get_ssl_category());
        } else {
            X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), url.host.c_str());
        }
    }

    asio::awaitable<void> connect(Conn& c, boost::system::error_code& ec)
    {
        c.close();
        c.handshakeFailed = false;
        if (!endpoints)
            co_await resolve(ec);
        if (!ec) {
            newStream(c);
            co_await c.lowest().async_connect(*endpoints, asio::redirect_error(asio::use_awaitable, ec));
        }
        if (!ec)
            afterConnect(c, ec);
        if (!ec && c.secure) {
            co_await c.secure->async_handshake(ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
            if (ec)
                c.handshakeFailed = ec.category() == asio::error::get_ssl_category();
        }
        if (!ec)
            c.open = true;
    }

    http::request<http::string_body> buildRequest(const HttpRequest& rq) const
    {
        http::request<http::string_body> req;
        req.method(http::string_to_verb(rq.method));
        if (req.method() == http::verb::unknown)
            req.method_string(rq.method);
        std::string target = url.path + rq.target;
        for (const auto& [k, v] : opt.extraQuery) {
            target += target.find('?') == std::string::npos ? '?' : '&';
            target += urlEncode(k) + "=" + urlEncode(v);
        }
        req.target(target);
        req.version(11);
        req.set(http::field::host, url.host + ":" + std::to_string(url.port));
        req.set(http::field::user_agent, opt.userAgent);
        req.set(http::field::accept, "application/json, application/x-ndjson;q=0.9, */*;q=0.1");
        req.keep_alive(true);
        if (!opt.basicUser.empty())
            req.set(http::field::authorization, "Basic " + base64(opt.basicUser + ":" + opt.basicPassword));
        for (const auto& [k, v] : rq.headers)
            req.set(k, v);
        if (!rq.body.empty() || rq.method == "PUT" || rq.method == "POST") {
            req.set(http::field::content_type, rq.contentType);
            req.body() = rq.body;
            req.prepare_payload();
        }
        return req;
    }

    void takeResponse(Conn& c, http::response_parser<http::string_body>& parser, HttpResponse& resp, bool& keepAlive)
    {
        auto& msg = parser.get();
        resp.status = int(msg.result_int());
        resp.headers.clear();
        for (const auto& f : msg) {
            std::string name(f.name_string());
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::tolower(ch); });
            resp.headers[name] = std::string(f.value());
        }
        resp.body = std::move(msg.body());
        keepAlive = msg.keep_alive();
        bump(&HttpStats::bytesReceived, std::int64_t(resp.body.size()));
        ++c.served;
    }

    asio::awaitable<void> exchange(Conn& c, const HttpRequest& rq, HttpResponse& resp, boost::system::error_code& ec,
                                   bool& keepAlive)
    {
        auto req = buildRequest(rq);
        http::response_parser<http::string_body> parser;
        parser.body_limit(opt.maxBodyBytes);
        c.lowest().expires_after(opt.timeout);
        bump(&HttpStats::requests);
        if (c.secure) {
            co_await http::async_write(*c.secure, req, asio::redirect_error(asio::use_awaitable, ec));
            if (!ec)
                co_await http::async_read(*c.secure, c.buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        } else {
            co_await http::async_write(*c.plain, req, asio::redirect_error(asio::use_awaitable, ec));
            if (!ec)
                co_await http::async_read(*c.plain, c.buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        }
        if (!ec)
            takeResponse(c, parser, resp, keepAlive);
    }

    // One attempt on connection c. Fills resp; ec for transport faults.
    asio::awaitable<void> attempt(Conn& c, const HttpRequest& rq, HttpResponse& resp, boost::system::error_code& ec,
                                  bool& keepAlive)
    {
        if (!c.open)
            co_await connect(c, ec);
        if (!ec)
            co_await exchange(c, rq, resp, ec, keepAlive);
    }

    asio::awaitable<void> wait(Run& run, std::chrono::milliseconds d)
    {
        asio::steady_timer timer(io, d);
        run.timers.push_back(&timer);
        boost::system::error_code ec;
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        run.timers.erase(std::find(run.timers.begin(), run.timers.end(), &timer));
    }

    std::string statusText(const HttpResponse& r) const
    {
        std::string snippet = r.body.substr(0, 200);
        for (auto& ch : snippet)
            if (ch == '\n' || ch == '\r')
                ch = ' ';
        return "HTTP " + std::to_string(r.status) + (snippet.empty() ? "" : ": " + redact(snippet));
    }

    enum class Step { Stop, Again, Retry };

    // Decides what an attempt's outcome means: done (Stop), repeat at once (Again: a stale
    // keep-alive connection), or back off and retry; throws for faults that retrying cannot fix
    // and when the retries are used up.
    Step classify(Conn& c, const HttpRequest& rq, HttpResponse& resp, const boost::system::error_code& ec,
                  bool keepAlive, bool reused, int attempt, std::chrono::milliseconds& delay)
    {
        std::string fault;
        std::optional<std::chrono::milliseconds> retryAfter;
        if (ec) {
            c.close();
            if (reused && (ec == http::error::end_of_stream || ec == asio::error::connection_reset
                           || ec == asio::error::eof || ec == asio::error::broken_pipe)) {
                // Likely a keep-alive connection the server closed meanwhile: again at once, on a
                // fresh connection, without using up an attempt (at most twice per request).
                bump(&HttpStats::retries);
                return Step::Again;
            }
            if (ec == beast::error::timeout)
                fault = "timed out after " + std::to_string(opt.timeout.count()) + " ms";
            else if (ec == http::error::partial_message || ec == http::error::end_of_stream || ec == asio::error::eof)
                fault = "connection closed before the response was complete";
            else if (c.handshakeFailed)
                // Certificate problems do not heal by retrying.
                throw Error(ErrorCode::Network, "TLS error talking to " + describe(rq.target) + ": "
                                                    + redact(ec.message())
                                                    + (ec.message().find("certificate") != std::string::npos
                                                           ? " (is the certificate trusted? see --ca-file)"
                                                           : ""));
            else if (ec == asio::error::host_not_found || ec == asio::error::host_not_found_try_again)
                fault = "host not found";
            else
                fault = redact(ec.message());
        } else {
            if (!keepAlive)
                c.close();
            if (resp.status == 429 || resp.status == 503) {
                // Both may say when to come back (RFC 9110); the wait is capped.
                const auto ra = resp.header("retry-after");
                if (const auto secs = ra ? parseRetryAfter(*ra) : std::nullopt) {
                    const double ms = std::min(*secs * 1000.0, double(opt.retryAfterCap.count()));
                    retryAfter = std::chrono::milliseconds(std::int64_t(std::ceil(ms)));
                }
            }
            if (resp.status == 429) {
                bump(&HttpStats::rateLimited);
                fault = "rate limited (HTTP 429)";
            } else if (resp.status >= 500) {
                fault = statusText(resp);
            } else if (resp.ok()) {
                if (!rq.validate || rq.validate(resp))
                    return Step::Stop;
                c.close(); // whatever was wrong with the body, start clean
                fault = "incomplete or malformed response body (" + std::to_string(resp.body.size()) + " bytes)";
            } else {
                if (rq.returnHttpErrors)
                    return Step::Stop;
                std::string hint;
                if (resp.status == 401 || resp.status == 403)
                    hint = " (check the consumer key and secret and their permissions)";
                else if (resp.status == 404)
                    hint = " (is this a WooCommerce store with the REST API enabled?)";
                throw Error(ErrorCode::Network,
                            rq.method + " " + describe(rq.target) + " failed: " + statusText(resp) + hint);
            }
        }
        if (attempt >= opt.maxRetries)
            throw Error(ErrorCode::Network, rq.method + " " + describe(rq.target) + " failed after "
                                                + std::to_string(attempt + 1) + " attempts: " + fault);
        bump(&HttpStats::retries);
        delay = retryAfter ? *retryAfter : backoff(attempt);
        return Step::Retry;
    }

    // Runs requests[index] with retries on connection c.
    asio::awaitable<void> perform(Run& run, Conn& c, std::size_t index)
    {
        const HttpRequest& rq = run.requests[index];
        HttpResponse& resp = run.responses[index];
        int attempt = 0;
        int freeRetries = 0;
        while (!run.cancelled) {
            boost::system::error_code ec;
            bool keepAlive = true;
            std::chrono::milliseconds delay{0};
            const bool reused = c.open && c.served > 0;
            co_await this->attempt(c, rq, resp, ec, keepAlive);
            Step step = Step::Stop;
            if (!run.cancelled)
                step = classify(c, rq, resp, ec, keepAlive, reused && freeRetries < 2, attempt, delay);
            if (step == Step::Stop)
                break;
            if (step == Step::Again) {
                ++freeRetries;
            } else {
                ++attempt;
                co_await wait(run, delay);
            }
        }
    }

    asio::awaitable<void> worker(Run& run, Conn& c)
    {
        try {
            while (!run.cancelled && run.next < run.requests.size()) {
                const std::size_t index = run.next++;
                co_await perform(run, c, index);
                if (run.cancelled)
                    break;
                if (run.onResponse && *run.onResponse)
                    (*run.onResponse)(index, run.responses[index]);
            }
        } catch (...) {
            if (!run.error)
                run.error = std::current_exception();
            cancelAll(run);
        }
        --run.active;
    }

    void cancelAll(Run& run)
    {
        run.cancelled = true;
        for (auto* t : run.timers)
            t->cancel();
        for (auto& c : pool)
            if (c->open || c->plain || c->secure)
                c->close();
    }

    std::vector<HttpResponse> runAll(std::span<const HttpRequest> requests, const Progress& progress,
                                     const std::function<void(std::size_t, HttpResponse&)>* onResponse)
    {
        Run run;
        run.requests = requests;
        run.responses.resize(requests.size());
        run.onResponse = onResponse;
        if (progress && !progress(0.0, "contacting " + describe("")))
            throw Cancelled();
        const std::size_t workers = std::min<std::size_t>(pool.size(), requests.size());
        io.restart();
        for (std::size_t i = 0; i < workers; ++i) {
            ++run.active;
            asio::co_spawn(io, worker(run, *pool[i]), asio::detached);
        }
        bool userCancelled = false;
        while (run.active > 0) {
            io.run_for(std::chrono::milliseconds(50));
            if (!run.cancelled && progress) {
                bool keepGoing = true;
                try {
                    keepGoing = progress(double(run.next) / double(std::max<std::size_t>(1, requests.size())),
                                         "waiting for " + describe(""));
                } catch (...) {
                    if (!run.error)
                        run.error = std::current_exception();
                    keepGoing = false;
                }
                if (!keepGoing) {
                    userCancelled = !run.error;
                    cancelAll(run);
                }
            }
        }
        // Let cancelled handlers finish so the next call starts from a clean io_context.
        io.restart();
        io.poll();
        if (run.error)
            std::rethrow_exception(run.error);
        if (userCancelled)
            throw Cancelled();
        return std::move(run.responses);
    }
};

HttpClient::HttpClient(std::string_view baseUrl, HttpOptions options)
    : m_impl(std::make_unique<Impl>(baseUrl, std::move(options)))
{
}

HttpClient::~HttpClient()
{
    for (auto& c : m_impl->pool)
        if (c->plain || c->secure)
            c->close();
}

HttpResponse HttpClient::request(const HttpRequest& request, const Progress& progress)
{
    auto r = m_impl->runAll(std::span<const HttpRequest>(&request, 1), progress, nullptr);
    return std::move(r.front());
}

std::vector<HttpResponse> HttpClient::requestAll(std::span<const HttpRequest> requests, const Progress& progress,
                                                 const std::function<void(std::size_t, HttpResponse&)>& onResponse)
{
    if (requests.empty())
        return {};
    return m_impl->runAll(requests, progress, &onResponse);
}

std::string HttpClient::describe(std::string_view target) const { return m_impl->describe(target); }
std::string HttpClient::redact(std::string_view text) const { return m_impl->redact(text); }
const Url& HttpClient::baseUrl() const { return m_impl->url; }

HttpStats HttpClient::stats() const
{
    std::lock_guard lock(m_impl->statsMutex);
    return m_impl->stats;
}

} // namespace shoppilot::sync
