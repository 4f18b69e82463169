// Analyst rules over the order features and the model score, plus allow and block lists.
// Evaluation order (fixed, also shown in the panel):
//   1. block list (customer, device, IP, card, shipping address)  -> block
//   2. allow list                                                 -> allow
//   3. enabled rules from top to bottom; the first rule whose conditions all hold decides
//   4. no rule matched: the model's level (review or high -> review, low -> allow)
// Rules are saved in panel_documents (panel 'risk', kind 'rules'); a backtest replays a rule on
// past orders before it is saved.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "risk/features.h"
#include "store/database.h"

namespace shoppilot::risk {

enum class RuleAction { Allow, Review, Block };
const char* actionName(RuleAction a);
std::optional<RuleAction> actionByName(const std::string& name);

struct Condition {
    std::string field; // a feature key or "score"
    std::string op;    // > >= < <= == !=
    double value = 0;
};

struct Rule {
    std::string id;
    std::string name;
    bool enabled = true;
    std::vector<Condition> conditions; // all must hold
    RuleAction action = RuleAction::Review;
};

struct ListEntry {
    std::string kind;  // customer | device | ip | card | address
    std::string value; // customer id, device id, IP, payment fingerprint, "address|postcode|country"
    std::string note;
};

struct RuleSet {
    std::vector<Rule> rules;
    std::vector<ListEntry> allow;
    std::vector<ListEntry> block;

    static RuleSet defaults();
    std::string toJson() const;
    // Throws Error(Parse) naming the problem (unknown field, operator or action, a list entry
    // that is not valid). `strict` = false accepts list entries that are not valid (a document
    // saved before they were checked): they match nothing and problems() names them.
    static RuleSet fromJson(const std::string& json, bool strict = true);
    // Every problem, one message each, naming the rule or list entry ("block list, entry 2: ...").
    std::vector<std::string> problems() const;
    // Throws Error(InvalidArgument) with the first problem (and how many more there are).
    void validate() const;
};

// Checks one allow/block list entry: a known kind and a value of that kind's form (a customer
// is a positive whole number such as 1042, nothing else; the others are not empty). Returns
// "" when valid, else the reason ("customer id \"12abc\" is not a whole number ...").
std::string listEntryProblem(const ListEntry& entry);
// The customer id of a valid customer entry; nullopt when the value is not exactly a number.
std::optional<std::int64_t> parseCustomerId(const std::string& value);

struct RuleOutcome {
    RuleAction action = RuleAction::Allow;
    std::string ruleId; // "blocklist", "allowlist", a rule id, or "" when the model decided
};

// Evaluates lists and rules on one order (features as in features.h, score 0-100, level from
// the model); useModel = false leaves step 4 out (the rules alone, for the evaluation).
class RuleEngine {
public:
    RuleEngine(const RuleSet& set, OrderHistory& history);
    RuleOutcome evaluate(const OrderFacts& order, const float* features, float score, bool modelFlags,
                         bool useModel = true) const;
    static bool matches(const Rule& rule, const float* features, float score);

private:
    const RuleSet& m_set;
    std::vector<std::pair<std::string, std::int64_t>> m_allow, m_block; // kind, interned id (or customer id)
};

struct BacktestResult {
    std::int64_t orders = 0;     // orders replayed
    std::int64_t hits = 0;       // orders the rule matched
    std::int64_t hitsFraud = 0;  // of those, labelled fraud (chargeback or reject)
    std::int64_t fraud = 0;      // labelled fraud among all replayed orders
    std::int64_t hitValueMinor = 0;
    double days = 0;
};

// Replays `rule` (conditions only) on the rows [from, h.orders.size()) with their features and
// scores; labels as known now (labelsAsOf).
BacktestResult backtestRule(const Rule& rule, const OrderHistory& h, const Matrix& features,
                            const std::vector<float>& scores, const std::vector<int>& labels, int from = 0);

// The defaults when none was saved. A saved list entry that is not valid is kept and matches
// nothing (RuleSet::problems() names it), so a store saved before entries were checked still opens.
RuleSet loadRuleSet(store::Database& db);
// Validates first: throws Error(InvalidArgument) naming the bad rule or list entry, and then
// writes nothing.
void saveRuleSet(store::Database& db, const RuleSet& set, const std::string& actor);

} // namespace shoppilot::risk
