#include "risk/learners.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "common/error.h"

namespace shoppilot::risk {

// Defined next to the libraries they wrap.
std::unique_ptr<Learner> makeGbdt(const LearnerOptions& options);
std::unique_ptr<Learner> loadGbdt(const std::vector<std::uint8_t>& bytes);
std::unique_ptr<Learner> makeMlp(const LearnerOptions& options);
std::unique_ptr<Learner> loadMlp(const std::vector<std::uint8_t>& bytes);

Matrix Matrix::select(std::span<const int> rowsWanted) const
{
    Matrix m;
    m.rows = int(rowsWanted.size());
    m.cols = cols;
    m.x.resize(std::size_t(m.rows) * std::size_t(cols));
    for (int i = 0; i < m.rows; ++i)
        std::memcpy(m.row(i), row(rowsWanted[std::size_t(i)]), sizeof(float) * std::size_t(cols));
    return m;
}

const char* learnerName(LearnerKind kind)
{
    switch (kind) {
    case LearnerKind::Logistic: return "logistic";
    case LearnerKind::Gbdt: return "gbdt";
    case LearnerKind::Mlp: return "mlp";
    }
    return "?";
}

bool solveSpd(std::vector<double>& a, std::vector<double>& b, int n)
{
    const auto N = std::size_t(n);
    for (std::size_t j = 0; j < N; ++j) {
        double d = a[j * N + j];
        for (std::size_t k = 0; k < j; ++k)
            d -= a[j * N + k] * a[j * N + k];
        if (d <= 1e-12)
            return false;
        d = std::sqrt(d);
        a[j * N + j] = d;
        for (std::size_t i = j + 1; i < N; ++i) {
            double s = a[i * N + j];
            for (std::size_t k = 0; k < j; ++k)
                s -= a[i * N + k] * a[j * N + k];
            a[i * N + j] = s / d;
        }
    }
    for (std::size_t i = 0; i < N; ++i) {
        double s = b[i];
        for (std::size_t k = 0; k < i; ++k)
            s -= a[i * N + k] * b[k];
        b[i] = s / a[i * N + i];
    }
    for (std::size_t ii = N; ii-- > 0;) {
        double s = b[ii];
        for (std::size_t k = ii + 1; k < N; ++k)
            s -= a[k * N + ii] * b[k];
        b[ii] = s / a[ii * N + ii];
    }
    return true;
}

void Platt::fit(std::span<const float> logit, std::span<const float> label)
{
    // Platt's smoothed targets keep a and b finite when the slice separates perfectly.
    double pos = 0;
    for (float l : label)
        pos += l > 0.5f;
    const double neg = double(label.size()) - pos;
    const double hi = (pos + 1) / (pos + 2), lo = 1 / (neg + 2);
    a = 1;
    b = 0;
    for (int it = 0; it < 50; ++it) {
        double g0 = 0, g1 = 0, h00 = 1e-9, h01 = 0, h11 = 1e-9;
        for (std::size_t i = 0; i < logit.size(); ++i) {
            const double t = label[i] > 0.5f ? hi : lo;
            const double z = a * logit[i] + b;
            const double p = 1 / (1 + std::exp(-z));
            const double w = p * (1 - p);
            g0 += (p - t) * logit[i];
            g1 += (p - t);
            h00 += w * logit[i] * logit[i];
            h01 += w * logit[i];
            h11 += w;
        }
        const double det = h00 * h11 - h01 * h01;
        if (std::abs(det) < 1e-18)
            break;
        const double da = (h11 * g0 - h01 * g1) / det, db = (h00 * g1 - h01 * g0) / det;
        a -= da;
        b -= db;
        if (std::abs(da) + std::abs(db) < 1e-9)
            break;
    }
}

float Platt::operator()(float logit) const
{
    return float(1 / (1 + std::exp(-(a * logit + b))));
}

namespace {

// Class-weighted, ridge-penalised logistic regression on standardised features, fitted by
// Newton's method: exact and fast for the few dozen to few hundred columns used here.
class Logistic final : public Learner {
public:
    explicit Logistic(const LearnerOptions& o) : m_l2(o.l2) {}
    LearnerKind kind() const override { return LearnerKind::Logistic; }

    void fit(const Matrix& x, std::span<const float> y, const Matrix&, std::span<const float>,
             const Progress& progress) override
    {
        const int d = x.cols;
        m_mean.assign(std::size_t(d), 0);
        m_scale.assign(std::size_t(d), 1);
        std::vector<double> cnt(std::size_t(d), 0), sq(std::size_t(d), 0);
        for (int r = 0; r < x.rows; ++r)
            for (int c = 0; c < d; ++c) {
                const float v = x.row(r)[c];
                if (std::isnan(v))
                    continue;
                m_mean[std::size_t(c)] += v;
                sq[std::size_t(c)] += double(v) * v;
                cnt[std::size_t(c)] += 1;
            }
        for (std::size_t c = 0; c < std::size_t(d); ++c) {
            if (cnt[c] > 0)
                m_mean[c] /= cnt[c];
            const double var = cnt[c] > 0 ? sq[c] / cnt[c] - m_mean[c] * m_mean[c] : 0;
            m_scale[c] = var > 1e-12 ? std::sqrt(var) : 1;
        }
        double pos = 0;
        for (float v : y)
            pos += v > 0.5f;
        const double wPos = pos > 0 ? (double(y.size()) - pos) / pos : 1;
        const int p = d + 1;
        m_w.assign(std::size_t(p), 0);
        std::vector<double> z(static_cast<std::size_t>(p));
        for (int it = 0; it < 25; ++it) {
            std::vector<double> h(std::size_t(p) * std::size_t(p), 0), g(std::size_t(p), 0);
            for (int r = 0; r < x.rows; ++r) {
                standardise(x.row(r), z);
                double s = 0;
                for (std::size_t c = 0; c < std::size_t(p); ++c)
                    s += m_w[c] * z[c];
                const double pr = 1 / (1 + std::exp(-s));
                const double w = y[std::size_t(r)] > 0.5f ? wPos : 1;
                const double gr = w * (pr - (y[std::size_t(r)] > 0.5f ? 1 : 0));
                const double hw = w * std::max(pr * (1 - pr), 1e-9);
                for (std::size_t a = 0; a < std::size_t(p); ++a) {
                    if (z[a] == 0)
                        continue;
                    g[a] += gr * z[a];
                    double* hr = h.data() + a * std::size_t(p);
                    const double za = hw * z[a];
                    for (std::size_t b = 0; b <= a; ++b)
                        hr[b] += za * z[b];
                }
            }
            for (std::size_t a = 0; a < std::size_t(p); ++a)
                for (std::size_t b = 0; b < a; ++b)
                    h[b * std::size_t(p) + a] = h[a * std::size_t(p) + b];
            // Ridge on the weights, not the intercept (last column).
            for (std::size_t a = 0; a + 1 < std::size_t(p); ++a) {
                h[a * std::size_t(p) + a] += m_l2;
                g[a] += m_l2 * m_w[a];
            }
            h.back() += 1e-6;
            if (!solveSpd(h, g, p))
                break;
            // Damped Newton: halve the step while the penalised loss goes up (near-separable
            // data makes the full step overshoot and oscillate).
            const double before = loss(x, y, wPos, m_w);
            std::vector<double> trial(m_w.size());
            double t = 1;
            for (int half = 0; half < 8; ++half, t /= 2) {
                for (std::size_t a = 0; a < std::size_t(p); ++a)
                    trial[a] = m_w[a] - t * g[a];
                if (loss(x, y, wPos, trial) <= before)
                    break;
            }
            double step = 0;
            for (std::size_t a = 0; a < std::size_t(p); ++a) {
                step = std::max(step, std::abs(trial[a] - m_w[a]));
                m_w[a] = trial[a];
            }
            if (progress && !progress(double(it + 1) / 25, "logistic regression"))
                throw Cancelled();
            if (step < 1e-6)
                break;
        }
    }

    void predictLogit(const Matrix& x, std::span<float> out) const override
    {
        std::vector<double> z(m_w.size());
        for (int r = 0; r < x.rows; ++r) {
            standardise(x.row(r), z);
            double s = 0;
            for (std::size_t c = 0; c < m_w.size(); ++c)
                s += m_w[c] * z[c];
            out[std::size_t(r)] = float(s);
        }
    }

    void contributions(const Matrix& x, std::span<float> out) const override
    {
        std::vector<double> z(m_w.size());
        for (int r = 0; r < x.rows; ++r) {
            standardise(x.row(r), z);
            for (int c = 0; c < x.cols; ++c)
                out[std::size_t(r) * std::size_t(x.cols) + std::size_t(c)] = float(m_w[std::size_t(c)] * z[std::size_t(c)]);
        }
    }

    std::vector<std::uint8_t> save() const override
    {
        std::vector<double> all;
        all.push_back(double(m_mean.size()));
        all.insert(all.end(), m_mean.begin(), m_mean.end());
        all.insert(all.end(), m_scale.begin(), m_scale.end());
        all.insert(all.end(), m_w.begin(), m_w.end());
        std::vector<std::uint8_t> bytes(all.size() * sizeof(double));
        std::memcpy(bytes.data(), all.data(), bytes.size());
        return bytes;
    }

    void restore(const std::vector<std::uint8_t>& bytes)
    {
        if (bytes.size() < sizeof(double) || bytes.size() % sizeof(double) != 0)
            throw Error(ErrorCode::Model, "the logistic model's bytes are truncated: retrain the model");
        std::vector<double> all(bytes.size() / sizeof(double));
        std::memcpy(all.data(), bytes.data(), bytes.size());
        // all[0] is the feature count: a whole number that fits what follows, else damage.
        if (!(all[0] >= 0 && all[0] <= double(all.size())) || all[0] != std::floor(all[0]))
            throw Error(ErrorCode::Model, "the logistic model's bytes are damaged: retrain the model");
        const auto d = std::size_t(all[0]);
        if (all.size() != 1 + 3 * d + 1)
            throw Error(ErrorCode::Model, "the logistic model's bytes do not match its feature count: retrain the model");
        m_mean.assign(all.begin() + 1, all.begin() + 1 + std::ptrdiff_t(d));
        m_scale.assign(all.begin() + 1 + std::ptrdiff_t(d), all.begin() + 1 + 2 * std::ptrdiff_t(d));
        m_w.assign(all.begin() + 1 + 2 * std::ptrdiff_t(d), all.end());
    }

    const std::vector<double>& weights() const { return m_w; }

private:
    double loss(const Matrix& x, std::span<const float> y, double wPos, const std::vector<double>& w) const
    {
        std::vector<double> z(w.size());
        double l = 0;
        for (int r = 0; r < x.rows; ++r) {
            standardise(x.row(r), z);
            double s = 0;
            for (std::size_t c = 0; c < w.size(); ++c)
                s += w[c] * z[c];
            const bool pos = y[std::size_t(r)] > 0.5f;
            // log(1 + e^-m) for margin m, computed stably.
            const double m = pos ? s : -s;
            l += (pos ? wPos : 1.0) * (m > 0 ? std::log1p(std::exp(-m)) : -m + std::log1p(std::exp(m)));
        }
        for (std::size_t c = 0; c + 1 < w.size(); ++c)
            l += 0.5 * m_l2 * w[c] * w[c];
        return l;
    }

    void standardise(const float* row, std::vector<double>& z) const
    {
        for (std::size_t c = 0; c < m_mean.size(); ++c) {
            const float v = row[c];
            z[c] = std::isnan(v) ? 0 : (v - m_mean[c]) / m_scale[c];
        }
        z.back() = 1;
    }

    double m_l2;
    std::vector<double> m_mean, m_scale, m_w;
};

} // namespace

std::unique_ptr<Learner> Learner::create(LearnerKind kind, const LearnerOptions& options)
{
    switch (kind) {
    case LearnerKind::Logistic: return std::make_unique<Logistic>(options);
    case LearnerKind::Gbdt: return makeGbdt(options);
    case LearnerKind::Mlp: return makeMlp(options);
    }
    throw Error(ErrorCode::InvalidArgument, "unknown learner");
}

std::unique_ptr<Learner> Learner::load(LearnerKind kind, const std::vector<std::uint8_t>& bytes)
{
    switch (kind) {
    case LearnerKind::Logistic: {
        auto m = std::make_unique<Logistic>(LearnerOptions{});
        m->restore(bytes);
        return m;
    }
    case LearnerKind::Gbdt: return loadGbdt(bytes);
    case LearnerKind::Mlp: return loadMlp(bytes);
    }
    throw Error(ErrorCode::Model, "unknown learner kind in the model file");
}

} // namespace shoppilot::risk
