#include "campaigns/uplift.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "common/error.h"
#include "common/random.h"

namespace shoppilot::campaigns {

namespace {

constexpr int kMinDistinctForCuts = 10;

void checkLengths(std::size_t a, std::size_t b, const char* what)
{
    if (a != b)
        throw Error(ErrorCode::InvalidArgument, std::string(what) + ": " + std::to_string(a) + " scores/flags but " +
                                                    std::to_string(b) + " outcomes");
}

void checkArms(const std::vector<std::uint8_t>& treated, const char* what)
{
    std::size_t nt = 0;
    for (auto t : treated)
        nt += t ? 1 : 0;
    if (nt == treated.size())
        throw Error(ErrorCode::InvalidArgument, std::string(what) + ": no control group (every row is treated)");
    if (nt == 0)
        throw Error(ErrorCode::InvalidArgument, std::string(what) + ": no treatment group (every row is control)");
}

// Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9).
double normalQuantile(double p)
{
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                               1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                               6.680131188771972e+01, -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                               -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                               3.754408661907416e+00};
    const double lo = 0.02425;
    if (p < lo) {
        const double q = std::sqrt(-2 * std::log(p));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - lo)
        return -normalQuantile(1 - p);
    const double q = p - 0.5, r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

bool isBinary(const std::vector<double>& y)
{
    for (double v : y)
        if (v != 0.0 && v != 1.0)
            return false;
    return true;
}

// In-place Cholesky solve of the symmetric positive definite p x p system A x = b (A row-major).
// A ridge term keeps A positive definite; a tiny jitter guards against round-off.
std::vector<double> solveSpd(std::vector<double> A, std::vector<double> b, int p)
{
    for (int j = 0; j < p; ++j) {
        double s = A[std::size_t(j * p + j)];
        for (int k = 0; k < j; ++k)
            s -= A[std::size_t(j * p + k)] * A[std::size_t(j * p + k)];
        if (!(s > 1e-12))
            s = 1e-12;
        const double l = std::sqrt(s);
        A[std::size_t(j * p + j)] = l;
        for (int i = j + 1; i < p; ++i) {
            double t = A[std::size_t(i * p + j)];
            for (int k = 0; k < j; ++k)
                t -= A[std::size_t(i * p + k)] * A[std::size_t(j * p + k)];
            A[std::size_t(i * p + j)] = t / l;
        }
    }
    for (int i = 0; i < p; ++i) {
        double t = b[std::size_t(i)];
        for (int k = 0; k < i; ++k)
            t -= A[std::size_t(i * p + k)] * b[std::size_t(k)];
        b[std::size_t(i)] = t / A[std::size_t(i * p + i)];
    }
    for (int i = p - 1; i >= 0; --i) {
        double t = b[std::size_t(i)];
        for (int k = i + 1; k < p; ++k)
            t -= A[std::size_t(k * p + i)] * b[std::size_t(k)];
        b[std::size_t(i)] = t / A[std::size_t(i * p + i)];
    }
    return b;
}

// The expanded design: rows x (1 + basis size), first column the intercept.
struct Design {
    int p = 0; // columns including the intercept
    std::vector<double> z;
    const double* row(std::size_t i) const { return z.data() + i * std::size_t(p); }
};

Design design(const Basis& basis, const UpliftData& d, const std::vector<std::size_t>& rows)
{
    Design D;
    D.p = basis.size() + 1;
    D.z.resize(rows.size() * std::size_t(D.p));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        double* out = D.z.data() + i * std::size_t(D.p);
        out[0] = 1.0;
        basis.expand(d.x.data() + rows[i] * std::size_t(d.cols), out + 1);
    }
    return D;
}

double dotRow(const double* z, const std::vector<double>& beta)
{
    double s = 0;
    for (std::size_t j = 0; j < beta.size(); ++j)
        s += z[j] * beta[j];
    return s;
}

double sigmoid(double t)
{
    return t >= 0 ? 1.0 / (1.0 + std::exp(-t)) : std::exp(t) / (1.0 + std::exp(t));
}

// Accumulates Z' W Z (+ l2 on the non-intercept diagonal) and Z' W r over `idx` rows of D.
void normalEquations(const Design& D, const std::vector<std::size_t>& idx, const std::vector<double>& w,
                     const std::vector<double>& r, double l2, std::vector<double>& A, std::vector<double>& b)
{
    const int p = D.p;
    A.assign(std::size_t(p * p), 0.0);
    b.assign(std::size_t(p), 0.0);
    for (std::size_t n = 0; n < idx.size(); ++n) {
        const double* z = D.row(idx[n]);
        const double wn = w[n];
        for (int i = 0; i < p; ++i) {
            const double wz = wn * z[i];
            b[std::size_t(i)] += wz * r[n];
            double* Ai = A.data() + std::size_t(i * p);
            for (int j = 0; j <= i; ++j)
                Ai[j] += wz * z[j];
        }
    }
    for (int i = 0; i < p; ++i)
        for (int j = i + 1; j < p; ++j)
            A[std::size_t(i * p + j)] = A[std::size_t(j * p + i)];
    for (int i = 1; i < p; ++i)
        A[std::size_t(i * p + i)] += l2;
}

LinearFit fitRidge(const Design& D, const std::vector<std::size_t>& idx, const std::vector<double>& y, double l2)
{
    std::vector<double> A, b;
    normalEquations(D, idx, std::vector<double>(idx.size(), 1.0), y, l2, A, b);
    LinearFit f;
    f.beta = solveSpd(std::move(A), std::move(b), D.p);
    return f;
}

// Penalised logistic regression by Newton steps with step halving on the penalised deviance.
LinearFit fitLogistic(const Design& D, const std::vector<std::size_t>& idx, const std::vector<double>& y, double l2)
{
    const int p = D.p;
    const std::size_t n = idx.size();
    LinearFit f;
    f.logistic = true;
    f.beta.assign(std::size_t(p), 0.0);
    double ybar = 0;
    for (double v : y)
        ybar += v;
    ybar = n ? ybar / double(n) : 0.5;
    ybar = std::clamp(ybar, 1e-4, 1 - 1e-4);
    f.beta[0] = std::log(ybar / (1 - ybar));
    auto objective = [&](const std::vector<double>& beta) {
        double s = 0;
        for (std::size_t k = 0; k < n; ++k) {
            const double eta = dotRow(D.row(idx[k]), beta);
            // log(1 + e^eta) - y eta, stably
            s += (eta > 0 ? eta + std::log1p(std::exp(-eta)) : std::log1p(std::exp(eta))) - y[k] * eta;
        }
        for (int j = 1; j < p; ++j)
            s += 0.5 * l2 * beta[std::size_t(j)] * beta[std::size_t(j)];
        return s;
    };
    double obj = objective(f.beta);
    std::vector<double> w(n), r(n), A, b;
    for (int iter = 0; iter < 50; ++iter) {
        // Newton: (Z'WZ + L) delta = Z'(y - mu) - L beta; solved with r = (y - mu)/w so that
        // normalEquations' Z'W r is the score.
        for (std::size_t k = 0; k < n; ++k) {
            const double mu = sigmoid(dotRow(D.row(idx[k]), f.beta));
            w[k] = std::max(mu * (1 - mu), 1e-10);
            r[k] = (y[k] - mu) / w[k];
        }
        normalEquations(D, idx, w, r, l2, A, b);
        for (int j = 1; j < p; ++j)
            b[std::size_t(j)] -= l2 * f.beta[std::size_t(j)];
        const auto delta = solveSpd(std::move(A), b, p);
        double step = 1.0, newObj = obj;
        std::vector<double> trial(static_cast<std::size_t>(p));
        for (int h = 0; h < 30; ++h) {
            for (int j = 0; j < p; ++j)
                trial[std::size_t(j)] = f.beta[std::size_t(j)] + step * delta[std::size_t(j)];
            newObj = objective(trial);
            if (newObj <= obj + 1e-12 * std::abs(obj))
                break;
            step *= 0.5;
        }
        double maxDelta = 0;
        for (int j = 0; j < p; ++j)
            maxDelta = std::max(maxDelta, std::abs(step * delta[std::size_t(j)]));
        f.beta = trial;
        const double change = obj - newObj;
        obj = newObj;
        if (maxDelta < 1e-6 || change < 1e-10 * (1 + std::abs(obj)))
            break;
    }
    return f;
}

LinearFit fitOutcome(const Design& D, const std::vector<std::size_t>& idx, const std::vector<double>& yAll, bool logistic,
                     double l2)
{
    std::vector<double> y(idx.size());
    for (std::size_t k = 0; k < idx.size(); ++k)
        y[k] = yAll[idx[k]];
    return logistic ? fitLogistic(D, idx, y, l2) : fitRidge(D, idx, y, l2);
}

double pearson(const std::vector<double>& a, const std::vector<double>& b)
{
    const double n = double(a.size());
    if (n < 2)
        return 0;
    double ma = 0, mb = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        ma += a[i], mb += b[i];
    ma /= n, mb /= n;
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0.0;
}

Basis fitBasis(const UpliftData& d, int interactionColumns)
{
    Basis B;
    const int c = d.cols;
    const std::size_t n = d.rows();
    B.cols = c;
    B.mean.assign(std::size_t(c), 0.0);
    B.scale.assign(std::size_t(c), 1.0);
    std::vector<double> col(n);
    std::vector<double> score(std::size_t(c), 0.0);
    for (int j = 0; j < c; ++j) {
        for (std::size_t i = 0; i < n; ++i)
            col[i] = d.x[i * std::size_t(c) + std::size_t(j)];
        double m = 0;
        for (double v : col)
            m += v;
        m /= double(std::max<std::size_t>(n, 1));
        double ss = 0;
        for (double v : col)
            ss += (v - m) * (v - m);
        const double sd = n > 1 ? std::sqrt(ss / double(n - 1)) : 0.0;
        B.mean[std::size_t(j)] = m;
        B.scale[std::size_t(j)] = sd > 1e-12 ? sd : 0.0; // 0: constant column, expands to 0
        if (sd <= 1e-12)
            continue;
        // Quartile cuts for columns with many distinct values (binned numeric features).
        std::vector<double> sorted = col;
        std::sort(sorted.begin(), sorted.end());
        const auto distinct = std::size_t(std::unique(sorted.begin(), sorted.end()) - sorted.begin());
        if (distinct > std::size_t(kMinDistinctForCuts)) {
            std::vector<double> s2 = col;
            std::sort(s2.begin(), s2.end());
            double last = -INFINITY;
            for (double q : {0.25, 0.5, 0.75}) {
                const double t = s2[std::size_t(q * double(n - 1))];
                if (t > last && t < s2.back()) {
                    B.cuts.emplace_back(j, t);
                    last = t;
                }
            }
        }
        // Association with the outcome inside each arm.
        std::vector<double> xt, yt, xc, yc;
        for (std::size_t i = 0; i < n; ++i)
            (d.treated[i] ? xt : xc).push_back(col[i]), (d.treated[i] ? yt : yc).push_back(d.y[i]);
        score[std::size_t(j)] = std::abs(pearson(xt, yt)) + std::abs(pearson(xc, yc));
    }
    std::vector<int> order(static_cast<std::size_t>(c));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return score[std::size_t(a)] > score[std::size_t(b)]; });
    std::vector<int> top;
    for (int j : order)
        if (B.scale[std::size_t(j)] > 0 && score[std::size_t(j)] > 0 && int(top.size()) < interactionColumns)
            top.push_back(j);
    std::sort(top.begin(), top.end());
    for (std::size_t a = 0; a < top.size(); ++a)
        for (std::size_t b = a + 1; b < top.size(); ++b)
            B.pairs.emplace_back(top[a], top[b]);
    // Standardise the expanded features.
    const int p = c + int(B.cuts.size()) + int(B.pairs.size());
    B.zMean.assign(std::size_t(p), 0.0);
    B.zScale.assign(std::size_t(p), 1.0);
    std::vector<double> z(static_cast<std::size_t>(p)), s1(z.size(), 0.0), s2(z.size(), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        B.expand(d.x.data() + i * std::size_t(c), z.data());
        for (int k = 0; k < p; ++k)
            s1[std::size_t(k)] += z[std::size_t(k)], s2[std::size_t(k)] += z[std::size_t(k)] * z[std::size_t(k)];
    }
    for (int k = 0; k < p; ++k) {
        const double m = n ? s1[std::size_t(k)] / double(n) : 0.0;
        const double var = n ? s2[std::size_t(k)] / double(n) - m * m : 0.0;
        B.zMean[std::size_t(k)] = m;
        B.zScale[std::size_t(k)] = var > 1e-12 ? 1.0 / std::sqrt(var) : 0.0;
    }
    return B;
}

std::vector<std::size_t> armRows(const UpliftData& d, const std::vector<std::size_t>& rows, bool treated)
{
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < rows.size(); ++k)
        if (bool(d.treated[rows[k]]) == treated)
            out.push_back(k); // positions in `rows` (= rows of the design built over `rows`)
    return out;
}

void checkData(const UpliftData& d, const char* what)
{
    if (d.cols < 0 || d.x.size() != d.rows() * std::size_t(d.cols) || d.y.size() != d.rows())
        throw Error(ErrorCode::InvalidArgument, std::string(what) + ": inconsistent data (" + std::to_string(d.rows()) +
                                                    " rows, " + std::to_string(d.cols) + " columns, " +
                                                    std::to_string(d.x.size()) + " feature values, " +
                                                    std::to_string(d.y.size()) + " outcomes)");
    for (double v : d.y)
        if (!std::isfinite(v))
            throw Error(ErrorCode::InvalidArgument, std::string(what) + ": an outcome is missing or not finite");
    for (double v : d.x)
        if (!std::isfinite(v))
            throw Error(ErrorCode::InvalidArgument, std::string(what) + ": a feature value is missing or not finite");
    checkArms(d.treated, what);
}

// Rows sorted by score (descending) in tie groups, with cumulative arm counts/sums at each group's end.
struct Cumulative {
    std::vector<double> n, nt, nc, yt, yc; // at group ends, starting with a 0 point
};

Cumulative cumulate(const std::vector<double>& score, const std::vector<std::uint8_t>& treated, const std::vector<double>& y)
{
    std::vector<std::size_t> order(score.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return score[a] > score[b]; });
    Cumulative c;
    double n = 0, nt = 0, nc = 0, yt = 0, yc = 0;
    auto push = [&] {
        c.n.push_back(n), c.nt.push_back(nt), c.nc.push_back(nc), c.yt.push_back(yt), c.yc.push_back(yc);
    };
    push();
    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::size_t i = order[k];
        n += 1;
        if (treated[i])
            nt += 1, yt += y[i];
        else
            nc += 1, yc += y[i];
        if (k + 1 == order.size() || score[order[k + 1]] != score[i])
            push();
    }
    return c;
}

double qiniAt(const Cumulative& c, std::size_t g)
{
    return c.yt[g] - (c.nc[g] > 0 ? c.yc[g] * c.nt[g] / c.nc[g] : 0.0);
}

// Area under the Qini gain curve (per treated unit) over fraction of population.
double qiniArea(const Cumulative& c)
{
    const double N = c.n.back(), NT = c.nt.back();
    double area = 0;
    for (std::size_t g = 1; g < c.n.size(); ++g)
        area += 0.5 * (qiniAt(c, g) + qiniAt(c, g - 1)) / NT * (c.n[g] - c.n[g - 1]) / N;
    return area;
}

void checkScores(const std::vector<double>& score, const std::vector<std::uint8_t>& treated, const std::vector<double>& y,
                 const char* what)
{
    checkLengths(score.size(), y.size(), what);
    checkLengths(treated.size(), y.size(), what);
    for (std::size_t i = 0; i < y.size(); ++i)
        if (!std::isfinite(score[i]) || !std::isfinite(y[i]))
            throw Error(ErrorCode::InvalidArgument, std::string(what) + ": a score or outcome is not finite");
    checkArms(treated, what);
}

// Fold of every row: stratified by treatment x (y > 0), shuffled within each stratum, dealt round-robin.
std::vector<int> stratifiedFolds(const UpliftData& d, int folds, std::uint64_t seed)
{
    std::vector<int> fold(d.rows(), 0);
    for (int s = 0; s < 4; ++s) {
        std::vector<std::size_t> idx;
        for (std::size_t i = 0; i < d.rows(); ++i)
            if (int(d.treated[i] ? 2 : 0) + int(d.y[i] > 0 ? 1 : 0) == s)
                idx.push_back(i);
        Rng rng(seed, std::uint64_t(s) + 101);
        rng.shuffle(idx);
        for (std::size_t k = 0; k < idx.size(); ++k)
            fold[idx[k]] = int(k % std::size_t(folds));
    }
    return fold;
}

} // namespace

// ------------------------------------------------------------------------------------------------

Estimate averageEffect(const std::vector<std::uint8_t>& treated, const std::vector<double>& y, double level)
{
    checkLengths(treated.size(), y.size(), "average effect");
    if (!(level > 0 && level < 1))
        throw Error(ErrorCode::InvalidArgument, "average effect: the interval level must be between 0 and 1");
    checkArms(treated, "average effect");
    double s[2] = {0, 0}, n[2] = {0, 0};
    for (std::size_t i = 0; i < y.size(); ++i) {
        if (!std::isfinite(y[i]))
            throw Error(ErrorCode::InvalidArgument, "average effect: outcome " + std::to_string(i + 1) + " is not finite");
        s[treated[i] ? 1 : 0] += y[i], n[treated[i] ? 1 : 0] += 1;
    }
    const double m1 = s[1] / n[1], m0 = s[0] / n[0];
    double ss[2] = {0, 0};
    for (std::size_t i = 0; i < y.size(); ++i) {
        const double m = treated[i] ? m1 : m0;
        ss[treated[i] ? 1 : 0] += (y[i] - m) * (y[i] - m);
    }
    const double v1 = n[1] > 1 ? ss[1] / (n[1] - 1) : 0.0, v0 = n[0] > 1 ? ss[0] / (n[0] - 1) : 0.0;
    Estimate e;
    e.estimate = m1 - m0;
    e.se = std::sqrt(v1 / n[1] + v0 / n[0]);
    const double z = normalQuantile(0.5 + level / 2);
    e.ciLow = e.estimate - z * e.se;
    e.ciHigh = e.estimate + z * e.se;
    e.nTreated = std::size_t(n[1]);
    e.nControl = std::size_t(n[0]);
    return e;
}

const char* learnerName(Learner l)
{
    switch (l) {
    case Learner::TLearner: return "t_learner";
    case Learner::XLearner: return "x_learner";
    case Learner::DRLearner: return "dr_learner";
    }
    return "?";
}

std::optional<Learner> learnerFromName(const std::string& name)
{
    for (auto l : allLearners())
        if (name == learnerName(l))
            return l;
    return std::nullopt;
}

std::vector<Learner> allLearners()
{
    return {Learner::TLearner, Learner::XLearner, Learner::DRLearner};
}

void Basis::expand(const double* row, double* out) const
{
    int k = 0;
    auto stdz = [&](int j) { return scale[std::size_t(j)] > 0 ? (row[j] - mean[std::size_t(j)]) / scale[std::size_t(j)] : 0.0; };
    for (int j = 0; j < cols; ++j)
        out[k++] = stdz(j);
    for (const auto& [j, t] : cuts)
        out[k++] = row[j] > t ? 1.0 : 0.0;
    for (const auto& [a, b] : pairs)
        out[k++] = stdz(a) * stdz(b);
    if (!zMean.empty())
        for (int i = 0; i < k; ++i)
            out[i] = (out[i] - zMean[std::size_t(i)]) * zScale[std::size_t(i)];
}

double LinearFit::predict(const double* z) const
{
    // z: the basis values (without the intercept)
    double s = beta.empty() ? 0.0 : beta[0];
    for (std::size_t j = 1; j < beta.size(); ++j)
        s += beta[j] * z[j - 1];
    return logistic ? sigmoid(s) : s;
}

double UpliftModel::predictOutcome(const double* row, bool treated) const
{
    std::vector<double> z(std::size_t(m_basis.size()));
    m_basis.expand(row, z.data());
    return (treated ? m_mu1 : m_mu0).predict(z.data());
}

double UpliftModel::predict(const double* row) const
{
    std::vector<double> z(std::size_t(m_basis.size()));
    m_basis.expand(row, z.data());
    switch (m_learner) {
    case Learner::TLearner: return m_mu1.predict(z.data()) - m_mu0.predict(z.data());
    case Learner::XLearner: return m_e * m_tau0.predict(z.data()) + (1 - m_e) * m_tau1.predict(z.data());
    case Learner::DRLearner: return m_tau1.predict(z.data());
    }
    return 0;
}

std::vector<double> UpliftModel::predictAll(const UpliftData& d) const
{
    if (d.cols != m_basis.cols)
        throw Error(ErrorCode::InvalidArgument, "uplift model: fitted on " + std::to_string(m_basis.cols) +
                                                    " features, the data has " + std::to_string(d.cols));
    std::vector<double> out(d.rows());
    for (std::size_t i = 0; i < d.rows(); ++i)
        out[i] = predict(d.x.data() + i * std::size_t(d.cols));
    return out;
}

double drPseudoOutcome(bool treated, double y, double mu1, double mu0, double e)
{
    return mu1 - mu0 + (treated ? (y - mu1) / e : -(y - mu0) / (1 - e));
}

UpliftModel fitUplift(Learner learner, const UpliftData& d, const FitOptions& opt, const Progress& progress)
{
    checkData(d, learnerName(learner));
    if (!(opt.l2 >= 0))
        throw Error(ErrorCode::InvalidArgument, "uplift: the L2 penalty must be >= 0");
    ProgressReporter rep(progress);
    rep.report(0.0, "expanding features");
    UpliftModel m;
    m.m_learner = learner;
    m.m_basis = fitBasis(d, opt.interactionColumns);
    std::vector<std::size_t> all(d.rows());
    std::iota(all.begin(), all.end(), std::size_t(0));
    const Design D = design(m.m_basis, d, all);
    const bool logistic = isBinary(d.y);
    const auto t1 = armRows(d, all, true), t0 = armRows(d, all, false);
    m.m_e = double(t1.size()) / double(d.rows());
    rep.report(0.1, "outcome models");
    m.m_mu1 = fitOutcome(D, t1, d.y, logistic, opt.l2);
    m.m_mu0 = fitOutcome(D, t0, d.y, logistic, opt.l2);
    auto mu = [&](const LinearFit& f, std::size_t k) { return f.predict(D.row(k) + 1); };
    if (learner == Learner::XLearner) {
        rep.report(0.5, "imputed effects");
        std::vector<double> d1(t1.size()), d0(t0.size());
        for (std::size_t k = 0; k < t1.size(); ++k)
            d1[k] = d.y[t1[k]] - mu(m.m_mu0, t1[k]);
        for (std::size_t k = 0; k < t0.size(); ++k)
            d0[k] = mu(m.m_mu1, t0[k]) - d.y[t0[k]];
        m.m_tau1 = fitRidge(D, t1, d1, opt.l2);
        m.m_tau0 = fitRidge(D, t0, d0, opt.l2);
    } else if (learner == Learner::DRLearner) {
        const int folds = std::max(2, opt.folds);
        const auto fold = stratifiedFolds(d, folds, opt.seed);
        std::vector<double> phi(d.rows());
        for (int f = 0; f < folds; ++f) {
            rep.report(0.3 + 0.6 * f / folds, "cross-fitting");
            std::vector<std::size_t> r1, r0, held;
            for (std::size_t i = 0; i < d.rows(); ++i)
                (fold[i] == f ? held : (d.treated[i] ? r1 : r0)).push_back(i);
            if (r1.empty() || r0.empty())
                throw Error(ErrorCode::InvalidArgument, "dr_learner: a cross-fitting fold leaves an arm empty (too few rows)");
            const double e = double(r1.size()) / double(r1.size() + r0.size());
            const auto mu1 = fitOutcome(D, r1, d.y, logistic, opt.l2);
            const auto mu0 = fitOutcome(D, r0, d.y, logistic, opt.l2);
            for (std::size_t i : held) {
                const double m1 = mu(mu1, i), m0 = mu(mu0, i);
                phi[i] = drPseudoOutcome(d.treated[i] != 0, d.y[i], m1, m0, e);
            }
        }
        m.m_tau1 = fitRidge(D, all, phi, opt.l2);
    }
    rep.report(1.0, "fitted");
    return m;
}

// ------------------------------------------------------------------------------------------------

QiniCurve qiniCurve(const std::vector<double>& score, const std::vector<std::uint8_t>& treated, const std::vector<double>& y,
                    int points)
{
    checkScores(score, treated, y, "qini curve");
    if (points < 1)
        throw Error(ErrorCode::InvalidArgument, "qini curve: at least one point is needed");
    const auto c = cumulate(score, treated, y);
    const double N = c.n.back(), NT = c.nt.back();
    QiniCurve q;
    std::size_t g = 1;
    for (int k = 0; k <= points; ++k) {
        const double f = double(k) / points;
        const double target = f * N;
        while (g + 1 < c.n.size() && c.n[g] < target)
            ++g;
        const double a = c.n[g - 1], b = c.n[g];
        const double t = b > a ? std::clamp((target - a) / (b - a), 0.0, 1.0) : 1.0;
        q.fraction.push_back(f);
        q.gain.push_back(((1 - t) * qiniAt(c, g - 1) + t * qiniAt(c, g)) / NT);
    }
    std::vector<double> perfectScore(y.size());
    for (std::size_t i = 0; i < y.size(); ++i)
        perfectScore[i] = treated[i] ? y[i] : -y[i];
    const double aModel = qiniArea(c);
    const double aPerfect = qiniArea(cumulate(perfectScore, treated, y));
    const double aRandom = 0.5 * qiniAt(c, c.n.size() - 1) / NT;
    q.qini = aPerfect - aRandom > 1e-15 ? (aModel - aRandom) / (aPerfect - aRandom) : 0.0;
    // AUUC: uplift curve U = (mean_t - mean_c) * n / N, trapezoids over n / N.
    auto U = [&](std::size_t g2) {
        const double mt = c.nt[g2] > 0 ? c.yt[g2] / c.nt[g2] : 0.0, mc = c.nc[g2] > 0 ? c.yc[g2] / c.nc[g2] : 0.0;
        return (mt - mc) * c.n[g2] / N;
    };
    for (std::size_t g2 = 1; g2 < c.n.size(); ++g2)
        q.auuc += 0.5 * (U(g2) + U(g2 - 1)) * (c.n[g2] - c.n[g2 - 1]) / N;
    return q;
}

double upliftAtFraction(const std::vector<double>& score, const std::vector<std::uint8_t>& treated,
                        const std::vector<double>& y, double fraction)
{
    checkScores(score, treated, y, "uplift at k");
    if (!(fraction > 0 && fraction <= 1))
        throw Error(ErrorCode::InvalidArgument, "uplift at k: the fraction must be in (0, 1]");
    const auto c = cumulate(score, treated, y);
    const double target = fraction * c.n.back();
    std::size_t g = 1;
    while (g + 1 < c.n.size() && c.n[g] < target)
        ++g;
    // Whole groups before g, and the share t of group g (rows of a tie group enter together).
    const double a = c.n[g - 1], b = c.n[g];
    const double t = b > a ? std::clamp((target - a) / (b - a), 0.0, 1.0) : 1.0;
    auto lerp = [&](const std::vector<double>& v) { return v[g - 1] + t * (v[g] - v[g - 1]); };
    const double nt = lerp(c.nt), nc = lerp(c.nc), yt = lerp(c.yt), yc = lerp(c.yc);
    if (nt <= 0)
        throw Error(ErrorCode::InvalidArgument, "uplift at k: no treated row among the top " + std::to_string(fraction));
    if (nc <= 0)
        throw Error(ErrorCode::InvalidArgument, "uplift at k: no control row among the top " + std::to_string(fraction));
    return yt / nt - yc / nc;
}

std::pair<std::vector<std::size_t>, std::vector<std::size_t>> stratifiedSplit(const UpliftData& d, double trainShare,
                                                                              std::uint64_t seed)
{
    if (!(trainShare > 0 && trainShare < 1))
        throw Error(ErrorCode::InvalidArgument, "split: the training share must be between 0 and 1");
    checkLengths(d.treated.size(), d.y.size(), "split");
    std::vector<std::size_t> train, test;
    for (int s = 0; s < 4; ++s) {
        std::vector<std::size_t> idx;
        for (std::size_t i = 0; i < d.rows(); ++i)
            if (int(d.treated[i] ? 2 : 0) + int(d.y[i] > 0 ? 1 : 0) == s)
                idx.push_back(i);
        Rng rng(seed, std::uint64_t(s));
        rng.shuffle(idx);
        const auto nTrain = std::size_t(std::llround(trainShare * double(idx.size())));
        train.insert(train.end(), idx.begin(), idx.begin() + std::ptrdiff_t(nTrain));
        test.insert(test.end(), idx.begin() + std::ptrdiff_t(nTrain), idx.end());
    }
    std::sort(train.begin(), train.end());
    std::sort(test.begin(), test.end());
    return {train, test};
}

UpliftData subset(const UpliftData& d, const std::vector<std::size_t>& rows)
{
    UpliftData s;
    s.cols = d.cols;
    s.featureNames = d.featureNames;
    s.notes = d.notes;
    s.x.reserve(rows.size() * std::size_t(d.cols));
    for (std::size_t i : rows) {
        if (i >= d.rows())
            throw Error(ErrorCode::InvalidArgument, "subset: row " + std::to_string(i) + " is out of range");
        s.x.insert(s.x.end(), d.x.begin() + std::ptrdiff_t(i * std::size_t(d.cols)),
                   d.x.begin() + std::ptrdiff_t((i + 1) * std::size_t(d.cols)));
        s.treated.push_back(d.treated[i]);
        s.y.push_back(d.y[i]);
    }
    return s;
}

std::vector<double> crossValidatedQini(const UpliftData& train, const std::vector<Learner>& candidates, int folds,
                                       std::uint64_t seed, const Progress& progress, const FitOptions& options)
{
    if (candidates.empty())
        throw Error(ErrorCode::InvalidArgument, "choose learner: no candidate learner");
    if (folds < 2)
        throw Error(ErrorCode::InvalidArgument, "choose learner: at least 2 folds are needed");
    checkData(train, "choose learner");
    ProgressReporter rep(progress);
    const auto fold = stratifiedFolds(train, folds, hashCombine(seed, 7));
    std::vector<double> mean(candidates.size(), 0.0);
    for (int f = 0; f < folds; ++f) {
        std::vector<std::size_t> in, out;
        for (std::size_t i = 0; i < train.rows(); ++i)
            (fold[i] == f ? out : in).push_back(i);
        const auto fitPart = subset(train, in), valPart = subset(train, out);
        for (std::size_t c = 0; c < candidates.size(); ++c) {
            rep.report((double(f) * double(candidates.size()) + double(c)) / double(folds * int(candidates.size())),
                       std::string("cross-validating ") + learnerName(candidates[c]));
            FitOptions o = options;
            o.seed = seed;
            const auto model = fitUplift(candidates[c], fitPart, o);
            mean[c] += qiniCurve(model.predictAll(valPart), valPart.treated, valPart.y).qini / folds;
        }
    }
    rep.report(1.0, "cross-validated");
    return mean;
}

Learner chooseLearner(const UpliftData& train, const std::vector<Learner>& candidates, int folds, std::uint64_t seed,
                      const Progress& progress, const FitOptions& options)
{
    const auto q = crossValidatedQini(train, candidates, folds, seed, progress, options);
    std::size_t best = 0;
    for (std::size_t c = 1; c < q.size(); ++c)
        if (q[c] > q[best])
            best = c;
    return candidates[best];
}

} // namespace shoppilot::campaigns
