// Price recommendations: a strategy proposes a target, the rules cut it down to a feasible price,
// and the result says which rule bound it and why. Pure arithmetic on fitted demand parameters
// (no torch, no SQL), so a whole category is optimised in milliseconds.
//
// Rules are intervals (min margin, max change per step, floor/ceiling, competitor band, ladder
// neighbours) intersected in priority order, then a price ending (.99 / .90 / whole) is chosen
// inside what is left. When rules contradict each other the lower-priority one gives way and the
// recommendation names the conflict instead of silently breaking a rule.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pricing/demand_model.h"

namespace shoppilot::pricing {

enum class Strategy { CostPlus, Competitor, ElasticityOptimal };
enum class CompetitorMode { Match, Undercut, Band };
enum class Objective { Profit, Revenue, Blend };
enum class PriceEnding { None, N99, N90, Whole };

struct StrategySpec {
    Strategy strategy = Strategy::ElasticityOptimal;
    double markupPct = 50;           // cost-plus: price = cost * (1 + markup)
    CompetitorMode competitorMode = CompetitorMode::Match;
    double undercutPct = 2;          // competitor undercut: price = competitor * (1 - x)
    Objective objective = Objective::Profit;
    double blendWeight = 0.5;        // blend: weight of profit (1 = profit, 0 = revenue)
};

struct Rules {
    std::optional<double> minMarginPct;     // (price - cost) / price >= x%
    std::optional<double> maxChangePct;     // |new / current - 1| <= x%
    std::optional<double> floor, ceiling;   // absolute bounds (major units)
    std::optional<double> competitorBandPct; // within +-x% of the mean competitor price
    // Elasticity-optimal prices stay within this much of the observed price range: beyond it the
    // curve is an extrapolation of a straight line in logs.
    std::optional<double> maxExtrapolationPct = 20.0;
    PriceEnding ending = PriceEnding::N99;
    bool ladder = true;                     // keep ladder groups strictly increasing by rank
};

// Which constraint set the final price (None: the strategy's own target was feasible).
enum class Binding {
    None, MinMargin, MaxChange, Floor, Ceiling, CompetitorBand, Ladder, TrustRegion, Ending,
    NoEstimate, NoCost, NoCompetitor
};

const char* bindingName(Binding b); // stable identifiers: "min_margin", "max_change", ...

struct ProductInput {
    store::Id productId = 0;
    std::string sku;
    std::string ladderGroup;
    int ladderRank = 0;
    double price = 0;                  // current
    std::optional<double> cost;
    std::optional<double> competitor;
    SimParams demand;
    bool hasElasticity = false;        // own estimate (elasticity-optimal needs one)
};

ProductInput productInput(const ProductDemand& p, const CategoryPrior* prior);

struct Recommendation {
    store::Id productId = 0;
    double current = 0;
    double target = 0;       // the strategy's unconstrained price (NaN when it has none)
    double price = 0;        // recommended, after every rule and the ending
    double lo = 0, hi = 0;   // the feasible interval the rules left (before the ending)
    Binding binding = Binding::None;
    std::vector<Binding> conflicts; // rules that had to give way (contradictory rules)
    Simulation now, next;    // at the current and the recommended price
    double unitsDelta() const { return next.units - now.units; }
    double revenueDelta() const { return next.revenue - now.revenue; }
    std::optional<double> profitDelta() const
    {
        if (next.profit && now.profit)
            return *next.profit - *now.profit;
        return std::nullopt;
    }
};

// One product. Ladder siblings' current prices (when given) bound it from below / above.
Recommendation recommend(const ProductInput& product, const StrategySpec& strategy, const Rules& rules,
                         std::optional<double> ladderBelow = std::nullopt, std::optional<double> ladderAbove = std::nullopt);

// A set of products (a category): each product on its own, then ladder groups made consistent
// (strictly increasing by rank) inside every member's feasible interval.
std::vector<Recommendation> recommendBatch(const std::vector<ProductInput>& products, const StrategySpec& strategy,
                                           const Rules& rules);

// The price with the given ending nearest to `price` inside [lo, hi]; nullopt when none exists.
std::optional<double> applyEnding(double price, PriceEnding ending, double lo, double hi);
bool hasEnding(double price, PriceEnding ending);

// A readable English sentence for logs and the CLI (the panel composes its own translated text).
std::string explain(const Recommendation& r, const StrategySpec& strategy);

} // namespace shoppilot::pricing
