// `shoppilot eval campaigns`: the uplift learners (core/campaigns) on randomised campaign data —
// the Hillstrom e-mail data set (--hillstrom) or any CSV with a treatment and an outcome column
// (--csv). Average effects with 95% intervals on all rows; then, per seed, a stratified 70/30
// split, each learner fitted on the 70% and judged on the 30% (Qini coefficient, uplift at 30%),
// random targeting's uplift at 30% (= the difference in means on the test part), and the learner
// chooseLearner picks by 3-fold cross-validated Qini on the 70% alone (table, or JSON with --json).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "campaigns/uplift.h"
#include "campaigns/uplift_data.h"
#include "cli_common.h"

namespace shoppilot::app {

int evalCampaignsDb(const Args& a); // cli_campaigns_store.cpp

namespace {

using nlohmann::json;
using namespace shoppilot::campaigns;

constexpr double kTargetShare = 0.3;
constexpr int kChoiceFolds = 3;

struct MeanSd {
    double mean = 0, sd = 0;
};

MeanSd meanSd(const std::vector<double>& v)
{
    MeanSd r;
    if (v.empty())
        return r;
    for (double x : v)
        r.mean += x;
    r.mean /= double(v.size());
    if (v.size() > 1) {
        double ss = 0;
        for (double x : v)
            ss += (x - r.mean) * (x - r.mean);
        r.sd = std::sqrt(ss / double(v.size() - 1));
    }
    return r;
}

struct LearnerScores {
    std::vector<double> qini, upliftAt30;
};

struct Evaluation {
    std::map<Learner, LearnerScores> learners;
    std::vector<double> randomAt30;
    std::vector<Learner> chosen;     // per seed
    LearnerScores chosenScores;      // the chosen learner's test figures, per seed
    double seconds = 0;
    std::size_t rows = 0;
    int features = 0;
    bool binary = true;

    Learner mostChosen() const
    {
        std::map<Learner, int> n;
        for (auto l : chosen)
            ++n[l];
        Learner best = chosen.empty() ? Learner::TLearner : chosen.front();
        for (auto l : allLearners()) // ties: the first in allLearners() order
            if (n[l] > n[best] || (n[l] == n[best] && l < best))
                best = l;
        return best;
    }
};

Evaluation evaluateLearners(const UpliftData& d, int seeds, int interactions, const Progress& progress)
{
    const auto t0 = std::chrono::steady_clock::now();
    Evaluation ev;
    ev.rows = d.rows();
    ev.features = d.cols;
    ev.binary = std::all_of(d.y.begin(), d.y.end(), [](double v) { return v == 0.0 || v == 1.0; });
    ProgressReporter rep(progress);
    const auto learners = allLearners();
    for (int s = 1; s <= seeds; ++s) {
        const double base = double(s - 1) / seeds, step = 1.0 / seeds;
        const auto [trainRows, testRows] = stratifiedSplit(d, 0.7, std::uint64_t(s));
        const auto train = subset(d, trainRows), test = subset(d, testRows);
        std::map<Learner, std::vector<double>> predictions;
        for (std::size_t k = 0; k < learners.size(); ++k) {
            rep.report(base + step * 0.4 * double(k) / double(learners.size()),
                       std::string("seed ") + std::to_string(s) + ": " + learnerName(learners[k]));
            FitOptions o;
            o.seed = std::uint64_t(s);
            o.interactionColumns = interactions;
            const auto model = fitUplift(learners[k], train, o);
            const auto p = model.predictAll(test);
            ev.learners[learners[k]].qini.push_back(qiniCurve(p, test.treated, test.y).qini);
            ev.learners[learners[k]].upliftAt30.push_back(upliftAtFraction(p, test.treated, test.y, kTargetShare));
        }
        ev.randomAt30.push_back(upliftAtFraction(std::vector<double>(test.rows(), 0.0), test.treated, test.y, kTargetShare));
        FitOptions o;
        o.interactionColumns = interactions;
        const auto chosen = chooseLearner(train, learners, kChoiceFolds, std::uint64_t(s),
                                          subProgress(progress, base + step * 0.4, base + step), o);
        ev.chosen.push_back(chosen);
        ev.chosenScores.qini.push_back(ev.learners[chosen].qini.back());
        ev.chosenScores.upliftAt30.push_back(ev.learners[chosen].upliftAt30.back());
    }
    rep.report(1.0, "done");
    ev.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return ev;
}

void putEstimate(json& j, const std::string& prefix, const Estimate& e)
{
    j[prefix + "/estimate"] = e.estimate;
    j[prefix + "/se"] = e.se;
    j[prefix + "/ci_low"] = e.ciLow;
    j[prefix + "/ci_high"] = e.ciHigh;
    j[prefix + "/n_treated"] = e.nTreated;
    j[prefix + "/n_control"] = e.nControl;
}

// prefix "" (the primary combination) or "mens/visit/".
void putEvaluation(json& j, const std::string& prefix, const Evaluation& ev)
{
    for (const auto& [l, s] : ev.learners) {
        const std::string k = prefix + learnerName(l);
        const auto q = meanSd(s.qini), u = meanSd(s.upliftAt30);
        j[k + "/qini"] = q.mean;
        j[k + "/qini_sd"] = q.sd;
        j[k + "/uplift_at_30"] = u.mean;
        j[k + "/uplift_at_30_sd"] = u.sd;
    }
    const auto r = meanSd(ev.randomAt30);
    j[prefix + "random/uplift_at_30"] = r.mean;
    j[prefix + "random/uplift_at_30_sd"] = r.sd;
    j[prefix + "random/qini"] = 0.0;
    j[prefix + "chosen"] = learnerName(ev.mostChosen());
    json per = json::array();
    for (auto l : ev.chosen)
        per.push_back(learnerName(l));
    j[prefix + "chosen_per_seed"] = per;
    const auto cq = meanSd(ev.chosenScores.qini), cu = meanSd(ev.chosenScores.upliftAt30);
    j[prefix + "chosen/qini"] = cq.mean;
    j[prefix + "chosen/qini_sd"] = cq.sd;
    j[prefix + "chosen/uplift_at_30"] = cu.mean;
    j[prefix + "chosen/uplift_at_30_sd"] = cu.sd;
    j[prefix + "seconds"] = ev.seconds;
}

std::string effect(double v, bool binary)
{
    char buf[64];
    if (binary)
        std::snprintf(buf, sizeof buf, "%+.2f pp", 100 * v);
    else
        std::snprintf(buf, sizeof buf, "%+.3f", v);
    return buf;
}

std::string effectSd(const MeanSd& m, bool binary)
{
    char buf[64];
    if (binary)
        std::snprintf(buf, sizeof buf, "%+6.2f pp ±%.2f", 100 * m.mean, 100 * m.sd);
    else
        std::snprintf(buf, sizeof buf, "%+7.3f ±%.3f", m.mean, m.sd);
    return buf;
}

void printEvaluation(const std::string& title, const Evaluation& ev, int seeds)
{
    std::printf("\n%s: %zu rows, %d features; %d seeds of a stratified 70/30 split, test figures mean ± sd (%.1f s)\n",
                title.c_str(), ev.rows, ev.features, seeds, ev.seconds);
    std::printf("  %-12s %-16s %s\n", "targeting", "Qini", "uplift@30%");
    for (const auto& [l, s] : ev.learners) {
        const auto q = meanSd(s.qini);
        std::printf("  %-12s %6.3f ±%.3f   %s\n", learnerName(l), q.mean, q.sd, effectSd(meanSd(s.upliftAt30), ev.binary).c_str());
    }
    std::printf("  %-12s %6.3f         %s   (= difference in means on the test part)\n", "random", 0.0,
                effectSd(meanSd(ev.randomAt30), ev.binary).c_str());
    std::string per;
    for (auto l : ev.chosen)
        per += std::string(per.empty() ? "" : ", ") + learnerName(l);
    const auto cq = meanSd(ev.chosenScores.qini);
    std::printf("  chosen (3-fold CV Qini on the 70%%): %s  [per seed: %s]; its test Qini %.3f ±%.3f, uplift@30%% %s\n",
                learnerName(ev.mostChosen()), per.c_str(), cq.mean, cq.sd,
                effectSd(meanSd(ev.chosenScores.upliftAt30), ev.binary).c_str());
}

int interactionsOf(const Args& a)
{
    const int k = a.intOpt("interactions", FitOptions{}.interactionColumns);
    if (k < 0 || k > 50)
        throw UsageError("--interactions must be between 0 and 50 (columns whose pairwise products enter the models)");
    return k;
}

int seedsOf(const Args& a)
{
    const int seeds = a.intOpt("seeds", 5);
    if (seeds < 1 || seeds > 100)
        throw UsageError("--seeds must be between 1 and 100");
    return seeds;
}

int evalHillstrom(const Args& a, const std::string& path)
{
    const bool quiet = a.flag("quiet") || a.flag("json");
    const int seeds = seedsOf(a);
    const auto progress = consoleProgress(quiet);
    const auto t0 = std::chrono::steady_clock::now();
    struct Arm {
        const char* key;
        const char* name;
    };
    const Arm arms[] = {{"mens", "Mens E-Mail"}, {"womens", "Womens E-Mail"}};
    const char* outcomes[] = {"visit", "conversion", "spend"};
    // The data README's figures (difference in means on all 64,000 customers).
    const std::map<std::string, double> readme{{"mens/visit", 0.0766}, {"mens/conversion", 0.0068}, {"mens/spend", 0.77},
                                               {"womens/visit", 0.0452}, {"womens/conversion", 0.0031}, {"womens/spend", 0.42}};
    json j{{"file", path}, {"seeds", seeds}, {"primary", "womens/visit"}, {"target_share", kTargetShare},
           {"interactions", interactionsOf(a)}};
    std::map<std::string, Estimate> ates;
    std::map<std::string, Evaluation> evals;
    std::map<std::string, std::size_t> rows;
    int step = 0;
    const int steps = 4;
    for (const auto& arm : arms)
        for (const char* outcome : outcomes) {
            const std::string key = std::string(arm.key) + "/" + outcome;
            const auto d = readHillstrom(path, arm.name, outcome);
            rows[arm.key] = d.rows();
            ates[key] = averageEffect(d.treated, d.y);
            putEstimate(j, "ate/" + key, ates[key]);
            if (std::string(outcome) == "spend")
                continue;
            for (const auto& note : d.notes)
                if (!quiet)
                    std::fprintf(stderr, "note: %s\n", note.c_str());
            evals[key] = evaluateLearners(d, seeds, interactionsOf(a), subProgress(progress, double(step) / steps, double(step + 1) / steps));
            ++step;
            putEvaluation(j, key + "/", evals[key]);
        }
    putEvaluation(j, "", evals.at("womens/visit"));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    j["seconds"] = seconds;
    if (a.flag("json")) {
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("Hillstrom e-mail campaign (%s): average effects on all rows, 95%% interval (Welch), vs the data README\n",
                path.c_str());
    std::printf("  %-8s %-11s %7s %11s  %-24s %10s\n", "arm", "outcome", "rows", "estimate", "95% interval", "README");
    for (const auto& arm : arms)
        for (const char* outcome : outcomes) {
            const std::string key = std::string(arm.key) + "/" + outcome;
            const auto& e = ates.at(key);
            const bool binary = std::string(outcome) != "spend";
            const std::string ci = "[" + effect(e.ciLow, binary) + ", " + effect(e.ciHigh, binary) + "]";
            std::printf("  %-8s %-11s %7zu %11s  %-24s %10s\n", arm.key, outcome, e.nTreated + e.nControl,
                        effect(e.estimate, binary).c_str(), ci.c_str(), effect(readme.at(key), binary).c_str());
        }
    for (const auto& arm : arms)
        for (const char* outcome : {"visit", "conversion"}) {
            const std::string key = std::string(arm.key) + "/" + outcome;
            printEvaluation(key + (key == "womens/visit" ? " (primary)" : ""), evals.at(key), seeds);
        }
    std::printf("\nQini: area between the model's Qini curve and random, over the perfect curve's (1 perfect, 0 random);\n"
                "uplift@30%%: treated minus control mean among the top 30%% by predicted effect.\n"
                "Bases: standardised features, quartile indicators, pairwise products among the %d columns most\n"
                "correlated with the outcome (--interactions). %.1f s in all.\n",
                interactionsOf(a), seconds);
    return 0;
}

int evalCsv(const Args& a, const std::string& path)
{
    const bool quiet = a.flag("quiet") || a.flag("json");
    const int seeds = seedsOf(a);
    std::vector<std::string> ignore;
    if (const auto list = a.opt("ignore")) {
        std::stringstream ss(*list);
        std::string name;
        while (std::getline(ss, name, ','))
            if (!name.empty())
                ignore.push_back(name);
    }
    const auto treatment = a.required("treatment"), outcome = a.required("outcome");
    const auto d = readCampaignCsv(path, treatment, outcome, a.opt("control").value_or(""), ignore);
    if (!quiet)
        for (const auto& note : d.notes)
            std::fprintf(stderr, "note: %s\n", note.c_str());
    const auto ate = averageEffect(d.treated, d.y);
    const auto ev = evaluateLearners(d, seeds, interactionsOf(a), consoleProgress(quiet));
    if (a.flag("json")) {
        json j{{"file", path}, {"treatment", treatment}, {"outcome", outcome}, {"seeds", seeds}, {"rows", d.rows()},
               {"features", d.cols}, {"target_share", kTargetShare}, {"notes", d.notes},
               {"interactions", interactionsOf(a)}};
        putEstimate(j, "ate", ate);
        putEvaluation(j, "", ev);
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("%s: %s (treated %zu, control %zu) on %s\n", path.c_str(), treatment.c_str(), ate.nTreated, ate.nControl,
                outcome.c_str());
    std::printf("  average effect %s, 95%% interval [%s, %s]\n", effect(ate.estimate, ev.binary).c_str(),
                effect(ate.ciLow, ev.binary).c_str(), effect(ate.ciHigh, ev.binary).c_str());
    printEvaluation(outcome, ev, seeds);
    std::printf("Bases: pairwise products among the %d columns most correlated with the outcome (--interactions).\n",
                interactionsOf(a));
    return 0;
}

int evalCampaigns(const Args& a)
{
    if (a.opt("db"))
        return evalCampaignsDb(a); // the planner's backtest on a demo store (cli_campaigns_store.cpp)
    a.allowOnly({"hillstrom", "csv", "treatment", "outcome", "control", "seeds", "ignore", "interactions"});
    const auto hill = a.opt("hillstrom"), csv = a.opt("csv");
    if (bool(hill) == bool(csv))
        throw UsageError("give either --hillstrom FILE, --csv FILE --treatment COL --outcome COL, or --db FILE");
    return hill ? evalHillstrom(a, *hill) : evalCsv(a, *csv);
}

const RegisterModuleCommand kEvalCampaigns{{"eval", "campaigns",
    "  shoppilot eval campaigns --hillstrom FILE [--seeds 5] [--interactions 6]\n"
    "  shoppilot eval campaigns --csv FILE --treatment COL --outcome COL [--control VALUE] [--ignore COL,...] [--seeds 5]\n"
    "                           [--interactions 6]\n"
    "                                                 average effects, and T/X/DR uplift learners' Qini and uplift@30%\n"
    "                                                 on held-out parts of a randomised campaign\n"
    "  shoppilot eval campaigns --db FILE         the campaign planner's forecasts of held-back campaigns on a demo\n"
    "                                                 store against the planted truth (90% interval coverage), and\n"
    "                                                 the learners' ranking against the planted individual uplift\n",
    evalCampaigns}};

} // namespace

} // namespace shoppilot::app
