// The sync benchmark (core/sync/sync_bench.h): its raw-insert baseline writes exactly the rows the
// sync left, and the whole benchmark against the platform simulator measures the same rows.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <string>

#include "common/error.h"
#include "demo/demo_generator.h"
#include "store/database.h"
#include "store/repositories.h"
#include "sync/platform_sim.h"
#include "sync/sync_bench.h"

using namespace shoppilot;

namespace {

// Every row of `table` as text (NULL marked), in rowid order.
std::string tableText(store::Database& db, const std::string& table)
{
    std::string out;
    auto st = db.prepare("SELECT * FROM " + table + " ORDER BY rowid");
    while (st.step()) {
        for (int c = 0; c < st.columnCount(); ++c)
            out += (st.isNull(c) ? std::string("<null>") : st.columnText(c)) + '|';
        out += '\n';
    }
    return out;
}

std::int64_t syncedRows(store::Database& db)
{
    std::int64_t n = 0;
    for (const char* t : sync::kSyncedTables)
        n += store::countRows(db, t);
    return n;
}

} // namespace

class TestSyncBench : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_demo;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_demo = m_dir.filePath("demo.db").toStdString();
        auto db = store::Database::open(m_demo, {store::OpenMode::CreateIfMissing});
        demo::generateDemoStore(db, {demo::DemoSize::Tiny, 5, makeTimestamp(2026, 11, 1)});
    }

    // The baseline is the floor the sync is compared with: it must write every row, as it is.
    void baselineCopiesEverySyncedRow()
    {
        auto source = store::Database::open(m_demo, {store::OpenMode::ReadOnly});
        const std::string rawPath = m_dir.filePath("raw.db").toStdString();
        const auto r = sync::rawInsertBaseline(source, rawPath);
        QCOMPARE(r.rows, syncedRows(source));
        QVERIFY(r.rows > 1000);
        auto raw = store::Database::open(rawPath, {store::OpenMode::ReadOnly});
        for (const char* t : sync::kSyncedTables) {
            QVERIFY2(store::countRows(raw, t) > 0, t);
            QVERIFY2(tableText(raw, t) == tableText(source, t), t);
        }
        // A second run replaces the file instead of failing on duplicate ids.
        QCOMPARE(sync::rawInsertBaseline(source, rawPath).rows, r.rows);
    }

    void benchSyncMeasuresTheRowsItSynced()
    {
        sync::SimulatorOptions so;
        so.storePath = m_demo;
        sync::PlatformSimulator sim(so);
        sim.start();
        sync::SyncOptions o;
        o.baseUrl = sim.baseUrl();
        const std::string work = m_dir.filePath("bench").toStdString();
        const auto r = sync::benchSync(o, work);
        sim.stop();
        QVERIFY(r.report.completed);
        auto synced = store::Database::open(work + "/synced.db", {store::OpenMode::ReadOnly});
        auto raw = store::Database::open(work + "/raw.db", {store::OpenMode::ReadOnly});
        QCOMPARE(r.rows, syncedRows(synced));
        QCOMPARE(syncedRows(raw), r.rows);
        QVERIFY(store::countRows(synced, "orders") > 100);
        QVERIFY(std::isfinite(r.ratio) && r.ratio > 0);
        QCOMPARE(r.ratio, r.report.seconds / r.rawInsertSeconds);
    }

    void unwritableWorkDirIsAClearError()
    {
        sync::SyncOptions o;
        o.baseUrl = "http://127.0.0.1:9/";
        QVERIFY_THROWS_EXCEPTION(Error, sync::benchSync(o, "/proc/no-such-dir/bench"));
    }
};

QTEST_GUILESS_MAIN(TestSyncBench)
#include "tst_sync_bench.moc"
