#include "recs/recs_service.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "common/error.h"
#include "engine/engine.h"
#include "recs/recs_eval.h"
#include "recs/recs_store.h"

namespace shoppilot::recs {

using nlohmann::json;

// ------------------------------------------------------------------------------------ rules

std::string RecsRules::toJson() const
{
    json boosts = json::object();
    for (const auto& [cat, f] : categoryBoost)
        boosts[std::to_string(cat)] = f;
    return json{{"hide_out_of_stock", hideOutOfStock}, {"hide_purchased", hidePurchased},
                {"hide_recently_viewed", hideRecentlyViewed}, {"max_per_category", maxPerCategory},
                {"diversity", diversity}, {"category_boost", boosts}}
        .dump(2);
}

RecsRules RecsRules::fromJson(const std::string& text)
{
    RecsRules r;
    json j;
    try {
        j = json::parse(text);
    } catch (const std::exception& e) {
        throw Error(ErrorCode::Parse, std::string("the recommendation rules are not valid JSON: ") + e.what());
    }
    if (!j.is_object())
        throw Error(ErrorCode::Parse, "the recommendation rules must be a JSON object");
    auto field = [&](const char* name, auto& target) {
        if (!j.contains(name))
            return;
        try {
            target = j.at(name).get<std::decay_t<decltype(target)>>();
        } catch (const std::exception&) {
            throw Error(ErrorCode::Parse, std::string("rule \"") + name + "\" has the wrong type");
        }
    };
    field("hide_out_of_stock", r.hideOutOfStock);
    field("hide_purchased", r.hidePurchased);
    field("hide_recently_viewed", r.hideRecentlyViewed);
    field("max_per_category", r.maxPerCategory);
    field("diversity", r.diversity);
    if (r.maxPerCategory < 0 || r.diversity < 0 || r.diversity > 1)
        throw Error(ErrorCode::Parse, "rule \"max_per_category\" must be >= 0 and \"diversity\" within 0..1");
    if (j.contains("category_boost")) {
        const auto& b = j.at("category_boost");
        if (!b.is_object())
            throw Error(ErrorCode::Parse, "rule \"category_boost\" must map category ids to factors");
        for (const auto& [k, v] : b.items()) {
            std::int64_t id = 0;
            try {
                std::size_t used = 0;
                id = std::stoll(k, &used);
                if (used != k.size())
                    throw std::invalid_argument(k);
            } catch (const std::exception&) {
                throw Error(ErrorCode::Parse, "category_boost key \"" + k + "\" is not a category id");
            }
            if (!v.is_number() || v.get<double>() < 0)
                throw Error(ErrorCode::Parse, "category_boost for category " + k + " must be a factor >= 0");
            r.categoryBoost[id] = v.get<double>();
        }
    }
    return r;
}

RecsRules loadRules(store::Database& db)
{
    auto st = db.prepare("SELECT body_json FROM panel_documents WHERE panel = 'recs' AND kind = 'rules' AND name = 'default'");
    if (!st.step())
        return {};
    return RecsRules::fromJson(st.columnText(0));
}

void saveRules(store::Database& db, const RecsRules& rules)
{
    const auto now = std::int64_t(std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::system_clock::now().time_since_epoch()).count());
    auto st = db.prepare("INSERT INTO panel_documents(panel, kind, name, body_json, created_at, updated_at) "
                         "VALUES ('recs', 'rules', 'default', ?1, ?2, ?2) ON CONFLICT(panel, kind, name) "
                         "DO UPDATE SET body_json = excluded.body_json, updated_at = excluded.updated_at");
    st.bind(1, rules.toJson()).bind(2, now);
    st.step();
    db.changeFeed().publish(store::Change{"panel_documents", store::ChangeKind::Upsert, 1, {}});
}

// ------------------------------------------------------------------------------------ checkpoints

namespace {

constexpr char kStoreMagic[8] = {'S', 'P', 'R', 'S', 'T', 'O', 'R', '1'};

std::int64_t nowSeconds()
{
    return std::int64_t(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

struct StoreModel {
    std::unique_ptr<ServedRecommender> model; // the model with its popularity prior, as evaluated
    std::vector<std::int64_t> productIds; // per item index
    std::vector<std::int64_t> customerIds; // per user index
    std::unordered_map<std::int64_t, ItemIndex> itemOf;
    std::unordered_map<std::int64_t, std::int32_t> userOf;
    std::string name;
    int version = 0;
};

void appendIds(std::vector<std::uint8_t>& out, const std::vector<std::int64_t>& ids)
{
    const auto n = std::uint64_t(ids.size());
    const auto* p = reinterpret_cast<const std::uint8_t*>(&n);
    out.insert(out.end(), p, p + 8);
    const auto* b = reinterpret_cast<const std::uint8_t*>(ids.data());
    out.insert(out.end(), b, b + ids.size() * 8);
}

std::vector<std::int64_t> readIds(const std::vector<std::uint8_t>& in, std::size_t& pos)
{
    std::uint64_t n = 0;
    if (pos + 8 > in.size())
        throw Error(ErrorCode::Model, "the recommender checkpoint is truncated; retrain it (shoppilot train recs)");
    std::memcpy(&n, in.data() + pos, 8);
    pos += 8;
    if (n > (in.size() - pos) / 8)
        throw Error(ErrorCode::Model, "the recommender checkpoint is truncated; retrain it (shoppilot train recs)");
    std::vector<std::int64_t> ids(n);
    std::memcpy(ids.data(), in.data() + pos, n * 8);
    pos += n * 8;
    return ids;
}

StoreModel unpackStoreModel(const std::vector<std::uint8_t>& bytes)
{
    if (bytes.size() < 8 || std::memcmp(bytes.data(), kStoreMagic, 8) != 0)
        throw Error(ErrorCode::Model, "the stored recommender is not a ShopPilot store model; retrain it (shoppilot train recs)");
    std::size_t pos = 8;
    StoreModel m;
    m.productIds = readIds(bytes, pos);
    m.customerIds = readIds(bytes, pos);
    m.model = loadServedRecommender(std::vector<std::uint8_t>(bytes.begin() + std::ptrdiff_t(pos), bytes.end()));
    if (int(m.productIds.size()) != m.model->numItems() + 1)
        throw Error(ErrorCode::Model, "the stored recommender's product list does not match its model; retrain it");
    for (std::size_t i = 1; i < m.productIds.size(); ++i)
        m.itemOf[m.productIds[i]] = ItemIndex(i);
    for (std::size_t u = 0; u < m.customerIds.size(); ++u)
        m.userOf[m.customerIds[u]] = std::int32_t(u);
    return m;
}

} // namespace

std::vector<std::uint8_t> packStoreModel(const Recommender& model, const std::vector<std::int64_t>& productIds,
                                         const std::vector<std::int64_t>& customerIds)
{
    std::vector<std::uint8_t> out(kStoreMagic, kStoreMagic + 8);
    appendIds(out, productIds);
    appendIds(out, customerIds);
    const auto inner = model.save();
    out.insert(out.end(), inner.begin(), inner.end());
    return out;
}

// ------------------------------------------------------------------------------------ training

namespace {

std::map<std::string, double> metricsMap(const json& j, const char* key)
{
    std::map<std::string, double> out;
    if (j.contains(key) && j[key].is_object())
        for (const auto& [k, v] : j[key].items())
            if (v.is_number())
                out[k] = v.get<double>();
    return out;
}

json recipeCard(const Recipe& r)
{
    const auto& o = r.train;
    return json{{"model", modelKindName(r.kind)}, {"dim", o.dim}, {"max_len", o.maxLen}, {"blocks", o.blocks},
                {"dropout", o.dropout}, {"lr", o.lr}, {"max_epochs", o.maxEpochs}, {"patience", o.patience},
                {"negatives", o.negatives}, {"validation_users", o.validationUsers}, {"pop_window", o.popWindow},
                {"popularity_prior", o.calibratePopularity},
                {"select_checkpoint_on", o.selectOnSampled ? "validation sampled99 NDCG@10" : "validation full NDCG@10"},
                {"seed", o.seed}};
}

} // namespace

Recipe StoreTrainOptions::recipeFor(ModelKind kind) const
{
    auto r = defaultRecipe(kind);
    if (adjust)
        adjust(r);
    r.kind = kind;
    return r;
}

TrainedStoreModels trainStoreModels(const StoreSequences& seqs, const StoreTrainOptions& options,
                                    const Progress& progress)
{
    ProgressReporter rep(progress);
    const Split split = leaveOneOut(seqs.data);
    if (split.test.empty())
        throw Error(ErrorCode::InvalidArgument, "the store has no customer with 3 or more product events to learn from");
    if (options.models.empty())
        throw Error(ErrorCode::InvalidArgument, "no recommender to train: name at least one model");
    const std::int64_t run = nowSeconds();
    TrainedStoreModels out;
    out.dataSnapshot = json{{"customers", seqs.data.userIds.size()}, {"products", seqs.data.numItems()},
                            {"interactions", seqs.data.numActions()}, {"last_event_id", seqs.lastEventId},
                            {"interactions_from", seqs.fromPurchases ? "order lines" : "events"},
                            {"last_event_ts", seqs.lastEventTs}}
                           .dump();
    // 1. Every candidate on the split: validation for the choice, test reported once.
    std::vector<TrainedModel> trained;
    const double n = double(options.models.size());
    constexpr double kCandidates = 0.8; // of the progress bar; the refit gets the rest
    for (std::size_t k = 0; k < options.models.size(); ++k) {
        const auto recipe = options.recipeFor(options.models[k]);
        const auto name = modelKindName(recipe.kind);
        auto sub = rep.sub(kCandidates * double(k) / n, kCandidates * double(k + 1) / n);
        auto fitRep = sub.sub(0.0, 0.92);
        auto t = trainRecipe(split, recipe, [&](double f, std::string_view w) {
            fitRep.report(f, w);
            return true;
        });
        sub.report(0.94, "testing " + name + " on each customer's last event");
        const auto full = metricsFromRanks(rankCases(*t.model, split.test, Protocol::Full, recipe.train.seed));
        const auto sampled = metricsFromRanks(rankCases(*t.model, split.test, Protocol::Sampled99, recipe.train.seed));
        TrainedStoreModels::Entry e;
        e.recipe = recipe;
        auto& m = e.metrics;
        m.model = name;
        m.validation = t.validation.named();
        m.full = full.named();
        m.sampled99 = sampled.named();
        m.priorWeight = t.model->prior().weight;
        m.trainSeconds = t.report.seconds;
        m.epochs = t.report.epochs;
        m.testUsers = int(split.test.size());
        m.run = run;
        out.entries.push_back(std::move(e));
        trained.push_back(std::move(t));
        sub.report(1.0, name + " tested");
    }
    // 2. The choice: best validation NDCG@10 under the served protocol; the sequence model on a tie.
    std::size_t chosen = 0;
    for (std::size_t k = 1; k < trained.size(); ++k) {
        const double a = trained[k].validation.ndcg10, b = trained[chosen].validation.ndcg10;
        if (a > b || (a == b && out.entries[k].recipe.kind == ModelKind::SasRec))
            chosen = k;
    }
    out.entries[chosen].metrics.served = true;
    // 3. Refit on every event: the chosen model, and co-occurrence (similar items) when trained.
    std::vector<std::size_t> refit{chosen};
    for (std::size_t k = 0; k < out.entries.size(); ++k)
        if (k != chosen && out.entries[k].recipe.kind == ModelKind::ItemKnn)
            refit.push_back(k);
    for (std::size_t k = 0; k < out.entries.size(); ++k) {
        auto& e = out.entries[k];
        const bool again = std::find(refit.begin(), refit.end(), k) != refit.end();
        if (!again) {
            e.blob = packStoreModel(*trained[k].model, seqs.productIds, seqs.customerIds);
            continue;
        }
        auto sub = rep.sub(kCandidates + (1 - kCandidates) * double(k) / n,
                           kCandidates + (1 - kCandidates) * double(k + 1) / n);
        sub.report(0.0, "refitting " + e.metrics.model + " on every event");
        auto model = refitOnAll(seqs.data.sequences, seqs.data.numItems(), e.recipe, trained[k],
                                [&](double f, std::string_view w) {
                                    sub.report(f, w);
                                    return true;
                                });
        e.metrics.refitOnAllEvents = true;
        e.metrics.refitAt = nowSeconds();
        e.metrics.refitEpochs = refitEpochs(trained[k].report);
        e.blob = packStoreModel(*model, seqs.productIds, seqs.customerIds);
    }
    rep.report(1.0, "trained");
    return out;
}

std::vector<StoreModelMetrics> saveStoreModels(store::Database& db, const TrainedStoreModels& trained)
{
    engine::ModelRegistry registry(db);
    std::vector<StoreModelMetrics> out(trained.entries.size());
    // One version per model, each saved atomically by the registry; the served one first, so a
    // failure part-way never leaves this run's other models without the one it chose.
    std::vector<std::size_t> order;
    for (std::size_t k = 0; k < trained.entries.size(); ++k)
        order.insert(trained.entries[k].metrics.served ? order.begin() : order.end(), k);
    for (const auto k : order) {
        const auto& e = trained.entries[k];
        const auto& m = e.metrics;
        json metrics{{"validation", m.validation},
                     {"full", m.full},
                     {"sampled99", m.sampled99},
                     {"prior_weight", m.priorWeight},
                     {"train_seconds", m.trainSeconds},
                     {"epochs", m.epochs},
                     {"test_users", m.testUsers},
                     {"served", m.served},
                     {"chosen_on", "validation NDCG@10, full ranking (each customer's second-to-last event)"},
                     {"refit_all_events", m.refitOnAllEvents},
                     {"refit_at", m.refitAt},
                     {"refit_epochs", m.refitEpochs},
                     {"run", m.run},
                     {"split", "leave-one-out per customer: last event test, second-to-last validation"}};
        engine::ModelToSave save;
        save.name = "recs." + m.model;
        save.trainedAt = m.refitAt ? m.refitAt : m.run;
        save.dataSnapshot = trained.dataSnapshot;
        save.metricsJson = metrics.dump();
        save.cardJson = recipeCard(e.recipe).dump();
        StoreModelMetrics saved = m;
        saved.version = registry.save(save, e.blob);
        saved.trainedAt = save.trainedAt;
        saved.active = true;
        out[k] = std::move(saved);
    }
    return out;
}

std::vector<StoreModelMetrics> trainOnStore(store::Database& db, const StoreTrainOptions& options,
                                            const Progress& progress)
{
    ProgressReporter rep(progress);
    rep.report(0.0, "reading events");
    const StoreSequences seqs = loadStoreSequences(db);
    auto sub = rep.sub(0.02, 1.0);
    const auto trained = trainStoreModels(seqs, options, [&](double f, std::string_view w) {
        sub.report(f, w);
        return true;
    });
    return saveStoreModels(db, trained);
}

std::vector<StoreModelMetrics> storedModelMetrics(store::Database& db)
{
    engine::ModelRegistry registry(db);
    std::vector<StoreModelMetrics> out;
    auto all = registry.list();
    std::sort(all.begin(), all.end(), [](auto& a, auto& b) { return a.name < b.name || (a.name == b.name && a.version > b.version); });
    for (const auto& r : all) {
        if (r.name.rfind("recs.", 0) != 0)
            continue;
        StoreModelMetrics m;
        m.model = r.name.substr(5);
        m.version = r.version;
        m.trainedAt = r.trainedAt;
        m.active = r.active;
        try {
            const auto j = json::parse(r.metricsJson.empty() ? "{}" : r.metricsJson);
            m.validation = metricsMap(j, "validation");
            m.full = metricsMap(j, "full");
            m.sampled99 = metricsMap(j, "sampled99");
            m.priorWeight = j.value("prior_weight", 0.0);
            m.trainSeconds = j.value("train_seconds", 0.0);
            m.epochs = j.value("epochs", 0);
            m.testUsers = j.value("test_users", 0);
            m.served = j.value("served", false);
            m.refitOnAllEvents = j.value("refit_all_events", false);
            m.refitAt = j.value("refit_at", std::int64_t(0));
            m.refitEpochs = j.value("refit_epochs", 0);
            m.run = j.value("run", std::int64_t(0));
        } catch (const std::exception&) {
            // A model saved by something else: listed without metrics.
        }
        out.push_back(std::move(m));
    }
    return out;
}

std::optional<StoreModelMetrics> servedModelMetrics(const std::vector<StoreModelMetrics>& stored)
{
    std::optional<StoreModelMetrics> best;
    for (const auto& m : stored)
        if (m.active && m.served && (!best || m.run > best->run || (m.run == best->run && m.trainedAt > best->trainedAt)))
            best = m;
    if (best)
        return best;
    // Saved before the choice was recorded: the best held-out NDCG@10, the sequence model on a tie.
    const std::vector<std::string> order{"sasrec", "bpr", "itemknn", "pop"};
    for (const auto& name : order)
        for (const auto& m : stored) {
            if (!m.active || m.model != name)
                continue;
            const auto ndcg = [](const StoreModelMetrics& x) {
                auto it = x.full.find("NDCG@10");
                return it == x.full.end() ? 0.0 : it->second;
            };
            if (!best || ndcg(m) > ndcg(*best))
                best = m;
        }
    return best;
}

// ------------------------------------------------------------------------------------ serving

struct RecsService::Impl {
    std::unordered_map<std::int64_t, ProductInfo> catalogue;
    std::optional<StoreModel> primary;
    std::optional<StoreModel> cooc;
    // Popularity over the last 30 days of events, overall and per customer country.
    std::vector<std::pair<std::int64_t, double>> popular;
    std::unordered_map<std::string, std::vector<std::pair<std::int64_t, double>>> popularByCountry;
    std::unordered_map<std::int64_t, std::vector<std::int64_t>> bestByCategory;

    std::optional<StoreModel> loadActive(store::Database& db, const std::string& name)
    {
        engine::ModelRegistry registry(db);
        auto rec = registry.active(name);
        if (!rec)
            return std::nullopt;
        auto m = unpackStoreModel(registry.blob(rec->name, rec->version));
        m.name = name.substr(5);
        m.version = rec->version;
        return m;
    }

    static std::string countryOf(store::Database& db, std::int64_t customerId)
    {
        auto st = db.prepare("SELECT coalesce(country, '') FROM customers WHERE id = ?");
        st.bind(1, customerId);
        return st.step() ? st.columnText(0) : std::string();
    }

    static std::unordered_set<std::int64_t> purchased(store::Database& db, std::int64_t customerId)
    {
        std::unordered_set<std::int64_t> s;
        auto st = db.prepare("SELECT DISTINCT oi.product_id FROM orders o JOIN order_items oi ON oi.order_id = o.id "
                             "WHERE o.customer_id = ?1 AND oi.product_id IS NOT NULL AND o.status NOT IN ('cancelled','failed') "
                             "UNION SELECT product_id FROM events WHERE customer_id = ?1 AND type = 'purchase' "
                             "AND product_id IS NOT NULL");
        st.bind(1, customerId);
        while (st.step())
            s.insert(st.columnInt(0));
        return s;
    }

    static std::vector<std::int64_t> historyOf(store::Database& db, std::int64_t customerId)
    {
        std::vector<std::int64_t> h;
        for (const std::int64_t p : customerProducts(db, customerId))
            if (h.empty() || h.back() != p)
                h.push_back(p);
        return h;
    }

    std::vector<Recommendation> rank(std::vector<std::pair<std::int64_t, double>> candidates, int n,
                                     const RecsRules& rules, const std::unordered_set<std::int64_t>& hidden,
                                     Recommendation::Reason reason) const
    {
        // Best model scores first; only the head matters for a top-N list.
        std::vector<std::pair<std::int64_t, double>> kept;
        kept.reserve(candidates.size());
        for (const auto& c : candidates) {
            auto it = catalogue.find(c.first);
            if (it == catalogue.end() || hidden.count(c.first))
                continue;
            // Unmanaged stock (a WooCommerce product with manage_stock off) is not out of stock.
            if (rules.hideOutOfStock && it->second.stockManaged && it->second.stock <= 0)
                continue;
            auto b = rules.categoryBoost.find(it->second.categoryId);
            if (b != rules.categoryBoost.end() && b->second <= 0)
                continue;
            kept.push_back(c);
        }
        const std::size_t head = std::min<std::size_t>(kept.size(), std::size_t(std::max(50, n * 20)));
        std::partial_sort(kept.begin(), kept.begin() + std::ptrdiff_t(head), kept.end(),
                          [](auto& a, auto& b) { return a.second > b.second || (a.second == b.second && a.first < b.first); });
        kept.resize(head);
        if (kept.empty())
            return {};
        const double hi = kept.front().second, lo = kept.back().second;
        struct Cand { std::int64_t id; double raw; double rel; };
        std::vector<Cand> pool;
        for (const auto& [id, s] : kept) {
            double rel = hi > lo ? (s - lo) / (hi - lo) : 1.0;
            auto b = rules.categoryBoost.find(catalogue.at(id).categoryId);
            if (b != rules.categoryBoost.end())
                rel *= b->second;
            pool.push_back({id, s, rel});
        }
        // Greedy diversification: each pick from a category discounts that category's next ones
        // (an MMR with category overlap as the similarity), and a hard cap per category.
        std::unordered_map<std::int64_t, int> perCat;
        std::vector<Recommendation> out;
        std::vector<char> used(pool.size(), 0);
        while (int(out.size()) < n) {
            int best = -1;
            double bestValue = -1;
            for (std::size_t i = 0; i < pool.size(); ++i) {
                if (used[i])
                    continue;
                const int c = perCat[catalogue.at(pool[i].id).categoryId];
                if (rules.maxPerCategory > 0 && c >= rules.maxPerCategory)
                    continue;
                const double v = pool[i].rel * std::pow(1.0 - rules.diversity, c);
                if (v > bestValue) {
                    bestValue = v;
                    best = int(i);
                }
            }
            if (best < 0)
                break;
            used[std::size_t(best)] = 1;
            const auto& p = catalogue.at(pool[std::size_t(best)].id);
            ++perCat[p.categoryId];
            Recommendation r;
            r.product = p;
            r.score = bestValue;
            r.modelScore = pool[std::size_t(best)].raw;
            r.reason = reason;
            out.push_back(std::move(r));
        }
        return out;
    }
};

RecsService::RecsService(store::Database& db, const Progress& progress) : d(std::make_unique<Impl>())
{
    ProgressReporter rep(progress);
    rep.report(0.0, "reading the catalogue");
    auto st = db.prepare("SELECT p.id, p.title_en, coalesce(p.title_zh, ''), p.price_minor, p.currency, p.stock, "
                         "coalesce(p.category_id, 0), coalesce(c.name_en, ''), p.stock_managed FROM products p "
                         "LEFT JOIN categories c ON c.id = p.category_id");
    while (st.step()) {
        ProductInfo p;
        p.id = st.columnInt(0);
        p.title = st.columnText(1);
        p.titleZh = st.columnText(2);
        p.priceMinor = st.columnInt(3);
        p.currency = st.columnText(4);
        p.stock = st.columnInt(5);
        p.categoryId = st.columnInt(6);
        p.category = st.columnText(7);
        p.stockManaged = st.columnInt(8) != 0;
        d->catalogue[p.id] = std::move(p);
    }
    rep.report(0.3, "recent popularity");
    {
        auto last = db.queryInt("SELECT max(ts) FROM events");
        const std::int64_t since = last ? *last - 30 * 86400 : 0;
        auto q = db.prepare("SELECT e.product_id, coalesce(c.country, ''), count(*) FROM events e "
                            "LEFT JOIN customers c ON c.id = e.customer_id WHERE e.ts >= ? AND e.product_id IS NOT NULL "
                            "AND e.type IN ('view','cart','purchase') GROUP BY e.product_id, c.country");
        q.bind(1, since);
        std::unordered_map<std::int64_t, double> overall;
        std::unordered_map<std::string, std::unordered_map<std::int64_t, double>> byCountry;
        while (q.step()) {
            const auto p = q.columnInt(0);
            const double c = double(q.columnInt(2));
            overall[p] += c;
            if (const auto country = q.columnText(1); !country.empty())
                byCountry[country][p] += c;
        }
        if (overall.empty()) {
            // No browsing events: what sold in the last 30 days of orders (units), so the
            // popularity fallback is never empty on a store that has orders.
            auto lastOrder = db.queryInt("SELECT max(created_at) FROM orders");
            auto p = db.prepare("SELECT i.product_id, coalesce(c.country, ''), sum(i.quantity) FROM order_items i "
                                "JOIN orders o ON o.id = i.order_id LEFT JOIN customers c ON c.id = o.customer_id "
                                "WHERE o.created_at >= ? AND i.product_id IS NOT NULL "
                                "AND o.status NOT IN ('cancelled','failed') GROUP BY i.product_id, c.country");
            p.bind(1, lastOrder ? *lastOrder - 30 * 86400 : 0);
            while (p.step()) {
                const double c = double(p.columnInt(2));
                overall[p.columnInt(0)] += c;
                if (const auto country = p.columnText(1); !country.empty())
                    byCountry[country][p.columnInt(0)] += c;
            }
        }
        d->popular.assign(overall.begin(), overall.end());
        for (auto& [country, m] : byCountry)
            d->popularByCountry[country].assign(m.begin(), m.end());
        std::vector<std::pair<std::int64_t, double>> sorted = d->popular;
        std::sort(sorted.begin(), sorted.end(), [](auto& a, auto& b) { return a.second > b.second; });
        for (const auto& [p, c] : sorted) {
            auto it = d->catalogue.find(p);
            if (it != d->catalogue.end())
                d->bestByCategory[it->second.categoryId].push_back(p);
        }
    }
    rep.report(0.5, "loading models");
    if (const auto served = servedModelMetrics(storedModelMetrics(db)))
        d->primary = d->loadActive(db, "recs." + served->model);
    d->cooc = d->loadActive(db, "recs.itemknn");
    rep.report(1.0, "ready");
}

RecsService::~RecsService() = default;

bool RecsService::hasModel() const
{
    return d->primary.has_value();
}

std::string RecsService::modelName() const
{
    return d->primary ? d->primary->name : std::string();
}

int RecsService::modelVersion() const
{
    return d->primary ? d->primary->version : 0;
}

double RecsService::priorWeight() const
{
    return d->primary ? d->primary->model->prior().weight : 0.0;
}

std::optional<ProductInfo> RecsService::product(std::int64_t productId) const
{
    auto it = d->catalogue.find(productId);
    if (it == d->catalogue.end())
        return std::nullopt;
    return it->second;
}

std::vector<RecsService::Category> RecsService::categories(store::Database& db) const
{
    std::vector<Category> out;
    auto st = db.prepare("SELECT id, name_en, coalesce(name_zh, '') FROM categories ORDER BY name_en");
    while (st.step())
        out.push_back({st.columnInt(0), st.columnText(1), st.columnText(2)});
    return out;
}

std::vector<CustomerInfo> RecsService::searchCustomers(store::Database& db, const std::string& text, int limit) const
{
    // An id matches exactly; otherwise the name, email hash or country contains the text.
    auto st = db.prepare(
        "SELECT c.id, coalesce(c.name, ''), coalesce(c.country, ''), "
        "(SELECT count(*) FROM events e WHERE e.customer_id = c.id) FROM customers c "
        "WHERE ?1 = '' OR CAST(c.id AS TEXT) = ?1 OR c.name LIKE '%' || ?1 || '%' OR c.external_id = ?1 "
        "ORDER BY (CAST(c.id AS TEXT) = ?1) DESC, c.id LIMIT ?2");
    st.bind(1, text).bind(2, limit);
    std::vector<CustomerInfo> out;
    while (st.step())
        out.push_back({st.columnInt(0), st.columnText(1), st.columnText(2), st.columnInt(3)});
    return out;
}

std::vector<TimelineEntry> RecsService::timeline(store::Database& db, std::int64_t customerId, int limit) const
{
    auto st = db.prepare("SELECT ts, type, coalesce(product_id, 0), coalesce(query, '') FROM events WHERE customer_id = ? "
                            "ORDER BY ts DESC, id DESC LIMIT ?");
    st.bind(1, customerId).bind(2, limit);
    std::vector<TimelineEntry> out;
    while (st.step()) {
        TimelineEntry e{st.columnInt(0), st.columnText(1), st.columnInt(2), {}, {}};
        if (auto p = product(e.productId)) {
            e.title = p->title;
            e.titleZh = p->titleZh;
        }
        else
            e.title = st.columnText(3);
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<Recommendation> RecsService::recommend(store::Database& db, std::int64_t customerId, int n,
                                                   const RecsRules& rules) const
{
    return recommendForHistory(db, Impl::historyOf(db, customerId), customerId, n, rules);
}

std::vector<Recommendation> RecsService::recommendForHistory(store::Database& db,
                                                             const std::vector<std::int64_t>& productIds,
                                                             std::optional<std::int64_t> customerId, int n,
                                                             const RecsRules& rules) const
{
    std::unordered_set<std::int64_t> hidden;
    if (customerId && rules.hidePurchased)
        hidden = Impl::purchased(db, *customerId);
    if (rules.hideRecentlyViewed)
        for (std::size_t k = productIds.size() > 10 ? productIds.size() - 10 : 0; k < productIds.size(); ++k)
            hidden.insert(productIds[k]);

    if (d->primary) {
        const auto& m = *d->primary;
        std::vector<ItemIndex> h;
        for (auto p : productIds)
            if (auto it = m.itemOf.find(p); it != m.itemOf.end())
                if (h.empty() || h.back() != it->second)
                    h.push_back(it->second);
        if (!h.empty()) {
            std::int32_t user = -1;
            if (customerId)
                if (auto it = m.userOf.find(*customerId); it != m.userOf.end())
                    user = it->second;
            const auto scores = m.model->scoreOne(user, h);
            std::vector<std::pair<std::int64_t, double>> cands;
            cands.reserve(scores.size());
            for (std::size_t i = 1; i < scores.size(); ++i)
                cands.push_back({m.productIds[i], double(scores[i])});
            auto out = d->rank(std::move(cands), n, rules, hidden, Recommendation::Reason::History);
            for (auto& r : out) {
                const auto contributions = m.model->explain(user, h, m.itemOf.at(r.product.id));
                for (const auto& c : contributions) {
                    if (r.becauseProductIds.size() >= 2 || c.weight <= 0)
                        break;
                    const auto pid = m.productIds[std::size_t(c.item)];
                    if (pid == r.product.id)
                        continue;
                    r.becauseProductIds.push_back(pid);
                    if (auto p = product(pid)) {
                        r.becauseTitles.push_back(p->title);
                        r.becauseTitlesZh.push_back(p->titleZh);
                    }
                }
            }
            return out;
        }
    }
    // Cold start: what is popular lately among customers of the same country, else overall.
    if (customerId) {
        const auto country = Impl::countryOf(db, *customerId);
        auto it = d->popularByCountry.find(country);
        if (it != d->popularByCountry.end() && it->second.size() >= std::size_t(n))
            return d->rank(it->second, n, rules, hidden, Recommendation::Reason::PopularInCountry);
    }
    return d->rank(d->popular, n, rules, hidden, Recommendation::Reason::Popular);
}

std::vector<Recommendation> RecsService::similar(std::int64_t productId, int n) const
{
    RecsRules rules;
    rules.hideOutOfStock = false;
    rules.maxPerCategory = 0;
    rules.diversity = 0;
    std::unordered_set<std::int64_t> self{productId};
    for (const auto* m : {d->cooc ? &*d->cooc : nullptr, d->primary ? &*d->primary : nullptr}) {
        if (!m)
            continue;
        auto it = m->itemOf.find(productId);
        if (it == m->itemOf.end())
            continue;
        std::vector<std::pair<std::int64_t, double>> cands;
        for (const auto& c : m->model->similarItems(it->second, n * 3))
            cands.push_back({m->productIds[std::size_t(c.item)], double(c.weight)});
        if (cands.empty())
            continue;
        auto out = d->rank(std::move(cands), n, rules, self, Recommendation::Reason::Similar);
        if (!out.empty())
            return out;
    }
    // A product no model has seen (new in the catalogue): the best sellers of its category.
    auto p = product(productId);
    if (!p)
        return {};
    std::vector<std::pair<std::int64_t, double>> cands;
    if (auto best = d->bestByCategory.find(p->categoryId); best != d->bestByCategory.end())
        for (std::size_t k = 0; k < best->second.size(); ++k)
            cands.push_back({best->second[k], double(best->second.size() - k)});
    if (cands.empty())
        for (const auto& [id, info] : d->catalogue)
            if (info.categoryId == p->categoryId)
                cands.push_back({id, 0.0});
    return d->rank(std::move(cands), n, rules, self, Recommendation::Reason::Similar);
}

void RecsService::addEvent(store::Database& db, std::int64_t customerId, std::int64_t productId,
                           const std::string& type) const
{
    if (type != "view" && type != "cart")
        throw Error(ErrorCode::InvalidArgument, "a live-session event is a view or a cart, not '" + type + "'");
    if (!product(productId))
        throw Error(ErrorCode::NotFound, "product " + std::to_string(productId) + " is not in the store");
    // After every stored event, so it is the customer's latest even on a demo store dated ahead.
    const auto last = db.queryInt("SELECT max(ts) FROM events").value_or(0);
    const auto ts = std::max(nowSeconds(), last + 1);
    auto st = db.prepare("INSERT INTO events(ts, type, session_id, customer_id, product_id, channel) "
                            "VALUES (?, ?, ?, ?, ?, 'shoppilot-live')");
    st.bind(1, ts).bind(2, type).bind(3, "live-" + std::to_string(customerId)).bind(4, customerId).bind(5, productId);
    st.step();
    db.changeFeed().publish(store::Change{"events", store::ChangeKind::Upsert, 1, {db.lastInsertRowId()}});
}

} // namespace shoppilot::recs
