#include "pricing/pricing_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMap>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSlider>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QUuid>
#include <QVBoxLayout>
#include <chrono>
#include <cmath>
#include <deque>
#include <functional>

#include "common/identity.h"
#include "pricing/price_book.h"
#include "pricing/price_curve_model.h"
#include "shell/job_runner.h"
#include "shell/view_state.h"
#include "shell/store_service.h"
#include "store/database.h"
#include "sync/secret_store.h"
#include "sync/sync_settings.h"
#include "sync/woo_sync.h"
#include "widgets/curve_chart.h"

namespace shoppilot::ui {

namespace {

constexpr int kSliderSteps = 1000;
constexpr int kCurvePoints = 121;
const QString kFitSlot = QStringLiteral("pricing.fit");
const QString kPointsSlot = QStringLiteral("pricing.points");

QColor curveColor(int which)
{
    static const QColor colors[] = {QColor(QStringLiteral("#4e79a7")), QColor(QStringLiteral("#59a14f")),
                                    QColor(QStringLiteral("#e15759"))};
    return colors[which];
}

QWidget* labelled(QWidget* w, QLabel** caption)
{
    auto* box = new QWidget;
    auto* l = new QVBoxLayout(box);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(0);
    *caption = new QLabel;
    (*caption)->setStyleSheet(QStringLiteral("color: palette(mid);"));
    l->addWidget(*caption);
    l->addWidget(w);
    return box;
}

} // namespace

PricingPanel::PricingPanel(const PanelContext& context, QWidget* parent)
    : QWidget(parent), m_view(context.view), m_jobs(context.jobs)
{
    m_products = new ProductListModel(this);
    m_proxy = new ProductFilterProxy(this);
    m_proxy->setSourceModel(m_products);
    m_curveTable = new CurveTableModel(this);
    m_batch = new BatchModel(this);
    m_changes = new ChangesModel(this);
    m_compare = new ScenarioCompareModel(this);
    buildUi();
    retranslate();
    connect(m_view, &ViewState::storeChanged, this, &PricingPanel::onStoreChanged);
    // Another panel (e.g. Support's feedback themes) asks for a product.
    connect(m_view, &ViewState::productRequested, this, [this](qint64 id) {
        if (selectProduct(id))
            return;
        if (!m_fit) {
            m_product = id; // selected once the demand model has loaded
            return;
        }
        m_status->setText(tr("That product is not in the demand model (too few weeks of sales to estimate its demand)."));
    });
    connect(m_view, &ViewState::dataChanged, this, [this](const QString& table) {
        if (table == QLatin1String("price_changes") || table == QLatin1String("products"))
            reloadChanges();
        if (table == QLatin1String("models"))
            reload();
    });
    onStoreChanged();
}

PricingPanel::~PricingPanel() = default;

int PricingPanel::pendingStoreWork() const
{
    return m_view->store().pending();
}

CurveChart* PricingPanel::curveChart(int which) const
{
    return which >= 0 && which < 3 ? m_charts[which] : nullptr;
}

QString PricingPanel::money(double v) const
{
    return std::isfinite(v) ? QLocale().toString(v, 'f', 2) : QStringLiteral("—");
}

// ------------------------------------------------------------------ layout

void PricingPanel::buildUi()
{
    auto* root = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("pricingStatus"));
    m_status->setWordWrap(true);
    m_refitButton = new QPushButton;
    m_refitButton->setObjectName(QStringLiteral("refitButton"));
    connect(m_refitButton, &QPushButton::clicked, this, &PricingPanel::refit);
    top->addWidget(m_status, 1);
    top->addWidget(m_refitButton);
    root->addLayout(top);

    m_pages = new QStackedWidget;
    auto* hintPage = new QWidget;
    auto* hl = new QVBoxLayout(hintPage);
    m_hint = new QLabel;
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignCenter);
    m_fitButton = new QPushButton;
    m_fitButton->setObjectName(QStringLiteral("fitButton"));
    connect(m_fitButton, &QPushButton::clicked, this, &PricingPanel::refit);
    hl->addStretch();
    hl->addWidget(m_hint);
    hl->addWidget(m_fitButton, 0, Qt::AlignCenter);
    hl->addStretch();
    m_pages->addWidget(hintPage);

    auto* split = new QSplitter(Qt::Horizontal);
    // Product picker.
    auto* picker = new QWidget;
    auto* pl = new QVBoxLayout(picker);
    pl->setContentsMargins(0, 0, 0, 0);
    m_search = new QLineEdit;
    m_search->setClearButtonEnabled(true);
    m_search->setObjectName(QStringLiteral("productSearch"));
    connect(m_search, &QLineEdit::textChanged, m_proxy, &ProductFilterProxy::setSearch);
    m_categoryFilter = new QComboBox;
    connect(m_categoryFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setCategory(m_categoryFilter->currentData().toLongLong()); });
    m_showFilter = new QComboBox;
    connect(m_showFilter, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_proxy->setShow(ProductFilterProxy::Show(std::max(0, i))); });
    auto* filters = new QHBoxLayout;
    filters->addWidget(m_categoryFilter, 1);
    filters->addWidget(m_showFilter, 1);
    m_productView = new QTableView;
    m_productView->setObjectName(QStringLiteral("productTable"));
    m_productView->setModel(m_proxy);
    m_productView->setSortingEnabled(true);
    m_productView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_productView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_productView->verticalHeader()->hide();
    m_productView->horizontalHeader()->setStretchLastSection(true);
    m_productView->setColumnWidth(ProductListModel::Sku, 85);
    m_productView->setColumnWidth(ProductListModel::Title, 190);
    m_productView->setWordWrap(false);
    m_productView->verticalHeader()->setDefaultSectionSize(m_productView->fontMetrics().height() + 6);
    m_productView->setColumnWidth(ProductListModel::Price, 60);
    m_productView->setColumnWidth(ProductListModel::Elasticity, 60);
    connect(m_productView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& i) {
        if (!i.isValid())
            return;
        const auto id = m_proxy->data(i.siblingAtColumn(0), ProductListModel::ProductIdRole).toLongLong();
        if (id != m_product) {
            m_product = id;
            showProduct();
        }
    });
    pl->addWidget(m_search);
    pl->addLayout(filters);
    pl->addWidget(m_productView, 1);
    split->addWidget(picker);

    m_tabs = new QTabWidget;
    m_tabs->addTab(buildProductTab(), QString());
    m_tabs->addTab(buildBatchTab(), QString());
    m_tabs->addTab(buildScenarioTab(), QString());
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({290, 990});
    m_pages->addWidget(split);
    root->addWidget(m_pages, 1);
}

QWidget* PricingPanel::buildProductTab()
{
    auto* page = new QWidget;
    auto* outer = new QHBoxLayout(page);
    auto* left = new QVBoxLayout;

    // Elasticity card + scatter.
    auto* cardRow = new QHBoxLayout;
    auto* card = new QGroupBox;
    card->setObjectName(QStringLiteral("elasticityCard"));
    auto* cl = new QVBoxLayout(card);
    m_productTitle = new QLabel;
    m_productTitle->setWordWrap(true);
    QFont bold = m_productTitle->font();
    bold.setBold(true);
    m_productTitle->setFont(bold);
    m_elasticityValue = new QLabel;
    m_elasticityValue->setObjectName(QStringLiteral("elasticityValue"));
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_elasticityValue->setFont(big);
    m_elasticityDetail = new QLabel;
    m_elasticityDetail->setWordWrap(true);
    m_flagsLabel = new QLabel;
    m_flagsLabel->setWordWrap(true);
    m_flagsLabel->setStyleSheet(QStringLiteral("color: #b07000;"));
    cl->addWidget(m_productTitle);
    cl->addWidget(m_elasticityValue);
    cl->addWidget(m_elasticityDetail);
    cl->addWidget(m_flagsLabel);
    cl->addStretch();
    card->setMinimumWidth(220);
    card->setMaximumWidth(260);
    // The row's height comes from the stretch, never from the card's text: a longer detail on a
    // product switch must not resize (and so re-render) the four charts.
    card->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    m_scatter = new CurveChart;
    m_scatter->setMinimumHeight(200);
    cardRow->addWidget(card);
    cardRow->addWidget(m_scatter, 1);
    left->addLayout(cardRow, 3);

    auto* charts = new QHBoxLayout;
    for (int k = 0; k < 3; ++k) {
        m_charts[k] = new CurveChart;
        m_charts[k]->setMinimumHeight(190);
        charts->addWidget(m_charts[k], 1);
    }
    left->addLayout(charts, 3);

    // Slider + figures.
    auto* sliderRow = new QHBoxLayout;
    m_slider = new QSlider(Qt::Horizontal);
    m_slider->setObjectName(QStringLiteral("priceSlider"));
    m_slider->setRange(0, kSliderSteps);
    m_spin = new QDoubleSpinBox;
    m_spin->setObjectName(QStringLiteral("priceSpin"));
    m_spin->setDecimals(2);
    m_spin->setRange(0.01, 1e7);
    m_spin->setSingleStep(0.1);
    m_spin->setKeyboardTracking(false);
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        if (m_syncingPrice)
            return;
        setPrice(m_sliderLo + (m_sliderHi - m_sliderLo) * v / kSliderSteps);
    });
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (!m_syncingPrice)
            setPrice(v);
    });
    sliderRow->addWidget(m_slider, 1);
    sliderRow->addWidget(m_spin);
    left->addLayout(sliderRow);
    auto* figures = new QHBoxLayout;
    QLabel* caption = nullptr;
    auto figure = [&](QLabel** value, const char* name) {
        *value = new QLabel;
        (*value)->setObjectName(QString::fromLatin1(name));
        (*value)->setFixedHeight((*value)->fontMetrics().height() + 4);
        (*value)->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
        (*value)->setTextInteractionFlags(Qt::TextSelectableByMouse);
        // Widths by what each shows: units carry an interval, margin is a short percentage.
        figures->addWidget(labelled(*value, &caption), *value == m_unitsValue ? 3 : *value == m_marginValue ? 1 : 2);
        caption->setObjectName(QString::fromLatin1(name) + QStringLiteral("Caption"));
    };
    figure(&m_unitsValue, "unitsValue");
    figure(&m_revenueValue, "revenueValue");
    figure(&m_profitValue, "profitValue");
    figure(&m_marginValue, "marginValue");
    left->addLayout(figures);
    auto* bottom = new QHBoxLayout;
    m_extrapolationLabel = new QLabel;
    m_extrapolationLabel->setStyleSheet(QStringLiteral("color: #b07000;"));
    // Fixed heights: text appearing on a tick must not re-lay out (and so repaint) the charts.
    m_extrapolationLabel->setFixedHeight(m_extrapolationLabel->fontMetrics().height() + 4);
    m_extrapolationLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_exportCurves = new QPushButton;
    connect(m_exportCurves, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export curves as CSV"), QStringLiteral("price_curves.csv"),
                                                          tr("CSV files (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCurvesCsv(path, &error))
            QMessageBox::warning(this, tr("Export curves as CSV"), error);
    });
    bottom->addWidget(m_extrapolationLabel, 1);
    bottom->addWidget(m_exportCurves);
    left->addLayout(bottom);
    outer->addLayout(left, 1);
    outer->addWidget(buildRulesBox());
    return page;
}

QWidget* PricingPanel::buildRulesBox()
{
    auto* box = new QWidget;
    box->setMaximumWidth(290);
    auto* v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    auto* rules = new QGroupBox;
    rules->setObjectName(QStringLiteral("rulesBox"));
    auto* form = new QFormLayout(rules);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto spin = [](double lo, double hi, double val, const QString& suffix) {
        auto* s = new QDoubleSpinBox;
        s->setRange(lo, hi);
        s->setValue(val);
        s->setDecimals(2);
        s->setSuffix(suffix);
        s->setKeyboardTracking(false);
        return s;
    };
    const QString pct = QStringLiteral(" %");
    m_strategy = new QComboBox;
    m_strategy->setObjectName(QStringLiteral("strategyCombo"));
    m_objective = new QComboBox;
    m_blend = spin(0, 1, 0.5, QString());
    m_blend->setSingleStep(0.1);
    m_markup = spin(0, 1000, 50, pct);
    m_compMode = new QComboBox;
    m_undercut = spin(0, 50, 2, pct);
    m_useMargin = new QCheckBox;
    m_minMargin = spin(0, 95, 20, pct);
    m_useChange = new QCheckBox;
    m_maxChange = spin(0.5, 100, 10, pct);
    m_useFloor = new QCheckBox;
    m_floor = spin(0, 1e7, 0, QString());
    m_useCeiling = new QCheckBox;
    m_ceiling = spin(0, 1e7, 0, QString());
    m_useBand = new QCheckBox;
    m_band = spin(0.5, 100, 15, pct);
    m_ending = new QComboBox;
    m_ladder = new QCheckBox;
    m_ladder->setChecked(true);
    m_useMargin->setChecked(true);
    m_useChange->setChecked(true);
    auto row = [&](QCheckBox* check, QWidget* field) {
        auto* w = new QWidget;
        auto* h = new QHBoxLayout(w);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(check);
        h->addWidget(field, 1);
        return w;
    };
    form->addRow(QStringLiteral("strategy"), m_strategy);
    form->addRow(QStringLiteral("objective"), m_objective);
    form->addRow(QStringLiteral("blend"), m_blend);
    form->addRow(QStringLiteral("markup"), m_markup);
    form->addRow(QStringLiteral("competitor"), m_compMode);
    form->addRow(QStringLiteral("undercut"), m_undercut);
    form->addRow(QStringLiteral("min margin"), row(m_useMargin, m_minMargin));
    form->addRow(QStringLiteral("max change"), row(m_useChange, m_maxChange));
    form->addRow(QStringLiteral("floor"), row(m_useFloor, m_floor));
    form->addRow(QStringLiteral("ceiling"), row(m_useCeiling, m_ceiling));
    form->addRow(QStringLiteral("band"), row(m_useBand, m_band));
    form->addRow(QStringLiteral("ending"), m_ending);
    form->addRow(QStringLiteral("ladder"), m_ladder);
    v->addWidget(rules);
    for (auto* c : {m_strategy, m_objective, m_compMode, m_ending})
        connect(c, &QComboBox::currentIndexChanged, this, &PricingPanel::updateRecommendation);
    for (auto* s : {m_blend, m_markup, m_undercut, m_minMargin, m_maxChange, m_floor, m_ceiling, m_band})
        connect(s, &QDoubleSpinBox::valueChanged, this, &PricingPanel::updateRecommendation);
    for (auto* c : {m_useMargin, m_useChange, m_useFloor, m_useCeiling, m_useBand, m_ladder})
        connect(c, &QCheckBox::toggled, this, &PricingPanel::updateRecommendation);

    auto* recBox = new QGroupBox;
    recBox->setObjectName(QStringLiteral("recommendationBox"));
    auto* rl = new QVBoxLayout(recBox);
    m_recommended = new QLabel;
    m_recommended->setObjectName(QStringLiteral("recommendedPrice"));
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_recommended->setFont(big);
    m_explanation = new QLabel;
    m_explanation->setObjectName(QStringLiteral("recommendationExplanation"));
    m_explanation->setWordWrap(true);
    connect(m_explanation, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link == QLatin1String("revenue"))
            m_objective->setCurrentIndex(int(pricing::Objective::Revenue));
    });
    m_useRecommended = new QPushButton;
    connect(m_useRecommended, &QPushButton::clicked, this, [this] {
        if (m_rec)
            setPrice(m_rec->price);
    });
    m_acceptPrice = new QPushButton;
    m_acceptPrice->setObjectName(QStringLiteral("acceptPrice"));
    connect(m_acceptPrice, &QPushButton::clicked, this, [this] {
        const auto* p = m_fit ? m_fit->find(m_product) : nullptr;
        if (!p || std::abs(m_shown.price - p->price) < 0.005)
            return;
        const std::string batch = "manual-" + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8).toStdString();
        const pricing::ChangeRequest change{m_product, p->price, m_shown.price, "manual (slider)"};
        const QString sku = QString::fromStdString(p->sku);
        m_acceptPrice->setEnabled(false);
        m_view->store().write(
            this,
            [batch, change](store::Database& db) {
                pricing::recordChanges(db, batch, {change}, actorName());
                return 1;
            },
            [this, sku](int) {
                m_acceptPrice->setEnabled(true);
                m_status->setText(tr("Price change for %1 recorded as pending: push it or export it from the batch tab.")
                                      .arg(sku));
                reloadChanges();
                Q_EMIT changesRecorded(1);
            },
            [this](const QString& error) {
                m_acceptPrice->setEnabled(true);
                reportFailure(tr("Accept price"), error);
            });
    });
    rl->addWidget(m_recommended);
    rl->addWidget(m_explanation);
    rl->addWidget(m_useRecommended);
    rl->addWidget(m_acceptPrice);
    v->addWidget(recBox);
    v->addStretch();
    return box;
}

QWidget* PricingPanel::buildBatchTab()
{
    auto* page = new QWidget;
    auto* v = new QVBoxLayout(page);
    auto* top = new QHBoxLayout;
    m_batchCategory = new QComboBox;
    m_batchCategory->setObjectName(QStringLiteral("batchCategory"));
    m_optimise = new QPushButton;
    m_optimise->setObjectName(QStringLiteral("optimiseButton"));
    connect(m_optimise, &QPushButton::clicked, this, [this] { optimiseCategory(m_batchCategory->currentData().toLongLong()); });
    m_threshold = new QDoubleSpinBox;
    m_threshold->setRange(0, 100);
    m_threshold->setValue(10);
    m_threshold->setSuffix(QStringLiteral(" %"));
    QLabel* thresholdCaption = new QLabel;
    thresholdCaption->setObjectName(QStringLiteral("thresholdCaption"));
    top->addWidget(m_batchCategory, 1);
    top->addWidget(m_optimise);
    top->addSpacing(16);
    top->addWidget(thresholdCaption);
    top->addWidget(m_threshold);
    v->addLayout(top);
    m_batchView = new QTableView;
    m_batchView->setObjectName(QStringLiteral("batchTable"));
    m_batchView->setModel(m_batch);
    m_batchView->verticalHeader()->hide();
    m_batchView->horizontalHeader()->setStretchLastSection(true);
    m_batchView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_batchView->setWordWrap(false);
    m_batchView->setColumnWidth(BatchModel::Accept, 55);
    m_batchView->setColumnWidth(BatchModel::Sku, 95);
    m_batchView->setColumnWidth(BatchModel::Title, 190);
    for (int c = BatchModel::Current; c <= BatchModel::ProfitDelta; ++c)
        m_batchView->setColumnWidth(c, 82);
    v->addWidget(m_batchView, 3);
    auto* actions = new QHBoxLayout;
    m_batchSummary = new QLabel;
    m_batchSummary->setWordWrap(true);
    m_acceptAll = new QPushButton;
    connect(m_acceptAll, &QPushButton::clicked, this, [this] { m_batch->setAllAccepted(true); });
    m_acceptSelected = new QPushButton;
    m_acceptSelected->setObjectName(QStringLiteral("acceptBatch"));
    connect(m_acceptSelected, &QPushButton::clicked, this, [this] {
        QString message;
        if (!acceptBatch(false, &message)) {
            if (QMessageBox::question(this, tr("Confirm large price changes"), message) != QMessageBox::Yes)
                return;
            acceptBatch(true, &message);
        }
        m_batchSummary->setText(message);
    });
    actions->addWidget(m_batchSummary, 1);
    actions->addWidget(m_acceptAll);
    actions->addWidget(m_acceptSelected);
    v->addLayout(actions);
    m_changesView = new QTableView;
    m_changesView->setObjectName(QStringLiteral("changesTable"));
    m_changesView->setModel(m_changes);
    m_changesView->verticalHeader()->hide();
    m_changesView->horizontalHeader()->setStretchLastSection(true);
    m_changesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_changesView->setColumnWidth(ChangesModel::Title, 200);
    v->addWidget(m_changesView, 2);
    auto* pend = new QHBoxLayout;
    m_undo = new QPushButton;
    connect(m_undo, &QPushButton::clicked, this, &PricingPanel::undoSelectedChange);
    m_push = new QPushButton;
    connect(m_push, &QPushButton::clicked, this, &PricingPanel::pushPending);
    m_exportCsv = new QPushButton;
    connect(m_exportCsv, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export price list"), QStringLiteral("price_list.csv"),
                                                          tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportPendingCsv(path);
    });
    pend->addStretch();
    pend->addWidget(m_undo);
    pend->addWidget(m_exportCsv);
    pend->addWidget(m_push);
    v->addLayout(pend);
    return page;
}

QWidget* PricingPanel::buildScenarioTab()
{
    auto* page = new QWidget;
    auto* v = new QVBoxLayout(page);
    auto* top = new QHBoxLayout;
    m_scenarioName = new QLineEdit;
    m_scenarioName->setObjectName(QStringLiteral("scenarioName"));
    m_saveScenario = new QPushButton;
    connect(m_saveScenario, &QPushButton::clicked, this, [this] {
        saveScenario(m_scenarioName->text().trimmed());
    });
    top->addWidget(m_scenarioName, 1);
    top->addWidget(m_saveScenario);
    v->addLayout(top);
    m_scenarioHint = new QLabel;
    m_scenarioHint->setWordWrap(true);
    v->addWidget(m_scenarioHint);
    m_compareView = new QTableView;
    m_compareView->setObjectName(QStringLiteral("scenarioTable"));
    m_compareView->setModel(m_compare);
    m_compareView->horizontalHeader()->setDefaultSectionSize(150);
    v->addWidget(m_compareView, 1);
    return page;
}

void PricingPanel::retranslate()
{
    m_refitButton->setText(tr("Refit demand model"));
    m_fitButton->setText(tr("Fit the demand model"));
    m_search->setPlaceholderText(tr("Search SKU or title…"));
    {
        const int i = std::max(0, m_showFilter->currentIndex());
        QSignalBlocker b(m_showFilter);
        m_showFilter->clear();
        m_showFilter->addItems({tr("All products"), tr("With an elasticity"), tr("Flagged")});
        m_showFilter->setCurrentIndex(i);
    }
    m_tabs->setTabText(0, tr("Product"));
    m_tabs->setTabText(1, tr("Category batch"));
    m_tabs->setTabText(2, tr("Scenarios"));
    if (auto* c = findChild<QGroupBox*>(QStringLiteral("elasticityCard")))
        c->setTitle(tr("Elasticity"));
    if (auto* c = findChild<QGroupBox*>(QStringLiteral("rulesBox")))
        c->setTitle(tr("Strategy and rules"));
    if (auto* c = findChild<QGroupBox*>(QStringLiteral("recommendationBox")))
        c->setTitle(tr("Recommended price"));
    const char* captions[][2] = {{"unitsValueCaption", QT_TR_NOOP("Units / week (90%)")},
                                 {"revenueValueCaption", QT_TR_NOOP("Revenue / week")},
                                 {"profitValueCaption", QT_TR_NOOP("Gross profit / week")},
                                 {"marginValueCaption", QT_TR_NOOP("Margin")},
                                 {"thresholdCaption", QT_TR_NOOP("Confirm changes above")}};
    for (const auto& c : captions)
        if (auto* l = findChild<QLabel*>(QString::fromLatin1(c[0])))
            l->setText(tr(c[1]));
    auto fillCombo = [](QComboBox* c, const QStringList& items) {
        const int i = std::max(0, c->currentIndex());
        QSignalBlocker b(c);
        c->clear();
        c->addItems(items);
        c->setCurrentIndex(std::min(i, int(items.size()) - 1));
    };
    if (m_strategy->count() == 0) {
        m_strategy->addItems({QString(), QString(), QString()});
        m_strategy->setCurrentIndex(2);
        m_objective->addItems({QString(), QString(), QString()});
        m_compMode->addItems({QString(), QString(), QString()});
        m_ending->addItems({QString(), QString(), QString(), QString()});
        m_ending->setCurrentIndex(1);
    }
    fillCombo(m_strategy, {tr("Cost-plus"), tr("Competitor-based"), tr("Elasticity-optimal")});
    fillCombo(m_objective, {tr("Max profit"), tr("Max revenue"), tr("Blend")});
    fillCombo(m_compMode, {tr("Match"), tr("Undercut by x%"), tr("Stay in band")});
    fillCombo(m_ending, {tr("Any cents"), tr(".99"), tr(".90"), tr("Whole")});
    if (auto* form = qobject_cast<QFormLayout*>(findChild<QGroupBox*>(QStringLiteral("rulesBox"))->layout())) {
        const QString labels[] = {tr("Strategy"), tr("Objective"), tr("Profit weight"), tr("Markup"), tr("Competitor"),
                                  tr("Undercut"), tr("Min margin"), tr("Max change"), tr("Floor"), tr("Ceiling"),
                                  tr("Competitor band"), tr("Price ending"), tr("Ladders")};
        for (int r = 0; r < form->rowCount() && r < 13; ++r)
            if (auto* item = form->itemAt(r, QFormLayout::LabelRole))
                if (auto* l = qobject_cast<QLabel*>(item->widget()))
                    l->setText(labels[r]);
    }
    m_ladder->setText(tr("keep in rank order"));
    m_ladder->setToolTip(tr("keep sizes/variants in order"));
    m_useRecommended->setText(tr("Set the slider to it"));
    m_acceptPrice->setText(tr("Accept the slider's price"));
    m_optimise->setText(tr("Optimise category"));
    m_acceptAll->setText(tr("Tick all changes"));
    m_acceptSelected->setText(tr("Accept ticked"));
    m_undo->setText(tr("Undo selected"));
    m_push->setText(tr("Push to shop"));
    m_exportCsv->setText(tr("Export CSV price list"));
    m_exportCurves->setText(tr("Export curves CSV"));
    m_scenarioName->setPlaceholderText(tr("Scenario name"));
    m_saveScenario->setText(tr("Save scenario"));
    m_scenarioHint->setText(tr("A scenario keeps the strategy, the rules and the slider's price. Saved scenarios are "
                               "compared side by side for the selected product."));
    fillCategories();
    if (m_fit)
        showProduct();
}

void PricingPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

// ------------------------------------------------------------------ model loading

void PricingPanel::onStoreChanged()
{
    m_fit.reset();
    m_product = 0;
    m_products->setProducts({});
    if (m_view->storePath().isEmpty()) {
        m_hint->setText(tr("Open a store to price its products."));
        m_fitButton->hide();
        m_refitButton->setEnabled(false);
        m_pages->setCurrentIndex(0);
        return;
    }
    m_refitButton->setEnabled(true);
    reload();
}

void PricingPanel::reload()
{
    const QString path = m_view->storePath();
    if (path.isEmpty())
        return;
    const quint64 id = ++m_requestId;
    auto future = m_jobs->run<std::shared_ptr<pricing::DemandFit>>(
        tr("Loading the demand model"),
        [access = m_view->store().access()](const Progress&) -> std::shared_ptr<pricing::DemandFit> {
            auto fit = access->read([](store::Database& db) { return pricing::loadActiveFit(db); });
            return fit ? std::make_shared<pricing::DemandFit>(std::move(*fit)) : nullptr;
        },
        kFitSlot);
    auto* watcher = new QFutureWatcher<std::shared_ptr<pricing::DemandFit>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id] {
        watcher->deleteLater();
        onFitLoaded(id, watcher->future());
    });
    watcher->setFuture(future);
    m_status->setText(tr("Loading the demand model…"));
}

void PricingPanel::refit()
{
    const QString path = m_view->storePath();
    if (path.isEmpty())
        return;
    const quint64 id = ++m_requestId;
    auto future = m_jobs->run<std::shared_ptr<pricing::DemandFit>>(
        tr("Fitting the demand model"),
        [access = m_view->store().access()](const Progress& progress) -> std::shared_ptr<pricing::DemandFit> {
            ProgressReporter rep(progress);
            // Read on a reader, fit holding no connection, then one short writer turn to save.
            const auto data = access->read(
                [&](store::Database& db) { return pricing::loadDemandData(db, {}, rep.sub(0, 0.3).callback()); });
            auto fit = pricing::fitDemand(data, {}, rep.sub(0.3, 0.95).callback());
            fit.trainedAt = std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::system_clock::now().time_since_epoch()).count();
            rep.report(0.97, "saving the model");
            access->write([&](store::Database& db) { pricing::saveFit(db, fit); });
            // Today's prices, as loadActiveFit gives them.
            auto loaded = access->read([](store::Database& db) { return pricing::loadActiveFit(db); });
            return std::make_shared<pricing::DemandFit>(loaded ? std::move(*loaded) : std::move(fit));
        },
        kFitSlot);
    auto* watcher = new QFutureWatcher<std::shared_ptr<pricing::DemandFit>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id] {
        watcher->deleteLater();
        onFitLoaded(id, watcher->future());
    });
    watcher->setFuture(future);
    m_status->setText(tr("Fitting the demand model in the background (you can cancel it in the status bar)…"));
    m_refitButton->setEnabled(false);
    m_fitButton->setEnabled(false);
}

void PricingPanel::onFitLoaded(quint64 id, QFuture<std::shared_ptr<pricing::DemandFit>> future)
{
    if (id != m_requestId)
        return;
    m_refitButton->setEnabled(true);
    m_fitButton->setEnabled(true);
    std::shared_ptr<pricing::DemandFit> fit;
    try {
        future.waitForFinished();
        if (future.isCanceled()) {
            m_status->setText(m_fit ? tr("Refit cancelled: the previous model stays.") : tr("Fit cancelled."));
            if (!m_fit)
                Q_EMIT modelMissing();
            return;
        }
        fit = future.result();
    } catch (...) {
        const QString message = jobErrorMessage(std::current_exception());
        m_status->setText(message);
        Q_EMIT loadFailed(message);
        if (!m_fit) {
            m_hint->setText(tr("The demand model could not be loaded: %1").arg(message));
            m_fitButton->show();
            m_pages->setCurrentIndex(0);
        }
        return;
    }
    if (!fit) {
        m_hint->setText(tr("This store has no demand model yet. Fitting it reads every product's weekly sales, prices, "
                           "promotions and competitor prices (about a minute on a large store) and keeps the result, so "
                           "the panel opens instantly next time."));
        m_fitButton->show();
        m_pages->setCurrentIndex(0);
        m_status->clear();
        Q_EMIT modelMissing();
        return;
    }
    const store::Id keep = m_product;
    m_fit = std::move(*fit);
    int withE = 0;
    for (const auto& p : m_fit->products)
        withE += p.hasElasticity();
    m_status->setText(tr("Demand model of %1: %2 products, %3 with an elasticity of their own, %4 weeks of data.")
                          .arg(QLocale().toString(QDateTime::fromSecsSinceEpoch(m_fit->trainedAt).toLocalTime(), QLocale::ShortFormat))
                          .arg(m_fit->products.size())
                          .arg(withE)
                          .arg(m_fit->weeks));
    m_products->setProducts(m_fit->products);
    m_productView->sortByColumn(-1, Qt::AscendingOrder);
    fillCategories();
    m_view->store().read(
        this, [](store::Database& db) { return pricing::categoryNames(db); },
        [this](std::vector<pricing::CategoryName> names) {
            m_categoryNames = std::move(names);
            fillCategories();
        },
        [](const QString&) {}); // the ids stand in for names
    m_pages->setCurrentIndex(1);
    reloadChanges();
    // Start on the best-selling product with an estimate (or keep the one shown).
    store::Id pick = keep && m_fit->find(keep) ? keep : 0;
    if (!pick) {
        double best = -1;
        for (const auto& p : m_fit->products)
            if (p.hasElasticity() && p.unitsTotal > best) {
                best = p.unitsTotal;
                pick = p.productId;
            }
    }
    Q_EMIT modelLoaded();
    if (pick)
        selectProduct(pick);
}

void PricingPanel::fillCategories()
{
    if (!m_categoryFilter)
        return;
    std::vector<std::int64_t> cats;
    if (m_fit)
        for (const auto& c : m_fit->categories)
            if (c.categoryId >= 0)
                cats.push_back(c.categoryId);
    // Category names come from the store (read off the GUI thread when the model loads).
    QMap<qint64, QString> names;
    const bool zh = QLocale().language() == QLocale::Chinese;
    for (const auto& c : m_categoryNames)
        names[c.id] = QString::fromStdString(zh ? c.zh : c.en);
    for (auto* combo : {m_categoryFilter, m_batchCategory}) {
        const qint64 current = combo->currentData().toLongLong();
        QSignalBlocker b(combo);
        combo->clear();
        if (combo == m_categoryFilter)
            combo->addItem(tr("All categories"), qint64(0));
        for (auto id : cats)
            combo->addItem(names.value(id, id == 0 ? tr("Uncategorised") : tr("Category %1").arg(id)), qint64(id));
        const int i = combo->findData(current);
        combo->setCurrentIndex(std::max(0, i));
    }
    m_proxy->setCategory(m_categoryFilter->currentData().toLongLong());
}

// ------------------------------------------------------------------ one product

bool PricingPanel::selectProduct(store::Id productId)
{
    if (!m_fit || !m_fit->find(productId))
        return false;
    m_product = productId;
    const int row = m_products->rowOf(productId);
    const QModelIndex pi = m_proxy->mapFromSource(m_products->index(row, 0));
    if (pi.isValid()) {
        QSignalBlocker b(m_productView->selectionModel());
        m_productView->selectionModel()->setCurrentIndex(pi, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_productView->scrollTo(pi);
    }
    showProduct();
    return true;
}

void PricingPanel::showProduct()
{
    const auto* p = m_fit ? m_fit->find(m_product) : nullptr;
    if (!p) {
        m_productTitle->setText(tr("Pick a product on the left."));
        return;
    }
    const auto* prior = m_fit->prior(p->categoryId);
    m_sim = pricing::simParams(*p, prior);
    m_productTitle->setText(QStringLiteral("%1 · %2").arg(QString::fromStdString(p->sku), productTitle(*p)));
    if (p->hasElasticity()) {
        m_elasticityValue->setText(QLocale().toString(p->elasticity, 'f', 2));
        m_elasticityDetail->setText(
            tr("90% interval %1 to %2\nown data alone %3 ± %4; category prior %5 (weight %6%)\n%7 weeks, %8 distinct prices, "
               "observed %9–%10")
                .arg(QLocale().toString(p->elasticityLow(), 'f', 2), QLocale().toString(p->elasticityHigh(), 'f', 2),
                     QLocale().toString(p->rawElasticity, 'f', 2), QLocale().toString(1.645 * p->rawSe, 'f', 2),
                     prior ? QLocale().toString(prior->mean, 'f', 2) : QStringLiteral("—"),
                     QString::number(std::lround(100 * p->priorWeight)))
                .arg(p->weeks)
                .arg(p->pricePoints)
                .arg(money(p->minPrice), money(p->maxPrice)));
    } else {
        m_elasticityValue->setText(QStringLiteral("—"));
        m_elasticityDetail->setText(
            tr("No elasticity of its own: %1 weeks, %2 distinct prices (observed %3–%4). The curves use the category "
               "prior %5 with its full spread.")
                .arg(p->weeks)
                .arg(p->pricePoints)
                .arg(money(p->minPrice), money(p->maxPrice),
                     prior ? QLocale().toString(prior->mean, 'f', 2) : QStringLiteral("—")));
    }
    const QString flags = pricingFlagsText(p->flags);
    m_flagsLabel->setText(flags.isEmpty() ? QString() : tr("Data: %1").arg(flags));
    m_flagsLabel->setVisible(!flags.isEmpty());

    drawCurves();
    m_syncingPrice = true;
    m_spin->setRange(0.01, std::max(m_sliderHi * 3, 1.0));
    m_syncingPrice = false;
    setPrice(p->price);
    updateRecommendation();
    compareScenarios();
    loadPoints();
}

void PricingPanel::drawCurves()
{
    const auto* p = m_fit ? m_fit->find(m_product) : nullptr;
    if (!p)
        return;
    // Price grid: around today's price and the observed range, so the extrapolation zone shows.
    const double lo = std::max(0.01, std::min(p->price * 0.6, p->minPrice * 0.8));
    const double hi = std::max({p->price * 1.4, p->maxPrice * 1.2, lo + 0.1});
    m_sliderLo = lo;
    m_sliderHi = hi;
    const auto curves = pricing::curves(m_sim, lo, hi, kCurvePoints);
    m_curveTable->setCurves(curves);
    QVector<double> x;
    CurveChart::Curve units{tr("Units"), {}, {}, {}, curveColor(0)}, revenue{tr("Revenue"), {}, {}, {}, curveColor(1)},
        profit{tr("Gross profit"), {}, {}, {}, curveColor(2)};
    for (const auto& s : curves.points) {
        x << s.price;
        units.y << s.units;
        units.low << s.unitsLow;
        units.high << s.unitsHigh;
        revenue.y << s.revenue;
        revenue.low << s.revenueLow;
        revenue.high << s.revenueHigh;
        if (s.profit) {
            profit.y << *s.profit;
            profit.low << *s.profitLow;
            profit.high << *s.profitHigh;
        }
    }
    const QString priceAxis = tr("Price (%1)").arg(QString::fromStdString(p->currency));
    // One chart per event-loop turn: building and painting a chart costs 15-40 ms on a software
    // raster, three in one go froze the window for over 100 ms on every product switch. A newer
    // product's charts replace steps not yet run.
    const double minP = p->minPrice, maxP = p->maxPrice;
    std::vector<std::function<void()>> steps;
    steps.push_back([=, this] {
        m_charts[0]->setTitle(tr("Demand"));
        m_charts[0]->setCurves(x, {units}, minP, maxP, priceAxis, tr("units / week"));
    });
    steps.push_back([=, this] {
        m_charts[1]->setTitle(tr("Revenue"));
        m_charts[1]->setCurves(x, {revenue}, minP, maxP, priceAxis, tr("per week"));
    });
    steps.push_back([=, this] {
        m_charts[2]->setTitle(tr("Gross profit"));
        if (profit.y.isEmpty()) {
            m_charts[2]->setEmptyText(tr("No unit cost in the store: profit and margin cannot be computed."));
            m_charts[2]->clear();
        } else {
            m_charts[2]->setCurves(x, {profit}, minP, maxP, priceAxis, tr("per week"));
        }
    });
    renderInSteps(std::move(steps));
}

void PricingPanel::renderInSteps(std::vector<std::function<void()>> steps)
{
    m_renderSteps.assign(std::make_move_iterator(steps.begin()), std::make_move_iterator(steps.end()));
    const quint64 generation = ++m_renderGeneration;
    runRenderStep(generation);
}

void PricingPanel::runRenderStep(quint64 generation)
{
    QTimer::singleShot(0, this, [this, generation] {
        if (generation != m_renderGeneration || m_renderSteps.empty())
            return;
        auto step = std::move(m_renderSteps.front());
        m_renderSteps.pop_front();
        step();
        // The marker follows the price the panel shows now, whichever chart was just rebuilt.
        for (auto* c : m_charts)
            if (!c->isEmpty())
                c->setMarker(m_shown.price);
        if (m_renderSteps.empty())
            Q_EMIT chartsDrawn();
        else
            runRenderStep(generation);
    });
}

void PricingPanel::setPrice(double price)
{
    if (!m_fit || !m_fit->find(m_product))
        return;
    const auto* p = m_fit->find(m_product);
    // The slider path: arithmetic only (no SQL, no torch), so every tick redraws at once.
    m_shown = pricing::simulate(m_sim, price);
    const auto base = pricing::simulate(m_sim, p->price);
    m_syncingPrice = true;
    m_spin->setValue(price);
    m_slider->setValue(int(std::lround((std::clamp(price, m_sliderLo, m_sliderHi) - m_sliderLo) / (m_sliderHi - m_sliderLo) * kSliderSteps)));
    m_syncingPrice = false;
    auto delta = [&](double now, double then, int decimals) {
        const double d = now - then;
        return QStringLiteral(" (%1%2)").arg(d >= 0 ? QStringLiteral("+") : QString(), QLocale().toString(d, 'f', decimals));
    };
    m_unitsValue->setText(QStringLiteral("%1 [%2–%3]%4")
                              .arg(QLocale().toString(m_shown.units, 'f', 1), QLocale().toString(m_shown.unitsLow, 'f', 1),
                                   QLocale().toString(m_shown.unitsHigh, 'f', 1), delta(m_shown.units, base.units, 1)));
    m_revenueValue->setText(money(m_shown.revenue) + delta(m_shown.revenue, base.revenue, 2));
    if (m_shown.profit) {
        m_profitValue->setText(money(*m_shown.profit) + delta(*m_shown.profit, *base.profit, 2));
        m_marginValue->setText(QLocale().toString(*m_shown.marginPct, 'f', 1) + QStringLiteral(" %"));
    } else {
        m_profitValue->setText(tr("no cost"));
        m_marginValue->setText(QStringLiteral("—"));
    }
    m_extrapolationLabel->setText(m_shown.extrapolated
                                      ? tr("Outside the observed prices %1–%2: the curve is extrapolated.")
                                            .arg(money(p->minPrice), money(p->maxPrice))
                                      : (m_sim.fromPrior ? tr("Curves use the category prior: this product has no elasticity of its own.")
                                                         : QString()));
    for (auto* c : m_charts)
        c->setMarker(price);
}

pricing::StrategySpec PricingPanel::strategy() const
{
    pricing::StrategySpec s;
    s.strategy = pricing::Strategy(std::clamp(m_strategy->currentIndex(), 0, 2));
    s.objective = pricing::Objective(std::clamp(m_objective->currentIndex(), 0, 2));
    s.blendWeight = m_blend->value();
    s.markupPct = m_markup->value();
    s.competitorMode = pricing::CompetitorMode(std::clamp(m_compMode->currentIndex(), 0, 2));
    s.undercutPct = m_undercut->value();
    return s;
}

pricing::Rules PricingPanel::rules() const
{
    pricing::Rules r;
    if (m_useMargin->isChecked())
        r.minMarginPct = m_minMargin->value();
    if (m_useChange->isChecked())
        r.maxChangePct = m_maxChange->value();
    if (m_useFloor->isChecked())
        r.floor = m_floor->value();
    if (m_useCeiling->isChecked())
        r.ceiling = m_ceiling->value();
    if (m_useBand->isChecked())
        r.competitorBandPct = m_band->value();
    r.ending = pricing::PriceEnding(std::clamp(m_ending->currentIndex(), 0, 3));
    r.ladder = m_ladder->isChecked();
    return r;
}

void PricingPanel::updateRecommendation()
{
    if (!m_strategy || !m_fit)
        return;
    const auto* p = m_fit->find(m_product);
    m_rec.reset();
    if (!p) {
        m_recommended->clear();
        m_explanation->clear();
        return;
    }
    const auto s = strategy();
    m_objective->setEnabled(s.strategy == pricing::Strategy::ElasticityOptimal);
    m_blend->setEnabled(s.strategy == pricing::Strategy::ElasticityOptimal && s.objective == pricing::Objective::Blend);
    m_markup->setEnabled(s.strategy == pricing::Strategy::CostPlus);
    m_compMode->setEnabled(s.strategy == pricing::Strategy::Competitor);
    m_undercut->setEnabled(s.strategy == pricing::Strategy::Competitor);
    // Ladder siblings at today's prices bound a single product's recommendation.
    std::optional<double> below, above;
    if (!p->ladderGroup.empty())
        for (const auto& q : m_fit->products)
            if (q.ladderGroup == p->ladderGroup && q.productId != p->productId) {
                if (q.ladderRank < p->ladderRank && (!below || q.price > *below))
                    below = q.price;
                if (q.ladderRank > p->ladderRank && (!above || q.price < *above))
                    above = q.price;
            }
    const auto r = rules();
    m_rec = pricing::recommend(pricing::productInput(*p, m_fit->prior(p->categoryId)), s, r, below, above);
    const auto& rec = *m_rec;
    m_recommended->setText(money(rec.price));
    QString why;
    const auto strategyName = m_strategy->currentText();
    if (std::isfinite(rec.target))
        why = tr("%1 target: %2.").arg(strategyName, money(rec.target));
    else if (std::isinf(rec.target))
        why = tr("%1: demand is inelastic here (elasticity above −1), so profit keeps rising with price; the rules set the "
                 "limit.").arg(strategyName);
    switch (rec.binding) {
    case pricing::Binding::None: why += QLatin1Char(' ') + tr("No rule binds."); break;
    case pricing::Binding::MinMargin: why += QLatin1Char(' ') + tr("The minimum margin holds it at %1 or more.").arg(money(rec.lo)); break;
    case pricing::Binding::MaxChange: why += QLatin1Char(' ') + tr("The maximum change per step keeps it within %1–%2.").arg(money(rec.lo), money(rec.hi)); break;
    case pricing::Binding::Floor: why += QLatin1Char(' ') + tr("The floor %1 binds.").arg(money(rec.lo)); break;
    case pricing::Binding::Ceiling: why += QLatin1Char(' ') + tr("The ceiling %1 binds.").arg(money(rec.hi)); break;
    case pricing::Binding::CompetitorBand: why += QLatin1Char(' ') + tr("The competitor band %1–%2 binds.").arg(money(rec.lo), money(rec.hi)); break;
    case pricing::Binding::Ladder: why += QLatin1Char(' ') + tr("The size/variant ladder binds: it must stay between its smaller and larger siblings."); break;
    case pricing::Binding::TrustRegion: why += QLatin1Char(' ') + tr("Kept within %1–%2, near the prices actually observed: further out the curve is a guess.").arg(money(rec.lo), money(rec.hi)); break;
    case pricing::Binding::Ending: why += QLatin1Char(' ') + tr("The price ending binds."); break;
    case pricing::Binding::NoEstimate: why += QLatin1Char(' ') + tr("No elasticity of its own (%1): the price is kept.").arg(pricingFlagsText(p->flags)); break;
    case pricing::Binding::NoCost:
        why += QLatin1Char(' ') + (s.strategy == pricing::Strategy::ElasticityOptimal
                                       ? tr("Profit needs a unit cost and the store has none for this product: the price is kept. "
                                            "The revenue objective prices it from demand alone.")
                                       : tr("No unit cost in the store: the price is kept."));
        break;
    case pricing::Binding::NoCompetitor: why += QLatin1Char(' ') + tr("No competitor price known: the price is kept."); break;
    }
    if (!rec.conflicts.empty()) {
        QStringList c;
        for (auto b : rec.conflicts)
            c << bindingText(b);
        why += QLatin1Char(' ') + tr("Contradictory rules, these gave way: %1.").arg(c.join(QStringLiteral(", ")));
    }
    if (rec.next.profit && rec.now.profit)
    {
        // Changes, not levels: signed so nobody reads "+18.8 units" as "18.8 units a week".
        const auto sign = [](double d) { return d >= 0 ? QStringLiteral("+") : QString(); };
        why += QLatin1Char(' ')
               + tr("Change per week against today's price: units %1, revenue %2, profit %3.")
                     .arg(sign(rec.unitsDelta()) + QLocale().toString(rec.unitsDelta(), 'f', 1),
                          sign(rec.revenueDelta()) + money(rec.revenueDelta()),
                          sign(*rec.profitDelta()) + money(*rec.profitDelta()));
    }
    if (rec.binding == pricing::Binding::NoCost && s.strategy == pricing::Strategy::ElasticityOptimal) {
        // Offer the objective that needs no cost, one click away.
        m_explanation->setTextFormat(Qt::RichText);
        m_explanation->setText(why.toHtmlEscaped() + QStringLiteral(" <a href=\"revenue\">") + tr("Use the revenue objective") +
                               QStringLiteral("</a>"));
    } else {
        m_explanation->setTextFormat(Qt::PlainText);
        m_explanation->setText(why);
    }
}

void PricingPanel::loadPoints()
{
    const QString path = m_view->storePath();
    const store::Id id = m_product;
    const auto* p = m_fit ? m_fit->find(id) : nullptr;
    if (!p || path.isEmpty())
        return;
    const double e = m_sim.elasticity, level = m_sim.level, lpm = m_sim.logPriceMean;
    const double lo = p->minPrice, hi = p->maxPrice;
    auto future = m_jobs->run<std::vector<pricing::WeekPoint>>(
        tr("Reading the product's weeks"),
        [access = m_view->store().access(), id](const Progress&) {
            return access->read([id](store::Database& db) { return pricing::loadWeekPoints(db, id); });
        },
        kPointsSlot);
    auto* watcher = new QFutureWatcher<std::vector<pricing::WeekPoint>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [=, this] {
        watcher->deleteLater();
        if (id != m_product)
            return;
        std::vector<pricing::WeekPoint> pts;
        try {
            QFuture<std::vector<pricing::WeekPoint>> f = watcher->future();
            f.waitForFinished();
            if (f.isCanceled())
                return;
            pts = f.result();
        } catch (...) {
            m_scatter->setEmptyText(jobErrorMessage(std::current_exception()));
            m_scatter->clear();
            return;
        }
        QVector<QPointF> normal, promo, line;
        for (const auto& w : pts)
            if (w.price > 0 && w.units > 0)
                (w.promo ? promo : normal) << QPointF(std::log(w.price), std::log(w.units));
        // The model's line for a typical week, over the observed prices.
        for (int k = 0; k <= 20; ++k) {
            const double lp = std::log(lo) + (std::log(hi) - std::log(lo)) * k / 20.0;
            line << QPointF(lp, level + e * (lp - lpm));
        }
        m_scatter->setTitle(tr("Weeks: units vs price (log-log)"));
        m_scatter->setEmptyText(tr("No weeks with sales."));
        m_scatter->setScatter(normal, promo, line, tr("weeks"), tr("promotion weeks"), tr("model, typical week"),
                              tr("log price"), tr("log units"));
        Q_EMIT pointsLoaded();
    });
    watcher->setFuture(future);
}

bool PricingPanel::exportCurvesCsv(const QString& path, QString* error) const
{
    if (m_curveTable->rowCount() == 0) {
        if (error)
            *error = tr("There are no curves to export yet.");
        return false;
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = tr("Could not write %1: %2").arg(path, f.errorString());
        return false;
    }
    f.write(m_curveTable->toCsv().toUtf8());
    if (!f.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

// ------------------------------------------------------------------ category batch

void PricingPanel::optimiseCategory(std::int64_t categoryId)
{
    if (!m_fit)
        return;
    if (const int i = m_batchCategory->findData(qint64(categoryId)); i >= 0) {
        QSignalBlocker b(m_batchCategory);
        m_batchCategory->setCurrentIndex(i);
    }
    std::vector<pricing::ProductInput> inputs;
    std::vector<const pricing::ProductDemand*> src;
    for (const auto& p : m_fit->products)
        if (p.categoryId == categoryId) {
            inputs.push_back(pricing::productInput(p, m_fit->prior(p.categoryId)));
            src.push_back(&p);
        }
    const auto recs = pricing::recommendBatch(inputs, strategy(), rules());
    std::vector<BatchRow> rows;
    for (std::size_t i = 0; i < recs.size(); ++i)
        rows.push_back({src[i]->productId, QString::fromStdString(src[i]->sku), productTitle(*src[i]), recs[i], false});
    m_batch->setRows(std::move(rows));
    m_batchSummary->setText(tr("%1 products, %2 would change; expected per week if all are accepted: revenue %3, profit %4.")
                                .arg(m_batch->rowCount())
                                .arg(m_batch->changingRows())
                                .arg(money(m_batch->totalRevenueDelta(false)), money(m_batch->totalProfitDelta(false))));
}

bool PricingPanel::acceptBatch(bool confirmed, QString* message)
{
    std::vector<pricing::ChangeRequest> changes;
    int large = 0;
    const double threshold = m_threshold->value();
    for (const auto& r : m_batch->rows()) {
        if (!r.accepted || std::abs(r.rec.price - r.rec.current) < 0.005)
            continue;
        if (std::abs(r.rec.price / r.rec.current - 1) * 100 > threshold)
            ++large;
        changes.push_back({r.productId, r.rec.current, r.rec.price, pricing::explain(r.rec, strategy())});
    }
    if (changes.empty()) {
        if (message)
            *message = tr("Tick the rows to accept first.");
        return true;
    }
    if (large > 0 && !confirmed) {
        if (message)
            *message = tr("%1 of the %2 accepted changes move the price by more than %3%. Record them anyway?")
                           .arg(large)
                           .arg(changes.size())
                           .arg(threshold);
        return false;
    }
    const std::string batch = "batch-" + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8).toStdString();
    const int n = int(changes.size());
    if (message)
        *message = tr("Recording %1 price changes…").arg(n);
    m_batch->setAllAccepted(false);
    m_view->store().write(
        this,
        [batch, changes = std::move(changes)](store::Database& db) {
            pricing::recordChanges(db, batch, changes, actorName());
            return int(changes.size());
        },
        [this](int recorded) {
            m_batchSummary->setText(tr("%1 price changes recorded as pending. Push them to the shop or export a CSV "
                                       "price list; they can be undone until then.")
                                        .arg(recorded));
            reloadChanges();
            Q_EMIT changesRecorded(recorded);
        },
        [this](const QString& error) { reportFailure(tr("Accept prices"), error); });
    return true;
}

void PricingPanel::reloadChanges()
{
    if (m_view->storePath().isEmpty())
        return;
    const quint64 id = ++m_changesRequest;
    m_view->store().read(
        this,
        [](store::Database& db) {
            auto all = pricing::listChanges(db);
            // Newest first, and only what can still be acted on plus the last few done.
            std::reverse(all.begin(), all.end());
            if (all.size() > 500)
                all.resize(500);
            return all;
        },
        [this, id](std::vector<pricing::PriceChange> all) {
            if (id != m_changesRequest)
                return; // a newer reload is on its way
            m_changes->setChanges(std::move(all));
            Q_EMIT changesLoaded();
        },
        [this](const QString& error) { m_status->setText(error); });
    const SyncSettings s = SyncSettings::load();
    m_push->setEnabled(s.configured());
    m_push->setToolTip(s.configured() ? tr("Send the pending prices to %1").arg(s.url)
                                      : tr("No shop connection (Sync > Shop connection…): export a CSV price list instead."));
}

void PricingPanel::undoSelectedChange()
{
    std::vector<std::int64_t> ids;
    for (const auto& i : m_changesView->selectionModel()->selectedRows())
        if (const auto* c = m_changes->change(i.row()); c && c->status == "pending")
            ids.push_back(c->id);
    if (ids.empty())
        return;
    m_view->store().write(
        this,
        [ids](store::Database& db) {
            for (auto id : ids)
                pricing::undoChange(db, id, actorName());
            return int(ids.size());
        },
        [this](int) { reloadChanges(); },
        [this](const QString& error) {
            reportFailure(tr("Undo price change"), error);
            reloadChanges();
        });
}

void PricingPanel::exportPendingCsv(const QString& path)
{
    m_view->store().write(
        this,
        [file = path.toStdString()](store::Database& db) {
            std::vector<std::int64_t> ids;
            for (const auto& c : pricing::listChanges(db, "pending"))
                ids.push_back(c.id);
            return ids.empty() ? 0 : pricing::exportPriceList(db, ids, file, actorName());
        },
        [this, path](int n) {
            if (n == 0)
                reportFailure(tr("Export price list"), tr("There are no pending price changes."));
            else
                m_status->setText(tr("%1 price changes exported to %2.").arg(n).arg(path));
            reloadChanges();
            Q_EMIT pendingExported(n);
        },
        [this](const QString& error) {
            reportFailure(tr("Export price list"), error);
            reloadChanges();
        });
}

void PricingPanel::reportFailure(const QString& what, const QString& error)
{
    m_status->setText(tr("%1 failed: %2").arg(what, error));
    Q_EMIT actionFailed(error);
    if (!qEnvironmentVariableIsSet("SHOPPILOT_NO_DIALOGS"))
        QMessageBox::warning(this, what, error);
}

void PricingPanel::pushPending()
{
    const SyncSettings settings = SyncSettings::load();
    if (!settings.configured())
        return;
    auto* secrets = new SecretStore(this);
    const QString path = m_view->storePath();
    secrets->read(settings.secretAccount(), [this, secrets, settings, path](bool ok, const QString& secret, const QString& error) {
        secrets->deleteLater();
        if (!ok) {
            QMessageBox::warning(this, tr("Push to shop"), error);
            return;
        }
        const sync::SyncOptions options = settings.toOptions(secret);
        auto future = m_jobs->run<int>(
            tr("Pushing prices to the shop"),
            [access = m_view->store().access(), options](const Progress& progress) {
                const auto pending =
                    access->read([](store::Database& db) { return pricing::listChanges(db, "pending"); });
                int done = 0;
                for (std::size_t i = 0; i < pending.size(); ++i) {
                    if (progress && !progress(double(i) / double(pending.size()), "pushing prices"))
                        throw Cancelled();
                    const auto& c = pending[i];
                    // One writer turn per price (pushPrice writes once the shop accepted it).
                    try {
                        access->write([&](store::Database& db) {
                            sync::pushPrice(db, options, c.productId, std::llround(c.newPrice * 100), actorName());
                            pricing::markChange(db, c.id, "pushed", options.baseUrl, actorName());
                        });
                        ++done;
                    } catch (const Cancelled&) {
                        throw;
                    } catch (const std::exception& e) {
                        const std::string why = e.what();
                        access->write([&](store::Database& db) {
                            pricing::markChange(db, c.id, "failed", why, actorName());
                        });
                    }
                }
                return done;
            });
        auto* watcher = new QFutureWatcher<int>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
            watcher->deleteLater();
            try {
                QFuture<int> f = watcher->future();
                f.waitForFinished();
                if (!f.isCanceled())
                    m_status->setText(tr("%1 prices pushed to the shop.").arg(f.result()));
            } catch (...) {
                m_status->setText(jobErrorMessage(std::current_exception()));
            }
            reloadChanges();
        });
        watcher->setFuture(future);
    });
}

// ------------------------------------------------------------------ scenarios

void PricingPanel::saveScenario(const QString& name)
{
    if (name.isEmpty()) {
        m_scenarioHint->setText(tr("Give the scenario a name first."));
        return;
    }
    pricing::Scenario s;
    s.name = name.toStdString();
    s.productId = m_product;
    s.strategy = strategy();
    s.rules = rules();
    if (m_fit && m_fit->find(m_product))
        s.manualPrice = m_shown.price;
    m_view->store().write(
        this,
        [s](store::Database& db) {
            pricing::saveScenario(db, s);
            return true;
        },
        [this](bool) { compareScenarios(); },
        [this](const QString& error) { reportFailure(tr("Save scenario"), error); });
}

void PricingPanel::compareScenarios()
{
    if (!m_fit || !m_fit->find(m_product))
        return;
    m_view->store().read(
        this, [](store::Database& db) { return pricing::listScenarios(db); },
        [this](std::vector<pricing::Scenario> list) { showScenarios(list); },
        [this](const QString& error) { m_scenarioHint->setText(error); });
}

void PricingPanel::showScenarios(const std::vector<pricing::Scenario>& list)
{
    const auto* p = m_fit ? m_fit->find(m_product) : nullptr;
    if (!p)
        return;
    const QStringList strategies{tr("Cost-plus"), tr("Competitor-based"), tr("Elasticity-optimal")};
    std::vector<ScenarioResult> results;
    // Today's price first, then each scenario's recommendation and its saved slider price.
    results.push_back({tr("Current price"), QStringLiteral("—"), p->price, pricing::simulate(m_sim, p->price), QString()});
    const auto input = pricing::productInput(*p, m_fit->prior(p->categoryId));
    for (const auto& s : list) {
        const auto rec = pricing::recommend(input, s.strategy, s.rules);
        results.push_back({QString::fromStdString(s.name), strategies.value(int(s.strategy.strategy)), rec.price, rec.next,
                           bindingText(rec.binding)});
        if (s.manualPrice && s.productId == m_product)
            results.push_back({tr("%1 (slider)").arg(QString::fromStdString(s.name)), tr("manual"), *s.manualPrice,
                               pricing::simulate(m_sim, *s.manualPrice), QString()});
    }
    m_compare->setResults(std::move(results));
    Q_EMIT scenariosCompared();
}

QWidget* createPricingPanel(const PanelContext& context, QWidget* parent)
{
    return new PricingPanel(context, parent);
}

} // namespace shoppilot::ui

// Joins the sidebar (shell/panel_registry.h); the shell includes no panel header.
SHOPPILOT_REGISTER_PANEL(30, "pricing", QT_TRANSLATE_NOOP("Panels", "Pricing"), ":/icons/pricing.svg",
                         shoppilot::ui::createPricingPanel)
