// A ShopPilot store: one SQLite file (WAL) opened, verified and migrated, plus thin RAII wrappers
// over prepared statements and transactions. One Database per thread; one writer at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "store/change_feed.h"

struct sqlite3;
struct sqlite3_stmt;

namespace shoppilot::store {

// Identifies ShopPilot stores in the SQLite header (PRAGMA application_id): "SPLT".
constexpr std::int32_t kApplicationId = 0x53504C54;

struct Migration {
    int version;             // the schema version this migration produces
    std::string description; // shown in schema_version and in the backup's name
    std::string sql;         // run inside one transaction
};

// The schema migrations this build knows, in order (v1 creates the whole schema).
const std::vector<Migration>& builtinMigrations();
int currentSchemaVersion();

enum class OpenMode {
    ReadWrite,       // open an existing store, migrating it if it is older
    ReadOnly,        // open an existing store for reading only; never migrates or writes
    CreateIfMissing, // like ReadWrite, but create a new empty store when the file is absent or empty
};

struct OpenOptions {
    OpenMode mode = OpenMode::ReadWrite;
    // Tests inject extra migrations; the app uses builtinMigrations().
    const std::vector<Migration>* migrations = nullptr;
    int busyTimeoutMs = 5000;
};

// What open() found about a file without changing it.
struct FileCheck {
    bool exists = false;
    bool empty = false;
    int schemaVersion = 0;
};

class Statement;

class Database {
public:
    // Opens (and, for ReadWrite, migrates) a store. Throws shoppilot::Error naming the file and
    // what to do when it is not a store, newer, corrupt or not writable; the file is then
    // left byte-for-byte unchanged.
    static Database open(const std::string& path, const OpenOptions& options = {});

    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database();

    const std::string& path() const;
    bool readOnly() const;
    int schemaVersion() const;
    // When open() migrated the file: the backup it made first.
    const std::optional<std::string>& backupPath() const;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    // Runs a query returning one integer (or nullopt for no row / NULL).
    std::optional<std::int64_t> queryInt(std::string_view sql);
    std::optional<std::string> queryText(std::string_view sql);
    std::int64_t lastInsertRowId() const;
    // Rows changed by the last INSERT/UPDATE/DELETE.
    int changes() const;
    // Rows changed by every statement since the connection opened (tells whether a block of
    // work changed anything, nested savepoints included).
    std::int64_t totalChanges() const;
    // True while no transaction is open on this connection.
    bool autocommit() const;

    // Full consistency check (PRAGMA integrity_check + foreign_key_check); returns problems found.
    std::vector<std::string> verify();

    // Key/value facts about the store (name, source, currency, demo seed ...).
    void setMeta(std::string_view key, std::string_view value);
    std::optional<std::string> meta(std::string_view key);

    // The process-wide change feed for this file (shared by every connection to it).
    ChangeFeed& changeFeed();

    sqlite3* handle() const;

private:
    struct Impl;
    explicit Database(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// A prepared statement. Bind indexes are 1-based, column indexes 0-based (as in SQLite).
class Statement {
public:
    Statement(Database& db, std::string_view sql);
    Statement(Statement&&) noexcept;
    Statement& operator=(Statement&&) noexcept;
    ~Statement();

    Statement& bind(int index, std::int64_t v);
    Statement& bind(int index, int v) { return bind(index, std::int64_t(v)); }
    Statement& bind(int index, double v);
    Statement& bind(int index, std::string_view v);
    Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
    Statement& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
    Statement& bindBlob(int index, std::span<const std::uint8_t> v);
    Statement& bindNull(int index);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& v)
    {
        return v ? bind(index, *v) : bindNull(index);
    }

    // Returns true while a row is available; false when done. Throws on error.
    bool step();
    // Resets for the next execution and clears bindings.
    void reset();

    int columnCount() const;
    bool isNull(int col) const;
    std::int64_t columnInt(int col) const;
    double columnDouble(int col) const;
    std::string columnText(int col) const;
    std::vector<std::uint8_t> columnBlob(int col) const;
    std::optional<std::int64_t> columnOptInt(int col) const;
    std::optional<double> columnOptDouble(int col) const;

private:
    Database* m_db;
    sqlite3_stmt* m_stmt;
};

// BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit() was called.
class Transaction {
public:
    explicit Transaction(Database& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

// The GUI-thread rule, made checkable: core calls the installed check before every open, prepare,
// exec and step, naming the action. ui/ installs one that aborts when it runs on the GUI thread
// (tests) or logs (the app); core stays Qt-free. No check installed = no cost beyond one load.
using ThreadCheck = void (*)(std::string_view action, std::string_view detail);
void setThreadCheck(ThreadCheck check);

// While one lives on a thread, the check is skipped there: test fixtures that build or inspect a
// store on the test's main thread, and the CLI. Nests.
class ThreadCheckExemption {
public:
    ThreadCheckExemption();
    ~ThreadCheckExemption();
    ThreadCheckExemption(const ThreadCheckExemption&) = delete;
    ThreadCheckExemption& operator=(const ThreadCheckExemption&) = delete;
};

// Turns the last SQLite error on db into a shoppilot::Error naming the file and the action.
[[noreturn]] void throwSqlite(sqlite3* db, int rc, std::string_view action);

} // namespace shoppilot::store
