// Deterministic pseudo-random numbers and distributions for generators, simulations and tests.
// Every algorithm here is spelled out, unlike the std:: distributions whose output differs between
// standard libraries: the same seed must give the same demo store everywhere.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <span>
#include <utility>
#include <vector>

namespace shoppilot {

// SplitMix64 step: advances `state` and returns a well-mixed 64-bit value. Used to seed xoshiro
// and to derive independent streams from (seed, stream id) pairs.
constexpr std::uint64_t splitMix64(std::uint64_t& state) noexcept
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// Stateless 64-bit mix (a hash of one integer).
constexpr std::uint64_t mix64(std::uint64_t x) noexcept
{
    return splitMix64(x);
}

constexpr std::uint64_t hashCombine(std::uint64_t a, std::uint64_t b) noexcept
{
    return mix64(a ^ (mix64(b) + 0x9E3779B97F4A7C15ULL + (a << 6) + (a >> 2)));
}

// __extension__ keeps -Wpedantic quiet about the GCC/Clang 128-bit integer used for Lemire's method.
__extension__ using Uint128 = unsigned __int128;

// xoshiro256** (Blackman & Vigna): fast, small state, good statistical quality.
class Rng {
public:
    explicit Rng(std::uint64_t seed = 0, std::uint64_t stream = 0) noexcept
    {
        std::uint64_t sm = hashCombine(seed, stream);
        for (auto& s : m_s)
            s = splitMix64(sm);
    }

    std::uint64_t next() noexcept
    {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    // Uniform in [0, 1) with 53 random bits.
    double uniform() noexcept { return double(next() >> 11) * 0x1.0p-53; }
    double uniform(double a, double b) noexcept { return a + (b - a) * uniform(); }

    // Uniform integer in [0, n) without modulo bias (Lemire's multiply-and-reject). n > 0.
    std::uint64_t below(std::uint64_t n) noexcept
    {
        Uint128 m = Uint128(next()) * n;
        auto low = std::uint64_t(m);
        if (low < n) {
            const std::uint64_t threshold = (0 - n) % n;
            while (low < threshold) {
                m = Uint128(next()) * n;
                low = std::uint64_t(m);
            }
        }
        return std::uint64_t(m >> 64);
    }

    // Uniform integer in [lo, hi] (inclusive).
    std::int64_t range(std::int64_t lo, std::int64_t hi) noexcept
    {
        return lo + std::int64_t(below(std::uint64_t(hi - lo) + 1));
    }

    bool bernoulli(double p) noexcept { return uniform() < p; }

    // Standard normal by Box-Muller; the second value of each pair is kept for the next call.
    double normal() noexcept
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        const double u1 = 1.0 - uniform(); // (0, 1]: log stays finite
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        const double a = 2.0 * std::numbers::pi * u2;
        m_spare = r * std::sin(a);
        m_hasSpare = true;
        return r * std::cos(a);
    }
    double normal(double mean, double sd) noexcept { return mean + sd * normal(); }
    double lognormal(double mu, double sigma) noexcept { return std::exp(normal(mu, sigma)); }
    double exponential(double rate) noexcept { return -std::log(1.0 - uniform()) / rate; }

    // Gamma(shape, scale) by Marsaglia & Tsang (2000); shape < 1 via the U^(1/shape) boost.
    double gamma(double shape, double scale = 1.0) noexcept
    {
        if (shape <= 0.0)
            return 0.0;
        if (shape < 1.0) {
            const double u = 1.0 - uniform();
            return gamma(shape + 1.0, scale) * std::pow(u, 1.0 / shape);
        }
        const double d = shape - 1.0 / 3.0;
        const double c = 1.0 / std::sqrt(9.0 * d);
        for (;;) {
            double x, v;
            do {
                x = normal();
                v = 1.0 + c * x;
            } while (v <= 0.0);
            v = v * v * v;
            const double u = 1.0 - uniform();
            if (u < 1.0 - 0.0331 * x * x * x * x)
                return d * v * scale;
            if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v)))
                return d * v * scale;
        }
    }

    double beta(double a, double b) noexcept
    {
        const double x = gamma(a);
        const double y = gamma(b);
        return x + y > 0 ? x / (x + y) : 0.5;
    }

    // Poisson: Knuth's product method for small means, Hörmann's PTRS (1993) for large ones.
    std::int64_t poisson(double mean) noexcept
    {
        if (!(mean > 0.0))
            return 0;
        if (mean < 10.0) {
            const double limit = std::exp(-mean);
            std::int64_t k = 0;
            double p = uniform();
            while (p > limit) {
                ++k;
                p *= uniform();
            }
            return k;
        }
        const double slam = std::sqrt(mean);
        const double loglam = std::log(mean);
        const double b = 0.931 + 2.53 * slam;
        const double a = -0.059 + 0.02483 * b;
        const double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
        const double vr = 0.9277 - 3.6224 / (b - 2.0);
        for (;;) {
            const double u = uniform() - 0.5;
            const double v = uniform();
            const double us = 0.5 - std::fabs(u);
            const auto k = std::int64_t(std::floor((2.0 * a / us + b) * u + mean + 0.43));
            if (us >= 0.07 && v <= vr)
                return k;
            if (k < 0 || (us < 0.013 && v > us))
                continue;
            if (std::log(v) + std::log(invAlpha) - std::log(a / (us * us) + b)
                <= -mean + double(k) * loglam - std::lgamma(double(k) + 1.0))
                return k;
        }
    }

    // Geometric number of failures before the first success, success probability p in (0, 1].
    std::int64_t geometric(double p) noexcept
    {
        if (p >= 1.0)
            return 0;
        return std::int64_t(std::floor(std::log(1.0 - uniform()) / std::log(1.0 - p)));
    }

    // Index drawn proportionally to non-negative weights (linear scan; for repeated draws from
    // the same weights use AliasTable). Returns weights.size() - 1 if all weights are zero.
    template <typename W>
    std::size_t weighted(std::span<const W> weights) noexcept
    {
        double total = 0;
        for (const W w : weights)
            total += double(w);
        double r = uniform() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            r -= double(weights[i]);
            if (r < 0)
                return i;
        }
        return weights.empty() ? 0 : weights.size() - 1;
    }

    // Fisher-Yates.
    template <typename T>
    void shuffle(std::vector<T>& v) noexcept
    {
        for (std::size_t i = v.size(); i > 1; --i)
            std::swap(v[i - 1], v[below(i)]);
    }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }

    std::uint64_t m_s[4]{};
    double m_spare = 0.0;
    bool m_hasSpare = false;
};

// Walker/Vose alias table: O(1) draws from a fixed categorical distribution.
class AliasTable {
public:
    AliasTable() = default;
    explicit AliasTable(std::span<const double> weights) { build(weights); }

    void build(std::span<const double> weights)
    {
        const std::size_t n = weights.size();
        m_prob.assign(n, 1.0);
        m_alias.assign(n, 0);
        double total = 0;
        for (const double w : weights)
            total += w > 0 ? w : 0.0;
        if (n == 0 || total <= 0)
            return;
        std::vector<double> scaled(n);
        std::vector<std::uint32_t> small, large;
        for (std::size_t i = 0; i < n; ++i) {
            scaled[i] = (weights[i] > 0 ? weights[i] : 0.0) * double(n) / total;
            (scaled[i] < 1.0 ? small : large).push_back(std::uint32_t(i));
        }
        while (!small.empty() && !large.empty()) {
            const std::uint32_t s = small.back();
            small.pop_back();
            const std::uint32_t l = large.back();
            m_prob[s] = scaled[s];
            m_alias[s] = l;
            scaled[l] = (scaled[l] + scaled[s]) - 1.0;
            if (scaled[l] < 1.0) {
                large.pop_back();
                small.push_back(l);
            }
        }
        for (const std::uint32_t i : large)
            m_prob[i] = 1.0;
        for (const std::uint32_t i : small)
            m_prob[i] = 1.0;
    }

    std::size_t sample(Rng& rng) const noexcept
    {
        const std::size_t i = std::size_t(rng.below(m_prob.size()));
        return rng.uniform() < m_prob[i] ? i : m_alias[i];
    }
    std::size_t size() const noexcept { return m_prob.size(); }

private:
    std::vector<double> m_prob;
    std::vector<std::uint32_t> m_alias;
};

} // namespace shoppilot
