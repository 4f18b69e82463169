// The Support panel for support leads and agents: the conversation list (bot / waiting for a
// person / person / closed), the chat view with the bot's understanding beside each customer
// message (intent, confidence, slots; personal data masked unless "show personal data" is on), a
// test console to chat as a customer in Chinese or English with the bot trained on this store's
// conversations (replies from the real orders; the action and the cited article shown), and the
// metrics by intent (containment, handoff rate, resolution, first response). The model trains as a
// job when the store opens; every store read is a task off the GUI thread.
#pragma once

#include <QWidget>
#include <memory>
#include <vector>

#include "shell/panel_registry.h"
#include "support/conversations.h"
#include "support/dialogue.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QTextBrowser;

namespace shoppilot::ui {

class JobRunner;
class ViewState;

class SupportPanel : public QWidget {
    Q_OBJECT
public:
    explicit SupportPanel(const PanelContext& context, QWidget* parent = nullptr);
    ~SupportPanel() override;

    bool modelReady() const { return bool(m_model); }
    QTableWidget* conversationTable() const { return m_list; }
    QTableWidget* messageTable() const { return m_messages; }
    QTableWidget* metricsTable() const { return m_metrics; }
    QTextBrowser* consoleView() const { return m_console; }
    QLineEdit* consoleInput() const { return m_input; }
    QComboBox* statusFilter() const { return m_status; }
    QCheckBox* personalDataBox() const { return m_personal; }
    QTabWidget* tabs() const { return m_tabs; }
    QLabel* statusLabel() const { return m_info; }
    const std::vector<support::Turn>& consoleTurns() const { return m_turns; }
    const support::DialogueState& consoleState() const { return m_state; }

public Q_SLOTS:
    void reload();
    void sendConsoleMessage();
    void resetConsole();
    void showConversation(int row);

Q_SIGNALS:
    void conversationsListed();
    void messagesShown();
    void modelTrained();
    void botReplied();
    void failed(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void listConversations();
    void fillMessages();
    void appendConsole(const QString& who, const QString& text, const QString& detail);
    QString shown(const std::string& text) const;

    ViewState* m_view;
    JobRunner* m_jobs;
    quint64 m_generation = 0;
    std::shared_ptr<const support::IntentModel> m_model;
    std::shared_ptr<const support::KbRanker> m_ranker;
    std::vector<support::ConversationRow> m_rows;
    std::vector<support::MessageRow> m_current;
    support::DialogueState m_state;
    std::vector<support::Turn> m_turns;
    bool m_busy = false;

    QLabel* m_info = nullptr;
    QTabWidget* m_tabs = nullptr;
    QComboBox* m_status = nullptr;
    QCheckBox* m_personal = nullptr;
    QTableWidget* m_list = nullptr;
    QTableWidget* m_messages = nullptr;
    QTextBrowser* m_console = nullptr;
    QLineEdit* m_input = nullptr;
    QPushButton* m_send = nullptr;
    QPushButton* m_reset = nullptr;
    QTableWidget* m_metrics = nullptr;
    QLabel* m_consoleHint = nullptr;
};

QWidget* createSupportPanel(const PanelContext& context, QWidget* parent);

} // namespace shoppilot::ui
