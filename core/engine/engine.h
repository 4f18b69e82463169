// The LibTorch engine's glue: thread settings, a check of the BLAS LibTorch runs on, and the
// model registry that keeps checkpoints as BLOBs in the store's `models` table.
// No torch types here: modules are passed by forward-declared reference.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/time.h"
#include "store/database.h"

namespace torch::nn {
class Module;
}

namespace shoppilot::engine {

struct EngineInfo {
    std::string torchVersion;
    int intraOpThreads = 0;
    int interOpThreads = 0;
    std::string blasLibrary; // the libblas.so.3 the process actually mapped (resolved path)
    bool optimisedBlas = false; // OpenBLAS/BLIS/MKL rather than the reference BLAS
};

// Sets LibTorch's intra-op threads (0 = one per core). Call once at start-up, before any work.
void configureThreads(int intraOpThreads = 0);
EngineInfo engineInfo();

struct ModelRecord {
    std::int64_t id = 0;
    std::string name;    // e.g. "recs.sasrec"
    int version = 0;
    std::string kind;    // "torch" for module checkpoints
    Timestamp trainedAt = 0;
    std::string dataSnapshot;
    std::string metricsJson;
    std::string cardJson;
    bool active = false;
    std::int64_t bytes = 0;
};

struct ModelToSave {
    std::string name;
    std::string kind = "torch";
    Timestamp trainedAt = 0;
    std::string dataSnapshot; // what the model saw, e.g. row counts and the last event time
    std::string metricsJson = "{}";
    std::string cardJson = "{}";
    bool activate = true;
};

// Checkpoints in the store. Versions count up per name; one version per name is active.
class ModelRegistry {
public:
    explicit ModelRegistry(store::Database& db) : m_db(db) {}

    // Stores bytes as the next version of `model.name`; returns the version.
    int save(const ModelToSave& model, const std::vector<std::uint8_t>& blob);
    std::vector<ModelRecord> list(const std::string& name = {});
    std::optional<ModelRecord> active(const std::string& name);
    std::vector<std::uint8_t> blob(const std::string& name, int version);
    void activate(const std::string& name, int version);

private:
    store::Database& m_db;
};

// A module's parameters and buffers as bytes (torch's archive format) and back. load checks
// that every parameter exists with the same shape and throws Error(ErrorCode::Model) naming
// the first mismatch, leaving the module untouched, so a wrong model file never half-loads.
std::vector<std::uint8_t> serializeModule(const torch::nn::Module& module);
void deserializeModule(torch::nn::Module& module, const std::vector<std::uint8_t>& bytes);

} // namespace shoppilot::engine
