#include "store/database.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>

namespace shoppilot::store {

namespace fs = std::filesystem;

struct Database::Impl {
    sqlite3* db = nullptr;
    std::string path;
    bool readOnly = false;
    int schemaVersion = 0;
    std::optional<std::string> backupPath;
    ChangeFeed* feed = nullptr;

    ~Impl()
    {
        if (db)
            sqlite3_close_v2(db);
    }
};

namespace {

std::string fileOf(sqlite3* db)
{
    const char* f = db ? sqlite3_db_filename(db, "main") : nullptr;
    return f && *f ? f : "the store";
}

std::uint32_t be32(const unsigned char* p)
{
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}

std::string nowStamp()
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
    return buf;
}

std::string notAStoreHint()
{
    return " Open a store file made by ShopPilot, or create one with "
           "`shoppilot demo-data --db FILE` or `shoppilot import online-retail DATA.csv --db FILE`.";
}

// Reads what can be known from the file's first 100 bytes, without SQLite and without writing.
struct Header {
    bool sqlite = false;
    std::uint64_t pageSize = 0;
    std::uint64_t pageCount = 0; // 0 when the in-header size is not valid
};

Header readHeader(const std::string& path, std::uintmax_t size)
{
    Header h;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::Io, "Cannot read " + path + ": " + std::strerror(errno)
                                       + ". Check the file's permissions.");
    std::array<unsigned char, 100> b{};
    in.read(reinterpret_cast<char*>(b.data()), b.size());
    if (size < 100 || in.gcount() < 100 || std::memcmp(b.data(), "SQLite format 3", 16) != 0)
        return h;
    h.sqlite = true;
    const unsigned ps = (unsigned(b[16]) << 8) | b[17];
    h.pageSize = ps == 1 ? 65536 : ps;
    if (be32(&b[24]) == be32(&b[92]))
        h.pageCount = be32(&b[28]);
    return h;
}

void checkWritable(const std::string& path, const struct stat& st)
{
    const std::string dir = fs::absolute(path).parent_path().string();
    // A read-only file system (a mounted backup, a write-protected stick): chmod will not help.
    struct statvfs vfs {};
    if (::statvfs(dir.c_str(), &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
        throw Error(ErrorCode::ReadOnly, path + " is on a read-only file system (" + dir
                                             + " is mounted read-only). Copy the store to a writable folder, "
                                               "or open it read-only (--read-only).");
    // A file nobody may write is treated as read-only even for root: its owner meant it so.
    if ((st.st_mode & 0222) == 0 || ::access(path.c_str(), W_OK) != 0)
        throw Error(ErrorCode::ReadOnly,
                    path + " is read-only. Make it writable (chmod u+w), copy it to a writable folder, "
                           "or open it read-only (--read-only).");
    if (::access(dir.c_str(), W_OK) != 0)
        throw Error(ErrorCode::ReadOnly, "The folder " + dir + " is read-only, and the store " + path
                                             + " needs to write its journal beside it. Copy the store to "
                                               "a writable folder or open it read-only (--read-only).");
}

void execRaw(sqlite3* db, const char* sql, std::string_view action)
{
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        sqlite3_free(err);
        throwSqlite(db, rc, action);
    }
}

sqlite3* openRaw(const std::string& path, int flags)
{
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close_v2(db);
        if (rc == SQLITE_CANTOPEN)
            throw Error(ErrorCode::Io, "Cannot open " + path + " (" + msg
                                           + "). Check that the folder exists and is writable.");
        throw Error(ErrorCode::Database, "Cannot open " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db, 1);
    // Every connection waits for another's lock, the header probe and the backup too: without it
    // opening a store while a writer checkpoints fails now and then with "database is locked".
    sqlite3_busy_timeout(db, 5000);
    return db;
}

// A store whose creation was interrupted: SQLite wrote its first page (WAL mode, maybe our
// application id, both committed on their own) but the schema transaction never committed, so the
// file holds no objects and no data. Anything else, foreign files included, is not a shell.
bool isEmptyShell(const std::string& path)
{
    sqlite3* probe = nullptr;
    if (sqlite3_open_v2(path.c_str(), &probe, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        sqlite3_close_v2(probe);
        return false;
    }
    sqlite3_busy_timeout(probe, 5000);
    std::int64_t values[3] = {-1, -1, -1};
    const char* queries[3] = {"PRAGMA application_id", "PRAGMA user_version", "SELECT count(*) FROM sqlite_master"};
    for (int i = 0; i < 3; ++i) {
        sqlite3_stmt* q = nullptr;
        if (sqlite3_prepare_v2(probe, queries[i], -1, &q, nullptr) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
            values[i] = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
    }
    sqlite3_close_v2(probe);
    const bool ourIdOrNone = values[0] == 0 || std::uint32_t(values[0]) == std::uint32_t(kApplicationId);
    return ourIdOrNone && values[1] == 0 && values[2] == 0;
}

void applyMigrations(sqlite3* db, const std::vector<Migration>& migrations, int from)
{
    execRaw(db, "BEGIN IMMEDIATE", "starting the schema migration");
    try {
        for (const auto& m : migrations) {
            if (m.version <= from)
                continue;
            execRaw(db, m.sql.c_str(), "migrating to schema v" + std::to_string(m.version));
            sqlite3_stmt* st = nullptr;
            sqlite3_prepare_v2(db, "INSERT INTO schema_version(version, applied_at, description) VALUES (?,?,?)",
                               -1, &st, nullptr);
            sqlite3_bind_int(st, 1, m.version);
            sqlite3_bind_int64(st, 2, std::time(nullptr));
            sqlite3_bind_text(st, 3, m.description.c_str(), -1, SQLITE_TRANSIENT);
            const int rc = sqlite3_step(st);
            sqlite3_finalize(st);
            if (rc != SQLITE_DONE)
                throwSqlite(db, rc, "recording schema v" + std::to_string(m.version));
            execRaw(db, ("PRAGMA user_version = " + std::to_string(m.version)).c_str(), "setting the schema version");
        }
        execRaw(db, "COMMIT", "committing the schema migration");
    } catch (...) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

void backupTo(sqlite3* src, const std::string& target)
{
    sqlite3* dst = openRaw(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
    int rc = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(dst);
    if (b)
        sqlite3_backup_finish(b);
    const std::string msg = sqlite3_errmsg(dst);
    sqlite3_close_v2(dst);
    if (rc != SQLITE_DONE) {
        std::error_code ec;
        fs::remove(target, ec);
        throw Error(ErrorCode::Io, "Could not back up the store to " + target + " before migrating it (" + msg
                                       + "); the store was not changed. Free some disk space and try again.");
    }
}

} // namespace

void throwSqlite(sqlite3* db, int rc, std::string_view action)
{
    const std::string file = fileOf(db);
    const std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    const std::string what = std::string(action) + " failed on " + file + ": " + msg;
    switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        throw Error(ErrorCode::Corrupt, file + " is damaged (" + msg + "). Restore it from a backup ("
                                            + file + ".bak-*) or recreate it; `shoppilot verify --db " + file
                                            + "` lists the damage.");
    case SQLITE_READONLY:
        throw Error(ErrorCode::ReadOnly, what + ". The store is read-only: open a writable copy.");
    case SQLITE_FULL:
        throw Error(ErrorCode::Io, what + ". The disk is full: free some space and try again.");
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
        throw Error(ErrorCode::Io, what);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        throw Error(ErrorCode::Database, what + ". Another program holds the store locked; close it and retry.");
    default:
        throw Error(ErrorCode::Database, what);
    }
}

namespace {
std::atomic<ThreadCheck> g_threadCheck{nullptr};
thread_local int t_exempt = 0;

void checkThread(std::string_view action, std::string_view detail)
{
    if (t_exempt > 0)
        return;
    if (const ThreadCheck check = g_threadCheck.load(std::memory_order_acquire))
        check(action, detail);
}
} // namespace

void setThreadCheck(ThreadCheck check) { g_threadCheck.store(check, std::memory_order_release); }
ThreadCheckExemption::ThreadCheckExemption() { ++t_exempt; }
ThreadCheckExemption::~ThreadCheckExemption() { --t_exempt; }

Database Database::open(const std::string& path, const OpenOptions& options)
{
    checkThread("open", path);
    const auto& migrations = options.migrations ? *options.migrations : builtinMigrations();
    const int target = migrations.back().version;
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->readOnly = options.mode == OpenMode::ReadOnly;

    struct stat st{};
    const bool exists = ::stat(path.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode))
        throw Error(ErrorCode::InvalidArgument, path + " is a folder, not a store file. Choose a .db file.");
    // A creation that was interrupted (SIGKILL, power loss) left an empty shell: whoever may create
    // a store finishes the job, instead of the next run failing on a file that holds nothing.
    const bool fresh = !exists || st.st_size == 0
                       || (options.mode == OpenMode::CreateIfMissing && S_ISREG(st.st_mode) && isEmptyShell(path));

    if (fresh) {
        if (options.mode != OpenMode::CreateIfMissing)
            throw Error(exists ? ErrorCode::NotAStore : ErrorCode::NotFound,
                        (exists ? path + " is an empty file, not a ShopPilot store."
                                : "There is no store at " + path + ".")
                            + notAStoreHint());
        const fs::path parent = fs::absolute(path).parent_path();
        if (!fs::is_directory(parent))
            throw Error(ErrorCode::NotFound, "Cannot create " + path + ": the folder " + parent.string()
                                                 + " does not exist. Create it first or choose another place.");
        if (::access(parent.c_str(), W_OK) != 0 || (exists && ((st.st_mode & 0222) == 0 || ::access(path.c_str(), W_OK) != 0)))
            throw Error(ErrorCode::ReadOnly, "Cannot create a store at " + path
                                                 + ": the location is read-only. Choose a writable folder.");
        impl->db = openRaw(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        execRaw(impl->db, "PRAGMA journal_mode = WAL", "enabling WAL");
        execRaw(impl->db, ("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str(),
                "marking the file as a ShopPilot store");
        applyMigrations(impl->db, migrations, 0);
        impl->schemaVersion = target;
    } else {
        const Header h = readHeader(path, std::uintmax_t(st.st_size));
        if (!h.sqlite)
            throw Error(ErrorCode::NotAStore, path + " is not a ShopPilot store (it is not an SQLite database)."
                                                  + notAStoreHint());
        // In WAL mode the header in the main file can be stale (changes still in the -wal file),
        // so the header is only trusted for its size when there is no WAL to replay.
        std::error_code walEc;
        const auto walSize = fs::file_size(path + "-wal", walEc);
        if ((walEc || walSize == 0) && h.pageCount && std::uintmax_t(st.st_size) < h.pageCount * h.pageSize)
            throw Error(ErrorCode::Corrupt, path + " is damaged: it is shorter than its header says (truncated "
                                                   "copy?). Restore it from a backup or recreate it.");
        // Ask SQLite itself (read-only: this cannot change the file) who wrote the file.
        std::uint32_t applicationId = 0, userVersion = 0;
        {
            sqlite3* probe = openRaw(path, SQLITE_OPEN_READONLY);
            try {
                for (auto [pragma, out] : {std::pair{"PRAGMA application_id", &applicationId},
                                           std::pair{"PRAGMA user_version", &userVersion}}) {
                    sqlite3_stmt* q = nullptr;
                    int rc = sqlite3_prepare_v2(probe, pragma, -1, &q, nullptr);
                    if (rc == SQLITE_OK)
                        rc = sqlite3_step(q);
                    if (rc != SQLITE_ROW) {
                        sqlite3_finalize(q);
                        throwSqlite(probe, rc, "reading the store's header");
                    }
                    *out = std::uint32_t(sqlite3_column_int(q, 0));
                    sqlite3_finalize(q);
                }
            } catch (...) {
                sqlite3_close_v2(probe);
                throw;
            }
            sqlite3_close_v2(probe);
        }
        if (applicationId != std::uint32_t(kApplicationId))
            throw Error(ErrorCode::NotAStore, path + " is an SQLite database but not a ShopPilot store."
                                                  + notAStoreHint());
        if (int(userVersion) > target)
            throw Error(ErrorCode::NewerSchema,
                        path + " was written by a newer ShopPilot (schema v" + std::to_string(userVersion)
                            + "; this version reads up to v" + std::to_string(target)
                            + "). Update ShopPilot to open it; the file was not changed.");
        if (userVersion == 0)
            throw Error(ErrorCode::Corrupt, path + " is an unfinished ShopPilot store (its creation was "
                                                   "interrupted). Delete it and create it again.");
        if (options.mode == OpenMode::ReadOnly) {
            if (int(userVersion) < target)
                throw Error(ErrorCode::ReadOnly, path + " uses the older schema v" + std::to_string(userVersion)
                                                     + " and must be upgraded, which needs write access: open it in the app or run "
                                                       "`shoppilot upgrade --db FILE` once (a backup is made first).");
        } else {
            checkWritable(path, st);
        }

        impl->db = openRaw(path, impl->readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
        // Touch the schema so a damaged first page or catalogue shows up now, not mid-query.
        execRaw(impl->db, "SELECT count(*) FROM sqlite_master; SELECT max(version) FROM schema_version",
                "reading the store's catalogue");
        impl->schemaVersion = int(userVersion);
        if (int(userVersion) < target) {
            sqlite3_stmt* qc = nullptr;
            sqlite3_prepare_v2(impl->db, "PRAGMA quick_check", -1, &qc, nullptr);
            std::string verdict;
            int rc = sqlite3_step(qc);
            if (rc == SQLITE_ROW)
                verdict = reinterpret_cast<const char*>(sqlite3_column_text(qc, 0));
            sqlite3_finalize(qc);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                throwSqlite(impl->db, rc, "checking the store before migrating it");
            if (verdict != "ok")
                throw Error(ErrorCode::Corrupt, path + " is damaged (" + verdict
                                                    + "); it was not migrated. Restore it from a backup.");
            const std::string backup = path + ".bak-v" + std::to_string(userVersion) + "-" + nowStamp();
            backupTo(impl->db, backup);
            impl->backupPath = backup;
            applyMigrations(impl->db, migrations, int(userVersion));
            impl->schemaVersion = target;
        }
        if (!impl->readOnly)
            execRaw(impl->db, "PRAGMA journal_mode = WAL", "enabling WAL");
    }

    execRaw(impl->db, "PRAGMA foreign_keys = ON", "enabling foreign keys");
    // Statement journals of big transactions (imports, demo generation) stay in memory instead
    // of millions of temp-file writes: measured 2x faster on the Online Retail import.
    execRaw(impl->db, "PRAGMA temp_store = MEMORY", "setting temp storage");
    if (!impl->readOnly) {
        execRaw(impl->db, "PRAGMA synchronous = NORMAL", "setting durability");
        // A writer's upserts probe unique and secondary indexes all over the file: with SQLite's
        // default 2 MB page cache a sync re-reads those pages from the OS for every page of rows.
        execRaw(impl->db, "PRAGMA cache_size = -65536", "setting the page cache (64 MiB)");
    }
    sqlite3_busy_timeout(impl->db, options.busyTimeoutMs);

    std::error_code ec;
    const auto canonical = fs::weakly_canonical(path, ec);
    impl->feed = &changeFeedFor(ec ? path : canonical.string());
    return Database(std::move(impl));
}

Database::Database(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

const std::string& Database::path() const { return m_impl->path; }
bool Database::readOnly() const { return m_impl->readOnly; }
int Database::schemaVersion() const { return m_impl->schemaVersion; }
const std::optional<std::string>& Database::backupPath() const { return m_impl->backupPath; }
sqlite3* Database::handle() const { return m_impl->db; }
ChangeFeed& Database::changeFeed() { return *m_impl->feed; }
bool Database::autocommit() const { return sqlite3_get_autocommit(m_impl->db) != 0; }
std::int64_t Database::lastInsertRowId() const { return sqlite3_last_insert_rowid(m_impl->db); }
int Database::changes() const { return sqlite3_changes(m_impl->db); }
std::int64_t Database::totalChanges() const { return sqlite3_total_changes64(m_impl->db); }

void Database::exec(std::string_view sql)
{
    checkThread("exec", sql);
    execRaw(m_impl->db, std::string(sql).c_str(), "running SQL");
}

Statement Database::prepare(std::string_view sql) { return Statement(*this, sql); }

std::optional<std::int64_t> Database::queryInt(std::string_view sql)
{
    Statement st(*this, sql);
    if (!st.step() || st.isNull(0))
        return std::nullopt;
    return st.columnInt(0);
}

std::optional<std::string> Database::queryText(std::string_view sql)
{
    Statement st(*this, sql);
    if (!st.step() || st.isNull(0))
        return std::nullopt;
    return st.columnText(0);
}

std::vector<std::string> Database::verify()
{
    std::vector<std::string> problems;
    {
        Statement st(*this, "PRAGMA integrity_check");
        while (st.step()) {
            std::string line = st.columnText(0);
            if (line != "ok")
                problems.push_back(std::move(line));
        }
    }
    Statement fk(*this, "PRAGMA foreign_key_check");
    while (fk.step())
        problems.push_back("foreign key: row " + std::to_string(fk.columnInt(1)) + " of " + fk.columnText(0)
                           + " points to a missing row of " + fk.columnText(2));
    return problems;
}

void Database::setMeta(std::string_view key, std::string_view value)
{
    Statement st(*this, "INSERT INTO store_meta(key, value) VALUES (?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value);
    st.step();
}

std::optional<std::string> Database::meta(std::string_view key)
{
    Statement st(*this, "SELECT value FROM store_meta WHERE key = ?");
    st.bind(1, key);
    if (!st.step())
        return std::nullopt;
    return st.columnText(0);
}

// ------------------------------------------------------------------ Statement

Statement::Statement(Database& db, std::string_view sql) : m_db(&db), m_stmt(nullptr)
{
    checkThread("prepare", sql);
    const int rc = sqlite3_prepare_v3(db.handle(), sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        throwSqlite(db.handle(), rc, "preparing \"" + std::string(sql.substr(0, 60)) + "\"");
}

Statement::Statement(Statement&& o) noexcept : m_db(o.m_db), m_stmt(o.m_stmt) { o.m_stmt = nullptr; }

Statement& Statement::operator=(Statement&& o) noexcept
{
    if (this != &o) {
        sqlite3_finalize(m_stmt);
        m_db = o.m_db;
        m_stmt = o.m_stmt;
        o.m_stmt = nullptr;
    }
    return *this;
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

namespace {
void checkBind(Database& db, int rc)
{
    if (rc != SQLITE_OK)
        throwSqlite(db.handle(), rc, "binding a parameter");
}
} // namespace

Statement& Statement::bind(int i, std::int64_t v)
{
    checkBind(*m_db, sqlite3_bind_int64(m_stmt, i, v));
    return *this;
}
Statement& Statement::bind(int i, double v)
{
    checkBind(*m_db, sqlite3_bind_double(m_stmt, i, v));
    return *this;
}
Statement& Statement::bind(int i, std::string_view v)
{
    checkBind(*m_db, sqlite3_bind_text64(m_stmt, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
}
Statement& Statement::bindBlob(int i, std::span<const std::uint8_t> v)
{
    checkBind(*m_db, sqlite3_bind_blob64(m_stmt, i, v.data(), v.size(), SQLITE_TRANSIENT));
    return *this;
}
Statement& Statement::bindNull(int i)
{
    checkBind(*m_db, sqlite3_bind_null(m_stmt, i));
    return *this;
}

bool Statement::step()
{
    checkThread("step", sqlite3_sql(m_stmt));
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    sqlite3_reset(m_stmt);
    throwSqlite(m_db->handle(), rc, "running \"" + std::string(sqlite3_sql(m_stmt)).substr(0, 60) + "\"");
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int Statement::columnCount() const { return sqlite3_column_count(m_stmt); }
bool Statement::isNull(int c) const { return sqlite3_column_type(m_stmt, c) == SQLITE_NULL; }
std::int64_t Statement::columnInt(int c) const { return sqlite3_column_int64(m_stmt, c); }
double Statement::columnDouble(int c) const { return sqlite3_column_double(m_stmt, c); }
std::string Statement::columnText(int c) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, c));
    return p ? std::string(p, std::size_t(sqlite3_column_bytes(m_stmt, c))) : std::string();
}
std::vector<std::uint8_t> Statement::columnBlob(int c) const
{
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(m_stmt, c));
    return p ? std::vector<std::uint8_t>(p, p + sqlite3_column_bytes(m_stmt, c)) : std::vector<std::uint8_t>();
}
std::optional<std::int64_t> Statement::columnOptInt(int c) const
{
    return isNull(c) ? std::nullopt : std::optional<std::int64_t>(columnInt(c));
}
std::optional<double> Statement::columnOptDouble(int c) const
{
    return isNull(c) ? std::nullopt : std::optional<double>(columnDouble(c));
}

// ------------------------------------------------------------------ Transaction

namespace {
// A store deleted, moved or replaced while open (a user cleaning up, a backup tool restoring a
// copy) would take every later write into a file nobody can open again: the write "succeeds"
// and is lost. Checked at the start and the commit of every write transaction (one fstat and
// one stat, microseconds), so such a write fails with a message instead.
void throwIfMoved(Database& db)
{
    int moved = 0;
    if (sqlite3_file_control(db.handle(), "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK && moved)
        throw Error(ErrorCode::Io, "The store " + fileOf(db.handle())
                                       + " was deleted, moved or replaced while ShopPilot had it open, so "
                                         "nothing more can be saved to it; this change was not saved. Open "
                                         "the store again (at its new place if it was moved) and repeat it.");
}
} // namespace

Transaction::Transaction(Database& db) : m_db(db)
{
    throwIfMoved(m_db);
    m_db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!m_done)
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    throwIfMoved(m_db); // the destructor rolls back
    m_db.exec("COMMIT");
    m_done = true;
}

} // namespace shoppilot::store
