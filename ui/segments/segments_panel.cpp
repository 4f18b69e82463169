#include "segments/segments_panel.h"

#include <QApplication>
#include <QCheckBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <ctime>
#include <fstream>
#include <sstream>

#include "common/error.h"
#include "common/identity.h"
#include "segments/churn.h"
#include "segments/cluster_profile.h"
#include "segments/fairness.h"
#include "segments/prediction_model.h"
#include "segments/rule_form.h"
#include "segments/scatter_map.h"
#include "segments/segments_format.h"
#include "shell/job_runner.h"
#include "shell/store_service.h"
#include "shell/view_state.h"
#include "store/database.h"
#include "store/store_access.h"
#include "widgets/table_util.h"
#include "widgets/xy_chart_view.h"

namespace shoppilot::ui {

namespace seg = shoppilot::segments;

// Features of both periods, read in one job.
struct SegmentsPanel::Loaded {
    std::shared_ptr<const seg::CustomerFeatures> now, previous;
};

namespace {

struct ClusterDone {
    std::shared_ptr<const seg::CustomerFeatures> features;
    seg::Clustering clustering;
    std::vector<seg::ClusterProfile> profiles;
};

constexpr int kMaxListed = 500;      // member rows shown (the export has them all)
constexpr int kCountDelayMs = 150;   // live count after the last edit
constexpr int kMovementNewRow = seg::kRfmGroupCount;
const QString kTabKey = QStringLiteral("segments/tab");
constexpr int kPredictionTab = 2;

Timestamp nowTimestamp()
{
    return Timestamp(std::time(nullptr));
}

// The as-of date shown is the last day whose orders count: features are read strictly before
// the start of the next day.
Timestamp cutoffOf(const QDate& day)
{
    const QDate next = day.addDays(1);
    return makeTimestamp(next.year(), next.month(), next.day());
}

QDate dayOf(Timestamp cutoff)
{
    return QDateTime::fromSecsSinceEpoch(cutoff - 1, Qt::UTC).date();
}


// One CSV record (exportMembersCsv's quoting: fields with a comma, quote or newline quoted).
QStringList parseCsvLine(const QString& line)
{
    QStringList out;
    QString field;
    bool quoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            out << field;
            field.clear();
        } else {
            field += c;
        }
    }
    out << field;
    return out;
}

} // namespace

template <typename R, typename Work, typename Done>
void SegmentsPanel::runJob(const QString& title, Work work, Done done, QFuture<R>* keep)
{
    const quint64 generation = m_generation;
    ++m_storeRequests;
    QFuture<R> future = m_jobs->run<R>(title, std::function<R(const Progress&)>(std::move(work)));
    if (keep)
        *keep = future;
    auto* watcher = new QFutureWatcher<R>(this);
    if (keep) {
        connect(watcher, &QFutureWatcherBase::progressValueChanged, this, [this](int v) {
            m_predictProgress->setValue(v);
        });
    }
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, done] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // another store was opened meanwhile
        QFuture<R> f = watcher->future();
        try {
            f.waitForFinished(); // rethrows the job's exception
            if (f.isCanceled()) {
                setStatus(tr("Cancelled."));
                done(std::nullopt);
                return;
            }
            done(std::optional<R>(f.result()));
        } catch (...) {
            const QString message = jobErrorMessage(std::current_exception());
            setStatus(message);
            done(std::nullopt);
            Q_EMIT failed(message);
        }
    });
    watcher->setFuture(future);
}

SegmentsPanel::SegmentsPanel(const PanelContext& context, QWidget* parent)
    : QWidget(parent), m_view(context.view), m_jobs(context.jobs)
{
    auto* outer = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_asOfLabel = new QLabel;
    m_asOf = new QDateEdit;
    m_asOf->setCalendarPopup(true);
    m_asOf->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_previousLabel = new QLabel;
    m_previousDays = new QSpinBox;
    m_previousDays->setRange(7, 730);
    m_previousDays->setValue(90);
    m_reload = new QPushButton;
    m_personal = new QCheckBox;
    m_personal->setObjectName(QStringLiteral("showPersonalData"));
    top->addWidget(m_asOfLabel);
    top->addWidget(m_asOf);
    top->addWidget(m_previousLabel);
    top->addWidget(m_previousDays);
    top->addWidget(m_reload);
    top->addStretch(1);
    top->addWidget(m_personal);
    outer->addLayout(top);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("segmentsStatus"));
    outer->addWidget(m_status);
    m_absentNote = new QLabel;
    m_absentNote->setWordWrap(true);
    m_absentNote->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    m_absentNote->hide();
    outer->addWidget(m_absentNote);

    auto* split = new QSplitter(Qt::Vertical);
    m_tabs = new QTabWidget;
    m_tabs->addTab(buildRfmTab(), QString());
    m_tabs->addTab(buildClusterTab(), QString());
    m_tabs->addTab(buildPredictionTab(), QString());
    m_tabs->addTab(buildRuleTab(), QString());
    m_tabs->addTab(buildFairnessTab(), QString());
    m_tabs->setCurrentIndex(QSettings().value(kTabKey, 0).toInt());
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int i) {
        QSettings().setValue(kTabKey, i);
        m_predictionsWanted = m_predictionsWanted || i == kPredictionTab;
        maybePredict();
    });
    split->addWidget(m_tabs);
    auto* members = new QWidget;
    auto* ml = new QVBoxLayout(members);
    ml->setContentsMargins(0, 0, 0, 0);
    m_membersTitle = new QLabel;
    m_membersTitle->setWordWrap(true);
    m_members = newReadOnlyTable();
    ml->addWidget(m_membersTitle);
    ml->addWidget(m_members, 1);
    split->addWidget(members);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    outer->addWidget(split, 1);

    m_countTimer = new QTimer(this);
    m_countTimer->setSingleShot(true);
    m_countTimer->setInterval(kCountDelayMs);
    connect(m_countTimer, &QTimer::timeout, this, &SegmentsPanel::updateCount);

    connect(m_reload, &QPushButton::clicked, this, &SegmentsPanel::reload);
    connect(m_asOf, &QDateEdit::editingFinished, this, [this] {
        if (m_features && cutoffOf(m_asOf->date()) != m_features->asOf)
            reload();
    });
    connect(m_personal, &QCheckBox::toggled, this, &SegmentsPanel::setShowPersonalData);
    // Quitting must not wait for a training the user no longer needs.
    connect(qApp, &QCoreApplication::aboutToQuit, this, &SegmentsPanel::cancelPredictions);

    retranslate();
    connect(m_view, &ViewState::storeChanged, this, &SegmentsPanel::onStoreChanged);
    connect(m_view, &ViewState::dataChanged, this, [this](const QString& table) {
        if (table == QLatin1String("orders") && m_features)
            reload();
    });
    if (!m_view->storePath().isEmpty())
        onStoreChanged(m_view->storePath());
}

SegmentsPanel::~SegmentsPanel()
{
    if (m_predictionJob.isRunning())
        m_predictionJob.cancel();
}

QWidget* SegmentsPanel::buildRfmTab()
{
    // Cut-offs on top; the groups (as narrow as their columns) beside the movement matrix, which
    // needs the width for ten columns.
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    auto* top = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    m_cutoffTitle = new QLabel;
    m_cutoffTitle->setWordWrap(true);
    left->addWidget(m_cutoffTitle);
    auto* grid = new QGridLayout;
    for (int m = 0; m < 3; ++m) {
        m_cutoffRowLabels[m] = new QLabel;
        grid->addWidget(m_cutoffRowLabels[m], m, 0);
        for (int i = 0; i < 4; ++i) {
            auto* box = new QDoubleSpinBox;
            box->setRange(0, 1e9);
            box->setDecimals(m == 2 ? 2 : 1);
            box->setKeyboardTracking(false);
            box->setMinimumWidth(80);
            box->setMaximumWidth(120);
            connect(box, &QDoubleSpinBox::valueChanged, this, &SegmentsPanel::cutoffsEdited);
            m_cutoffBoxes[m * 4 + i] = box;
            grid->addWidget(box, m, i + 1);
        }
    }
    left->addLayout(grid);
    auto* row = new QHBoxLayout;
    m_quintiles = new QPushButton;
    connect(m_quintiles, &QPushButton::clicked, this, [this] {
        if (!m_features)
            return;
        m_cutoffs = seg::quintileCutoffs(*m_features);
        for (int m = 0; m < 3; ++m) {
            const auto& a = m == 0 ? m_cutoffs.recency : m == 1 ? m_cutoffs.frequency : m_cutoffs.monetary;
            for (int i = 0; i < 4; ++i) {
                const QSignalBlocker block(m_cutoffBoxes[m * 4 + i]);
                m_cutoffBoxes[m * 4 + i]->setValue(a[std::size_t(i)]);
            }
        }
        m_cutoffError->clear();
        rebucket();
    });
    row->addWidget(m_quintiles);
    row->addStretch(1);
    left->addLayout(row);
    m_cutoffError = new QLabel;
    m_cutoffError->setWordWrap(true);
    m_cutoffError->setStyleSheet(QStringLiteral("color: #b00020;"));
    left->addWidget(m_cutoffError);
    top->addLayout(left);
    top->addStretch(1);
    layout->addLayout(top);
    auto* bottom = new QHBoxLayout;
    m_groups = newReadOnlyTable();
    m_groups->setObjectName(QStringLiteral("rfmGroups"));
    m_groups->setColumnCount(3);
    m_groups->setRowCount(seg::kRfmGroupCount);
    m_groups->horizontalHeader()->setStretchLastSection(false);
    m_groups->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_groups->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    bottom->addWidget(m_groups, 0);

    auto* right = new QVBoxLayout;
    m_movementTitle = new QLabel;
    m_movementTitle->setWordWrap(true);
    right->addWidget(m_movementTitle);
    m_movement = newReadOnlyTable();
    m_movement->setObjectName(QStringLiteral("rfmMovement"));
    m_movement->verticalHeader()->setVisible(true);
    m_movement->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_movement->setSelectionMode(QAbstractItemView::SingleSelection);
    m_movement->horizontalHeader()->setStretchLastSection(false);
    m_movement->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    QFont small = m_movement->horizontalHeader()->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_movement->horizontalHeader()->setFont(small);
    m_movement->setRowCount(seg::kRfmGroupCount + 1);
    m_movement->setColumnCount(seg::kRfmGroupCount);
    connect(m_movement, &QTableWidget::cellClicked, this, [this](int r, int c) {
        showMovement(r == kMovementNewRow ? -1 : r, c);
    });
    right->addWidget(m_movement, 1);
    bottom->addLayout(right, 1);
    layout->addLayout(bottom, 1);
    return page;
}

QWidget* SegmentsPanel::buildClusterTab()
{
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    auto* row = new QHBoxLayout;
    m_kLabel = new QLabel;
    m_k = new QSpinBox;
    m_k->setRange(0, 12);
    m_k->setValue(0);
    m_k->setMinimumWidth(150);
    m_clusterRun = new QPushButton;
    connect(m_clusterRun, &QPushButton::clicked, this, &SegmentsPanel::runClustering);
    m_clusterSummary = new QLabel;
    m_clusterSummary->setWordWrap(true);
    row->addWidget(m_kLabel);
    row->addWidget(m_k);
    row->addWidget(m_clusterRun);
    row->addWidget(m_clusterSummary, 1);
    layout->addLayout(row);
    auto* split = new QSplitter(Qt::Horizontal);
    m_map = new ScatterMap;
    split->addWidget(m_map);
    m_clusterTable = newReadOnlyTable();
    m_clusterTable->setObjectName(QStringLiteral("clusterProfiles"));
    m_clusterTable->setColumnCount(4);
    m_clusterTable->setWordWrap(true);
    m_clusterTable->setTextElideMode(Qt::ElideNone);
    connect(m_clusterTable->horizontalHeader(), &QHeaderView::sectionResized, m_clusterTable,
            [this] { m_clusterTable->resizeRowsToContents(); });
    split->addWidget(m_clusterTable);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    layout->addWidget(split, 1);
    return page;
}

QWidget* SegmentsPanel::buildPredictionTab()
{
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    auto* row = new QHBoxLayout;
    m_predict = new QPushButton;
    m_cancelPredict = new QPushButton;
    m_cancelPredict->setEnabled(false);
    m_predictProgress = new QProgressBar;
    m_predictProgress->setRange(0, JobRunner::kProgressSteps);
    m_predictProgress->setValue(0);
    m_predictProgress->hide();
    connect(m_predict, &QPushButton::clicked, this, &SegmentsPanel::runPredictions);
    connect(m_cancelPredict, &QPushButton::clicked, this, &SegmentsPanel::cancelPredictions);
    row->addWidget(m_predict);
    row->addWidget(m_cancelPredict);
    row->addWidget(m_predictProgress, 1);
    row->addStretch(0);
    layout->addLayout(row);
    m_predHeader = new QLabel;
    m_predHeader->setWordWrap(true);
    m_predHeader->setTextFormat(Qt::RichText);
    layout->addWidget(m_predHeader);
    auto* split = new QSplitter(Qt::Horizontal);
    m_predictionModel = new PredictionModel(this);
    m_predView = new QTableView;
    m_predView->setModel(m_predictionModel);
    m_predView->verticalHeader()->setVisible(false);
    m_predView->verticalHeader()->setDefaultSectionSize(m_predView->fontMetrics().height() + 6);
    m_predView->horizontalHeader()->setStretchLastSection(true);
    m_predView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_predView->setWordWrap(false);
    m_predView->setSelectionBehavior(QAbstractItemView::SelectRows);
    split->addWidget(m_predView);
    auto* calib = new QWidget;
    auto* cl = new QVBoxLayout(calib);
    cl->setContentsMargins(0, 0, 0, 0);
    m_calibrationChart = new XyChartView;
    m_calibrationChart->setMinimumHeight(180);
    m_calibration = newReadOnlyTable();
    m_calibration->setColumnCount(4);
    m_calibration->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    cl->addWidget(m_calibrationChart, 1);
    cl->addWidget(m_calibration, 1);
    split->addWidget(calib);
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    return page;
}

QWidget* SegmentsPanel::buildRuleTab()
{
    auto* page = new QWidget;
    auto* layout = new QHBoxLayout(page);
    auto* left = new QVBoxLayout;
    m_form = new RuleForm;
    left->addWidget(m_form, 2);
    m_advanced = new QCheckBox;
    left->addWidget(m_advanced);
    m_json = new QPlainTextEdit;
    m_json->setObjectName(QStringLiteral("ruleJson"));
    m_json->setReadOnly(true);
    m_json->setMaximumHeight(110);
    left->addWidget(m_json, 1);
    m_count = new QLabel;
    m_count->setObjectName(QStringLiteral("liveCount"));
    QFont big = m_count->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_count->setFont(big);
    left->addWidget(m_count);
    m_ruleError = new QLabel;
    m_ruleError->setObjectName(QStringLiteral("ruleError"));
    m_ruleError->setWordWrap(true);
    m_ruleError->setStyleSheet(QStringLiteral("color: #b00020;"));
    left->addWidget(m_ruleError);
    auto* save = new QHBoxLayout;
    m_nameLabel = new QLabel;
    m_name = new QLineEdit;
    m_save = new QPushButton;
    m_listRule = new QPushButton;
    m_export = new QPushButton;
    save->addWidget(m_nameLabel);
    save->addWidget(m_name, 1);
    save->addWidget(m_save);
    save->addWidget(m_listRule);
    save->addWidget(m_export);
    left->addLayout(save);
    layout->addLayout(left, 3);

    auto* right = new QVBoxLayout;
    m_savedTitle = new QLabel;
    right->addWidget(m_savedTitle);
    m_saved = new QListWidget;
    m_saved->setObjectName(QStringLiteral("savedSegments"));
    right->addWidget(m_saved, 1);
    auto* buttons = new QHBoxLayout;
    m_load = new QPushButton;
    m_delete = new QPushButton;
    m_showInOverview = new QPushButton;
    m_showInOverview->setObjectName(QStringLiteral("showInOverview"));
    buttons->addWidget(m_showInOverview);
    buttons->addWidget(m_load);
    buttons->addWidget(m_delete);
    right->addLayout(buttons);
    layout->addLayout(right, 2);

    connect(m_form, &RuleForm::changed, this, [this] {
        if (m_advanced->isChecked())
            return;
        m_json->setPlainText(m_form->json());
        m_countTimer->start();
    });
    connect(m_json, &QPlainTextEdit::textChanged, this, [this] {
        if (m_advanced->isChecked())
            m_countTimer->start();
    });
    connect(m_advanced, &QCheckBox::toggled, this, [this](bool on) {
        if (on) {
            m_json->setReadOnly(false);
            return;
        }
        // Back to the form: only a rule the form can show.
        if (!m_form->setJson(m_json->toPlainText())) {
            const QSignalBlocker block(m_advanced);
            m_advanced->setChecked(true);
            m_ruleError->setText(tr("This rule cannot be shown in the form (it uses \"not\" or is not valid JSON): edit it here."));
            return;
        }
        m_json->setReadOnly(true);
        m_json->setPlainText(m_form->json());
        m_countTimer->start();
    });
    connect(m_save, &QPushButton::clicked, this, &SegmentsPanel::saveSegment);
    connect(m_name, &QLineEdit::returnPressed, this, &SegmentsPanel::saveSegment);
    connect(m_export, &QPushButton::clicked, this, &SegmentsPanel::exportMembers);
    connect(m_listRule, &QPushButton::clicked, this, [this] {
        if (m_memberCount < 0 || !m_features)
            return;
        std::vector<std::int64_t> ids;
        for (std::size_t i = 0; i < m_mask.size(); ++i)
            if (m_mask[i])
                ids.push_back(m_features->customerId[i]);
        listMembers(ids, tr("Members of the rule: %1 customers").arg(QLocale().toString(qint64(ids.size()))));
    });
    connect(m_load, &QPushButton::clicked, this, &SegmentsPanel::loadSelectedSegment);
    connect(m_saved, &QListWidget::itemDoubleClicked, this, &SegmentsPanel::loadSelectedSegment);
    connect(m_delete, &QPushButton::clicked, this, &SegmentsPanel::deleteSelectedSegment);
    connect(m_showInOverview, &QPushButton::clicked, this, &SegmentsPanel::showSelectedInOverview);
    return page;
}

QWidget* SegmentsPanel::buildFairnessTab()
{
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    m_fairnessSummary = new QLabel;
    m_fairnessSummary->setWordWrap(true);
    layout->addWidget(m_fairnessSummary);
    m_fairness = newReadOnlyTable();
    m_fairness->setObjectName(QStringLiteral("fairness"));
    m_fairness->setColumnCount(7);
    layout->addWidget(m_fairness, 1);
    return page;
}

void SegmentsPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SegmentsPanel::retranslate()
{
    m_asOfLabel->setText(tr("As of"));
    m_asOf->setToolTip(tr("Orders up to and including this day count; the default is the day of the latest order."));
    m_previousLabel->setText(tr("Compare with days before"));
    m_previousDays->setSuffix(tr(" days"));
    m_reload->setText(tr("Reload"));
    m_personal->setText(tr("Show personal data"));
    m_personal->setToolTip(tr("Show customer names and e-mail hashes in member lists and exports. Turning it on or off is recorded in the audit log."));
    m_tabs->setTabText(0, tr("RFM"));
    m_tabs->setTabText(1, tr("Clusters"));
    m_tabs->setTabText(2, tr("Predictions"));
    m_tabs->setTabText(3, tr("Rule builder"));
    m_tabs->setTabText(4, tr("Fairness"));
    m_cutoffTitle->setText(tr("Score cut-offs (quintiles by default; edit to re-bucket at once). R: days since the last "
                              "order, lower is better; F: orders; M: spend."));
    m_cutoffRowLabels[0]->setText(tr("Recency (days)"));
    m_cutoffRowLabels[1]->setText(tr("Frequency (orders)"));
    m_cutoffRowLabels[2]->setText(tr("Monetary (spend)"));
    m_quintiles->setText(tr("Reset to quintiles"));
    m_groups->setHorizontalHeaderLabels({tr("Group"), tr("Customers"), tr("Revenue")});
    m_kLabel->setText(tr("Clusters (k)"));
    m_k->setSpecialValueText(tr("Auto (silhouette)"));
    m_clusterRun->setText(tr("Find clusters"));
    m_map->setEmptyText(tr("The map of customers appears when the clusters are found."));
    m_clusterTable->setHorizontalHeaderLabels({tr("Cluster"), tr("Customers"), tr("Revenue"), tr("Profile")});
    m_predict->setText(tr("Predict purchases and churn"));
    m_cancelPredict->setText(tr("Cancel"));
    m_calibration->setHorizontalHeaderLabels({tr("Predicted churn"), tr("Customers"), tr("Mean predicted"), tr("Observed")});
    m_calibrationChart->setTitle(tr("Churn calibration (validation window)"));
    m_calibrationChart->setEmptyText(tr("Run the predictions to see how well the churn probabilities are calibrated."));
    m_advanced->setText(tr("Advanced: edit the rule as JSON"));
    m_nameLabel->setText(tr("Name"));
    m_name->setPlaceholderText(tr("segment name"));
    m_save->setText(tr("Save segment"));
    m_listRule->setText(tr("List members"));
    m_export->setText(tr("Export members CSV…"));
    m_savedTitle->setText(tr("Saved segments"));
    m_load->setText(tr("Load into builder"));
    m_delete->setText(tr("Delete"));
    m_showInOverview->setText(tr("Show KPIs in Overview"));
    m_showInOverview->setToolTip(tr("Open Overview filtered to this segment's customers"));
    m_fairness->setHorizontalHeaderLabels(
        {tr("Dimension"), tr("Group"), tr("In segment"), tr("Segment share"), tr("Base share"), tr("Ratio"), tr("Flag")});
    if (m_membersTitle->text().isEmpty() || m_listedIds.empty())
        m_membersTitle->setText(tr("Click a movement cell or \"List members\" to see customers here."));
    if (m_features) {
        fillGroups();
        fillMovement();
        fillClusters();
        fillPredictions();
        updateAbsentNote();
        updateCount();
    } else {
        m_count->setText(tr("No data loaded"));
        m_fairnessSummary->setText(tr("The fairness report compares the current rule's members with the whole base."));
        m_predHeader->setText(tr("Predictions train on the store's orders up to the as-of day; this takes a few seconds to a minute."));
    }
}

void SegmentsPanel::setStatus(const QString& text)
{
    m_status->setText(text);
}

void SegmentsPanel::onStoreChanged(const QString& path)
{
    ++m_generation;
    if (m_predictionJob.isRunning())
        m_predictionJob.cancel();
    m_features.reset();
    m_previous.reset();
    m_rfm = {};
    m_rfmPrevious = {};
    m_move = {};
    m_cluster.clear();
    m_clustering = {};
    m_predictions = {};
    m_predictionsTried = false;
    m_predictionModel->clear();
    m_mask.clear();
    m_memberCount = -1;
    m_listedIds.clear();
    m_members->setRowCount(0);
    m_map->clear();
    m_clusterTable->setRowCount(0);
    m_saved->clear();
    m_fairness->setRowCount(0);
    m_calibration->setRowCount(0);
    m_calibrationChart->clear();
    retranslate();
    if (path.isEmpty())
        return;
    setStatus(tr("Reading the store…"));
    const quint64 generation = m_generation;
    ++m_storeRequests;
    m_view->store().read(
        this, [](store::Database& db) { return seg::latestOrderCutoff(db); },
        [this, generation](std::optional<Timestamp> cutoff) {
            if (generation != m_generation)
                return;
            if (!cutoff) {
                setStatus(tr("This store has no orders yet: segments need orders."));
                return;
            }
            const QSignalBlocker block(m_asOf);
            m_asOf->setDate(dayOf(*cutoff));
            reload();
        },
        [this](const QString& message) {
            setStatus(message);
            Q_EMIT failed(message);
        });
}

void SegmentsPanel::reload()
{
    auto access = m_view->store().access();
    if (!access)
        return;
    const Timestamp asOf = cutoffOf(m_asOf->date());
    const Timestamp before = asOf - Timestamp(m_previousDays->value()) * kSecondsPerDay;
    setStatus(tr("Reading customer features as of %1…").arg(m_asOf->date().toString(Qt::ISODate)));
    runJob<std::shared_ptr<Loaded>>(
        tr("Segments: reading customers"),
        [access, asOf, before](const Progress& progress) {
            auto loaded = std::make_shared<Loaded>();
            access->read([&](store::Database& db) {
                loaded->now = std::make_shared<const seg::CustomerFeatures>(seg::loadFeatures(
                    db, asOf, [&](double f, std::string_view what) { return progress(f * 0.6, what); }));
                loaded->previous = std::make_shared<const seg::CustomerFeatures>(seg::loadFeatures(
                    db, before, [&](double f, std::string_view what) { return progress(0.6 + f * 0.4, what); }));
            });
            return loaded;
        },
        [this](std::optional<std::shared_ptr<Loaded>> loaded) {
            if (loaded)
                applyLoaded(*loaded);
        });
}

void SegmentsPanel::applyLoaded(const std::shared_ptr<Loaded>& loaded)
{
    if (!m_features || m_features->asOf != loaded->now->asOf) {
        m_predictions = {}; // they were for another as-of day
        m_predictionModel->clear();
        m_predictionsTried = false;
    }
    m_features = loaded->now;
    m_previous = loaded->previous;
    m_cluster.clear();
    m_clustering = {};
    m_clusterTable->setRowCount(0);
    m_map->clear();
    if (m_features->size() == 0) {
        setStatus(tr("No customer has an order before this date."));
        m_features.reset();
        return;
    }
    m_cutoffs = seg::quintileCutoffs(*m_features);
    for (int m = 0; m < 3; ++m) {
        const auto& a = m == 0 ? m_cutoffs.recency : m == 1 ? m_cutoffs.frequency : m_cutoffs.monetary;
        for (int i = 0; i < 4; ++i) {
            const QSignalBlocker block(m_cutoffBoxes[m * 4 + i]);
            m_cutoffBoxes[m * 4 + i]->setValue(a[std::size_t(i)]);
        }
    }
    m_cutoffError->clear();
    rebucket();
    QStringList fields;
    for (const auto& f : seg::ruleFields(ruleContext()))
        fields << QString::fromStdString(f);
    m_form->setFields(fields);
    if (m_form->conditionCount() == 0) // a first rule to start from: the best customers
        m_form->addCondition(QStringLiteral("rfm_group"), QStringLiteral("in"), QStringLiteral("champions, loyal"));
    updateAbsentNote();
    updateCount();
    setStatus(tr("%1 customers with orders up to %2 (%3 customers %4 days earlier).")
                  .arg(QLocale().toString(qint64(m_features->size())), m_asOf->date().toString(Qt::ISODate),
                       QLocale().toString(qint64(m_previous->size())))
                  .arg(m_previousDays->value()));
    Q_EMIT featuresLoaded();
    reloadSavedSegments();
    runClustering();
    maybePredict();
}

void SegmentsPanel::updateAbsentNote()
{
    if (!m_features) {
        m_absentNote->hide();
        return;
    }
    QStringList notes;
    if (!m_features->hasEvents)
        notes << tr("This store records no sessions: session habits, views, app share and device are absent here, not zero.");
    if (!m_features->hasDiscounts)
        notes << tr("No order carries a coupon or discount: discount sensitivity is absent.");
    m_absentNote->setText(notes.join(QLatin1Char(' ')));
    m_absentNote->setVisible(!notes.isEmpty());
}

seg::RuleContext SegmentsPanel::ruleContext() const
{
    seg::RuleContext ctx;
    ctx.features = m_features.get();
    ctx.rfm = m_features ? &m_rfm : nullptr;
    ctx.cluster = m_cluster.empty() ? nullptr : &m_cluster;
    return ctx;
}

void SegmentsPanel::cutoffsEdited()
{
    if (!m_features)
        return;
    seg::RfmCutoffs c;
    for (int i = 0; i < 4; ++i) {
        c.recency[std::size_t(i)] = m_cutoffBoxes[i]->value();
        c.frequency[std::size_t(i)] = m_cutoffBoxes[4 + i]->value();
        c.monetary[std::size_t(i)] = m_cutoffBoxes[8 + i]->value();
    }
    try {
        seg::validateCutoffs(c);
    } catch (const Error& e) {
        m_cutoffError->setText(tr("Cut-offs not applied: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    m_cutoffError->clear();
    m_cutoffs = c;
    rebucket();
}

void SegmentsPanel::rebucket()
{
    // In memory only: the features of both periods are kept, so no store work here.
    seg::scoreRfm(*m_features, m_cutoffs, m_rfm);
    seg::scoreRfm(*m_previous, m_cutoffs, m_rfmPrevious);
    m_move = seg::rfmMovement(*m_previous, m_rfmPrevious, *m_features, m_rfm);
    fillGroups();
    fillMovement();
    if (m_form->conditionCount() > 0 || m_advanced->isChecked())
        updateCount();
}

void SegmentsPanel::fillGroups()
{
    if (!m_features)
        return;
    const auto counts = m_rfm.counts();
    std::array<double, seg::kRfmGroupCount> revenue{};
    const auto& money = m_features->col("monetary");
    for (std::size_t i = 0; i < m_rfm.size(); ++i)
        if (!seg::isAbsent(money[i]))
            revenue[std::size_t(m_rfm.group[i])] += money[i];
    double totalRevenue = 0;
    for (double r : revenue)
        totalRevenue += r;
    const double n = double(std::max<std::size_t>(1, m_rfm.size()));
    const QLocale locale;
    for (int g = 0; g < seg::kRfmGroupCount; ++g) {
        m_groups->setItem(g, 0, readOnlyCell(rfmGroupName(g)));
        // Count and revenue each with its share: the movement matrix beside needs the width.
        m_groups->setItem(g, 1, readOnlyCell(tr("%1 (%2)").arg(locale.toString(qint64(counts[std::size_t(g)])),
                                                       percent(counts[std::size_t(g)] / n, 1)), true));
        m_groups->setItem(g, 2, readOnlyCell(tr("%1 (%2)").arg(locale.toString(revenue[std::size_t(g)], 'f', 0),
                                                       percent(totalRevenue > 0 ? revenue[std::size_t(g)] / totalRevenue : 0, 1)),
                                     true));
        m_groups->item(g, 1)->setData(Qt::UserRole, qint64(counts[std::size_t(g)]));
    }
    m_groups->resizeColumnsToContents();
}

void SegmentsPanel::fillMovement()
{
    if (!m_features)
        return;
    m_movementTitle->setText(tr("Movement: rows are the groups %1 days earlier, columns the groups now. Click a cell "
                                "to list its customers.")
                                 .arg(m_previousDays->value()));
    QStringList names;
    for (int g = 0; g < seg::kRfmGroupCount; ++g)
        names << rfmGroupName(g);
    QStringList columns; // two lines where a name has a space: ten columns fit beside the groups
    for (QString n : names) {
        if (const int space = int(n.indexOf(QLatin1Char(' '))); space > 0)
            n[space] = QLatin1Char('\n');
        columns << n;
    }
    m_movement->setHorizontalHeaderLabels(columns);
    names << tr("New customers");
    m_movement->setVerticalHeaderLabels(names);
    const QLocale locale;
    for (int from = 0; from <= seg::kRfmGroupCount; ++from) {
        for (int to = 0; to < seg::kRfmGroupCount; ++to) {
            const qint64 n = from == kMovementNewRow ? qint64(m_move.arrived[std::size_t(to)].size())
                                                     : m_move.count(seg::RfmGroup(from), seg::RfmGroup(to));
            auto* item = readOnlyCell(n ? locale.toString(n) : QStringLiteral("·"), true);
            item->setData(Qt::UserRole, n);
            if (from == to)
                item->setBackground(palette().color(QPalette::AlternateBase));
            if (n > 0 && from != to && from < kMovementNewRow) {
                // Moves towards a worse group (higher index, roughly) in red, better in green.
                const bool worse = to > from;
                item->setForeground(worse ? QColor(176, 0, 32) : QColor(0, 110, 40));
            }
            m_movement->setItem(from, to, item);
        }
    }
}

void SegmentsPanel::showMovement(int from, int to)
{
    if (!m_features || to < 0 || to >= seg::kRfmGroupCount || from >= seg::kRfmGroupCount)
        return;
    const auto& ids = from < 0 ? m_move.arrived[std::size_t(to)] : m_move.members(seg::RfmGroup(from), seg::RfmGroup(to));
    const QString n = QLocale().toString(qint64(ids.size()));
    const QString title = from < 0 ? tr("%1 new customers are now %2").arg(n, rfmGroupName(to))
                          : from == to ? tr("%1 customers stayed %2").arg(n, rfmGroupName(to))
                                       : tr("%1 %2 became %3").arg(n, rfmGroupName(from), rfmGroupName(to));
    listMembers(ids, title);
}

void SegmentsPanel::listMembers(const std::vector<std::int64_t>& ids, const QString& title)
{
    m_listedIds = ids;
    m_listedTitle = title;
    if (!m_features)
        return;
    std::vector<std::int64_t> shown(ids.begin(), ids.begin() + std::min<std::size_t>(ids.size(), kMaxListed));
    auto features = m_features;
    auto rfm = std::make_shared<const seg::RfmTable>(m_rfm);
    const bool personal = m_showPersonal;
    const quint64 generation = m_generation;
    ++m_storeRequests;
    // The export writes exactly the columns (masked or not) the list shows: one code path.
    m_view->store().read(
        this,
        [shown, features, rfm, personal](store::Database& db) {
            std::ostringstream out;
            seg::exportMembersCsv(db, shown, *features, rfm.get(), out, seg::ExportOptions{personal});
            return out.str();
        },
        [this, generation](std::string csv) {
            if (generation != m_generation)
                return;
            fillMembers(QString::fromStdString(csv));
            Q_EMIT membersListed();
        },
        [this](const QString& message) {
            setStatus(message);
            Q_EMIT failed(message);
        });
}

void SegmentsPanel::fillMembers(const QString& csv)
{
    QStringList lines = csv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    m_members->clear();
    m_members->setColumnCount(9);
    m_members->setHorizontalHeaderLabels({tr("Customer"), tr("Name"), tr("E-mail (hash)"), tr("Country"), tr("Channel"),
                                          tr("First order"), tr("Days since last order"), tr("Orders"), tr("Spend")});
    m_members->setRowCount(std::max(0, int(lines.size()) - 1));
    for (int r = 1; r < lines.size(); ++r) {
        const QStringList f = parseCsvLine(lines[r]);
        // customer_id,external_id,name,email,country,channel,first_order,recency_days,frequency,monetary[,rfm_group]
        const int map[] = {0, 2, 3, 4, 5, 6, 7, 8, 9};
        for (int c = 0; c < 9; ++c)
            m_members->setItem(r - 1, c, readOnlyCell(f.value(map[c]), c == 0 || c >= 6));
    }
    m_members->resizeColumnsToContents();
    const qint64 total = qint64(m_listedIds.size());
    QString title = m_listedTitle;
    if (total > kMaxListed)
        title += QLatin1Char(' ') + tr("(the first %1 shown; export for all)").arg(kMaxListed);
    title += QLatin1Char(' ') + (m_showPersonal ? tr("Personal data shown.") : tr("Names and e-mails masked."));
    m_membersTitle->setText(title);
}

void SegmentsPanel::setShowPersonalData(bool on)
{
    if (on == m_showPersonal)
        return;
    const quint64 generation = m_generation;
    ++m_storeRequests;
    // Audited first: names are shown only once the choice is in the audit log.
    m_view->store().write(
        this,
        [on, actor = actorName()](store::Database& db) { seg::recordShowPersonalData(db, on, actor, nowTimestamp()); },
        [this, on, generation] {
            m_showPersonal = on;
            if (generation == m_generation && !m_listedIds.empty())
                listMembers(m_listedIds, m_listedTitle);
            setStatus(on ? tr("Personal data is shown (recorded in the audit log).")
                         : tr("Personal data is masked (recorded in the audit log)."));
            Q_EMIT personalDataChanged(on);
        },
        [this](const QString& message) {
            const QSignalBlocker block(m_personal);
            m_personal->setChecked(m_showPersonal);
            setStatus(tr("Could not record the setting: %1").arg(message));
            Q_EMIT failed(message);
        });
}

QString SegmentsPanel::currentRuleJson() const
{
    return m_advanced->isChecked() ? m_json->toPlainText() : m_form->json();
}

void SegmentsPanel::updateCount()
{
    m_countTimer->stop();
    if (!m_features) {
        m_memberCount = -1;
        m_count->setText(tr("No data loaded"));
        return;
    }
    if (!m_advanced->isChecked() && m_form->conditionCount() == 0) {
        m_memberCount = -1;
        m_mask.clear();
        m_count->setText(tr("Add a condition to start."));
        m_ruleError->clear();
        fillFairness();
        return;
    }
    try {
        const auto rule = seg::compileRule(currentRuleJson().toStdString(), ruleContext());
        rule.evaluate(m_mask);
        m_memberCount = std::count(m_mask.begin(), m_mask.end(), std::uint8_t(1));
        m_count->setText(tr("%1 customers (%2 of %3)")
                             .arg(QLocale().toString(m_memberCount), percent(double(m_memberCount) / m_features->size(), 1),
                                  QLocale().toString(qint64(m_features->size()))));
        m_ruleError->clear();
    } catch (const Error& e) {
        m_memberCount = -1;
        m_mask.clear();
        m_count->setText(tr("No count: the rule has a problem"));
        m_ruleError->setText(QString::fromUtf8(e.what()));
    }
    fillFairness();
}

void SegmentsPanel::fillFairness()
{
    m_fairness->setRowCount(0);
    if (!m_features || m_memberCount < 0) {
        m_fairnessSummary->setText(tr("Build a valid rule in the rule builder: its members are compared with the whole base here."));
        return;
    }
    const auto report = seg::fairnessReport(*m_features, m_mask);
    QString summary = tr("%1 customers in the segment against %2 in the base: %3 groups represented more than x1.5 "
                         "above or below their base share.")
                          .arg(QLocale().toString(qint64(report.segmentSize)), QLocale().toString(qint64(report.baseSize)))
                          .arg(report.flaggedCount());
    if (!m_features->hasEvents)
        summary += QLatin1Char(' ') + tr("Device is not reported: this store records no sessions.");
    m_fairnessSummary->setText(summary);
    m_fairness->setRowCount(int(report.groups.size()));
    const QLocale locale;
    for (int r = 0; r < int(report.groups.size()); ++r) {
        const auto& g = report.groups[std::size_t(r)];
        QString group = QString::fromStdString(g.group);
        if (group == QLatin1String("unknown") || group.isEmpty())
            group = tr("unknown");
        else if (g.dimension == "tenure")
            group = tenureBandName(group);
        m_fairness->setItem(r, 0, readOnlyCell(dimensionName(QString::fromStdString(g.dimension))));
        m_fairness->setItem(r, 1, readOnlyCell(group));
        m_fairness->setItem(r, 2, readOnlyCell(locale.toString(qint64(g.inSegment)), true));
        m_fairness->setItem(r, 3, readOnlyCell(percent(g.segmentShare, 1), true));
        m_fairness->setItem(r, 4, readOnlyCell(percent(g.baseShare, 1), true));
        m_fairness->setItem(r, 5, readOnlyCell(QStringLiteral("x") + locale.toString(g.ratio, 'f', 2), true));
        m_fairness->setItem(r, 6, readOnlyCell(!g.flagged ? QString() : g.under ? tr("under-represented") : tr("over-represented")));
        if (g.flagged)
            for (int c = 0; c < 7; ++c)
                m_fairness->item(r, c)->setBackground(g.under ? QColor(255, 236, 210) : QColor(225, 236, 255));
    }
    m_fairness->resizeColumnsToContents();
}

void SegmentsPanel::runClustering()
{
    auto features = m_features;
    if (!features)
        return;
    seg::ClusterOptions options;
    options.k = m_k->value();
    m_clusterSummary->setText(tr("Finding clusters…"));
    m_clusterRun->setEnabled(false);
    runJob<ClusterDone>(
        tr("Segments: clustering customers"),
        [features, options](const Progress& progress) {
            ClusterDone done;
            done.features = features;
            done.clustering = seg::clusterCustomers(*features, options, progress);
            done.profiles = seg::profileClusters(*features, done.clustering.label, done.clustering.k);
            return done;
        },
        [this](std::optional<ClusterDone> done) {
            m_clusterRun->setEnabled(true);
            if (!done) {
                m_clusterSummary->clear();
                return;
            }
            if (done->features != m_features)
                return; // features reloaded meanwhile
            m_clustering = std::move(done->clustering);
            m_cluster = m_clustering.label;
            m_profiles = std::move(done->profiles);
            fillClusters();
            QStringList fields;
            for (const auto& f : seg::ruleFields(ruleContext()))
                fields << QString::fromStdString(f);
            m_form->setFields(fields);
            updateCount();
            Q_EMIT clustersReady();
        });
}

void SegmentsPanel::fillClusters()
{
    if (m_cluster.empty()) {
        m_clusterTable->setRowCount(0);
        return;
    }
    const QLocale locale;
    QStringList columns;
    for (const auto& c : m_clustering.columns)
        columns << featureName(QString::fromStdString(c));
    m_clusterSummary->setText(
        (m_k->value() == 0 ? tr("%1 clusters, chosen by silhouette (%2).").arg(m_clustering.k).arg(locale.toString(m_clustering.silhouette, 'f', 2))
                           : tr("%1 clusters as set (silhouette %2).").arg(m_clustering.k).arg(locale.toString(m_clustering.silhouette, 'f', 2)))
        + QLatin1Char(' ') + tr("Clustered on: %1.").arg(columns.join(QStringLiteral(", "))));
    QStringList names;
    m_clusterTable->setRowCount(int(m_profiles.size()));
    for (int r = 0; r < int(m_profiles.size()); ++r) {
        const auto& p = m_profiles[std::size_t(r)];
        QStringList facts;
        for (const auto& f : p.facts)
            facts << factText(f);
        const QString name = tr("Cluster %1").arg(p.cluster + 1);
        names << tr("%1 (%2)").arg(name, percent(p.customerShare));
        auto* first = readOnlyCell(name);
        first->setIcon([&] {
            QPixmap px(12, 12);
            px.fill(ScatterMap::clusterColor(p.cluster));
            return QIcon(px);
        }());
        m_clusterTable->setItem(r, 0, first);
        m_clusterTable->setItem(r, 1, readOnlyCell(tr("%1 (%2)").arg(locale.toString(qint64(p.customers)), percent(p.customerShare)), true));
        m_clusterTable->setItem(r, 2, readOnlyCell(percent(p.revenueShare), true));
        auto* profile = readOnlyCell(facts.isEmpty() ? tr("close to the average customer") : facts.join(QStringLiteral("; ")));
        profile->setToolTip(QString::fromStdString(p.sentence));
        m_clusterTable->setItem(r, 3, profile);
    }
    for (int c = 0; c < 3; ++c)
        m_clusterTable->resizeColumnToContents(c); // the profile takes the rest, wrapped
    m_clusterTable->resizeRowsToContents();
    QVector<float> xy(m_clustering.map.data.begin(), m_clustering.map.data.end());
    QVector<int> label(m_cluster.begin(), m_cluster.end());
    m_map->setPoints(xy, label, names);
}

void SegmentsPanel::runPredictions()
{
    auto access = m_view->store().access();
    if (!access || m_predictionJob.isRunning())
        return;
    const int asOfDay = int(m_asOf->date().toJulianDay() - QDate(1970, 1, 1).toJulianDay());
    m_predictionsTried = true;
    m_predict->setEnabled(false);
    m_cancelPredict->setEnabled(true);
    m_predictProgress->setValue(0);
    m_predictProgress->show();
    m_predHeader->setText(tr("Training the purchase, churn and next-category models on the orders up to %1…")
                              .arg(m_asOf->date().toString(Qt::ISODate)));
    runJob<seg::CustomerPredictions>(
        tr("Segments: predicting purchases and churn"),
        [access, asOfDay](const Progress& progress) {
            return access->read([&](store::Database& db) { return seg::predictCustomers(db, asOfDay, progress); });
        },
        [this](std::optional<seg::CustomerPredictions> result) {
            m_predict->setEnabled(true);
            m_cancelPredict->setEnabled(false);
            m_predictProgress->hide();
            if (!result) {
                if (m_predictionJob.isCanceled() && m_predictions.customers.empty())
                    m_predHeader->setText(tr("Predictions cancelled."));
                else
                    fillPredictions();
                return;
            }
            m_predictions = std::move(*result);
            m_predictionModel->setPredictions(m_predictions.customers, m_predictions.horizonDays);
            fillPredictions();
            setStatus(tr("Predictions ready for %1 customers.").arg(QLocale().toString(qint64(m_predictions.customers.size()))));
            Q_EMIT predictionsReady();
        },
        &m_predictionJob);
}

void SegmentsPanel::maybePredict()
{
    // The predictions train models (seconds to a minute): they start when the marketer opens
    // their tab, once per as-of date, and can be cancelled there.
    // Only after the user opened the tab: the panel reopening on it (the remembered tab) trains nothing.
    if (m_predictionsWanted && m_tabs->currentIndex() == kPredictionTab && m_features && m_predictions.customers.empty()
        && !m_predictionsTried)
        runPredictions();
}

void SegmentsPanel::cancelPredictions()
{
    if (m_predictionJob.isRunning())
        m_predictionJob.cancel();
}

void SegmentsPanel::fillPredictions()
{
    const auto& p = m_predictions;
    if (p.customers.empty()) {
        m_predHeader->setText(tr("Predictions train on the store's orders up to the as-of day; this takes a few seconds to a minute."));
        return;
    }
    const QLocale locale;
    const auto f2 = [&](double v) { return locale.toString(v, 'f', 2); };
    QStringList lines;
    lines << tr("<b>Purchases and spend in the next %1 days:</b> %2 served (validation MAE %3; learned model %4, BG/NBD %5).")
                 .arg(p.horizonDays)
                 .arg(modelName(QString::fromLatin1(seg::servedModelId(p.purchaseModel))),
                      f2(p.purchaseModel == seg::ServedModel::Learned ? p.validationMaeLearned : p.validationMaeBgnbd), f2(p.validationMaeLearned),
                      f2(p.validationMaeBgnbd));
    if (p.validationChurnCustomers == 0)
        lines << tr("<b>Churn:</b> %1 served: the store is too short to validate a learned model.")
                     .arg(modelName(QString::fromLatin1(seg::servedModelId(p.churnModel))));
    else
        lines << tr("<b>Churn:</b> %1 served; validation ROC-AUC learned %2, recency baseline %3 (%4 customers).")
                     .arg(modelName(QString::fromLatin1(seg::servedModelId(p.churnModel))), f2(p.validationChurnAucLearned),
                          f2(p.validationChurnAucRecency), locale.toString(p.validationChurnCustomers));
    if (p.validationNextCategoryCustomers == 0)
        lines << tr("<b>Next category:</b> %1 served: too few customers to validate a learned model.")
                     .arg(modelName(QString::fromLatin1(seg::servedModelId(p.nextCategoryModel))));
    else
        lines << tr("<b>Next category:</b> %1 served; validation accuracy learned %2, own most frequent category %3 (%4 customers).")
                     .arg(modelName(QString::fromLatin1(seg::servedModelId(p.nextCategoryModel))), percent(p.validationNextCategoryLearned),
                          percent(p.validationNextCategoryFrequent), locale.toString(p.validationNextCategoryCustomers));
    lines << tr("%1 of %2 customers have not enough history (fewer than %3 purchase days): no guess is shown for them.")
                 .arg(locale.toString(p.notEnoughHistory), locale.toString(qint64(p.customers.size())))
                 .arg(seg::kMinPurchaseDaysForPrediction);
    m_predHeader->setText(lines.join(QStringLiteral("<br>")));

    m_calibration->setRowCount(int(p.churnCalibration.size()));
    QVector<QPointF> observed;
    for (int r = 0; r < int(p.churnCalibration.size()); ++r) {
        const auto& b = p.churnCalibration[std::size_t(r)];
        m_calibration->setItem(r, 0, readOnlyCell(tr("%1–%2").arg(percent(b.lo), percent(b.hi))));
        m_calibration->setItem(r, 1, readOnlyCell(locale.toString(b.count), true));
        m_calibration->setItem(r, 2, readOnlyCell(b.count ? percent(b.meanPredicted) : QString(), true));
        m_calibration->setItem(r, 3, readOnlyCell(b.count ? percent(b.observedRate) : QString(), true));
        if (b.count > 0)
            observed << QPointF(b.meanPredicted, b.observedRate);
    }
    m_calibration->resizeColumnsToContents();
    if (observed.isEmpty()) {
        m_calibrationChart->setEmptyText(tr("No validation window: the churn model could not be checked on this store."));
        m_calibrationChart->clear();
    } else {
        m_calibrationChart->setLines({{tr("Perfect calibration"), {QPointF(0, 0), QPointF(1, 1)}}, {tr("Observed"), observed}},
                                     tr("Predicted churn probability"), tr("Observed churn rate"), 0, 1, 0, 1);
    }
}

void SegmentsPanel::saveSegment()
{
    if (m_countTimer->isActive())
        updateCount(); // an edit from the last 150 ms: what is saved is what the count says
    const QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        m_ruleError->setText(tr("Give the segment a name to save it."));
        return;
    }
    if (!m_features || m_memberCount < 0) {
        m_ruleError->setText(tr("Nothing saved: the rule has a problem."));
        return;
    }
    // The writer thread gets its own copies: the panel may re-bucket meanwhile.
    auto features = m_features;
    auto rfm = std::make_shared<const seg::RfmTable>(m_rfm);
    auto cluster = std::make_shared<const std::vector<int>>(m_cluster);
    const std::string json = currentRuleJson().toStdString();
    const quint64 generation = m_generation;
    ++m_storeRequests;
    m_view->store().write(
        this,
        [features, rfm, cluster, json, name = name.toStdString()](store::Database& db) {
            seg::RuleContext ctx{features.get(), rfm.get(), cluster->empty() ? nullptr : cluster.get()};
            return qint64(seg::saveSegment(db, name, json, ctx, nowTimestamp()));
        },
        [this, generation, name](qint64 id) {
            if (generation != m_generation)
                return;
            setStatus(tr("Segment \"%1\" saved with %2 customers.").arg(name, QLocale().toString(m_memberCount)));
            Q_EMIT segmentSaved(id);
            reloadSavedSegments();
        },
        [this](const QString& message) {
            m_ruleError->setText(tr("Nothing saved: %1").arg(message));
            Q_EMIT failed(message);
        });
}

void SegmentsPanel::reloadSavedSegments()
{
    const quint64 generation = m_generation;
    ++m_storeRequests;
    m_view->store().read(
        this, [](store::Database& db) { return seg::listSegments(db); },
        [this, generation](std::vector<seg::SavedSegment> list) {
            if (generation != m_generation)
                return;
            m_saved->clear();
            const QLocale locale;
            for (const auto& s : list) {
                auto* item = new QListWidgetItem(tr("%1 — %2 customers").arg(QString::fromStdString(s.name), locale.toString(qint64(s.members))));
                item->setData(Qt::UserRole, qint64(s.id));
                item->setData(Qt::UserRole + 1, QString::fromStdString(s.name));
                item->setData(Qt::UserRole + 2, qint64(s.members));
                item->setToolTip(QString::fromStdString(s.definitionJson));
                m_saved->addItem(item);
            }
            Q_EMIT savedSegmentsListed();
        },
        [this](const QString& message) {
            setStatus(message);
            Q_EMIT failed(message);
        });
}

void SegmentsPanel::loadSelectedSegment()
{
    auto* item = m_saved->currentItem();
    if (!item)
        return;
    const qint64 id = item->data(Qt::UserRole).toLongLong();
    const QString name = item->data(Qt::UserRole + 1).toString();
    ++m_storeRequests;
    m_view->store().read(
        this, [id](store::Database& db) { return seg::segmentRule(db, id); },
        [this, name](std::string rule) {
            const QString json = QString::fromStdString(rule);
            m_name->setText(name);
            if (m_form->setJson(json)) {
                const QSignalBlocker block(m_advanced);
                m_advanced->setChecked(false);
                m_json->setReadOnly(true);
                m_json->setPlainText(m_form->json());
            } else {
                const QSignalBlocker block(m_advanced);
                m_advanced->setChecked(true);
                m_json->setReadOnly(false);
                m_json->setPlainText(json);
            }
            updateCount();
            m_tabs->setCurrentIndex(3);
        },
        [this](const QString& message) {
            setStatus(message);
            Q_EMIT failed(message);
        });
}

void SegmentsPanel::showSelectedInOverview()
{
    auto* item = m_saved->currentItem();
    if (!item)
        return;
    m_view->drillDown({kSegmentDimension, QString::number(item->data(Qt::UserRole).toLongLong()),
                       item->data(Qt::UserRole + 1).toString()});
    m_view->requestPanel(QStringLiteral("overview"));
}

void SegmentsPanel::deleteSelectedSegment()
{
    auto* item = m_saved->currentItem();
    if (!item)
        return;
    const qint64 id = item->data(Qt::UserRole).toLongLong();
    ++m_storeRequests;
    m_view->store().write(
        this, [id](store::Database& db) { seg::deleteSegment(db, id); }, [this] { reloadSavedSegments(); },
        [this](const QString& message) {
            setStatus(message);
            Q_EMIT failed(message);
        });
}

void SegmentsPanel::exportMembers()
{
    if (!m_features || m_memberCount < 0) {
        m_ruleError->setText(tr("Nothing to export: the rule has a problem."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export members"), m_name->text().trimmed() + QStringLiteral(".csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < m_mask.size(); ++i)
        if (m_mask[i])
            ids.push_back(m_features->customerId[i]);
    auto features = m_features;
    auto rfm = std::make_shared<const seg::RfmTable>(m_rfm);
    const bool personal = m_showPersonal;
    ++m_storeRequests;
    m_view->store().read(
        this,
        [ids = std::move(ids), features, rfm, personal, file = path.toStdString()](store::Database& db) {
            std::ofstream out(file, std::ios::binary | std::ios::trunc);
            if (!out)
                throw Error(ErrorCode::Io, "cannot write " + file);
            const auto n = seg::exportMembersCsv(db, ids, *features, rfm.get(), out, seg::ExportOptions{personal});
            out.close();
            if (!out)
                throw Error(ErrorCode::Io, "could not finish writing " + file);
            return qint64(n);
        },
        [this, path, personal](qint64 n) {
            setStatus((personal ? tr("%1 customers exported to %2 with personal data.")
                                : tr("%1 customers exported to %2; names and e-mails masked."))
                          .arg(QLocale().toString(n), path));
        },
        [this](const QString& message) {
            setStatus(tr("Export failed: %1").arg(message));
            Q_EMIT failed(message);
        });
}

QWidget* createSegmentsPanel(const PanelContext& context, QWidget* parent)
{
    return new SegmentsPanel(context, parent);
}

} // namespace shoppilot::ui

// Joins the sidebar (shell/panel_registry.h); the shell includes no panel header.
SHOPPILOT_REGISTER_PANEL(40, "segments", QT_TRANSLATE_NOOP("Panels", "Segments"), ":/icons/segments.svg",
                         shoppilot::ui::createSegmentsPanel)
