// Stock planning per SKU (the Logistics panel's stock tab and `shoppilot eval stock`): weekly
// demand from the store's order history, a forecaster chosen per SKU by backtest, safety stock
// and reorder point from the lead time and a service level, the stock-out probability and
// suggested purchase orders.
//
// Forecasters: the intermittent-demand methods and core/forecast's ETS (AICc) and Theta. A SKU is
// called sparse when its average inter-demand interval ADI > 1.32 weeks (Syntetos & Boylan's
// cut-off); every SKU chooses among all five (restricting sparse SKUs to the intermittent methods
// and regular ones to ETS/Theta chose worse on the validation cut, see choose() in stock.cpp):
//   Croston (1972): on a week with demand y > 0, size z += a (y - z), interval p += a (q - p), q = 1;
//     otherwise q += 1. Initial z = the first demand, p = the week index of the first demand + 1
//     (the interval from the series' start). Forecast z / p.
//   SBA (Syntetos & Boylan 2005): Croston times (1 - a/2), removing its bias.
//   TSB (Teunter, Syntetos & Babai 2011): probability d += b ([y > 0] - d) every week, size
//     z += a (y - z) on demand weeks only. Initial d = the share of weeks with demand, z = the
//     first demand. Forecast d z.
//   a = 0.1, b = 0.1 (the values the literature recommends for weekly retail data; not tuned here).
// The choice per SKU: a rolling-origin backtest before the evaluated span — each candidate
// forecasts 8 weeks from 3 origins 8 weeks apart, fitted on what precedes each; the lowest total
// absolute error wins — then refit on everything before the span (eval) or on all the history
// (serving).
//
// Safety stock and reorder point (continuous review, normal demand over the lead time L weeks):
//   mu_L = forecast weekly mean x L, sigma_L = sigma x sqrt(L), sigma = the root mean square
//   deviation of the last 26 weeks' demand from the forecast weekly mean (at least 0.5 unit / week
//   when there was demand), safety stock = z(service level) x sigma_L, reorder point = mu_L + safety stock,
//   order-up-to level = reorder point + one week's forecast (weekly review), suggested order =
//   order-up-to level - stock on hand when stock on hand <= reorder point, rounded up.
//   Stock-out probability = P(demand over the lead time > stock on hand) = 1 - Phi((on hand -
//   mu_L) / sigma_L), i.e. the risk if nothing is ordered today.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/progress.h"
#include "common/time.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::logistics {

enum class DemandMethod { Croston, Sba, Tsb, Ets, Theta, Naive };
const char* demandMethodName(DemandMethod m);

// Flat forecasts (per period) of the intermittent-demand methods on `y` (see above).
double crostonForecast(const std::vector<double>& y, double alpha = 0.1);
double sbaForecast(const std::vector<double>& y, double alpha = 0.1);
double tsbForecast(const std::vector<double>& y, double alpha = 0.1, double beta = 0.1);
// Average inter-demand interval (weeks between demands, incl. the first from the start); 0 when
// there is no demand.
double averageDemandInterval(const std::vector<double>& y);
bool isIntermittent(const std::vector<double>& y);

// h-step forecast of `y` with a method (flat for Croston/SBA/TSB/Naive).
std::vector<double> forecastDemand(const std::vector<double>& y, DemandMethod method, int horizon);

struct SkuHistory {
    std::int64_t productId = 0;
    std::string sku, title;
    std::vector<double> weekly; // units per week, oldest first, ending with the last full week
    std::int64_t stock = 0;
    bool stockKnown = true;     // false: the shop does not track this product's stock
    int leadTimeDays = 0;       // the product's, or the default
    bool leadTimeKnown = false;
    std::int64_t costMinor = 0; // unit cost, else price (for the order value)
    std::string currency;
};
struct DemandHistory {
    std::vector<SkuHistory> skus;
    Timestamp firstWeekStart = 0; // the start of weekly[0]
    int weeks = 0;
};
// Products with at least `minSales` units sold in the history, weekly from the first order's week
// to the last full week before the newest order. Cancelled, failed and refunded orders are not
// demand.
DemandHistory demandHistory(store::Database& db, int defaultLeadTimeDays = 14, int minSales = 2);

struct StockOptions {
    double serviceLevel = 0.95; // cycle service level: P(no stock-out in a replenishment cycle)
    int defaultLeadTimeDays = 14;
    int choiceWeeks = 8;        // the forecast span of each backtest origin for the per-SKU choice
    int choiceOrigins = 3;      // rolling origins (the total error over them chooses)
    int horizon = 8;            // forecast weeks shown
};

struct StockPlan {
    std::int64_t productId = 0;
    std::string sku, title;
    DemandMethod method = DemandMethod::Naive;
    bool intermittent = false;
    std::vector<double> history;  // weekly units (the last 52 weeks at most)
    std::vector<double> forecast; // next `horizon` weeks
    double weeklyMean = 0, sigma = 0;
    double leadTimeWeeks = 0;
    double safetyStock = 0, reorderPoint = 0, orderUpTo = 0;
    std::int64_t stock = 0;
    bool stockKnown = true, leadTimeKnown = false;
    double stockoutProbability = 0;
    std::int64_t suggestedOrder = 0; // units; 0 = no order needed
    std::int64_t orderValueMinor = 0;
    std::int64_t unitCostMinor = 0; // unit cost, else price
    std::string currency;
};
struct StockReport {
    std::vector<StockPlan> plans; // suggested orders first (largest stock-out risk first), then the rest
    int weeks = 0;
    Timestamp historyEnd = 0;
    std::int64_t skusWithoutStock = 0; // stock not tracked or zero everywhere (orders-only imports)
};
StockReport planStock(store::Database& db, const StockOptions& options = {}, const Progress& progress = {});
// Recomputes safety stock, reorder point, order-up-to level, suggested order and the re-sort for
// another service level from the plans' forecasts (no store access, microseconds per SKU: the
// panel's slider).
void applyServiceLevel(StockReport& report, double serviceLevel);

// Purchase orders as CSV (sku,title,order_units,on_hand,reorder_point,lead_time_days,method,unit_cost,currency)
// for the plans with an order.
std::string purchaseOrdersCsv(const StockReport& report);

// ------------------------------------------------------------------ evaluation
struct MethodScore {
    std::string method;
    double mase = 0;       // mean over the SKUs scored
    std::int64_t skus = 0;
};
struct StockEval {
    int weeks = 0, testWeeks = 0;
    std::int64_t skus = 0, intermittent = 0, scored = 0; // scored: MASE defined (the naive scale > 0)
    std::vector<MethodScore> methods; // every method on every SKU (class-specific ones on their class)
    MethodScore chosen;               // the per-SKU choice (made on the weeks before the test)
    MethodScore naive;                // the baseline: naive (for weekly data the seasonal naive of m = 1, as M4)
    double serviceLevel = 0;
    double fillRate = 0;              // units served / units demanded in the replay, the product's reorder points
    double baselineFillRate = 0;      // reorder points from an 8-week moving average and its std
    double stockoutWeeksShare = 0, baselineStockoutWeeksShare = 0;
    double meanStockUnits = 0, baselineMeanStockUnits = 0; // mean on hand per SKU-week in the replay
    double seconds = 0;
};
// dropWeeks > 0 evaluates as if the newest weeks had not happened (recipe choices are made that
// way, never on the test weeks).
StockEval evalStock(store::Database& db, const StockOptions& options = {}, int testWeeks = 8, int dropWeeks = 0,
                    const Progress& progress = {});
std::string formatStockEval(const StockEval& e);
std::string stockEvalJson(const StockEval& e);

} // namespace shoppilot::logistics
