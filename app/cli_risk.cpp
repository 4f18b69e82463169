// `shoppilot eval risk`, `eval credit`, `train risk`, `bench risk`: the Risk panel's models on
// the command line, with the figures the issue asks for (table, or one JSON object with --json).
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "common/time.h"
#include "risk/risk_eval.h"
#include "risk/risk_service.h"
#include "store/database.h"

namespace shoppilot::app {

namespace {

using nlohmann::json;

json metricsJson(const risk::RankMetrics& m)
{
    return json{{"pr_auc", m.prAuc}, {"roc_auc", m.rocAuc}, {"recall_at_1pct_fpr", m.recallAt1PctFpr},
                {"lift_at_20pct", m.liftAt20Pct}};
}

json foldJson(const risk::FoldSummary& s)
{
    json j = metricsJson(s.mean);
    j["std"] = metricsJson(s.spread);
    return j;
}

void printRow(const std::string& name, const risk::RankMetrics& m, const risk::RankMetrics* sd = nullptr)
{
    if (sd)
        std::printf("  %-22s %6.3f ±%.3f  %6.3f ±%.3f  %6.3f ±%.3f  %5.2f ±%.2f\n", name.c_str(), m.rocAuc, sd->rocAuc, m.prAuc,
                    sd->prAuc, m.recallAt1PctFpr, sd->recallAt1PctFpr, m.liftAt20Pct, sd->liftAt20Pct);
    else
        std::printf("  %-22s %6.3f  %6.3f  %6.3f  %5.2f\n", name.c_str(), m.rocAuc, m.prAuc, m.recallAt1PctFpr, m.liftAt20Pct);
}

int evalRisk(const Args& a)
{
    a.allowOnly({"db", "csv", "label", "folds", "rows", "engines", "depth", "eta", "pos-weight-power", "rounds"});
    risk::LearnerOptions learner;
    learner.gbdtDepth = a.intOpt("depth", learner.gbdtDepth);
    learner.gbdtEta = a.doubleOpt("eta", learner.gbdtEta);
    learner.gbdtRounds = a.intOpt("rounds", learner.gbdtRounds);
    learner.gbdtPosWeightPower = a.doubleOpt("pos-weight-power", learner.gbdtPosWeightPower);
    const bool quiet = a.flag("quiet") || a.flag("json");
    if (const auto csv = a.opt("csv")) {
        const int folds = a.intOpt("folds", 5);
        const auto engines = a.opt("engines").value_or("gbdt,mlp");
        const auto r = risk::evaluateFraudCsv(*csv, a.required("label"), folds, a.intOpt("rows", 0),
                                              engines.find("mlp") != std::string::npos, consoleProgress(quiet), learner);
        if (a.flag("json")) {
            json j{{"file", *csv}, {"rows", r.rows}, {"positives", r.positives}, {"folds", r.folds}, {"features", r.features},
                   {"numeric_columns", r.numeric}, {"one_hot_columns", r.oneHot}, {"count_encoded_columns", r.countEncoded},
                   {"skipped_rows", r.skipped}, {"engine", r.chosen}};
            j["model"] = foldJson(r.learners.at("model"));
            j["logistic_baseline"] = foldJson(r.learners.at("logistic_baseline"));
            for (const auto& [name, s] : r.learners)
                if (name.rfind("validation:", 0) == 0)
                    j["validation"][name.substr(11)] = foldJson(s);
            std::cout << j.dump() << "\n";
            return 0;
        }
        std::printf("%s: %d rows, %d positive (%.2f%%), %d features (%d numeric, %d one-hot, %d count-encoded columns)%s\n",
                    csv->c_str(), r.rows, r.positives, 100.0 * r.positives / std::max(1, r.rows), r.features, r.numeric, r.oneHot,
                    r.countEncoded, r.skipped ? (", " + std::to_string(r.skipped) + " rows skipped: " + r.firstSkip).c_str() : "");
        std::printf("shuffled stratified %d-fold CV, mean ± sd over folds; engine chosen on validation: %s\n", r.folds, r.chosen.c_str());
        std::printf("  %-22s %13s  %13s  %13s  %11s\n", "", "ROC-AUC", "PR-AUC", "rec@1%FPR", "lift@20%");
        printRow("model", r.learners.at("model").mean, &r.learners.at("model").spread);
        printRow("logistic baseline", r.learners.at("logistic_baseline").mean, &r.learners.at("logistic_baseline").spread);
        std::printf("validation slices (inside the training folds):\n");
        for (const auto& [name, s] : r.learners)
            if (name.rfind("validation:", 0) == 0)
                printRow(name.substr(11), s.mean, &s.spread);
        return 0;
    }
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadOnly});
    const auto r = risk::evaluateStore(db, consoleProgress(quiet));
    if (a.flag("json")) {
        json j{{"model", metricsJson(r.model)}, {"rules", metricsJson(r.rules)}, {"logistic_baseline", metricsJson(r.baseline)},
               {"test_pr_auc_gain_over_logistic", r.gainOverBaseline}, {"test_pr_auc_gain_se", r.gainOverBaselineSe},
               {"per_pattern_recall", r.perPatternRecall}, {"per_pattern_recall_rules", r.perPatternRecallRules},
               {"per_pattern_count", r.perPatternCount}, {"rules_then_model", metricsJson(r.combined)},
               {"per_pattern_recall_rules_then_model", r.perPatternRecallCombined}, {"rules_then_model_flagged_share", r.combinedFlaggedShare}, {"engine", r.engine}, {"train_orders", r.trainOrders},
               {"valid_orders", r.validOrders}, {"test_orders", r.testOrders}, {"test_fraud", r.testFraud},
               {"train_labelled_fraud", r.trainLabelledFraud}, {"review_threshold", r.reviewThreshold},
               {"flagged_share", r.flaggedShare}, {"feature_seconds", r.featureSeconds}, {"train_seconds", r.trainSeconds}};
        for (const auto& m : r.validation)
            j["validation"][m.name] = metricsJson(m.validation);
        json sel{{"engine", r.engine}, {"why", r.why}, {"label_maturity_days", r.maturityDays},
                 {"label_maturity_measured", r.maturityMeasured}, {"label_maturity_chargebacks", r.maturityChargebacks},
                 {"labels_as_of", formatTimestamp(r.labelsAsOf)}, {"validation_from", formatTimestamp(r.validFrom)},
                 {"validation_to", formatTimestamp(r.matureBefore)}, {"test_from", formatTimestamp(r.testFrom)},
                 {"train_orders", r.trainOrders}, {"validation_orders", r.validOrders},
                 {"decided_young_orders", r.extraRefitOrders}, {"left_out_young_orders", r.leftOutOrders},
                 {"refit_orders", r.fittedOrders}};
        sel["candidates"] = json::array();
        for (const auto& m : r.validation) {
            json c = metricsJson(m.validation);
            c["name"] = m.name;
            c["positives"] = m.validation.positives;
            c["rows"] = m.validation.rows;
            c["gain_over_previous_choice"] = m.gainOverChoice;
            c["gain_bootstrap_se"] = m.gainSe;
            c["iterations"] = m.iterations;
            c["chosen"] = m.chosen;
            sel["candidates"].push_back(c);
        }
        j["selection"] = sel;
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("labels as known on %s; label maturity %.0f days (99th percentile of %d chargeback delays%s)\n",
                formatTimestamp(r.labelsAsOf).c_str(), r.maturityDays, r.maturityChargebacks,
                r.maturityMeasured ? "" : "; too few, default used");
    std::printf("time split: train %lld orders before %s, validation %lld orders %s .. %s (labels settled), "
                "%lld younger orders left out (%lld decided ones kept for the refit)\n",
                (long long)r.trainOrders, formatDate(r.validFrom).c_str(), (long long)r.validOrders, formatDate(r.validFrom).c_str(),
                formatDate(r.matureBefore).c_str(), (long long)r.leftOutOrders, (long long)r.extraRefitOrders);
    std::printf("validation period, candidates in order of complexity (each must beat the choice before it by more than\n"
                "%.3f bootstrap standard errors of the gain, i.e. be better at the 5%% level):\n", risk::FraudTrainOptions{}.choiceMarginSe);
    std::printf("  %-22s %6s  %6s  %6s  %5s  %8s  %6s  %5s\n", "", "ROC", "PR-AUC", "r@1%", "lift", "gain", "s.e.", "iter");
    for (const auto& m : r.validation)
        std::printf("  %-22s %6.3f  %6.3f  %6.3f  %5.2f  %+8.3f  %6.3f  %5d%s\n", m.name.c_str(), m.validation.rocAuc,
                    m.validation.prAuc, m.validation.recallAt1PctFpr, m.validation.liftAt20Pct, m.gainOverChoice, m.gainSe,
                    m.iterations, m.chosen ? "  <- chosen" : "");
    std::printf("chosen: %s. %s\n", r.engine.c_str(), r.why.c_str());
    std::printf("served: %s refitted on %lld labelled orders; review level = score > %.1f (%.2f%% of test orders flagged)\n",
                r.engine.c_str(), (long long)r.fittedOrders, r.reviewThreshold, 100 * r.flaggedShare);
    std::printf("test period from %s: %lld orders, %lld planted fraud (base rate %.4f)\n", formatDate(r.testFrom).c_str(),
                (long long)r.testOrders, (long long)r.testFraud, double(r.testFraud) / double(std::max<std::int64_t>(1, r.testOrders)));
    std::printf("  %-22s %6s  %6s  %6s  %5s\n", "test period", "ROC", "PR-AUC", "r@1%", "lift");
    printRow("model (" + r.engine + ")", r.model);
    printRow("rules alone", r.rules);
    printRow("logistic baseline", r.baseline);
    printRow("rules, then model", r.combined);
    std::printf("  model - logistic PR-AUC on test: %+.3f (paired bootstrap s.e. %.3f: %s)\n", r.gainOverBaseline,
                r.gainOverBaselineSe,
                r.gainOverBaseline >= 0                                   ? "the model is not behind"
                : r.gainOverBaseline > -2 * r.gainOverBaselineSe          ? "a tie within the noise"
                                                                          : "the model LOSES to its baseline");
    std::printf("  (rules then model flag %.2f%% of test orders)\n", 100 * r.combinedFlaggedShare);
    std::printf("per planted pattern recall (model flags / rules alone / rules then model):\n");
    for (const auto& [p, v] : r.perPatternRecall)
        std::printf("  %-24s %5.3f / %5.3f / %5.3f  (%d orders)\n", p.c_str(), v, r.perPatternRecallRules.at(p),
                    r.perPatternRecallCombined.at(p), r.perPatternCount.at(p));
    return 0;
}

int evalCredit(const Args& a)
{
    a.allowOnly({"csv", "label", "folds", "cost-bad", "cost-good", "bins", "min-bin-share", "l2"});
    risk::Scorecard::Options card;
    card.maxBins = a.intOpt("bins", card.maxBins);
    card.minBinShare = a.doubleOpt("min-bin-share", card.minBinShare);
    card.l2 = a.doubleOpt("l2", card.l2);
    const bool quiet = a.flag("quiet") || a.flag("json");
    const auto csv = a.required("csv");
    const auto r = risk::evaluateCreditCsv(csv, a.required("label"), a.intOpt("folds", 10), a.doubleOpt("cost-bad", 5),
                                           a.doubleOpt("cost-good", 1), consoleProgress(quiet), card);
    if (a.flag("json")) {
        json j{{"file", csv}, {"rows", r.rows}, {"positives", r.positives}, {"folds", r.folds}};
        j["model"] = foldJson(r.scorecard);
        j["model"]["expected_cost_per_applicant"] = r.scorecardCost;
        j["logistic_baseline"] = foldJson(r.logistic);
        j["logistic_baseline"]["expected_cost_per_applicant"] = r.logisticCost;
        j["reject_all_cost"] = r.rejectAllCost;
        j["accept_all_cost"] = r.acceptAllCost;
        j["cost_matrix"] = {{"accept_bad", r.costBad}, {"reject_good", r.costGood}};
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("%s: %d applicants, %d bad; shuffled stratified %d-fold CV; cost: accept bad %.0f, reject good %.0f\n",
                csv.c_str(), r.rows, r.positives, r.folds, r.costBad, r.costGood);
    std::printf("  %-22s %13s  %13s  %13s  %11s  cost/applicant\n", "", "ROC-AUC", "PR-AUC", "rec@1%FPR", "lift@20%");
    printRow("scorecard (WoE)", r.scorecard.mean, &r.scorecard.spread);
    std::printf("  %72s %.3f\n", "", r.scorecardCost);
    printRow("logistic baseline", r.logistic.mean, &r.logistic.spread);
    std::printf("  %72s %.3f\n", "", r.logisticCost);
    std::printf("  reject everyone: %.3f per applicant, accept everyone: %.3f\n", r.rejectAllCost, r.acceptAllCost);
    return 0;
}

int trainRisk(const Args& a)
{
    a.allowOnly({"db", "queue-days"});
    const bool quiet = a.flag("quiet") || a.flag("json");
    auto db = store::Database::open(a.required("db"));
    const auto r = risk::trainRiskModels(db, consoleProgress(quiet));
    // Optionally fill the review queue from the last days, as the panel does after training.
    int alerts = 0;
    if (const int days = a.intOpt("queue-days", 0); days > 0) {
        auto scorer = risk::RiskScorer::open(db);
        alerts = scorer.backfill(db, days);
    }
    if (a.flag("json")) {
        json j{{"version", r.version}, {"engine", r.engine}, {"why", r.why}, {"label_maturity_days", r.maturityDays},
               {"validation_from", formatTimestamp(r.validFrom)}, {"validation_to", formatTimestamp(r.matureBefore)},
               {"refit_orders", r.fittedRows}, {"orders", r.orders}, {"labelled_fraud", r.labelledFraud},
               {"review_threshold", r.reviewThreshold}, {"high_threshold", r.highThreshold}, {"credit_version", r.creditVersion},
               {"seconds", r.seconds}, {"alerts", alerts}};
        for (const auto& m : r.validation)
            j["validation"][m.name] = metricsJson(m.validation);
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("risk.fraud version %d saved (engine %s, %lld orders, %lld labelled fraud, review > %.1f, high > %.1f, %.1f s)\n",
                r.version, r.engine.c_str(), (long long)r.orders, (long long)r.labelledFraud, r.reviewThreshold, r.highThreshold,
                r.seconds);
    std::printf("validation period %s .. %s (label maturity %.0f days):\n", formatDate(r.validFrom).c_str(),
                formatDate(r.matureBefore).c_str(), r.maturityDays);
    for (const auto& m : r.validation)
        printRow(m.name + (m.chosen ? " (chosen)" : ""), m.validation);
    std::printf("chosen: %s. %s; refitted on %lld labelled orders\n", r.engine.c_str(), r.why.c_str(), (long long)r.fittedRows);
    if (r.creditVersion)
        std::printf("risk.credit version %d saved (customer scorecard)\n", r.creditVersion);
    if (alerts > 0)
        std::printf("%d alerts raised from the last %d days\n", alerts, a.intOpt("queue-days", 0));
    return 0;
}

int benchRisk(const Args& a)
{
    a.allowOnly({"db"});
    const bool quiet = a.flag("quiet") || a.flag("json");
    auto db = store::Database::open(a.required("db"), {store::OpenMode::ReadOnly});
    const auto b = risk::benchScoring(db, consoleProgress(quiet));
    if (a.flag("json")) {
        std::cout << json{{"orders", b.orders}, {"engine", b.engine}, {"feature_seconds", b.featureSeconds},
                          {"batch_seconds", b.batchSeconds}, {"batch_orders_per_s", b.batchOrdersPerSecond},
                          {"end_to_end_orders_per_s", b.endToEndOrdersPerSecond}, {"single_orders", b.singleOrders},
                          {"single_seconds", b.singleSeconds}, {"single_orders_per_s", b.singleOrdersPerSecond},
                          {"speedup", b.speedup}, {"latency_orders", b.latencyOrders}, {"latency_p50_ms", b.latencyP50Ms},
                          {"latency_p95_ms", b.latencyP95Ms}, {"latency_max_ms", b.latencyMaxMs}}
                         .dump()
                  << "\n";
        return 0;
    }
    std::printf("%lld orders, engine %s\n", (long long)b.orders, b.engine.c_str());
    std::printf("  features (one sweep)      %8.3f s\n", b.featureSeconds);
    std::printf("  model, one batch          %8.3f s   %10.0f orders/s\n", b.batchSeconds, b.batchOrdersPerSecond);
    std::printf("  features + model          %8.3f s   %10.0f orders/s\n", b.featureSeconds + b.batchSeconds, b.endToEndOrdersPerSecond);
    std::printf("  baseline: one at a time   %8.3f s   %10.0f orders/s  (%lld orders)\n", b.singleSeconds, b.singleOrdersPerSecond,
                (long long)b.singleOrders);
    std::printf("  batch / baseline          %8.1fx\n", b.speedup);
    std::printf("  one new order (features, model, reasons, rules): p50 %.2f ms, p95 %.2f ms, max %.2f ms (%d orders)\n",
                b.latencyP50Ms, b.latencyP95Ms, b.latencyMaxMs, b.latencyOrders);
    return 0;
}

const RegisterModuleCommand kEvalRisk{{"eval", "risk",
    "  shoppilot eval risk --db STORE | --csv FILE --label COLUMN [--folds 5] [--rows N] [--engines gbdt,mlp]\n"
    "                      [--depth 6] [--eta 0.05] [--rounds 600] [--pos-weight-power 0.5]\n"
    "                                                 fraud model vs rules vs logistic baseline\n",
    evalRisk}};
const RegisterModuleCommand kEvalCredit{{"eval", "credit",
    "  shoppilot eval credit --csv FILE --label COLUMN [--folds 10] [--cost-bad 5] [--cost-good 1]\n"
    "                        [--bins 8] [--min-bin-share 0.05] [--l2 2]\n"
    "                                                 credit scorecard vs logistic baseline, expected cost\n",
    evalCredit}};
const RegisterModuleCommand kTrainRisk{{"train", "risk",
    "  shoppilot train risk --db STORE [--queue-days N]\n"
    "                                                 fraud model + customer scorecard from labelled history\n", trainRisk}};
const RegisterModuleCommand kBenchRisk{{"bench", "risk",
    "  shoppilot bench risk --db STORE                fraud scoring throughput vs one order at a time\n", benchRisk}};

} // namespace

} // namespace shoppilot::app
