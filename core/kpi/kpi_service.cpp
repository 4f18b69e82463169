// KpiService: routes each query to the cube or the reference SQL and shapes the results the same
// way for both (ratios, calendar buckets, ranking, folding, labels).
#include <algorithm>
#include <array>
#include <unordered_map>

#include "common/time.h"
#include "kpi/kpi.h"
#include "kpi/kpi_detail.h"

namespace shoppilot::kpi {

Filter Filter::previousPeriod() const
{
    Filter p = *this;
    p.to = from;
    p.from = from - (to - from);
    return p;
}

double metricValue(const KpiValues& v, Metric m)
{
    switch (m) {
    case Metric::Gmv: return double(v.gmvMinor);
    case Metric::Orders: return double(v.orders);
    case Metric::Aov: return v.aovMinor;
    case Metric::Sessions: return double(v.sessions);
    case Metric::PurchaseSessions: return double(v.purchaseSessions);
    case Metric::ConversionRate: return v.conversionRate;
    case Metric::Customers: return double(v.customers);
    case Metric::RepeatCustomers: return double(v.repeatCustomers);
    case Metric::RepeatRate: return v.repeatRate;
    case Metric::RefundedOrders: return double(v.refundedOrders);
    case Metric::RefundedMinor: return double(v.refundedMinor);
    case Metric::RefundRate: return v.refundRate;
    }
    return 0.0;
}

double KpiComparison::delta(Metric m) const
{
    return metricValue(current, m) - metricValue(previous, m);
}

std::optional<double> KpiComparison::relativeDelta(Metric m) const
{
    if (m == Metric::ConversionRate && (!current.hasTraffic() || !previous.hasTraffic()))
        return std::nullopt;
    const double prev = metricValue(previous, m);
    if (prev == 0.0)
        return std::nullopt;
    return (metricValue(current, m) - prev) / prev;
}

bool kpiDependsOn(std::string_view table)
{
    static constexpr std::array<std::string_view, 9> kTables{"orders",     "order_items", "refunds",
                                                            "events",     "products",    "customers",
                                                            "categories", "store_meta",  "segment_members"};
    return std::find(kTables.begin(), kTables.end(), table) != kTables.end();
}

std::vector<SegmentChoice> segmentChoices(store::Database& db)
{
    std::vector<SegmentChoice> out;
    auto st = db.prepare("SELECT s.id, s.name, (SELECT COUNT(*) FROM segment_members m WHERE m.segment_id = s.id) "
                         "FROM segments s ORDER BY s.name");
    while (st.step())
        out.push_back({st.columnInt(0), st.columnText(1), st.columnInt(2)});
    return out;
}

Timestamp bucketStart(Timestamp ts, Granularity g)
{
    const std::int64_t day = detail::dayOf(ts);
    switch (g) {
    case Granularity::Day: return day * kSecondsPerDay;
    case Granularity::Week: {
        // 1970-01-01 was a Thursday: day + 3 is 0 mod 7 on Mondays.
        const std::int64_t sinceMonday = ((day + 3) % 7 + 7) % 7;
        return (day - sinceMonday) * kSecondsPerDay;
    }
    case Granularity::Month: {
        const CivilTime c = toCivil(day * kSecondsPerDay);
        return makeTimestamp(c.year, c.month, 1);
    }
    }
    return day * kSecondsPerDay;
}

Timestamp nextBucket(Timestamp start, Granularity g)
{
    switch (g) {
    case Granularity::Day: return start + kSecondsPerDay;
    case Granularity::Week: return start + 7 * kSecondsPerDay;
    case Granularity::Month: {
        const CivilTime c = toCivil(start);
        return c.month == 12 ? makeTimestamp(c.year + 1, 1, 1) : makeTimestamp(c.year, c.month + 1, 1);
    }
    }
    return start + kSecondsPerDay;
}

namespace detail {

std::vector<Timestamp> bucketStarts(const Filter& f, Granularity g)
{
    std::vector<Timestamp> out;
    if (f.empty())
        return out;
    for (Timestamp b = bucketStart(f.from, g); b < f.to; b = nextBucket(b, g))
        out.push_back(b);
    return out;
}

void finishRates(KpiValues& v)
{
    auto ratio = [](double a, std::int64_t b) { return b > 0 ? a / double(b) : 0.0; };
    v.aovMinor = ratio(double(v.gmvMinor), v.orders);
    v.conversionRate = ratio(double(v.purchaseSessions), v.sessions);
    v.repeatRate = ratio(double(v.repeatCustomers), v.customers);
    v.refundRate = ratio(double(v.refundedOrders), v.orders);
}

namespace {

struct NamePair {
    const char* key;
    const char* en;
    const char* zh;
};

// The demo's channels and the platform's usual ones.
constexpr std::array<NamePair, 6> kChannels{{
    {"web", "Web", "网站"},
    {"app", "App", "应用"},
    {"marketplace", "Marketplace", "电商平台"},
    {"social", "Social", "社交电商"},
    {"phone", "Phone", "电话"},
    {"pos", "In store", "门店"},
}};

// ISO codes the demo uses plus the country names Online Retail writes out in full.
constexpr std::array<NamePair, 62> kCountries{{
    {"GB", "United Kingdom", "英国"},   {"CN", "China", "中国"},
    {"US", "United States", "美国"},    {"DE", "Germany", "德国"},
    {"FR", "France", "法国"},           {"IE", "Ireland", "爱尔兰"},
    {"NL", "Netherlands", "荷兰"},      {"BR", "Brazil", "巴西"},
    {"ES", "Spain", "西班牙"},          {"IT", "Italy", "意大利"},
    {"BE", "Belgium", "比利时"},        {"CH", "Switzerland", "瑞士"},
    {"PT", "Portugal", "葡萄牙"},       {"AU", "Australia", "澳大利亚"},
    {"JP", "Japan", "日本"},            {"NO", "Norway", "挪威"},
    {"SE", "Sweden", "瑞典"},           {"DK", "Denmark", "丹麦"},
    {"FI", "Finland", "芬兰"},          {"AT", "Austria", "奥地利"},
    {"PL", "Poland", "波兰"},           {"CA", "Canada", "加拿大"},
    {"SG", "Singapore", "新加坡"},      {"HK", "Hong Kong", "中国香港"},
    {"EIRE", "Ireland", "爱尔兰"},      {"United Kingdom", "United Kingdom", "英国"},
    {"Germany", "Germany", "德国"},     {"France", "France", "法国"},
    {"Netherlands", "Netherlands", "荷兰"}, {"Spain", "Spain", "西班牙"},
    // The rest of the names Online Retail writes out in full.
    {"Norway", "Norway", "挪威"},       {"Japan", "Japan", "日本"},
    {"Australia", "Australia", "澳大利亚"}, {"Portugal", "Portugal", "葡萄牙"},
    {"Belgium", "Belgium", "比利时"},   {"Switzerland", "Switzerland", "瑞士"},
    {"Italy", "Italy", "意大利"},       {"Sweden", "Sweden", "瑞典"},
    {"Denmark", "Denmark", "丹麦"},     {"Finland", "Finland", "芬兰"},
    {"Austria", "Austria", "奥地利"},   {"Poland", "Poland", "波兰"},
    {"Canada", "Canada", "加拿大"},     {"Singapore", "Singapore", "新加坡"},
    {"Hong Kong", "Hong Kong", "中国香港"}, {"Channel Islands", "Channel Islands", "海峡群岛"},
    {"Cyprus", "Cyprus", "塞浦路斯"},   {"Israel", "Israel", "以色列"},
    {"Greece", "Greece", "希腊"},       {"Iceland", "Iceland", "冰岛"},
    {"Lithuania", "Lithuania", "立陶宛"}, {"Malta", "Malta", "马耳他"},
    {"Czech Republic", "Czech Republic", "捷克"}, {"Bahrain", "Bahrain", "巴林"},
    {"Lebanon", "Lebanon", "黎巴嫩"},   {"Saudi Arabia", "Saudi Arabia", "沙特阿拉伯"},
    {"United Arab Emirates", "United Arab Emirates", "阿联酋"}, {"USA", "United States", "美国"},
    {"Brazil", "Brazil", "巴西"},       {"RSA", "South Africa", "南非"},
    {"European Community", "European Community", "欧洲共同体"}, {"Unspecified", "Unspecified", "未注明"},
}};

template <std::size_t N>
Label lookup(const std::array<NamePair, N>& table, const std::string& key)
{
    if (key.empty())
        return {"Unknown", "未知"};
    if (key == kOtherKey)
        return {"Other", "其他"};
    for (const NamePair& p : table)
        if (key == p.key)
            return {p.en, p.zh};
    return {key, key};
}

} // namespace

Label channelLabel(const std::string& key) { return lookup(kChannels, key); }
Label countryLabel(const std::string& key) { return lookup(kCountries, key); }

} // namespace detail

struct KpiService::Labels {
    std::unordered_map<std::int64_t, detail::Label> categories;
};

KpiService::KpiService(store::Database& db, Backend backend) : m_db(db), m_backend(backend)
{
    if (m_backend == Backend::Sql)
        m_source = detail::makeSqlSource(m_db);
}

KpiService::~KpiService() = default;

void KpiService::invalidate()
{
    if (m_backend == Backend::Cube)
        m_source.reset();
    m_labels.reset();
    m_range.reset();
}

void KpiService::prepare(const Progress& p)
{
    ProgressReporter reporter(p);
    ensureSource(reporter);
}

void KpiService::ensureSource(ProgressReporter& reporter)
{
    if (!m_source)
        m_source = detail::buildCube(m_db, reporter);
}

void KpiService::loadSegment(const Filter& f)
{
    if (!f.segmentId || m_source->hasSegment(*f.segmentId))
        return;
    std::vector<std::int64_t> members;
    auto st = m_db.prepare("SELECT customer_id FROM segment_members WHERE segment_id = ?");
    st.bind(1, *f.segmentId);
    while (st.step())
        members.push_back(st.columnInt(0));
    m_source->setSegment(*f.segmentId, members); // an unknown segment has no members: zeros
}

bool KpiService::prepared() const
{
    return m_source != nullptr;
}

const KpiService::Labels& KpiService::labels()
{
    if (!m_labels) {
        auto l = std::make_unique<Labels>();
        auto st = m_db.prepare("SELECT id, name_en, COALESCE(name_zh, name_en) FROM categories");
        while (st.step())
            l->categories[st.columnInt(0)] = {st.columnText(1), st.columnText(2)};
        m_labels = std::move(l);
    }
    return *m_labels;
}

DataRange KpiService::dataRange()
{
    if (m_range)
        return *m_range;
    DataRange r;
    // MIN/MAX on indexed columns: two index probes each.
    for (const char* sql : {"SELECT MIN(created_at), MAX(created_at) FROM orders", "SELECT MIN(ts), MAX(ts) FROM events"}) {
        auto st = m_db.prepare(sql);
        if (st.step() && !st.isNull(0)) {
            const Timestamp lo = st.columnInt(0), hi = st.columnInt(1);
            r.first = r.first ? std::min(*r.first, lo) : lo;
            r.last = r.last ? std::max(*r.last, hi) : hi;
        }
    }
    if (auto c = m_db.meta("currency"); c && !c->empty()) {
        r.currency = *c;
    } else {
        r.currency = m_db.queryText("SELECT currency FROM orders GROUP BY currency ORDER BY COUNT(*) DESC, currency LIMIT 1")
                         .value_or("");
    }
    m_range = r;
    return r;
}

KpiValues KpiService::values(const Filter& f)
{
    KpiValues v = f.empty() ? KpiValues{} : m_source->values(f);
    detail::finishRates(v);
    return v;
}

KpiComparison KpiService::kpis(const Filter& f, const Progress& p)
{
    ProgressReporter reporter(p);
    ProgressReporter build = reporter.sub(0.0, 0.9);
    ensureSource(build);
    loadSegment(f);
    reporter.report(0.9, "computing KPIs");
    KpiComparison c;
    c.current = values(f);
    reporter.report(0.95, "computing KPIs");
    c.previous = values(f.previousPeriod());
    reporter.report(1.0, "computing KPIs");
    return c;
}

std::vector<SeriesPoint> KpiService::series(const Filter& f, Granularity g, const Progress& p)
{
    ProgressReporter reporter(p);
    ProgressReporter build = reporter.sub(0.0, 0.9);
    ensureSource(build);
    loadSegment(f);
    reporter.report(0.9, "computing the series");
    const std::vector<Timestamp> starts = detail::bucketStarts(f, g);
    std::vector<SeriesPoint> out = starts.empty() ? std::vector<SeriesPoint>{} : m_source->series(f, g, starts);
    reporter.report(1.0, "computing the series");
    return out;
}

std::vector<BreakdownRow> KpiService::breakdown(const Filter& f, Dimension d, std::size_t limit, const Progress& p)
{
    ProgressReporter reporter(p);
    ProgressReporter build = reporter.sub(0.0, 0.9);
    ensureSource(build);
    loadSegment(f);
    reporter.report(0.9, "computing the breakdown");
    std::vector<detail::KeyTotals> rows = f.empty() ? std::vector<detail::KeyTotals>{} : m_source->breakdown(f, d);
    std::sort(rows.begin(), rows.end(), [](const detail::KeyTotals& a, const detail::KeyTotals& b) {
        if (a.gmvMinor != b.gmvMinor)
            return a.gmvMinor > b.gmvMinor;
        if (a.orders != b.orders)
            return a.orders > b.orders;
        return a.key < b.key;
    });
    std::int64_t total = 0;
    for (const auto& r : rows)
        total += r.gmvMinor;
    if (limit > 0 && rows.size() > limit) {
        detail::KeyTotals other{kOtherKey, 0, 0};
        for (std::size_t i = limit; i < rows.size(); ++i) {
            other.gmvMinor += rows[i].gmvMinor;
            other.orders += rows[i].orders;
        }
        rows.resize(limit);
        if (d == Dimension::Category) {
            // An order can hold items of several folded categories: count it once.
            std::vector<std::string> kept;
            for (const auto& r : rows)
                kept.push_back(r.key);
            other.orders = m_source->categoryOrdersOutside(f, kept);
        }
        rows.push_back(std::move(other));
    }

    std::vector<BreakdownRow> out;
    out.reserve(rows.size());
    for (auto& r : rows) {
        BreakdownRow b;
        b.gmvMinor = r.gmvMinor;
        b.orders = r.orders;
        b.share = total != 0 ? double(r.gmvMinor) / double(total) : 0.0;
        detail::Label label;
        if (r.key == kOtherKey) {
            label = {"Other", "其他"};
        } else if (d == Dimension::Category) {
            if (r.key.empty()) {
                label = {"Uncategorised", "未分类"};
            } else {
                const auto& cats = labels().categories;
                const auto it = cats.find(std::stoll(r.key));
                label = it != cats.end() ? it->second : detail::Label{"#" + r.key, "#" + r.key};
            }
        } else if (d == Dimension::Country) {
            label = detail::countryLabel(r.key);
        } else {
            label = detail::channelLabel(r.key);
        }
        b.key = std::move(r.key);
        b.labelEn = std::move(label.en);
        b.labelZh = std::move(label.zh);
        out.push_back(std::move(b));
    }
    reporter.report(1.0, "computing the breakdown");
    return out;
}

} // namespace shoppilot::kpi
