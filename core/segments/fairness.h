// The privacy/fairness report of a segment: how each country, device, channel and tenure group
// is represented in the segment against the whole base, flagged when the ratio of shares is
// beyond a set factor either way.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "segments/features.h"

namespace shoppilot::segments {

struct GroupRepresentation {
    std::string dimension;       // "country", "device", "channel", "tenure"
    std::string group;           // "GB", "app", "web", "1-2 years", "unknown" ...
    std::int64_t inSegment = 0;
    std::int64_t inBase = 0;
    double segmentShare = 0;     // inSegment / segment size
    double baseShare = 0;        // inBase / base size
    double ratio = 0;            // segmentShare / baseShare
    bool flagged = false;        // ratio > factor or < 1 / factor (groups with enough customers)
    bool under = false;          // flagged for being under-represented
};

struct FairnessOptions {
    double factor = 1.5;          // flag beyond this ratio either way
    std::int64_t minBase = 20;    // groups smaller than this in the base are reported, not flagged
    int maxCountries = 12;        // the largest countries; the rest pooled as "other"
};

struct FairnessReport {
    std::int64_t segmentSize = 0;
    std::int64_t baseSize = 0;
    std::vector<GroupRepresentation> groups; // by dimension, then base size descending
    std::int64_t flaggedCount() const;
};

// `member` holds one byte per feature row (as CompiledRule::evaluate gives). The device
// dimension is left out on a store without events (no device is known).
FairnessReport fairnessReport(const CustomerFeatures& f, const std::vector<std::uint8_t>& member,
                              const FairnessOptions& options = {});

// The tenure bands used by the report: "< 3 months", "3-12 months", "1-2 years", "2+ years".
std::string tenureBand(double tenureDays);

} // namespace shoppilot::segments
