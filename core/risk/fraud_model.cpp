#include "risk/fraud_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "common/digest.h"
#include "common/error.h"
#include "common/random.h"

namespace shoppilot::risk {

const char* levelName(RiskLevel level)
{
    switch (level) {
    case RiskLevel::Low: return "low";
    case RiskLevel::Review: return "review";
    case RiskLevel::High: return "high";
    }
    return "low";
}

namespace {

constexpr char kMagic[8] = {'S', 'P', 'R', 'I', 'S', 'K', '1', '\n'};

struct Member {
    std::unique_ptr<Learner> learner;
    Platt platt;
};

float logit(float p)
{
    p = std::clamp(p, 1e-6f, 1 - 1e-6f);
    return std::log(p / (1 - p));
}

} // namespace

struct FraudModel::Impl {
    std::vector<Member> members;  // the engine: probabilities averaged on the logit scale
    Member baseline;
    std::vector<MemberReport> report;
    std::string why;
    std::int64_t fittedRows = 0;
    bool refitted = false;
    float review = 50, high = 80;
    int cols = FeatureCount;

    static std::vector<float> memberLogits(const Member& mem, const Matrix& x)
    {
        std::vector<float> out(std::size_t(x.rows));
        mem.learner->predictLogit(x, out);
        for (auto& v : out)
            v = logit(mem.platt(v));
        return out;
    }
    // Calibrated logits averaged over `ms`.
    static std::vector<float> averageLogits(const std::vector<const Member*>& ms, const Matrix& x)
    {
        std::vector<float> sum(std::size_t(x.rows), 0);
        for (const Member* mem : ms) {
            const auto l = memberLogits(*mem, x);
            for (std::size_t i = 0; i < sum.size(); ++i)
                sum[i] += l[i];
        }
        for (auto& v : sum)
            v /= float(std::max<std::size_t>(1, ms.size()));
        return sum;
    }
    std::vector<float> prob(const Matrix& x) const
    {
        std::vector<const Member*> ms;
        for (const auto& mem : members)
            ms.push_back(&mem);
        auto l = averageLogits(ms, x);
        for (auto& v : l)
            v = 1 / (1 + std::exp(-v));
        return l;
    }
};

namespace {

std::string fmt3(double v)
{
    char b[32];
    std::snprintf(b, sizeof b, "%.3f", v);
    return b;
}

} // namespace

FraudModel::FraudModel() : m(std::make_unique<Impl>()) {}
FraudModel::~FraudModel() = default;
FraudModel::FraudModel(FraudModel&&) noexcept = default;
FraudModel& FraudModel::operator=(FraudModel&&) noexcept = default;

FraudModel FraudModel::train(const Matrix& x, const std::vector<float>& y, const std::vector<int>& trainRows,
                             const std::vector<int>& validRows, const FraudTrainOptions& options, const Progress& progress,
                             const std::vector<int>& extraRefitRows)
{
    const Matrix tx = x.select(trainRows), vx = x.select(validRows);
    std::vector<float> ty, vy;
    for (int r : trainRows)
        ty.push_back(y[std::size_t(r)]);
    for (int r : validRows)
        vy.push_back(y[std::size_t(r)]);
    const auto tpos = std::count_if(ty.begin(), ty.end(), [](float v) { return v > 0.5f; });
    const auto vpos = std::count_if(vy.begin(), vy.end(), [](float v) { return v > 0.5f; });
    if (tpos < 5 || vpos < 2)
        throw Error(ErrorCode::InvalidArgument,
                    "too few orders labelled as fraud to train on (" + std::to_string(tpos) + " in training, " +
                        std::to_string(vpos) + " in validation): chargebacks and reject decisions are the labels; "
                        "review more orders or import chargebacks first");
    // Progress: selection fits take the first 60%, the refit the rest (when there is one).
    const double selectEnd = options.refit ? 0.6 : 0.95;
    auto sub = [&](double a, double b) -> Progress {
        return [&progress, a, b](double f, std::string_view what) { return !progress || progress(a + (b - a) * f, what); };
    };
    auto fitMember = [&](LearnerKind kind, const LearnerOptions& lo, const Matrix& fx, const std::vector<float>& fy,
                         const Matrix& ex, const std::vector<float>& ey, const Progress& p) {
        Member mem;
        mem.learner = Learner::create(kind, lo);
        mem.learner->fit(fx, fy, ex, ey, p);
        return mem;
    };
    auto calibrate = [&](Member& mem) {
        std::vector<float> vl(std::size_t(vx.rows));
        mem.learner->predictLogit(vx, vl);
        mem.platt.fit(vl, vy);
    };

    // 1. Candidates fitted on the training rows, early-stopped and calibrated on validation.
    std::vector<Member> fitted;
    fitted.push_back(fitMember(LearnerKind::Logistic, options.learner, tx, ty, vx, vy, sub(0.0, 0.1 * selectEnd)));
    if (options.withGbdt)
        fitted.push_back(fitMember(LearnerKind::Gbdt, options.learner, tx, ty, vx, vy, sub(0.1 * selectEnd, 0.55 * selectEnd)));
    if (options.withMlp)
        fitted.push_back(fitMember(LearnerKind::Mlp, options.learner, tx, ty, vx, vy, sub(0.55 * selectEnd, selectEnd)));
    for (auto& mem : fitted)
        calibrate(mem);
    struct Candidate {
        std::string name;
        std::vector<int> members; // indices into fitted
        std::vector<float> validLogits;
        MemberReport report;
    };
    std::vector<Candidate> candidates;
    auto addCandidate = [&](std::vector<int> idx) {
        Candidate c;
        std::vector<const Member*> ms;
        for (int i : idx) {
            ms.push_back(&fitted[std::size_t(i)]);
            c.name += (c.name.empty() ? "" : "+") + std::string(learnerName(fitted[std::size_t(i)].learner->kind()));
        }
        c.members = std::move(idx);
        c.validLogits = Impl::averageLogits(ms, vx);
        c.report.name = c.name;
        c.report.validation = rankMetrics(c.validLogits, vy);
        c.report.iterations = c.members.size() == 1 ? fitted[std::size_t(c.members[0])].learner->iterations() : 0;
        candidates.push_back(std::move(c));
    };
    // In order of complexity: each must beat the choice so far by more than the noise.
    for (int i = 0; i < int(fitted.size()); ++i)
        addCandidate({i});
    if (options.withGbdt && options.withMlp)
        addCandidate({1, 2});
    std::size_t chosen = 0;
    for (std::size_t i = 1; i < candidates.size(); ++i) {
        auto& c = candidates[i];
        const auto& best = candidates[chosen];
        c.report.gainOverChoice = c.report.validation.prAuc - best.report.validation.prAuc;
        c.report.gainSe = pairedApDifferenceSe(c.validLogits, best.validLogits, vy, options.bootstrapSamples);
        if (c.report.gainOverChoice > 0 && c.report.gainOverChoice > options.choiceMarginSe * c.report.gainSe)
            chosen = i;
    }
    FraudModel model;
    const auto& win = candidates[chosen];
    {
        std::string why = win.name + " has validation PR-AUC " + fmt3(win.report.validation.prAuc);
        if (chosen == 0) {
            double bestOther = -1;
            std::string other;
            for (std::size_t i = 1; i < candidates.size(); ++i)
                if (candidates[i].report.validation.prAuc > bestOther) {
                    bestOther = candidates[i].report.validation.prAuc;
                    other = candidates[i].name;
                }
            why += other.empty() ? "; it is the only candidate"
                                 : "; no more complex engine beat it by more than " + fmt3(options.choiceMarginSe) +
                                       " bootstrap standard error (best other: " + other + " " + fmt3(bestOther) + ")";
        } else {
            why += ", " + fmt3(win.report.gainOverChoice) + " above the simpler choice before it (standard error " +
                   fmt3(win.report.gainSe) + "); logistic baseline " + fmt3(candidates[0].report.validation.prAuc);
        }
        model.m->why = why;
    }
    for (auto& c : candidates) {
        c.report.chosen = &c == &win;
        model.m->report.push_back(c.report);
    }
    // Levels from the validation rows, on the selection fits' calibrated scores: review = the
    // score with the best F1 (an analyst's queue balanced between missed fraud and wasted
    // reviews), high = where precision reaches 90%.
    {
        std::vector<float> vp = win.validLogits;
        for (auto& v : vp)
            v = 100 / (1 + std::exp(-v));
        double bestF1 = -1;
        float review = 50, high = -1;
        const auto curve = prCurve(vp, vy, 2000);
        for (const auto& pt : curve) {
            const double f1 = pt.precision + pt.recall > 0 ? 2 * pt.precision * pt.recall / (pt.precision + pt.recall) : 0;
            if (f1 > bestF1) {
                bestF1 = f1;
                review = pt.threshold;
            }
        }
        for (const auto& pt : curve)
            if (pt.precision >= 0.9 && pt.threshold >= review && (high < 0 || pt.threshold < high))
                high = pt.threshold;
        // prCurve thresholds are the lowest score still flagged: "above" the level means >= it.
        model.m->review = std::max(0.01f, review - 1e-4f);
        model.m->high = high > model.m->review ? high - 1e-4f : std::min(100.0f, model.m->review * 2);
    }

    // 2. Refit on everything labelled: same learners, the iterations early stopping chose, the
    // validation calibration kept (the refit has no held-out rows left to calibrate on).
    const bool usesLogistic = std::find(win.members.begin(), win.members.end(), 0) != win.members.end();
    if (options.refit) {
        std::vector<int> all(trainRows);
        all.insert(all.end(), validRows.begin(), validRows.end());
        all.insert(all.end(), extraRefitRows.begin(), extraRefitRows.end());
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        const Matrix ax = x.select(all);
        std::vector<float> ay;
        for (int r : all)
            ay.push_back(y[std::size_t(r)]);
        const double step = (0.95 - selectEnd) / double(win.members.size() + (usesLogistic ? 0 : 1));
        double at = selectEnd;
        auto refit = [&](const Member& from) {
            LearnerOptions lo = options.learner;
            if (from.learner->kind() == LearnerKind::Gbdt)
                lo.gbdtRounds = std::max(1, from.learner->iterations());
            if (from.learner->kind() == LearnerKind::Mlp)
                lo.mlpEpochs = std::max(1, from.learner->iterations());
            Member mem = fitMember(from.learner->kind(), lo, ax, ay, Matrix{}, {}, sub(at, at + step));
            at += step;
            mem.platt = from.platt;
            return mem;
        };
        model.m->baseline = refit(fitted[0]);
        for (int i : win.members)
            model.m->members.push_back(i == 0 ? Member{Learner::load(LearnerKind::Logistic, model.m->baseline.learner->save()),
                                                       model.m->baseline.platt}
                                              : refit(fitted[std::size_t(i)]));
        model.m->fittedRows = std::int64_t(all.size());
        model.m->refitted = true;
    } else {
        model.m->baseline.platt = fitted[0].platt;
        model.m->baseline.learner = Learner::load(LearnerKind::Logistic, fitted[0].learner->save());
        for (int i : win.members)
            model.m->members.push_back(std::move(fitted[std::size_t(i)]));
        model.m->fittedRows = std::int64_t(trainRows.size());
    }
    if (progress)
        progress(1.0, "fraud model trained");
    return model;
}

std::string FraudModel::engine() const
{
    std::string e;
    for (const auto& mem : m->members)
        e += (e.empty() ? "" : "+") + std::string(learnerName(mem.learner->kind()));
    return e;
}

const std::vector<MemberReport>& FraudModel::validationReport() const
{
    return m->report;
}

const std::string& FraudModel::choiceReason() const
{
    return m->why;
}

std::int64_t FraudModel::fittedRows() const
{
    return m->fittedRows;
}

bool FraudModel::refitted() const
{
    return m->refitted;
}

std::vector<float> FraudModel::probability(const Matrix& x) const
{
    return m->prob(x);
}

std::vector<float> FraudModel::baselineProbability(const Matrix& x) const
{
    auto l = Impl::averageLogits({&m->baseline}, x);
    for (auto& v : l)
        v = 1 / (1 + std::exp(-v));
    return l;
}

float FraudModel::reviewThreshold() const
{
    return m->review;
}

float FraudModel::highThreshold() const
{
    return m->high;
}

RiskLevel FraudModel::level(float score) const
{
    return score > m->high ? RiskLevel::High : score > m->review ? RiskLevel::Review : RiskLevel::Low;
}

std::vector<std::vector<Reason>> FraudModel::reasons(const Matrix& x, int top) const
{
    std::vector<float> sum(std::size_t(x.rows) * std::size_t(x.cols), 0), c(sum.size());
    for (const auto& mem : m->members) {
        mem.learner->contributions(x, c);
        // Platt's slope rescales each member's logit; the average divides by the member count.
        const float k = float(mem.platt.a) / float(m->members.size());
        for (std::size_t i = 0; i < sum.size(); ++i)
            sum[i] += k * c[i];
    }
    std::vector<std::vector<Reason>> out(std::size_t(x.rows));
    for (int r = 0; r < x.rows; ++r) {
        std::vector<Reason> rs;
        for (int f = 0; f < x.cols; ++f) {
            const float v = sum[std::size_t(r) * std::size_t(x.cols) + std::size_t(f)];
            if (v > 0.01f)
                rs.push_back({f, x.row(r)[f], v});
        }
        std::sort(rs.begin(), rs.end(), [](const Reason& a, const Reason& b) { return a.contribution > b.contribution; });
        if (int(rs.size()) > top)
            rs.resize(std::size_t(top));
        out[std::size_t(r)] = std::move(rs);
    }
    return out;
}

namespace {

void putU64(std::vector<std::uint8_t>& out, std::uint64_t v)
{
    for (int i = 0; i < 8; ++i)
        out.push_back(std::uint8_t(v >> (8 * i)));
}

std::uint64_t getU64(const std::vector<std::uint8_t>& in, std::size_t& pos)
{
    if (pos + 8 > in.size())
        throw Error(ErrorCode::Model, "the fraud model file is truncated: retrain it (shoppilot train risk)");
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
        v |= std::uint64_t(in[pos + std::size_t(i)]) << (8 * i);
    pos += 8;
    return v;
}

} // namespace

std::vector<std::uint8_t> FraudModel::save() const
{
    nlohmann::json j;
    j["cols"] = m->cols;
    j["review"] = m->review;
    j["high"] = m->high;
    std::vector<std::string> keys;
    for (int f = 0; f < FeatureCount; ++f)
        keys.push_back(featureKey(f));
    j["features"] = keys;
    // Each member's bytes with their SHA-256 in the header: XGBoost's and LibTorch's readers are
    // not made for damaged input, so load() refuses a payload whose digest does not match.
    std::vector<std::vector<std::uint8_t>> payloads;
    auto desc = [&payloads](const Member& mem) {
        payloads.push_back(mem.learner->save());
        return nlohmann::json{{"kind", int(mem.learner->kind())}, {"a", mem.platt.a}, {"b", mem.platt.b},
                              {"sha256", sha256Hex(payloads.back())}};
    };
    j["baseline"] = desc(m->baseline);
    // Why this engine: kept with the model so the app can show what `train risk` decided.
    nlohmann::json sel{{"why", m->why}, {"fitted_rows", m->fittedRows}, {"refitted", m->refitted}};
    sel["candidates"] = nlohmann::json::array();
    for (const auto& r : m->report)
        sel["candidates"].push_back({{"name", r.name}, {"pr_auc", r.validation.prAuc}, {"roc_auc", r.validation.rocAuc},
                                     {"gain", r.gainOverChoice}, {"gain_se", r.gainSe}, {"iterations", r.iterations},
                                     {"chosen", r.chosen}, {"rows", r.validation.rows}, {"positives", r.validation.positives}});
    j["selection"] = sel;
    for (const auto& mem : m->members)
        j["members"].push_back(desc(mem));
    const std::string head = j.dump();
    std::vector<std::uint8_t> out(kMagic, kMagic + 8);
    putU64(out, head.size());
    out.insert(out.end(), head.begin(), head.end());
    for (const auto& b : payloads) {
        putU64(out, b.size());
        out.insert(out.end(), b.begin(), b.end());
    }
    return out;
}

FraudModel FraudModel::load(const std::vector<std::uint8_t>& bytes)
{
    if (bytes.size() < 16 || std::memcmp(bytes.data(), kMagic, 8) != 0)
        throw Error(ErrorCode::Model, "this is not a ShopPilot fraud model: retrain it (shoppilot train risk)");
    std::size_t pos = 8;
    const auto headLen = getU64(bytes, pos);
    if (headLen > bytes.size() - pos)
        throw Error(ErrorCode::Model, "the fraud model file is truncated: retrain it (shoppilot train risk)");
    FraudModel model;
    try {
        const auto j = nlohmann::json::parse(bytes.begin() + std::ptrdiff_t(pos), bytes.begin() + std::ptrdiff_t(pos + headLen));
        pos += headLen;
        const auto keys = j.at("features").get<std::vector<std::string>>();
        if (int(keys.size()) != FeatureCount || j.at("cols").get<int>() != FeatureCount)
            throw Error(ErrorCode::Model, "the fraud model was trained on other features (" + std::to_string(keys.size()) +
                                              " instead of " + std::to_string(int(FeatureCount)) + "): retrain it");
        for (int f = 0; f < FeatureCount; ++f)
            if (keys[std::size_t(f)] != featureKey(f))
                throw Error(ErrorCode::Model, "the fraud model's feature '" + keys[std::size_t(f)] +
                                                  "' is not this version's: retrain it");
        model.m->review = j.at("review").get<float>();
        model.m->high = j.at("high").get<float>();
        auto member = [&](const nlohmann::json& d) {
            Member mem;
            const auto len = getU64(bytes, pos);
            if (len > bytes.size() - pos)
                throw Error(ErrorCode::Model, "the fraud model file is truncated: retrain it (shoppilot train risk)");
            std::vector<std::uint8_t> payload(bytes.begin() + std::ptrdiff_t(pos), bytes.begin() + std::ptrdiff_t(pos + len));
            pos += len;
            const auto kind = LearnerKind(d.at("kind").get<int>());
            const auto digest = d.find("sha256");
            if (digest == d.end() || !digest->is_string())
                throw Error(ErrorCode::Model, "the fraud model file has no checksum (made by an older ShopPilot): "
                                              "retrain it (shoppilot train risk)");
            if (digest->get<std::string>() != sha256Hex(payload))
                throw Error(ErrorCode::Model, "the fraud model file is damaged (an engine's checksum does not "
                                              "match): retrain it (shoppilot train risk)");
            mem.learner = Learner::load(kind, payload);
            mem.platt.a = d.at("a").get<double>();
            mem.platt.b = d.at("b").get<double>();
            return mem;
        };
        model.m->baseline = member(j.at("baseline"));
        if (const auto it = j.find("selection"); it != j.end()) {
            model.m->why = it->value("why", "");
            model.m->fittedRows = it->value("fitted_rows", std::int64_t(0));
            model.m->refitted = it->value("refitted", false);
            for (const auto& c : it->value("candidates", nlohmann::json::array())) {
                MemberReport r;
                r.name = c.value("name", "");
                r.validation.prAuc = c.value("pr_auc", 0.0);
                r.validation.rocAuc = c.value("roc_auc", 0.0);
                r.validation.rows = c.value("rows", 0);
                r.validation.positives = c.value("positives", 0);
                r.gainOverChoice = c.value("gain", 0.0);
                r.gainSe = c.value("gain_se", 0.0);
                r.iterations = c.value("iterations", 0);
                r.chosen = c.value("chosen", false);
                model.m->report.push_back(r);
            }
        }
        for (const auto& d : j.at("members"))
            model.m->members.push_back(member(d));
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorCode::Model, std::string("the fraud model's header is damaged (") + e.what() + "): retrain it");
    }
    if (model.m->members.empty())
        throw Error(ErrorCode::Model, "the fraud model holds no engine: retrain it");
    return model;
}

} // namespace shoppilot::risk
