#include "logistics/vrp_instance.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <istream>
#include <ostream>
#include <sstream>

#include "common/error.h"

namespace shoppilot::logistics {

namespace {

[[noreturn]] void fail(const std::string& path, int line, const std::string& what)
{
    throw Error(ErrorCode::Parse, path + ":" + std::to_string(line) + ": " + what);
}

std::string trim(std::string_view s)
{
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a])))
        ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1])))
        --b;
    return std::string(s.substr(a, b - a));
}

std::vector<std::string> tokens(const std::string& line)
{
    std::vector<std::string> out;
    std::istringstream ss(line);
    std::string t;
    while (ss >> t)
        out.push_back(t);
    return out;
}

bool toDouble(const std::string& s, double& v)
{
    const char* b = s.data();
    const char* e = b + s.size();
    auto [p, ec] = std::from_chars(b, e, v);
    return ec == std::errc() && p == e && std::isfinite(v);
}

double number(const std::string& s, const std::string& path, int line, const char* field)
{
    double v = 0;
    if (!toDouble(s, v))
        fail(path, line, std::string("'") + s + "' is not a number (" + field + ")");
    return v;
}

int integer(const std::string& s, const std::string& path, int line, const char* field)
{
    const double v = number(s, path, line, field);
    if (v != std::floor(v) || std::fabs(v) > 2e9)
        fail(path, line, std::string("'") + s + "' is not an integer (" + field + ")");
    return int(v);
}

std::string upper(std::string s)
{
    for (char& c : s)
        c = char(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::ifstream openFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw Error(ErrorCode::Io, "cannot open " + path);
    return in;
}

} // namespace

bool Instance::isDepot(int i) const
{
    return std::find(depots.begin(), depots.end(), i) != depots.end();
}

void Instance::computeDistances()
{
    const std::size_t n = nodes.size();
    dist.assign(n * n, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            const double d = std::hypot(nodes[i].x - nodes[j].x, nodes[i].y - nodes[j].y);
            dist[i * n + j] = integerDistances ? std::floor(d + 0.5) : d;
        }
}

int fleetFromName(std::string_view name)
{
    // The last "-k<digits>" (or "k<digits>" after a separator) in the name.
    for (std::size_t pos = name.size(); pos-- > 0;) {
        if ((name[pos] == 'k' || name[pos] == 'K') && pos > 0 && (name[pos - 1] == '-' || name[pos - 1] == '_')) {
            std::size_t e = pos + 1;
            int v = 0;
            while (e < name.size() && std::isdigit(static_cast<unsigned char>(name[e])) && v < 100000)
                v = v * 10 + (name[e++] - '0');
            if (e > pos + 1 && (e == name.size() || name[e] == '-' || name[e] == '.' || name[e] == '_'))
                return v;
        }
    }
    return 0;
}

Instance readCvrplib(const std::string& path)
{
    auto in = openFile(path);
    return parseCvrplib(in, path);
}

Instance parseCvrplib(std::istream& in, const std::string& path)
{
    Instance inst;
    inst.integerDistances = true;
    int dimension = -1;
    int dimensionLine = 0;
    bool haveCoords = false, haveDemands = false, haveDepots = false, haveCapacity = false;
    std::vector<int> demandLine;
    std::string raw;
    int lineNo = 0;
    int lastLine = 0;

    // A section has exactly `dimension` rows "id values..."; anything else is a mismatch.
    auto readRows = [&](const char* section, int values, auto&& onRow) {
        if (dimension <= 0)
            fail(path, lineNo, std::string(section) + " before DIMENSION");
        std::vector<bool> seen(std::size_t(dimension), false);
        for (int r = 0; r < dimension; ++r) {
            if (!std::getline(in, raw))
                fail(path, lineNo, std::string(section) + " has " + std::to_string(r) + " rows, DIMENSION (line "
                                       + std::to_string(dimensionLine) + ") says " + std::to_string(dimension));
            ++lineNo;
            const auto t = tokens(raw);
            if (t.empty()) {
                --r;
                continue;
            }
            double probe = 0;
            if (!toDouble(t[0], probe) && std::isalpha(static_cast<unsigned char>(t[0][0])))
                fail(path, lineNo, std::string(section) + " has " + std::to_string(r) + " rows, DIMENSION (line "
                                       + std::to_string(dimensionLine) + ") says " + std::to_string(dimension));
            if (int(t.size()) != values + 1)
                fail(path, lineNo, std::string(section) + " row needs " + std::to_string(values + 1) + " fields, has "
                                       + std::to_string(t.size()));
            const int id = integer(t[0], path, lineNo, "node number");
            if (id < 1 || id > dimension)
                fail(path, lineNo, "node " + std::to_string(id) + " outside 1.." + std::to_string(dimension)
                                       + " (DIMENSION mismatch)");
            if (seen[std::size_t(id - 1)])
                fail(path, lineNo, "node " + std::to_string(id) + " listed twice in " + section);
            seen[std::size_t(id - 1)] = true;
            onRow(id - 1, t);
        }
    };

    while (std::getline(in, raw)) {
        ++lineNo;
        lastLine = lineNo;
        const std::string line = trim(raw);
        if (line.empty())
            continue;
        std::string key = line, value;
        if (const auto colon = line.find(':'); colon != std::string::npos) {
            key = trim(line.substr(0, colon));
            value = trim(line.substr(colon + 1));
        } else {
            const auto t = tokens(line);
            key = t[0];
            if (t.size() > 1)
                value = trim(line.substr(line.find(t[1])));
        }
        key = upper(key);
        if (key == "NAME") {
            // Some files name themselves with the extension (P-n40-k5.vrp): the instance is P-n40-k5.
            inst.name = value;
            if (inst.name.size() > 4 && inst.name.substr(inst.name.size() - 4) == ".vrp")
                inst.name.resize(inst.name.size() - 4);
        } else if (key == "COMMENT") {
        } else if (key == "TYPE") {
            if (upper(value) != "CVRP")
                fail(path, lineNo, "TYPE " + value + " is not supported (CVRP only)");
        } else if (key == "DIMENSION") {
            dimension = integer(value, path, lineNo, "DIMENSION");
            dimensionLine = lineNo;
            if (dimension < 2)
                fail(path, lineNo, "DIMENSION must be at least 2");
            // The solver keeps a full distance matrix: refuse sizes it cannot hold before
            // allocating anything (found by the fuzzer: DIMENSION 1600507803).
            if (dimension > kMaxDimension)
                fail(path, lineNo, "DIMENSION " + std::to_string(dimension) + " is more than this solver takes ("
                                       + std::to_string(kMaxDimension) + " nodes)");
            inst.nodes.assign(std::size_t(dimension), Node{});
            for (int i = 0; i < dimension; ++i)
                inst.nodes[std::size_t(i)].id = i + 1;
            demandLine.assign(std::size_t(dimension), 0);
        } else if (key == "CAPACITY") {
            inst.capacity = integer(value, path, lineNo, "CAPACITY");
            if (inst.capacity <= 0)
                fail(path, lineNo, "CAPACITY must be positive");
            haveCapacity = true;
        } else if (key == "EDGE_WEIGHT_TYPE") {
            if (upper(value) != "EUC_2D")
                fail(path, lineNo, "EDGE_WEIGHT_TYPE " + value + " is not supported (EUC_2D only)");
        } else if (key == "DISTANCE") {
            inst.shiftLength = number(value, path, lineNo, "DISTANCE");
        } else if (key == "SERVICE_TIME") {
            const double s = number(value, path, lineNo, "SERVICE_TIME");
            for (auto& n : inst.nodes)
                n.service = s;
        } else if (key == "VEHICLES") {
            inst.fleetLimit = integer(value, path, lineNo, "VEHICLES");
        } else if (key == "NODE_COORD_SECTION") {
            readRows("NODE_COORD_SECTION", 2, [&](int i, const std::vector<std::string>& t) {
                inst.nodes[std::size_t(i)].x = number(t[1], path, lineNo, "x");
                inst.nodes[std::size_t(i)].y = number(t[2], path, lineNo, "y");
            });
            haveCoords = true;
        } else if (key == "DEMAND_SECTION") {
            readRows("DEMAND_SECTION", 1, [&](int i, const std::vector<std::string>& t) {
                const int d = integer(t[1], path, lineNo, "demand");
                if (d < 0)
                    fail(path, lineNo, "negative demand");
                inst.nodes[std::size_t(i)].demand = d;
                demandLine[std::size_t(i)] = lineNo;
            });
            haveDemands = true;
        } else if (key == "DEPOT_SECTION") {
            for (;;) {
                if (!std::getline(in, raw))
                    fail(path, lineNo, "DEPOT_SECTION not closed by -1");
                ++lineNo;
                const auto t = tokens(raw);
                if (t.empty())
                    continue;
                const int id = integer(t[0], path, lineNo, "depot");
                if (id == -1)
                    break;
                if (dimension <= 0 || id < 1 || id > dimension)
                    fail(path, lineNo, "depot " + std::to_string(id) + " is not a node");
                inst.depots.push_back(id - 1);
            }
            haveDepots = true;
        } else if (key == "EOF") {
            break;
        } else if (double v = 0; toDouble(key.substr(0, key.find_first_of(" \t")), v)) {
            fail(path, lineNo, "a data row outside a section: more rows than DIMENSION (line "
                                   + std::to_string(dimensionLine) + ") says");
        } else {
            fail(path, lineNo, "unknown keyword " + key);
        }
    }
    const int endLine = std::max(lastLine, lineNo);
    if (dimension <= 0)
        fail(path, endLine, "missing DIMENSION");
    if (!haveCapacity)
        fail(path, endLine, "missing CAPACITY");
    if (!haveCoords)
        fail(path, endLine, "missing NODE_COORD_SECTION");
    if (!haveDemands)
        fail(path, endLine, "missing DEMAND_SECTION");
    if (!haveDepots || inst.depots.empty())
        inst.depots = {0}; // CVRPLIB's default and every Augerat file: node 1
    for (int i = 0; i < dimension; ++i)
        if (inst.nodes[std::size_t(i)].demand > inst.capacity)
            fail(path, demandLine[std::size_t(i)], "demand " + std::to_string(inst.nodes[std::size_t(i)].demand)
                                                       + " of node " + std::to_string(i + 1) + " exceeds CAPACITY "
                                                       + std::to_string(inst.capacity));
    for (int d : inst.depots) {
        inst.nodes[std::size_t(d)].demand = 0;
        inst.nodes[std::size_t(d)].service = 0;
    }
    if (inst.name.empty())
        inst.name = path;
    if (inst.fleetLimit == 0)
        inst.fleetLimit = fleetFromName(inst.name);
    inst.computeDistances();
    return inst;
}

Instance readSolomon(const std::string& path)
{
    auto in = openFile(path);
    return parseSolomon(in, path);
}

Instance parseSolomon(std::istream& in, const std::string& path)
{
    Instance inst;
    inst.integerDistances = false;
    inst.hasTimeWindows = true;
    std::string raw;
    int lineNo = 0;
    enum class State { Name, Vehicle, VehicleRow, Customer, Rows } state = State::Name;
    bool haveVehicle = false, haveCustomer = false;
    std::vector<int> rowLine;
    while (std::getline(in, raw)) {
        ++lineNo;
        const auto t = tokens(raw);
        if (t.empty())
            continue;
        const std::string first = upper(t[0]);
        switch (state) {
        case State::Name:
            inst.name = trim(raw);
            state = State::Vehicle;
            break;
        case State::Vehicle:
            if (first == "VEHICLE")
                break;
            if (first == "NUMBER") {
                state = State::VehicleRow;
                break;
            }
            fail(path, lineNo, "expected the VEHICLE section (NUMBER CAPACITY)");
        case State::VehicleRow:
            if (t.size() != 2)
                fail(path, lineNo, "VEHICLE row needs NUMBER and CAPACITY");
            inst.fleetLimit = integer(t[0], path, lineNo, "vehicle number");
            inst.capacity = integer(t[1], path, lineNo, "capacity");
            if (inst.capacity <= 0)
                fail(path, lineNo, "capacity must be positive");
            haveVehicle = true;
            state = State::Customer;
            break;
        case State::Customer:
            if (first == "CUSTOMER") {
                haveCustomer = true;
                break;
            }
            if (haveCustomer && (first == "CUST" || !std::isdigit(static_cast<unsigned char>(t[0][0]))))
                break; // the column header
            if (!haveCustomer)
                fail(path, lineNo, "expected the CUSTOMER section");
            state = State::Rows;
            [[fallthrough]];
        case State::Rows: {
            if (t.size() != 7)
                fail(path, lineNo, "customer row needs 7 fields (CUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME), has "
                                       + std::to_string(t.size()));
            Node n;
            n.id = integer(t[0], path, lineNo, "customer number");
            n.x = number(t[1], path, lineNo, "x");
            n.y = number(t[2], path, lineNo, "y");
            n.demand = integer(t[3], path, lineNo, "demand");
            n.ready = number(t[4], path, lineNo, "ready time");
            n.due = number(t[5], path, lineNo, "due date");
            n.service = number(t[6], path, lineNo, "service time");
            if (n.demand < 0)
                fail(path, lineNo, "negative demand");
            if (n.due < n.ready)
                fail(path, lineNo, "due date before ready time");
            if (n.demand > inst.capacity)
                fail(path, lineNo, "demand " + std::to_string(n.demand) + " exceeds the capacity "
                                       + std::to_string(inst.capacity));
            if (int(inst.nodes.size()) >= kMaxDimension)
                fail(path, lineNo, "more than " + std::to_string(kMaxDimension) + " nodes: more than this solver takes");
            inst.nodes.push_back(n);
            rowLine.push_back(lineNo);
            break;
        }
        }
    }
    if (!haveVehicle)
        fail(path, lineNo, "missing VEHICLE section");
    if (!haveCustomer || inst.nodes.size() < 2)
        fail(path, lineNo, "missing CUSTOMER section (a depot and at least one customer)");
    for (std::size_t i = 0; i < inst.nodes.size(); ++i)
        if (inst.nodes[i].id != int(i))
            fail(path, rowLine[i], "customer numbers must run 0, 1, 2 ... (found " + std::to_string(inst.nodes[i].id) + ")");
    inst.depots = {0};
    inst.computeDistances();
    return inst;
}

void writeCvrplibSol(const Instance& instance, const Solution& solution, std::ostream& out)
{
    const int base = instance.nodes[std::size_t(instance.depots.empty() ? 0 : instance.depots[0])].id;
    int r = 0;
    double cost = 0;
    const int depot = instance.depots.empty() ? 0 : instance.depots[0];
    for (const auto& route : solution.routes) {
        if (route.empty())
            continue;
        out << "Route #" << ++r << ":";
        int prev = depot;
        for (int c : route) {
            out << ' ' << (instance.nodes[std::size_t(c)].id - base);
            cost += instance.distance(prev, c);
            prev = c;
        }
        cost += instance.distance(prev, depot);
        out << '\n';
    }
    out << "Cost ";
    if (instance.integerDistances)
        out << static_cast<long long>(std::llround(cost));
    else {
        std::ostringstream s;
        s.precision(2);
        s << std::fixed << cost;
        out << s.str();
    }
    out << '\n';
}

Solution readCvrplibSol(const Instance& instance, std::istream& in, double* cost)
{
    Solution sol;
    const int base = instance.nodes[std::size_t(instance.depots.empty() ? 0 : instance.depots[0])].id;
    std::string raw;
    int lineNo = 0;
    while (std::getline(in, raw)) {
        ++lineNo;
        const std::string line = trim(raw);
        if (line.empty())
            continue;
        if (upper(line.substr(0, 5)) == "ROUTE") {
            const auto colon = line.find(':');
            if (colon == std::string::npos)
                fail("solution", lineNo, "route line without ':'");
            std::vector<int> route;
            for (const auto& t : tokens(line.substr(colon + 1))) {
                const int num = integer(t, "solution", lineNo, "node");
                const int id = num + base;
                auto it = std::find_if(instance.nodes.begin(), instance.nodes.end(), [&](const Node& n) { return n.id == id; });
                if (it == instance.nodes.end())
                    fail("solution", lineNo, "node " + t + " is not in " + instance.name);
                route.push_back(int(it - instance.nodes.begin()));
            }
            sol.routes.push_back(std::move(route));
        } else if (upper(line.substr(0, 4)) == "COST") {
            if (cost)
                *cost = number(trim(line.substr(4)), "solution", lineNo, "cost");
        }
    }
    return sol;
}

} // namespace shoppilot::logistics
