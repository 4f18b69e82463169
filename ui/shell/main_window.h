// The main window: sidebar of the delivered panels, status bar with the sync state and the
// running job (progress, cancel), settings, Ctrl+K command palette, recent files, restored
// window state. Opens a store in the background and reports a bad file in a dialog while
// staying usable.
#pragma once

#include <QFutureWatcher>
#include <QMainWindow>
#include <QStringList>

#include <memory>

#include "store/store_access.h"
#include "store/summary.h"

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QToolButton;

namespace shoppilot::ui {

class JobRunner;
class StoreBridge;
class StoreSummaryModel;
class SyncController;
class ViewState;

// The outcome of opening a store on a worker thread.
struct OpenResult {
    QString path;
    bool ok = false;
    QString error; // the store's message when !ok
    store::StoreSummary summary;
    std::shared_ptr<store::StoreAccess> access; // keeps the writer open until the view takes it
};

// Opens `path` (no creation; migrates an older store after backing it up) and summarises it.
// Runs on any thread; never throws.
OpenResult openAndSummarize(const QString& path);

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Starts opening a store; storeOpened or storeFailed follows.
    void openStore(const QString& path);
    QString storePath() const;
    StoreSummaryModel* summaryModel() const { return m_model; }
    ViewState* viewState() const { return m_view; }
    JobRunner* jobs() const { return m_jobs; }
    SyncController* sync() const { return m_sync; }
    QStringList recentFiles() const;
    // Shows the panel with this registry id (creating it on first use); false if unknown.
    bool showPanel(const QString& id);
    QString currentPanelId() const;
    // Every action the command palette offers.
    QList<QAction*> paletteActions() const;

public Q_SLOTS:
    void openCommandPalette();
    void openSettings();
    void showStoreInfo();
    // Help > About this model: the card and stored metrics of the current panel's model.
    void openModelCard();

Q_SIGNALS:
    void storeOpened(const QString& path);
    void storeFailed(const QString& path, const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildUi();
    void buildMenus();
    void buildStatusBar();
    void chooseStore();
    void onOpened();
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void refreshSummary();
    void setLanguage(const QString& setting);
    void showEscapedError(const QString& message);

    ViewState* m_view = nullptr;
    JobRunner* m_jobs = nullptr;
    StoreSummaryModel* m_model = nullptr;
    StoreBridge* m_bridge = nullptr;
    SyncController* m_sync = nullptr;
    store::StoreSummary m_summary;

    QListWidget* m_sidebar = nullptr;
    QStackedWidget* m_stack = nullptr;
    QWidget* m_welcome = nullptr;
    QHash<QString, QWidget*> m_panels;
    QList<QAction*> m_panelActions;
    QMenu* m_recentMenu = nullptr;
    QAction* m_modelCardAction = nullptr;

    QLabel* m_syncLabel = nullptr;
    QLabel* m_jobLabel = nullptr;
    QProgressBar* m_jobProgress = nullptr;
    QToolButton* m_jobCancel = nullptr;

    QFutureWatcher<OpenResult> m_watcher;
    quint64 m_openJob = 0;
    bool m_errorBoxOpen = false;
};

} // namespace shoppilot::ui
