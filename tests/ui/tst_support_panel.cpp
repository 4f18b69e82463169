// The Support panel over a tiny demo store with the GUI-thread store check on: the conversation
// list is the store's, a conversation's messages are shown with the bot's understanding, the test
// console answers an order question with the order's real status and hands off (then stays
// silent) when asked for a person, and screenshots in both languages.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
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

    bool open(Harness& h)
    {
        QSignalSpy trained(h.panel.get(), &SupportPanel::modelTrained);
        QSignalSpy listed(h.panel.get(), &SupportPanel::conversationsListed);
        h.view.setStorePath(m_store);
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

    void screenshots()
    {
        for (const char* lang : {"en", "zh_CN"}) {
            ui::installTranslations(*qApp, lang);
            Harness h;
            QVERIFY(open(h));
            QVERIFY(say(h, QString::fromUtf8(QByteArray(lang) == "en" ? "where is my order?" : "我的订单到哪里了？")));
            const QString suffix = QByteArray(lang) == "en" ? QString() : QStringLiteral("_zh");
            QDir().mkpath(SHOPPILOT_SCREENSHOT_DIR);
            for (int tab = 0; tab < 3; ++tab) {
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
