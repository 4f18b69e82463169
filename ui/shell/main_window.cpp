#include "shell/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QThreadPool>
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QHBoxLayout>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "shell/command_palette.h"
#include "shell/guarded_application.h"
#include "shell/i18n.h"
#include "shell/job_runner.h"
#include "shell/model_card_dialog.h"
#include "shell/panel_registry.h"
#include "shell/settings_dialog.h"
#include "shell/store_bridge.h"
#include "shell/store_service.h"
#include "shell/store_summary_model.h"
#include "shell/view_state.h"
#include "sync/sync_controller.h"
#include "store/database.h"
#include "store/store_access.h"

namespace shoppilot::ui {

namespace {
constexpr int kMaxRecent = 8;
const char* const kRecentKey = "recentFiles";
const char* const kLastPanelKey = "mainWindow/panel";

// The panel icons are drawn in the highlight's blue: on the selected row they vanished into it.
// The selected state gets the same drawing in the highlighted-text colour.
QIcon sidebarIcon(const QString& path, const QSize& size, const QColor& selected)
{
    QIcon icon(path);
    const QPixmap normal = icon.pixmap(size);
    if (normal.isNull())
        return icon;
    QPixmap tinted(normal.size());
    tinted.setDevicePixelRatio(normal.devicePixelRatio());
    tinted.fill(Qt::transparent);
    QPainter p(&tinted);
    p.drawPixmap(0, 0, normal);
    p.setCompositionMode(QPainter::CompositionMode_SourceIn);
    p.fillRect(QRect(QPoint(0, 0), normal.size()), selected);
    p.end();
    icon.addPixmap(tinted, QIcon::Selected);
    return icon;
}
} // namespace

OpenResult openAndSummarize(const QString& path)
{
    OpenResult r;
    r.path = path;
    try {
        // The process's access point: the writer opens (and migrates) here, on this worker, and
        // stays open for the panels, sync and webhooks while the window shows this store.
        r.access = store::StoreAccess::open(path.toStdString());
        r.summary = r.access->read([](store::Database& db) { return store::summarize(db); });
        r.ok = true;
    } catch (const std::exception& e) {
        r.error = QString::fromStdString(e.what());
    }
    return r;
}

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    m_view = new ViewState(this);
    m_jobs = new JobRunner(this);
    m_model = new StoreSummaryModel(this);
    m_bridge = new StoreBridge(this);
    m_sync = new SyncController(m_jobs, this);
    m_sync->setDialogParent(this);
    connect(m_view, &ViewState::storeChanged, m_sync, &SyncController::setStorePath);
    buildUi();
    buildMenus();
    buildStatusBar();
    connect(&m_watcher, &QFutureWatcher<OpenResult>::finished, this, &MainWindow::onOpened);

    // Imports and syncs announce themselves through the change feed; coalesce bursts.
    auto* refreshTimer = new QTimer(this);
    refreshTimer->setSingleShot(true);
    refreshTimer->setInterval(300);
    connect(refreshTimer, &QTimer::timeout, this, &MainWindow::refreshSummary);
    connect(m_bridge, &StoreBridge::tableChanged, refreshTimer, qOverload<>(&QTimer::start));
    connect(m_bridge, &StoreBridge::tableChanged, m_view, &ViewState::notifyDataChanged);
    connect(m_view, &ViewState::panelRequested, this, [this](const QString& id) { showPanel(id); });
    // A store task without its own error handler, or an error that escaped a slot: say so, keep going.
    connect(&m_view->store(), &StoreService::failed, this, [this](const QString& message) {
        statusBar()->showMessage(tr("Could not complete a store operation: %1").arg(message), 15000);
    });
    connect(ErrorReporter::instance(), &ErrorReporter::escaped, this, &MainWindow::showEscapedError);

    QSettings settings;
    restoreGeometry(settings.value("mainWindow/geometry").toByteArray());
    restoreState(settings.value("mainWindow/state").toByteArray());
    const QString lastPanel = settings.value(kLastPanelKey).toString();
    if (!showPanel(lastPanel) && !panels().empty())
        showPanel(panels().front().id);
    setWindowTitle(tr("ShopPilot"));
}

void MainWindow::showEscapedError(const QString& message)
{
    const QString log = ErrorReporter::logPath();
    statusBar()->showMessage(tr("Something went wrong: %1").arg(message), 30000);
    if (qEnvironmentVariableIsSet("SHOPPILOT_NO_DIALOGS") || m_errorBoxOpen)
        return;
    // Non-modal, one at a time: a burst of failures must not stack dialogs.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Something went wrong"),
                                tr("ShopPilot could not finish what you asked for and kept running; your data "
                                   "is as it was before."),
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("escapedErrorBox"));
    box->setInformativeText(log.isEmpty() ? message : tr("%1\n\nDetails are in %2.").arg(message, log));
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_errorBoxOpen = true;
    connect(box, &QObject::destroyed, this, [this] { m_errorBoxOpen = false; });
    box->open();
}

MainWindow::~MainWindow()
{
    m_jobs->cancelAll();
    m_watcher.waitForFinished();
    m_view->store().waitForDone();
    backgroundPool()->waitForDone();
}

QString MainWindow::storePath() const
{
    return m_view->storePath();
}

void MainWindow::buildUi()
{
    m_sidebar = new QListWidget;
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setIconSize(QSize(20, 20));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    // As narrow as the longest title: the panels need the width.
    int widest = 0;
    for (const PanelInfo& p : panels())
        widest = std::max(widest, m_sidebar->fontMetrics().horizontalAdvance(p.translatedTitle()));
    m_sidebar->setFixedWidth(std::clamp(widest + 56, 120, 200));
    for (const PanelInfo& p : panels()) {
        auto* item = new QListWidgetItem(sidebarIcon(p.iconPath, m_sidebar->iconSize(),
                                                     m_sidebar->palette().color(QPalette::HighlightedText)),
                                         p.translatedTitle());
        item->setData(Qt::UserRole, p.id);
        m_sidebar->addItem(item);
    }
    connect(m_sidebar, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            showPanel(m_sidebar->item(row)->data(Qt::UserRole).toString());
    });

    m_stack = new QStackedWidget;
    m_welcome = new QWidget;
    m_welcome->setObjectName(QStringLiteral("welcomePage"));
    auto* wl = new QVBoxLayout(m_welcome);
    wl->addStretch();
    auto* hello = new QLabel(tr("<h2>Welcome to ShopPilot</h2><p>Open a store file to see your shop's data. "
                                "To try ShopPilot, create the demo store with <tt>shoppilot demo-data --db demo.db</tt>, "
                                "or import your own sales with <tt>shoppilot import online-retail FILE.csv --db shop.db</tt>.</p>"));
    hello->setWordWrap(true);
    hello->setAlignment(Qt::AlignCenter);
    hello->setTextFormat(Qt::RichText);
    auto* openButton = new QPushButton(tr("Open a store…"));
    openButton->setObjectName(QStringLiteral("welcomeOpenButton"));
    connect(openButton, &QPushButton::clicked, this, &MainWindow::chooseStore);
    wl->addWidget(hello);
    wl->addWidget(openButton, 0, Qt::AlignHCenter);
    wl->addStretch();
    m_stack->addWidget(m_welcome);

    auto* central = new QWidget;
    auto* row = new QHBoxLayout(central);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    row->addWidget(m_sidebar);
    row->addWidget(m_stack, 1);
    m_sidebar->setVisible(!panels().empty());
    setCentralWidget(central);
    resize(1280, 800);
}

bool MainWindow::showPanel(const QString& id)
{
    const auto& list = panels();
    const auto it = std::find_if(list.begin(), list.end(), [&](const PanelInfo& p) { return p.id == id; });
    if (it == list.end())
        return false;
    QWidget*& panel = m_panels[id];
    if (!panel) {
        panel = it->create(PanelContext{m_view, m_jobs}, m_stack);
        panel->setObjectName(QStringLiteral("panel_") + id);
        m_stack->addWidget(panel);
    }
    if (!storePath().isEmpty())
        m_stack->setCurrentWidget(panel);
    const int row = int(it - list.begin());
    if (m_sidebar->currentRow() != row) {
        const QSignalBlocker block(m_sidebar);
        m_sidebar->setCurrentRow(row);
    }
    QSettings().setValue(kLastPanelKey, id);
    if (m_modelCardAction) {
        const bool hasModel = ModelCardDialog::panelHasModel(id);
        m_modelCardAction->setEnabled(hasModel);
        m_modelCardAction->setToolTip(hasModel ? tr("The model card of this panel's model and its metrics on this store")
                                               : tr("This panel has no trained model"));
    }
    return true;
}

void MainWindow::openModelCard()
{
    auto* dialog = new ModelCardDialog(m_view, currentPanelId(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

QString MainWindow::currentPanelId() const
{
    const QListWidgetItem* item = m_sidebar->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open store…"), this, &MainWindow::chooseStore);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    rebuildRecentMenu();
    file->addAction(tr("Store &information…"), this, &MainWindow::showStoreInfo);
    file->addSeparator();
    QAction* settings = file->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    settings->setShortcut(QKeySequence::Preferences);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_view->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_view->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    int n = 1;
    for (const PanelInfo& p : panels()) {
        QAction* a = go->addAction(QIcon(p.iconPath), tr("Go to %1").arg(p.translatedTitle()), this,
                                   [this, id = p.id] { showPanel(id); });
        if (n <= 9)
            a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + n++)));
        m_panelActions.append(a);
    }
    go->addSeparator();
    QAction* palette = go->addAction(tr("&Command palette…"), this, &MainWindow::openCommandPalette);
    palette->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));

    QMenu* syncMenu = menuBar()->addMenu(tr("S&ync"));
    syncMenu->addActions({m_sync->syncNowAction(), m_sync->cancelAction()});
    syncMenu->addSeparator();
    syncMenu->addActions({m_sync->settingsAction(), m_sync->quarantineAction()});

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    m_modelCardAction = help->addAction(tr("About this &model…"), this, &MainWindow::openModelCard);
    m_modelCardAction->setObjectName(QStringLiteral("aboutModelAction"));
    m_modelCardAction->setEnabled(ModelCardDialog::panelHasModel(currentPanelId()));
    help->addAction(tr("&About ShopPilot"), this, [this] {
        QMessageBox::about(this, tr("About ShopPilot"),
                           tr("<b>ShopPilot %1</b><p>The operations cockpit for e-commerce teams: KPIs, pricing, "
                              "recommendations, segments, support, risk, campaigns and logistics, working offline "
                              "on a local copy of your shop.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::buildStatusBar()
{
    m_syncLabel = new QLabel(m_sync->stateText());
    m_syncLabel->setObjectName(QStringLiteral("syncState"));
    connect(m_sync, &SyncController::stateChanged, m_syncLabel, &QLabel::setText);
    m_jobLabel = new QLabel;
    m_jobLabel->setObjectName(QStringLiteral("jobLabel"));
    m_jobProgress = new QProgressBar;
    m_jobProgress->setObjectName(QStringLiteral("jobProgress"));
    m_jobProgress->setRange(0, 1000);
    m_jobProgress->setMaximumWidth(160);
    m_jobProgress->setTextVisible(false);
    m_jobCancel = new QToolButton;
    m_jobCancel->setObjectName(QStringLiteral("jobCancel"));
    m_jobCancel->setText(tr("Cancel"));
    m_jobCancel->setToolTip(tr("Stop the running job"));
    connect(m_jobCancel, &QToolButton::clicked, m_jobs, &JobRunner::cancelCurrent);
    statusBar()->addPermanentWidget(m_jobLabel);
    statusBar()->addPermanentWidget(m_jobProgress);
    statusBar()->addPermanentWidget(m_jobCancel);
    statusBar()->addPermanentWidget(m_syncLabel);
    auto setJobVisible = [this](bool on) {
        m_jobLabel->setVisible(on);
        m_jobProgress->setVisible(on);
        m_jobCancel->setVisible(on);
    };
    setJobVisible(false);
    connect(m_jobs, &JobRunner::jobStarted, this, [this, setJobVisible](const QString& title) {
        m_jobLabel->setText(title);
        m_jobProgress->setValue(0);
        setJobVisible(true);
    });
    connect(m_jobs, &JobRunner::jobProgress, this, [this](const QString& title, double f, const QString& what) {
        if (title != m_jobs->currentTitle())
            return;
        m_jobProgress->setValue(int(f * 1000));
        m_jobLabel->setText(what.isEmpty() ? title : title + QStringLiteral(": ") + what);
    });
    connect(m_jobs, &JobRunner::jobFinished, this, [this, setJobVisible](const QString& title, bool cancelled) {
        if (cancelled)
            statusBar()->showMessage(tr("Cancelled: %1").arg(title), 4000);
        if (m_jobs->busy())
            m_jobLabel->setText(m_jobs->currentTitle());
        else
            setJobVisible(false);
    });
    connect(m_jobs, &JobRunner::jobFailed, this, [this](const QString& title, const QString& message) {
        statusBar()->showMessage(tr("%1 failed: %2").arg(title, message), 10000);
    });
    statusBar()->showMessage(tr("No store open"));
}

void MainWindow::chooseStore()
{
    const QString dir = storePath().isEmpty() ? QString() : QFileInfo(storePath()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a ShopPilot store"), dir,
                                                      tr("ShopPilot stores (*.db *.sqlite);;All files (*)"));
    if (!path.isEmpty())
        openStore(path);
}

void MainWindow::openStore(const QString& path)
{
    const quint64 job = ++m_openJob;
    statusBar()->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    m_watcher.setProperty("job", job);
    m_watcher.setFuture(QtConcurrent::run(backgroundPool(), [path] { return openAndSummarize(path); }));
}

void MainWindow::refreshSummary()
{
    if (storePath().isEmpty() || m_watcher.isRunning())
        return;
    const QString path = storePath();
    auto* watcher = new QFutureWatcher<OpenResult>(this);
    connect(watcher, &QFutureWatcher<OpenResult>::finished, this, [this, watcher] {
        const OpenResult r = watcher->result();
        watcher->deleteLater();
        if (r.ok && r.path == storePath()) {
            m_summary = r.summary;
            m_model->setSummary(r.summary);
        }
    });
    watcher->setFuture(QtConcurrent::run(backgroundPool(), [path] { return openAndSummarize(path); }));
}

void MainWindow::onOpened()
{
    // A newer request superseded this one: drop the stale result.
    if (m_watcher.property("job").toULongLong() != m_openJob)
        return;
    const OpenResult r = m_watcher.result();
    if (!r.ok) {
        statusBar()->showMessage(storePath().isEmpty() ? tr("No store open")
                                                       : tr("Store: %1").arg(QDir::toNativeSeparators(storePath())));
        Q_EMIT storeFailed(r.path, r.error);
        if (!qEnvironmentVariableIsSet("SHOPPILOT_NO_DIALOGS")) {
            QMessageBox box(QMessageBox::Critical, tr("Cannot open the store"),
                            tr("ShopPilot could not open %1.").arg(QDir::toNativeSeparators(r.path)),
                            QMessageBox::Ok, this);
            box.setObjectName(QStringLiteral("openErrorBox"));
            box.setInformativeText(r.error);
            box.exec();
        }
        return;
    }
    m_summary = r.summary;
    m_model->setSummary(r.summary);
    m_bridge->follow(r.path);
    m_view->setStorePath(r.path);
    addRecent(r.path);
    const QString name = QString::fromStdString(
        r.summary.metaValue("name").value_or(QFileInfo(r.path).completeBaseName().toStdString()));
    setWindowTitle(tr("%1 — ShopPilot").arg(name));
    statusBar()->showMessage(tr("Store: %1").arg(QDir::toNativeSeparators(r.path)));
    if (!showPanel(currentPanelId()) && !panels().empty())
        showPanel(panels().front().id);
    if (panels().empty())
        showStoreInfo();
    Q_EMIT storeOpened(r.path);
}

void MainWindow::showStoreInfo()
{
    if (storePath().isEmpty()) {
        statusBar()->showMessage(tr("No store open"), 4000);
        return;
    }
    auto* dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("storeInfoDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Store information"));
    const store::StoreSummary& s = m_summary;
    const QLocale locale;
    auto date = [&](const std::optional<Timestamp>& ts) {
        return ts ? locale.toString(QDateTime::fromSecsSinceEpoch(*ts, Qt::UTC).toLocalTime().date(), QLocale::ShortFormat)
                  : QStringLiteral("—");
    };
    const QString name = QString::fromStdString(s.metaValue("name").value_or(QFileInfo(storePath()).completeBaseName().toStdString()));
    auto* title = new QLabel(QStringLiteral("<h2>%1</h2>").arg(name.toHtmlEscaped()));
    title->setObjectName(QStringLiteral("storeTitle"));
    QString facts;
    facts += tr("File: %1").arg(QDir::toNativeSeparators(storePath()).toHtmlEscaped()) + "<br>";
    facts += tr("Source: %1 · Currency: %2 · Schema version %3")
                 .arg(QString::fromStdString(s.metaValue("source").value_or("—")).toHtmlEscaped(),
                      QString::fromStdString(s.metaValue("currency").value_or("—")))
                 .arg(s.schemaVersion)
             + "<br>";
    facts += tr("Orders from %1 to %2").arg(date(s.firstOrderAt), date(s.lastOrderAt));
    auto* factsLabel = new QLabel(facts);
    factsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* table = new QTableView;
    table->setObjectName(QStringLiteral("storeTables"));
    table->setModel(m_model);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setSectionResizeMode(StoreSummaryModel::TableColumn, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(StoreSummaryModel::RowsColumn, QHeaderView::ResizeToContents);
    table->setAlternatingRowColors(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(title);
    layout->addWidget(factsLabel);
    layout->addWidget(table, 1);
    layout->addWidget(buttons);
    dialog->resize(560, 640);
    dialog->show();
}

QList<QAction*> MainWindow::paletteActions() const
{
    QList<QAction*> out;
    std::function<void(const QList<QAction*>&)> collect = [&](const QList<QAction*>& actions) {
        for (QAction* a : actions) {
            if (a->menu())
                collect(a->menu()->actions());
            else if (!a->isSeparator() && !out.contains(a))
                out.append(a);
        }
    };
    collect(menuBar()->actions());
    // Panels add their own actions (export, refresh ...) to themselves.
    for (QWidget* panel : m_panels)
        if (panel)
            collect(panel->actions());
    return out;
}

void MainWindow::openCommandPalette()
{
    auto* palette = new CommandPalette(paletteActions(), this);
    palette->setAttribute(Qt::WA_DeleteOnClose);
    const QPoint topCenter = mapToGlobal(QPoint(width() / 2, 60));
    palette->move(topCenter.x() - palette->width() / 2, topCenter.y());
    palette->show();
    palette->searchField()->setFocus();
}

void MainWindow::openSettings()
{
    const AppSettings before = AppSettings::load();
    SettingsDialog dialog(before, this);
    dialog.setObjectName(QStringLiteral("settingsDialog"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    const AppSettings after = dialog.settings();
    after.save();
    if (after.theme != before.theme)
        applyTheme(after.theme);
    if (after.language != before.language)
        setLanguage(after.language);
}

void MainWindow::setLanguage(const QString& setting)
{
    installTranslations(*qApp, setting);
    // Widgets hold translated text; the simplest complete retranslation is a new window on the
    // same store and panel (geometry and state are saved and restored by the new window).
    QSettings settings;
    settings.setValue("mainWindow/geometry", saveGeometry());
    settings.setValue("mainWindow/state", saveState());
    auto* replacement = new MainWindow;
    replacement->setAttribute(Qt::WA_DeleteOnClose);
    replacement->show();
    if (!storePath().isEmpty())
        replacement->openStore(storePath());
    setAttribute(Qt::WA_DeleteOnClose);
    close();
}

QStringList MainWindow::recentFiles() const
{
    return QSettings().value(kRecentKey).toStringList();
}

void MainWindow::addRecent(const QString& path)
{
    QStringList files = recentFiles();
    const QString abs = QFileInfo(path).absoluteFilePath();
    files.removeAll(abs);
    files.prepend(abs);
    while (files.size() > kMaxRecent)
        files.removeLast();
    QSettings().setValue(kRecentKey, files);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (const QString& f : files)
        m_recentMenu->addAction(QDir::toNativeSeparators(f), this, [this, f] { openStore(f); });
    m_recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue("mainWindow/geometry", saveGeometry());
    settings.setValue("mainWindow/state", saveState());
    QMainWindow::closeEvent(event);
}

} // namespace shoppilot::ui
