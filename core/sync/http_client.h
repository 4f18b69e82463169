// HTTP/1.1 client for platform connectors: a keep-alive pool fetching several requests at once,
// per-request timeouts, retries with backoff + jitter, 429 Retry-After, cancel at any time.
// Plain http is allowed for loopback hosts only; https verifies certificates (plus an optional
// extra CA file). Every message it produces has the configured secrets redacted.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/progress.h"

namespace shoppilot::sync {

struct Url {
    std::string scheme; // http | https
    std::string host;   // without brackets for IPv6
    std::uint16_t port = 0;
    std::string path;   // base path without a trailing '/', may be empty
};

// Parses "http[s]://host[:port][/path]". Throws Error(InvalidArgument) on anything else.
Url parseUrl(std::string_view url);
bool isLoopbackHost(std::string_view host);
// Percent-encodes a query-string component (RFC 3986 unreserved characters kept).
std::string urlEncode(std::string_view s);

struct HttpOptions {
    std::chrono::milliseconds timeout{30000};    // per attempt: connect, write and read together
    int maxRetries = 6;                          // attempts after the first
    std::chrono::milliseconds backoffBase{250};  // first retry waits ~this (x 0.5..1 jitter)
    std::chrono::milliseconds backoffMax{8000};  // exponential growth stops here
    std::chrono::milliseconds retryAfterCap{30000};
    int connections = 4;                         // keep-alive pool size
    std::string caFile;                          // extra trusted CA (PEM), e.g. a self-signed test cert
    std::string userAgent = "ShopPilot/0.1";
    // Basic auth credentials sent on every request (empty user = none).
    std::string basicUser;
    std::string basicPassword;
    // Query parameters appended to every request (consumer_key/consumer_secret when a shop needs
    // query-string auth instead of Basic auth).
    std::vector<std::pair<std::string, std::string>> extraQuery;
    // Strings to hide ("***") in every message and log line (secrets, keys).
    std::vector<std::string> redact;
    std::size_t maxBodyBytes = 256u * 1024u * 1024u;
};

struct HttpResponse {
    int status = 0;
    std::map<std::string, std::string> headers; // names lower-case
    std::string body;

    bool ok() const { return status >= 200 && status < 300; }
    std::optional<std::string> header(std::string_view lowerName) const;
};

struct HttpRequest {
    std::string method = "GET";
    std::string target; // path and query, appended to the base URL's path
    std::string body;
    std::string contentType = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    // Checks a 2xx response; returning false treats it as a transport fault (e.g. a truncated
    // body that still matched its Content-Length) and retries it like a 5xx.
    std::function<bool(const HttpResponse&)> validate;
    // Non-2xx statuses that are not retried: throw (false) or hand back to the caller (true).
    bool returnHttpErrors = false;
};

struct HttpStats {
    std::int64_t requests = 0;  // attempts sent
    std::int64_t retries = 0;   // attempts repeated after a fault
    std::int64_t rateLimited = 0;
    std::int64_t connectionsOpened = 0;
    std::int64_t bytesReceived = 0;
};

class HttpClient {
public:
    // Throws Error(InvalidArgument) for a bad URL or plain http to a non-loopback host.
    HttpClient(std::string_view baseUrl, HttpOptions options);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // One request with retries. `progress` is polled while waiting (every ~50 ms) and may cancel:
    // then Cancelled is thrown promptly, also during a backoff or a Retry-After wait.
    // Throws Error(Network) naming the URL (secrets redacted) when retries are exhausted or the
    // server answered a non-retryable error status (unless returnHttpErrors).
    HttpResponse request(const HttpRequest& request, const Progress& progress = {});

    // Several requests over the pool at once; results in the order of `requests`. `onResponse`
    // (optional) is called on the caller's thread as each response arrives, in completion order;
    // it may move the body out (the returned vector then holds what it left).
    // The first failure cancels the rest and is thrown.
    std::vector<HttpResponse> requestAll(std::span<const HttpRequest> requests, const Progress& progress = {},
                                         const std::function<void(std::size_t, HttpResponse&)>& onResponse = {});

    // Full URL for a target, secrets redacted (for messages).
    std::string describe(std::string_view target) const;
    std::string redact(std::string_view text) const;
    const Url& baseUrl() const;
    HttpStats stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace shoppilot::sync
