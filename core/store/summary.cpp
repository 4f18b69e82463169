#include "store/summary.h"

#include "store/repositories.h"

namespace shoppilot::store {

const std::vector<std::string>& summaryTables()
{
    static const std::vector<std::string> tables{
        "categories", "products", "customers", "orders", "order_items", "refunds", "events", "price_history",
        "competitor_prices", "campaigns", "campaign_exposures", "support_conversations", "support_messages",
        "kb_articles", "depots", "vehicles", "shipments", "risk_alerts", "review_decisions", "audit_log",
        "models", "import_rejects"};
    return tables;
}

std::optional<std::string> StoreSummary::metaValue(const std::string& key) const
{
    for (const auto& [k, v] : meta)
        if (k == key)
            return v;
    return std::nullopt;
}

std::int64_t StoreSummary::count(const std::string& table) const
{
    for (const auto& [t, n] : tableCounts)
        if (t == table)
            return n;
    return 0;
}

StoreSummary summarize(Database& db)
{
    StoreSummary s;
    s.path = db.path();
    s.schemaVersion = db.schemaVersion();
    auto meta = db.prepare("SELECT key, value FROM store_meta ORDER BY key");
    while (meta.step())
        s.meta.emplace_back(meta.columnText(0), meta.columnText(1));
    for (const auto& t : summaryTables())
        s.tableCounts.emplace_back(t, countRows(db, t));
    auto range = db.prepare("SELECT min(created_at), max(created_at) FROM orders");
    if (range.step()) {
        s.firstOrderAt = range.columnOptInt(0);
        s.lastOrderAt = range.columnOptInt(1);
    }
    return s;
}

} // namespace shoppilot::store
