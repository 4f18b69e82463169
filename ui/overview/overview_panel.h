// The Overview panel for managers: KPI cards with their change against the previous period,
// the date-range bar, the time series, breakdowns by category, country and channel (clicking a
// bar drills down, the breadcrumb goes back), and exports (chart PNG, table CSV, PDF report).
// It reads and edits the shared ViewState; every figure is computed by core's KpiService in one
// background job per filter change, and a superseded or cancelled job's result is dropped.
#pragma once

#include <QFuture>
#include <QWidget>
#include <array>
#include <memory>
#include <optional>

#include "kpi/kpi.h"
#include "overview/overview_source.h"
#include "overview/report_writer.h"
#include "shell/panel_registry.h"
#include "shell/view_state.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace shoppilot::ui {

class BreadcrumbBar;
class BreakdownModel;
class ChartView;
class DateRangeBar;
class JobRunner;
class KpiCard;
class SeriesModel;

class OverviewPanel : public QWidget {
    Q_OBJECT
public:
    enum class Card { Gmv, Orders, Aov, Conversion, RepeatRate, RefundRate };
    static constexpr int kCardCount = 6;

    explicit OverviewPanel(const PanelContext& context, QWidget* parent = nullptr);
    ~OverviewPanel() override;

    // ViewState's inclusive calendar dates are UTC days here, like the KPI buckets.
    static kpi::Filter toKpiFilter(const ViewFilter& filter);
    static kpi::Granularity toGranularity(TimeGrain grain);

    KpiCard* card(Card card) const { return m_cards[std::size_t(card)]; }
    ChartView* seriesChart() const { return m_seriesChart; }
    ChartView* breakdownChart(kpi::Dimension d) const { return m_barCharts[std::size_t(d)]; }
    BreakdownModel* breakdownModel(kpi::Dimension d) const { return m_breakdowns[std::size_t(d)]; }
    SeriesModel* seriesModel() const { return m_series; }
    DateRangeBar* dateRangeBar() const { return m_dateBar; }
    QComboBox* segmentBox() const { return m_segmentBox; }
    BreadcrumbBar* breadcrumbBar() const { return m_breadcrumb; }
    QTableView* breakdownTable() const { return m_table; }
    kpi::Dimension tableDimension() const;
    void setTableDimension(kpi::Dimension d);

    // The figures on screen and the filter they were computed for.
    const std::optional<OverviewData>& shownData() const { return m_data; }
    const ViewFilter& shownFilter() const { return m_shownFilter; }
    bool isLoading() const { return m_loading; }
    QString statusText() const;
    QString errorText() const;
    // The filters of the figures shown, one line each, as printed on the PDF report.
    QStringList filterLines() const;

    // What clicking bar `row` of a breakdown chart does. False for "Other" and unknown rows.
    bool drillInto(kpi::Dimension d, int row);
    bool exportCsv(kpi::Dimension d, const QString& path, QString* error = nullptr) const;
    bool exportPdf(const QString& path, QString* error = nullptr) const;
    Report buildReport() const;

public Q_SLOTS:
    void refresh();
    void exportCsvInteractive();
    void exportPdfInteractive();

Q_SIGNALS:
    // New figures are on screen.
    void refreshed();
    void refreshFailed(const QString& message);
    // The refresh was cancelled; the previous figures stay.
    void refreshCancelled();
    // The store's first/last dates are known (the date bar's presets count from them).
    void dataRangeLoaded();

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildUi();
    QWidget* buildTableBox();
    void retranslate();
    void onStoreChanged(const QString& path);
    void onFilterChanged();
    void loadDataRange(bool resetRange);
    void onDataRange(const kpi::DataRange& range, bool resetRange);
    void onRefreshFinished(quint64 id, const ViewFilter& filter, QFuture<OverviewData> future);
    void applyData();
    void clearFigures();
    void updateCards();
    void updateCharts();
    void updateBreadcrumb();
    // Saved segments as a filter: the list is read on a worker; choosing one is a drill step.
    void loadSegments();
    void onSegmentChosen(int index);
    void syncSegmentBox();
    void updateEmptyTexts();
    void setStatus(const QString& text, bool loading);
    void showError(const QString& message);

    ViewState* m_view;
    JobRunner* m_jobs;
    std::shared_ptr<OverviewSource> m_source;
    quint64 m_storeGeneration = 0;
    quint64 m_requestId = 0;
    quint64 m_rangeRequestId = 0;
    QFuture<OverviewData> m_pending;
    bool m_loading = false;
    std::optional<OverviewData> m_data;
    ViewFilter m_shownFilter;
    QString m_currency;

    QStackedWidget* m_pages = nullptr;
    QLabel* m_hint = nullptr;
    DateRangeBar* m_dateBar = nullptr;
    BreadcrumbBar* m_breadcrumb = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_error = nullptr;
    QToolButton* m_refreshButton = nullptr;
    QPushButton* m_pdfButton = nullptr;
    QComboBox* m_segmentBox = nullptr;
    quint64 m_segmentsRequest = 0;
    std::array<KpiCard*, kCardCount> m_cards{};
    ChartView* m_seriesChart = nullptr;
    std::array<ChartView*, 3> m_barCharts{};
    std::array<BreakdownModel*, 3> m_breakdowns{};
    SeriesModel* m_series = nullptr;
    QLabel* m_tableTitle = nullptr;
    QComboBox* m_tableDimension = nullptr;
    QPushButton* m_csvButton = nullptr;
    QTableView* m_table = nullptr;
    QSortFilterProxyModel* m_tableProxy = nullptr;
};

// The factory the panel registers (SHOPPILOT_REGISTER_PANEL in overview_panel.cpp).
QWidget* createOverviewPanel(const PanelContext& context, QWidget* parent);

} // namespace shoppilot::ui
