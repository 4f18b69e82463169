#include "pricing/price_book.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "store/repositories.h"

namespace shoppilot::pricing {

namespace {

Timestamp nowTs()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::int64_t cents(double v)
{
    return std::llround(v * 100.0);
}

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

std::string money(std::int64_t minor)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%lld.%02lld", minor < 0 ? "-" : "", (long long)(std::llabs(minor) / 100),
                  (long long)(std::llabs(minor) % 100));
    return buf;
}

void publish(store::Database& db)
{
    db.changeFeed().publish(store::Change{"price_changes", store::ChangeKind::Upsert, 1, {}});
    db.changeFeed().publish(store::Change{"audit_log", store::ChangeKind::Upsert, 1, {}});
}

} // namespace

std::vector<std::int64_t> recordChanges(store::Database& db, const std::string& batchId,
                                        const std::vector<ChangeRequest>& changes, const std::string& actor)
{
    std::vector<std::int64_t> ids;
    const Timestamp now = nowTs();
    {
        store::Transaction tx(db);
        auto supersede = db.prepare("UPDATE price_changes SET status = 'undone', status_at = ?, status_detail = 'superseded'"
                                    " WHERE product_id = ? AND status = 'pending'");
        auto ins = db.prepare("INSERT INTO price_changes(product_id, batch_id, old_price_minor, new_price_minor, created_at,"
                              " actor, reason, status) VALUES(?,?,?,?,?,?,?,'pending')");
        for (const auto& c : changes) {
            if (!(c.newPrice >= 0) || !std::isfinite(c.newPrice))
                throw Error(ErrorCode::InvalidArgument, "a price change to a negative or missing price was refused");
            supersede.bind(1, now).bind(2, c.productId);
            supersede.step();
            supersede.reset();
            ins.bind(1, c.productId).bind(2, batchId).bind(3, cents(c.oldPrice)).bind(4, cents(c.newPrice)).bind(5, now)
                .bind(6, actor).bind(7, c.reason);
            ins.step();
            ins.reset();
            const auto id = db.lastInsertRowId();
            ids.push_back(id);
            const nlohmann::json details{{"change_id", id}, {"batch", batchId}, {"from", cents(c.oldPrice)},
                                         {"to", cents(c.newPrice)}, {"reason", c.reason}};
            store::appendAudit(db, now, actor, "price.accept", "product", std::to_string(c.productId), details.dump());
        }
        tx.commit();
    }
    publish(db);
    return ids;
}

void markChange(store::Database& db, std::int64_t changeId, const std::string& status, const std::string& detail,
                const std::string& actor)
{
    if (status != "pushed" && status != "exported" && status != "failed" && status != "undone")
        throw Error(ErrorCode::InvalidArgument, "unknown price change status '" + status + "'");
    {
        store::Transaction tx(db);
        auto cur = db.prepare("SELECT status, product_id FROM price_changes WHERE id = ?");
        cur.bind(1, changeId);
        if (!cur.step())
            throw Error(ErrorCode::NotFound, "price change " + std::to_string(changeId) + " does not exist");
        const std::string was = cur.columnText(0);
        const auto productId = cur.columnInt(1);
        if (was != "pending" && was != "failed")
            throw Error(ErrorCode::InvalidArgument, "price change " + std::to_string(changeId) + " is already " + was
                                                        + ": only pending changes can be " + status);
        auto up = db.prepare("UPDATE price_changes SET status = ?, status_at = ?, status_detail = ? WHERE id = ?");
        const Timestamp now = nowTs();
        up.bind(1, status).bind(2, now).bind(3, detail).bind(4, changeId);
        up.step();
        const nlohmann::json details{{"change_id", changeId}, {"from_status", was}, {"detail", detail}};
        store::appendAudit(db, now, actor, status == "undone" ? "price.undo" : "price." + status, "product",
                           std::to_string(productId), details.dump());
        tx.commit();
    }
    publish(db);
}

void undoChange(store::Database& db, std::int64_t changeId, const std::string& actor)
{
    markChange(db, changeId, "undone", "undone by the user", actor);
}

std::vector<PriceChange> listChanges(store::Database& db, const std::string& status)
{
    std::vector<PriceChange> out;
    auto st = db.prepare("SELECT c.id, c.product_id, p.sku, p.title_en, COALESCE(p.external_id, ''), p.currency,"
                         " COALESCE(c.batch_id, ''), c.old_price_minor, c.new_price_minor, c.created_at, c.actor,"
                         " COALESCE(c.reason, ''), c.status, COALESCE(c.status_detail, '')"
                         " FROM price_changes c JOIN products p ON p.id = c.product_id"
                         " WHERE ?1 = '' OR c.status = ?1 ORDER BY c.id");
    st.bind(1, status);
    while (st.step()) {
        PriceChange c;
        c.id = st.columnInt(0);
        c.productId = st.columnInt(1);
        c.sku = st.columnText(2);
        c.title = st.columnText(3);
        c.externalId = st.columnText(4);
        c.currency = st.columnText(5);
        c.batchId = st.columnText(6);
        c.oldPrice = double(st.columnInt(7)) / 100.0;
        c.newPrice = double(st.columnInt(8)) / 100.0;
        c.createdAt = st.columnInt(9);
        c.actor = st.columnText(10);
        c.reason = st.columnText(11);
        c.status = st.columnText(12);
        c.statusDetail = st.columnText(13);
        out.push_back(std::move(c));
    }
    return out;
}

int exportPriceList(store::Database& db, const std::vector<std::int64_t>& changeIds, const std::string& path,
                    const std::string& actor)
{
    std::vector<PriceChange> rows;
    for (const auto& c : listChanges(db, "pending"))
        if (std::find(changeIds.begin(), changeIds.end(), c.id) != changeIds.end())
            rows.push_back(c);
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error(ErrorCode::Io, "cannot write " + tmp + ": choose a folder you can write to");
        out << "sku,external_id,title,currency,old_price,new_price\n";
        for (const auto& c : rows)
            out << csvField(c.sku) << ',' << csvField(c.externalId) << ',' << csvField(c.title) << ',' << c.currency << ','
                << money(cents(c.oldPrice)) << ',' << money(cents(c.newPrice)) << '\n';
        out.flush();
        if (!out)
            throw Error(ErrorCode::Io, "writing " + tmp + " failed (disk full?): nothing was exported");
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw Error(ErrorCode::Io, "cannot move the price list to " + path + ": nothing was exported");
    }
    for (const auto& c : rows)
        markChange(db, c.id, "exported", path, actor);
    return int(rows.size());
}

// ------------------------------------------------------------------ scenarios

namespace {

nlohmann::json opt(const std::optional<double>& v)
{
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
std::optional<double> optOf(const nlohmann::json& j, const char* key)
{
    if (!j.contains(key) || j.at(key).is_null())
        return std::nullopt;
    return j.at(key).get<double>();
}

} // namespace

std::string scenarioToJson(const Scenario& s)
{
    nlohmann::json j;
    j["category_id"] = s.categoryId;
    j["product_id"] = s.productId;
    j["strategy"] = {{"kind", int(s.strategy.strategy)},      {"markup_pct", s.strategy.markupPct},
                     {"competitor_mode", int(s.strategy.competitorMode)}, {"undercut_pct", s.strategy.undercutPct},
                     {"objective", int(s.strategy.objective)}, {"blend_weight", s.strategy.blendWeight}};
    j["rules"] = {{"min_margin_pct", opt(s.rules.minMarginPct)},   {"max_change_pct", opt(s.rules.maxChangePct)},
                  {"floor", opt(s.rules.floor)},                   {"ceiling", opt(s.rules.ceiling)},
                  {"competitor_band_pct", opt(s.rules.competitorBandPct)},
                  {"max_extrapolation_pct", opt(s.rules.maxExtrapolationPct)},
                  {"ending", int(s.rules.ending)},                 {"ladder", s.rules.ladder}};
    j["manual_price"] = opt(s.manualPrice);
    return j.dump();
}

Scenario scenarioFromJson(const std::string& name, const std::string& json)
{
    Scenario s;
    s.name = name;
    try {
        const auto j = nlohmann::json::parse(json);
        s.categoryId = j.value("category_id", std::int64_t(0));
        s.productId = j.value("product_id", store::Id(0));
        const auto& st = j.at("strategy");
        s.strategy.strategy = Strategy(std::clamp(st.value("kind", 2), 0, 2));
        s.strategy.markupPct = st.value("markup_pct", 50.0);
        s.strategy.competitorMode = CompetitorMode(std::clamp(st.value("competitor_mode", 0), 0, 2));
        s.strategy.undercutPct = st.value("undercut_pct", 2.0);
        s.strategy.objective = Objective(std::clamp(st.value("objective", 0), 0, 2));
        s.strategy.blendWeight = st.value("blend_weight", 0.5);
        const auto& r = j.at("rules");
        s.rules.minMarginPct = optOf(r, "min_margin_pct");
        s.rules.maxChangePct = optOf(r, "max_change_pct");
        s.rules.floor = optOf(r, "floor");
        s.rules.ceiling = optOf(r, "ceiling");
        s.rules.competitorBandPct = optOf(r, "competitor_band_pct");
        s.rules.maxExtrapolationPct = optOf(r, "max_extrapolation_pct");
        s.rules.ending = PriceEnding(std::clamp(r.value("ending", 1), 0, 3));
        s.rules.ladder = r.value("ladder", true);
        s.manualPrice = optOf(j, "manual_price");
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorCode::Parse, "pricing scenario '" + name + "' is damaged (" + e.what() + "): save it again");
    }
    return s;
}

void saveScenario(store::Database& db, const Scenario& s)
{
    if (s.name.empty())
        throw Error(ErrorCode::InvalidArgument, "a scenario needs a name");
    const Timestamp now = nowTs();
    auto st = db.prepare("INSERT INTO panel_documents(panel, kind, name, body_json, created_at, updated_at)"
                         " VALUES('pricing', 'scenario', ?1, ?2, ?3, ?3)"
                         " ON CONFLICT(panel, kind, name) DO UPDATE SET body_json = excluded.body_json, updated_at = excluded.updated_at");
    st.bind(1, s.name).bind(2, scenarioToJson(s)).bind(3, now);
    st.step();
    db.changeFeed().publish(store::Change{"panel_documents", store::ChangeKind::Upsert, 1, {}});
}

std::vector<Scenario> listScenarios(store::Database& db)
{
    std::vector<Scenario> out;
    auto st = db.prepare("SELECT name, body_json, updated_at FROM panel_documents WHERE panel = 'pricing' AND kind = 'scenario'"
                         " ORDER BY name");
    while (st.step()) {
        Scenario s = scenarioFromJson(st.columnText(0), st.columnText(1));
        s.updatedAt = st.columnInt(2);
        out.push_back(std::move(s));
    }
    return out;
}

void deleteScenario(store::Database& db, const std::string& name)
{
    auto st = db.prepare("DELETE FROM panel_documents WHERE panel = 'pricing' AND kind = 'scenario' AND name = ?");
    st.bind(1, name);
    st.step();
    db.changeFeed().publish(store::Change{"panel_documents", store::ChangeKind::Delete, 1, {}});
}

std::vector<CategoryName> categoryNames(store::Database& db)
{
    store::Statement st(db, "SELECT id, name_en, COALESCE(name_zh, name_en) FROM categories ORDER BY id");
    std::vector<CategoryName> out;
    while (st.step())
        out.push_back({st.columnInt(0), st.columnText(1), st.columnText(2)});
    return out;
}

} // namespace shoppilot::pricing
