// `shoppilot eval intents`: the support bot's intent model (core/support) against a linear
// bag-of-n-grams baseline trained in the same run, on any labelled intent data set.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "store/database.h"
#include "support/intent_model.h"
#include "support/support_eval.h"

namespace shoppilot::app {

namespace {

int evalIntents(const Args& a)
{
    a.allowOnly({"train", "test", "dev", "oos-label", "seed"});
    const bool quiet = a.flag("quiet") || a.flag("json");
    auto train = support::readIntentFile(a.required("train"));
    const auto test = support::readIntentFile(a.required("test"));
    std::vector<support::IntentExample> dev;
    std::string devSource;
    if (const auto d = a.opt("dev")) {
        dev = support::readIntentFile(*d);
        devSource = *d;
    } else {
        auto split = support::stratifiedHoldout(train, 0.1, 7);
        train = std::move(split.first);
        dev = std::move(split.second);
        devSource = "10% of train (stratified, seed 7)";
    }
    support::IntentOptions o;
    o.oosLabel = a.opt("oos-label").value_or("");
    o.seed = std::uint64_t(a.intOpt("seed", 1));
    const auto progress = consoleProgress(quiet);
    auto timed = [&](auto train_fn, double a0, double a1) {
        const auto t0 = std::chrono::steady_clock::now();
        auto m = train_fn(train, dev, o, subProgress(progress, a0, a1));
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        auto score = support::scoreIntents(*m, test, o.oosLabel);
        score.trainSeconds = s;
        return score;
    };
    const auto model = timed(support::trainIntents, 0.0, 0.6);
    const auto net = timed(support::trainNeuralIntents, 0.6, 0.85);
    const auto base = timed(support::trainLinearIntents, 0.85, 1.0);
    if (a.flag("json")) {
        nlohmann::json j{{"train", train.size()}, {"dev", dev.size()}, {"test", test.size()}, {"dev_source", devSource},
                         {"model/accuracy", model.accuracy}, {"model/train_seconds", model.trainSeconds},
                         {"model/threshold", model.threshold}, {"network/accuracy", net.accuracy},
                         {"baseline/accuracy", base.accuracy},
                         {"baseline/train_seconds", base.trainSeconds}};
        if (!o.oosLabel.empty()) {
            j["model/in_scope_accuracy"] = model.inScopeAccuracy;
            j["model/oos_recall"] = model.oosRecall;
            j["baseline/in_scope_accuracy"] = base.inScopeAccuracy;
            j["baseline/oos_recall"] = base.oosRecall;
        }
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("train %zu, validation %zu (%s), test %zu\n", train.size(), dev.size(), devSource.c_str(), test.size());
    std::printf("  %-34s %9s %10s %10s %9s\n", "model", "accuracy", "in-scope", "oos recall", "train s");
    auto row = [&](const char* name, const support::IntentScore& s) {
        if (o.oosLabel.empty())
            std::printf("  %-34s %9.4f %10s %10s %9.1f\n", name, s.accuracy, "-", "-", s.trainSeconds);
        else
            std::printf("  %-34s %9.4f %10.4f %10.4f %9.1f\n", name, s.accuracy, s.inScopeAccuracy, s.oosRecall, s.trainSeconds);
    };
    row("product: network + linear, averaged", model);
    row("hashed n-gram network (LibTorch)", net);
    row("baseline: TF-IDF logistic regression", base);
    return 0;
}

int evalSupport(const Args& a)
{
    a.allowOnly({"db"});
    const bool quiet = a.flag("quiet") || a.flag("json");
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadOnly});
    const auto ev = support::evaluateSupport(db, consoleProgress(quiet));
    if (a.flag("json")) {
        nlohmann::json j{{"train", ev.train}, {"test", ev.test}, {"baseline/accuracy", ev.baselineAccuracy},
                         {"slots/order_precision", ev.slotPrecision}, {"slots/order_recall", ev.slotRecall},
                         {"slots/order_f1", ev.slotF1}, {"replay/containment", ev.containment},
                         {"replay/handoff_precision", ev.handoffPrecision}, {"replay/handoffs", ev.handoffs},
                         {"model/train_seconds", ev.trainSeconds}};
        for (const auto& [lang, acc] : ev.accuracy)
            j["model/accuracy_" + lang] = acc;
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("conversations: %d train (oldest 80%%), %d test (newest 20%%); model trained in %.1f s\n", ev.train, ev.test,
                ev.trainSeconds);
    for (const auto& [lang, acc] : ev.accuracy)
        std::printf("  intent accuracy %-4s %.4f%s\n", lang.c_str(), acc,
                    lang == "all" ? "" : ("  (" + std::to_string(ev.testRows.at(lang)) + " conversations)").c_str());
    std::printf("  linear baseline, all  %.4f\n", ev.baselineAccuracy);
    std::printf("  order-number slot: precision %.4f, recall %.4f, F1 %.4f\n", ev.slotPrecision, ev.slotRecall, ev.slotF1);
    std::printf("  replay of first messages: containment %.4f, %d handoffs, handoff precision %.4f (escalated by the shop)\n",
                ev.containment, ev.handoffs, ev.handoffPrecision);
    return 0;
}

const RegisterModuleCommand kEvalSupport{{"eval", "support",
    "  shoppilot eval support --db FILE           the support bot on the store's own conversations (time split):\n"
    "                                                 intent accuracy per language, order slot F1, containment\n",
    evalSupport}};

const RegisterModuleCommand kEvalIntents{{"eval", "intents",
    "  shoppilot eval intents --train FILE --test FILE [--dev FILE] [--oos-label NAME] [--seed N]\n"
    "                                                 intent accuracy of the support model vs a linear baseline\n"
    "                                                 (CSV text,category|label or TSV text<TAB>label, gzip ok)\n",
    evalIntents}};

} // namespace

} // namespace shoppilot::app
