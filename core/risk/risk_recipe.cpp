#include "risk/risk_recipe.h"

#include "common/error.h"
#include "models/catalog.h"
#include "models/recipe_file.h"

namespace shoppilot::risk {

RiskRecipe parseRiskRecipe(std::string_view json, const std::string& file)
{
    auto root = models::RecipeObject::parse(json, file, kRiskRecipeVersion);
    root.text("notes");
    RiskRecipe r;
    {
        auto f = root.object("fraud");
        r.fraud.minOrders = f.int32("min_orders");
        auto m = f.object("label_maturity");
        r.fraud.defaultMaturityDays = m.number("default_days");
        r.fraud.minChargebacksForMaturity = m.int32("min_chargebacks");
        r.fraud.maturityPercentile = m.number("percentile");
        m.finish();
        r.fraud.validationShare = f.number("validation_share");
        r.fraud.withMlp = f.boolean("with_mlp");
        r.fraud.withGbdt = f.boolean("with_gbdt");
        r.fraud.refit = f.boolean("refit");
        r.fraud.choiceMarginSe = f.number("choice_margin_se");
        r.fraud.bootstrapSamples = f.int32("bootstrap_samples");
        auto l = f.object("learner");
        auto& lo = r.fraud.learner;
        lo.seed = l.int32("seed");
        lo.l2 = l.number("l2");
        lo.gbdtRounds = l.int32("gbdt_rounds");
        lo.gbdtDepth = l.int32("gbdt_depth");
        lo.gbdtEta = l.number("gbdt_eta");
        lo.gbdtPosWeightPower = l.number("gbdt_pos_weight_power");
        lo.mlpEpochs = l.int32("mlp_epochs");
        lo.mlpHidden = l.int32("mlp_hidden");
        lo.threads = l.int32("threads");
        l.finish();
        f.finish();
        if (r.fraud.validationShare <= 0 || r.fraud.validationShare >= 1 || r.fraud.maturityPercentile <= 0
            || r.fraud.maturityPercentile > 1)
            throw Error(ErrorCode::Model, file + ": fraud.validation_share must be in (0, 1) and "
                                                 "fraud.label_maturity.percentile in (0, 1]");
    }
    {
        auto c = root.object("credit");
        r.credit.labelWindowDays = c.int32("label_window_days");
        r.credit.minCustomers = c.int32("min_customers");
        r.credit.minBad = c.int32("min_bad");
        r.credit.badRefunds = c.int32("bad_refunds");
        r.credit.maxBins = c.int32("max_bins");
        r.credit.minBinShare = c.number("min_bin_share");
        r.credit.l2 = c.number("l2");
        r.credit.pdo = c.number("pdo");
        r.credit.basePoints = c.number("base_points");
        r.credit.baseOdds = c.number("base_odds");
        c.finish();
    }
    root.finish();
    return r;
}

const RiskRecipe& riskRecipe()
{
    static const RiskRecipe recipe = [] {
        const auto text = models::embeddedFile("risk/recipe.json");
        if (!text)
            throw Error(ErrorCode::Model, "models/risk/recipe.json is not in this build (core/models embeds it)");
        return parseRiskRecipe(*text, "models/risk/recipe.json");
    }();
    return recipe;
}

} // namespace shoppilot::risk
