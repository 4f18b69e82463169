#include "risk/scorecard.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>

#include "common/error.h"

namespace shoppilot::risk {

namespace {

std::string fmt(double v)
{
    char b[32];
    std::snprintf(b, sizeof b, "%.4g", v);
    return b;
}

} // namespace

int Scorecard::binOf(const ScorecardFeature& f, const RawColumn& c, int row) const
{
    const auto r = std::size_t(row);
    if (f.categorical) {
        const std::string& v = c.categorical ? c.cat[r] : std::string();
        int other = -1;
        for (std::size_t b = 0; b < f.bins.size(); ++b) {
            const auto& bin = f.bins[b];
            if (std::find(bin.values.begin(), bin.values.end(), v) != bin.values.end())
                return int(b);
            if (bin.label == "other")
                other = int(b);
        }
        return other >= 0 ? other : 0;
    }
    const float v = c.categorical ? NAN : c.num[r];
    for (std::size_t b = 0; b < f.bins.size(); ++b) {
        const auto& bin = f.bins[b];
        if (std::isnan(v) ? bin.missing : (!bin.missing && v >= bin.lo && v < bin.hi))
            return int(b);
    }
    // A missing value never seen in training, or a value outside every bin: the nearest bin.
    if (std::isnan(v))
        return 0;
    int best = 0;
    for (std::size_t b = 0; b < f.bins.size(); ++b)
        if (!f.bins[b].missing && v >= f.bins[b].lo)
            best = int(b);
    return best;
}

void Scorecard::fit(const RawTable& table, const std::vector<int>& rowsIn)
{
    std::vector<int> rows = rowsIn;
    if (rows.empty()) {
        rows.resize(std::size_t(table.rows()));
        std::iota(rows.begin(), rows.end(), 0);
    }
    const double n = double(rows.size());
    double totalBad = 0;
    for (int r : rows)
        totalBad += table.label[std::size_t(r)] > 0.5f;
    const double totalGood = n - totalBad;
    if (totalBad == 0 || totalGood == 0)
        throw Error(ErrorCode::InvalidArgument, "a scorecard needs both good and bad examples in the training rows");
    const int minCount = std::max(1, int(m_opt.minBinShare * n));
    m_features.clear();
    m_columnIndex.clear();
    for (std::size_t ci = 0; ci < table.columns.size(); ++ci) {
        const RawColumn& c = table.columns[ci];
        ScorecardFeature f;
        f.name = c.name;
        f.categorical = c.categorical;
        if (c.categorical) {
            std::map<std::string, int> counts;
            for (int r : rows)
                ++counts[c.cat[std::size_t(r)]];
            ScorecardBin other;
            other.label = "other";
            for (const auto& [v, k] : counts) {
                if (k >= minCount) {
                    ScorecardBin b;
                    b.label = v.empty() ? "(empty)" : v;
                    b.values = {v};
                    f.bins.push_back(b);
                } else {
                    other.values.push_back(v);
                }
            }
            f.bins.push_back(other); // also catches values never seen in training
        } else {
            std::vector<float> v;
            bool hasMissing = false;
            for (int r : rows) {
                const float x = c.num[std::size_t(r)];
                if (std::isnan(x))
                    hasMissing = true;
                else
                    v.push_back(x);
            }
            std::sort(v.begin(), v.end());
            std::vector<double> cuts;
            for (int q = 1; q < m_opt.maxBins && !v.empty(); ++q) {
                const double cut = v[std::size_t(double(q) / m_opt.maxBins * double(v.size()))];
                if ((cuts.empty() || cut > cuts.back()) && cut > v.front())
                    cuts.push_back(cut);
            }
            // Merge bins smaller than the minimum share into their right neighbour.
            auto countBelow = [&](double x) { return double(std::lower_bound(v.begin(), v.end(), float(x)) - v.begin()); };
            std::vector<double> kept;
            double prev = 0;
            for (double cut : cuts) {
                const double below = countBelow(cut);
                if (below - prev >= minCount && double(v.size()) - below >= minCount) {
                    kept.push_back(cut);
                    prev = below;
                }
            }
            double lo = -INFINITY;
            for (std::size_t k = 0; k <= kept.size(); ++k) {
                ScorecardBin b;
                b.lo = lo;
                b.hi = k < kept.size() ? kept[k] : INFINITY;
                b.label = k == 0 ? (kept.empty() ? "all" : "< " + fmt(b.hi))
                                 : (k == kept.size() ? ">= " + fmt(b.lo) : "[" + fmt(b.lo) + ", " + fmt(b.hi) + ")");
                f.bins.push_back(b);
                lo = b.hi;
            }
            if (hasMissing) {
                ScorecardBin b;
                b.missing = true;
                b.label = "missing";
                f.bins.push_back(b);
            }
        }
        for (int r : rows) {
            auto& b = f.bins[std::size_t(binOf(f, c, r))];
            ++b.count;
            b.bads += table.label[std::size_t(r)] > 0.5f;
        }
        for (auto& b : f.bins) {
            const double bad = (b.bads + 0.5) / (totalBad + 0.5), good = (b.count - b.bads + 0.5) / (totalGood + 0.5);
            b.woe = std::log(bad / good);
            f.informationValue += (bad - good) * b.woe;
        }
        m_features.push_back(std::move(f));
        m_columnIndex.push_back(int(ci));
    }
    // Ridge logistic on the WoE columns (unweighted, so probabilities stay calibrated).
    const int d = int(m_features.size()), p = d + 1;
    std::vector<double> w(std::size_t(p), 0), z(static_cast<std::size_t>(p));
    std::vector<std::vector<int>> bin(rows.size(), std::vector<int>(std::size_t(d)));
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (int j = 0; j < d; ++j)
            bin[i][std::size_t(j)] = binOf(m_features[std::size_t(j)], table.columns[std::size_t(m_columnIndex[std::size_t(j)])], rows[i]);
    w.back() = std::log(totalBad / totalGood);
    for (int it = 0; it < 30; ++it) {
        std::vector<double> h(std::size_t(p) * std::size_t(p), 0), g(std::size_t(p), 0);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            for (int j = 0; j < d; ++j)
                z[std::size_t(j)] = m_features[std::size_t(j)].bins[std::size_t(bin[i][std::size_t(j)])].woe;
            z.back() = 1;
            double s = 0;
            for (int j = 0; j < p; ++j)
                s += w[std::size_t(j)] * z[std::size_t(j)];
            const double pr = 1 / (1 + std::exp(-s));
            const double y = table.label[std::size_t(rows[i])] > 0.5f ? 1 : 0;
            for (int a = 0; a < p; ++a) {
                g[std::size_t(a)] += (pr - y) * z[std::size_t(a)];
                for (int b = 0; b < p; ++b)
                    h[std::size_t(a) * std::size_t(p) + std::size_t(b)] += pr * (1 - pr) * z[std::size_t(a)] * z[std::size_t(b)];
            }
        }
        for (int a = 0; a < d; ++a) {
            h[std::size_t(a) * std::size_t(p) + std::size_t(a)] += m_opt.l2;
            g[std::size_t(a)] += m_opt.l2 * w[std::size_t(a)];
        }
        h.back() += 1e-9;
        if (!solveSpd(h, g, p))
            break;
        double step = 0;
        for (int a = 0; a < p; ++a) {
            w[std::size_t(a)] -= g[std::size_t(a)];
            step = std::max(step, std::abs(g[std::size_t(a)]));
        }
        if (step < 1e-8)
            break;
    }
    m_intercept = w.back();
    const double factor = m_opt.pdo / std::log(2.0);
    const double offset = m_opt.basePoints - factor * std::log(m_opt.baseOdds);
    for (int j = 0; j < d; ++j) {
        auto& f = m_features[std::size_t(j)];
        f.weight = w[std::size_t(j)];
        for (auto& b : f.bins)
            b.points = -factor * (f.weight * b.woe + m_intercept / d) + offset / d;
    }
}

double Scorecard::probabilityBad(const RawTable& table, int row) const
{
    double s = m_intercept;
    for (std::size_t j = 0; j < m_features.size(); ++j) {
        const auto& f = m_features[j];
        s += f.weight * f.bins[std::size_t(binOf(f, table.columns[std::size_t(m_columnIndex[j])], row))].woe;
    }
    return 1 / (1 + std::exp(-s));
}

ScoredApplicant Scorecard::score(const RawTable& table, int row, int reasons) const
{
    ScoredApplicant a;
    a.probabilityBad = probabilityBad(table, row);
    for (std::size_t j = 0; j < m_features.size(); ++j) {
        const auto& f = m_features[j];
        const auto& b = f.bins[std::size_t(binOf(f, table.columns[std::size_t(m_columnIndex[j])], row))];
        a.score += b.points;
        double best = b.points;
        for (const auto& o : f.bins)
            if (o.count > 0)
                best = std::max(best, o.points);
        if (best - b.points > 0.5)
            a.reasons.push_back({f.name, b.label, best - b.points});
    }
    std::sort(a.reasons.begin(), a.reasons.end(), [](const auto& x, const auto& y) { return x.pointsLost > y.pointsLost; });
    if (int(a.reasons.size()) > reasons)
        a.reasons.resize(std::size_t(reasons));
    return a;
}

std::string Scorecard::toJson() const
{
    nlohmann::json j;
    j["intercept"] = m_intercept;
    j["columns"] = m_columnIndex;
    for (const auto& f : m_features) {
        nlohmann::json jf{{"name", f.name}, {"categorical", f.categorical}, {"weight", f.weight}, {"iv", f.informationValue}};
        for (const auto& b : f.bins)
            jf["bins"].push_back({{"label", b.label}, {"lo", std::isinf(b.lo) ? (b.lo < 0 ? -1e300 : 1e300) : b.lo},
                                  {"hi", std::isinf(b.hi) ? (b.hi < 0 ? -1e300 : 1e300) : b.hi},
                                  {"values", b.values}, {"missing", b.missing}, {"woe", b.woe},
                                  {"points", b.points}, {"count", b.count}, {"bads", b.bads}});
        j["features"].push_back(jf);
    }
    return j.dump();
}

Scorecard Scorecard::fromJson(const std::string& text)
{
    Scorecard s;
    try {
        const auto j = nlohmann::json::parse(text);
        s.m_intercept = j.at("intercept").get<double>();
        s.m_columnIndex = j.at("columns").get<std::vector<int>>();
        for (const auto& jf : j.at("features")) {
            ScorecardFeature f;
            f.name = jf.at("name").get<std::string>();
            f.categorical = jf.at("categorical").get<bool>();
            f.weight = jf.at("weight").get<double>();
            f.informationValue = jf.at("iv").get<double>();
            for (const auto& jb : jf.at("bins")) {
                ScorecardBin b;
                b.label = jb.at("label").get<std::string>();
                b.lo = jb.at("lo").get<double>();
                b.hi = jb.at("hi").get<double>();
                if (b.lo <= -1e299) b.lo = -INFINITY;
                if (b.hi >= 1e299) b.hi = INFINITY;
                b.values = jb.at("values").get<std::vector<std::string>>();
                b.missing = jb.at("missing").get<bool>();
                b.woe = jb.at("woe").get<double>();
                b.points = jb.at("points").get<double>();
                b.count = jb.at("count").get<int>();
                b.bads = jb.at("bads").get<int>();
                f.bins.push_back(std::move(b));
            }
            s.m_features.push_back(std::move(f));
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorCode::Model, std::string("the saved credit scorecard is damaged (") + e.what() + "): retrain it");
    }
    if (s.m_columnIndex.size() != s.m_features.size())
        throw Error(ErrorCode::Model, "the saved credit scorecard is damaged: retrain it");
    return s;
}

} // namespace shoppilot::risk
