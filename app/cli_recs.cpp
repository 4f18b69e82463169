// `shoppilot eval recs`, `train recs` and `bench recs`: the recommenders' evaluation on public
// data sets or a store's held-out events, training into the store's models table, and latency
// benchmarks.
#include "cli_common.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/error.h"
#include "common/random.h"
#include "engine/engine.h"
#include "recs/recipe.h"
#include "recs/recs_eval.h"
#include "recs/recs_service.h"
#include "recs/recs_store.h"
#include "store/database.h"

namespace shoppilot::app {

namespace {

using nlohmann::json;

const std::vector<std::string> kTrainOptions{"seed", "epochs", "patience", "eval-every", "dim", "max-len", "blocks",
                                             "heads", "dropout", "lr", "batch", "val-users", "pop-window", "threads", "pop-counts", "negatives", "calibrate-pop",
                                             "select-on", "weight-decay", "label-smoothing"};

recs::TrainOptions trainOptions(const Args& a, recs::TrainOptions o = {})
{
    o.seed = std::uint64_t(a.intOpt("seed", int(o.seed)));
    o.maxEpochs = a.intOpt("epochs", o.maxEpochs);
    o.patience = a.intOpt("patience", o.patience);
    o.evalEvery = a.intOpt("eval-every", o.evalEvery);
    o.dim = a.intOpt("dim", o.dim);
    o.maxLen = a.intOpt("max-len", o.maxLen);
    o.blocks = a.intOpt("blocks", o.blocks);
    o.heads = a.intOpt("heads", o.heads);
    o.dropout = a.doubleOpt("dropout", o.dropout);
    o.lr = a.doubleOpt("lr", o.lr);
    o.batchSize = a.intOpt("batch", o.batchSize);
    o.negatives = a.intOpt("negatives", o.negatives);
    o.calibratePopularity = a.intOpt("calibrate-pop", o.calibratePopularity ? 1 : 0) != 0;
    o.validationUsers = a.intOpt("val-users", o.validationUsers);
    o.weightDecay = a.doubleOpt("weight-decay", o.weightDecay);
    o.labelSmoothing = a.doubleOpt("label-smoothing", o.labelSmoothing);
    if (auto s = a.opt("select-on")) {
        if (*s != "full" && *s != "sampled99")
            throw UsageError("--select-on must be full or sampled99 (the validation metric for early stopping)");
        o.selectOnSampled = *s == "sampled99";
    }
    o.popWindow = a.intOpt("pop-window", o.popWindow);
    if (auto c = a.opt("pop-counts")) {
        if (*c != "train" && *c != "all")
            throw UsageError("--pop-counts must be train (default) or all (S3-Rec's PopRec: counts the held-out items too)");
        o.popCountHeldOut = *c == "all";
    }
    if (o.maxEpochs < 1 || o.dim < 1 || o.maxLen < 1 || o.heads < 1 || o.dim % o.heads != 0 || o.batchSize < 1
        || o.dropout < 0 || o.dropout >= 1 || o.lr <= 0)
        throw UsageError("training options out of range (epochs, dim, max-len, batch >= 1; dim divisible by heads; "
                         "0 <= dropout < 1; lr > 0)");
    return o;
}

std::string fmt(double v, int prec = 4)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(prec) << v;
    return os.str();
}

json spreadJson(const std::map<std::string, recs::MetricSpread>& ms)
{
    json pm = json::object();
    for (const auto& [k, v] : ms)
        pm[k] = {{"mean", v.mean}, {"std", v.std}};
    return pm;
}

json recipeJson(const recs::Recipe& r)
{
    const auto& o = r.train;
    return {{"model", recs::modelKindName(r.kind)}, {"max_epochs", o.maxEpochs}, {"patience", o.patience},
            {"eval_every", o.evalEvery}, {"dim", o.dim}, {"max_len", o.maxLen}, {"blocks", o.blocks},
            {"heads", o.heads}, {"dropout", o.dropout}, {"lr", o.lr}, {"weight_decay", o.weightDecay},
            {"batch", o.batchSize}, {"negatives", o.negatives}, {"validation_users", o.validationUsers},
            {"pop_window", o.popWindow}, {"popularity_prior", o.calibratePopularity},
            {"select_checkpoint_on", o.selectOnSampled ? "validation sampled99 NDCG@10" : "validation full NDCG@10"},
            {"prior_weight_chosen_on", "validation " + recs::protocolName(recs::kServedProtocol) + " NDCG@10"},
            {"label_smoothing", o.labelSmoothing}};
}

// [[seconds since training began, validation NDCG@10], ...]: the time-to-quality curve.
json curveJson(const recs::TrainReport& rep)
{
    json c = json::array();
    for (std::size_t k = 0; k < rep.validationCurve.size() && k < rep.validationSeconds.size(); ++k)
        c.push_back({rep.validationSeconds[k], rep.validationCurve[k]});
    return c;
}

json resultJson(const recs::EvalResult& r, const recs::Recipe& recipe)
{
    json seeds = json::array();
    for (std::size_t i = 0; i < r.reports.size(); ++i) {
        json m = json::object();
        for (const auto& [p, per] : r.perSeedByProtocol) {
            json pm = json::object();
            for (const auto& [k, v] : per[i].named())
                pm[k] = v;
            m[p] = pm;
        }
        const auto& rep = r.reports[i];
        seeds.push_back({{"seed", recipe.train.seed + i}, {"metrics", m}, {"train_seconds", rep.seconds},
                         {"epochs", rep.epochs}, {"best_epoch", rep.bestEpoch},
                         {"seconds_per_epoch", rep.secondsPerEpoch},
                         {"best_validation_ndcg10", rep.bestValidationNdcg10},
                         {"prior_weight", r.priorWeights[i]},
                         {"validation_served_ndcg10", r.validationPerSeed[i].ndcg10},
                         {"validation_curve", curveJson(rep)}});
    }
    json byProtocol = json::object(), plain = json::object();
    for (const auto& [p, ms] : r.metricsByProtocol)
        byProtocol[p] = spreadJson(ms);
    for (const auto& [p, ms] : r.plainMetricsByProtocol)
        plain[p] = spreadJson(ms);
    return {{"model", r.model},
            {"protocol", r.protocol},
            {"data", r.dataName},
            {"users", r.users},
            {"items", r.items},
            {"actions", r.actions},
            {"test_cases", r.testCases},
            {"recipe", recipeJson(recipe)},
            {"served", "by_protocol: the recipe as the app serves it (model + popularity prior); plain_by_protocol: "
                       "the same trained models without the prior"},
            {"metrics", spreadJson(r.metrics)},
            {"by_protocol", byProtocol},
            {"plain_by_protocol", plain},
            {"train_seconds", r.trainSecondsMean},
            {"train_seconds_total", r.trainSecondsTotal},
            {"eval_seconds", r.evalSeconds},
            {"seeds", seeds}};
}

void printMetricsTable(const std::string& title, const std::map<std::string, recs::MetricSpread>& ms)
{
    std::cout << "\n  " << title << "\n  metric     mean     std\n";
    for (const auto& name : recs::metricNames()) {
        const auto& s = ms.at(name);
        std::cout << "  " << std::left << std::setw(8) << name << std::right << "  " << fmt(s.mean) << "  "
                  << fmt(s.std) << "\n";
    }
}

void printResult(const recs::EvalResult& r)
{
    std::cout << "recs eval: " << r.model << ", " << r.dataName << "\n"
              << "  " << r.users << " users, " << r.items << " items, " << r.actions << " actions, " << r.testCases
              << " test users (leave-one-out), " << r.reports.size() << " seed(s)\n";
    for (const auto& p : r.protocols) {
        printMetricsTable("protocol " + p + (r.hasPrior ? ": as served (model + popularity prior)" : ""),
                          r.metricsByProtocol.at(p));
        if (r.hasPrior)
            printMetricsTable("protocol " + p + ": plain " + r.model + " (same models, no prior)",
                              r.plainMetricsByProtocol.at(p));
    }
    if (r.hasPrior) {
        std::cout << "\n  popularity prior weight chosen on validation (" << recs::protocolName(recs::kServedProtocol)
                  << " NDCG@10), per seed:";
        for (double b : r.priorWeights)
            std::cout << " " << fmt(b, 2);
    }
    std::cout << "\n  train seconds per seed (mean): " << fmt(r.trainSecondsMean, 1) << "\n";
    for (std::size_t i = 0; i < r.reports.size(); ++i) {
        const auto& rep = r.reports[i];
        std::cout << "  seed " << i << ": " << rep.epochs << " epochs (best " << rep.bestEpoch << ", validation NDCG@10 "
                  << fmt(rep.bestValidationNdcg10) << "), " << fmt(rep.secondsPerEpoch, 2) << " s/epoch, "
                  << fmt(rep.seconds, 1) << " s\n";
        if (!rep.validationSeconds.empty()) {
            std::cout << "    validation NDCG@10 by training time:";
            for (std::size_t k = 0; k < rep.validationCurve.size() && k < rep.validationSeconds.size(); ++k)
                std::cout << (k % 8 == 0 ? "\n     " : "") << " " << fmt(rep.validationSeconds[k], 0) << "s "
                          << fmt(rep.validationCurve[k]);
            std::cout << "\n";
        }
    }
}

// A wrong option value is a usage error (exit 2), not a failure of the work.
template <typename F>
auto parsed(F f)
{
    try {
        return f();
    } catch (const Error& e) {
        throw UsageError(e.what());
    }
}

int cmdEvalRecs(const Args& a)
{
    auto known = kTrainOptions;
    for (const char* k : {"data", "format", "model", "protocol", "seeds", "db"})
        known.push_back(k);
    a.allowOnly(known);
    engine::configureThreads(a.intOpt("threads", 2));
    const auto kind = parsed([&] { return recs::parseModelKind(a.opt("model").value_or("sasrec")); });
    // The recipe the app trains and serves; flags override it (then it is no longer what is served).
    auto recipe = recs::defaultRecipe(kind);
    recipe.train = trainOptions(a, recipe.train);
    std::vector<recs::Protocol> protocols;
    {
        std::stringstream ss(a.opt("protocol").value_or("sampled99"));
        std::string part;
        while (std::getline(ss, part, ','))
            protocols.push_back(parsed([&] { return recs::parseProtocol(part); }));
        if (protocols.empty())
            throw UsageError("--protocol needs sampled99, sampled100 or full");
    }
    const int seeds = a.intOpt("seeds", 3);
    if (seeds < 1)
        throw UsageError("--seeds must be at least 1");
    recs::SequenceData data;
    std::string name;
    if (auto db = a.opt("db")) {
        if (a.opt("data"))
            throw UsageError("give either --data FILE or --db STORE, not both");
        auto store = store::Database::open(*db, {store::OpenMode::ReadOnly});
        data = recs::loadStoreSequences(store).data;
        name = *db + " (store events)";
    } else {
        const auto path = a.opt("data");
        if (!path)
            throw UsageError("usage: shoppilot eval recs --data FILE --format s3rec|pairs | --db STORE ...");
        const auto format = parsed([&] { return recs::parseFileFormat(a.opt("format").value_or("s3rec")); });
        data = recs::loadSequenceFile(*path, format);
        name = *path;
    }
    auto r = recs::evaluate(data, recipe, protocols, seeds, consoleProgress(a.flag("quiet") || a.flag("json")));
    r.dataName = name;
    if (a.flag("json"))
        std::cout << resultJson(r, recipe).dump() << std::endl;
    else
        printResult(r);
    return 0;
}

const RegisterModuleCommand kEval{{"eval", "recs",
                                   "  shoppilot eval recs (--data FILE --format s3rec|pairs | --db STORE)\n"
                                   "          --model pop|itemknn|bpr|sasrec --protocol sampled99|sampled100|full\n"
                                   "          [--seeds 3] [--epochs N --dropout P --lr X --dim D --max-len L ...]\n"
                                   "          [--select-on full|sampled99 --weight-decay W --label-smoothing S]\n"
                                   "                                                 leave-one-out evaluation of a recommender\n",
                                   cmdEvalRecs}};

int cmdTrainRecs(const Args& a)
{
    auto known = kTrainOptions;
    known.push_back("db");
    known.push_back("model");
    a.allowOnly(known);
    engine::configureThreads(a.intOpt("threads", 2));
    recs::StoreTrainOptions so;
    trainOptions(a); // a bad flag is a usage error before any work
    // Each model's recipe as `eval recs` measures it, with the flags given on top.
    so.adjust = [&a](recs::Recipe& r) { r.train = trainOptions(a, r.train); };
    if (auto m = a.opt("model")) {
        so.models.clear();
        std::stringstream ss(*m);
        std::string part;
        while (std::getline(ss, part, ','))
            so.models.push_back(parsed([&] { return recs::parseModelKind(part); }));
    }
    const auto path = a.opt("db");
    if (!path)
        throw UsageError("usage: shoppilot train recs --db STORE [--model pop,itemknn,bpr,sasrec]");
    auto db = store::Database::open(*path, {store::OpenMode::ReadWrite});
    const auto results = recs::trainOnStore(db, so, consoleProgress(a.flag("quiet") || a.flag("json")));
    auto at = [](const std::map<std::string, double>& m, const char* k) {
        auto it = m.find(k);
        return it == m.end() ? 0.0 : it->second;
    };
    if (a.flag("json")) {
        json models = json::array();
        for (const auto& m : results)
            models.push_back({{"model", m.model}, {"version", m.version}, {"validation", m.validation},
                              {"full", m.full}, {"sampled99", m.sampled99}, {"prior_weight", m.priorWeight},
                              {"served", m.served}, {"refit_all_events", m.refitOnAllEvents},
                              {"refit_epochs", m.refitEpochs}, {"train_seconds", m.trainSeconds},
                              {"epochs", m.epochs}, {"test_users", m.testUsers}});
        std::cout << json{{"store", *path},
                          {"chosen_on", "validation NDCG@10, full ranking (each customer's second-to-last event)"},
                          {"models", models}}
                         .dump()
                  << std::endl;
        return 0;
    }
    std::cout << "recs models trained on " << *path
              << " (validation: each customer's second-to-last event; test: the last)\n\n"
              << "  model     ver  val NDCG@10  test HR@10  test NDCG@10  s99 HR@10  s99 NDCG@10  prior  train s  epochs\n";
    const recs::StoreModelMetrics* served = nullptr;
    for (const auto& m : results) {
        if (m.served)
            served = &m;
        std::cout << "  " << std::left << std::setw(8) << m.model << std::right << std::setw(5) << m.version << "  "
                  << std::setw(11) << fmt(at(m.validation, "NDCG@10")) << "  " << std::setw(10)
                  << fmt(at(m.full, "HR@10")) << "  " << std::setw(12) << fmt(at(m.full, "NDCG@10")) << "  "
                  << std::setw(9) << fmt(at(m.sampled99, "HR@10")) << "  " << std::setw(11)
                  << fmt(at(m.sampled99, "NDCG@10")) << "  " << std::setw(5) << fmt(m.priorWeight, 2) << "  "
                  << std::setw(7) << fmt(m.trainSeconds, 1) << "  " << std::setw(6) << m.epochs
                  << (m.served ? "  <- served" : "") << "\n";
    }
    std::cout << "\n  " << (results.empty() ? 0 : results.front().testUsers) << " test customers\n";
    if (served)
        std::cout << "  served: " << served->model << " v" << served->version
                  << ", chosen on validation NDCG@10 (full ranking), refit on all events for "
                  << served->refitEpochs << " epoch(s); saved as recs.<model> in the models table\n";
    return 0;
}

struct Percentiles {
    double p50 = 0, p99 = 0, mean = 0;
};

Percentiles percentiles(std::vector<double> ms)
{
    Percentiles p;
    if (ms.empty())
        return p;
    std::sort(ms.begin(), ms.end());
    p.p50 = ms[ms.size() / 2];
    p.p99 = ms[std::min(ms.size() - 1, std::size_t(double(ms.size()) * 0.99))];
    for (double v : ms)
        p.mean += v;
    p.mean /= double(ms.size());
    return p;
}

double msSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// Top-10 of a scored catalogue, skipping the history (what serving does per request).
std::vector<recs::ItemIndex> topTen(const recs::Recommender& m, const recs::EvalCase& c)
{
    auto s = m.scoreOne(c.user, c.history);
    for (auto h : c.history)
        s[std::size_t(h)] = -1e30f;
    s[0] = -1e30f;
    std::vector<recs::ItemIndex> idx(s.size());
    for (std::size_t i = 0; i < idx.size(); ++i)
        idx[i] = recs::ItemIndex(i);
    std::partial_sort(idx.begin(), idx.begin() + 10, idx.end(), [&](auto x, auto y) { return s[std::size_t(x)] > s[std::size_t(y)]; });
    idx.resize(10);
    return idx;
}

json pctJson(const Percentiles& p)
{
    return {{"p50_ms", p.p50}, {"p99_ms", p.p99}, {"mean_ms", p.mean}};
}

int cmdBenchRecs(const Args& a)
{
    auto known = kTrainOptions;
    for (const char* k : {"data", "format", "db", "requests"})
        known.push_back(k);
    a.allowOnly(known);
    engine::configureThreads(a.intOpt("threads", 2));
    auto o = trainOptions(a);
    const int requests = std::max(10, a.intOpt("requests", 1000));
    const auto progress = consoleProgress(a.flag("quiet") || a.flag("json"));
    json out = json::object();
    std::ostringstream table;
    if (auto path = a.opt("data")) {
        const auto data = recs::loadSequenceFile(*path, recs::parseFileFormat(a.opt("format").value_or("s3rec")));
        const auto split = recs::leaveOneOut(data);
        // Epoch time: SASRec against BPR-MF on the same data (a two-embedding model: the floor
        // of what one pass over the interactions costs here).
        o.maxEpochs = a.intOpt("epochs", 2);
        o.evalEvery = 1000; // no validation inside the timed epochs
        auto sas = recs::makeRecommender(recs::ModelKind::SasRec);
        const auto rs = sas->fit(split.train, split.numItems, {}, o, progress);
        auto bpr = recs::makeRecommender(recs::ModelKind::Bpr);
        const auto rb = bpr->fit(split.train, split.numItems, {}, o, progress);
        auto pop = recs::makeRecommender(recs::ModelKind::Pop);
        pop->fit(split.train, split.numItems, {}, o, {});
        // Latency for one user at a time over the whole catalogue, popularity as the baseline.
        std::vector<double> tSas, tPop, tEvent;
        Rng rng(7, 1);
        for (int r = 0; r < requests; ++r) {
            const auto& c = split.test[rng.below(split.test.size())];
            auto t0 = std::chrono::steady_clock::now();
            auto top = topTen(*sas, c);
            tSas.push_back(msSince(t0));
            t0 = std::chrono::steady_clock::now();
            topTen(*pop, c);
            tPop.push_back(msSince(t0));
            // A new event: the user clicks the first recommendation; re-score with it appended.
            recs::EvalCase next = c;
            next.history.push_back(top.front());
            t0 = std::chrono::steady_clock::now();
            topTen(*sas, next);
            tEvent.push_back(msSince(t0));
        }
        const auto ps = percentiles(tSas), pp = percentiles(tPop), pe = percentiles(tEvent);
        out["catalogue_items"] = split.numItems;
        out["sasrec_epoch_seconds"] = rs.secondsPerEpoch;
        out["bpr_epoch_seconds_baseline"] = rb.secondsPerEpoch;
        out["epoch_ratio_sasrec_over_bpr"] = rs.secondsPerEpoch / std::max(1e-9, rb.secondsPerEpoch);
        out["top10_sasrec"] = pctJson(ps);
        out["top10_pop_baseline"] = pctJson(pp);
        out["top10_ratio_p99_sasrec_over_pop"] = ps.p99 / std::max(1e-9, pp.p99);
        out["rescore_after_event_sasrec"] = pctJson(pe);
        table << "recs bench on " << *path << " (" << split.numItems << " items, " << requests << " requests, "
              << a.intOpt("threads", 2) << " threads)\n"
              << "  top-10, one user, whole catalogue   SASRec p50 " << fmt(ps.p50, 3) << " ms  p99 " << fmt(ps.p99, 3)
              << " ms | popularity baseline p50 " << fmt(pp.p50, 3) << " ms  p99 " << fmt(pp.p99, 3) << " ms  (p99 ratio "
              << fmt(ps.p99 / std::max(1e-9, pp.p99), 2) << "x)\n"
              << "  re-score after a new event         SASRec p50 " << fmt(pe.p50, 3) << " ms  p99 " << fmt(pe.p99, 3) << " ms\n"
              << "  epoch                              SASRec " << fmt(rs.secondsPerEpoch, 2) << " s | BPR baseline "
              << fmt(rb.secondsPerEpoch, 2) << " s  (ratio " << fmt(rs.secondsPerEpoch / std::max(1e-9, rb.secondsPerEpoch), 2)
              << "x)\n";
    }
    if (auto path = a.opt("db")) {
        auto db = store::Database::open(*path, {store::OpenMode::ReadWrite});
        recs::RecsService service(db);
        const auto rules = recs::loadRules(db);
        auto customers = service.searchCustomers(db, "", 5000);
        if (customers.empty())
            throw Error(ErrorCode::InvalidArgument, *path + " has no customers to recommend for");
        std::vector<double> tRec, tEvent, tCold;
        Rng rng(11, 2);
        const int n = std::min(requests, 300);
        for (int r = 0; r < n; ++r) {
            const auto& c = customers[rng.below(customers.size())];
            auto t0 = std::chrono::steady_clock::now();
            auto recsNow = service.recommend(db, c.id, 10, rules);
            tRec.push_back(msSince(t0));
            t0 = std::chrono::steady_clock::now();
            service.recommendForHistory(db, {}, std::nullopt, 10, rules);
            tCold.push_back(msSince(t0));
            if (recsNow.empty())
                continue;
            // The live session: store a click and re-rank, rolled back so the store is unchanged.
            store::Transaction tx(db);
            t0 = std::chrono::steady_clock::now();
            service.addEvent(db, c.id, recsNow.front().product.id, "view");
            service.recommend(db, c.id, 10, rules);
            tEvent.push_back(msSince(t0));
        }
        const auto pr = percentiles(tRec), pe = percentiles(tEvent), pc = percentiles(tCold);
        out["store_model"] = service.hasModel() ? service.modelName() : "none (cold start only)";
        out["store_recommend"] = pctJson(pr);
        out["store_event_then_rerank"] = pctJson(pe);
        out["store_cold_start_baseline"] = pctJson(pc);
        table << "recs serving on " << *path << " (model " << (service.hasModel() ? service.modelName() : "none") << ", "
              << n << " customers)\n"
              << "  recommend(customer) with rules + reasons   p50 " << fmt(pr.p50, 2) << " ms  p99 " << fmt(pr.p99, 2) << " ms\n"
              << "  store event + re-rank                      p50 " << fmt(pe.p50, 2) << " ms  p99 " << fmt(pe.p99, 2) << " ms\n"
              << "  cold-start popular list (baseline)         p50 " << fmt(pc.p50, 2) << " ms  p99 " << fmt(pc.p99, 2) << " ms\n";
    }
    if (!a.opt("data") && !a.opt("db"))
        throw UsageError("usage: shoppilot bench recs [--data FILE --format s3rec|pairs] [--db STORE]");
    if (a.flag("json"))
        std::cout << out.dump() << std::endl;
    else
        std::cout << table.str();
    return 0;
}

const RegisterModuleCommand kTrain{{"train", "recs",
                                    "  shoppilot train recs --db STORE [--model pop,itemknn,bpr,sasrec] [--epochs N ...]\n"
                                    "                                                 train on the store's events; best checkpoints\n"
                                    "                                                 and held-out metrics go to the models table\n",
                                    cmdTrainRecs}};
const RegisterModuleCommand kBench{{"bench", "recs",
                                    "  shoppilot bench recs [--data FILE --format s3rec] [--db STORE] [--requests N]\n"
                                    "                                                 top-10 latency (p50/p99), re-score after an\n"
                                    "                                                 event, epoch time, against baselines\n",
                                    cmdBenchRecs}};

} // namespace

} // namespace shoppilot::app
