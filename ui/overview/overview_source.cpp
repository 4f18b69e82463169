#include "overview/overview_source.h"

#include <chrono>
#include <cstdlib>

#include "common/error.h"
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
    stopBuilder();
    m_sqlService.reset();
    m_sqlDb.reset();
    m_service.reset();
    m_db.reset();
}

void OverviewSource::stopBuilder()
{
    if (m_builder.joinable()) {
        m_stopBuild = true;
        m_builder.join();
    }
    m_stopBuild = false;
}

kpi::KpiService& OverviewSource::serviceFor(const QString& path, quint64 generation)
{
    if (!m_service || path != m_path || generation != m_generation) {
        stopBuilder();
        m_sqlService.reset();
        m_sqlDb.reset();
        m_service.reset();
        m_db.reset();
        m_path.clear();
        m_cubeReady = false;
        m_buildFailed = false;
        m_db = std::make_unique<store::Database>(
            store::Database::open(path.toStdString(), {store::OpenMode::ReadOnly}));
        m_service = std::make_unique<kpi::KpiService>(*m_db);
        m_path = path;
        m_generation = generation;
        const char* cubeFirst = std::getenv("SHOPPILOT_OVERVIEW_CUBE_FIRST");
        if (!(cubeFirst && *cubeFirst == '1')) {
            // The cube on a thread of its own; the SQL service answers short ranges meanwhile.
            m_sqlDb = std::make_unique<store::Database>(store::Database::open(path.toStdString(), {store::OpenMode::ReadOnly}));
            m_sqlService = std::make_unique<kpi::KpiService>(*m_sqlDb, kpi::KpiService::Backend::Sql);
            m_builder = std::thread([this] {
                try {
                    m_service->prepare([this](double, std::string_view) { return !m_stopBuild.load(); });
                    m_cubeReady = true;
                } catch (...) {
                    m_buildFailed = true; // the next load builds it on its own thread, with its progress
                }
            });
        }
    }
    return *m_service;
}

kpi::DataRange OverviewSource::dataRange(const QString& storePath, quint64 storeGeneration)
{
    const std::lock_guard lock(m_mutex);
    kpi::KpiService& cube = serviceFor(storePath, storeGeneration);
    // While the builder thread owns the cube service, the SQL service answers.
    return m_builder.joinable() && m_sqlService ? m_sqlService->dataRange() : cube.dataRange();
}

OverviewData OverviewSource::load(const OverviewQuery& query, const Progress& progress)
{
    const std::lock_guard lock(m_mutex);
    checkpoint(progress, 0.0, "Opening the store");
    kpi::KpiService& cube = serviceFor(query.storePath, query.storeGeneration);
    const bool shortRange = query.filter.to - query.filter.from <= Timestamp(kSqlFirstDays) * 86400;
    const bool useSql = m_sqlService && !m_cubeReady && shortRange && !query.filter.segmentId;
    if (!useSql && m_builder.joinable()) {
        // Wait for the cube being built (cancellable), then take it over on this thread.
        while (!m_cubeReady && !m_buildFailed) {
            checkpoint(progress, 0.0, "Building the figures");
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        m_builder.join();
    }
    kpi::KpiService& service = useSql ? *m_sqlService : cube;
    m_lastUsedCube = !useSql;
    // The one slow step (first use of a store): building the cube, with its own progress.
    service.prepare(part(progress, 0.0, 0.7));
    OverviewData data;
    data.filter = query.filter;
    data.grain = query.grain;
    data.currency = service.dataRange().currency;
    checkpoint(progress, 0.7, "KPIs");
    data.kpis = service.kpis(query.filter, part(progress, 0.7, 0.8));
    // Refunds arrive late: how late, on this store, and whether this period is still maturing.
    data.refundDelay = kpi::refundDelay(useSql ? *m_sqlDb : *m_db);
    data.refundMaturity = kpi::periodMaturity(data.refundDelay, query.filter);
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
