// The rule builder's engine: a segment is a nested and/or/not tree of conditions over the
// customer feature table (and the RFM group and cluster of each customer), written as JSON.
// A rule is parsed and checked once (errors name the bad part by its path in the rule), then
// compiled to column scans, so counting members over 100k customers takes milliseconds.
//
// Grammar (JSON):
//   node      := {"and": [node, ...]} | {"or": [node, ...]} | {"not": node} | condition
//   condition := {"field": NAME, "op": OP, "value": V}
// Fields and their operators:
//   any numeric feature column (recency_days, frequency, monetary, share:Beauty ...),
//   r_score, f_score, m_score, cluster:    < <= > >= = != between([lo, hi], inclusive)
//                                          present, absent (no value)   (+ in, not_in for cluster)
//   country, channel, device, last_category, rfm_group:  = != in not_in (strings; rfm_group
//                                          takes the ids of rfmGroupId())
//   first_order:                           < <= > >= = between with "YYYY-MM-DD" (UTC days)
// A comparison never matches an absent value (a store without events has no device).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "segments/features.h"
#include "segments/rfm.h"

namespace shoppilot::segments {

// What a rule is evaluated over. rfm and cluster are optional; a rule that uses them without
// them fails to compile with a message saying so.
struct RuleContext {
    const CustomerFeatures* features = nullptr;
    const RfmTable* rfm = nullptr;
    const std::vector<int>* cluster = nullptr; // per feature row
};

// The names a rule may use over this context (for the builder's field list and error messages).
std::vector<std::string> ruleFields(const RuleContext& ctx);

class CompiledRule {
public:
    CompiledRule();
    CompiledRule(CompiledRule&&) noexcept;
    CompiledRule& operator=(CompiledRule&&) noexcept;
    ~CompiledRule();

    // One byte per feature row: 1 = member. Reuses `mask`'s buffer.
    void evaluate(std::vector<std::uint8_t>& mask) const;
    std::vector<std::uint8_t> evaluate() const;
    std::int64_t count() const;
    std::vector<std::int64_t> memberIds() const;
    // The rule as canonical JSON (what is stored).
    const std::string& canonicalJson() const { return m_json; }

    struct Node;

private:
    friend CompiledRule compileRule(std::string_view json, const RuleContext& ctx);
    std::unique_ptr<Node> m_root;
    RuleContext m_ctx;
    std::string m_json;
};

// Parses and checks a rule. Throws shoppilot::Error (Parse for malformed JSON, InvalidArgument
// for a well-formed rule that does not fit) whose message names the bad part, e.g.
// "rule.and[1].or[0]: unknown field 'recncy_days'".
CompiledRule compileRule(std::string_view json, const RuleContext& ctx);

} // namespace shoppilot::segments
