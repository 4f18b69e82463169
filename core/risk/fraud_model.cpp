#include "risk/fraud_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "common/error.h"

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
    float review = 50, high = 80;
    int cols = FeatureCount;

    std::vector<float> memberLogits(const Member& mem, const Matrix& x) const
    {
        std::vector<float> out(std::size_t(x.rows));
        mem.learner->predictLogit(x, out);
        for (auto& v : out)
            v = logit(mem.platt(v));
        return out;
    }
    std::vector<float> prob(const Matrix& x) const
    {
        std::vector<float> sum(std::size_t(x.rows), 0);
        for (const auto& mem : members) {
            const auto l = memberLogits(mem, x);
            for (std::size_t i = 0; i < sum.size(); ++i)
                sum[i] += l[i];
        }
        for (auto& v : sum)
            v = 1 / (1 + std::exp(-v / float(std::max<std::size_t>(1, members.size()))));
        return sum;
    }
};

FraudModel::FraudModel() : m(std::make_unique<Impl>()) {}
FraudModel::~FraudModel() = default;
FraudModel::FraudModel(FraudModel&&) noexcept = default;
FraudModel& FraudModel::operator=(FraudModel&&) noexcept = default;

FraudModel FraudModel::train(const Matrix& x, const std::vector<float>& y, const std::vector<int>& trainRows,
                             const std::vector<int>& validRows, const FraudTrainOptions& options, const Progress& progress)
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
    auto sub = [&](double a, double b) -> Progress {
        return [&progress, a, b](double f, std::string_view what) { return !progress || progress(a + (b - a) * f, what); };
    };
    FraudModel model;
    auto fitMember = [&](LearnerKind kind, const Progress& p) {
        Member mem;
        mem.learner = Learner::create(kind, options.learner);
        mem.learner->fit(tx, ty, vx, vy, p);
        std::vector<float> vl(std::size_t(vx.rows));
        mem.learner->predictLogit(vx, vl);
        mem.platt.fit(vl, vy);
        return mem;
    };
    model.m->baseline = fitMember(LearnerKind::Logistic, sub(0.0, 0.1));
    std::vector<Member> candidates;
    if (options.withGbdt)
        candidates.push_back(fitMember(LearnerKind::Gbdt, sub(0.1, 0.5)));
    if (options.withMlp)
        candidates.push_back(fitMember(LearnerKind::Mlp, sub(0.5, 0.95)));
    if (candidates.empty())
        candidates.push_back(fitMember(LearnerKind::Logistic, sub(0.5, 0.95)));
    // Pick by validation PR-AUC among each member alone and their average.
    auto metricsOf = [&](const std::vector<const Member*>& ms) {
        std::vector<float> sum(std::size_t(vx.rows), 0);
        for (const Member* mem : ms) {
            const auto l = model.m->memberLogits(*mem, vx);
            for (std::size_t i = 0; i < sum.size(); ++i)
                sum[i] += l[i] / float(ms.size());
        }
        return rankMetrics(sum, vy);
    };
    model.m->report.push_back({"logistic", metricsOf({&model.m->baseline})});
    double best = -1;
    std::vector<int> chosen;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const auto r = metricsOf({&candidates[i]});
        model.m->report.push_back({learnerName(candidates[i].learner->kind()), r});
        if (r.prAuc > best) {
            best = r.prAuc;
            chosen = {int(i)};
        }
    }
    if (candidates.size() == 2) {
        const auto r = metricsOf({&candidates[0], &candidates[1]});
        model.m->report.push_back({"gbdt+mlp", r});
        if (r.prAuc > best) {
            best = r.prAuc;
            chosen = {0, 1};
        }
    }
    for (int i : chosen)
        model.m->members.push_back(std::move(candidates[std::size_t(i)]));
    // Levels from the validation slice: review = the score with the best F1 (an analyst's queue
    // balanced between missed fraud and wasted reviews), high = where precision reaches 90%.
    auto vp = model.m->prob(vx);
    for (auto& v : vp)
        v *= 100;
    double bestF1 = -1;
    float review = 50, high = -1;
    for (const auto& pt : prCurve(vp, vy, 2000)) {
        const double f1 = pt.precision + pt.recall > 0 ? 2 * pt.precision * pt.recall / (pt.precision + pt.recall) : 0;
        if (f1 > bestF1) {
            bestF1 = f1;
            review = pt.threshold;
        }
    }
    for (const auto& pt : prCurve(vp, vy, 2000))
        if (pt.precision >= 0.9 && pt.threshold >= review && (high < 0 || pt.threshold < high))
            high = pt.threshold;
    // prCurve thresholds are the lowest score still flagged: "above" the level means >= it.
    model.m->review = std::max(0.01f, review - 1e-4f);
    model.m->high = high > model.m->review ? high - 1e-4f : std::min(100.0f, model.m->review * 2);
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

std::vector<float> FraudModel::probability(const Matrix& x) const
{
    return m->prob(x);
}

std::vector<float> FraudModel::baselineProbability(const Matrix& x) const
{
    auto l = m->memberLogits(m->baseline, x);
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
    auto desc = [](const Member& mem) {
        return nlohmann::json{{"kind", int(mem.learner->kind())}, {"a", mem.platt.a}, {"b", mem.platt.b}};
    };
    j["baseline"] = desc(m->baseline);
    for (const auto& mem : m->members)
        j["members"].push_back(desc(mem));
    const std::string head = j.dump();
    std::vector<std::uint8_t> out(kMagic, kMagic + 8);
    putU64(out, head.size());
    out.insert(out.end(), head.begin(), head.end());
    auto blob = [&](const Member& mem) {
        const auto b = mem.learner->save();
        putU64(out, b.size());
        out.insert(out.end(), b.begin(), b.end());
    };
    blob(m->baseline);
    for (const auto& mem : m->members)
        blob(mem);
    return out;
}

FraudModel FraudModel::load(const std::vector<std::uint8_t>& bytes)
{
    if (bytes.size() < 16 || std::memcmp(bytes.data(), kMagic, 8) != 0)
        throw Error(ErrorCode::Model, "this is not a ShopPilot fraud model: retrain it (shoppilot train risk)");
    std::size_t pos = 8;
    const auto headLen = getU64(bytes, pos);
    if (pos + headLen > bytes.size())
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
            if (pos + len > bytes.size())
                throw Error(ErrorCode::Model, "the fraud model file is truncated: retrain it (shoppilot train risk)");
            mem.learner = Learner::load(LearnerKind(d.at("kind").get<int>()),
                                        std::vector<std::uint8_t>(bytes.begin() + std::ptrdiff_t(pos),
                                                                  bytes.begin() + std::ptrdiff_t(pos + len)));
            pos += len;
            mem.platt.a = d.at("a").get<double>();
            mem.platt.b = d.at("b").get<double>();
            return mem;
        };
        model.m->baseline = member(j.at("baseline"));
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
