#include "overview/overview_panel.h"

#include <algorithm>

#include <QComboBox>
#include <QDateTime>
#include <QTimeZone>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QTimer>
#include <QVBoxLayout>

#include "overview/breakdown_model.h"
#include "overview/overview_format.h"
#include "overview/series_model.h"
#include "shell/job_runner.h"
#include "shell/store_service.h"
#include "widgets/breadcrumb_bar.h"
#include "widgets/chart_view.h"
#include "widgets/date_range_bar.h"
#include "widgets/kpi_card.h"

namespace shoppilot::ui {

namespace {

const QString kRefreshSlot = QStringLiteral("overview/refresh");
const QString kRangeSlot = QStringLiteral("overview/range");

DateRangeBar::Grain toBarGrain(TimeGrain g)
{
    return DateRangeBar::Grain(int(g));
}

QString grainName(TimeGrain g)
{
    switch (g) {
    case TimeGrain::Day: return OverviewPanel::tr("Day");
    case TimeGrain::Week: return OverviewPanel::tr("Week");
    case TimeGrain::Month: return OverviewPanel::tr("Month");
    }
    return {};
}

const QString& kSegmentStep = kSegmentDimension;
constexpr int kSegmentNameRole = Qt::UserRole + 1; // the segment box's items: the name alone

QString dimensionTitleOf(const QString& id)
{
    if (id == kSegmentStep)
        return OverviewPanel::tr("Segment");
    for (kpi::Dimension d : kDimensions)
        if (dimensionId(d) == id)
            return dimensionTitle(d);
    return id;
}

QString isoDate(const QDate& d)
{
    return d.toString(Qt::ISODate);
}

} // namespace

OverviewPanel::OverviewPanel(const PanelContext& context, QWidget* parent)
    : QWidget(parent), m_view(context.view), m_jobs(context.jobs), m_source(std::make_shared<OverviewSource>())
{
    Q_ASSERT(m_view);
    if (!m_jobs)
        m_jobs = new JobRunner(this);
    setObjectName(QStringLiteral("overviewPanel"));
    m_series = new SeriesModel(this);
    for (kpi::Dimension d : kDimensions)
        m_breakdowns[std::size_t(d)] = new BreakdownModel(d, this);
    buildUi();
    retranslate();

    connect(m_view, &ViewState::storeChanged, this, &OverviewPanel::onStoreChanged);
    connect(m_view, &ViewState::filterChanged, this, &OverviewPanel::onFilterChanged);
    // An import or sync changed the store: reopen (drops the KPI cache) and reload, once per burst.
    auto* reload = new QTimer(this);
    reload->setSingleShot(true);
    reload->setInterval(500);
    connect(reload, &QTimer::timeout, this, [this] {
        if (m_view->storePath().isEmpty())
            return;
        ++m_storeGeneration;
        loadDataRange(false);
        refresh();
    });
    connect(m_view, &ViewState::dataChanged, this, [this, reload](const QString& table) {
        if (table == QLatin1String("segments") || table == QLatin1String("segment_members"))
            loadSegments();
        if (kpi::kpiDependsOn(table.toStdString()))
            reload->start();
    });

    // Created after a store was opened: keep the shared range if there is one.
    const QString path = m_view->storePath();
    m_pages->setCurrentIndex(path.isEmpty() ? 0 : 1);
    updateBreadcrumb();
    if (!path.isEmpty()) {
        const bool haveRange = m_view->filter().from.isValid() && m_view->filter().to.isValid();
        m_dateBar->setGrain(toBarGrain(m_view->filter().grain));
        if (haveRange)
            m_dateBar->setRange(m_view->filter().from, m_view->filter().to);
        loadDataRange(!haveRange);
        loadSegments();
        if (haveRange)
            refresh();
    }
}

OverviewPanel::~OverviewPanel()
{
    // A running job keeps the source alive through its shared_ptr; just tell it to stop.
    m_pending.cancel();
}

QWidget* createOverviewPanel(const PanelContext& context, QWidget* parent)
{
    return new OverviewPanel(context, parent);
}

// --- layout --------------------------------------------------------------------------------

void OverviewPanel::buildUi()
{
    m_pages = new QStackedWidget;
    m_hint = new QLabel;
    m_hint->setObjectName(QStringLiteral("overviewHint"));
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_pages->addWidget(m_hint);

    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(8);

    auto* top = new QHBoxLayout;
    m_dateBar = new DateRangeBar;
    top->addWidget(m_dateBar, 1);
    m_segmentBox = new QComboBox;
    m_segmentBox->setObjectName(QStringLiteral("segmentFilter"));
    m_segmentBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_segmentBox->addItem(QString(), QVariant());
    top->addWidget(m_segmentBox);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("overviewStatus"));
    m_status->setStyleSheet(QStringLiteral("color: palette(mid); font-style: italic;"));
    top->addWidget(m_status);
    m_refreshButton = new QToolButton;
    m_refreshButton->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_refreshButton->setShortcut(QKeySequence::Refresh);
    top->addWidget(m_refreshButton);
    m_pdfButton = new QPushButton;
    m_pdfButton->setObjectName(QStringLiteral("exportPdfButton"));
    top->addWidget(m_pdfButton);
    layout->addLayout(top);

    m_breadcrumb = new BreadcrumbBar;
    layout->addWidget(m_breadcrumb);

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("overviewError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828; border: 1px solid #e57373; padding: 6px;"));
    m_error->hide();
    layout->addWidget(m_error);

    auto* cards = new QHBoxLayout;
    cards->setSpacing(8);
    for (int i = 0; i < kCardCount; ++i) {
        auto* c = new KpiCard;
        c->setObjectName(QStringLiteral("kpiCard%1").arg(i));
        m_cards[std::size_t(i)] = c;
        cards->addWidget(c, 1);
    }
    m_cards[std::size_t(Card::RefundRate)]->setBetter(KpiCard::Better::Lower);
    layout->addLayout(cards);

    auto* middle = new QHBoxLayout;
    m_seriesChart = new ChartView;
    m_seriesChart->setObjectName(QStringLiteral("seriesChart"));
    m_seriesChart->setMinimumHeight(280);
    middle->addWidget(m_seriesChart, 3);
    middle->addWidget(buildTableBox(), 2);
    layout->addLayout(middle, 3);

    auto* bars = new QHBoxLayout;
    for (kpi::Dimension d : kDimensions) {
        auto* chart = new ChartView;
        chart->setObjectName(QStringLiteral("%1Chart").arg(dimensionId(d)));
        chart->setMinimumHeight(250);
        chart->setMinimumWidth(240);
        connect(chart, &ChartView::barClicked, this, [this, d](int row) { drillInto(d, row); });
        m_barCharts[std::size_t(d)] = chart;
        bars->addWidget(chart, 1);
    }
    layout->addLayout(bars, 3);

    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    m_pages->addWidget(scroll);

    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(0, 0, 0, 0);
    root->addWidget(m_pages);

    connect(m_dateBar, &DateRangeBar::rangeRequested, this,
            [this](const QDate& from, const QDate& to) { m_view->setRange(from, to); });
    connect(m_dateBar, &DateRangeBar::grainRequested, this,
            [this](DateRangeBar::Grain g) { m_view->setGrain(TimeGrain(int(g))); });
    connect(m_breadcrumb, &BreadcrumbBar::depthRequested, m_view, &ViewState::drillUpTo);
    connect(m_refreshButton, &QToolButton::clicked, this, &OverviewPanel::refresh);
    connect(m_segmentBox, &QComboBox::activated, this, &OverviewPanel::onSegmentChosen);
    connect(m_pdfButton, &QPushButton::clicked, this, &OverviewPanel::exportPdfInteractive);
}

QWidget* OverviewPanel::buildTableBox()
{
    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto* header = new QHBoxLayout;
    m_tableTitle = new QLabel;
    QFont bold = m_tableTitle->font();
    bold.setBold(true);
    m_tableTitle->setFont(bold);
    header->addWidget(m_tableTitle);
    m_tableDimension = new QComboBox;
    m_tableDimension->setObjectName(QStringLiteral("tableDimension"));
    for (kpi::Dimension d : kDimensions)
        m_tableDimension->addItem(QString(), int(d));
    header->addWidget(m_tableDimension);
    header->addStretch();
    m_csvButton = new QPushButton;
    m_csvButton->setObjectName(QStringLiteral("exportCsvButton"));
    header->addWidget(m_csvButton);
    layout->addLayout(header);

    m_tableProxy = new QSortFilterProxyModel(this);
    m_tableProxy->setSortRole(Qt::UserRole);
    m_tableProxy->setSourceModel(m_breakdowns[0]);
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("breakdownTable"));
    m_table->setModel(m_tableProxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the model's order (GMV desc) until asked
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(BreakdownModel::NameColumn, QHeaderView::Stretch);
    layout->addWidget(m_table);

    connect(m_tableDimension, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_tableProxy->setSourceModel(m_breakdowns[std::size_t(std::max(0, index))]);
    });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        drillInto(tableDimension(), m_tableProxy->mapToSource(index).row());
    });
    connect(m_csvButton, &QPushButton::clicked, this, &OverviewPanel::exportCsvInteractive);
    return box;
}

void OverviewPanel::retranslate()
{
    m_hint->setText(tr("<h3>Overview</h3><p>Open a store to see its KPIs: GMV, orders, conversion, repeat "
                       "purchases and refunds, with trends and breakdowns.</p>"));
    m_refreshButton->setToolTip(tr("Refresh (F5)"));
    m_pdfButton->setText(tr("PDF report…"));
    m_pdfButton->setToolTip(tr("Save a PDF report with these figures and filters"));
    m_breadcrumb->setRootLabel(tr("All data"));
    m_segmentBox->setItemText(0, tr("All customers"));
    m_segmentBox->setToolTip(tr("Show the KPIs of a saved segment's customers only (segments are built in the "
                                "Segments panel); guest orders and anonymous visits are then left out"));
    m_breadcrumb->setToolTip(tr("Drill-down path: click a step to go back"));
    m_tableTitle->setText(tr("Breakdown by"));
    for (int i = 0; i < m_tableDimension->count(); ++i)
        m_tableDimension->setItemText(i, dimensionTitle(kDimensions[std::size_t(i)]));
    m_csvButton->setText(tr("Export CSV…"));
    m_csvButton->setToolTip(tr("Save this table as a CSV file"));
    const char* const titles[kCardCount] = {
        QT_TR_NOOP("GMV"),
        QT_TR_NOOP("Orders"),
        QT_TR_NOOP("Average order value"),
        QT_TR_NOOP("Conversion rate"),
        QT_TR_NOOP("Repeat-purchase rate"),
        QT_TR_NOOP("Refund rate"),
    };
    const char* const help[kCardCount] = {
        QT_TR_NOOP("Gross merchandise value: the total of the orders placed (cancelled and failed orders excluded)"),
        QT_TR_NOOP("Orders placed in the period"),
        QT_TR_NOOP("GMV divided by orders"),
        QT_TR_NOOP("Sessions with a purchase divided by sessions"),
        QT_TR_NOOP("Customers with two or more orders in the period, of all customers who ordered"),
        QT_TR_NOOP("Orders with a refund, chargeback or return, of all orders"),
    };
    for (int i = 0; i < kCardCount; ++i) {
        m_cards[std::size_t(i)]->setTitle(tr(titles[i]));
        m_cards[std::size_t(i)]->setToolTip(tr(help[i]));
    }
    updateEmptyTexts();
    updateBreadcrumb();
    updateCards();
    updateCharts();
}

void OverviewPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange && m_pages) {
        retranslate();
        if (m_data)
            applyData(); // numbers and names follow the new locale
    }
    QWidget::changeEvent(event);
}

// --- state ---------------------------------------------------------------------------------

kpi::Filter OverviewPanel::toKpiFilter(const ViewFilter& filter)
{
    kpi::Filter k;
    k.from = fmt::utcStart(filter.from);
    k.to = fmt::utcStart(filter.to.addDays(1));
    for (const DrillStep& step : filter.drill) {
        if (step.dimension == QLatin1String("category")) {
            bool ok = false;
            const qlonglong id = step.key.toLongLong(&ok);
            if (ok)
                k.categoryId = id;
        } else if (step.dimension == QLatin1String("country")) {
            k.country = step.key.toStdString();
        } else if (step.dimension == QLatin1String("channel")) {
            k.channel = step.key.toStdString();
        } else if (step.dimension == kSegmentStep) {
            bool ok = false;
            const qlonglong id = step.key.toLongLong(&ok);
            if (ok)
                k.segmentId = id;
        }
    }
    return k;
}

kpi::Granularity OverviewPanel::toGranularity(TimeGrain grain)
{
    switch (grain) {
    case TimeGrain::Day: return kpi::Granularity::Day;
    case TimeGrain::Week: return kpi::Granularity::Week;
    case TimeGrain::Month: return kpi::Granularity::Month;
    }
    return kpi::Granularity::Day;
}

kpi::Dimension OverviewPanel::tableDimension() const
{
    return kDimensions[std::size_t(std::max(0, m_tableDimension->currentIndex()))];
}

void OverviewPanel::setTableDimension(kpi::Dimension d)
{
    m_tableDimension->setCurrentIndex(int(d));
}

QString OverviewPanel::statusText() const
{
    return m_status->text();
}

QString OverviewPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void OverviewPanel::setStatus(const QString& text, bool loading)
{
    m_loading = loading;
    m_status->setText(text);
}

void OverviewPanel::showError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void OverviewPanel::onStoreChanged(const QString& path)
{
    ++m_storeGeneration; // the next job reopens the connection
    ++m_requestId;       // whatever is running now is for the old store
    ++m_rangeRequestId;
    m_pending.cancel();
    clearFigures();
    showError({});
    setStatus({}, false);
    m_dateBar->setDataRange({}, {});
    m_pages->setCurrentIndex(path.isEmpty() ? 0 : 1);
    updateBreadcrumb();
    while (m_segmentBox->count() > 1)
        m_segmentBox->removeItem(1);
    if (!path.isEmpty()) {
        loadDataRange(true);
        loadSegments();
    }
}

void OverviewPanel::loadSegments()
{
    if (m_view->storePath().isEmpty())
        return;
    const quint64 id = ++m_segmentsRequest;
    m_view->store().read(
        this, [](store::Database& db) { return kpi::segmentChoices(db); },
        [this, id](std::vector<kpi::SegmentChoice> list) {
            if (id != m_segmentsRequest)
                return;
            while (m_segmentBox->count() > 1)
                m_segmentBox->removeItem(1);
            const QLocale locale;
            for (const auto& c : list) {
                const QString name = QString::fromStdString(c.name);
                m_segmentBox->addItem(tr("%1 (%2 customers)").arg(name, locale.toString(qint64(c.members))),
                                      QVariant::fromValue(qlonglong(c.id)));
                m_segmentBox->setItemData(m_segmentBox->count() - 1, name, kSegmentNameRole);
            }
            syncSegmentBox();
        },
        [this, id](const QString& message) {
            if (id == m_segmentsRequest)
                m_segmentBox->setToolTip(tr("Saved segments could not be read: %1").arg(message));
        });
}

void OverviewPanel::onSegmentChosen(int index)
{
    const QVariant id = m_segmentBox->itemData(index);
    if (!id.isValid()) {
        m_view->clearDrill(kSegmentStep);
        return;
    }
    const DrillStep step{kSegmentStep, QString::number(id.toLongLong()), m_segmentBox->itemData(index, kSegmentNameRole).toString()};
    if (!m_view->filter().drill.contains(step))
        m_view->drillDown(step);
}

void OverviewPanel::syncSegmentBox()
{
    QString key;
    for (const DrillStep& s : m_view->filter().drill)
        if (s.dimension == kSegmentStep)
            key = s.key;
    int index = 0;
    for (int i = 1; i < m_segmentBox->count() && !key.isEmpty(); ++i)
        if (QString::number(m_segmentBox->itemData(i).toLongLong()) == key)
            index = i;
    m_segmentBox->setCurrentIndex(index);
}

void OverviewPanel::onFilterChanged()
{
    const ViewFilter& f = m_view->filter();
    if (f.from.isValid() && f.to.isValid())
        m_dateBar->setRange(f.from, f.to);
    m_dateBar->setGrain(toBarGrain(f.grain));
    updateBreadcrumb();
    syncSegmentBox();
    refresh();
}

void OverviewPanel::loadDataRange(bool resetRange)
{
    const quint64 id = ++m_rangeRequestId;
    const QString path = m_view->storePath();
    const quint64 generation = m_storeGeneration;
    auto source = m_source;
    const QFuture<kpi::DataRange> future = m_jobs->run<kpi::DataRange>(
        tr("Reading the store's dates"),
        [source, path, generation](const Progress&) { return source->dataRange(path, generation); }, kRangeSlot);
    auto* watcher = new QFutureWatcher<kpi::DataRange>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id, resetRange] {
        watcher->deleteLater();
        if (id != m_rangeRequestId)
            return;
        try {
            // A failed job's future is canceled too: ask for its exception first.
            QFuture<kpi::DataRange> f = watcher->future();
            f.waitForFinished();
            if (f.isCanceled())
                return;
            onDataRange(watcher->result(), resetRange);
        } catch (...) {
            setStatus({}, false);
            showError(jobErrorMessage(std::current_exception()));
            Q_EMIT refreshFailed(errorText());
        }
    });
    watcher->setFuture(future);
    setStatus(tr("Loading…"), true);
}

void OverviewPanel::onDataRange(const kpi::DataRange& range, bool resetRange)
{
    m_currency = QString::fromStdString(range.currency);
    const QDate first = range.first ? fmt::utcDate(*range.first) : QDate();
    const QDate last = range.last ? fmt::utcDate(*range.last) : QDate();
    m_dateBar->setDataRange(first, last);
    setStatus({}, false);
    if (!last.isValid()) {
        showError(tr("This store has no orders or traffic yet: import sales or sync the shop first."));
        Q_EMIT dataRangeLoaded();
        return;
    }
    showError({});
    Q_EMIT dataRangeLoaded();
    if (!resetRange)
        return;
    const auto [from, to] = DateRangeBar::presetRange(DateRangeBar::Preset::Last30Days, first, last);
    const ViewFilter before = m_view->filter();
    ViewFilter start = before;
    start.from = from;
    start.to = to;
    m_view->resetFilter(start); // the starting point: Undo does not go back past it
    if (m_view->filter() == before) // no filterChanged: the new store still needs its figures
        refresh();
}

void OverviewPanel::refresh()
{
    const QString path = m_view->storePath();
    const ViewFilter filter = m_view->filter();
    if (path.isEmpty() || !filter.from.isValid() || !filter.to.isValid())
        return;
    const quint64 id = ++m_requestId;
    OverviewQuery query;
    query.storePath = path;
    query.storeGeneration = m_storeGeneration;
    query.filter = toKpiFilter(filter);
    query.grain = toGranularity(filter.grain);
    auto source = m_source;
    // Same slot: starting this cancels the refresh still running for an older filter.
    m_pending = m_jobs->run<OverviewData>(
        tr("Updating the overview"), [source, query](const Progress& p) { return source->load(query, p); },
        kRefreshSlot);
    auto* watcher = new QFutureWatcher<OverviewData>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id, filter] {
        watcher->deleteLater();
        onRefreshFinished(id, filter, watcher->future());
    });
    watcher->setFuture(m_pending);
    setStatus(tr("Updating…"), true); // the previous figures stay until the new ones arrive
}

void OverviewPanel::onRefreshFinished(quint64 id, const ViewFilter& filter, QFuture<OverviewData> future)
{
    if (id != m_requestId)
        return; // superseded: a newer refresh (or store) owns the screen
    try {
        future.waitForFinished(); // rethrows the job's exception (its future is canceled too)
        if (future.isCanceled() || future.resultCount() == 0) {
            setStatus(m_data ? tr("Update cancelled: showing the previous figures.") : tr("Update cancelled."), false);
            Q_EMIT refreshCancelled();
            return;
        }
        m_data = future.result();
    } catch (...) {
        setStatus({}, false);
        showError(jobErrorMessage(std::current_exception()));
        Q_EMIT refreshFailed(errorText());
        return;
    }
    m_shownFilter = filter;
    showError({});
    setStatus({}, false);
    applyData();
    Q_EMIT refreshed();
}

void OverviewPanel::clearFigures()
{
    m_data.reset();
    m_shownFilter = {};
    m_series->clear();
    for (BreakdownModel* m : m_breakdowns)
        m->clear();
    updateEmptyTexts();
    updateCards();
    updateCharts();
}

void OverviewPanel::updateEmptyTexts()
{
    // Before the first figures arrive an empty chart means "wait", not "no orders".
    const QString text = m_data ? tr("No orders in this period") : tr("Loading…");
    for (ChartView* chart : m_barCharts)
        chart->setEmptyText(text);
    m_seriesChart->setEmptyText(text);
}

void OverviewPanel::applyData()
{
    updateEmptyTexts();
    const OverviewData& d = *m_data;
    m_currency = QString::fromStdString(d.currency);
    m_series->setSeries(d.series, d.grain, m_currency);
    for (std::size_t i = 0; i < kDimensions.size(); ++i)
        m_breakdowns[i]->setRows(d.breakdowns[i], m_currency);
    updateCards();
    updateCharts();
}

void OverviewPanel::updateBreadcrumb()
{
    QStringList steps;
    for (const DrillStep& s : m_view->filter().drill)
        steps << tr("%1: %2").arg(dimensionTitleOf(s.dimension), s.label);
    m_breadcrumb->setSteps(steps);
    m_breadcrumb->setVisible(!m_view->storePath().isEmpty());
}

void OverviewPanel::updateCards()
{
    if (!m_data) {
        for (KpiCard* c : m_cards)
            c->clear();
        return;
    }
    const kpi::KpiComparison& k = m_data->kpis;
    const kpi::KpiValues& cur = k.current;
    const kpi::KpiValues& prev = k.previous;
    const QString& ccy = m_currency;
    auto set = [&](Card c, const QString& value, kpi::Metric m, const QString& previous) {
        card(c)->setValue(value, k.relativeDelta(m), previous);
    };
    set(Card::Gmv, fmt::moneyShort(double(cur.gmvMinor), ccy), kpi::Metric::Gmv, fmt::money(double(prev.gmvMinor), ccy));
    set(Card::Orders, fmt::count(cur.orders), kpi::Metric::Orders, fmt::count(prev.orders));
    set(Card::Aov, fmt::money(cur.aovMinor, ccy), kpi::Metric::Aov, fmt::money(prev.aovMinor, ccy));
    if (cur.hasTraffic()) {
        set(Card::Conversion, fmt::percent(cur.conversionRate), kpi::Metric::ConversionRate,
            prev.hasTraffic() ? fmt::percent(prev.conversionRate) : tr("no data"));
    } else {
        card(Card::Conversion)->setNoData(tr("no traffic data"));
        card(Card::Conversion)->setToolTip(tr("This store records no sessions (e.g. imported sales), so there is "
                                              "no conversion rate."));
    }
    set(Card::RepeatRate, fmt::percent(cur.repeatRate), kpi::Metric::RepeatRate, fmt::percent(prev.repeatRate));
    set(Card::RefundRate, fmt::percent(cur.refundRate), kpi::Metric::RefundRate, fmt::percent(prev.refundRate));
    // Recent orders' refunds have not all arrived: a falling rate there is mostly censoring.
    if (const kpi::PeriodMaturity& m = m_data->refundMaturity; m.maturing) {
        const kpi::RefundDelay& d = m_data->refundDelay;
        const QLocale l;
        const QString since =
            l.toString(QDateTime::fromSecsSinceEpoch(d.maturingFrom(), QTimeZone::utc()).date(), QLocale::ShortFormat);
        QString why = tr("Refunds arrive a median of %1 days after the order, 90% within %2 days (measured on %3 "
                         "refunded orders of this store). Orders since %4 are still maturing: about %5 of this "
                         "period's refunds have likely arrived, so its rate will still rise.")
                          .arg(l.toString(d.medianDays, 'f', 0), l.toString(d.p90Days, 'f', 0),
                               l.toString(qlonglong(d.samples)), since, fmt::percent(m.arrivedShare, 0));
        if (m.arrivedShare >= 0.1)
            why += QLatin1Char(' ') + tr("At this store's usual delays it would end near %1.")
                                         .arg(fmt::percent(std::min(1.0, cur.refundRate / m.arrivedShare)));
        card(Card::RefundRate)->setCaveat(tr("still maturing: ~%1 of refunds in").arg(fmt::percent(m.arrivedShare, 0)), why);
    }
}

void OverviewPanel::updateCharts()
{
    const kpi::Granularity grain = m_series->grain();
    const QString symbol = fmt::currencySymbol(m_currency).trimmed();
    const QString moneyAxis = symbol.isEmpty() ? tr("GMV") : tr("GMV (%1)").arg(symbol);
    switch (grain) {
    case kpi::Granularity::Day: m_seriesChart->setTitle(tr("GMV and orders by day")); break;
    case kpi::Granularity::Week: m_seriesChart->setTitle(tr("GMV and orders by week")); break;
    case kpi::Granularity::Month: m_seriesChart->setTitle(tr("GMV and orders by month")); break;
    }
    QVector<QDate> dates;
    ChartView::Series gmv{tr("GMV"), {}};
    ChartView::Series orders{tr("Orders"), {}};
    for (int r = 0; r < m_series->rowCount(); ++r) {
        const kpi::SeriesPoint& p = m_series->points()[std::size_t(r)];
        dates << m_series->bucketDate(r);
        gmv.values << fmt::toMajor(double(p.gmvMinor), m_currency);
        orders.values << double(p.orders);
    }
    m_seriesChart->setTimeSeries(dates, gmv, orders, moneyAxis, tr("Orders"), fmt::axisDateFormat(grain));

    const char* const titles[3] = {QT_TR_NOOP("GMV by category"), QT_TR_NOOP("GMV by country"),
                                   QT_TR_NOOP("GMV by channel")};
    for (std::size_t i = 0; i < kDimensions.size(); ++i) {
        BreakdownModel* m = m_breakdowns[i];
        QStringList labels;
        ChartView::Series values{tr("GMV"), {}};
        for (int r = 0; r < m->rowCount(); ++r) {
            labels << m->label(r);
            values.values << fmt::toMajor(double(m->rows()[std::size_t(r)].gmvMinor), m_currency);
        }
        m_barCharts[i]->setTitle(tr(titles[i]));
        m_barCharts[i]->setBars(labels, values, moneyAxis);
        m_barCharts[i]->setToolTip(tr("Click a bar to drill down"));
    }
}

// --- actions -------------------------------------------------------------------------------

bool OverviewPanel::drillInto(kpi::Dimension d, int row)
{
    BreakdownModel* m = breakdownModel(d);
    if (!m->isDrillable(row))
        return false;
    m_view->drillDown(DrillStep{dimensionId(d), m->key(row), m->label(row)});
    return true;
}

QStringList OverviewPanel::filterLines() const
{
    const ViewFilter& f = m_data ? m_shownFilter : m_view->filter();
    QStringList lines;
    if (!f.from.isValid() || !f.to.isValid())
        return lines;
    const qint64 days = f.from.daysTo(f.to) + 1;
    lines << tr("Period: %1 – %2").arg(isoDate(f.from), isoDate(f.to));
    lines << tr("Compared with: %1 – %2").arg(isoDate(f.from.addDays(-days)), isoDate(f.from.addDays(-1)));
    lines << tr("Granularity: %1").arg(grainName(f.grain));
    QStringList steps;
    for (const DrillStep& s : f.drill)
        steps << tr("%1: %2").arg(dimensionTitleOf(s.dimension), s.label);
    lines << (steps.isEmpty() ? tr("Drill-down: none (all data)") : tr("Drill-down: %1").arg(steps.join(QStringLiteral(" › "))));
    if (!m_currency.isEmpty())
        lines << tr("Currency: %1").arg(m_currency);
    return lines;
}

bool OverviewPanel::exportCsv(kpi::Dimension d, const QString& path, QString* error) const
{
    return writeCsv(*breakdownModel(d), path, error);
}

Report OverviewPanel::buildReport() const
{
    Report r;
    r.title = tr("ShopPilot overview report");
    r.subtitle = tr("Store: %1 · created %2")
                     .arg(QFileInfo(m_view->storePath()).fileName(),
                          QLocale().toString(QDateTime::currentDateTime(), QLocale::ShortFormat));
    r.filtersHeading = tr("Filters");
    r.filters = filterLines();
    for (KpiCard* c : m_cards)
        r.kpis.append(ReportKpi{c->title(), c->valueText(), c->deltaText(), QString()});
    // The previous-period values are the cards' tooltips on screen; print them on paper.
    if (m_data) {
        const auto& p = m_data->kpis.previous;
        const QString pre = tr("previous: %1");
        r.kpis[int(Card::Gmv)].previous = pre.arg(fmt::money(double(p.gmvMinor), m_currency));
        r.kpis[int(Card::Orders)].previous = pre.arg(fmt::count(p.orders));
        r.kpis[int(Card::Aov)].previous = pre.arg(fmt::money(p.aovMinor, m_currency));
        r.kpis[int(Card::Conversion)].previous = pre.arg(p.hasTraffic() ? fmt::percent(p.conversionRate) : tr("no data"));
        r.kpis[int(Card::RepeatRate)].previous = pre.arg(fmt::percent(p.repeatRate));
        r.kpis[int(Card::RefundRate)].previous = pre.arg(fmt::percent(p.refundRate));
    }
    // The chart images carry their own titles. Two bar charts per row keep their labels legible.
    r.chartRows.append({{QString(), m_seriesChart->toImage(2.0)}});
    r.chartRows.append({{QString(), m_barCharts[0]->toImage(2.0)}, {QString(), m_barCharts[1]->toImage(2.0)}});
    r.chartRows.append({{QString(), m_barCharts[2]->toImage(2.0)}, {QString(), QImage()}});
    for (kpi::Dimension d : kDimensions)
        r.tables.append(ReportTable{tr("Breakdown by %1").arg(dimensionTitle(d).toLower()), breakdownModel(d), 12});
    return r;
}

bool OverviewPanel::exportPdf(const QString& path, QString* error) const
{
    if (!m_data) {
        if (error)
            *error = tr("There are no figures to export yet.");
        return false;
    }
    return writePdfReport(buildReport(), path, error);
}

void OverviewPanel::exportCsvInteractive()
{
    const kpi::Dimension d = tableDimension();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export table as CSV"),
                                                      QStringLiteral("breakdown_%1.csv").arg(dimensionId(d)),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(d, path, &error))
        QMessageBox::warning(this, tr("Export table as CSV"), tr("Could not write %1: %2").arg(path, error));
}

void OverviewPanel::exportPdfInteractive()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save PDF report"), QStringLiteral("overview.pdf"),
                                                      tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportPdf(path, &error))
        QMessageBox::warning(this, tr("Save PDF report"), tr("Could not write %1: %2").arg(path, error));
}

} // namespace shoppilot::ui

// Joins the sidebar (shell/panel_registry.h); the shell includes no panel header.
SHOPPILOT_REGISTER_PANEL(10, "overview", QT_TRANSLATE_NOOP("Panels", "Overview"), ":/icons/overview.svg",
                         shoppilot::ui::createOverviewPanel)
