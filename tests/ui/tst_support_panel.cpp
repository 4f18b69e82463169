// The Support panel over a tiny demo store with the GUI-thread store check on: the conversation
// list is the store's, a conversation's messages are shown with the bot's understanding, the test
// console answers an order question with the order's real status and hands off (then stays
// silent) when asked for a person, an agent takes a waiting conversation over, drafts a reply from
// the real order, sends it and closes the conversation, the knowledge-base editor saves an article
// the live preview then finds, the feedback view loads and opens a product in Pricing, and
// screenshots of every tab in both languages.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

#include "demo/demo_generator.h"
#include "engine/engine.h"
#include "shell/i18n.h"
#include "shell/job_runner.h"
#include "shell/store_service.h"
#include "shell/view_state.h"
#include "store/database.h"
#include "support/feedback_view.h"
#include "support/kb_editor.h"
#include "support/support_panel.h"
#include "ui/gui_test_main.h"

using namespace shoppilot;
using ui::SupportPanel;

namespace {

struct Harness {
    ui::ViewState view;
    ui::JobRunner jobs;
    std::unique_ptr<SupportPanel> panel;
    Harness()
    {
        panel = std::make_unique<SupportPanel>(ui::PanelContext{&view, &jobs});
        panel->resize(1280, 860);
        panel->show();
    }
    ~Harness() { jobs.cancelAll(); }
};

std::string queryText(const QString& path, const std::string& sql)
{
    store::ThreadCheckExemption inspect;
    auto db = store::Database::open(path.toStdString(), {store::OpenMode::ReadOnly});
    return db.queryText(sql).value_or("");
}

} // namespace

class TestSupportPanel : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_store;

    bool open(Harness& h, const QString& store = {})
    {
        QSignalSpy trained(h.panel.get(), &SupportPanel::modelTrained);
        QSignalSpy listed(h.panel.get(), &SupportPanel::conversationsListed);
        h.view.setStorePath(store.isEmpty() ? m_store : store);
        return QTest::qWaitFor([&] { return trained.count() == 1 && listed.count() >= 1; }, 120000);
    }

    bool say(Harness& h, const QString& text)
    {
        QSignalSpy replied(h.panel.get(), &SupportPanel::botReplied);
        h.panel->consoleInput()->setText(text);
        h.panel->sendConsoleMessage();
        return QTest::qWaitFor([&] { return replied.count() == 1; }, 10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        engine::configureThreads(1);
        ui::installTranslations(*qApp, "en");
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath("tiny.db");
        store::ThreadCheckExemption allow;
        auto db = store::Database::open(m_store.toStdString(), {store::OpenMode::CreateIfMissing});
        demo::generateDemoStore(db, {demo::DemoSize::Tiny, 19, makeTimestamp(2026, 11, 1)});
    }

    void listsConversationsAndMessages()
    {
        Harness h;
        QVERIFY(open(h));
        const int total = std::stoi(queryText(m_store, "SELECT COUNT(*) FROM support_conversations"));
        QCOMPARE(h.panel->conversationTable()->rowCount(), std::min(total, 500));
        QVERIFY(QTest::qWaitFor([&] { return h.panel->messageTable()->rowCount() > 0; }, 10000));
        QVERIFY(h.panel->metricsTable()->rowCount() >= 2);
        // Filter: escalated only.
        QSignalSpy listed(h.panel.get(), &SupportPanel::conversationsListed);
        h.panel->statusFilter()->setCurrentIndex(h.panel->statusFilter()->findData(QStringLiteral("escalated")));
        QVERIFY(QTest::qWaitFor([&] { return listed.count() == 1; }, 10000));
        const int escalated = std::stoi(queryText(m_store, "SELECT COUNT(*) FROM support_conversations WHERE status='escalated'"));
        QCOMPARE(h.panel->conversationTable()->rowCount(), std::min(escalated, 500));
    }

    void consoleAnswersFromTheStoreAndHandsOff()
    {
        Harness h;
        QVERIFY(open(h));
        const std::string ref = queryText(m_store, "SELECT external_id FROM orders WHERE status='completed' ORDER BY id LIMIT 1");
        QVERIFY(say(h, QStringLiteral("Where is my order %1? It hasn't arrived").arg(QString::fromStdString(ref))));
        const auto& turns = h.panel->consoleTurns();
        QCOMPARE(turns.size(), std::size_t(1));
        // Answered with the real status (order_status or shipping_time: both read the order).
        QVERIFY2(turns[0].reply.find(ref) != std::string::npos, turns[0].reply.c_str());
        QVERIFY2(turns[0].reply.find("completed") != std::string::npos, turns[0].reply.c_str());
        QVERIFY(say(h, QStringLiteral("I want to talk to a human")));
        QCOMPARE(h.panel->consoleTurns().back().action, support::Action::Handoff);
        QVERIFY(say(h, QStringLiteral("hello?")));
        QCOMPARE(h.panel->consoleTurns().back().action, support::Action::Silent);
        QVERIFY(h.panel->consoleView()->toPlainText().contains(QString::fromStdString(ref)));
        h.panel->resetConsole();
        QVERIFY(h.panel->consoleTurns().empty());
        QVERIFY(!h.panel->consoleState().handedOff);
    }

    void agentTakesOverDraftsSendsAndCloses()
    {
        const QString copy = m_dir.filePath("agent.db");
        QVERIFY(QFile::copy(m_store, copy));
        Harness h;
        QVERIFY(open(h, copy));
        QSignalSpy listed(h.panel.get(), &SupportPanel::conversationsListed);
        QSignalSpy shown(h.panel.get(), &SupportPanel::messagesShown);
        h.panel->statusFilter()->setCurrentIndex(h.panel->statusFilter()->findData(QStringLiteral("escalated")));
        QVERIFY(QTest::qWaitFor([&] { return listed.count() >= 1 && h.panel->currentConversation() != 0; }, 10000));
        QVERIFY(h.panel->conversationTable()->rowCount() > 0);
        h.panel->conversationTable()->setCurrentCell(0, 0);
        QVERIFY(QTest::qWaitFor([&] { return shown.count() >= 1; }, 10000));
        const auto id = std::to_string(h.panel->currentConversation());
        QCOMPARE(queryText(copy, "SELECT status FROM support_conversations WHERE id = " + id), std::string("escalated"));
        QVERIFY(h.panel->takeOverButton()->isEnabled());
        QVERIFY(!h.panel->sendAgentButton()->isEnabled()); // nothing written yet

        QSignalSpy done(h.panel.get(), &SupportPanel::agentActionDone);
        h.panel->takeOverButton()->click();
        QVERIFY(QTest::qWaitFor([&] { return done.count() == 1; }, 10000));
        QCOMPARE(queryText(copy, "SELECT status FROM support_conversations WHERE id = " + id), std::string("open"));

        QSignalSpy drafted(h.panel.get(), &SupportPanel::draftReady);
        h.panel->draftButton()->click();
        QVERIFY2(QTest::qWaitFor([&] { return drafted.count() == 1; }, 10000), qPrintable(h.panel->draftBasis()->text()));
        const QString draft = h.panel->agentReply()->toPlainText();
        QVERIFY(!draft.isEmpty());
        QVERIFY(!h.panel->draftBasis()->text().isEmpty());
        // The draft's order, when it names one, is an order of this store.
        const std::string orderRef = queryText(copy, "SELECT COALESCE(o.external_id,'') FROM support_conversations c"
                                                     " LEFT JOIN orders o ON o.id = c.order_id WHERE c.id = " + id);
        if (!orderRef.empty() && h.panel->draftBasis()->text().contains(QStringLiteral("order ")))
            QVERIFY2(draft.contains(QString::fromStdString(orderRef)), qPrintable(draft));

        h.panel->agentReply()->setPlainText(draft + QStringLiteral(" — Mei"));
        QVERIFY(h.panel->sendAgentButton()->isEnabled());
        h.panel->sendAgentButton()->click();
        QVERIFY(QTest::qWaitFor([&] { return done.count() == 2; }, 10000));
        QCOMPARE(QString::fromStdString(queryText(copy, "SELECT text FROM support_messages WHERE conversation_id = " + id +
                                                            " AND sender = 'agent' ORDER BY id DESC LIMIT 1")),
                 draft + QStringLiteral(" — Mei"));
        QVERIFY(h.panel->agentReply()->toPlainText().isEmpty());

        h.panel->closeButton()->click();
        QVERIFY(QTest::qWaitFor([&] { return done.count() == 3; }, 10000));
        QCOMPARE(queryText(copy, "SELECT status FROM support_conversations WHERE id = " + id), std::string("resolved"));
    }

    void knowledgeBaseEditorAndFeedback()
    {
        const QString copy = m_dir.filePath("kb.db");
        QVERIFY(QFile::copy(m_store, copy));
        Harness h;
        ui::KbEditor* kb = h.panel->kbEditor();
        QSignalSpy loaded(kb, &ui::KbEditor::articlesLoaded);
        ui::FeedbackView* fb = h.panel->feedbackView();
        QSignalSpy fbLoaded(fb, &ui::FeedbackView::loaded);
        QVERIFY(open(h, copy));
        QVERIFY(QTest::qWaitFor([&] { return loaded.count() >= 1; }, 10000));
        const auto before = kb->articles().size();
        QCOMPARE(qint64(before), qint64(std::stoll(queryText(copy, "SELECT COUNT(*) FROM kb_articles"))));

        kb->newArticle();
        kb->slugEdit()->setText(QStringLiteral("gift-wrap-en"));
        kb->titleEdit()->setText(QStringLiteral("Gift wrapping"));
        kb->languageBox()->setCurrentIndex(kb->languageBox()->findData(QStringLiteral("en")));
        kb->bodyEdit()->setPlainText(QStringLiteral("We wrap any order in recycled paper for a small fee; add a note at checkout."));
        QSignalSpy saved(kb, &ui::KbEditor::saved);
        kb->saveArticle();
        QVERIFY(QTest::qWaitFor([&] { return saved.count() == 1; }, 10000));
        QVERIFY(QTest::qWaitFor([&] { return kb->articles().size() == before + 1; }, 10000));
        QCOMPARE(queryText(copy, "SELECT title FROM kb_articles WHERE slug = 'gift-wrap-en'"), std::string("Gift wrapping"));
        QSignalSpy previewed(kb, &ui::KbEditor::previewShown);
        kb->questionEdit()->setText(QStringLiteral("can you wrap it as a gift"));
        QVERIFY(QTest::qWaitFor([&] { return previewed.count() >= 1; }, 10000));
        QVERIFY(kb->previewTable()->rowCount() > 0);
        QCOMPARE(kb->previewTable()->item(0, 1)->text(), QStringLiteral("Gift wrapping"));
        // A bad article is refused with a message and nothing is written.
        kb->newArticle();
        kb->slugEdit()->setText(QStringLiteral("empty-body"));
        kb->titleEdit()->setText(QStringLiteral("Nothing"));
        QSignalSpy failed(kb, &ui::KbEditor::failed);
        kb->saveArticle();
        QVERIFY(QTest::qWaitFor([&] { return failed.count() == 1; }, 10000));
        QVERIFY(!kb->messageLabel()->text().isEmpty());
        QCOMPARE(queryText(copy, "SELECT COUNT(*) FROM kb_articles WHERE slug = 'empty-body'"), std::string("0"));

        QVERIFY(QTest::qWaitFor([&] { return fbLoaded.count() >= 1; }, 60000));
        QVERIFY(fb->productTable()->rowCount() > 0);
        QVERIFY(fb->topicTable()->rowCount() > 0);
        fb->productTable()->setCurrentCell(0, 0);
        QVERIFY(QTest::qWaitFor([&] { return fb->shownProduct() != 0 && fbLoaded.count() >= 2; }, 60000));
        QSignalSpy requested(&h.view, &ui::ViewState::productRequested);
        fb->findChild<QPushButton*>(QStringLiteral("openInPricing"))->click();
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().first().toLongLong(), fb->shownProduct());
    }

    void screenshots()
    {
        for (const char* lang : {"en", "zh_CN"}) {
            ui::installTranslations(*qApp, lang);
            Harness h;
            QVERIFY(open(h));
            QVERIFY(say(h, QString::fromUtf8(QByteArray(lang) == "en" ? "where is my order?" : "我的订单到哪里了？")));
            const QString suffix = QByteArray(lang) == "en" ? QString() : QStringLiteral("_zh");
            QDir().mkpath(SHOPPILOT_SCREENSHOT_DIR);
            for (int tab = 0; tab < h.panel->tabs()->count(); ++tab) {
                h.panel->tabs()->setCurrentIndex(tab);
                QTest::qWait(50);
                QVERIFY(h.panel->grab().save(QStringLiteral(SHOPPILOT_SCREENSHOT_DIR "/support_tab%1%2.png").arg(tab).arg(suffix)));
            }
        }
        ui::installTranslations(*qApp, "en");
    }
};

SHOPPILOT_GUI_TEST_MAIN(TestSupportPanel)
#include "tst_support_panel.moc"
