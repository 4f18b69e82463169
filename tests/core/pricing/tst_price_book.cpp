// Price book: accepted changes are pending with an audit trail, undoable until pushed/exported,
// exported as a CSV price list; scenarios round-trip through panel_documents.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "pricing/price_book.h"
#include "store/database.h"

using namespace shoppilot;
using namespace shoppilot::pricing;
using store::Database;
using store::OpenMode;

class TestPriceBook : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    Database store(const char* name)
    {
        Database db = Database::open(m_dir.filePath(name).toStdString(), {OpenMode::CreateIfMissing});
        db.exec("INSERT INTO products(id, external_id, sku, title_en, price_minor, cost_minor, currency, created_at, updated_at) VALUES"
                " (1, 'w1', 'MUG-1', 'Mug, \"large\"', 1299, 500, 'GBP', 0, 0),"
                " (2, 'w2', 'MUG-2', 'Mug small', 999, 400, 'GBP', 0, 0)");
        return db;
    }

    std::int64_t audits(Database& db, const char* action)
    {
        auto st = db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = ?");
        st.bind(1, action);
        st.step();
        return st.columnInt(0);
    }

private Q_SLOTS:
    void acceptUndoExport()
    {
        Database db = store("book.db");
        const auto ids = recordChanges(db, "batch-1", {{1, 12.99, 13.99, "elasticity-optimal"}, {2, 9.99, 8.99, "ladder"}}, "tester");
        QCOMPARE(int(ids.size()), 2);
        QCOMPARE(int(listChanges(db, "pending").size()), 2);
        QCOMPARE(audits(db, "price.accept"), 2);
        // The product price itself is untouched until pushed.
        QCOMPARE(*db.queryInt("SELECT price_minor FROM products WHERE id = 1"), 1299);

        undoChange(db, ids[1], "tester");
        QCOMPARE(int(listChanges(db, "pending").size()), 1);
        QCOMPARE(int(listChanges(db, "undone").size()), 1);
        QCOMPARE(audits(db, "price.undo"), 1);
        QVERIFY_THROWS_EXCEPTION(Error, undoChange(db, ids[1], "tester")); // already undone

        // A second accept for the same product replaces the pending one.
        const auto again = recordChanges(db, "batch-2", {{1, 12.99, 14.49, "manual"}}, "tester");
        const auto pending = listChanges(db, "pending");
        QCOMPARE(int(pending.size()), 1);
        QCOMPARE(pending.front().id, again.front());
        QCOMPARE(pending.front().newPrice, 14.49);

        const QString csv = m_dir.filePath("prices.csv");
        QCOMPARE(exportPriceList(db, again, csv.toStdString(), "tester"), 1);
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QCOMPARE(text, QByteArray("sku,external_id,title,currency,old_price,new_price\n"
                                  "MUG-1,w1,\"Mug, \"\"large\"\"\",GBP,12.99,14.49\n"));
        QCOMPARE(int(listChanges(db, "exported").size()), 1);
        QCOMPARE(audits(db, "price.exported"), 1);
        // Exported: no undo any more.
        QVERIFY_THROWS_EXCEPTION(Error, undoChange(db, again.front(), "tester"));
        // The audit log stays append-only.
        QVERIFY_THROWS_EXCEPTION(Error, db.exec("DELETE FROM audit_log"));
    }

    void exportToAnUnwritablePlaceLosesNothing()
    {
        Database db = store("book2.db");
        const auto ids = recordChanges(db, "b", {{1, 12.99, 11.99, "x"}}, "tester");
        QVERIFY_THROWS_EXCEPTION(Error, exportPriceList(db, ids, "/nonexistent-dir/prices.csv", "tester"));
        QCOMPARE(int(listChanges(db, "pending").size()), 1);
    }

    void scenariosRoundTrip()
    {
        Database db = store("scen.db");
        Scenario s;
        s.name = "Autumn +5%";
        s.categoryId = 3;
        s.strategy.strategy = Strategy::Competitor;
        s.strategy.competitorMode = CompetitorMode::Undercut;
        s.strategy.undercutPct = 3;
        s.rules.minMarginPct = 25;
        s.rules.maxChangePct = 5;
        s.rules.ending = PriceEnding::N90;
        s.rules.ladder = false;
        s.manualPrice = 12.5;
        saveScenario(db, s);
        s.rules.maxChangePct = 7; // saving again replaces
        saveScenario(db, s);
        Scenario t;
        t.name = "Base";
        saveScenario(db, t);
        const auto all = listScenarios(db);
        QCOMPARE(int(all.size()), 2);
        const auto& a = all[0];
        QCOMPARE(a.name, std::string("Autumn +5%"));
        QCOMPARE(a.categoryId, std::int64_t(3));
        QCOMPARE(a.strategy.strategy, Strategy::Competitor);
        QCOMPARE(a.strategy.competitorMode, CompetitorMode::Undercut);
        QCOMPARE(a.strategy.undercutPct, 3.0);
        QCOMPARE(*a.rules.minMarginPct, 25.0);
        QCOMPARE(*a.rules.maxChangePct, 7.0);
        QVERIFY(!a.rules.floor);
        QCOMPARE(a.rules.ending, PriceEnding::N90);
        QVERIFY(!a.rules.ladder);
        QCOMPARE(*a.manualPrice, 12.5);
        deleteScenario(db, "Base");
        QCOMPARE(int(listScenarios(db).size()), 1);
        QVERIFY_THROWS_EXCEPTION(Error, scenarioFromJson("bad", "{not json"));
    }
};

QTEST_GUILESS_MAIN(TestPriceBook)
#include "tst_price_book.moc"
