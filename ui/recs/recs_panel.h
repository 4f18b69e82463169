// The Recommendations panel for merchandisers: find a customer, see their recent timeline and
// their top-N recommendations (title, price, stock, score, the reason), "similar items" for a
// selected product, a live-session mode where clicking a product records a view (or a cart) in
// the store and the list re-ranks at once, the model comparison from the last training (table
// and chart), retraining with progress and cancel, and the rules editor (filters, boosts).
// Every figure comes from core's RecsService. Nothing touches the store or a model on the GUI
// thread: models load and train in jobs, searches, refreshes, similar items, live events and
// rules go through the StoreService (m_view->store()), and results are applied when they
// arrive unless a newer request superseded them. Test hooks return at once; the signals say
// when the work landed.
#pragma once

#include <QFuture>
#include <QWidget>
#include <memory>
#include <optional>

#include "recs/recs_service.h"
#include "shell/panel_registry.h"

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class QTableWidget;
class QTimer;

namespace shoppilot::ui {

class ChartView;
class CustomerListModel;
class ModelComparisonModel;
class RecommendationModel;
class TimelineModel;
class ViewState;
class JobRunner;

class RecsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RecsPanel(const PanelContext& context, QWidget* parent = nullptr);
    ~RecsPanel() override;

    // Test and power-user hooks.
    void setTrainOptions(const recs::StoreTrainOptions& options) { m_trainOptions = options; }
    bool isReady() const { return m_state != nullptr; }
    bool hasModel() const;
    std::optional<std::int64_t> currentCustomer() const { return m_customer; }
    void searchCustomers(const QString& text);
    void openCustomer(std::int64_t customerId);
    // What a click on a product does in live-session mode: records the event and re-ranks.
    void liveClick(std::int64_t productId, const QString& type = QStringLiteral("view"));
    void setLiveSession(bool on);
    bool liveSession() const;
    void showSimilar(std::int64_t productId);
    void retrain();
    void cancelRetrain();
    bool isTraining() const { return m_training; }
    QString hintText() const;
    QString errorText() const;
    // The Models tab's line on the served model: which, chosen on what, its test figure, refit.
    QString servedSummary() const;

    CustomerListModel* customerModel() const { return m_customerModel; }
    TimelineModel* timelineModel() const { return m_timelineModel; }
    RecommendationModel* recommendationModel() const { return m_recModel; }
    RecommendationModel* similarModel() const { return m_similarModel; }
    ModelComparisonModel* comparisonModel() const { return m_compareModel; }
    ChartView* comparisonChart() const { return m_chart; }
    QTableView* recommendationView() const { return m_recView; }

Q_SIGNALS:
    void ready();
    void customersUpdated();
    void recommendationsUpdated();
    void similarUpdated();
    void rulesSaved(bool ok);
    void trainingFinished(bool ok);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct State;
    struct CustomerView;
    void buildUi();
    QWidget* buildModelsTab();
    QWidget* buildRulesTab();
    void retranslate();
    void reload();
    void onStoreChanged(const QString& path);
    void refreshCustomer();
    void refreshComparison();
    QString servedSummaryText() const;
    void loadRulesIntoEditor();
    void saveRulesFromEditor();
    void showError(const QString& text);
    void applySimilar(std::int64_t productId, std::vector<recs::Recommendation> rows);
    void updateHint();

    ViewState* m_view = nullptr;
    JobRunner* m_jobs = nullptr;
    std::shared_ptr<const State> m_state;
    // Request ids: a result arriving after a newer request (or store) is dropped.
    quint64 m_loadId = 0;
    quint64 m_searchId = 0;
    quint64 m_customerRequest = 0;
    quint64 m_similarRequest = 0;
    bool m_openFirstFound = false;
    std::optional<std::int64_t> m_customer;
    std::int64_t m_selectedProduct = 0;
    recs::RecsRules m_rules;
    recs::StoreTrainOptions m_trainOptions;
    bool m_training = false;
    QFuture<int> m_trainFuture;
    QTimer* m_eventsTimer = nullptr;

    QLabel* m_hint = nullptr;
    QPushButton* m_hintTrain = nullptr;
    QLabel* m_error = nullptr;
    QLineEdit* m_search = nullptr;
    QTableView* m_customerView = nullptr;
    QLabel* m_timelineTitle = nullptr;
    QTableView* m_timelineView = nullptr;
    QLabel* m_customerTitle = nullptr;
    QCheckBox* m_live = nullptr;
    QPushButton* m_cart = nullptr;
    QTableView* m_recView = nullptr;
    QLabel* m_similarTitle = nullptr;
    QTableView* m_similarView = nullptr;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_servedSummary = nullptr;
    QTableView* m_compareView = nullptr;
    ChartView* m_chart = nullptr;
    QPushButton* m_retrain = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_trainStatus = nullptr;
    QCheckBox* m_hideStock = nullptr;
    QCheckBox* m_hideBought = nullptr;
    QCheckBox* m_hideViewed = nullptr;
    QSpinBox* m_perCategory = nullptr;
    QDoubleSpinBox* m_diversity = nullptr;
    QTableWidget* m_boosts = nullptr;
    QPushButton* m_saveRules = nullptr;
    QLabel* m_rulesStatus = nullptr;
    QLabel* m_labels[8] = {};

    CustomerListModel* m_customerModel = nullptr;
    TimelineModel* m_timelineModel = nullptr;
    RecommendationModel* m_recModel = nullptr;
    RecommendationModel* m_similarModel = nullptr;
    ModelComparisonModel* m_compareModel = nullptr;
};

QWidget* createRecsPanel(const PanelContext& context, QWidget* parent);

} // namespace shoppilot::ui
