#include "segments/predictions.h"

#include <algorithm>
#include <cmath>
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

// A Progress for the [a, b] part of `p`'s range (ProgressReporter::callback() is the unmapped one).
Progress subProgress(const Progress& p, double a, double b)
{
    if (!p)
        return {};
    return [p, a, b](double f, std::string_view what) { return p(a + (b - a) * f, what); };
}


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
    std::vector<const CustomerDays*> who;
    const auto all = summariseAll(customers, cutoffDay, &who);
    const auto p = fitAt(all);
    std::vector<Summary> eligible;
    std::vector<int> label;
    std::vector<double> recency;
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].x + 1 >= kMinPurchaseDaysForPrediction) {
            eligible.push_back(all[i]);
            label.push_back(countDays(*who[i], cutoffDay, cutoffDay + horizonDays) == 0 ? 1 : 0);
            recency.push_back(all[i].T - all[i].tx);
        }
    const auto prob = churn.predict(eligible, p);
    ev.churnCustomers = int(eligible.size());
    ev.churnRocAuc = rocAuc(prob, label);
    ev.churnBaselineRocAuc = rocAuc(recency, label);
    ev.churnReliability.resize(10);
    for (int b = 0; b < 10; ++b)
        ev.churnReliability[std::size_t(b)].lo = b / 10.0, ev.churnReliability[std::size_t(b)].hi = (b + 1) / 10.0;
    for (std::size_t i = 0; i < prob.size(); ++i) {
        ev.churnRate += label[i];
        ev.churnBrier += (prob[i] - label[i]) * (prob[i] - label[i]);
        auto& bin = ev.churnReliability[std::size_t(std::clamp(int(prob[i] * 10), 0, 9))];
        ++bin.count;
        bin.meanPredicted += prob[i];
        bin.observedRate += label[i];
    }
    if (!prob.empty()) {
        ev.churnRate /= double(prob.size());
        ev.churnBrier /= double(prob.size());
    }
    for (auto& b : ev.churnReliability)
        if (b.count) {
            b.meanPredicted /= b.count;
            b.observedRate /= b.count;
        }
    rep.report(0.5, "next category");

    // Next category.
    const auto cats = loadCategories(db);
    ev.categories = int(cats.ids.size());
    const auto model = NextCategoryModel::train(cats.histories, ev.categories, cutoffDay, {}, subProgress(progress, 0.5, 0.95));
    const auto guesses = model.predict(cats.histories, cutoffDay, 3);
    std::vector<int> globalCount(std::size_t(ev.categories), 0);
    for (const auto& h : cats.histories)
        for (const auto& o : h.orders)
            if (o.day <= cutoffDay)
                ++globalCount[std::size_t(o.category)];
    const int globalTop = int(std::max_element(globalCount.begin(), globalCount.end()) - globalCount.begin());
    int hit = 0, hit3 = 0, base = 0, globalHit = 0, n = 0;
    for (std::size_t i = 0; i < cats.histories.size(); ++i) {
        const auto& o = cats.histories[i].orders;
        if (guesses[i].empty())
            continue; // not enough history
        const auto next = std::find_if(o.begin(), o.end(), [&](const CategoryOrder& c) { return c.day > cutoffDay; });
        if (next == o.end() || next->day > cutoffDay + horizonDays)
            continue;
        ++n;
        hit += guesses[i][0].category == next->category;
        for (const auto& g : guesses[i])
            hit3 += g.category == next->category;
        // The customer's most frequent category so far, ties to the most recent.
        std::map<int, std::pair<int, int>> count; // category -> (count, last position)
        int pos = 0;
        for (auto it = o.begin(); it != next; ++it, ++pos) {
            auto& c = count[it->category];
            ++c.first;
            c.second = pos;
        }
        const auto fav = std::max_element(count.begin(), count.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        base += fav->first == next->category;
        globalHit += globalTop == next->category;
    }
    ev.nextCategoryCustomers = n;
    if (n > 0) {
        ev.nextCategoryAccuracy = double(hit) / n;
        ev.nextCategoryTop3Accuracy = double(hit3) / n;
        ev.nextCategoryBaselineAccuracy = double(base) / n;
        ev.nextCategoryGlobalBaselineAccuracy = double(globalHit) / n;
    }
    rep.report(1.0, "evaluated predictions");
    return ev;
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
    out.purchaseModel = "bgnbd";
    try {
        const auto model = ClvModel::train(customers, asOfDay, {}, subProgress(progress, 0.1, 0.6));
        out.validationMaeLearned = model.report().validationMae;
        out.validationMaeBgnbd = model.report().validationBgnbdMae;
        if (model.report().validationMae < model.report().validationBgnbdMae) {
            out.purchaseModel = "learned";
            purchases = model.predict(sums, out.bgnbd, out.horizonDays);
        }
    } catch (const Error&) {
        // calibration history too short for the learned model: BG/NBD alone
    }
    if (out.purchaseModel == "bgnbd")
        for (std::size_t i = 0; i < sums.size(); ++i)
            purchases[i] = bgnbdConditionalExpected(out.bgnbd, sums[i].x, sums[i].tx, sums[i].T, out.horizonDays);
    ChurnOptions co;
    co.horizon = out.horizonDays;
    std::vector<double> churnProb(sums.size(), -1);
    try {
        const auto churn = ChurnModel::train(customers, asOfDay, co, subProgress(progress, 0.6, 0.8));
        churnProb = churn.predict(sums, out.bgnbd);
    } catch (const Error&) {
    }
    rep.report(0.8, "training the next-category model");
    const auto cats = loadCategories(db);
    std::vector<std::vector<CategoryGuess>> guesses(cats.histories.size());
    try {
        const auto nc = NextCategoryModel::train(cats.histories, int(cats.ids.size()), asOfDay, {}, subProgress(progress, 0.8, 0.95));
        guesses = nc.predict(cats.histories, asOfDay, 3);
    } catch (const Error&) {
    }
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
