// Maturing refund figures. Refunds, returns and chargebacks arrive days or weeks after the order,
// and kpi.h attributes each to its order's period, so the refund rate of a recent period is still
// rising: "refund rate -51% vs the previous period" over the last 30 days is mostly censoring, not
// an improvement. RefundDelay measures the typical delay on the store's own data; PeriodMaturity
// says whether a period is still maturing and how much of its refunds have likely arrived.
//
// Definitions:
//  delay       For each refunded order: its first refunds.created_at - orders.created_at, in days
//              (negative delays, from clock skew, count as 0). Orders of the last kDelayHorizonDays
//              days are left out when enough older ones exist, so the measurement itself is not
//              shortened by censoring (a recent order's long delays have not happened yet).
//  asOf        The store's "now": the latest orders.created_at or refunds.created_at.
//  arrived(a)  Share of the measured delays <= a days: the expected share of an order's eventual
//              refunds that have arrived when the order is a days old.
//  Period [from, to): maturing when it holds orders younger than the 90th-percentile delay at asOf;
//              arrivedShare = mean of arrived(asOf - t) over the period's days up to asOf
//              (orders are taken as spread evenly over the period), in 0..1.
#pragma once

#include <cstdint>
#include <vector>

#include "common/time.h"
#include "kpi/kpi.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::kpi {

inline constexpr int kMinRefundsForDelay = 20;
inline constexpr int kDelayHorizonDays = 180;

struct RefundDelay {
    std::int64_t samples = 0;      // refunded orders the delay was measured on
    double medianDays = 0;
    double p90Days = 0;
    std::vector<double> sortedDays; // every measured delay, ascending
    Timestamp asOf = 0;

    // Too few refunds to say: no period is marked.
    bool measured() const { return samples >= kMinRefundsForDelay; }
    // Share of the measured delays at most `ageDays` (0 when nothing was measured).
    double arrived(double ageDays) const;
    // Orders created at or after this time are younger than the 90th-percentile delay.
    Timestamp maturingFrom() const;
};

// Reads the delays from the store (one pass over refunds joined to orders).
RefundDelay refundDelay(store::Database& db);

struct PeriodMaturity {
    bool maturing = false;
    double arrivedShare = 1.0; // expected share of the period's eventual refunds already recorded
};

PeriodMaturity periodMaturity(const RefundDelay& delay, const Filter& period);

} // namespace shoppilot::kpi
