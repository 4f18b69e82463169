#include "segments/segment_store.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>
#include <unordered_map>

#include "common/error.h"
#include "store/change_feed.h"
#include "store/database.h"
#include "store/repositories.h"

namespace shoppilot::segments {

using nlohmann::json;

std::int64_t saveSegment(store::Database& db, std::string_view name, std::string_view ruleJson, const RuleContext& ctx,
                         Timestamp now)
{
    if (std::string_view(name).find_first_not_of(" \t") == std::string_view::npos)
        throw Error(ErrorCode::InvalidArgument, "a segment needs a name");
    const CompiledRule rule = compileRule(ruleJson, ctx); // throws before anything is written
    const auto ids = rule.memberIds();
    const json def{{"version", 1}, {"rule", json::parse(rule.canonicalJson())}, {"as_of", formatDate(ctx.features->asOf)}};
    return store::replaceSegment(db, name, def.dump(), ids, now);
}

std::vector<SavedSegment> listSegments(store::Database& db)
{
    std::vector<SavedSegment> out;
    store::Statement s(db, "SELECT s.id, s.name, s.definition_json, s.created_at, s.updated_at,"
                           " (SELECT COUNT(*) FROM segment_members m WHERE m.segment_id = s.id) FROM segments s ORDER BY s.name");
    while (s.step())
        out.push_back({s.columnInt(0), s.columnText(1), s.columnText(2), s.columnInt(3), s.columnInt(4), s.columnInt(5)});
    return out;
}

std::vector<std::int64_t> segmentMemberIds(store::Database& db, std::int64_t segmentId)
{
    std::vector<std::int64_t> ids;
    store::Statement s(db, "SELECT customer_id FROM segment_members WHERE segment_id = ? ORDER BY customer_id");
    s.bind(1, segmentId);
    while (s.step())
        ids.push_back(s.columnInt(0));
    return ids;
}

std::string segmentRule(store::Database& db, std::int64_t segmentId)
{
    store::Statement s(db, "SELECT definition_json FROM segments WHERE id = ?");
    s.bind(1, segmentId);
    if (!s.step())
        throw Error(ErrorCode::NotFound, "no segment with id " + std::to_string(segmentId));
    try {
        const auto j = json::parse(s.columnText(0));
        if (!j.is_object() || !j.contains("rule"))
            throw Error(ErrorCode::Parse, "segment " + std::to_string(segmentId) + " has no rule in its definition");
        return j.at("rule").dump();
    } catch (const json::exception& e) {
        throw Error(ErrorCode::Parse, "segment " + std::to_string(segmentId) + " has a malformed definition: " + e.what());
    }
}

void deleteSegment(store::Database& db, std::int64_t segmentId)
{
    store::Transaction tx(db);
    store::Statement s(db, "DELETE FROM segments WHERE id = ?");
    s.bind(1, segmentId);
    s.step();
    tx.commit();
    db.changeFeed().publish(store::Change{"segments", store::ChangeKind::Delete, 1, {segmentId}});
    db.changeFeed().publish(store::Change{"segment_members", store::ChangeKind::Reset, 0, {}});
}

namespace {

// Masks one word keeping its first (UTF-8) character.
std::string maskWord(std::string_view w)
{
    if (w.empty())
        return {};
    std::size_t len = 1;
    const auto c = static_cast<unsigned char>(w[0]);
    if (c >= 0xF0)
        len = 4;
    else if (c >= 0xE0)
        len = 3;
    else if (c >= 0xC0)
        len = 2;
    len = std::min(len, w.size());
    return std::string(w.substr(0, len)) + "***";
}

std::string csvField(std::string_view s)
{
    if (s.find_first_of(",\"\n\r") == std::string_view::npos)
        return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

std::string num(double v)
{
    if (isAbsent(v))
        return {};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

} // namespace

std::string maskName(std::string_view name)
{
    std::string out;
    std::size_t i = 0;
    while (i < name.size()) {
        const auto sp = name.find(' ', i);
        const auto word = name.substr(i, sp == std::string_view::npos ? std::string_view::npos : sp - i);
        if (!word.empty())
            out += (out.empty() ? "" : " ") + maskWord(word);
        if (sp == std::string_view::npos)
            break;
        i = sp + 1;
    }
    return out;
}

std::string maskEmail(std::string_view email)
{
    const auto at = email.find('@');
    if (at == std::string_view::npos)
        return maskWord(email);
    return maskWord(email.substr(0, at)) + std::string(email.substr(at));
}

std::int64_t exportMembersCsv(store::Database& db, const std::vector<std::int64_t>& customerIds, const CustomerFeatures& f,
                              const RfmTable* rfm, std::ostream& out, const ExportOptions& options)
{
    std::unordered_map<std::int64_t, std::size_t> row;
    for (std::size_t i = 0; i < f.size(); ++i)
        row.emplace(f.customerId[i], i);
    const auto& rec = f.col("recency_days");
    const auto& fr = f.col("frequency");
    const auto& mo = f.col("monetary");
    out << "customer_id,external_id,name,email,country,channel,first_order,recency_days,frequency,monetary";
    if (rfm)
        out << ",rfm_group";
    out << "\n";
    store::Statement s(db, "SELECT COALESCE(external_id,''), COALESCE(name,''), COALESCE(email_hash,''), COALESCE(country,'')"
                           " FROM customers WHERE id = ?");
    std::int64_t written = 0;
    for (const auto id : customerIds) {
        s.reset();
        s.bind(1, id);
        if (!s.step())
            continue;
        const auto name = s.columnText(1), email = s.columnText(2);
        out << id << ',' << csvField(s.columnText(0)) << ',' << csvField(options.showPersonalData ? name : maskName(name)) << ','
            << csvField(options.showPersonalData ? email : maskEmail(email)) << ',' << csvField(s.columnText(3));
        if (auto it = row.find(id); it != row.end()) {
            const auto r = it->second;
            out << ',' << csvField(f.channel[r]) << ',' << formatDate(f.firstOrder[r]) << ',' << num(rec[r]) << ','
                << num(fr[r]) << ',' << num(mo[r]);
            if (rfm)
                out << ',' << rfmGroupId(rfm->group[r]);
        } else {
            out << ",,,,,";
            if (rfm)
                out << ',';
        }
        out << "\n";
        ++written;
    }
    return written;
}

void recordShowPersonalData(store::Database& db, bool on, std::string_view actor, Timestamp now)
{
    store::Statement s(db, "INSERT INTO audit_log(ts, actor, action, entity, entity_id, details_json) VALUES(?, ?, ?, 'setting',"
                           " 'show_personal_data', ?)");
    s.bind(1, now).bind(2, actor).bind(3, on ? "enable" : "disable").bind(4, json{{"show_personal_data", on}}.dump());
    s.step();
}

} // namespace shoppilot::segments
