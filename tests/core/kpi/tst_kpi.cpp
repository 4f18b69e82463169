// KPI figures against arithmetic done by hand on a tiny store, for both back ends (the cube and the
// reference SQL), plus calendar boundaries, empty ranges, a store without clickstream, cancel,
// invalidate, and a randomised cube-versus-SQL check on a generated demo store.
#include <QTemporaryDir>
#include <QtTest>

#include <random>

#include "common/error.h"
#include "demo/demo_generator.h"
#include "kpi/kpi.h"
#include "kpi/kpi_bench.h"
#include "kpi/maturity.h"
#include "store/database.h"
#include "store/repositories.h"

using namespace shoppilot;
using namespace shoppilot::kpi;
using namespace shoppilot::store;

namespace shoppilot::kpi {

// Readable QCOMPARE failures.
char* toString(const KpiValues& v)
{
    return QTest::toString(QString("gmv=%1 orders=%2 sessions=%3 purchaseSessions=%4 customers=%5 repeat=%6 "
                                   "refundedOrders=%7 refundedMinor=%8 aov=%9 conv=%10 repeatRate=%11 refundRate=%12")
                               .arg(v.gmvMinor).arg(v.orders).arg(v.sessions).arg(v.purchaseSessions).arg(v.customers)
                               .arg(v.repeatCustomers).arg(v.refundedOrders).arg(v.refundedMinor)
                               .arg(v.aovMinor, 0, 'g', 17).arg(v.conversionRate, 0, 'g', 17)
                               .arg(v.repeatRate, 0, 'g', 17).arg(v.refundRate, 0, 'g', 17));
}

char* toString(const SeriesPoint& p)
{
    return QTest::toString(QString("%1: gmv=%2 orders=%3 sessions=%4 purchaseSessions=%5")
                               .arg(QString::fromStdString(formatTimestamp(p.bucketStart)))
                               .arg(p.gmvMinor).arg(p.orders).arg(p.sessions).arg(p.purchaseSessions));
}

char* toString(const BreakdownRow& r)
{
    return QTest::toString(QString("key='%1' en='%2' zh='%3' gmv=%4 orders=%5 share=%6")
                               .arg(QString::fromStdString(r.key), QString::fromStdString(r.labelEn),
                                    QString::fromStdString(r.labelZh))
                               .arg(r.gmvMinor).arg(r.orders).arg(r.share, 0, 'g', 17));
}

} // namespace shoppilot::kpi

Q_DECLARE_METATYPE(shoppilot::kpi::KpiService::Backend)

// Element by element, so a failure prints the first differing point or row.
#define COMPARE_VECTORS(actual, expected)                                                                              \
    do {                                                                                                               \
        const auto& a_ = (actual);                                                                                     \
        const auto& e_ = (expected);                                                                                   \
        QCOMPARE(a_.size(), e_.size());                                                                                \
        for (std::size_t i_ = 0; i_ < a_.size(); ++i_)                                                                 \
            QCOMPARE(a_[i_], e_[i_]);                                                                                  \
    } while (false)

namespace {

Timestamp mar(int day, int h = 0, int m = 0, int s = 0) { return makeTimestamp(2024, 3, day, h, m, s); }

// The hand-made store. 2024-03-04 is a Monday. All money in pence.
//
// categories  C1 Shoes/鞋 (P1, P2), C2 Bags/包 (P3); P4 has no category
// customers   A GB, B GB, C CN, D (no country)
// orders      (customer, channel, ship_country, created, status: items -> total)
//  O1  A web GB    Mar 4 00:00:00 (Monday 00:00) completed: P1 2x1000 + P3 500 -> 2800 (300 shipping)
//  O2  A app NULL  Mar 5 09:00    completed: P2 1500 -> 1500          (country falls back to A: GB)
//  O3  B web CN    Mar 5 15:00    completed: P3 2x500 -> 1000         (ship CN beats B's GB)
//  O4  C app CN    Mar 6 12:00    CANCELLED: P1 1000 -> 1000          (+ a cancellation refund 1000)
//  O5  C web CN    Mar 6 13:00    refunded:  P1 1000 + P4 400 -> 1400 (refund 1400)
//  O6  D web NULL  Mar 7 08:00    processing: P2 1500 -> 1500         (country '')
//  O7  guest, channel NULL, GB    Mar 7 20:00 completed: P3 500 + P4 200 -> 700
//  O8  A web GB    Mar 8 11:00    completed: P1 1000 -> 1000          (return 300 + chargeback 100)
//  O9  B app GB    Mar 3 23:59    completed: P2 1500 -> 1500          (Sunday 23:59)
//  O10 B web GB    Mar 1 00:00    completed: P2 1500 -> 1500          (first second of March)
//  O11 C web CN    Feb 29 23:59:59 completed: P3 500 -> 500           (last second of February)
//  O12 C web CN    Mar 8 12:00    FAILED: P1 1000 -> 1000
// sessions    (customer, channel: events)
//  s1  A web:   view P1 Mar 4 00:00, cart P1 09:55, purchase P1 + purchase P3 10:00
//  s2  anon web: view P3 Mar 4 12:00, search 12:01
//  s3  A app:   view P2 Mar 5 08:55, purchase P2 09:00
//  s4  B web:   view P3 Mar 5 14:50, purchase P3 15:00
//  s5  C app:   view P1 Mar 6 11:50
//  s6  C web:   view P1 Mar 6 23:58, view P2 Mar 7 00:02   (crosses midnight)
//  s7  D web:   view P2 Mar 7 07:55, purchase P2 08:00
//  s8  anon marketplace: view P1 Mar 8 10:00
//  s9  B app:   view P2 Mar 3 23:50, purchase P2 23:59
//  s10 A web:   view P1 Mar 8 10:55, purchase P1 11:00
struct HandStore {
    std::int64_t c1 = 0, c2 = 0;
};

HandStore buildHandStore(Database& db, bool withEvents)
{
    HandStore h;
    std::vector<CategoryRow> cats{{0, "Shoes", "鞋", std::nullopt}, {0, "Bags", "包", std::nullopt}};
    upsertCategories(db, cats);
    h.c1 = cats[0].id;
    h.c2 = cats[1].id;

    auto product = [](const char* sku, std::optional<std::int64_t> cat) {
        ProductRow p;
        p.sku = sku;
        p.titleEn = sku;
        p.categoryId = cat;
        p.priceMinor = 1000;
        p.createdAt = p.updatedAt = mar(1);
        return p;
    };
    std::vector<ProductRow> products{product("P1", h.c1), product("P2", h.c1), product("P3", h.c2),
                                     product("P4", std::nullopt)};
    upsertProducts(db, products);
    const Id p1 = products[0].id, p2 = products[1].id, p3 = products[2].id, p4 = products[3].id;

    auto customer = [](const char* ext, std::optional<std::string> country) {
        CustomerRow c;
        c.externalId = ext;
        c.country = std::move(country);
        c.createdAt = c.updatedAt = mar(1);
        return c;
    };
    std::vector<CustomerRow> customers{customer("A", "GB"), customer("B", "GB"), customer("C", "CN"),
                                       customer("D", std::nullopt)};
    upsertCustomers(db, customers);
    const Id a = customers[0].id, b = customers[1].id, c = customers[2].id, d = customers[3].id;

    auto order = [](const char* ext, std::optional<Id> cust, std::optional<std::string> channel,
                    std::optional<std::string> ship, Timestamp at, const char* status, std::int64_t total) {
        OrderRow o;
        o.externalId = ext;
        o.customerId = cust;
        o.channel = std::move(channel);
        o.shipping.country = std::move(ship);
        o.createdAt = o.updatedAt = at;
        o.status = status;
        o.subtotalMinor = o.totalMinor = total;
        return o;
    };
    std::vector<OrderRow> orders{
        order("O1", a, "web", "GB", mar(4), "completed", 2800),
        order("O2", a, "app", std::nullopt, mar(5, 9), "completed", 1500),
        order("O3", b, "web", "CN", mar(5, 15), "completed", 1000),
        order("O4", c, "app", "CN", mar(6, 12), "cancelled", 1000),
        order("O5", c, "web", "CN", mar(6, 13), "refunded", 1400),
        order("O6", d, "web", std::nullopt, mar(7, 8), "processing", 1500),
        order("O7", std::nullopt, std::nullopt, "GB", mar(7, 20), "completed", 700),
        order("O8", a, "web", "GB", mar(8, 11), "completed", 1000),
        order("O9", b, "app", "GB", mar(3, 23, 59), "completed", 1500),
        order("O10", b, "web", "GB", mar(1), "completed", 1500),
        order("O11", c, "web", "CN", mar(1) - 1, "completed", 500),
        order("O12", c, "web", "CN", mar(8, 12), "failed", 1000),
    };
    orders[0].shippingMinor = 300;
    orders[0].subtotalMinor = 2500;
    upsertOrders(db, orders);
    auto oid = [&](int n) { return orders[std::size_t(n - 1)].id; };

    auto item = [](Id order, Id product, std::int64_t qty, std::int64_t unit) {
        return OrderItemRow{0, order, product, qty, unit, 0, qty * unit};
    };
    std::vector<OrderItemRow> items{
        item(oid(1), p1, 2, 1000), item(oid(1), p3, 1, 500), item(oid(2), p2, 1, 1500), item(oid(3), p3, 2, 500),
        item(oid(4), p1, 1, 1000), item(oid(5), p1, 1, 1000), item(oid(5), p4, 1, 400), item(oid(6), p2, 1, 1500),
        item(oid(7), p3, 1, 500),  item(oid(7), p4, 1, 200),  item(oid(8), p1, 1, 1000), item(oid(9), p2, 1, 1500),
        item(oid(10), p2, 1, 1500), item(oid(11), p3, 1, 500), item(oid(12), p1, 1, 1000),
    };
    insertOrderItems(db, items);

    auto refund = [](const char* ext, Id order, std::int64_t amount, const char* kind, Timestamp at) {
        RefundRow r;
        r.externalId = ext;
        r.orderId = order;
        r.amountMinor = amount;
        r.kind = kind;
        r.createdAt = at;
        return r;
    };
    std::vector<RefundRow> refunds{
        refund("R4", oid(4), 1000, "cancellation", mar(6, 12, 30)),
        refund("R5", oid(5), 1400, "refund", mar(10)), // issued after the range: still the order's
        refund("R8a", oid(8), 300, "return", mar(9)),
        refund("R8b", oid(8), 100, "chargeback", mar(12)),
    };
    upsertRefunds(db, refunds);

    if (!withEvents)
        return h;
    auto ev = [](Timestamp ts, const char* type, const char* session, std::optional<Id> cust,
                 std::optional<Id> prod, const char* channel) {
        EventRow e;
        e.ts = ts;
        e.type = type;
        e.sessionId = session;
        e.customerId = cust;
        e.productId = prod;
        e.channel = channel;
        return e;
    };
    std::vector<EventRow> events{
        ev(mar(4), "view", "s1", a, p1, "web"),
        ev(mar(4, 9, 55), "cart", "s1", a, p1, "web"),
        ev(mar(4, 10), "purchase", "s1", a, p1, "web"),
        ev(mar(4, 10), "purchase", "s1", a, p3, "web"),
        ev(mar(4, 12), "view", "s2", std::nullopt, p3, "web"),
        ev(mar(4, 12, 1), "search", "s2", std::nullopt, std::nullopt, "web"),
        ev(mar(5, 8, 55), "view", "s3", a, p2, "app"),
        ev(mar(5, 9), "purchase", "s3", a, p2, "app"),
        ev(mar(5, 14, 50), "view", "s4", b, p3, "web"),
        ev(mar(5, 15), "purchase", "s4", b, p3, "web"),
        ev(mar(6, 11, 50), "view", "s5", c, p1, "app"),
        ev(mar(6, 23, 58), "view", "s6", c, p1, "web"),
        ev(mar(7, 0, 2), "view", "s6", c, p2, "web"),
        ev(mar(7, 7, 55), "view", "s7", d, p2, "web"),
        ev(mar(7, 8), "purchase", "s7", d, p2, "web"),
        ev(mar(8, 10), "view", "s8", std::nullopt, p1, "marketplace"),
        ev(mar(3, 23, 50), "view", "s9", b, p2, "app"),
        ev(mar(3, 23, 59), "purchase", "s9", b, p2, "app"),
        ev(mar(8, 10, 55), "view", "s10", a, p1, "web"),
        ev(mar(8, 11), "purchase", "s10", a, p1, "web"),
    };
    insertEvents(db, events);
    return h;
}

// Field order: gmv, orders, sessions, purchaseSessions, customers, repeatCustomers, refundedOrders,
// refundedMinor, aov, conversion, repeatRate, refundRate.
KpiValues kv(std::int64_t gmv, std::int64_t orders, std::int64_t sessions, std::int64_t purchases,
             std::int64_t customers, std::int64_t repeat, std::int64_t refunded, std::int64_t refundedMinor,
             double aov, double conversion, double repeatRate, double refundRate)
{
    return KpiValues{gmv, orders, sessions, purchases, customers, repeat, refunded, refundedMinor,
                     aov, conversion, repeatRate, refundRate};
}

BreakdownRow row(std::string key, std::string en, std::string zh, std::int64_t gmv, std::int64_t orders, double share)
{
    return BreakdownRow{std::move(key), std::move(en), std::move(zh), gmv, orders, share};
}

Filter range(Timestamp from, Timestamp to)
{
    Filter f;
    f.from = from;
    f.to = to;
    return f;
}

} // namespace

// Saves (or replaces) a segment whose members are the named hand-store customers; returns its id.
std::int64_t saveSegmentOf(Database& db, const char* name, const std::vector<std::string>& externalIds)
{
    db.exec("DELETE FROM segments WHERE name = '" + std::string(name) + "'");
    auto ins = db.prepare("INSERT INTO segments(name, definition_json, created_at, updated_at) VALUES(?, '{}', 0, 0)");
    ins.bind(1, std::string(name));
    ins.step();
    const std::int64_t id = db.lastInsertRowId();
    for (const std::string& ext : externalIds) {
        auto m = db.prepare("INSERT INTO segment_members(segment_id, customer_id) SELECT ?, id FROM customers WHERE external_id = ?");
        m.bind(1, id).bind(2, ext);
        m.step();
    }
    return id;
}

class TestKpi : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<Database> m_db;
    HandStore m_hand;
    const Filter m_main = range(mar(4), mar(9)); // Mon 4 .. Fri 8 March

    void addBackends()
    {
        QTest::addColumn<KpiService::Backend>("backend");
        QTest::newRow("cube") << KpiService::Backend::Cube;
        QTest::newRow("sql") << KpiService::Backend::Sql;
    }
    KpiService service()
    {
        QFETCH(KpiService::Backend, backend);
        return KpiService(*m_db, backend);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = Database::open(m_dir.filePath("hand.db").toStdString(), {OpenMode::CreateIfMissing});
        m_hand = buildHandStore(*m_db, true);
    }

    void wholeRangeAndPreviousPeriod_data() { addBackends(); }
    void wholeRangeAndPreviousPeriod()
    {
        QFETCH(KpiService::Backend, backend);
        KpiService s(*m_db, backend);
        const KpiComparison c = s.kpis(m_main);
        // Counted: O1 2800 + O2 1500 + O3 1000 + O5 1400 + O6 1500 + O7 700 + O8 1000 = 9900 in 7
        // orders (O4 cancelled, O12 failed, O9-O11 before). Customers A (O1, O2, O8), B, C, D = 4
        // (O7 is a guest); repeat: A = 1. Refunded: O5 (1400) and O8 (300 + 100) = 2 orders, 1800
        // (O4's refund does not count: O4 is cancelled). Sessions s1-s8, s10 = 9; purchases s1, s3,
        // s4, s7, s10 = 5.
        QCOMPARE(c.current, kv(9900, 7, 9, 5, 4, 1, 2, 1800, 9900.0 / 7, 5.0 / 9, 1.0 / 4, 2.0 / 7));
        // Previous period [Feb 28, Mar 4): O11 500 (C), O10 1500 (B), O9 1500 (B) = 3500 in 3; customers
        // B, C; repeat B. Sessions: s9, a purchase session.
        QCOMPARE(m_main.previousPeriod(), range(makeTimestamp(2024, 2, 28), mar(4)));
        QCOMPARE(c.previous, kv(3500, 3, 1, 1, 2, 1, 0, 0, 3500.0 / 3, 1.0, 0.5, 0.0));
        QCOMPARE(c.delta(Metric::Gmv), 6400.0);
        QCOMPARE(*c.relativeDelta(Metric::Orders), (7.0 - 3.0) / 3.0);
        QVERIFY(!c.relativeDelta(Metric::RefundRate)); // nothing to compare with
    }

    void subRanges_data() { addBackends(); }
    void subRanges()
    {
        KpiService s = service();
        // [Mar 5, Mar 7): O2 1500 (A), O3 1000 (B), O5 1400 (C, refunded 1400) = 3900 in 3.
        // Sessions s3, s4 (purchases), s5, s6 (its Mar 6 view) = 4, purchases 2.
        const KpiComparison c = s.kpis(range(mar(5), mar(7)));
        QCOMPARE(c.current, kv(3900, 3, 4, 2, 3, 0, 1, 1400, 3900.0 / 3, 0.5, 0.0, 1.0 / 3));
        // Previous [Mar 3, Mar 5): O9 1500 (B, Sunday 23:59), O1 2800 (A, Monday 00:00) = 4300 in 2.
        // Sessions s9, s1 (both purchase), s2 = 3.
        QCOMPARE(c.previous, kv(4300, 2, 3, 2, 2, 0, 0, 0, 4300.0 / 2, 2.0 / 3, 0.0, 0.0));

        // Not aligned to days: [Mar 6 12:30, Mar 7 08:00). O5 13:00 counts, O6 at 08:00 does not
        // (exclusive end). s5's 11:50 view is before; s6 (23:58 and 00:02) counts; s7's 07:55 view
        // counts but its 08:00 purchase does not.
        const KpiComparison u = s.kpis(range(mar(6, 12, 30), mar(7, 8)));
        QCOMPARE(u.current, kv(1400, 1, 2, 0, 1, 0, 1, 1400, 1400.0, 0.0, 0.0, 1.0));
        // Its previous period [Mar 5 17:00, Mar 6 12:30): O4 12:00 is cancelled; s5 11:50 view.
        QCOMPARE(u.previous, kv(0, 0, 1, 0, 0, 0, 0, 0, 0.0, 0.0, 0.0, 0.0));
    }

    // A saved segment as a filter: only its members' orders and sessions count (guests and
    // anonymous sessions never), alone or with a drill-down; members are read as saved.
    void segmentFilter_data() { addBackends(); }
    void segmentFilter()
    {
        QFETCH(KpiService::Backend, backend);
        const std::int64_t seg = saveSegmentOf(*m_db, "A and C", {"A", "C"});
        KpiService s(*m_db, backend);
        Filter f = m_main;
        f.segmentId = seg;
        // A: O1 2800, O2 1500, O8 1000 (refunds 400); C: O5 1400 (refunded) = 6700 in 4; customers
        // A, C; repeat A. Sessions s1, s3, s10 (A, all purchases), s5, s6 (C) = 5, purchases 3.
        const KpiComparison c = s.kpis(f);
        QCOMPARE(c.current, kv(6700, 4, 5, 3, 2, 1, 2, 1800, 6700.0 / 4, 3.0 / 5, 1.0 / 2, 2.0 / 4));
        // Previous [Feb 28, Mar 4): O11 500 (C); B's O9, O10 and session s9 are not in it.
        QCOMPARE(c.previous, kv(500, 1, 0, 0, 1, 0, 0, 0, 500.0, 0.0, 0.0, 0.0));
        f.channel = "web";
        // web: O1, O5, O8 = 5200 in 3; sessions s1, s10 (purchases), s6 = 3 (anonymous s2 never).
        QCOMPARE(s.kpis(f).current, kv(5200, 3, 3, 2, 2, 1, 2, 1800, 5200.0 / 3, 2.0 / 3, 1.0 / 2, 2.0 / 3));
        const auto byCountry = s.breakdown(f, Dimension::Country, 0);
        QCOMPARE(byCountry.size(), std::size_t(2)); // GB: O1 + O8, CN: O5
        QCOMPARE(byCountry[0].key, std::string("GB"));
        QCOMPARE(byCountry[0].gmvMinor, std::int64_t(3800));
        QCOMPARE(byCountry[1].gmvMinor, std::int64_t(1400));
        f.channel.reset();
        const auto days = s.series(f, Granularity::Day);
        QCOMPARE(days.size(), std::size_t(5));
        QCOMPARE(days[0].gmvMinor, std::int64_t(2800)); // Mar 4: O1
        QCOMPARE(days[2].gmvMinor, std::int64_t(1400)); // Mar 6: O5 (O4 cancelled)
        QCOMPARE(days[3].gmvMinor, std::int64_t(0));    // Mar 7: O6 is D's, O7 a guest's
        QCOMPARE(days[3].sessions, std::int64_t(1));    // s6's view after midnight

        // A segment nobody saved matches nothing; a changed segment is read again after invalidate().
        f.segmentId = seg + 1000;
        QCOMPARE(s.kpis(f).current, KpiValues{});
        f.segmentId = seg;
        saveSegmentOf(*m_db, "A and C", {"B"});
        s.invalidate();
        // B: O3 1000 (ship CN) in the range; session s4 with its purchase.
        QCOMPARE(s.kpis(f).current, kv(1000, 1, 1, 1, 1, 0, 0, 0, 1000.0, 1.0, 0.0, 0.0));
        m_db->exec("DELETE FROM segments");
    }

    void drillDowns_data() { addBackends(); }
    void drillDowns()
    {
        KpiService s = service();
        Filter f = m_main;

        f.categoryId = m_hand.c1;
        // C1 items: O1 P1 2000, O2 P2 1500, O5 P1 1000, O6 P2 1500, O8 P1 1000 = 7000 in 5 orders
        // (O4's P1 is cancelled). Customers A (O1, O2, O8), C, D; repeat A. Refunds are whole
        // orders: O5 1400 + O8 400. Sessions touching P1/P2: s1, s3, s5, s6, s7, s8, s10 = 7;
        // bought P1/P2: s1, s3, s7, s10 = 4.
        QCOMPARE(s.kpis(f).current, kv(7000, 5, 7, 4, 3, 1, 2, 1800, 7000.0 / 5, 4.0 / 7, 1.0 / 3, 2.0 / 5));
        f.categoryId = m_hand.c2;
        // C2: O1 P3 500, O3 P3 1000, O7 P3 500 = 2000 in 3; customers A, B (O7 guest). Sessions with
        // P3: s1, s2, s4; bought P3: s1, s4.
        QCOMPARE(s.kpis(f).current, kv(2000, 3, 3, 2, 2, 0, 0, 0, 2000.0 / 3, 2.0 / 3, 0.0, 0.0));

        f = m_main;
        f.country = "GB";
        // GB: O1 2800, O2 1500 (ship NULL -> A's GB), O7 700, O8 1000 = 6000 in 4; customers A only
        // (3 orders -> repeat). Refunded O8 400. Sessions of GB customers: s1, s3, s4, s10, all
        // with a purchase (s4 is B's, a GB customer, though O3 shipped to CN).
        QCOMPARE(s.kpis(f).current, kv(6000, 4, 4, 4, 1, 1, 1, 400, 6000.0 / 4, 1.0, 1.0, 1.0 / 4));
        f.country = "CN";
        // CN: O3 1000 (B, ship CN), O5 1400 (C) = 2400 in 2; refunded O5. Sessions s5, s6, no purchase.
        QCOMPARE(s.kpis(f).current, kv(2400, 2, 2, 0, 2, 0, 1, 1400, 1200.0, 0.0, 0.0, 0.5));
        f.country = "";
        // Unknown country: O6 (D has none) = 1500. Sessions of anonymous or country-less customers:
        // s2, s7 (purchase), s8.
        QCOMPARE(s.kpis(f).current, kv(1500, 1, 3, 1, 1, 0, 0, 0, 1500.0, 1.0 / 3, 0.0, 0.0));
        f.country = "FR"; // never seen: all zero, not an error
        QCOMPARE(s.kpis(f).current, KpiValues{});

        f = m_main;
        f.channel = "web";
        // web: O1 2800, O3 1000, O5 1400, O6 1500, O8 1000 = 7700 in 5; customers A (O1, O8), B, C,
        // D; repeat A; refunded O5, O8 = 1800. Sessions s1, s2, s4, s6, s7, s10 = 6; purchases s1,
        // s4, s7, s10 = 4.
        QCOMPARE(s.kpis(f).current, kv(7700, 5, 6, 4, 4, 1, 2, 1800, 7700.0 / 5, 4.0 / 6, 1.0 / 4, 2.0 / 5));
        f.channel = "marketplace";
        // No marketplace orders, one marketplace session (s8) without purchase.
        QCOMPARE(s.kpis(f).current, kv(0, 0, 1, 0, 0, 0, 0, 0, 0.0, 0.0, 0.0, 0.0));
        f.channel = "";
        // Channel not recorded: O7 (guest) 700.
        QCOMPARE(s.kpis(f).current, kv(700, 1, 0, 0, 0, 0, 0, 0, 700.0, 0.0, 0.0, 0.0));

        f = m_main;
        f.categoryId = m_hand.c1;
        f.country = "GB";
        f.channel = "web";
        // C1 & GB & web: O1 (P1 2000), O8 (P1 1000) = 3000 in 2, both A's -> repeat; O2 is app.
        // Refunded O8 400. Sessions: s1, s10 (A, GB, web, P1), both bought P1.
        QCOMPARE(s.kpis(f).current, kv(3000, 2, 2, 2, 1, 1, 1, 400, 1500.0, 1.0, 1.0, 0.5));
        // Previous period [Feb 28, Mar 4) for that drill-down: O10 and O9 are P2 (C1) but O9 is app;
        // O10 (B, web, GB, 1500). No session.
        QCOMPARE(s.kpis(f).previous, kv(1500, 1, 0, 0, 1, 0, 0, 0, 1500.0, 0.0, 0.0, 0.0));
    }

    void dailySeries_data() { addBackends(); }
    void dailySeries()
    {
        KpiService s = service();
        const auto points = s.series(m_main, Granularity::Day);
        const std::vector<SeriesPoint> expected{
            {mar(4), 2800, 1, 2, 1}, // O1; s1 (bought), s2
            {mar(5), 2500, 2, 2, 2}, // O2 1500 + O3 1000; s3, s4
            {mar(6), 1400, 1, 2, 0}, // O5 (O4 cancelled); s5, s6
            {mar(7), 2200, 2, 2, 1}, // O6 1500 + O7 700; s6 again (after midnight), s7 (bought)
            {mar(8), 1000, 1, 2, 1}, // O8 (O12 failed); s8, s10 (bought)
        };
        COMPARE_VECTORS(points, expected);

        Filter f = m_main;
        f.channel = "app";
        // app: O2 on Mar 5; sessions s3 (Mar 5, bought) and s5 (Mar 6).
        const std::vector<SeriesPoint> app{
            {mar(4), 0, 0, 0, 0}, {mar(5), 1500, 1, 1, 1}, {mar(6), 0, 0, 1, 0}, {mar(7), 0, 0, 0, 0}, {mar(8), 0, 0, 0, 0}};
        COMPARE_VECTORS(s.series(f, Granularity::Day), app);

        // A range starting mid-day: the first bucket starts at midnight but holds only [12:30, ...).
        const std::vector<SeriesPoint> partial{{mar(6), 1400, 1, 1, 0}, {mar(7), 0, 0, 2, 0}};
        COMPARE_VECTORS(s.series(range(mar(6, 12, 30), mar(7, 8)), Granularity::Day), partial);
    }

    void weekAndMonthBoundaries_data() { addBackends(); }
    void weekAndMonthBoundaries()
    {
        KpiService s = service();
        // O9 at Sunday Mar 3 23:59 falls in the week of Monday Feb 26; O1 at Monday Mar 4 00:00 in
        // the next. [Mar 1, Mar 9): week Feb 26 holds O10 1500 + O9 1500 and s9; week Mar 4 the
        // whole main range (9900, 7, 9 sessions, 5 purchases).
        const std::vector<SeriesPoint> weeks{{makeTimestamp(2024, 2, 26), 3000, 2, 1, 1}, {mar(4), 9900, 7, 9, 5}};
        COMPARE_VECTORS(s.series(range(mar(1), mar(9)), Granularity::Week), weeks);
        // Exactly the Sunday-night minute and the Monday-midnight second.
        const std::vector<SeriesPoint> edge{{makeTimestamp(2024, 2, 26), 1500, 1, 1, 1}, {mar(4), 2800, 1, 1, 0}};
        COMPARE_VECTORS(s.series(range(mar(3, 23, 59), mar(4, 0, 0, 1)), Granularity::Week), edge);
        QCOMPARE(bucketStart(mar(3, 23, 59, 59), Granularity::Week), makeTimestamp(2024, 2, 26));
        QCOMPARE(bucketStart(mar(4), Granularity::Week), mar(4));

        // O11 at Feb 29 23:59:59 is February's, O10 at Mar 1 00:00 March's. March: O10 + O9 + 9900
        // = 12900 in 9; sessions s9 + the 9 = 10, purchases 6. February has no events.
        const std::vector<SeriesPoint> months{{makeTimestamp(2024, 2, 1), 500, 1, 0, 0}, {mar(1), 12900, 9, 10, 6}};
        COMPARE_VECTORS(s.series(range(makeTimestamp(2024, 2, 1), makeTimestamp(2024, 4, 1)), Granularity::Month), months);
        QCOMPARE(nextBucket(makeTimestamp(2024, 12, 1), Granularity::Month), makeTimestamp(2025, 1, 1));
        QCOMPARE(bucketStart(makeTimestamp(2024, 3, 1) - 1, Granularity::Month), makeTimestamp(2024, 2, 1));
    }

    void breakdowns_data() { addBackends(); }
    void breakdowns()
    {
        KpiService s = service();
        const std::string c1 = std::to_string(m_hand.c1), c2 = std::to_string(m_hand.c2);

        // Line totals: C1 7000 (5 orders), C2 500 + 1000 + 500 = 2000 (O1, O3, O7), no category
        // O5 P4 400 + O7 P4 200 = 600 (2). Shares of 9600.
        const std::vector<BreakdownRow> cats{
            row(c1, "Shoes", "鞋", 7000, 5, 7000.0 / 9600), row(c2, "Bags", "包", 2000, 3, 2000.0 / 9600),
            row("", "Uncategorised", "未分类", 600, 2, 600.0 / 9600)};
        COMPARE_VECTORS(s.breakdown(m_main, Dimension::Category), cats);
        // Limit 1: the rest folds into "other": 2600, and O7 (C2 and no category) counts once:
        // O1, O3, O7, O5 = 4 orders, not 3 + 2.
        const std::vector<BreakdownRow> folded{row(c1, "Shoes", "鞋", 7000, 5, 7000.0 / 9600),
                                               row(kOtherKey, "Other", "其他", 2600, 4, 2600.0 / 9600)};
        COMPARE_VECTORS(s.breakdown(m_main, Dimension::Category, 1), folded);

        // Countries: GB 6000 (4), CN 2400 (2), unknown 1500 (O6); of 9900.
        const std::vector<BreakdownRow> countries{
            row("GB", "United Kingdom", "英国", 6000, 4, 6000.0 / 9900), row("CN", "China", "中国", 2400, 2, 2400.0 / 9900),
            row("", "Unknown", "未知", 1500, 1, 1500.0 / 9900)};
        COMPARE_VECTORS(s.breakdown(m_main, Dimension::Country), countries);
        // Limit 2: the one left (unknown) folds alone.
        const auto two = s.breakdown(m_main, Dimension::Country, 2);
        QCOMPARE(two.size(), std::size_t(3));
        QCOMPARE(two[2], row(kOtherKey, "Other", "其他", 1500, 1, 1500.0 / 9900));

        // Channels: web 7700 (5), app 1500 (O2), not recorded 700 (O7).
        const std::vector<BreakdownRow> channels{row("web", "Web", "网站", 7700, 5, 7700.0 / 9900),
                                                 row("app", "App", "应用", 1500, 1, 1500.0 / 9900),
                                                 row("", "Unknown", "未知", 700, 1, 700.0 / 9900)};
        COMPARE_VECTORS(s.breakdown(m_main, Dimension::Channel), channels);

        // Country within C1: GB O1 2000 + O2 1500 + O8 1000 = 4500 (3), unknown O6 1500, CN O5 1000.
        Filter f = m_main;
        f.categoryId = m_hand.c1;
        const std::vector<BreakdownRow> c1Countries{
            row("GB", "United Kingdom", "英国", 4500, 3, 4500.0 / 7000), row("", "Unknown", "未知", 1500, 1, 1500.0 / 7000),
            row("CN", "China", "中国", 1000, 1, 1000.0 / 7000)};
        COMPARE_VECTORS(s.breakdown(f, Dimension::Country), c1Countries);
        // Category within C1 is just C1.
        COMPARE_VECTORS(s.breakdown(f, Dimension::Category), std::vector<BreakdownRow>{row(c1, "Shoes", "鞋", 7000, 5, 1.0)});

        // Categories within GB: C1 O1 2000 + O2 1500 + O8 1000 = 4500 (3), C2 O1 500 + O7 500 (2), none O7 200.
        f = m_main;
        f.country = "GB";
        const std::vector<BreakdownRow> gbCats{row(c1, "Shoes", "鞋", 4500, 3, 4500.0 / 5700),
                                               row(c2, "Bags", "包", 1000, 2, 1000.0 / 5700),
                                               row("", "Uncategorised", "未分类", 200, 1, 200.0 / 5700)};
        COMPARE_VECTORS(s.breakdown(f, Dimension::Category), gbCats);
    }

    void emptyRange_data() { addBackends(); }
    void emptyRange()
    {
        KpiService s = service();
        const Filter empty = range(mar(5), mar(5));
        const KpiComparison c = s.kpis(empty);
        QCOMPARE(c.current, KpiValues{});
        QCOMPARE(c.previous, KpiValues{});
        QVERIFY(s.series(empty, Granularity::Day).empty());
        QVERIFY(s.breakdown(empty, Dimension::Country).empty());
        // A range with no data: zero buckets, no rows, no traffic.
        const Filter later = range(makeTimestamp(2030, 1, 1), makeTimestamp(2030, 1, 3));
        QCOMPARE(s.kpis(later).current, KpiValues{});
        QVERIFY(!s.kpis(later).current.hasTraffic());
        COMPARE_VECTORS(s.series(later, Granularity::Day),
                 (std::vector<SeriesPoint>{{makeTimestamp(2030, 1, 1), 0, 0, 0, 0}, {makeTimestamp(2030, 1, 2), 0, 0, 0, 0}}));
        QVERIFY(s.breakdown(later, Dimension::Category).empty());
    }

    void dataRange_data() { addBackends(); }
    void dataRange()
    {
        KpiService s = service();
        const DataRange r = s.dataRange();
        // Earliest: O11 at Feb 29 23:59:59 (orders of any status count); latest: O12 at Mar 8 12:00.
        QCOMPARE(r.first, std::optional<Timestamp>(mar(1) - 1));
        QCOMPARE(r.last, std::optional<Timestamp>(mar(8, 12)));
        QCOMPARE(r.currency, std::string("GBP"));
    }

    void storeWithoutEvents_data() { addBackends(); }
    void storeWithoutEvents()
    {
        QFETCH(KpiService::Backend, backend);
        Database db = Database::open(m_dir.filePath("no_events.db").toStdString(), {OpenMode::CreateIfMissing});
        buildHandStore(db, false);
        KpiService s(db, backend);
        const KpiComparison c = s.kpis(m_main);
        // Same orders as the hand store, no clickstream: sessions 0, conversion "no data".
        QCOMPARE(c.current, kv(9900, 7, 0, 0, 4, 1, 2, 1800, 9900.0 / 7, 0.0, 1.0 / 4, 2.0 / 7));
        QVERIFY(!c.current.hasTraffic());
        QVERIFY(!c.relativeDelta(Metric::ConversionRate));
        COMPARE_VECTORS(s.series(m_main, Granularity::Week), (std::vector<SeriesPoint>{{mar(4), 9900, 7, 0, 0}}));
    }

    void cancelThrowsAndLeavesNoCube()
    {
        KpiService s(*m_db);
        int calls = 0;
        const Progress stop = [&](double, std::string_view) { return ++calls < 1; };
        QVERIFY_THROWS_EXCEPTION(Cancelled, s.kpis(m_main, stop));
        QVERIFY(calls > 0);
        QVERIFY(!s.prepared());
        QVERIFY_THROWS_EXCEPTION(Cancelled, s.prepare(stop));
        // Afterwards it still works, and reports progress up to 1.
        double last = -1;
        bool monotonic = true;
        const KpiComparison c = s.kpis(m_main, [&](double f, std::string_view) {
            monotonic = monotonic && f >= last;
            last = f;
            return true;
        });
        QVERIFY(monotonic);
        QCOMPARE(last, 1.0);
        QCOMPARE(c.current.gmvMinor, std::int64_t(9900));
        QVERIFY(s.prepared());
    }

    void invalidateRebuilds()
    {
        Database db = Database::open(m_dir.filePath("changing.db").toStdString(), {OpenMode::CreateIfMissing});
        buildHandStore(db, true);
        KpiService s(db);
        QCOMPARE(s.kpis(m_main).current.gmvMinor, std::int64_t(9900));
        std::vector<OrderRow> more(1);
        more[0].externalId = "O13";
        more[0].createdAt = more[0].updatedAt = mar(8, 18);
        more[0].totalMinor = 100;
        upsertOrders(db, more);
        // The cube is a snapshot until the change feed says otherwise.
        QCOMPARE(s.kpis(m_main).current.gmvMinor, std::int64_t(9900));
        s.invalidate();
        QVERIFY(!s.prepared());
        QCOMPARE(s.kpis(m_main).current.gmvMinor, std::int64_t(10000));
        QCOMPARE(s.kpis(m_main).current.orders, std::int64_t(8));
        QCOMPARE(s.dataRange().last, std::optional<Timestamp>(mar(8, 18)));
        // Which change-feed notices should lead a panel to call invalidate().
        QVERIFY(kpiDependsOn("orders") && kpiDependsOn("events") && kpiDependsOn("refunds"));
        QVERIFY(!kpiDependsOn("audit_log") && !kpiDependsOn("risk_alerts"));
    }

    // Refund delays measured on old orders only, their quantiles, and the share of a recent
    // period's refunds expected to have arrived, against hand arithmetic.
    void refundDelayAndMaturingPeriods()
    {
        Database db = Database::open(m_dir.filePath("maturity.db").toStdString(), {OpenMode::CreateIfMissing});
        const Timestamp T = mar(8, 12), day = kSecondsPerDay;
        std::vector<OrderRow> orders;
        auto order = [&](const std::string& id, Timestamp at) {
            OrderRow o;
            o.externalId = id;
            o.createdAt = o.updatedAt = at;
            o.totalMinor = 1000;
            orders.push_back(o);
        };
        for (int i = 0; i < 40; ++i)
            order("old" + std::to_string(i), T - (400 - i) * day);
        order("recent", T - 5 * day);
        order("last", T);
        upsertOrders(db, orders);
        // Too few refunds: nothing is marked.
        QVERIFY(!refundDelay(db).measured());
        QVERIFY(!periodMaturity(refundDelay(db), range(T - 2 * day, T + 1)).maturing);
        auto refund = [&](const std::string& id, double delayDays) {
            auto st = db.prepare("INSERT INTO refunds(order_id, created_at, amount_minor, kind) "
                                 "SELECT id, created_at + ?, 500, 'refund' FROM orders WHERE external_id = ?");
            st.bind(1, Timestamp(delayDays * double(day))).bind(2, id);
            st.step();
        };
        for (int i = 0; i < 40; ++i) {
            refund("old" + std::to_string(i), i % 20 + 1); // 1..20 days, each twice
            if (i == 3)
                refund("old3", 90); // a second refund later: the first one counts
        }
        refund("recent", 1); // younger than the horizon: left out of the measurement
        const RefundDelay d = refundDelay(db);
        QCOMPARE(d.asOf, T);
        QCOMPARE(d.samples, std::int64_t(40));
        QVERIFY(d.measured());
        QCOMPARE(d.medianDays, 10.5);       // between the 20th (10) and 21st (11) delay
        QVERIFY(std::abs(d.p90Days - 18.1) < 1e-9); // 35.1th position: 18 + 0.1 x (19 - 18)
        QCOMPARE(d.arrived(10), 0.5);
        QCOMPARE(d.arrived(0.5), 0.0);
        QCOMPARE(d.arrived(100), 1.0);
        QCOMPARE(d.maturingFrom(), T - Timestamp(std::ceil(18.1 * double(day))));
        // An old period is settled; the last three days (6-8 March, asOf = 8 March 12:00) are
        // maturing: their midpoints are 2, 1 and 0.25 days old (the last day is cut at asOf),
        // with 4/40, 2/40 and 0 of the delays at most that long.
        const PeriodMaturity old = periodMaturity(d, range(T - 400 * day, T - 300 * day));
        QVERIFY(!old.maturing);
        QCOMPARE(old.arrivedShare, 1.0);
        const PeriodMaturity recent = periodMaturity(d, range(T - T % day - 2 * day, T - T % day + day));
        QVERIFY(recent.maturing);
        QVERIFY2(std::abs(recent.arrivedShare - (4.0 / 40 + 2.0 / 40) / 3) < 1e-9, qPrintable(QString::number(recent.arrivedShare)));
        // A period ending just before the 90th-percentile cut-off is not maturing; one after it is.
        QVERIFY(!periodMaturity(d, range(T - 60 * day, d.maturingFrom())).maturing);
        QVERIFY(periodMaturity(d, range(T - 60 * day, d.maturingFrom() + 1)).maturing);
    }

    // The cube against the reference SQL on a generated store, over random ranges (aligned and
    // not), granularities, drill-downs and limits.
    void cubeEqualsSqlOnDemoStore()
    {
        Database db = Database::open(m_dir.filePath("demo.db").toStdString(), {OpenMode::CreateIfMissing});
        demo::generateDemoStore(db, {demo::DemoSize::Tiny, 7, makeTimestamp(2026, 11, 1)});
        KpiService cube(db, KpiService::Backend::Cube);
        KpiService sql(db, KpiService::Backend::Sql);
        const DataRange r = cube.dataRange();
        QVERIFY(r.first && r.last);
        QCOMPARE(sql.dataRange(), r);
        const Filter whole = range(*r.first, *r.last + 1);
        QVERIFY(cube.kpis(whole).current.sessions > 0);

        const auto cats = cube.breakdown(whole, Dimension::Category, 0);
        const auto countries = cube.breakdown(whole, Dimension::Country, 0);
        const auto channels = cube.breakdown(whole, Dimension::Channel, 0);
        COMPARE_VECTORS(cats, sql.breakdown(whole, Dimension::Category, 0));
        QVERIFY(cats.size() > 3 && countries.size() > 2 && channels.size() > 1);

        std::vector<std::int64_t> categoryIds;
        for (const auto& c : cats)
            if (!c.key.empty())
                categoryIds.push_back(std::stoll(c.key));
        QVERIFY(!categoryIds.empty());

        // Two saved segments: every third customer, and half of the customers who browsed.
        db.exec("INSERT INTO segments(id, name, definition_json, created_at, updated_at) VALUES(1, 'thirds', '{}', 0, 0), "
                "(2, 'browsers', '{}', 0, 0)");
        db.exec("INSERT INTO segment_members(segment_id, customer_id) SELECT 1, id FROM customers WHERE id % 3 = 0");
        db.exec("INSERT INTO segment_members(segment_id, customer_id) SELECT DISTINCT 2, customer_id FROM events "
                "WHERE customer_id IS NOT NULL AND customer_id % 2 = 0");
        QVERIFY(db.queryInt("SELECT COUNT(*) FROM segment_members WHERE segment_id = 2").value_or(0) > 10);

        std::mt19937_64 rng(20240304);
        auto pick = [&](std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng); };
        auto any = [&](const auto& v) { return v[std::size_t(pick(0, std::int64_t(v.size()) - 1))]; };
        for (int i = 0; i < 40; ++i) {
            Filter f;
            const Timestamp span = *r.last + 1 - *r.first;
            f.from = *r.first + pick(-span / 10, span);
            f.to = f.from + pick(1, span / 2);
            if (i % 2 == 0) { // day-aligned half of the time
                f.from = bucketStart(f.from, Granularity::Day);
                f.to = bucketStart(f.to, Granularity::Day) + kSecondsPerDay;
            }
            if (pick(0, 2) == 0)
                f.categoryId = any(categoryIds);
            if (pick(0, 2) == 0)
                f.country = any(countries).key;
            if (pick(0, 2) == 0)
                f.channel = any(channels).key;
            if (pick(0, 2) == 0)
                f.segmentId = pick(1, 3); // 3: no such segment
            const QString what = QString("case %1: [%2, %3) category=%4 country=%5 channel=%6 segment=%7")
                                     .arg(i)
                                     .arg(QString::fromStdString(formatTimestamp(f.from)),
                                          QString::fromStdString(formatTimestamp(f.to)),
                                          f.categoryId ? QString::number(*f.categoryId) : "-",
                                          f.country ? QString::fromStdString(*f.country) : "-",
                                          f.channel ? QString::fromStdString(*f.channel) : "-")
                                     .arg(f.segmentId ? QString::number(*f.segmentId) : "-");
            const KpiComparison a = cube.kpis(f), b = sql.kpis(f);
            if (!(a == b))
                qWarning() << what;
            QCOMPARE(a.current, b.current);
            QCOMPARE(a.previous, b.previous);
            const auto g = Granularity(i % 3);
            const auto sa = cube.series(f, g), sb = sql.series(f, g);
            if (sa != sb)
                qWarning() << what << "granularity" << i % 3;
            COMPARE_VECTORS(sa, sb);
            const auto limit = std::size_t(pick(0, 6));
            for (Dimension d : {Dimension::Category, Dimension::Country, Dimension::Channel}) {
                const auto ba = cube.breakdown(f, d, limit), bb = sql.breakdown(f, d, limit);
                if (ba != bb)
                    qWarning() << what << "dimension" << int(d) << "limit" << limit;
                COMPARE_VECTORS(ba, bb);
            }
        }
    }

    void benchReportsBothPaths()
    {
        KpiBenchResult r = benchKpis(*m_db, 3, 1);
        QCOMPARE(r.cases.size(), std::size_t(3));
        QVERIFY(r.allIdentical);
        QCOMPARE(r.orders, std::int64_t(12));
        QVERIFY(r.cases[2].filter.categoryId && r.cases[2].filter.country);
        for (const auto& c : r.cases)
            QVERIFY(c.medianMs >= 0 && c.p95Ms >= c.medianMs && c.sqlMedianMs > 0);
    }
};

QTEST_GUILESS_MAIN(TestKpi)
#include "tst_kpi.moc"
