#include "segments/predictions.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include "common/error.h"
#include "common/time.h"
#include "segments/churn.h"
#include "segments/clv_model.h"
#include "segments/next_category.h"
#include "segments/transactions.h"
#include "store/database.h"

namespace shoppilot::segments {

namespace {


int dayOf(Timestamp ts)
{
    return int((ts >= 0 ? ts : ts - kSecondsPerDay + 1) / kSecondsPerDay);
}

struct CategoryData {
    std::vector<std::int64_t> ids;
    std::vector<std::string> names;
    std::unordered_map<std::int64_t, std::size_t> byCustomer; // customer id -> index in histories
    std::vector<CategoryHistory> histories;
};

// Per order, the category with the largest share of its value.
CategoryData loadCategories(store::Database& db)
{
    CategoryData d;
    std::unordered_map<std::int64_t, int> index;
    auto st = db.prepare(
        "SELECT o.id, o.customer_id, o.created_at, p.category_id, COALESCE(c.name_en, ''), SUM(oi.line_total_minor) AS v "
        "FROM orders o JOIN order_items oi ON oi.order_id = o.id JOIN products p ON p.id = oi.product_id "
        "LEFT JOIN categories c ON c.id = p.category_id "
        "WHERE o.customer_id IS NOT NULL AND o.status NOT IN ('cancelled', 'failed') AND p.category_id IS NOT NULL "
        "GROUP BY o.id, p.category_id ORDER BY o.customer_id, o.created_at, o.id, v DESC, p.category_id");
    std::int64_t lastOrder = -1;
    while (st.step()) {
        const std::int64_t order = st.columnInt(0);
        if (order == lastOrder)
            continue; // not the order's largest category
        lastOrder = order;
        const std::int64_t cust = st.columnInt(1);
        const std::int64_t cat = st.columnInt(3);
        auto [it, inserted] = index.try_emplace(cat, int(d.ids.size()));
        if (inserted) {
            d.ids.push_back(cat);
            d.names.push_back(st.columnText(4));
        }
        auto [h, newCustomer] = d.byCustomer.try_emplace(cust, d.histories.size());
        if (newCustomer)
            d.histories.push_back({cust, {}});
        d.histories[h->second].orders.push_back({dayOf(st.columnInt(2)), it->second});
    }
    return d;
}

std::vector<Summary> summariseAll(const std::vector<CustomerDays>& customers, int day, std::vector<const CustomerDays*>* who = nullptr)
{
    std::vector<Summary> out;
    for (const auto& c : customers) {
        Summary s;
        if (summarise(c, day, s)) {
            out.push_back(s);
            if (who)
                who->push_back(&c);
        }
    }
    return out;
}

BgNbdParams fitAt(const std::vector<Summary>& sums)
{
    std::vector<RfmPoint> pts;
    for (const auto& s : sums)
        pts.push_back({s.x, s.tx, s.T});
    return fitBgNbd(pts).params;
}

// The recency baseline as a probability: the churn rate per band of days since the last purchase
// (deciles), measured on the customers eligible at fitDay with outcomes in (fitDay, fitDay +
// horizon], made non-decreasing in recency (pool adjacent violators).
struct RecencyChurn {
    std::vector<double> upper; // inclusive upper bound of each band, ascending (the last is +inf)
    std::vector<double> rate;
    double operator()(double recency) const
    {
        const auto it = std::lower_bound(upper.begin(), upper.end(), recency);
        return rate[std::size_t(std::min<std::ptrdiff_t>(it - upper.begin(), std::ptrdiff_t(rate.size()) - 1))];
    }
};

// Customers with enough history at `day`, their days since the last purchase and (when the outcome
// window lies inside the data) whether they made no purchase in (day, day + horizon].
struct Eligible {
    std::vector<Summary> sums;
    std::vector<double> recency;
    std::vector<int> churned;
};

Eligible eligibleAt(const std::vector<CustomerDays>& customers, int day, int horizon)
{
    Eligible e;
    std::vector<const CustomerDays*> who;
    const auto all = summariseAll(customers, day, &who);
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].x + 1 >= kMinPurchaseDaysForPrediction) {
            e.sums.push_back(all[i]);
            e.recency.push_back(all[i].T - all[i].tx);
            e.churned.push_back(countDays(*who[i], day, day + horizon) == 0 ? 1 : 0);
        }
    return e;
}

RecencyChurn fitRecencyChurn(const std::vector<CustomerDays>& customers, int fitDay, int horizon)
{
    const auto e = eligibleAt(customers, fitDay, horizon);
    if (e.sums.size() < 20)
        throw Error(ErrorCode::InvalidArgument, "too few customers with enough history to measure churn by recency");
    std::vector<std::size_t> idx(e.recency.size());
    for (std::size_t i = 0; i < idx.size(); ++i)
        idx[i] = i;
    std::sort(idx.begin(), idx.end(), [&](auto a, auto b) { return e.recency[a] < e.recency[b]; });
    // Decile bands, never splitting equal recencies.
    struct Band {
        double upper = 0, churned = 0, n = 0;
    };
    std::vector<Band> bands;
    const std::size_t per = std::max<std::size_t>(1, idx.size() / 10);
    for (std::size_t i = 0; i < idx.size();) {
        std::size_t j = std::min(idx.size(), i + per);
        while (j < idx.size() && e.recency[idx[j]] == e.recency[idx[j - 1]])
            ++j;
        Band b;
        for (std::size_t k = i; k < j; ++k) {
            b.churned += e.churned[idx[k]];
            ++b.n;
        }
        b.upper = e.recency[idx[j - 1]];
        bands.push_back(b);
        i = j;
    }
    // Pool adjacent violators: churn does not fall as recency grows.
    std::vector<Band> pooled;
    for (const auto& b : bands) {
        pooled.push_back(b);
        while (pooled.size() > 1) {
            auto& last = pooled[pooled.size() - 1];
            auto& prev = pooled[pooled.size() - 2];
            if (prev.churned / prev.n <= last.churned / last.n)
                break;
            prev.churned += last.churned;
            prev.n += last.n;
            prev.upper = last.upper;
            pooled.pop_back();
        }
    }
    RecencyChurn r;
    for (const auto& b : pooled) {
        r.upper.push_back(b.upper);
        r.rate.push_back((b.churned + 0.5) / (b.n + 1.0)); // a band of one customer is not 0 or 1
    }
    r.upper.back() = std::numeric_limits<double>::infinity();
    return r;
}

std::vector<ReliabilityBin> reliability(const std::vector<double>& prob, const std::vector<int>& label)
{
    std::vector<ReliabilityBin> bins(10);
    for (int b = 0; b < 10; ++b)
        bins[std::size_t(b)].lo = b / 10.0, bins[std::size_t(b)].hi = (b + 1) / 10.0;
    for (std::size_t i = 0; i < prob.size(); ++i) {
        auto& bin = bins[std::size_t(std::clamp(int(prob[i] * 10), 0, 9))];
        ++bin.count;
        bin.meanPredicted += prob[i];
        bin.observedRate += label[i];
    }
    for (auto& b : bins)
        if (b.count) {
            b.meanPredicted /= b.count;
            b.observedRate /= b.count;
        }
    return bins;
}

// The customer's own category shares up to (and including) `day`, smoothed towards the overall
// shares (one pseudo-order), top k: the most frequent first, a tie to the category more common
// overall, then to the most recent. Empty below
// kMinOrdersForCategory orders.
std::vector<CategoryGuess> frequentCategories(const CategoryHistory& h, int day, const std::vector<double>& globalShare, int k)
{
    std::map<int, std::pair<int, int>> count; // category -> (count, last position)
    int n = 0;
    for (const auto& o : h.orders) {
        if (o.day > day)
            break;
        auto& c = count[o.category];
        ++c.first;
        c.second = n++;
    }
    if (n < kMinOrdersForCategory)
        return {};
    struct Ranked {
        double score;
        int last, category;
    };
    std::vector<Ranked> ranked;
    for (const auto& [cat, c] : count)
        ranked.push_back({c.first + globalShare[std::size_t(cat)], c.second, cat});
    std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
        return a.score != b.score ? a.score > b.score : a.last > b.last;
    });
    std::vector<CategoryGuess> out;
    for (const auto& r : ranked) {
        if (int(out.size()) == k)
            break;
        out.push_back({r.category, r.score / (n + 1.0)});
    }
    return out;
}

std::vector<double> globalShares(const CategoryData& cats, int day)
{
    std::vector<double> share(cats.ids.size(), 0.0);
    double total = 0;
    for (const auto& h : cats.histories)
        for (const auto& o : h.orders)
            if (o.day <= day) {
                share[std::size_t(o.category)] += 1;
                total += 1;
            }
    for (auto& v : share)
        v = total > 0 ? v / total : 0;
    return share;
}

// The first order in (from, to] of each customer, or -1.
int nextCategoryIn(const CategoryHistory& h, int from, int to)
{
    for (const auto& o : h.orders)
        if (o.day > from)
            return o.day <= to ? o.category : -1;
    return -1;
}

// Which churn model to serve at `day`: the learned model and the recency baseline are both trained
// on what was known at day - horizon and scored on the following horizon; the learned one is chosen
// only when its ROC-AUC is higher. Too little history to validate: the baseline.
struct ChurnChoice {
    ServedModel model = ServedModel::Recency;
    double aucLearned = 0, aucRecency = 0;
    int customers = 0;
    std::vector<ReliabilityBin> calibration;
};

ChurnChoice chooseChurn(const std::vector<CustomerDays>& customers, int day, const ChurnOptions& co, const Progress& progress)
{
    ChurnChoice c;
    const int h = co.horizon, valCut = day - h;
    try {
        const auto e = eligibleAt(customers, valCut, h);
        const auto learned = ChurnModel::train(customers, valCut, co, progress);
        const auto pLearned = learned.predict(e.sums, fitAt(summariseAll(customers, valCut)));
        const auto recency = fitRecencyChurn(customers, valCut - h, h);
        std::vector<double> pRecency;
        for (const double r : e.recency)
            pRecency.push_back(recency(r));
        c.customers = int(e.sums.size());
        c.aucLearned = rocAuc(pLearned, e.churned);
        c.aucRecency = rocAuc(pRecency, e.churned);
        c.model = c.aucLearned > c.aucRecency ? ServedModel::Learned : ServedModel::Recency;
        c.calibration = reliability(c.model == ServedModel::Learned ? pLearned : pRecency, e.churned);
    } catch (const Error& err) {
        if (err.code() == ErrorCode::Cancelled)
            throw;
        c = ChurnChoice{};
    }
    return c;
}

// The recency baseline's P(churn), its rate table refitted on the windows up to `day`.
std::vector<double> recencyChurn(const std::vector<CustomerDays>& customers, int day, const ChurnOptions& co,
                                 const std::vector<Summary>& sums)
{
    const auto recency = fitRecencyChurn(customers, day - co.horizon, co.horizon);
    std::vector<double> p;
    for (const auto& s : sums)
        p.push_back(recency(s.T - s.tx));
    return p;
}

// P(churn) from `model` refitted on everything up to `day`, for customers summarised at `day`
// (BG/NBD fitted at `day` feeds the learned model).
std::vector<double> serveChurn(ServedModel model, const std::vector<CustomerDays>& customers, int day, const ChurnOptions& co,
                               const std::vector<Summary>& sums, const BgNbdParams& bgnbd, const Progress& progress)
{
    if (model == ServedModel::Learned)
        return ChurnModel::train(customers, day, co, progress).predict(sums, bgnbd);
    return recencyChurn(customers, day, co, sums);
}

struct NextCategoryChoice {
    ServedModel model = ServedModel::Frequent;
    double accuracyLearned = 0, accuracyFrequent = 0;
    int customers = 0;
};

// The same for the next category: learned model against the customer's own category shares, top-1
// accuracy on the first order in (day - horizon, day].
NextCategoryChoice chooseNextCategory(const CategoryData& cats, int day, int horizon, const Progress& progress)
{
    NextCategoryChoice c;
    const int valCut = day - horizon;
    try {
        const auto model = NextCategoryModel::train(cats.histories, int(cats.ids.size()), valCut, {}, progress);
        const auto guesses = model.predict(cats.histories, valCut, 1);
        const auto share = globalShares(cats, valCut);
        int learnedHit = 0, frequentHit = 0;
        for (std::size_t i = 0; i < cats.histories.size(); ++i) {
            if (guesses[i].empty())
                continue;
            const int next = nextCategoryIn(cats.histories[i], valCut, day);
            if (next < 0)
                continue;
            ++c.customers;
            learnedHit += guesses[i][0].category == next;
            frequentHit += frequentCategories(cats.histories[i], valCut, share, 1).at(0).category == next;
        }
        if (c.customers > 0) {
            c.accuracyLearned = double(learnedHit) / c.customers;
            c.accuracyFrequent = double(frequentHit) / c.customers;
        }
        c.model = learnedHit > frequentHit ? ServedModel::Learned : ServedModel::Frequent;
    } catch (const Error& err) {
        if (err.code() == ErrorCode::Cancelled)
            throw;
        c = NextCategoryChoice{};
    }
    return c;
}

std::vector<std::vector<CategoryGuess>> serveNextCategory(ServedModel model, const CategoryData& cats, int day, int k,
                                                          const Progress& progress)
{
    if (model == ServedModel::Learned)
        return NextCategoryModel::train(cats.histories, int(cats.ids.size()), day, {}, progress).predict(cats.histories, day, k);
    const auto share = globalShares(cats, day);
    std::vector<std::vector<CategoryGuess>> out;
    for (const auto& h : cats.histories)
        out.push_back(frequentCategories(h, day, share, k));
    return out;
}

} // namespace

double rocAuc(const std::vector<double>& score, const std::vector<int>& label)
{
    std::vector<std::size_t> idx(score.size());
    for (std::size_t i = 0; i < idx.size(); ++i)
        idx[i] = i;
    std::sort(idx.begin(), idx.end(), [&](auto a, auto b) { return score[a] < score[b]; });
    double pos = 0, neg = 0, rankSum = 0;
    for (std::size_t i = 0; i < idx.size();) {
        std::size_t j = i;
        while (j < idx.size() && score[idx[j]] == score[idx[i]])
            ++j;
        const double avgRank = 0.5 * double(i + 1 + j); // ranks i+1 .. j
        for (std::size_t k = i; k < j; ++k)
            if (label[idx[k]]) {
                rankSum += avgRank;
                ++pos;
            } else
                ++neg;
        i = j;
    }
    if (pos == 0 || neg == 0)
        return 0.5;
    return (rankSum - pos * (pos + 1) / 2) / (pos * neg);
}

int lastOrderDay(store::Database& db)
{
    const auto last = db.queryInt("SELECT MAX(created_at) FROM orders");
    if (!last)
        throw Error(ErrorCode::InvalidArgument, "the store has no orders: nothing to predict from");
    return dayOf(*last);
}

PredictionEval evalPredictions(store::Database& db, int cutoffDay, int horizonDays, const Progress& progress)
{
    if (horizonDays < 1)
        throw Error(ErrorCode::InvalidArgument, "the prediction horizon must be at least one day");
    const int last = lastOrderDay(db);
    if (last < cutoffDay + horizonDays)
        throw Error(ErrorCode::InvalidArgument, "the store's orders end on " + isoFromDay(last) + ": the cut-off must be at least " +
                                                    std::to_string(horizonDays) + " days earlier (" + isoFromDay(last - horizonDays) +
                                                    " or before)");
    ProgressReporter rep(progress);
    PredictionEval ev;
    ev.cutoffDay = cutoffDay;
    ev.horizonDays = horizonDays;
    const auto log = readTransactionsStore(db);
    const auto customers = groupByDay(log);

    // Churn.
    ChurnOptions co;
    co.horizon = horizonDays;
    const auto churn = ChurnModel::train(customers, cutoffDay, co, subProgress(progress, 0.0, 0.4));
    const auto e = eligibleAt(customers, cutoffDay, horizonDays);
    const auto prob = churn.predict(e.sums, fitAt(summariseAll(customers, cutoffDay)));
    ev.churnCustomers = int(e.sums.size());
    ev.churnRocAuc = rocAuc(prob, e.churned);
    ev.churnBaselineRocAuc = rocAuc(e.recency, e.churned);
    ev.churnReliability = reliability(prob, e.churned);
    // What the app serves at this cut-off: the model chosen on the window before it.
    ev.churnServedModel = chooseChurn(customers, cutoffDay, co, subProgress(progress, 0.4, 0.45)).model;
    const auto served = ev.churnServedModel == ServedModel::Learned ? prob : recencyChurn(customers, cutoffDay, co, e.sums);
    ev.churnServedRocAuc = rocAuc(served, e.churned);
    for (std::size_t i = 0; i < prob.size(); ++i) {
        ev.churnRate += e.churned[i];
        ev.churnBrier += (prob[i] - e.churned[i]) * (prob[i] - e.churned[i]);
    }
    if (!prob.empty()) {
        ev.churnRate /= double(prob.size());
        ev.churnBrier /= double(prob.size());
    }
    rep.report(0.5, "next category");

    // Next category.
    const auto cats = loadCategories(db);
    ev.categories = int(cats.ids.size());
    const auto model = NextCategoryModel::train(cats.histories, ev.categories, cutoffDay, {}, subProgress(progress, 0.5, 0.95));
    const auto guesses = model.predict(cats.histories, cutoffDay, 3);
    const auto share = globalShares(cats, cutoffDay);
    ev.nextCategoryServedModel = chooseNextCategory(cats, cutoffDay, horizonDays, {}).model;
    const int globalTop = int(std::max_element(share.begin(), share.end()) - share.begin());
    int hit = 0, hit3 = 0, base = 0, globalHit = 0, n = 0;
    for (std::size_t i = 0; i < cats.histories.size(); ++i) {
        if (guesses[i].empty())
            continue; // not enough history
        const int next = nextCategoryIn(cats.histories[i], cutoffDay, cutoffDay + horizonDays);
        if (next < 0)
            continue;
        ++n;
        hit += guesses[i][0].category == next;
        for (const auto& g : guesses[i])
            hit3 += g.category == next;
        base += frequentCategories(cats.histories[i], cutoffDay, share, 1).at(0).category == next;
        globalHit += globalTop == next;
    }
    ev.nextCategoryCustomers = n;
    ev.nextCategoryServedAccuracy = ev.nextCategoryServedModel == ServedModel::Learned ? double(hit) : double(base);
    if (n > 0) {
        ev.nextCategoryServedAccuracy /= n;
        ev.nextCategoryAccuracy = double(hit) / n;
        ev.nextCategoryTop3Accuracy = double(hit3) / n;
        ev.nextCategoryBaselineAccuracy = double(base) / n;
        ev.nextCategoryGlobalBaselineAccuracy = double(globalHit) / n;
    }
    rep.report(1.0, "evaluated predictions");
    return ev;
}

const char* servedModelId(ServedModel m)
{
    switch (m) {
    case ServedModel::None: return "";
    case ServedModel::Learned: return "learned";
    case ServedModel::Bgnbd: return "bgnbd";
    case ServedModel::Recency: return "recency";
    case ServedModel::Frequent: return "frequent";
    }
    return "";
}

CustomerPredictions predictCustomers(store::Database& db, int asOfDay, const Progress& progress)
{
    ProgressReporter rep(progress);
    CustomerPredictions out;
    out.asOfDay = asOfDay;
    out.horizonDays = 90;
    const auto log = readTransactionsStore(db);
    const auto customers = groupByDay(log);
    std::vector<const CustomerDays*> who;
    const auto sums = summariseAll(customers, asOfDay, &who);
    if (sums.size() < 10)
        throw Error(ErrorCode::InvalidArgument, "only " + std::to_string(sums.size()) + " customers bought on or before " +
                                                    isoFromDay(asOfDay) + ": too few for predictions");
    out.bgnbd = fitAt(sums);
    std::vector<SpendPoint> spend;
    for (const auto& s : sums)
        spend.push_back({s.x, s.monetary});
    bool haveSpend = true;
    try {
        out.spend = fitGammaGamma(spend).params;
    } catch (const Error&) {
        haveSpend = false;
    }
    rep.report(0.1, "training the purchase model");
    std::vector<double> purchases(sums.size());
    out.purchaseModel = ServedModel::Bgnbd;
    try {
        const auto model = ClvModel::train(customers, asOfDay, {}, subProgress(progress, 0.1, 0.6));
        out.validationMaeLearned = model.report().validationMae;
        out.validationMaeBgnbd = model.report().validationBgnbdMae;
        if (model.report().validationMae < model.report().validationBgnbdMae) {
            out.purchaseModel = ServedModel::Learned;
            purchases = model.predict(sums, out.bgnbd, out.horizonDays);
        }
    } catch (const Error&) {
        // calibration history too short for the learned model: BG/NBD alone
    }
    if (out.purchaseModel == ServedModel::Bgnbd)
        for (std::size_t i = 0; i < sums.size(); ++i)
            purchases[i] = bgnbdConditionalExpected(out.bgnbd, sums[i].x, sums[i].tx, sums[i].T, out.horizonDays);
    ChurnOptions co;
    co.horizon = out.horizonDays;
    const auto churnChoice = chooseChurn(customers, asOfDay, co, subProgress(progress, 0.6, 0.68));
    out.churnModel = churnChoice.model;
    out.validationChurnAucLearned = churnChoice.aucLearned;
    out.validationChurnAucRecency = churnChoice.aucRecency;
    out.validationChurnCustomers = churnChoice.customers;
    out.churnCalibration = churnChoice.calibration;
    std::vector<double> churnProb(sums.size(), -1);
    try {
        churnProb = serveChurn(out.churnModel, customers, asOfDay, co, sums, out.bgnbd, subProgress(progress, 0.68, 0.8));
    } catch (const Error& err) {
        if (err.code() == ErrorCode::Cancelled)
            throw;
        out.churnModel = ServedModel::None; // too little history for any churn figure
    }

    rep.report(0.8, "validating the next-category model");
    const auto cats = loadCategories(db);
    const auto nextChoice = chooseNextCategory(cats, asOfDay, out.horizonDays, subProgress(progress, 0.8, 0.87));
    out.nextCategoryModel = nextChoice.model;
    out.validationNextCategoryLearned = nextChoice.accuracyLearned;
    out.validationNextCategoryFrequent = nextChoice.accuracyFrequent;
    out.validationNextCategoryCustomers = nextChoice.customers;
    const auto guesses = serveNextCategory(nextChoice.model, cats, asOfDay, 3, subProgress(progress, 0.87, 0.97));
    for (std::size_t i = 0; i < sums.size(); ++i) {
        const auto& s = sums[i];
        CustomerPrediction cp;
        cp.customerId = std::stoll(log.customerKeys[std::size_t(who[i]->customer)]);
        cp.purchaseDays = int(s.x) + 1;
        if (cp.purchaseDays < kMinPurchaseDaysForPrediction) {
            ++out.notEnoughHistory;
            out.customers.push_back(cp);
            continue;
        }
        cp.state = PredictionState::Ok;
        cp.expectedPurchases = purchases[i];
        cp.expectedSpend = haveSpend ? purchases[i] * gammaGammaConditionalSpend(out.spend, s.x, s.monetary) : 0;
        cp.probAlive = bgnbdProbAlive(out.bgnbd, s.x, s.tx, s.T);
        cp.churnProbability = churnProb[i];
        if (const auto h = cats.byCustomer.find(cp.customerId); h != cats.byCustomer.end())
            for (const auto& g : guesses[h->second])
                cp.nextCategory.push_back({cats.ids[std::size_t(g.category)], cats.names[std::size_t(g.category)], g.probability});
        out.customers.push_back(std::move(cp));
    }
    rep.report(1.0, "predictions ready");
    return out;
}

} // namespace shoppilot::segments
