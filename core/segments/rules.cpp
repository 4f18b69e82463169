#include "segments/rules.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "common/error.h"

namespace shoppilot::segments {

using nlohmann::json;

struct CompiledRule::Node {
    enum Kind { And, Or, Not, Leaf } kind = Leaf;
    std::vector<std::unique_ptr<Node>> children;
    std::function<void(std::vector<std::uint8_t>&)> leaf; // fills a mask of the table's size

    void eval(std::vector<std::uint8_t>& out, std::size_t n) const
    {
        switch (kind) {
        case Leaf:
            out.resize(n);
            leaf(out);
            return;
        case Not:
            children[0]->eval(out, n);
            for (auto& b : out)
                b = std::uint8_t(!b);
            return;
        case And:
        case Or: {
            children[0]->eval(out, n);
            std::vector<std::uint8_t> tmp;
            for (std::size_t c = 1; c < children.size(); ++c) {
                children[c]->eval(tmp, n);
                if (kind == And)
                    for (std::size_t i = 0; i < n; ++i)
                        out[i] &= tmp[i];
                else
                    for (std::size_t i = 0; i < n; ++i)
                        out[i] |= tmp[i];
            }
            return;
        }
        }
    }
};

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what)
{
    throw Error(ErrorCode::InvalidArgument, path + ": " + what);
}

std::string joined(const std::vector<std::string>& v, std::size_t max = 12)
{
    std::string s;
    for (std::size_t i = 0; i < v.size() && i < max; ++i)
        s += (i ? ", " : "") + v[i];
    if (v.size() > max)
        s += ", ...";
    return s;
}

enum class Op { Lt, Le, Gt, Ge, Eq, Ne, Between, In, NotIn, Present, Absent };

Op parseOp(const json& j, const std::string& path)
{
    if (!j.is_string())
        fail(path, "\"op\" must be a string");
    const auto s = j.get<std::string>();
    static const std::pair<const char*, Op> ops[] = {{"<", Op::Lt},  {"<=", Op::Le},          {">", Op::Gt},         {">=", Op::Ge},
                                                     {"=", Op::Eq},  {"==", Op::Eq},          {"!=", Op::Ne},        {"between", Op::Between},
                                                     {"in", Op::In}, {"not_in", Op::NotIn},   {"present", Op::Present}, {"absent", Op::Absent}};
    for (const auto& [name, op] : ops)
        if (s == name)
            return op;
    fail(path, "unknown operator '" + s + "' (use < <= > >= = != between in not_in present absent)");
}

double number(const json& v, const std::string& path)
{
    if (!v.is_number())
        fail(path, "value must be a number, got " + v.dump());
    const double d = v.get<double>();
    if (!std::isfinite(d))
        fail(path, "value must be a finite number");
    return d;
}

// A numeric predicate over a getter (column value or score), compiled to a tight loop.
template <typename Get>
std::function<void(std::vector<std::uint8_t>&)> numericLeaf(Get get, Op op, const json& value, const std::string& path,
                                                             bool allowIn)
{
    double a = 0, b = 0;
    std::vector<double> set;
    switch (op) {
    case Op::Present:
    case Op::Absent:
        break;
    case Op::Between:
        if (!value.is_array() || value.size() != 2)
            fail(path, "'between' takes [low, high]");
        a = number(value[0], path + ".value[0]");
        b = number(value[1], path + ".value[1]");
        if (a > b)
            fail(path, "'between' low bound is above its high bound");
        break;
    case Op::In:
    case Op::NotIn:
        if (!allowIn)
            fail(path, "'in' and 'not_in' apply to text fields, rfm_group and cluster");
        if (!value.is_array() || value.empty())
            fail(path, "'in' takes a non-empty list");
        for (std::size_t i = 0; i < value.size(); ++i)
            set.push_back(number(value[i], path + ".value[" + std::to_string(i) + "]"));
        break;
    default:
        a = number(value, path + ".value");
    }
    return [get, op, a, b, set](std::vector<std::uint8_t>& m) {
        const std::size_t n = m.size();
        switch (op) {
        case Op::Lt: for (std::size_t i = 0; i < n; ++i) m[i] = get(i) < a; break;
        case Op::Le: for (std::size_t i = 0; i < n; ++i) m[i] = get(i) <= a; break;
        case Op::Gt: for (std::size_t i = 0; i < n; ++i) m[i] = get(i) > a; break;
        case Op::Ge: for (std::size_t i = 0; i < n; ++i) m[i] = get(i) >= a; break;
        case Op::Eq: for (std::size_t i = 0; i < n; ++i) m[i] = get(i) == a; break;
        case Op::Ne: for (std::size_t i = 0; i < n; ++i) { const double v = get(i); m[i] = !std::isnan(v) && v != a; } break;
        case Op::Between: for (std::size_t i = 0; i < n; ++i) { const double v = get(i); m[i] = v >= a && v <= b; } break;
        case Op::Present: for (std::size_t i = 0; i < n; ++i) m[i] = !std::isnan(get(i)); break;
        case Op::Absent: for (std::size_t i = 0; i < n; ++i) m[i] = std::isnan(get(i)); break;
        case Op::In:
        case Op::NotIn:
            for (std::size_t i = 0; i < n; ++i) {
                const double v = get(i);
                const bool hit = std::find(set.begin(), set.end(), v) != set.end();
                m[i] = !std::isnan(v) && (op == Op::In ? hit : !hit);
            }
            break;
        }
    };
}

std::function<void(std::vector<std::uint8_t>&)> textLeaf(const std::vector<std::string>* col, Op op, const json& value,
                                                         const std::string& path, const std::function<void(const std::string&)>& check)
{
    std::set<std::string> set;
    auto text = [&](const json& v, const std::string& p) {
        if (!v.is_string())
            fail(p, "value must be text, got " + v.dump());
        auto s = v.get<std::string>();
        if (check)
            check(s);
        return s;
    };
    switch (op) {
    case Op::Eq:
    case Op::Ne: set.insert(text(value, path + ".value")); break;
    case Op::In:
    case Op::NotIn:
        if (!value.is_array() || value.empty())
            fail(path, "'in' takes a non-empty list");
        for (std::size_t i = 0; i < value.size(); ++i)
            set.insert(text(value[i], path + ".value[" + std::to_string(i) + "]"));
        break;
    case Op::Present:
    case Op::Absent: break;
    default: fail(path, "text fields take = != in not_in present absent");
    }
    const bool positive = op == Op::Eq || op == Op::In;
    return [col, op, set, positive](std::vector<std::uint8_t>& m) {
        const auto& c = *col;
        for (std::size_t i = 0; i < m.size(); ++i) {
            if (c[i].empty()) {
                m[i] = op == Op::Absent;
                continue;
            }
            if (op == Op::Present || op == Op::Absent) {
                m[i] = op == Op::Present;
                continue;
            }
            const bool hit = set.size() == 1 ? c[i] == *set.begin() : set.count(c[i]) > 0;
            m[i] = positive ? hit : !hit;
        }
    };
}

std::unique_ptr<CompiledRule::Node> compileNode(const json& j, const RuleContext& ctx, const std::string& path)
{
    using Node = CompiledRule::Node;
    if (!j.is_object())
        fail(path, "expected an object ({\"and\": [...]}, {\"or\": [...]}, {\"not\": ...} or a condition), got " + j.dump());
    auto node = std::make_unique<Node>();
    for (const char* g : {"and", "or"}) {
        if (!j.contains(g))
            continue;
        if (j.size() != 1)
            fail(path, std::string("an '") + g + "' group has no other keys");
        const auto& list = j.at(g);
        if (!list.is_array() || list.empty())
            fail(path + "." + g, "needs a non-empty list of conditions");
        node->kind = std::string_view(g) == "and" ? Node::And : Node::Or;
        for (std::size_t i = 0; i < list.size(); ++i)
            node->children.push_back(compileNode(list[i], ctx, path + "." + g + "[" + std::to_string(i) + "]"));
        return node;
    }
    if (j.contains("not")) {
        if (j.size() != 1)
            fail(path, "a 'not' has no other keys");
        node->kind = Node::Not;
        node->children.push_back(compileNode(j.at("not"), ctx, path + ".not"));
        return node;
    }
    if (!j.contains("field"))
        fail(path, "a condition needs \"field\", \"op\" and \"value\" (or use and/or/not)");
    for (const auto& [k, v] : j.items())
        if (k != "field" && k != "op" && k != "value")
            fail(path, "unexpected key '" + k + "' in a condition");
    if (!j.at("field").is_string())
        fail(path, "\"field\" must be a string");
    const auto field = j.at("field").get<std::string>();
    const std::string fpath = path + "(" + field + ")";
    if (!j.contains("op"))
        fail(fpath, "missing \"op\"");
    const Op op = parseOp(j.at("op"), fpath);
    const bool needsValue = op != Op::Present && op != Op::Absent;
    if (needsValue && !j.contains("value"))
        fail(fpath, "missing \"value\"");
    const json value = j.value("value", json());
    const CustomerFeatures& f = *ctx.features;
    node->kind = Node::Leaf;

    if (const int c = f.column(field); c >= 0) {
        const double* col = f.numeric[std::size_t(c)].data();
        node->leaf = numericLeaf([col](std::size_t i) { return col[i]; }, op, value, fpath, false);
        return node;
    }
    if (field == "r_score" || field == "f_score" || field == "m_score") {
        if (!ctx.rfm)
            fail(fpath, "RFM scores are not available here");
        const auto* v = field == "r_score" ? &ctx.rfm->r : field == "f_score" ? &ctx.rfm->f : &ctx.rfm->m;
        node->leaf = numericLeaf([v](std::size_t i) { return double((*v)[i]); }, op, value, fpath, true);
        return node;
    }
    if (field == "cluster") {
        if (!ctx.cluster)
            fail(fpath, "no clustering has been run");
        const auto* v = ctx.cluster;
        node->leaf = numericLeaf([v](std::size_t i) { return (*v)[i] < 0 ? std::nan("") : double((*v)[i]); }, op, value, fpath, true);
        return node;
    }
    if (field == "rfm_group") {
        if (!ctx.rfm)
            fail(fpath, "RFM groups are not available here");
        std::vector<std::uint8_t> want(kRfmGroupCount, 0);
        auto groupOf = [&](const json& v, const std::string& p) {
            RfmGroup g{};
            if (!v.is_string() || !parseRfmGroup(v.get<std::string>(), g))
                fail(p, "unknown RFM group " + v.dump() +
                            " (use champions, loyal, potential_loyalists, new, promising, need_attention, at_risk, cant_lose,"
                            " hibernating, lost)");
            want[std::size_t(g)] = 1;
        };
        if (op == Op::Eq || op == Op::Ne)
            groupOf(value, fpath + ".value");
        else if (op == Op::In || op == Op::NotIn) {
            if (!value.is_array() || value.empty())
                fail(fpath, "'in' takes a non-empty list");
            for (std::size_t i = 0; i < value.size(); ++i)
                groupOf(value[i], fpath + ".value[" + std::to_string(i) + "]");
        } else
            fail(fpath, "rfm_group takes = != in not_in");
        const bool positive = op == Op::Eq || op == Op::In;
        const auto* groups = &ctx.rfm->group;
        node->leaf = [groups, want, positive](std::vector<std::uint8_t>& m) {
            for (std::size_t i = 0; i < m.size(); ++i)
                m[i] = std::uint8_t(want[std::size_t((*groups)[i])] == positive);
        };
        return node;
    }
    const std::vector<std::string>* text = field == "country"         ? &f.country
                                           : field == "channel"       ? &f.channel
                                           : field == "device"        ? &f.device
                                           : field == "last_category" ? &f.lastCategory
                                                                      : nullptr;
    if (text) {
        if (field == "device" && !f.hasEvents)
            fail(fpath, "this store records no sessions, so customers have no device");
        std::function<void(const std::string&)> check;
        if (field == "last_category" && !f.categoryNames.empty()) {
            const auto* names = &f.categoryNames;
            check = [names, fpath](const std::string& s) {
                if (std::find(names->begin(), names->end(), s) == names->end())
                    fail(fpath, "unknown category '" + s + "' (known: " + joined(*names) + ")");
            };
        }
        node->leaf = textLeaf(text, op, value, fpath, check);
        return node;
    }
    if (field == "first_order") {
        auto day = [&](const json& v, const std::string& p) -> double {
            if (!v.is_string())
                fail(p, "first_order takes a date \"YYYY-MM-DD\"");
            const auto s = v.get<std::string>();
            const auto t = parseTimestamp(s);
            if (!t || s.size() != 10)
                fail(p, "'" + s + "' is not a date \"YYYY-MM-DD\"");
            return double(*t / kSecondsPerDay);
        };
        json days;
        if (op == Op::Between) {
            if (!value.is_array() || value.size() != 2)
                fail(fpath, "'between' takes [low, high]");
            days = json::array({day(value[0], fpath + ".value[0]"), day(value[1], fpath + ".value[1]")});
        } else if (op == Op::In || op == Op::NotIn || op == Op::Ne || op == Op::Present || op == Op::Absent) {
            fail(fpath, "first_order takes < <= > >= = between");
        } else {
            days = day(value, fpath + ".value");
        }
        const Timestamp* col = f.firstOrder.data();
        node->leaf = numericLeaf([col](std::size_t i) { return double(col[i] / kSecondsPerDay); }, op, days, fpath, false);
        return node;
    }
    fail(fpath, "unknown field '" + field + "' (known: " + joined(ruleFields(ctx), 40) + ")");
}

} // namespace

std::vector<std::string> ruleFields(const RuleContext& ctx)
{
    std::vector<std::string> out;
    if (ctx.features)
        out = ctx.features->numericNames;
    for (const char* s : {"country", "channel", "last_category", "first_order"})
        out.emplace_back(s);
    if (ctx.features && ctx.features->hasEvents)
        out.emplace_back("device");
    if (ctx.rfm)
        for (const char* s : {"rfm_group", "r_score", "f_score", "m_score"})
            out.emplace_back(s);
    if (ctx.cluster)
        out.emplace_back("cluster");
    return out;
}

CompiledRule::CompiledRule() = default;
CompiledRule::CompiledRule(CompiledRule&&) noexcept = default;
CompiledRule& CompiledRule::operator=(CompiledRule&&) noexcept = default;
CompiledRule::~CompiledRule() = default;

void CompiledRule::evaluate(std::vector<std::uint8_t>& mask) const
{
    const std::size_t n = m_ctx.features ? m_ctx.features->size() : 0;
    if (!m_root) {
        mask.assign(n, 0);
        return;
    }
    if ((m_ctx.rfm && m_ctx.rfm->size() != n) || (m_ctx.cluster && m_ctx.cluster->size() != n))
        throw Error(ErrorCode::InvalidArgument, "the RFM scores or clusters do not belong to this feature table");
    m_root->eval(mask, n);
}

std::vector<std::uint8_t> CompiledRule::evaluate() const
{
    std::vector<std::uint8_t> m;
    evaluate(m);
    return m;
}

std::int64_t CompiledRule::count() const
{
    std::vector<std::uint8_t> m;
    evaluate(m);
    std::int64_t c = 0;
    for (auto b : m)
        c += b;
    return c;
}

std::vector<std::int64_t> CompiledRule::memberIds() const
{
    const auto m = evaluate();
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < m.size(); ++i)
        if (m[i])
            ids.push_back(m_ctx.features->customerId[i]);
    return ids;
}

CompiledRule compileRule(std::string_view text, const RuleContext& ctx)
{
    if (!ctx.features)
        throw Error(ErrorCode::InvalidArgument, "a rule needs a customer feature table");
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        throw Error(ErrorCode::Parse, std::string("rule: not valid JSON (") + e.what() + ")");
    }
    CompiledRule r;
    r.m_root = compileNode(j, ctx, "rule");
    r.m_ctx = ctx;
    r.m_json = j.dump();
    return r;
}

} // namespace shoppilot::segments
