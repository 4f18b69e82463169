#include "common/progress.h"

#include <algorithm>

namespace shoppilot {

Progress subProgress(const Progress& p, double a, double b)
{
    if (!p)
        return {};
    return [p, a, b](double f, std::string_view what) { return p(a + (b - a) * f, what); };
}

ProgressReporter::ProgressReporter(Progress progress, double from, double to,
                                   std::chrono::milliseconds interval)
    : m_progress(std::move(progress)), m_from(from), m_to(to), m_interval(interval)
{
}

void ProgressReporter::report(double fraction, std::string_view what)
{
    if (!m_progress)
        return;
    fraction = std::clamp(fraction, 0.0, 1.0);
    const auto now = std::chrono::steady_clock::now();
    const bool edge = fraction <= 0.0 || fraction >= 1.0;
    if (!edge && now - m_last < m_interval)
        return;
    m_last = now;
    if (!m_progress(m_from + (m_to - m_from) * fraction, what))
        throw Cancelled();
}

ProgressReporter ProgressReporter::sub(double a, double b) const
{
    const double span = m_to - m_from;
    return ProgressReporter(m_progress, m_from + span * a, m_from + span * b, m_interval);
}

} // namespace shoppilot
