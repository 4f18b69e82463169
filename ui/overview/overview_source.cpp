#include "overview/overview_source.h"

#include "store/database.h"

namespace shoppilot::ui {

namespace {

// The part [a, b] of a job's progress; also stops between steps when the job was cancelled.
Progress part(const Progress& p, double a, double b)
{
    if (!p)
        return {};
    return [p, a, b](double f, std::string_view what) { return p(a + (b - a) * f, what); };
}

void checkpoint(const Progress& p, double f, std::string_view what)
{
    if (p && !p(f, what))
        throw Cancelled();
}

} // namespace

OverviewSource::OverviewSource() = default;

OverviewSource::~OverviewSource()
{
    m_service.reset();
    m_db.reset();
}

kpi::KpiService& OverviewSource::serviceFor(const QString& path, quint64 generation)
{
    if (!m_service || path != m_path || generation != m_generation) {
        m_service.reset();
        m_db.reset();
        m_path.clear();
        m_db = std::make_unique<store::Database>(
            store::Database::open(path.toStdString(), {store::OpenMode::ReadOnly}));
        m_service = std::make_unique<kpi::KpiService>(*m_db);
        m_path = path;
        m_generation = generation;
    }
    return *m_service;
}

kpi::DataRange OverviewSource::dataRange(const QString& storePath, quint64 storeGeneration)
{
    const std::lock_guard lock(m_mutex);
    return serviceFor(storePath, storeGeneration).dataRange();
}

OverviewData OverviewSource::load(const OverviewQuery& query, const Progress& progress)
{
    const std::lock_guard lock(m_mutex);
    checkpoint(progress, 0.0, "Opening the store");
    kpi::KpiService& service = serviceFor(query.storePath, query.storeGeneration);
    // The one slow step (first use of a store): building the cube, with its own progress.
    service.prepare(part(progress, 0.0, 0.7));
    OverviewData data;
    data.filter = query.filter;
    data.grain = query.grain;
    data.currency = service.dataRange().currency;
    checkpoint(progress, 0.7, "KPIs");
    data.kpis = service.kpis(query.filter, part(progress, 0.7, 0.8));
    checkpoint(progress, 0.8, "Time series");
    data.series = service.series(query.filter, query.grain, part(progress, 0.8, 0.85));
    for (std::size_t i = 0; i < kDimensions.size(); ++i) {
        const double a = 0.85 + 0.05 * double(i);
        checkpoint(progress, a, "Breakdowns");
        data.breakdowns[i] = service.breakdown(query.filter, kDimensions[i], query.breakdownLimit,
                                               part(progress, a, a + 0.05));
    }
    checkpoint(progress, 1.0, "Done");
    return data;
}

} // namespace shoppilot::ui
