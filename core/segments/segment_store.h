// Saved segments (the `segments` and `segment_members` tables: what Overview filters and
// Campaigns audiences read), the masking of personal data, and the members' CSV export.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"
#include "segments/rules.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::segments {

struct SavedSegment {
    std::int64_t id = 0;
    std::string name;
    std::string definitionJson; // {"version":1,"rule":{...},"as_of":"YYYY-MM-DD"}
    Timestamp createdAt = 0;
    Timestamp updatedAt = 0;
    std::int64_t members = 0;
};

// Validates `ruleJson` over `ctx`, then writes the segment and its members in one transaction,
// replacing a segment of the same name. Nothing is written when the name is empty or the rule
// does not compile (the Error names the bad part). Returns the segment id.
std::int64_t saveSegment(store::Database& db, std::string_view name, std::string_view ruleJson, const RuleContext& ctx,
                         Timestamp now);
std::vector<SavedSegment> listSegments(store::Database& db);
std::vector<std::int64_t> segmentMemberIds(store::Database& db, std::int64_t segmentId);
// The stored rule of a segment (the "rule" member of its definition).
std::string segmentRule(store::Database& db, std::int64_t segmentId);
void deleteSegment(store::Database& db, std::int64_t segmentId);

// Masking: personal data is hidden unless the user turned "show personal data" on.
// "Jane Smith" -> "J*** S****"; "jane@example.com" -> "j***@example.com"; other identifiers keep
// their first character only. Empty stays empty.
std::string maskName(std::string_view name);
std::string maskEmail(std::string_view email);

struct ExportOptions {
    bool showPersonalData = false; // off by default: names and e-mails masked
};

// Writes one CSV row per customer (id, external id, name, email, country, channel, first order,
// recency, frequency, monetary; RFM group when `rfm` is given), in the order of `customerIds`.
// The e-mail column holds the store's email_hash (the store keeps no plain address).
// Returns the rows written.
std::int64_t exportMembersCsv(store::Database& db, const std::vector<std::int64_t>& customerIds, const CustomerFeatures& f,
                              const RfmTable* rfm, std::ostream& out, const ExportOptions& options = {});

// Records a change of the "show personal data" setting in the audit log (the issue asks for it).
void recordShowPersonalData(store::Database& db, bool on, std::string_view actor, Timestamp now);

} // namespace shoppilot::segments
