// What `shoppilot bench pricing` measures, each against a baseline timed in the same run:
//  - slider tick (one product: predict at the slider's price + demand/revenue/profit curves) on the
//    cached fitted parameters, vs re-reading the product's weeks from SQL and refitting it per tick;
//  - category batch optimisation of 3,000 products (closed-form optimum + rules + ladders), vs a
//    scalar grid search over 2,001 prices per product.
#pragma once

#include <string>

#include "common/progress.h"
#include "store/database.h"

namespace shoppilot::pricing {

struct BenchOptions {
    int ticks = 5000;         // slider ticks timed on the fitted path
    int baselineTicks = 200;  // ticks timed on the naive path
    int curvePoints = 121;
    int batchProducts = 3000;
    int batchRepeats = 20;
};

struct LatencyStats {
    int n = 0;
    double p50Ms = 0, p99Ms = 0, maxMs = 0, meanMs = 0;
};

struct BenchReport {
    std::string product;
    bool fitFromStore = false; // the active stored fit (else fitted in this run)
    double loadFitMs = 0;      // reading the stored fit (what the panel pays when it opens)
    LatencyStats slider, sliderBaseline;
    int batchProducts = 0;
    double batchMedianMs = 0, batchMaxMs = 0, batchBaselineMs = 0;
    double batchProfitGap = 0; // closed form vs grid search, mean relative profit difference
};

BenchReport runPricingBench(store::Database& db, const BenchOptions& options, const Progress& progress = {});
std::string benchReportJson(const BenchReport& r);
std::string benchReportText(const BenchReport& r);

} // namespace shoppilot::pricing
