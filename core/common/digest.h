// SHA-256 of a byte range as lower-case hex (OpenSSL in the .cpp). Model files carry one per
// payload that a third-party reader parses (XGBoost, LibTorch), so a damaged file is refused
// with a clear message before that reader sees it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace shoppilot {

std::string sha256Hex(const void* data, std::size_t size);
inline std::string sha256Hex(const std::vector<std::uint8_t>& bytes) { return sha256Hex(bytes.data(), bytes.size()); }

} // namespace shoppilot
