// Optimiser: every rule holds for random products and rule sets (checked against a brute-force
// search of every ending-conforming price), endings, ladders, and the binding-rule explanation.
#include <QtTest>

#include <cmath>

#include "common/random.h"
#include "pricing/optimizer.h"

using namespace shoppilot;
using namespace shoppilot::pricing;

namespace {

ProductInput product(double price, std::optional<double> cost, double elasticity, std::optional<double> comp = std::nullopt)
{
    ProductInput p;
    p.productId = 1;
    p.sku = "X";
    p.price = price;
    p.cost = cost;
    p.competitor = comp;
    p.hasElasticity = true;
    p.demand.level = std::log(100.0);
    p.demand.logPriceMean = std::log(price);
    p.demand.elasticity = elasticity;
    p.demand.elasticityVar = 0.01;
    p.demand.cost = cost ? *cost : NAN;
    p.demand.minPrice = price * 0.8;
    p.demand.maxPrice = price * 1.2;
    return p;
}

// `kept`: the recommendation keeps today's price (no target), which the ending rule does not touch.
bool obeys(double price, const ProductInput& p, const Rules& r, const StrategySpec& s, bool kept = false)
{
    const double eps = 1e-6;
    if (r.floor && price < *r.floor - eps)
        return false;
    if (r.ceiling && price > *r.ceiling + eps)
        return false;
    if (r.minMarginPct && p.cost && (price - *p.cost) / price * 100 < *r.minMarginPct - eps)
        return false;
    if (r.maxChangePct && std::abs(price / p.price - 1) * 100 > *r.maxChangePct + eps)
        return false;
    if (r.competitorBandPct && p.competitor && std::abs(price / *p.competitor - 1) * 100 > *r.competitorBandPct + eps)
        return false;
    if (s.strategy == Strategy::ElasticityOptimal && r.maxExtrapolationPct
        && (price < p.demand.minPrice * (1 - *r.maxExtrapolationPct / 100) - eps
            || price > p.demand.maxPrice * (1 + *r.maxExtrapolationPct / 100) + eps))
        return false;
    return (kept && std::abs(price - p.price) < 1e-9) || hasEnding(price, r.ending);
}

} // namespace

class TestOptimizer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void endings()
    {
        QCOMPARE(*applyEnding(12.34, PriceEnding::N99, 0, 100), 11.99);
        QCOMPARE(*applyEnding(12.80, PriceEnding::N99, 0, 100), 12.99);
        QCOMPARE(*applyEnding(12.34, PriceEnding::N90, 0, 100), 11.90);
        QCOMPARE(*applyEnding(12.34, PriceEnding::Whole, 0, 100), 12.0);
        QCOMPARE(*applyEnding(12.60, PriceEnding::Whole, 0, 100), 13.0);
        QCOMPARE(*applyEnding(12.345, PriceEnding::None, 0, 100), 12.35);
        // The nearer ending is outside the interval: the other one inside it wins.
        QCOMPARE(*applyEnding(12.10, PriceEnding::N99, 12.05, 100), 12.99);
        // No .99 between 12.00 and 12.50.
        QVERIFY(!applyEnding(12.2, PriceEnding::N99, 12.0, 12.5));
        QVERIFY(hasEnding(9.99, PriceEnding::N99));
        QVERIFY(!hasEnding(9.95, PriceEnding::N99));
        QVERIFY(hasEnding(10.0, PriceEnding::Whole));
    }

    void profitOptimumClosedForm()
    {
        // e = -3, cost 10: p* = 10 * 3 / 2 = 15 (no binding rule, no ending).
        auto p = product(14, 10, -3);
        Rules r;
        r.ending = PriceEnding::None;
        r.maxExtrapolationPct.reset();
        const auto rec = recommend(p, {}, r);
        QCOMPARE(rec.binding, Binding::None);
        QVERIFY(std::abs(rec.price - 15.0) < 0.006);
        // It is the maximum: nearby prices earn less.
        QVERIFY(*simulate(p.demand, 14.5).profit < *rec.next.profit);
        QVERIFY(*simulate(p.demand, 15.5).profit < *rec.next.profit);
        QVERIFY(*rec.profitDelta() > 0);
        // Revenue with elastic demand wants the lowest allowed price: the max-change rule binds.
        StrategySpec rev;
        rev.objective = Objective::Revenue;
        r.maxChangePct = 10;
        const auto rr = recommend(p, rev, r);
        QCOMPARE(rr.binding, Binding::MaxChange);
        QVERIFY(std::abs(rr.price - 12.6) < 0.006);
    }

    void bindingRuleIsNamed()
    {
        auto p = product(20, 8, -1.5, 22.0);
        StrategySpec cp;
        cp.strategy = Strategy::CostPlus;
        cp.markupPct = 200; // target 24
        Rules r;
        r.ceiling = 21.5;
        const auto rec = recommend(p, cp, r);
        QCOMPARE(rec.binding, Binding::Ceiling);
        QCOMPARE(rec.price, 20.99);
        QVERIFY(explain(rec, cp).find("ceiling") != std::string::npos);

        Rules m;
        m.minMarginPct = 70; // cost 8 -> at least 26.67
        StrategySpec comp;
        comp.strategy = Strategy::Competitor;
        comp.competitorMode = CompetitorMode::Undercut;
        comp.undercutPct = 5;
        const auto mm = recommend(p, comp, m);
        QCOMPARE(mm.binding, Binding::MinMargin);
        QCOMPARE(mm.price, 26.99);
        QVERIFY(std::abs(mm.target - 20.9) < 1e-9);

        // Contradictory rules: a ceiling below the margin floor. The higher-priority ceiling holds
        // and the margin rule is reported as giving way.
        Rules bad;
        bad.ceiling = 10;
        bad.minMarginPct = 50;
        const auto b = recommend(p, cp, bad);
        QVERIFY(b.price <= 10);
        QCOMPARE(int(b.conflicts.size()), 1);
        QCOMPARE(b.conflicts.front(), Binding::MinMargin);
    }

    void noEstimateKeepsThePrice()
    {
        auto p = product(20, 8, -2);
        p.hasElasticity = false;
        Rules r;
        const auto rec = recommend(p, {}, r);
        QCOMPARE(rec.binding, Binding::NoEstimate);
        QCOMPARE(rec.price, 20.0); // today's price: a kept price is not re-ended to 19.99
        auto q = product(20, std::nullopt, -2);
        QCOMPARE(recommend(q, {}, r).binding, Binding::NoCost);
        // The Online Retail case: no cost, priced 1.04, "the price is kept" means 1.04, not 0.99.
        const auto cheap = recommend(product(1.04, std::nullopt, -2), {}, r);
        QCOMPARE(cheap.binding, Binding::NoCost);
        QCOMPARE(cheap.price, 1.04);
        QVERIFY(cheap.conflicts.empty());
        // A rule that moves a kept price still gets the ending: a floor above today's price.
        Rules floor;
        floor.floor = 21.5;
        const auto moved = recommend(q, {}, floor);
        QVERIFY(moved.price >= 21.5);
        QVERIFY(hasEnding(moved.price, floor.ending));
        StrategySpec comp;
        comp.strategy = Strategy::Competitor;
        QCOMPARE(recommend(q, comp, r).binding, Binding::NoCompetitor);
    }

    // Random products and rule sets: whenever some ending-conforming price satisfies every rule
    // (brute force over all cents), the recommendation satisfies them all and reports no conflict.
    void propertyEveryRuleObeyed()
    {
        Rng rng(2024, 5);
        int feasible = 0, checked = 0;
        for (int trial = 0; trial < 3000; ++trial) {
            const double price = std::round(rng.uniform(1, 200) * 100) / 100;
            const double cost = price * rng.uniform(0.2, 0.9);
            const double e = rng.uniform(-4, -0.3);
            const std::optional<double> comp = rng.bernoulli(0.7) ? std::optional<double>(price * rng.uniform(0.7, 1.3)) : std::nullopt;
            auto p = product(price, rng.bernoulli(0.9) ? std::optional<double>(cost) : std::nullopt, e, comp);
            Rules r;
            if (rng.bernoulli(0.6))
                r.minMarginPct = rng.uniform(0, 60);
            if (rng.bernoulli(0.6))
                r.maxChangePct = rng.uniform(1, 30);
            if (rng.bernoulli(0.3))
                r.floor = price * rng.uniform(0.5, 1.1);
            if (rng.bernoulli(0.3))
                r.ceiling = price * rng.uniform(0.9, 1.6);
            if (rng.bernoulli(0.4))
                r.competitorBandPct = rng.uniform(2, 25);
            if (rng.bernoulli(0.3))
                r.maxExtrapolationPct.reset();
            r.ending = PriceEnding(rng.range(0, 3));
            StrategySpec s;
            s.strategy = Strategy(rng.range(0, 2));
            s.objective = Objective(rng.range(0, 2));
            s.competitorMode = CompetitorMode(rng.range(0, 2));
            s.markupPct = rng.uniform(0, 150);
            s.undercutPct = rng.uniform(0, 10);
            const auto rec = recommend(p, s, r);
            const bool kept = std::isnan(rec.target) && rec.price == p.price; // today's price: the ending does not apply
            // Brute force: does any cent price in (0, 4 x price] obey everything?
            bool any = kept && obeys(p.price, p, r, s, true);
            for (std::int64_t c = 1; c <= std::int64_t(price * 400) && !any; ++c)
                any = obeys(double(c) / 100, p, r, s);
            ++checked;
            if (!any) {
                QVERIFY2(!rec.conflicts.empty(), qPrintable(QString("trial %1: infeasible rules but no conflict").arg(trial)));
                continue;
            }
            ++feasible;
            QVERIFY2(rec.conflicts.empty(), qPrintable(QString("trial %1: feasible but conflict %2").arg(trial).arg(rec.conflicts.empty() ? "" : bindingName(rec.conflicts.front()))));
            QVERIFY2(obeys(rec.price, p, r, s, kept), qPrintable(QString("trial %1: %2 breaks a rule (%3)").arg(trial).arg(rec.price).arg(QString::fromStdString(explain(rec, s)))));
        }
        QVERIFY(feasible > checked / 2);
    }

    void ladderStaysOrdered()
    {
        // Three sizes whose individual optima are reversed (the big one is the most elastic).
        std::vector<ProductInput> ps;
        const double es[] = {-1.5, -2.0, -4.0};
        for (int k = 0; k < 3; ++k) {
            auto p = product(10 + 3 * k, 4.0 + k, es[k]);
            p.productId = k + 1;
            p.ladderGroup = "L1";
            p.ladderRank = k + 1;
            p.demand.minPrice = 5;
            p.demand.maxPrice = 40;
            ps.push_back(p);
        }
        Rules r;
        r.maxExtrapolationPct.reset();
        Rules noLadder = r;
        noLadder.ladder = false;
        const auto alone = recommendBatch(ps, {}, noLadder);
        QVERIFY(alone[2].price < alone[1].price || alone[1].price < alone[0].price); // the optima really are out of order
        const auto recs = recommendBatch(ps, {}, r);
        QVERIFY(recs[0].price < recs[1].price);
        QVERIFY(recs[1].price < recs[2].price);
        for (const auto& rec : recs) {
            QVERIFY(hasEnding(rec.price, r.ending));
            QVERIFY(rec.conflicts.empty());
        }
        bool ladderBinds = false;
        for (const auto& rec : recs)
            ladderBinds |= rec.binding == Binding::Ladder;
        QVERIFY(ladderBinds);

        // Random ladders: ordered whenever no conflict is reported, every other rule still held.
        Rng rng(99, 3);
        for (int trial = 0; trial < 500; ++trial) {
            std::vector<ProductInput> g;
            const int n = int(rng.range(2, 5));
            double base = rng.uniform(3, 50);
            for (int k = 0; k < n; ++k) {
                auto p = product(std::round(base * 100) / 100, base * rng.uniform(0.3, 0.7), rng.uniform(-4, -1.2));
                p.productId = k + 1;
                p.ladderGroup = "G";
                p.ladderRank = k + 1;
                g.push_back(p);
                base *= rng.uniform(1.05, 1.4);
            }
            Rules rr;
            rr.minMarginPct = rng.uniform(0, 40);
            rr.maxChangePct = rng.uniform(5, 30);
            const auto out = recommendBatch(g, {}, rr);
            bool conflict = false;
            for (const auto& o : out)
                conflict |= !o.conflicts.empty();
            for (int k = 0; k < n; ++k)
                QVERIFY(obeys(out[std::size_t(k)].price, g[std::size_t(k)], rr, StrategySpec{}) || !out[std::size_t(k)].conflicts.empty());
            if (!conflict)
                for (int k = 1; k < n; ++k)
                    QVERIFY2(out[std::size_t(k - 1)].price < out[std::size_t(k)].price, qPrintable(QString("trial %1").arg(trial)));
        }
    }

    void singleProductRespectsSiblings()
    {
        auto p = product(20, 5, -1.2); // inelastic-ish: wants to go up
        Rules r;
        r.maxExtrapolationPct.reset();
        const auto rec = recommend(p, {}, r, 15.0, 22.0);
        QVERIFY(rec.price < 22.0 && rec.price > 15.0);
        QCOMPARE(rec.binding, Binding::Ladder);
    }
};

QTEST_GUILESS_MAIN(TestOptimizer)
#include "tst_optimizer.moc"
