// Recommendations on a shop: training every recommender on the store's events (the best
// checkpoint of each goes to the models table with its held-out metrics), the merchandiser's
// rules (kept in panel_documents), and serving: top-N for a customer from their latest events,
// filtered, boosted, diversified and explained, re-scored on every new event without retraining.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/progress.h"
#include "recs/recommender.h"
#include "recs/recs_metrics.h"
#include "store/database.h"

namespace shoppilot::recs {

// ------------------------------------------------------------------------------------ rules

struct RecsRules {
    bool hideOutOfStock = true;
    bool hidePurchased = true;       // items the customer already bought
    bool hideRecentlyViewed = false; // items in the customer's latest events
    int maxPerCategory = 3;          // diversification cap in a top-N list (0 = no cap)
    double diversity = 0.3;          // 0..1: how much each earlier pick of a category lowers the next
    std::map<std::int64_t, double> categoryBoost; // category id -> factor (>1 boost, <1 bury, 0 hide)

    std::string toJson() const;
    // Throws Error(Parse) saying which field is wrong.
    static RecsRules fromJson(const std::string& json);
    friend bool operator==(const RecsRules&, const RecsRules&) = default;
};

RecsRules loadRules(store::Database& db);      // defaults when none are stored
void saveRules(store::Database& db, const RecsRules& rules);

// ------------------------------------------------------------------------------------ training

struct StoreModelMetrics {
    std::string model;                             // pop | itemknn | bpr | sasrec
    int version = 0;
    std::map<std::string, double> full;            // HR@10 ... on the store's held-out last events
    std::map<std::string, double> sampled99;
    double trainSeconds = 0;
    int epochs = 0;
    int testUsers = 0;
    std::int64_t trainedAt = 0;
    bool active = false;
};

struct StoreTrainOptions {
    std::vector<ModelKind> models{ModelKind::Pop, ModelKind::ItemKnn, ModelKind::Bpr, ModelKind::SasRec};
    TrainOptions train;
};

// Trains each model on the store's leave-one-out split, evaluates it on the held-out last
// events and saves it as "recs.<model>" (the best-validation checkpoint, with its metrics).
// Throws Cancelled, leaving models already saved in place.
std::vector<StoreModelMetrics> trainOnStore(store::Database& db, const StoreTrainOptions& options,
                                            const Progress& progress = {});

// The metrics of every "recs.*" model version in the store, newest first per model.
std::vector<StoreModelMetrics> storedModelMetrics(store::Database& db);

// A store model checkpoint: the recommender plus the product/customer ids its indices mean.
std::vector<std::uint8_t> packStoreModel(const Recommender& model, const std::vector<std::int64_t>& productIds,
                                         const std::vector<std::int64_t>& customerIds);

// ------------------------------------------------------------------------------------ serving

struct CustomerInfo {
    std::int64_t id = 0;
    std::string name;
    std::string country;
    std::int64_t events = 0;
};

struct TimelineEntry {
    std::int64_t ts = 0;
    std::string type;
    std::int64_t productId = 0;
    std::string title;   // the product's title, or the search text
    std::string titleZh; // Chinese title when the product has one
};

struct ProductInfo {
    std::int64_t id = 0;
    std::string title;
    std::string titleZh;
    std::int64_t priceMinor = 0;
    std::string currency;
    std::int64_t stock = 0;
    std::int64_t categoryId = 0;
    std::string category;
};

struct Recommendation {
    ProductInfo product;
    double score = 0;            // after rules, 0..1 relative to the best candidate
    double modelScore = 0;       // the model's raw score
    enum class Reason { History, Popular, PopularInCountry, Similar } reason = Reason::History;
    std::vector<std::int64_t> becauseProductIds; // history items that led to it (History)
    std::vector<std::string> becauseTitles;
    std::vector<std::string> becauseTitlesZh; // same order; "" where a product has no Chinese title
};

class RecsService {
public:
    // Loads the catalogue and the active "recs.*" model with the best held-out NDCG@10 (SASRec
    // on a tie), plus co-occurrence for similar items. Works without a trained model (cold start only); hasModel() says so.
    explicit RecsService(store::Database& db, const Progress& progress = {});
    ~RecsService();
    RecsService(const RecsService&) = delete;
    RecsService& operator=(const RecsService&) = delete;

    bool hasModel() const;
    std::string modelName() const; // "sasrec" ... or "" without a model
    int modelVersion() const;

    std::vector<CustomerInfo> searchCustomers(const std::string& text, int limit = 50);
    std::vector<TimelineEntry> timeline(std::int64_t customerId, int limit = 30);

    // Top-N for the customer from their events as stored now.
    std::vector<Recommendation> recommend(std::int64_t customerId, int n, const RecsRules& rules);
    // Top-N for a sequence of product ids (oldest first), e.g. an anonymous live session.
    std::vector<Recommendation> recommendForHistory(const std::vector<std::int64_t>& productIds,
                                                    std::optional<std::int64_t> customerId, int n,
                                                    const RecsRules& rules);
    // "Similar items": co-occurrence neighbours, else the model's embedding neighbours, else
    // (a product no model has seen) the best sellers of its category.
    std::vector<Recommendation> similar(std::int64_t productId, int n);

    // Records a live-session event (view or cart) for the customer and publishes it on the
    // change feed; the next recommend() includes it.
    void addEvent(std::int64_t customerId, std::int64_t productId, const std::string& type);

    std::optional<ProductInfo> product(std::int64_t productId) const;

    struct Category {
        std::int64_t id = 0;
        std::string name;
        std::string nameZh;
    };
    std::vector<Category> categories();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace shoppilot::recs
