#include "logistics/day_plan.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <thread>
#include <atomic>
#include <exception>

#include "common/error.h"
#include "store/database.h"

namespace shoppilot::logistics {

namespace {

constexpr double kKmPerDegLat = 110.574;
constexpr double kKmPerDegLonEquator = 111.320;
constexpr double kEps = 1e-9;

std::pair<double, double> planeKm(double lat, double lon, double lat0, double lon0)
{
    const double x = (lon - lon0) * kKmPerDegLonEquator * std::cos(lat0 * M_PI / 180.0);
    const double y = (lat - lat0) * kKmPerDegLat;
    return {x, y};
}

bool inRoute(const DayPlan& plan, int node)
{
    for (const auto& r : plan.routes)
        if (std::find(r.stops.begin(), r.stops.end(), node) != r.stops.end())
            return true;
    return false;
}

double planKm(const DayProblem& p, const DayPlan& plan)
{
    double km = 0;
    for (const auto& r : plan.routes)
        km += evaluateRoute(p, r.vehicle, r.stops).km;
    return km;
}

// Cheapest feasible insertion of `node` into any route; false when none is feasible.
bool insertCheapest(const DayProblem& p, DayPlan& plan, int node)
{
    int bestRoute = -1, bestPos = -1;
    double bestDelta = std::numeric_limits<double>::infinity();
    for (int r = 0; r < int(plan.routes.size()); ++r) {
        const auto& route = plan.routes[std::size_t(r)];
        const double before = evaluateRoute(p, route.vehicle, route.stops).km;
        for (int pos = 0; pos <= int(route.stops.size()); ++pos) {
            // Cheap distance screen before the full evaluation.
            const int a = pos == 0 ? 0 : route.stops[std::size_t(pos - 1)];
            const int b = pos == int(route.stops.size()) ? 0 : route.stops[std::size_t(pos)];
            const double screen = p.km(a, node) + p.km(node, b) - p.km(a, b);
            if (screen >= bestDelta)
                continue;
            std::vector<int> trial = route.stops;
            trial.insert(trial.begin() + pos, node);
            const RouteFigures f = evaluateRoute(p, route.vehicle, trial);
            if (!f.feasible())
                continue;
            if (f.km - before < bestDelta) {
                bestDelta = f.km - before;
                bestRoute = r;
                bestPos = pos;
            }
        }
    }
    if (bestRoute < 0)
        return false;
    auto& stops = plan.routes[std::size_t(bestRoute)].stops;
    stops.insert(stops.begin() + bestPos, node);
    return true;
}

} // namespace

const char* reasonName(Reason r)
{
    switch (r) {
    case Reason::None: return "none";
    case Reason::Capacity: return "capacity";
    case Reason::TimeWindow: return "time window";
    case Reason::Shift: return "shift";
    case Reason::Fleet: return "fleet";
    }
    return "?";
}

std::vector<DeliveryDay> deliveryDays(store::Database& db)
{
    std::vector<DeliveryDay> out;
    store::Statement s(db, "SELECT s.depot_id, d.name, (s.promised_at / 86400) * 86400 AS day, COUNT(*), COALESCE(SUM(s.units), 0),"
                           " (SELECT COUNT(*) FROM vehicles v WHERE v.depot_id = s.depot_id)"
                           " FROM shipments s JOIN depots d ON d.id = s.depot_id"
                           " WHERE s.status IN ('pending','planned') AND s.promised_at IS NOT NULL AND s.lat IS NOT NULL"
                           " GROUP BY s.depot_id, day ORDER BY COUNT(*) DESC, day, s.depot_id");
    while (s.step())
        out.push_back({s.columnInt(0), s.columnText(1), s.columnInt(2), int(s.columnInt(3)), s.columnInt(4), int(s.columnInt(5))});
    return out;
}

void buildInstance(DayProblem& p)
{
    Instance inst;
    inst.name = p.depot;
    inst.integerDistances = false;
    inst.hasTimeWindows = true;
    inst.fleetLimit = int(p.vehicles.size());
    int capacity = 1;
    double firstStart = p.closes, lastEnd = p.opens;
    for (const auto& v : p.vehicles) {
        capacity = std::max(capacity, v.capacity);
        firstStart = std::min(firstStart, std::max(v.shiftStart, p.opens));
        lastEnd = std::max(lastEnd, std::min(v.shiftEnd, p.closes));
    }
    inst.capacity = capacity;
    const double perKm = 60.0 / p.speedKmh; // minutes per km: coordinates in travel minutes
    Node depot;
    depot.id = 0;
    depot.ready = firstStart;
    depot.due = lastEnd;
    inst.nodes.push_back(depot);
    inst.depots = {0};
    for (std::size_t i = 0; i < p.stops.size(); ++i) {
        const Stop& s = p.stops[i];
        const auto [x, y] = planeKm(s.lat, s.lon, p.depotLat, p.depotLon);
        Node n;
        n.id = int(i + 1);
        n.x = x * perKm;
        n.y = y * perKm;
        n.demand = s.units;
        n.ready = s.hasWindow ? s.windowStart : firstStart;
        n.due = s.hasWindow ? s.windowEnd : lastEnd;
        n.service = s.serviceMinutes;
        inst.nodes.push_back(n);
    }
    inst.computeDistances();
    p.instance = std::move(inst);
}

DayProblem loadDay(store::Database& db, std::int64_t depotId, Timestamp day, double speedKmh)
{
    DayProblem p;
    p.depotId = depotId;
    p.day = day / 86400 * 86400;
    p.speedKmh = speedKmh;
    {
        store::Statement s(db, "SELECT name, lat, lon, COALESCE(opens_at, 0), COALESCE(closes_at, 86400) FROM depots WHERE id = ?");
        s.bind(1, depotId);
        if (!s.step())
            throw Error(ErrorCode::NotFound, "depot " + std::to_string(depotId) + " does not exist");
        p.depot = s.columnText(0);
        p.depotLat = s.columnDouble(1);
        p.depotLon = s.columnDouble(2);
        p.opens = double(s.columnInt(3)) / 60.0;
        p.closes = double(s.columnInt(4)) / 60.0;
    }
    {
        store::Statement s(db, "SELECT id, name, capacity_units, COALESCE(shift_start, ?2), COALESCE(shift_end, ?3) FROM vehicles"
                               " WHERE depot_id = ?1 ORDER BY capacity_units DESC, id");
        s.bind(1, depotId).bind(2, std::int64_t(p.opens * 60)).bind(3, std::int64_t(p.closes * 60));
        while (s.step())
            p.vehicles.push_back({s.columnInt(0), s.columnText(1), int(s.columnInt(2)), double(s.columnInt(3)) / 60.0,
                                  double(s.columnInt(4)) / 60.0});
    }
    if (p.vehicles.empty())
        throw Error(ErrorCode::InvalidArgument, p.depot + " has no vehicles: add one before planning its deliveries");
    {
        store::Statement s(db, "SELECT id, plan_date, vehicle_id FROM routes WHERE depot_id = ? AND plan_date = ? AND status = 'planned'"
                               " ORDER BY id");
        s.bind(1, depotId).bind(2, std::int64_t(p.day));
        while (s.step())
            p.savedRoutes.emplace_back(s.columnInt(0), s.columnOptInt(2).value_or(0));
    }
    store::Statement s(db, "SELECT s.id, COALESCE(o.external_id, CAST(o.id AS TEXT)), s.lat, s.lon, COALESCE(s.units, 1),"
                           " s.window_start, s.window_end, s.service_s, COALESCE(s.route_id, 0), COALESCE(s.stop_seq, 0)"
                           " FROM shipments s JOIN orders o ON o.id = s.order_id"
                           " WHERE s.depot_id = ?1 AND s.status IN ('pending','planned') AND s.lat IS NOT NULL AND s.lon IS NOT NULL"
                           " AND s.promised_at >= ?2 AND s.promised_at < ?2 + 86400 ORDER BY s.id");
    s.bind(1, depotId).bind(2, std::int64_t(p.day));
    while (s.step()) {
        Stop st;
        st.shipmentId = s.columnInt(0);
        st.orderRef = s.columnText(1);
        st.lat = s.columnDouble(2);
        st.lon = s.columnDouble(3);
        st.units = int(std::max<std::int64_t>(1, s.columnInt(4)));
        const auto ws = s.columnOptInt(5), we = s.columnOptInt(6);
        st.hasWindow = ws && we && *we > *ws;
        if (st.hasWindow) {
            st.windowStart = double(*ws) / 60.0;
            st.windowEnd = double(*we) / 60.0;
        }
        st.serviceMinutes = double(s.columnOptInt(7).value_or(300)) / 60.0;
        st.routeId = s.columnInt(8);
        st.stopSeq = int(s.columnInt(9));
        p.stops.push_back(st);
    }
    buildInstance(p);
    return p;
}

RouteFigures evaluateRoute(const DayProblem& p, int vehicle, const std::vector<int>& stops)
{
    const Vehicle& v = p.vehicles[std::size_t(vehicle)];
    const double earliest = std::max(v.shiftStart, p.opens);
    // Leave as late as the windows allow without arriving later anywhere it matters: the forward
    // time slack at the depot, min(total waiting, min_i(waiting before i + due_i - arrival_i))
    // (Savelsbergh 1992), so a route does not count hours of waiting for a late window as its time.
    auto run = [&](double depart) {
        RouteFigures f;
        f.depart = depart;
        double t = depart, waitBefore = 0, slack = std::numeric_limits<double>::infinity();
        int at = 0;
        f.arrival.reserve(stops.size());
        f.lateness.reserve(stops.size());
        for (const int n : stops) {
            const Node& node = p.instance.nodes[std::size_t(n)];
            t += p.instance.distance(at, n);
            f.km += p.km(at, n);
            f.arrival.push_back(t);
            const double late = std::max(0.0, t - node.due);
            f.lateness.push_back(late);
            f.lateMinutes += late;
            slack = std::min(slack, waitBefore + std::max(0.0, node.due - t));
            const double wait = std::max(0.0, node.ready - t);
            waitBefore += wait;
            t += wait + node.service;
            f.load += node.demand;
            at = n;
        }
        t += p.instance.distance(at, 0);
        f.km += p.km(at, 0);
        f.back = t;
        f.minutes = stops.empty() ? 0.0 : f.back - f.depart;
        f.overCapacity = f.load > v.capacity;
        f.afterShift = !stops.empty() && f.back > std::min(v.shiftEnd, p.closes) + kEps;
        return std::make_pair(f, std::min(slack, waitBefore));
    };
    auto [first, delay] = run(earliest);
    if (stops.empty() || first.lateMinutes > kEps || !(delay > kEps))
        return first;
    return run(earliest + delay).first;
}

PlanTotals planTotals(const DayProblem& p, const DayPlan& plan)
{
    PlanTotals t;
    for (const auto& r : plan.routes) {
        const RouteFigures f = evaluateRoute(p, r.vehicle, r.stops);
        t.km += f.km;
        t.minutes += f.minutes;
        t.lateMinutes += f.lateMinutes;
        t.served += int(r.stops.size());
        t.feasible = t.feasible && f.feasible();
    }
    return t;
}

Unassigned explain(const DayProblem& p, int node)
{
    Unassigned u;
    u.node = node;
    const Stop& s = p.stops[std::size_t(node - 1)];
    int largest = 0;
    for (const auto& v : p.vehicles)
        largest = std::max(largest, v.capacity);
    if (s.units > largest) {
        u.reason = Reason::Capacity;
        u.detail = std::to_string(s.units) + " units; the largest vehicle takes " + std::to_string(largest);
        return u;
    }
    bool windowOk = false, shiftOk = false;
    for (int v = 0; v < int(p.vehicles.size()); ++v) {
        if (p.vehicles[std::size_t(v)].capacity < s.units)
            continue;
        const RouteFigures f = evaluateRoute(p, v, {node});
        if (f.lateMinutes <= kEps) {
            windowOk = true;
            if (!f.afterShift)
                shiftOk = true;
        }
    }
    auto hhmm = [](double minutes) {
        char b[16];
        std::snprintf(b, sizeof b, "%02d:%02d", int(minutes) / 60, int(minutes) % 60);
        return std::string(b);
    };
    const double travel = p.instance.distance(0, node);
    if (!windowOk) {
        u.reason = Reason::TimeWindow;
        u.detail = "alone it arrives after " + hhmm(p.instance.nodes[std::size_t(node)].due) + " (" + std::to_string(int(std::lround(travel))) +
                   " min from the depot)";
    } else if (!shiftOk) {
        u.reason = Reason::Shift;
        u.detail = "alone it cannot be back before a shift ends (" + std::to_string(int(std::lround(2 * travel))) + " min there and back)";
    } else {
        u.reason = Reason::Fleet;
        u.detail = "it fits alone, but no route has room for it (units or time)";
    }
    return u;
}

DayPlan solveDay(const DayProblem& p, const DayOptions& options, const DayPlan* keep)
{
    const auto t0 = std::chrono::steady_clock::now();
    DayPlan plan;
    std::set<int> keptVehicles;
    std::set<int> placed;
    if (keep)
        for (const auto& r : keep->routes)
            if (r.locked) {
                plan.routes.push_back(r);
                keptVehicles.insert(r.vehicle);
                placed.insert(r.stops.begin(), r.stops.end());
            }
    // The free vehicles, largest first; the stops each could serve alone.
    std::vector<int> free;
    for (int v = 0; v < int(p.vehicles.size()); ++v)
        if (!keptVehicles.count(v))
            free.push_back(v);
    std::stable_sort(free.begin(), free.end(), [&](int a, int b) { return p.vehicles[std::size_t(a)].capacity > p.vehicles[std::size_t(b)].capacity; });
    std::vector<int> open;
    for (int n = 1; n <= int(p.stops.size()); ++n) {
        if (placed.count(n))
            continue;
        const Unassigned why = explain(p, n);
        if (why.reason == Reason::Fleet && !free.empty())
            open.push_back(n);
        else
            plan.unassigned.push_back(why);
    }
    if (!open.empty()) {
        // The sub-instance: the depot and the open stops, the free vehicles' largest capacity and
        // their number as the fleet; times from the free vehicles' shifts.
        Instance sub;
        sub.name = p.instance.name;
        sub.integerDistances = false;
        sub.hasTimeWindows = true;
        sub.capacity = p.vehicles[std::size_t(free.front())].capacity;
        sub.fleetLimit = int(free.size());
        Node depot = p.instance.nodes[0];
        depot.ready = std::numeric_limits<double>::infinity();
        depot.due = 0;
        for (const int v : free) {
            depot.ready = std::min(depot.ready, std::max(p.vehicles[std::size_t(v)].shiftStart, p.opens));
            depot.due = std::max(depot.due, std::min(p.vehicles[std::size_t(v)].shiftEnd, p.closes));
        }
        sub.nodes.push_back(depot);
        sub.depots = {0};
        for (const int n : open)
            sub.nodes.push_back(p.instance.nodes[std::size_t(n)]);
        sub.computeDistances();
        // A portfolio of seeds on as many threads as asked; the first reports progress and its
        // cancel stops them all; the best feasible result (else the least costly) is kept.
        const int threads = std::max(1, options.threads);
        std::vector<HgsResult> results(static_cast<std::size_t>(threads));
        std::vector<std::exception_ptr> errors(static_cast<std::size_t>(threads));
        std::atomic<bool> stop{false};
        {
            std::vector<std::thread> pool;
            for (int t = 0; t < threads; ++t) {
                HgsOptions o = options.search;
                o.fleetLimit = int(free.size());
                o.seed = options.search.seed + std::uint64_t(t);
                if (t == 0) {
                    o.progress = [&stop, report = options.search.progress](double f, std::string_view what) {
                        if (report && !report(f, what))
                            stop = true;
                        return !stop.load();
                    };
                } else {
                    o.progress = [&stop](double, std::string_view) { return !stop.load(); };
                    o.onNewBest = nullptr;
                }
                pool.emplace_back([&, t, o] {
                    try {
                        results[std::size_t(t)] = solveHgs(sub, o);
                    } catch (...) {
                        errors[std::size_t(t)] = std::current_exception();
                        stop = true;
                    }
                });
            }
            for (auto& th : pool)
                th.join();
        }
        for (const auto& e : errors)
            if (e)
                std::rethrow_exception(e);
        std::size_t bestRun = 0;
        for (std::size_t t = 1; t < results.size(); ++t) {
            const auto& a = results[t];
            const auto& b = results[bestRun];
            if ((a.feasible && !b.feasible) || (a.feasible == b.feasible && a.cost < b.cost))
                bestRun = t;
        }
        const HgsResult& r = results[bestRun];
        plan.cancelled = r.cancelled;
        // Routes to vehicles: the largest load to the largest vehicle.
        std::vector<std::vector<int>> routes;
        for (const auto& route : r.routes) {
            std::vector<int> nodes;
            for (const int i : route)
                nodes.push_back(open[std::size_t(i - 1)]);
            if (!nodes.empty())
                routes.push_back(std::move(nodes));
        }
        auto load = [&](const std::vector<int>& rt) {
            int l = 0;
            for (const int n : rt)
                l += p.stops[std::size_t(n - 1)].units;
            return l;
        };
        std::stable_sort(routes.begin(), routes.end(), [&](const auto& a, const auto& b) { return load(a) > load(b); });
        std::vector<int> pool;
        for (std::size_t k = 0; k < routes.size(); ++k) {
            if (k >= free.size()) { // more routes than vehicles (the search found no feasible plan)
                pool.insert(pool.end(), routes[k].begin(), routes[k].end());
                continue;
            }
            PlanRoute pr;
            pr.vehicle = free[k];
            pr.stops = routes[k];
            // Repair: drop the stops that make it infeasible for this vehicle, the costliest to
            // reach first, until it fits.
            for (RouteFigures f = evaluateRoute(p, pr.vehicle, pr.stops); !f.feasible() && !pr.stops.empty();
                 f = evaluateRoute(p, pr.vehicle, pr.stops)) {
                std::size_t worst = 0;
                double worstScore = -1;
                for (std::size_t i = 0; i < pr.stops.size(); ++i) {
                    const int a = i == 0 ? 0 : pr.stops[i - 1], b = i + 1 == pr.stops.size() ? 0 : pr.stops[i + 1];
                    const double saving = p.km(a, pr.stops[i]) + p.km(pr.stops[i], b) - p.km(a, b);
                    const double score = (f.lateness[i] > kEps ? 1e6 + f.lateness[i] : 0.0) + saving;
                    if (score > worstScore) {
                        worstScore = score;
                        worst = i;
                    }
                }
                pool.push_back(pr.stops[worst]);
                pr.stops.erase(pr.stops.begin() + std::ptrdiff_t(worst));
            }
            plan.routes.push_back(std::move(pr));
        }
        for (std::size_t k = routes.size(); k < free.size(); ++k)
            plan.routes.push_back({free[k], {}, false});
        std::sort(pool.begin(), pool.end(), [&](int a, int b) { return p.stops[std::size_t(a - 1)].units > p.stops[std::size_t(b - 1)].units; });
        for (const int n : pool)
            if (!insertCheapest(p, plan, n))
                plan.unassigned.push_back(explain(p, n));
    }
    std::sort(plan.routes.begin(), plan.routes.end(), [](const PlanRoute& a, const PlanRoute& b) { return a.vehicle < b.vehicle; });
    plan.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return plan;
}

void insertNewStops(const DayProblem& p, DayPlan& plan)
{
    std::set<int> known;
    for (const auto& u : plan.unassigned)
        known.insert(u.node);
    for (int n = 1; n <= int(p.stops.size()); ++n) {
        if (known.count(n) || inRoute(plan, n))
            continue;
        if (!insertCheapest(p, plan, n))
            plan.unassigned.push_back(explain(p, n));
    }
}

MoveResult moveStop(const DayProblem& p, const DayPlan& plan, int node, int toRoute, int position)
{
    if (node < 1 || node > int(p.stops.size()))
        throw Error(ErrorCode::InvalidArgument, "no stop " + std::to_string(node) + " in this plan");
    if (toRoute < -1 || toRoute >= int(plan.routes.size()))
        throw Error(ErrorCode::InvalidArgument, "no route " + std::to_string(toRoute) + " in this plan");
    MoveResult m;
    m.plan = plan;
    int from = -1;
    for (int r = 0; r < int(m.plan.routes.size()); ++r) {
        auto& st = m.plan.routes[std::size_t(r)].stops;
        const auto it = std::find(st.begin(), st.end(), node);
        if (it != st.end()) {
            from = r;
            st.erase(it);
        }
    }
    m.plan.unassigned.erase(std::remove_if(m.plan.unassigned.begin(), m.plan.unassigned.end(), [&](const Unassigned& u) { return u.node == node; }),
                            m.plan.unassigned.end());
    const double kmBefore = planKm(p, plan);
    double lateBefore = 0;
    for (const auto& r : plan.routes)
        lateBefore += evaluateRoute(p, r.vehicle, r.stops).lateMinutes;
    if (toRoute < 0) {
        m.plan.unassigned.push_back(explain(p, node));
    } else {
        auto& st = m.plan.routes[std::size_t(toRoute)].stops;
        if (position < 0) { // the cheapest position, feasible or not
            double best = std::numeric_limits<double>::infinity();
            position = 0;
            for (int pos = 0; pos <= int(st.size()); ++pos) {
                const int a = pos == 0 ? 0 : st[std::size_t(pos - 1)], b = pos == int(st.size()) ? 0 : st[std::size_t(pos)];
                const double d = p.km(a, node) + p.km(node, b) - p.km(a, b);
                if (d < best) {
                    best = d;
                    position = pos;
                }
            }
        }
        position = std::clamp(position, 0, int(st.size()));
        st.insert(st.begin() + position, node);
    }
    m.deltaKm = planKm(p, m.plan) - kmBefore;
    double lateAfter = 0;
    m.feasible = true;
    for (const int r : {from, toRoute}) {
        if (r < 0)
            continue;
        const auto& route = m.plan.routes[std::size_t(r)];
        const RouteFigures f = evaluateRoute(p, route.vehicle, route.stops);
        if (!f.feasible() && m.problem.empty()) {
            const std::string& v = p.vehicles[std::size_t(route.vehicle)].name;
            if (f.overCapacity)
                m.problem = v + " would carry " + std::to_string(f.load) + " units (capacity " +
                            std::to_string(p.vehicles[std::size_t(route.vehicle)].capacity) + ")";
            else if (f.lateMinutes > kEps) {
                for (std::size_t i = 0; i < f.lateness.size(); ++i)
                    if (f.lateness[i] > kEps) {
                        m.problem = v + " would be " + std::to_string(int(std::ceil(f.lateness[i]))) + " min late at " +
                                    p.stops[std::size_t(route.stops[i] - 1)].orderRef;
                        break;
                    }
            } else
                m.problem = v + " would be back after its shift";
        }
        m.feasible = m.feasible && f.feasible();
    }
    for (const auto& r : m.plan.routes)
        lateAfter += evaluateRoute(p, r.vehicle, r.stops).lateMinutes;
    m.deltaLateMinutes = lateAfter - lateBefore;
    return m;
}

void savePlan(store::Database& db, const DayProblem& p, const DayPlan& plan, Timestamp now)
{
    store::Transaction tx(db);
    {
        store::Statement s(db, "UPDATE shipments SET route_id = NULL, stop_seq = NULL WHERE route_id IN"
                               " (SELECT id FROM routes WHERE depot_id = ? AND plan_date = ? AND status = 'planned')");
        s.bind(1, p.depotId).bind(2, std::int64_t(p.day));
        s.step();
        store::Statement d(db, "DELETE FROM routes WHERE depot_id = ? AND plan_date = ? AND status = 'planned'");
        d.bind(1, p.depotId).bind(2, std::int64_t(p.day));
        d.step();
    }
    store::Statement ins(db, "INSERT INTO routes(depot_id, vehicle_id, plan_date, distance_m, duration_s, solver, status, created_at)"
                             " VALUES (?, ?, ?, ?, ?, 'hgs', 'planned', ?)");
    store::Statement up(db, "UPDATE shipments SET route_id = ?, stop_seq = ?, status = 'planned' WHERE id = ?");
    for (const auto& r : plan.routes) {
        if (r.stops.empty())
            continue;
        const RouteFigures f = evaluateRoute(p, r.vehicle, r.stops);
        ins.bind(1, p.depotId).bind(2, p.vehicles[std::size_t(r.vehicle)].id).bind(3, std::int64_t(p.day))
            .bind(4, f.km * 1000.0).bind(5, f.minutes * 60.0).bind(6, std::int64_t(now));
        ins.step();
        ins.reset();
        const std::int64_t routeId = db.lastInsertRowId();
        for (std::size_t i = 0; i < r.stops.size(); ++i) {
            up.bind(1, routeId).bind(2, std::int64_t(i + 1)).bind(3, p.stops[std::size_t(r.stops[i] - 1)].shipmentId);
            up.step();
            up.reset();
        }
    }
    tx.commit();
}

DayPlan savedPlan(const DayProblem& p)
{
    DayPlan plan;
    std::map<std::int64_t, int> vehicleIndex;
    for (int v = 0; v < int(p.vehicles.size()); ++v)
        vehicleIndex[p.vehicles[std::size_t(v)].id] = v;
    std::map<std::int64_t, std::vector<std::pair<int, int>>> byRoute; // route -> (seq, node)
    for (int n = 1; n <= int(p.stops.size()); ++n)
        if (p.stops[std::size_t(n - 1)].routeId)
            byRoute[p.stops[std::size_t(n - 1)].routeId].emplace_back(p.stops[std::size_t(n - 1)].stopSeq, n);
    std::set<int> used;
    if (p.savedRoutes.empty()) { // never planned: every vehicle empty, no stop judged yet
        for (int v = 0; v < int(p.vehicles.size()); ++v)
            plan.routes.push_back({v, {}, false});
        return plan;
    }
    for (const auto& [routeId, vehicleId] : p.savedRoutes) {
        const auto v = vehicleIndex.find(vehicleId);
        if (v == vehicleIndex.end() || used.count(v->second))
            continue;
        auto seq = byRoute[routeId];
        std::sort(seq.begin(), seq.end());
        PlanRoute r;
        r.vehicle = v->second;
        for (const auto& [s, n] : seq)
            r.stops.push_back(n);
        used.insert(v->second);
        plan.routes.push_back(std::move(r));
    }
    for (int v = 0; v < int(p.vehicles.size()); ++v)
        if (!used.count(v))
            plan.routes.push_back({v, {}, false});
    std::sort(plan.routes.begin(), plan.routes.end(), [](const PlanRoute& a, const PlanRoute& b) { return a.vehicle < b.vehicle; });
    for (int n = 1; n <= int(p.stops.size()); ++n)
        if (!inRoute(plan, n))
            plan.unassigned.push_back(explain(p, n));
    return plan;
}

} // namespace shoppilot::logistics
