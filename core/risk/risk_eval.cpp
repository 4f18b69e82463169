#include "risk/risk_eval.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "common/error.h"
#include "risk/fraud_training.h"
#include "risk/risk_service.h"
#include "risk/rules.h"
#include "risk/scorecard.h"
#include "risk/tabular.h"

namespace shoppilot::risk {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

FoldSummary summarise(const std::vector<RankMetrics>& v)
{
    FoldSummary s;
    if (v.empty())
        return s;
    auto agg = [&](auto get, double& mean, double& sd) {
        double m = 0;
        for (const auto& r : v)
            m += get(r);
        m /= double(v.size());
        double q = 0;
        for (const auto& r : v)
            q += (get(r) - m) * (get(r) - m);
        mean = m;
        sd = v.size() > 1 ? std::sqrt(q / double(v.size() - 1)) : 0;
    };
    agg([](const RankMetrics& r) { return r.rocAuc; }, s.mean.rocAuc, s.spread.rocAuc);
    agg([](const RankMetrics& r) { return r.prAuc; }, s.mean.prAuc, s.spread.prAuc);
    agg([](const RankMetrics& r) { return r.recallAt1PctFpr; }, s.mean.recallAt1PctFpr, s.spread.recallAt1PctFpr);
    agg([](const RankMetrics& r) { return r.liftAt20Pct; }, s.mean.liftAt20Pct, s.spread.liftAt20Pct);
    for (const auto& r : v) {
        s.mean.rows += r.rows;
        s.mean.positives += r.positives;
    }
    return s;
}

} // namespace

StoreEvalResult evaluateStore(store::Database& db, const Progress& progress)
{
    ProgressReporter rep(progress);
    StoreEvalResult r;
    std::unordered_map<std::int64_t, std::string> truth;
    {
        store::Statement s(db, "SELECT order_id, pattern FROM truth_fraud");
        while (s.step())
            truth[s.columnInt(0)] = s.columnText(1);
    }
    if (truth.empty())
        throw Error(ErrorCode::InvalidArgument, db.path() + " has no planted fraud (truth_fraud is empty): `eval risk --db` "
                                                "needs a demo store (shoppilot demo-data); use --csv for a labelled file");
    auto t0 = Clock::now();
    OrderHistory h = loadOrderHistory(db, [&](double f, std::string_view w) { rep.report(0.2 * f, w); return true; });
    const Matrix x = computeFeatures(h, [&](double f, std::string_view w) { rep.report(0.2 + 0.1 * f, w); return true; });
    r.featureSeconds = since(t0);
    const int n = x.rows;
    const int testStart = int(0.7 * n);
    const Timestamp T = h.orders[std::size_t(testStart)].ts;
    // Exactly what `train risk` would have served had it run just before the test period.
    t0 = Clock::now();
    const FraudFit fit = fitFraudModel(h, x, testStart, T - 1, FraudTrainOptions{},
                                       [&](double f, std::string_view w) { rep.report(0.3 + 0.6 * f, w); return true; });
    const FraudModel& model = fit.model;
    r.trainSeconds = since(t0);
    r.trainOrders = std::int64_t(fit.plan.trainRows.size());
    r.validOrders = std::int64_t(fit.plan.validRows.size());
    r.extraRefitOrders = std::int64_t(fit.plan.extraRefitRows.size());
    r.leftOutOrders = fit.plan.leftOut;
    r.trainLabelledFraud = fit.plan.labelledFraud;
    r.fittedOrders = model.fittedRows();
    r.maturityDays = fit.plan.maturity.days;
    r.maturityMeasured = fit.plan.maturity.measured;
    r.maturityChargebacks = fit.plan.maturity.chargebacks;
    r.labelsAsOf = fit.plan.asOf;
    r.validFrom = fit.plan.validFrom;
    r.matureBefore = fit.plan.matureBefore;
    r.testFrom = T;
    r.engine = model.engine();
    r.why = model.choiceReason();
    r.validation = model.validationReport();
    r.reviewThreshold = model.reviewThreshold();
    std::vector<int> testRows(std::size_t(n - testStart));
    std::iota(testRows.begin(), testRows.end(), testStart);
    const Matrix tx = x.select(testRows);
    auto p = model.probability(tx);
    for (auto& v : p)
        v *= 100;
    const auto pb = model.baselineProbability(tx);
    std::vector<float> yt(testRows.size(), 0), ruleScore(testRows.size(), 0);
    const RuleSet rules = loadRuleSet(db);
    RuleEngine engine(rules, h);
    std::map<std::string, int> hitModel, hitRules, hitBoth;
    std::vector<float> combinedScore(testRows.size(), 0);
    int flagged = 0, flaggedBoth = 0;
    for (std::size_t k = 0; k < testRows.size(); ++k) {
        const auto& o = h.orders[std::size_t(testRows[k])];
        const auto it = truth.find(o.id);
        yt[k] = it != truth.end() ? 1.0f : 0.0f;
        const auto out = engine.evaluate(o, tx.row(int(k)), p[k], false, false);
        ruleScore[k] = float(int(out.action));
        const bool modelFlag = p[k] > model.reviewThreshold();
        flagged += modelFlag;
        const auto both = engine.evaluate(o, tx.row(int(k)), p[k], modelFlag, true);
        flaggedBoth += both.action != RuleAction::Allow;
        combinedScore[k] = float(int(both.action)) * 1000.0f + p[k];
        if (it != truth.end()) {
            ++r.perPatternCount[it->second];
            hitModel[it->second] += modelFlag;
            hitRules[it->second] += out.action != RuleAction::Allow;
            hitBoth[it->second] += both.action != RuleAction::Allow;
        }
    }
    for (const auto& [pattern, count] : r.perPatternCount) {
        r.perPatternRecall[pattern] = double(hitModel[pattern]) / count;
        r.perPatternRecallRules[pattern] = double(hitRules[pattern]) / count;
        r.perPatternRecallCombined[pattern] = double(hitBoth[pattern]) / count;
    }
    r.testOrders = std::int64_t(testRows.size());
    r.testFraud = std::int64_t(std::count(yt.begin(), yt.end(), 1.0f));
    r.flaggedShare = double(flagged) / double(std::max<std::size_t>(1, testRows.size()));
    r.model = rankMetrics(p, yt);
    r.baseline = rankMetrics(pb, yt);
    r.gainOverBaseline = r.model.prAuc - r.baseline.prAuc;
    r.gainOverBaselineSe = pairedApDifferenceSe(p, pb, yt);
    r.rules = rankMetrics(ruleScore, yt);
    r.combined = rankMetrics(combinedScore, yt);
    r.combinedFlaggedShare = double(flaggedBoth) / double(std::max<std::size_t>(1, testRows.size()));
    rep.report(1.0, "done");
    return r;
}

CsvEvalResult evaluateFraudCsv(const std::string& path, const std::string& labelColumn, int folds, std::int64_t maxRows,
                               bool withMlp, const Progress& progress, const LearnerOptions& learner)
{
    if (folds < 2)
        throw Error(ErrorCode::InvalidArgument, "--folds must be at least 2");
    ProgressReporter rep(progress);
    const RawTable t = readLabelledCsv(path, labelColumn, maxRows, [&](double f, std::string_view w) { rep.report(0.05 * f, w); return true; });
    const EncodedTable e = encodeTable(t);
    CsvEvalResult r;
    r.folds = folds;
    r.rows = t.rows();
    r.positives = int(std::count(t.label.begin(), t.label.end(), 1.0f));
    r.features = e.x.cols;
    r.oneHot = e.oneHotColumns;
    r.countEncoded = e.countEncodedColumns;
    r.numeric = e.numericColumns;
    r.skipped = t.skippedRows;
    r.firstSkip = t.firstSkipReason;
    if (r.positives < folds * 2)
        throw Error(ErrorCode::InvalidArgument, path + " has " + std::to_string(r.positives) + " positive rows: too few for " +
                                                    std::to_string(folds) + " folds");
    const auto testFolds = stratifiedFolds(t.label, folds, 2024);
    std::map<std::string, std::vector<RankMetrics>> per;
    std::map<std::string, int> chosenCount;
    for (int k = 0; k < folds; ++k) {
        std::vector<char> inTest(std::size_t(t.rows()), 0);
        for (int i : testFolds[std::size_t(k)])
            inTest[std::size_t(i)] = 1;
        std::vector<int> rest;
        std::vector<float> restLabel;
        for (int i = 0; i < t.rows(); ++i)
            if (!inTest[std::size_t(i)]) {
                rest.push_back(i);
                restLabel.push_back(t.label[std::size_t(i)]);
            }
        // A stratified 15% of the training part validates (early stopping) and calibrates.
        const auto inner = stratifiedFolds(restLabel, 7, 99 + std::uint64_t(k));
        std::vector<char> isValid(rest.size(), 0);
        for (int j : inner[0])
            isValid[std::size_t(j)] = 1;
        std::vector<int> trainRows, validRows;
        for (std::size_t j = 0; j < rest.size(); ++j)
            (isValid[j] ? validRows : trainRows).push_back(rest[j]);
        std::vector<float> y = t.label;
        FraudTrainOptions opt;
        opt.withMlp = withMlp;
        opt.learner = learner;
        const double a = 0.05 + 0.95 * k / folds, b = 0.05 + 0.95 * (k + 1) / folds;
        const FraudModel model = FraudModel::train(e.x, y, trainRows, validRows, opt,
                                                   [&](double f, std::string_view w) { rep.report(a + (b - a) * f, w); return true; });
        const Matrix tx = e.x.select(testFolds[std::size_t(k)]);
        std::vector<float> ty;
        for (int i : testFolds[std::size_t(k)])
            ty.push_back(t.label[std::size_t(i)]);
        per["model"].push_back(rankMetrics(model.probability(tx), ty));
        per["logistic_baseline"].push_back(rankMetrics(model.baselineProbability(tx), ty));
        for (const auto& m : model.validationReport())
            per["validation:" + m.name].push_back(m.validation);
        ++chosenCount[model.engine()];
    }
    for (const auto& [name, v] : per)
        r.learners[name] = summarise(v);
    int best = 0;
    for (const auto& [name, c] : chosenCount)
        if (c > best) {
            best = c;
            r.chosen = name;
        }
    return r;
}

CreditEvalResult evaluateCreditCsv(const std::string& path, const std::string& labelColumn, int folds, double costBad,
                                   double costGood, const Progress& progress, const Scorecard::Options& cardOptions)
{
    if (folds < 2)
        throw Error(ErrorCode::InvalidArgument, "--folds must be at least 2");
    ProgressReporter rep(progress);
    const RawTable t = readLabelledCsv(path, labelColumn);
    const EncodedTable e = encodeTable(t);
    CreditEvalResult r;
    r.folds = folds;
    r.rows = t.rows();
    r.positives = int(std::count(t.label.begin(), t.label.end(), 1.0f));
    r.skipped = t.skippedRows;
    r.costBad = costBad;
    r.costGood = costGood;
    const double cutoff = costGood / (costGood + costBad);
    const auto testFolds = stratifiedFolds(t.label, folds, 31);
    std::vector<RankMetrics> sc, lg;
    double costSc = 0, costLg = 0;
    for (int k = 0; k < folds; ++k) {
        std::vector<char> inTest(std::size_t(t.rows()), 0);
        for (int i : testFolds[std::size_t(k)])
            inTest[std::size_t(i)] = 1;
        std::vector<int> trainRows;
        std::vector<float> trainY;
        for (int i = 0; i < t.rows(); ++i)
            if (!inTest[std::size_t(i)]) {
                trainRows.push_back(i);
                trainY.push_back(t.label[std::size_t(i)]);
            }
        Scorecard card(cardOptions);
        card.fit(t, trainRows);
        auto logistic = Learner::create(LearnerKind::Logistic);
        const Matrix trainX = e.x.select(trainRows);
        logistic->fit(trainX, trainY, Matrix{}, {}, {});
        const double pos = double(std::count(trainY.begin(), trainY.end(), 1.0f));
        const double wPos = (double(trainY.size()) - pos) / std::max(1.0, pos);
        const auto& test = testFolds[std::size_t(k)];
        const Matrix tx = e.x.select(test);
        std::vector<float> logit(test.size()), ps, pl, ty;
        logistic->predictLogit(tx, logit);
        for (std::size_t j = 0; j < test.size(); ++j) {
            const bool bad = t.label[std::size_t(test[j])] > 0.5f;
            ty.push_back(bad ? 1.0f : 0.0f);
            const double p1 = card.probabilityBad(t, test[j]);
            // Undo the class weighting: the weighted model's odds are wPos times the true odds.
            const double p2 = 1 / (1 + std::exp(-(double(logit[j]) - std::log(wPos))));
            ps.push_back(float(p1));
            pl.push_back(float(p2));
            auto cost = [&](double p) { return p > cutoff ? (bad ? 0.0 : costGood) : (bad ? costBad : 0.0); };
            costSc += cost(p1);
            costLg += cost(p2);
            r.rejectAllCost += bad ? 0 : costGood;
            r.acceptAllCost += bad ? costBad : 0;
        }
        sc.push_back(rankMetrics(ps, ty));
        lg.push_back(rankMetrics(pl, ty));
        rep.report(double(k + 1) / folds, "credit scorecard folds");
    }
    r.scorecard = summarise(sc);
    r.logistic = summarise(lg);
    r.scorecardCost = costSc / r.rows;
    r.logisticCost = costLg / r.rows;
    r.rejectAllCost /= r.rows;
    r.acceptAllCost /= r.rows;
    return r;
}

BenchResult benchScoring(store::Database& db, const Progress& progress)
{
    auto loaded = loadActiveFraudModel(db);
    if (!loaded)
        throw Error(ErrorCode::NotFound, "no fraud model in " + db.path() + ": run `shoppilot train risk --db FILE` first");
    ProgressReporter rep(progress);
    BenchResult b;
    b.engine = loaded->model.engine();
    OrderHistory h = loadOrderHistory(db, [&](double f, std::string_view w) { rep.report(0.3 * f, w); return true; });
    auto t0 = Clock::now();
    const Matrix x = computeFeatures(h);
    b.featureSeconds = since(t0);
    b.orders = x.rows;
    rep.report(0.5, "scoring in one batch");
    t0 = Clock::now();
    const auto p = loaded->model.probability(x);
    b.batchSeconds = since(t0);
    b.batchOrdersPerSecond = double(x.rows) / std::max(1e-9, b.batchSeconds);
    b.endToEndOrdersPerSecond = double(x.rows) / std::max(1e-9, b.batchSeconds + b.featureSeconds);
    rep.report(0.7, "scoring one order at a time");
    b.singleOrders = std::min<std::int64_t>(x.rows, 3000);
    t0 = Clock::now();
    double sink = 0;
    for (int i = 0; i < int(b.singleOrders); ++i) {
        const int row[1] = {i};
        sink += loaded->model.probability(x.select(row))[0];
    }
    b.singleSeconds = since(t0);
    b.singleOrdersPerSecond = double(b.singleOrders) / std::max(1e-9, b.singleSeconds);
    b.speedup = b.batchOrdersPerSecond / std::max(1e-9, b.singleOrdersPerSecond);
    if (std::isnan(sink) || p.empty())
        throw Error(ErrorCode::Model, "the fraud model returned no scores");

    rep.report(0.9, "per-order latency");
    const int n = x.rows;
    b.latencyOrders = std::min(n, 500);
    FeatureState state;
    std::vector<float> row(FeatureCount);
    for (int i = 0; i < n - b.latencyOrders; ++i)
        state.next(h, i, row.data());
    const RuleSet rules = loadRuleSet(db);
    RuleEngine engine(rules, h);
    std::vector<double> ms;
    Matrix one;
    one.rows = 1;
    one.cols = FeatureCount;
    one.x.resize(FeatureCount);
    for (int i = n - b.latencyOrders; i < n; ++i) {
        const auto t = Clock::now();
        state.next(h, i, one.row(0));
        const float score = 100 * loaded->model.probability(one)[0];
        const auto reasons = loaded->model.reasons(one, 3);
        const auto out = engine.evaluate(h.orders[std::size_t(i)], one.row(0), score,
                                         loaded->model.level(score) != RiskLevel::Low);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
        sink += double(out.action == RuleAction::Block) + double(reasons.size());
    }
    std::sort(ms.begin(), ms.end());
    if (!ms.empty()) {
        b.latencyP50Ms = ms[ms.size() / 2];
        b.latencyP95Ms = ms[std::min(ms.size() - 1, ms.size() * 95 / 100)];
        b.latencyMaxMs = ms.back();
    }
    return b;
}

} // namespace shoppilot::risk
