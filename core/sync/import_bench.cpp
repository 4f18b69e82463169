#include "sync/import_bench.h"

#include <chrono>
#include <filesystem>
#include <system_error>
#include <vector>

#include "common/csv.h"
#include "store/database.h"
#include "sync/online_retail_import.h"

namespace shoppilot::sync {

namespace {

// A fresh store at `path`: old file and its WAL/SHM side files removed first.
store::Database freshStore(const std::string& path)
{
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path + suffix, ec);
    store::OpenOptions options;
    options.mode = store::OpenMode::CreateIfMissing;
    return store::Database::open(path, options);
}

} // namespace

ImportBenchResult benchOnlineRetailImport(const std::string& csvPath, const std::string& workDir,
                                          const Progress& progress)
{
    std::error_code ec;
    std::filesystem::create_directories(workDir, ec);
    if (ec)
        throw Error(ErrorCode::Io, "cannot create the benchmark directory " + workDir + ": " + ec.message());
    ProgressReporter reporter(progress);
    ImportBenchResult result;

    {
        store::Database db = freshStore((std::filesystem::path(workDir) / "bench_import.sqlite").string());
        ProgressReporter step = reporter.sub(0.0, 0.75);
        const ImportReport report = importOnlineRetail(db, csvPath, {}, step.callback() ? Progress(
            [&step](double f, std::string_view what) {
                step.report(f, what);
                return true;
            }) : Progress{});
        result.rows = report.rowsRead;
        result.importSeconds = report.seconds;
    }

    {
        store::Database db = freshStore((std::filesystem::path(workDir) / "bench_raw.sqlite").string());
        db.exec("CREATE TABLE raw_online_retail(invoice_no TEXT, stock_code TEXT, description TEXT, quantity TEXT, "
                "invoice_date TEXT, unit_price TEXT, customer_id TEXT, country TEXT)");
        ProgressReporter step = reporter.sub(0.75, 1.0);
        const auto started = std::chrono::steady_clock::now();
        CsvReader reader(csvPath);
        std::vector<std::string> f;
        reader.next(f); // header
        store::Transaction tx(db);
        auto insert = db.prepare("INSERT INTO raw_online_retail VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
        std::int64_t rows = 0;
        while (reader.next(f)) {
            for (std::size_t i = 0; i < 8; ++i) {
                if (i < f.size())
                    insert.bind(int(i + 1), f[i]);
                else
                    insert.bindNull(int(i + 1));
            }
            insert.step();
            insert.reset();
            if ((++rows & 1023) == 0)
                step.report(reader.fraction(), "raw insert baseline");
        }
        tx.commit();
        result.rawInsertSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        step.report(1.0, "raw insert baseline");
    }

    if (result.importSeconds > 0)
        result.importRowsPerSecond = double(result.rows) / result.importSeconds;
    if (result.rawInsertSeconds > 0) {
        result.rawRowsPerSecond = double(result.rows) / result.rawInsertSeconds;
        result.ratio = result.importSeconds / result.rawInsertSeconds;
    }
    return result;
}

} // namespace shoppilot::sync
