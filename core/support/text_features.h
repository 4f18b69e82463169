// Text to hashed n-gram features for the support intent models, one scheme for Chinese and
// English, no word segmenter: the text is normalised (full-width ASCII folded to half-width,
// Latin lower-cased) and split into runs of Han/kana/Hangul characters and runs of letters and
// digits. A CJK run gives its character 1-, 2- and 3-grams; a Latin run is a word, giving the word,
// the word bigram with the previous word, and the character 3- to 5-grams of "<word>" (sub-words:
// typos and inflections share features). Digits are folded to '0' so "order 1234" and "order
// 9876" look alike. Every feature string is hashed (FNV-1a 64) into `buckets` ids.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shoppilot::support {

struct FeatureOptions {
    std::uint32_t buckets = 1u << 20;
    int cjkMaxN = 3;
    int subwordMin = 3, subwordMax = 5;
};

// Unicode code points of UTF-8 text (invalid bytes become U+FFFD).
std::u32string decodeUtf8(std::string_view text);
// The normalised code points (see above).
std::u32string normalise(std::string_view text);
// The feature strings, UTF-8, in text order (for tests and explanations).
std::vector<std::string> featureStrings(std::string_view text, const FeatureOptions& options = {});
// Hashed feature ids, in text order (repeats kept: counts matter).
std::vector<std::uint32_t> featureIds(std::string_view text, const FeatureOptions& options = {});

} // namespace shoppilot::support
