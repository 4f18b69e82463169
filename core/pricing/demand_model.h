// Per-product price response: a log-log (Poisson, log link) demand model with controls, fitted for
// every product of a store at once, and the pure arithmetic that turns its fitted parameters into
// units / revenue / profit for any price (the slider path: no torch, no SQL).
//
//   E[units_iw] = exp(a_i + e_i (log p_iw - lpbar_i) + g_i t_w           product: level, elasticity, trend
//                     + beta_c promo_iw + gamma_c log(comp_iw / comp_i)    category: promotion lift, competitor
//                     + s_cw)                                              category x week seasonality
//
// Week effects per category absorb seasonality, store-wide sale weeks and campaigns; promotion and
// competitor effects are pooled per category because a product has too few promotion weeks to
// separate them from its own price cut. Elasticities are then shrunk towards their category
// (hierarchical, mixed over the posterior of their spread); a product whose own data says little
// says so through its flags.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/progress.h"
#include "common/time.h"
#include "store/database.h"
#include "store/records.h"

namespace shoppilot::pricing {

// Data-sufficiency flags (bit set). NoSales and NoVariation mean "no elasticity of its own".
enum DemandFlag : std::uint32_t {
    kFlagNone = 0,
    kFlagNoSales = 1u << 0,        // not one unit sold in the fitting window
    kFlagNoVariation = 1u << 1,    // a single price over the window: the data cannot say
    kFlagFewPricePoints = 1u << 2, // fewer than demandRecipe().minPricePoints distinct prices
    kFlagShrunk = 1u << 3,         // the category prior outweighs the product's own data
    kFlagFewWeeks = 1u << 4,       // fewer than demandRecipe().minWeeks weeks on sale
};
// The demand model's default recipe: models/pricing/recipe.json (embedded at build time, see
// core/models), read once. FitOptions' defaults and the data-sufficiency flags come from it.
inline constexpr int kDemandRecipeVersion = 1;
struct DemandRecipe {
    int rounds = 0;
    double trendPriorSd = 0;
    bool fitLines = false;
    int minPricePoints = 0;   // fewer distinct prices: kFlagFewPricePoints
    int minWeeks = 0;         // fewer weeks on sale: kFlagFewWeeks
    int minGroupProducts = 0; // smaller categories share their week/promotion/competitor effects
};
// Parses a recipe file's text strictly: throws Error(Model) naming `file` and the offending key.
DemandRecipe parseDemandRecipe(std::string_view json, const std::string& file);
const DemandRecipe& demandRecipe(); // the embedded models/pricing/recipe.json
constexpr double kZ90 = 1.6448536269514722;

// One product-week of the data the model saw (the elasticity card's scatter).
struct WeekPoint {
    int week = 0;
    double price = 0; // major units
    double units = 0;
    bool promo = false;
};

struct ProductDemand {
    store::Id productId = 0;
    std::string sku;
    std::string title;
    std::string titleZh; // empty when the store has none
    std::int64_t categoryId = 0;
    std::string currency;
    double price = 0;                 // current list price (major units)
    std::optional<double> cost;       // unit cost, when the store knows it
    std::optional<double> competitor; // latest mean competitor price
    std::string ladderGroup;
    int ladderRank = 0;

    std::uint32_t flags = kFlagNone;
    int weeks = 0;         // weeks on sale in the fitting window
    int pricePoints = 0;   // distinct prices over those weeks
    double unitsTotal = 0;
    double minPrice = 0, maxPrice = 0; // observed price range

    // Own-data (raw) estimate and its standard error; NaN when the data cannot identify it.
    double rawElasticity = NAN;
    double rawSe = NAN;
    // After shrinkage towards the category: the estimate and its 90% interval; NaN for NoSales /
    // NoVariation products (the flag is the answer, not a number).
    double elasticity = NAN;
    double elasticitySe = NAN;
    double priorWeight = 0; // share of the category prior in `elasticity` (0..1)

    // Prediction for a typical coming week (no promotion, recent seasonality and trend, the latest
    // competitor prices): log E[units] = level + e (log p - logPriceMean).
    double level = 0;
    double levelVar = 0;
    double logPriceMean = 0;

    bool hasElasticity() const { return std::isfinite(elasticity); }
    double elasticityLow() const { return elasticity - kZ90 * elasticitySe; }
    double elasticityHigh() const { return elasticity + kZ90 * elasticitySe; }
};

struct CategoryPrior {
    std::int64_t categoryId = 0;
    double mean = -1.5;  // prior mean of the elasticities in the category
    double tau = 0.5;    // between-product spread
    double meanSe = 0.1; // uncertainty of the mean
    double promoLift = 0; // beta_c (log)
    double competitor = 0; // gamma_c
    int products = 0;
};

struct DemandFit {
    std::vector<ProductDemand> products;
    std::vector<CategoryPrior> categories;
    Timestamp weekStart = 0; // start of week 0 (UTC)
    int weeks = 0;           // weeks in the fitting window
    Timestamp trainedAt = 0;
    int iterations = 0;
    double deviance = 0;
    // With FitOptions::trainEnd: E[units] forecast for the held-out weeks (row-major [product of
    // the DemandData][week], NaN where not forecast), from the week's actual price, promotion and
    // competitor prices and the seasonality level of the last fitted weeks.
    std::vector<double> heldOut;

    const ProductDemand* find(store::Id productId) const;
    const CategoryPrior* prior(std::int64_t categoryId) const;
};

struct FitOptions {
    // Weeks start at this moment minus whole weeks (so that a backtest cutoff is a week boundary);
    // nullopt: weeks start on the day of the first order.
    std::optional<Timestamp> weekAnchor;
    // Fit on weeks ending at or before this moment (nullopt: all full weeks).
    std::optional<Timestamp> trainEnd;
    // The recipe (models/pricing/recipe.json says why each value): backfitting rounds (product
    // Newton step + shared effects), the prior sd of a product's own trend (log units per year),
    // and order lines rather than units (units = lines x the product's units per line).
    int rounds = demandRecipe().rounds;
    double trendPriorSd = demandRecipe().trendPriorSd;
    bool fitLines = demandRecipe().fitLines;
};

// The weekly panel the model reads: units per product-week from order lines (orders not
// cancelled/failed), the price in force (price_history; else the mean price paid, carried over
// weeks without sales), the promotion flag, and the mean competitor price.
struct DemandData {
    Timestamp weekStart = 0;
    int weeks = 0;          // every week up to the last full week of the data
    int firstFullWeek = 0;  // weeks before it are only partly covered by the data
    std::vector<ProductDemand> products; // descriptive fields only (no fit yet)
    // Row-major [product][week]; `live` = the product was on sale that week.
    std::vector<double> units, lines, price, compRatio;
    std::vector<std::uint8_t> promo, live;
    bool hasCompetitors = false;
};

DemandData loadDemandData(store::Database& db, const FitOptions& options = {}, const Progress& progress = {});

// Fits every product (torch, batched); weeks >= options.trainEnd are left out of the fit.
DemandFit fitDemand(const DemandData& data, const FitOptions& options = {}, const Progress& progress = {});

// The scatter of a product's weeks (log price vs log units), straight from the store.
std::vector<WeekPoint> loadWeekPoints(store::Database& db, store::Id productId);

// Persistence through engine::ModelRegistry (name "pricing.demand", kind "json").
constexpr const char* kDemandModelName = "pricing.demand";
std::vector<std::uint8_t> serializeFit(const DemandFit& fit);
DemandFit deserializeFit(const std::vector<std::uint8_t>& bytes); // throws Error(Model) when it does not fit
int saveFit(store::Database& db, const DemandFit& fit, const std::string& metricsJson = "{}");
std::optional<DemandFit> loadActiveFit(store::Database& db);

// ------------------------------------------------------------------ the slider path (arithmetic)

struct Simulation {
    double price = 0;
    double units = 0, unitsLow = 0, unitsHigh = 0; // expected weekly units, 90% band
    double revenue = 0, revenueLow = 0, revenueHigh = 0;
    std::optional<double> profit, profitLow, profitHigh; // needs a cost
    std::optional<double> marginPct;
    bool extrapolated = false; // outside the observed price range
};

// The elasticity the simulation uses: the product's own (shrunk) estimate, else the category
// prior (with its wider uncertainty); `fromPrior` says which.
struct SimParams {
    double level = 0, levelVar = 0, logPriceMean = 0;
    double elasticity = -1.5, elasticityVar = 0.25;
    double cost = NAN;
    double minPrice = 0, maxPrice = 0;
    bool fromPrior = false;
};
SimParams simParams(const ProductDemand& product, const CategoryPrior* prior);
Simulation simulate(const SimParams& params, double price);

struct Curves {
    std::vector<Simulation> points; // ascending prices
};
// `n` prices evenly spaced over [lo, hi].
Curves curves(const SimParams& params, double lo, double hi, int n);

} // namespace shoppilot::pricing
