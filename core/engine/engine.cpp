#include "engine/engine.h"

#include <ATen/Parallel.h>
#include <torch/nn/module.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>
#include <torch/utils.h>
#include <torch/version.h>

#include <dlfcn.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "store/repositories.h"

namespace shoppilot::engine {

void configureThreads(int intraOpThreads)
{
    const int n = intraOpThreads > 0 ? intraOpThreads : int(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(n);
    // OpenBLAS keeps a thread pool of its own (one per core) that ignores at::set_num_threads: with
    // --threads 1 its spinning workers still took a second core. Cap it too when OpenBLAS is the
    // BLAS (looked up at run time: the BLAS is chosen by update-alternatives, not at link time).
    using SetThreads = void (*)(int);
    if (auto* set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
        set(n);
}

EngineInfo engineInfo()
{
    EngineInfo info;
    info.torchVersion = TORCH_VERSION;
    info.intraOpThreads = at::get_num_threads();
    info.interOpThreads = at::get_num_interop_threads();
    // Debian picks the BLAS through update-alternatives; what matters is what got mapped.
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        const auto pos = line.find('/');
        if (pos == std::string::npos)
            continue;
        const std::string path = line.substr(pos);
        if (path.find("libblas") != std::string::npos || path.find("libopenblas") != std::string::npos
            || path.find("libmkl") != std::string::npos || path.find("libblis") != std::string::npos) {
            std::error_code ec;
            const auto real = std::filesystem::canonical(path, ec);
            info.blasLibrary = ec ? path : real.string();
            if (info.blasLibrary.find("openblas") != std::string::npos
                || info.blasLibrary.find("mkl") != std::string::npos
                || info.blasLibrary.find("blis") != std::string::npos) {
                info.optimisedBlas = true;
                break;
            }
        }
    }
    return info;
}

int ModelRegistry::save(const ModelToSave& model, const std::vector<std::uint8_t>& blob)
{
    if (model.name.empty())
        throw Error(ErrorCode::InvalidArgument, "a model needs a name to be saved");
    store::Transaction tx(m_db);
    auto next = m_db.prepare("SELECT coalesce(max(version), 0) + 1 FROM models WHERE name = ?");
    next.bind(1, model.name);
    next.step();
    const int v = int(next.columnInt(0));
    if (model.activate) {
        auto off = m_db.prepare("UPDATE models SET active = 0 WHERE name = ?");
        off.bind(1, model.name);
        off.step();
    }
    auto ins = m_db.prepare("INSERT INTO models(name, version, kind, trained_at, data_snapshot, metrics_json, "
                            "card_json, blob, active) VALUES (?,?,?,?,?,?,?,?,?)");
    ins.bind(1, model.name).bind(2, v).bind(3, model.kind).bind(4, model.trainedAt).bind(5, model.dataSnapshot)
        .bind(6, model.metricsJson).bind(7, model.cardJson).bindBlob(8, blob).bind(9, model.activate ? 1 : 0);
    ins.step();
    tx.commit();
    m_db.changeFeed().publish(store::Change{"models", store::ChangeKind::Upsert, 1, {m_db.lastInsertRowId()}});
    return v;
}

std::vector<ModelRecord> ModelRegistry::list(const std::string& name)
{
    auto st = m_db.prepare("SELECT id, name, version, kind, trained_at, coalesce(data_snapshot,''), "
                           "coalesce(metrics_json,''), coalesce(card_json,''), active, length(blob) FROM models "
                           "WHERE ?1 = '' OR name = ?1 ORDER BY name, version");
    st.bind(1, name);
    std::vector<ModelRecord> out;
    while (st.step()) {
        ModelRecord r;
        r.id = st.columnInt(0);
        r.name = st.columnText(1);
        r.version = int(st.columnInt(2));
        r.kind = st.columnText(3);
        r.trainedAt = st.columnInt(4);
        r.dataSnapshot = st.columnText(5);
        r.metricsJson = st.columnText(6);
        r.cardJson = st.columnText(7);
        r.active = st.columnInt(8) != 0;
        r.bytes = st.columnInt(9);
        out.push_back(std::move(r));
    }
    return out;
}

std::optional<ModelRecord> ModelRegistry::active(const std::string& name)
{
    for (auto& r : list(name))
        if (r.active)
            return r;
    return std::nullopt;
}

std::vector<std::uint8_t> ModelRegistry::blob(const std::string& name, int version)
{
    auto st = m_db.prepare("SELECT blob FROM models WHERE name = ? AND version = ?");
    st.bind(1, name).bind(2, version);
    if (!st.step())
        throw Error(ErrorCode::NotFound, "the store has no model " + name + " v" + std::to_string(version)
                                             + "; train it first (shoppilot train ...)");
    return st.columnBlob(0);
}

void ModelRegistry::activate(const std::string& name, int version)
{
    store::Transaction tx(m_db);
    auto on = m_db.prepare("UPDATE models SET active = (version = ?2) WHERE name = ?1");
    on.bind(1, name).bind(2, version);
    on.step();
    auto check = m_db.prepare("SELECT count(*) FROM models WHERE name = ? AND version = ? AND active = 1");
    check.bind(1, name).bind(2, version);
    check.step();
    if (check.columnInt(0) != 1)
        throw Error(ErrorCode::NotFound, "the store has no model " + name + " v" + std::to_string(version));
    tx.commit();
    m_db.changeFeed().publish(store::Change{"models", store::ChangeKind::Upsert, 0, {}});
}

std::vector<std::uint8_t> serializeModule(const torch::nn::Module& module)
{
    // A flat archive keyed by the dotted parameter path, so loading can check every key and
    // shape before touching the module.
    torch::serialize::OutputArchive archive;
    for (const auto& p : module.named_parameters(true))
        archive.write(p.key(), p.value());
    for (const auto& b : module.named_buffers(true))
        archive.write(b.key(), b.value(), /*is_buffer=*/true);
    std::ostringstream os;
    archive.save_to(os);
    const std::string s = os.str();
    return std::vector<std::uint8_t>(s.begin(), s.end());
}

void deserializeModule(torch::nn::Module& module, const std::vector<std::uint8_t>& bytes)
{
    torch::serialize::InputArchive archive;
    try {
        std::istringstream is(std::string(bytes.begin(), bytes.end()));
        archive.load_from(is);
    } catch (const std::exception& e) {
        throw Error(ErrorCode::Model, std::string("the model file is not a LibTorch checkpoint (") + e.what() + ")");
    }
    // Read everything into temporaries first: a mismatch must not leave the module half-loaded.
    std::vector<std::pair<at::Tensor, at::Tensor>> staged;
    auto stage = [&](const std::string& key, const at::Tensor& target, bool isBuffer) {
        at::Tensor value;
        if (!archive.try_read(key, value, isBuffer))
            throw Error(ErrorCode::Model, "the model file has no tensor \"" + key
                                              + "\": it was made for a different model or version");
        if (value.sizes() != target.sizes())
            throw Error(ErrorCode::Model, "tensor \"" + key + "\" has shape " + c10::str(value.sizes())
                                              + " in the model file but " + c10::str(target.sizes())
                                              + " in this model: the file is for another configuration");
        staged.emplace_back(target, value);
    };
    for (const auto& p : module.named_parameters(true))
        stage(p.key(), p.value(), false);
    for (const auto& b : module.named_buffers(true))
        stage(b.key(), b.value(), true);
    torch::NoGradGuard noGrad;
    for (auto& [target, value] : staged)
        target.copy_(value);
}

} // namespace shoppilot::engine
