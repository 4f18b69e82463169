// The GUI's one way to do store work. Reads run on worker threads over pooled read-only
// connections; writes go to the process's one writer (store::StoreAccess, FIFO with sync and
// webhooks) from a single writer thread, so panel writes keep their order. The result (or the
// error's message) comes back queued to the receiver on the GUI thread, and is dropped if the
// receiver is gone. The GUI thread itself never opens, queries or writes the store.
//
//   m_view->store().read(this, [id](store::Database& db) { return loadThing(db, id); },
//                        [this](Thing t) { show(t); }, [this](const QString& e) { say(e); });
//
// Jobs with progress (training, sync, exports) use JobRunner and capture access().
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>

#include "common/thread_priority.h"
#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <type_traits>
#include <utility>

#include "store/store_access.h"

namespace shoppilot::ui {

// The message of a failed store task (shoppilot::Error's text, or a generic one).
QString storeErrorMessage(std::exception_ptr error);

class StoreService : public QObject {
    Q_OBJECT
public:
    using Failed = std::function<void(const QString&)>;

    explicit StoreService(QObject* parent = nullptr);
    // Waits for queued work (it holds the access, and writes must finish).
    ~StoreService() override;

    // GUI thread; touches no file: the store is opened by the first task, on a worker.
    void setPath(const QString& path);
    QString path() const { return m_path; }
    // The shared access point for job lambdas (null when no store is set). Use it on the job's
    // thread only: access->read(...), access->write(...).
    std::shared_ptr<store::StoreAccess> access() const { return m_access; }

    // The baseline of `shoppilot bench ui-stall`: do the work on the calling thread, as the
    // panels did before. Never in the app.
    void setInline(bool on) { m_inline = on; }
    bool isInline() const { return m_inline; }

    template <typename Work, typename Done>
    void read(QObject* receiver, Work work, Done done, Failed failed = {})
    {
        submit(false, receiver, std::move(work), std::move(done), std::move(failed));
    }

    template <typename Work, typename Done>
    void write(QObject* receiver, Work work, Done done, Failed failed = {})
    {
        submit(true, receiver, std::move(work), std::move(done), std::move(failed));
    }

    // Tasks queued or running.
    int pending() const { return m_pending.load(); }
    // Blocks until every queued task ran (shutdown, tests, benchmarks). Results still arrive
    // through the event loop.
    void waitForDone();

Q_SIGNALS:
    // A task without its own error handler failed: the shell shows the message.
    void failed(const QString& message);

private:
    template <typename Work, typename Done>
    void submit(bool isWrite, QObject* receiver, Work work, Done done, Failed onFailed)
    {
        using R = std::invoke_result_t<Work, store::Database&>;
        QPointer<QObject> target(receiver);
        auto access = m_access;
        // Runs on the GUI thread (queued to this service, which outlives its tasks).
        auto fail = [this, target, onFailed](const QString& message) {
            if (!target)
                return;
            if (onFailed)
                onFailed(message);
            else
                Q_EMIT failed(message);
        };
        if (!access) {
            QMetaObject::invokeMethod(this, [fail] { fail(tr("No store is open.")); }, Qt::QueuedConnection);
            return;
        }
        auto task = [this, isWrite, access, target, work = std::move(work), done = std::move(done), fail]() mutable {
            try {
                if constexpr (std::is_void_v<R>) {
                    isWrite ? access->write(work) : access->read(work);
                    deliver([target, done = std::move(done)]() mutable {
                        if (target)
                            done();
                    });
                } else {
                    auto result = std::make_shared<R>(isWrite ? access->write(work) : access->read(work));
                    deliver([target, done = std::move(done), result]() mutable {
                        if (target)
                            done(std::move(*result));
                    });
                }
            } catch (...) {
                const QString message = storeErrorMessage(std::current_exception());
                deliver([fail, message] { fail(message); });
            }
            --m_pending;
        };
        ++m_pending;
        if (m_inline)
            task();
        else
            (isWrite ? m_writerPool : m_readerPool).start([task = std::move(task)]() mutable {
                useBackgroundPriority(); // the GUI thread keeps a core while workers read and write
                task();
            });
    }

    // Queues fn to the GUI thread (or runs it now in inline mode).
    void deliver(std::function<void()> fn);

    QString m_path;
    std::shared_ptr<store::StoreAccess> m_access;
    QThreadPool m_readerPool;
    QThreadPool m_writerPool; // one thread: panel writes in the order they were made
    std::atomic<int> m_pending{0};
    bool m_inline = false;
};

} // namespace shoppilot::ui
