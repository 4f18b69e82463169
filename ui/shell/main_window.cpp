#include "shell/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "shell/store_bridge.h"
#include "shell/store_summary_model.h"
#include "store/database.h"

namespace shoppilot::ui {

namespace {
constexpr int kMaxRecent = 8;
const char* const kRecentKey = "recentFiles";
} // namespace

OpenResult openAndSummarize(const QString& path)
{
    OpenResult r;
    r.path = path;
    try {
        auto db = store::Database::open(path.toStdString(), {store::OpenMode::ReadWrite});
        r.summary = store::summarize(db);
        r.ok = true;
    } catch (const std::exception& e) {
        r.error = QString::fromStdString(e.what());
    }
    return r;
}

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    m_model = new StoreSummaryModel(this);
    m_bridge = new StoreBridge(this);
    buildUi();
    buildMenus();
    connect(&m_watcher, &QFutureWatcher<OpenResult>::finished, this, &MainWindow::onOpened);
    // Imports and syncs announce themselves through the feed; coalesce bursts into one refresh.
    auto* refreshTimer = new QTimer(this);
    refreshTimer->setSingleShot(true);
    refreshTimer->setInterval(300);
    connect(refreshTimer, &QTimer::timeout, this, &MainWindow::refresh);
    connect(m_bridge, &StoreBridge::tableChanged, refreshTimer, qOverload<>(&QTimer::start));

    QSettings settings;
    restoreGeometry(settings.value("mainWindow/geometry").toByteArray());
    restoreState(settings.value("mainWindow/state").toByteArray());
    setWindowTitle(tr("ShopPilot"));
}

MainWindow::~MainWindow()
{
    m_watcher.waitForFinished();
}

void MainWindow::buildUi()
{
    m_stack = new QStackedWidget(this);

    auto* welcome = new QWidget;
    auto* wl = new QVBoxLayout(welcome);
    wl->addStretch();
    auto* hello = new QLabel(tr("<h2>Welcome to ShopPilot</h2><p>Open a store file to see your shop's data. "
                                "To try ShopPilot, create the demo store with <tt>shoppilot demo-data --db demo.db</tt>, "
                                "or import your own sales with <tt>shoppilot import online-retail FILE.csv --db shop.db</tt>.</p>"));
    hello->setWordWrap(true);
    hello->setAlignment(Qt::AlignCenter);
    hello->setTextFormat(Qt::RichText);
    auto* openButton = new QPushButton(tr("Open a store…"));
    openButton->setObjectName("welcomeOpenButton");
    connect(openButton, &QPushButton::clicked, this, &MainWindow::chooseStore);
    wl->addWidget(hello);
    wl->addWidget(openButton, 0, Qt::AlignHCenter);
    wl->addStretch();
    m_stack->addWidget(welcome);

    auto* page = new QWidget;
    auto* pl = new QVBoxLayout(page);
    m_title = new QLabel;
    m_title->setObjectName("storeTitle");
    m_title->setTextFormat(Qt::RichText);
    m_facts = new QLabel;
    m_facts->setObjectName("storeFacts");
    m_facts->setTextFormat(Qt::RichText);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table = new QTableView;
    m_table->setObjectName("storeTables");
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(StoreSummaryModel::TableColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(StoreSummaryModel::RowsColumn, QHeaderView::ResizeToContents);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    pl->addWidget(m_title);
    pl->addWidget(m_facts);
    pl->addWidget(m_table, 1);
    m_stack->addWidget(page);

    setCentralWidget(m_stack);
    statusBar()->showMessage(tr("No store open"));
    resize(1100, 720);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open store…"), this, &MainWindow::chooseStore);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    rebuildRecentMenu();
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About ShopPilot"), this, [this] {
        QMessageBox::about(this, tr("About ShopPilot"),
                           tr("<b>ShopPilot %1</b><p>The operations cockpit for e-commerce teams: KPIs, pricing, "
                              "recommendations, segments, support, risk, campaigns and logistics, working offline "
                              "on a local copy of your shop.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::chooseStore()
{
    const QString dir = m_path.isEmpty() ? QString() : QFileInfo(m_path).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a ShopPilot store"), dir,
                                                      tr("ShopPilot stores (*.db *.sqlite);;All files (*)"));
    if (!path.isEmpty())
        openStore(path);
}

void MainWindow::openStore(const QString& path)
{
    m_pending = path;
    ++m_job;
    statusBar()->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    QApplication::setOverrideCursor(Qt::BusyCursor);
    const quint64 job = m_job;
    m_watcher.setProperty("job", job);
    m_watcher.setFuture(QtConcurrent::run([path] { return openAndSummarize(path); }));
}

void MainWindow::refresh()
{
    if (!m_path.isEmpty() && !m_watcher.isRunning())
        openStore(m_path);
}

void MainWindow::onOpened()
{
    QApplication::restoreOverrideCursor();
    // A newer request superseded this one: drop the stale result.
    if (m_watcher.property("job").toULongLong() != m_job)
        return;
    const OpenResult r = m_watcher.result();
    if (!r.ok) {
        statusBar()->showMessage(m_path.isEmpty() ? tr("No store open")
                                                  : tr("Store: %1").arg(QDir::toNativeSeparators(m_path)));
        QMessageBox box(QMessageBox::Critical, tr("Cannot open the store"),
                        tr("ShopPilot could not open %1.").arg(QDir::toNativeSeparators(r.path)), QMessageBox::Ok,
                        this);
        box.setObjectName("openErrorBox");
        box.setInformativeText(r.error);
        Q_EMIT storeFailed(r.path, r.error);
        if (!qEnvironmentVariableIsSet("SHOPPILOT_NO_DIALOGS"))
            box.exec();
        return;
    }
    m_path = r.path;
    m_bridge->follow(m_path);
    showSummary(r.summary);
    addRecent(m_path);
    statusBar()->showMessage(tr("Store: %1").arg(QDir::toNativeSeparators(m_path)));
    Q_EMIT storeOpened(m_path);
}

void MainWindow::showSummary(const store::StoreSummary& s)
{
    const QString name = QString::fromStdString(s.metaValue("name").value_or(QFileInfo(m_path).completeBaseName().toStdString()));
    setWindowTitle(tr("%1 — ShopPilot").arg(name));
    m_title->setText(QStringLiteral("<h2>%1</h2>").arg(name.toHtmlEscaped()));
    const QLocale locale;
    auto date = [&](const std::optional<Timestamp>& ts) {
        return ts ? locale.toString(QDateTime::fromSecsSinceEpoch(*ts, Qt::UTC).toLocalTime().date(), QLocale::ShortFormat)
                  : QStringLiteral("—");
    };
    const QString source = QString::fromStdString(s.metaValue("source").value_or("—"));
    QString facts;
    facts += tr("File: %1").arg(QDir::toNativeSeparators(m_path).toHtmlEscaped()) + "<br>";
    facts += tr("Source: %1 · Currency: %2 · Schema version %3")
                 .arg(source.toHtmlEscaped(), QString::fromStdString(s.metaValue("currency").value_or("—")))
                 .arg(s.schemaVersion)
             + "<br>";
    facts += tr("Orders from %1 to %2").arg(date(s.firstOrderAt), date(s.lastOrderAt));
    m_facts->setText(facts);
    m_model->setSummary(s);
    m_stack->setCurrentIndex(1);
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
