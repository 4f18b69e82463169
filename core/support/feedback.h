// After-sales feedback themes for support leads and merchandisers: what customers complain about,
// per product and category, and how it moves over time.
//
// Sources, each attributed to products:
//  * returns and refunds with the shop's reason (a line-level credit — a cancellation with a
//    product, as Online Retail records returned goods — counts too; order cancellations before
//    shipping and chargebacks are not product feedback: chargebacks belong to Risk);
//  * support conversations about an order's goods (complaint, damaged item, wrong item, return
//    request), attributed to the order's products.
// Topic: the reason as the shop records it (words with digits dropped, so "cancelled by invoice
// C536506" groups), or the conversation's intent mapped to the same words ("damaged_item" is
// "arrived damaged").
// Sentiment of a conversation: the customer's own rating where given (1–2 negative, 3 neutral, 4–5
// positive); otherwise predicted from the customer's first message by a linear model learned from
// the rated conversations of the same store, whose held-out accuracy (and the majority class's) the
// report carries. Refunds carry no sentiment.
// Products are ranked by excess feedback: items beyond what the category's rate per unit sold
// would give, so a best seller is not flagged for being popular.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/progress.h"
#include "common/time.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::support {

struct ProductFeedback {
    std::int64_t productId = 0, categoryId = 0;
    std::string sku, title, category;
    std::int64_t unitsSold = 0;
    std::int64_t items = 0;            // feedback items (refunds + conversations)
    std::int64_t refunds = 0, refundMinor = 0, conversations = 0;
    double ratePer100 = 0;             // items per 100 units sold
    double categoryRatePer100 = 0;
    double excess = 0;                 // items − units × category rate
    std::string topTopic;
    std::int64_t topTopicItems = 0;
    std::int64_t negative = 0;         // conversations judged negative (rated or predicted)
    std::vector<std::string> orders;   // order references, newest first (at most 20)
};

struct TopicCount {
    std::string topic;
    std::int64_t items = 0, refunds = 0, conversations = 0, refundMinor = 0;
};

struct FeedbackMonth {
    Timestamp month = 0;                          // first day, 00:00 UTC
    std::map<std::string, std::int64_t> byTopic;  // items
    std::int64_t negative = 0, neutral = 0, positive = 0;
};

struct SentimentFit {
    int rated = 0;              // rated conversations with a customer message
    int heldOut = 0;
    double accuracy = 0;        // the model on the held-out rated conversations
    double majorityAccuracy = 0; // always the most frequent rating class, same rows
};

struct FeedbackReport {
    std::vector<ProductFeedback> products; // excess feedback first; products with feedback only
    std::vector<TopicCount> topics;        // most items first (for the filter below)
    std::vector<FeedbackMonth> months;     // oldest first (for the filter below)
    SentimentFit sentiment;
    std::string currency;
    std::int64_t items = 0;
};

// productId / categoryId 0: the whole shop (topics and months); the product table is always the
// whole shop's.
FeedbackReport feedbackReport(store::Database& db, std::int64_t productId = 0, std::int64_t categoryId = 0,
                              const Progress& progress = {});

// "cancelled by invoice C536506" -> "cancelled by invoice"; empty -> "no reason given".
std::string feedbackTopic(const std::string& reason);
// The conversation intents that are product feedback, as topics ("" when not feedback).
std::string intentTopic(const std::string& intent);

} // namespace shoppilot::support
