// Recommendations on a shop: training every recommender on the store's events (the best
// checkpoint of each goes to the models table with its held-out metrics), the merchandiser's
// rules (kept in panel_documents), and serving: top-N for a customer from their latest events,
// filtered, boosted, diversified and explained, re-scored on every new event without retraining.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/progress.h"
#include "recs/recipe.h"
#include "recs/recommender.h"
#include "recs/recs_store.h"
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
//
// Each customer's events in time order, leave-one-out: the last event is the test split, the
// second-to-last the validation split. Every candidate recipe (recipe.h, the code path `eval
// recs` measures) trains on the rest; the model served is chosen on validation (full-ranking
// NDCG@10), the test figures are computed once per model and only reported, and the chosen
// model is then refit on every event before it is saved as the one to serve. Co-occurrence,
// which serves "similar items", is refit on every event too (it has no epochs to choose).

struct StoreModelMetrics {
    std::string model;                             // pop | itemknn | bpr | sasrec
    int version = 0;
    std::map<std::string, double> validation;      // second-to-last events, full ranking: the choice
    std::map<std::string, double> full;            // HR@10 ... on the last events (test), full ranking
    std::map<std::string, double> sampled99;       // the same test events against 99 sampled products
    double priorWeight = 0;                        // the popularity prior chosen on validation
    double trainSeconds = 0;
    int epochs = 0;
    int testUsers = 0;
    std::int64_t trainedAt = 0;
    bool active = false;
    bool served = false;           // chosen on validation in its run; the app serves it
    bool refitOnAllEvents = false; // this version learnt from every event (test and validation too)
    std::int64_t refitAt = 0;
    int refitEpochs = 0;
    std::int64_t run = 0;          // the training run it came from (start time, seconds)
};

struct StoreTrainOptions {
    std::vector<ModelKind> models{ModelKind::Pop, ModelKind::ItemKnn, ModelKind::Bpr, ModelKind::SasRec};
    // Applied to each model's recipe (defaultRecipe(kind)) before training, e.g. the CLI's
    // flags, a time budget or a test's tiny settings. Unset: the recipes exactly as evaluated.
    std::function<void(Recipe&)> adjust;
    Recipe recipeFor(ModelKind kind) const;
};

// The result of training, before it is saved: pure values, so a job can train without holding
// a store connection and save through the one writer afterwards.
struct TrainedStoreModels {
    struct Entry {
        StoreModelMetrics metrics;
        Recipe recipe;
        std::vector<std::uint8_t> blob; // packStoreModel() bytes
    };
    std::vector<Entry> entries; // in training order; exactly one has metrics.served
    std::string dataSnapshot;   // JSON: customers, products, interactions, last event
};

// Trains, chooses, reports and refits as described above. Throws Cancelled (nothing is saved
// then) and Error(InvalidArgument) when no customer has 3 or more product events.
TrainedStoreModels trainStoreModels(const StoreSequences& sequences, const StoreTrainOptions& options,
                                    const Progress& progress = {});
// Saves every entry as the next version of "recs.<model>" (active). Returns their metrics.
std::vector<StoreModelMetrics> saveStoreModels(store::Database& db, const TrainedStoreModels& trained);
// Reads the events, trains and saves in one go (the CLI and tests).
std::vector<StoreModelMetrics> trainOnStore(store::Database& db, const StoreTrainOptions& options,
                                            const Progress& progress = {});

// The metrics of every "recs.*" model version in the store, newest first per model.
std::vector<StoreModelMetrics> storedModelMetrics(store::Database& db);
// The active version the app serves: the newest run's chosen model; for models saved before
// the choice was recorded, the best held-out NDCG@10 (SASRec on a tie). nullopt = none.
std::optional<StoreModelMetrics> servedModelMetrics(const std::vector<StoreModelMetrics>& stored);

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
    bool stockManaged = true; // false: the shop does not track stock (never "out of stock")
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
    // Loads the catalogue, recent popularity and the model servedModelMetrics() names, plus
    // co-occurrence for similar items. Works without a trained model (cold start only);
    // hasModel() says so. Keeps no connection: every method that reads or writes the store takes
    // the connection to use (a worker's), and the const methods may run on several threads.
    explicit RecsService(store::Database& db, const Progress& progress = {});
    ~RecsService();
    RecsService(const RecsService&) = delete;
    RecsService& operator=(const RecsService&) = delete;

    bool hasModel() const;
    std::string modelName() const; // "sasrec" ... or "" without a model
    int modelVersion() const;
    double priorWeight() const; // the served model's popularity prior (0 = none)

    std::vector<CustomerInfo> searchCustomers(store::Database& db, const std::string& text, int limit = 50) const;
    std::vector<TimelineEntry> timeline(store::Database& db, std::int64_t customerId, int limit = 30) const;

    // Top-N for the customer from their events as stored now.
    std::vector<Recommendation> recommend(store::Database& db, std::int64_t customerId, int n,
                                          const RecsRules& rules) const;
    // Top-N for a sequence of product ids (oldest first), e.g. an anonymous live session.
    std::vector<Recommendation> recommendForHistory(store::Database& db, const std::vector<std::int64_t>& productIds,
                                                    std::optional<std::int64_t> customerId, int n,
                                                    const RecsRules& rules) const;
    // "Similar items": co-occurrence neighbours, else the model's embedding neighbours, else
    // (a product no model has seen) the best sellers of its category.
    std::vector<Recommendation> similar(std::int64_t productId, int n) const;

    // Records a live-session event (view or cart) for the customer through `db` (the writer)
    // and publishes it on the change feed; the next recommend() includes it.
    void addEvent(store::Database& db, std::int64_t customerId, std::int64_t productId, const std::string& type) const;

    std::optional<ProductInfo> product(std::int64_t productId) const;

    struct Category {
        std::int64_t id = 0;
        std::string name;
        std::string nameZh;
    };
    std::vector<Category> categories(store::Database& db) const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace shoppilot::recs
