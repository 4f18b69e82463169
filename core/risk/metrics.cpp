#include "risk/metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "common/random.h"

namespace shoppilot::risk {

namespace {

std::vector<std::size_t> byScoreDesc(std::span<const float> score)
{
    std::vector<std::size_t> idx(score.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return score[a] > score[b]; });
    return idx;
}

} // namespace

double rocAuc(std::span<const float> score, std::span<const float> label)
{
    const auto idx = byScoreDesc(score);
    double pos = 0, neg = 0, area = 0;
    // Walk tie groups: each negative in a group counts the positives above it plus half of the tied ones.
    std::size_t i = 0;
    while (i < idx.size()) {
        std::size_t j = i;
        double gp = 0, gn = 0;
        while (j < idx.size() && score[idx[j]] == score[idx[i]]) {
            (label[idx[j]] > 0.5f ? gp : gn) += 1;
            ++j;
        }
        area += gn * (pos + gp / 2);
        pos += gp;
        neg += gn;
        i = j;
    }
    if (pos == 0 || neg == 0)
        return 0.5;
    return area / (pos * neg);
}

double averagePrecision(std::span<const float> score, std::span<const float> label)
{
    const auto idx = byScoreDesc(score);
    double total = 0;
    for (float l : label)
        total += l > 0.5f;
    if (total == 0)
        return 0;
    double tp = 0, seen = 0, ap = 0, prevRecall = 0;
    std::size_t i = 0;
    while (i < idx.size()) {
        std::size_t j = i;
        while (j < idx.size() && score[idx[j]] == score[idx[i]]) {
            tp += label[idx[j]] > 0.5f;
            seen += 1;
            ++j;
        }
        const double recall = tp / total;
        ap += (recall - prevRecall) * (tp / seen);
        prevRecall = recall;
        i = j;
    }
    return ap;
}

float thresholdAtFpr(std::span<const float> score, std::span<const float> label, double fpr)
{
    std::vector<float> neg;
    for (std::size_t i = 0; i < score.size(); ++i)
        if (label[i] <= 0.5f)
            neg.push_back(score[i]);
    if (neg.empty())
        return -INFINITY;
    std::sort(neg.begin(), neg.end(), std::greater<>());
    const auto allowed = std::size_t(std::floor(fpr * double(neg.size())));
    // Flag strictly above the (allowed+1)-th highest negative: at most `allowed` negatives pass.
    return allowed < neg.size() ? neg[allowed] : -INFINITY;
}

double recallAtFpr(std::span<const float> score, std::span<const float> label, double fpr)
{
    const float t = thresholdAtFpr(score, label, fpr);
    double pos = 0, hit = 0;
    for (std::size_t i = 0; i < score.size(); ++i)
        if (label[i] > 0.5f) {
            pos += 1;
            hit += score[i] > t;
        }
    return pos > 0 ? hit / pos : 0;
}

double liftAt(std::span<const float> score, std::span<const float> label, double rate)
{
    const auto idx = byScoreDesc(score);
    const auto k = std::size_t(std::llround(rate * double(idx.size())));
    double total = 0, top = 0;
    for (float l : label)
        total += l > 0.5f;
    for (std::size_t i = 0; i < k && i < idx.size(); ++i)
        top += label[idx[i]] > 0.5f;
    return total > 0 && rate > 0 ? (top / total) / rate : 0;
}

RankMetrics rankMetrics(std::span<const float> score, std::span<const float> label)
{
    RankMetrics m;
    m.rows = int(score.size());
    for (float l : label)
        m.positives += l > 0.5f;
    m.rocAuc = rocAuc(score, label);
    m.prAuc = averagePrecision(score, label);
    m.recallAt1PctFpr = recallAtFpr(score, label, 0.01);
    m.liftAt20Pct = liftAt(score, label, 0.20);
    return m;
}

std::vector<PrPoint> prCurve(std::span<const float> score, std::span<const float> label, int points)
{
    std::vector<PrPoint> out;
    if (score.empty())
        return out;
    const auto idx = byScoreDesc(score);
    double total = 0;
    for (float l : label)
        total += l > 0.5f;
    const std::size_t step = std::max<std::size_t>(1, idx.size() / std::size_t(std::max(1, points)));
    double tp = 0;
    for (std::size_t i = 0; i < idx.size(); ++i) {
        tp += label[idx[i]] > 0.5f;
        const bool groupEnd = i + 1 == idx.size() || score[idx[i + 1]] != score[idx[i]];
        if (groupEnd && ((i + 1) % step == 0 || i + 1 == idx.size() || i < step))
            out.push_back({score[idx[i]], tp / double(i + 1), total > 0 ? tp / total : 0});
    }
    return out;
}

double pairedApDifferenceSe(std::span<const float> a, std::span<const float> b, std::span<const float> label, int samples)
{
    std::vector<std::size_t> pos, neg;
    for (std::size_t i = 0; i < label.size(); ++i)
        (label[i] > 0.5f ? pos : neg).push_back(i);
    if (pos.size() < 2 || neg.empty() || samples < 2)
        return 0;
    Rng rng(20240611);
    std::vector<float> sa(label.size()), sb(label.size()), sy(label.size());
    double sum = 0, sq = 0;
    for (int s = 0; s < samples; ++s) {
        std::size_t k = 0;
        for (const auto* group : {&pos, &neg})
            for (std::size_t j = 0; j < group->size(); ++j, ++k) {
                const std::size_t i = (*group)[rng.below(group->size())];
                sa[k] = a[i];
                sb[k] = b[i];
                sy[k] = label[i];
            }
        const double d = averagePrecision(sa, sy) - averagePrecision(sb, sy);
        sum += d;
        sq += d * d;
    }
    const double mean = sum / samples;
    return std::sqrt(std::max(0.0, (sq - samples * mean * mean) / (samples - 1)));
}

} // namespace shoppilot::risk
