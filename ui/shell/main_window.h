// The main window: opens a store in the background, shows what it holds, and reports a bad
// file in a dialog while staying usable. Panels join the sidebar as their issues deliver them.
#pragma once

#include <QFutureWatcher>
#include <QMainWindow>
#include <QStringList>
#include <memory>

#include "store/summary.h"

class QLabel;
class QStackedWidget;
class QTableView;
class QMenu;

namespace shoppilot::ui {

class StoreSummaryModel;
class StoreBridge;

// The outcome of opening a store on a worker thread.
struct OpenResult {
    QString path;
    bool ok = false;
    QString error; // the store's message when !ok
    store::StoreSummary summary;
};

// Opens `path` (no creation) and summarises it. Runs on any thread; never throws.
OpenResult openAndSummarize(const QString& path);

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Starts opening a store; storeOpened or storeFailed follows.
    void openStore(const QString& path);
    QString storePath() const { return m_path; }
    StoreSummaryModel* summaryModel() const { return m_model; }
    QStringList recentFiles() const;

Q_SIGNALS:
    void storeOpened(const QString& path);
    void storeFailed(const QString& path, const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildUi();
    void buildMenus();
    void chooseStore();
    void onOpened();
    void showSummary(const store::StoreSummary& summary);
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void refresh();

    QString m_path;
    QString m_pending;
    StoreSummaryModel* m_model = nullptr;
    StoreBridge* m_bridge = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_facts = nullptr;
    QTableView* m_table = nullptr;
    QMenu* m_recentMenu = nullptr;
    QFutureWatcher<OpenResult> m_watcher;
    quint64 m_job = 0;
};

} // namespace shoppilot::ui
