#include "campaigns/campaigns_panel.h"

#include <QComboBox>
#include <QDateEdit>
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
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextStream>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <ctime>

#include "common/error.h"
#include "shell/job_runner.h"
#include "shell/store_service.h"
#include "shell/view_state.h"
#include "store/database.h"
#include "store/store_access.h"
#include "widgets/curve_chart.h"
#include "widgets/table_util.h"

namespace shoppilot::ui {

namespace cmp = shoppilot::campaigns;

struct CampaignsPanel::Loaded {
    std::vector<cmp::CampaignInfo> campaigns;
    std::map<std::int64_t, cmp::KeptForecast> kept;
    std::vector<cmp::SegmentChoice> audiences;
    std::shared_ptr<const cmp::OrderHistory> history;
    std::shared_ptr<const cmp::CampaignRows> rows;
};

struct CampaignsPanel::Models {
    std::shared_ptr<const cmp::Planner> planner;
    std::map<std::int64_t, cmp::Measured> measured;
    std::vector<cmp::Backtest> backtests;
    std::optional<cmp::QiniView> qini;
};

struct CampaignsPanel::PlanResult {
    cmp::PlanForecast forecast;
    std::vector<std::pair<std::int64_t, double>> scores;
};

namespace {

constexpr int kMaxDogs = 200;

Timestamp nowTimestamp()
{
    return Timestamp(std::time(nullptr));
}


QDate dateOf(Timestamp t)
{
    return QDateTime::fromSecsSinceEpoch(t, Qt::UTC).date();
}

Timestamp timestampOf(const QDate& d)
{
    return makeTimestamp(d.year(), d.month(), d.day());
}

QString money(double v)
{
    return QLocale().toString(v, 'f', 0);
}

QString count(double v)
{
    return QLocale().toString(v, 'f', 0);
}

QString interval(double lo, double hi, bool asMoney)
{
    return asMoney ? QStringLiteral("%1 – %2").arg(money(lo), money(hi)) : QStringLiteral("%1 – %2").arg(count(lo), count(hi));
}

QString learnerLabel(const std::string& id)
{
    if (id == "t_learner")
        return QStringLiteral("T-learner");
    if (id == "x_learner")
        return QStringLiteral("X-learner");
    if (id == "dr_learner")
        return QStringLiteral("DR-learner");
    return QString::fromStdString(id);
}

} // namespace

template <typename R, typename Work, typename Done>
void CampaignsPanel::runJob(const QString& title, Work work, Done done)
{
    const quint64 generation = m_generation;
    QFuture<R> future = m_jobs->run<R>(title, std::function<R(const Progress&)>(std::move(work)));
    auto* watcher = new QFutureWatcher<R>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, done] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // another store was opened meanwhile
        QFuture<R> f = watcher->future();
        try {
            f.waitForFinished();
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

CampaignsPanel::CampaignsPanel(const PanelContext& context, QWidget* parent)
    : QWidget(parent), m_view(context.view), m_jobs(context.jobs)
{
    setObjectName(QStringLiteral("campaignsPanel"));
    auto* outer = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("campaignsStatus"));
    m_status->setWordWrap(true);
    m_reload = new QPushButton;
    top->addWidget(m_status, 1);
    top->addWidget(m_reload);
    outer->addLayout(top);

    auto* split = new QSplitter(Qt::Vertical);
    auto* listBox = new QWidget;
    auto* listLayout = new QVBoxLayout(listBox);
    listLayout->setContentsMargins(0, 0, 0, 0);
    m_trackRecord = new QLabel;
    m_trackRecord->setObjectName(QStringLiteral("trackRecord"));
    m_trackRecord->setWordWrap(true);
    m_table = newReadOnlyTable();
    m_table->setObjectName(QStringLiteral("campaignTable"));
    listLayout->addWidget(m_trackRecord);
    listLayout->addWidget(m_table, 1);
    split->addWidget(listBox);

    m_tabs = new QTabWidget;
    m_tabs->addTab(buildPlannerTab(), QString());
    m_tabs->addTab(buildTargetingTab(), QString());
    m_tabs->addTab(buildActualTab(), QString());
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    m_table->setMinimumHeight(5 * (m_table->fontMetrics().height() + 8));
    outer->addWidget(split, 1);

    connect(m_reload, &QPushButton::clicked, this, &CampaignsPanel::reload);
    connect(m_view, &ViewState::storeChanged, this, [this](const QString&) { reload(); });
    connect(m_view, &ViewState::dataChanged, this, [this](const QString& table) {
        // New or changed campaigns (a sync, another window): learn again. Orders alone do not
        // refit (a sync brings them all the time); Reload does.
        if (table == QLatin1String("campaign_exposures")) {
            reload();
            return;
        }
        if (table == QLatin1String("segments")) {
            // a new audience to offer: cheap, no refit
            m_view->store().read(
                this, [](store::Database& db) { return cmp::listAudiences(db); },
                [this](std::vector<cmp::SegmentChoice> a) {
                    m_audiences = std::move(a);
                    retranslate();
                });
        }
    });
    retranslate();
    if (!m_view->storePath().isEmpty())
        reload();
}

CampaignsPanel::~CampaignsPanel() = default;

QWidget* CampaignsPanel::buildPlannerTab()
{
    auto* w = new QWidget;
    auto* layout = new QHBoxLayout(w);
    auto* formBox = new QWidget;
    auto* form = new QFormLayout(formBox);
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("planName"));
    m_audience = new QComboBox;
    m_audience->setObjectName(QStringLiteral("planAudience"));
    m_channel = new QComboBox;
    m_channel->setObjectName(QStringLiteral("planChannel"));
    for (const auto& ch : cmp::knownChannels())
        m_channel->addItem(QString(), QString::fromStdString(ch));
    m_discount = new QDoubleSpinBox;
    m_discount->setObjectName(QStringLiteral("planDiscount"));
    m_discount->setRange(0, 90);
    m_discount->setDecimals(0);
    m_discount->setSuffix(QStringLiteral(" %"));
    m_budget = new QDoubleSpinBox;
    m_budget->setObjectName(QStringLiteral("planBudget"));
    m_budget->setRange(0, 1e9);
    m_budget->setDecimals(0);
    m_budget->setValue(1000);
    m_start = new QDateEdit;
    m_start->setObjectName(QStringLiteral("planStart"));
    m_start->setCalendarPopup(true);
    m_end = new QDateEdit;
    m_end->setObjectName(QStringLiteral("planEnd"));
    m_end->setCalendarPopup(true);
    const QDate today = QDate::currentDate();
    m_start->setDate(today.addDays(7));
    m_end->setDate(today.addDays(17));
    m_controlShare = new QSpinBox;
    m_controlShare->setObjectName(QStringLiteral("planControl"));
    m_controlShare->setRange(5, 50);
    m_controlShare->setValue(15);
    m_controlShare->setSuffix(QStringLiteral(" %"));
    m_forecastButton = new QPushButton;
    m_forecastButton->setObjectName(QStringLiteral("forecastButton"));
    m_saveButton = new QPushButton;
    m_saveButton->setObjectName(QStringLiteral("savePlanButton"));
    m_saveButton->setEnabled(false);
    form->addRow(QStringLiteral("name"), m_name);
    form->addRow(QStringLiteral("audience"), m_audience);
    form->addRow(QStringLiteral("channel"), m_channel);
    form->addRow(QStringLiteral("discount"), m_discount);
    form->addRow(QStringLiteral("budget"), m_budget);
    form->addRow(QStringLiteral("start"), m_start);
    form->addRow(QStringLiteral("end"), m_end);
    form->addRow(QStringLiteral("control"), m_controlShare);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_forecastButton);
    buttons->addWidget(m_saveButton);
    form->addRow(buttons);
    m_forecastTable = newReadOnlyTable();
    m_forecastTable->setObjectName(QStringLiteral("forecastTable"));
    m_forecastTable->setColumnCount(3);
    m_forecastTable->setMinimumHeight(9 * (m_forecastTable->fontMetrics().height() + 8) + 4);
    formBox->setMaximumWidth(360);
    layout->addWidget(formBox);

    auto* right = new QVBoxLayout;
    m_flags = new QLabel;
    m_flags->setObjectName(QStringLiteral("forecastFlags"));
    m_flags->setWordWrap(true);
    m_flags->setStyleSheet(QStringLiteral("color: #a15c00;"));
    m_flags->setVisible(false);
    m_planChart = new CurveChart;
    m_planChart->setObjectName(QStringLiteral("planChart"));
    auto* exports = new QHBoxLayout;
    m_exportCsv = new QPushButton;
    m_exportPng = new QPushButton;
    exports->addStretch(1);
    exports->addWidget(m_exportCsv);
    exports->addWidget(m_exportPng);
    right->addWidget(m_flags);
    right->addWidget(m_forecastTable);
    right->addWidget(m_planChart, 1);
    right->addLayout(exports);
    layout->addLayout(right, 1);

    connect(m_forecastButton, &QPushButton::clicked, this, &CampaignsPanel::runForecast);
    connect(m_saveButton, &QPushButton::clicked, this, &CampaignsPanel::savePlan);
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { exportCsv(); });
    connect(m_exportPng, &QPushButton::clicked, this, [this] { exportPng(); });
    return w;
}

QWidget* CampaignsPanel::buildTargetingTab()
{
    auto* w = new QWidget;
    auto* layout = new QHBoxLayout(w);
    auto* left = new QVBoxLayout;
    m_qiniTitle = new QLabel;
    m_qiniTitle->setWordWrap(true);
    m_qiniChart = new CurveChart;
    m_qiniChart->setObjectName(QStringLiteral("qiniChart"));
    m_cutoff = new QSlider(Qt::Horizontal);
    m_cutoff->setObjectName(QStringLiteral("cutoffSlider"));
    m_cutoff->setRange(1, 100);
    m_cutoff->setValue(30);
    m_cutoffSummary = new QLabel;
    m_cutoffSummary->setObjectName(QStringLiteral("cutoffSummary"));
    m_cutoffSummary->setWordWrap(true);
    auto* saveRow = new QHBoxLayout;
    m_audienceName = new QLineEdit;
    m_audienceName->setObjectName(QStringLiteral("targetAudienceName"));
    m_saveAudience = new QPushButton;
    m_saveAudience->setObjectName(QStringLiteral("saveAudienceButton"));
    m_saveAudience->setEnabled(false);
    saveRow->addWidget(m_audienceName, 1);
    saveRow->addWidget(m_saveAudience);
    left->addWidget(m_qiniTitle);
    left->addWidget(m_qiniChart, 1);
    left->addWidget(m_cutoff);
    left->addWidget(m_cutoffSummary);
    left->addLayout(saveRow);
    layout->addLayout(left, 3);
    auto* right = new QVBoxLayout;
    m_dogsTitle = new QLabel;
    m_dogsTitle->setWordWrap(true);
    m_dogs = newReadOnlyTable();
    m_dogs->setObjectName(QStringLiteral("sleepingDogs"));
    m_dogs->setColumnCount(2);
    right->addWidget(m_dogsTitle);
    right->addWidget(m_dogs, 1);
    layout->addLayout(right, 2);
    connect(m_cutoff, &QSlider::valueChanged, this, &CampaignsPanel::updateCutoff);
    connect(m_saveAudience, &QPushButton::clicked, this, &CampaignsPanel::saveTargetedAudience);
    return w;
}

QWidget* CampaignsPanel::buildActualTab()
{
    auto* w = new QWidget;
    auto* layout = new QVBoxLayout(w);
    m_actualChart = new CurveChart;
    m_actualChart->setObjectName(QStringLiteral("actualChart"));
    layout->addWidget(m_actualChart, 1);
    return w;
}

void CampaignsPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CampaignsPanel::retranslate()
{
    m_reload->setText(tr("Reload"));
    m_tabs->setTabText(0, tr("Plan a campaign"));
    m_tabs->setTabText(1, tr("Targeting (Qini)"));
    m_tabs->setTabText(2, tr("Forecast vs actual"));
    if (auto* form = qobject_cast<QFormLayout*>(m_name->parentWidget()->layout())) {
        const QStringList labels{tr("Name"), tr("Audience"), tr("Channel"), tr("Discount"), tr("Budget"), tr("Start"), tr("End"),
                                 tr("Control group")};
        for (int r = 0; r < labels.size() && r < form->rowCount(); ++r)
            if (auto* item = form->itemAt(r, QFormLayout::LabelRole))
                if (auto* label = qobject_cast<QLabel*>(item->widget()))
                    label->setText(labels[r]);
    }
    m_name->setPlaceholderText(tr("e.g. Spring coupon for lapsing customers"));
    const QStringList channels{tr("E-mail"), tr("SMS"), tr("Push"), tr("Coupon"), tr("Ads")};
    for (int i = 0; i < m_channel->count() && i < channels.size(); ++i)
        m_channel->setItemText(i, channels[i]);
    m_controlShare->setToolTip(tr("Customers kept back to measure the effect afterwards"));
    {
        const QVariant current = m_audience->currentData();
        m_audience->blockSignals(true);
        m_audience->clear();
        m_audience->addItem(tr("All customers"), QVariant());
        for (const auto& a : m_audiences)
            m_audience->addItem(tr("%1 (%2 customers)").arg(QString::fromStdString(a.name)).arg(a.members), QVariant::fromValue(a.id));
        const int i = m_audience->findData(current);
        m_audience->setCurrentIndex(std::max(0, i));
        m_audience->blockSignals(false);
    }
    m_forecastButton->setText(tr("Forecast"));
    m_saveButton->setText(tr("Save as planned campaign"));
    m_exportCsv->setText(tr("Export CSV…"));
    m_exportPng->setText(tr("Export chart PNG…"));
    m_forecastTable->setHorizontalHeaderLabels({tr("Forecast"), tr("Expected"), tr("80% / 95% interval")});
    m_audienceName->setPlaceholderText(tr("Name of the new audience"));
    m_saveAudience->setText(tr("Save top of the planned audience"));
    m_dogs->setHorizontalHeaderLabels({tr("Customer"), tr("Predicted uplift")});
    m_table->setColumnCount(8);
    m_table->setHorizontalHeaderLabels({tr("Campaign"), tr("Status"), tr("Channel"), tr("Dates"), tr("Treated / control"),
                                        tr("Forecast incremental sales (80%)"), tr("Measured (95%)"), tr("Consistent?")});
    fillCampaigns();
    fillForecast();
    fillQini();
    fillActual();
}

void CampaignsPanel::setStatus(const QString& text)
{
    m_status->setText(text);
}

void CampaignsPanel::reload()
{
    ++m_generation;
    m_campaigns.clear();
    m_kept.clear();
    m_measured.clear();
    m_history.reset();
    m_rows.reset();
    m_planner.reset();
    m_backtests.clear();
    m_qini.reset();
    m_forecast.reset();
    m_scores.clear();
    m_modelsError.clear();
    retranslate();
    if (m_view->storePath().isEmpty()) {
        setStatus(tr("Open a store to plan campaigns."));
        return;
    }
    setStatus(tr("Reading campaigns…"));
    runJob<std::shared_ptr<Loaded>>(
        tr("Campaigns: reading the store"),
        [access = m_view->store().access()](const Progress& progress) {
            if (!access)
                throw Error(ErrorCode::InvalidArgument, "no store is open");
            auto loaded = std::make_shared<Loaded>();
            access->read([&](store::Database& db) {
                loaded->campaigns = cmp::listCampaigns(db);
                for (const auto& c : loaded->campaigns)
                    if (const auto doc = cmp::forecastDocument(db, c.id))
                        if (const auto k = cmp::parseKeptForecast(*doc))
                            loaded->kept[c.id] = *k;
                loaded->audiences = cmp::listAudiences(db);
                auto history = std::make_shared<cmp::OrderHistory>(cmp::loadOrderHistory(db, subProgress(progress, 0.0, 0.7)));
                const auto learnable = cmp::learnableCampaigns(loaded->campaigns, nowTimestamp());
                loaded->rows = std::make_shared<const cmp::CampaignRows>(
                    cmp::buildRows(*history, db, learnable, subProgress(progress, 0.7, 1.0)));
                loaded->history = std::move(history);
            });
            return loaded;
        },
        [this](std::optional<std::shared_ptr<Loaded>> loaded) {
            if (loaded)
                applyLoaded(*loaded);
        });
}

void CampaignsPanel::applyLoaded(const std::shared_ptr<Loaded>& data)
{
    m_campaigns = data->campaigns;
    m_kept = data->kept;
    m_audiences = data->audiences;
    m_history = data->history;
    m_rows = data->rows;
    if (m_history && !m_history->currency.empty())
        m_budget->setSuffix(QStringLiteral(" ") + QString::fromStdString(m_history->currency));
    // Default plan: a 10-day campaign a week after the store's last data (today when it is
    // current), with the median budget of past campaigns.
    if (m_history && m_history->lastOrderAt > 0) {
        const QDate last = dateOf(m_history->lastOrderAt);
        const QDate today = QDate::currentDate();
        const QDate from = last.daysTo(today) > 30 ? last : today;
        m_start->setDate(from.addDays(7));
        m_end->setDate(from.addDays(16));
    }
    std::vector<std::int64_t> budgets;
    for (const auto& c : m_campaigns)
        if (c.budgetMinor > 0)
            budgets.push_back(c.budgetMinor);
    if (!budgets.empty()) {
        std::nth_element(budgets.begin(), budgets.begin() + std::ptrdiff_t(budgets.size() / 2), budgets.end());
        m_budget->setValue(double(budgets[budgets.size() / 2]) / 100.0);
    }
    retranslate();
    Q_EMIT loaded();
    const int learnable = int(m_rows->campaigns.size());
    if (learnable < cmp::kMinPastCampaigns) {
        m_modelsError = tr("This store has %1 finished campaign(s) with a control group; the planner needs at least %2 to learn "
                           "how campaigns work here. Run campaigns that keep 5–20% of the audience back as a control group, "
                           "then plan the next ones here.")
                            .arg(learnable)
                            .arg(cmp::kMinPastCampaigns);
        setStatus(m_modelsError);
        retranslate();
        runForecast(); // the baseline still helps
        return;
    }
    fitModels();
}

void CampaignsPanel::fitModels()
{
    setStatus(tr("Learning from %1 past campaigns…").arg(m_rows->campaigns.size()));
    runJob<std::shared_ptr<Models>>(
        tr("Campaigns: fitting the uplift models"),
        [rows = m_rows, history = m_history](const Progress& progress) {
            auto m = std::make_shared<Models>();
            cmp::PlannerOptions options;
            m->planner = std::make_shared<const cmp::Planner>(cmp::Planner::fit(*rows, options, subProgress(progress, 0.0, 0.35)));
            // The track record: each campaign forecast from the ones before it, learner chosen the
            // same way on those only.
            m->backtests = cmp::backtestCampaigns(*history, *rows, options, subProgress(progress, 0.35, 0.9));
            m->qini = cmp::qiniView(*rows, int(rows->campaigns.size()) - 1, options, subProgress(progress, 0.9, 1.0));
            for (int k = 0; k < int(rows->campaigns.size()); ++k)
                m->measured[rows->campaigns[std::size_t(k)].id] = cmp::measure(*rows, k);
            return m;
        },
        [this](std::optional<std::shared_ptr<Models>> m) {
            if (m)
                applyModels(*m);
        });
}

void CampaignsPanel::applyModels(const std::shared_ptr<Models>& models)
{
    m_planner = models->planner;
    m_backtests = models->backtests;
    m_qini = models->qini;
    m_measured = models->measured;
    // Keep each backtest with its campaign (once): the track record then survives a refit on
    // more campaigns, and a campaign planned here keeps the forecast it was planned with.
    std::vector<std::pair<std::int64_t, std::string>> toKeep;
    const Timestamp now = nowTimestamp();
    for (auto& bt : m_backtests) {
        if (m_kept.count(bt.campaign.id))
            continue;
        bt.forecast.madeAt = now;
        m_kept[bt.campaign.id] = *cmp::parseKeptForecast(bt.forecast.toJson());
        toKeep.emplace_back(bt.campaign.id, bt.forecast.toJson());
    }
    if (!toKeep.empty())
        m_view->store().write(
            this,
            [toKeep, now](store::Database& db) {
                for (const auto& [id, doc] : toKeep)
                    cmp::saveForecastDocument(db, id, doc, now);
            },
            [] {}, [this](const QString& e) { setStatus(tr("The track record could not be kept: %1").arg(e)); });
    setStatus(tr("Uplift model: %1, learned from %2 past campaigns with control groups. Plan a campaign below.")
                  .arg(learnerLabel(cmp::learnerName(m_planner->learner())))
                  .arg(m_planner->pastCampaigns()));
    fillCampaigns();
    fillQini();
    fillActual();
    Q_EMIT modelsFitted();
    if (!m_forecast)
        runForecast(); // the default plan, so the panel opens with a forecast
}

void CampaignsPanel::fillCampaigns()
{
    const Timestamp now = nowTimestamp();
    m_table->setRowCount(int(m_campaigns.size()));
    int within = 0, judged = 0;
    for (int r = 0; r < int(m_campaigns.size()); ++r) {
        const auto& c = m_campaigns[std::size_t(r)];
        const std::string phase = c.phase(now);
        const QString phaseText = phase == "planned" ? tr("planned") : phase == "running" ? tr("running") : tr("finished");
        m_table->setItem(r, 0, readOnlyCell(QString::fromStdString(c.name)));
        m_table->setItem(r, 1, readOnlyCell(phaseText));
        const int ch = m_channel->findData(QString::fromStdString(c.channel));
        m_table->setItem(r, 2, readOnlyCell(ch >= 0 ? m_channel->itemText(ch) : QString::fromStdString(c.channel)));
        m_table->setItem(r, 3, readOnlyCell(QStringLiteral("%1 – %2").arg(QLocale().toString(dateOf(c.startAt), QLocale::ShortFormat),
                                                                    QLocale().toString(dateOf(c.endAt), QLocale::ShortFormat))));
        m_table->setItem(r, 4, readOnlyCell(c.treated + c.control > 0 ? QStringLiteral("%1 / %2").arg(c.treated).arg(c.control) : tr("—"), true));
        QString fc = tr("—"), actual = tr("—"), ok;
        const auto kept = m_kept.find(c.id);
        const auto measured = m_measured.find(c.id);
        if (kept != m_kept.end() && kept->second.hasEffect) {
            const auto& is = kept->second.incrementalSales;
            fc = QStringLiteral("%1 (%2)").arg(money(is.mean), interval(is.low(0.8), is.high(0.8), true));
            if (kept->second.made == "plan")
                fc += tr(" · as planned");
        }
        if (measured != m_measured.end()) {
            const auto& m = measured->second;
            actual = QStringLiteral("%1 (%2)").arg(money(m.incrementalSales), interval(m.incSalesLow, m.incSalesHigh, true));
            if (kept != m_kept.end() && kept->second.hasEffect) {
                const bool in = cmp::consistent(kept->second.incrementalSales, m.incrementalSales, m.incSalesSe, 0.8);
                ok = in ? tr("yes") : tr("no");
                ++judged;
                within += in ? 1 : 0;
            }
        }
        if (phase == "planned" && c.treated == 0)
            actual = tr("not started");
        else if (c.treated > 0 && c.control == 0)
            actual = tr("no control group: cannot be measured");
        m_table->setItem(r, 5, readOnlyCell(fc, true));
        m_table->setItem(r, 6, readOnlyCell(actual, true));
        m_table->setItem(r, 7, readOnlyCell(ok));
    }
    m_table->resizeColumnsToContents();
    m_trackRecord->setVisible(m_modelsError.isEmpty());
    if (judged > 0)
        m_trackRecord->setText(tr("Track record: %1 of %2 finished campaigns measured consistently with their forecast at 80% "
                                  "(forecast and measurement uncertainty together; each forecast made only from the "
                                  "campaigns before it).")
                                   .arg(within)
                                   .arg(judged));
    else if (!m_modelsError.isEmpty())
        m_trackRecord->clear(); // the status line says why
    else
        m_trackRecord->setText(tr("Track record: appears once a finished campaign has at least %1 finished campaigns before it.")
                                   .arg(cmp::kMinPastCampaigns));
}

cmp::PlanInput CampaignsPanel::currentPlan() const
{
    cmp::PlanInput p;
    p.name = m_name->text().trimmed().toStdString();
    p.channel = m_channel->currentData().toString().toStdString();
    p.discountPct = m_discount->value();
    p.budgetMinor = std::int64_t(std::llround(m_budget->value() * 100.0));
    if (m_history && !m_history->currency.empty())
        p.currency = m_history->currency;
    p.startAt = timestampOf(m_start->date());
    p.endAt = timestampOf(m_end->date().addDays(1)); // the end date is the last day of the campaign
    if (m_audience->currentData().isValid())
        p.segmentId = m_audience->currentData().toLongLong();
    p.controlShare = m_controlShare->value() / 100.0;
    return p;
}

void CampaignsPanel::runForecast()
{
    if (!m_history || (!m_planner && m_modelsError.isEmpty())) {
        setStatus(tr("The campaign models are still being fitted; try again in a moment."));
        return;
    }
    const cmp::PlanInput plan = currentPlan();
    if (plan.endAt <= plan.startAt) {
        setStatus(tr("The campaign ends before it starts: pick an end date after the start."));
        return;
    }
    setStatus(tr("Forecasting…"));
    m_forecastButton->setEnabled(false);
    runJob<std::shared_ptr<PlanResult>>(
        tr("Campaigns: forecasting the plan"),
        [access = m_view->store().access(), planner = m_planner, history = m_history, plan](const Progress& progress) {
            if (!access)
                throw Error(ErrorCode::InvalidArgument, "no store is open");
            const Timestamp now = nowTimestamp();
            const auto ids = access->read([&](store::Database& db) { return cmp::audienceIds(db, plan.segmentId, now); });
            auto r = std::make_shared<PlanResult>();
            if (!planner) { // too few past campaigns: the baseline only
                r->forecast = cmp::forecastBaseline(*history, ids, plan, now, progress);
                return r;
            }
            r->forecast = planner->forecast(*history, ids, plan, now, progress);
            const auto rows = cmp::planRows(*history, ids, r->forecast.asOf);
            const auto tau = planner->model().predictAll(rows);
            r->scores.reserve(ids.size());
            for (std::size_t i = 0; i < ids.size(); ++i)
                r->scores.emplace_back(ids[i], tau[i]);
            std::sort(r->scores.begin(), r->scores.end(), [](const auto& a, const auto& b) {
                return a.second != b.second ? a.second > b.second : a.first < b.first;
            });
            return r;
        },
        [this](std::optional<std::shared_ptr<PlanResult>> r) {
            m_forecastButton->setEnabled(true);
            if (!r)
                return;
            m_forecast = (*r)->forecast;
            m_scores = (*r)->scores;
            setStatus(m_forecast->hasEffect ? tr("Forecast ready: %1 customers reached.").arg(m_forecast->reach)
                                            : m_modelsError);
            fillForecast();
            updateCutoff();
            Q_EMIT forecastReady();
        });
}

void CampaignsPanel::fillForecast()
{
    m_saveButton->setEnabled(m_forecast.has_value());
    m_saveAudience->setEnabled(m_forecast.has_value() && !m_scores.empty());
    m_forecastTable->setVisible(m_forecast.has_value());
    if (!m_forecast) {
        m_forecastTable->setRowCount(0);
        m_flags->setVisible(false);
        m_planChart->setEmptyText(m_modelsError.isEmpty() ? tr("Enter a plan and press Forecast.") : m_modelsError);
        m_planChart->clear();
        return;
    }
    const auto& f = *m_forecast;
    struct Row {
        QString name;
        const cmp::Band* band;
        bool money;
    };
    std::vector<Row> rows;
    if (f.hasClicks)
        rows.push_back({tr("Clicks"), &f.clicks, false});
    if (f.hasEffect) {
        rows.push_back({tr("Conversions (reached customers)"), &f.conversions, false});
        rows.push_back({tr("Incremental conversions"), &f.incrementalConversions, false});
        rows.push_back({tr("Incremental sales"), &f.incrementalSales, true});
    }
    rows.push_back({tr("Baseline sales (audience, no campaign)"), &f.baselineSales, true});
    m_forecastTable->setRowCount(int(rows.size()) + 2 + (f.hasRoi ? 1 : 0));
    m_forecastTable->setItem(0, 0, readOnlyCell(tr("Audience / reached")));
    m_forecastTable->setItem(0, 1, readOnlyCell(QStringLiteral("%1 / %2").arg(f.audience).arg(f.reach), true));
    m_forecastTable->setItem(0, 2, readOnlyCell(tr("%1 kept back as control").arg(f.control)));
    int r = 1;
    for (const auto& row : rows) {
        m_forecastTable->setItem(r, 0, readOnlyCell(row.name));
        m_forecastTable->setItem(r, 1, readOnlyCell(row.money ? money(row.band->mean) : count(row.band->mean), true));
        m_forecastTable->setItem(r, 2, readOnlyCell(QStringLiteral("%1 / %2").arg(interval(row.band->low(0.8), row.band->high(0.8), row.money),
                                                                          interval(row.band->low(0.95), row.band->high(0.95), row.money))));
        ++r;
    }
    if (f.hasRoi) {
        auto pct = [](double v) { return QLocale().toString(v * 100.0, 'f', 0) + QStringLiteral(" %"); };
        m_forecastTable->setItem(r, 0, readOnlyCell(tr("Return on budget (incremental sales − budget) / budget")));
        m_forecastTable->setItem(r, 1, readOnlyCell(pct(f.roi.mean), true));
        m_forecastTable->setItem(r, 2, readOnlyCell(QStringLiteral("%1 – %2 / %3 – %4")
                                                .arg(pct(f.roi.low(0.8)), pct(f.roi.high(0.8)), pct(f.roi.low(0.95)), pct(f.roi.high(0.95)))));
        ++r;
    }
    m_forecastTable->setItem(r, 0, readOnlyCell(tr("Based on")));
    if (f.hasEffect) {
        m_forecastTable->setItem(r, 1, readOnlyCell(learnerLabel(f.learner)));
        m_forecastTable->setItem(r, 2, readOnlyCell(tr("%1 past campaigns; baseline %2").arg(f.pastCampaigns).arg(QString::fromStdString(f.baselineModel))));
    } else {
        m_forecastTable->setItem(r, 1, readOnlyCell(tr("baseline only")));
        m_forecastTable->setItem(r, 2, readOnlyCell(tr("Incremental effects need %1 finished campaigns with a control group; baseline %2")
                                                .arg(cmp::kMinPastCampaigns)
                                                .arg(QString::fromStdString(f.baselineModel))));
    }
    m_forecastTable->resizeColumnToContents(0);
    m_forecastTable->resizeColumnToContents(1);
    if (auto* based = m_forecastTable->item(r, 2))
        based->setToolTip(based->text());

    QStringList flags;
    for (const auto& fl : f.flags) {
        if (fl.code == "new_channel")
            flags << tr("No past campaign used this channel: the forecast borrows from other channels and may be far off.");
        else if (fl.code == "discount_outside")
            flags << tr("This discount is outside what past campaigns offered: the forecast extrapolates.");
        else if (fl.code == "window_outside")
            flags << tr("Past campaigns never ran this long or this short: the forecast extrapolates.");
        else if (fl.code == "audience_unlike")
            flags << tr("This audience is unlike past campaigns' audiences: the forecast extrapolates.");
        else if (fl.code == "no_click_data")
            flags << tr("No past campaign recorded clicks: no click forecast.");
        else if (fl.code == "stale_data" && m_history)
            flags << tr("The store's orders end on %1: the forecast starts from there. Sync the shop for a current baseline.")
                         .arg(QLocale().toString(dateOf(m_history->lastOrderAt), QLocale::ShortFormat));
        else if (fl.code == "no_sales_effect")
            flags << tr("Past campaigns' control groups bought nothing in their windows: the sales effect cannot be estimated.");
        else
            flags << QString::fromStdString(fl.message);
    }
    m_flags->setText(flags.join(QLatin1Char('\n')));
    m_flags->setVisible(!flags.isEmpty());

    QVector<double> x;
    CurveChart::Curve base{tr("Baseline (80% band)"), {}, {}, {}, QColor(0x3d, 0x7e, 0xd9)};
    CurveChart::Curve with{tr("With the campaign"), {}, {}, {}, QColor(0xd9, 0x6b, 0x3d)};
    for (std::size_t d = 0; d < f.days.size(); ++d) {
        x << double(d + 1);
        base.y << f.baseline[d];
        base.low << f.baselineLo80[d];
        base.high << f.baselineHi80[d];
        with.y << f.withCampaign[d];
    }
    m_planChart->setTitle(tr("Daily sales of the audience over the campaign window"));
    QVector<CurveChart::Curve> curves{base};
    if (f.hasEffect)
        curves << with;
    m_planChart->setCurves(x, curves, 0, 1e9, tr("Day of the campaign"), tr("Sales (%1)").arg(QString::fromStdString(f.currency)));
}

void CampaignsPanel::fillQini()
{
    if (!m_qini) {
        m_qiniTitle->setText(m_modelsError.isEmpty() ? tr("Fitting the uplift model…") : m_modelsError);
        m_qiniChart->clear();
        m_cutoffSummary->clear();
        return;
    }
    const auto& q = *m_qini;
    m_qiniTitle->setText(tr("Qini curve of the %1 on \"%2\", a finished campaign it did not learn from (Qini coefficient %3; "
                            "random targeting 0).")
                             .arg(learnerLabel(q.learner), QString::fromStdString(q.campaign.name))
                             .arg(QLocale().toString(q.curve.qini, 'f', 3)));
    QVector<double> x;
    CurveChart::Curve model{tr("Uplift model"), {}, {}, {}, QColor(0x3d, 0x7e, 0xd9)};
    CurveChart::Curve random{tr("Random targeting"), {}, {}, {}, QColor(0x88, 0x88, 0x88)};
    const double n = double(q.audience);
    const double total = q.curve.gain.empty() ? 0.0 : q.curve.gain.back();
    for (std::size_t i = 0; i < q.curve.fraction.size(); ++i) {
        x << q.curve.fraction[i] * 100.0;
        model.y << q.curve.gain[i] * n;
        random.y << q.curve.fraction[i] * total * n;
    }
    m_qiniChart->setTitle(tr("Incremental conversions by share of the audience targeted"));
    m_qiniChart->setCurves(x, {model, random}, -1, 1e9, tr("Audience targeted (%)"), tr("Incremental conversions"));
    updateCutoff();
}

void CampaignsPanel::updateCutoff()
{
    const double f = m_cutoff->value() / 100.0;
    m_qiniChart->setMarker(f * 100.0);
    QString text;
    if (m_qini && !m_qini->curve.fraction.empty()) {
        const auto& q = *m_qini;
        const std::size_t i = std::min(q.curve.gain.size() - 1, std::size_t(std::lround(f * double(q.curve.gain.size() - 1))));
        const double n = double(q.audience);
        const double inc = q.curve.gain[i] * n;
        const double contacts = f * n;
        const double cost = contacts * q.costPerContact;
        const double sales = inc * q.valuePerConversion;
        text = tr("Top %1%: %2 customers contacted, %3 incremental conversions, cost %4, incremental sales %5, net %6 "
                  "(on \"%7\").")
                   .arg(m_cutoff->value())
                   .arg(count(contacts), count(inc), money(cost), money(sales), money(sales - cost),
                        QString::fromStdString(q.campaign.name));
    }
    if (!m_scores.empty())
        text += QLatin1Char('\n') + tr("Applied to the planned audience: the %1 customers with the highest predicted uplift.")
                                        .arg(targetedCustomers().size());
    else
        text += QLatin1Char('\n') + tr("Forecast a plan to apply the cut-off to its audience.");
    m_cutoffSummary->setText(text);

    // Sleeping dogs: predicted to buy less when contacted.
    std::vector<std::pair<std::int64_t, double>> dogs;
    for (auto it = m_scores.rbegin(); it != m_scores.rend() && it->second < 0 && int(dogs.size()) < kMaxDogs; ++it)
        dogs.push_back(*it);
    std::size_t negatives = 0;
    for (const auto& s : m_scores)
        negatives += s.second < 0 ? 1 : 0;
    m_dogsTitle->setText(m_scores.empty() ? tr("Sleeping dogs (negative predicted uplift) appear once a plan is forecast.")
                                          : tr("Sleeping dogs: %1 customers of the planned audience are predicted to buy less "
                                               "when contacted; leave them out.")
                                                .arg(negatives));
    m_dogs->setRowCount(int(dogs.size()));
    for (int r = 0; r < int(dogs.size()); ++r) {
        m_dogs->setItem(r, 0, readOnlyCell(QString::number(dogs[std::size_t(r)].first), true));
        m_dogs->setItem(r, 1, readOnlyCell(QLocale().toString(dogs[std::size_t(r)].second * 100.0, 'f', 2) + tr(" pp"), true));
    }
}

std::vector<std::int64_t> CampaignsPanel::targetedCustomers() const
{
    const std::size_t k = std::size_t(std::llround(double(m_scores.size()) * m_cutoff->value() / 100.0));
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < std::min(k, m_scores.size()); ++i)
        if (m_scores[i].second > 0)
            ids.push_back(m_scores[i].first);
    return ids;
}

std::vector<CampaignsPanel::TrackRow> CampaignsPanel::trackRows() const
{
    std::vector<TrackRow> out;
    for (const auto& c : m_campaigns) {
        const auto kept = m_kept.find(c.id);
        const auto measured = m_measured.find(c.id);
        if (kept != m_kept.end() && kept->second.hasEffect && measured != m_measured.end())
            out.push_back({&c, kept->second, measured->second});
    }
    return out;
}

void CampaignsPanel::fillActual()
{
    const auto rows = trackRows();
    if (rows.empty()) {
        m_actualChart->setEmptyText(m_modelsError.isEmpty() ? tr("Forecast vs actual appears once finished campaigns can be "
                                                                 "forecast from earlier ones.")
                                                            : m_modelsError);
        m_actualChart->clear();
        return;
    }
    QVector<double> x;
    CurveChart::Curve fc{tr("Forecast incremental sales (80%)"), {}, {}, {}, QColor(0x3d, 0x7e, 0xd9)};
    CurveChart::Curve ac{tr("Measured with the control group (95%)"), {}, {}, {}, QColor(0xd9, 0x6b, 0x3d)};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& b = rows[i];
        x << double(i + 1);
        fc.y << b.forecast.incrementalSales.mean;
        fc.low << b.forecast.incrementalSales.low(0.8);
        fc.high << b.forecast.incrementalSales.high(0.8);
        ac.y << b.actual.incrementalSales;
        ac.low << b.actual.incSalesLow;
        ac.high << b.actual.incSalesHigh;
    }
    m_actualChart->setTitle(tr("Forecast vs actual, finished campaigns in date order"));
    m_actualChart->setCurves(x, {fc, ac}, 0, 1e9, tr("Campaign (see the list above)"), tr("Incremental sales"));
}

void CampaignsPanel::savePlan()
{
    if (!m_forecast) {
        setStatus(tr("Forecast the plan first: the plan is saved with its forecast."));
        return;
    }
    cmp::PlanInput plan = currentPlan();
    if (plan.name.empty()) {
        setStatus(tr("Give the campaign a name first."));
        m_name->setFocus();
        return;
    }
    m_view->store().write(
        this,
        [plan, forecast = *m_forecast](store::Database& db) {
            cmp::PlanForecast kept = forecast;
            kept.made = "plan";
            kept.madeAt = nowTimestamp();
            return cmp::savePlan(db, plan, kept.toJson(), kept.madeAt);
        },
        [this](std::int64_t id) {
            setStatus(tr("Saved as a planned campaign."));
            Q_EMIT planSaved(id);
            m_view->store().read(
                this, [](store::Database& db) { return cmp::listCampaigns(db); },
                [this](std::vector<cmp::CampaignInfo> c) {
                    m_campaigns = std::move(c);
                    fillCampaigns();
                });
        },
        [this](const QString& e) {
            setStatus(e);
            Q_EMIT failed(e);
        });
}

void CampaignsPanel::saveTargetedAudience()
{
    const auto ids = targetedCustomers();
    const QString name = m_audienceName->text().trimmed();
    if (name.isEmpty()) {
        setStatus(tr("Give the new audience a name first."));
        m_audienceName->setFocus();
        return;
    }
    if (ids.empty()) {
        setStatus(tr("No customer of the planned audience has a positive predicted uplift in this cut-off."));
        return;
    }
    const QString source = QStringLiteral("{\"from\":\"campaigns uplift\",\"cutoff_pct\":%1,\"learner\":\"%2\"}")
                               .arg(m_cutoff->value())
                               .arg(m_planner ? QString::fromUtf8(cmp::learnerName(m_planner->learner())) : QString());
    m_view->store().write(
        this,
        [ids, n = name.toStdString(), s = source.toStdString()](store::Database& db) {
            return cmp::saveAudience(db, n, ids, s, nowTimestamp());
        },
        [this, count = ids.size()](std::int64_t id) {
            setStatus(tr("Saved %1 customers as a new audience (also a segment for Overview).").arg(count));
            Q_EMIT audienceSaved(id);
            m_view->store().read(
                this, [](store::Database& db) { return cmp::listAudiences(db); },
                [this](std::vector<cmp::SegmentChoice> a) {
                    m_audiences = std::move(a);
                    retranslate();
                });
        },
        [this](const QString& e) {
            setStatus(e);
            Q_EMIT failed(e);
        });
}

void CampaignsPanel::exportCsv(const QString& given)
{
    const auto track = trackRows();
    if (!m_forecast && track.empty()) {
        setStatus(tr("Nothing to export yet: forecast a plan first."));
        return;
    }
    QString path = given;
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Export forecast as CSV"), QStringLiteral("campaign_forecast.csv"),
                                            tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
        setStatus(tr("Could not write %1: %2").arg(path, file.errorString()));
        return;
    }
    QTextStream out(&file);
    if (m_forecast) {
        const auto& f = *m_forecast;
        out << "quantity,mean,lo80,hi80,lo95,hi95\n";
        auto line = [&](const char* name, const cmp::Band& b) {
            out << name << ',' << b.mean << ',' << b.low(0.8) << ',' << b.high(0.8) << ',' << b.low(0.95) << ',' << b.high(0.95)
                << '\n';
        };
        line("clicks", f.clicks);
        line("conversions", f.conversions);
        line("incremental_conversions", f.incrementalConversions);
        line("incremental_sales", f.incrementalSales);
        line("baseline_sales", f.baselineSales);
        if (f.hasRoi)
            line("return_on_budget", f.roi);
        out << "\nday,date,baseline,baseline_lo80,baseline_hi80,baseline_lo95,baseline_hi95,with_campaign\n";
        for (std::size_t d = 0; d < f.days.size(); ++d)
            out << d + 1 << ',' << QString::fromStdString(formatDate(f.days[d])) << ',' << f.baseline[d] << ','
                << f.baselineLo80[d] << ',' << f.baselineHi80[d] << ',' << f.baselineLo95[d] << ',' << f.baselineHi95[d] << ','
                << f.withCampaign[d] << '\n';
    }
    if (!track.empty()) {
        out << "\ncampaign,forecast_made,forecast_incremental_sales,lo80,hi80,measured,measured_lo95,measured_hi95\n";
        for (const auto& b : track) {
            QString name = QString::fromStdString(b.campaign->name);
            name.replace(QLatin1Char('"'), QStringLiteral("\"\""));
            out << '"' << name << "\"," << QString::fromStdString(b.forecast.made) << ',' << b.forecast.incrementalSales.mean << ','
                << b.forecast.incrementalSales.low(0.8) << ',' << b.forecast.incrementalSales.high(0.8) << ','
                << b.actual.incrementalSales << ',' << b.actual.incSalesLow << ',' << b.actual.incSalesHigh << '\n';
        }
    }
    out.flush();
    if (file.error() != QFile::NoError) {
        setStatus(tr("Could not write %1: %2").arg(path, file.errorString()));
        return;
    }
    setStatus(tr("Exported to %1.").arg(path));
}

void CampaignsPanel::exportPng(const QString& given)
{
    CurveChart* chart = m_tabs->currentIndex() == 1 ? m_qiniChart : m_tabs->currentIndex() == 2 ? m_actualChart : m_planChart;
    if (chart->isEmpty()) {
        setStatus(tr("This chart is empty: nothing to export."));
        return;
    }
    QString path = given;
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Export chart as PNG"), QStringLiteral("campaign_chart.png"),
                                            tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (!chart->toImage(2.0).save(path, "PNG")) {
        setStatus(tr("Could not write %1.").arg(path));
        return;
    }
    setStatus(tr("Exported to %1.").arg(path));
}

QWidget* createCampaignsPanel(const PanelContext& context, QWidget* parent)
{
    return new CampaignsPanel(context, parent);
}

} // namespace shoppilot::ui

// Joins the sidebar (shell/panel_registry.h); the shell includes no panel header.
SHOPPILOT_REGISTER_PANEL(70, "campaigns", QT_TRANSLATE_NOOP("Panels", "Campaigns"), ":/icons/campaigns.svg",
                         shoppilot::ui::createCampaignsPanel)
