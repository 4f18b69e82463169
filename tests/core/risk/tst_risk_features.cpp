// Each order feature on hand-made order sequences, including that no feature looks ahead: an
// order's features are the same whether or not later orders and labels exist.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "risk/features.h"
#include "risk_fixture.h"

using namespace shoppilot;
using namespace shoppilot::risk;
using namespace shoppilot::test;

class TestRiskFeatures : public QObject {
    Q_OBJECT

    static constexpr std::int64_t T = 1'700'000'000;

    static float at(const Matrix& x, const OrderHistory& h, std::int64_t orderId, Feature f)
    {
        return x.row(h.indexById.at(orderId))[f];
    }

private Q_SLOTS:
    void velocityWindows()
    {
        QTemporaryDir dir;
        auto db = makeStore(dir);
        for (int c = 1; c <= 4; ++c)
            addCustomer(db, c, T - 86400 * 10);
        // One device, four orders: 0 s, +10 min, +20 min, +2 h; then +25 h.
        addOrder(db, {1, 1, T});
        addOrder(db, {2, 1, T + 600});
        addOrder(db, {3, 2, T + 1200});
        addOrder(db, {4, 3, T + 7200});
        addOrder(db, {5, 4, T + 25 * 3600});
        const auto h = loadOrderHistory(db);
        const auto x = computeFeatures(h);
        QCOMPARE(at(x, h, 1, FDevice1h), 0.0f);
        QCOMPARE(at(x, h, 2, FDevice1h), 1.0f);
        QCOMPARE(at(x, h, 3, FDevice1h), 2.0f);
        QCOMPARE(at(x, h, 4, FDevice1h), 0.0f); // the others are more than an hour old
        QCOMPARE(at(x, h, 4, FDevice24h), 3.0f);
        QCOMPARE(at(x, h, 5, FDevice24h), 1.0f); // only order 4 is within a day (+2 h .. +25 h = 23 h)
        QCOMPARE(at(x, h, 2, FCustomer1h), 1.0f);
        QCOMPARE(at(x, h, 3, FCustomer1h), 0.0f); // another customer
        QCOMPARE(at(x, h, 3, FIp1h), 2.0f);
        QCOMPARE(at(x, h, 3, FCard1h), 2.0f);
        QCOMPARE(at(x, h, 3, FAddress24h), 2.0f);
        // Distinct accounts on the device, counting this order's customer.
        QCOMPARE(at(x, h, 1, FDeviceAccounts), 1.0f);
        QCOMPARE(at(x, h, 2, FDeviceAccounts), 1.0f);
        QCOMPARE(at(x, h, 3, FDeviceAccounts), 2.0f);
        QCOMPARE(at(x, h, 5, FDeviceAccounts), 4.0f);
    }

    void customerHistory()
    {
        QTemporaryDir dir;
        auto db = makeStore(dir);
        addCustomer(db, 1, T - 2 * 86400);
        HandOrder a{1, 1, T, 1000};
        HandOrder b{2, 1, T + 3600, 3000};
        b.card = "card2";
        HandOrder c{3, 1, T + 7200, 2000};
        c.status = "failed";
        HandOrder d{4, 1, T + 8000, 1000};
        for (const auto& o : {a, b, c, d})
            addOrder(db, o);
        const auto h = loadOrderHistory(db);
        const auto x = computeFeatures(h);
        QCOMPARE(at(x, h, 1, FFirstOrder), 1.0f);
        QVERIFY(std::isnan(at(x, h, 1, FAmountVsHistory)));
        QCOMPARE(at(x, h, 1, FAccountAgeDays), 2.0f);
        QCOMPARE(at(x, h, 2, FFirstOrder), 0.0f);
        QCOMPARE(at(x, h, 2, FAmountVsHistory), 3.0f);
        QCOMPARE(at(x, h, 2, FNewPaymentMethod), 1.0f);
        QCOMPARE(at(x, h, 2, FCustomerCards), 2.0f);
        QCOMPARE(at(x, h, 3, FNewPaymentMethod), 0.0f);
        QCOMPARE(at(x, h, 3, FAmountVsHistory), 1.0f); // 20 / mean(10, 30)
        QCOMPARE(at(x, h, 3, FPriorOrders), 2.0f);
        QCOMPARE(at(x, h, 3, FCustomerFailed24h), 0.0f); // its own failure is not known before it
        QCOMPARE(at(x, h, 4, FCustomerFailed24h), 1.0f);
        QCOMPARE(at(x, h, 4, FAmountLog), float(std::log1p(10.0)));
        QCOMPARE(at(x, h, 2, FSecondsSincePrevLog), float(std::log1p(3600.0)));
    }

    void countryMismatch()
    {
        QTemporaryDir dir;
        auto db = makeStore(dir);
        addCustomer(db, 1, T);
        HandOrder a{1, 1, T};
        a.shipCountry = "FR";
        a.ipCountry = "NG";
        HandOrder b{2, 1, T + 10};
        b.ipCountry = "DE";
        addOrder(db, a);
        addOrder(db, b);
        const auto h = loadOrderHistory(db);
        const auto x = computeFeatures(h);
        QCOMPARE(at(x, h, 1, FBillShipMismatch), 1.0f);
        QCOMPARE(at(x, h, 1, FIpBillMismatch), 1.0f);
        QCOMPARE(at(x, h, 1, FIpShipMismatch), 1.0f);
        QCOMPARE(at(x, h, 2, FBillShipMismatch), 0.0f);
        QCOMPARE(at(x, h, 2, FIpBillMismatch), 1.0f);
    }

    void graphUsesOnlyLabelsKnownAtOrderTime()
    {
        QTemporaryDir dir;
        auto db = makeStore(dir);
        for (int c = 1; c <= 3; ++c)
            addCustomer(db, c, T - 86400);
        addOrder(db, {1, 1, T});                   // later confirmed fraud (chargeback at T + 10 days)
        addOrder(db, {2, 2, T + 5 * 86400});       // same device, before the chargeback
        addOrder(db, {3, 3, T + 20 * 86400});      // same device, after it
        HandOrder other{4, 3, T + 21 * 86400};
        other.device = "dev2";
        other.ip = "10.9.9.9";
        other.card = "card9";
        other.address = "9 Elsewhere";
        addOrder(db, other);
        addChargeback(db, 1, T + 10 * 86400);
        const auto h = loadOrderHistory(db);
        const auto x = computeFeatures(h);
        QCOMPARE(at(x, h, 1, FDeviceLinkedFraud), 0.0f); // its own label comes later
        QCOMPARE(at(x, h, 2, FDeviceLinkedFraud), 0.0f);
        QCOMPARE(at(x, h, 3, FDeviceLinkedFraud), 1.0f);
        QCOMPARE(at(x, h, 3, FCardLinkedFraud), 1.0f);
        QCOMPARE(at(x, h, 3, FAddressLinkedFraud), 1.0f);
        QCOMPARE(at(x, h, 4, FDeviceLinkedFraud), 0.0f);
        QCOMPARE(at(x, h, 4, FCustomerPriorFraud), 0.0f);
        // Labels as known at a time.
        QCOMPARE(h.labelsAsOf(T + 9 * 86400)[std::size_t(h.indexById.at(1))], -1);
        QCOMPARE(h.labelsAsOf(T + 10 * 86400)[std::size_t(h.indexById.at(1))], 1);
    }

    void noLookAhead()
    {
        // The features of the first orders are identical with and without everything after them.
        QTemporaryDir dir;
        auto db = makeStore(dir, "prefix.db");
        auto full = makeStore(dir, "full.db");
        for (auto* d : {&db, &full})
            for (int c = 1; c <= 5; ++c)
                addCustomer(*d, c, T - 3600);
        std::vector<HandOrder> orders;
        for (int i = 1; i <= 30; ++i) {
            HandOrder o{i, 1 + i % 5, T + i * 900, 500 + 37 * i};
            o.device = "dev" + std::to_string(i % 3);
            o.ip = "ip" + std::to_string(i % 4);
            o.card = "card" + std::to_string(i % 6);
            orders.push_back(o);
        }
        for (int i = 0; i < 15; ++i)
            addOrder(db, orders[std::size_t(i)]);
        for (const auto& o : orders)
            addOrder(full, o);
        addChargeback(full, 3, T + 15 * 900 + 60); // known only after the prefix ends
        const auto hp = loadOrderHistory(db), hf = loadOrderHistory(full);
        const auto xp = computeFeatures(hp), xf = computeFeatures(hf);
        for (int i = 0; i < 15; ++i)
            for (int f = 0; f < FeatureCount; ++f) {
                const float a = xp.row(i)[f], b = xf.row(i)[f];
                if (!(std::isnan(a) && std::isnan(b)) && a != b)
                    QFAIL(qPrintable(QString("order %1 feature %2: %3 alone, %4 with later orders").arg(i + 1).arg(featureKey(f)).arg(a).arg(b)));
            }
    }

    void incrementalEqualsBatch()
    {
        // Scoring new orders one by one through the kept state gives the batch sweep's features.
        QTemporaryDir dir;
        auto db = makeStore(dir);
        for (int c = 1; c <= 3; ++c)
            addCustomer(db, c, T - 3600);
        for (int i = 1; i <= 10; ++i)
            addOrder(db, {i, 1 + i % 3, T + i * 300, 100 * i});
        auto h = loadOrderHistory(db);
        FeatureState state;
        const auto x = computeFeatures(h, {}, &state);
        for (int i = 11; i <= 14; ++i)
            addOrder(db, {i, 1 + i % 3, T + i * 300, 100 * i});
        QCOMPARE(appendNewOrders(db, h, 10), 4);
        std::vector<float> row(FeatureCount);
        const auto all = computeFeatures(loadOrderHistory(db));
        for (int i = 10; i < 14; ++i) {
            state.next(h, i, row.data());
            for (int f = 0; f < FeatureCount; ++f)
                if (!(std::isnan(row[std::size_t(f)]) && std::isnan(all.row(i)[f])))
                    QCOMPARE(row[std::size_t(f)], all.row(i)[f]);
        }
        QCOMPARE(x.rows, 10);
    }

    void featureKeysRoundTrip()
    {
        for (int f = 0; f < FeatureCount; ++f) {
            QCOMPARE(featureByKey(featureKey(f)), f);
            QVERIFY(!describeFeature(f, 1.0f).empty());
        }
        QCOMPARE(featureByKey("nope"), -1);
    }
};

QTEST_GUILESS_MAIN(TestRiskFeatures)
#include "tst_risk_features.moc"
