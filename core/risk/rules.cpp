#include "risk/rules.h"

#include <charconv>
#include <cmath>
#include <ctime>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "store/repositories.h"

namespace shoppilot::risk {

const char* actionName(RuleAction a)
{
    switch (a) {
    case RuleAction::Allow: return "allow";
    case RuleAction::Review: return "review";
    case RuleAction::Block: return "block";
    }
    return "allow";
}

std::optional<RuleAction> actionByName(const std::string& n)
{
    if (n == "allow")
        return RuleAction::Allow;
    if (n == "review")
        return RuleAction::Review;
    if (n == "block")
        return RuleAction::Block;
    return std::nullopt;
}

namespace {

bool knownOp(const std::string& op)
{
    return op == ">" || op == ">=" || op == "<" || op == "<=" || op == "==" || op == "!=";
}

bool compare(double v, const std::string& op, double x)
{
    if (std::isnan(v))
        return op == "!=";
    if (op == ">") return v > x;
    if (op == ">=") return v >= x;
    if (op == "<") return v < x;
    if (op == "<=") return v <= x;
    if (op == "==") return std::abs(v - x) < 1e-9;
    if (op == "!=") return std::abs(v - x) >= 1e-9;
    return false;
}

const char* internPrefix(const std::string& kind)
{
    if (kind == "device") return "d:";
    if (kind == "ip") return "i:";
    if (kind == "card") return "p:";
    if (kind == "address") return "a:";
    return nullptr;
}

} // namespace

RuleSet RuleSet::defaults()
{
    RuleSet s;
    s.rules = {
        {"card-testing", "Card testing: many orders on one card within an hour", true, {{"card_1h", ">=", 3}}, RuleAction::Block},
        {"failed-burst", "Repeated failed payments by the customer", true, {{"customer_failed_24h", ">=", 2}}, RuleAction::Block},
        {"linked-fraud", "Device or card shared with confirmed fraud", true, {{"device_linked_fraud", ">=", 1}}, RuleAction::Review},
        {"device-accounts", "Several new accounts on one device", true,
         {{"device_accounts", ">=", 3}, {"account_age_days", "<", 7}}, RuleAction::Review},
        {"ip-burst", "Several new accounts ordering from one IP", true,
         {{"ip_accounts", ">=", 3}, {"ip_24h", ">=", 2}, {"account_age_days", "<", 7}}, RuleAction::Review},
        {"new-big-basket", "New account, first order, large basket", true,
         {{"first_order", "==", 1}, {"account_age_days", "<", 1}, {"amount_log", ">=", 6.2}}, RuleAction::Review},
        {"country-mismatch", "Shipping and IP country both differ from billing", true,
         {{"bill_ship_mismatch", "==", 1}, {"ip_bill_mismatch", "==", 1}}, RuleAction::Review},
    };
    return s;
}

std::optional<std::int64_t> parseCustomerId(const std::string& value)
{
    std::int64_t id = 0;
    const char* end = value.data() + value.size();
    const auto [ptr, ec] = std::from_chars(value.data(), end, id);
    // from_chars stops at the first non-digit: "12abc" must not become customer 12.
    if (ec != std::errc() || ptr != end || value.empty() || value.front() == '-' || id <= 0)
        return std::nullopt;
    return id;
}

std::string listEntryProblem(const ListEntry& e)
{
    if (e.kind == "customer") {
        if (!parseCustomerId(e.value))
            return "customer id \"" + e.value + "\" is not a customer number (a whole number above 0, such as 1042, "
                   "with nothing else around it)";
        return {};
    }
    if (!internPrefix(e.kind))
        return "unknown kind \"" + e.kind + "\" (use customer, device, ip, card or address)";
    if (e.value.empty())
        return e.kind + " entry has no value";
    return {};
}

std::vector<std::string> RuleSet::problems() const
{
    std::vector<std::string> out;
    for (const auto& r : rules) {
        if (r.id.empty()) {
            out.push_back("a rule has no id");
            continue;
        }
        if (r.conditions.empty())
            out.push_back("rule '" + r.name + "' has no condition");
        for (const auto& c : r.conditions) {
            if (c.field != "score" && featureByKey(c.field) < 0)
                out.push_back("rule '" + r.name + "': unknown field '" + c.field + "'");
            if (!knownOp(c.op))
                out.push_back("rule '" + r.name + "': unknown operator '" + c.op + "'");
        }
    }
    for (const auto& [name, list] : {std::pair{"allow list", &allow}, std::pair{"block list", &block}})
        for (std::size_t i = 0; i < list->size(); ++i)
            if (const auto p = listEntryProblem((*list)[i]); !p.empty())
                out.push_back(std::string(name) + ", entry " + std::to_string(i + 1) + ": " + p);
    return out;
}

void RuleSet::validate() const
{
    const auto p = problems();
    if (p.empty())
        return;
    std::string msg = p.front();
    if (p.size() > 1)
        msg += " (and " + std::to_string(p.size() - 1) + " more problem" + (p.size() > 2 ? "s" : "") + ")";
    throw Error(ErrorCode::InvalidArgument, msg);
}

std::string RuleSet::toJson() const
{
    nlohmann::json j;
    j["rules"] = nlohmann::json::array();
    for (const auto& r : rules) {
        nlohmann::json jr{{"id", r.id}, {"name", r.name}, {"enabled", r.enabled}, {"action", actionName(r.action)}};
        jr["conditions"] = nlohmann::json::array();
        for (const auto& c : r.conditions)
            jr["conditions"].push_back({{"field", c.field}, {"op", c.op}, {"value", c.value}});
        j["rules"].push_back(jr);
    }
    for (const auto& [name, list] : {std::pair{"allow", &allow}, std::pair{"block", &block}}) {
        j[name] = nlohmann::json::array();
        for (const auto& e : *list)
            j[name].push_back({{"kind", e.kind}, {"value", e.value}, {"note", e.note}});
    }
    return j.dump(2);
}

RuleSet RuleSet::fromJson(const std::string& text, bool strict)
{
    RuleSet s;
    try {
        const auto j = nlohmann::json::parse(text);
        for (const auto& jr : j.value("rules", nlohmann::json::array())) {
            Rule r;
            r.id = jr.at("id").get<std::string>();
            r.name = jr.value("name", r.id);
            r.enabled = jr.value("enabled", true);
            const auto a = actionByName(jr.at("action").get<std::string>());
            if (!a)
                throw Error(ErrorCode::Parse, "rule '" + r.name + "': action must be allow, review or block");
            r.action = *a;
            for (const auto& jc : jr.at("conditions"))
                r.conditions.push_back({jc.at("field").get<std::string>(), jc.at("op").get<std::string>(), jc.at("value").get<double>()});
            s.rules.push_back(std::move(r));
        }
        for (const auto& [name, list] : {std::pair{"allow", &s.allow}, std::pair{"block", &s.block}})
            for (const auto& je : j.value(name, nlohmann::json::array()))
                list->push_back({je.at("kind").get<std::string>(), je.at("value").get<std::string>(), je.value("note", "")});
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorCode::Parse, std::string("the risk rules are not valid JSON (") + e.what() + ")");
    }
    try {
        if (strict) {
            s.validate();
        } else {
            // Lists are checked leniently (older documents); the rules themselves never.
            RuleSet rulesOnly;
            rulesOnly.rules = s.rules;
            rulesOnly.validate();
        }
    } catch (const Error& e) {
        throw Error(ErrorCode::Parse, std::string("the risk rules are not valid: ") + e.what());
    }
    return s;
}

RuleEngine::RuleEngine(const RuleSet& set, OrderHistory& history) : m_set(set)
{
    // Entries that are not valid (only a leniently loaded older document has them) match
    // nothing; RuleSet::problems() names them.
    auto resolve = [&](const std::vector<ListEntry>& in, std::vector<std::pair<std::string, std::int64_t>>& out) {
        for (const auto& e : in) {
            if (!listEntryProblem(e).empty())
                continue;
            if (e.kind == "customer")
                out.emplace_back(e.kind, *parseCustomerId(e.value));
            else
                out.emplace_back(e.kind, history.intern(internPrefix(e.kind), e.value));
        }
    };
    resolve(set.allow, m_allow);
    resolve(set.block, m_block);
}

bool RuleEngine::matches(const Rule& rule, const float* f, float score)
{
    for (const auto& c : rule.conditions) {
        const int k = featureByKey(c.field);
        const double v = c.field == "score" ? double(score) : k >= 0 ? double(f[k]) : NAN;
        if (!compare(v, c.op, c.value))
            return false;
    }
    return true;
}

RuleOutcome RuleEngine::evaluate(const OrderFacts& o, const float* f, float score, bool modelFlags, bool useModel) const
{
    auto listed = [&](const std::vector<std::pair<std::string, std::int64_t>>& list) {
        for (const auto& [kind, id] : list) {
            if ((kind == "customer" && o.customer == id) || (kind == "device" && o.device == id) ||
                (kind == "ip" && o.ip == id) || (kind == "card" && o.payment == id) || (kind == "address" && o.shipAddress == id))
                return true;
        }
        return false;
    };
    if (listed(m_block))
        return {RuleAction::Block, "blocklist"};
    if (listed(m_allow))
        return {RuleAction::Allow, "allowlist"};
    for (const auto& r : m_set.rules)
        if (r.enabled && matches(r, f, score))
            return {r.action, r.id};
    if (useModel && modelFlags)
        return {RuleAction::Review, ""};
    return {RuleAction::Allow, ""};
}

BacktestResult backtestRule(const Rule& rule, const OrderHistory& h, const Matrix& x, const std::vector<float>& scores,
                            const std::vector<int>& labels, int from)
{
    BacktestResult b;
    from = std::max(0, from);
    for (int i = from; i < x.rows; ++i) {
        ++b.orders;
        const bool fraud = labels[std::size_t(i)] == 1;
        b.fraud += fraud;
        if (RuleEngine::matches(rule, x.row(i), scores.empty() ? 0.0f : scores[std::size_t(i)])) {
            ++b.hits;
            b.hitsFraud += fraud;
            b.hitValueMinor += h.orders[std::size_t(i)].amountMinor;
        }
    }
    if (x.rows > from && from < int(h.orders.size()))
        b.days = std::max(1.0, double(h.orders.back().ts - h.orders[std::size_t(from)].ts) / 86400.0);
    return b;
}

RuleSet loadRuleSet(store::Database& db)
{
    const auto body = db.queryText("SELECT body_json FROM panel_documents WHERE panel='risk' AND kind='rules' AND name='default'");
    return body ? RuleSet::fromJson(*body, false) : RuleSet::defaults();
}

void saveRuleSet(store::Database& db, const RuleSet& set, const std::string& actor)
{
    set.validate();
    const Timestamp now = Timestamp(std::time(nullptr));
    const std::string body = set.toJson();
    store::Transaction tx(db);
    store::Statement s(db, "INSERT INTO panel_documents(panel, kind, name, body_json, created_at, updated_at)"
                           " VALUES('risk','rules','default',?,?,?) ON CONFLICT(panel, kind, name)"
                           " DO UPDATE SET body_json = excluded.body_json, updated_at = excluded.updated_at");
    s.bind(1, body).bind(2, now).bind(3, now);
    s.step();
    nlohmann::json details{{"rules", set.rules.size()}, {"allow", set.allow.size()}, {"block", set.block.size()}};
    store::appendAudit(db, now, actor, "risk.rules.save", "panel_documents", "risk/rules/default", details.dump());
    tx.commit();
}

} // namespace shoppilot::risk
