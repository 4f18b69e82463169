// The shell's moving parts: jobs (progress, cancel, errors, one job per slot), the shared view
// state with undo, the command palette's matching, settings persistence and the status bar.
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include "ui/gui_test_main.h"
#include <QThread>
#include <QThreadPool>
#include <atomic>
#include <optional>
#include <thread>

#include "shell/command_palette.h"
#include "shell/guarded_application.h"
#include "shell/gui_thread_check.h"
#include "shell/store_service.h"
#include "store/database.h"
#include "shell/job_runner.h"
#include "shell/main_window.h"
#include "shell/settings_dialog.h"
#include "shell/view_state.h"

using namespace shoppilot;
using namespace shoppilot::ui;

namespace {
// Work that reports progress until told to stop (or until `steps` are done).
int countingWork(const Progress& progress, int steps, std::atomic<int>* reached = nullptr)
{
    for (int i = 0; i < steps; ++i) {
        if (reached)
            reached->store(i);
        if (!progress(double(i) / steps, "counting"))
            throw Cancelled();
        QThread::msleep(2);
    }
    return steps;
}
} // namespace

class TestShell : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // A crash is never the answer: an exception escaping a queued call or slot is reported
    // (signal + log) and the event loop goes on.
    void escapedExceptionIsReportedNotFatal()
    {
        auto* reporter = ui::ErrorReporter::instance();
        QSignalSpy escaped(reporter, &ui::ErrorReporter::escaped);
        QObject target;
        bool after = false;
        QMetaObject::invokeMethod(
            &target, [] { throw shoppilot::Error(shoppilot::ErrorCode::InvalidArgument, "boom on purpose"); },
            Qt::QueuedConnection);
        QMetaObject::invokeMethod(&target, [&after] { after = true; }, Qt::QueuedConnection);
        QTRY_COMPARE(escaped.count(), 1);
        QVERIFY(escaped.first().first().toString().contains(QStringLiteral("boom on purpose")));
        QTRY_VERIFY(after); // the loop kept running
    }

    // The check every UI test runs with: a store call on the GUI thread is seen (abort mode
    // aborts the test; here warn mode counts it), an exemption or a worker thread is not.
    void guiThreadStoreCheckSeesGuiThreadAccess()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("c.db")).toStdString();
        {
            store::ThreadCheckExemption fixture;
            store::Database::open(path, {store::OpenMode::CreateIfMissing});
        }
        ui::installGuiThreadStoreCheck(ui::GuiThreadCheck::Warn);
        const int before = ui::guiThreadStoreViolations();
        {
            auto db = store::Database::open(path, {store::OpenMode::ReadOnly}); // on the GUI thread
            QVERIFY(db.queryInt("SELECT 1"));
        }
        const int seen = ui::guiThreadStoreViolations() - before;
        std::thread worker([&] {
            auto db = store::Database::open(path, {store::OpenMode::ReadOnly});
            db.queryInt("SELECT 1");
        });
        worker.join();
        const int afterWorker = ui::guiThreadStoreViolations() - before;
        ui::installGuiThreadStoreCheck(ui::GuiThreadCheck::Abort);
        QVERIFY(seen >= 3); // open, prepare, step
        QCOMPARE(afterWorker, seen);
    }

    // The store service runs work off the GUI thread and brings results (or the error) back.
    void storeServiceRunsOffTheGuiThread()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.db"));
        {
            store::ThreadCheckExemption fixture;
            store::Database::open(path.toStdString(), {store::OpenMode::CreateIfMissing});
        }
        ui::ViewState view;
        view.setStorePath(path);
        QObject receiver;
        std::optional<bool> offGui;
        std::optional<std::int64_t> written;
        view.store().write(
            &receiver,
            [&offGui](store::Database& db) {
                offGui = QThread::currentThread() != qApp->thread();
                db.setMeta("name", "Written");
                return db.changes();
            },
            [&written](int n) { written = n; });
        QTRY_VERIFY(written.has_value());
        QVERIFY(offGui.value_or(false));
        std::optional<std::string> name;
        view.store().read(&receiver, [](store::Database& db) { return db.meta("name").value_or(""); },
                          [&name](std::string n) { name = n; });
        QTRY_COMPARE(name.value_or(""), std::string("Written"));
        QString error;
        view.store().read(&receiver, [](store::Database& db) { return *db.queryInt("SELECT no_such_column"); },
                          [](std::int64_t) {}, [&error](const QString& e) { error = e; });
        QTRY_VERIFY(error.contains(QStringLiteral("no_such_column")));
        // A receiver that is gone gets nothing (no crash).
        auto* gone = new QObject;
        bool delivered = false;
        view.store().read(gone, [](store::Database&) { return 1; }, [&delivered](int) { delivered = true; });
        delete gone;
        view.store().waitForDone();
        QCoreApplication::processEvents();
        QVERIFY(!delivered);
    }

    void jobDeliversResultAndProgress()
    {
        JobRunner jobs;
        QSignalSpy started(&jobs, &JobRunner::jobStarted);
        QSignalSpy finished(&jobs, &JobRunner::jobFinished);
        QSignalSpy progress(&jobs, &JobRunner::jobProgress);
        QFuture<int> f = jobs.run<int>("count", [](const Progress& p) { return countingWork(p, 50); });
        QCOMPARE(started.count(), 1);
        QVERIFY(jobs.busy());
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(f.result(), 50);
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QVERIFY(progress.count() > 0);
        QVERIFY(!jobs.busy());
    }

    void cancelStopsTheWorkAndMarksItCancelled()
    {
        JobRunner jobs;
        QSignalSpy finished(&jobs, &JobRunner::jobFinished);
        std::atomic<int> reached{0};
        QFuture<int> f = jobs.run<int>("long", [&reached](const Progress& p) { return countingWork(p, 100000, &reached); });
        QTRY_VERIFY(reached.load() > 3);
        jobs.cancelCurrent();
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(f.isCanceled());
        QCOMPARE(finished.at(0).at(1).toBool(), true);
        QVERIFY(reached.load() < 100000 - 1); // it really stopped early
        QVERIFY(f.resultCount() == 0);        // no stale result to apply
    }

    void jobsLeaveQtsGlobalPoolToThePainter()
    {
        // Qt's raster engine runs parts of big paints on QThreadPool::globalInstance() and the GUI
        // thread waits for them: a job there would make paints wait for the job.
        JobRunner jobs;
        QSignalSpy finished(&jobs, &JobRunner::jobFinished);
        std::atomic<bool> release{false}, running{false};
        std::atomic<bool> onGlobalPool{true};
        jobs.run<int>("blocking", [&](const Progress&) {
            onGlobalPool = QThreadPool::globalInstance()->contains(QThread::currentThread());
            running = true;
            while (!release)
                QThread::msleep(1);
            return 1;
        });
        QTRY_VERIFY(running.load());
        QVERIFY(!onGlobalPool.load());
        QCOMPARE(QThreadPool::globalInstance()->activeThreadCount(), 0);
        release = true;
        QTRY_COMPARE(finished.count(), 1);
    }

    void newJobInSameSlotSupersedesTheOld()
    {
        JobRunner jobs;
        QSignalSpy finished(&jobs, &JobRunner::jobFinished);
        QFuture<int> first = jobs.run<int>("refresh", [](const Progress& p) { return countingWork(p, 100000); }, "panel");
        QFuture<int> second = jobs.run<int>("refresh", [](const Progress& p) { return countingWork(p, 10); }, "panel");
        QTRY_COMPARE(finished.count(), 2);
        QVERIFY(first.isCanceled());
        QCOMPARE(second.result(), 10);
    }

    void jobErrorsCarryCoreMessages()
    {
        JobRunner jobs;
        QSignalSpy finished(&jobs, &JobRunner::jobFinished);
        QSignalSpy failed(&jobs, &JobRunner::jobFailed);
        QFuture<int> f = jobs.run<int>("fail", [](const Progress&) -> int {
            throw Error(ErrorCode::Corrupt, "shop.db is damaged");
        });
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(1).toBool(), false); // failed, not cancelled
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(1).toString(), QString("shop.db is damaged"));
        QString message;
        try {
            f.result();
        } catch (...) {
            message = jobErrorMessage(std::current_exception());
        }
        QCOMPARE(message, QString("shop.db is damaged"));
    }

    void viewStateUndoesFilterChanges()
    {
        ViewState view;
        QSignalSpy changed(&view, &ViewState::filterChanged);
        view.setRange(QDate(2026, 10, 1), QDate(2026, 10, 31));
        view.drillDown({"country", "GB", "United Kingdom"});
        view.drillDown({"channel", "app", "App"});
        QCOMPARE(view.filter().drill.size(), 2);
        view.drillDown({"country", "DE", "Germany"}); // replaces the country step
        QCOMPARE(view.filter().drill.size(), 2);
        QCOMPARE(view.filter().drill.last().key, QString("DE"));
        view.drillUpTo(0);
        QVERIFY(view.filter().drill.isEmpty());
        view.undoStack()->undo();
        QCOMPARE(view.filter().drill.size(), 2);
        view.undoStack()->undo();
        view.undoStack()->undo();
        QCOMPARE(view.filter().drill.size(), 1);
        QCOMPARE(view.filter().drill.first().key, QString("GB"));
        view.undoStack()->undo();
        view.undoStack()->undo();
        QVERIFY(!view.filter().from.isValid());
        QCOMPARE(changed.count(), 10);
        view.setStorePath("/tmp/other.db"); // a new store clears history
        QVERIFY(!view.undoStack()->canUndo());
    }

    void dataChangesAreCoalescedNeverLost()
    {
        ViewState view;
        QStringList seen;
        connect(&view, &ViewState::dataChanged, this, [&seen](const QString& t) { seen << t; });
        view.notifyDataChanged("orders"); // the first change shows at once
        QCOMPARE(seen, QStringList{"orders"});
        for (int i = 0; i < 200; ++i) // a sync's burst: pages every few ms
            view.notifyDataChanged(i % 2 ? "orders" : "products");
        QCOMPARE(seen.size(), 1);
        // After the interval each table of the burst is announced once, the last change included.
        QTRY_COMPARE(seen.size(), 3);
        QCOMPARE(QSet<QString>(seen.begin() + 1, seen.end()), (QSet<QString>{"orders", "products"}));
        QTest::qWait(600);
        QCOMPARE(seen.size(), 3); // nothing more once the burst is over
        view.notifyDataChanged("events"); // a later change is again immediate
        QCOMPARE(seen.last(), QString("events"));
    }

    void paletteMatchesEveryWord()
    {
        QAction open("&Open store…"), quit("&Quit"), info("Store &information…"), zh("打开店铺(&O)…");
        QAction disabled("Open disabled");
        disabled.setEnabled(false);
        const QList<QAction*> all{&open, &quit, &info, &zh, &disabled};
        QCOMPARE(CommandPalette::match(all, "store").size(), 2);
        QCOMPARE(CommandPalette::match(all, "STORE open").size(), 1);
        QCOMPARE(CommandPalette::match(all, "store open").first(), &open);
        QCOMPARE(CommandPalette::match(all, "").size(), 4);
        QCOMPARE(CommandPalette::match(all, "店铺").first(), &zh);
        QCOMPARE(CommandPalette::plainText(&zh), QString("打开店铺"));
        QVERIFY(CommandPalette::match(all, "nothing like it").isEmpty());

        // Typing and Enter run the action.
        QSignalSpy triggered(&quit, &QAction::triggered);
        CommandPalette palette(all);
        QTest::keyClicks(palette.searchField(), "qui");
        QCOMPARE(palette.results()->count(), 1);
        QTest::keyClick(palette.searchField(), Qt::Key_Return);
        QCOMPARE(triggered.count(), 1);
    }

    void settingsPersist()
    {
        AppSettings a;
        a.language = "zh_CN";
        a.theme = "dark";
        a.dataFile = "/tmp/shop.db";
        a.save();
        const AppSettings b = AppSettings::load();
        QCOMPARE(b.language, a.language);
        QCOMPARE(b.theme, a.theme);
        QCOMPARE(b.dataFile, a.dataFile);
        SettingsDialog dialog(b);
        QCOMPARE(dialog.settings().language, QString("zh_CN"));
        QCOMPARE(dialog.settings().theme, QString("dark"));
        applyTheme("dark");
        QVERIFY(qApp->palette().color(QPalette::Window).lightness() < 100);
        applyTheme("light");
        QVERIFY(qApp->palette().color(QPalette::Window).lightness() > 150);
        applyTheme("system");
    }

    void statusBarShowsAndCancelsTheRunningJob()
    {
        qputenv("SHOPPILOT_NO_DIALOGS", "1");
        MainWindow w;
        w.show();
        auto* label = w.findChild<QLabel*>("jobLabel");
        auto* cancel = w.findChild<QToolButton*>("jobCancel");
        QVERIFY(label && cancel);
        QVERIFY(!cancel->isVisible());
        QFuture<int> f = w.jobs()->run<int>("Long job", [](const Progress& p) { return countingWork(p, 100000); });
        QTRY_VERIFY(cancel->isVisible());
        QVERIFY(label->text().startsWith("Long job"));
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY(f.isFinished());
        QVERIFY(f.isCanceled());
        QTRY_VERIFY(!cancel->isVisible());
        // The palette offers the window's actions, e.g. settings.
        bool hasSettings = false;
        for (QAction* a : w.paletteActions())
            hasSettings = hasSettings || CommandPalette::plainText(a) == "Settings";
        QVERIFY(hasSettings);
    }
};

SHOPPILOT_GUI_TEST_MAIN(TestShell)
#include "tst_shell.moc"
