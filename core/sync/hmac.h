// HMAC-SHA256, base64 and constant-time comparison for signed webhooks (WooCommerce sends
// X-WC-Webhook-Signature = base64(HMAC-SHA256(secret, raw body))). OpenSSL in the .cpp only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shoppilot::sync {

// The raw 32-byte HMAC-SHA256 of `message` under `key`.
std::string hmacSha256(std::string_view key, std::string_view message);

// Standard base64 (RFC 4648, with '=' padding).
std::string base64Encode(std::string_view bytes);
// Accepts standard base64 with or without padding; nullopt on any other character or a bad length.
std::optional<std::string> base64Decode(std::string_view text);

// Equal length and bytes, in time independent of where they differ (CRYPTO_memcmp). Lengths are
// not secret: a length mismatch returns false at once.
bool constantTimeEqual(std::string_view a, std::string_view b);

// What WooCommerce puts in X-WC-Webhook-Signature for `body`.
std::string wooSignature(std::string_view secret, std::string_view body);
// True when `header` (surrounding blanks ignored) is the base64 HMAC-SHA256 of `body` under
// `secret`. An empty secret never verifies: an unconfigured receiver must not accept anything.
bool verifyWooSignature(std::string_view secret, std::string_view body, std::string_view header);

} // namespace shoppilot::sync
