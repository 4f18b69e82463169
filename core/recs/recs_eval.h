// What `shoppilot eval recs` computes: train a recommender on the leave-one-out split of a data
// set, rank each user's held-out last item under a protocol, repeat over seeds and report mean
// and spread per metric with the training time.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/progress.h"
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
    std::map<std::string, std::vector<double>> popBetaByProtocol; // per seed, when calibrated
    double trainSecondsMean = 0;
    double trainSecondsTotal = 0;
    double evalSeconds = 0;
};

// Trains `kind` once per seed (seed, seed+1, ...) on data's split and evaluates the test cases.
EvalResult evaluate(const SequenceData& data, ModelKind kind, Protocol protocol, int seeds,
                    const TrainOptions& options, const Progress& progress = {});
// Several protocols on the same trained models (the first one fills `metrics`/`perSeed`).
EvalResult evaluate(const SequenceData& data, ModelKind kind, const std::vector<Protocol>& protocols, int seeds,
                    const TrainOptions& options, const Progress& progress = {});

std::map<std::string, MetricSpread> spread(const std::vector<RankMetrics>& perSeed);

} // namespace shoppilot::recs
