// The Support panel for support leads and agents: the conversation list (bot / waiting for a
// person / person / closed), the chat view with the bot's understanding beside each customer
// message (intent, confidence, slots; personal data masked unless "show personal data" is on), a
// test console to chat as a customer in Chinese or English with the bot trained on this store's
// conversations (replies from the real orders; the action and the cited article shown), and the
// metrics by intent (containment, handoff rate, resolution, first response); under the chat view
// the agent's part: take a conversation over from the bot, a drafted reply from the real order to
// edit and send, close it. The model trains as a
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
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QTextBrowser;

namespace shoppilot::ui {

class FeedbackView;
class JobRunner;
class KbEditor;
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
    KbEditor* kbEditor() const { return m_kb; }
    FeedbackView* feedbackView() const { return m_feedback; }
    QLabel* statusLabel() const { return m_info; }
    QPlainTextEdit* agentReply() const { return m_agentReply; }
    QLabel* draftBasis() const { return m_draftBasis; }
    QPushButton* takeOverButton() const { return m_takeOver; }
    QPushButton* draftButton() const { return m_draftButton; }
    QPushButton* sendAgentButton() const { return m_sendAgent; }
    QPushButton* closeButton() const { return m_closeConversation; }
    std::int64_t currentConversation() const { return m_currentId; }
    const std::vector<support::Turn>& consoleTurns() const { return m_turns; }
    const support::DialogueState& consoleState() const { return m_state; }

public Q_SLOTS:
    void reload();
    void sendConsoleMessage();
    void resetConsole();
    void showConversation(int row);
    // Agent assist on the selected conversation: take it over, draft a reply, send it, close it.
    void takeOver();
    void draftReply();
    void sendAgentReply();
    void closeConversation();

Q_SIGNALS:
    void conversationsListed();
    void messagesShown();
    void modelTrained();
    void botReplied();
    void draftReady();
    void agentActionDone();
    void failed(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void listConversations();
    void fillMessages();
    void loadMessages(); // the current conversation's messages, read and understood off the GUI thread
    void appendConsole(const QString& who, const QString& text, const QString& detail);
    QString shown(const std::string& text) const;
    void updateAgentButtons();
    QString agentName() const;

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
    std::int64_t m_currentId = 0;
    std::string m_currentStatus;

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
    QLabel* m_agentTitle = nullptr;
    QPlainTextEdit* m_agentReply = nullptr;
    QLabel* m_draftBasis = nullptr;
    QPushButton* m_takeOver = nullptr;
    QPushButton* m_draftButton = nullptr;
    QPushButton* m_sendAgent = nullptr;
    QPushButton* m_closeConversation = nullptr;
    KbEditor* m_kb = nullptr;
    FeedbackView* m_feedback = nullptr;
};

QWidget* createSupportPanel(const PanelContext& context, QWidget* parent);

} // namespace shoppilot::ui
