#include "support/feedback.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

#include "store/database.h"
#include "support/intent_model.h"

namespace shoppilot::support {

namespace {

constexpr std::size_t kOrdersKept = 20;

struct Event {
    Timestamp ts = 0;
    std::string topic, order;
    std::int64_t refundMinor = 0;
    bool refund = false;
    int sentiment = 0; // -1 negative, 0 neutral or none, 1 positive
    bool judged = false;
    std::vector<std::int64_t> products;
};

Timestamp monthOf(Timestamp t)
{
    const auto c = toCivil(t);
    return makeTimestamp(c.year, c.month, 1);
}

std::string sentimentLabel(std::int64_t csat)
{
    return csat <= 2 ? "negative" : csat == 3 ? "neutral" : "positive";
}

int sentimentValue(const std::string& label)
{
    return label == "negative" ? -1 : label == "positive" ? 1 : 0;
}

} // namespace

std::string feedbackTopic(const std::string& reason)
{
    std::string out, word;
    auto flush = [&] {
        const bool digits = std::any_of(word.begin(), word.end(), [](unsigned char c) { return std::isdigit(c); });
        if (!word.empty() && !digits)
            out += (out.empty() ? "" : " ") + word;
        word.clear();
    };
    for (const char ch : reason) {
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
            flush();
        else
            word += char(std::tolower(static_cast<unsigned char>(ch)));
    }
    flush();
    return out.empty() ? "no reason given" : out;
}

std::string intentTopic(const std::string& intent)
{
    static const std::map<std::string, std::string> m{{"complaint", "complaint"},
                                                      {"damaged_item", "arrived damaged"},
                                                      {"wrong_item", "wrong item"},
                                                      {"return_request", "return request"}};
    const auto it = m.find(intent);
    return it == m.end() ? std::string() : it->second;
}

FeedbackReport feedbackReport(store::Database& db, std::int64_t productId, std::int64_t categoryId, const Progress& progress)
{
    ProgressReporter rep(progress);
    FeedbackReport r;
    r.currency = db.meta("currency").value_or("");
    std::unordered_map<std::int64_t, ProductFeedback> products;
    {
        store::Statement s(db, "SELECT p.id, p.sku, p.title_en, COALESCE(p.category_id, 0), COALESCE(c.name_en, ''), p.currency"
                               " FROM products p LEFT JOIN categories c ON c.id = p.category_id");
        while (s.step()) {
            ProductFeedback p;
            p.productId = s.columnInt(0);
            p.sku = s.columnText(1);
            p.title = s.columnText(2);
            p.categoryId = s.columnInt(3);
            p.category = s.columnText(4);
            if (r.currency.empty())
                r.currency = s.columnText(5);
            products.emplace(p.productId, std::move(p));
        }
    }
    {
        store::Statement s(db, "SELECT product_id, SUM(quantity) FROM order_items WHERE product_id IS NOT NULL GROUP BY product_id");
        while (s.step())
            if (auto it = products.find(s.columnInt(0)); it != products.end())
                it->second.unitsSold = s.columnInt(1);
    }
    rep.report(0.1, "reading refunds");
    store::Statement items(db, "SELECT DISTINCT product_id FROM order_items WHERE order_id = ? AND product_id IS NOT NULL");
    auto orderProducts = [&](std::int64_t orderId) {
        std::vector<std::int64_t> out;
        items.reset();
        items.bind(1, orderId);
        while (items.step())
            out.push_back(items.columnInt(0));
        return out;
    };
    std::vector<Event> events;
    {
        store::Statement s(db, "SELECT r.created_at, r.product_id, r.order_id, COALESCE(r.reason, ''), r.amount_minor,"
                               " COALESCE(o.external_id, CAST(o.id AS TEXT))"
                               " FROM refunds r JOIN orders o ON o.id = r.order_id"
                               " WHERE r.kind IN ('refund', 'return') OR (r.kind = 'cancellation' AND r.product_id IS NOT NULL)");
        while (s.step()) {
            Event e;
            e.ts = s.columnInt(0);
            e.products = s.isNull(1) ? orderProducts(s.columnInt(2)) : std::vector<std::int64_t>{s.columnInt(1)};
            e.topic = feedbackTopic(s.columnText(3));
            e.refundMinor = s.columnInt(4);
            e.refund = true;
            e.order = s.columnText(5);
            events.push_back(std::move(e));
        }
    }
    rep.report(0.3, "reading conversations");
    // Sentiment: learned from the rated conversations' first customer messages.
    std::vector<IntentExample> rated;
    {
        store::Statement s(db, "SELECT (SELECT m.text FROM support_messages m WHERE m.conversation_id = c.id AND m.sender = 'customer'"
                               " ORDER BY m.ts LIMIT 1), c.csat FROM support_conversations c WHERE c.csat IS NOT NULL ORDER BY c.id");
        while (s.step())
            if (!s.isNull(0))
                rated.push_back({s.columnText(0), sentimentLabel(s.columnInt(1))});
    }
    std::unique_ptr<IntentModel> sentiment;
    std::set<std::string> classes;
    for (const auto& e : rated)
        classes.insert(e.label);
    r.sentiment.rated = int(rated.size());
    if (rated.size() >= 50 && classes.size() >= 2) {
        auto [rest, test] = stratifiedHoldout(rated, 0.2, 11);
        auto [train, val] = stratifiedHoldout(rest, 0.125, 12);
        IntentOptions o;
        {
            const auto m = trainLinearIntents(train, val, o, subProgress(rep.callback(), 0.3, 0.5));
            std::map<std::string, int> freq;
            for (const auto& e : train)
                ++freq[e.label];
            const auto majority = std::max_element(freq.begin(), freq.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
            double ok = 0, maj = 0;
            for (const auto& e : test) {
                const auto p = m->probabilities(e.text);
                ok += m->labels()[std::size_t(std::max_element(p.begin(), p.end()) - p.begin())] == e.label ? 1 : 0;
                maj += e.label == majority ? 1 : 0;
            }
            r.sentiment.heldOut = int(test.size());
            r.sentiment.accuracy = test.empty() ? 0 : ok / double(test.size());
            r.sentiment.majorityAccuracy = test.empty() ? 0 : maj / double(test.size());
        }
        // What is served is refit on every rated conversation (the same recipe).
        rest.insert(rest.end(), test.begin(), test.end());
        auto [all, val2] = stratifiedHoldout(rest, 0.1, 12);
        sentiment = trainLinearIntents(all, val2, o, subProgress(rep.callback(), 0.5, 0.7));
    }
    {
        store::Statement s(db, "SELECT c.started_at, c.order_id, c.intent, c.csat, COALESCE(o.external_id, CAST(o.id AS TEXT)),"
                               " (SELECT m.text FROM support_messages m WHERE m.conversation_id = c.id AND m.sender = 'customer'"
                               "  ORDER BY m.ts LIMIT 1)"
                               " FROM support_conversations c JOIN orders o ON o.id = c.order_id"
                               " WHERE c.intent IN ('complaint', 'damaged_item', 'wrong_item', 'return_request')");
        while (s.step()) {
            Event e;
            e.ts = s.columnInt(0);
            e.products = orderProducts(s.columnInt(1));
            e.topic = intentTopic(s.columnText(2));
            e.order = s.columnText(4);
            if (!s.isNull(3)) {
                e.sentiment = sentimentValue(sentimentLabel(s.columnInt(3)));
                e.judged = true;
            } else if (sentiment && !s.isNull(5)) {
                const auto p = sentiment->probabilities(s.columnText(5));
                e.sentiment = sentimentValue(sentiment->labels()[std::size_t(std::max_element(p.begin(), p.end()) - p.begin())]);
                e.judged = true;
            }
            events.push_back(std::move(e));
        }
    }
    rep.report(0.8, "grouping feedback");
    std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.ts > b.ts; });
    std::map<std::string, TopicCount> topics;
    std::map<Timestamp, FeedbackMonth> months;
    std::unordered_map<std::int64_t, std::map<std::string, std::int64_t>> productTopics;
    for (const auto& e : events) {
        bool inFilter = productId == 0 && categoryId == 0;
        for (const auto pid : e.products) {
            const auto it = products.find(pid);
            if (it == products.end())
                continue;
            auto& p = it->second;
            p.items += 1;
            p.refunds += e.refund ? 1 : 0;
            p.conversations += e.refund ? 0 : 1;
            p.refundMinor += e.refundMinor / std::int64_t(e.products.size());
            p.negative += e.judged && e.sentiment < 0 ? 1 : 0;
            ++productTopics[pid][e.topic];
            if (p.orders.size() < kOrdersKept && std::find(p.orders.begin(), p.orders.end(), e.order) == p.orders.end())
                p.orders.push_back(e.order);
            inFilter = inFilter || pid == productId || (categoryId != 0 && p.categoryId == categoryId);
        }
        if (!inFilter)
            continue;
        r.items += 1;
        auto& t = topics[e.topic];
        t.topic = e.topic;
        t.items += 1;
        t.refunds += e.refund ? 1 : 0;
        t.conversations += e.refund ? 0 : 1;
        t.refundMinor += e.refundMinor;
        auto& m = months[monthOf(e.ts)];
        m.month = monthOf(e.ts);
        ++m.byTopic[e.topic];
        if (e.judged)
            (e.sentiment < 0 ? m.negative : e.sentiment > 0 ? m.positive : m.neutral) += 1;
    }
    // Category rates per unit sold, then each product's excess over its category's rate.
    std::unordered_map<std::int64_t, std::pair<double, double>> cat; // items, units
    for (const auto& [id, p] : products) {
        cat[p.categoryId].first += double(p.items);
        cat[p.categoryId].second += double(p.unitsSold);
    }
    for (auto& [id, p] : products) {
        if (p.items == 0)
            continue;
        const auto& c = cat[p.categoryId];
        p.categoryRatePer100 = c.second > 0 ? 100.0 * c.first / c.second : 0;
        p.ratePer100 = p.unitsSold > 0 ? 100.0 * double(p.items) / double(p.unitsSold) : 0;
        p.excess = double(p.items) - double(p.unitsSold) * p.categoryRatePer100 / 100.0;
        for (const auto& [topic, n] : productTopics[id])
            if (n > p.topTopicItems) {
                p.topTopic = topic;
                p.topTopicItems = n;
            }
        r.products.push_back(p);
    }
    std::sort(r.products.begin(), r.products.end(), [](const ProductFeedback& a, const ProductFeedback& b) {
        return a.excess != b.excess ? a.excess > b.excess : a.productId < b.productId;
    });
    for (auto& [k, t] : topics)
        r.topics.push_back(t);
    std::sort(r.topics.begin(), r.topics.end(), [](const TopicCount& a, const TopicCount& b) {
        return a.items != b.items ? a.items > b.items : a.topic < b.topic;
    });
    for (auto& [k, m] : months)
        r.months.push_back(m);
    rep.report(1.0, "feedback grouped");
    return r;
}

} // namespace shoppilot::support
