// What a webhook delivery asks for, decided from its HTTP method, headers and raw body alone:
// no socket, no store. The receiver (webhook_receiver.cpp) parses the HTTP message with Beast,
// fills a WebhookRequest and acts on the verdict; the fuzz target (tests/fuzz/fuzz_webhook.cpp)
// drives the same parser limits and this function with arbitrary bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace shoppilot::sync {

// Beast's parser limits for one delivery (the body limit is WebhookOptions::maxBodyBytes).
inline constexpr std::size_t kWebhookHeaderLimit = 16 * 1024;

struct WebhookRequest {
    bool post = false;
    std::string_view contentType; // Content-Type
    std::string_view signature;   // X-WC-Webhook-Signature
    std::string_view topic;       // X-WC-Webhook-Topic
    std::string_view deliveryId;  // X-WC-Webhook-Delivery-ID
    std::string_view body;        // raw body, exactly as signed
};

struct WebhookVerdict {
    enum class Kind {
        MethodNotAllowed, // 405: only POST
        Ping,             // 200: WooCommerce's activation ping (unsigned, or signed right)
        Unauthorized,     // 401: missing or bad signature
        BadRequest,       // 400: signed but no topic
        Deliver,          // apply: topic and delivery id are set
    };
    Kind kind = Kind::BadRequest;
    std::string reply;      // the response body for the non-Deliver kinds
    std::string topic;      // Deliver
    std::string deliveryId; // Deliver: the header's, else derived from topic and body
};

// An empty secret never verifies (see verifyWooSignature).
WebhookVerdict judgeWebhook(const WebhookRequest& request, std::string_view secret);

// The table a topic changes ("" for topics ShopPilot acknowledges but does not keep).
std::string_view webhookTable(std::string_view topic);

// The resource id of a payload for webhook_deliveries.resource_id; best effort, never throws.
std::optional<std::string> webhookResourceId(std::string_view body);

// WooCommerce's activation ping: `webhook_id=N` as a form body, sent when a webhook is saved.
bool isActivationPing(std::string_view contentType, std::string_view body);

} // namespace shoppilot::sync
