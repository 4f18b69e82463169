// The recommenders on the tiny demo store: trained SASRec against popularity on each customer's
// held-out last event (a paired sign test, so the margin cannot be chance), checkpoint round
// trips giving identical scores, corrupt checkpoints refused with a clear message, and serving
// (rules, re-ranking after a live event, reasons, cold start).
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "common/error.h"
#include "demo/demo_generator.h"
#include "engine/engine.h"
#include "recs/recipe.h"
#include "recs/recs_eval.h"
#include "recs/recs_service.h"
#include "recs/recs_store.h"
#include "store/database.h"

using namespace shoppilot;
using namespace shoppilot::recs;

namespace {

// P(X >= k) for X ~ Binomial(n, 1/2), computed in logs.
double signTestP(int k, int n)
{
    double p = 0;
    for (int i = k; i <= n; ++i)
        p += std::exp(std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) - n * std::log(2.0));
    return p;
}

TrainOptions tinyOptions()
{
    TrainOptions o;
    o.seed = 3;
    o.dim = 32;
    o.maxLen = 20;
    o.dropout = 0.2;
    o.maxEpochs = 16;
    o.evalEvery = 4;
    o.patience = 2;
    o.batchSize = 64;
    o.lr = 3e-3;
    return o;
}

} // namespace

class TestRecsModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        engine::configureThreads(1); // the machine is shared: one thread avoids OpenMP oversubscription
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath("tiny.db").toStdString();
        auto db = store::Database::open(m_path, {store::OpenMode::CreateIfMissing});
        demo::generateDemoStore(db, {demo::DemoSize::Tiny, 7, makeTimestamp(2026, 11, 1)});
        m_seqs = loadStoreSequences(db);
        m_split = leaveOneOut(m_seqs.data);
        QVERIFY(m_split.test.size() >= 100);
    }

    void sasrecBeatsPopularityBeyondChance()
    {
        auto pop = makeRecommender(ModelKind::Pop);
        pop->fit(m_split.train, m_split.numItems, m_split.validation, tinyOptions(), {});
        auto sas = makeRecommender(ModelKind::SasRec);
        const auto report = sas->fit(m_split.train, m_split.numItems, m_split.validation, tinyOptions(), {});
        QVERIFY(report.epochs >= 2);
        const auto rp = rankCases(*pop, m_split.test, Protocol::Full, 1);
        const auto rs = rankCases(*sas, m_split.test, Protocol::Full, 1);
        // Paired over customers: count who gets the held-out item in the top 10 from one model
        // but not the other. Under "no difference" the wins are Binomial(discordant, 1/2).
        int sasWins = 0, popWins = 0;
        for (std::size_t i = 0; i < rp.size(); ++i) {
            const bool s = rs[i] < 10, p = rp[i] < 10;
            sasWins += s && !p;
            popWins += p && !s;
        }
        const auto ms = metricsFromRanks(rs), mp = metricsFromRanks(rp);
        const double pValue = signTestP(sasWins, sasWins + popWins);
        const QString msg = QString("test users %1: SASRec HR@10 %2 NDCG@10 %3, pop HR@10 %4 NDCG@10 %5; "
                                    "discordant %6 (SASRec %7), one-sided sign test p = %8")
                                .arg(rp.size()).arg(ms.hr10).arg(ms.ndcg10).arg(mp.hr10).arg(mp.ndcg10)
                                .arg(sasWins + popWins).arg(sasWins).arg(pValue);
        qInfo("%s", qPrintable(msg));
        QVERIFY2(ms.hr10 > mp.hr10, qPrintable(msg));
        QVERIFY2(pValue < 1e-3, qPrintable(msg));
        m_sas = sas->save();
    }

    void checkpointRoundTripGivesIdenticalScores()
    {
        QVERIFY(!m_sas.empty());
        auto a = loadRecommender(m_sas);
        auto b = loadRecommender(a->save());
        QCOMPARE(a->kind(), ModelKind::SasRec);
        for (std::size_t i = 0; i < 20 && i < m_split.test.size(); ++i) {
            const auto& c = m_split.test[i];
            QCOMPARE(a->scoreOne(c.user, c.history), b->scoreOne(c.user, c.history));
        }
        // The other kinds too.
        for (auto kind : {ModelKind::Pop, ModelKind::ItemKnn, ModelKind::Bpr}) {
            auto o = tinyOptions();
            o.maxEpochs = 2;
            auto m = makeRecommender(kind);
            m->fit(m_split.train, m_split.numItems, {}, o, {});
            auto back = loadRecommender(m->save());
            QCOMPARE(back->kind(), kind);
            const auto& c = m_split.test.front();
            QCOMPARE(back->scoreOne(c.user, c.history), m->scoreOne(c.user, c.history));
        }
    }

    void corruptCheckpointIsRefusedClearly()
    {
        QVERIFY(!m_sas.empty());
        auto expectModelError = [](const std::vector<std::uint8_t>& bytes, const char* needle) {
            try {
                loadRecommender(bytes);
                QFAIL("a damaged checkpoint must not load");
            } catch (const Error& e) {
                QCOMPARE(e.code(), ErrorCode::Model);
                QVERIFY2(std::string(e.what()).find(needle) != std::string::npos, e.what());
            }
        };
        expectModelError({1, 2, 3}, "not a ShopPilot recommender checkpoint");
        auto truncated = m_sas;
        truncated.resize(truncated.size() / 2);
        expectModelError(truncated, "truncated");
        auto flipped = m_sas;
        for (std::size_t i = flipped.size() - 400; i < flipped.size(); ++i)
            flipped[i] ^= 0x5a; // damages torch's archive (its zip directory sits at the end)
        expectModelError(flipped, "");
        // A checkpoint of another kind handed to a SASRec.
        auto pop = makeRecommender(ModelKind::Pop);
        pop->fit(m_split.train, m_split.numItems, {}, tinyOptions(), {});
        auto sas = makeRecommender(ModelKind::SasRec);
        try {
            sas->load(pop->save());
            QFAIL("a popularity checkpoint must not load into SASRec");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("not sasrec") != std::string::npos, e.what());
        }
    }

    void servedModelCarriesItsPriorThroughACheckpoint()
    {
        // The scorer eval ranks is the scorer the app loads: model + prior, saved together.
        Recipe r = defaultRecipe(ModelKind::SasRec);
        QVERIFY(r.train.calibratePopularity);
        r.train = tinyOptions();
        r.train.maxEpochs = 2;
        r.train.calibratePopularity = true;
        auto t = trainRecipe(m_split, r);
        QVERIFY(t.model);
        QCOMPARE(t.model->prior().logCounts.size(), std::size_t(m_split.numItems) + 1);
        // Force a visible prior so the round trip must carry it.
        PopularityPrior p = t.model->prior();
        p.weight = 0.75f;
        ServedRecommender withPrior(loadRecommender(t.model->base().save()), p);
        auto back = loadServedRecommender(withPrior.save());
        QCOMPARE(back->prior().weight, 0.75f);
        const auto& c = m_split.test.front();
        QCOMPARE(back->scoreOne(c.user, c.history), withPrior.scoreOne(c.user, c.history));
        const auto plain = withPrior.base().scoreOne(c.user, c.history);
        const auto blended = withPrior.scoreOne(c.user, c.history);
        int differ = 0;
        for (std::size_t i = 1; i < plain.size(); ++i)
            differ += plain[i] != blended[i];
        QVERIFY2(differ > 0, "a prior with weight 0.75 must change the scores");
        // A bare model checkpoint (older stores) loads as a model without a prior.
        auto bare = loadServedRecommender(t.model->base().save());
        QCOMPARE(bare->prior().weight, 0.f);
        // A damaged prior header is refused clearly.
        auto bytes = withPrior.save();
        bytes.resize(14);
        QVERIFY_THROWS_EXCEPTION(Error, loadServedRecommender(bytes));
    }

    void refitLearnsFromTheHeldOutEvents()
    {
        // Item 9 appears only as a last (test) event and item 8 only as a second-to-last one:
        // the model trained for the choice never sees them, the refit one must.
        SequenceData d;
        d.itemIds = {"", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
        for (int u = 0; u < 30; ++u) {
            d.userIds.push_back(std::to_string(u));
            std::vector<ItemIndex> seq{ItemIndex(1 + u % 5), ItemIndex(1 + (u + 1) % 5), ItemIndex(6 + u % 2)};
            if (u % 3 == 0)
                seq = {ItemIndex(1 + u % 5), ItemIndex(6), ItemIndex(8), ItemIndex(9)};
            d.sequences.push_back(seq);
        }
        const auto split = leaveOneOut(d);
        Recipe r = defaultRecipe(ModelKind::Pop);
        r.train.popWindow = 0;
        r.train.calibratePopularity = true;
        auto t = trainRecipe(split, r);
        QCOMPARE(t.model->base().scoreOne(-1, {1})[9], 0.f);
        QCOMPARE(t.model->base().scoreOne(-1, {1})[8], 0.f);
        QCOMPARE(t.model->prior().logCounts[9], 0.f);
        auto refit = refitOnAll(d.sequences, d.numItems(), r, t);
        QVERIFY(refit->base().scoreOne(-1, {1})[9] > 0.f);
        QVERIFY(refit->base().scoreOne(-1, {1})[8] > 0.f);
        QVERIFY(refit->prior().logCounts[9] > 0.f);
        QCOMPARE(refit->prior().weight, t.model->prior().weight);
        // A torch model refits for the epochs validation chose.
        TrainReport rep;
        rep.epochs = 12;
        rep.bestEpoch = 6;
        QCOMPARE(refitEpochs(rep), 6);
        rep.bestEpoch = 0;
        QCOMPARE(refitEpochs(rep), 12);
    }

    void trainOnStoreAndServe()
    {
        auto db = store::Database::open(m_path);
        StoreTrainOptions so;
        so.models = {ModelKind::Pop, ModelKind::ItemKnn, ModelKind::SasRec};
        so.adjust = [](Recipe& r) {
            const bool prior = r.train.calibratePopularity;
            const int window = r.train.popWindow;
            r.train = tinyOptions();
            r.train.maxEpochs = 4;
            r.train.calibratePopularity = prior; // the recipes' own prior and pop window
            r.train.popWindow = window;
        };
        const auto trained = trainOnStore(db, so);
        QCOMPARE(int(trained.size()), 3);
        const auto stored = storedModelMetrics(db);
        QCOMPARE(int(stored.size()), 3);
        int served = 0;
        const StoreModelMetrics* chosen = nullptr;
        for (const auto& m : trained) {
            QVERIFY(m.active);
            QVERIFY(m.full.count("HR@10"));
            QVERIFY(m.validation.count("NDCG@10"));
            QVERIFY(m.sampled99.at("HR@10") >= m.full.at("HR@10"));
            if (m.served) {
                ++served;
                chosen = &m;
            }
        }
        QCOMPARE(served, 1);
        // Chosen on validation (each customer's second-to-last event), never on the test events.
        for (const auto& m : trained)
            QVERIFY2(chosen->validation.at("NDCG@10") >= m.validation.at("NDCG@10"), m.model.c_str());
        // Then refit on every event before serving; co-occurrence (similar items) too.
        QVERIFY(chosen->refitOnAllEvents);
        QVERIFY(chosen->refitAt > 0);
        for (const auto& m : trained)
            QCOMPARE(m.refitOnAllEvents, m.served || m.model == "itemknn");
        // What the store reads back says the same.
        const auto readBack = servedModelMetrics(stored);
        QVERIFY(readBack.has_value());
        QCOMPARE(readBack->model, chosen->model);
        QCOMPARE(readBack->version, chosen->version);
        QVERIFY(readBack->served && readBack->refitOnAllEvents);
        QCOMPARE(readBack->validation, chosen->validation);
        QCOMPARE(readBack->full, chosen->full);

        RecsService service(db);
        QVERIFY(service.hasModel());
        QCOMPARE(service.modelName(), chosen->model);
        QCOMPARE(service.modelVersion(), chosen->version);
        QCOMPARE(service.priorWeight(), chosen->priorWeight);
        const auto customers = service.searchCustomers(db, "", 400);
        QVERIFY(!customers.empty());
        // A customer with some history.
        std::int64_t who = 0;
        for (const auto& c : customers)
            if (c.events >= 5) {
                who = c.id;
                break;
            }
        QVERIFY(who != 0);
        RecsRules rules;
        auto before = service.recommend(db, who, 10, rules);
        QCOMPARE(int(before.size()), 10);
        int withReason = 0;
        std::map<std::int64_t, int> perCategory;
        for (const auto& r : before) {
            QVERIFY(r.product.stock > 0);
            QCOMPARE(r.reason, Recommendation::Reason::History);
            withReason += !r.becauseTitles.empty();
            QVERIFY(++perCategory[r.product.categoryId] <= rules.maxPerCategory);
        }
        QVERIFY2(withReason > 0, "recommendations from history should name the items behind them");

        // Bury the top category: it disappears with factor 0.
        RecsRules hide = rules;
        hide.categoryBoost[before.front().product.categoryId] = 0.0;
        for (const auto& r : service.recommend(db, who, 10, hide))
            QVERIFY(r.product.categoryId != before.front().product.categoryId);

        // A live click on a product from another part of the catalogue re-ranks the list.
        std::int64_t clicked = 0;
        for (const auto& s : service.similar(before.back().product.id, 20))
            clicked = s.product.id;
        QVERIFY(clicked != 0);
        int changes = 0;
        for (int k = 0; k < 3; ++k) {
            service.addEvent(db, who, clicked, "view");
            const auto after = service.recommend(db, who, 10, rules);
            for (std::size_t i = 0; i < after.size(); ++i)
                changes += after[i].product.id != before[i].product.id;
        }
        QVERIFY2(changes > 0, "a new event must re-score the customer");
        QCOMPARE(service.timeline(db, who, 1).front().productId, clicked);

        // Cold start: no history -> popular items with that reason.
        const auto cold = service.recommendForHistory(db, {}, std::nullopt, 5, rules);
        QCOMPARE(int(cold.size()), 5);
        QCOMPARE(cold.front().reason, Recommendation::Reason::Popular);
        QVERIFY_THROWS_EXCEPTION(Error, service.addEvent(db, who, clicked, "purchase"));
    }

    void rulesPersistAndBadRulesAreExplained()
    {
        auto db = store::Database::open(m_path);
        QCOMPARE(loadRules(db), RecsRules{});
        RecsRules r;
        r.hidePurchased = false;
        r.maxPerCategory = 2;
        r.categoryBoost = {{3, 1.5}, {4, 0.5}};
        saveRules(db, r);
        QCOMPARE(loadRules(db), r);
        try {
            RecsRules::fromJson(R"({"diversity": 3})");
            QFAIL("diversity 3 must be refused");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("diversity") != std::string::npos, e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, RecsRules::fromJson("{not json"));
        QVERIFY_THROWS_EXCEPTION(Error, RecsRules::fromJson(R"({"category_boost": {"x": 2}})"));
    }

private:
    QTemporaryDir m_dir;
    std::string m_path;
    StoreSequences m_seqs;
    Split m_split;
    std::vector<std::uint8_t> m_sas;
};

QTEST_GUILESS_MAIN(TestRecsModels)
#include "tst_recs_models.moc"
