// The reference back end: each figure is the plain SQL of its definition in kpi.h, run on every
// call. Slow on big stores by design; it is what the cube is tested and benchmarked against.
#include <algorithm>
#include <string>

#include "kpi/kpi_detail.h"

namespace shoppilot::kpi::detail {

namespace {

// Parameters shared by every statement: ?1 from, ?2 to, ?3 country, ?4 channel, ?5 category,
// ?6 segment.
void bindFilter(store::Statement& st, const Filter& f)
{
    st.bind(1, f.from).bind(2, f.to).bind(3, f.country).bind(4, f.channel).bind(5, f.categoryId).bind(6, f.segmentId);
}

// The counted orders (id, customer_id, country, channel, created_at, total): total is the order's
// total, or with a category filter the line total of that category's items.
const char* const kCountedOrders = R"SQL(
co AS (
  SELECT o.id AS id, o.customer_id AS customer_id, o.created_at AS created_at,
         COALESCE(o.ship_country, c.country, '') AS country, COALESCE(o.channel, '') AS channel,
         CASE WHEN ?5 IS NULL THEN o.total_minor
              ELSE (SELECT SUM(i.line_total_minor) FROM order_items i JOIN products p ON p.id = i.product_id
                    WHERE i.order_id = o.id AND p.category_id = ?5) END AS total
  FROM orders o LEFT JOIN customers c ON c.id = o.customer_id
  WHERE o.created_at >= ?1 AND o.created_at < ?2 AND o.status NOT IN ('cancelled', 'failed')
    AND (?3 IS NULL OR COALESCE(o.ship_country, c.country, '') = ?3)
    AND (?4 IS NULL OR COALESCE(o.channel, '') = ?4)
    AND (?5 IS NULL OR EXISTS (SELECT 1 FROM order_items i JOIN products p ON p.id = i.product_id
                               WHERE i.order_id = o.id AND p.category_id = ?5))
    AND (?6 IS NULL OR o.customer_id IN (SELECT m.customer_id FROM segment_members m WHERE m.segment_id = ?6))
))SQL";

// The matching events (session_id, type, ts).
const char* const kMatchingEvents = R"SQL(
me AS (
  SELECT e.session_id AS session_id, e.type AS type, e.ts AS ts
  FROM events e LEFT JOIN customers c ON c.id = e.customer_id LEFT JOIN products p ON p.id = e.product_id
  WHERE e.ts >= ?1 AND e.ts < ?2
    AND (?3 IS NULL OR COALESCE(c.country, '') = ?3)
    AND (?4 IS NULL OR COALESCE(e.channel, '') = ?4)
    AND (?5 IS NULL OR p.category_id = ?5)
    AND (?6 IS NULL OR e.customer_id IN (SELECT m.customer_id FROM segment_members m WHERE m.segment_id = ?6))
))SQL";

// SQLite's own calendar, so the reference does not share the cube's bucket arithmetic.
std::string bucketSql(const char* column, Granularity g)
{
    const std::string c(column);
    switch (g) {
    case Granularity::Day: return "CAST(strftime('%s', " + c + ", 'unixepoch', 'start of day') AS INTEGER)";
    case Granularity::Week:
        // 'weekday 0' moves forward to Sunday (or stays), six days back is that ISO week's Monday.
        return "CAST(strftime('%s', " + c + ", 'unixepoch', 'weekday 0', '-6 days', 'start of day') AS INTEGER)";
    case Granularity::Month: return "CAST(strftime('%s', " + c + ", 'unixepoch', 'start of month') AS INTEGER)";
    }
    return c;
}

class SqlSource final : public KpiSource {
public:
    explicit SqlSource(store::Database& db) : m_db(db) {}

    KpiValues values(const Filter& f) override
    {
        KpiValues v;
        {
            auto st = m_db.prepare(std::string("WITH ") + kCountedOrders + R"SQL(
                SELECT COALESCE(SUM(total), 0), COUNT(*), COUNT(DISTINCT customer_id),
                       (SELECT COUNT(*) FROM (SELECT customer_id FROM co WHERE customer_id IS NOT NULL
                                              GROUP BY customer_id HAVING COUNT(*) >= 2)),
                       COALESCE(SUM(EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = co.id)), 0),
                       COALESCE(SUM((SELECT SUM(r.amount_minor) FROM refunds r WHERE r.order_id = co.id)), 0)
                FROM co)SQL");
            bindFilter(st, f);
            st.step();
            v.gmvMinor = st.columnInt(0);
            v.orders = st.columnInt(1);
            v.customers = st.columnInt(2);
            v.repeatCustomers = st.columnInt(3);
            v.refundedOrders = st.columnInt(4);
            v.refundedMinor = st.columnInt(5);
        }
        {
            auto st = m_db.prepare(std::string("WITH ") + kMatchingEvents + R"SQL(
                SELECT COUNT(DISTINCT session_id), COUNT(DISTINCT CASE WHEN type = 'purchase' THEN session_id END)
                FROM me)SQL");
            bindFilter(st, f);
            st.step();
            v.sessions = st.columnInt(0);
            v.purchaseSessions = st.columnInt(1);
        }
        return v;
    }

    std::vector<SeriesPoint> series(const Filter& f, Granularity g, const std::vector<Timestamp>& starts) override
    {
        std::vector<SeriesPoint> out(starts.size());
        for (std::size_t i = 0; i < starts.size(); ++i)
            out[i].bucketStart = starts[i];
        auto at = [&](Timestamp bucket) -> SeriesPoint& {
            const auto it = std::lower_bound(starts.begin(), starts.end(), bucket);
            if (it == starts.end() || *it != bucket)
                throw Error(ErrorCode::Database, "KPI series: SQLite bucket " + std::to_string(bucket) + " is not a bucket start");
            return out[std::size_t(it - starts.begin())];
        };
        {
            auto st = m_db.prepare(std::string("WITH ") + kCountedOrders + "SELECT " + bucketSql("created_at", g)
                                   + " AS b, COALESCE(SUM(total), 0), COUNT(*) FROM co GROUP BY b");
            bindFilter(st, f);
            while (st.step()) {
                SeriesPoint& p = at(st.columnInt(0));
                p.gmvMinor = st.columnInt(1);
                p.orders = st.columnInt(2);
            }
        }
        {
            auto st = m_db.prepare(std::string("WITH ") + kMatchingEvents + "SELECT " + bucketSql("ts", g)
                                   + " AS b, COUNT(DISTINCT session_id), "
                                     "COUNT(DISTINCT CASE WHEN type = 'purchase' THEN session_id END) FROM me GROUP BY b");
            bindFilter(st, f);
            while (st.step()) {
                SeriesPoint& p = at(st.columnInt(0));
                p.sessions = st.columnInt(1);
                p.purchaseSessions = st.columnInt(2);
            }
        }
        return out;
    }

    std::vector<KeyTotals> breakdown(const Filter& f, Dimension d) override
    {
        std::string sql = std::string("WITH ") + kCountedOrders;
        switch (d) {
        case Dimension::Country: sql += "SELECT country, COALESCE(SUM(total), 0), COUNT(*) FROM co GROUP BY country"; break;
        case Dimension::Channel: sql += "SELECT channel, COALESCE(SUM(total), 0), COUNT(*) FROM co GROUP BY channel"; break;
        case Dimension::Category:
            sql += R"SQL(
                SELECT COALESCE(CAST(p.category_id AS TEXT), ''), SUM(i.line_total_minor), COUNT(DISTINCT co.id)
                FROM co JOIN order_items i ON i.order_id = co.id LEFT JOIN products p ON p.id = i.product_id
                WHERE ?5 IS NULL OR p.category_id = ?5
                GROUP BY p.category_id)SQL";
            break;
        }
        auto st = m_db.prepare(sql);
        bindFilter(st, f);
        std::vector<KeyTotals> out;
        while (st.step())
            out.push_back({st.columnText(0), st.columnInt(1), st.columnInt(2)});
        return out;
    }

    std::int64_t categoryOrdersOutside(const Filter& f, const std::vector<std::string>& kept) override
    {
        // Keys are category ids or "" (no category), so they are spliced in as parsed integers.
        std::string list;
        bool keepNone = false;
        for (const std::string& k : kept) {
            if (k.empty()) {
                keepNone = true;
                continue;
            }
            list += (list.empty() ? "" : ",") + std::to_string(std::stoll(k));
        }
        std::string sql = std::string("WITH ") + kCountedOrders + R"SQL(
            SELECT COUNT(DISTINCT co.id)
            FROM co JOIN order_items i ON i.order_id = co.id LEFT JOIN products p ON p.id = i.product_id
            WHERE (?5 IS NULL OR p.category_id = ?5) AND )SQL";
        sql += keepNone ? "p.category_id IS NOT NULL AND p.category_id NOT IN (" + list + ")"
                        : "(p.category_id IS NULL OR p.category_id NOT IN (" + list + "))";
        auto st = m_db.prepare(sql);
        bindFilter(st, f);
        st.step();
        return st.columnInt(0);
    }

    bool hasSegment(std::int64_t) const override { return true; }
    void setSegment(std::int64_t, const std::vector<std::int64_t>&) override {}

private:
    store::Database& m_db;
};

} // namespace

std::unique_ptr<KpiSource> makeSqlSource(store::Database& db)
{
    return std::make_unique<SqlSource>(db);
}

} // namespace shoppilot::kpi::detail
