#include "logistics/hgs.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <set>

#include "common/error.h"
#include "common/random.h"

namespace shoppilot::logistics {

namespace {

using Clock = std::chrono::steady_clock;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kEps = 1e-6;

// Time-window data of a sequence of visits (Vidal et al. 2013, "time warp"): its minimal duration,
// the unavoidable lateness, and the window of start times that achieves them.
struct Tw {
    double dur = 0;
    double warp = 0;
    double early = 0;
    double late = kInf;
};

inline Tw merge(const Tw& a, const Tw& b, double d)
{
    const double delta = a.dur - a.warp + d;
    const double waitD = std::max(b.early - delta - a.late, 0.0);
    const double warpD = std::max(a.early + delta - b.late, 0.0);
    Tw r;
    r.dur = a.dur + b.dur + d + waitD;
    r.warp = a.warp + b.warp + warpD;
    r.early = std::max(b.early - delta, a.early) - waitD;
    r.late = std::min(b.late - delta, a.late) + warpD;
    return r;
}

// The instance in the solver's own numbering: 0 is the depot, 1..n the customers.
struct Problem {
    int n = 0;
    int dim = 0;
    std::vector<int> orig; // solver index -> instance index
    std::vector<double> D;
    std::vector<int> demand;
    std::vector<Tw> nodeTw;
    Tw startDepot, endDepot;
    std::vector<double> angle; // polar angle around the depot
    int capacity = 0;
    bool tw = false;     // time windows or a shift length: time warp is evaluated
    int fleet = 0;       // routes the local search may use
    int fleetLimit = 0;  // 0 = unlimited
    std::vector<std::vector<int>> correlated;
    double d(int i, int j) const { return D[std::size_t(i) * std::size_t(dim) + std::size_t(j)]; }
};

struct Penalties {
    double load = 1;
    double warp = 1;
};

struct Indiv {
    std::vector<int> tour;
    std::vector<std::vector<int>> routes;
    double dist = 0;
    double excess = 0;
    double warp = 0;
    double pen = 0;
    bool feasible = false;
    std::vector<int> succ, pred;
    double fitness = 0;
    std::multiset<std::pair<double, Indiv*>> prox;
};

Tw routeTw(const Problem& P, const std::vector<int>& r)
{
    Tw t = P.startDepot;
    int prev = 0;
    for (int c : r) {
        t = merge(t, P.nodeTw[std::size_t(c)], P.d(prev, c));
        prev = c;
    }
    return merge(t, P.endDepot, P.d(prev, 0));
}

void evaluate(const Problem& P, const Penalties& pen, Indiv& ind)
{
    ind.dist = ind.excess = ind.warp = 0;
    ind.succ.assign(std::size_t(P.n + 1), 0);
    ind.pred.assign(std::size_t(P.n + 1), 0);
    for (const auto& r : ind.routes) {
        if (r.empty())
            continue;
        int prev = 0;
        int load = 0;
        for (int c : r) {
            ind.dist += P.d(prev, c);
            load += P.demand[std::size_t(c)];
            ind.pred[std::size_t(c)] = prev;
            if (prev)
                ind.succ[std::size_t(prev)] = c;
            prev = c;
        }
        ind.dist += P.d(prev, 0);
        ind.excess += std::max(0, load - P.capacity);
        if (P.tw)
            ind.warp += routeTw(P, r).warp;
    }
    ind.pen = ind.dist + pen.load * ind.excess + pen.warp * ind.warp;
    ind.feasible = ind.excess <= 0 && ind.warp < 1e-9;
}

double brokenPairs(const Problem& P, const Indiv& a, const Indiv& b)
{
    int diff = 0;
    for (int j = 1; j <= P.n; ++j) {
        const auto J = std::size_t(j);
        if (a.succ[J] != b.succ[J] && a.succ[J] != b.pred[J])
            ++diff;
        if (a.pred[J] == 0 && b.pred[J] != 0 && b.succ[J] != 0)
            ++diff;
    }
    return double(diff) / double(P.n);
}

// ---------------------------------------------------------------------------------------------
// Split: the giant tour cut into at most `maxRoutes` routes (Bellman over route counts), the load
// excess penalised rather than forbidden so infeasible offspring still get cut sensibly.
std::vector<std::vector<int>> split(const Problem& P, const std::vector<int>& tour, double loadPen, int maxRoutes)
{
    const int n = int(tour.size());
    std::vector<double> cumD(std::size_t(n + 1), 0);
    std::vector<int> cumQ(std::size_t(n + 1), 0);
    for (int i = 1; i <= n; ++i) {
        cumQ[std::size_t(i)] = cumQ[std::size_t(i - 1)] + P.demand[std::size_t(tour[std::size_t(i - 1)])];
        cumD[std::size_t(i)] = i > 1 ? cumD[std::size_t(i - 1)] + P.d(tour[std::size_t(i - 2)], tour[std::size_t(i - 1)]) : 0;
    }
    // Route of tour positions i+1..j (1-based).
    auto cost = [&](int i, int j) {
        const int first = tour[std::size_t(i)], last = tour[std::size_t(j - 1)];
        const int load = cumQ[std::size_t(j)] - cumQ[std::size_t(i)];
        return P.d(0, first) + cumD[std::size_t(j)] - cumD[std::size_t(i + 1)] + P.d(last, 0)
               + loadPen * std::max(0, load - P.capacity);
    };
    auto run = [&](double loadBound, int K) -> std::vector<std::vector<int>> {
        // pot[k][j]: best cost of the first j customers in k routes.
        std::vector<std::vector<double>> pot(std::size_t(K + 1), std::vector<double>(std::size_t(n + 1), kInf));
        std::vector<std::vector<int>> from(std::size_t(K + 1), std::vector<int>(std::size_t(n + 1), -1));
        pot[0][0] = 0;
        for (int k = 0; k < K; ++k)
            for (int i = 0; i < n; ++i) {
                const double base = pot[std::size_t(k)][std::size_t(i)];
                if (base == kInf)
                    continue;
                for (int j = i + 1; j <= n; ++j) {
                    if (j > i + 1 && cumQ[std::size_t(j)] - cumQ[std::size_t(i)] > loadBound)
                        break;
                    const double c = base + cost(i, j);
                    if (c < pot[std::size_t(k + 1)][std::size_t(j)]) {
                        pot[std::size_t(k + 1)][std::size_t(j)] = c;
                        from[std::size_t(k + 1)][std::size_t(j)] = i;
                    }
                }
            }
        int bestK = -1;
        for (int k = 1; k <= K; ++k)
            if (pot[std::size_t(k)][std::size_t(n)] < kInf
                && (bestK < 0 || pot[std::size_t(k)][std::size_t(n)] < pot[std::size_t(bestK)][std::size_t(n)]))
                bestK = k;
        if (bestK < 0)
            return {};
        std::vector<std::vector<int>> routes;
        for (int k = bestK, j = n; k > 0; --k) {
            const int i = from[std::size_t(k)][std::size_t(j)];
            routes.emplace_back(tour.begin() + i, tour.begin() + j);
            j = i;
        }
        std::reverse(routes.begin(), routes.end());
        return routes;
    };
    if (maxRoutes <= 0) {
        // Unlimited fleet: one layer (Bellman over positions) is enough.
        std::vector<double> pot(std::size_t(n + 1), kInf);
        std::vector<int> from(std::size_t(n + 1), -1);
        pot[0] = 0;
        for (int i = 0; i < n; ++i)
            for (int j = i + 1; j <= n; ++j) {
                if (j > i + 1 && cumQ[std::size_t(j)] - cumQ[std::size_t(i)] > 1.5 * P.capacity)
                    break;
                const double c = pot[std::size_t(i)] + cost(i, j);
                if (c < pot[std::size_t(j)]) {
                    pot[std::size_t(j)] = c;
                    from[std::size_t(j)] = i;
                }
            }
        std::vector<std::vector<int>> routes;
        for (int j = n; j > 0;) {
            const int i = from[std::size_t(j)];
            routes.emplace_back(tour.begin() + i, tour.begin() + j);
            j = i;
        }
        std::reverse(routes.begin(), routes.end());
        return routes;
    }
    auto routes = run(1.5 * P.capacity, std::min(maxRoutes, n));
    if (routes.empty())
        routes = run(kInf, std::min(maxRoutes, n));
    return routes;
}

// ---------------------------------------------------------------------------------------------
// Local search over routes held as arrays with prefix/suffix data, so a move that reconnects
// pieces of one or two routes is priced in O(pieces): a move is written as the list of pieces
// (segments of the current routes, maybe reversed) each new route is made of.
class LocalSearch {
public:
    LocalSearch(const Problem& P, Rng& rng) : P(P), rng(rng)
    {
        pos.assign(std::size_t(P.n + 1), 0);
        routeOf.assign(std::size_t(P.n + 1), 0);
        lastTested.assign(std::size_t(P.n + 1), -1);
        order.resize(std::size_t(P.n));
        std::iota(order.begin(), order.end(), 1);
    }

    void run(std::vector<std::vector<int>>& solution, const Penalties& pen);

private:
    struct Route {
        std::vector<int> seq; // 0, customers..., 0
        std::vector<int> cumLoad;
        std::vector<double> cumDist;
        std::vector<Tw> pre, suf;
        int load = 0;
        double dist = 0;
        double warp = 0;
        double cost = 0; // penalised
        long long modified = 0;
        long long swapStarTested = -1;
        int size() const { return int(seq.size()) - 2; }
        int end() const { return int(seq.size()) - 1; }
    };
    struct Seg {
        int r, i, j;
        bool rev;
    };
    struct SegList {
        Seg s[6];
        int k = 0;
        void add(int r, int i, int j, bool rev = false)
        {
            if (i <= j)
                s[k++] = Seg{r, i, j, rev};
        }
    };

    void load(int r, const std::vector<int>& seq);
    const Tw& twOf(const Route& R, int p, bool reversed) const
    {
        const int c = R.seq[std::size_t(p)];
        if (c != 0)
            return P.nodeTw[std::size_t(c)];
        // A depot inside a reversed piece swaps roles: the start becomes the end and vice versa.
        const bool isStart = (p == 0) != reversed;
        return isStart ? P.startDepot : P.endDepot;
    }
    Tw segTw(const Seg& s) const;
    double evalSegs(const SegList& L) const;
    void build(const SegList& L, std::vector<int>& out) const;
    bool apply(int ra, const SegList& A, int rb, const SegList* B);

    bool relocate(int ru, int pu, int len, bool rev, int rv, int pv);
    bool swapSegs(int ru, int pu, int lu, int rv, int pv, int lv);
    bool twoOptIntra(int r, int p, int q);
    bool twoOptStar(int ru, int pu, int rv, int pv, bool reversed);
    bool movesUV(int u, int v);
    bool movesUDepot(int u, int r);
    bool swapStar(int r1, int r2);
    double excessCost(int load) const { return pen.load * std::max(0, load - P.capacity); }

    const Problem& P;
    Rng& rng;
    Penalties pen;
    std::vector<Route> routes;
    std::vector<int> pos, routeOf;
    std::vector<long long> lastTested;
    std::vector<int> order;
    long long nbMoves = 0;
    std::vector<int> scratchA, scratchB;
};

void LocalSearch::load(int r, const std::vector<int>& seq)
{
    Route& R = routes[std::size_t(r)];
    R.seq = seq;
    const std::size_t m = seq.size();
    R.cumLoad.resize(m);
    R.cumDist.resize(m);
    R.cumLoad[0] = 0;
    R.cumDist[0] = 0;
    for (std::size_t p = 1; p < m; ++p) {
        R.cumLoad[p] = R.cumLoad[p - 1] + P.demand[std::size_t(seq[p])];
        R.cumDist[p] = R.cumDist[p - 1] + P.d(seq[p - 1], seq[p]);
        if (p + 1 < m) {
            pos[std::size_t(seq[p])] = int(p);
            routeOf[std::size_t(seq[p])] = r;
        }
    }
    R.load = R.cumLoad[m - 1];
    R.dist = R.cumDist[m - 1];
    R.warp = 0;
    if (P.tw) {
        R.pre.resize(m);
        R.suf.resize(m);
        R.pre[0] = P.startDepot;
        for (std::size_t p = 1; p < m; ++p)
            R.pre[p] = merge(R.pre[p - 1], p + 1 < m ? P.nodeTw[std::size_t(seq[p])] : P.endDepot, P.d(seq[p - 1], seq[p]));
        R.suf[m - 1] = P.endDepot;
        for (std::size_t p = m - 1; p-- > 0;)
            R.suf[p] = merge(p == 0 ? P.startDepot : P.nodeTw[std::size_t(seq[p])], R.suf[p + 1], P.d(seq[p], seq[p + 1]));
        R.warp = R.pre[m - 1].warp;
    }
    R.cost = R.dist + excessCost(R.load) + pen.warp * R.warp;
    R.modified = nbMoves;
}

Tw LocalSearch::segTw(const Seg& s) const
{
    const Route& R = routes[std::size_t(s.r)];
    if (!s.rev && s.i == 0)
        return R.pre[std::size_t(s.j)];
    if (!s.rev && s.j == R.end())
        return R.suf[std::size_t(s.i)];
    if (s.rev) {
        Tw t = twOf(R, s.j, true);
        for (int p = s.j - 1; p >= s.i; --p)
            t = merge(t, twOf(R, p, true), P.d(R.seq[std::size_t(p + 1)], R.seq[std::size_t(p)]));
        return t;
    }
    Tw t = twOf(R, s.i, false);
    for (int p = s.i + 1; p <= s.j; ++p)
        t = merge(t, twOf(R, p, false), P.d(R.seq[std::size_t(p - 1)], R.seq[std::size_t(p)]));
    return t;
}

double LocalSearch::evalSegs(const SegList& L) const
{
    double dist = 0;
    int load = 0;
    int prevLast = -1;
    Tw tw;
    for (int k = 0; k < L.k; ++k) {
        const Seg& s = L.s[k];
        const Route& R = routes[std::size_t(s.r)];
        const int a = R.seq[std::size_t(s.i)], b = R.seq[std::size_t(s.j)];
        const int first = s.rev ? b : a, last = s.rev ? a : b;
        dist += R.cumDist[std::size_t(s.j)] - R.cumDist[std::size_t(s.i)];
        load += R.cumLoad[std::size_t(s.j)] - (s.i > 0 ? R.cumLoad[std::size_t(s.i - 1)] : 0);
        const double link = prevLast >= 0 ? P.d(prevLast, first) : 0;
        dist += link;
        if (P.tw)
            tw = k == 0 ? segTw(s) : merge(tw, segTw(s), link);
        prevLast = last;
    }
    return dist + excessCost(load) + (P.tw ? pen.warp * tw.warp : 0.0);
}

void LocalSearch::build(const SegList& L, std::vector<int>& out) const
{
    out.clear();
    for (int k = 0; k < L.k; ++k) {
        const Seg& s = L.s[k];
        const Route& R = routes[std::size_t(s.r)];
        if (s.rev)
            for (int p = s.j; p >= s.i; --p)
                out.push_back(R.seq[std::size_t(p)]);
        else
            for (int p = s.i; p <= s.j; ++p)
                out.push_back(R.seq[std::size_t(p)]);
    }
}

bool LocalSearch::apply(int ra, const SegList& A, int rb, const SegList* B)
{
    const double before = routes[std::size_t(ra)].cost + (B ? routes[std::size_t(rb)].cost : 0.0);
    const double after = evalSegs(A) + (B ? evalSegs(*B) : 0.0);
    if (after > before - kEps)
        return false;
    build(A, scratchA);
    if (B)
        build(*B, scratchB);
    ++nbMoves;
    load(ra, scratchA);
    if (B)
        load(rb, scratchB);
    return true;
}

// Moves the piece at pu (len 1 or 2, maybe reversed) of route ru to after position pv of rv.
bool LocalSearch::relocate(int ru, int pu, int len, bool rev, int rv, int pv)
{
    const Route& U = routes[std::size_t(ru)];
    const int pe = pu + len - 1;
    if (pe >= U.end())
        return false;
    if (ru != rv) {
        const Route& V = routes[std::size_t(rv)];
        SegList A, B;
        A.add(ru, 0, pu - 1);
        A.add(ru, pe + 1, U.end());
        B.add(rv, 0, pv);
        B.add(ru, pu, pe, rev);
        B.add(rv, pv + 1, V.end());
        return apply(ru, A, rv, &B);
    }
    if (pv >= pu && pv <= pe)
        return false;
    if (pv == pu - 1 && !rev)
        return false;
    SegList A;
    if (pv < pu) {
        A.add(ru, 0, pv);
        A.add(ru, pu, pe, rev);
        A.add(ru, pv + 1, pu - 1);
        A.add(ru, pe + 1, U.end());
    } else {
        A.add(ru, 0, pu - 1);
        A.add(ru, pe + 1, pv);
        A.add(ru, pu, pe, rev);
        A.add(ru, pv + 1, U.end());
    }
    return apply(ru, A, ru, nullptr);
}

// Exchanges the piece of lu nodes at pu with the piece of lv nodes at pv.
bool LocalSearch::swapSegs(int ru, int pu, int lu, int rv, int pv, int lv)
{
    const Route& U = routes[std::size_t(ru)];
    const Route& V = routes[std::size_t(rv)];
    if (pu + lu - 1 >= U.end() || pv + lv - 1 >= V.end())
        return false;
    if (ru != rv) {
        SegList A, B;
        A.add(ru, 0, pu - 1);
        A.add(rv, pv, pv + lv - 1);
        A.add(ru, pu + lu, U.end());
        B.add(rv, 0, pv - 1);
        B.add(ru, pu, pu + lu - 1);
        B.add(rv, pv + lv, V.end());
        return apply(ru, A, rv, &B);
    }
    int p = pu, lp = lu, q = pv, lq = lv;
    if (q < p) {
        std::swap(p, q);
        std::swap(lp, lq);
    }
    if (p + lp - 1 >= q)
        return false;
    SegList A;
    A.add(ru, 0, p - 1);
    A.add(ru, q, q + lq - 1);
    A.add(ru, p + lp, q - 1);
    A.add(ru, p, p + lp - 1);
    A.add(ru, q + lq, U.end());
    return apply(ru, A, ru, nullptr);
}

bool LocalSearch::twoOptIntra(int r, int p, int q)
{
    if (q < p)
        std::swap(p, q);
    if (q <= p + 1)
        return false;
    SegList A;
    A.add(r, 0, p);
    A.add(r, p + 1, q, true);
    A.add(r, q + 1, routes[std::size_t(r)].end());
    return apply(r, A, r, nullptr);
}

bool LocalSearch::twoOptStar(int ru, int pu, int rv, int pv, bool reversed)
{
    const Route& U = routes[std::size_t(ru)];
    const Route& V = routes[std::size_t(rv)];
    SegList A, B;
    if (!reversed) { // u -> y, v -> x
        A.add(ru, 0, pu);
        A.add(rv, pv + 1, V.end());
        B.add(rv, 0, pv);
        B.add(ru, pu + 1, U.end());
    } else { // u -> v and x -> y, the pieces between reversed
        A.add(ru, 0, pu);
        A.add(rv, 0, pv, true);
        B.add(ru, pu + 1, U.end(), true);
        B.add(rv, pv + 1, V.end());
    }
    return apply(ru, A, rv, &B);
}

bool LocalSearch::movesUV(int u, int v)
{
    const int ru = routeOf[std::size_t(u)], rv = routeOf[std::size_t(v)];
    const int pu = pos[std::size_t(u)], pv = pos[std::size_t(v)];
    const bool xCust = pu + 1 < routes[std::size_t(ru)].end();
    const bool yCust = pv + 1 < routes[std::size_t(rv)].end();
    if (relocate(ru, pu, 1, false, rv, pv))
        return true;
    if (xCust && relocate(ru, pu, 2, false, rv, pv))
        return true;
    if (xCust && relocate(ru, pu, 2, true, rv, pv))
        return true;
    if (swapSegs(ru, pu, 1, rv, pv, 1))
        return true;
    if (xCust && swapSegs(ru, pu, 2, rv, pv, 1))
        return true;
    if (xCust && yCust && swapSegs(ru, pu, 2, rv, pv, 2))
        return true;
    if (ru == rv)
        return twoOptIntra(ru, pu, pv);
    if (twoOptStar(ru, pu, rv, pv, true))
        return true;
    return twoOptStar(ru, pu, rv, pv, false);
}

// Moves that put u (or its piece) right after the start depot of route r.
bool LocalSearch::movesUDepot(int u, int r)
{
    const int ru = routeOf[std::size_t(u)];
    const int pu = pos[std::size_t(u)];
    const bool xCust = pu + 1 < routes[std::size_t(ru)].end();
    if (relocate(ru, pu, 1, false, r, 0))
        return true;
    if (xCust && relocate(ru, pu, 2, false, r, 0))
        return true;
    if (xCust && relocate(ru, pu, 2, true, r, 0))
        return true;
    if (ru == r)
        return false;
    if (twoOptStar(ru, pu, r, 0, true))
        return true;
    return twoOptStar(ru, pu, r, 0, false);
}

// SWAP* (Vidal 2022): exchange u of r1 and v of r2, each inserted at its best place in the other
// route rather than in the other's position. Insertion costs come from each node's three best
// positions in the other route, so a pair is priced in O(1). Distance and load only (CVRP).
bool LocalSearch::swapStar(int r1, int r2)
{
    struct Best3 {
        double c[3] = {kInf, kInf, kInf};
        int p[3] = {-1, -1, -1};
        void add(double cost, int position)
        {
            if (cost >= c[2])
                return;
            int k = 2;
            while (k > 0 && cost < c[k - 1]) {
                c[k] = c[k - 1];
                p[k] = p[k - 1];
                --k;
            }
            c[k] = cost;
            p[k] = position;
        }
    };
    const Route& A = routes[std::size_t(r1)];
    const Route& B = routes[std::size_t(r2)];
    const int na = A.size(), nb = B.size();
    if (na == 0 || nb == 0)
        return false;
    auto bestIns = [&](const Route& R, int c) {
        Best3 b;
        for (int p = 0; p < R.end(); ++p) {
            const int a = R.seq[std::size_t(p)], z = R.seq[std::size_t(p + 1)];
            b.add(P.d(a, c) + P.d(c, z) - P.d(a, z), p);
        }
        return b;
    };
    std::vector<Best3> insA(static_cast<std::size_t>(na)), insB(static_cast<std::size_t>(nb)); // A's nodes into B, B's into A
    std::vector<double> remA(static_cast<std::size_t>(na)), remB(static_cast<std::size_t>(nb));
    for (int i = 1; i <= na; ++i) {
        const int c = A.seq[std::size_t(i)];
        insA[std::size_t(i - 1)] = bestIns(B, c);
        remA[std::size_t(i - 1)] = P.d(A.seq[std::size_t(i - 1)], A.seq[std::size_t(i + 1)]) - P.d(A.seq[std::size_t(i - 1)], c)
                                   - P.d(c, A.seq[std::size_t(i + 1)]);
    }
    for (int j = 1; j <= nb; ++j) {
        const int c = B.seq[std::size_t(j)];
        insB[std::size_t(j - 1)] = bestIns(A, c);
        remB[std::size_t(j - 1)] = P.d(B.seq[std::size_t(j - 1)], B.seq[std::size_t(j + 1)]) - P.d(B.seq[std::size_t(j - 1)], c)
                                   - P.d(c, B.seq[std::size_t(j + 1)]);
    }
    // Cheapest insertion of c (from the other route) into R without the node at position pr.
    auto insertWithout = [&](const Route& R, const Best3& b, int c, int pr, int& at) {
        const int a = R.seq[std::size_t(pr - 1)], z = R.seq[std::size_t(pr + 1)];
        double best = P.d(a, c) + P.d(c, z) - P.d(a, z);
        at = pr - 1;
        for (int k = 0; k < 3; ++k) {
            const int p = b.p[k];
            if (p < 0)
                break;
            if (p == pr || p + 1 == pr)
                continue;
            if (b.c[k] < best) {
                best = b.c[k];
                at = p;
            }
            break;
        }
        return best;
    };
    double best = -kEps;
    int bi = -1, bj = -1, atA = -1, atB = -1;
    const double oldPen = excessCost(A.load) + excessCost(B.load);
    for (int i = 1; i <= na; ++i) {
        const int u = A.seq[std::size_t(i)];
        for (int j = 1; j <= nb; ++j) {
            const int v = B.seq[std::size_t(j)];
            const double penDelta = excessCost(A.load - P.demand[std::size_t(u)] + P.demand[std::size_t(v)])
                                    + excessCost(B.load - P.demand[std::size_t(v)] + P.demand[std::size_t(u)]) - oldPen;
            double delta = remA[std::size_t(i - 1)] + remB[std::size_t(j - 1)] + penDelta;
            if (delta >= best)
                continue;
            int pb = -1, pa = -1;
            delta += insertWithout(B, insA[std::size_t(i - 1)], u, j, pb);
            if (delta >= best)
                continue;
            delta += insertWithout(A, insB[std::size_t(j - 1)], v, i, pa);
            if (delta < best) {
                best = delta;
                bi = i;
                bj = j;
                atB = pb;
                atA = pa;
            }
        }
    }
    if (bi < 0)
        return false;
    const int u = A.seq[std::size_t(bi)], v = B.seq[std::size_t(bj)];
    scratchA.clear();
    for (int p = 0; p <= A.end(); ++p) {
        if (p != bi)
            scratchA.push_back(A.seq[std::size_t(p)]);
        if (p == atA)
            scratchA.push_back(v);
    }
    scratchB.clear();
    for (int p = 0; p <= B.end(); ++p) {
        if (p != bj)
            scratchB.push_back(B.seq[std::size_t(p)]);
        if (p == atB)
            scratchB.push_back(u);
    }
    ++nbMoves;
    load(r1, scratchA);
    load(r2, scratchB);
    return true;
}

void LocalSearch::run(std::vector<std::vector<int>>& solution, const Penalties& p)
{
    pen = p;
    nbMoves = 0;
    const int nbRoutes = std::max<int>(P.fleet, int(solution.size()));
    routes.assign(std::size_t(nbRoutes), Route{});
    std::vector<int> seq;
    for (int r = 0; r < nbRoutes; ++r) {
        seq.assign(1, 0);
        if (r < int(solution.size()))
            seq.insert(seq.end(), solution[std::size_t(r)].begin(), solution[std::size_t(r)].end());
        seq.push_back(0);
        load(r, seq);
    }
    std::fill(lastTested.begin(), lastTested.end(), -1);
    rng.shuffle(order);
    std::vector<std::vector<int>> corr = P.correlated;
    for (auto& c : corr)
        rng.shuffle(c);
    const bool useSwapStar = !P.tw;
    bool done = false;
    for (int loop = 0; !done; ++loop) {
        if (loop > 1)
            done = true;
        for (int u : order) {
            const long long last = lastTested[std::size_t(u)];
            lastTested[std::size_t(u)] = nbMoves;
            for (int v : corr[std::size_t(u)]) {
                const int ru = routeOf[std::size_t(u)], rv = routeOf[std::size_t(v)];
                if (loop > 0 && std::max(routes[std::size_t(ru)].modified, routes[std::size_t(rv)].modified) <= last)
                    continue;
                if (movesUV(u, v)) {
                    done = false;
                    continue;
                }
                if (pos[std::size_t(v)] == 1 && movesUDepot(u, routeOf[std::size_t(v)]))
                    done = false;
            }
            if (loop > 0) {
                // Moves into an empty route (not in the first loop, to keep the fleet small).
                for (int r = 0; r < nbRoutes; ++r)
                    if (routes[std::size_t(r)].size() == 0) {
                        if (movesUDepot(u, r))
                            done = false;
                        break;
                    }
            }
        }
        if (useSwapStar) {
            for (int r1 = 0; r1 < nbRoutes; ++r1) {
                const long long last = routes[std::size_t(r1)].swapStarTested;
                routes[std::size_t(r1)].swapStarTested = nbMoves;
                for (int r2 = r1 + 1; r2 < nbRoutes; ++r2) {
                    if (loop > 0 && std::max(routes[std::size_t(r1)].modified, routes[std::size_t(r2)].modified) <= last)
                        continue;
                    if (swapStar(r1, r2))
                        done = false;
                }
            }
        }
    }
    // Export, routes in polar order of their barycentre so the giant tour keeps neighbours close.
    std::vector<std::pair<double, int>> keyed;
    for (int r = 0; r < nbRoutes; ++r) {
        const Route& R = routes[std::size_t(r)];
        if (R.size() == 0)
            continue;
        double sx = 0, sy = 0;
        for (int p = 1; p < R.end(); ++p) {
            sx += std::cos(P.angle[std::size_t(R.seq[std::size_t(p)])]);
            sy += std::sin(P.angle[std::size_t(R.seq[std::size_t(p)])]);
        }
        keyed.emplace_back(std::atan2(sy, sx), r);
    }
    std::sort(keyed.begin(), keyed.end());
    solution.clear();
    for (const auto& [key, r] : keyed) {
        const Route& R = routes[std::size_t(r)];
        solution.emplace_back(R.seq.begin() + 1, R.seq.end() - 1);
    }
}

// ---------------------------------------------------------------------------------------------
class Genetic {
public:
    Genetic(const Problem& P, const HgsOptions& o) : P(P), opt(o), rng(o.seed, 0x4853), ls(P, rng)
    {
        start = Clock::now();
        double maxD = 0;
        int maxQ = 1;
        for (int i = 0; i <= P.n; ++i)
            for (int j = 0; j <= P.n; ++j)
                maxD = std::max(maxD, P.d(i, j));
        for (int i = 1; i <= P.n; ++i)
            maxQ = std::max(maxQ, P.demand[std::size_t(i)]);
        pen.load = std::clamp(maxD / double(maxQ), 0.1, 1000.0);
        pen.warp = 1.0;
    }

    HgsResult run();

private:
    using Sub = std::vector<std::unique_ptr<Indiv>>;

    double elapsed() const { return std::chrono::duration<double>(Clock::now() - start).count(); }
    bool shouldStop();
    std::unique_ptr<Indiv> makeFromTour(std::vector<int> tour, bool& repairedFeasible, std::unique_ptr<Indiv>& repaired);
    void insert(std::unique_ptr<Indiv> ind);
    void updateFitness(Sub& s);
    void removeWorst(Sub& s);
    const Indiv& tournament();
    std::vector<int> crossover(const Indiv& a, const Indiv& b);
    void managePenalties();
    void initialPopulation();
    void consider(const Indiv& ind);

    const Problem& P;
    const HgsOptions& opt;
    Rng rng;
    LocalSearch ls;
    Penalties pen;
    Sub feas, infeas;
    Clock::time_point start;
    long long iter = 0;
    long long sinceImprovement = 0;
    bool stopped = false;
    bool cancelled = false;
    std::vector<bool> recentLoad, recentWarp;

    bool haveBest = false;
    std::vector<std::vector<int>> bestRoutes;
    double bestCost = kInf;
    double bestTime = 0;
    bool haveAny = false;
    std::vector<std::vector<int>> anyRoutes;
    double anyPen = kInf;
    double anyDist = 0;
};

bool Genetic::shouldStop()
{
    if (stopped)
        return true;
    const double t = elapsed();
    double frac = 0;
    if (opt.timeLimitSeconds > 0) {
        frac = t / opt.timeLimitSeconds;
        if (t >= opt.timeLimitSeconds)
            stopped = true;
    }
    if (opt.maxIterations > 0) {
        frac = std::max(frac, double(iter) / double(opt.maxIterations));
        if (iter >= opt.maxIterations)
            stopped = true;
    }
    if (opt.targetCost > 0 && haveBest && bestCost <= opt.targetCost + kEps)
        stopped = true;
    if (!stopped && opt.progress && !opt.progress(std::min(frac, 1.0), "routing: genetic search")) {
        stopped = true;
        cancelled = true;
    }
    return stopped;
}

void Genetic::consider(const Indiv& ind)
{
    if (ind.feasible && ind.dist < bestCost - kEps) {
        bestCost = ind.dist;
        bestRoutes = ind.routes;
        haveBest = true;
        bestTime = elapsed();
        sinceImprovement = 0;
        if (opt.onNewBest)
            opt.onNewBest(bestTime, bestCost);
    }
    const double pAny = ind.dist + 1e6 * (ind.excess + ind.warp);
    if (pAny < anyPen) {
        anyPen = pAny;
        anyRoutes = ind.routes;
        anyDist = ind.dist;
        haveAny = true;
    }
}

std::unique_ptr<Indiv> Genetic::makeFromTour(std::vector<int> tour, bool& repairedFeasible, std::unique_ptr<Indiv>& repaired)
{
    auto ind = std::make_unique<Indiv>();
    ind->routes = split(P, tour, pen.load, P.fleetLimit);
    ls.run(ind->routes, pen);
    for (const auto& r : ind->routes)
        ind->tour.insert(ind->tour.end(), r.begin(), r.end());
    evaluate(P, pen, *ind);
    recentLoad.push_back(ind->excess <= 0);
    recentWarp.push_back(ind->warp < 1e-9);
    repairedFeasible = false;
    if (!ind->feasible && rng.bernoulli(0.5)) {
        auto rep = std::make_unique<Indiv>();
        rep->routes = ind->routes;
        ls.run(rep->routes, Penalties{pen.load * 10, pen.warp * 10});
        for (const auto& r : rep->routes)
            rep->tour.insert(rep->tour.end(), r.begin(), r.end());
        evaluate(P, pen, *rep);
        if (rep->feasible) {
            repairedFeasible = true;
            repaired = std::move(rep);
        }
    }
    return ind;
}

void Genetic::updateFitness(Sub& s)
{
    const std::size_t m = s.size();
    if (m == 0)
        return;
    if (m == 1) {
        s[0]->fitness = 0;
        return;
    }
    std::vector<std::size_t> idx(m);
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return s[a]->pen < s[b]->pen; });
    std::vector<double> costRank(m), divRank(m), div(m);
    for (std::size_t r = 0; r < m; ++r)
        costRank[idx[r]] = double(r) / double(m - 1);
    for (std::size_t i = 0; i < m; ++i) {
        double sum = 0;
        int k = 0;
        for (auto it = s[i]->prox.begin(); it != s[i]->prox.end() && k < opt.nbClose; ++it, ++k)
            sum += it->first;
        div[i] = k ? sum / k : 0;
    }
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return div[a] > div[b]; });
    for (std::size_t r = 0; r < m; ++r)
        divRank[idx[r]] = double(r) / double(m - 1);
    const double w = std::max(0.0, 1.0 - double(opt.nbElite) / double(m));
    for (std::size_t i = 0; i < m; ++i)
        s[i]->fitness = costRank[i] + w * divRank[i];
}

void Genetic::removeWorst(Sub& s)
{
    updateFitness(s);
    std::size_t worst = 0;
    bool worstClone = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool clone = !s[i]->prox.empty() && s[i]->prox.begin()->first < 1e-9;
        if ((clone && !worstClone) || (clone == worstClone && s[i]->fitness > s[worst]->fitness)) {
            worst = i;
            worstClone = clone;
        }
    }
    Indiv* gone = s[worst].get();
    for (auto& other : s) {
        if (other.get() == gone)
            continue;
        for (auto it = other->prox.begin(); it != other->prox.end(); ++it)
            if (it->second == gone) {
                other->prox.erase(it);
                break;
            }
    }
    s.erase(s.begin() + std::ptrdiff_t(worst));
}

void Genetic::insert(std::unique_ptr<Indiv> ind)
{
    consider(*ind);
    Sub& s = ind->feasible ? feas : infeas;
    for (auto& other : s) {
        const double d = brokenPairs(P, *ind, *other);
        other->prox.emplace(d, ind.get());
        ind->prox.emplace(d, other.get());
    }
    s.push_back(std::move(ind));
    if (int(s.size()) > opt.mu + opt.lambda)
        while (int(s.size()) > opt.mu)
            removeWorst(s);
    updateFitness(s);
}

const Indiv& Genetic::tournament()
{
    const std::size_t total = feas.size() + infeas.size();
    auto pick = [&]() -> const Indiv& {
        const std::size_t i = std::size_t(rng.below(total));
        return i < feas.size() ? *feas[i] : *infeas[i - feas.size()];
    };
    const Indiv& a = pick();
    const Indiv& b = pick();
    return a.fitness <= b.fitness ? a : b;
}

std::vector<int> Genetic::crossover(const Indiv& a, const Indiv& b)
{
    const int n = P.n;
    std::vector<int> child(static_cast<std::size_t>(n));
    std::vector<char> used(std::size_t(n + 1), 0);
    const int s = int(rng.below(std::uint64_t(n)));
    int e = int(rng.below(std::uint64_t(n)));
    while (n > 1 && e == s)
        e = int(rng.below(std::uint64_t(n)));
    int k = s;
    for (;; k = (k + 1) % n) {
        child[std::size_t(k)] = a.tour[std::size_t(k)];
        used[std::size_t(a.tour[std::size_t(k)])] = 1;
        if (k == e)
            break;
    }
    int out = (e + 1) % n;
    for (int i = 1; i <= n; ++i) {
        const int c = b.tour[std::size_t((e + i) % n)];
        if (used[std::size_t(c)])
            continue;
        child[std::size_t(out)] = c;
        out = (out + 1) % n;
    }
    return child;
}

void Genetic::managePenalties()
{
    auto adjust = [&](std::vector<bool>& recent, double& p) {
        if (recent.empty())
            return;
        const double frac = double(std::count(recent.begin(), recent.end(), true)) / double(recent.size());
        if (frac < opt.targetFeasible - 0.05)
            p = std::min(p * 1.2, 100000.0);
        else if (frac > opt.targetFeasible + 0.05)
            p = std::max(p * 0.85, 0.1);
        recent.clear();
    };
    adjust(recentLoad, pen.load);
    if (P.tw)
        adjust(recentWarp, pen.warp);
    for (auto& ind : infeas)
        ind->pen = ind->dist + pen.load * ind->excess + pen.warp * ind->warp;
    updateFitness(infeas);
}

void Genetic::initialPopulation()
{
    std::vector<int> tour(std::size_t(P.n));
    std::iota(tour.begin(), tour.end(), 1);
    for (int i = 0; i < 4 * opt.mu && !shouldStop(); ++i) {
        rng.shuffle(tour);
        bool repFeas = false;
        std::unique_ptr<Indiv> rep;
        auto ind = makeFromTour(tour, repFeas, rep);
        insert(std::move(ind));
        if (repFeas)
            insert(std::move(rep));
    }
}

HgsResult Genetic::run()
{
    initialPopulation();
    while (!shouldStop()) {
        if (feas.size() + infeas.size() == 0)
            break;
        const Indiv& a = tournament();
        const Indiv& b = tournament();
        auto child = crossover(a, b);
        bool repFeas = false;
        std::unique_ptr<Indiv> rep;
        ++sinceImprovement;
        auto ind = makeFromTour(std::move(child), repFeas, rep);
        insert(std::move(ind));
        if (repFeas)
            insert(std::move(rep));
        ++iter;
        if (iter % 100 == 0)
            managePenalties();
        if (opt.restartAfter > 0 && sinceImprovement >= opt.restartAfter) {
            feas.clear();
            infeas.clear();
            sinceImprovement = 0;
            initialPopulation();
        }
    }
    HgsResult res;
    res.iterations = iter;
    res.cancelled = cancelled;
    res.seconds = elapsed();
    if (haveBest) {
        res.feasible = true;
        res.cost = bestCost;
        res.secondsToBest = bestTime;
        res.routes = bestRoutes;
    } else if (haveAny) {
        res.feasible = false;
        res.cost = anyDist;
        res.routes = anyRoutes;
        res.secondsToBest = res.seconds;
    }
    for (auto& r : res.routes)
        for (int& c : r)
            c = P.orig[std::size_t(c)];
    return res;
}

} // namespace

HgsResult solveHgs(const Instance& inst, const HgsOptions& options)
{
    if (inst.depots.size() != 1)
        throw Error(ErrorCode::InvalidArgument, "the genetic search needs exactly one depot (" + inst.name + " has "
                                                    + std::to_string(inst.depots.size()) + ")");
    if (inst.dist.size() != std::size_t(inst.size()) * std::size_t(inst.size()))
        throw Error(ErrorCode::InvalidArgument, inst.name + ": the distance matrix is not filled");
    Problem P;
    const int depot = inst.depots[0];
    P.orig.push_back(depot);
    for (int i = 0; i < inst.size(); ++i)
        if (i != depot)
            P.orig.push_back(i);
    P.n = int(P.orig.size()) - 1;
    P.dim = P.n + 1;
    if (P.n == 0)
        return {};
    P.capacity = inst.capacity;
    P.D.resize(std::size_t(P.dim) * std::size_t(P.dim));
    for (int i = 0; i < P.dim; ++i)
        for (int j = 0; j < P.dim; ++j)
            P.D[std::size_t(i) * std::size_t(P.dim) + std::size_t(j)] = inst.distance(P.orig[std::size_t(i)], P.orig[std::size_t(j)]);
    const Node& dep = inst.nodes[std::size_t(depot)];
    P.tw = inst.hasTimeWindows || inst.shiftLength > 0;
    P.demand.resize(std::size_t(P.dim));
    P.nodeTw.resize(std::size_t(P.dim));
    P.angle.resize(std::size_t(P.dim));
    long long totalDemand = 0;
    for (int i = 0; i < P.dim; ++i) {
        const Node& nd = inst.nodes[std::size_t(P.orig[std::size_t(i)])];
        P.demand[std::size_t(i)] = i == 0 ? 0 : nd.demand;
        totalDemand += P.demand[std::size_t(i)];
        P.nodeTw[std::size_t(i)] = Tw{nd.service, 0, nd.ready, nd.due};
        P.angle[std::size_t(i)] = std::atan2(nd.y - dep.y, nd.x - dep.x);
        if (nd.demand > inst.capacity && i != 0)
            throw Error(ErrorCode::InvalidArgument, inst.name + ": a demand exceeds the vehicle capacity");
    }
    P.startDepot = Tw{0, 0, dep.ready, dep.due};
    double endLate = dep.due;
    if (inst.shiftLength > 0)
        endLate = std::min(endLate, dep.ready + inst.shiftLength);
    P.endDepot = Tw{0, 0, dep.ready, endLate};
    P.fleetLimit = options.fleetLimit < 0 ? inst.fleetLimit : options.fleetLimit;
    if (P.fleetLimit > 0)
        P.fleet = P.fleetLimit;
    else
        P.fleet = int(std::ceil(1.3 * double(totalDemand) / double(std::max(1, P.capacity)))) + 3;
    const int gamma = std::min(options.granularity, P.n - 1);
    P.correlated.assign(std::size_t(P.dim), {});
    for (int i = 1; i <= P.n; ++i) {
        std::vector<std::pair<double, int>> near;
        for (int j = 1; j <= P.n; ++j)
            if (j != i)
                near.emplace_back(P.d(i, j), j);
        std::partial_sort(near.begin(), near.begin() + gamma, near.end());
        for (int k = 0; k < gamma; ++k)
            P.correlated[std::size_t(i)].push_back(near[std::size_t(k)].second);
    }
    HgsOptions opt = options;
    if (opt.timeLimitSeconds <= 0 && opt.maxIterations <= 0)
        opt.maxIterations = 20000;
    Genetic g(P, opt);
    return g.run();
}

} // namespace shoppilot::logistics
