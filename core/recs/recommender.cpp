#include "recs/recommender.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "common/digest.h"
#include "common/error.h"
#include "recs/checkpoint.h"
#include "recs/recs_eval.h"
#include "recs/recs_metrics.h"

namespace shoppilot::recs {

std::unique_ptr<Recommender> makeTorchRecommender(ModelKind kind); // recs_torch.cpp

ModelKind parseModelKind(const std::string& text)
{
    if (text == "pop")
        return ModelKind::Pop;
    if (text == "itemknn")
        return ModelKind::ItemKnn;
    if (text == "bpr")
        return ModelKind::Bpr;
    if (text == "sasrec")
        return ModelKind::SasRec;
    throw Error(ErrorCode::InvalidArgument, "--model must be pop, itemknn, bpr or sasrec, not '" + text + "'");
}

std::string modelKindName(ModelKind k)
{
    switch (k) {
    case ModelKind::Pop: return "pop";
    case ModelKind::ItemKnn: return "itemknn";
    case ModelKind::Bpr: return "bpr";
    case ModelKind::SasRec: return "sasrec";
    }
    return "pop";
}

std::vector<float> Recommender::scoreOne(std::int32_t user, const std::vector<ItemIndex>& history) const
{
    EvalCase c{user, history, 0};
    const EvalCase* p = &c;
    std::vector<float> out(std::size_t(m_numItems) + 1);
    scoreBatch(std::span<const EvalCase* const>(&p, 1), out.data());
    return out;
}

std::vector<Contribution> Recommender::explain(std::int32_t, const std::vector<ItemIndex>&, ItemIndex) const
{
    return {};
}

std::vector<Contribution> Recommender::similarItems(ItemIndex, int) const
{
    return {};
}

double validationNdcg10(const Recommender& model, const std::vector<EvalCase>& cases, bool sampled)
{
    if (cases.empty())
        return 0;
    // Fixed seed: only ties (rare for trained models) use it, so checks stay comparable.
    return metricsFromRanks(rankCases(model, cases, sampled ? Protocol::Sampled99 : Protocol::Full, 17)).ndcg10;
}

namespace detail {

namespace {
constexpr char kMagic[8] = {'S', 'P', 'R', 'E', 'C', 'S', '0', '1'};
}

std::vector<std::uint8_t> writeCheckpoint(ModelKind kind, const nlohmann::json& header,
                                          const std::vector<std::uint8_t>& payload)
{
    nlohmann::json h = header;
    h["kind"] = modelKindName(kind);
    h["payload_bytes"] = payload.size();
    // LibTorch reads the BPR/SASRec payloads and is not made for damaged input: load refuses a
    // payload whose digest does not match before it gets there.
    h["payload_sha256"] = sha256Hex(payload);
    const std::string hs = h.dump();
    std::vector<std::uint8_t> out(kMagic, kMagic + 8);
    const auto len = std::uint32_t(hs.size());
    for (int i = 0; i < 4; ++i)
        out.push_back(std::uint8_t(len >> (8 * i)));
    out.insert(out.end(), hs.begin(), hs.end());
    out.insert(out.end(), payload.begin(), payload.end());
    return out;
}

CheckpointParts readCheckpoint(const std::vector<std::uint8_t>& bytes)
{
    const std::string what = "this recommender checkpoint cannot be used: ";
    const std::string todo = "; retrain the model (shoppilot train recs) to replace it";
    if (bytes.size() < 12 || std::memcmp(bytes.data(), kMagic, 8) != 0)
        throw Error(ErrorCode::Model, what + "it is not a ShopPilot recommender checkpoint" + todo);
    std::uint32_t len = 0;
    for (int i = 0; i < 4; ++i)
        len |= std::uint32_t(bytes[8 + std::size_t(i)]) << (8 * i);
    if (12 + std::size_t(len) > bytes.size())
        throw Error(ErrorCode::Model, what + "it is truncated (header cut short)" + todo);
    CheckpointParts p{ModelKind::Pop, {}, {}};
    try {
        p.header = nlohmann::json::parse(bytes.begin() + 12, bytes.begin() + 12 + std::ptrdiff_t(len));
        p.kind = parseModelKind(p.header.at("kind").get<std::string>());
        const auto payloadBytes = p.header.at("payload_bytes").get<std::size_t>();
        if (bytes.size() - 12 - len != payloadBytes)
            throw Error(ErrorCode::Model, what + "it is truncated or padded (" + std::to_string(bytes.size() - 12 - len)
                                              + " payload bytes, expected " + std::to_string(payloadBytes) + ")" + todo);
    } catch (const Error& e) {
        if (e.code() == ErrorCode::Model)
            throw;
        throw Error(ErrorCode::Model, what + "its header is damaged (" + e.what() + ")" + todo);
    } catch (const std::exception& e) {
        throw Error(ErrorCode::Model, what + "its header is damaged (" + e.what() + ")" + todo);
    }
    p.payload.assign(bytes.begin() + 12 + std::ptrdiff_t(len), bytes.end());
    const auto digest = p.header.find("payload_sha256");
    if (digest == p.header.end() || !digest->is_string())
        throw Error(ErrorCode::Model, what + "it has no checksum (made by an older ShopPilot)" + todo);
    if (digest->get<std::string>() != sha256Hex(p.payload))
        throw Error(ErrorCode::Model, what + "it is damaged (its checksum does not match)" + todo);
    return p;
}

CheckpointParts readCheckpoint(const std::vector<std::uint8_t>& bytes, ModelKind expected)
{
    auto p = readCheckpoint(bytes);
    if (p.kind != expected)
        throw Error(ErrorCode::Model, "this checkpoint holds a " + modelKindName(p.kind) + " model, not "
                                          + modelKindName(expected));
    return p;
}

void appendFloats(std::vector<std::uint8_t>& out, const std::vector<float>& v)
{
    const auto* b = reinterpret_cast<const std::uint8_t*>(v.data());
    out.insert(out.end(), b, b + v.size() * sizeof(float));
}

std::vector<float> readFloats(const std::vector<std::uint8_t>& in, std::size_t& pos, std::size_t count)
{
    if (pos > in.size() || count > (in.size() - pos) / sizeof(float))
        throw Error(ErrorCode::Model, "this recommender checkpoint is truncated; retrain the model to replace it");
    std::vector<float> v(count);
    if (count > 0)
        std::memcpy(v.data(), in.data() + pos, count * sizeof(float));
    pos += count * sizeof(float);
    return v;
}

} // namespace detail

namespace {

using Clock = std::chrono::steady_clock;

// Counts of each item in the training sequences (optionally only their last `window` actions,
// the "recent window" a shop uses so last season's hits fade).
class PopRecommender final : public Recommender {
public:
    ModelKind kind() const override { return ModelKind::Pop; }

    TrainReport fit(const std::vector<std::vector<ItemIndex>>& train, int numItems, const std::vector<EvalCase>&,
                    const TrainOptions& o, const Progress&) override
    {
        const auto t0 = Clock::now();
        m_numItems = numItems;
        m_counts.assign(std::size_t(numItems) + 1, 0.f);
        for (const auto& s : train) {
            const std::size_t from = o.popWindow > 0 && s.size() > std::size_t(o.popWindow) ? s.size() - std::size_t(o.popWindow) : 0;
            for (std::size_t i = from; i < s.size(); ++i)
                m_counts[std::size_t(s[i])] += 1.f;
        }
        TrainReport r;
        r.epochs = 1;
        r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        r.secondsPerEpoch = r.seconds;
        return r;
    }

    void scoreBatch(std::span<const EvalCase* const> cases, float* out) const override
    {
        for (std::size_t b = 0; b < cases.size(); ++b)
            std::copy(m_counts.begin(), m_counts.end(), out + b * m_counts.size());
    }

    std::vector<std::uint8_t> save() const override
    {
        std::vector<std::uint8_t> payload;
        detail::appendFloats(payload, m_counts);
        return detail::writeCheckpoint(kind(), {{"num_items", m_numItems}}, payload);
    }

    void load(const std::vector<std::uint8_t>& bytes) override
    {
        auto p = detail::readCheckpoint(bytes, kind());
        const int n = p.header.value("num_items", -1);
        std::size_t pos = 0;
        if (n < 0)
            throw Error(ErrorCode::Model, "this popularity checkpoint has no item count; retrain it");
        auto counts = detail::readFloats(p.payload, pos, std::size_t(n) + 1);
        m_numItems = n;
        m_counts = std::move(counts);
    }

private:
    std::vector<float> m_counts;
};

// Item-to-item co-occurrence: items bought or viewed by the same users, weighted by cosine
// (co-count / sqrt(count_i * count_j)) so blockbusters don't neighbour everything. A user's
// score for j sums the similarity of j to their recent items, recent ones weighing more.
class ItemKnnRecommender final : public Recommender {
public:
    ModelKind kind() const override { return ModelKind::ItemKnn; }

    TrainReport fit(const std::vector<std::vector<ItemIndex>>& train, int numItems, const std::vector<EvalCase>&,
                    const TrainOptions&, const Progress& progress) override
    {
        ProgressReporter rep(progress);
        const auto t0 = Clock::now();
        m_numItems = numItems;
        std::vector<float> count(std::size_t(numItems) + 1, 0.f);
        std::vector<std::unordered_map<ItemIndex, float>> co(std::size_t(numItems) + 1);
        for (std::size_t u = 0; u < train.size(); ++u) {
            if (u % 1024 == 0)
                rep.report(0.8 * double(u) / double(train.size()), "counting co-occurrences");
            const auto& s = train[u];
            // Within a window: long histories would otherwise add quadratic noise.
            for (std::size_t i = 0; i < s.size(); ++i) {
                count[std::size_t(s[i])] += 1.f;
                for (std::size_t j = i + 1; j < s.size() && j <= i + kWindow; ++j) {
                    if (s[i] == s[j])
                        continue;
                    const float w = 1.f / float(j - i);
                    co[std::size_t(s[i])][s[j]] += w;
                    co[std::size_t(s[j])][s[i]] += w;
                }
            }
        }
        m_offsets.assign(std::size_t(numItems) + 2, 0);
        m_nbr.clear();
        m_sim.clear();
        for (int i = 0; i <= numItems; ++i) {
            std::vector<std::pair<float, ItemIndex>> row;
            for (const auto& [j, c] : co[std::size_t(i)])
                row.push_back({c / std::sqrt(count[std::size_t(i)] * count[std::size_t(j)]), j});
            const std::size_t keep = std::min<std::size_t>(row.size(), kNeighbours);
            std::partial_sort(row.begin(), row.begin() + std::ptrdiff_t(keep), row.end(),
                              [](auto& a, auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
            for (std::size_t k = 0; k < keep; ++k) {
                m_nbr.push_back(row[k].second);
                m_sim.push_back(row[k].first);
            }
            m_offsets[std::size_t(i) + 1] = std::int64_t(m_nbr.size());
        }
        // A tiny popularity prior breaks ties among items no history item points to.
        float maxCount = 1.f;
        for (float c : count)
            maxCount = std::max(maxCount, c);
        m_prior.resize(count.size());
        for (std::size_t i = 0; i < count.size(); ++i)
            m_prior[i] = 1e-6f * count[i] / maxCount;
        rep.report(1.0, "co-occurrences counted");
        TrainReport r;
        r.epochs = 1;
        r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        r.secondsPerEpoch = r.seconds;
        return r;
    }

    void scoreBatch(std::span<const EvalCase* const> cases, float* out) const override
    {
        const std::size_t stride = std::size_t(m_numItems) + 1;
        for (std::size_t b = 0; b < cases.size(); ++b) {
            float* s = out + b * stride;
            std::copy(m_prior.begin(), m_prior.end(), s);
            const auto& h = cases[b]->history;
            const std::size_t from = h.size() > kHistory ? h.size() - kHistory : 0;
            for (std::size_t k = from; k < h.size(); ++k) {
                const float w = recency(h.size() - 1 - k);
                const auto i = std::size_t(h[k]);
                for (auto e = m_offsets[i]; e < m_offsets[i + 1]; ++e)
                    s[std::size_t(m_nbr[std::size_t(e)])] += w * m_sim[std::size_t(e)];
            }
        }
    }

    std::vector<Contribution> explain(std::int32_t, const std::vector<ItemIndex>& h, ItemIndex item) const override
    {
        std::vector<Contribution> out;
        const std::size_t from = h.size() > kHistory ? h.size() - kHistory : 0;
        for (std::size_t k = from; k < h.size(); ++k) {
            const auto i = std::size_t(h[k]);
            for (auto e = m_offsets[i]; e < m_offsets[i + 1]; ++e)
                if (m_nbr[std::size_t(e)] == item)
                    out.push_back({h[k], recency(h.size() - 1 - k) * m_sim[std::size_t(e)]});
        }
        std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.weight > b.weight; });
        return out;
    }

    std::vector<Contribution> similarItems(ItemIndex item, int n) const override
    {
        std::vector<Contribution> out;
        if (item < 1 || item > m_numItems)
            return out;
        const auto i = std::size_t(item);
        for (auto e = m_offsets[i]; e < m_offsets[i + 1] && int(out.size()) < n; ++e)
            out.push_back({m_nbr[std::size_t(e)], m_sim[std::size_t(e)]});
        return out;
    }

    std::vector<std::uint8_t> save() const override
    {
        std::vector<std::uint8_t> payload;
        std::vector<float> offsets(m_offsets.begin(), m_offsets.end());
        std::vector<float> nbr(m_nbr.begin(), m_nbr.end()); // exact below 2^24 items
        detail::appendFloats(payload, offsets);
        detail::appendFloats(payload, nbr);
        detail::appendFloats(payload, m_sim);
        detail::appendFloats(payload, m_prior);
        return detail::writeCheckpoint(kind(), {{"num_items", m_numItems}, {"edges", m_nbr.size()}}, payload);
    }

    void load(const std::vector<std::uint8_t>& bytes) override
    {
        auto p = detail::readCheckpoint(bytes, kind());
        const int n = p.header.value("num_items", -1);
        const auto edges = p.header.value("edges", std::size_t(0));
        if (n < 0)
            throw Error(ErrorCode::Model, "this co-occurrence checkpoint has no item count; retrain it");
        std::size_t pos = 0;
        auto offsets = detail::readFloats(p.payload, pos, std::size_t(n) + 2);
        auto nbr = detail::readFloats(p.payload, pos, edges);
        auto sim = detail::readFloats(p.payload, pos, edges);
        auto prior = detail::readFloats(p.payload, pos, std::size_t(n) + 1);
        m_numItems = n;
        m_offsets.assign(offsets.begin(), offsets.end());
        m_nbr.assign(nbr.begin(), nbr.end());
        m_sim = std::move(sim);
        m_prior = std::move(prior);
    }

private:
    static constexpr std::size_t kWindow = 10;
    static constexpr std::size_t kNeighbours = 200;
    static constexpr std::size_t kHistory = 20;
    static float recency(std::size_t age) { return std::pow(0.8f, float(age)); }

    std::vector<std::int64_t> m_offsets;
    std::vector<ItemIndex> m_nbr;
    std::vector<float> m_sim;
    std::vector<float> m_prior;
};

} // namespace

std::unique_ptr<Recommender> makeRecommender(ModelKind kind)
{
    switch (kind) {
    case ModelKind::Pop: return std::make_unique<PopRecommender>();
    case ModelKind::ItemKnn: return std::make_unique<ItemKnnRecommender>();
    case ModelKind::Bpr:
    case ModelKind::SasRec: return makeTorchRecommender(kind);
    }
    return nullptr;
}

std::unique_ptr<Recommender> loadRecommender(const std::vector<std::uint8_t>& bytes)
{
    auto parts = detail::readCheckpoint(bytes);
    auto m = makeRecommender(parts.kind);
    m->load(bytes);
    return m;
}

} // namespace shoppilot::recs
