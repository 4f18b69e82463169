#include "risk/risk_panel.h"

#include <QComboBox>
#include <QDateTime>
#include <QTimeZone>
#include <QEvent>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSlider>
#include <QSplitter>
#include <QStackedWidget>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <chrono>
#include <cmath>
#include <mutex>
#include <set>
#include <string_view>

#include "common/error.h"
#include "common/identity.h"
#include "risk/risk_format.h"
#include "risk/risk_models.h"
#include "shell/job_runner.h"
#include "shell/view_state.h"
#include "shell/store_service.h"
#include "store/database.h"
#include "store/store_access.h"
#include "widgets/xy_chart_view.h"

namespace shoppilot::ui {

// What the panel's background jobs share. The live scorer (sweep state over the whole history)
// is not thread-safe: a job that uses it holds `work` throughout. The pointer is published under
// its own short lock, so no thread reads it while another assigns it. The GUI thread never
// touches the scorer: jobs hand it what it shows as plain values. Store work goes through the
// view's StoreService (reads on pooled readers, writes on the one writer), never a connection
// of the panel's own.
struct RiskSession {
    std::mutex work;
    std::shared_ptr<store::StoreAccess> access; // null when no store is open
    std::shared_ptr<risk::RiskScorer> scorer() const
    {
        std::lock_guard lock(m_pointer);
        return m_scorer;
    }
    void setScorer(std::shared_ptr<risk::RiskScorer> scorer)
    {
        std::lock_guard lock(m_pointer);
        m_scorer = std::move(scorer);
    }

private:
    mutable std::mutex m_pointer;
    std::shared_ptr<risk::RiskScorer> m_scorer;
};

namespace {

struct ScorerLoad {
    risk::ThresholdView threshold;
    bool missing = false;
    std::int64_t labels = 0; // fraud labels in the store (read when the model is missing)
    std::string rulesJson;
    std::vector<std::string> rulesProblems; // saved list entries that are not valid (ignored)
    int version = 0;
    std::string engine, why;
    float review = 0, high = 0;
};

struct QueueData {
    std::vector<risk::AlertRow> alerts;
    std::vector<risk::AuditRow> audit;
};

struct DetailsData {
    qint64 alertId = 0;
    risk::CustomerRisk customer;
    std::vector<risk::LinkedOrder> linked;
};

struct TrainDone {
    risk::TrainReport report;
    int alerts = 0;
};

struct NewScored {
    int orders = 0;
    int alerts = 0;
    double ms = 0;
};

constexpr int kBackfillDays = 14;
const QString kAnalystKey = QStringLiteral("risk/analyst");

// The app's one audit identity; the header field overrides it for this analyst.
QString defaultAnalyst()
{
    return QString::fromStdString(actorName());
}

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace

template <typename R, typename Work, typename Done>
void RiskPanel::runJob(const QString& title, Work work, Done done, const QString& slot)
{
    const quint64 generation = m_generation;
    QFuture<R> future = m_jobs->run<R>(title, std::function<R(const Progress&)>(std::move(work)), slot);
    auto* watcher = new QFutureWatcher<R>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, done] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // another store was opened meanwhile
        QFuture<R> f = watcher->future();
        try {
            f.waitForFinished(); // rethrows the job's exception
            if (f.isCanceled()) {
                setStatus(tr("Cancelled."));
                return;
            }
            done(f.result());
        } catch (...) {
            const QString message = jobErrorMessage(std::current_exception());
            setStatus(message);
            Q_EMIT failed(message);
        }
    });
    watcher->setFuture(future);
}

RiskPanel::RiskPanel(const PanelContext& context, QWidget* parent)
    : QWidget(parent), m_view(context.view), m_jobs(context.jobs), m_session(std::make_shared<RiskSession>())
{
    buildUi();
    retranslate();
    connect(m_view, &ViewState::storeChanged, this, &RiskPanel::onStoreChanged);
    connect(m_view, &ViewState::dataChanged, this, [this](const QString& table) {
        if (table == QLatin1String("orders"))
            scoreNewOrders();
    });
    if (!m_view->storePath().isEmpty())
        onStoreChanged(m_view->storePath());
}

RiskPanel::~RiskPanel() = default;

template <typename Work, typename Done>
void RiskPanel::readStore(Work work, Done done)
{
    const quint64 generation = m_generation;
    m_view->store().read(
        this, std::move(work),
        [this, generation, done](auto result) {
            if (generation == m_generation)
                done(std::move(result));
        },
        [this, generation](const QString& message) {
            if (generation != m_generation)
                return;
            setStatus(message);
            Q_EMIT failed(message);
        });
}

void RiskPanel::buildUi()
{
    auto* outer = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_statusLabel = new QLabel;
    m_statusLabel->setObjectName(QStringLiteral("riskStatus"));
    m_statusLabel->setWordWrap(true);
    m_analystLabel = new QLabel;
    m_analyst = new QLineEdit(QSettings().value(kAnalystKey, defaultAnalyst()).toString());
    m_analyst->setMaximumWidth(160);
    connect(m_analyst, &QLineEdit::editingFinished, this, [this] { setAnalyst(m_analyst->text()); });
    m_scoreRecent = new QPushButton;
    connect(m_scoreRecent, &QPushButton::clicked, this, &RiskPanel::scoreRecent);
    m_retrain = new QPushButton;
    connect(m_retrain, &QPushButton::clicked, this, &RiskPanel::trainModel);
    top->addWidget(m_statusLabel, 1);
    top->addWidget(m_analystLabel);
    top->addWidget(m_analyst);
    top->addWidget(m_scoreRecent);
    top->addWidget(m_retrain);
    outer->addLayout(top);

    m_pages = new QStackedWidget;
    auto* messagePage = new QWidget;
    auto* ml = new QVBoxLayout(messagePage);
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("riskMessage"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_trainButton = new QPushButton;
    m_trainButton->setObjectName(QStringLiteral("riskTrainButton"));
    connect(m_trainButton, &QPushButton::clicked, this, &RiskPanel::trainModel);
    ml->addStretch();
    ml->addWidget(m_message);
    ml->addWidget(m_trainButton, 0, Qt::AlignCenter);
    ml->addStretch();
    m_pages->addWidget(messagePage);

    m_tabs = new QTabWidget;
    m_tabs->addTab(buildQueueTab(), QString());
    m_tabs->addTab(buildThresholdTab(), QString());
    m_tabs->addTab(buildRulesTab(), QString());
    m_audit = new AuditModel(this);
    m_auditView = new QTableView;
    m_auditView->setModel(m_audit);
    m_auditView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_auditView->horizontalHeader()->setStretchLastSection(true);
    m_auditView->verticalHeader()->hide();
    m_tabs->addTab(m_auditView, QString());
    m_pages->addWidget(m_tabs);
    outer->addWidget(m_pages, 1);
}

QWidget* RiskPanel::buildQueueTab()
{
    auto* w = new QWidget;
    auto* v = new QVBoxLayout(w);
    auto* filters = new QHBoxLayout;
    m_filterLabel = new QLabel;
    m_levelFilter = new QComboBox;
    m_ruleFilter = new QComboBox;
    m_patternFilter = new QComboBox;
    m_dateFilter = new QComboBox;
    for (auto* c : {m_levelFilter, m_ruleFilter, m_patternFilter, m_dateFilter}) {
        c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        connect(c, &QComboBox::currentIndexChanged, this, &RiskPanel::applyFilter);
    }
    m_levelFilter->setObjectName(QStringLiteral("levelFilter"));
    m_ruleFilter->setObjectName(QStringLiteral("ruleFilter"));
    m_patternFilter->setObjectName(QStringLiteral("patternFilter"));
    m_dateFilter->setObjectName(QStringLiteral("dateFilter"));
    filters->addWidget(m_filterLabel);
    filters->addWidget(m_levelFilter);
    filters->addWidget(m_ruleFilter);
    filters->addWidget(m_patternFilter);
    filters->addWidget(m_dateFilter);
    filters->addStretch();
    v->addLayout(filters);

    auto* split = new QSplitter(Qt::Horizontal);
    m_alerts = new AlertModel(this);
    m_queue = new QTableView;
    m_queue->setObjectName(QStringLiteral("riskQueue"));
    m_queue->setModel(m_alerts);
    m_queue->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_queue->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_queue->verticalHeader()->hide();
    m_queue->horizontalHeader()->setStretchLastSection(true);
    m_queue->setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(m_queue->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RiskPanel::showDetails);
    split->addWidget(m_queue);

    auto* right = new QWidget;
    auto* rv = new QVBoxLayout(right);
    rv->setContentsMargins(0, 0, 0, 0);
    m_details = new QTextBrowser;
    m_details->setObjectName(QStringLiteral("riskDetails"));
    m_linked = new LinkedOrderModel(this);
    m_linkedView = new QTableView;
    m_linkedView->setModel(m_linked);
    m_linkedView->verticalHeader()->hide();
    m_linkedView->horizontalHeader()->setStretchLastSection(true);
    rv->addWidget(m_details, 3);
    rv->addWidget(m_linkedView, 2);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    v->addWidget(split, 1);

    auto* decide = new QHBoxLayout;
    m_reason = new QComboBox;
    m_reason->setEditable(true);
    m_reason->setMinimumContentsLength(18);
    m_note = new QLineEdit;
    m_approve = new QPushButton;
    m_reject = new QPushButton;
    m_escalate = new QPushButton;
    m_approve->setObjectName(QStringLiteral("approveButton"));
    m_reject->setObjectName(QStringLiteral("rejectButton"));
    m_escalate->setObjectName(QStringLiteral("escalateButton"));
    connect(m_approve, &QPushButton::clicked, this, &RiskPanel::approve);
    connect(m_reject, &QPushButton::clicked, this, &RiskPanel::reject);
    connect(m_escalate, &QPushButton::clicked, this, &RiskPanel::escalate);
    m_keysHint = new QLabel;
    m_keysHint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    decide->addWidget(m_reason);
    decide->addWidget(m_note, 1);
    decide->addWidget(m_approve);
    decide->addWidget(m_reject);
    decide->addWidget(m_escalate);
    decide->addWidget(m_keysHint);
    v->addLayout(decide);

    // Hotkeys act while the queue has focus, so typing a note never decides an order.
    auto key = [this](Qt::Key k, void (RiskPanel::*slot)()) {
        auto* s = new QShortcut(QKeySequence(k), m_queue);
        s->setContext(Qt::WidgetShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    key(Qt::Key_A, &RiskPanel::approve);
    key(Qt::Key_R, &RiskPanel::reject);
    key(Qt::Key_E, &RiskPanel::escalate);
    key(Qt::Key_J, &RiskPanel::next);
    key(Qt::Key_K, &RiskPanel::previous);
    return w;
}

QWidget* RiskPanel::buildThresholdTab()
{
    auto* w = new QWidget;
    auto* v = new QVBoxLayout(w);
    auto* charts = new QHBoxLayout;
    m_histogram = new XyChartView;
    m_prCurve = new XyChartView;
    m_histogram->setMinimumHeight(260);
    charts->addWidget(m_histogram, 1);
    charts->addWidget(m_prCurve, 1);
    v->addLayout(charts, 1);
    m_slider = new QSlider(Qt::Horizontal);
    m_slider->setObjectName(QStringLiteral("thresholdSlider"));
    m_slider->setRange(0, 100);
    m_slider->setValue(50);
    connect(m_slider, &QSlider::valueChanged, this, &RiskPanel::updateThreshold);
    m_thresholdSummary = new QLabel;
    m_thresholdSummary->setObjectName(QStringLiteral("thresholdSummary"));
    m_thresholdSummary->setWordWrap(true);
    m_maturityNote = new QLabel;
    m_maturityNote->setObjectName(QStringLiteral("maturityNote"));
    m_maturityNote->setWordWrap(true);
    m_maturityNote->setStyleSheet(QStringLiteral("color: #9a6700;"));
    v->addWidget(m_slider);
    v->addWidget(m_thresholdSummary);
    v->addWidget(m_maturityNote);
    return w;
}

QWidget* RiskPanel::buildRulesTab()
{
    auto* w = new QWidget;
    auto* v = new QVBoxLayout(w);
    m_rulesOrder = new QLabel;
    m_rulesOrder->setWordWrap(true);
    v->addWidget(m_rulesOrder);
    auto* split = new QSplitter(Qt::Vertical);
    m_rulesEdit = new QPlainTextEdit;
    m_rulesEdit->setObjectName(QStringLiteral("rulesEditor"));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_rulesEdit->setFont(mono);
    connect(m_rulesEdit, &QPlainTextEdit::textChanged, this, [this] {
        m_saveRules->setEnabled(m_rulesEdit->toPlainText() == m_rulesBacktested && !m_rulesBacktested.isEmpty());
    });
    split->addWidget(m_rulesEdit);
    m_backtest = new BacktestModel(this);
    m_backtestView = new QTableView;
    m_backtestView->setModel(m_backtest);
    m_backtestView->verticalHeader()->hide();
    m_backtestView->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    split->addWidget(m_backtestView);
    v->addWidget(split, 1);
    auto* buttons = new QHBoxLayout;
    m_backtestRules = new QPushButton;
    m_saveRules = new QPushButton;
    m_saveRules->setEnabled(false);
    connect(m_backtestRules, &QPushButton::clicked, this, &RiskPanel::backtestRules);
    connect(m_saveRules, &QPushButton::clicked, this, &RiskPanel::saveRules);
    buttons->addStretch();
    buttons->addWidget(m_backtestRules);
    buttons->addWidget(m_saveRules);
    v->addLayout(buttons);
    return w;
}

void RiskPanel::retranslate()
{
    m_analystLabel->setText(tr("Analyst:"));
    m_scoreRecent->setText(tr("Score last %1 days").arg(kBackfillDays));
    m_retrain->setText(tr("Train model"));
    m_trainButton->setText(tr("Train model"));
    m_tabs->setTabText(0, tr("Review queue"));
    m_tabs->setTabText(1, tr("Threshold"));
    m_tabs->setTabText(2, tr("Rules"));
    m_tabs->setTabText(3, tr("Audit log"));
    m_filterLabel->setText(tr("Filter:"));
    m_approve->setText(tr("Approve (A)"));
    m_reject->setText(tr("Reject (R)"));
    m_escalate->setText(tr("Escalate (E)"));
    m_keysHint->setText(tr("J/K: next/previous"));
    m_note->setPlaceholderText(tr("Note (optional)"));
    const QString reason = m_reason->currentText();
    m_reason->clear();
    m_reason->addItems({tr("Confirmed fraud"), tr("Stolen card"), tr("Account takeover"), tr("Known customer"),
                        tr("Verified with the customer"), tr("Needs a senior analyst")});
    if (!reason.isEmpty())
        m_reason->setCurrentText(reason);
    const auto refill = [](QComboBox* c, const QList<QPair<QString, QString>>& items) {
        const QString cur = c->currentData().toString();
        QSignalBlocker b(c);
        c->clear();
        for (const auto& [text, data] : items)
            c->addItem(text, data);
        const int i = c->findData(cur);
        c->setCurrentIndex(i >= 0 ? i : 0);
    };
    refill(m_levelFilter, {{tr("Any level"), QString()}, {tr("High"), QStringLiteral("high")}, {tr("Review"), QStringLiteral("review")}, {tr("Low"), QStringLiteral("low")}});
    refill(m_dateFilter, {{tr("Any date"), QString()}, {tr("Last 24 hours"), QStringLiteral("1")}, {tr("Last 7 days"), QStringLiteral("7")},
                          {tr("Last 30 days"), QStringLiteral("30")}});
    m_rulesOrder->setText(tr("Evaluation order: 1. block list → block; 2. allow list → allow; 3. enabled rules from top to "
                             "bottom, the first whose conditions all hold decides (allow, review or block); 4. otherwise the "
                             "model: score above the review level → review. Conditions use the feature keys shown in the "
                             "reasons (e.g. device_1h, account_age_days) or \"score\". Backtest before saving."));
    m_backtestRules->setText(tr("Backtest on the last 90 days"));
    m_saveRules->setText(tr("Save rules"));
    m_histogram->setTitle(tr("Score distribution by label"));
    m_histogram->setEmptyText(tr("No scored orders with settled labels yet."));
    m_prCurve->setTitle(tr("Precision and recall"));
    m_prCurve->setEmptyText(tr("No scored orders with settled labels yet."));
    m_message->setText(hasModel() ? QString() : missingModelText());
    if (m_pages->currentIndex() == 1) {
        updateThreshold();
        showDetails();
    }
}

QString RiskPanel::missingModelText() const
{
    if (m_noLabels)
        return tr("This store has no fraud labels: no chargebacks and no review decisions (an orders-only import, such "
                  "as Online Retail, has none). The fraud model learns from them, so there is nothing to train on "
                  "and no order is screened. Connect the shop (Sync > Shop connection) so its refunds and chargebacks "
                  "sync; Train model appears once the store has labels.");
    return tr("No fraud model has been trained on this store yet. Train one on the store's labelled history "
              "(chargebacks and review decisions); it takes about a minute on the demo store.");
}

void RiskPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

QString RiskPanel::statusText() const
{
    return m_status;
}

void RiskPanel::setStatus(const QString& text)
{
    m_status = text;
    m_statusLabel->setText(text);
}

bool RiskPanel::hasModel() const
{
    return m_hasModel;
}

QString RiskPanel::analyst() const
{
    return m_analyst->text().trimmed();
}

void RiskPanel::setAnalyst(const QString& name)
{
    if (m_analyst->text() != name)
        m_analyst->setText(name);
    QSettings().setValue(kAnalystKey, name.trimmed());
}

int RiskPanel::currentRow() const
{
    const QModelIndex i = m_queue->currentIndex();
    return i.isValid() ? i.row() : -1;
}

// ------------------------------------------------------------------------------ loading

void RiskPanel::onStoreChanged(const QString& path)
{
    ++m_generation;
    m_hasModel = false;
    m_session = std::make_shared<RiskSession>();
    m_session->access = m_view->store().access();
    m_allAlerts.clear();
    m_alerts->setRows({});
    m_audit->setRows({});
    m_linked->setRows({}, {});
    m_details->clear();
    m_histogram->clear();
    m_prCurve->clear();
    if (path.isEmpty()) {
        m_message->setText(tr("Open a store to review its orders."));
        m_trainButton->hide();
        m_pages->setCurrentIndex(0);
        return;
    }
    loadScorer();
}

void RiskPanel::loadScorer()
{
    setStatus(tr("Loading the fraud model and the order history…"));
    m_message->setText(tr("Loading…"));
    m_trainButton->hide();
    m_pages->setCurrentIndex(0);
    auto session = m_session;
    runJob<ScorerLoad>(
        tr("Loading the fraud model"),
        [session](const Progress& p) {
            ScorerLoad r;
            std::shared_ptr<risk::RiskScorer> scorer;
            try {
                if (!session->access)
                    throw Error(ErrorCode::NotFound, "no store is open");
                scorer = session->access->read([&](store::Database& db) {
                    return std::make_shared<risk::RiskScorer>(risk::RiskScorer::open(db, p));
                });
            } catch (const Error& e) {
                if (e.code() != ErrorCode::NotFound)
                    throw;
                r.missing = true;
                r.labels = session->access->read([](store::Database& db) { return risk::countFraudLabels(db); });
                return r;
            }
            r.threshold = risk::thresholdView(*scorer);
            r.rulesJson = scorer->rules().toJson();
            r.rulesProblems = scorer->rules().problems();
            r.version = scorer->modelVersion();
            r.engine = scorer->model().engine();
            r.why = scorer->model().choiceReason();
            r.review = scorer->model().reviewThreshold();
            r.high = scorer->model().highThreshold();
            session->setScorer(std::move(scorer));
            return r;
        },
        [this](const ScorerLoad& r) {
            if (r.missing) {
                m_noLabels = r.labels == 0;
                m_message->setText(missingModelText());
                m_trainButton->setVisible(!m_noLabels);
                m_retrain->setVisible(!m_noLabels);
                m_scoreRecent->setEnabled(false); // nothing to score with yet
                m_pages->setCurrentIndex(0);
                setStatus(tr("No fraud model yet."));
                Q_EMIT modelMissing();
                return;
            }
            m_hasModel = true;
            m_retrain->setVisible(true);
            m_scoreRecent->setEnabled(true);
            m_thresholdData = r.threshold;
            const float review = r.review;
            {
                QSignalBlocker b(m_slider);
                // The slider runs on thresholdStep's log scale.
                m_slider->setValue(int(std::lround(100.0 * (std::log10(std::max(0.01f, review)) + 2.0) / 4.0)));
            }
            {
                QSignalBlocker b(m_rulesEdit);
                m_rulesEdit->setPlainText(qs(r.rulesJson));
            }
            m_rulesBacktested.clear();
            m_saveRules->setEnabled(false);
            updateThreshold();
            m_pages->setCurrentIndex(1);
            QString status = tr("Fraud model v%1 (%2): review above %3, high above %4.")
                                 .arg(r.version)
                                 .arg(qs(r.engine))
                                 .arg(riskfmt::score(review))
                                 .arg(riskfmt::score(r.high));
            if (!r.rulesProblems.empty())
                status += QLatin1Char(' ') + tr("The saved rules have entries that are not valid and are ignored: %1")
                                                 .arg(qs(r.rulesProblems.front()));
            setStatus(status);
            m_statusLabel->setToolTip(qs(r.why));
            Q_EMIT modelLoaded();
            reloadQueue();
        },
        QStringLiteral("risk.load"));
}

void RiskPanel::reloadQueue()
{
    if (!m_session->access)
        return;
    readStore(
        [](store::Database& db) {
            QueueData q;
            q.alerts = risk::listAlerts(db, {});
            q.audit = risk::listAudit(db);
            return q;
        },
        [this](const QueueData& q) {
            m_allAlerts = q.alerts;
            m_audit->setRows(q.audit);
            m_auditView->resizeColumnsToContents();
            // Rule and pattern choices come from the queue itself.
            const auto refill = [](QComboBox* c, const QString& anyText, const std::set<std::string>& keys, auto label) {
                const QString cur = c->currentData().toString();
                QSignalBlocker b(c);
                c->clear();
                c->addItem(anyText, QString());
                for (const auto& k : keys)
                    c->addItem(label(k), qs(k));
                const int i = c->findData(cur);
                c->setCurrentIndex(i >= 0 ? i : 0);
            };
            std::set<std::string> rules, patterns;
            for (const auto& a : m_allAlerts) {
                rules.insert(a.ruleId);
                if (!a.pattern.empty())
                    patterns.insert(a.pattern);
            }
            refill(m_ruleFilter, tr("Any rule"), rules, [this](const std::string& k) { return k.empty() ? tr("model score") : qs(k); });
            refill(m_patternFilter, tr("Any pattern"), patterns, [](const std::string& k) { return riskfmt::featureName(qs(k)); });
            applyFilter();
            Q_EMIT queueLoaded();
        });
}

void RiskPanel::applyFilter()
{
    const QString level = m_levelFilter->currentData().toString();
    const QString rule = m_ruleFilter->currentData().toString();
    const bool anyRule = m_ruleFilter->currentIndex() <= 0;
    const QString pattern = m_patternFilter->currentData().toString();
    const int days = m_dateFilter->currentData().toString().toInt();
    Timestamp newest = 0;
    for (const auto& a : m_allAlerts)
        newest = std::max(newest, a.orderTs);
    std::vector<risk::AlertRow> rows;
    for (const auto& a : m_allAlerts) {
        if (!level.isEmpty() && qs(a.level) != level)
            continue;
        if (!anyRule && qs(a.ruleId) != rule)
            continue;
        if (!pattern.isEmpty() && qs(a.pattern) != pattern)
            continue;
        if (days > 0 && a.orderTs < newest - Timestamp(days) * 86400)
            continue;
        rows.push_back(a);
    }
    const int n = int(rows.size());
    // Keep the analyst where they were: the alert they had open if it is still listed, else the
    // one now in its place (the next after a decision); a live alert arriving must not move them.
    const int before = currentRow();
    const std::int64_t openId = before >= 0 && before < m_alerts->rowCount() ? m_alerts->alert(before).id : -1;
    int keep = before < 0 ? 0 : std::min(before, n - 1);
    for (int i = 0; i < n; ++i)
        if (rows[std::size_t(i)].id == openId) {
            keep = i;
            break;
        }
    const bool wasEmpty = m_alerts->rowCount() == 0;
    m_alerts->setRows(std::move(rows));
    // Size the columns once the queue has rows (measuring every row of a long queue on each live
    // alert froze the window); later reloads keep the widths the analyst may have dragged.
    if (wasEmpty && n > 0)
        m_queue->resizeColumnsToContents();
    if (n > 0) {
        m_queue->setCurrentIndex(m_alerts->index(keep, 0));
        m_queue->selectRow(keep);
    } else {
        m_details->setHtml(m_allAlerts.empty() ? tr("<p>The queue is empty. New orders are scored as they arrive; "
                                                    "<b>Score last %1 days</b> fills the queue from recent history.</p>").arg(kBackfillDays)
                                               : tr("<p>No open alert matches the filters.</p>"));
        m_linked->setRows({}, {});
    }
}

void RiskPanel::showDetails()
{
    const int row = currentRow();
    if (row < 0 || row >= m_alerts->rowCount()) {
        return;
    }
    const risk::AlertRow a = m_alerts->alert(row);
    QString html = QStringLiteral("<h3>%1 · %2</h3>").arg(qs(a.orderRef).toHtmlEscaped(), riskfmt::money(a.amountMinor, qs(a.currency)));
    html += tr("<p>Placed %1 · score <b>%2</b> (%3) · model v%4 · %5</p>")
                .arg(riskfmt::dateTime(a.orderTs), riskfmt::score(a.score), riskfmt::levelText(qs(a.level)),
                     qs(a.modelVersion), a.ruleId.empty() ? tr("flagged by the model score") : tr("rule %1").arg(qs(a.ruleId)));
    html += QStringLiteral("<p><b>%1</b></p><ul>").arg(tr("Why it was flagged"));
    for (const auto& r : a.reasons)
        html += QStringLiteral("<li>%1</li>").arg(riskfmt::reasonText(r).toHtmlEscaped());
    if (a.reasons.empty())
        html += QStringLiteral("<li>%1</li>").arg(tr("no single feature stands out"));
    html += QStringLiteral("</ul>");
    m_details->setHtml(html + QStringLiteral("<p><i>%1</i></p>").arg(tr("Loading the customer's history…")));
    const qint64 alertId = a.id;
    const auto orderId = a.orderId;
    const auto customerId = a.customerId;
    const QString currency = qs(a.currency);
    readStore(
        [alertId, orderId, customerId](store::Database& db) {
            DetailsData d;
            d.alertId = alertId;
            if (customerId >= 0)
                d.customer = risk::customerRisk(db, customerId);
            d.linked = risk::linkedOrders(db, orderId);
            return d;
        },
        [this, html, currency](const DetailsData& d) {
            const int row = currentRow();
            if (row < 0 || m_alerts->alert(row).id != d.alertId)
                return; // the analyst moved on
            QString more = html;
            const auto& c = d.customer;
            more += QStringLiteral("<p><b>%1</b></p>").arg(tr("Customer"));
            if (c.customerId < 0) {
                more += tr("<p>Guest order (no customer account).</p>");
            } else {
                more += tr("<p>%1 (#%2) · account since %3<br>%4 orders, %5 spent · %6 refunds or returns · %7 chargebacks</p>")
                            .arg(qs(c.name).toHtmlEscaped())
                            .arg(c.customerId)
                            .arg(QLocale().toString(QDateTime::fromSecsSinceEpoch(c.createdAt).date(), QLocale::ShortFormat))
                            .arg(c.orders)
                            .arg(riskfmt::money(c.spentMinor, currency))
                            .arg(c.refunds)
                            .arg(c.chargebacks);
                if (c.credit) {
                    more += tr("<p>Credit score <b>%1</b> (probability of refund abuse or chargeback %2%)</p>")
                                .arg(QLocale().toString(c.credit->score, 'f', 0))
                                .arg(QLocale().toString(100 * c.credit->probabilityBad, 'f', 1));
                    if (!c.credit->reasons.empty()) {
                        more += QStringLiteral("<ul>");
                        for (const auto& r : c.credit->reasons)
                            more += QStringLiteral("<li>%1</li>").arg(tr("%1 = %2 (−%3 points)").arg(qs(r.feature), qs(r.bin).toHtmlEscaped(),
                                                                                                   QLocale().toString(r.pointsLost, 'f', 0)));
                        more += QStringLiteral("</ul>");
                    }
                } else {
                    more += tr("<p>No credit scorecard yet (Train model builds one).</p>");
                }
            }
            more += QStringLiteral("<p><b>%1</b></p>").arg(tr("Linked orders: %1").arg(d.linked.size()));
            m_details->setHtml(more);
            m_linked->setRows(d.linked, currency);
            m_linkedView->resizeColumnsToContents();
        });
}

// ------------------------------------------------------------------------------ decisions

void RiskPanel::approve()
{
    decide(risk::Decision::Approve);
}

void RiskPanel::reject()
{
    decide(risk::Decision::Reject);
}

void RiskPanel::escalate()
{
    decide(risk::Decision::Escalate);
}

void RiskPanel::next()
{
    const int row = currentRow();
    if (row + 1 < m_alerts->rowCount()) {
        m_queue->setCurrentIndex(m_alerts->index(row + 1, 0));
        m_queue->selectRow(row + 1);
    }
}

void RiskPanel::previous()
{
    const int row = currentRow();
    if (row > 0) {
        m_queue->setCurrentIndex(m_alerts->index(row - 1, 0));
        m_queue->selectRow(row - 1);
    }
}

void RiskPanel::decide(risk::Decision d)
{
    if (analyst().isEmpty()) {
        setStatus(tr("Enter your name as analyst first: every decision is signed in the audit log."));
        m_analyst->setFocus();
        return;
    }
    std::vector<std::int64_t> ids;
    QSet<qint64> idSet;
    int first = m_alerts->rowCount();
    for (const QModelIndex& i : m_queue->selectionModel()->selectedRows()) {
        ids.push_back(m_alerts->alert(i.row()).id);
        idSet.insert(m_alerts->alert(i.row()).id);
        first = std::min(first, i.row());
    }
    if (ids.empty() && currentRow() >= 0) {
        first = currentRow();
        ids.push_back(m_alerts->alert(first).id);
        idSet.insert(ids.back());
    }
    if (ids.empty())
        return;
    // Off the screen at once so the analyst can go on; the write follows in the background.
    m_alerts->removeAlerts(idSet);
    std::erase_if(m_allAlerts, [&](const risk::AlertRow& a) { return idSet.contains(a.id); });
    if (m_alerts->rowCount() > 0) {
        const int row = std::min(first, m_alerts->rowCount() - 1);
        m_queue->setCurrentIndex(m_alerts->index(row, 0));
        m_queue->selectRow(row);
    }
    const std::string reason = m_reason->currentText().toStdString(), note = m_note->text().toStdString(),
                      who = analyst().toStdString();
    m_note->clear();
    const int count = int(ids.size());
    const auto now = Timestamp(QDateTime::currentSecsSinceEpoch());
    const quint64 generation = m_generation;
    // The one writer keeps quick A/R/E presses in order.
    m_view->store().write(
        this,
        [ids, d, reason, note, who, now](store::Database& db) {
            risk::recordDecisions(db, ids, d, reason, note, who, now);
            return int(ids.size());
        },
        [this, count, d, generation](int) {
            if (generation != m_generation)
                return;
            const QString what = d == risk::Decision::Approve ? tr("approved") : d == risk::Decision::Reject ? tr("rejected") : tr("escalated");
            setStatus(tr("Orders %1: %2; %3 left in the queue.").arg(what).arg(count).arg(m_alerts->rowCount()));
            readStore([](store::Database& db) { return risk::listAudit(db); },
                      [this](const std::vector<risk::AuditRow>& rows) { m_audit->setRows(rows); });
            Q_EMIT decisionsSaved(count);
        },
        [this, generation](const QString& message) {
            if (generation != m_generation)
                return;
            setStatus(message);
            Q_EMIT failed(message);
        });
}

// ------------------------------------------------------------------------------ training, scoring

void RiskPanel::trainModel()
{
    auto session = m_session;
    if (!session->access)
        return;
    setStatus(tr("Training the fraud model…"));
    m_trainButton->setEnabled(false);
    m_retrain->setEnabled(false);
    runJob<TrainDone>(
        tr("Training the fraud model"),
        [access = session->access](const Progress& p) {
            ProgressReporter rep(p);
            TrainDone t;
            // Read, fit holding no connection, then one short writer turn to save.
            const auto data = access->read(
                [&](store::Database& db) { return risk::loadRiskTrainingData(db, rep.sub(0, 0.2).callback()); });
            const auto fitted = risk::fitRiskModels(data, rep.sub(0.2, 0.85).callback());
            t.report = access->write([&](store::Database& db) { return risk::saveRiskModels(db, fitted); });
            // A store never scored before gets a queue from its recent orders.
            if (access->read([](store::Database& db) { return risk::countAlerts(db); }) == 0) {
                auto scorer = access->read([&](store::Database& db) {
                    return risk::RiskScorer::open(db, rep.sub(0.85, 0.95).callback());
                });
                t.alerts = access->write([&](store::Database& db) { return scorer.backfill(db, kBackfillDays); });
            }
            return t;
        },
        [this](const TrainDone& t) {
            m_trainButton->setEnabled(true);
            m_retrain->setEnabled(true);
            setStatus(tr("Fraud model v%1 trained (%2); %3 alerts raised from the last %4 days.")
                          .arg(t.report.version)
                          .arg(qs(t.report.engine))
                          .arg(t.alerts)
                          .arg(kBackfillDays));
            loadScorer();
        },
        QStringLiteral("risk.train"));
}

void RiskPanel::scoreRecent()
{
    auto session = m_session;
    if (!m_hasModel)
        return;
    runJob<int>(
        tr("Scoring recent orders"),
        [session](const Progress& p) {
            std::lock_guard lock(session->work);
            const auto scorer = session->scorer();
            if (!scorer || !session->access)
                return 0;
            return session->access->write([&](store::Database& db) { return scorer->backfill(db, kBackfillDays, p); });
        },
        [this](int n) {
            setStatus(tr("New alerts from the last %1 days: %2.").arg(kBackfillDays).arg(n));
            reloadQueue();
        });
}

void RiskPanel::scoreNewOrders()
{
    auto session = m_session;
    if (!m_hasModel)
        return;
    runJob<NewScored>(
        tr("Scoring new orders"),
        [session](const Progress&) {
            std::lock_guard lock(session->work);
            const auto t0 = std::chrono::steady_clock::now();
            NewScored r;
            const auto scorer = session->scorer();
            if (!scorer || !session->access)
                return r;
            const auto scored = session->access->write([&](store::Database& db) { return scorer->scoreNew(db); });
            for (const auto& s : scored) {
                ++r.orders;
                r.alerts += s.alerted;
            }
            r.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
            return r;
        },
        [this](const NewScored& r) {
            if (r.orders == 0)
                return;
            setStatus(tr("New orders scored: %1 in %2 ms").arg(r.orders).arg(QLocale().toString(r.ms, 'f', 1)) +
                      (r.alerts ? tr("; flagged for review: %1.").arg(r.alerts) : tr("; none flagged.")));
            if (r.alerts > 0) {
                notify(tr("Orders flagged for review"), tr("New orders in the risk queue: %1.").arg(r.alerts));
                reloadQueue();
            }
            Q_EMIT newOrdersScored(r.orders, r.alerts, r.ms);
        },
        QStringLiteral("risk.live"));
}

void RiskPanel::notify(const QString& title, const QString& text)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return; // the status line already says it
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/risk.svg")), this);
        m_tray->show();
    }
    m_tray->showMessage(title, text, QSystemTrayIcon::Warning, 8000);
}

// ------------------------------------------------------------------------------ threshold

void RiskPanel::updateThreshold()
{
    const auto& v = m_thresholdData;
    if (v.orders == 0 || v.points.empty()) {
        m_histogram->clear();
        m_prCurve->clear();
        m_thresholdSummary->setText(tr("No scored orders with settled labels yet."));
        m_maturityNote->clear();
        return;
    }
    QStringList bins;
    const int width = 100 / v.bins;
    XyChartView::Columns fraud{tr("Fraud (chargeback or rejected)"), {}}, legit{tr("Not known as fraud"), {}};
    for (int b = 0; b < v.bins; ++b) {
        bins << QLocale().toString(double(risk::thresholdStep(b * width)), 'g', 2);
        // Shares within each label, so the rare fraud is as visible as the bulk of orders.
        fraud.values << 100.0 * v.fraud[std::size_t(b)] / std::max<double>(1, double(v.fraudOrders));
        legit.values << 100.0 * v.legit[std::size_t(b)] / std::max<double>(1, double(v.orders - v.fraudOrders));
    }
    m_histogram->setColumns(bins, {legit, fraud}, tr("% of the label's orders"));
    const auto& p = v.points[std::size_t(std::clamp(m_slider->value(), 0, 100))];
    XyChartView::Line pr{tr("Precision by recall"), {}};
    for (const auto& q : v.pr)
        pr.points << QPointF(q.recall, q.precision);
    m_prCurve->setLines({pr}, tr("recall"), tr("precision"), 0, 1, 0, 1, p.recall);
    const QLocale l;
    m_thresholdSummary->setText(
        tr("Review orders scoring %1 or more: %2 orders a day to review · precision %3% · recall %4% · fraud value caught "
           "%5 of %6 · measured on %7 orders over %8 days whose chargebacks have had %9 days to arrive.")
            .arg(riskfmt::score(p.threshold))
            .arg(l.toString(p.reviewPerDay, 'f', 1))
            .arg(l.toString(100 * p.precision, 'f', 1))
            .arg(l.toString(100 * p.recall, 'f', 1))
            .arg(l.toString(double(p.fraudValueMinor) / 100, 'f', 0))
            .arg(l.toString(double(v.fraudValueMinor) / 100, 'f', 0))
            .arg(l.toString(qlonglong(v.orders)))
            .arg(l.toString(v.days, 'f', 0))
            .arg(l.toString(v.maturity.days, 'f', 0)));
    // Why the latest orders are left out: their chargebacks have mostly not arrived yet.
    const QString since = l.toString(QDateTime::fromSecsSinceEpoch(v.maturingFrom, QTimeZone::utc()).date(), QLocale::ShortFormat);
    m_maturityNote->setText(
        v.maturity.measured
            ? tr("Orders since %1 are still maturing and left out: on this store chargebacks arrive a median of %2 "
                 "days after the order and 99% within %3 days (measured on %4 chargebacks).")
                  .arg(since, l.toString(v.maturity.medianDays, 'f', 0), l.toString(v.maturity.days, 'f', 0),
                       l.toString(v.maturity.chargebacks))
            : tr("Orders since %1 are still maturing and left out: this store has too few chargebacks (%2) to measure "
                 "their delay, so the usual %3 days are assumed.")
                  .arg(since, l.toString(v.maturity.chargebacks), l.toString(v.maturity.days, 'f', 0)));
}

// ------------------------------------------------------------------------------ rules

void RiskPanel::backtestRules()
{
    auto session = m_session;
    if (!m_hasModel)
        return;
    const QString text = m_rulesEdit->toPlainText();
    if (!checkRules(text))
        return;
    runJob<QVector<BacktestRow>>(
        tr("Backtesting rules"),
        [session, text](const Progress&) {
            const risk::RuleSet set = risk::RuleSet::fromJson(text.toStdString());
            std::lock_guard lock(session->work);
            const auto scorer = session->scorer();
            QVector<BacktestRow> rows;
            for (const auto& r : set.rules)
                if (scorer)
                    rows.push_back({qs(r.id), qs(r.name), QString::fromLatin1(risk::actionName(r.action)), risk::backtest(*scorer, r, 90)});
            return rows;
        },
        [this, text](const QVector<BacktestRow>& rows) {
            m_backtest->setRows(rows);
            m_rulesBacktested = text;
            m_saveRules->setEnabled(m_rulesEdit->toPlainText() == text);
            setStatus(tr("Backtest done: %1 rules replayed on the last 90 days.").arg(rows.size()));
            Q_EMIT backtestFinished();
        });
}

void RiskPanel::saveRules()
{
    auto session = m_session;
    const QString text = m_rulesEdit->toPlainText();
    if (text != m_rulesBacktested) {
        setStatus(tr("Backtest the rules before saving them."));
        return;
    }
    if (!checkRules(text))
        return;
    const std::string who = analyst().isEmpty() ? actorName() : analyst().toStdString();
    runJob<int>(
        tr("Saving rules"),
        [session, text, who](const Progress&) {
            const risk::RuleSet set = risk::RuleSet::fromJson(text.toStdString());
            std::lock_guard lock(session->work);
            if (!session->access)
                throw Error(ErrorCode::InvalidArgument, "no store is open");
            session->access->write([&](store::Database& db) { risk::saveRuleSet(db, set, who); });
            if (const auto scorer = session->scorer())
                scorer->setRules(set);
            return int(set.rules.size());
        },
        [this](int n) {
            setStatus(tr("Rules saved: %1; new orders are evaluated with them.").arg(n));
            Q_EMIT rulesSaved();
            reloadQueue();
        });
}

bool RiskPanel::checkRules(const QString& text)
{
    // Parsing the editor's text is no store work: a bad entry is named at once and nothing runs.
    try {
        risk::RuleSet::fromJson(text.toStdString());
        return true;
    } catch (const Error& e) {
        const QString message = tr("Rules not saved: %1").arg(QString::fromUtf8(e.what()));
        setStatus(message);
        Q_EMIT failed(message);
        return false;
    }
}

QWidget* createRiskPanel(const PanelContext& context, QWidget* parent)
{
    return new RiskPanel(context, parent);
}

} // namespace shoppilot::ui

// Joins the sidebar (shell/panel_registry.h); the shell includes no panel header.
SHOPPILOT_REGISTER_PANEL(60, "risk", QT_TRANSLATE_NOOP("Panels", "Risk"), ":/icons/risk.svg",
                         shoppilot::ui::createRiskPanel)
