// RFM scores (1-5) and the named groups, as of a cut-off day, plus the movement of customers
// between groups from one cut-off to another. Everything works on a CustomerFeatures table in
// memory: changing the score cut-offs re-buckets without touching the store.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "segments/features.h"

namespace shoppilot::segments {

// The score boundaries. A customer's F (M) score is 1 + the number of cut-offs its frequency
// (spend) is strictly above; its R score is 5 - the number of cut-offs its recency in days is
// strictly above (recent = high R). Cut-offs must be non-decreasing.
struct RfmCutoffs {
    std::array<double, 4> recency{};
    std::array<double, 4> frequency{};
    std::array<double, 4> monetary{};
};

// The 20/40/60/80% quantiles of each measure (the default "quintile" cut-offs). Ties stay
// together: many one-order customers all get the same F score.
RfmCutoffs quintileCutoffs(const CustomerFeatures& f);
// Throws InvalidArgument naming the measure when cut-offs are decreasing or not finite.
void validateCutoffs(const RfmCutoffs& c);

enum class RfmGroup : std::uint8_t {
    Champions,
    Loyal,
    PotentialLoyalists,
    New,
    Promising,
    NeedAttention,
    AtRisk,
    CantLose,
    Hibernating,
    Lost,
};
constexpr int kRfmGroupCount = 10;
// "champions", "loyal", "potential_loyalists", "new", "promising", "need_attention", "at_risk",
// "cant_lose", "hibernating", "lost" (stable ids: stored in rules, shown translated by the UI).
const char* rfmGroupId(RfmGroup g);
// English label ("Champions", "Can't lose" ...).
const char* rfmGroupLabel(RfmGroup g);
// Parses an id (as rfmGroupId writes it); false when unknown.
bool parseRfmGroup(std::string_view id, RfmGroup& out);

// The usual R x FM grid (FM = round-half-up of (F + M) / 2), as in the common R/F segment map:
//   R 5,   FM 4-5 champions           R 3-4, FM 4-5 loyal
//   R 4-5, FM 2-3 potential loyalists R 5,   FM 1   new
//   R 4,   FM 1   promising           R 3,   FM 1-3 need attention
//   R 1-2, FM 5   can't lose          R 1-2, FM 3-4 at risk
//   R 1-2, FM 1-2 hibernating, except R 1 and FM 1: lost
RfmGroup rfmGroup(int r, int f, int m);

struct RfmTable {
    std::vector<std::uint8_t> r, f, m;
    std::vector<RfmGroup> group;
    std::size_t size() const { return group.size(); }
    // Customers per group, indexed by RfmGroup.
    std::array<std::int64_t, kRfmGroupCount> counts() const;
};

RfmTable scoreRfm(const CustomerFeatures& f, const RfmCutoffs& cutoffs);
// Same, writing into `out` (reuses its buffers: what the panel calls on every cut-off edit).
void scoreRfm(const CustomerFeatures& f, const RfmCutoffs& cutoffs, RfmTable& out);

// Movement between two cut-offs: cell [from][to] lists the customers (ids) who were in group
// `from` at the first date and in `to` at the second. Customers present at only one date are
// counted in `arrived` (first order after the first date) or `left` (not possible with
// as-of features, kept for symmetry: always empty unless the store lost customers).
struct RfmMovement {
    std::array<std::array<std::vector<std::int64_t>, kRfmGroupCount>, kRfmGroupCount> cells;
    std::array<std::vector<std::int64_t>, kRfmGroupCount> arrived; // by group at the second date
    std::array<std::vector<std::int64_t>, kRfmGroupCount> left;    // by group at the first date
    std::int64_t count(RfmGroup from, RfmGroup to) const { return std::int64_t(cells[int(from)][int(to)].size()); }
    const std::vector<std::int64_t>& members(RfmGroup from, RfmGroup to) const { return cells[int(from)][int(to)]; }
};

RfmMovement rfmMovement(const CustomerFeatures& before, const RfmTable& rfmBefore, const CustomerFeatures& after,
                        const RfmTable& rfmAfter);

} // namespace shoppilot::segments
