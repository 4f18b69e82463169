// The store's delivery day as a routing plan (the Logistics panel and `bench routing`): a depot's
// open shipments promised for a day, its vehicles (each with its own capacity and shift), travel
// on the plane around the depot at a fixed speed, delivery windows and time at the door. Solving
// runs the genetic search (hgs.h) on the stops each vehicle could serve alone, gives each route
// the vehicle it fits, and leaves out — with the reason found by re-checking that stop alone —
// what cannot be delivered: capacity (more units than the largest vehicle), time window (even
// leaving at the first shift's start it arrives after its window), shift (it cannot be back
// before any shift ends), fleet (alone it fits, but no route has room for it). Locked routes are
// kept as they are; new orders are inserted into a plan where they fit. Edits (moving one stop)
// are checked at once for feasibility and cost.
//
// Units: minutes since the day's midnight (local to the store's clock, as the depot's opening
// hours), kilometres on an equirectangular projection around the depot (a few hundred metres off
// over a city), travel minutes = km / speedKmh x 60.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/progress.h"
#include "common/time.h"
#include "logistics/hgs.h"
#include "logistics/vrp_instance.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::logistics {

struct DeliveryDay {
    std::int64_t depotId = 0;
    std::string depot;
    Timestamp day = 0; // midnight UTC
    int stops = 0;
    std::int64_t units = 0;
    int vehicles = 0;
};
// Depots' days with open (pending or planned) shipments, busiest first.
std::vector<DeliveryDay> deliveryDays(store::Database& db);

struct Vehicle {
    std::int64_t id = 0;
    std::string name;
    int capacity = 0;
    double shiftStart = 0, shiftEnd = 24 * 60; // minutes
};
struct Stop {
    std::int64_t shipmentId = 0;
    std::string orderRef;
    double lat = 0, lon = 0;
    int units = 0;
    bool hasWindow = false;
    double windowStart = 0, windowEnd = 24 * 60; // minutes; the depot's hours when hasWindow is false
    double serviceMinutes = 0;
    std::int64_t routeId = 0; // the saved route it is on, 0 = none
    int stopSeq = 0;
};
struct DayProblem {
    std::int64_t depotId = 0;
    std::string depot;
    double depotLat = 0, depotLon = 0;
    double opens = 0, closes = 24 * 60;
    Timestamp day = 0;
    double speedKmh = 35;
    std::vector<Vehicle> vehicles;
    std::vector<Stop> stops;
    std::vector<std::pair<std::int64_t, std::int64_t>> savedRoutes; // (route id, vehicle id) of the day's saved plan
    // Node 0 = the depot, node i = stops[i - 1]; distances are travel minutes.
    Instance instance;
    double km(int from, int to) const { return instance.distance(from, to) * speedKmh / 60.0; }
};
// Throws NotFound for an unknown depot, InvalidArgument when the depot has no vehicles.
DayProblem loadDay(store::Database& db, std::int64_t depotId, Timestamp day, double speedKmh = 35);
// A problem from explicit parts (tests, benchmarks): builds the instance.
void buildInstance(DayProblem& p);

enum class Reason { None, Capacity, TimeWindow, Shift, Fleet };
const char* reasonName(Reason r);

struct PlanRoute {
    int vehicle = 0;         // index into DayProblem::vehicles
    std::vector<int> stops;  // node indices (1-based into stops)
    bool locked = false;
};
struct Unassigned {
    int node = 0;
    Reason reason = Reason::None;
    std::string detail;
};
struct DayPlan {
    std::vector<PlanRoute> routes;
    std::vector<Unassigned> unassigned;
    double seconds = 0;
    bool cancelled = false;
};

struct RouteFigures {
    int load = 0;
    double km = 0, minutes = 0; // minutes: depart to return
    double depart = 0, back = 0;
    std::vector<double> arrival, lateness; // per stop, minutes
    double lateMinutes = 0;
    bool overCapacity = false, afterShift = false;
    bool feasible() const { return !overCapacity && !afterShift && lateMinutes <= 1e-9; }
};
RouteFigures evaluateRoute(const DayProblem& p, int vehicle, const std::vector<int>& stops);

struct PlanTotals {
    double km = 0, minutes = 0, lateMinutes = 0;
    int served = 0;
    bool feasible = true;
};
PlanTotals planTotals(const DayProblem& p, const DayPlan& plan);

// The reason `node` cannot be delivered, by checking it alone (Fleet when alone it fits).
Unassigned explain(const DayProblem& p, int node);

struct DayOptions {
    HgsOptions search;  // time limit, seed, progress
    int threads = 1;    // searches run in parallel with seeds seed, seed + 1, ...; the best plan wins
};
// Solves the day. With `keep`, its locked routes (and their vehicles) stay as they are and the rest
// is planned around them.
DayPlan solveDay(const DayProblem& p, const DayOptions& options, const DayPlan* keep = nullptr);

// Inserts the stops that are in neither a route nor the unassigned list (new orders) where they
// cost least and keep their route feasible, without re-ordering anything; the rest is unassigned
// with its reason. Locked routes take insertions too (their order is kept).
void insertNewStops(const DayProblem& p, DayPlan& plan);

struct MoveResult {
    bool feasible = false;   // both changed routes feasible
    double deltaKm = 0;      // plan km after - before
    double deltaLateMinutes = 0;
    std::string problem;     // why not feasible ("over capacity", "late at SP-..", "after the shift")
    DayPlan plan;            // the plan with the move made (also when infeasible: the planner decides)
};
// Moves `node` to route `toRoute` at `position` (-1 = the cheapest position; toRoute -1 = unassigned).
MoveResult moveStop(const DayProblem& p, const DayPlan& plan, int node, int toRoute, int position = -1);

// Writes the plan: routes for the depot's day (replacing its planned ones), each shipment's route
// and stop order; unassigned shipments lose their route.
void savePlan(store::Database& db, const DayProblem& p, const DayPlan& plan, Timestamp now);
// The saved plan of the day (routes in vehicle order), to continue from; a day never planned gives
// every vehicle an empty route and judges no stop yet.
DayPlan savedPlan(const DayProblem& p);

} // namespace shoppilot::logistics
