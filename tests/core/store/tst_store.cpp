// Store open/create/migrate and every bad-file case: each must raise a clear Error and leave the
// file byte-for-byte unchanged.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include "store/database.h"
#include "store/repositories.h"
#include "testutils.h"

using namespace shoppilot;
using namespace shoppilot::store;

class TestStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString file(const QString& name) const { return m_dir.filePath(name); }

    // Expects opening `path` to throw an Error with `code` whose message names the file, and the
    // file to be unchanged afterwards.
    void expectRejected(const QString& path, ErrorCode code, OpenMode mode = OpenMode::ReadWrite)
    {
        const QByteArray before = test::fileSha256(path);
        QVERIFY(!before.isEmpty());
        try {
            Database::open(path.toStdString(), {mode});
            QFAIL("open() accepted a bad file");
        } catch (const Error& e) {
            QCOMPARE(errorCodeName(e.code()), errorCodeName(code));
            QVERIFY2(QString::fromStdString(e.what()).contains(path), e.what());
        }
        QCOMPARE(test::fileSha256(path), before);
    }

    static void rawExec(const QString& path, const char* sql)
    {
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
        char* err = nullptr;
        const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
        QVERIFY2(rc == SQLITE_OK, err ? err : "");
        sqlite3_close(db);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void createsNewStoreWithWholeSchema()
    {
        const QString path = file("new.db");
        auto db = Database::open(path.toStdString(), {OpenMode::CreateIfMissing});
        QCOMPARE(db.schemaVersion(), currentSchemaVersion());
        QCOMPARE(db.queryText("PRAGMA journal_mode").value_or(""), std::string("wal"));
        QCOMPARE(db.queryInt("PRAGMA foreign_keys").value_or(0), 1);
        QCOMPARE(db.queryInt("PRAGMA application_id").value_or(0), std::int64_t(kApplicationId));
        QCOMPARE(db.queryInt("SELECT max(version) FROM schema_version").value_or(0), std::int64_t(currentSchemaVersion()));
        for (const char* table : {"customers", "products", "price_history", "competitor_prices", "orders",
                                  "order_items", "refunds", "events", "campaigns", "campaign_exposures",
                                  "support_conversations", "support_messages", "kb_articles", "kb_articles_fts",
                                  "depots", "vehicles", "shipments", "risk_alerts", "review_decisions",
                                  "audit_log", "sync_state", "models", "import_rejects", "truth_fraud"}) {
            auto st = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = ?");
            st.bind(1, table);
            QVERIFY(st.step());
            QVERIFY2(st.columnInt(0) == 1, table);
        }
        QVERIFY(db.verify().empty());
    }

    void reopensExistingStore()
    {
        const QString path = file("reopen.db");
        {
            auto db = Database::open(path.toStdString(), {OpenMode::CreateIfMissing});
            db.setMeta("name", "Reopen test");
        }
        auto db = Database::open(path.toStdString());
        QCOMPARE(db.meta("name").value_or(""), std::string("Reopen test"));
        QVERIFY(!db.backupPath().has_value());
    }

    void missingFileWithoutCreate()
    {
        try {
            Database::open(file("absent.db").toStdString());
            QFAIL("opened a missing file");
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::NotFound);
        }
        QVERIFY(!QFile::exists(file("absent.db")));
    }

    void rejectsNonSqliteFile()
    {
        const QString path = file("notes.txt");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("order_id,amount\n1,20.00\n").repeated(50));
        f.close();
        expectRejected(path, ErrorCode::NotAStore);
        expectRejected(path, ErrorCode::NotAStore, OpenMode::CreateIfMissing);
    }

    void rejectsForeignSqliteFile()
    {
        const QString path = file("foreign.sqlite");
        rawExec(path, "CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES ('Ada');");
        expectRejected(path, ErrorCode::NotAStore);
        expectRejected(path, ErrorCode::NotAStore, OpenMode::CreateIfMissing);
    }

    // A creation killed before its schema transaction committed leaves a file with WAL mode and
    // maybe our application id but no objects: creating finishes it, plain opening explains it.
    void finishesInterruptedCreation()
    {
        const QString withId = file("interrupted_with_id.db");
        rawExec(withId, ("PRAGMA journal_mode = WAL; PRAGMA application_id = " + std::to_string(kApplicationId) + ";").c_str());
        expectRejected(withId, ErrorCode::Corrupt);
        {
            auto db = Database::open(withId.toStdString(), {OpenMode::CreateIfMissing});
            QCOMPARE(db.schemaVersion(), currentSchemaVersion());
            QCOMPARE(db.queryInt("PRAGMA application_id").value_or(0), std::int64_t(kApplicationId));
        }
        QCOMPARE(Database::open(withId.toStdString(), {OpenMode::ReadWrite}).schemaVersion(), currentSchemaVersion());

        const QString walOnly = file("interrupted_wal_only.db");
        rawExec(walOnly, "PRAGMA journal_mode = WAL; PRAGMA user_version = 0;");
        expectRejected(walOnly, ErrorCode::NotAStore);
        auto db = Database::open(walOnly.toStdString(), {OpenMode::CreateIfMissing});
        QCOMPARE(db.schemaVersion(), currentSchemaVersion());
    }

    void rejectsNewerSchema()
    {
        const QString path = file("newer.db");
        { Database::open(path.toStdString(), {OpenMode::CreateIfMissing}); }
        rawExec(path, "PRAGMA user_version = 99");
        expectRejected(path, ErrorCode::NewerSchema);
    }

    void rejectsCorruptFile()
    {
        const QString path = file("corrupt.db");
        {
            auto db = Database::open(path.toStdString(), {OpenMode::CreateIfMissing});
            db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        // Keep the header (so it still looks like a ShopPilot store) and wreck the catalogue.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(100);
        f.write(QByteArray(3000, char(0xA5)));
        f.close();
        expectRejected(path, ErrorCode::Corrupt);
    }

    void rejectsTruncatedFile()
    {
        const QString path = file("truncated.db");
        {
            auto db = Database::open(path.toStdString(), {OpenMode::CreateIfMissing});
            db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() / 2));
        f.close();
        expectRejected(path, ErrorCode::Corrupt);
    }

    void rejectsReadOnlyFileForWriting()
    {
        const QString path = file("readonly.db");
        { Database::open(path.toStdString(), {OpenMode::CreateIfMissing}); }
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        expectRejected(path, ErrorCode::ReadOnly);
        // Read-only mode is the way to look at such a file.
        auto db = Database::open(path.toStdString(), {OpenMode::ReadOnly});
        QVERIFY(db.readOnly());
        QCOMPARE(countRows(db, "orders"), std::int64_t(0));
        QVERIFY_THROWS_EXCEPTION(Error, db.exec("INSERT INTO store_meta VALUES ('k','v')"));
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
    }

    // A store deleted or replaced while open: the next write transaction fails with a message
    // instead of writing into a file nobody can open again; reads of the open handle still work.
    void refusesToWriteToDeletedOrReplacedStore()
    {
        const QString path = file("deleted.db");
        auto db = Database::open(path.toStdString(), {OpenMode::CreateIfMissing});
        {
            Transaction tx(db);
            db.exec("INSERT INTO store_meta VALUES ('before', 'x')");
            tx.commit();
        }
        QVERIFY(QFile::remove(path));
        try {
            Transaction tx(db);
            db.exec("INSERT INTO store_meta VALUES ('after', 'x')");
            tx.commit();
            QFAIL("wrote to a deleted store");
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::Io);
            QVERIFY2(QString::fromStdString(e.what()).contains("deleted, moved or replaced"), e.what());
            QVERIFY2(QString::fromStdString(e.what()).contains(path), e.what());
        }
        QCOMPARE(db.queryText("SELECT value FROM store_meta WHERE key = 'before'").value_or(""), std::string("x"));

        // Replaced by another file under the same name (a restore from a backup copy).
        const QString path2 = file("replaced.db");
        auto db2 = Database::open(path2.toStdString(), {OpenMode::CreateIfMissing});
        QVERIFY(QFile::copy(path2, path2 + ".copy"));
        QVERIFY(QFile::remove(path2));
        QVERIFY(QFile::rename(path2 + ".copy", path2));
        QVERIFY_THROWS_EXCEPTION(Error, [&] { Transaction tx(db2); }());
    }

    void rejectsCreateInMissingFolder()
    {
        const QString path = file("no/such/folder/store.db");
        try {
            Database::open(path.toStdString(), {OpenMode::CreateIfMissing});
            QFAIL("created a store in a missing folder");
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::NotFound);
            QVERIFY(QString::fromStdString(e.what()).contains("does not exist"));
        }
    }

    void migratesWithBackupFirst()
    {
        const QString path = file("migrate.db");
        {
            auto db = Database::open(path.toStdString(), {OpenMode::CreateIfMissing});
            db.setMeta("name", "before migration");
            db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        std::vector<Migration> migrations = builtinMigrations();
        migrations.push_back({currentSchemaVersion() + 1, "test column",
                              "ALTER TABLE products ADD COLUMN test_note TEXT;"});
        auto db = Database::open(path.toStdString(), {OpenMode::ReadWrite, &migrations});
        QCOMPARE(db.schemaVersion(), currentSchemaVersion() + 1);
        QCOMPARE(db.queryInt("PRAGMA user_version").value_or(0), std::int64_t(currentSchemaVersion() + 1));
        QVERIFY(db.backupPath().has_value());
        // The backup is a complete store at the old version with the old data.
        auto backup = Database::open(*db.backupPath(), {OpenMode::ReadOnly});
        QCOMPARE(backup.schemaVersion(), currentSchemaVersion());
        QCOMPARE(backup.meta("name").value_or(""), std::string("before migration"));
        db.exec("UPDATE products SET test_note = 'x' WHERE 0");
    }

    void failedMigrationLeavesStoreUnchanged()
    {
        const QString path = file("badmigrate.db");
        {
            auto db = Database::open(path.toStdString(), {OpenMode::CreateIfMissing});
            db.setMeta("name", "keep me");
            db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        const QByteArray before = test::fileSha256(path);
        std::vector<Migration> migrations = builtinMigrations();
        migrations.push_back({currentSchemaVersion() + 1, "broken", "ALTER TABLE no_such_table ADD COLUMN x;"});
        QVERIFY_THROWS_EXCEPTION(Error, Database::open(path.toStdString(), {OpenMode::ReadWrite, &migrations}));
        QCOMPARE(test::fileSha256(path), before);
        auto db = Database::open(path.toStdString());
        QCOMPARE(db.schemaVersion(), currentSchemaVersion());
        QCOMPARE(db.meta("name").value_or(""), std::string("keep me"));
        QCOMPARE(db.queryInt("SELECT count(*) FROM pragma_table_info('products') WHERE name = 'x'").value_or(-1),
                 std::int64_t(0));
    }

    void auditLogIsAppendOnly()
    {
        auto db = Database::open(file("audit.db").toStdString(), {OpenMode::CreateIfMissing});
        appendAudit(db, 1000, "tester", "price.change", "product", "42", R"({"from":100,"to":90})");
        QCOMPARE(countRows(db, "audit_log"), std::int64_t(1));
        QVERIFY_THROWS_EXCEPTION(Error, db.exec("UPDATE audit_log SET actor = 'mallory'"));
        QVERIFY_THROWS_EXCEPTION(Error, db.exec("DELETE FROM audit_log"));
        QCOMPARE(db.queryText("SELECT actor FROM audit_log").value_or(""), std::string("tester"));
    }

    void knowledgeBaseIsFullTextSearchable()
    {
        auto db = Database::open(file("kb.db").toStdString(), {OpenMode::CreateIfMissing});
        db.exec("INSERT INTO kb_articles(slug, language, title, body, updated_at) VALUES "
                "('returns-en','en','How to return an item','Returns are free within 30 days.',0),"
                "('returns-zh','zh','如何退货','30天内免费退货，请在订单页面申请。',0)");
        QCOMPARE(db.queryText("SELECT slug FROM kb_articles_fts JOIN kb_articles ON kb_articles.id = kb_articles_fts.rowid "
                              "WHERE kb_articles_fts MATCH 'free within'").value_or(""),
                 std::string("returns-en"));
        QCOMPARE(db.queryText("SELECT slug FROM kb_articles_fts JOIN kb_articles ON kb_articles.id = kb_articles_fts.rowid "
                              "WHERE kb_articles_fts MATCH '免费退货'").value_or(""),
                 std::string("returns-zh"));
        db.exec("DELETE FROM kb_articles WHERE slug = 'returns-en'");
        QCOMPARE(db.queryInt("SELECT count(*) FROM kb_articles_fts WHERE kb_articles_fts MATCH 'free within'").value_or(-1),
                 std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
