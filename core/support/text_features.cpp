#include "support/text_features.h"

namespace shoppilot::support {

namespace {

bool isCjk(char32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x3040 && c <= 0x30FF) ||
           (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

bool isWordChar(char32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

void appendUtf8(std::string& out, char32_t c)
{
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

std::string utf8(const std::u32string& s, std::size_t a, std::size_t n)
{
    std::string out;
    for (std::size_t i = a; i < a + n && i < s.size(); ++i)
        appendUtf8(out, s[i]);
    return out;
}

std::uint64_t fnv1a(std::string_view s)
{
    std::uint64_t h = 1469598103934665603ULL;
    for (const unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

template <typename Emit>
void forEachFeature(std::string_view text, const FeatureOptions& o, Emit emit)
{
    const std::u32string s = normalise(text);
    std::string prevWord;
    std::size_t i = 0;
    while (i < s.size()) {
        if (isCjk(s[i])) {
            std::size_t j = i;
            while (j < s.size() && isCjk(s[j]))
                ++j;
            for (std::size_t a = i; a < j; ++a)
                for (int n = 1; n <= o.cjkMaxN && a + std::size_t(n) <= j; ++n)
                    emit("c" + std::to_string(n) + ":" + utf8(s, a, std::size_t(n)));
            prevWord.clear();
            i = j;
        } else if (isWordChar(s[i])) {
            std::size_t j = i;
            while (j < s.size() && isWordChar(s[j]))
                ++j;
            const std::string word = utf8(s, i, j - i);
            emit("w:" + word);
            if (!prevWord.empty())
                emit("b:" + prevWord + " " + word);
            prevWord = word;
            const std::u32string marked = U"<" + s.substr(i, j - i) + U">";
            for (int n = o.subwordMin; n <= o.subwordMax; ++n)
                for (std::size_t a = 0; a + std::size_t(n) <= marked.size(); ++a)
                    emit("s:" + utf8(marked, a, std::size_t(n)));
            i = j;
        } else {
            ++i; // spaces, punctuation, emoji: separators
        }
    }
}

} // namespace

std::u32string decodeUtf8(std::string_view t)
{
    std::u32string out;
    out.reserve(t.size());
    for (std::size_t i = 0; i < t.size();) {
        const unsigned char c = static_cast<unsigned char>(t[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + std::size_t(len) > t.size()) {
            out += U'\uFFFD';
            ++i;
            continue;
        }
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        bool ok = true;
        for (int k = 1; k < len; ++k) {
            const unsigned char cc = static_cast<unsigned char>(t[i + std::size_t(k)]);
            if ((cc >> 6) != 0x2) {
                ok = false;
                break;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (!ok) {
            out += U'\uFFFD';
            ++i;
            continue;
        }
        out += cp;
        i += std::size_t(len);
    }
    return out;
}

std::u32string normalise(std::string_view text)
{
    std::u32string s = decodeUtf8(text);
    for (auto& c : s) {
        if (c >= 0xFF01 && c <= 0xFF5E) // full-width ASCII
            c = c - 0xFF01 + 0x21;
        else if (c == 0x3000)
            c = ' ';
        if (c >= 'A' && c <= 'Z')
            c = c - 'A' + 'a';
        else if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
            c += 0x20;
        if (c >= '1' && c <= '9')
            c = '0';
    }
    return s;
}

std::vector<std::string> featureStrings(std::string_view text, const FeatureOptions& options)
{
    std::vector<std::string> out;
    forEachFeature(text, options, [&](const std::string& f) { out.push_back(f); });
    return out;
}

std::vector<std::uint32_t> featureIds(std::string_view text, const FeatureOptions& options)
{
    std::vector<std::uint32_t> out;
    forEachFeature(text, options, [&](const std::string& f) { out.push_back(std::uint32_t(fnv1a(f) % options.buckets)); });
    return out;
}

} // namespace shoppilot::support
