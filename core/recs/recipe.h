// One recipe per model kind, shared by `shoppilot eval recs` and by the app's training and
// serving, so what the README reports is what a customer gets: the training options, the
// checkpoint chosen on validation, and the popularity prior whose weight is chosen on
// validation and saved with the model (ServedRecommender). eval and train both call
// trainRecipe(); the app then refits the chosen model on every event with refitOnAll().
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/progress.h"
#include "recs/recommender.h"
#include "recs/recs_metrics.h"

namespace shoppilot::recs {

// The app ranks the whole catalogue for a customer, so choices made on validation (the prior's
// weight, which model to serve) use full-ranking NDCG@10.
inline constexpr Protocol kServedProtocol = Protocol::Full;

// weight * log(1 + count) of each item in the sequences the model was trained on.
struct PopularityPrior {
    float weight = 0;
    std::vector<float> logCounts; // per item index (numItems + 1 entries), empty when unused
    static PopularityPrior fromSequences(const std::vector<std::vector<ItemIndex>>& sequences, int numItems,
                                         float weight);
};

// The scorer a user gets: a trained model plus its popularity prior. What eval ranks and what
// the app serves. fit() trains the base model and recounts the prior on the same sequences,
// keeping the prior's weight (a refit on more data).
class ServedRecommender final : public Recommender {
public:
    ServedRecommender(std::unique_ptr<Recommender> base, PopularityPrior prior);
    ModelKind kind() const override { return m_base->kind(); }
    const Recommender& base() const { return *m_base; }
    const PopularityPrior& prior() const { return m_prior; }

    TrainReport fit(const std::vector<std::vector<ItemIndex>>& train, int numItems,
                    const std::vector<EvalCase>& validation, const TrainOptions& options,
                    const Progress& progress) override;
    void scoreBatch(std::span<const EvalCase* const> cases, float* out) const override;
    std::vector<Contribution> explain(std::int32_t user, const std::vector<ItemIndex>& history,
                                      ItemIndex item) const override;
    std::vector<Contribution> similarItems(ItemIndex item, int n) const override;
    // The base model's checkpoint behind a small header with the prior.
    std::vector<std::uint8_t> save() const override;
    void load(const std::vector<std::uint8_t>& bytes) override;

private:
    std::unique_ptr<Recommender> m_base;
    PopularityPrior m_prior;
};

// Reads ServedRecommender::save() bytes, or a bare model checkpoint (served without a prior).
// Throws Error(Model) naming what is wrong.
std::unique_ptr<ServedRecommender> loadServedRecommender(const std::vector<std::uint8_t>& bytes);

struct Recipe {
    ModelKind kind = ModelKind::SasRec;
    TrainOptions train; // train.calibratePopularity: choose the prior's weight on validation
};

// The recipes as data: models/recs/recipe.json (embedded at build time, see core/models), one
// full set of training options per model kind, the prior weights tried on validation and the
// size of the validation subset they are chosen on. SASRec: the Beauty recipe (sampled softmax
// over 2048 items, Adam 2e-3, up to 60 epochs, checkpoint chosen on validation sampled-99
// NDCG@10, patience 5 checks, popularity prior). Popularity counts each customer's last 10 actions.
inline constexpr int kRecipeFileVersion = 1;
struct RecipeBook {
    std::map<ModelKind, Recipe> recipes; // every kind
    std::vector<float> priorWeightGrid;  // 0 = no prior
    int validationSubset = 0;            // validation cases the prior and the comparison use
};
// Parses a recipe file's text strictly (models::RecipeObject): throws Error(Model) naming `file`
// and the key that is missing, unknown or of the wrong type.
RecipeBook parseRecipeBook(std::string_view json, const std::string& file);
// The embedded models/recs/recipe.json, parsed once.
const RecipeBook& recipeBook();

// The recipe the app trains and eval measures when no flag overrides it (recipeBook()).
Recipe defaultRecipe(ModelKind kind);
// The prior weights tried on validation (0 = no prior).
const std::vector<float>& priorWeightGrid();

struct TrainedModel {
    std::unique_ptr<ServedRecommender> model;
    TrainReport report;
    RankMetrics validation; // the served scorer on (up to 4000) validation cases, kServedProtocol
    RankMetrics validationPlain; // the same cases without the prior
};

// Trains the recipe on split.train (early stopping and the checkpoint on split.validation),
// then picks the prior's weight on validation under kServedProtocol. Never looks at split.test.
// Throws Cancelled.
TrainedModel trainRecipe(const Split& split, const Recipe& recipe, const Progress& progress = {});

// Epochs a refit on every event trains: the best validation epoch of `trained` (all epochs run
// when validation never scored, at least 1).
int refitEpochs(const TrainReport& trained);

// The chosen recipe trained again on every sequence (held-out events included) for
// refitEpochs(trained.report) epochs without validation, its prior recounted on every event
// with the weight validation chose. Throws Cancelled.
std::unique_ptr<ServedRecommender> refitOnAll(const std::vector<std::vector<ItemIndex>>& sequences, int numItems,
                                              const Recipe& recipe, const TrainedModel& trained,
                                              const Progress& progress = {});

} // namespace shoppilot::recs
