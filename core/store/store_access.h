// The one way the app does store work: per store file and process, ONE writer connection that
// writers take in turn (first come, first served), and a pool of read-only connections. Sync,
// webhooks, jobs and panel writes all write through it, so they queue instead of fighting over
// SQLite's file lock (a busy timeout that turns a click into a multi-second freeze or a
// "database is locked"). Qt-free: ui/ wraps it in StoreService, which runs the work on worker
// threads and queues the result back to the GUI thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "store/database.h"

namespace shoppilot::store {

class StoreAccess {
public:
    // The access point for the store at `path`, shared by everyone in this process that asks for
    // the same file while it is alive. The first call opens (and for ReadWrite migrates, backing
    // up first) the writer connection; throws shoppilot::Error like Database::open. A ReadOnly
    // access has no writer: write() throws ErrorCode::ReadOnly.
    static std::shared_ptr<StoreAccess> open(const std::string& path, OpenMode mode = OpenMode::ReadWrite);
    // The same access point without touching the file (safe on the GUI thread): the file is
    // opened by the first read() or write(), on whichever worker thread runs it.
    static std::shared_ptr<StoreAccess> get(const std::string& path, OpenMode mode = OpenMode::ReadWrite);
    // An access over one connection the caller already has and keeps alive (CLI, tests): reads
    // and writes both use it, in turn. Not shared through the registry.
    static std::shared_ptr<StoreAccess> wrap(Database& db);
    // Opens the file now if it is not open yet (throws like Database::open; a failure is retried
    // by the next call).
    void ensureOpen();

    StoreAccess(const StoreAccess&) = delete;
    StoreAccess& operator=(const StoreAccess&) = delete;
    ~StoreAccess();

    const std::string& path() const { return m_path; }
    bool readOnly() const { return m_mode == OpenMode::ReadOnly; }
    // After ensureOpen(): the schema version, and the backup made first when opening migrated it.
    int schemaVersion() const { return m_schemaVersion; }
    const std::optional<std::string>& backupPath() const { return m_backupPath; }
    ChangeFeed& changeFeed() { return *m_feed; }

    // Runs f(Database&) on a pooled read-only connection, on the calling thread.
    template <typename F>
    auto read(F&& f) -> std::invoke_result_t<F, Database&>
    {
        ensureOpen();
        if (m_single) {
            WriterTurn turn(*this);
            return std::forward<F>(f)(*m_writer);
        }
        ReaderLease lease(*this);
        return std::forward<F>(f)(lease.db());
    }

    // Runs f(Database&) on the writer connection, on the calling thread, once every writer that
    // asked before has finished (FIFO). Re-entrant on the same thread. Keep f to the writing:
    // network waits and model fits belong outside, so others are not queued behind them.
    template <typename F>
    auto write(F&& f) -> std::invoke_result_t<F, Database&>
    {
        ensureOpen();
        WriterTurn turn(*this);
        return std::forward<F>(f)(*m_writer);
    }

    // For benchmarks and the status bar: writes that have run, and the longest wait for a turn.
    std::int64_t writesDone() const;
    double longestWaitMs() const;

private:
    StoreAccess() = default;

    class ReaderLease {
    public:
        explicit ReaderLease(StoreAccess& a);
        ~ReaderLease();
        ReaderLease(const ReaderLease&) = delete;
        ReaderLease& operator=(const ReaderLease&) = delete;
        Database& db() { return *m_db; }

    private:
        StoreAccess& m_a;
        std::unique_ptr<Database> m_db;
    };

    class WriterTurn {
    public:
        explicit WriterTurn(StoreAccess& a);
        ~WriterTurn();
        WriterTurn(const WriterTurn&) = delete;
        WriterTurn& operator=(const WriterTurn&) = delete;

    private:
        StoreAccess& m_a;
    };

    std::string m_path;
    OpenMode m_mode = OpenMode::ReadWrite;
    std::mutex m_openMutex;
    std::atomic<bool> m_open{false};
    int m_schemaVersion = 0;
    std::optional<std::string> m_backupPath;
    ChangeFeed* m_feed = nullptr;
    Database* m_writer = nullptr;
    std::unique_ptr<Database> m_ownedWriter;
    bool m_single = false; // wrap(): one borrowed connection for reads and writes

    // Writer turns: tickets served in order.
    mutable std::mutex m_turnMutex;
    std::condition_variable m_turnCv;
    std::uint64_t m_nextTicket = 0;
    std::uint64_t m_serving = 0;
    std::thread::id m_owner;
    int m_depth = 0;
    bool m_turnBeganInTransaction = false;
    std::int64_t m_writesDone = 0;
    double m_longestWaitMs = 0;

    // Idle read-only connections.
    std::mutex m_poolMutex;
    std::vector<std::unique_ptr<Database>> m_idleReaders;
};

} // namespace shoppilot::store
