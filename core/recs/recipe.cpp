#include "recs/recipe.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "common/error.h"
#include "models/catalog.h"
#include "models/recipe_file.h"
#include "recs/checkpoint.h"
#include "recs/recs_eval.h"

namespace shoppilot::recs {

namespace {

constexpr char kServedMagic[8] = {'S', 'P', 'S', 'E', 'R', 'V', 'E', '1'};

// Validation cases for the prior's grid and the model comparison: a fixed, evenly spread
// subset keeps the grid cheap on a big data set.
std::vector<EvalCase> validationSubset(const std::vector<EvalCase>& validation)
{
    const auto kMax = std::size_t(std::max(1, recipeBook().validationSubset));
    std::vector<EvalCase> out;
    const std::size_t step = std::max<std::size_t>(1, validation.size() / kMax);
    for (std::size_t i = 0; i < validation.size(); i += step)
        out.push_back(validation[i]);
    return out;
}

// A trained model scored with a trial prior weight, without copying the model.
class TrialBlend final : public Recommender {
public:
    TrialBlend(const Recommender& base, const PopularityPrior& prior, float weight)
        : m_base(base), m_prior(prior), m_weight(weight)
    {
        m_numItems = base.numItems();
    }
    ModelKind kind() const override { return m_base.kind(); }
    TrainReport fit(const std::vector<std::vector<ItemIndex>>&, int, const std::vector<EvalCase>&, const TrainOptions&,
                    const Progress&) override
    {
        return {};
    }
    void scoreBatch(std::span<const EvalCase* const> cases, float* out) const override
    {
        m_base.scoreBatch(cases, out);
        const std::size_t stride = std::size_t(m_numItems) + 1;
        for (std::size_t b = 0; b < cases.size(); ++b)
            for (std::size_t i = 0; i < stride && i < m_prior.logCounts.size(); ++i)
                out[b * stride + i] += m_weight * m_prior.logCounts[i];
    }
    std::vector<std::uint8_t> save() const override { return m_base.save(); }
    void load(const std::vector<std::uint8_t>&) override {}

private:
    const Recommender& m_base;
    const PopularityPrior& m_prior;
    float m_weight;
};

} // namespace

PopularityPrior PopularityPrior::fromSequences(const std::vector<std::vector<ItemIndex>>& sequences, int numItems,
                                               float weight)
{
    PopularityPrior p;
    p.weight = weight;
    p.logCounts.assign(std::size_t(numItems) + 1, 0.f);
    for (const auto& s : sequences)
        for (auto i : s)
            if (i > 0 && i <= numItems)
                p.logCounts[std::size_t(i)] += 1.f;
    for (auto& c : p.logCounts)
        c = std::log1p(c);
    return p;
}

ServedRecommender::ServedRecommender(std::unique_ptr<Recommender> base, PopularityPrior prior)
    : m_base(std::move(base)), m_prior(std::move(prior))
{
    m_numItems = m_base->numItems();
}

TrainReport ServedRecommender::fit(const std::vector<std::vector<ItemIndex>>& train, int numItems,
                                   const std::vector<EvalCase>& validation, const TrainOptions& options,
                                   const Progress& progress)
{
    auto r = m_base->fit(train, numItems, validation, options, progress);
    m_numItems = m_base->numItems();
    if (!m_prior.logCounts.empty())
        m_prior = PopularityPrior::fromSequences(train, numItems, m_prior.weight);
    return r;
}

void ServedRecommender::scoreBatch(std::span<const EvalCase* const> cases, float* out) const
{
    m_base->scoreBatch(cases, out);
    if (m_prior.weight == 0.f || m_prior.logCounts.empty())
        return;
    const std::size_t stride = std::size_t(m_numItems) + 1;
    const std::size_t n = std::min(stride, m_prior.logCounts.size());
    for (std::size_t b = 0; b < cases.size(); ++b)
        for (std::size_t i = 0; i < n; ++i)
            out[b * stride + i] += m_prior.weight * m_prior.logCounts[i];
}

std::vector<Contribution> ServedRecommender::explain(std::int32_t user, const std::vector<ItemIndex>& history,
                                                     ItemIndex item) const
{
    return m_base->explain(user, history, item);
}

std::vector<Contribution> ServedRecommender::similarItems(ItemIndex item, int n) const
{
    return m_base->similarItems(item, n);
}

std::vector<std::uint8_t> ServedRecommender::save() const
{
    std::vector<std::uint8_t> out(kServedMagic, kServedMagic + 8);
    const float w = m_prior.weight;
    const auto n = std::uint64_t(m_prior.logCounts.size());
    const auto* pw = reinterpret_cast<const std::uint8_t*>(&w);
    out.insert(out.end(), pw, pw + sizeof w);
    const auto* pn = reinterpret_cast<const std::uint8_t*>(&n);
    out.insert(out.end(), pn, pn + sizeof n);
    detail::appendFloats(out, m_prior.logCounts);
    const auto inner = m_base->save();
    out.insert(out.end(), inner.begin(), inner.end());
    return out;
}

void ServedRecommender::load(const std::vector<std::uint8_t>& bytes)
{
    auto m = loadServedRecommender(bytes);
    m_base = std::move(m->m_base);
    m_prior = std::move(m->m_prior);
    m_numItems = m_base->numItems();
}

std::unique_ptr<ServedRecommender> loadServedRecommender(const std::vector<std::uint8_t>& bytes)
{
    if (bytes.size() < 8 || std::memcmp(bytes.data(), kServedMagic, 8) != 0)
        return std::make_unique<ServedRecommender>(loadRecommender(bytes), PopularityPrior{});
    const std::string bad = "this recommender checkpoint's popularity prior is truncated; retrain the model "
                            "(shoppilot train recs) to replace it";
    std::size_t pos = 8;
    PopularityPrior prior;
    std::uint64_t n = 0;
    if (bytes.size() < pos + sizeof prior.weight + sizeof n)
        throw Error(ErrorCode::Model, bad);
    std::memcpy(&prior.weight, bytes.data() + pos, sizeof prior.weight);
    pos += sizeof prior.weight;
    std::memcpy(&n, bytes.data() + pos, sizeof n);
    pos += sizeof n;
    if (n > (bytes.size() - pos) / sizeof(float) || !std::isfinite(prior.weight))
        throw Error(ErrorCode::Model, bad);
    prior.logCounts = detail::readFloats(bytes, pos, std::size_t(n));
    auto base = loadRecommender(std::vector<std::uint8_t>(bytes.begin() + std::ptrdiff_t(pos), bytes.end()));
    if (!prior.logCounts.empty() && prior.logCounts.size() != std::size_t(base->numItems()) + 1)
        throw Error(ErrorCode::Model, "this recommender checkpoint's popularity prior does not match its model ("
                                          + std::to_string(prior.logCounts.size()) + " counts for "
                                          + std::to_string(base->numItems()) + " items); retrain it");
    return std::make_unique<ServedRecommender>(std::move(base), std::move(prior));
}

RecipeBook parseRecipeBook(std::string_view json, const std::string& file)
{
    auto root = models::RecipeObject::parse(json, file, kRecipeFileVersion);
    root.text("notes");
    RecipeBook book;
    for (double w : root.numbers("prior_weight_grid"))
        book.priorWeightGrid.push_back(float(w));
    book.validationSubset = root.int32("validation_subset");
    auto all = root.object("models");
    for (const auto kind : {ModelKind::SasRec, ModelKind::Bpr, ModelKind::ItemKnn, ModelKind::Pop}) {
        auto m = all.object(modelKindName(kind));
        Recipe r;
        r.kind = kind;
        auto& o = r.train;
        o.seed = std::uint64_t(m.integer("seed"));
        o.maxEpochs = m.int32("max_epochs");
        o.patience = m.int32("patience");
        o.evalEvery = m.int32("eval_every");
        o.dim = m.int32("dim");
        o.maxLen = m.int32("max_len");
        o.blocks = m.int32("blocks");
        o.heads = m.int32("heads");
        o.dropout = m.number("dropout");
        o.lr = m.number("lr");
        o.weightDecay = m.number("weight_decay");
        o.batchSize = m.int32("batch");
        o.negatives = m.int32("negatives");
        o.validationUsers = m.int32("validation_users");
        o.popWindow = m.int32("pop_window");
        o.calibratePopularity = m.boolean("popularity_prior");
        o.selectOnSampled = m.choice("select_checkpoint_on", {"full", "sampled99"}) == "sampled99";
        o.labelSmoothing = m.number("label_smoothing");
        m.finish();
        book.recipes[kind] = r;
    }
    all.finish();
    root.finish();
    return book;
}

const RecipeBook& recipeBook()
{
    static const RecipeBook book = [] {
        const auto text = models::embeddedFile("recs/recipe.json");
        if (!text)
            throw Error(ErrorCode::Model, "models/recs/recipe.json is not in this build (core/models embeds it)");
        return parseRecipeBook(*text, "models/recs/recipe.json");
    }();
    return book;
}

Recipe defaultRecipe(ModelKind kind)
{
    return recipeBook().recipes.at(kind);
}

const std::vector<float>& priorWeightGrid()
{
    return recipeBook().priorWeightGrid;
}

TrainedModel trainRecipe(const Split& split, const Recipe& recipe, const Progress& progress)
{
    ProgressReporter rep(progress);
    auto fitRep = rep.sub(0.0, 0.95);
    auto base = makeRecommender(recipe.kind);
    TrainedModel t;
    t.report = base->fit(split.train, split.numItems, split.validation, recipe.train, [&](double f, std::string_view w) {
        fitRep.report(f, w);
        return true;
    });
    rep.report(0.95, "choosing the popularity prior on validation");
    PopularityPrior prior;
    if (recipe.train.calibratePopularity)
        prior = PopularityPrior::fromSequences(split.train, split.numItems, 0.f);
    const auto val = validationSubset(split.validation);
    const auto seed = recipe.train.seed + 99;
    t.validationPlain = metricsFromRanks(rankCases(*base, val, kServedProtocol, seed));
    t.validation = t.validationPlain;
    if (recipe.train.calibratePopularity && !val.empty()) {
        for (float w : priorWeightGrid()) {
            if (w == 0.f)
                continue; // the plain model, scored above
            const auto m = metricsFromRanks(rankCases(TrialBlend(*base, prior, w), val, kServedProtocol, seed));
            if (m.ndcg10 > t.validation.ndcg10) {
                t.validation = m;
                prior.weight = w;
            }
        }
    }
    auto served = std::make_unique<ServedRecommender>(std::move(base), std::move(prior));
    t.model = std::move(served);
    rep.report(1.0, "trained");
    return t;
}

int refitEpochs(const TrainReport& trained)
{
    return std::max(1, trained.bestEpoch > 0 ? trained.bestEpoch : trained.epochs);
}

std::unique_ptr<ServedRecommender> refitOnAll(const std::vector<std::vector<ItemIndex>>& sequences, int numItems,
                                              const Recipe& recipe, const TrainedModel& trained,
                                              const Progress& progress)
{
    TrainOptions o = recipe.train;
    o.maxEpochs = refitEpochs(trained.report);
    const float weight = trained.model ? trained.model->prior().weight : 0.f;
    PopularityPrior prior;
    if (recipe.train.calibratePopularity)
        prior = PopularityPrior::fromSequences(sequences, numItems, weight);
    auto m = std::make_unique<ServedRecommender>(makeRecommender(recipe.kind), std::move(prior));
    m->fit(sequences, numItems, {}, o, progress);
    return m;
}

} // namespace shoppilot::recs
