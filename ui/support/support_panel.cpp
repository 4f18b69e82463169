#include "support/support_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <ctime>

#include "common/error.h"
#include "shell/job_runner.h"
#include "shell/store_service.h"
#include "shell/view_state.h"
#include "store/database.h"
#include "store/repositories.h"
#include "store/store_access.h"
#include "support/agent_assist.h"
#include "support/intent_model.h"
#include "support/feedback_view.h"
#include "support/kb.h"
#include "support/kb_editor.h"
#include "widgets/table_util.h"

namespace shoppilot::ui {

namespace sup = shoppilot::support;

namespace {

constexpr int kListLimit = 500;

Timestamp nowTimestamp()
{
    return Timestamp(std::time(nullptr));
}

QString when(Timestamp t)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(t), QLocale::ShortFormat);
}

} // namespace

SupportPanel::SupportPanel(const PanelContext& context, QWidget* parent)
    : QWidget(parent), m_view(context.view), m_jobs(context.jobs)
{
    setObjectName(QStringLiteral("supportPanel"));
    auto* outer = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_info = new QLabel;
    m_info->setWordWrap(true);
    m_personal = new QCheckBox;
    m_personal->setObjectName(QStringLiteral("showPersonalData"));
    top->addWidget(m_info, 1);
    top->addWidget(m_personal);
    outer->addLayout(top);
    m_tabs = new QTabWidget;
    outer->addWidget(m_tabs, 1);

    // Conversations: list and chat view.
    auto* convTab = new QWidget;
    auto* convLayout = new QVBoxLayout(convTab);
    m_status = new QComboBox;
    m_status->setObjectName(QStringLiteral("statusFilter"));
    for (const char* s : {"", "bot", "escalated", "open", "resolved"})
        m_status->addItem(QString(), QString::fromLatin1(s));
    convLayout->addWidget(m_status);
    auto* split = new QSplitter(Qt::Horizontal);
    m_list = newReadOnlyTable();
    m_list->setObjectName(QStringLiteral("conversationList"));
    m_list->setColumnCount(5);
    m_messages = newReadOnlyTable();
    m_messages->setObjectName(QStringLiteral("messageView"));
    m_messages->setColumnCount(4);
    m_messages->setWordWrap(true);
    m_messages->horizontalHeader()->setStretchLastSection(false);
    m_messages->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    split->addWidget(m_list);
    // The chat view and, under it, the agent's reply: a draft from the bot to edit and send.
    auto* chat = new QWidget;
    auto* chatLayout = new QVBoxLayout(chat);
    chatLayout->setContentsMargins(0, 0, 0, 0);
    chatLayout->addWidget(m_messages, 3);
    m_agentTitle = new QLabel;
    m_agentReply = new QPlainTextEdit;
    m_agentReply->setObjectName(QStringLiteral("agentReply"));
    m_agentReply->setMaximumHeight(110);
    m_draftBasis = new QLabel;
    m_draftBasis->setObjectName(QStringLiteral("draftBasis"));
    m_draftBasis->setWordWrap(true);
    m_draftBasis->setStyleSheet(QStringLiteral("color:#666"));
    auto* agentRow = new QHBoxLayout;
    m_takeOver = new QPushButton;
    m_draftButton = new QPushButton;
    m_sendAgent = new QPushButton;
    m_closeConversation = new QPushButton;
    agentRow->addWidget(m_takeOver);
    agentRow->addWidget(m_draftButton);
    agentRow->addStretch(1);
    agentRow->addWidget(m_sendAgent);
    agentRow->addWidget(m_closeConversation);
    chatLayout->addWidget(m_agentTitle);
    chatLayout->addWidget(m_agentReply, 1);
    chatLayout->addWidget(m_draftBasis);
    chatLayout->addLayout(agentRow);
    split->addWidget(chat);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    convLayout->addWidget(split, 1);
    m_tabs->addTab(convTab, QString());

    // Test console.
    auto* consoleTab = new QWidget;
    auto* consoleLayout = new QVBoxLayout(consoleTab);
    m_consoleHint = new QLabel;
    m_consoleHint->setWordWrap(true);
    m_console = new QTextBrowser;
    m_console->setObjectName(QStringLiteral("consoleView"));
    auto* inputRow = new QHBoxLayout;
    m_input = new QLineEdit;
    m_input->setObjectName(QStringLiteral("consoleInput"));
    m_send = new QPushButton;
    m_reset = new QPushButton;
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_send);
    inputRow->addWidget(m_reset);
    consoleLayout->addWidget(m_consoleHint);
    consoleLayout->addWidget(m_console, 1);
    consoleLayout->addLayout(inputRow);
    m_tabs->addTab(consoleTab, QString());

    // Metrics.
    m_metrics = newReadOnlyTable();
    m_metrics->setObjectName(QStringLiteral("metricsTable"));
    m_metrics->setColumnCount(6);
    m_tabs->addTab(m_metrics, QString());

    m_kb = new KbEditor(m_view);
    m_tabs->addTab(m_kb, QString());
    m_feedback = new FeedbackView(m_view, m_jobs);
    m_tabs->addTab(m_feedback, QString());

    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        m_currentId = 0; // a new filter opens on its newest conversation
        listConversations();
    });
    connect(m_list, &QTableWidget::currentCellChanged, this, [this](int row) { showConversation(row); });
    connect(m_send, &QPushButton::clicked, this, &SupportPanel::sendConsoleMessage);
    connect(m_input, &QLineEdit::returnPressed, this, &SupportPanel::sendConsoleMessage);
    connect(m_reset, &QPushButton::clicked, this, &SupportPanel::resetConsole);
    connect(m_takeOver, &QPushButton::clicked, this, &SupportPanel::takeOver);
    connect(m_draftButton, &QPushButton::clicked, this, &SupportPanel::draftReply);
    connect(m_sendAgent, &QPushButton::clicked, this, &SupportPanel::sendAgentReply);
    connect(m_closeConversation, &QPushButton::clicked, this, &SupportPanel::closeConversation);
    connect(m_agentReply, &QPlainTextEdit::textChanged, this, [this] { updateAgentButtons(); });
    connect(m_personal, &QCheckBox::toggled, this, [this](bool on) {
        m_view->store().write(
            this,
            [on](store::Database& db) {
                store::appendAudit(db, nowTimestamp(), "user", on ? "support.personal_data.show" : "support.personal_data.hide",
                                   "support_messages", "", "{}");
            },
            [this] { fillMessages(); },
            [this](const QString& e) {
                const QSignalBlocker block(m_personal);
                m_personal->setChecked(false);
                m_info->setText(tr("Could not record the setting: %1").arg(e));
            });
    });
    connect(m_view, &ViewState::storeChanged, this, [this](const QString&) { reload(); });
    connect(m_view, &ViewState::dataChanged, this, [this](const QString& table) {
        if (table == QLatin1String("support_conversations") || table == QLatin1String("support_messages"))
            listConversations();
    });
    retranslate();
    if (!m_view->storePath().isEmpty())
        reload();
}

SupportPanel::~SupportPanel() = default;

QWidget* createSupportPanel(const PanelContext& context, QWidget* parent)
{
    return new SupportPanel(context, parent);
}

void SupportPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SupportPanel::retranslate()
{
    m_tabs->setTabText(0, tr("Conversations"));
    m_tabs->setTabText(1, tr("Test console"));
    m_tabs->setTabText(2, tr("Metrics by intent"));
    m_tabs->setTabText(3, tr("Knowledge base"));
    m_tabs->setTabText(4, tr("After-sales feedback"));
    m_personal->setText(tr("Show personal data"));
    const QStringList statuses{tr("All conversations"), tr("Bot"), tr("Waiting for a person"), tr("Person"), tr("Closed")};
    for (int i = 0; i < m_status->count() && i < statuses.size(); ++i)
        m_status->setItemText(i, statuses[i]);
    m_list->setHorizontalHeaderLabels({tr("Started"), tr("Language"), tr("Status"), tr("Intent"), tr("Order")});
    m_messages->setHorizontalHeaderLabels({tr("Time"), tr("From"), tr("Message"), tr("Understood")});
    m_metrics->setHorizontalHeaderLabels(
        {tr("Intent"), tr("Conversations"), tr("Containment"), tr("Handoff rate"), tr("Resolved"), tr("Median first response")});
    m_send->setText(tr("Send"));
    m_agentTitle->setText(tr("Reply as an agent (%1)").arg(agentName()));
    m_agentReply->setPlaceholderText(tr("Write a reply, or let the bot draft one from the order's real facts and edit it"));
    m_takeOver->setText(tr("Take over"));
    m_takeOver->setToolTip(tr("A person handles this conversation from now on; the bot stays silent"));
    m_draftButton->setText(tr("Draft reply"));
    m_draftButton->setToolTip(tr("The bot drafts a reply from what it understood and the order's real facts; nothing is sent"));
    m_sendAgent->setText(tr("Send to customer"));
    m_closeConversation->setText(tr("Close conversation"));
    m_reset->setText(tr("New conversation"));
    m_input->setPlaceholderText(tr("Write as a customer, in English or Chinese, e.g. \"where is order SP-100013?\""));
    m_consoleHint->setText(m_model ? tr("Chat as a customer. The bot answers from this store's orders and knowledge base; "
                                        "beside each reply: the intent it understood, its confidence, the slots and the action.")
                                   : tr("The bot is learning from this store's conversations…"));
}

void SupportPanel::reload()
{
    ++m_generation;
    m_model.reset();
    m_ranker.reset();
    m_rows.clear();
    m_current.clear();
    resetConsole();
    m_list->setRowCount(0);
    m_messages->setRowCount(0);
    m_metrics->setRowCount(0);
    m_currentId = 0;
    m_currentStatus.clear();
    m_agentReply->clear();
    m_draftBasis->clear();
    updateAgentButtons();
    m_kb->setBot(nullptr, nullptr);
    retranslate();
    if (!m_view->storePath().isEmpty()) {
        m_kb->reload();
        m_feedback->reload();
    }
    if (m_view->storePath().isEmpty()) {
        m_info->setText(tr("Open a store to see its support conversations."));
        return;
    }
    listConversations();
    m_view->store().read(
        this, [](store::Database& db) { return sup::supportMetrics(db); },
        [this](std::vector<sup::IntentMetrics> rows) {
            m_metrics->setRowCount(int(rows.size()));
            for (int r = 0; r < int(rows.size()); ++r) {
                const auto& m = rows[std::size_t(r)];
                auto pct = [](double v) { return QLocale().toString(v * 100.0, 'f', 1) + QStringLiteral(" %"); };
                m_metrics->setItem(r, 0, readOnlyCell(m.intent == "all" ? tr("All intents") : QString::fromStdString(m.intent)));
                m_metrics->setItem(r, 1, readOnlyCell(QString::number(m.conversations), true));
                m_metrics->setItem(r, 2, readOnlyCell(pct(m.containment), true));
                m_metrics->setItem(r, 3, readOnlyCell(pct(m.handoffRate), true));
                m_metrics->setItem(r, 4, readOnlyCell(pct(m.resolved), true));
                m_metrics->setItem(r, 5, readOnlyCell(tr("%1 s").arg(QLocale().toString(m.medianFirstResponseSeconds, 'f', 0)), true));
            }
            m_metrics->resizeColumnsToContents();
        });
    const quint64 generation = m_generation;
    m_info->setText(tr("Training the bot on this store's conversations…"));
    using Trained = std::pair<std::shared_ptr<const sup::IntentModel>, std::shared_ptr<const sup::KbRanker>>;
    auto future = m_jobs->run<Trained>(
        tr("Support: training the intent model"),
        [access = m_view->store().access()](const Progress& progress) -> Trained {
            if (!access)
                throw Error(ErrorCode::InvalidArgument, "no store is open");
            const auto rows = access->read([](store::Database& db) { return sup::trainingExamples(db); });
            if (rows.size() < 20)
                throw Error(ErrorCode::InvalidArgument,
                            "This store has " + std::to_string(rows.size()) +
                                " support conversations tagged with an intent; the bot needs at least 20 to learn from. They "
                                "come with the shop's support channel (the demo store has them; an orders-only import such as "
                                "Online Retail does not). The knowledge base and the after-sales feedback work without them.");
            auto split = sup::stratifiedHoldout(rows, 0.1, 7);
            std::shared_ptr<const sup::IntentModel> model =
                sup::trainIntents(split.first, split.second, sup::IntentOptions{}, subProgress(progress, 0.0, 0.9));
            // The knowledge-base re-ranker learns from the held-out tenth, which the model did not fit.
            auto ranker = access->read([&](store::Database& db) {
                return std::make_shared<const sup::KbRanker>(sup::KbRanker::train(db, split.second, *model));
            });
            return {model, ranker};
        });
    auto* watcher = new QFutureWatcher<Trained>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        auto f = watcher->future();
        try {
            f.waitForFinished();
            if (f.isCanceled() || f.resultCount() == 0)
                return;
            m_model = f.result().first;
            m_ranker = f.result().second;
            m_kb->setBot(m_model, m_ranker);
            updateAgentButtons();
            m_info->setText(tr("The bot understands %1 intents, learned from this store's conversations.").arg(m_model->labels().size()));
            retranslate();
            loadMessages();
            Q_EMIT modelTrained();
        } catch (...) {
            const QString message = jobErrorMessage(std::current_exception());
            m_info->setText(message);
            Q_EMIT failed(message);
        }
    });
    watcher->setFuture(future);
}

void SupportPanel::listConversations()
{
    if (m_view->storePath().isEmpty())
        return;
    const quint64 generation = m_generation;
    m_view->store().read(
        this,
        [status = m_status->currentData().toString().toStdString()](store::Database& db) {
            return sup::listConversations(db, status, kListLimit);
        },
        [this, generation](std::vector<sup::ConversationRow> rows) {
            if (generation != m_generation)
                return;
            m_rows = std::move(rows);
            const QSignalBlocker block(m_list);
            m_list->setRowCount(int(m_rows.size()));
            for (int r = 0; r < int(m_rows.size()); ++r) {
                const auto& c = m_rows[std::size_t(r)];
                const QString status = c.status == "bot"         ? tr("Bot")
                                       : c.status == "escalated" ? tr("Waiting for a person")
                                       : c.status == "open"      ? tr("Person")
                                                                 : tr("Closed");
                m_list->setItem(r, 0, readOnlyCell(when(c.startedAt)));
                m_list->setItem(r, 1, readOnlyCell(QString::fromStdString(c.language)));
                m_list->setItem(r, 2, readOnlyCell(status));
                m_list->setItem(r, 3, readOnlyCell(QString::fromStdString(c.intent)));
                m_list->setItem(r, 4, readOnlyCell(QString::fromStdString(c.orderRef)));
            }
            m_list->resizeColumnsToContents();
            int keep = -1;
            for (int r = 0; r < int(m_rows.size()) && m_currentId; ++r)
                if (m_rows[std::size_t(r)].id == m_currentId)
                    keep = r;
            if (keep >= 0) {
                m_list->setCurrentCell(keep, 0);
                m_currentStatus = m_rows[std::size_t(keep)].status;
                updateAgentButtons();
            }
            Q_EMIT conversationsListed();
            // The conversation being worked on stays in the chat view even when it leaves the
            // filter (taken over from "waiting", closed); otherwise the newest is shown.
            if (!m_rows.empty() && keep < 0 && m_currentId == 0) {
                m_list->setCurrentCell(0, 0);
                showConversation(0);
            }
        });
}

void SupportPanel::showConversation(int row)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    const std::int64_t id = m_rows[std::size_t(row)].id;
    if (id != m_currentId) {
        m_agentReply->clear();
        m_draftBasis->clear();
    }
    m_currentId = id;
    m_currentStatus = m_rows[std::size_t(row)].status;
    updateAgentButtons();
    loadMessages();
}

void SupportPanel::loadMessages()
{
    const std::int64_t id = m_currentId;
    if (!id)
        return;
    // Read and understood on a worker: the store and the model never run on the GUI thread.
    m_view->store().read(
        this,
        [id, model = m_model](store::Database& db) {
            auto messages = sup::conversationMessages(db, id);
            if (model)
                for (auto& m : messages)
                    if (m.sender == "customer" && m.intent.empty()) {
                        const auto p = model->predict(m.text);
                        m.intent = p.label >= 0 ? model->labels()[std::size_t(p.label)] : "(out of scope)";
                        m.confidence = p.confidence;
                    }
            return messages;
        },
        [this, id](std::vector<sup::MessageRow> messages) {
            if (id != m_currentId)
                return; // another conversation was chosen meanwhile
            m_current = std::move(messages);
            fillMessages();
            Q_EMIT messagesShown();
        });
}

QString SupportPanel::shown(const std::string& text) const
{
    return QString::fromStdString(m_personal->isChecked() ? text : sup::maskPersonalData(text));
}

void SupportPanel::fillMessages()
{
    m_messages->setRowCount(int(m_current.size()));
    for (int r = 0; r < int(m_current.size()); ++r) {
        const auto& m = m_current[std::size_t(r)];
        const QString from = m.sender == "customer" ? tr("Customer") : m.sender == "bot" ? tr("Bot") : tr("Agent");
        QString understood;
        if (m.sender == "customer") {
            if (!m.intent.empty())
                understood = QString::fromStdString(m.intent);
            if (m.confidence)
                understood += QStringLiteral(" (%1)").arg(QLocale().toString(*m.confidence, 'f', 2));
            const auto slots = sup::extractSlots(m.text, m.ts);
            if (!slots.orders.empty())
                understood += tr(", order %1").arg(QString::fromStdString(slots.orders.front()));
        }
        m_messages->setItem(r, 0, readOnlyCell(when(m.ts)));
        m_messages->setItem(r, 1, readOnlyCell(from));
        m_messages->setItem(r, 2, readOnlyCell(shown(m.text)));
        m_messages->setItem(r, 3, readOnlyCell(understood));
    }
    m_messages->resizeColumnToContents(0);
    m_messages->resizeColumnToContents(1);
    m_messages->resizeRowsToContents();
}

QString SupportPanel::agentName() const
{
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("agent") : user;
}

void SupportPanel::updateAgentButtons()
{
    const bool chosen = m_currentId != 0;
    const bool waitingOrBot = m_currentStatus == "bot" || m_currentStatus == "escalated";
    m_takeOver->setEnabled(chosen && waitingOrBot);
    m_draftButton->setEnabled(chosen && bool(m_model));
    m_sendAgent->setEnabled(chosen && !m_agentReply->toPlainText().trimmed().isEmpty());
    m_closeConversation->setEnabled(chosen && m_currentStatus != "resolved");
}

void SupportPanel::takeOver()
{
    if (!m_currentId)
        return;
    m_view->store().write(
        this, [id = m_currentId, agent = agentName().toStdString()](store::Database& db) { sup::takeOver(db, id, agent, nowTimestamp()); },
        [this] {
            m_info->setText(tr("You have this conversation now; the bot stays silent in it."));
            m_currentStatus = "open";
            updateAgentButtons();
            listConversations();
            Q_EMIT agentActionDone();
        },
        [this](const QString& e) {
            m_info->setText(tr("Could not take the conversation over: %1").arg(e));
            Q_EMIT failed(e);
        });
}

void SupportPanel::draftReply()
{
    if (!m_currentId || !m_model)
        return;
    m_draftButton->setEnabled(false);
    const std::int64_t id = m_currentId;
    m_view->store().read(
        this,
        [id, model = m_model, ranker = m_ranker](store::Database& db) {
            const sup::SupportBot bot(model, ranker);
            return sup::draftReply(db, id, bot, nowTimestamp());
        },
        [this, id](sup::Draft d) {
            updateAgentButtons();
            if (id != m_currentId)
                return;
            m_agentReply->setPlainText(QString::fromStdString(d.text)); // what the customer gets: unmasked
            QStringList basis;
            basis << (d.intent.empty() ? tr("Nothing understood") : tr("Intent %1 (%2)").arg(QString::fromStdString(d.intent),
                                                                                              QLocale().toString(d.confidence, 'f', 2)));
            basis << (d.orderRef.empty() ? tr("no order found in the conversation")
                                         : tr("order %1, facts read from the store").arg(QString::fromStdString(d.orderRef)));
            if (!d.article.empty())
                basis << tr("article %1").arg(QString::fromStdString(d.article));
            m_draftBasis->setText(basis.join(QStringLiteral(" · ")) + QStringLiteral(". ") +
                                  tr("Check the draft before sending: it promises nothing that has not been done."));
            Q_EMIT draftReady();
        },
        [this](const QString& e) {
            updateAgentButtons();
            m_draftBasis->setText(tr("No draft: %1").arg(e));
            Q_EMIT failed(e);
        });
}

void SupportPanel::sendAgentReply()
{
    const QString text = m_agentReply->toPlainText();
    if (!m_currentId || text.trimmed().isEmpty())
        return;
    m_sendAgent->setEnabled(false);
    m_view->store().write(
        this,
        [id = m_currentId, agent = agentName().toStdString(), text = text.toStdString()](store::Database& db) {
            sup::sendAgentReply(db, id, agent, text, nowTimestamp());
        },
        [this] {
            m_agentReply->clear();
            m_draftBasis->setText(tr("Sent."));
            m_currentStatus = "open";
            updateAgentButtons();
            listConversations();
            loadMessages();
            Q_EMIT agentActionDone();
        },
        [this](const QString& e) {
            // The reply stays in the editor: nothing the agent wrote is lost.
            updateAgentButtons();
            m_draftBasis->setText(tr("Not sent: %1").arg(e));
            Q_EMIT failed(e);
        });
}

void SupportPanel::closeConversation()
{
    if (!m_currentId)
        return;
    m_view->store().write(
        this,
        [id = m_currentId, agent = agentName().toStdString()](store::Database& db) {
            sup::closeConversation(db, id, agent, nowTimestamp());
        },
        [this] {
            m_info->setText(tr("Conversation closed."));
            m_currentStatus = "resolved";
            updateAgentButtons();
            listConversations();
            Q_EMIT agentActionDone();
        },
        [this](const QString& e) {
            m_info->setText(tr("Could not close the conversation: %1").arg(e));
            Q_EMIT failed(e);
        });
}

void SupportPanel::resetConsole()
{
    m_state = sup::DialogueState{};
    m_turns.clear();
    if (m_console)
        m_console->clear();
}

void SupportPanel::appendConsole(const QString& who, const QString& text, const QString& detail)
{
    QString html = QStringLiteral("<p><b>%1:</b> %2").arg(who.toHtmlEscaped(), text.toHtmlEscaped());
    if (!detail.isEmpty())
        html += QStringLiteral("<br><span style=\"color:#666\">%1</span>").arg(detail.toHtmlEscaped());
    html += QStringLiteral("</p>");
    m_console->append(html);
}

void SupportPanel::sendConsoleMessage()
{
    const QString text = m_input->text();
    if (text.trimmed().isEmpty() || m_busy)
        return;
    if (!m_model) {
        m_info->setText(tr("The bot is still learning; try again in a moment."));
        return;
    }
    m_input->clear();
    appendConsole(tr("You"), text, QString());
    m_busy = true;
    // The dialogue reads orders: a store task, with a copy of the state.
    m_view->store().read(
        this,
        [model = m_model, ranker = m_ranker, state = m_state, message = text.toStdString()](store::Database& db) mutable {
            const sup::SupportBot bot(model, ranker);
            auto turn = bot.reply(state, message, db, nowTimestamp());
            return std::make_pair(state, turn);
        },
        [this](std::pair<sup::DialogueState, sup::Turn> result) {
            m_busy = false;
            m_state = result.first;
            const sup::Turn& t = result.second;
            m_turns.push_back(t);
            QStringList detail;
            detail << (t.intent.empty() ? tr("not understood") : tr("intent %1").arg(QString::fromStdString(t.intent)));
            detail << tr("confidence %1").arg(QLocale().toString(t.confidence, 'f', 2));
            if (!t.slots.orders.empty())
                detail << tr("order %1").arg(QString::fromStdString(t.slots.orders.front()));
            const QString action = t.action == sup::Action::Answer     ? tr("answer")
                                   : t.action == sup::Action::AskOrder ? tr("ask for the order number")
                                   : t.action == sup::Action::Handoff  ? tr("hand off to a person")
                                   : t.action == sup::Action::Silent   ? tr("silent")
                                                                       : tr("ask to rephrase");
            detail << tr("action: %1").arg(action);
            if (!t.article.empty())
                detail << tr("article %1").arg(QString::fromStdString(t.article));
            if (!t.handoffReason.empty())
                detail << tr("handed off: %1").arg(QString::fromStdString(t.handoffReason));
            appendConsole(tr("Bot"), t.action == sup::Action::Silent ? tr("(silent: a person has this conversation)")
                                                                       : QString::fromStdString(t.reply),
                          detail.join(QStringLiteral(" · ")));
            Q_EMIT botReplied();
        },
        [this](const QString& e) {
            m_busy = false;
            m_info->setText(e);
            Q_EMIT failed(e);
        });
}

} // namespace shoppilot::ui

SHOPPILOT_REGISTER_PANEL(50, "support", QT_TRANSLATE_NOOP("Panels", "Support"), ":/icons/support.svg",
                         shoppilot::ui::createSupportPanel)
