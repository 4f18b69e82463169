// The recommenders: popularity, item-to-item co-occurrence (itemknn), BPR matrix factorisation
// and SASRec (self-attention over the user's latest items). One interface, so evaluation,
// serving and the panel treat them alike. Torch lives in the .cpp files only.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/progress.h"
#include "recs/recs_data.h"

namespace shoppilot::recs {

enum class ModelKind { Pop, ItemKnn, Bpr, SasRec };
ModelKind parseModelKind(const std::string& text); // pop | itemknn | bpr | sasrec
std::string modelKindName(ModelKind k);

struct TrainOptions {
    std::uint64_t seed = 1;
    int maxEpochs = 200;       // the torch models stop earlier on a validation plateau
    int patience = 5;          // validation checks without a better NDCG@10 before stopping
    int evalEvery = 2;         // epochs between validation checks
    int dim = 64;
    int maxLen = 50;           // SASRec: items of history it attends to
    int blocks = 2;
    int heads = 1;
    double dropout = 0.5;
    double lr = 1e-3;
    double weightDecay = 0.0;
    int batchSize = 128;
    // SASRec's softmax: 0 = over the whole catalogue; K > 0 = over the target and K items drawn
    // uniformly per batch (shared by its positions), several times cheaper on a big catalogue
    // (a catalogue of K items or fewer always gets the full softmax).
    int negatives = 1024;
    int validationUsers = 0;   // 0 = all validation cases, else a fixed random subset
    int popWindow = 0;         // pop: count only each sequence's last N actions (0 = all)
    // pop: count every action, held-out ones included, as S3-Rec's published PopRec does. It
    // leaks the test item into its own score: only for checking a protocol against that table.
    bool popCountHeldOut = false;
    // Evaluation: add beta * log(1 + training count) to the model's scores, beta picked per
    // protocol on the validation cases (never the test ones) from a small grid; 0 = off.
    bool calibratePopularity = false;
    // Early stopping and the kept checkpoint: validation NDCG@10 over full ranking (false) or
    // against 99 uniformly drawn unseen items (true), validation cases only either way.
    bool selectOnSampled = false;
    double labelSmoothing = 0.0; // SASRec's softmax cross-entropy
};

struct TrainReport {
    int epochs = 0;
    int bestEpoch = 0;
    double bestValidationNdcg10 = 0;
    double seconds = 0;
    double secondsPerEpoch = 0;
    std::vector<double> validationCurve;   // validation NDCG@10 per check (the selection protocol)
    std::vector<double> validationSeconds; // seconds since fit() began, at each check
};

// An item that contributed to a recommendation, with its share of the score.
struct Contribution {
    ItemIndex item = 0;
    float weight = 0;
};

class Recommender {
public:
    virtual ~Recommender() = default;
    virtual ModelKind kind() const = 0;
    int numItems() const { return m_numItems; }

    // Trains on the split's training sequences; `validation` (may be empty) drives early
    // stopping for the torch models, which keep the best parameters seen. Throws Cancelled.
    virtual TrainReport fit(const std::vector<std::vector<ItemIndex>>& train, int numItems,
                            const std::vector<EvalCase>& validation, const TrainOptions& options,
                            const Progress& progress) = 0;

    // Scores of items 0..numItems for each case (row-major, rows = cases.size(), stride
    // numItems + 1); column 0 (padding) is meaningless. `user` may be -1 for a user the
    // model has never seen; the model then works from the history alone.
    virtual void scoreBatch(std::span<const EvalCase* const> cases, float* out) const = 0;
    std::vector<float> scoreOne(std::int32_t user, const std::vector<ItemIndex>& history) const;

    // Which history items led to `item` (largest first).
    virtual std::vector<Contribution> explain(std::int32_t user, const std::vector<ItemIndex>& history,
                                              ItemIndex item) const;
    // Items most similar to `item` (for "similar items"), best first.
    virtual std::vector<Contribution> similarItems(ItemIndex item, int n) const;

    // The model's own state (parameters and hyper-parameters). load() throws Error(Model) with
    // a plain explanation when the bytes are not a checkpoint of this kind.
    virtual std::vector<std::uint8_t> save() const = 0;
    virtual void load(const std::vector<std::uint8_t>& bytes) = 0;

protected:
    int m_numItems = 0;
};

std::unique_ptr<Recommender> makeRecommender(ModelKind kind);
// Reads the kind from a checkpoint written by save() and loads it.
std::unique_ptr<Recommender> loadRecommender(const std::vector<std::uint8_t>& bytes);

// Full-ranking NDCG@10 over cases (history items excluded), for early stopping.
double validationNdcg10(const Recommender& model, const std::vector<EvalCase>& cases, bool sampled = false);

} // namespace shoppilot::recs
