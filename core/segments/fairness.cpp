#include "segments/fairness.h"

#include <algorithm>
#include <map>

#include "common/error.h"

namespace shoppilot::segments {

std::int64_t FairnessReport::flaggedCount() const
{
    return std::count_if(groups.begin(), groups.end(), [](const auto& g) { return g.flagged; });
}

std::string tenureBand(double d)
{
    if (isAbsent(d))
        return "unknown";
    if (d < 91)
        return "< 3 months";
    if (d < 365)
        return "3-12 months";
    if (d < 730)
        return "1-2 years";
    return "2+ years";
}

FairnessReport fairnessReport(const CustomerFeatures& f, const std::vector<std::uint8_t>& member, const FairnessOptions& o)
{
    if (member.size() != f.size())
        throw Error(ErrorCode::InvalidArgument, "the segment's members do not belong to this feature table");
    if (!(o.factor > 1.0))
        throw Error(ErrorCode::InvalidArgument, "the fairness factor must be above 1");
    FairnessReport r;
    r.baseSize = std::int64_t(f.size());
    for (auto b : member)
        r.segmentSize += b ? 1 : 0;
    const auto& tenure = f.col("tenure_days");

    auto dimension = [&](const std::string& name, auto groupOf) {
        std::map<std::string, std::pair<std::int64_t, std::int64_t>> counts; // group -> (segment, base)
        for (std::size_t i = 0; i < f.size(); ++i) {
            auto& c = counts[groupOf(i)];
            c.second += 1;
            c.first += member[i] ? 1 : 0;
        }
        std::vector<GroupRepresentation> rows;
        for (const auto& [g, c] : counts) {
            GroupRepresentation x;
            x.dimension = name;
            x.group = g;
            x.inSegment = c.first;
            x.inBase = c.second;
            rows.push_back(x);
        }
        std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.inBase > b.inBase; });
        if (name == "country" && rows.size() > std::size_t(o.maxCountries)) {
            GroupRepresentation other{name, "other"};
            for (std::size_t i = std::size_t(o.maxCountries); i < rows.size(); ++i) {
                other.inSegment += rows[i].inSegment;
                other.inBase += rows[i].inBase;
            }
            rows.resize(std::size_t(o.maxCountries));
            rows.push_back(other);
        }
        for (auto& x : rows) {
            x.segmentShare = r.segmentSize ? double(x.inSegment) / double(r.segmentSize) : 0;
            x.baseShare = r.baseSize ? double(x.inBase) / double(r.baseSize) : 0;
            x.ratio = x.baseShare > 0 ? x.segmentShare / x.baseShare : 0;
            if (r.segmentSize > 0 && x.inBase >= o.minBase) {
                x.under = x.ratio < 1.0 / o.factor;
                x.flagged = x.under || x.ratio > o.factor;
            }
            r.groups.push_back(x);
        }
    };
    auto orUnknown = [](const std::string& s) { return s.empty() ? std::string("unknown") : s; };
    dimension("country", [&](std::size_t i) { return orUnknown(f.country[i]); });
    if (f.hasEvents)
        dimension("device", [&](std::size_t i) { return orUnknown(f.device[i]); });
    dimension("channel", [&](std::size_t i) { return orUnknown(f.channel[i]); });
    dimension("tenure", [&](std::size_t i) { return tenureBand(tenure[i]); });
    return r;
}

} // namespace shoppilot::segments
