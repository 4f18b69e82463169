// The Segments panel for marketers: RFM groups as of a date with editable cut-offs and the
// movement from the previous period (click a cell for its customers), behavioural clusters on a
// PCA map with a profile in words, purchase/churn/next-category predictions with the served
// models' validation figures, a rule builder with a live member count, saved segments and CSV
// export, and the fairness report of the current rule. Names and e-mails are masked unless
// "show personal data" is on (turning it on is audited).
//
// The store is read once per as-of date (features of both periods, on a worker); cut-offs,
// rules, counts and the fairness report then work on the features kept here, in memory.
// Clustering and predictions are jobs with progress and Cancel.
#pragma once

#include <QDate>
#include <QFuture>
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

#include "segments/cluster_profile.h"
#include "segments/features.h"
#include "segments/kmeans.h"
#include "segments/predictions.h"
#include "segments/rfm.h"
#include "segments/rules.h"
#include "segments/segment_store.h"
#include "shell/panel_registry.h"

class QCheckBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class QTableWidget;
class QTimer;

namespace shoppilot::ui {

class JobRunner;
class PredictionModel;
class RuleForm;
class ScatterMap;
class ViewState;
class XyChartView;

class SegmentsPanel : public QWidget {
    Q_OBJECT
public:
    explicit SegmentsPanel(const PanelContext& context, QWidget* parent = nullptr);
    ~SegmentsPanel() override;

    // What the panel holds (tests compare with core's own results).
    const segments::CustomerFeatures* features() const { return m_features.get(); }
    const segments::RfmTable& rfm() const { return m_rfm; }
    const segments::RfmCutoffs& cutoffs() const { return m_cutoffs; }
    const std::vector<int>& clusterLabels() const { return m_cluster; }
    QTabWidget* tabs() const { return m_tabs; }
    QTableWidget* groupTable() const { return m_groups; }
    QTableWidget* movementTable() const { return m_movement; }
    QTableWidget* memberTable() const { return m_members; }
    QLabel* memberTitle() const { return m_membersTitle; }
    QDoubleSpinBox* cutoffBox(int measure, int index) const { return m_cutoffBoxes[measure * 4 + index]; }
    QLabel* cutoffError() const { return m_cutoffError; }
    RuleForm* ruleForm() const { return m_form; }
    QPlainTextEdit* ruleJsonEdit() const { return m_json; }
    QCheckBox* advancedBox() const { return m_advanced; }
    QLabel* liveCount() const { return m_count; }
    QLabel* ruleError() const { return m_ruleError; }
    QLineEdit* segmentName() const { return m_name; }
    QListWidget* savedList() const { return m_saved; }
    QTableWidget* fairnessTable() const { return m_fairness; }
    QCheckBox* personalDataBox() const { return m_personal; }
    PredictionModel* predictionModel() const { return m_predictionModel; }
    QLabel* predictionHeader() const { return m_predHeader; }
    QTableWidget* calibrationTable() const { return m_calibration; }
    QTableWidget* clusterTable() const { return m_clusterTable; }
    ScatterMap* clusterMap() const { return m_map; }
    // Live count of the current rule (-1: no valid rule).
    qint64 memberCount() const { return m_memberCount; }
    // Store tasks and jobs this panel started (a cut-off change or a rule edit adds none).
    int storeRequests() const { return m_storeRequests; }
    bool showsPersonalData() const { return m_showPersonal; }

public Q_SLOTS:
    void reload();
    void runClustering();
    void runPredictions();
    void cancelPredictions();
    void saveSegment();
    void reloadSavedSegments();
    void loadSelectedSegment();
    void deleteSelectedSegment();
    // Sets the shared filter to the selected saved segment and asks the shell for Overview.
    void showSelectedInOverview();
    void exportMembers();
    // Lists the customers of a movement cell (from: previous group, or -1 for new customers).
    void showMovement(int from, int to);
    void setShowPersonalData(bool on);
    // Recounts the rule now (the editor waits ~150 ms after the last keystroke).
    void updateCount();

Q_SIGNALS:
    void featuresLoaded();
    void clustersReady();
    void predictionsReady();
    void membersListed();
    void segmentSaved(qint64 id);
    void savedSegmentsListed();
    void personalDataChanged(bool on);
    void failed(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Loaded;
    QWidget* buildRfmTab();
    QWidget* buildClusterTab();
    QWidget* buildPredictionTab();
    QWidget* buildRuleTab();
    QWidget* buildFairnessTab();
    void retranslate();
    void onStoreChanged(const QString& path);
    void applyLoaded(const std::shared_ptr<Loaded>& loaded);
    void cutoffsEdited();
    void rebucket();
    void fillGroups();
    void fillMovement();
    void fillClusters();
    void fillPredictions();
    void fillFairness();
    void fillMembers(const QString& csv);
    void listMembers(const std::vector<std::int64_t>& ids, const QString& title);
    void setStatus(const QString& text);
    void updateAbsentNote();
    void maybePredict();
    QString currentRuleJson() const;
    segments::RuleContext ruleContext() const;

    template <typename R, typename Work, typename Done>
    void runJob(const QString& title, Work work, Done done, QFuture<R>* keep = nullptr);

    ViewState* m_view;
    JobRunner* m_jobs;
    quint64 m_generation = 0;
    int m_storeRequests = 0;
    bool m_showPersonal = false;

    // The data kept in memory (GUI thread only; jobs get their own copies or const shares).
    std::shared_ptr<const segments::CustomerFeatures> m_features, m_previous;
    segments::RfmCutoffs m_cutoffs;
    segments::RfmTable m_rfm, m_rfmPrevious;
    segments::RfmMovement m_move;
    std::vector<int> m_cluster;
    segments::Clustering m_clustering;
    std::vector<segments::ClusterProfile> m_profiles;
    segments::CustomerPredictions m_predictions;
    std::vector<std::uint8_t> m_mask;
    qint64 m_memberCount = -1;
    std::vector<std::int64_t> m_listedIds;
    QString m_listedTitle;
    QFuture<segments::CustomerPredictions> m_predictionJob;
    bool m_predictionsWanted = false; // the user opened the Predictions tab in this session
    bool m_predictionsTried = false; // for the current as-of day (a failure is not retried by itself)

    QLabel* m_status = nullptr;
    QLabel* m_absentNote = nullptr;
    QLabel* m_asOfLabel = nullptr;
    QDateEdit* m_asOf = nullptr;
    QLabel* m_previousLabel = nullptr;
    QSpinBox* m_previousDays = nullptr;
    QPushButton* m_reload = nullptr;
    QCheckBox* m_personal = nullptr;
    QTabWidget* m_tabs = nullptr;
    // RFM
    QLabel* m_cutoffTitle = nullptr;
    QLabel* m_cutoffRowLabels[3] = {};
    QDoubleSpinBox* m_cutoffBoxes[12] = {};
    QPushButton* m_quintiles = nullptr;
    QLabel* m_cutoffError = nullptr;
    QTableWidget* m_groups = nullptr;
    QLabel* m_movementTitle = nullptr;
    QTableWidget* m_movement = nullptr;
    QLabel* m_membersTitle = nullptr;
    QTableWidget* m_members = nullptr;
    // clusters
    QLabel* m_kLabel = nullptr;
    QSpinBox* m_k = nullptr;
    QPushButton* m_clusterRun = nullptr;
    QLabel* m_clusterSummary = nullptr;
    ScatterMap* m_map = nullptr;
    QTableWidget* m_clusterTable = nullptr;
    // predictions
    QPushButton* m_predict = nullptr;
    QPushButton* m_cancelPredict = nullptr;
    QProgressBar* m_predictProgress = nullptr;
    QLabel* m_predHeader = nullptr;
    QTableWidget* m_calibration = nullptr;
    XyChartView* m_calibrationChart = nullptr;
    QTableView* m_predView = nullptr;
    PredictionModel* m_predictionModel = nullptr;
    // rules
    RuleForm* m_form = nullptr;
    QCheckBox* m_advanced = nullptr;
    QPlainTextEdit* m_json = nullptr;
    QLabel* m_count = nullptr;
    QLabel* m_ruleError = nullptr;
    QTimer* m_countTimer = nullptr;
    QLabel* m_nameLabel = nullptr;
    QLineEdit* m_name = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_listRule = nullptr;
    QLabel* m_savedTitle = nullptr;
    QListWidget* m_saved = nullptr;
    QPushButton* m_load = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_showInOverview = nullptr;
    // fairness
    QLabel* m_fairnessSummary = nullptr;
    QTableWidget* m_fairness = nullptr;
};

QWidget* createSegmentsPanel(const PanelContext& context, QWidget* parent);

} // namespace shoppilot::ui
