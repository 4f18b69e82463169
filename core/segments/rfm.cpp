#include "segments/rfm.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "common/error.h"

namespace shoppilot::segments {

namespace {

std::array<double, 4> quantiles(std::vector<double> v)
{
    std::array<double, 4> q{};
    std::erase_if(v, [](double x) { return isAbsent(x); });
    if (v.empty())
        return q;
    std::sort(v.begin(), v.end());
    for (int k = 1; k <= 4; ++k) {
        // Linear interpolation between order statistics (type 7, as R's and numpy's default).
        const double pos = (double(v.size()) - 1.0) * k / 5.0;
        const std::size_t lo = std::size_t(std::floor(pos));
        const std::size_t hi = std::min(v.size() - 1, lo + 1);
        q[std::size_t(k - 1)] = v[lo] + (pos - double(lo)) * (v[hi] - v[lo]);
    }
    return q;
}

void check(const std::array<double, 4>& c, const char* what)
{
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (!std::isfinite(c[i]))
            throw Error(ErrorCode::InvalidArgument, std::string("RFM ") + what + " cut-off " + std::to_string(i + 1) + " is not a number");
        if (i > 0 && c[i] < c[i - 1])
            throw Error(ErrorCode::InvalidArgument, std::string("RFM ") + what + " cut-offs must not decrease (cut-off " +
                                                        std::to_string(i + 1) + " is below cut-off " + std::to_string(i) + ")");
    }
}

inline std::uint8_t above(double v, const std::array<double, 4>& c)
{
    return std::uint8_t((v > c[0]) + (v > c[1]) + (v > c[2]) + (v > c[3]));
}

constexpr const char* kIds[kRfmGroupCount] = {"champions", "loyal",   "potential_loyalists", "new",         "promising",
                                              "need_attention", "at_risk", "cant_lose", "hibernating", "lost"};
constexpr const char* kLabels[kRfmGroupCount] = {"Champions", "Loyal",   "Potential loyalists", "New",        "Promising",
                                                 "Need attention", "At risk", "Can't lose", "Hibernating", "Lost"};

// The grid of rfmGroup(), precomputed: [R-1][FM-1].
constexpr RfmGroup kGrid[5][5] = {
    {RfmGroup::Lost, RfmGroup::Hibernating, RfmGroup::AtRisk, RfmGroup::AtRisk, RfmGroup::CantLose},
    {RfmGroup::Hibernating, RfmGroup::Hibernating, RfmGroup::AtRisk, RfmGroup::AtRisk, RfmGroup::CantLose},
    {RfmGroup::NeedAttention, RfmGroup::NeedAttention, RfmGroup::NeedAttention, RfmGroup::Loyal, RfmGroup::Loyal},
    {RfmGroup::Promising, RfmGroup::PotentialLoyalists, RfmGroup::PotentialLoyalists, RfmGroup::Loyal, RfmGroup::Loyal},
    {RfmGroup::New, RfmGroup::PotentialLoyalists, RfmGroup::PotentialLoyalists, RfmGroup::Champions, RfmGroup::Champions},
};

} // namespace

RfmCutoffs quintileCutoffs(const CustomerFeatures& f)
{
    RfmCutoffs c;
    c.recency = quantiles(f.col("recency_days"));
    c.frequency = quantiles(f.col("frequency"));
    c.monetary = quantiles(f.col("monetary"));
    return c;
}

void validateCutoffs(const RfmCutoffs& c)
{
    check(c.recency, "recency");
    check(c.frequency, "frequency");
    check(c.monetary, "monetary");
}

const char* rfmGroupId(RfmGroup g) { return kIds[int(g)]; }
const char* rfmGroupLabel(RfmGroup g) { return kLabels[int(g)]; }

bool parseRfmGroup(std::string_view id, RfmGroup& out)
{
    for (int k = 0; k < kRfmGroupCount; ++k)
        if (id == kIds[k]) {
            out = RfmGroup(k);
            return true;
        }
    return false;
}

RfmGroup rfmGroup(int r, int f, int m)
{
    if (r < 1 || r > 5 || f < 1 || f > 5 || m < 1 || m > 5)
        throw Error(ErrorCode::InvalidArgument, "RFM scores run from 1 to 5");
    const int fm = (f + m + 1) / 2;
    return kGrid[r - 1][fm - 1];
}

std::array<std::int64_t, kRfmGroupCount> RfmTable::counts() const
{
    std::array<std::int64_t, kRfmGroupCount> c{};
    for (auto g : group)
        ++c[std::size_t(g)];
    return c;
}

void scoreRfm(const CustomerFeatures& f, const RfmCutoffs& cutoffs, RfmTable& out)
{
    validateCutoffs(cutoffs);
    const auto& rec = f.col("recency_days");
    const auto& fr = f.col("frequency");
    const auto& mo = f.col("monetary");
    const std::size_t n = f.size();
    out.r.resize(n);
    out.f.resize(n);
    out.m.resize(n);
    out.group.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t r = std::uint8_t(5 - above(rec[i], cutoffs.recency));
        const std::uint8_t fs = std::uint8_t(1 + above(fr[i], cutoffs.frequency));
        const std::uint8_t ms = std::uint8_t(1 + above(mo[i], cutoffs.monetary));
        out.r[i] = r;
        out.f[i] = fs;
        out.m[i] = ms;
        out.group[i] = kGrid[r - 1][(fs + ms + 1) / 2 - 1];
    }
}

RfmTable scoreRfm(const CustomerFeatures& f, const RfmCutoffs& cutoffs)
{
    RfmTable t;
    scoreRfm(f, cutoffs, t);
    return t;
}

RfmMovement rfmMovement(const CustomerFeatures& before, const RfmTable& rfmBefore, const CustomerFeatures& after,
                        const RfmTable& rfmAfter)
{
    if (rfmBefore.size() != before.size() || rfmAfter.size() != after.size())
        throw Error(ErrorCode::InvalidArgument, "RFM scores do not belong to the feature table given");
    std::unordered_map<std::int64_t, std::size_t> afterRow;
    afterRow.reserve(after.size());
    for (std::size_t i = 0; i < after.size(); ++i)
        afterRow.emplace(after.customerId[i], i);
    RfmMovement mv;
    std::vector<char> seen(after.size(), 0);
    for (std::size_t i = 0; i < before.size(); ++i) {
        const auto id = before.customerId[i];
        const int from = int(rfmBefore.group[i]);
        auto it = afterRow.find(id);
        if (it == afterRow.end()) {
            mv.left[std::size_t(from)].push_back(id);
            continue;
        }
        seen[it->second] = 1;
        mv.cells[std::size_t(from)][std::size_t(rfmAfter.group[it->second])].push_back(id);
    }
    for (std::size_t j = 0; j < after.size(); ++j)
        if (!seen[j])
            mv.arrived[std::size_t(rfmAfter.group[j])].push_back(after.customerId[j]);
    return mv;
}

} // namespace shoppilot::segments
