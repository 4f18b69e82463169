#include "pricing/pricing_eval.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>

#include <nlohmann/json.hpp>

#include "common/time.h"

namespace shoppilot::pricing {

namespace {

constexpr Timestamp kWeek = 7 * kSecondsPerDay;

double median(std::vector<double> v)
{
    if (v.empty())
        return NAN;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double mean(const std::vector<double>& v)
{
    return v.empty() ? NAN : std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}

// log(units + 0.5) on log(price), no controls: what a spreadsheet would estimate.
double naiveSlope(const DemandData& d, std::size_t i, int weeksTo)
{
    const std::size_t W = std::size_t(d.weeks);
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int n = 0;
    for (int w = d.firstFullWeek; w < weeksTo; ++w) {
        const std::size_t k = i * W + std::size_t(w);
        if (!d.live[k])
            continue;
        const double x = std::log(d.price[k]), y = std::log(d.units[k] + 0.5);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        ++n;
    }
    const double den = n * sxx - sx * sx;
    return n >= 3 && den > 1e-12 ? (n * sxy - sx * sy) / den : NAN;
}

bool enoughVariation(const ProductDemand& p, int minPoints)
{
    return p.hasElasticity() && p.pricePoints >= minPoints && !(p.flags & (kFlagNoVariation | kFlagNoSales | kFlagFewWeeks));
}

} // namespace

EvalReport evaluatePricing(store::Database& db, const EvalOptions& options, const Progress& progress)
{
    ProgressReporter rep(progress);
    EvalReport r;
    r.store = db.path();

    // 1. Elasticities on every full week.
    const DemandData all = loadDemandData(db, {}, rep.sub(0, 0.15).callback());
    const auto t0 = std::chrono::steady_clock::now();
    const DemandFit fit = fitDemand(all, {}, rep.sub(0.15, 0.5).callback());
    r.fitSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    r.products = int(fit.products.size());
    for (const auto& p : fit.products) {
        r.fitted += p.hasElasticity();
        r.flagNoSales += bool(p.flags & kFlagNoSales);
        r.flagNoVariation += bool(p.flags & kFlagNoVariation);
        r.flagFewPoints += bool(p.flags & kFlagFewPricePoints);
        r.flagShrunk += bool(p.flags & kFlagShrunk);
        r.flagFewWeeks += bool(p.flags & kFlagFewWeeks);
    }

    // 2. Planted truth (demo stores): scoring only, the model above never saw it.
    std::map<store::Id, double> truth;
    {
        const auto has = db.queryInt("SELECT COUNT(*) FROM truth_products");
        if (has && *has > 0) {
            auto st = db.prepare("SELECT product_id, elasticity FROM truth_products");
            while (st.step())
                truth[st.columnInt(0)] = st.columnDouble(1);
        }
    }
    if (!truth.empty()) {
        r.hasTruth = true;
        std::vector<double> eModel, cModel, eRaw, cRaw, eNaive, eCat, cCat, eAll, cAll, eInf, cInf;
        for (std::size_t i = 0; i < fit.products.size(); ++i) {
            const auto& p = fit.products[i];
            auto it = truth.find(p.productId);
            if (it == truth.end() || !p.hasElasticity())
                continue;
            const double t = it->second;
            eAll.push_back(std::abs(p.elasticity - t));
            cAll.push_back(t >= p.elasticityLow() && t <= p.elasticityHigh());
            if (!enoughVariation(p, options.minPricePoints))
                continue;
            eModel.push_back(std::abs(p.elasticity - t));
            cModel.push_back(t >= p.elasticityLow() && t <= p.elasticityHigh());
            if (!(p.flags & kFlagShrunk)) {
                eInf.push_back(eModel.back());
                cInf.push_back(cModel.back());
            }
            eRaw.push_back(std::abs(p.rawElasticity - t));
            cRaw.push_back(std::abs(p.rawElasticity - t) <= kZ90 * p.rawSe);
            const double ns = naiveSlope(all, i, all.weeks);
            if (std::isfinite(ns))
                eNaive.push_back(std::abs(ns - t));
            if (const auto* c = fit.prior(p.categoryId)) {
                eCat.push_back(std::abs(c->mean - t));
                cCat.push_back(std::abs(c->mean - t) <= kZ90 * std::hypot(c->tau, c->meanSe));
            }
        }
        r.truthProducts = int(eModel.size());
        r.elasticityMae = mean(eModel);
        r.intervalCoverage = mean(cModel);
        r.methods.push_back({"model (Poisson log-log + controls, shrunk)", int(eModel.size()), mean(eModel), mean(cModel)});
        r.methods.push_back({"model before shrinkage (own data only)", int(eRaw.size()), mean(eRaw), mean(cRaw)});
        r.methods.push_back({"naive OLS log(units+0.5) ~ log(price), no controls", int(eNaive.size()), mean(eNaive), NAN});
        r.methods.push_back({"category mean elasticity (prior only)", int(eCat.size()), mean(eCat), mean(cCat)});
        r.methods.push_back({"model, every product with an estimate", int(eAll.size()), mean(eAll), mean(cAll)});
        r.methods.push_back({"model, own data outweighs the prior (not 'shrunk')", int(eInf.size()), mean(eInf), mean(cInf)});
        r.informativeProducts = int(eInf.size());
        r.informativeMae = mean(eInf);
        r.informativeCoverage = mean(cInf);
    }

    // 3. Items with enough distinct prices: distribution and table.
    {
        std::vector<const ProductDemand*> ok;
        for (const auto& p : fit.products)
            if (enoughVariation(p, options.minPricePoints))
                ok.push_back(&p);
        r.enoughPrices = int(ok.size());
        std::vector<double> est, width;
        int neg = 0, below = 0;
        for (const auto* p : ok) {
            est.push_back(p->elasticity);
            width.push_back(p->elasticityHigh() - p->elasticityLow());
            neg += p->elasticity < 0;
            below += p->elasticityHigh() < 0;
        }
        r.medianElasticity = median(est);
        r.medianIntervalWidth = median(width);
        if (!ok.empty()) {
            r.shareNegative = double(neg) / double(ok.size());
            r.shareIntervalBelowZero = double(below) / double(ok.size());
        }
        std::sort(ok.begin(), ok.end(), [](auto* a, auto* b) { return a->unitsTotal > b->unitsTotal; });
        for (std::size_t k = 0; k < ok.size() && int(k) < options.tableRows; ++k) {
            const auto& p = *ok[k];
            ElasticityRow row;
            row.productId = p.productId;
            row.sku = p.sku;
            row.title = p.title;
            row.pricePoints = p.pricePoints;
            row.weeks = p.weeks;
            row.units = p.unitsTotal;
            row.minPrice = p.minPrice;
            row.maxPrice = p.maxPrice;
            row.estimate = p.elasticity;
            row.low = p.elasticityLow();
            row.high = p.elasticityHigh();
            row.raw = p.rawElasticity;
            row.priorWeight = p.priorWeight;
            row.flags = p.flags;
            if (auto it = truth.find(p.productId); it != truth.end())
                row.truth = it->second;
            r.table.push_back(row);
        }
    }

    // 4. Backtest: weeks aligned so that the cut-off is a week boundary.
    {
        Timestamp cut;
        if (options.trainEnd) {
            cut = *options.trainEnd;
        } else {
            cut = all.weekStart + Timestamp(std::max(all.firstFullWeek + 4, all.weeks - 13)) * kWeek;
        }
        FitOptions fo;
        fo.weekAnchor = cut;
        fo.trainEnd = cut;
        const DemandData d = loadDemandData(db, fo, rep.sub(0.5, 0.6).callback());
        const DemandFit bt = fitDemand(d, fo, rep.sub(0.6, 0.95).callback());
        const std::size_t W = std::size_t(d.weeks);
        r.trainEnd = cut;
        r.trainWeeks = bt.weeks - d.firstFullWeek;
        r.testWeeks = d.weeks - bt.weeks;
        r.naiveNote = r.trainWeeks >= 52 + 4
            ? "seasonal naive: the same week one year earlier"
            : "fewer than 52+ training weeks, so no same-week-last-year exists: the seasonal-naive forecast falls back "
              "to naive (the last training week's units for every test week); MASE scale = in-sample mean |y_t - y_t-1|";
        const bool seasonal = r.trainWeeks >= 52 + 4;
        std::vector<double> mModel, mNaive, mMean4;
        for (std::size_t i = 0; i < bt.products.size(); ++i) {
            const auto& p = bt.products[i];
            if (p.flags & kFlagNoSales || p.pricePoints < options.minPricePoints)
                continue;
            double scale = 0;
            int ns = 0;
            double prev = NAN;
            std::vector<double> train;
            for (int w = d.firstFullWeek; w < bt.weeks; ++w) {
                const std::size_t k = i * W + std::size_t(w);
                if (!d.live[k])
                    continue;
                if (std::isfinite(prev)) {
                    scale += std::abs(d.units[k] - prev);
                    ++ns;
                }
                prev = d.units[k];
                train.push_back(d.units[k]);
            }
            if (ns == 0 || scale <= 0 || train.size() < 4)
                continue;
            scale /= ns;
            const double last = train.back();
            const double mean4 = (train[train.size() - 1] + train[train.size() - 2] + train[train.size() - 3] + train[train.size() - 4]) / 4;
            double eModel = 0, eNaive = 0, eMean4 = 0;
            int n = 0;
            for (std::size_t w = std::size_t(bt.weeks); w < W; ++w) {
                const std::size_t k = i * W + w;
                if (!d.live[k] || !std::isfinite(bt.heldOut[k]))
                    continue;
                const double y = d.units[k];
                double naive = last;
                if (seasonal && w >= 52 && d.live[k - 52])
                    naive = d.units[k - 52];
                eModel += std::abs(y - bt.heldOut[k]);
                eNaive += std::abs(y - naive);
                eMean4 += std::abs(y - mean4);
                ++n;
            }
            if (n == 0)
                continue;
            mModel.push_back(eModel / n / scale);
            mNaive.push_back(eNaive / n / scale);
            mMean4.push_back(eMean4 / n / scale);
        }
        r.backtest.push_back({"demand model (actual test-week prices, promotions, competitors)", int(mModel.size()), mean(mModel), median(mModel)});
        r.backtest.push_back({seasonal ? "seasonal naive" : "seasonal naive -> naive (last training week)", int(mNaive.size()), mean(mNaive), median(mNaive)});
        r.backtest.push_back({"mean of the last 4 training weeks", int(mMean4.size()), mean(mMean4), median(mMean4)});
        r.backtestMase = mean(mModel);
    }
    rep.report(1, "evaluation done");
    return r;
}

namespace {

nlohmann::json jnum(double v)
{
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

} // namespace

std::string evalReportJson(const EvalReport& r)
{
    nlohmann::json j;
    j["store"] = r.store;
    j["products"] = r.products;
    j["with_elasticity"] = r.fitted;
    j["flags"] = {{"no_sales", r.flagNoSales}, {"no_variation", r.flagNoVariation}, {"few_price_points", r.flagFewPoints},
                  {"shrunk", r.flagShrunk}, {"few_weeks", r.flagFewWeeks}};
    j["fit_seconds"] = r.fitSeconds;
    j["has_truth"] = r.hasTruth;
    j["truth_products"] = r.truthProducts;
    j["elasticity_mae"] = jnum(r.elasticityMae);
    j["interval_coverage"] = jnum(r.intervalCoverage);
    j["informative_products"] = r.informativeProducts;
    j["elasticity_mae_informative"] = jnum(r.informativeMae);
    j["interval_coverage_informative"] = jnum(r.informativeCoverage);
    auto& methods = j["elasticity_methods"] = nlohmann::json::array();
    for (const auto& m : r.methods)
        methods.push_back({{"method", m.method}, {"products", m.products}, {"mae", jnum(m.mae)}, {"coverage", jnum(m.coverage)}});
    j["items_enough_prices"] = r.enoughPrices;
    j["median_elasticity"] = jnum(r.medianElasticity);
    j["share_negative"] = jnum(r.shareNegative);
    j["share_interval_below_zero"] = jnum(r.shareIntervalBelowZero);
    j["median_interval_width"] = jnum(r.medianIntervalWidth);
    auto& table = j["elasticities"] = nlohmann::json::array();
    for (const auto& t : r.table)
        table.push_back({{"product_id", t.productId}, {"sku", t.sku}, {"title", t.title}, {"price_points", t.pricePoints},
                         {"weeks", t.weeks}, {"units", t.units}, {"min_price", t.minPrice}, {"max_price", t.maxPrice},
                         {"elasticity", jnum(t.estimate)}, {"low", jnum(t.low)}, {"high", jnum(t.high)},
                         {"raw", jnum(t.raw)}, {"prior_weight", t.priorWeight}, {"flags", t.flags}, {"truth", jnum(t.truth)}});
    j["backtest_train_end"] = formatDate(r.trainEnd);
    j["backtest_train_weeks"] = r.trainWeeks;
    j["backtest_test_weeks"] = r.testWeeks;
    j["backtest_naive_note"] = r.naiveNote;
    j["backtest_mase"] = jnum(r.backtestMase);
    auto& bt = j["backtest"] = nlohmann::json::array();
    for (const auto& b : r.backtest)
        bt.push_back({{"method", b.method}, {"products", b.products}, {"mean_mase", jnum(b.meanMase)}, {"median_mase", jnum(b.medianMase)}});
    if (r.backtest.size() > 1)
        j["backtest_naive_mase"] = jnum(r.backtest[1].meanMase);
    return j.dump();
}

std::string evalReportText(const EvalReport& r)
{
    std::string out;
    char buf[512];
    auto line = [&](const char* fmt, auto... args) {
        std::snprintf(buf, sizeof buf, fmt, args...);
        out += buf;
        out += '\n';
    };
    line("Pricing evaluation: %s", r.store.c_str());
    line("products %d, with an elasticity of their own %d (fit %.1f s)", r.products, r.fitted, r.fitSeconds);
    line("flags: no sales %d, no price variation %d, fewer than %d prices %d, shrunk to category %d, few weeks %d",
         r.flagNoSales, r.flagNoVariation, demandRecipe().minPricePoints, r.flagFewPoints, r.flagShrunk, r.flagFewWeeks);
    if (r.hasTruth) {
        line("");
        line("Elasticity vs planted truth (products with >= %d prices and enough weeks: %d)", demandRecipe().minPricePoints, r.truthProducts);
        line("  %-58s %8s %8s %9s", "method", "products", "MAE", "90% cov.");
        for (const auto& m : r.methods) {
            char cov[16] = "-";
            if (std::isfinite(m.coverage))
                std::snprintf(cov, sizeof cov, "%.1f%%", 100 * m.coverage);
            line("  %-58s %8d %8.3f %9s", m.method.c_str(), m.products, m.mae, cov);
        }
    }
    line("");
    line("Items with >= %d distinct prices: %d; median elasticity %.2f; negative %.0f%%; 90%% interval entirely < 0: %.0f%%; median interval width %.2f",
         demandRecipe().minPricePoints, r.enoughPrices, r.medianElasticity, 100 * r.shareNegative, 100 * r.shareIntervalBelowZero, r.medianIntervalWidth);
    line("  %-12s %-34s %6s %5s %8s %15s %7s %17s %7s %6s", "sku", "title", "prices", "weeks", "units", "price range",
         "elast.", "90% interval", "raw", "truth");
    for (const auto& t : r.table) {
        std::string title = t.title.substr(0, 34);
        char range[40], iv[40], tr[16];
        std::snprintf(range, sizeof range, "%.2f-%.2f", t.minPrice, t.maxPrice);
        std::snprintf(iv, sizeof iv, "[%.2f, %.2f]", t.low, t.high);
        if (std::isfinite(t.truth))
            std::snprintf(tr, sizeof tr, "%.2f", t.truth);
        else
            std::snprintf(tr, sizeof tr, "-");
        line("  %-12s %-34s %6d %5d %8.0f %15s %7.2f %17s %7.2f %6s", t.sku.substr(0, 12).c_str(), title.c_str(),
             t.pricePoints, t.weeks, t.units, range, t.estimate, iv, t.raw, tr);
    }
    line("");
    line("Backtest: train to %s (%d weeks), test %d weeks; weekly units, MASE (lower is better)",
         formatDate(r.trainEnd - 1).c_str(), r.trainWeeks, r.testWeeks);
    line("  note: %s", r.naiveNote.c_str());
    line("  %-66s %8s %9s %11s", "method", "products", "mean MASE", "median MASE");
    for (const auto& b : r.backtest)
        line("  %-66s %8d %9.3f %11.3f", b.method.c_str(), b.products, b.meanMase, b.medianMase);
    return out;
}

} // namespace shoppilot::pricing
