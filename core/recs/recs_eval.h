// What `shoppilot eval recs` computes: train a recipe (recipe.h, the same code path the app
// trains and serves) on the leave-one-out split of a data set, rank each user's held-out last
// item under each protocol, repeat over seeds and report mean and spread per metric with the
// training time; beside it the same trained model without its popularity prior ("plain").
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/progress.h"
#include "recs/recipe.h"
#include "recs/recommender.h"
#include "recs/recs_metrics.h"

namespace shoppilot::recs {

// Ranks of the cases' targets under the protocol (0-based). Sampled negatives come uniformly
// from the items the user never interacted with (history and target), without repetition;
// full ranking excludes the user's history items. `seed` drives the sampling and tie breaks.
std::vector<std::int64_t> rankCases(const Recommender& model, const std::vector<EvalCase>& cases,
                                    Protocol protocol, std::uint64_t seed, const Progress& progress = {});

struct MetricSpread {
    double mean = 0;
    double std = 0; // sample standard deviation over seeds (0 for one seed)
};

struct EvalResult {
    std::string model;
    std::string protocol;
    std::string dataName;
    int users = 0, items = 0, testCases = 0;
    std::size_t actions = 0;
    std::vector<RankMetrics> perSeed;
    std::vector<TrainReport> reports;
    std::map<std::string, MetricSpread> metrics; // "HR@10" -> mean/std (first protocol)
    // Every protocol asked for, on the same trained models: protocol name -> per-seed metrics.
    std::vector<std::string> protocols;
    std::map<std::string, std::vector<RankMetrics>> perSeedByProtocol;
    std::map<std::string, std::map<std::string, MetricSpread>> metricsByProtocol;
    // The same trained models scored without the prior (when the recipe has one): protocol ->.
    bool hasPrior = false;
    std::map<std::string, std::vector<RankMetrics>> plainPerSeedByProtocol;
    std::map<std::string, std::map<std::string, MetricSpread>> plainMetricsByProtocol;
    std::vector<double> priorWeights;           // per seed, chosen on validation (served protocol)
    std::vector<RankMetrics> validationPerSeed; // the served scorer on validation (served protocol)
    double trainSecondsMean = 0;
    double trainSecondsTotal = 0;
    double evalSeconds = 0;
};

// Trains the recipe once per seed (recipe.train.seed, +1, ...) on data's split with
// trainRecipe() and evaluates the test cases under every protocol on the same trained models
// (the first protocol fills `metrics`/`perSeed`).
EvalResult evaluate(const SequenceData& data, const Recipe& recipe, const std::vector<Protocol>& protocols, int seeds,
                    const Progress& progress = {});

std::map<std::string, MetricSpread> spread(const std::vector<RankMetrics>& perSeed);

} // namespace shoppilot::recs
