// Gradient-boosted trees through XGBoost's C API (Debian's libxgboost): hist trees, positives
// weighted by neg/pos, early stopping on the validation slice's PR-AUC, exact TreeSHAP
// contributions for the reasons.
#include <xgboost/c_api.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "common/error.h"
#include "risk/learners.h"
#include "risk/metrics.h"

namespace shoppilot::risk {

namespace {

void check(int rc, const char* what)
{
    if (rc != 0)
        throw Error(ErrorCode::Model, std::string("gradient-boosted trees: ") + what + ": " + XGBGetLastError());
}

struct DMatrix {
    DMatrixHandle h = nullptr;
    DMatrix(const Matrix& x, std::span<const float> y = {})
    {
        check(XGDMatrixCreateFromMat(x.x.data(), bst_ulong(x.rows), bst_ulong(x.cols), NAN, &h), "building the matrix");
        if (!y.empty())
            check(XGDMatrixSetFloatInfo(h, "label", y.data(), bst_ulong(y.size())), "setting labels");
    }
    DMatrix(const DMatrix&) = delete;
    DMatrix& operator=(const DMatrix&) = delete;
    ~DMatrix() { XGDMatrixFree(h); }
};

class Gbdt final : public Learner {
public:
    explicit Gbdt(const LearnerOptions& o) : m_opt(o) {}
    ~Gbdt() override
    {
        if (m_booster)
            XGBoosterFree(m_booster);
    }
    LearnerKind kind() const override { return LearnerKind::Gbdt; }

    void fit(const Matrix& x, std::span<const float> y, const Matrix& vx, std::span<const float> vy,
             const Progress& progress) override
    {
        DMatrix train(x, y);
        double pos = 0;
        for (float v : y)
            pos += v > 0.5f;
        const double spw = pos > 0 ? std::pow((double(y.size()) - pos) / pos, m_opt.gbdtPosWeightPower) : 1;
        std::vector<float> w(y.size());
        for (std::size_t i = 0; i < y.size(); ++i)
            w[i] = y[i] > 0.5f ? float(spw) : 1.0f;
        check(XGDMatrixSetFloatInfo(train.h, "weight", w.data(), bst_ulong(w.size())), "setting weights");
        DMatrixHandle mats[1] = {train.h};
        check(XGBoosterCreate(mats, 1, &m_booster), "creating the booster");
        auto set = [&](const char* k, const std::string& v) { check(XGBoosterSetParam(m_booster, k, v.c_str()), k); };
        set("objective", "binary:logistic");
        set("tree_method", "hist");
        set("max_depth", std::to_string(m_opt.gbdtDepth));
        set("eta", std::to_string(m_opt.gbdtEta));
        set("subsample", "0.8");
        set("colsample_bytree", "0.8");
        set("min_child_weight", "5");
        set("lambda", "1");
        set("seed", std::to_string(m_opt.seed));
        set("verbosity", "0");
        if (m_opt.threads > 0)
            set("nthread", std::to_string(m_opt.threads));
        const bool validate = vx.rows > 0 && !vy.empty();
        double best = -1;
        int sinceBest = 0;
        m_rounds = 0;
        for (int it = 0; it < m_opt.gbdtRounds; ++it) {
            check(XGBoosterUpdateOneIter(m_booster, it, train.h), "training");
            if (validate && (it + 1) % 10 == 0) {
                std::vector<float> logit(std::size_t(vx.rows));
                predictRounds(vx, logit, it + 1);
                const double ap = averagePrecision(logit, vy);
                if (ap > best + 1e-5) {
                    best = ap;
                    m_rounds = it + 1;
                    sinceBest = 0;
                } else if (++sinceBest >= 5) {
                    break;
                }
            }
            if (progress && !progress(double(it + 1) / m_opt.gbdtRounds, "gradient-boosted trees"))
                throw Cancelled();
        }
        if (!validate || m_rounds == 0)
            m_rounds = m_opt.gbdtRounds;
    }

    void predictLogit(const Matrix& x, std::span<float> out) const override { predictRounds(x, out, m_rounds); }
    int iterations() const override { return m_rounds; }

    void contributions(const Matrix& x, std::span<float> out) const override
    {
        DMatrix m(x);
        const std::string cfg = R"({"type": 2, "training": false, "iteration_begin": 0, "iteration_end": )" +
                                std::to_string(m_rounds) + R"(, "strict_shape": false})";
        const bst_ulong* shape = nullptr;
        bst_ulong dim = 0;
        const float* res = nullptr;
        check(XGBoosterPredictFromDMatrix(m_booster, m.h, cfg.c_str(), &shape, &dim, &res), "explaining");
        // rows x (cols + 1): the last column is the bias.
        const auto c1 = std::size_t(x.cols) + 1;
        for (int r = 0; r < x.rows; ++r)
            std::memcpy(out.data() + std::size_t(r) * std::size_t(x.cols), res + std::size_t(r) * c1,
                        sizeof(float) * std::size_t(x.cols));
    }

    std::vector<std::uint8_t> save() const override
    {
        bst_ulong len = 0;
        const char* raw = nullptr;
        check(XGBoosterSaveModelToBuffer(m_booster, R"({"format": "ubj"})", &len, &raw), "saving");
        std::vector<std::uint8_t> bytes(sizeof(std::int32_t) + len);
        const std::int32_t rounds = m_rounds;
        std::memcpy(bytes.data(), &rounds, sizeof rounds);
        std::memcpy(bytes.data() + sizeof rounds, raw, len);
        return bytes;
    }

    void restore(const std::vector<std::uint8_t>& bytes)
    {
        if (bytes.size() <= sizeof(std::int32_t))
            throw Error(ErrorCode::Model, "the tree model's bytes are truncated: retrain the model");
        std::int32_t rounds = 0;
        std::memcpy(&rounds, bytes.data(), sizeof rounds);
        check(XGBoosterCreate(nullptr, 0, &m_booster), "creating the booster");
        if (XGBoosterLoadModelFromBuffer(m_booster, bytes.data() + sizeof rounds, bst_ulong(bytes.size() - sizeof rounds)) != 0)
            throw Error(ErrorCode::Model, std::string("the tree model does not load (") + XGBGetLastError() +
                                              "): retrain the model");
        m_rounds = rounds;
    }

private:
    void predictRounds(const Matrix& x, std::span<float> out, int rounds) const
    {
        DMatrix m(x);
        // type 1 = margin (logit), so calibration and ensembling work on one scale.
        const std::string cfg = R"({"type": 1, "training": false, "iteration_begin": 0, "iteration_end": )" +
                                std::to_string(rounds) + R"(, "strict_shape": false})";
        const bst_ulong* shape = nullptr;
        bst_ulong dim = 0;
        const float* res = nullptr;
        check(XGBoosterPredictFromDMatrix(m_booster, m.h, cfg.c_str(), &shape, &dim, &res), "predicting");
        std::memcpy(out.data(), res, sizeof(float) * std::size_t(x.rows));
    }

    LearnerOptions m_opt;
    BoosterHandle m_booster = nullptr;
    int m_rounds = 0;
};

} // namespace

std::unique_ptr<Learner> makeGbdt(const LearnerOptions& options)
{
    return std::make_unique<Gbdt>(options);
}

std::unique_ptr<Learner> loadGbdt(const std::vector<std::uint8_t>& bytes)
{
    auto m = std::make_unique<Gbdt>(LearnerOptions{});
    m->restore(bytes);
    return m;
}

} // namespace shoppilot::risk
