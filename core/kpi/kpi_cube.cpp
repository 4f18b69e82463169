// The cube behind fast Overview refreshes: the counted orders and the clickstream loaded once into
// compact sorted arrays with every join already resolved, so a refresh is a few linear scans in
// memory instead of SQL over millions of rows.
//
// Why not per-day totals: customers, repeat customers and sessions are distinct counts, which do
// not add up across days (a session crossing midnight, a customer ordering on two days). So the
// cube keeps one entry per counted order and one per (day, session, channel, country, category,
// customer) group of events, and counts distinct sessions and customers per query with generation-stamped
// marks. Events keep their second of day, so ranges that do not start or end at midnight UTC are
// exact too: only the groups on a partial first or last day look at their events.
#include <algorithm>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "kpi/kpi_detail.h"

namespace shoppilot::kpi::detail {

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
constexpr std::size_t kReportEvery = 4096;

// Interns strings as small integers; index 0 is always "" (the "not recorded" value).
class Dictionary {
public:
    Dictionary() { intern(""); }
    std::uint32_t intern(const std::string& s)
    {
        const auto [it, added] = m_index.try_emplace(s, std::uint32_t(m_keys.size()));
        if (added)
            m_keys.push_back(s);
        return it->second;
    }
    std::uint32_t find(const std::string& s) const
    {
        const auto it = m_index.find(s);
        return it == m_index.end() ? kNone : it->second;
    }
    const std::string& key(std::uint32_t i) const { return m_keys[i]; }
    std::size_t size() const { return m_keys.size(); }

private:
    std::unordered_map<std::string, std::uint32_t> m_index;
    std::vector<std::string> m_keys;
};

// Interns the clickstream's session ids (millions of events, up to a million sessions) as dense
// integers: an open-addressing table over one character arena, because a node-based map of
// std::string spent most of the cube build allocating, hashing and freeing.
class SessionInterner {
public:
    explicit SessionInterner(std::size_t expected)
    {
        std::size_t capacity = 1024;
        while (capacity < expected * 2)
            capacity *= 2;
        m_slots.assign(capacity, 0);
        m_offsets.push_back(0);
    }
    std::uint32_t intern(std::string_view s)
    {
        const std::uint64_t h = hash(s);
        std::size_t mask = m_slots.size() - 1;
        for (std::size_t pos = h & mask;; pos = (pos + 1) & mask) {
            const std::uint32_t slot = m_slots[pos];
            if (slot == 0)
                break;
            if (m_hashes[slot - 1] == h && key(slot - 1) == s)
                return slot - 1;
        }
        const auto id = std::uint32_t(m_hashes.size());
        m_hashes.push_back(h);
        m_arena.insert(m_arena.end(), s.begin(), s.end());
        m_offsets.push_back(m_arena.size());
        if (m_hashes.size() * 2 > m_slots.size())
            rehash();
        else
            place(id, mask);
        return id;
    }
    std::size_t size() const { return m_hashes.size(); }

private:
    static std::uint64_t hash(std::string_view s)
    {
        std::uint64_t h = 1469598103934665603ULL; // FNV-1a, then a murmur finaliser for the low bits
        for (const char c : s)
            h = (h ^ std::uint8_t(c)) * 1099511628211ULL;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        return h;
    }
    std::string_view key(std::uint32_t id) const
    {
        return {m_arena.data() + m_offsets[id], m_offsets[id + 1] - m_offsets[id]};
    }
    void place(std::uint32_t id, std::size_t mask)
    {
        std::size_t pos = m_hashes[id] & mask;
        while (m_slots[pos] != 0)
            pos = (pos + 1) & mask;
        m_slots[pos] = id + 1;
    }
    void rehash()
    {
        m_slots.assign(m_slots.size() * 2, 0);
        for (std::uint32_t id = 0; id < m_hashes.size(); ++id)
            place(id, m_slots.size() - 1);
    }

    std::vector<std::uint32_t> m_slots; // id + 1, 0 = empty
    std::vector<std::uint64_t> m_hashes;
    std::vector<char> m_arena;
    std::vector<std::size_t> m_offsets;
};

// Row id -> value for the rowid-keyed tables; ids are dense in practice, so a vector.
class IdMap {
public:
    void set(std::int64_t id, std::uint32_t v)
    {
        if (id < 0 || id > kMaxDense) {
            m_sparse[id] = v;
            return;
        }
        if (std::size_t(id) >= m_dense.size())
            m_dense.resize(std::max<std::size_t>(std::size_t(id) + 1, m_dense.size() * 2), kNone);
        m_dense[std::size_t(id)] = v;
    }
    std::uint32_t get(std::int64_t id) const
    {
        if (id >= 0 && std::size_t(id) < m_dense.size())
            return m_dense[std::size_t(id)];
        if (id >= 0 && id <= kMaxDense)
            return kNone;
        const auto it = m_sparse.find(id);
        return it == m_sparse.end() ? kNone : it->second;
    }

private:
    static constexpr std::int64_t kMaxDense = 1 << 23; // 32 MB of table at most; beyond, a hash map
    std::vector<std::uint32_t> m_dense;
    std::unordered_map<std::int64_t, std::uint32_t> m_sparse;
};

// Marks "seen in this query" without clearing between queries: a mark is current when it equals
// the generation, which every query bumps.
class Marks {
public:
    void resize(std::size_t n) { m_marks.assign(n, 0); }
    void next()
    {
        if (++m_gen == 0) {
            std::fill(m_marks.begin(), m_marks.end(), 0);
            m_gen = 1;
        }
    }
    // True the first time `i` is marked in this generation.
    bool mark(std::uint32_t i)
    {
        if (m_marks[i] == m_gen)
            return false;
        m_marks[i] = m_gen;
        return true;
    }
    bool marked(std::uint32_t i) const { return m_marks[i] == m_gen; }

private:
    std::vector<std::uint32_t> m_marks;
    std::uint32_t m_gen = 0;
};

// A filter turned into dictionary indexes; `none` when it names a value the store never had.
struct Match {
    std::uint32_t channel = kNone; // kNone = any
    std::uint32_t country = kNone;
    std::uint32_t category = kNone;
    const std::vector<std::uint8_t>* members = nullptr; // a segment's mask by customer index; null = any
    bool none = false;
};

class KpiCube final : public KpiSource {
public:
    void build(store::Database& db, ProgressReporter& progress);

    KpiValues values(const Filter& f) override;
    std::vector<SeriesPoint> series(const Filter& f, Granularity g, const std::vector<Timestamp>& starts) override;
    std::vector<KeyTotals> breakdown(const Filter& f, Dimension d) override;
    std::int64_t categoryOrdersOutside(const Filter& f, const std::vector<std::string>& kept) override;
    bool hasSegment(std::int64_t segmentId) const override { return m_segments.count(segmentId) > 0; }
    void setSegment(std::int64_t segmentId, const std::vector<std::int64_t>& customerIds) override;

private:
    bool isMember(const Match& m, std::uint32_t customer) const
    {
        return !m.members || (customer != kNone && (*m.members)[customer] != 0);
    }

    Match resolve(const Filter& f) const;
    // Calls fn(orderIndex, amount) for each counted order of f, in time order.
    template <typename Fn>
    void forEachOrder(const Filter& f, const Match& m, Fn&& fn) const;
    // Calls fn(groupIndex, purchaseInRange) for each event group of f with an event in range, in
    // day order.
    template <typename Fn>
    void forEachGroup(const Filter& f, const Match& m, Fn&& fn) const;
    // The line total of `category` in counted order `order`; nullopt when it has no such item.
    std::optional<std::int64_t> categoryAmount(std::size_t order, std::uint32_t category) const;

    Dictionary m_channels;
    Dictionary m_countries;
    std::vector<std::int64_t> m_categoryIds{0}; // index 0 = no category
    std::unordered_map<std::int64_t, std::uint32_t> m_categoryIndex;

    // Counted orders, sorted by (created_at, id).
    std::vector<Timestamp> m_orderTs;
    std::vector<std::int64_t> m_orderTotal;
    std::vector<std::uint32_t> m_orderCustomer; // dense customer index or kNone
    IdMap m_customerIndex;                      // customers.id -> dense index (those with orders or events)
    std::vector<std::uint16_t> m_orderChannel;
    std::vector<std::uint16_t> m_orderCountry;
    std::vector<std::uint32_t> m_orderRefunds;
    std::vector<std::int64_t> m_orderRefundedMinor;
    // Per order, its (category, line total) pairs: m_catBegin[i] .. m_catBegin[i + 1].
    std::vector<std::uint32_t> m_catBegin;
    std::vector<std::uint32_t> m_catOf;
    std::vector<std::int64_t> m_catTotal;
    std::size_t m_customerCount = 0;

    // Event groups, sorted by (day, session, channel, country, category, customer).
    std::vector<std::int32_t> m_groupDay;
    std::vector<std::uint32_t> m_groupSession;
    std::vector<std::uint16_t> m_groupChannel;
    std::vector<std::uint16_t> m_groupCountry;
    std::vector<std::uint32_t> m_groupCategory;
    std::vector<std::uint32_t> m_groupCustomer; // dense customer index or kNone (anonymous)
    std::vector<std::uint8_t> m_groupPurchase;
    std::vector<std::uint32_t> m_groupEvents; // m_groupEvents[g] .. [g + 1] index m_eventSecond
    std::vector<std::uint32_t> m_eventSecond; // second of day << 1 | is purchase
    std::size_t m_sessionCount = 0;

    // Membership masks of the segments queried so far, by segments.id.
    std::unordered_map<std::int64_t, std::vector<std::uint8_t>> m_segments;

    // Scratch for distinct counts; a service is used from one thread.
    mutable Marks m_customerMarks;
    mutable std::vector<std::uint8_t> m_customerOrders;
    mutable Marks m_sessionMarks;
    mutable Marks m_purchaseMarks;
};

std::uint16_t narrow16(std::uint32_t v)
{
    if (v > std::numeric_limits<std::uint16_t>::max())
        throw Error(ErrorCode::InvalidArgument, "the store has more than 65535 distinct channels or countries");
    return std::uint16_t(v);
}

// Holds one read transaction over the build, so its several scans see one snapshot of the store
// even while the writer commits (WAL). Joins the caller's transaction when one is open.
class ReadSnapshot {
public:
    explicit ReadSnapshot(store::Database& db) : m_db(db), m_own(db.autocommit())
    {
        if (m_own)
            m_db.exec("BEGIN DEFERRED");
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;
    ~ReadSnapshot()
    {
        if (m_own && !m_db.autocommit()) {
            try {
                m_db.exec("COMMIT");
            } catch (...) { // a read-only transaction has nothing to lose; never throw from here
            }
        }
    }

private:
    store::Database& m_db;
    bool m_own;
};

void KpiCube::build(store::Database& db, ProgressReporter& progress)
{
    const ReadSnapshot snapshot(db);
    progress.report(0.0, "building the KPI cube: catalogue");
    // Catalogue and customers: small, resolved here so the big scans need no joins.
    IdMap productCategory;
    {
        auto st = db.prepare("SELECT id, category_id FROM products");
        while (st.step()) {
            std::uint32_t cat = 0;
            if (!st.isNull(1)) {
                const std::int64_t id = st.columnInt(1);
                const auto [it, added] = m_categoryIndex.try_emplace(id, std::uint32_t(m_categoryIds.size()));
                if (added)
                    m_categoryIds.push_back(id);
                cat = it->second;
            }
            productCategory.set(st.columnInt(0), cat);
        }
    }
    IdMap customerCountry;
    {
        auto st = db.prepare("SELECT id, COALESCE(country, '') FROM customers");
        while (st.step())
            customerCountry.set(st.columnInt(0), m_countries.intern(st.columnText(1)));
    }
    auto countryOfCustomer = [&](const std::optional<std::int64_t>& id) -> std::uint32_t {
        if (!id)
            return 0;
        const std::uint32_t c = customerCountry.get(*id);
        return c == kNone ? 0 : c;
    };
    auto categoryOfProduct = [&](const std::optional<std::int64_t>& id) -> std::uint32_t {
        if (!id)
            return 0;
        const std::uint32_t c = productCategory.get(*id);
        return c == kNone ? 0 : c;
    };

    // Counted orders.
    IdMap orderIndex;
    {
        ProgressReporter step = progress.sub(0.02, 0.15);
        const double estimate = double(std::max<std::int64_t>(1, db.queryInt("SELECT MAX(id) FROM orders").value_or(1)));
        auto st = db.prepare("SELECT id, created_at, total_minor, customer_id, COALESCE(channel, ''), ship_country "
                             "FROM orders WHERE status NOT IN ('cancelled', 'failed') ORDER BY created_at, id");
        while (st.step()) {
            const auto i = std::uint32_t(m_orderTs.size());
            orderIndex.set(st.columnInt(0), i);
            m_orderTs.push_back(st.columnInt(1));
            m_orderTotal.push_back(st.columnInt(2));
            const auto customer = st.columnOptInt(3);
            std::uint32_t ci = kNone;
            if (customer) {
                ci = m_customerIndex.get(*customer);
                if (ci == kNone) {
                    ci = std::uint32_t(m_customerCount++);
                    m_customerIndex.set(*customer, ci);
                }
            }
            m_orderCustomer.push_back(ci);
            m_orderChannel.push_back(narrow16(m_channels.intern(st.columnText(4))));
            m_orderCountry.push_back(narrow16(st.isNull(5) ? countryOfCustomer(customer) : m_countries.intern(st.columnText(5))));
            if (i % kReportEvery == 0)
                step.report(double(i) / estimate, "building the KPI cube: orders");
        }
    }
    const std::size_t orderCount = m_orderTs.size();
    m_orderRefunds.assign(orderCount, 0);
    m_orderRefundedMinor.assign(orderCount, 0);

    // Items, summed per (order, category).
    {
        ProgressReporter step = progress.sub(0.15, 0.35);
        const double estimate = double(std::max<std::int64_t>(1, db.queryInt("SELECT MAX(id) FROM order_items").value_or(1)));
        struct Line {
            std::uint32_t order;
            std::uint32_t category;
            std::int64_t total;
        };
        std::vector<Line> lines;
        auto st = db.prepare("SELECT order_id, product_id, line_total_minor FROM order_items");
        std::size_t n = 0;
        while (st.step()) {
            if (++n % kReportEvery == 0)
                step.report(double(n) / estimate, "building the KPI cube: order items");
            const std::uint32_t o = orderIndex.get(st.columnInt(0));
            if (o == kNone)
                continue;
            lines.push_back({o, categoryOfProduct(st.columnOptInt(1)), st.columnInt(2)});
        }
        std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
            return a.order != b.order ? a.order < b.order : a.category < b.category;
        });
        m_catBegin.assign(orderCount + 1, 0);
        for (std::size_t k = 0; k < lines.size(); ++k) {
            if (k > 0 && lines[k].order == lines[k - 1].order && lines[k].category == lines[k - 1].category) {
                m_catTotal.back() += lines[k].total;
                continue;
            }
            m_catOf.push_back(lines[k].category);
            m_catTotal.push_back(lines[k].total);
            ++m_catBegin[lines[k].order + 1];
        }
        std::partial_sum(m_catBegin.begin(), m_catBegin.end(), m_catBegin.begin());
    }

    // Refunds per order (any kind, whenever issued).
    {
        progress.report(0.35, "building the KPI cube: refunds");
        auto st = db.prepare("SELECT order_id, COUNT(*), SUM(amount_minor) FROM refunds GROUP BY order_id");
        while (st.step()) {
            const std::uint32_t o = orderIndex.get(st.columnInt(0));
            if (o == kNone)
                continue;
            m_orderRefunds[o] = std::uint32_t(st.columnInt(1));
            m_orderRefundedMinor[o] = st.columnInt(2);
        }
    }

    // Events, grouped by (day, session, channel, country, category).
    {
        ProgressReporter step = progress.sub(0.4, 0.9);
        const double estimate = double(std::max<std::int64_t>(1, db.queryInt("SELECT MAX(id) FROM events").value_or(1)));
        struct Ev {
            std::int32_t day;
            std::uint32_t second; // of the day
            std::uint32_t session;
            std::uint32_t category;
            std::uint32_t customer;
            std::uint16_t channel;
            std::uint16_t country;
            std::uint8_t purchase;
        };
        std::vector<Ev> events;
        events.reserve(std::size_t(estimate));
        SessionInterner sessions(std::size_t(estimate) / 4);
        auto st = db.prepare("SELECT ts, session_id, type = 'purchase', COALESCE(channel, ''), customer_id, product_id "
                             "FROM events");
        while (st.step()) {
            const Timestamp ts = st.columnInt(0);
            const std::int64_t day = dayOf(ts);
            if (day < std::numeric_limits<std::int32_t>::min() || day > std::numeric_limits<std::int32_t>::max())
                throw Error(ErrorCode::InvalidArgument, "an event timestamp is out of range: " + std::to_string(ts));
            const auto customer = st.columnOptInt(4);
            std::uint32_t ci = kNone;
            if (customer) {
                ci = m_customerIndex.get(*customer);
                if (ci == kNone) { // browsed but never ordered
                    ci = std::uint32_t(m_customerCount++);
                    m_customerIndex.set(*customer, ci);
                }
            }
            events.push_back({std::int32_t(day), std::uint32_t(ts - day * kSecondsPerDay), sessions.intern(st.columnText(1)),
                              categoryOfProduct(st.columnOptInt(5)), ci, narrow16(m_channels.intern(st.columnText(3))),
                              narrow16(countryOfCustomer(customer)), std::uint8_t(st.columnInt(2) != 0)});
            if (events.size() % kReportEvery == 0)
                step.report(double(events.size()) / estimate, "building the KPI cube: events");
        }
        m_sessionCount = sessions.size();

        progress.report(0.9, "building the KPI cube: sessions");
        auto groupKey = [](const Ev& e) { return std::tie(e.day, e.session, e.channel, e.country, e.category, e.customer); };
        std::sort(events.begin(), events.end(), [&](const Ev& a, const Ev& b) {
            const auto ka = groupKey(a), kb = groupKey(b);
            return ka != kb ? ka < kb : a.second < b.second;
        });
        m_eventSecond.reserve(events.size());
        for (std::size_t k = 0; k < events.size(); ++k) {
            const Ev& e = events[k];
            if (k == 0 || groupKey(events[k - 1]) != groupKey(e)) {
                m_groupDay.push_back(e.day);
                m_groupSession.push_back(e.session);
                m_groupChannel.push_back(e.channel);
                m_groupCountry.push_back(e.country);
                m_groupCategory.push_back(e.category);
                m_groupCustomer.push_back(e.customer);
                m_groupPurchase.push_back(0);
                m_groupEvents.push_back(std::uint32_t(m_eventSecond.size()));
            }
            m_groupPurchase.back() |= e.purchase;
            m_eventSecond.push_back(e.second << 1 | e.purchase);
        }
        m_groupEvents.push_back(std::uint32_t(m_eventSecond.size()));
    }

    m_customerMarks.resize(m_customerCount);
    m_customerOrders.assign(m_customerCount, 0);
    m_sessionMarks.resize(m_sessionCount);
    m_purchaseMarks.resize(m_sessionCount);
    progress.report(1.0, "building the KPI cube");
}

Match KpiCube::resolve(const Filter& f) const
{
    Match m;
    if (f.channel) {
        m.channel = m_channels.find(*f.channel);
        m.none |= m.channel == kNone;
    }
    if (f.country) {
        m.country = m_countries.find(*f.country);
        m.none |= m.country == kNone;
    }
    if (f.categoryId) {
        const auto it = m_categoryIndex.find(*f.categoryId);
        m.none |= it == m_categoryIndex.end();
        m.category = it == m_categoryIndex.end() ? kNone : it->second;
    }
    if (f.segmentId) {
        const auto it = m_segments.find(*f.segmentId);
        m.none |= it == m_segments.end(); // KpiService loads it first; never guess
        m.members = it == m_segments.end() ? nullptr : &it->second;
    }
    return m;
}

void KpiCube::setSegment(std::int64_t segmentId, const std::vector<std::int64_t>& customerIds)
{
    std::vector<std::uint8_t> mask(m_customerCount, 0);
    for (const std::int64_t id : customerIds) {
        const std::uint32_t c = m_customerIndex.get(id);
        if (c != kNone) // a member without orders or events has nothing to count
            mask[c] = 1;
    }
    m_segments[segmentId] = std::move(mask);
}

std::optional<std::int64_t> KpiCube::categoryAmount(std::size_t order, std::uint32_t category) const
{
    for (std::uint32_t k = m_catBegin[order]; k < m_catBegin[order + 1]; ++k)
        if (m_catOf[k] == category)
            return m_catTotal[k];
    return std::nullopt;
}

template <typename Fn>
void KpiCube::forEachOrder(const Filter& f, const Match& m, Fn&& fn) const
{
    if (m.none || f.empty())
        return;
    const auto lo = std::size_t(std::lower_bound(m_orderTs.begin(), m_orderTs.end(), f.from) - m_orderTs.begin());
    const auto hi = std::size_t(std::lower_bound(m_orderTs.begin(), m_orderTs.end(), f.to) - m_orderTs.begin());
    for (std::size_t i = lo; i < hi; ++i) {
        if ((m.channel != kNone && m_orderChannel[i] != m.channel) || (m.country != kNone && m_orderCountry[i] != m.country)
            || !isMember(m, m_orderCustomer[i]))
            continue;
        std::int64_t amount = m_orderTotal[i];
        if (m.category != kNone) {
            const auto inCategory = categoryAmount(i, m.category);
            if (!inCategory)
                continue;
            amount = *inCategory;
        }
        fn(i, amount);
    }
}

template <typename Fn>
void KpiCube::forEachGroup(const Filter& f, const Match& m, Fn&& fn) const
{
    if (m.none || f.empty())
        return;
    const std::int64_t firstDay = dayOf(f.from);
    const std::int64_t lastDay = dayOf(f.to - 1);
    const bool partialFirst = f.from != firstDay * kSecondsPerDay;
    const bool partialLast = f.to != (lastDay + 1) * kSecondsPerDay;
    const auto lo = std::size_t(std::lower_bound(m_groupDay.begin(), m_groupDay.end(), firstDay,
                                                 [](std::int32_t d, std::int64_t v) { return d < v; })
                                - m_groupDay.begin());
    for (std::size_t g = lo; g < m_groupDay.size() && m_groupDay[g] <= lastDay; ++g) {
        if ((m.channel != kNone && m_groupChannel[g] != m.channel) || (m.country != kNone && m_groupCountry[g] != m.country)
            || (m.category != kNone && m_groupCategory[g] != m.category) || !isMember(m, m_groupCustomer[g]))
            continue;
        const std::int64_t day = m_groupDay[g];
        if ((day == firstDay && partialFirst) || (day == lastDay && partialLast)) {
            // The range covers only part of this day: look at the group's own events.
            const std::int64_t lowSec = std::max<std::int64_t>(0, f.from - day * kSecondsPerDay);
            const std::int64_t highSec = std::min<std::int64_t>(kSecondsPerDay, f.to - day * kSecondsPerDay);
            bool any = false, purchase = false;
            for (std::uint32_t k = m_groupEvents[g]; k < m_groupEvents[g + 1]; ++k) {
                const std::int64_t sec = m_eventSecond[k] >> 1;
                if (sec >= lowSec && sec < highSec) {
                    any = true;
                    purchase |= (m_eventSecond[k] & 1) != 0;
                }
            }
            if (any)
                fn(g, purchase);
        } else {
            fn(g, m_groupPurchase[g] != 0);
        }
    }
}

KpiValues KpiCube::values(const Filter& f)
{
    KpiValues v;
    const Match m = resolve(f);
    m_customerMarks.next();
    forEachOrder(f, m, [&](std::size_t i, std::int64_t amount) {
        v.gmvMinor += amount;
        ++v.orders;
        if (m_orderRefunds[i] > 0) {
            ++v.refundedOrders;
            v.refundedMinor += m_orderRefundedMinor[i];
        }
        const std::uint32_t c = m_orderCustomer[i];
        if (c == kNone)
            return;
        if (m_customerMarks.mark(c)) {
            m_customerOrders[c] = 1;
            ++v.customers;
        } else if (m_customerOrders[c] == 1) {
            m_customerOrders[c] = 2;
            ++v.repeatCustomers;
        }
    });
    m_sessionMarks.next();
    m_purchaseMarks.next();
    forEachGroup(f, m, [&](std::size_t g, bool purchase) {
        const std::uint32_t s = m_groupSession[g];
        if (m_sessionMarks.mark(s))
            ++v.sessions;
        if (purchase && m_purchaseMarks.mark(s))
            ++v.purchaseSessions;
    });
    return v;
}

std::vector<SeriesPoint> KpiCube::series(const Filter& f, Granularity, const std::vector<Timestamp>& starts)
{
    std::vector<SeriesPoint> out(starts.size());
    for (std::size_t i = 0; i < starts.size(); ++i)
        out[i].bucketStart = starts[i];
    const Match m = resolve(f);
    std::size_t b = 0;
    forEachOrder(f, m, [&](std::size_t i, std::int64_t amount) {
        while (b + 1 < starts.size() && m_orderTs[i] >= starts[b + 1])
            ++b;
        out[b].gmvMinor += amount;
        ++out[b].orders;
    });
    b = 0;
    m_sessionMarks.next();
    m_purchaseMarks.next();
    forEachGroup(f, m, [&](std::size_t g, bool purchase) {
        const Timestamp dayStart = Timestamp(m_groupDay[g]) * kSecondsPerDay;
        if (b + 1 < starts.size() && dayStart >= starts[b + 1]) {
            // Groups come in day order, so a bucket's groups are contiguous: new bucket, new marks.
            while (b + 1 < starts.size() && dayStart >= starts[b + 1])
                ++b;
            m_sessionMarks.next();
            m_purchaseMarks.next();
        }
        const std::uint32_t s = m_groupSession[g];
        if (m_sessionMarks.mark(s))
            ++out[b].sessions;
        if (purchase && m_purchaseMarks.mark(s))
            ++out[b].purchaseSessions;
    });
    return out;
}

std::vector<KeyTotals> KpiCube::breakdown(const Filter& f, Dimension d)
{
    const Match m = resolve(f);
    const std::size_t n = d == Dimension::Category ? m_categoryIds.size()
                          : d == Dimension::Country ? m_countries.size()
                                                    : m_channels.size();
    std::vector<std::int64_t> gmv(n, 0), orders(n, 0);
    forEachOrder(f, m, [&](std::size_t i, std::int64_t amount) {
        if (d == Dimension::Category) {
            for (std::uint32_t k = m_catBegin[i]; k < m_catBegin[i + 1]; ++k) {
                if (m.category != kNone && m_catOf[k] != m.category)
                    continue;
                gmv[m_catOf[k]] += m_catTotal[k];
                ++orders[m_catOf[k]];
            }
            return;
        }
        const std::size_t key = d == Dimension::Country ? m_orderCountry[i] : m_orderChannel[i];
        gmv[key] += amount;
        ++orders[key];
    });
    std::vector<KeyTotals> out;
    for (std::size_t k = 0; k < n; ++k) {
        if (orders[k] == 0)
            continue;
        std::string key = d == Dimension::Category ? (k == 0 ? std::string() : std::to_string(m_categoryIds[k]))
                          : d == Dimension::Country ? m_countries.key(std::uint32_t(k))
                                                    : m_channels.key(std::uint32_t(k));
        out.push_back({std::move(key), gmv[k], orders[k]});
    }
    return out;
}

std::int64_t KpiCube::categoryOrdersOutside(const Filter& f, const std::vector<std::string>& kept)
{
    std::vector<std::uint8_t> keep(m_categoryIds.size(), 0);
    for (const std::string& k : kept) {
        if (k.empty()) {
            keep[0] = 1;
            continue;
        }
        const auto it = m_categoryIndex.find(std::stoll(k));
        if (it != m_categoryIndex.end())
            keep[it->second] = 1;
    }
    const Match m = resolve(f);
    std::int64_t n = 0;
    forEachOrder(f, m, [&](std::size_t i, std::int64_t) {
        for (std::uint32_t k = m_catBegin[i]; k < m_catBegin[i + 1]; ++k) {
            if ((m.category == kNone || m_catOf[k] == m.category) && !keep[m_catOf[k]]) {
                ++n;
                return;
            }
        }
    });
    return n;
}

} // namespace

std::unique_ptr<KpiSource> buildCube(store::Database& db, ProgressReporter& progress)
{
    auto cube = std::make_unique<KpiCube>();
    cube->build(db, progress);
    return cube;
}

} // namespace shoppilot::kpi::detail
