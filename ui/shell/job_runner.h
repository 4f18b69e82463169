// Runs long work off the GUI thread (QtConcurrent + QPromise) with progress and cancel, and
// tells the status bar what is running. Core work takes a shoppilot::Progress; returning false
// from it (the user pressed Cancel) makes core throw Cancelled, which ends the job quietly.
#pragma once

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>

#include "common/thread_priority.h"
#include <atomic>
#include <exception>
#include <memory>
#include <functional>

#include "common/error.h"
#include "common/progress.h"

class QThreadPool;

namespace shoppilot::ui {

// The pool every background job of the UI runs on (JobRunner, store summaries, sync status
// reads), never QThreadPool::globalInstance(): Qt's raster engine splits big fills and line
// drawing into tasks on the global pool and the GUI thread waits for them, so a job occupying a
// global-pool thread (at background priority, too) made paints wait for it: 100-150 ms stalls
// during a sync, measured with `bench ui-stall` and SHOPPILOT_STALL_TRACE.
QThreadPool* backgroundPool();

class JobRunner : public QObject {
    Q_OBJECT
public:
    explicit JobRunner(QObject* parent = nullptr);

    // Starts `work` on backgroundPool(). The future carries the result, or is canceled when the
    // user cancelled, or rethrows the work's exception from result(). A job started with the
    // same `slot` as a running one cancels that one first (e.g. a panel's refresh).
    template <typename R>
    QFuture<R> run(const QString& title, std::function<R(const Progress&)> work, const QString& slot = {})
    {
        auto outcome = std::make_shared<std::atomic<int>>(int(Outcome::Running));
        QFuture<R> future = QtConcurrent::run(backgroundPool(), [work = std::move(work), outcome](QPromise<R>& promise) {
            useBackgroundPriority(); // fits and scans must not take the GUI thread's core
            promise.setProgressRange(0, kProgressSteps);
            const Progress progress = [&promise](double f, std::string_view what) {
                promise.setProgressValueAndText(int(f * kProgressSteps), QString::fromUtf8(what.data(), int(what.size())));
                return !promise.isCanceled();
            };
            try {
                promise.addResult(work(progress));
                outcome->store(int(Outcome::Done));
            } catch (const Cancelled&) {
                outcome->store(int(Outcome::Cancelled));
                promise.future().cancel();
            } catch (...) {
                // A future holding an exception also reports isCanceled(): keep the difference.
                outcome->store(int(Outcome::Failed));
                promise.setException(std::current_exception());
            }
        });
        track(title, QFuture<void>(future), slot, outcome);
        return future;
    }

    // The job shown in the status bar (the latest started that is still running).
    bool busy() const;
    QString currentTitle() const;

    static constexpr int kProgressSteps = 1000;

public Q_SLOTS:
    // Cancels the job shown in the status bar.
    void cancelCurrent();
    void cancelAll();

Q_SIGNALS:
    void jobStarted(const QString& title);
    // fraction in [0, 1]
    void jobProgress(const QString& title, double fraction, const QString& what);
    void jobFinished(const QString& title, bool cancelled);
    // The job threw: `message` is the error's text (also delivered through the future).
    void jobFailed(const QString& title, const QString& message);

private:
    enum class Outcome { Running, Done, Cancelled, Failed };
    void track(const QString& title, QFuture<void> future, const QString& slot,
               std::shared_ptr<std::atomic<int>> outcome);

    struct Job {
        quint64 id;
        QString title;
        QString slot;
        QFuture<void> future;
    };
    QList<Job> m_jobs;
    quint64 m_nextId = 1;
};

// The message of a failed job's exception (shoppilot::Error's text, or a generic one).
QString jobErrorMessage(std::exception_ptr error);

} // namespace shoppilot::ui
