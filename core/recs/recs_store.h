// The store's browsing and buying events as interaction sequences: one per customer, in time
// order, items are product ids. What training, evaluation and serving on a shop read.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "recs/recs_data.h"
#include "store/database.h"

namespace shoppilot::recs {

struct StoreSequenceOptions {
    // Consecutive events on the same product (view, cart, purchase of one item) count once:
    // they are one interest, and the sequence models should learn what comes next.
    bool collapseRepeats = true;
    std::int64_t sinceTs = 0; // only events at or after this time (0 = all)
};

struct StoreSequences {
    SequenceData data;                                   // userIds/itemIds hold decimal ids
    std::vector<std::int64_t> customerIds;               // per user index
    std::vector<std::int64_t> productIds;                // per item index ([0] = 0)
    std::unordered_map<std::int64_t, std::int32_t> userOf;
    std::unordered_map<std::int64_t, ItemIndex> itemOf;
    std::int64_t lastEventId = 0;   // of the interactions read (an order line id when fromPurchases)
    std::int64_t lastEventTs = 0;
    bool fromPurchases = false;     // the store has no browsing events: order lines were read
};

// Whether the store has view/cart/purchase events with a customer and a product. Without them
// (a real WooCommerce has no event feed; the Online Retail import has none) the recommenders
// learn from and serve on order lines instead.
bool storeHasBrowsingEvents(store::Database& db);

StoreSequences loadStoreSequences(store::Database& db, const StoreSequenceOptions& options = {});

// A customer's products in time order: browsing events, or order lines (cancelled and failed
// orders left out) when the store has no browsing events.
std::vector<std::int64_t> customerProducts(store::Database& db, std::int64_t customerId);

// The customer's sequence as item indices (unknown products skipped), collapsed like above.
std::vector<ItemIndex> customerHistory(store::Database& db, std::int64_t customerId,
                                       const std::unordered_map<std::int64_t, ItemIndex>& itemOf,
                                       bool collapseRepeats = true);

} // namespace shoppilot::recs
