// libFuzzer target: the loaders of the model files a store keeps (models.blob), which a user can
// bring in from another machine or a damaged disk: the fraud model (its envelope, the logistic
// and gradient-boosted members, the calibration), the customer credit scorecard, the pricing
// demand fit and the recommender checkpoints (envelope, popularity and item-kNN payloads, the
// served model's prior). The first byte picks the loader. Bad input must end in
// shoppilot::Error, never a crash, a hang or undefined behaviour.
// Not covered here: the MLP member's and the torch recommenders' payloads, which are LibTorch
// archives read by LibTorch itself (LibTorch's headers do not build with clang 14 in C++20);
// fuzz_model_no_torch.cpp stands in for those readers and refuses their payloads.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "pricing/demand_model.h"
#include "recs/recipe.h"
#include "risk/fraud_model.h"
#include "risk/scorecard.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::vector<std::uint8_t> bytes(data + 1, data + size);
    using namespace shoppilot;
    try {
        switch (data[0] % 4) {
        case 0: (void)risk::FraudModel::load(bytes); break;
        case 1: (void)risk::Scorecard::fromJson(std::string(bytes.begin(), bytes.end())); break;
        case 2: (void)pricing::deserializeFit(bytes); break;
        case 3: (void)recs::loadServedRecommender(bytes); break;
        }
    } catch (const Error&) {
    }
    return 0;
}
