// The UCI Online Retail import (core/sync/online_retail_import.h): the hand-made fixture with
// every kind of bad row, one-transaction rollback, re-import, and the published figures on the
// real data set.
#include <QtTest>

#include <QFile>
#include <QTemporaryDir>

#include <zlib.h>

#include <map>
#include <optional>
#include <string>

#include "common/error.h"
#include "store/database.h"
#include "store/repositories.h"
#include "sync/import_bench.h"
#include "sync/online_retail_import.h"

using namespace shoppilot;
using sync::ImportReport;
using sync::importOnlineRetail;

namespace {

const QString kFixtureDir = QStringLiteral(SHOPPILOT_TEST_DATA_DIR "/online_retail/");
const std::string kFixture = (kFixtureDir + "online_retail_small.csv").toStdString();
const std::string kFixtureGz = (kFixtureDir + "online_retail_small.csv.gz").toStdString();
const std::string kRealFile = SHOPPILOT_DATA_DIR "/online_retail/online_retail_uci_2010-12_2011-12.csv.gz";

store::Database openStore(const QTemporaryDir& dir, const QString& name = QStringLiteral("store.sqlite"))
{
    store::OpenOptions options;
    options.mode = store::OpenMode::CreateIfMissing;
    return store::Database::open(dir.filePath(name).toStdString(), options);
}

// Everything an import writes, as one comparable value.
std::map<std::string, std::int64_t> snapshot(store::Database& db)
{
    std::map<std::string, std::int64_t> s;
    for (const char* table : {"customers", "products", "orders", "order_items", "refunds", "import_runs",
                              "import_rejects"})
        s[table] = store::countRows(db, table);
    s["sum(orders.total_minor)"] = db.queryInt("SELECT coalesce(sum(total_minor), 0) FROM orders").value_or(-1);
    s["sum(order_items.line_total_minor)"] =
        db.queryInt("SELECT coalesce(sum(line_total_minor), 0) FROM order_items").value_or(-1);
    s["sum(refunds.amount_minor)"] = db.queryInt("SELECT coalesce(sum(amount_minor), 0) FROM refunds").value_or(-1);
    s["max(orders.id)"] = db.queryInt("SELECT coalesce(max(id), 0) FROM orders").value_or(-1);
    return s;
}

std::int64_t queryInt(store::Database& db, const std::string& sql)
{
    const auto v = db.queryInt(sql);
    if (!v)
        qFatal("no value for %s", sql.c_str());
    return *v;
}

std::string queryText(store::Database& db, const std::string& sql)
{
    return db.queryText(sql).value_or("<null>");
}

// A valid Online Retail file of `rows` sales, gzip-compressed; the test then damages it.
std::string writeLargeGzip(const QTemporaryDir& dir, int rows)
{
    const std::string path = dir.filePath("large.csv.gz").toStdString();
    gzFile gz = gzopen(path.c_str(), "wb");
    if (!gz)
        qFatal("cannot write %s", path.c_str());
    std::string text = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
    for (int i = 0; i < rows; ++i) {
        text += std::to_string(700000 + i / 5) + ",SKU" + std::to_string(i % 97) + ",ITEM " + std::to_string(i % 97)
              + "," + std::to_string(1 + i % 7) + ",2011-03-0" + std::to_string(1 + i % 9) + " 10:00:00,"
              + std::to_string(1 + i % 13) + ".25," + std::to_string(20000 + i % 301) + ".0,United Kingdom\n";
        if (i % 50 == 0)
            text += "700000,X,missing customer,1,2011-03-01 10:00:00,1.00,,United Kingdom\n";
    }
    if (gzwrite(gz, text.data(), unsigned(text.size())) != int(text.size()) || gzclose(gz) != Z_OK)
        qFatal("cannot write %s", path.c_str());
    return path;
}

} // namespace

class TestOnlineRetailImport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fixtureReport();
    void fixtureRows();
    void fixtureRejectsKeepLineAndText();
    void gzipImportsLikePlain();
    void reimportChangesNothing();
    void cancelLeavesStoreUnchanged_data();
    void cancelLeavesStoreUnchanged();
    void damagedGzipLeavesStoreUnchanged();
    void notOnlineRetailFile();
    void refusesOpenTransaction();
    void changeFeedAfterCommit();
    void benchRunsBothLoads();
    void realFilePublishedFigures();
};

void TestOnlineRetailImport::fixtureReport()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto db = openStore(dir);
    const ImportReport r = importOnlineRetail(db, kFixture);

    // Counted by hand from tests/data/online_retail/online_retail_small.csv.
    QCOMPARE(r.rowsRead, std::int64_t(41));
    QCOMPARE(r.orderItems, std::int64_t(14));
    QCOMPARE(r.refunds, std::int64_t(3));
    QCOMPARE(r.rowsImported, std::int64_t(17));
    QCOMPARE(r.rowsRejected, std::int64_t(24));
    QCOMPARE(r.customers, std::int64_t(4));  // 17850 13047 12583 14688
    QCOMPARE(r.products, std::int64_t(11));
    QCOMPARE(r.orders, std::int64_t(9));
    // 5598 + 1110 + 8468 + 9001 + 1580 + 790 + 1785 + 1190 + 2550
    QCOMPARE(r.revenueMinor, std::int64_t(32072));
    QCOMPARE(r.refundedMinor, std::int64_t(678 + 339 + 1185));
    QCOMPARE(r.currency, std::string("GBP"));
    QVERIFY(r.runId > 0);

    const std::map<std::string, std::int64_t> expected{
        {sync::reject::kMissingCustomer, 4},      // lines 13 14 15 36
        {sync::reject::kNonPositiveQuantity, 2},  // 16 17
        {sync::reject::kNonPositivePrice, 3},     // 18 19 38
        {sync::reject::kWrongColumnCount, 2},     // 20 21
        {sync::reject::kBadDate, 1},              // 22
        {sync::reject::kBadQuantity, 1},          // 23
        {sync::reject::kBadPrice, 1},             // 24
        {sync::reject::kBadCustomer, 1},          // 25
        {sync::reject::kMissingInvoice, 1},       // 26
        {sync::reject::kMissingStockCode, 1},     // 27
        {sync::reject::kConflictingCustomer, 1},  // 28
        {sync::reject::kOutOfRange, 1},           // 29
        {sync::reject::kUnmatchedCancellation, 3}, // 33 34 35
        {sync::reject::kCancellationPositive, 1}, // 37
        {sync::reject::kUnterminatedQuote, 1},    // 44
    };
    QCOMPARE(r.rejectsByReason, expected);
}

void TestOnlineRetailImport::fixtureRows()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto db = openStore(dir);
    importOnlineRetail(db, kFixture);

    QCOMPARE(store::countRows(db, "customers"), std::int64_t(4));
    QCOMPARE(store::countRows(db, "products"), std::int64_t(11));
    QCOMPARE(store::countRows(db, "orders"), std::int64_t(9));
    QCOMPARE(store::countRows(db, "order_items"), std::int64_t(14));
    QCOMPARE(store::countRows(db, "refunds"), std::int64_t(3));
    QCOMPARE(store::countRows(db, "import_runs"), std::int64_t(1));
    QCOMPARE(store::countRows(db, "import_rejects"), std::int64_t(24));
    QVERIFY(db.verify().empty());

    auto orderTotal = [&](const char* invoice) {
        return queryInt(db, std::string("SELECT total_minor FROM orders WHERE external_id = '") + invoice + "'");
    };
    QCOMPARE(orderTotal("536365"), std::int64_t(6 * 255 + 2 * 6 * 339)); // the duplicate row stays
    QCOMPARE(orderTotal("536367"), std::int64_t(32 * 169 + 6 * 210 + 1800)); // postage is an item
    QCOMPARE(orderTotal("536368"), std::int64_t(1 + 24 * 375)); // 7 x 0.001 = 0.7p rounds to 1p once
    QCOMPARE(queryInt(db, "SELECT sum(total_minor) FROM orders"),
             queryInt(db, "SELECT sum(line_total_minor) FROM order_items"));
    QCOMPARE(queryInt(db, "SELECT count(*) FROM order_items i JOIN orders o ON o.id = i.order_id "
                          "WHERE o.external_id = '536365'"),
             std::int64_t(3));
    // The invoice's earliest row, as UTC epoch seconds (2010-12-01 08:34:00).
    QCOMPARE(queryInt(db, "SELECT created_at FROM orders WHERE external_id = '536367'"), std::int64_t(1291192440));
    QCOMPARE(queryText(db, "SELECT status || '/' || currency || '/' || ship_country FROM orders "
                           "WHERE external_id = '536368'"),
             std::string("completed/GBP/France"));
    QCOMPARE(queryText(db, "SELECT c.external_id FROM orders o JOIN customers c ON c.id = o.customer_id "
                           "WHERE o.external_id = '536370'"),
             std::string("13047"));

    // Customers: id without ".0", country of the latest invoice, created at the first one.
    QCOMPARE(queryText(db, "SELECT country FROM customers WHERE external_id = '12583'"), std::string("Germany"));
    QCOMPARE(queryInt(db, "SELECT created_at FROM customers WHERE external_id = '17850'"),
             std::int64_t(1291191960)); // 2010-12-01 08:26:00
    QCOMPARE(queryInt(db, "SELECT count(*) FROM customers WHERE external_id = '99999'"), std::int64_t(0));

    // Products: most frequent description, latest price, no cost.
    QCOMPARE(queryText(db, "SELECT title_en FROM products WHERE sku = '22728'"),
             std::string("ALARM CLOCK BAKELIKE PINK"));
    QCOMPARE(queryInt(db, "SELECT price_minor FROM products WHERE sku = '22728'"), std::int64_t(395));
    QCOMPARE(queryInt(db, "SELECT price_minor FROM products WHERE sku = 'PADS'"), std::int64_t(0));
    QCOMPARE(queryText(db, "SELECT title_en FROM products WHERE sku = '22633'"),
             std::string("HAND WARMER UNION JACK, RED"));
    QCOMPARE(queryText(db, "SELECT title_en FROM products WHERE sku = '22745'"),
             std::string("POPPY'S PLAYHOUSE \"BEDROOM\""));
    QCOMPARE(queryText(db, "SELECT title_en FROM products WHERE sku = '21755'"),
             std::string("LOVE BUILDING BLOCK WORD\n(GIFT BOX)"));
    QCOMPARE(queryInt(db, "SELECT count(*) FROM products WHERE cost_minor IS NOT NULL"), std::int64_t(0));
    QCOMPARE(queryInt(db, "SELECT count(*) FROM products WHERE sku IN ('22752', '21730', '22139', '22086')"),
             std::int64_t(0)); // only rejected rows name them

    // Refunds: each cancellation row, linked to the latest earlier order holding the product.
    QCOMPARE(queryText(db, "SELECT group_concat(x, ' ') FROM (SELECT r.external_id || '>' || o.external_id || ':' "
                           "|| r.quantity || ':' || r.amount_minor || ':' || r.kind AS x FROM refunds r "
                           "JOIN orders o ON o.id = r.order_id ORDER BY r.external_id)"),
             std::string("C536385:71053:1>536365:2:678:cancellation C536385:71053:2>536365:1:339:cancellation "
                         "C536386:22728:1>536369:3:1185:cancellation"));
    QCOMPARE(queryText(db, "SELECT p.sku FROM refunds r JOIN products p ON p.id = r.product_id "
                           "WHERE r.external_id = 'C536386:22728:1'"),
             std::string("22728"));

    QCOMPARE(queryText(db, "SELECT source || ':' || rows_read || ':' || rows_imported || ':' || rows_rejected || ':' "
                           "|| (finished_at >= started_at) FROM import_runs"),
             std::string("online-retail:41:17:24:1"));
}

void TestOnlineRetailImport::fixtureRejectsKeepLineAndText()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto db = openStore(dir);
    importOnlineRetail(db, kFixture);

    QCOMPARE(queryText(db, "SELECT group_concat(line_no, ',') FROM (SELECT line_no FROM import_rejects "
                           "ORDER BY line_no)"),
             std::string("13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,33,34,35,36,37,38,44"));
    QCOMPARE(queryText(db, "SELECT reason FROM import_rejects WHERE line_no = 22"), std::string("unparseable date"));
    QCOMPARE(queryText(db, "SELECT raw FROM import_rejects WHERE line_no = 22"),
             std::string("536379,22139,RETROSPOT TEA SET CERAMIC 11 PC,12,12/01/2010 09:10,4.95,17850.0,"
                         "United Kingdom"));
    QCOMPARE(queryText(db, "SELECT reason FROM import_rejects WHERE line_no = 35"),
             std::string("cancellation without a matching order"));
    QCOMPARE(queryText(db, "SELECT reason FROM import_rejects WHERE line_no = 44"),
             std::string("malformed CSV (unterminated quote)"));
    QCOMPARE(queryInt(db, "SELECT count(DISTINCT run_id) FROM import_rejects"), std::int64_t(1));
}

void TestOnlineRetailImport::gzipImportsLikePlain()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto plainDb = openStore(dir, "plain.sqlite");
    auto gzDb = openStore(dir, "gz.sqlite");
    const ImportReport a = importOnlineRetail(plainDb, kFixture);
    const ImportReport b = importOnlineRetail(gzDb, kFixtureGz);
    QCOMPARE(b.rowsRead, a.rowsRead);
    QCOMPARE(b.rejectsByReason, a.rejectsByReason);
    QCOMPARE(b.revenueMinor, a.revenueMinor);
    QCOMPARE(snapshot(gzDb), snapshot(plainDb));
}

void TestOnlineRetailImport::reimportChangesNothing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto db = openStore(dir);
    const ImportReport first = importOnlineRetail(db, kFixture);
    auto before = snapshot(db);
    const std::string ids = queryText(db, "SELECT group_concat(x) FROM (SELECT id || external_id AS x FROM orders ORDER BY id)");
    const ImportReport second = importOnlineRetail(db, kFixtureGz);
    auto after = snapshot(db);

    QVERIFY(second.runId != first.runId);
    QCOMPARE(second.rowsImported, first.rowsImported);
    QCOMPARE(second.rejectsByReason, first.rejectsByReason);
    // Each run keeps its own record and rejects; the data tables are as after one import.
    QCOMPARE(after["import_runs"], before["import_runs"] + 1);
    QCOMPARE(after["import_rejects"], 2 * before["import_rejects"]);
    for (const char* key : {"import_runs", "import_rejects"}) {
        before.erase(key);
        after.erase(key);
    }
    QCOMPARE(after, before);
    QCOMPARE(queryText(db, "SELECT group_concat(x) FROM (SELECT id || external_id AS x FROM orders ORDER BY id)"), ids);
    QVERIFY(db.verify().empty());
}

void TestOnlineRetailImport::cancelLeavesStoreUnchanged_data()
{
    QTest::addColumn<double>("cancelAt");
    QTest::addColumn<bool>("prefilled");
    // 0.25 is the end of reading (rejects written), 1.0 the last report before the commit.
    QTest::newRow("after reading, empty store") << 0.25 << false;
    QTest::newRow("before commit, empty store") << 1.0 << false;
    QTest::newRow("after reading, prefilled store") << 0.25 << true;
    QTest::newRow("before commit, prefilled store") << 1.0 << true;
}

void TestOnlineRetailImport::cancelLeavesStoreUnchanged()
{
    QFETCH(double, cancelAt);
    QFETCH(bool, prefilled);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto db = openStore(dir);
    if (prefilled)
        importOnlineRetail(db, kFixture);
    const auto before = snapshot(db);
    double lastFraction = -1;
    bool sawWriting = false;
    auto progress = [&](double fraction, std::string_view what) {
        lastFraction = fraction;
        sawWriting = sawWriting || what.starts_with("writing");
        return fraction < cancelAt;
    };
    QVERIFY_THROWS_EXCEPTION(Cancelled, importOnlineRetail(db, kFixtureGz, {}, progress));
    QCOMPARE(lastFraction, cancelAt);
    QCOMPARE(sawWriting, cancelAt == 1.0);
    QVERIFY(db.autocommit());
    QCOMPARE(snapshot(db), before);
    // The store stays usable: the same import then goes through.
    const ImportReport r = importOnlineRetail(db, kFixture);
    QCOMPARE(r.orderItems, std::int64_t(14));
}

void TestOnlineRetailImport::damagedGzipLeavesStoreUnchanged()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto db = openStore(dir);
    importOnlineRetail(db, kFixture);
    const auto before = snapshot(db);

    // Large enough that thousands of rows (and rejects) are processed before the damage shows.
    const std::string path = writeLargeGzip(dir, 60000);
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::ReadWrite));
    const qint64 size = file.size();
    QVERIFY(size > 10000);
    QVERIFY(file.resize(size * 2 / 3));
    file.close();

    try {
        importOnlineRetail(db, path);
        QFAIL("importing a truncated .gz must throw");
    } catch (const Cancelled&) {
        QFAIL("unexpected Cancelled");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Parse);
        QVERIFY2(std::string(e.what()).find(path) != std::string::npos, e.what());
    }
    QCOMPARE(snapshot(db), before);

    // The same with the checked-in truncated fixture into an empty store.
    QTemporaryDir dir2;
    QVERIFY(dir2.isValid());
    auto empty = openStore(dir2);
    const auto emptyBefore = snapshot(empty);
    QVERIFY_THROWS_EXCEPTION(Error, importOnlineRetail(empty, (kFixtureDir + "online_retail_small_truncated.csv.gz")
                                                                  .toStdString()));
    QCOMPARE(snapshot(empty), emptyBefore);
}

void TestOnlineRetailImport::notOnlineRetailFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto db = openStore(dir);
    const auto before = snapshot(db);
    const QString csv = dir.filePath("other.csv");
    QFile f(csv);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("text,category\nhello,greeting\n");
    f.close();
    try {
        importOnlineRetail(db, csv.toStdString());
        QFAIL("a foreign CSV must be refused");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Parse);
        QVERIFY2(std::string(e.what()).find("InvoiceNo") != std::string::npos, e.what());
    }
    QVERIFY_THROWS_EXCEPTION(Error, importOnlineRetail(db, dir.filePath("absent.csv").toStdString()));
    QCOMPARE(snapshot(db), before);
}

void TestOnlineRetailImport::refusesOpenTransaction()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto db = openStore(dir);
    store::Transaction tx(db);
    try {
        importOnlineRetail(db, kFixture);
        QFAIL("an import inside a caller's transaction must be refused");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::InvalidArgument);
    }
}

void TestOnlineRetailImport::changeFeedAfterCommit()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto db = openStore(dir);
    std::map<std::string, store::ChangeKind> seen;
    bool committedWhenSeen = true;
    const auto token = db.changeFeed().subscribe([&](const store::Change& c) {
        seen[c.table] = c.kind;
        committedWhenSeen = committedWhenSeen && db.autocommit();
    });
    QVERIFY_THROWS_EXCEPTION(Cancelled, importOnlineRetail(db, kFixture, {}, [](double f, std::string_view) {
                                 return f < 1.0;
                             }));
    QVERIFY(seen.empty()); // nothing committed, nothing announced
    importOnlineRetail(db, kFixture);
    db.changeFeed().unsubscribe(token);
    QVERIFY(committedWhenSeen);
    for (const char* table : {"customers", "products", "orders", "order_items", "refunds", "import_runs",
                              "import_rejects"}) {
        QVERIFY2(seen.count(table) == 1, table);
        QVERIFY(seen[table] == store::ChangeKind::Reset);
    }
}

void TestOnlineRetailImport::benchRunsBothLoads()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string work = dir.filePath("bench").toStdString();
    const auto result = sync::benchOnlineRetailImport(kFixture, work);
    QCOMPARE(result.rows, std::int64_t(41));
    QVERIFY(result.importSeconds > 0 && result.rawInsertSeconds > 0);
    QVERIFY(result.importRowsPerSecond > 0 && result.rawRowsPerSecond > 0);
    QCOMPARE(result.ratio, result.importSeconds / result.rawInsertSeconds);
    store::OpenOptions ro;
    ro.mode = store::OpenMode::ReadOnly;
    auto imported = store::Database::open(work + "/bench_import.sqlite", ro);
    QCOMPARE(store::countRows(imported, "order_items"), std::int64_t(14));
    auto raw = store::Database::open(work + "/bench_raw.sqlite", ro);
    QCOMPARE(store::countRows(raw, "raw_online_retail"), std::int64_t(41));
    // A second run starts from fresh files rather than adding to the old ones.
    sync::benchOnlineRetailImport(kFixture, work);
    QCOMPARE(store::countRows(raw, "raw_online_retail"), std::int64_t(41));
}

void TestOnlineRetailImport::realFilePublishedFigures()
{
    if (!QFile::exists(QString::fromStdString(kRealFile)))
        QFAIL(qPrintable(QStringLiteral("the Online Retail data set is missing: %1 (set SHOPPILOT_DATA_DIR)")
                             .arg(QString::fromStdString(kRealFile))));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto db = openStore(dir);
    double last = 0;
    bool monotonic = true;
    const ImportReport r = importOnlineRetail(db, kRealFile, {}, [&](double f, std::string_view) {
        monotonic = monotonic && f >= last;
        last = f;
        return true;
    });
    QVERIFY(monotonic);
    QCOMPARE(last, 1.0);

    // The data README: 541,909 rows; CustomerID empty on 135,080; 9,288 cancellation rows; the
    // clean subset is 397,884 rows, 4,338 customers, 18,532 invoices, 3,665 items, GBP 8,911,407.90.
    QCOMPARE(r.rowsRead, std::int64_t(541909));
    QCOMPARE(r.orderItems, std::int64_t(397884));
    QCOMPARE(r.customers, std::int64_t(4338));
    QCOMPARE(r.orders, std::int64_t(18532));
    QCOMPARE(r.products, std::int64_t(3665));
    QCOMPARE(r.revenueMinor, std::int64_t(891140790));
    QCOMPARE(r.rejectsByReason.at(sync::reject::kMissingCustomer), std::int64_t(135080));
    QCOMPARE(r.rowsImported + r.rowsRejected, r.rowsRead);

    QCOMPARE(store::countRows(db, "order_items"), std::int64_t(397884));
    QCOMPARE(store::countRows(db, "customers"), std::int64_t(4338));
    QCOMPARE(store::countRows(db, "orders"), std::int64_t(18532));
    QCOMPARE(queryInt(db, "SELECT count(DISTINCT product_id) FROM order_items"), std::int64_t(3665));
    QCOMPARE(queryInt(db, "SELECT count(DISTINCT customer_id) FROM orders"), std::int64_t(4338));
    QCOMPARE(queryInt(db, "SELECT sum(line_total_minor) FROM order_items"), std::int64_t(891140790));
    QCOMPARE(queryInt(db, "SELECT sum(total_minor) FROM orders"), std::int64_t(891140790));
    QCOMPARE(queryInt(db, "SELECT count(*) FROM order_items WHERE quantity <= 0 OR line_total_minor < 0"),
             std::int64_t(0));
    // Four 1 x GBP 0.001 lines are 0.1p: their line totals round to 0 (the exact sum above holds).
    QCOMPARE(queryInt(db, "SELECT count(*) FROM order_items WHERE line_total_minor = 0"), std::int64_t(4));
    // Every cancellation row is either a refund or a reject naming why.
    const std::int64_t cancellationRejects =
        queryInt(db, "SELECT count(*) FROM import_rejects WHERE raw LIKE 'C%'");
    QCOMPARE(r.refunds + cancellationRejects, std::int64_t(9288));
    QCOMPARE(store::countRows(db, "refunds"), r.refunds);
    QCOMPARE(queryInt(db, "SELECT count(*) FROM refunds WHERE kind <> 'cancellation'"), std::int64_t(0));
    QCOMPARE(store::countRows(db, "import_rejects"), r.rowsRejected);
    qInfo("real file: %.2f s, %lld refunds, rejects: %s", r.seconds, static_cast<long long>(r.refunds),
          qPrintable([&] {
              QStringList parts;
              for (const auto& [reason, n] : r.rejectsByReason)
                  parts << QStringLiteral("%1 %2").arg(QString::fromStdString(reason)).arg(n);
              return parts.join(QStringLiteral(", "));
          }()));
}

QTEST_GUILESS_MAIN(TestOnlineRetailImport)
#include "tst_online_retail_import.moc"
