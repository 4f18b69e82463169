// The progress/cancel contract between long-running core work and its caller (CLI or a UI job).
#pragma once

#include <chrono>
#include <functional>
#include <string_view>

#include "common/error.h"

namespace shoppilot {

// Called with a fraction in [0, 1] and a short description of the current step.
// Returning false asks the work to stop; the work then throws Cancelled.
using Progress = std::function<bool(double fraction, std::string_view what)>;

// A Progress for the [a, b] part of `p`'s range, for handing a step of a bigger job to a callee
// that takes a Progress (an empty `p` stays empty).
Progress subProgress(const Progress& p, double a, double b);

// Forwards to a Progress at most every `interval`, plus always for 0 and 1, so hot loops can
// report on every row without flooding a UI. Maps its own [0,1] onto [from, to] of the parent,
// which lets a step of a bigger job report its own fraction.
class ProgressReporter {
public:
    explicit ProgressReporter(Progress progress, double from = 0.0, double to = 1.0,
                              std::chrono::milliseconds interval = std::chrono::milliseconds(100));

    // Throws Cancelled if the callback asked to stop.
    void report(double fraction, std::string_view what);
    // A reporter for the sub-range [a, b] of this one's range.
    ProgressReporter sub(double a, double b) const;
    const Progress& callback() const { return m_progress; }

private:
    Progress m_progress;
    double m_from;
    double m_to;
    std::chrono::milliseconds m_interval;
    std::chrono::steady_clock::time_point m_last{};
};

} // namespace shoppilot
