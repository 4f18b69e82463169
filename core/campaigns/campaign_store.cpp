#include "campaigns/campaign_store.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "store/change_feed.h"
#include "store/database.h"
#include "store/repositories.h"

namespace shoppilot::campaigns {

using nlohmann::json;

std::string CampaignInfo::phase(Timestamp now) const
{
    if (status == "draft" || status == "scheduled" || startAt > now)
        return "planned";
    if (status == "running" || endAt > now)
        return "running";
    return "finished";
}

std::vector<CampaignInfo> listCampaigns(store::Database& db)
{
    std::vector<CampaignInfo> out;
    store::Statement s(db,
                       "SELECT c.id, COALESCE(c.external_id,''), c.name, c.channel, COALESCE(c.offer,''), c.status, c.start_at,"
                       " c.end_at, COALESCE(c.budget_minor,0), COALESCE(c.currency,''), c.segment_id,"
                       " (SELECT COUNT(*) FROM campaign_exposures e WHERE e.campaign_id = c.id AND e.arm = 'treatment'),"
                       " (SELECT COUNT(*) FROM campaign_exposures e WHERE e.campaign_id = c.id AND e.arm = 'control')"
                       " FROM campaigns c ORDER BY c.start_at, c.id");
    while (s.step()) {
        CampaignInfo c;
        c.id = s.columnInt(0);
        c.externalId = s.columnText(1);
        c.name = s.columnText(2);
        c.channel = s.columnText(3);
        c.offer = s.columnText(4);
        c.status = s.columnText(5);
        c.startAt = s.columnInt(6);
        c.endAt = s.columnInt(7);
        c.budgetMinor = s.columnInt(8);
        c.currency = s.columnText(9);
        c.segmentId = s.columnOptInt(10);
        c.treated = s.columnInt(11);
        c.control = s.columnInt(12);
        c.discountPct = discountFromOffer(c.offer);
        out.push_back(std::move(c));
    }
    // A plan keeps its discount in its document (the offer text may say anything).
    for (auto& c : out) {
        if (c.status != "draft")
            continue;
        if (const auto doc = db.queryText("SELECT body_json FROM panel_documents WHERE panel='campaigns' AND kind='plan' AND name='" +
                                          std::to_string(c.id) + "'")) {
            const json j = json::parse(*doc, nullptr, false);
            if (j.is_object() && j.contains("discount_pct") && j["discount_pct"].is_number())
                c.discountPct = j["discount_pct"].get<double>();
        }
    }
    return out;
}

double discountFromOffer(std::string_view offer)
{
    const auto pct = offer.find('%');
    if (pct == std::string_view::npos || pct == 0)
        return 0;
    std::size_t b = pct;
    while (b > 0 && (std::isdigit(static_cast<unsigned char>(offer[b - 1])) || offer[b - 1] == '.'))
        --b;
    if (b == pct)
        return 0;
    try {
        const double v = std::stod(std::string(offer.substr(b, pct - b)));
        return v > 0 && v < 100 ? v : 0;
    } catch (...) {
        return 0;
    }
}

namespace {

void upsertDocument(store::Database& db, std::string_view kind, std::int64_t campaignId, const std::string& body, Timestamp now)
{
    store::Statement s(db, "INSERT INTO panel_documents(panel, kind, name, body_json, created_at, updated_at)"
                           " VALUES('campaigns',?,?,?,?,?) ON CONFLICT(panel, kind, name)"
                           " DO UPDATE SET body_json = excluded.body_json, updated_at = excluded.updated_at");
    s.bind(1, kind).bind(2, std::to_string(campaignId)).bind(3, body).bind(4, now).bind(5, now);
    s.step();
}

} // namespace

std::int64_t savePlan(store::Database& db, const PlanInput& plan, const std::string& forecastJson, Timestamp now,
                      std::optional<std::int64_t> campaignId)
{
    if (plan.name.find_first_not_of(" \t") == std::string::npos)
        throw Error(ErrorCode::InvalidArgument, "a campaign needs a name");
    if (plan.endAt <= plan.startAt)
        throw Error(ErrorCode::InvalidArgument, "the campaign ends before it starts: pick an end date after the start");
    if (plan.controlShare < 0.05 || plan.controlShare > 0.5)
        throw Error(ErrorCode::InvalidArgument, "the control group must be 5% to 50% of the audience (it measures the effect afterwards)");
    if (plan.budgetMinor < 0)
        throw Error(ErrorCode::InvalidArgument, "the budget cannot be negative");
    if (!forecastJson.empty() && !json::accept(forecastJson))
        throw Error(ErrorCode::InvalidArgument, "the forecast to keep with the plan is not valid JSON");
    store::Transaction tx(db);
    std::int64_t id = 0;
    std::string offer = plan.discountPct > 0 ? std::to_string(int(plan.discountPct + 0.5)) + "% off" : std::string();
    if (campaignId) {
        store::Statement find(db, "SELECT status FROM campaigns WHERE id = ?");
        find.bind(1, *campaignId);
        if (!find.step())
            throw Error(ErrorCode::NotFound, "no campaign with id " + std::to_string(*campaignId));
        if (find.columnText(0) != "draft")
            throw Error(ErrorCode::InvalidArgument, "only a planned (draft) campaign can be changed; this one has started");
        store::Statement up(db, "UPDATE campaigns SET name=?, channel=?, start_at=?, end_at=?, budget_minor=?, currency=?,"
                                " segment_id=?, offer=? WHERE id=?");
        up.bind(1, plan.name).bind(2, plan.channel).bind(3, plan.startAt).bind(4, plan.endAt).bind(5, plan.budgetMinor)
            .bind(6, plan.currency).bind(7, plan.segmentId).bind(8, offer).bind(9, *campaignId);
        up.step();
        id = *campaignId;
    } else {
        store::Statement ins(db, "INSERT INTO campaigns(name, channel, start_at, end_at, budget_minor, currency, segment_id, offer,"
                                 " status, created_at) VALUES(?,?,?,?,?,?,?,?,'draft',?)");
        ins.bind(1, plan.name).bind(2, plan.channel).bind(3, plan.startAt).bind(4, plan.endAt).bind(5, plan.budgetMinor)
            .bind(6, plan.currency).bind(7, plan.segmentId).bind(8, offer).bind(9, now);
        ins.step();
        id = db.lastInsertRowId();
    }
    const json doc{{"discount_pct", plan.discountPct}, {"control_share", plan.controlShare}};
    upsertDocument(db, "plan", id, doc.dump(), now);
    if (!forecastJson.empty())
        upsertDocument(db, "forecast", id, forecastJson, now);
    store::appendAudit(db, now, "user", "campaigns.plan.save", "campaigns", std::to_string(id), doc.dump());
    tx.commit();
    db.changeFeed().publish(store::Change{"campaigns", store::ChangeKind::Upsert, 1, {id}});
    return id;
}

void saveForecastDocument(store::Database& db, std::int64_t campaignId, const std::string& body, Timestamp now)
{
    if (!json::accept(body))
        throw Error(ErrorCode::InvalidArgument, "a forecast document must be JSON");
    upsertDocument(db, "forecast", campaignId, body, now);
}

std::optional<std::string> forecastDocument(store::Database& db, std::int64_t campaignId)
{
    store::Statement s(db, "SELECT body_json FROM panel_documents WHERE panel='campaigns' AND kind='forecast' AND name=?");
    s.bind(1, std::to_string(campaignId));
    if (!s.step())
        return std::nullopt;
    return s.columnText(0);
}

std::int64_t saveAudience(store::Database& db, std::string_view name, const std::vector<std::int64_t>& customerIds,
                          std::string_view sourceJson, Timestamp now)
{
    if (name.find_first_not_of(" \t") == std::string_view::npos)
        throw Error(ErrorCode::InvalidArgument, "an audience needs a name");
    if (customerIds.empty())
        throw Error(ErrorCode::InvalidArgument, "the audience is empty: move the cut-off to include customers");
    json def{{"version", 1}, {"fixed_list", true}, {"as_of", formatDate(now)}};
    if (!sourceJson.empty()) {
        json src = json::parse(sourceJson, nullptr, false);
        if (src.is_discarded())
            throw Error(ErrorCode::InvalidArgument, "the audience's source description is not JSON");
        def["source"] = std::move(src);
    }
    return store::replaceSegment(db, name, def.dump(), customerIds, now);
}

std::vector<std::int64_t> audienceIds(store::Database& db, std::optional<std::int64_t> segmentId, Timestamp asOf)
{
    std::vector<std::int64_t> ids;
    if (segmentId) {
        store::Statement s(db, "SELECT customer_id FROM segment_members WHERE segment_id = ? ORDER BY customer_id");
        s.bind(1, *segmentId);
        while (s.step())
            ids.push_back(s.columnInt(0));
        if (ids.empty())
            throw Error(ErrorCode::InvalidArgument, "the chosen segment has no members: pick another audience");
    } else {
        store::Statement s(db, "SELECT id FROM customers WHERE created_at < ? ORDER BY id");
        s.bind(1, asOf);
        while (s.step())
            ids.push_back(s.columnInt(0));
    }
    return ids;
}

std::vector<SegmentChoice> listAudiences(store::Database& db)
{
    std::vector<SegmentChoice> out;
    store::Statement s(db, "SELECT s.id, s.name, (SELECT COUNT(*) FROM segment_members m WHERE m.segment_id = s.id)"
                           " FROM segments s ORDER BY s.name");
    while (s.step())
        out.push_back({s.columnInt(0), s.columnText(1), s.columnInt(2)});
    return out;
}

} // namespace shoppilot::campaigns
