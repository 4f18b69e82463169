// core/logistics: the CVRPLIB and Solomon readers (and their refusals with the line number), the
// independent checker on hand-made violations, the genetic search against brute force on a tiny
// instance, on A-n32-k5 (optimum 784) and on a small VRPTW, determinism, cancel, the .sol
// writer read back, and the benchmark evaluation on two Augerat files.
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numeric>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/random.h"
#include "logistics/hgs.h"
#include "logistics/route_check.h"
#include "logistics/routing_eval.h"
#include "logistics/vrp_instance.h"

using shoppilot::Error;
using shoppilot::ErrorCode;
using shoppilot::Rng;
using namespace shoppilot::logistics;

namespace {

const std::string kCvrpDir = SHOPPILOT_DATA_DIR "/cvrp";

// A valid 4-node file; line numbers matter to the refusal tests below.
const char* kTiny = "NAME : T-n4-k2\n"          // 1
                    "TYPE : CVRP\n"             // 2
                    "DIMENSION : 4\n"           // 3
                    "EDGE_WEIGHT_TYPE : EUC_2D\n" // 4
                    "CAPACITY : 10\n"           // 5
                    "NODE_COORD_SECTION\n"      // 6
                    "1 0 0\n"                   // 7
                    "2 3 4\n"                   // 8
                    "3 6 8\n"                   // 9
                    "4 0 5\n"                   // 10
                    "DEMAND_SECTION\n"          // 11
                    "1 0\n"                     // 12
                    "2 4\n"                     // 13
                    "3 5\n"                     // 14
                    "4 6\n"                     // 15
                    "DEPOT_SECTION\n"           // 16
                    "1\n"                       // 17
                    "-1\n"                      // 18
                    "EOF\n";                    // 19

std::string replaceLine(const std::string& text, int line, const std::string& with, bool remove = false)
{
    std::istringstream in(text);
    std::string out, l;
    int n = 0;
    while (std::getline(in, l)) {
        ++n;
        if (n == line) {
            if (!remove)
                out += with + "\n";
        } else {
            out += l + "\n";
        }
    }
    return out;
}

// The error message readCvrplib gives for `text` written to a file, or "" if it is accepted.
std::string refusal(const QTemporaryDir& dir, const std::string& name, const std::string& text, std::string* path = nullptr)
{
    const std::string p = dir.path().toStdString() + "/" + name;
    std::ofstream(p) << text;
    if (path)
        *path = p;
    try {
        readCvrplib(p);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::Parse)
            return "wrong code: " + std::string(e.what());
        return e.what();
    }
    return {};
}

bool contains(const std::vector<std::string>& v, const std::string& word)
{
    return std::any_of(v.begin(), v.end(), [&](const std::string& s) { return s.find(word) != std::string::npos; });
}

std::string joined(const std::vector<std::string>& v)
{
    std::string s;
    for (const auto& x : v)
        s += x + "; ";
    return s;
}

// The CVRP optimum by brute force: every order of the customers, cut optimally into routes
// (any solution is some order cut into routes), hard capacity, optional fleet limit.
double bruteForce(const Instance& inst, int fleet)
{
    std::vector<int> perm;
    for (int i = 1; i < inst.size(); ++i)
        perm.push_back(i);
    const int n = int(perm.size());
    double best = std::numeric_limits<double>::infinity();
    do {
        // f[k][j]: first j customers of perm in k routes.
        const int K = fleet > 0 ? fleet : n;
        std::vector<std::vector<double>> f(std::size_t(K + 1), std::vector<double>(std::size_t(n + 1), 1e18));
        f[0][0] = 0;
        for (int k = 0; k < K; ++k)
            for (int i = 0; i < n; ++i) {
                if (f[std::size_t(k)][std::size_t(i)] >= 1e18)
                    continue;
                int load = 0;
                double d = 0;
                for (int j = i + 1; j <= n; ++j) {
                    const int c = perm[std::size_t(j - 1)];
                    load += inst.nodes[std::size_t(c)].demand;
                    if (load > inst.capacity)
                        break;
                    d += j == i + 1 ? inst.distance(0, c) : inst.distance(perm[std::size_t(j - 2)], c);
                    const double v = f[std::size_t(k)][std::size_t(i)] + d + inst.distance(c, 0);
                    f[std::size_t(k + 1)][std::size_t(j)] = std::min(f[std::size_t(k + 1)][std::size_t(j)], v);
                }
            }
        for (int k = 1; k <= K; ++k)
            best = std::min(best, f[std::size_t(k)][std::size_t(n)]);
    } while (std::next_permutation(perm.begin(), perm.end()));
    return best;
}

Instance randomInstance(std::uint64_t seed, int customers, int capacity)
{
    Rng rng(seed);
    Instance inst;
    inst.name = "rand";
    inst.capacity = capacity;
    inst.depots = {0};
    for (int i = 0; i <= customers; ++i) {
        Node n;
        n.id = i + 1;
        n.x = double(rng.range(0, 100));
        n.y = double(rng.range(0, 100));
        n.demand = i == 0 ? 0 : int(rng.range(1, 6));
        inst.nodes.push_back(n);
    }
    inst.computeDistances();
    return inst;
}

// A Solomon-format VRPTW: customers on a ring with windows of 40 around their direct-trip time;
// one vehicle per customer is always feasible, a good plan chains them.
std::string solomonText(int customers)
{
    Rng rng(7);
    std::ostringstream s;
    s << "RING" << customers << "\n\nVEHICLE\nNUMBER     CAPACITY\n  " << customers << "         50\n\nCUSTOMER\n"
      << "CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\n\n";
    s << "    0      50         50          0          0       1000          0\n";
    for (int i = 1; i <= customers; ++i) {
        const double a = 2 * 3.14159265358979 * i / customers;
        const int x = int(50 + 30 * std::cos(a)), y = int(50 + 30 * std::sin(a));
        const int ready = int(rng.range(0, 200)) + 40;
        s << "    " << i << "      " << x << "         " << y << "          " << rng.range(5, 15) << "          "
          << ready << "       " << ready + 40 << "          10\n";
    }
    return s.str();
}

} // namespace

class TestRouting : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsAugerat()
    {
        const Instance inst = readCvrplib(kCvrpDir + "/Augerat_A/A-n32-k5.vrp");
        QCOMPARE(inst.name, std::string("A-n32-k5"));
        QCOMPARE(inst.size(), 32);
        QCOMPARE(inst.customerCount(), 31);
        QCOMPARE(inst.capacity, 100);
        QCOMPARE(inst.fleetLimit, 5);
        QCOMPARE(inst.depots, std::vector<int>{0});
        // Nodes 1 (82,76) and 2 (96,44): sqrt(14^2 + 32^2) = 34.93 -> 35 (CVRPLIB's nint).
        QCOMPARE(inst.distance(0, 1), 35.0);
        QCOMPARE(inst.distance(1, 0), 35.0);
        QCOMPARE(inst.nodes[1].demand, 19);
        QVERIFY(inst.integerDistances);
        // P-n40-k5's file names itself "P-n40-k5.vrp": the instance is P-n40-k5 (as in the BKS file).
        QCOMPARE(readCvrplib(kCvrpDir + "/Augerat_P/P-n40-k5.vrp").name, std::string("P-n40-k5"));
        QCOMPARE(fleetFromName("A-n32-k5"), 5);
        QCOMPARE(fleetFromName("P-n55-k15"), 15);
        QCOMPARE(fleetFromName("X-n101-25"), 0);
        QCOMPARE(fleetFromName("C101"), 0);
    }

    void refusesBadFilesWithTheLine()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string tiny = kTiny;
        QCOMPARE(refusal(dir, "ok.vrp", tiny), std::string());

        std::string path;
        // Missing DEMAND_SECTION (lines 11-15 removed): noticed at the end, line 14 (EOF).
        std::string text = tiny;
        for (int i = 0; i < 5; ++i)
            text = replaceLine(text, 11, "", true);
        std::string msg = refusal(dir, "nodemand.vrp", text, &path);
        QVERIFY2(msg.find(path + ":14:") != std::string::npos && msg.find("DEMAND_SECTION") != std::string::npos, msg.c_str());

        msg = refusal(dir, "heavy.vrp", replaceLine(tiny, 14, "3 50"), &path);
        QVERIFY2(msg.find(path + ":14:") != std::string::npos && msg.find("exceeds") != std::string::npos, msg.c_str());

        msg = refusal(dir, "geo.vrp", replaceLine(tiny, 4, "EDGE_WEIGHT_TYPE : GEO"), &path);
        QVERIFY2(msg.find(path + ":4:") != std::string::npos && msg.find("GEO") != std::string::npos, msg.c_str());

        // DIMENSION 5 with 4 coordinate rows: the section ends early at line 11.
        msg = refusal(dir, "dim.vrp", replaceLine(tiny, 3, "DIMENSION : 5"), &path);
        QVERIFY2(msg.find(path + ":11:") != std::string::npos && msg.find("DIMENSION") != std::string::npos, msg.c_str());
        // DIMENSION 3 with 4 rows: node 4 is outside.
        msg = refusal(dir, "dim3.vrp", replaceLine(tiny, 3, "DIMENSION : 3"), &path);
        QVERIFY2(msg.find(path + ":10:") != std::string::npos && msg.find("DIMENSION") != std::string::npos, msg.c_str());

        // A DIMENSION beyond what the dense distance matrix can hold is refused before any
        // allocation (the fuzzer's out-of-memory input had 1600507803).
        msg = refusal(dir, "huge.vrp", replaceLine(tiny, 3, "DIMENSION : 1600507803"), &path);
        QVERIFY2(msg.find(path + ":3:") != std::string::npos && msg.find("more than this solver takes") != std::string::npos,
                 msg.c_str());
        QCOMPARE(refusal(dir, "limit.vrp", replaceLine(tiny, 3, "DIMENSION : " + std::to_string(kMaxDimension + 1)), &path)
                     .find("more than this solver takes") != std::string::npos,
                 true);

        msg = refusal(dir, "nan.vrp", replaceLine(tiny, 9, "3 6 x8"), &path);
        QVERIFY2(msg.find(path + ":9:") != std::string::npos && msg.find("x8") != std::string::npos, msg.c_str());

        msg = refusal(dir, "type.vrp", replaceLine(tiny, 2, "TYPE : TSP"), &path);
        QVERIFY2(msg.find(path + ":2:") != std::string::npos, msg.c_str());

        try {
            readCvrplib(dir.path().toStdString() + "/absent.vrp");
            QFAIL("a missing file was read");
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::Io);
        }
    }

    void checkerCatchesEachViolation()
    {
        std::istringstream in(kTiny);
        Instance inst = parseCvrplib(in, "tiny");
        // Customers 1..3 (demands 4, 5, 6), capacity 10, fleet 2 (from the name).
        auto ok = checkSolution(inst, {{1, 2}, {3}});
        QVERIFY2(ok.feasible(), joined(ok.violations).c_str());
        // Cost from coordinates: 0-(3,4)=5, (3,4)-(6,8)=5, (6,8)-0=10, 0-(0,5)=5 twice.
        QCOMPARE(ok.cost, 5.0 + 5 + 10 + 5 + 5);
        QCOMPARE(ok.routesUsed, 2);

        auto r = checkSolution(inst, {{1, 2, 3}});
        QVERIFY(contains(r.violations, "capacity"));
        r = checkSolution(inst, {{1, 2}, {3, 1}});
        QVERIFY(contains(r.violations, "visited 2 times"));
        r = checkSolution(inst, {{1, 2}});
        QVERIFY(contains(r.violations, "not visited"));
        QVERIFY(checkSolution(inst, {{1, 2}}, {3}).feasible());
        r = checkSolution(inst, {{1, 2}, {3}}, {3});
        QVERIFY(contains(r.violations, "unassigned but visited"));
        r = checkSolution(inst, {{1}, {2}, {3}});
        QVERIFY(contains(r.violations, "fleet limit"));
        r = checkSolution(inst, {{1, 0, 2}, {3}});
        QVERIFY(contains(r.violations, "depot"));
        r = checkSolution(inst, {{1, 9}, {2, 3}});
        QVERIFY(contains(r.violations, "not in the instance"));

        Instance tw = inst;
        tw.hasTimeWindows = true;
        tw.nodes[2].due = 8; // reached at 10 after customer 1 (5 + 5)
        r = checkSolution(tw, {{1, 2}, {3}});
        QVERIFY2(contains(r.violations, "after its due time"), joined(r.violations).c_str());
        tw.nodes[2].due = 10; // exactly on time is fine; early arrival waits
        tw.nodes[1].ready = 20;
        r = checkSolution(tw, {{1, 2}, {3}});
        QVERIFY(contains(r.violations, "after its due time")); // waits until 20, reaches 2 at 25
        tw.nodes[1].ready = 0;
        QVERIFY2(checkSolution(tw, {{1, 2}, {3}}).feasible(), joined(checkSolution(tw, {{1, 2}, {3}}).violations).c_str());
        tw.nodes[0].due = 15; // the route 1-2 returns at 20
        r = checkSolution(tw, {{1, 2}, {3}});
        QVERIFY(contains(r.violations, "returns to the depot"));

        Instance shift = inst;
        shift.shiftLength = 15;
        r = checkSolution(shift, {{1, 2}, {3}});
        QVERIFY(contains(r.violations, "shift length"));
        shift.shiftLength = 20;
        QVERIFY(checkSolution(shift, {{1, 2}, {3}}).feasible());
    }

    void matchesBruteForceOnTinyInstances()
    {
        int compared = 0, limited = 0;
        for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
            const Instance inst = randomInstance(seed, 7, 10);
            for (int fleet : {0, 3}) {
                const double opt = bruteForce(inst, fleet);
                if (opt >= 1e17)
                    continue;
                HgsOptions o;
                o.seed = seed;
                o.timeLimitSeconds = 0;
                o.maxIterations = 300;
                o.fleetLimit = fleet;
                const auto res = solveHgs(inst, o);
                QVERIFY(res.feasible);
                Instance checked = inst;
                checked.fleetLimit = fleet;
                const auto c = checkSolution(checked, res.routes);
                QVERIFY2(c.feasible(), joined(c.violations).c_str());
                QCOMPARE(c.cost, res.cost);
                QCOMPARE(res.cost, opt);
                ++compared;
                limited += fleet > 0;
            }
        }
        QVERIFY(compared >= 6);
        QVERIFY(limited >= 1); // the fleet-limited Split and search were compared too
    }

    void solvesAn32k5ToOptimality()
    {
        const Instance inst = readCvrplib(kCvrpDir + "/Augerat_A/A-n32-k5.vrp");
        HgsOptions o;
        o.seed = 1;
        o.timeLimitSeconds = 3;
        o.targetCost = 784;
        int news = 0;
        double lastCost = 1e18;
        o.onNewBest = [&](double t, double c) {
            ++news;
            QVERIFY(c < lastCost);
            QVERIFY(t >= 0);
            lastCost = c;
        };
        const auto res = solveHgs(inst, o);
        QVERIFY(res.feasible);
        QCOMPARE(res.cost, 784.0);
        QVERIFY(news >= 1);
        QCOMPARE(lastCost, 784.0);
        const auto c = checkSolution(inst, res.routes);
        QVERIFY2(c.feasible(), joined(c.violations).c_str());
        QCOMPARE(c.cost, 784.0);
        QVERIFY(c.routesUsed <= 5);
    }

    void solvesVrptwWithinWindows()
    {
        std::istringstream in(solomonText(12));
        const Instance inst = parseSolomon(in, "ring.txt");
        QCOMPARE(inst.name, std::string("RING12"));
        QCOMPARE(inst.customerCount(), 12);
        QCOMPARE(inst.capacity, 50);
        QCOMPARE(inst.fleetLimit, 12);
        QVERIFY(inst.hasTimeWindows);
        QVERIFY(!inst.integerDistances);
        HgsOptions o;
        o.seed = 3;
        o.timeLimitSeconds = 0;
        o.maxIterations = 400;
        const auto res = solveHgs(inst, o);
        QVERIFY(res.feasible);
        const auto c = checkSolution(inst, res.routes);
        QVERIFY2(c.feasible(), joined(c.violations).c_str());
        QVERIFY(std::abs(c.cost - res.cost) < 1e-6);
        // Chaining beats one vehicle per customer.
        double single = 0;
        for (int i = 1; i <= 12; ++i)
            single += 2 * inst.distance(0, i);
        QVERIFY(c.cost < single);
        // The windows bind: without them the same customers are served more cheaply, and that
        // cheaper plan breaks a window.
        Instance free = inst;
        free.hasTimeWindows = false;
        for (auto& nd : free.nodes) {
            nd.ready = 0;
            nd.due = std::numeric_limits<double>::infinity();
        }
        const auto loose = solveHgs(free, o);
        QVERIFY2(loose.cost < c.cost - 1e-6, qPrintable(QStringLiteral("%1 vs %2").arg(loose.cost).arg(c.cost)));
        QVERIFY(!checkSolution(inst, loose.routes).feasible());

        // Bad Solomon files: a non-numeric due date and a short row, with their lines.
        std::string text = solomonText(3);
        std::string bad = text;
        bad.replace(bad.rfind("10\n"), 2, "1x");
        std::istringstream in2(bad);
        try {
            parseSolomon(in2, "bad.txt");
            QFAIL("a non-numeric field was accepted");
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::Parse);
            QVERIFY2(std::string(e.what()).find("bad.txt:13:") != std::string::npos, e.what());
        }
    }

    void sameSeedSameResult()
    {
        const Instance inst = readCvrplib(kCvrpDir + "/Augerat_A/A-n45-k6.vrp");
        HgsOptions o;
        o.seed = 11;
        o.timeLimitSeconds = 0;
        o.maxIterations = 150;
        const auto a = solveHgs(inst, o);
        const auto b = solveHgs(inst, o);
        QCOMPARE(a.cost, b.cost);
        QCOMPARE(a.routes, b.routes);
        QCOMPARE(a.iterations, b.iterations);
    }

    void cancelReturnsBestSoFar()
    {
        const Instance inst = readCvrplib(kCvrpDir + "/Augerat_A/A-n32-k5.vrp");
        HgsOptions o;
        o.seed = 5;
        o.timeLimitSeconds = 30;
        int calls = 0;
        bool inRange = true;
        o.progress = [&](double f, std::string_view) {
            inRange = inRange && f >= 0 && f <= 1;
            return ++calls < 150;
        };
        const auto res = solveHgs(inst, o);
        QVERIFY(res.cancelled);
        QCOMPARE(calls, 150);
        QVERIFY(inRange);
        QVERIFY(res.seconds < 30);
        QVERIFY(res.feasible);
        const auto c = checkSolution(inst, res.routes);
        QVERIFY2(c.feasible(), joined(c.violations).c_str());
        QCOMPARE(c.cost, res.cost);
    }

    void solWriterReadsBack()
    {
        const Instance inst = readCvrplib(kCvrpDir + "/Augerat_A/A-n32-k5.vrp");
        HgsOptions o;
        o.seed = 2;
        o.timeLimitSeconds = 3;
        o.targetCost = 784;
        const auto res = solveHgs(inst, o);
        std::ostringstream out;
        writeCvrplibSol(inst, Solution{res.routes, {}}, out);
        const std::string text = out.str();
        QVERIFY2(text.rfind("Route #1: ", 0) == 0, text.c_str());
        QVERIFY2(text.find("Cost " + std::to_string(int(res.cost)) + "\n") != std::string::npos, text.c_str());
        // CVRPLIB numbers customers from the depot: node index i is written as i (file id - 1).
        QVERIFY(text.find(" 0 ") == std::string::npos);
        std::istringstream in(text);
        double cost = 0;
        const Solution back = readCvrplibSol(inst, in, &cost);
        QCOMPARE(cost, res.cost);
        std::vector<std::vector<int>> nonEmpty;
        for (const auto& r : res.routes)
            if (!r.empty())
                nonEmpty.push_back(r);
        QCOMPARE(back.routes, nonEmpty);
        QCOMPARE(checkSolution(inst, back).cost, res.cost);
    }

    void evaluatesAFolder()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        std::filesystem::create_directories(d + "/vrp/sub");
        std::filesystem::copy_file(kCvrpDir + "/Augerat_A/A-n32-k5.vrp", d + "/vrp/A-n32-k5.vrp");
        std::filesystem::copy_file(kCvrpDir + "/Augerat_P/P-n16-k8.vrp", d + "/vrp/sub/P-n16-k8.vrp");
        std::ofstream(d + "/bks.csv") << "set,instance,bks_cost\nA,A-n32-k5,784\nP,P-n16-k8,450\n";
        const auto rep = evalRouting(d + "/vrp", d + "/bks.csv", 0.03, 2, 2, d + "/sol");
        QCOMPARE(rep.instances, 2);
        QCOMPARE(rep.perInstance[0].name, std::string("A-n32-k5"));
        QCOMPARE(rep.perInstance[1].name, std::string("P-n16-k8"));
        QCOMPARE(rep.perInstance[1].fleetLimit, 8);
        for (const auto& r : rep.perInstance) {
            QVERIFY2(r.feasible, r.violation.c_str());
            QVERIFY(r.cost >= r.bks);
            QVERIFY(r.meanCost >= r.cost);
            QVERIFY(std::abs(r.gapPct - 100 * (r.cost - r.bks) / r.bks) < 1e-9);
        }
        QVERIFY(std::filesystem::exists(d + "/sol/A-n32-k5.sol"));
        const auto j = nlohmann::json::parse(routingJson(rep));
        QCOMPARE(j["instances"].get<int>(), 2);
        QCOMPARE(j["at_bks"].get<int>(), rep.atBks);
        QVERIFY(j.contains("mean_gap_pct"));
        QCOMPARE(j["per_instance"].size(), std::size_t(2));
        for (const char* key : {"name", "cost", "bks", "gap_pct", "seconds"})
            QVERIFY2(j["per_instance"][0].contains(key), key);
        QVERIFY(formatRoutingTable(rep).find("A-n32-k5") != std::string::npos);

        std::ofstream(d + "/nobks.csv") << "instance,best\nA-n32-k5,784\n";
        try {
            evalRouting(d + "/vrp", d + "/nobks.csv", 0.01, 1, 1);
            QFAIL("a BKS file without its column was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("bks_cost") != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
