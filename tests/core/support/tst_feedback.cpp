// After-sales feedback themes on a tiny demo store: every qualifying refund and product
// conversation is counted once, a product's topics add up to its items, the excess over the
// category rate sums to zero within a category, line-level credits (Online Retail's returns) count
// and order cancellations and chargebacks do not, and the sentiment model reports a held-out score.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>

#include "demo/demo_generator.h"
#include "store/database.h"
#include "support/feedback.h"

using namespace shoppilot;
using namespace shoppilot::support;

class TestFeedback : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_path;
    std::unique_ptr<store::ThreadCheckExemption> m_exempt;

private Q_SLOTS:
    void initTestCase()
    {
        m_exempt = std::make_unique<store::ThreadCheckExemption>();
        m_path = m_dir.filePath("tiny.db").toStdString();
        auto db = store::Database::open(m_path, {store::OpenMode::CreateIfMissing});
        demo::DemoOptions o;
        o.size = demo::DemoSize::Tiny;
        o.seed = 5;
        demo::generateDemoStore(db, o, {});
    }

    void topics()
    {
        QCOMPARE(feedbackTopic("Cancelled by invoice C536506"), std::string("cancelled by invoice"));
        QCOMPARE(feedbackTopic("  arrived   damaged "), std::string("arrived damaged"));
        QCOMPARE(feedbackTopic(""), std::string("no reason given"));
        QCOMPARE(intentTopic("damaged_item"), std::string("arrived damaged"));
        QCOMPARE(intentTopic("order_status"), std::string());
    }

    void everyItemOnce()
    {
        auto db = store::Database::open(m_path, {store::OpenMode::ReadOnly});
        const auto r = feedbackReport(db);
        const auto refunds = db.queryInt("SELECT count(*) FROM refunds WHERE kind IN ('refund', 'return')"
                                         " OR (kind = 'cancellation' AND product_id IS NOT NULL)").value_or(-1);
        const auto chats = db.queryInt("SELECT count(*) FROM support_conversations WHERE order_id IS NOT NULL AND intent IN"
                                       " ('complaint', 'damaged_item', 'wrong_item', 'return_request')").value_or(-1);
        QVERIFY(refunds > 0);
        QVERIFY(chats > 0);
        QCOMPARE(r.items, refunds + chats);
        std::int64_t topicSum = 0, refundSum = 0;
        for (const auto& t : r.topics) {
            topicSum += t.items;
            refundSum += t.refunds;
            QCOMPARE(t.items, t.refunds + t.conversations);
        }
        QCOMPARE(topicSum, r.items);
        QCOMPARE(refundSum, refunds);
        for (std::size_t i = 1; i < r.topics.size(); ++i)
            QVERIFY(r.topics[i - 1].items >= r.topics[i].items);
        std::int64_t monthSum = 0;
        for (const auto& m : r.months)
            for (const auto& [topic, n] : m.byTopic)
                monthSum += n;
        QCOMPARE(monthSum, r.items);
        for (std::size_t i = 1; i < r.months.size(); ++i)
            QVERIFY(r.months[i - 1].month < r.months[i].month);
        // Chargebacks and whole-order cancellations are not product feedback.
        for (const auto& t : r.topics) {
            QVERIFY(t.topic != "fraudulent transaction");
            QVERIFY(t.topic != "cancelled by customer");
        }
        // The sentiment model is scored on rated conversations it did not learn from.
        QVERIFY(r.sentiment.rated > 0);
        QVERIFY(r.sentiment.heldOut > 0 && r.sentiment.heldOut < r.sentiment.rated);
        QVERIFY(r.sentiment.accuracy > 0 && r.sentiment.accuracy <= 1);
    }

    void productsAndCategories()
    {
        auto db = store::Database::open(m_path, {store::OpenMode::ReadOnly});
        const auto r = feedbackReport(db);
        QVERIFY(!r.products.empty());
        std::map<std::int64_t, double> itemsByCategory, rateByCategory;
        for (std::size_t i = 0; i < r.products.size(); ++i) {
            const auto& p = r.products[i];
            QVERIFY(p.items > 0);
            QCOMPARE(p.items, p.refunds + p.conversations);
            QVERIFY(p.topTopicItems > 0 && p.topTopicItems <= p.items);
            QVERIFY(!p.orders.empty());
            itemsByCategory[p.categoryId] += double(p.items);
            rateByCategory[p.categoryId] = p.categoryRatePer100;
            QVERIFY(std::abs(p.excess - (double(p.items) - double(p.unitsSold) * p.categoryRatePer100 / 100)) < 1e-9);
            if (i > 0)
                QVERIFY(r.products[i - 1].excess >= p.excess);
        }
        // The category rate is the category's items per 100 units sold (every unit, with feedback or not).
        for (const auto& [cat, items] : itemsByCategory) {
            const auto units = db.queryInt("SELECT SUM(oi.quantity) FROM order_items oi JOIN products p ON p.id = oi.product_id"
                                           " WHERE COALESCE(p.category_id, 0) = " + std::to_string(cat)).value_or(0);
            QVERIFY(units > 0);
            QVERIFY2(std::abs(rateByCategory[cat] - 100.0 * items / double(units)) < 1e-9, qPrintable(QString::number(cat)));
        }
        // One product's view: its topics add up to its items.
        const auto& top = r.products.front();
        const auto one = feedbackReport(db, top.productId);
        std::int64_t n = 0;
        for (const auto& t : one.topics)
            n += t.items;
        QCOMPARE(n, top.items);
        QCOMPARE(one.items, top.items);
        const auto inCategory = feedbackReport(db, 0, top.categoryId);
        QVERIFY(inCategory.items >= top.items);
        QVERIFY(inCategory.items <= r.items);
    }

    void lineCreditsCount()
    {
        const QString copy = m_dir.filePath("credits.db");
        QVERIFY(QFile::copy(QString::fromStdString(m_path), copy));
        auto db = store::Database::open(copy.toStdString(), {store::OpenMode::ReadWrite});
        const auto before = feedbackReport(db).items;
        // As an Online Retail import records a returned line: a cancellation with the product.
        db.exec("INSERT INTO refunds(order_id, product_id, quantity, created_at, amount_minor, kind, reason)"
                " SELECT order_id, product_id, 1, 1700000000, 250, 'cancellation', 'cancelled by invoice C999001'"
                " FROM order_items WHERE product_id IS NOT NULL LIMIT 1");
        // A whole-order cancellation does not.
        db.exec("INSERT INTO refunds(order_id, created_at, amount_minor, kind, reason)"
                " SELECT id, 1700000000, 100, 'cancellation', 'cancelled by customer' FROM orders LIMIT 1");
        const auto after = feedbackReport(db);
        QCOMPARE(after.items, before + 1);
        QVERIFY(std::any_of(after.topics.begin(), after.topics.end(),
                            [](const TopicCount& t) { return t.topic == "cancelled by invoice" && t.refunds == 1; }));
    }
};

QTEST_GUILESS_MAIN(TestFeedback)
#include "tst_feedback.moc"
