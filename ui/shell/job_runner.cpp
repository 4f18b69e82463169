#include "shell/job_runner.h"

#include <QFutureWatcher>
#include <algorithm>
#include <QThread>
#include <QThreadPool>

namespace shoppilot::ui {

QThreadPool* backgroundPool()
{
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool; // lives until exit: jobs may still be finishing when windows close
        p->setObjectName(QStringLiteral("shoppilot-background"));
        p->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
        return p;
    }();
    return pool;
}

JobRunner::JobRunner(QObject* parent) : QObject(parent) {}

void JobRunner::track(const QString& title, QFuture<void> future, const QString& slot,
                      std::shared_ptr<std::atomic<int>> outcome)
{
    if (!slot.isEmpty()) {
        for (auto& job : m_jobs)
            if (job.slot == slot)
                job.future.cancel();
    }
    const quint64 id = m_nextId++;
    m_jobs.append(Job{id, title, slot, future});
    auto* watcher = new QFutureWatcher<void>(this);
    connect(watcher, &QFutureWatcher<void>::progressValueChanged, this, [this, watcher, title](int value) {
        Q_EMIT jobProgress(title, double(value) / kProgressSteps, watcher->progressText());
    });
    connect(watcher, &QFutureWatcher<void>::finished, this, [this, watcher, id, title, outcome] {
        const auto how = Outcome(outcome->load());
        // Cancelled before it started: the work never ran, so the outcome is still Running.
        const bool cancelled = how == Outcome::Cancelled || (how == Outcome::Running && watcher->isCanceled());
        m_jobs.removeIf([id](const Job& j) { return j.id == id; });
        watcher->deleteLater();
        if (how == Outcome::Failed) {
            QString message;
            try {
                watcher->future().waitForFinished(); // rethrows the job's exception
            } catch (...) {
                message = jobErrorMessage(std::current_exception());
            }
            Q_EMIT jobFailed(title, message);
        }
        Q_EMIT jobFinished(title, cancelled);
    });
    watcher->setFuture(future);
    Q_EMIT jobStarted(title);
}

bool JobRunner::busy() const
{
    return !m_jobs.isEmpty();
}

QString JobRunner::currentTitle() const
{
    return m_jobs.isEmpty() ? QString() : m_jobs.last().title;
}

void JobRunner::cancelCurrent()
{
    if (!m_jobs.isEmpty())
        m_jobs.last().future.cancel();
}

void JobRunner::cancelAll()
{
    for (auto& job : m_jobs)
        job.future.cancel();
}

QString jobErrorMessage(std::exception_ptr error)
{
    try {
        if (error)
            std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    } catch (...) {
    }
    return QObject::tr("An unexpected error stopped the job.");
}

} // namespace shoppilot::ui
