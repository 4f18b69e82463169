#include "pricing/optimizer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace shoppilot::pricing {

namespace {

constexpr double kCent = 0.01;
constexpr double kEps = 1e-9;

std::int64_t toCents(double v)
{
    return std::llround(v * 100.0);
}
double fromCents(std::int64_t c)
{
    return double(c) / 100.0;
}
// Smallest whole cent >= v (and largest <= v), robust to binary noise in v.
std::int64_t ceilCents(double v)
{
    return std::int64_t(std::ceil(v * 100.0 - 1e-6));
}
std::int64_t floorCents(double v)
{
    return std::int64_t(std::floor(v * 100.0 + 1e-6));
}

bool endingOk(std::int64_t cents, PriceEnding e)
{
    switch (e) {
    case PriceEnding::None: return true;
    case PriceEnding::N99: return cents % 100 == 99;
    case PriceEnding::N90: return cents % 100 == 90;
    case PriceEnding::Whole: return cents % 100 == 0;
    }
    return true;
}

// Largest cents value <= c with the ending (or c itself for None).
std::int64_t endingDown(std::int64_t c, PriceEnding e)
{
    if (e == PriceEnding::None)
        return c;
    const std::int64_t r = e == PriceEnding::N99 ? 99 : e == PriceEnding::N90 ? 90 : 0;
    std::int64_t k = c - ((c % 100) + 100) % 100 + r;
    if (k > c)
        k -= 100;
    return k;
}

struct Interval {
    double lo = kCent, hi = INFINITY;
    Binding loBy = Binding::None, hiBy = Binding::None;
    std::vector<Binding> conflicts;

    void apply(double a, double b, Binding why)
    {
        const double nlo = std::max(lo, a), nhi = std::min(hi, b);
        if (nlo > nhi + kEps) {
            conflicts.push_back(why); // a lower-priority rule gives way
            return;
        }
        if (a > lo + kEps)
            loBy = why;
        if (b < hi - kEps)
            hiBy = why;
        lo = nlo;
        hi = nhi;
    }
};

double strategyTarget(const ProductInput& p, const StrategySpec& s, const Rules& rules, Binding& missing)
{
    switch (s.strategy) {
    case Strategy::CostPlus:
        if (!p.cost) {
            missing = Binding::NoCost;
            return NAN;
        }
        return *p.cost * (1 + s.markupPct / 100.0);
    case Strategy::Competitor: {
        if (!p.competitor) {
            missing = Binding::NoCompetitor;
            return NAN;
        }
        const double c = *p.competitor;
        switch (s.competitorMode) {
        case CompetitorMode::Match: return c;
        case CompetitorMode::Undercut: return c * (1 - s.undercutPct / 100.0);
        case CompetitorMode::Band: {
            const double b = rules.competitorBandPct.value_or(s.undercutPct) / 100.0;
            return std::clamp(p.price, c * (1 - b), c * (1 + b));
        }
        }
        return c;
    }
    case Strategy::ElasticityOptimal: {
        if (!p.hasElasticity) {
            missing = Binding::NoEstimate;
            return NAN;
        }
        const double alpha = s.objective == Objective::Profit ? 1.0 : s.objective == Objective::Revenue ? 0.0 : std::clamp(s.blendWeight, 0.0, 1.0);
        if (alpha > 0 && !p.cost) {
            missing = Binding::NoCost;
            return NAN;
        }
        // units * (p - alpha c) with units ~ p^e is unimodal in p: its peak is alpha c e / (1 + e)
        // when demand is elastic (e < -1); inelastic demand keeps rising, so the upper bound wins.
        const double e = p.demand.elasticity;
        if (e < -1 - 1e-6)
            return alpha * p.cost.value_or(0) * e / (1 + e);
        return INFINITY;
    }
    }
    return NAN;
}

} // namespace

const char* bindingName(Binding b)
{
    switch (b) {
    case Binding::None: return "none";
    case Binding::MinMargin: return "min_margin";
    case Binding::MaxChange: return "max_change";
    case Binding::Floor: return "floor";
    case Binding::Ceiling: return "ceiling";
    case Binding::CompetitorBand: return "competitor_band";
    case Binding::Ladder: return "ladder";
    case Binding::TrustRegion: return "observed_range";
    case Binding::Ending: return "ending";
    case Binding::NoEstimate: return "no_estimate";
    case Binding::NoCost: return "no_cost";
    case Binding::NoCompetitor: return "no_competitor";
    }
    return "none";
}

ProductInput productInput(const ProductDemand& p, const CategoryPrior* prior)
{
    ProductInput in;
    in.productId = p.productId;
    in.sku = p.sku;
    in.ladderGroup = p.ladderGroup;
    in.ladderRank = p.ladderRank;
    in.price = p.price;
    in.cost = p.cost;
    in.competitor = p.competitor;
    in.demand = simParams(p, prior);
    in.hasElasticity = p.hasElasticity();
    return in;
}

bool hasEnding(double price, PriceEnding ending)
{
    return endingOk(toCents(price), ending);
}

std::optional<double> applyEnding(double price, PriceEnding ending, double lo, double hi)
{
    // An open upper end (no ceiling rule) is capped far above any real price.
    const std::int64_t loC = ceilCents(std::max(lo, 0.0)), hiC = std::isfinite(hi) ? floorCents(std::min(hi, 1e13)) : std::int64_t(1e15);
    if (loC > hiC)
        return std::nullopt;
    const std::int64_t c = std::clamp(toCents(price), loC, hiC);
    if (ending == PriceEnding::None)
        return fromCents(c);
    const std::int64_t down = endingDown(c, ending);
    const std::int64_t up = endingOk(c, ending) ? c : down + 100;
    const bool downOk = down >= loC && down <= hiC, upOk = up >= loC && up <= hiC;
    if (downOk && upOk)
        return fromCents(c - down <= up - c ? down : up);
    if (downOk)
        return fromCents(down);
    if (upOk)
        return fromCents(up);
    return std::nullopt;
}

Recommendation recommend(const ProductInput& p, const StrategySpec& s, const Rules& rules,
                         std::optional<double> ladderBelow, std::optional<double> ladderAbove)
{
    Recommendation r;
    r.productId = p.productId;
    r.current = p.price;
    Binding missing = Binding::None;
    r.target = strategyTarget(p, s, rules, missing);

    // Rules in priority order: hard bounds, then margin, ladder, step size, competitor band, trust.
    Interval iv;
    if (rules.floor)
        iv.apply(*rules.floor, INFINITY, Binding::Floor);
    if (rules.ceiling)
        iv.apply(0, *rules.ceiling, Binding::Ceiling);
    if (rules.minMarginPct && p.cost && *rules.minMarginPct < 100)
        iv.apply(*p.cost / (1 - *rules.minMarginPct / 100.0), INFINITY, Binding::MinMargin);
    if (rules.ladder && (ladderBelow || ladderAbove))
        iv.apply(ladderBelow ? *ladderBelow + kCent : 0, ladderAbove ? *ladderAbove - kCent : INFINITY, Binding::Ladder);
    if (rules.maxChangePct && p.price > 0)
        iv.apply(p.price * (1 - *rules.maxChangePct / 100.0), p.price * (1 + *rules.maxChangePct / 100.0), Binding::MaxChange);
    if (rules.competitorBandPct && p.competitor)
        iv.apply(*p.competitor * (1 - *rules.competitorBandPct / 100.0), *p.competitor * (1 + *rules.competitorBandPct / 100.0),
                 Binding::CompetitorBand);
    if (s.strategy == Strategy::ElasticityOptimal && rules.maxExtrapolationPct && p.demand.maxPrice > 0)
        iv.apply(p.demand.minPrice * (1 - *rules.maxExtrapolationPct / 100.0),
                 p.demand.maxPrice * (1 + *rules.maxExtrapolationPct / 100.0), Binding::TrustRegion);
    r.lo = iv.lo;
    r.hi = iv.hi;
    r.conflicts = iv.conflicts;

    double raw;
    if (!std::isfinite(r.target) && std::isnan(r.target)) {
        // No target (no estimate / cost / competitor): keep today's price, moved only as the rules demand.
        raw = std::clamp(p.price, iv.lo, iv.hi);
        r.binding = missing;
        if (p.price < iv.lo - kEps)
            r.binding = iv.loBy;
        else if (p.price > iv.hi + kEps)
            r.binding = iv.hiBy;
    } else if (r.target < iv.lo - kEps) {
        raw = iv.lo;
        r.binding = iv.loBy;
    } else if (r.target > iv.hi + kEps) {
        raw = iv.hi;
        r.binding = iv.hiBy;
    } else {
        raw = r.target;
    }
    if (!std::isfinite(raw)) // an unbounded target with no upper rule: stay where we are
        raw = std::max(p.price, iv.lo);
    // A kept price stays the price: with no target and no rule moving it, the ending rule does not
    // apply (it would turn "the price is kept" at 1.04 into a recommendation of 0.99).
    const bool kept = std::isnan(r.target) && p.price >= iv.lo - kEps && p.price <= iv.hi + kEps;
    if (kept) {
        r.price = p.price;
    } else if (auto e = applyEnding(raw, rules.ending, iv.lo, iv.hi)) {
        r.price = *e;
    } else {
        r.conflicts.push_back(Binding::Ending);
        r.price = std::clamp(fromCents(toCents(raw)), iv.lo, iv.hi);
    }
    r.now = simulate(p.demand, p.price);
    r.next = simulate(p.demand, r.price);
    return r;
}

std::vector<Recommendation> recommendBatch(const std::vector<ProductInput>& products, const StrategySpec& s, const Rules& rules)
{
    std::vector<Recommendation> out;
    out.reserve(products.size());
    std::map<std::string, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < products.size(); ++i) {
        out.push_back(recommend(products[i], s, rules));
        if (rules.ladder && !products[i].ladderGroup.empty())
            groups[products[i].ladderGroup].push_back(i);
    }
    for (auto& [name, members] : groups) {
        if (members.size() < 2)
            continue;
        std::sort(members.begin(), members.end(),
                  [&](std::size_t a, std::size_t b) { return products[a].ladderRank < products[b].ladderRank; });
        // Pool adjacent violators: the closest non-decreasing sequence to the individual optima.
        std::vector<std::pair<double, int>> blocks; // (mean, count)
        for (const auto i : members) {
            blocks.emplace_back(out[i].price, 1);
            while (blocks.size() > 1 && blocks[blocks.size() - 2].first > blocks.back().first) {
                auto [m2, n2] = blocks.back();
                blocks.pop_back();
                auto& [m1, n1] = blocks.back();
                m1 = (m1 * n1 + m2 * n2) / (n1 + n2);
                n1 += n2;
            }
        }
        std::vector<double> iso;
        for (const auto& [mean, count] : blocks)
            iso.insert(iso.end(), std::size_t(count), mean);
        // Strictly increasing, each inside its own feasible interval, with its ending.
        double prev = 0;
        for (std::size_t k = 0; k < members.size(); ++k) {
            Recommendation& r = out[members[k]];
            const double lo = std::max(r.lo, k > 0 ? prev + kCent : r.lo);
            double want = std::max(iso[k], lo);
            auto snapped = applyEnding(want, rules.ending, lo, r.hi);
            if (!snapped) {
                r.conflicts.push_back(Binding::Ladder);
                prev = r.price;
                continue;
            }
            if (std::abs(*snapped - r.price) > kEps) {
                r.price = *snapped;
                r.binding = Binding::Ladder;
                r.next = simulate(products[members[k]].demand, r.price);
            }
            prev = r.price;
        }
    }
    return out;
}

std::string explain(const Recommendation& r, const StrategySpec& s)
{
    char buf[256];
    std::string text;
    const char* strat = s.strategy == Strategy::CostPlus ? "cost-plus" : s.strategy == Strategy::Competitor ? "competitor-based" : "elasticity-optimal";
    if (std::isfinite(r.target))
        std::snprintf(buf, sizeof buf, "%s target %.2f; ", strat, r.target);
    else if (std::isinf(r.target))
        std::snprintf(buf, sizeof buf, "%s: demand is inelastic, profit keeps rising with price; ", strat);
    else
        std::snprintf(buf, sizeof buf, "%s: no target; ", strat);
    text += buf;
    switch (r.binding) {
    case Binding::None: text += "no rule binds"; break;
    case Binding::MinMargin: std::snprintf(buf, sizeof buf, "the minimum margin holds it at %.2f or more", r.lo); text += buf; break;
    case Binding::MaxChange: std::snprintf(buf, sizeof buf, "the maximum step keeps it within %.2f-%.2f", r.lo, r.hi); text += buf; break;
    case Binding::Floor: std::snprintf(buf, sizeof buf, "the floor %.2f binds", r.lo); text += buf; break;
    case Binding::Ceiling: std::snprintf(buf, sizeof buf, "the ceiling %.2f binds", r.hi); text += buf; break;
    case Binding::CompetitorBand: std::snprintf(buf, sizeof buf, "the competitor band %.2f-%.2f binds", r.lo, r.hi); text += buf; break;
    case Binding::Ladder: text += "the size/variant ladder binds (prices must rise with rank)"; break;
    case Binding::TrustRegion: std::snprintf(buf, sizeof buf, "kept near the observed prices (%.2f-%.2f): beyond is extrapolation", r.lo, r.hi); text += buf; break;
    case Binding::Ending: text += "the price ending binds"; break;
    case Binding::NoEstimate: text += "no elasticity estimate of its own: price kept"; break;
    case Binding::NoCost: text += "no cost known: price kept"; break;
    case Binding::NoCompetitor: text += "no competitor price known: price kept"; break;
    }
    std::snprintf(buf, sizeof buf, " -> %.2f", r.price);
    text += buf;
    for (const auto c : r.conflicts)
        text += std::string("; conflict: ") + bindingName(c) + " gave way";
    return text;
}

} // namespace shoppilot::pricing
