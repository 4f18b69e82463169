// The Pricing panel for merchandisers: pick a product, see its elasticity (estimate, 90% interval,
// the weeks behind it), drag the price and watch units/revenue/profit/margin move on every tick,
// edit the rules and get a recommended price that says which rule binds; optimise a whole
// category, accept rows, push them to the shop (or export a CSV price list), undo until pushed;
// save scenarios and compare them side by side. Owns no business logic: core/pricing computes,
// the fit runs as a background job and is kept in the store's models table.
#pragma once

#include <QFuture>
#include <QWidget>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

#include "pricing/demand_model.h"
#include "pricing/optimizer.h"
#include "pricing/price_book.h"
#include "shell/panel_registry.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace shoppilot::ui {

class BatchModel;
class ChangesModel;
class CurveChart;
class CurveTableModel;
class JobRunner;
class ProductFilterProxy;
class ProductListModel;
class ScenarioCompareModel;
class ViewState;

class PricingPanel : public QWidget {
    Q_OBJECT
public:
    explicit PricingPanel(const PanelContext& context, QWidget* parent = nullptr);
    ~PricingPanel() override;

    // What is on screen (tests read these).
    bool hasModel() const { return bool(m_fit); }
    const pricing::DemandFit* fit() const { return m_fit ? &*m_fit : nullptr; }
    store::Id currentProduct() const { return m_product; }
    const pricing::SimParams& simParams() const { return m_sim; }
    const pricing::Simulation& shownSimulation() const { return m_shown; }
    pricing::StrategySpec strategy() const;
    pricing::Rules rules() const;
    const std::optional<pricing::Recommendation>& recommendation() const { return m_rec; }
    QSlider* priceSlider() const { return m_slider; }
    QDoubleSpinBox* priceSpin() const { return m_spin; }
    QLabel* unitsLabel() const { return m_unitsValue; }
    QLabel* explanationLabel() const { return m_explanation; }
    QComboBox* objectiveBox() const { return m_objective; }
    QLabel* profitLabel() const { return m_profitValue; }
    QLabel* elasticityLabel() const { return m_elasticityValue; }
    QLabel* statusLabel() const { return m_status; }
    CurveChart* curveChart(int which) const; // 0 units, 1 revenue, 2 profit
    CurveChart* scatterChart() const { return m_scatter; }
    ProductListModel* productModel() const { return m_products; }
    ProductFilterProxy* productProxy() const { return m_proxy; }
    CurveTableModel* curveModel() const { return m_curveTable; }
    BatchModel* batchModel() const { return m_batch; }
    ChangesModel* changesModel() const { return m_changes; }
    ScenarioCompareModel* scenarioModel() const { return m_compare; }
    QTabWidget* tabs() const { return m_tabs; }
    QDoubleSpinBox* confirmThreshold() const { return m_threshold; }
    int pendingStoreWork() const;
    // Curve charts of the shown product still to be built (one per event-loop turn).
    bool chartsPending() const { return !m_renderSteps.empty(); }

    bool selectProduct(store::Id productId);
    void setPrice(double price); // as if the user moved the slider
    // Recomputes the curves and rebuilds the three charts (what a tick would cost without the
    // marker-only update; `bench pricing-ui` times both).
    void drawCurves();
    void renderInSteps(std::vector<std::function<void()>> steps);
    void runRenderStep(quint64 generation);
    // Category batch (synchronous on the fitted parameters: pure arithmetic).
    void optimiseCategory(std::int64_t categoryId);
    // Records the accepted batch rows as pending price changes (in the background:
    // changesRecorded follows); false, with the question in `message`, when a change above the
    // threshold needs the second confirmation and `confirmed` is false: nothing is recorded then.
    bool acceptBatch(bool confirmed, QString* message = nullptr);
    bool exportCurvesCsv(const QString& path, QString* error = nullptr) const;
    // Writes the pending changes as a CSV price list and marks them exported (pendingExported
    // follows, or actionFailed).
    void exportPendingCsv(const QString& path);
    void undoSelectedChange();
    void reloadChanges();
    void saveScenario(const QString& name);
    void compareScenarios();

public Q_SLOTS:
    void refit();
    void reload();

Q_SIGNALS:
    void modelLoaded();
    void modelMissing();
    void pointsLoaded();
    // The product's three curve charts are all drawn (they are built one per event-loop turn).
    void chartsDrawn();
    void loadFailed(const QString& message);
    // Store work finished (they arrive from the store's worker threads, queued).
    void changesRecorded(int count);
    void changesLoaded();
    void pendingExported(int count);
    void scenariosCompared();
    void actionFailed(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildUi();
    QWidget* buildProductTab();
    QWidget* buildBatchTab();
    QWidget* buildScenarioTab();
    QWidget* buildRulesBox();
    void retranslate();
    void onStoreChanged();
    void onFitLoaded(quint64 id, QFuture<std::shared_ptr<pricing::DemandFit>> future);
    void showProduct();
    void updateFigures();
    void updateRecommendation();
    void loadPoints();
    void pushPending();
    void fillCategories();
    void showScenarios(const std::vector<pricing::Scenario>& list);
    void reportFailure(const QString& what, const QString& error);
    QString money(double v) const;

    ViewState* m_view;
    JobRunner* m_jobs;
    quint64 m_requestId = 0;
    quint64 m_changesRequest = 0;
    std::vector<pricing::CategoryName> m_categoryNames;
    std::optional<pricing::DemandFit> m_fit;
    store::Id m_product = 0;
    pricing::SimParams m_sim;
    pricing::Simulation m_shown;
    std::optional<pricing::Recommendation> m_rec;
    double m_sliderLo = 0, m_sliderHi = 1;
    bool m_syncingPrice = false;

    QStackedWidget* m_pages = nullptr;
    QLabel* m_hint = nullptr;
    QPushButton* m_fitButton = nullptr;
    QPushButton* m_refitButton = nullptr;
    QLabel* m_status = nullptr;
    QTabWidget* m_tabs = nullptr;
    // Product picker.
    QLineEdit* m_search = nullptr;
    QComboBox* m_categoryFilter = nullptr;
    QComboBox* m_showFilter = nullptr;
    QTableView* m_productView = nullptr;
    ProductListModel* m_products = nullptr;
    ProductFilterProxy* m_proxy = nullptr;
    // Elasticity card.
    QLabel* m_productTitle = nullptr;
    QLabel* m_elasticityValue = nullptr;
    QLabel* m_elasticityDetail = nullptr;
    QLabel* m_flagsLabel = nullptr;
    CurveChart* m_scatter = nullptr;
    // Curves + slider.
    CurveChart* m_charts[3] = {};
    std::deque<std::function<void()>> m_renderSteps; // charts still to build, one per event-loop turn
    quint64 m_renderGeneration = 0;
    CurveTableModel* m_curveTable = nullptr;
    QSlider* m_slider = nullptr;
    QDoubleSpinBox* m_spin = nullptr;
    QLabel* m_unitsValue = nullptr;
    QLabel* m_revenueValue = nullptr;
    QLabel* m_profitValue = nullptr;
    QLabel* m_marginValue = nullptr;
    QLabel* m_extrapolationLabel = nullptr;
    QPushButton* m_exportCurves = nullptr;
    // Rules.
    QComboBox* m_strategy = nullptr;
    QComboBox* m_objective = nullptr;
    QDoubleSpinBox* m_blend = nullptr;
    QDoubleSpinBox* m_markup = nullptr;
    QComboBox* m_compMode = nullptr;
    QDoubleSpinBox* m_undercut = nullptr;
    QCheckBox* m_useMargin = nullptr;
    QDoubleSpinBox* m_minMargin = nullptr;
    QCheckBox* m_useChange = nullptr;
    QDoubleSpinBox* m_maxChange = nullptr;
    QCheckBox* m_useFloor = nullptr;
    QDoubleSpinBox* m_floor = nullptr;
    QCheckBox* m_useCeiling = nullptr;
    QDoubleSpinBox* m_ceiling = nullptr;
    QCheckBox* m_useBand = nullptr;
    QDoubleSpinBox* m_band = nullptr;
    QComboBox* m_ending = nullptr;
    QCheckBox* m_ladder = nullptr;
    QLabel* m_recommended = nullptr;
    QLabel* m_explanation = nullptr;
    QPushButton* m_useRecommended = nullptr;
    QPushButton* m_acceptPrice = nullptr;
    // Batch.
    QComboBox* m_batchCategory = nullptr;
    QPushButton* m_optimise = nullptr;
    QDoubleSpinBox* m_threshold = nullptr;
    QTableView* m_batchView = nullptr;
    BatchModel* m_batch = nullptr;
    QLabel* m_batchSummary = nullptr;
    QPushButton* m_acceptAll = nullptr;
    QPushButton* m_acceptSelected = nullptr;
    QTableView* m_changesView = nullptr;
    ChangesModel* m_changes = nullptr;
    QPushButton* m_undo = nullptr;
    QPushButton* m_push = nullptr;
    QPushButton* m_exportCsv = nullptr;
    // Scenarios.
    QLineEdit* m_scenarioName = nullptr;
    QPushButton* m_saveScenario = nullptr;
    QTableView* m_compareView = nullptr;
    ScenarioCompareModel* m_compare = nullptr;
    QLabel* m_scenarioHint = nullptr;
};

QWidget* createPricingPanel(const PanelContext& context, QWidget* parent);

} // namespace shoppilot::ui
