#include "sync/webhook_request.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "sync/hmac.h"

namespace shoppilot::sync {

namespace {

bool startsWithNoCase(std::string_view text, std::string_view prefix)
{
    if (text.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
            return false;
    return true;
}

std::string hexDigest(std::string_view bytes)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (const char c : bytes) {
        out += kHex[(std::uint8_t(c) >> 4) & 15];
        out += kHex[std::uint8_t(c) & 15];
    }
    return out;
}

WebhookVerdict refuse(WebhookVerdict::Kind kind, std::string reply)
{
    WebhookVerdict v;
    v.kind = kind;
    v.reply = std::move(reply);
    return v;
}

} // namespace

bool isActivationPing(std::string_view contentType, std::string_view body)
{
    if (!startsWithNoCase(contentType, "application/x-www-form-urlencoded"))
        return false;
    constexpr std::string_view kKey = "webhook_id=";
    if (body.substr(0, kKey.size()) != kKey || body.size() == kKey.size() || body.size() > kKey.size() + 20)
        return false;
    return std::all_of(body.begin() + kKey.size(), body.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::string> webhookResourceId(std::string_view body)
{
    const auto j = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return std::nullopt;
    const auto it = j.find("id");
    if (it == j.end())
        return std::nullopt;
    if (it->is_number_integer())
        return std::to_string(it->get<std::int64_t>());
    if (it->is_string())
        return it->get<std::string>();
    return std::nullopt;
}

std::string_view webhookTable(std::string_view topic)
{
    if (topic.starts_with("order."))
        return "orders";
    if (topic.starts_with("product."))
        return "products";
    if (topic.starts_with("customer."))
        return "customers";
    return {};
}

WebhookVerdict judgeWebhook(const WebhookRequest& r, std::string_view secret)
{
    using K = WebhookVerdict::Kind;
    if (!r.post)
        return refuse(K::MethodNotAllowed, "only POST is accepted\n");
    const bool signedOk = !r.signature.empty() && verifyWooSignature(secret, r.body, r.signature);
    if (isActivationPing(r.contentType, r.body)) {
        // WooCommerce sends the ping unsigned; a ping carrying a wrong signature is refused.
        if (!r.signature.empty() && !signedOk)
            return refuse(K::Unauthorized, "bad signature\n");
        return refuse(K::Ping, "pong\n");
    }
    if (!signedOk)
        return refuse(K::Unauthorized, r.signature.empty() ? "missing signature\n" : "bad signature\n");
    if (r.topic.empty())
        return refuse(K::BadRequest, "missing X-WC-Webhook-Topic\n");
    WebhookVerdict v;
    v.kind = K::Deliver;
    v.topic = std::string(r.topic);
    v.deliveryId = std::string(r.deliveryId);
    if (v.deliveryId.empty()) // the same body twice is the same delivery
        v.deliveryId = "sha256:" + hexDigest(hmacSha256("shoppilot-delivery", v.topic + '\n' + std::string(r.body)));
    return v;
}

} // namespace shoppilot::sync
