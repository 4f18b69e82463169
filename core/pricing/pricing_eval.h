// What `shoppilot eval pricing` measures: elasticities against the demo store's planted truth
// (when the store has it), elasticities with intervals for the items with enough distinct prices,
// and a weekly-units backtest (fit up to a date, forecast the later weeks) scored by MASE against
// a naive forecast measured on the same products and weeks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/progress.h"
#include "pricing/demand_model.h"
#include "store/database.h"

namespace shoppilot::pricing {

struct EvalOptions {
    std::optional<Timestamp> trainEnd; // backtest cut-off; default: 13 weeks before the data's end
    int minPricePoints = demandRecipe().minPricePoints;
    int tableRows = 15;
};

struct ElasticityRow {
    store::Id productId = 0;
    std::string sku, title;
    int pricePoints = 0, weeks = 0;
    double units = 0;
    double minPrice = 0, maxPrice = 0;
    double estimate = NAN, low = NAN, high = NAN, raw = NAN, priorWeight = 0;
    std::uint32_t flags = 0;
    double truth = NAN; // demo stores only
};

struct MethodScore {
    std::string method;
    int products = 0;
    double mae = NAN;      // elasticity vs truth
    double coverage = NAN; // share of 90% intervals holding the truth (NaN: no interval)
};

struct BacktestScore {
    std::string method;
    int products = 0;
    double meanMase = NAN, medianMase = NAN;
};

struct EvalReport {
    std::string store;
    int products = 0;
    int fitted = 0;        // with an elasticity of their own
    int flagNoSales = 0, flagNoVariation = 0, flagFewPoints = 0, flagShrunk = 0, flagFewWeeks = 0;
    double fitSeconds = 0;
    // Truth (demo stores): products with enough price variation (>= minPricePoints prices, no flags
    // but shrinkage), then every product with an estimate.
    bool hasTruth = false;
    int truthProducts = 0;
    double elasticityMae = NAN, intervalCoverage = NAN;
    // The subset whose own data outweighs the category prior (not flagged "shrunk").
    int informativeProducts = 0;
    double informativeMae = NAN, informativeCoverage = NAN;
    std::vector<MethodScore> methods; // model (shrunk), model raw, naive log-log OLS, category mean
    // Items with enough distinct prices: the distribution and the top rows by units.
    int enoughPrices = 0;
    double medianElasticity = NAN, shareNegative = NAN, shareIntervalBelowZero = NAN, medianIntervalWidth = NAN;
    std::vector<ElasticityRow> table;
    // Backtest.
    Timestamp trainEnd = 0;
    int trainWeeks = 0, testWeeks = 0;
    std::string naiveNote;
    std::vector<BacktestScore> backtest; // model, naive (last week), mean of the last 4 weeks
    double backtestMase = NAN;           // the model's mean MASE
};

EvalReport evaluatePricing(store::Database& db, const EvalOptions& options, const Progress& progress = {});

std::string evalReportJson(const EvalReport& r);
std::string evalReportText(const EvalReport& r);

} // namespace shoppilot::pricing
