#include "store/store_access.h"

#include <chrono>
#include <filesystem>
#include <map>

#include "common/error.h"

namespace shoppilot::store {

namespace {

constexpr std::size_t kMaxIdleReaders = 4;

std::string canonicalOf(const std::string& path)
{
    std::error_code ec;
    const auto c = std::filesystem::weakly_canonical(path, ec);
    return ec ? path : c.string();
}

struct Registry {
    std::mutex mutex;
    std::map<std::string, std::weak_ptr<StoreAccess>> open;
};

Registry& registry()
{
    static Registry r;
    return r;
}

} // namespace

std::shared_ptr<StoreAccess> StoreAccess::get(const std::string& path, OpenMode mode)
{
    auto& reg = registry();
    const std::string key = canonicalOf(path);
    std::lock_guard lock(reg.mutex);
    if (auto it = reg.open.find(key); it != reg.open.end()) {
        if (auto live = it->second.lock()) {
            if (mode != OpenMode::ReadOnly && live->readOnly())
                throw Error(ErrorCode::ReadOnly, path + " is already open read-only in this window; close it and "
                                                        "open it again to write to it.");
            return live;
        }
    }
    std::shared_ptr<StoreAccess> a(new StoreAccess);
    a->m_path = path;
    a->m_mode = mode;
    a->m_feed = &changeFeedFor(key);
    reg.open[key] = a;
    return a;
}

std::shared_ptr<StoreAccess> StoreAccess::open(const std::string& path, OpenMode mode)
{
    auto a = get(path, mode);
    a->ensureOpen();
    return a;
}

std::shared_ptr<StoreAccess> StoreAccess::wrap(Database& db)
{
    std::shared_ptr<StoreAccess> a(new StoreAccess);
    a->m_path = db.path();
    a->m_mode = db.readOnly() ? OpenMode::ReadOnly : OpenMode::ReadWrite;
    a->m_feed = &db.changeFeed();
    a->m_writer = &db;
    a->m_single = true;
    a->m_schemaVersion = db.schemaVersion();
    a->m_backupPath = db.backupPath();
    a->m_open = true;
    return a;
}

void StoreAccess::ensureOpen()
{
    if (m_open.load(std::memory_order_acquire))
        return;
    std::lock_guard lock(m_openMutex);
    if (m_open.load(std::memory_order_relaxed))
        return;
    if (m_mode == OpenMode::ReadOnly) {
        auto probe = std::make_unique<Database>(Database::open(m_path, {OpenMode::ReadOnly}));
        m_schemaVersion = probe->schemaVersion();
        std::lock_guard pool(m_poolMutex);
        m_idleReaders.push_back(std::move(probe));
    } else {
        m_ownedWriter = std::make_unique<Database>(Database::open(m_path, {m_mode}));
        m_writer = m_ownedWriter.get();
        m_schemaVersion = m_writer->schemaVersion();
        m_backupPath = m_writer->backupPath();
    }
    m_open.store(true, std::memory_order_release);
}

StoreAccess::~StoreAccess() = default;

std::int64_t StoreAccess::writesDone() const
{
    std::lock_guard lock(m_turnMutex);
    return m_writesDone;
}

double StoreAccess::longestWaitMs() const
{
    std::lock_guard lock(m_turnMutex);
    return m_longestWaitMs;
}

StoreAccess::ReaderLease::ReaderLease(StoreAccess& a) : m_a(a)
{
    {
        std::lock_guard lock(a.m_poolMutex);
        if (!a.m_idleReaders.empty()) {
            m_db = std::move(a.m_idleReaders.back());
            a.m_idleReaders.pop_back();
        }
    }
    if (!m_db)
        m_db = std::make_unique<Database>(Database::open(a.m_path, {OpenMode::ReadOnly}));
}

StoreAccess::ReaderLease::~ReaderLease()
{
    // A reader left inside a transaction (an exception mid-read) must not pin an old snapshot.
    if (!m_db->autocommit()) {
        try {
            ThreadCheckExemption cleanup;
            m_db->exec("ROLLBACK");
        } catch (...) {
            return; // drop the connection instead of pooling it
        }
    }
    std::lock_guard lock(m_a.m_poolMutex);
    if (m_a.m_idleReaders.size() < kMaxIdleReaders)
        m_a.m_idleReaders.push_back(std::move(m_db));
}

StoreAccess::WriterTurn::WriterTurn(StoreAccess& a) : m_a(a)
{
    if (!a.m_writer)
        throw Error(ErrorCode::ReadOnly, a.m_path + " is open read-only; this change needs write access. Open the "
                                                    "store from a writable location.");
    std::unique_lock lock(a.m_turnMutex);
    if (a.m_depth > 0 && a.m_owner == std::this_thread::get_id()) {
        ++a.m_depth;
        return;
    }
    const auto start = std::chrono::steady_clock::now();
    const std::uint64_t ticket = a.m_nextTicket++;
    a.m_turnCv.wait(lock, [&] { return a.m_serving == ticket; });
    a.m_owner = std::this_thread::get_id();
    a.m_depth = 1;
    a.m_turnBeganInTransaction = !a.m_writer->autocommit();
    const double waited = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (waited > a.m_longestWaitMs)
        a.m_longestWaitMs = waited;
}

StoreAccess::WriterTurn::~WriterTurn()
{
    std::lock_guard lock(m_a.m_turnMutex);
    if (--m_a.m_depth > 0)
        return;
    // A writer that threw inside an open transaction must not hand the next one its half-work.
    if (!m_a.m_turnBeganInTransaction && !m_a.m_writer->autocommit()) {
        try {
            ThreadCheckExemption cleanup;
            m_a.m_writer->exec("ROLLBACK");
        } catch (...) {
        }
    }
    ++m_a.m_writesDone;
    m_a.m_owner = {};
    ++m_a.m_serving;
    m_a.m_turnCv.notify_all();
}

} // namespace shoppilot::store
