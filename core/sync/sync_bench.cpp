#include "sync/sync_bench.h"

#include <chrono>
#include <filesystem>
#include <optional>
#include <system_error>
#include <vector>

#include "common/error.h"

namespace shoppilot::sync {

namespace {

// A fresh store at `path`: old file and its WAL/SHM side files removed first.
store::Database freshStore(const std::string& path)
{
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path + suffix, ec);
    return store::Database::open(path, {store::OpenMode::CreateIfMissing});
}

// One table's rows as text (NULLs kept), so that writing them back costs only the INSERTs.
struct TableCopy {
    std::string name;
    int columns = 0;
    std::vector<std::optional<std::string>> values; // row-major
};

// Reads every row of `table` into memory.
TableCopy readTable(store::Database& db, const std::string& table)
{
    TableCopy tb{table, 0, {}};
    auto st = db.prepare("SELECT * FROM " + table);
    tb.columns = st.columnCount();
    while (st.step())
        for (int c = 0; c < tb.columns; ++c)
            tb.values.push_back(st.isNull(c) ? std::nullopt : std::optional<std::string>(st.columnText(c)));
    return tb;
}

// Writes `tb` with one prepared INSERT (the caller holds the transaction).
void insertTable(store::Database& db, const TableCopy& tb)
{
    std::string sql = "INSERT INTO " + tb.name + " VALUES(";
    for (int c = 0; c < tb.columns; ++c)
        sql += c ? ",?" : "?";
    auto st = db.prepare(sql + ")");
    for (std::size_t i = 0; i < tb.values.size(); i += std::size_t(tb.columns)) {
        for (int c = 0; c < tb.columns; ++c)
            st.bind(c + 1, tb.values[i + std::size_t(c)]);
        st.step();
        st.reset();
    }
}

} // namespace

RawInsertBaseline rawInsertBaseline(store::Database& synced, const std::string& rawPath)
{
    std::vector<TableCopy> data;
    RawInsertBaseline result;
    for (const char* t : kSyncedTables) {
        data.push_back(readTable(synced, t));
        if (data.back().columns > 0)
            result.rows += std::int64_t(data.back().values.size()) / data.back().columns;
    }
    store::Database raw = freshStore(rawPath);
    raw.exec("PRAGMA foreign_keys = OFF");
    const auto t0 = std::chrono::steady_clock::now();
    {
        store::Transaction tx(raw);
        for (const auto& tb : data)
            insertTable(raw, tb);
        tx.commit();
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return result;
}

SyncBenchResult benchSync(const SyncOptions& options, const std::string& workDir, const Progress& progress)
{
    std::error_code ec;
    std::filesystem::create_directories(workDir, ec);
    if (ec)
        throw Error(ErrorCode::Io, "cannot create the benchmark directory " + workDir + ": " + ec.message());
    const std::filesystem::path dir(workDir);
    store::Database db = freshStore((dir / "synced.db").string());
    SyncBenchResult r;
    r.report = syncWoo(db, options, progress);
    const RawInsertBaseline base = rawInsertBaseline(db, (dir / "raw.db").string());
    r.rows = base.rows;
    r.rawInsertSeconds = base.seconds;
    if (r.report.seconds > 0)
        r.syncRowsPerSecond = double(r.rows) / r.report.seconds;
    if (base.seconds > 0) {
        r.rawRowsPerSecond = double(r.rows) / base.seconds;
        r.ratio = r.report.seconds / base.seconds;
    }
    return r;
}

} // namespace shoppilot::sync
