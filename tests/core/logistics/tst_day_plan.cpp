// The store's delivery day: unassigned stops get the reason found by checking them alone (capacity,
// time window, shift, fleet) on a constructed day; every route of a solved plan respects its own
// vehicle's capacity and shift and every window (the independent checker too); a drag is judged
// at once; locked routes are kept and new orders inserted; a plan saved to a tiny demo store reads
// back the same.
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "demo/demo_generator.h"
#include "logistics/day_plan.h"
#include "logistics/route_check.h"
#include "store/database.h"

using namespace shoppilot;
using namespace shoppilot::logistics;

namespace {

constexpr double kLat = 51.5, kLon = 0.0;
constexpr double kDegPerMinute = 35.0 / 60.0 / 110.574; // latitude degrees per travel minute at 35 km/h

Stop stopAt(double minutesNorth, double minutesEast, int units, std::int64_t id)
{
    Stop s;
    s.shipmentId = id;
    s.orderRef = "SP-" + std::to_string(id);
    s.lat = kLat + minutesNorth * kDegPerMinute;
    s.lon = kLon + minutesEast * kDegPerMinute / std::cos(kLat * M_PI / 180.0) * 110.574 / 111.320;
    s.units = units;
    s.serviceMinutes = 5;
    return s;
}

DayProblem constructed()
{
    DayProblem p;
    p.depot = "Test depot";
    p.depotLat = kLat;
    p.depotLon = kLon;
    p.opens = 6 * 60;
    p.closes = 22 * 60;
    p.vehicles = {{1, "Truck", 10, 8 * 60, 17 * 60}, {2, "Van", 5, 8 * 60, 12 * 60}};
    // 1..8: small nearby stops, 20 units in all (more than the fleet's 15).
    for (int i = 0; i < 8; ++i)
        p.stops.push_back(stopAt(5 + i, 3 - i, i < 4 ? 3 : 2, 100 + i));
    p.stops.push_back(stopAt(2, 2, 20, 200));       // 9: more than the largest vehicle
    Stop early = stopAt(60, 0, 1, 300);             // 10: an hour away, window 08:00-08:10
    early.hasWindow = true;
    early.windowStart = 8 * 60;
    early.windowEnd = 8 * 60 + 10;
    p.stops.push_back(early);
    p.stops.push_back(stopAt(-300, 0, 1, 400));     // 11: five hours away: back after every shift
    buildInstance(p);
    return p;
}

DayOptions quick(double seconds = 0.5)
{
    DayOptions o;
    o.search.timeLimitSeconds = seconds;
    o.search.seed = 3;
    return o;
}

void verifyPlan(const DayProblem& p, const DayPlan& plan)
{
    std::set<int> seen;
    std::vector<std::vector<int>> routes;
    std::vector<int> unassigned;
    for (const auto& r : plan.routes) {
        const RouteFigures f = evaluateRoute(p, r.vehicle, r.stops);
        QVERIFY2(f.feasible(), (p.vehicles[std::size_t(r.vehicle)].name + " infeasible").c_str());
        QVERIFY(f.load <= p.vehicles[std::size_t(r.vehicle)].capacity);
        for (const int n : r.stops)
            QVERIFY(seen.insert(n).second);
        routes.push_back(r.stops);
    }
    for (const auto& u : plan.unassigned) {
        QVERIFY(seen.insert(u.node).second);
        QVERIFY(u.reason != Reason::None);
        unassigned.push_back(u.node);
    }
    QCOMPARE(int(seen.size()), int(p.stops.size()));
    const CheckResult c = checkSolution(p.instance, routes, unassigned);
    QVERIFY2(c.feasible(), c.violations.empty() ? "" : c.violations.front().c_str());
}

Reason reasonOf(const DayPlan& plan, int node)
{
    for (const auto& u : plan.unassigned)
        if (u.node == node)
            return u.reason;
    return Reason::None;
}

} // namespace

class TestDayPlan : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void reasonsForUnassignedStops()
    {
        const DayProblem p = constructed();
        QCOMPARE(explain(p, 9).reason, Reason::Capacity);
        QCOMPARE(explain(p, 10).reason, Reason::TimeWindow);
        QCOMPARE(explain(p, 11).reason, Reason::Shift);
        QCOMPARE(explain(p, 1).reason, Reason::Fleet);
        const DayPlan plan = solveDay(p, quick());
        verifyPlan(p, plan);
        QCOMPARE(reasonOf(plan, 9), Reason::Capacity);
        QCOMPARE(reasonOf(plan, 10), Reason::TimeWindow);
        QCOMPARE(reasonOf(plan, 11), Reason::Shift);
        // 20 units of small stops for 15 units of vehicles: at least 5 units stay, for want of a fleet.
        int fleetUnits = 0;
        for (const auto& u : plan.unassigned)
            if (u.reason == Reason::Fleet)
                fleetUnits += p.stops[std::size_t(u.node - 1)].units;
        QVERIFY(fleetUnits >= 5);
        QCOMPARE(planTotals(p, plan).served + int(plan.unassigned.size()), int(p.stops.size()));
    }

    void dragsAreJudgedAtOnce()
    {
        const DayProblem p = constructed();
        const DayPlan plan = solveDay(p, quick());
        int truck = -1, van = -1;
        for (int r = 0; r < int(plan.routes.size()); ++r)
            (p.vehicles[std::size_t(plan.routes[std::size_t(r)].vehicle)].name == "Truck" ? truck : van) = r;
        QVERIFY(truck >= 0 && van >= 0);
        QVERIFY(!plan.routes[std::size_t(truck)].stops.empty());
        // The van is full (or nearly): moving a 3-unit stop from the truck overloads it...
        const int vanLoad = evaluateRoute(p, plan.routes[std::size_t(van)].vehicle, plan.routes[std::size_t(van)].stops).load;
        int heavy = -1;
        for (const int n : plan.routes[std::size_t(truck)].stops)
            if (p.stops[std::size_t(n - 1)].units + vanLoad > 5)
                heavy = n;
        QVERIFY(heavy > 0);
        const MoveResult over = moveStop(p, plan, heavy, van);
        QVERIFY(!over.feasible);
        QVERIFY2(over.problem.find("capacity") != std::string::npos, over.problem.c_str());
        // ...while taking a stop off the plan is feasible, shortens it, and gives a reason.
        const MoveResult off = moveStop(p, plan, heavy, -1);
        QVERIFY(off.feasible);
        QVERIFY(off.deltaKm <= 1e-9);
        QCOMPARE(reasonOf(off.plan, heavy), Reason::Fleet);
        // Putting it back where it was is feasible again.
        const MoveResult back = moveStop(p, off.plan, heavy, truck);
        QVERIFY(back.feasible);
        QVERIFY_THROWS_EXCEPTION(Error, moveStop(p, plan, 99, 0));
    }

    void lockedRoutesStayAndNewOrdersGoIn()
    {
        const DayProblem p = constructed();
        DayPlan plan = solveDay(p, quick());
        for (auto& r : plan.routes)
            if (p.vehicles[std::size_t(r.vehicle)].name == "Truck")
                r.locked = true;
        const auto lockedStops = [&] {
            for (const auto& r : plan.routes)
                if (r.locked)
                    return r.stops;
            return std::vector<int>{};
        }();
        const DayPlan again = solveDay(p, quick(0.2), &plan);
        verifyPlan(p, again);
        bool kept = false;
        for (const auto& r : again.routes)
            if (r.locked)
                kept = r.stops == lockedStops;
        QVERIFY(kept);
        // A new order: a stop the plan does not know, next to the depot, 1 unit.
        DayProblem grown = p;
        grown.stops.push_back(stopAt(1, 1, 1, 500));
        buildInstance(grown);
        DayPlan withNew = plan;
        // Room for it: take one fleet-less stop off the routes first.
        MoveResult room = moveStop(grown, withNew, withNew.routes[0].stops.front(), -1);
        withNew = room.plan;
        insertNewStops(grown, withNew);
        QVERIFY(reasonOf(withNew, int(grown.stops.size())) == Reason::None); // routed
        verifyPlan(grown, withNew);
    }

    void savedPlanReadsBack()
    {
        store::ThreadCheckExemption exempt;
        const std::string path = m_dir.filePath("tiny.db").toStdString();
        auto db = store::Database::open(path, {store::OpenMode::CreateIfMissing});
        demo::DemoOptions o;
        o.size = demo::DemoSize::Tiny;
        o.seed = 4;
        demo::generateDemoStore(db, o, {});
        const auto days = deliveryDays(db);
        QVERIFY(!days.empty());
        const DayProblem p = loadDay(db, days.front().depotId, days.front().day);
        QCOMPARE(int(p.stops.size()), days.front().stops);
        const DayPlan fresh = savedPlan(p);
        QVERIFY(fresh.unassigned.empty());
        const DayPlan plan = solveDay(p, quick(1.0));
        verifyPlan(p, plan);
        savePlan(db, p, plan, 1790000000);
        const DayProblem reread = loadDay(db, days.front().depotId, days.front().day);
        const DayPlan back = savedPlan(reread);
        for (const auto& r : plan.routes) {
            bool same = false;
            for (const auto& b : back.routes)
                same = same || (b.vehicle == r.vehicle && b.stops == r.stops);
            QVERIFY(same);
        }
        QCOMPARE(back.unassigned.size(), plan.unassigned.size());
        QVERIFY_THROWS_EXCEPTION(Error, loadDay(db, 987654, days.front().day));
        QVERIFY(db.verify().empty());
    }
};

QTEST_GUILESS_MAIN(TestDayPlan)
#include "tst_day_plan.moc"
