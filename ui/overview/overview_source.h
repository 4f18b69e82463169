// Loads the Overview's figures on a worker thread. Keeps one read-only connection and its
// KpiService (whose in-memory cube makes refreshes fast) across refreshes. SQLite connections are
// opened NOMUTEX, so a mutex makes sure only one job uses them at a time; a new store path or
// generation (the store was reopened) reopens the connection.
//
// First figures fast: the cube takes seconds to build on a large store (1.7 s on the default
// demo), while the SQL of the definitions answers a short range in about a second. So on a new
// store the cube is built on a thread of its own while the first refreshes of a range of at most
// kSqlFirstDays days are answered by a second, SQL-backed service on its own connection; once the
// cube is ready every refresh uses it. A longer range waits for the cube (its SQL takes longer).
// SHOPPILOT_OVERVIEW_CUBE_FIRST=1 restores "cube first" (the baseline of `bench startup`).
#pragma once

#include <QString>
#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <string>
#include <vector>

#include "common/progress.h"
#include "kpi/kpi.h"
#include "kpi/maturity.h"

namespace shoppilot::store {
class Database;
}

namespace shoppilot::ui {

inline constexpr std::array<kpi::Dimension, 3> kDimensions = {kpi::Dimension::Category, kpi::Dimension::Country,
                                                              kpi::Dimension::Channel};

struct OverviewQuery {
    QString storePath;
    quint64 storeGeneration = 0;
    kpi::Filter filter;
    kpi::Granularity grain = kpi::Granularity::Day;
    std::size_t breakdownLimit = 10;
};

// Everything one refresh shows, computed for one filter.
struct OverviewData {
    kpi::Filter filter;
    kpi::Granularity grain = kpi::Granularity::Day;
    std::string currency;
    kpi::KpiComparison kpis;
    kpi::RefundDelay refundDelay;       // measured on the whole store
    kpi::PeriodMaturity refundMaturity; // of filter's period
    std::vector<kpi::SeriesPoint> series;
    std::array<std::vector<kpi::BreakdownRow>, 3> breakdowns; // indexed like kDimensions
};

class OverviewSource {
public:
    OverviewSource();
    ~OverviewSource();
    OverviewSource(const OverviewSource&) = delete;
    OverviewSource& operator=(const OverviewSource&) = delete;

    // Throws shoppilot::Error (bad file ...) or Cancelled.
    OverviewData load(const OverviewQuery& query, const Progress& progress);
    kpi::DataRange dataRange(const QString& storePath, quint64 storeGeneration);

    static constexpr int kSqlFirstDays = 92;
    // Which backend answered the last load (for tests and the startup benchmark).
    bool lastLoadUsedCube() const { return m_lastUsedCube; }

private:
    kpi::KpiService& serviceFor(const QString& path, quint64 generation); // with m_mutex held
    void stopBuilder();

    std::mutex m_mutex;
    QString m_path;
    quint64 m_generation = 0;
    std::unique_ptr<store::Database> m_db;
    std::unique_ptr<kpi::KpiService> m_service; // uses *m_db: destroyed first
    std::unique_ptr<store::Database> m_sqlDb;
    std::unique_ptr<kpi::KpiService> m_sqlService; // uses *m_sqlDb
    std::thread m_builder;                          // builds m_service's cube
    std::atomic<bool> m_cubeReady{false};
    std::atomic<bool> m_stopBuild{false};
    std::atomic<bool> m_buildFailed{false}; // the builder ended without a cube (cancelled or failed)
    bool m_lastUsedCube = true;
};

} // namespace shoppilot::ui
