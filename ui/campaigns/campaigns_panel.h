// The Campaigns panel for marketers and the managers who sign off a budget:
//  * the campaign list (planned / running / finished) with each finished campaign's forecast —
//    made from the campaigns before it only — against what its control group measured, and the
//    forecasts' track record (how often the measured effect fell inside the 80% interval);
//  * the planner: audience (a saved segment or every customer), channel, discount, budget, dates
//    and control share -> reach, clicks, conversions, incremental conversions and sales with 80%
//    and 95% intervals, the baseline the audience would buy anyway (chart over the window with
//    bands), the return on the budget and the extrapolation warnings; saved as a planned campaign;
//  * targeting: the Qini curve of the uplift model on the latest finished campaign it did not see,
//    a cut-off slider with incremental conversions, cost and net return at that cut-off, the top of
//    the planned audience saved as a new audience, and the "sleeping dogs" (negative uplift);
//  * forecast vs actual as a chart; CSV and PNG export.
// All store work and model fits run as jobs (progress, Cancel); the GUI thread touches neither.
#pragma once

#include <QWidget>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "campaigns/campaign_data.h"
#include "campaigns/campaign_store.h"
#include "campaigns/planner.h"
#include "shell/panel_registry.h"

class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace shoppilot::ui {

class CurveChart;
class JobRunner;
class ViewState;

class CampaignsPanel : public QWidget {
    Q_OBJECT
public:
    explicit CampaignsPanel(const PanelContext& context, QWidget* parent = nullptr);
    ~CampaignsPanel() override;

    // What the panel holds (tests compare with core's own results).
    const std::vector<campaigns::CampaignInfo>& campaignList() const { return m_campaigns; }
    const std::optional<campaigns::PlanForecast>& currentForecast() const { return m_forecast; }
    const std::vector<campaigns::Backtest>& backtests() const { return m_backtests; }
    const std::optional<campaigns::QiniView>& qini() const { return m_qini; }
    bool modelsReady() const { return bool(m_planner); }
    QTableWidget* campaignTable() const { return m_table; }
    QTableWidget* forecastTable() const { return m_forecastTable; }
    QTableWidget* sleepingDogsTable() const { return m_dogs; }
    QTabWidget* tabs() const { return m_tabs; }
    QComboBox* audienceBox() const { return m_audience; }
    QComboBox* channelBox() const { return m_channel; }
    QDoubleSpinBox* discountBox() const { return m_discount; }
    QDoubleSpinBox* budgetBox() const { return m_budget; }
    QDateEdit* startEdit() const { return m_start; }
    QDateEdit* endEdit() const { return m_end; }
    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* audienceNameEdit() const { return m_audienceName; }
    QSlider* cutoffSlider() const { return m_cutoff; }
    QLabel* cutoffSummary() const { return m_cutoffSummary; }
    QLabel* flagsLabel() const { return m_flags; }
    QLabel* statusLabel() const { return m_status; }
    QLabel* trackRecordLabel() const { return m_trackRecord; }
    CurveChart* planChart() const { return m_planChart; }
    CurveChart* qiniChart() const { return m_qiniChart; }
    CurveChart* actualChart() const { return m_actualChart; }
    const std::map<std::int64_t, campaigns::KeptForecast>& keptForecasts() const { return m_kept; }
    // Customers of the planned audience in the top cut-off by predicted uplift.
    std::vector<std::int64_t> targetedCustomers() const;

public Q_SLOTS:
    void reload();
    void runForecast();
    void savePlan();
    void saveTargetedAudience();
    void exportCsv(const QString& path = {});
    void exportPng(const QString& path = {});

Q_SIGNALS:
    void loaded();
    void modelsFitted();
    void forecastReady();
    void planSaved(qint64 id);
    void audienceSaved(qint64 id);
    void failed(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Loaded;
    struct Models;
    struct PlanResult;
    QWidget* buildPlannerTab();
    QWidget* buildTargetingTab();
    QWidget* buildActualTab();
    void retranslate();
    void applyLoaded(const std::shared_ptr<Loaded>& loaded);
    void fitModels();
    void applyModels(const std::shared_ptr<Models>& models);
    void fillCampaigns();
    void fillForecast();
    void fillQini();
    void fillActual();
    void updateCutoff();
    void setStatus(const QString& text);
    campaigns::PlanInput currentPlan() const;
    // Finished campaigns with a kept forecast and a measured effect, in list order.
    struct TrackRow {
        const campaigns::CampaignInfo* campaign;
        campaigns::KeptForecast forecast;
        campaigns::Measured actual;
    };
    std::vector<TrackRow> trackRows() const;
    template <typename R, typename Work, typename Done>
    void runJob(const QString& title, Work work, Done done);

    ViewState* m_view;
    JobRunner* m_jobs;
    quint64 m_generation = 0;

    std::shared_ptr<const campaigns::OrderHistory> m_history;
    std::shared_ptr<const campaigns::CampaignRows> m_rows;
    std::shared_ptr<const campaigns::Planner> m_planner;
    std::vector<campaigns::CampaignInfo> m_campaigns;
    std::vector<campaigns::SegmentChoice> m_audiences;
    std::vector<campaigns::Backtest> m_backtests;
    std::optional<campaigns::QiniView> m_qini;
    std::map<std::int64_t, campaigns::KeptForecast> m_kept; // per campaign id: the plan's or a backtest's
    std::map<std::int64_t, campaigns::Measured> m_measured; // finished campaigns with control groups
    std::optional<campaigns::PlanForecast> m_forecast;
    std::vector<std::pair<std::int64_t, double>> m_scores; // planned audience, by uplift descending
    QString m_modelsError;

    QLabel* m_status = nullptr;
    QLabel* m_trackRecord = nullptr;
    QPushButton* m_reload = nullptr;
    QTableWidget* m_table = nullptr;
    QTabWidget* m_tabs = nullptr;
    // planner
    QLineEdit* m_name = nullptr;
    QComboBox* m_audience = nullptr;
    QComboBox* m_channel = nullptr;
    QDoubleSpinBox* m_discount = nullptr;
    QDoubleSpinBox* m_budget = nullptr;
    QDateEdit* m_start = nullptr;
    QDateEdit* m_end = nullptr;
    QSpinBox* m_controlShare = nullptr;
    QPushButton* m_forecastButton = nullptr;
    QPushButton* m_saveButton = nullptr;
    QTableWidget* m_forecastTable = nullptr;
    QLabel* m_flags = nullptr;
    CurveChart* m_planChart = nullptr;
    // targeting
    CurveChart* m_qiniChart = nullptr;
    QLabel* m_qiniTitle = nullptr;
    QSlider* m_cutoff = nullptr;
    QLabel* m_cutoffSummary = nullptr;
    QLineEdit* m_audienceName = nullptr;
    QPushButton* m_saveAudience = nullptr;
    QTableWidget* m_dogs = nullptr;
    QLabel* m_dogsTitle = nullptr;
    // forecast vs actual
    CurveChart* m_actualChart = nullptr;
    QPushButton* m_exportCsv = nullptr;
    QPushButton* m_exportPng = nullptr;
};

QWidget* createCampaignsPanel(const PanelContext& context, QWidget* parent);

} // namespace shoppilot::ui
