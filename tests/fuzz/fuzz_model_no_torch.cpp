// Stand-ins for the LibTorch-backed readers the model-file fuzz target cannot build (see
// fuzz_model.cpp): each refuses its payload with the Error the real reader gives a bad archive,
// so the code around them (envelopes, headers, the other members) is what gets fuzzed.
#include <cstdint>
#include <memory>
#include <vector>

#include "common/error.h"
#include "recs/recommender.h"
#include "risk/learners.h"

namespace shoppilot::risk {
std::unique_ptr<Learner> makeMlp(const LearnerOptions&)
{
    throw Error(ErrorCode::InvalidArgument, "fuzz build: no MLP");
}
std::unique_ptr<Learner> loadMlp(const std::vector<std::uint8_t>&)
{
    throw Error(ErrorCode::Model, "fuzz build: the MLP member's LibTorch archive is not read here");
}
} // namespace shoppilot::risk

namespace shoppilot::recs {
std::unique_ptr<Recommender> makeTorchRecommender(ModelKind)
{
    throw Error(ErrorCode::Model, "fuzz build: the BPR/SASRec LibTorch payloads are not read here");
}
} // namespace shoppilot::recs
