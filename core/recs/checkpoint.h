// The byte layout of a recommender checkpoint: a magic tag, the model kind, a JSON header
// (hyper-parameters, sizes) and the model's payload. Lets a loader say precisely what is wrong
// with a blob (not a checkpoint, another model kind, truncated) instead of failing inside torch.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "recs/recommender.h"

namespace shoppilot::recs::detail {

std::vector<std::uint8_t> writeCheckpoint(ModelKind kind, const nlohmann::json& header,
                                          const std::vector<std::uint8_t>& payload);

struct CheckpointParts {
    ModelKind kind;
    nlohmann::json header;
    std::vector<std::uint8_t> payload;
};
// Throws Error(Model) naming what is wrong.
CheckpointParts readCheckpoint(const std::vector<std::uint8_t>& bytes);
CheckpointParts readCheckpoint(const std::vector<std::uint8_t>& bytes, ModelKind expected);

// Little helpers for plain arrays in payloads.
void appendFloats(std::vector<std::uint8_t>& out, const std::vector<float>& v);
std::vector<float> readFloats(const std::vector<std::uint8_t>& in, std::size_t& pos, std::size_t count);

} // namespace shoppilot::recs::detail
