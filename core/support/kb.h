// The support knowledge base: articles in Chinese and English, searched with FTS5 (BM25 over the
// store's trigram index, so Chinese needs no segmenter), and a learned re-ranker that puts the
// article that answers a message first.
//
// Re-ranking: the candidates are the FTS5 hits for the message plus the articles of the intents
// the intent model finds most likely; each gets features — its BM25 score relative to the best
// hit, the intent model's probability of the article's intent, whether it is in the message's
// language, whether FTS5 found it at all — and a logistic model over them, trained on tagged
// conversations (the article answering a conversation is the one for its intent in its language),
// orders them. The training messages must be ones the intent model did not learn from (its
// validation part), or the model's confidence would be trusted more than it deserves.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/time.h"
#include "support/intent_model.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::support {

struct KbArticle {
    std::int64_t id = 0; // 0: not saved yet
    std::string slug, language, intent, title, body, tags;
    Timestamp updatedAt = 0;
};
std::vector<KbArticle> listArticles(store::Database& db);
// Inserts (id 0) or updates; returns the id. Throws Error(InvalidArgument) for a missing slug,
// title, body or a language other than en/zh, and for a slug another article has.
std::int64_t saveArticle(store::Database& db, const KbArticle& article, Timestamp now);
void deleteArticle(store::Database& db, std::int64_t id);

// An FTS5 MATCH expression for free text: its terms of three or more characters (the trigram
// index's unit; Chinese runs as overlapping three-character windows), quoted, joined by OR.
// Empty when the text has no such term.
std::string ftsQuery(const std::string& text);

struct KbHit {
    std::int64_t id = 0;
    std::string slug, language, intent, title;
    std::string snippet;  // the matching part of the body, matches in [brackets]
    double bm25 = 0;      // FTS5 bm25 (lower is better; 0: not an FTS5 hit)
    double score = 0;     // the re-ranker's probability (searchKb: 0)
};
// FTS5 alone: the best `limit` articles by BM25 (title weighted over body and tags).
std::vector<KbHit> searchKb(store::Database& db, const std::string& text, int limit);

class KbRanker {
public:
    static constexpr int kFeatures = 5;
    KbRanker(); // prior weights: intent probability first, then BM25 (before any training)
    // Candidates for `message` ranked best first (scores in KbHit::score).
    std::vector<KbHit> rank(store::Database& db, const std::string& message, const IntentModel& model, int limit = 5) const;
    const std::array<double, kFeatures>& weights() const { return m_w; }

    // Logistic regression on the candidates of each example (label: the example's intent; the
    // article's language must be the example's language, detected from its text).
    static KbRanker train(store::Database& db, const std::vector<IntentExample>& examples, const IntentModel& model);

private:
    std::array<double, kFeatures> m_w{};
};

} // namespace shoppilot::support
