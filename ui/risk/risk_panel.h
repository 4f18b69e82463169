// The Risk panel for analysts: the review queue of flagged orders (sorted by score, filtered by
// level, rule, pattern and date) with a details pane (order, reasons, customer history and credit
// score, linked orders), decisions by button or hotkey (A approve, R reject, E escalate, J/K
// next/previous, several rows at once), the audit trail, a threshold view (score histogram by
// label, precision-recall curve, a slider with review volume, precision, recall and fraud value
// caught), and the rule editor with a backtest before saving. New orders from sync or webhooks
// are scored as they arrive; flagged ones join the queue with a desktop notification.
// Every computation is core's (risk_service.h), run through the JobRunner.
#pragma once

#include <QFuture>
#include <QWidget>
#include <memory>
#include <vector>

#include "risk/risk_service.h"
#include "shell/panel_registry.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSlider;
class QStackedWidget;
class QSystemTrayIcon;
class QTabWidget;
class QTableView;
class QTextBrowser;

namespace shoppilot::ui {

class AlertModel;
class AuditModel;
class BacktestModel;
class JobRunner;
class LinkedOrderModel;
class ViewState;
class XyChartView;
struct RiskSession;

class RiskPanel : public QWidget {
    Q_OBJECT
public:
    explicit RiskPanel(const PanelContext& context, QWidget* parent = nullptr);
    ~RiskPanel() override;

    AlertModel* alertModel() const { return m_alerts; }
    AuditModel* auditModel() const { return m_audit; }
    LinkedOrderModel* linkedModel() const { return m_linked; }
    BacktestModel* backtestModel() const { return m_backtest; }
    QTableView* queueView() const { return m_queue; }
    QTabWidget* tabs() const { return m_tabs; }
    QSlider* thresholdSlider() const { return m_slider; }
    QLabel* thresholdSummary() const { return m_thresholdSummary; }
    QLabel* maturityNote() const { return m_maturityNote; }
    QPlainTextEdit* rulesEditor() const { return m_rulesEdit; }
    QPushButton* saveRulesButton() const { return m_saveRules; }
    QString statusText() const;
    bool hasModel() const;
    QString analyst() const;
    void setAnalyst(const QString& name); // also stored in QSettings (risk/analyst)
    int currentRow() const;

public Q_SLOTS:
    void reloadQueue();
    void trainModel();
    void scoreRecent();
    void scoreNewOrders();
    void approve();
    void reject();
    void escalate();
    void next();
    void previous();
    void backtestRules();
    void saveRules();

Q_SIGNALS:
    void modelLoaded();
    void modelMissing();
    void queueLoaded();
    void decisionsSaved(int count);
    void newOrdersScored(int orders, int alerts, double milliseconds);
    void backtestFinished();
    void rulesSaved();
    void failed(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildUi();
    QWidget* buildQueueTab();
    QWidget* buildThresholdTab();
    QWidget* buildRulesTab();
    void retranslate();
    QString missingModelText() const;
    void onStoreChanged(const QString& path);
    void loadScorer();
    void applyFilter();
    void showDetails();
    void updateThreshold();
    void decide(risk::Decision d);
    void notify(const QString& title, const QString& text);
    void setStatus(const QString& text);
    // Parses the rules editor's text; on a problem shows it (naming the rule or list entry),
    // emits failed and returns false.
    bool checkRules(const QString& text);
    template <typename R, typename Work, typename Done>
    void runJob(const QString& title, Work work, Done done, const QString& slot = {});
    // A store read on a pooled reader (StoreService); done runs on the GUI thread unless another
    // store was opened meanwhile; a failure goes to the status line and failed().
    template <typename Work, typename Done>
    void readStore(Work work, Done done);

    ViewState* m_view;
    JobRunner* m_jobs;
    std::shared_ptr<RiskSession> m_session;
    quint64 m_generation = 0;
    bool m_noLabels = false; // no chargebacks or decisions: nothing to train on (missingModelText)
    bool m_hasModel = false; // the GUI's own flag: the scorer itself lives with the jobs
    std::vector<risk::AlertRow> m_allAlerts;
    risk::ThresholdView m_thresholdData;
    QString m_status;
    QString m_rulesBacktested; // the rules text whose backtest is on screen (Save needs it)

    QStackedWidget* m_pages = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_trainButton = nullptr;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_statusLabel = nullptr;
    QLabel* m_analystLabel = nullptr;
    QLineEdit* m_analyst = nullptr;
    QPushButton* m_retrain = nullptr;
    QPushButton* m_scoreRecent = nullptr;
    // queue
    QComboBox* m_levelFilter = nullptr;
    QComboBox* m_ruleFilter = nullptr;
    QComboBox* m_patternFilter = nullptr;
    QComboBox* m_dateFilter = nullptr;
    QLabel* m_filterLabel = nullptr;
    QTableView* m_queue = nullptr;
    AlertModel* m_alerts = nullptr;
    QTextBrowser* m_details = nullptr;
    QTableView* m_linkedView = nullptr;
    LinkedOrderModel* m_linked = nullptr;
    QComboBox* m_reason = nullptr;
    QLineEdit* m_note = nullptr;
    QPushButton* m_approve = nullptr;
    QPushButton* m_reject = nullptr;
    QPushButton* m_escalate = nullptr;
    QLabel* m_keysHint = nullptr;
    // threshold
    XyChartView* m_histogram = nullptr;
    XyChartView* m_prCurve = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_thresholdSummary = nullptr;
    QLabel* m_maturityNote = nullptr;
    // rules
    QLabel* m_rulesOrder = nullptr;
    QPlainTextEdit* m_rulesEdit = nullptr;
    QPushButton* m_backtestRules = nullptr;
    QPushButton* m_saveRules = nullptr;
    BacktestModel* m_backtest = nullptr;
    QTableView* m_backtestView = nullptr;
    // audit
    AuditModel* m_audit = nullptr;
    QTableView* m_auditView = nullptr;
    QSystemTrayIcon* m_tray = nullptr;
};

QWidget* createRiskPanel(const PanelContext& context, QWidget* parent);

} // namespace shoppilot::ui
