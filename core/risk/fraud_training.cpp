#include "risk/fraud_training.h"

#include <algorithm>
#include <cmath>

#include "common/error.h"

namespace shoppilot::risk {

namespace {

constexpr Timestamp kDay = 86400;

} // namespace

LabelMaturity labelMaturity(const OrderHistory& h, int rowsEnd, Timestamp asOf)
{
    std::vector<double> delays;
    std::vector<char> seen(h.orders.size(), 0);
    for (const auto& e : h.labels) {
        if (e.ts > asOf)
            break;
        if (!e.chargeback)
            continue;
        const auto it = h.indexById.find(e.orderId);
        if (it == h.indexById.end() || it->second >= rowsEnd || seen[std::size_t(it->second)])
            continue;
        seen[std::size_t(it->second)] = 1; // labels are sorted by time: this is the first chargeback
        delays.push_back(double(e.ts - h.orders[std::size_t(it->second)].ts) / kDay);
    }
    LabelMaturity m;
    m.chargebacks = int(delays.size());
    if (m.chargebacks < riskRecipe().fraud.minChargebacksForMaturity)
        return m;
    std::sort(delays.begin(), delays.end());
    const auto k = std::size_t(std::ceil(riskRecipe().fraud.maturityPercentile * double(delays.size()))) - 1;
    m.days = std::max(1.0, std::ceil(delays[std::min(k, delays.size() - 1)]));
    m.medianDays = delays[delays.size() / 2];
    m.measured = true;
    return m;
}

FraudFitPlan planFraudFit(const OrderHistory& h, int rowsEnd, Timestamp asOf)
{
    rowsEnd = std::clamp(rowsEnd, 0, int(h.orders.size()));
    FraudFitPlan p;
    p.asOf = asOf;
    p.maturity = labelMaturity(h, rowsEnd, asOf);
    p.matureBefore = asOf - Timestamp(std::llround(p.maturity.days * double(kDay)));
    const auto known = h.labelsAsOf(asOf);
    std::vector<char> decided(h.orders.size(), 0);
    for (const auto& e : h.labels) {
        if (e.ts > asOf)
            break;
        if (!e.chargeback)
            if (const auto it = h.indexById.find(e.orderId); it != h.indexById.end())
                decided[std::size_t(it->second)] = 1;
    }
    p.y.assign(h.orders.size(), 0);
    std::vector<int> mature;
    for (int i = 0; i < rowsEnd; ++i) {
        p.y[std::size_t(i)] = known[std::size_t(i)] == 1 ? 1.0f : 0.0f;
        if (h.orders[std::size_t(i)].ts <= p.matureBefore)
            mature.push_back(i);
        else if (decided[std::size_t(i)])
            p.extraRefitRows.push_back(i);
        else
            ++p.leftOut;
    }
    // Orders are sorted by time, so the mature ones' tail is the latest settled period.
    const auto cut = std::size_t(std::llround((1 - riskRecipe().fraud.validationShare) * double(mature.size())));
    p.trainRows.assign(mature.begin(), mature.begin() + std::ptrdiff_t(cut));
    p.validRows.assign(mature.begin() + std::ptrdiff_t(cut), mature.end());
    p.validFrom = p.validRows.empty() ? p.matureBefore : h.orders[std::size_t(p.validRows.front())].ts;
    for (const auto* rows : {&p.trainRows, &p.validRows, &p.extraRefitRows})
        for (int r : *rows)
            p.labelledFraud += p.y[std::size_t(r)] > 0.5f;
    return p;
}

FraudFit fitFraudModel(const OrderHistory& h, const Matrix& x, int rowsEnd, Timestamp asOf, const FraudTrainOptions& options,
                       const Progress& progress)
{
    FraudFitPlan plan = planFraudFit(h, rowsEnd, asOf);
    if (plan.trainRows.empty() || plan.validRows.empty())
        throw Error(ErrorCode::InvalidArgument,
                    "no orders are old enough to have settled labels (chargebacks take up to " +
                        std::to_string(int(plan.maturity.days)) + " days to arrive): the fraud model needs a longer history");
    FraudModel model = FraudModel::train(x, plan.y, plan.trainRows, plan.validRows, options, progress, plan.extraRefitRows);
    return {std::move(model), std::move(plan)};
}

} // namespace shoppilot::risk
