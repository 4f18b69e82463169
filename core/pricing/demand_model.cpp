#include "pricing/demand_model.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>
#include <torch/types.h>
#include <torch/utils.h>

#include "common/error.h"
#include "engine/engine.h"
#include "models/catalog.h"
#include "models/recipe_file.h"

namespace shoppilot::pricing {

namespace {

constexpr Timestamp kWeek = 7 * kSecondsPerDay;
constexpr double kMinor = 100.0; // every currency the store holds has two decimals

Timestamp floorDay(Timestamp t)
{
    return t - ((t % kSecondsPerDay) + kSecondsPerDay) % kSecondsPerDay;
}

} // namespace

const ProductDemand* DemandFit::find(store::Id productId) const
{
    auto it = std::lower_bound(products.begin(), products.end(), productId,
                               [](const ProductDemand& p, store::Id id) { return p.productId < id; });
    return it != products.end() && it->productId == productId ? &*it : nullptr;
}

const CategoryPrior* DemandFit::prior(std::int64_t categoryId) const
{
    for (const auto& c : categories)
        if (c.categoryId == categoryId)
            return &c;
    for (const auto& c : categories) // the store-wide prior is kept as category -1
        if (c.categoryId == -1)
            return &c;
    return nullptr;
}

// ------------------------------------------------------------------------------------ data

namespace {

using ProductIndex = std::unordered_map<store::Id, std::size_t>;

// The catalogue's descriptive fields, in id order; `created` gets each product's creation time.
void readProducts(store::Database& db, DemandData& d, ProductIndex& index, std::vector<Timestamp>& created)
{
    auto st = db.prepare("SELECT id, sku, title_en, COALESCE(category_id, 0), currency, price_minor, cost_minor,"
                         " COALESCE(ladder_group, ''), COALESCE(ladder_rank, 0), created_at, COALESCE(title_zh, '') FROM products ORDER BY id");
    while (st.step()) {
        ProductDemand p;
        p.productId = st.columnInt(0);
        p.sku = st.columnText(1);
        p.title = st.columnText(2);
        p.categoryId = st.columnInt(3);
        p.currency = st.columnText(4);
        p.price = double(st.columnInt(5)) / kMinor;
        if (auto c = st.columnOptInt(6))
            p.cost = double(*c) / kMinor;
        p.ladderGroup = st.columnText(7);
        p.ladderRank = int(st.columnInt(8));
        index[p.productId] = d.products.size();
        created.push_back(st.columnInt(9));
        p.titleZh = st.columnText(10);
        d.products.push_back(std::move(p));
    }
}

// The week grid: from the anchor (or the first order's day) to the last full week of orders.
// Throws when there is nothing or too little to learn from.
void setWeekGrid(store::Database& db, const FitOptions& options, DemandData& d)
{
    const auto first = db.queryInt("SELECT MIN(created_at) FROM orders WHERE status NOT IN ('cancelled','failed')");
    const auto last = db.queryInt("SELECT MAX(created_at) FROM orders WHERE status NOT IN ('cancelled','failed')");
    if (!first || !last || d.products.empty())
        throw Error(ErrorCode::InvalidArgument,
                    "the store has no products or no orders: the demand model needs sales to learn from "
                    "(import orders or generate a demo store first)");
    const Timestamp firstDay = floorDay(*first);
    const Timestamp endDay = floorDay(*last) + kSecondsPerDay;
    if (options.weekAnchor) {
        const Timestamp span = *options.weekAnchor - firstDay;
        const Timestamp k = span > 0 ? (span + kWeek - 1) / kWeek : 0;
        d.weekStart = *options.weekAnchor - k * kWeek;
    } else {
        d.weekStart = firstDay;
    }
    d.weeks = int((endDay - d.weekStart) / kWeek);
    d.firstFullWeek = int((firstDay - d.weekStart + kWeek - 1) / kWeek);
    if (d.weeks - d.firstFullWeek < 4)
        throw Error(ErrorCode::InvalidArgument, "the store's orders span fewer than four full weeks: too little "
                                                "history to estimate price response");
}

// Row-major [product][week] cell of a (product id, week) pair from SQL, or nullopt outside the grid.
std::optional<std::size_t> cellOf(const ProductIndex& index, std::size_t W, store::Id productId, std::int64_t week)
{
    auto it = index.find(productId);
    if (it == index.end() || week < 0 || week >= std::int64_t(W))
        return std::nullopt;
    return it->second * W + std::size_t(week);
}

// Units and order lines per product-week (orders not cancelled or failed).
void readUnits(store::Database& db, DemandData& d, const ProductIndex& index)
{
    const std::size_t W = std::size_t(d.weeks);
    auto st = db.prepare("SELECT oi.product_id, (o.created_at - ?1) / ?2, SUM(oi.quantity),"
                         " 0, COUNT(*) FROM order_items oi JOIN orders o ON o.id = oi.order_id"
                         " WHERE o.status NOT IN ('cancelled','failed') AND o.created_at >= ?1 AND o.created_at < ?3"
                         " AND oi.product_id IS NOT NULL GROUP BY 1, 2");
    st.bind(1, d.weekStart).bind(2, kWeek).bind(3, d.weekStart + Timestamp(W) * kWeek);
    while (st.step()) {
        const auto k = cellOf(index, W, st.columnInt(0), st.columnInt(1));
        if (!k)
            continue;
        d.units[*k] = double(st.columnInt(2));
        d.lines[*k] = double(st.columnInt(4));
    }
}

// Without list prices (an import of sales), the week's most common line price stands for the
// list price: a units-weighted mean would make weeks with a wholesale buyer (lower volume
// tier) look cheap and invent a price response; the highest price would follow whether a
// small buyer happened to order that week. Fills `paid` [product][week].
void readLinePrices(store::Database& db, const DemandData& d, const ProductIndex& index, std::vector<double>& paid)
{
    const std::size_t W = std::size_t(d.weeks);
    auto st = db.prepare("SELECT oi.product_id, (o.created_at - ?1) / ?2, oi.unit_price_minor, COUNT(*)"
                         " FROM order_items oi JOIN orders o ON o.id = oi.order_id"
                         " WHERE o.status NOT IN ('cancelled','failed') AND o.created_at >= ?1 AND o.created_at < ?3"
                         " AND oi.product_id IS NOT NULL GROUP BY 1, 2, 3");
    st.bind(1, d.weekStart).bind(2, kWeek).bind(3, d.weekStart + Timestamp(W) * kWeek);
    std::vector<std::int64_t> best(paid.size(), 0);
    while (st.step()) {
        const auto k = cellOf(index, W, st.columnInt(0), st.columnInt(1));
        if (!k)
            continue;
        const auto n = st.columnInt(3);
        const double price = double(st.columnInt(2)) / kMinor;
        if (n > best[*k] || (n == best[*k] && price > paid[*k])) {
            best[*k] = n;
            paid[*k] = price;
        }
    }
}

// Price and promotion in force at each week's midpoint for product `row`, from its price_history
// steps (valid_from ascending); weeks before the first step stay unpriced.
void applyPriceSteps(DemandData& d, std::size_t row, const std::vector<std::tuple<Timestamp, double, bool>>& pts)
{
    const std::size_t W = std::size_t(d.weeks);
    std::size_t j = 0;
    for (std::size_t w = 0; w < W; ++w) {
        const Timestamp mid = d.weekStart + Timestamp(w) * kWeek + kWeek / 2;
        while (j + 1 < pts.size() && std::get<0>(pts[j + 1]) <= mid)
            ++j;
        if (std::get<0>(pts[j]) > mid)
            continue; // not priced yet
        d.price[row * W + w] = std::get<1>(pts[j]);
        d.promo[row * W + w] = std::get<2>(pts[j]);
    }
}

// List prices and promotions from price_history; returns which products have any.
std::vector<bool> readPriceHistory(store::Database& db, DemandData& d, const ProductIndex& index)
{
    std::vector<bool> hasHistory(d.products.size(), false);
    auto st = db.prepare("SELECT product_id, valid_from, price_minor, promo FROM price_history ORDER BY product_id, valid_from");
    store::Id cur = -1;
    std::vector<std::tuple<Timestamp, double, bool>> pts;
    auto flush = [&] {
        auto it = index.find(cur);
        if (it == index.end() || pts.empty())
            return;
        hasHistory[it->second] = true;
        applyPriceSteps(d, it->second, pts);
    };
    while (st.step()) {
        const store::Id id = st.columnInt(0);
        if (id != cur) {
            flush();
            pts.clear();
            cur = id;
        }
        pts.emplace_back(st.columnInt(1), double(st.columnInt(2)) / kMinor, st.columnInt(3) != 0);
    }
    flush();
    return hasHistory;
}

// Mean competitor price per product-week (NaN: no observation that week).
std::vector<double> readCompetitorPrices(store::Database& db, DemandData& d, const ProductIndex& index)
{
    const std::size_t W = std::size_t(d.weeks);
    std::vector<double> comp(d.products.size() * W, NAN);
    auto st = db.prepare("SELECT product_id, (observed_at - ?1) / ?2, AVG(price_minor) FROM competitor_prices"
                         " WHERE observed_at >= ?1 GROUP BY 1, 2");
    st.bind(1, d.weekStart).bind(2, kWeek);
    while (st.step()) {
        const auto k = cellOf(index, W, st.columnInt(0), st.columnInt(1));
        if (!k)
            continue;
        comp[*k] = st.columnDouble(2) / kMinor;
        d.hasCompetitors = true;
    }
    return comp;
}

// A product's price in every week: without list prices the price paid, carried over weeks
// without sales; weeks before the first known price take the first one (a product on sale must
// have a price).
void fillPrices(DemandData& d, std::size_t i, bool hasHistory, const std::vector<double>& paid)
{
    const std::size_t W = std::size_t(d.weeks);
    double* pr = &d.price[i * W];
    if (!hasHistory) {
        double lastSeen = NAN;
        for (std::size_t w = 0; w < W; ++w) {
            if (d.units[i * W + w] > 0)
                lastSeen = paid[i * W + w];
            pr[w] = lastSeen;
        }
    }
    std::size_t f = 0;
    while (f < W && !std::isfinite(pr[f]))
        ++f;
    for (std::size_t w = 0; w < f && f < W; ++w)
        pr[w] = pr[f];
}

// Competitors: the weekly mean carried forward, as a log ratio to the product's own average
// competitor level (0 when unknown); the latest one is the product's `competitor`.
void fillCompetitorRatios(DemandData& d, std::size_t i, std::vector<double>& comp)
{
    const std::size_t W = std::size_t(d.weeks);
    double* c = &comp[i * W];
    double lastC = NAN, sumLog = 0;
    int nC = 0;
    for (std::size_t w = 0; w < W; ++w) {
        if (std::isfinite(c[w]))
            lastC = c[w];
        c[w] = lastC;
        if (std::isfinite(c[w]) && c[w] > 0) {
            sumLog += std::log(c[w]);
            ++nC;
        }
    }
    if (nC > 0) {
        const double meanLog = sumLog / nC;
        for (std::size_t w = 0; w < W; ++w)
            d.compRatio[i * W + w] = std::isfinite(c[w]) && c[w] > 0 ? std::log(c[w]) - meanLog : 0.0;
        d.products[i].competitor = lastC;
    }
}

// On sale from the first full week that starts after it was created (or that has sales), at a price.
void markLiveWeeks(DemandData& d, std::size_t i, Timestamp created)
{
    const std::size_t W = std::size_t(d.weeks);
    const double* pr = &d.price[i * W];
    for (std::size_t w = std::size_t(d.firstFullWeek); w < W; ++w) {
        const Timestamp ws = d.weekStart + Timestamp(w) * kWeek;
        const bool exists = ws >= floorDay(created) || d.units[i * W + w] > 0;
        d.live[i * W + w] = exists && std::isfinite(pr[w]) && pr[w] > 0;
    }
}

} // namespace

DemandData loadDemandData(store::Database& db, const FitOptions& options, const Progress& progress)
{
    ProgressReporter rep(progress);
    rep.report(0, "reading products");
    DemandData d;
    ProductIndex index;
    std::vector<Timestamp> created;
    readProducts(db, d, index, created);
    setWeekGrid(db, options, d);
    const std::size_t P = d.products.size(), W = std::size_t(d.weeks);
    d.units.assign(P * W, 0.0);
    d.lines.assign(P * W, 0.0);
    d.price.assign(P * W, NAN);
    d.compRatio.assign(P * W, 0.0);
    d.promo.assign(P * W, 0);
    d.live.assign(P * W, 0);
    std::vector<double> paid(P * W, 0.0);

    rep.report(0.1, "reading order lines");
    readUnits(db, d, index);
    if (db.queryInt("SELECT COUNT(*) FROM products p WHERE NOT EXISTS (SELECT 1 FROM price_history h WHERE h.product_id = p.id)")
            .value_or(0)
        > 0) {
        rep.report(0.4, "reading line prices");
        readLinePrices(db, d, index, paid);
    }
    rep.report(0.6, "reading price history");
    const std::vector<bool> hasHistory = readPriceHistory(db, d, index);
    rep.report(0.75, "reading competitor prices");
    std::vector<double> comp = readCompetitorPrices(db, d, index);
    rep.report(0.9, "building the weekly panel");
    for (std::size_t i = 0; i < P; ++i) {
        fillPrices(d, i, hasHistory[i], paid);
        fillCompetitorRatios(d, i, comp);
        markLiveWeeks(d, i, created[i]);
    }
    rep.report(1, "weekly panel ready");
    return d;
}

std::vector<WeekPoint> loadWeekPoints(store::Database& db, store::Id productId)
{
    // The same panel as the fit, narrowed to one product would need the whole store's week grid;
    // the scatter only needs price and units per week, so it reads them directly.
    std::vector<WeekPoint> out;
    const auto first = db.queryInt("SELECT MIN(created_at) FROM orders WHERE status NOT IN ('cancelled','failed')");
    if (!first)
        return out;
    const Timestamp ws = floorDay(*first);
    std::map<int, WeekPoint> byWeek;
    {
        auto st = db.prepare("SELECT (o.created_at - ?1) / ?2, SUM(oi.quantity), SUM(oi.quantity * oi.unit_price_minor)"
                             " FROM order_items oi JOIN orders o ON o.id = oi.order_id WHERE oi.product_id = ?3"
                             " AND o.status NOT IN ('cancelled','failed') AND o.created_at >= ?1 GROUP BY 1");
        st.bind(1, ws).bind(2, kWeek).bind(3, productId);
        while (st.step()) {
            WeekPoint p;
            p.week = int(st.columnInt(0));
            p.units = double(st.columnInt(1));
            p.price = p.units > 0 ? double(st.columnInt(2)) / kMinor / p.units : 0;
            byWeek[p.week] = p;
        }
    }
    {
        auto st = db.prepare("SELECT valid_from, promo, price_minor FROM price_history WHERE product_id = ? ORDER BY valid_from");
        st.bind(1, productId);
        std::vector<std::tuple<Timestamp, bool, double>> pts;
        while (st.step())
            pts.emplace_back(st.columnInt(0), st.columnInt(1) != 0, double(st.columnInt(2)) / kMinor);
        for (auto& [w, p] : byWeek) {
            const Timestamp mid = ws + Timestamp(w) * kWeek + kWeek / 2;
            for (const auto& [from, promo, price] : pts)
                if (from <= mid) {
                    p.promo = promo;
                    p.price = price;
                }
        }
    }
    for (auto& [w, p] : byWeek)
        out.push_back(p);
    return out;
}

// ------------------------------------------------------------------------------------ fit

namespace {

struct Shrinkage {
    double mean = -1.5, tau2 = 0.25, meanVar = 0.01;
    int k = 0;
};

// (raw elasticity, its standard error) per category.
using EstimatesByCategory = std::map<std::int64_t, std::vector<std::pair<double, double>>>;

// The weeks a fit learns from end here (exclusive); they start at data.firstFullWeek.
int trainingWeeks(const DemandData& data, const FitOptions& options)
{
    int trainWeeks = data.weeks;
    if (options.trainEnd)
        trainWeeks = std::clamp(int((*options.trainEnd - data.weekStart) / kWeek), 0, data.weeks);
    if (trainWeeks - data.firstFullWeek < 4)
        throw Error(ErrorCode::InvalidArgument, "fewer than four full weeks before the training cut-off");
    return trainWeeks;
}

// Descriptive statistics and data-sufficiency flags of product `i` on the training weeks, and
// its units per order line (1 unless fitting lines). True when it enters the fit.
bool describeProduct(const DemandData& data, std::size_t i, int trainWeeks, const FitOptions& options,
                     ProductDemand& p, double& unitsPerLine)
{
    const std::size_t W = std::size_t(data.weeks);
    std::set<long long> prices;
    double lo = INFINITY, hi = 0, lines = 0;
    for (int w = data.firstFullWeek; w < trainWeeks; ++w) {
        const std::size_t k = i * W + std::size_t(w);
        if (!data.live[k])
            continue;
        ++p.weeks;
        p.unitsTotal += data.units[k];
        lines += data.lines[k];
        prices.insert(std::llround(data.price[k] * kMinor));
        lo = std::min(lo, data.price[k]);
        hi = std::max(hi, data.price[k]);
    }
    if (options.fitLines)
        unitsPerLine = lines > 0 ? p.unitsTotal / lines : 1.0;
    p.pricePoints = int(prices.size());
    p.minPrice = std::isfinite(lo) ? lo : p.price;
    p.maxPrice = hi > 0 ? hi : p.price;
    if (p.unitsTotal <= 0)
        p.flags |= kFlagNoSales;
    if (p.pricePoints <= 1 || hi < lo * 1.01)
        p.flags |= kFlagNoVariation;
    else if (p.pricePoints < demandRecipe().minPricePoints)
        p.flags |= kFlagFewPricePoints;
    if (p.weeks < demandRecipe().minWeeks)
        p.flags |= kFlagFewWeeks;
    return !(p.flags & kFlagNoSales) && p.weeks >= 2;
}

// Week effects, promotion lift and competitor response are shared by an effect group: the
// category when it has enough products to estimate 50-odd weekly effects, else one group of
// all small categories (a week effect from five products would absorb their own price moves).
struct EffectGroups {
    const int minGroupProducts = demandRecipe().minGroupProducts;
    static constexpr std::int64_t kSmallGroup = -999;
    std::map<std::int64_t, int> perCategory;        // fitted products per category
    std::map<std::int64_t, std::int64_t> groupIndex; // group key -> tensor row
    std::int64_t count = 0;

    EffectGroups(const std::vector<ProductDemand>& products, const std::vector<std::size_t>& rows)
    {
        for (auto i : rows)
            ++perCategory[products[i].categoryId];
        for (auto i : rows)
            groupIndex.emplace(groupOf(products[i].categoryId), 0);
        for (auto& [id, k] : groupIndex)
            k = count++;
    }
    std::int64_t groupOf(std::int64_t categoryId) const
    {
        auto it = perCategory.find(categoryId);
        return it != perCategory.end() && it->second >= minGroupProducts ? categoryId : kSmallGroup;
    }
    std::int64_t indexOf(std::int64_t categoryId) const { return groupIndex.at(groupOf(categoryId)); }
};

// The fitted products' weeks as [P, W] tensors (zero outside the training weeks) and the
// design of the product-level part: level, centred log price, centred trend (years).
struct Design {
    std::int64_t P = 0, W = 0;
    std::vector<double> lc;            // competitor log ratios [P*W], unmasked (the forecast reads them)
    std::vector<std::int64_t> group;   // effect-group row of each fitted product
    torch::Tensor y, m, pr, lcm, cat, nObs, lpbar, tbar, X;
};

// One huge order (a wholesale week) would steer a Poisson fit: weekly counts are capped at
// 4x the product's upper-quartile week (at least 10) for fitting.
double weeklyCap(const DemandData& data, std::size_t i, int trainWeeks, bool fitLines)
{
    const std::size_t W = std::size_t(data.weeks);
    std::vector<double> ys;
    for (int w = data.firstFullWeek; w < trainWeeks; ++w)
        if (data.live[i * W + std::size_t(w)])
            ys.push_back(fitLines ? data.lines[i * W + std::size_t(w)] : data.units[i * W + std::size_t(w)]);
    if (ys.size() < 4)
        return INFINITY;
    std::nth_element(ys.begin(), ys.begin() + std::ptrdiff_t(ys.size() * 3 / 4), ys.end());
    return std::max(10.0, 4 * ys[ys.size() * 3 / 4]);
}

Design buildDesign(const DemandData& data, const std::vector<ProductDemand>& products,
                   const std::vector<std::size_t>& rows, const EffectGroups& groups, int trainWeeks,
                   const FitOptions& options)
{
    Design d;
    d.P = std::int64_t(rows.size());
    d.W = data.weeks;
    const std::size_t W = std::size_t(data.weeks), n = rows.size() * W;
    std::vector<double> vy(n, 0), vlp(n, 0), vpr(n, 0), vm(n, 0);
    d.lc.assign(n, 0);
    d.group.assign(rows.size(), 0);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::size_t i = rows[r];
        const double cap = weeklyCap(data, i, trainWeeks, options.fitLines);
        d.group[r] = groups.indexOf(products[i].categoryId);
        for (std::size_t w = 0; w < W; ++w) {
            const std::size_t k = i * W + w, o = r * W + w;
            const bool train = data.live[k] && int(w) >= data.firstFullWeek && int(w) < trainWeeks;
            vm[o] = train ? 1.0 : 0.0;
            vy[o] = train ? std::min(cap, options.fitLines ? data.lines[k] : data.units[k]) : 0.0;
            vlp[o] = train && std::isfinite(data.price[k]) && data.price[k] > 0 ? std::log(data.price[k]) : 0.0;
            vpr[o] = data.promo[k];
            d.lc[o] = data.compRatio[k];
        }
    }
    const auto f64 = torch::TensorOptions().dtype(torch::kFloat64);
    auto T = [&](std::vector<double>& v) { return torch::from_blob(v.data(), {d.P, d.W}, f64).clone(); };
    d.y = T(vy);
    d.m = T(vm);
    d.pr = T(vpr) * d.m;
    d.lcm = T(d.lc) * d.m;
    d.cat = torch::from_blob(d.group.data(), {d.P}, torch::kInt64).clone();
    d.nObs = d.m.sum(1);
    const auto lp = T(vlp);
    d.lpbar = lp.sum(1) / d.nObs;
    const auto lpc = (lp - d.lpbar.unsqueeze(1)) * d.m;
    const auto wk = torch::arange(d.W, f64).unsqueeze(0).expand({d.P, d.W});
    d.tbar = (wk * d.m).sum(1) / d.nObs;
    const auto tc = (wk - d.tbar.unsqueeze(1)) / 52.0 * d.m;
    d.X = torch::stack({d.m, lpc, tc}, 2); // [P, W, 3]
    return d;
}

// The parameters being fitted: per product b = (level, elasticity, trend), per effect group the
// week effects s, the promotion lift beta and the competitor response gamma. Backfitting
// alternates a Newton step on each block given the others.
class Backfit {
public:
    Backfit(const Design& d, std::int64_t groups, const FitOptions& options)
        : m_d(d), m_C(groups), m_f64(torch::TensorOptions().dtype(torch::kFloat64))
    {
        b = torch::zeros({d.P, 3}, m_f64);
        b.select(1, 0).copy_(torch::log((d.y.sum(1) + 0.5) / d.nObs));
        s = torch::zeros({m_C, d.W}, m_f64);
        beta = torch::zeros({m_C}, m_f64);
        gamma = torch::zeros({m_C}, m_f64);
        // Without a prior on the trend it soaks up the step changes of the base price.
        const double trendRidge = options.trendPriorSd > 0 ? 1.0 / (options.trendPriorSd * options.trendPriorSd) : 1e-4;
        ridge = torch::diag(torch::tensor({1e-8, 1e-4, trendRidge}, m_f64)).unsqueeze(0);
        m_ridge2 = torch::diag(torch::tensor({1e-3, 1e-3}, m_f64)).unsqueeze(0);
    }

    // The group-level part of the linear predictor.
    torch::Tensor offset() const
    {
        return beta.index_select(0, m_d.cat).unsqueeze(1) * m_d.pr + gamma.index_select(0, m_d.cat).unsqueeze(1) * m_d.lcm
            + s.index_select(0, m_d.cat);
    }
    // The product-level part of the linear predictor.
    torch::Tensor linear() const { return (m_d.X * b.unsqueeze(1)).sum(2); }
    // Expected counts on the training weeks.
    torch::Tensor mu() const { return torch::exp((linear() + offset()).clamp(-30, 30)) * m_d.m; }

    void round()
    {
        productStep();
        weekStep();
        groupStep();
    }

    torch::Tensor b, s, beta, gamma, ridge;

private:
    // One Newton step on (level, elasticity, trend) of every product given the shared effects.
    void productStep()
    {
        const auto mu_ = mu();
        const auto g = (m_d.X * (m_d.y - mu_).unsqueeze(2)).sum(1) - torch::matmul(b.unsqueeze(1), ridge).squeeze(1);
        const auto H = torch::matmul(m_d.X.transpose(1, 2), m_d.X * mu_.unsqueeze(2)) + ridge;
        b = b + at::linalg_solve(H, g.unsqueeze(2)).squeeze(2).clamp(-2, 2);
    }
    // Group x week effects: the closed-form Poisson update of a fixed effect.
    void weekStep()
    {
        const auto base = torch::exp((linear() + offset() - s.index_select(0, m_d.cat)).clamp(-30, 30)) * m_d.m;
        const auto num = torch::zeros({m_C, m_d.W}, m_f64).index_add_(0, m_d.cat, m_d.y);
        const auto den = torch::zeros({m_C, m_d.W}, m_f64).index_add_(0, m_d.cat, base);
        s = torch::where(den > 0, torch::log(num.clamp_min(0.1) / den.clamp_min(1e-300)), torch::zeros_like(den));
    }
    // Group promotion lift and competitor response: one joint Newton step.
    void groupStep()
    {
        const auto mu_ = mu();
        const auto Z = torch::stack({m_d.pr, m_d.lcm}, 2);
        const auto g = (Z * (m_d.y - mu_).unsqueeze(2)).sum(1);
        const auto H = torch::matmul(Z.transpose(1, 2), Z * mu_.unsqueeze(2));
        const auto gc = torch::zeros({m_C, 2}, m_f64).index_add_(0, m_d.cat, g);
        const auto Hc = torch::zeros({m_C, 2, 2}, m_f64).index_add_(0, m_d.cat, H) + m_ridge2;
        const auto delta = at::linalg_solve(Hc, gc.unsqueeze(2)).squeeze(2).clamp(-1, 1);
        beta = beta + delta.select(1, 0);
        gamma = gamma + delta.select(1, 1);
    }

    const Design& m_d;
    std::int64_t m_C;
    torch::TensorOptions m_f64;
    torch::Tensor m_ridge2;
};

// Poisson deviance of the fit on the training weeks.
double deviance(const Design& d, const torch::Tensor& mu)
{
    const auto resid = (d.y - mu) * d.m;
    return (2 * (torch::where(d.y > 0, d.y * torch::log(d.y / mu.clamp_min(1e-300)), torch::zeros_like(d.y)) - resid))
        .sum()
        .item<double>();
}

// Covariance [P, 3, 3] of each product's (level, elasticity, trend): the larger of the robust
// (sandwich) and the quasi-Poisson variance. The sandwich alone is optimistic with a year of
// weekly data, the quasi-Poisson alone ignores heteroscedasticity.
torch::Tensor productCovariance(const Design& d, const torch::Tensor& mu, const torch::Tensor& ridge)
{
    const auto resid = (d.y - mu) * d.m;
    const auto H = torch::matmul(d.X.transpose(1, 2), d.X * mu.unsqueeze(2)) + ridge;
    const auto Hinv = at::linalg_inv(H);
    const auto meat = torch::matmul(d.X.transpose(1, 2), d.X * (resid * resid).unsqueeze(2));
    const auto dof = (d.nObs - 3).clamp_min(1);
    const auto sandwich = torch::matmul(torch::matmul(Hinv, meat), Hinv) * (d.nObs / dof).view({d.P, 1, 1});
    const auto phi = ((resid * resid / mu.clamp_min(1e-9)) * d.m).sum(1) / dof;
    const auto quasi = Hinv * phi.clamp_min(1.0).view({d.P, 1, 1});
    const auto useSandwich = (sandwich.select(1, 1).select(1, 1) > quasi.select(1, 1).select(1, 1)).view({d.P, 1, 1});
    return torch::where(useSandwich, sandwich, quasi).contiguous();
}

// The group-week effects of the coming week: the mean over the last four training weeks.
torch::Tensor recentSeasonality(const DemandData& data, const torch::Tensor& s, int trainWeeks)
{
    const int recentFrom = std::max(data.firstFullWeek, trainWeeks - 4);
    return s.slice(1, recentFrom, trainWeeks).mean(1).contiguous(); // [C]
}

// Writes each fitted product's prediction for a typical coming week (recent seasonality, latest
// trend and competitor position, no promotion) and its raw (own-data) elasticity with its
// standard error, where the data can identify one.
void storeProductEstimates(DemandFit& fit, const std::vector<std::size_t>& rows, const Design& d, const Backfit& bf,
                           const torch::Tensor& V, const torch::Tensor& sRecent, int trainWeeks,
                           const std::vector<double>& unitsPerLine)
{
    const auto f64 = torch::TensorOptions().dtype(torch::kFloat64);
    const auto tLast = ((double(trainWeeks - 1) - d.tbar) / 52.0).contiguous(); // [P]
    auto lcCopy = d.lc;
    const auto lcLast = torch::from_blob(lcCopy.data(), {d.P, d.W}, f64).select(1, trainWeeks - 1).clone();
    const auto level = (bf.b.select(1, 0) + bf.b.select(1, 2) * tLast + sRecent.index_select(0, d.cat)
                        + bf.gamma.index_select(0, d.cat) * lcLast)
                           .contiguous();
    const auto bA = bf.b.contiguous(), lpbarA = d.lpbar.contiguous();
    const double* pb = bA.data_ptr<double>();
    const double* pv = V.data_ptr<double>();
    for (std::int64_t r = 0; r < d.P; ++r) {
        ProductDemand& p = fit.products[rows[std::size_t(r)]];
        const double* v = pv + r * 9;
        p.logPriceMean = lpbarA.data_ptr<double>()[r];
        p.level = level.data_ptr<double>()[r] + std::log(unitsPerLine[rows[std::size_t(r)]]);
        const double tl = tLast.data_ptr<double>()[r];
        p.levelVar = v[0] + 2 * tl * v[2] + tl * tl * v[8];
        if (!(p.flags & kFlagNoVariation) && p.weeks >= 3 && std::isfinite(pb[r * 3 + 1]) && v[4] > 0) {
            p.rawElasticity = pb[r * 3 + 1];
            p.rawSe = std::sqrt(v[4]);
        }
    }
}

// The raw estimates that inform the priors: products with enough weeks and price points.
void collectEstimates(const DemandFit& fit, EstimatesByCategory& byCat, std::vector<std::pair<double, double>>& all)
{
    for (const auto& p : fit.products)
        if (std::isfinite(p.rawElasticity) && !(p.flags & (kFlagFewPricePoints | kFlagFewWeeks))) {
            byCat[p.categoryId].emplace_back(p.rawElasticity, p.rawSe);
            all.emplace_back(p.rawElasticity, p.rawSe);
        }
}

// Three levels: a product's elasticity varies around its category's mean with spread tau, and the
// category means vary around the store's mean with spread omega. Neither spread is known: with a
// few noisy estimates per category both are poorly identified, and plugging in point estimates
// makes every interval too narrow (Paule-Mandel gave tau 0.1 on a store whose true spread is 0.5;
// a store-wide prior that ignored omega put a 5-product category 1.5 away from its truth with an
// interval of +-0.6). Instead: their joint posterior on a grid (uniform priors; the category means
// and the store mean integrated out with flat priors; Gelman et al., BDA 3rd ed., sections 5.4-5.5),
// and every product's posterior a mixture over that grid. A category with few estimates borrows
// from the store's mean as much as its own data deserve, not all or nothing.
struct GridPoint {
    double tau2 = 0.25;   // within-category spread^2
    double omega2 = 0.25; // between-category spread^2
    double weight = 1.0;
    double storeMean = -1.5, storeMeanVar = 0.25; // posterior of the store's mean at this point
};

struct SpreadPosterior {
    std::vector<GridPoint> points;
};

// One category's estimates summarised at a given tau: weighted mean, its variance, and the
// category's marginal log-likelihood terms with its own mean integrated out (flat).
struct CategorySummary {
    double ybar = 0, var = 0, logLik = 0;
};

CategorySummary summariseCategory(const std::vector<std::pair<double, double>>& est, double t2)
{
    double sw = 0, swe = 0, ll = 0;
    for (const auto& [e, se] : est) {
        const double v = se * se + t2;
        sw += 1 / v;
        swe += e / v;
        ll -= 0.5 * std::log(v);
    }
    CategorySummary c;
    c.ybar = swe / sw;
    c.var = 1 / sw;
    ll += 0.5 * std::log(c.var);
    for (const auto& [e, se] : est)
        ll -= 0.5 * (e - c.ybar) * (e - c.ybar) / (se * se + t2);
    c.logLik = ll;
    return c;
}

SpreadPosterior spreadPosterior(const EstimatesByCategory& byCat)
{
    SpreadPosterior post;
    std::vector<const std::vector<std::pair<double, double>>*> cats;
    for (const auto& [id, est] : byCat)
        if (!est.empty())
            cats.push_back(&est);
    if (cats.empty()) { // nothing to learn from: a weak default, shown but never used to shrink
        post.points.push_back(GridPoint{});
        return post;
    }
    constexpr int kTauPoints = 80, kOmegaPoints = 50;
    constexpr double kMaxTau = 3.0, kMaxOmega = 3.0;
    std::vector<double> logL;
    std::vector<CategorySummary> sum(cats.size());
    for (int j = 0; j < kTauPoints; ++j) {
        const double tau = kMaxTau * (j + 0.5) / kTauPoints, t2 = tau * tau;
        double within = 0;
        for (std::size_t c = 0; c < cats.size(); ++c) {
            sum[c] = summariseCategory(*cats[c], t2);
            within += sum[c].logLik;
        }
        for (int k = 0; k < kOmegaPoints; ++k) {
            const double omega = kMaxOmega * (k + 0.5) / kOmegaPoints, w2 = omega * omega;
            double su = 0, suy = 0, ll = within;
            for (const auto& c : sum) {
                const double u = c.var + w2;
                su += 1 / u;
                suy += c.ybar / u;
                ll -= 0.5 * std::log(u);
            }
            GridPoint g;
            g.tau2 = t2;
            g.omega2 = w2;
            g.storeMean = suy / su;
            g.storeMeanVar = 1 / su;
            ll += 0.5 * std::log(g.storeMeanVar);
            for (const auto& c : sum)
                ll -= 0.5 * (c.ybar - g.storeMean) * (c.ybar - g.storeMean) / (c.var + w2);
            post.points.push_back(g);
            logL.push_back(ll);
        }
    }
    const double top = *std::max_element(logL.begin(), logL.end());
    double total = 0;
    for (std::size_t i = 0; i < logL.size(); ++i)
        total += post.points[i].weight = std::exp(logL[i] - top);
    // Drop the points that carry nothing (every product's posterior is a loop over the rest).
    std::vector<GridPoint> kept;
    double keptWeight = 0;
    for (const auto& g : post.points)
        if (g.weight / total > 1e-7) {
            kept.push_back(g);
            keptWeight += g.weight;
        }
    for (auto& g : kept)
        g.weight /= keptWeight;
    post.points = std::move(kept);
    return post;
}

// A category's prior at every grid point: the posterior of its mean (its estimates pooled towards
// the store's mean) and tau. With no estimates: the store's mean, uncertain by omega.
using PriorOnGrid = std::vector<Shrinkage>;

PriorOnGrid priorOnGrid(const std::vector<std::pair<double, double>>& est, const SpreadPosterior& post)
{
    PriorOnGrid out;
    for (const auto& g : post.points) {
        Shrinkage s;
        s.tau2 = g.tau2;
        s.k = int(est.size());
        if (est.empty()) {
            s.mean = g.storeMean;
            s.meanVar = g.omega2 + g.storeMeanVar;
        } else {
            const CategorySummary c = summariseCategory(est, g.tau2);
            const double prec = 1 / c.var + 1 / g.omega2;
            const double toStore = (1 / g.omega2) / prec;
            s.mean = (c.ybar / c.var + g.storeMean / g.omega2) / prec;
            s.meanVar = 1 / prec + toStore * toStore * g.storeMeanVar;
        }
        out.push_back(s);
    }
    return out;
}

// The grid's summary for display: the mixture's mean, its spread (the root of the expected tau^2)
// and the mean's own uncertainty.
Shrinkage summarise(const PriorOnGrid& g, const SpreadPosterior& post)
{
    Shrinkage s;
    double mean = 0, m2 = 0, t2 = 0;
    for (std::size_t j = 0; j < g.size(); ++j) {
        const double w = post.points[j].weight;
        mean += w * g[j].mean;
        m2 += w * (g[j].meanVar + g[j].mean * g[j].mean);
        t2 += w * g[j].tau2;
    }
    s.mean = mean;
    s.meanVar = std::max(0.0, m2 - mean * mean);
    s.tau2 = t2;
    s.k = g.empty() ? 0 : g.front().k;
    return s;
}

// Each category's prior, recorded in fit.categories with the group's promotion and competitor
// effects, plus the store-wide prior (a category with no estimates) as category -1.
std::map<std::int64_t, PriorOnGrid> categoryPriors(DemandFit& fit, EstimatesByCategory& byCat,
                                                   const std::vector<std::pair<double, double>>& all,
                                                   const SpreadPosterior& post, const EffectGroups& groups, const Backfit& bf,
                                                   PriorOnGrid& global)
{
    global = priorOnGrid({}, post);
    const auto betaA = bf.beta.contiguous(), gammaA = bf.gamma.contiguous();
    std::map<std::int64_t, PriorOnGrid> shrink;
    for (const auto& [id, n] : groups.perCategory) {
        const std::int64_t k = groups.indexOf(id);
        const auto& est = byCat[id];
        const PriorOnGrid& g = shrink[id] = priorOnGrid(est, post);
        const Shrinkage sh = summarise(g, post);
        CategoryPrior c;
        c.categoryId = id;
        c.mean = sh.mean;
        c.tau = std::sqrt(sh.tau2);
        c.meanSe = std::sqrt(sh.meanVar);
        c.promoLift = betaA.data_ptr<double>()[k];
        c.competitor = gammaA.data_ptr<double>()[k];
        c.products = int(est.size());
        fit.categories.push_back(c);
    }
    const Shrinkage gs = summarise(global, post);
    CategoryPrior c;
    c.categoryId = -1;
    c.mean = gs.mean;
    c.tau = std::sqrt(gs.tau2);
    c.meanSe = std::sqrt(gs.meanVar);
    c.products = int(all.size());
    fit.categories.push_back(c);
    return shrink;
}

// The posterior of each raw elasticity under its category's prior, mixed over the spreads'
// posterior; at each point the interval also carries the uncertainty of the prior's mean.
void applyShrinkage(DemandFit& fit, const std::map<std::int64_t, PriorOnGrid>& shrink, const PriorOnGrid& global,
                    const SpreadPosterior& post)
{
    for (auto& p : fit.products) {
        if (!std::isfinite(p.rawElasticity))
            continue;
        const auto it = shrink.find(p.categoryId);
        const PriorOnGrid& g = it != shrink.end() ? it->second : global;
        const double precData = 1.0 / (p.rawSe * p.rawSe);
        double mean = 0, m2 = 0, weight = 0;
        for (std::size_t j = 0; j < g.size(); ++j) {
            const Shrinkage& sh = g[j];
            const double precPrior = 1.0 / sh.tau2, prec = precData + precPrior;
            const double w = precPrior / prec;
            const double m = (p.rawElasticity * precData + sh.mean * precPrior) / prec;
            const double v = 1.0 / prec + w * w * sh.meanVar;
            const double pw = post.points[j].weight;
            mean += pw * m;
            m2 += pw * (v + m * m);
            weight += pw * w;
        }
        p.priorWeight = weight;
        p.elasticity = mean;
        p.elasticitySe = std::sqrt(std::max(0.0, m2 - mean * mean));
        if (p.priorWeight > 0.5)
            p.flags |= kFlagShrunk;
    }
}

// Empirical-Bayes shrinkage of the elasticities towards their category.
void shrinkElasticities(DemandFit& fit, const EffectGroups& groups, const Backfit& bf)
{
    EstimatesByCategory byCat;
    std::vector<std::pair<double, double>> all;
    collectEstimates(fit, byCat, all);
    const SpreadPosterior post = spreadPosterior(byCat);
    PriorOnGrid global;
    const auto shrink = categoryPriors(fit, byCat, all, post, groups, bf, global);
    applyShrinkage(fit, shrink, global, post);
}

// E[units] for the held-out weeks (>= trainWeeks) from each week's actual price (held within the
// observed range), promotion and competitors, with the recent seasonality level.
void forecastHeldOut(DemandFit& fit, const DemandData& data, const std::vector<std::size_t>& rows, const Design& d,
                     const Backfit& bf, const torch::Tensor& sRecent, int trainWeeks,
                     const std::vector<double>& unitsPerLine)
{
    const std::size_t W = std::size_t(data.weeks);
    fit.heldOut.assign(data.products.size() * W, NAN);
    const auto bA = bf.b.contiguous(), betaA = bf.beta.contiguous(), gammaA = bf.gamma.contiguous(),
               tbarA = d.tbar.contiguous();
    const double* pb = bA.data_ptr<double>();
    for (std::int64_t r = 0; r < d.P; ++r) {
        const std::size_t i = rows[std::size_t(r)];
        const ProductDemand& p = fit.products[i];
        const auto* pc = fit.prior(p.categoryId);
        const double e = p.hasElasticity() ? p.elasticity : (pc ? pc->mean : -1.5);
        const std::int64_t c = d.group[std::size_t(r)];
        const double sr = sRecent.data_ptr<double>()[c];
        for (std::size_t w = std::size_t(trainWeeks); w < W; ++w) {
            const std::size_t k = i * W + w;
            if (!data.live[k])
                continue;
            const double t = (double(w) - tbarA.data_ptr<double>()[r]) / 52.0;
            // Beyond the observed prices a log-linear curve is a guess: hold it flat there.
            const double lp = std::log(std::clamp(data.price[k], p.minPrice, p.maxPrice));
            const double eta = pb[r * 3] + e * (lp - p.logPriceMean) + pb[r * 3 + 2] * t
                + betaA.data_ptr<double>()[c] * data.promo[k] + gammaA.data_ptr<double>()[c] * data.compRatio[k] + sr;
            fit.heldOut[k] = std::exp(std::clamp(eta, -30.0, 30.0)) * unitsPerLine[i];
        }
    }
}

} // namespace

DemandFit fitDemand(const DemandData& data, const FitOptions& options, const Progress& progress)
{
    ProgressReporter rep(progress);
    rep.report(0, "preparing the fit");
    const int trainWeeks = trainingWeeks(data, options);
    DemandFit fit;
    fit.weekStart = data.weekStart;
    fit.weeks = trainWeeks;
    fit.products = data.products;
    std::vector<std::size_t> rows; // products that enter the fit
    std::vector<double> unitsPerLine(data.products.size(), 1.0);
    for (std::size_t i = 0; i < data.products.size(); ++i)
        if (describeProduct(data, i, trainWeeks, options, fit.products[i], unitsPerLine[i]))
            rows.push_back(i);
    if (rows.empty())
        throw Error(ErrorCode::InvalidArgument, "no product sold anything in the fitting window");

    torch::NoGradGuard noGrad;
    const EffectGroups groups(fit.products, rows);
    const Design d = buildDesign(data, fit.products, rows, groups, trainWeeks, options);
    Backfit bf(d, groups.count, options);
    for (int round = 0; round < options.rounds; ++round) {
        rep.report(0.05 + 0.85 * round / options.rounds, "fitting demand curves");
        bf.round();
        fit.iterations = round + 1;
    }
    rep.report(0.92, "standard errors");
    const auto mu = bf.mu();
    fit.deviance = deviance(d, mu);
    const auto V = productCovariance(d, mu, bf.ridge);
    const auto sRecent = recentSeasonality(data, bf.s, trainWeeks);
    storeProductEstimates(fit, rows, d, bf, V, sRecent, trainWeeks, unitsPerLine);
    rep.report(0.96, "shrinking towards the category");
    shrinkElasticities(fit, groups, bf);
    if (options.trainEnd && trainWeeks < data.weeks)
        forecastHeldOut(fit, data, rows, d, bf, sRecent, trainWeeks, unitsPerLine);
    rep.report(1, "demand model fitted");
    return fit;
}

// ------------------------------------------------------------------------------------ persistence
// serializeFit / deserializeFit: demand_fit_io.cpp (torch-free, so the model-file fuzz target builds it).

int saveFit(store::Database& db, const DemandFit& fit, const std::string& metricsJson)
{
    engine::ModelRegistry reg(db);
    engine::ModelToSave m;
    m.name = kDemandModelName;
    m.kind = "json";
    m.trainedAt = fit.trainedAt;
    nlohmann::json snap{{"products", fit.products.size()}, {"weeks", fit.weeks}, {"week_start", fit.weekStart}};
    m.dataSnapshot = snap.dump();
    m.metricsJson = metricsJson;
    m.cardJson = nlohmann::json{{"model", "log-log Poisson demand, category week effects, empirical-Bayes elasticities"}}
                     .dump();
    return reg.save(m, serializeFit(fit));
}

std::optional<DemandFit> loadActiveFit(store::Database& db)
{
    engine::ModelRegistry reg(db);
    const auto rec = reg.active(kDemandModelName);
    if (!rec)
        return std::nullopt;
    DemandFit fit = deserializeFit(reg.blob(kDemandModelName, rec->version));
    // Prices and costs move after the fit (accepted price changes): take today's from the store.
    auto st = db.prepare("SELECT id, price_minor, cost_minor FROM products");
    while (st.step()) {
        auto* p = const_cast<ProductDemand*>(fit.find(st.columnInt(0)));
        if (!p)
            continue;
        p->price = double(st.columnInt(1)) / kMinor;
        if (auto c = st.columnOptInt(2))
            p->cost = double(*c) / kMinor;
    }
    return fit;
}

// ------------------------------------------------------------------------------------ simulation

SimParams simParams(const ProductDemand& product, const CategoryPrior* prior)
{
    SimParams s;
    s.level = product.level;
    s.levelVar = std::isfinite(product.levelVar) ? product.levelVar : 0.0;
    s.logPriceMean = product.logPriceMean != 0 ? product.logPriceMean : std::log(std::max(product.price, 0.01));
    if (product.hasElasticity()) {
        s.elasticity = product.elasticity;
        s.elasticityVar = product.elasticitySe * product.elasticitySe;
    } else {
        s.fromPrior = true;
        if (prior) {
            s.elasticity = prior->mean;
            s.elasticityVar = prior->tau * prior->tau + prior->meanSe * prior->meanSe;
        }
    }
    s.cost = product.cost ? *product.cost : NAN;
    s.minPrice = product.minPrice;
    s.maxPrice = product.maxPrice;
    return s;
}

Simulation simulate(const SimParams& p, double price)
{
    Simulation r;
    r.price = price;
    const double dx = std::log(std::max(price, 1e-6)) - p.logPriceMean;
    const double mean = p.level + p.elasticity * dx;
    const double sd = std::sqrt(std::max(0.0, p.levelVar + dx * dx * p.elasticityVar));
    r.units = std::exp(mean);
    r.unitsLow = std::exp(mean - kZ90 * sd);
    r.unitsHigh = std::exp(mean + kZ90 * sd);
    r.revenue = price * r.units;
    r.revenueLow = price * r.unitsLow;
    r.revenueHigh = price * r.unitsHigh;
    if (std::isfinite(p.cost)) {
        const double unit = price - p.cost;
        r.profit = unit * r.units;
        // A loss per unit grows with units, so the band's ends swap below cost.
        r.profitLow = std::min(unit * r.unitsLow, unit * r.unitsHigh);
        r.profitHigh = std::max(unit * r.unitsLow, unit * r.unitsHigh);
        if (price > 0)
            r.marginPct = 100.0 * unit / price;
    }
    r.extrapolated = price < p.minPrice * 0.999 || price > p.maxPrice * 1.001;
    return r;
}

Curves curves(const SimParams& params, double lo, double hi, int n)
{
    Curves c;
    n = std::max(n, 2);
    c.points.reserve(std::size_t(n));
    for (int k = 0; k < n; ++k)
        c.points.push_back(simulate(params, lo + (hi - lo) * k / (n - 1)));
    return c;
}

// ------------------------------------------------------------------ the recipe (models/pricing)

DemandRecipe parseDemandRecipe(std::string_view json, const std::string& file)
{
    auto root = models::RecipeObject::parse(json, file, kDemandRecipeVersion);
    root.text("notes");
    DemandRecipe r;
    r.rounds = root.int32("rounds");
    r.trendPriorSd = root.number("trend_prior_sd");
    r.fitLines = root.boolean("fit_lines");
    r.minPricePoints = root.int32("min_price_points");
    r.minWeeks = root.int32("min_weeks");
    r.minGroupProducts = root.int32("min_group_products");
    root.finish();
    if (r.rounds < 1 || r.trendPriorSd < 0 || r.minPricePoints < 2 || r.minWeeks < 1 || r.minGroupProducts < 1)
        throw Error(ErrorCode::Model, file + ": values out of range (rounds >= 1, trend_prior_sd >= 0, "
                                             "min_price_points >= 2, min_weeks >= 1, min_group_products >= 1)");
    return r;
}

const DemandRecipe& demandRecipe()
{
    static const DemandRecipe recipe = [] {
        const auto text = models::embeddedFile("pricing/recipe.json");
        if (!text)
            throw Error(ErrorCode::Model, "models/pricing/recipe.json is not in this build (core/models embeds it)");
        return parseDemandRecipe(*text, "models/pricing/recipe.json");
    }();
    return recipe;
}

} // namespace shoppilot::pricing
