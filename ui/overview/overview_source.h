// Loads the Overview's figures on a worker thread. Keeps one read-only connection and its
// KpiService (whose in-memory cube makes refreshes fast) across refreshes. SQLite connections are
// opened NOMUTEX, so a mutex makes sure only one job uses them at a time; a new store path or
// generation (the store was reopened) reopens the connection.
#pragma once

#include <QString>
#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/progress.h"
#include "kpi/kpi.h"

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

private:
    kpi::KpiService& serviceFor(const QString& path, quint64 generation); // with m_mutex held

    std::mutex m_mutex;
    QString m_path;
    quint64 m_generation = 0;
    std::unique_ptr<store::Database> m_db;
    std::unique_ptr<kpi::KpiService> m_service; // uses *m_db: destroyed first
};

} // namespace shoppilot::ui
