// What the pricing panel writes: accepted price changes (pending until pushed to the shop or
// exported as a CSV price list, undoable until then, every step in audit_log) and named scenarios
// (strategy + rules + prices, as panel_documents of panel 'pricing', kind 'scenario').
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/time.h"
#include "pricing/optimizer.h"
#include "store/database.h"

namespace shoppilot::pricing {

struct ChangeRequest {
    store::Id productId = 0;
    double oldPrice = 0;
    double newPrice = 0;
    std::string reason; // e.g. the binding rule's explanation
};

struct PriceChange {
    std::int64_t id = 0;
    store::Id productId = 0;
    std::string sku, title, externalId, currency;
    std::string batchId;
    double oldPrice = 0, newPrice = 0;
    Timestamp createdAt = 0;
    std::string actor, reason, status, statusDetail;
};

// One transaction: a pending price_changes row and an audit_log 'price.accept' row per change.
// A product that already has a pending change has it replaced (marked undone) so one is pending.
std::vector<std::int64_t> recordChanges(store::Database& db, const std::string& batchId,
                                        const std::vector<ChangeRequest>& changes, const std::string& actor);
// Pending -> undone (audit 'price.undo'); throws Error(InvalidArgument) once pushed or exported.
void undoChange(store::Database& db, std::int64_t changeId, const std::string& actor);
// Pending -> pushed / exported / failed, with a detail (audit 'price.pushed' ...).
void markChange(store::Database& db, std::int64_t changeId, const std::string& status, const std::string& detail,
                const std::string& actor);
std::vector<PriceChange> listChanges(store::Database& db, const std::string& status = {});

// Writes the pending changes as a CSV price list (sku, external_id, title, currency, old, new),
// atomically (temporary file, then rename), and marks them exported. Returns how many rows.
int exportPriceList(store::Database& db, const std::vector<std::int64_t>& changeIds, const std::string& path,
                    const std::string& actor);

// ------------------------------------------------------------------ scenarios

struct Scenario {
    std::string name;
    std::int64_t categoryId = 0; // 0: one product
    store::Id productId = 0;
    StrategySpec strategy;
    Rules rules;
    std::optional<double> manualPrice; // the slider's price when it was saved
    Timestamp updatedAt = 0;
};

std::string scenarioToJson(const Scenario& s);
Scenario scenarioFromJson(const std::string& name, const std::string& json); // throws Error(Parse)
void saveScenario(store::Database& db, const Scenario& s);
std::vector<Scenario> listScenarios(store::Database& db);

// Category names for pickers, in both languages (zh falls back to en).
struct CategoryName {
    std::int64_t id = 0;
    std::string en, zh;
};
std::vector<CategoryName> categoryNames(store::Database& db);
void deleteScenario(store::Database& db, const std::string& name);

} // namespace shoppilot::pricing
