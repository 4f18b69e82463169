// libFuzzer target: one webhook delivery as it arrives on the socket, raw HTTP/1.1 bytes. Beast's
// request parser with the receiver's limits, then judgeWebhook() (method, signature, ping, topic,
// delivery id) and, for a delivery, the resource id and the record mapper the topic names.
// Each request is judged twice: as sent (almost always refused: the fuzzer cannot forge an
// HMAC) and with the right signature put in, so the search also reaches what a signed delivery
// does. Checked properties: a wrong or missing signature is never delivered, a signed POST with
// a topic always is, and every delivery has an id. Any crash, hang or UB fails the run.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

// Boost 1.74's asio uses std::exchange without including <utility>.
#include <utility>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "sync/hmac.h"
#include "sync/webhook_request.h"
#include "sync/woo_format.h"

namespace http = boost::beast::http;
using namespace shoppilot::sync;

namespace {

constexpr std::string_view kSecret = "fuzz-webhook-secret";

std::string_view field(const http::request<http::string_body>& req, std::string_view name)
{
    const auto v = req[boost::beast::string_view(name.data(), name.size())];
    return {v.data(), v.size()};
}

void deliver(const WebhookVerdict& v, std::string_view body)
{
    (void)webhookResourceId(body);
    woo::ShopContext shop;
    shop.currency = "EUR";
    shop.weightUnit = "kg";
    const std::string_view table = webhookTable(v.topic);
    try {
        if (table == "orders")
            (void)woo::parseOrder(body, shop);
        else if (table == "products")
            (void)woo::parseProduct(body, shop);
        else if (table == "customers")
            (void)woo::parseCustomer(body, shop);
    } catch (const std::exception&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    http::request_parser<http::string_body> parser;
    parser.header_limit(kWebhookHeaderLimit);
    parser.body_limit(4 * 1024 * 1024);
    parser.eager(true);
    boost::beast::error_code ec;
    parser.put(boost::asio::buffer(data, size), ec);
    if (ec || !parser.is_done())
        return 0; // the receiver answers 400/413/431 and closes
    const auto& req = parser.get();

    WebhookRequest r;
    r.post = req.method() == http::verb::post;
    r.contentType = field(req, "Content-Type");
    r.signature = field(req, "X-WC-Webhook-Signature");
    r.topic = field(req, "X-WC-Webhook-Topic");
    r.deliveryId = field(req, "X-WC-Webhook-Delivery-ID");
    r.body = req.body();

    const auto asSent = judgeWebhook(r, kSecret);
    if (asSent.kind == WebhookVerdict::Kind::Deliver) {
        if (!verifyWooSignature(kSecret, r.body, r.signature))
            __builtin_trap(); // delivered without a valid signature
        deliver(asSent, r.body);
    }

    const std::string good = wooSignature(kSecret, r.body);
    WebhookRequest signedRequest = r;
    signedRequest.signature = good;
    const auto v = judgeWebhook(signedRequest, kSecret);
    using K = WebhookVerdict::Kind;
    if (r.post && !r.topic.empty() && !isActivationPing(r.contentType, r.body) && v.kind != K::Deliver)
        __builtin_trap(); // a signed POST with a topic was refused
    if (v.kind == K::Deliver) {
        if (v.deliveryId.empty())
            __builtin_trap();
        deliver(v, r.body);
    }
    // The same bytes under another secret never pass.
    if (judgeWebhook(signedRequest, "another-secret").kind == K::Deliver)
        __builtin_trap();
    return 0;
}
