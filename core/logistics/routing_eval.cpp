#include "logistics/routing_eval.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/csv.h"
#include "common/error.h"
#include "logistics/hgs.h"
#include "logistics/route_check.h"
#include "logistics/vrp_instance.h"

namespace shoppilot::logistics {

namespace fs = std::filesystem;

namespace {

std::map<std::string, double> readBks(const std::string& path)
{
    CsvReader reader(path);
    std::vector<std::string> row;
    if (!reader.next(row))
        throw Error(ErrorCode::Parse, path + ": empty file (a header with `instance` and `bks` or `bks_cost` expected)");
    int nameCol = -1, bksCol = -1;
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (row[i] == "instance")
            nameCol = int(i);
        else if ((row[i] == "bks" || row[i] == "bks_cost") && bksCol < 0)
            bksCol = int(i);
    }
    if (nameCol < 0)
        throw Error(ErrorCode::Parse, path + ": no column `instance` in the header");
    if (bksCol < 0)
        throw Error(ErrorCode::Parse, path + ": no column `bks` or `bks_cost` in the header");
    std::map<std::string, double> out;
    while (reader.next(row)) {
        if (int(row.size()) <= std::max(nameCol, bksCol))
            throw Error(ErrorCode::Parse, path + ":" + std::to_string(reader.lineNumber()) + ": too few fields");
        try {
            std::size_t used = 0;
            const double v = std::stod(row[std::size_t(bksCol)], &used);
            if (used != row[std::size_t(bksCol)].size())
                throw std::invalid_argument("trailing text");
            out[row[std::size_t(nameCol)]] = v;
        } catch (const std::exception&) {
            throw Error(ErrorCode::Parse, path + ":" + std::to_string(reader.lineNumber()) + ": '"
                                              + row[std::size_t(bksCol)] + "' is not a number");
        }
    }
    return out;
}

struct Run {
    double cost = std::numeric_limits<double>::infinity();
    double secondsToBest = 0;
    bool feasible = false;
    std::string violation;
    std::vector<std::vector<int>> routes;
};

} // namespace

RoutingReport evalRouting(const std::string& instancesDir, const std::string& bksCsv, double secondsPerNode,
                          int seeds, int threads, const std::string& solDir, const Progress& progress)
{
    if (!fs::is_directory(instancesDir))
        throw Error(ErrorCode::NotFound, "no such folder: " + instancesDir);
    if (seeds < 1 || threads < 1 || !(secondsPerNode > 0))
        throw Error(ErrorCode::InvalidArgument, "seeds and threads must be at least 1 and seconds per node positive");
    const auto bks = readBks(bksCsv);
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(instancesDir))
        if (e.is_regular_file() && e.path().extension() == ".vrp")
            files.push_back(e.path());
    std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
        return a.filename().string() < b.filename().string();
    });
    if (files.empty())
        throw Error(ErrorCode::NotFound, "no .vrp file under " + instancesDir);
    std::vector<Instance> instances;
    instances.reserve(files.size());
    for (const auto& f : files)
        instances.push_back(readCvrplib(f.string()));

    const auto start = std::chrono::steady_clock::now();
    const std::size_t nInst = instances.size();
    const std::size_t nTasks = nInst * std::size_t(seeds);
    std::vector<Run> runs(nTasks);
    std::atomic<std::size_t> next{0}, finished{0};
    std::atomic<bool> cancel{false};
    std::mutex errorMutex;
    std::string firstError;
    // Longest instances first so the parallel runs end together.
    std::vector<std::size_t> taskOrder(nTasks);
    for (std::size_t t = 0; t < nTasks; ++t)
        taskOrder[t] = t;
    std::stable_sort(taskOrder.begin(), taskOrder.end(), [&](std::size_t a, std::size_t b) {
        return instances[a / std::size_t(seeds)].customerCount() > instances[b / std::size_t(seeds)].customerCount();
    });
    auto worker = [&]() {
        for (;;) {
            const std::size_t k = next.fetch_add(1);
            if (k >= nTasks || cancel.load())
                return;
            const std::size_t t = taskOrder[k];
            const Instance& inst = instances[t / std::size_t(seeds)];
            const int seed = int(t % std::size_t(seeds)) + 1;
            try {
                HgsOptions opt;
                opt.seed = std::uint64_t(seed);
                opt.timeLimitSeconds = secondsPerNode * inst.customerCount();
                opt.fleetLimit = inst.fleetLimit;
                opt.progress = [&](double, std::string_view) { return !cancel.load(); };
                const HgsResult r = solveHgs(inst, opt);
                Run& run = runs[t];
                run.routes = r.routes;
                run.secondsToBest = r.secondsToBest;
                const CheckResult check = checkSolution(inst, r.routes);
                run.cost = check.cost;
                run.feasible = r.feasible && check.feasible();
                if (!check.feasible())
                    run.violation = check.violations.front();
                else if (!r.feasible)
                    run.violation = "the search found no feasible solution";
            } catch (const std::exception& e) {
                std::lock_guard lock(errorMutex);
                if (firstError.empty())
                    firstError = inst.name + ": " + e.what();
            }
            ++finished;
        }
    };
    std::vector<std::thread> pool;
    const int nThreads = int(std::min<std::size_t>(std::size_t(threads), nTasks));
    for (int i = 0; i < nThreads; ++i)
        pool.emplace_back(worker);
    while (finished.load() < nTasks && !cancel.load()) {
        if (progress && !progress(double(finished.load()) / double(nTasks), "routing: solving the instances"))
            cancel = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (auto& th : pool)
        th.join();
    if (cancel.load())
        throw Cancelled();
    if (!firstError.empty())
        throw Error(ErrorCode::InvalidArgument, firstError);

    RoutingReport rep;
    rep.secondsPerNode = secondsPerNode;
    rep.seeds = seeds;
    rep.threads = threads;
    double gapSum = 0;
    int gapCount = 0;
    for (std::size_t i = 0; i < nInst; ++i) {
        const Instance& inst = instances[i];
        RoutingInstanceResult res;
        res.name = inst.name;
        res.customers = inst.customerCount();
        res.fleetLimit = inst.fleetLimit;
        res.budgetSeconds = secondsPerNode * inst.customerCount();
        const Run* best = nullptr;
        double sum = 0;
        for (int s = 0; s < seeds; ++s) {
            const Run& r = runs[i * std::size_t(seeds) + std::size_t(s)];
            sum += r.cost;
            if (!best || (r.feasible && !best->feasible) || (r.feasible == best->feasible && r.cost < best->cost))
                best = &r;
        }
        res.meanCost = sum / seeds;
        res.cost = best->cost;
        res.secondsToBest = best->secondsToBest;
        res.feasible = best->feasible;
        res.violation = best->violation;
        res.routes = int(std::count_if(best->routes.begin(), best->routes.end(), [](const auto& r) { return !r.empty(); }));
        auto it = bks.find(inst.name);
        if (it == bks.end())
            it = bks.find(files[i].stem().string());
        res.bks = it == bks.end() ? std::numeric_limits<double>::quiet_NaN() : it->second;
        if (it != bks.end()) {
            res.gapPct = 100.0 * (res.cost - res.bks) / res.bks;
            gapSum += res.gapPct;
            ++gapCount;
            if (res.feasible && res.cost <= res.bks + 1e-6)
                ++rep.atBks;
        } else {
            res.gapPct = std::numeric_limits<double>::quiet_NaN();
        }
        if (!solDir.empty()) {
            fs::create_directories(solDir);
            std::ofstream out(fs::path(solDir) / (inst.name + ".sol"));
            if (!out)
                throw Error(ErrorCode::Io, "cannot write " + (fs::path(solDir) / (inst.name + ".sol")).string());
            writeCvrplibSol(inst, Solution{best->routes, {}}, out);
        }
        rep.perInstance.push_back(std::move(res));
    }
    rep.instances = int(nInst);
    rep.meanGapPct = gapCount ? gapSum / gapCount : 0.0;
    rep.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (progress)
        progress(1.0, "routing: done");
    return rep;
}

std::string formatRoutingTable(const RoutingReport& r)
{
    std::ostringstream s;
    s << std::fixed;
    s << std::left << std::setw(14) << "instance" << std::right << std::setw(6) << "n" << std::setw(4) << "k"
      << std::setw(10) << "bks" << std::setw(10) << "cost" << std::setw(10) << "mean" << std::setw(8) << "gap%"
      << std::setw(9) << "t_best" << std::setw(8) << "budget" << "  check\n";
    for (const auto& i : r.perInstance) {
        s << std::left << std::setw(14) << i.name << std::right << std::setw(6) << i.customers << std::setw(4)
          << i.fleetLimit << std::setprecision(0) << std::setw(10) << i.bks << std::setw(10) << i.cost
          << std::setprecision(1) << std::setw(10) << i.meanCost << std::setprecision(2) << std::setw(8) << i.gapPct
          << std::setprecision(1) << std::setw(9) << i.secondsToBest << std::setw(8) << i.budgetSeconds << "  "
          << (i.feasible ? "ok" : i.violation) << '\n';
    }
    s << std::setprecision(3) << "instances " << r.instances << ", at BKS " << r.atBks << "/" << r.instances
      << ", mean gap " << r.meanGapPct << "%  (" << std::setprecision(2) << r.secondsPerNode << " s per customer, "
      << r.seeds << " seed(s), " << r.threads << " thread(s), " << std::setprecision(0) << r.wallSeconds
      << " s wall)\n";
    return s.str();
}

std::string routingJson(const RoutingReport& r)
{
    nlohmann::json j;
    j["instances"] = r.instances;
    j["at_bks"] = r.atBks;
    j["mean_gap_pct"] = r.meanGapPct;
    j["seconds_per_node"] = r.secondsPerNode;
    j["seeds"] = r.seeds;
    j["threads"] = r.threads;
    auto list = nlohmann::json::array();
    for (const auto& i : r.perInstance) {
        nlohmann::json e;
        e["name"] = i.name;
        e["cost"] = i.cost;
        e["bks"] = std::isnan(i.bks) ? nlohmann::json(nullptr) : nlohmann::json(i.bks);
        e["gap_pct"] = std::isnan(i.gapPct) ? nlohmann::json(nullptr) : nlohmann::json(i.gapPct);
        e["seconds"] = i.secondsToBest;
        e["mean_cost"] = i.meanCost;
        e["feasible"] = i.feasible;
        e["routes"] = i.routes;
        list.push_back(std::move(e));
    }
    j["per_instance"] = std::move(list);
    return j.dump();
}

} // namespace shoppilot::logistics
