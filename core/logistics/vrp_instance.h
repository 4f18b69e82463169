// Vehicle routing instances (CVRP and VRPTW) and the readers/writers for the public benchmark
// formats: CVRPLIB .vrp (Augerat, Christofides ...), Solomon VRPTW text files, CVRPLIB .sol.
// Plain value types: the solver, the checker and the Logistics panel all read the same Instance.
#pragma once

#include <iosfwd>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace shoppilot::logistics {

// Largest instance read (depot included): the solver holds a dense n x n distance matrix.
inline constexpr int kMaxDimension = 10000;

struct Node {
    int id = 0; // the node's number in its file (CVRPLIB: 1-based, Solomon: 0-based)
    double x = 0;
    double y = 0;
    int demand = 0;
    double ready = 0; // earliest service start
    double due = std::numeric_limits<double>::infinity(); // latest service start
    double service = 0; // service duration
};

struct Instance {
    std::string name;
    std::vector<Node> nodes;
    std::vector<int> depots; // indices into nodes (CVRPLIB and Solomon have exactly one)
    int capacity = 0;
    int fleetLimit = 0;      // 0 = unlimited
    double shiftLength = 0;  // latest return = depot's ready time + shiftLength; 0 = none
    bool hasTimeWindows = false;
    // CVRPLIB EUC_2D: nint(sqrt(dx^2+dy^2)) (integral costs, as every published CVRP result).
    // Solomon: the unrounded double Euclidean distance (the convention of the heuristic
    // literature that reports costs to two decimals; not the one-decimal-truncated variant).
    bool integerDistances = true;
    std::vector<double> dist; // size()*size(), row-major; travel time = distance

    int size() const { return int(nodes.size()); }
    int customerCount() const { return int(nodes.size() - depots.size()); }
    bool isDepot(int i) const;
    double distance(int i, int j) const { return dist[std::size_t(i) * nodes.size() + std::size_t(j)]; }
    // Fills dist from the coordinates with the instance's rounding rule.
    void computeDistances();
};

// A solution: routes as node indices (depot excluded), plus customers left out on purpose.
struct Solution {
    std::vector<std::vector<int>> routes;
    std::vector<int> unassigned;
};

// The "k" of a CVRPLIB name ("A-n32-k5" -> 5): the fleet the best-known cost uses. 0 if absent.
int fleetFromName(std::string_view name);

// CVRPLIB .vrp with TYPE CVRP and EDGE_WEIGHT_TYPE EUC_2D. Throws shoppilot::Error
// (ErrorCode::Parse) naming the file and the line for anything it cannot use, Io if unreadable.
// The fleet limit is taken from the name (fleetFromName).
Instance readCvrplib(const std::string& path);
// Same, from text already in memory (`path` only names it in messages).
Instance parseCvrplib(std::istream& in, const std::string& path);

// Solomon VRPTW text (name, VEHICLE NUMBER CAPACITY, CUSTOMER rows of
// CUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME); customer 0 is the depot,
// the vehicle number becomes the fleet limit. Same error rules as readCvrplib.
Instance readSolomon(const std::string& path);
Instance parseSolomon(std::istream& in, const std::string& path);

// CVRPLIB .sol: "Route #1: 3 5 7" per non-empty route with node numbers counted from the depot
// (file number minus the depot's, as CVRPLIB's own solutions do), then "Cost 784".
void writeCvrplibSol(const Instance& instance, const Solution& solution, std::ostream& out);
// Reads a .sol back: routes as node indices of `instance`, and the written cost.
Solution readCvrplibSol(const Instance& instance, std::istream& in, double* cost = nullptr);

} // namespace shoppilot::logistics
