#include "support/kb.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "common/error.h"
#include "store/database.h"
#include "support/dialogue.h"
#include "support/text_features.h"

namespace shoppilot::support {

namespace {

bool isCjk(char32_t c)
{
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xAC00 && c <= 0xD7AF);
}

bool isWordChar(char32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 0xC0 && c < 0x3040 && c != 0xD7 && c != 0xF7);
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

std::string utf8(const std::u32string& s)
{
    std::string out;
    for (const char32_t c : s)
        appendUtf8(out, c);
    return out;
}

constexpr std::size_t kMaxTerms = 64;

struct Candidate {
    KbHit hit;
    std::array<double, KbRanker::kFeatures> f{};
};

double sigmoid(double z)
{
    return 1.0 / (1.0 + std::exp(-z));
}

// The candidates for one message with their features: bias, BM25 relative to the best hit,
// P(article's intent), same language, found by FTS5.
std::vector<Candidate> candidates(store::Database& db, const std::string& message, const IntentModel& model)
{
    const std::string lang = detectLanguage(message);
    std::vector<Candidate> out;
    std::map<std::int64_t, std::size_t> index;
    double best = 0;
    for (auto& h : searchKb(db, message, 20)) {
        best = std::max(best, -h.bm25);
        index[h.id] = out.size();
        out.push_back({std::move(h), {}});
    }
    const auto p = model.probabilities(message);
    std::map<std::string, double> prob;
    for (std::size_t i = 0; i < p.size() && i < model.labels().size(); ++i)
        prob[model.labels()[i]] = p[i];
    std::vector<std::size_t> order(p.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] > p[b]; });
    store::Statement s(db, "SELECT id, slug, language, COALESCE(intent, ''), title, substr(body, 1, 160) FROM kb_articles WHERE intent = ?");
    for (std::size_t k = 0; k < order.size() && k < 3; ++k) {
        s.reset();
        s.bind(1, model.labels()[order[k]]);
        while (s.step()) {
            const auto id = s.columnInt(0);
            if (index.count(id))
                continue;
            index[id] = out.size();
            KbHit h;
            h.id = id;
            h.slug = s.columnText(1);
            h.language = s.columnText(2);
            h.intent = s.columnText(3);
            h.title = s.columnText(4);
            h.snippet = s.columnText(5);
            out.push_back({std::move(h), {}});
        }
    }
    for (auto& c : out) {
        const auto it = prob.find(c.hit.intent);
        c.f = {1.0, best > 0 && c.hit.bm25 < 0 ? -c.hit.bm25 / best : 0.0, it == prob.end() ? 0.0 : it->second,
               c.hit.language == lang ? 1.0 : 0.0, c.hit.bm25 < 0 ? 1.0 : 0.0};
    }
    return out;
}

} // namespace

std::vector<KbArticle> listArticles(store::Database& db)
{
    std::vector<KbArticle> out;
    store::Statement s(db, "SELECT id, slug, language, COALESCE(intent, ''), title, body, COALESCE(tags, ''), updated_at"
                           " FROM kb_articles ORDER BY COALESCE(intent, ''), language, slug");
    while (s.step())
        out.push_back({s.columnInt(0), s.columnText(1), s.columnText(2), s.columnText(3), s.columnText(4), s.columnText(5),
                       s.columnText(6), s.columnInt(7)});
    return out;
}

std::int64_t saveArticle(store::Database& db, const KbArticle& a, Timestamp now)
{
    auto blank = [](const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; };
    if (blank(a.slug) || blank(a.title) || blank(a.body))
        throw Error(ErrorCode::InvalidArgument, "an article needs a slug, a title and a body");
    if (a.language != "en" && a.language != "zh")
        throw Error(ErrorCode::InvalidArgument, "an article's language is en or zh, not '" + a.language + "'");
    store::Transaction tx(db);
    {
        store::Statement dup(db, "SELECT id FROM kb_articles WHERE slug = ? AND id <> ?");
        dup.bind(1, a.slug).bind(2, a.id);
        if (dup.step())
            throw Error(ErrorCode::InvalidArgument, "another article already has the slug '" + a.slug + "'");
    }
    std::int64_t id = a.id;
    if (id) {
        store::Statement up(db, "UPDATE kb_articles SET slug = ?, language = ?, intent = NULLIF(?, ''), title = ?, body = ?,"
                                " tags = NULLIF(?, ''), updated_at = ? WHERE id = ?");
        up.bind(1, a.slug).bind(2, a.language).bind(3, a.intent).bind(4, a.title).bind(5, a.body).bind(6, a.tags).bind(7, now).bind(8, id);
        up.step();
        if (db.changes() == 0)
            throw Error(ErrorCode::NotFound, "the article was deleted meanwhile; save it again as a new one");
    } else {
        store::Statement ins(db, "INSERT INTO kb_articles(slug, language, intent, title, body, tags, updated_at)"
                                 " VALUES(?, ?, NULLIF(?, ''), ?, ?, NULLIF(?, ''), ?)");
        ins.bind(1, a.slug).bind(2, a.language).bind(3, a.intent).bind(4, a.title).bind(5, a.body).bind(6, a.tags).bind(7, now);
        ins.step();
        id = db.lastInsertRowId();
    }
    tx.commit();
    return id;
}

void deleteArticle(store::Database& db, std::int64_t id)
{
    store::Statement del(db, "DELETE FROM kb_articles WHERE id = ?");
    del.bind(1, id);
    del.step();
}

std::string ftsQuery(const std::string& text)
{
    const std::u32string t = normalise(text);
    std::vector<std::string> terms;
    std::set<std::string> seen;
    auto add = [&](const std::u32string& term) {
        auto u = utf8(term);
        if (terms.size() < kMaxTerms && seen.insert(u).second)
            terms.push_back(std::move(u));
    };
    std::size_t i = 0;
    while (i < t.size() && terms.size() < kMaxTerms) {
        if (isCjk(t[i])) {
            std::size_t j = i;
            while (j < t.size() && isCjk(t[j]))
                ++j;
            for (std::size_t k = i; k + 3 <= j; ++k)
                add(t.substr(k, 3));
            i = j;
        } else if (isWordChar(t[i])) {
            std::size_t j = i;
            bool letters = false;
            while (j < t.size() && isWordChar(t[j])) {
                letters = letters || !(t[j] >= '0' && t[j] <= '9');
                ++j;
            }
            if (j - i >= 3 && letters)
                add(t.substr(i, j - i));
            i = j;
        } else {
            ++i;
        }
    }
    std::string q;
    for (const auto& term : terms)
        q += (q.empty() ? "\"" : " OR \"") + term + "\""; // terms hold no quote characters
    return q;
}

std::vector<KbHit> searchKb(store::Database& db, const std::string& text, int limit)
{
    std::vector<KbHit> out;
    const std::string q = ftsQuery(text);
    if (q.empty())
        return out;
    store::Statement s(db, "SELECT a.id, a.slug, a.language, COALESCE(a.intent, ''), a.title,"
                           " snippet(kb_articles_fts, 1, '[', ']', '…', 16), bm25(kb_articles_fts, 4.0, 1.0, 2.0) AS rank"
                           " FROM kb_articles_fts JOIN kb_articles a ON a.id = kb_articles_fts.rowid"
                           " WHERE kb_articles_fts MATCH ? ORDER BY rank LIMIT ?");
    s.bind(1, q).bind(2, std::int64_t(limit));
    while (s.step())
        out.push_back({s.columnInt(0), s.columnText(1), s.columnText(2), s.columnText(3), s.columnText(4), s.columnText(5),
                       s.columnDouble(6), 0.0});
    return out;
}

KbRanker::KbRanker() : m_w{-4.0, 1.0, 6.0, 2.0, 0.5} {}

std::vector<KbHit> KbRanker::rank(store::Database& db, const std::string& message, const IntentModel& model, int limit) const
{
    auto cands = candidates(db, message, model);
    std::vector<KbHit> out;
    for (auto& c : cands) {
        double z = 0;
        for (int k = 0; k < kFeatures; ++k)
            z += m_w[std::size_t(k)] * c.f[std::size_t(k)];
        c.hit.score = sigmoid(z);
        out.push_back(std::move(c.hit));
    }
    std::stable_sort(out.begin(), out.end(), [](const KbHit& a, const KbHit& b) { return a.score > b.score; });
    if (int(out.size()) > limit)
        out.resize(std::size_t(limit));
    return out;
}

KbRanker KbRanker::train(store::Database& db, const std::vector<IntentExample>& examples, const IntentModel& model)
{
    std::vector<std::array<double, kFeatures>> x;
    std::vector<double> y;
    for (const auto& e : examples) {
        const std::string lang = detectLanguage(e.text);
        for (const auto& c : candidates(db, e.text, model)) {
            x.push_back(c.f);
            y.push_back(c.hit.intent == e.label && c.hit.language == lang ? 1.0 : 0.0);
        }
    }
    KbRanker r;
    if (x.empty() || std::count(y.begin(), y.end(), 1.0) == 0)
        return r; // nothing to learn from: the prior weights
    // Full-batch gradient descent on the mean log loss with a light L2 penalty (the bias free),
    // from the prior weights; five features need nothing cleverer.
    const double lambda = 1e-3, lr = 0.5;
    for (int it = 0; it < 600; ++it) {
        std::array<double, kFeatures> g{};
        for (std::size_t i = 0; i < x.size(); ++i) {
            double z = 0;
            for (int k = 0; k < kFeatures; ++k)
                z += r.m_w[std::size_t(k)] * x[i][std::size_t(k)];
            const double d = sigmoid(z) - y[i];
            for (int k = 0; k < kFeatures; ++k)
                g[std::size_t(k)] += d * x[i][std::size_t(k)];
        }
        for (int k = 0; k < kFeatures; ++k)
            r.m_w[std::size_t(k)] -= lr * (g[std::size_t(k)] / double(x.size()) + (k > 0 ? lambda * r.m_w[std::size_t(k)] : 0.0));
    }
    return r;
}

} // namespace shoppilot::support
