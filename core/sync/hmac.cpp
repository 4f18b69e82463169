#include "sync/hmac.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <climits>
#include <cstdint>

#include "common/error.h"

namespace shoppilot::sync {

std::string hmacSha256(std::string_view key, std::string_view message)
{
    if (key.size() > std::size_t(INT_MAX))
        throw Error(ErrorCode::InvalidArgument, "HMAC key too long");
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    unsigned int len = 0;
    // HMAC() accepts a null key pointer only with length 0; keep it non-null for empty keys.
    static const char kEmpty = 0;
    if (!HMAC(EVP_sha256(), key.empty() ? &kEmpty : key.data(), int(key.size()),
              reinterpret_cast<const unsigned char*>(message.data()), message.size(), out.data(), &len))
        throw Error(ErrorCode::InvalidArgument, "HMAC-SHA256 failed in OpenSSL");
    return std::string(reinterpret_cast<const char*>(out.data()), len);
}

std::string base64Encode(std::string_view bytes)
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const unsigned v = unsigned(std::uint8_t(bytes[i])) << 16 | unsigned(std::uint8_t(bytes[i + 1])) << 8
                           | unsigned(std::uint8_t(bytes[i + 2]));
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        unsigned v = unsigned(std::uint8_t(bytes[i])) << 16;
        if (rest == 2)
            v |= unsigned(std::uint8_t(bytes[i + 1])) << 8;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::optional<std::string> base64Decode(std::string_view text)
{
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z')
            return c - 'A';
        if (c >= 'a' && c <= 'z')
            return c - 'a' + 26;
        if (c >= '0' && c <= '9')
            return c - '0' + 52;
        if (c == '+')
            return 62;
        if (c == '/')
            return 63;
        return -1;
    };
    while (!text.empty() && text.back() == '=')
        text.remove_suffix(1);
    if (text.size() % 4 == 1)
        return std::nullopt;
    std::string out;
    out.reserve(text.size() * 3 / 4);
    unsigned acc = 0;
    int bits = 0;
    for (const char c : text) {
        const int v = value(c);
        if (v < 0)
            return std::nullopt;
        acc = (acc << 6) | unsigned(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char((acc >> bits) & 0xFF);
        }
    }
    return out;
}

bool constantTimeEqual(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string wooSignature(std::string_view secret, std::string_view body)
{
    return base64Encode(hmacSha256(secret, body));
}

bool verifyWooSignature(std::string_view secret, std::string_view body, std::string_view header)
{
    if (secret.empty())
        return false;
    while (!header.empty() && (header.front() == ' ' || header.front() == '\t'))
        header.remove_prefix(1);
    while (!header.empty() && (header.back() == ' ' || header.back() == '\t'))
        header.remove_suffix(1);
    const std::optional<std::string> given = base64Decode(header);
    if (!given)
        return false;
    // Compare the digests, not their text: base64 has equivalent spellings (padding).
    return constantTimeEqual(hmacSha256(secret, body), *given);
}

} // namespace shoppilot::sync
