#include "common/digest.h"

#include <openssl/evp.h>

#include "common/error.h"

namespace shoppilot {

std::string sha256Hex(const void* data, std::size_t size)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data, size, md, &len, EVP_sha256(), nullptr) != 1)
        throw Error(ErrorCode::Io, "SHA-256 failed (OpenSSL)");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * len);
    for (unsigned int i = 0; i < len; ++i) {
        out += kHex[md[i] >> 4];
        out += kHex[md[i] & 15];
    }
    return out;
}

} // namespace shoppilot
