// `shoppilot eval intents`: the support bot's intent model (core/support) against a linear
// bag-of-n-grams baseline trained in the same run, on any labelled intent data set.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "common/error.h"
#include "store/database.h"
#include "support/conversations.h"
#include "support/dialogue.h"
#include "support/intent_model.h"
#include "support/kb.h"
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

// A replay file: the JSON list evaluateSupport's cases are saved as.
void writeReplay(const std::string& path, const std::vector<support::ReplayCase>& cases)
{
    nlohmann::json j = nlohmann::json::array();
    for (const auto& c : cases)
        j.push_back({{"conversation", c.conversation}, {"gold", c.gold}, {"predicted", c.predicted}, {"served", c.served}});
    std::ofstream out(path);
    out << j.dump(1) << "\n";
    if (!out)
        throw Error(ErrorCode::Io, "cannot write the replay to " + path);
}

std::vector<support::ReplayCase> readReplay(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw Error(ErrorCode::Io, "cannot read the replay file " + path);
    std::vector<support::ReplayCase> cases;
    try {
        const auto j = nlohmann::json::parse(in);
        if (!j.is_array())
            throw Error(ErrorCode::Parse, path + " is not a replay saved by eval support --save-replay (not a JSON list)");
        for (const auto& c : j)
            cases.push_back({c.at("conversation").get<std::string>(), c.at("gold").get<std::string>(),
                             c.at("predicted").get<std::string>(), c.value("served", std::string())});
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorCode::Parse, path + " is not a replay saved by eval support --save-replay (" + e.what() + ")");
    }
    return cases;
}

int evalSupport(const Args& a)
{
    a.allowOnly({"db", "save-replay", "against"});
    const bool quiet = a.flag("quiet") || a.flag("json");
    // Read the earlier replay first: a wrong file is reported before minutes of training.
    std::optional<std::vector<support::ReplayCase>> before;
    if (const auto f = a.opt("against"))
        before = readReplay(*f);
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadOnly});
    const auto ev = support::evaluateSupport(db, consoleProgress(quiet));
    if (const auto f = a.opt("save-replay"))
        writeReplay(*f, ev.replay);
    std::optional<support::ReplayComparison> cmp;
    if (before)
        cmp = support::compareReplay(*before, ev.replay);
    if (a.flag("json")) {
        nlohmann::json j{{"train", ev.train}, {"test", ev.test}, {"baseline/accuracy", ev.baselineAccuracy},
                         {"slots/order_precision", ev.slotPrecision}, {"slots/order_recall", ev.slotRecall},
                         {"slots/order_f1", ev.slotF1}, {"replay/containment", ev.containment},
                         {"replay/handoff_precision", ev.handoffPrecision}, {"replay/handoffs", ev.handoffs},
                         {"model/train_seconds", ev.trainSeconds}, {"replay/served_compared", ev.servedCompared},
                         {"replay/served_accuracy", ev.servedCompared > 0 ? double(ev.servedRight) / ev.servedCompared : 0.0},
                         {"replay/regressions", ev.regressions}, {"replay/fixes", ev.fixes},
                         {"kb/cases", ev.kbCases}, {"kb/fts5_accuracy", ev.kbFtsAccuracy},
                         {"kb/intent_accuracy", ev.kbIntentAccuracy}, {"kb/reranked_accuracy", ev.kbRankedAccuracy}};
        if (cmp) {
            j["against/compared"] = cmp->compared;
            j["against/regressions"] = cmp->regressions;
            j["against/fixes"] = cmp->fixes;
        }
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
    if (ev.kbCases > 0)
        std::printf("  knowledge-base article at rank 1 (%d messages): FTS5 alone %.4f, the intent's article %.4f, re-ranked %.4f\n",
                    ev.kbCases, ev.kbFtsAccuracy, ev.kbIntentAccuracy, ev.kbRankedAccuracy);
    if (ev.servedCompared > 0)
        std::printf("  regression replay against the bot that served them (%d conversations, it was right on %.4f):\n"
                    "    %d regressions (it was right, the new model is wrong), %d fixes\n",
                    ev.servedCompared, double(ev.servedRight) / ev.servedCompared, ev.regressions, ev.fixes);
    if (cmp) {
        std::printf("  regression replay against %s (%d conversations): %d regressions, %d fixes\n", a.opt("against")->c_str(),
                    cmp->compared, cmp->regressions, cmp->fixes);
        for (std::size_t i = 0; i < cmp->regressed.size() && i < 10; ++i)
            std::printf("    regressed: %s\n", cmp->regressed[i].c_str());
    }
    return 0;
}

// Reply latency of the served bot (intent model + slots + order lookup + re-ranked knowledge base)
// against FTS5 search alone, on the store's newest first messages, and the training time.
int benchSupport(const Args& a)
{
    a.allowOnly({"db", "messages"});
    const bool quiet = a.flag("quiet") || a.flag("json");
    const int n = a.intOpt("messages", 500);
    if (n < 10)
        throw UsageError("--messages must be at least 10");
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadOnly});
    const auto rows = support::trainingExamples(db);
    if (rows.size() < 20)
        throw Error(ErrorCode::InvalidArgument, "the store has " + std::to_string(rows.size()) +
                                                    " tagged support conversations; the bench needs at least 20");
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    auto split = support::stratifiedHoldout(rows, 0.1, 7);
    std::shared_ptr<const support::IntentModel> model =
        support::trainIntents(split.first, split.second, support::IntentOptions{}, consoleProgress(quiet));
    const double trainSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
    const auto t1 = Clock::now();
    auto ranker = std::make_shared<const support::KbRanker>(support::KbRanker::train(db, split.second, *model));
    const double rankerSeconds = std::chrono::duration<double>(Clock::now() - t1).count();
    const support::SupportBot bot(model, ranker);
    const std::size_t first = rows.size() > std::size_t(n) ? rows.size() - std::size_t(n) : 0;
    std::vector<double> replyMs, ftsMs;
    const Timestamp now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    std::size_t hits = 0;
    for (std::size_t i = first; i < rows.size(); ++i) {
        support::DialogueState st;
        auto r0 = Clock::now();
        const auto turn = bot.reply(st, rows[i].text, db, now);
        replyMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - r0).count());
        r0 = Clock::now();
        hits += support::searchKb(db, rows[i].text, 5).size();
        ftsMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - r0).count());
        (void)turn;
    }
    auto pct = [](std::vector<double> v, double p) {
        std::sort(v.begin(), v.end());
        return v[std::min(v.size() - 1, std::size_t(p * double(v.size())))];
    };
    const double r50 = pct(replyMs, 0.5), r99 = pct(replyMs, 0.99), f50 = pct(ftsMs, 0.5), f99 = pct(ftsMs, 0.99);
    if (a.flag("json")) {
        std::cout << nlohmann::json{{"messages", replyMs.size()}, {"reply/p50_ms", r50}, {"reply/p99_ms", r99},
                                    {"fts5/p50_ms", f50}, {"fts5/p99_ms", f99}, {"train_seconds", trainSeconds},
                                    {"ranker_train_seconds", rankerSeconds}, {"examples", rows.size()}}
                         .dump()
                  << "\n";
        return 0;
    }
    std::printf("%zu first messages replayed; the bot trained on %zu tagged conversations in %.1f s (+ re-ranker %.2f s)\n",
                replyMs.size(), rows.size(), trainSeconds, rankerSeconds);
    std::printf("  %-52s %9s %9s\n", "", "p50 ms", "p99 ms");
    std::printf("  %-52s %9.3f %9.3f\n", "bot reply (intent, slots, order lookup, re-ranked KB)", r50, r99);
    std::printf("  %-52s %9.3f %9.3f   (%.1f hits per query)\n", "FTS5 search alone (BM25, top 5)", f50, f99,
                double(hits) / double(ftsMs.size()));
    std::printf("  reply p99 / FTS5 p99: %.2fx; goal: reply p99 < 30 ms\n", f99 > 0 ? r99 / f99 : 0.0);
    return 0;
}

const RegisterModuleCommand kBenchSupport{{"bench", "support",
    "  shoppilot bench support --db FILE [--messages 500]\n"
    "                                                 support bot reply latency p50/p99 vs FTS5 search alone\n",
    benchSupport}};

const RegisterModuleCommand kEvalSupport{{"eval", "support",
    "  shoppilot eval support --db FILE [--save-replay F] [--against F]\n"
    "                                                 the support bot on the store's own conversations (time split):\n"
    "                                                 intent accuracy per language, order slot F1, containment, and\n"
    "                                                 regressions against the serving bot (and an earlier replay)\n",
    evalSupport}};

const RegisterModuleCommand kEvalIntents{{"eval", "intents",
    "  shoppilot eval intents --train FILE --test FILE [--dev FILE] [--oos-label NAME] [--seed N]\n"
    "                                                 intent accuracy of the support model vs a linear baseline\n"
    "                                                 (CSV text,category|label or TSV text<TAB>label, gzip ok)\n",
    evalIntents}};

} // namespace

} // namespace shoppilot::app
