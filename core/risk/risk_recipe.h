// The risk models' default recipe as data: models/risk/recipe.json (embedded at build time, see
// core/models), read once. The options structs of learners.h, fraud_model.h, fraud_training.h
// and scorecard.h take their defaults from it; the file says why each value is what it is.
#pragma once

#include <string>
#include <string_view>

namespace shoppilot::risk {

inline constexpr int kRiskRecipeVersion = 1;

struct RiskRecipe {
    struct Learner {
        int seed = 0;
        double l2 = 0;
        int gbdtRounds = 0, gbdtDepth = 0;
        double gbdtEta = 0, gbdtPosWeightPower = 0;
        int mlpEpochs = 0, mlpHidden = 0;
        int threads = 0;
    };
    struct Fraud {
        int minOrders = 0;
        double defaultMaturityDays = 0;
        int minChargebacksForMaturity = 0;
        double maturityPercentile = 0;
        double validationShare = 0;
        bool withMlp = false, withGbdt = false, refit = false;
        double choiceMarginSe = 0;
        int bootstrapSamples = 0;
        Learner learner;
    };
    struct Credit {
        int labelWindowDays = 0;
        int minCustomers = 0, minBad = 0, badRefunds = 0;
        int maxBins = 0;
        double minBinShare = 0, l2 = 0;
        double pdo = 0, basePoints = 0, baseOdds = 0;
    };
    Fraud fraud;
    Credit credit;
};

// Parses a recipe file's text strictly: throws Error(Model) naming `file` and the offending key.
RiskRecipe parseRiskRecipe(std::string_view json, const std::string& file);
const RiskRecipe& riskRecipe(); // the embedded models/risk/recipe.json

} // namespace shoppilot::risk
