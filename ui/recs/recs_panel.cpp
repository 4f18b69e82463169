#include "recs/recs_panel.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "recs/recs_table_models.h"
#include "shell/job_runner.h"
#include "shell/view_state.h"
#include "shell/store_service.h"
#include "store/store_access.h"
#include "widgets/chart_view.h"

namespace shoppilot::ui {

namespace {

const QString kLoadSlot = QStringLiteral("recs.load");
const QString kTrainSlot = QStringLiteral("recs.train");
constexpr int kTopN = 10;
constexpr int kEpochBudget = 10;

QTableView* makeTable(QAbstractItemModel* model, const QString& name)
{
    auto* v = new QTableView;
    v->setObjectName(name);
    v->setModel(model);
    v->setSelectionBehavior(QAbstractItemView::SelectRows);
    v->setSelectionMode(QAbstractItemView::SingleSelection);
    v->setEditTriggers(QAbstractItemView::NoEditTriggers);
    v->verticalHeader()->setDefaultSectionSize(24);
    v->horizontalHeader()->setStretchLastSection(true);
    v->setAlternatingRowColors(true);
    v->setWordWrap(false);
    return v;
}

QLabel* sectionTitle()
{
    auto* l = new QLabel;
    l->setStyleSheet(QStringLiteral("font-weight: bold;"));
    return l;
}

} // namespace

// What a load reads once: the service (catalogue, models; its const methods run on workers),
// the model comparison, the categories for the rules editor and the stored rules. Immutable
// once loaded, shared with the worker tasks that use it.
struct RecsPanel::State {
    std::unique_ptr<recs::RecsService> service;
    std::vector<recs::StoreModelMetrics> metrics;
    std::vector<recs::RecsService::Category> categories;
    recs::RecsRules rules;
    QString rulesError;
};

// One refresh of the open customer, computed on a worker.
struct RecsPanel::CustomerView {
    std::vector<recs::TimelineEntry> timeline;
    std::vector<recs::Recommendation> recommendations;
    std::int64_t similarOf = 0;
    std::vector<recs::Recommendation> similar;
};

RecsPanel::RecsPanel(const PanelContext& context, QWidget* parent)
    : QWidget(parent), m_view(context.view), m_jobs(context.jobs)
{
    setObjectName(QStringLiteral("recsPanel"));
    m_customerModel = new CustomerListModel(this);
    m_timelineModel = new TimelineModel(this);
    m_recModel = new RecommendationModel(this);
    m_similarModel = new RecommendationModel(this);
    m_compareModel = new ModelComparisonModel(this);
    // The recipes `eval recs` measures, with an epoch budget so a retrain takes minutes, not
    // hours, on a large store (early stopping usually ends it sooner).
    m_trainOptions.adjust = [](recs::Recipe& r) {
        r.train.maxEpochs = std::min(r.train.maxEpochs, kEpochBudget);
        if (r.train.validationUsers == 0)
            r.train.validationUsers = 3000;
    };
    buildUi();
    retranslate();

    // Bursts of events (a sync, a live feed) refresh the open customer once.
    m_eventsTimer = new QTimer(this);
    m_eventsTimer->setSingleShot(true);
    m_eventsTimer->setInterval(150);
    connect(m_eventsTimer, &QTimer::timeout, this, &RecsPanel::refreshCustomer);
    connect(m_view, &ViewState::storeChanged, this, &RecsPanel::onStoreChanged);
    connect(m_view, &ViewState::dataChanged, this, [this](const QString& table) {
        if (table == QLatin1String("events") || table == QLatin1String("products"))
            m_eventsTimer->start();
        else if (table == QLatin1String("models") && !m_training)
            reload();
    });
    if (!m_view->storePath().isEmpty())
        reload();
    else
        updateHint();
}

RecsPanel::~RecsPanel()
{
    m_trainFuture.cancel();
}

QWidget* createRecsPanel(const PanelContext& context, QWidget* parent)
{
    return new RecsPanel(context, parent);
}

// --- layout --------------------------------------------------------------------------------

void RecsPanel::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(10, 8, 10, 8);
    root->setSpacing(6);

    auto* hintRow = new QHBoxLayout;
    m_hint = new QLabel;
    m_hint->setObjectName(QStringLiteral("recsHint"));
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("background: #fff8e1; border: 1px solid #ffe082; padding: 6px;"));
    hintRow->addWidget(m_hint, 1);
    m_hintTrain = new QPushButton;
    m_hintTrain->setObjectName(QStringLiteral("recsHintTrain"));
    hintRow->addWidget(m_hintTrain);
    root->addLayout(hintRow);
    connect(m_hintTrain, &QPushButton::clicked, this, &RecsPanel::retrain);

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("recsError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828; border: 1px solid #e57373; padding: 6px;"));
    m_error->hide();
    root->addWidget(m_error);

    auto* split = new QSplitter(Qt::Horizontal);

    // Left: find a customer, their timeline.
    auto* left = new QWidget;
    auto* l = new QVBoxLayout(left);
    l->setContentsMargins(0, 0, 0, 0);
    m_labels[0] = sectionTitle();
    l->addWidget(m_labels[0]);
    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("recsCustomerSearch"));
    m_search->setClearButtonEnabled(true);
    l->addWidget(m_search);
    m_customerView = makeTable(m_customerModel, QStringLiteral("recsCustomers"));
    l->addWidget(m_customerView, 2);
    m_timelineTitle = sectionTitle();
    l->addWidget(m_timelineTitle);
    m_timelineView = makeTable(m_timelineModel, QStringLiteral("recsTimeline"));
    l->addWidget(m_timelineView, 3);
    split->addWidget(left);

    auto* searchTimer = new QTimer(this);
    searchTimer->setSingleShot(true);
    searchTimer->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, searchTimer, qOverload<>(&QTimer::start));
    connect(searchTimer, &QTimer::timeout, this, [this] { searchCustomers(m_search->text()); });
    connect(m_customerView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& index) {
                if (index.isValid())
                    openCustomer(m_customerModel->data(index, Qt::UserRole).toLongLong());
            });
    connect(m_timelineView, &QTableView::clicked, this, [this](const QModelIndex& index) {
        const auto pid = m_timelineModel->data(index, Qt::UserRole).toLongLong();
        if (pid > 0)
            showSimilar(pid);
    });

    // Middle: recommendations and similar items.
    auto* middle = new QWidget;
    auto* m = new QVBoxLayout(middle);
    m->setContentsMargins(0, 0, 0, 0);
    m_customerTitle = sectionTitle();
    m_customerTitle->setObjectName(QStringLiteral("recsCustomerTitle"));
    m->addWidget(m_customerTitle);
    auto* liveRow = new QHBoxLayout;
    m_live = new QCheckBox;
    m_live->setObjectName(QStringLiteral("recsLiveSession"));
    liveRow->addWidget(m_live);
    liveRow->addStretch(1);
    m_cart = new QPushButton;
    m_cart->setObjectName(QStringLiteral("recsAddToCart"));
    m_cart->setEnabled(false);
    liveRow->addWidget(m_cart);
    m->addLayout(liveRow);
    m_recView = makeTable(m_recModel, QStringLiteral("recsRecommendations"));
    m->addWidget(m_recView, 3);
    m_similarTitle = sectionTitle();
    m->addWidget(m_similarTitle);
    m_similarView = makeTable(m_similarModel, QStringLiteral("recsSimilar"));
    m->addWidget(m_similarView, 2);
    split->addWidget(middle);

    auto productClicked = [this](RecommendationModel* model, const QModelIndex& index) {
        const auto pid = model->data(index, Qt::UserRole).toLongLong();
        if (pid <= 0)
            return;
        m_selectedProduct = pid;
        m_cart->setEnabled(liveSession() && m_customer.has_value());
        if (liveSession() && m_customer)
            liveClick(pid, QStringLiteral("view"));
        else
            showSimilar(pid);
    };
    connect(m_recView, &QTableView::clicked, this, [=, this](const QModelIndex& i) { productClicked(m_recModel, i); });
    connect(m_similarView, &QTableView::clicked, this,
            [=, this](const QModelIndex& i) { productClicked(m_similarModel, i); });
    connect(m_live, &QCheckBox::toggled, this, [this](bool on) { m_cart->setEnabled(on && m_selectedProduct > 0 && m_customer); });
    connect(m_cart, &QPushButton::clicked, this, [this] {
        if (m_selectedProduct > 0)
            liveClick(m_selectedProduct, QStringLiteral("cart"));
    });

    // Right: models and rules.
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("recsTabs"));
    m_tabs->addTab(buildModelsTab(), QString());
    m_tabs->addTab(buildRulesTab(), QString());
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 4);
    split->setStretchFactor(2, 3);
    split->setSizes({290, 660, 330});
    root->addWidget(split, 1);
}

QWidget* RecsPanel::buildModelsTab()
{
    auto* w = new QWidget;
    auto* l = new QVBoxLayout(w);
    m_servedSummary = new QLabel;
    m_servedSummary->setObjectName(QStringLiteral("recsServedSummary"));
    m_servedSummary->setWordWrap(true);
    m_servedSummary->setTextFormat(Qt::PlainText);
    l->addWidget(m_servedSummary);
    m_compareView = makeTable(m_compareModel, QStringLiteral("recsComparison"));
    m_compareView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    l->addWidget(m_compareView, 2);
    m_chart = new ChartView;
    m_chart->setObjectName(QStringLiteral("recsComparisonChart"));
    m_chart->setMinimumHeight(200);
    l->addWidget(m_chart, 3);
    auto* row = new QHBoxLayout;
    m_retrain = new QPushButton;
    m_retrain->setObjectName(QStringLiteral("recsRetrain"));
    row->addWidget(m_retrain);
    m_cancel = new QPushButton;
    m_cancel->setObjectName(QStringLiteral("recsCancelTraining"));
    m_cancel->setEnabled(false);
    row->addWidget(m_cancel);
    m_progress = new QProgressBar;
    m_progress->setRange(0, JobRunner::kProgressSteps);
    m_progress->setValue(0);
    row->addWidget(m_progress, 1);
    l->addLayout(row);
    m_trainStatus = new QLabel;
    m_trainStatus->setObjectName(QStringLiteral("recsTrainStatus"));
    m_trainStatus->setWordWrap(true);
    l->addWidget(m_trainStatus);
    connect(m_retrain, &QPushButton::clicked, this, &RecsPanel::retrain);
    connect(m_cancel, &QPushButton::clicked, this, &RecsPanel::cancelRetrain);
    return w;
}

QWidget* RecsPanel::buildRulesTab()
{
    auto* w = new QWidget;
    auto* l = new QVBoxLayout(w);
    auto* form = new QFormLayout;
    m_hideStock = new QCheckBox;
    m_hideStock->setObjectName(QStringLiteral("recsHideOutOfStock"));
    m_hideBought = new QCheckBox;
    m_hideBought->setObjectName(QStringLiteral("recsHidePurchased"));
    m_hideViewed = new QCheckBox;
    m_hideViewed->setObjectName(QStringLiteral("recsHideRecentlyViewed"));
    form->addRow(m_hideStock);
    form->addRow(m_hideBought);
    form->addRow(m_hideViewed);
    m_perCategory = new QSpinBox;
    m_perCategory->setObjectName(QStringLiteral("recsMaxPerCategory"));
    m_perCategory->setRange(0, 10);
    m_labels[1] = new QLabel;
    form->addRow(m_labels[1], m_perCategory);
    m_diversity = new QDoubleSpinBox;
    m_diversity->setObjectName(QStringLiteral("recsDiversity"));
    m_diversity->setRange(0, 1);
    m_diversity->setSingleStep(0.1);
    m_labels[2] = new QLabel;
    form->addRow(m_labels[2], m_diversity);
    l->addLayout(form);
    m_labels[3] = new QLabel;
    m_labels[3]->setWordWrap(true);
    l->addWidget(m_labels[3]);
    m_boosts = new QTableWidget(0, 2);
    m_boosts->setObjectName(QStringLiteral("recsBoosts"));
    m_boosts->horizontalHeader()->setStretchLastSection(true);
    m_boosts->verticalHeader()->hide();
    l->addWidget(m_boosts, 1);
    auto* row = new QHBoxLayout;
    m_saveRules = new QPushButton;
    m_saveRules->setObjectName(QStringLiteral("recsSaveRules"));
    row->addWidget(m_saveRules);
    m_rulesStatus = new QLabel;
    m_rulesStatus->setObjectName(QStringLiteral("recsRulesStatus"));
    row->addWidget(m_rulesStatus, 1);
    l->addLayout(row);
    connect(m_saveRules, &QPushButton::clicked, this, &RecsPanel::saveRulesFromEditor);
    return w;
}

void RecsPanel::retranslate()
{
    m_labels[0]->setText(tr("Customers"));
    m_search->setPlaceholderText(tr("Search by customer id or name…"));
    m_timelineTitle->setText(tr("Recent activity"));
    m_live->setText(tr("Live session: clicking a product records a view and re-ranks"));
    m_live->setToolTip(tr("Clicks are stored as events of this customer, like visits on the shop"));
    m_cart->setText(tr("Add selected to cart"));
    m_similarTitle->setText(tr("Similar items"));
    m_tabs->setTabText(0, tr("Models"));
    m_tabs->setTabText(1, tr("Rules"));
    m_retrain->setText(tr("Retrain models"));
    m_cancel->setText(tr("Cancel"));
    m_hintTrain->setText(tr("Train models"));
    m_hideStock->setText(tr("Hide out-of-stock products"));
    m_hideBought->setText(tr("Hide products the customer already bought"));
    m_hideViewed->setText(tr("Hide products in the customer's latest events"));
    m_labels[1]->setText(tr("At most per category (0 = no cap)"));
    m_labels[2]->setText(tr("Diversity (0 = off)"));
    m_labels[3]->setText(tr("Category factors: above 1 boosts, below 1 buries, 0 hides the category."));
    m_boosts->setHorizontalHeaderLabels({tr("Category"), tr("Factor")});
    m_saveRules->setText(tr("Save rules"));
    m_chart->setTitle(tr("Test HR@10 by model (each customer's last event)"));
    m_chart->setEmptyText(tr("No trained models yet"));
    if (!m_customer)
        m_customerTitle->setText(tr("Pick a customer to see their recommendations"));
    refreshComparison();
    updateHint();
}

void RecsPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

// --- state -----------------------------------------------------------------------------------

bool RecsPanel::hasModel() const
{
    return m_state && m_state->service && m_state->service->hasModel();
}

QString RecsPanel::hintText() const
{
    return m_hint->isHidden() ? QString() : m_hint->text();
}

QString RecsPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void RecsPanel::showError(const QString& text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void RecsPanel::updateHint()
{
    QString text;
    bool offerTraining = false;
    if (m_view->storePath().isEmpty()) {
        text = tr("Open a store to see recommendations.");
    } else if (!m_state) {
        text = tr("Loading the recommenders…");
    } else if (!hasModel()) {
        text = tr("No recommender has been trained on this store yet: customers get popular products. "
                  "Train the models to personalise (a few minutes on a large store).");
        offerTraining = !m_training;
    }
    m_hint->setText(text);
    m_hint->setVisible(!text.isEmpty());
    m_hintTrain->setVisible(offerTraining);
}

void RecsPanel::onStoreChanged(const QString&)
{
    m_state.reset();
    m_customer.reset();
    m_selectedProduct = 0;
    m_customerModel->setRows({});
    m_timelineModel->setRows({});
    m_recModel->setRows({});
    m_similarModel->setRows({});
    m_compareModel->setRows({});
    refreshComparison();
    if (!m_view->storePath().isEmpty())
        reload();
    updateHint();
}

void RecsPanel::reload()
{
    const QString path = m_view->storePath();
    if (path.isEmpty())
        return;
    const quint64 id = ++m_loadId;
    auto future = m_jobs->run<std::shared_ptr<const State>>(
        tr("Loading recommendations"),
        [access = m_view->store().access()](const Progress& progress) -> std::shared_ptr<const State> {
            if (!access)
                throw Error(ErrorCode::InvalidArgument, "no store is open");
            return access->read([&](auto& db) {
                auto st = std::make_shared<State>();
                st->service = std::make_unique<recs::RecsService>(db, progress);
                st->metrics = recs::storedModelMetrics(db);
                st->categories = st->service->categories(db);
                try {
                    st->rules = recs::loadRules(db);
                } catch (const Error& e) {
                    st->rulesError = QString::fromUtf8(e.what());
                }
                return st;
            });
        },
        kLoadSlot);
    auto* watcher = new QFutureWatcher<std::shared_ptr<const State>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id] {
        watcher->deleteLater();
        if (id != m_loadId)
            return;
        auto f = watcher->future();
        try {
            if (f.isCanceled() || f.resultCount() == 0)
                return;
            m_state = f.result();
        } catch (...) {
            showError(jobErrorMessage(std::current_exception()));
            return;
        }
        showError(m_state->rulesError.isEmpty()
                      ? QString()
                      : tr("The stored rules could not be read (%1); the defaults apply until you save new ones.")
                            .arg(m_state->rulesError));
        m_rules = m_state->rules;
        loadRulesIntoEditor();
        refreshComparison();
        updateHint();
        // Something to look at straight away: the first customer found (when none is open).
        m_openFirstFound = !m_customer;
        searchCustomers(m_search->text());
        refreshCustomer();
        Q_EMIT ready();
    });
    watcher->setFuture(future);
    updateHint();
}

// --- customers and recommendations ---------------------------------------------------------------

void RecsPanel::searchCustomers(const QString& text)
{
    if (!m_state)
        return;
    const quint64 id = ++m_searchId;
    const quint64 load = m_loadId;
    m_view->store().read(
        this,
        [st = m_state, t = text.trimmed().toStdString()](auto& db) {
            return st->service->searchCustomers(db, t, 200);
        },
        [this, id, load](std::vector<recs::CustomerInfo> rows) {
            if (id != m_searchId || load != m_loadId)
                return; // a newer search (or store) answered for it
            m_customerModel->setRows(std::move(rows));
            m_customerView->resizeColumnsToContents();
            if (m_openFirstFound && !m_customer && m_customerModel->rowCount() > 0)
                m_customerView->selectRow(0);
            m_openFirstFound = false;
            Q_EMIT customersUpdated();
        },
        [this](const QString& error) { showError(error); });
}

void RecsPanel::openCustomer(std::int64_t customerId)
{
    m_customer = customerId;
    m_selectedProduct = 0;
    m_cart->setEnabled(false);
    m_similarModel->setRows({});
    refreshCustomer();
}

void RecsPanel::refreshCustomer()
{
    if (!m_state || !m_customer)
        return;
    const quint64 id = ++m_customerRequest;
    const quint64 similarId = ++m_similarRequest;
    const quint64 load = m_loadId;
    const std::int64_t who = *m_customer;
    m_view->store().read(
        this,
        [st = m_state, who, rules = m_rules, selected = m_selectedProduct](auto& db) {
            CustomerView v;
            v.timeline = st->service->timeline(db, who, 30);
            v.recommendations = st->service->recommend(db, who, kTopN, rules);
            v.similarOf = selected > 0 ? selected
                                       : (v.recommendations.empty() ? 0 : v.recommendations.front().product.id);
            if (v.similarOf > 0)
                v.similar = st->service->similar(v.similarOf, kTopN);
            return v;
        },
        [this, id, similarId, load, who](CustomerView v) {
            if (id != m_customerRequest || load != m_loadId || m_customer != who)
                return;
            const auto& s = *m_state->service;
            m_timelineModel->setRows(std::move(v.timeline));
            m_timelineView->resizeColumnsToContents();
            m_recModel->setRows(std::move(v.recommendations));
            m_recView->resizeColumnsToContents();
            m_customerTitle->setText(
                hasModel() ? tr("Top %1 for customer %2 (%3 v%4)")
                                 .arg(kTopN)
                                 .arg(who)
                                 .arg(ModelComparisonModel::modelTitle(s.modelName()))
                                 .arg(s.modelVersion())
                           : tr("Top %1 for customer %2 (popular products: no trained model)").arg(kTopN).arg(who));
            if (similarId == m_similarRequest)
                applySimilar(v.similarOf, std::move(v.similar));
            Q_EMIT recommendationsUpdated();
        },
        [this](const QString& error) { showError(error); });
}

void RecsPanel::showSimilar(std::int64_t productId)
{
    if (!m_state)
        return;
    m_selectedProduct = productId;
    const quint64 id = ++m_similarRequest;
    const quint64 load = m_loadId;
    m_view->store().read(
        this,
        [st = m_state, productId](auto&) { return st->service->similar(productId, kTopN); },
        [this, id, load, productId](std::vector<recs::Recommendation> rows) {
            if (id != m_similarRequest || load != m_loadId)
                return;
            applySimilar(productId, std::move(rows));
        },
        [this](const QString& error) { showError(error); });
}

void RecsPanel::applySimilar(std::int64_t productId, std::vector<recs::Recommendation> rows)
{
    m_similarModel->setRows(std::move(rows));
    if (productId > 0 && m_state)
        if (auto p = m_state->service->product(productId))
            m_similarTitle->setText(tr("Similar to %1").arg(recsTitle(*p)));
    Q_EMIT similarUpdated();
}

void RecsPanel::setLiveSession(bool on)
{
    m_live->setChecked(on);
}

bool RecsPanel::liveSession() const
{
    return m_live->isChecked();
}

void RecsPanel::liveClick(std::int64_t productId, const QString& type)
{
    if (!m_state || !m_customer)
        return;
    m_selectedProduct = productId;
    const std::int64_t who = *m_customer;
    m_view->store().write(
        this,
        [st = m_state, who, productId, t = type.toStdString()](auto& db) {
            st->service->addEvent(db, who, productId, t);
        },
        [this] {
            m_eventsTimer->stop(); // this refresh covers the change feed's echo of the event
            refreshCustomer();
        },
        [this](const QString& error) { showError(error); });
}

// --- models --------------------------------------------------------------------------------------

QString RecsPanel::servedSummary() const
{
    return m_servedSummary->text();
}

void RecsPanel::refreshComparison()
{
    if (!m_state) {
        m_servedSummary->clear();
        m_chart->clear();
        return;
    }
    m_compareModel->setRows(m_state->metrics);
    QStringList names;
    ChartView::Series hr{tr("Test HR@10"), {}};
    for (const auto& r : m_compareModel->rows()) {
        names << ModelComparisonModel::modelTitle(r.model);
        auto it = r.full.find("HR@10");
        hr.values << (it == r.full.end() ? 0.0 : it->second);
    }
    if (names.isEmpty())
        m_chart->clear();
    else
        m_chart->setBars(names, hr, tr("HR@10 (test: each customer's last event)"));
    m_servedSummary->setText(servedSummaryText());
}

QString RecsPanel::servedSummaryText() const
{
    const int row = m_compareModel->servedRow();
    if (row < 0)
        return m_compareModel->rowCount() > 0 ? QString() : tr("No trained models yet");
    const auto& m = m_compareModel->rows()[std::size_t(row)];
    const QString model = tr("%1 v%2").arg(ModelComparisonModel::modelTitle(m.model)).arg(m.version);
    auto figure = [](const std::map<std::string, double>& mm, const char* k) {
        auto it = mm.find(k);
        return it == mm.end() ? QStringLiteral("–") : QLocale().toString(it->second, 'f', 4);
    };
    if (!m.served || !m.refitOnAllEvents)
        return tr("Serving %1, trained before models were chosen on validation and refit on all events: "
                  "retrain to choose and refit.")
            .arg(model);
    QString text = tr("Serving %1: chosen on validation NDCG@10 %2 (each customer's second-to-last event, "
                      "ranked against the whole catalogue). Test on each customer's last event, reported once: "
                      "HR@10 %3, NDCG@10 %4. Refit on all events at %5.")
                       .arg(model, figure(m.validation, "NDCG@10"), figure(m.full, "HR@10"), figure(m.full, "NDCG@10"),
                            QLocale().toString(QDateTime::fromSecsSinceEpoch(m.refitAt).toLocalTime(),
                                               QLocale::ShortFormat));
    if (m.priorWeight > 0)
        text += QLatin1Char(' ')
                + tr("Scores include a popularity prior of weight %1, chosen on validation.")
                      .arg(QLocale().toString(m.priorWeight, 'f', 2));
    return text;
}

void RecsPanel::retrain()
{
    const QString path = m_view->storePath();
    if (path.isEmpty() || m_training)
        return;
    m_training = true;
    m_retrain->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setValue(0);
    m_trainStatus->setText(tr("Training…"));
    updateHint();
    const auto options = m_trainOptions;
    m_trainFuture = m_jobs->run<int>(
        tr("Training recommenders"),
        [access = m_view->store().access(), options](const Progress& progress) {
            if (!access)
                throw Error(ErrorCode::InvalidArgument, "no store is open");
            // Read, train without a connection, then save through the one writer.
            const auto seqs = access->read([](auto& db) { return recs::loadStoreSequences(db); });
            const auto trained = recs::trainStoreModels(seqs, options, progress);
            return int(access->write([&](auto& db) { return recs::saveStoreModels(db, trained); }).size());
        },
        kTrainSlot);
    auto* watcher = new QFutureWatcher<int>(this);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(watcher, &QFutureWatcherBase::progressTextChanged, m_trainStatus, &QLabel::setText);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_training = false;
        m_retrain->setEnabled(true);
        m_cancel->setEnabled(false);
        bool ok = false;
        auto f = watcher->future();
        try {
            f.waitForFinished();
            if (f.isCanceled() || f.resultCount() == 0) {
                m_trainStatus->setText(tr("Training cancelled: nothing was saved, the models served before are kept."));
            } else {
                ok = true;
                m_progress->setValue(m_progress->maximum());
                m_trainStatus->setText(tr("Models trained: %1.").arg(f.result()));
            }
        } catch (...) {
            m_trainStatus->setText(jobErrorMessage(std::current_exception()));
        }
        reload(); // new checkpoints (also after a cancel: the finished ones count)
        Q_EMIT trainingFinished(ok);
    });
    watcher->setFuture(m_trainFuture);
}

void RecsPanel::cancelRetrain()
{
    m_trainFuture.cancel();
}

// --- rules ---------------------------------------------------------------------------------------

void RecsPanel::loadRulesIntoEditor()
{
    m_hideStock->setChecked(m_rules.hideOutOfStock);
    m_hideBought->setChecked(m_rules.hidePurchased);
    m_hideViewed->setChecked(m_rules.hideRecentlyViewed);
    m_perCategory->setValue(m_rules.maxPerCategory);
    m_diversity->setValue(m_rules.diversity);
    m_boosts->setRowCount(0);
    if (!m_state)
        return;
    const bool zh = QLocale().language() == QLocale::Chinese;
    for (const auto& c : m_state->categories) {
        const int row = m_boosts->rowCount();
        m_boosts->insertRow(row);
        auto* name = new QTableWidgetItem(QString::fromStdString(zh && !c.nameZh.empty() ? c.nameZh : c.name));
        name->setFlags(name->flags() & ~Qt::ItemIsEditable);
        name->setData(Qt::UserRole, qlonglong(c.id));
        m_boosts->setItem(row, 0, name);
        auto it = m_rules.categoryBoost.find(c.id);
        auto* factor = new QTableWidgetItem;
        factor->setData(Qt::EditRole, it == m_rules.categoryBoost.end() ? 1.0 : it->second);
        m_boosts->setItem(row, 1, factor);
    }
}

void RecsPanel::saveRulesFromEditor()
{
    if (!m_state)
        return;
    recs::RecsRules r;
    r.hideOutOfStock = m_hideStock->isChecked();
    r.hidePurchased = m_hideBought->isChecked();
    r.hideRecentlyViewed = m_hideViewed->isChecked();
    r.maxPerCategory = m_perCategory->value();
    r.diversity = m_diversity->value();
    for (int row = 0; row < m_boosts->rowCount(); ++row) {
        bool ok = false;
        const double f = m_boosts->item(row, 1)->data(Qt::EditRole).toDouble(&ok);
        if (!ok || f < 0) {
            m_rulesStatus->setText(tr("Row %1: a factor must be a number >= 0.").arg(row + 1));
            return;
        }
        if (std::abs(f - 1.0) > 1e-9)
            r.categoryBoost[m_boosts->item(row, 0)->data(Qt::UserRole).toLongLong()] = f;
    }
    m_saveRules->setEnabled(false);
    m_rulesStatus->setText(tr("Saving…"));
    m_view->store().write(
        this, [r](auto& db) { recs::saveRules(db, r); },
        [this, r] {
            m_saveRules->setEnabled(true);
            m_rules = r;
            m_rulesStatus->setText(tr("Rules saved."));
            refreshCustomer();
            Q_EMIT rulesSaved(true);
        },
        [this](const QString& error) {
            m_saveRules->setEnabled(true);
            m_rulesStatus->setText(error);
            Q_EMIT rulesSaved(false);
        });
}

} // namespace shoppilot::ui

// Joins the sidebar (shell/panel_registry.h); the shell includes no panel header.
SHOPPILOT_REGISTER_PANEL(20, "recs", QT_TRANSLATE_NOOP("Panels", "Recommendations"), ":/icons/recs.svg",
                         shoppilot::ui::createRecsPanel)
