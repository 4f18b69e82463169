// `shoppilot eval pricing`, `train pricing` and `bench pricing`.
#include <chrono>
#include <cstdio>
#include <iostream>

#include <QApplication>
#include <QEventLoop>
#include <QTimer>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "common/time.h"
#include "engine/engine.h"
#include "pricing/demand_model.h"
#include "pricing/pricing_bench.h"
#include "pricing/pricing_eval.h"
#include "pricing/pricing_panel.h"
#include "shell/job_runner.h"
#include "shell/view_state.h"
#include "store/database.h"

namespace shoppilot::app {

namespace {

std::optional<Timestamp> dateOpt(const Args& a, const std::string& key)
{
    const auto v = a.opt(key);
    if (!v)
        return std::nullopt;
    const auto t = parseTimestamp(*v);
    if (!t)
        throw UsageError("--" + key + " takes a date YYYY-MM-DD, not '" + *v + "'");
    return t;
}

int evalPricing(const Args& a)
{
    a.allowOnly({"db", "train-end"});
    engine::configureThreads();
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadOnly});
    pricing::EvalOptions o;
    // The day after --train-end: training covers that whole day.
    if (auto t = dateOpt(a, "train-end"))
        o.trainEnd = *t + kSecondsPerDay;
    const auto r = pricing::evaluatePricing(db, o, consoleProgress(a.flag("quiet") || a.flag("json")));
    if (a.flag("json"))
        std::cout << pricing::evalReportJson(r) << std::endl;
    else
        std::cout << pricing::evalReportText(r);
    return 0;
}

int trainPricing(const Args& a)
{
    a.allowOnly({"db"});
    engine::configureThreads();
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadWrite});
    const auto progress = consoleProgress(a.flag("quiet") || a.flag("json"));
    const auto t0 = std::chrono::steady_clock::now();
    const auto data = pricing::loadDemandData(db, {}, progress);
    auto fit = pricing::fitDemand(data, {}, progress);
    fit.trainedAt = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    int withE = 0;
    for (const auto& p : fit.products)
        withE += p.hasElasticity();
    const nlohmann::json metrics{{"products", fit.products.size()}, {"with_elasticity", withE}, {"weeks", fit.weeks},
                                 {"deviance", fit.deviance}, {"seconds", secs}};
    const int version = pricing::saveFit(db, fit, metrics.dump());
    if (a.flag("json")) {
        auto j = metrics;
        j["model"] = pricing::kDemandModelName;
        j["version"] = version;
        std::cout << j.dump() << std::endl;
    } else {
        std::printf("%s v%d: %zu products (%d with an elasticity of their own), %d weeks, %.1f s\n",
                    pricing::kDemandModelName, version, fit.products.size(), withE, fit.weeks, secs);
    }
    return 0;
}

int benchPricing(const Args& a)
{
    a.allowOnly({"db", "ticks", "products"});
    engine::configureThreads();
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadOnly});
    pricing::BenchOptions o;
    o.ticks = a.intOpt("ticks", o.ticks);
    o.batchProducts = a.intOpt("products", o.batchProducts);
    const auto r = pricing::runPricingBench(db, o, consoleProgress(a.flag("quiet") || a.flag("json")));
    if (a.flag("json"))
        std::cout << pricing::benchReportJson(r) << std::endl;
    else
        std::cout << pricing::benchReportText(r);
    return 0;
}

// The slider tick as the user gets it: the panel over the store, the price set, the events
// processed (labels and the three charts' markers repainted). Baseline in the same run: the same
// tick that also recomputes the curves and rebuilds the charts, as a panel without a cheap marker
// update would.
int benchPricingUi(const Args& a)
{
    a.allowOnly({"db", "ticks"});
    const std::string path = a.required("db");
    const int ticks = a.intOpt("ticks", 500);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int argc = 1;
    char name[] = "shoppilot";
    char* argv[] = {name, nullptr};
    QApplication app(argc, argv);
    engine::configureThreads();
    ui::ViewState view;
    ui::JobRunner jobs;
    ui::PricingPanel panel(ui::PanelContext{&view, &jobs});
    panel.resize(1400, 900);
    panel.show();
    QEventLoop loop;
    QObject::connect(&panel, &ui::PricingPanel::modelLoaded, &loop, &QEventLoop::quit);
    QObject::connect(&panel, &ui::PricingPanel::modelMissing, &loop, &QEventLoop::quit);
    QObject::connect(&panel, &ui::PricingPanel::loadFailed, &loop, &QEventLoop::quit);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    view.setStorePath(QString::fromStdString(path));
    loop.exec();
    if (!panel.hasModel())
        throw Error(ErrorCode::InvalidArgument, "the store has no demand model: run `shoppilot train pricing --db " + path
                                                    + "` first");
    const double p0 = panel.fit()->find(panel.currentProduct())->price;
    std::vector<double> setMs;
    auto run = [&](int n, bool rebuild) {
        std::vector<double> ms;
        setMs.clear();
        for (int k = 0; k < n; ++k) {
            const double price = p0 * (0.6 + 0.8 * double(k % 100) / 99.0);
            const auto t0 = std::chrono::steady_clock::now();
            if (rebuild)
                panel.drawCurves();
            panel.setPrice(price);
            setMs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            QCoreApplication::processEvents();
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
        std::sort(ms.begin(), ms.end());
        auto q = [&](double f) { return ms[std::min(ms.size() - 1, std::size_t(f * double(ms.size() - 1) + 0.5))]; };
        return std::array<double, 3>{q(0.5), q(0.99), ms.back()};
    };
    run(20, false); // warm-up: first paints build caches
    const auto tick = run(ticks, false);
    std::sort(setMs.begin(), setMs.end());
    const double setP50 = setMs[setMs.size() / 2], setP99 = setMs[std::min(setMs.size() - 1, setMs.size() * 99 / 100)];
    const auto base = run(std::max(20, ticks / 5), true);
    if (a.flag("json")) {
        std::cout << nlohmann::json{{"ticks", ticks}, {"tick_p50_ms", tick[0]}, {"tick_p99_ms", tick[1]}, {"tick_max_ms", tick[2]},
                                    {"rebuild_p50_ms", base[0]}, {"rebuild_p99_ms", base[1]}, {"rebuild_max_ms", base[2]},
                                    {"goal_p99_ms", 16.7}, {"set_p50_ms", setP50}, {"set_p99_ms", setP99}, {"platform", QGuiApplication::platformName().toStdString()}}
                         .dump()
                  << std::endl;
    } else {
        std::printf("Pricing panel slider tick (%s platform, %d ticks): p50 %.3f ms  p99 %.3f ms  max %.3f ms\n",
                    qPrintable(QGuiApplication::platformName()), ticks, tick[0], tick[1], tick[2]);
        std::printf("  of which setting the price (model + labels + marker), before painting: p50 %.3f ms  p99 %.3f ms\n",
                    setP50, setP99);
        std::printf("  baseline, curves recomputed and charts rebuilt every tick:  p50 %.3f ms  p99 %.3f ms  max %.3f ms\n",
                    base[0], base[1], base[2]);
    }
    return 0;
}

RegisterModuleCommand regEval{{"eval", "pricing",
                               "  shoppilot eval pricing --db STORE [--train-end YYYY-MM-DD]\n"
                               "                                                 elasticities (vs planted truth on demo stores),\n"
                               "                                                 intervals, weekly-units backtest (MASE)\n",
                               evalPricing}};
RegisterModuleCommand regTrain{{"train", "pricing",
                                "  shoppilot train pricing --db STORE              fit the demand model, store it (models table)\n",
                                trainPricing}};
RegisterModuleCommand regBench{{"bench", "pricing",
                                "  shoppilot bench pricing --db STORE [--ticks N] [--products N]\n"
                                "                                                 slider tick p99 and 3,000-product batch, vs baselines\n",
                                benchPricing}};
RegisterModuleCommand regBenchUi{{"bench", "pricing-ui",
                                  "  shoppilot bench pricing-ui --db STORE [--ticks N]\n"
                                  "                                                 the panel's slider tick incl. repaint, vs rebuilding the charts\n",
                                  benchPricingUi}};

} // namespace

} // namespace shoppilot::app
