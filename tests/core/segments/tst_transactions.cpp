// The transaction log behind the purchase models: CSV reading (skips counted by reason, dates in
// a given format, an amount that is the product of two columns), same-day purchases merged, and
// the BG/NBD summary conventions (frequency = repeat days, recency, T) checked by hand.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "common/error.h"
#include "segments/transactions.h"

using namespace shoppilot;
using namespace shoppilot::segments;

class TestTransactions : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    std::string write(const char* name, const std::string& text)
    {
        const std::string path = m_dir.filePath(name).toStdString();
        std::ofstream(path) << text;
        return path;
    }

private Q_SLOTS:
    void readsOnlineRetailShapedCsv()
    {
        const auto path = write("or.csv",
                                "InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n"
                                "536365,6,2010-12-01 08:26:00,2.55,17850.0\n"
                                "536366,2,2010-12-01 09:00:00,1.85,17850.0\n" // same day: merged
                                "C536379,-1,2010-12-01 09:41:00,27.50,14527.0\n" // cancellation
                                "536380,3,2010-12-02 10:00:00,1.00,\n"         // no customer
                                "536381,0,2010-12-02 10:00:00,1.00,12345.0\n"  // zero quantity
                                "536382,1,yesterday,1.00,12345.0\n"            // bad date
                                "536383,1,2010-12-05 10:00:00,abc,12345.0\n"   // bad amount
                                "536384,4,2010-12-11 12:00:00,0.50,17850.0\n"
                                "536385,1,2010-12-03 12:00:00,10,12346.0\n");
        CsvLogOptions o;
        o.customerCol = "CustomerID";
        o.dateCol = "InvoiceDate";
        o.amountCol = "Quantity*UnitPrice";
        const auto log = readTransactionsCsv(path, o);
        const auto& r = log.report;
        QCOMPARE(r.rows, 9);
        QCOMPARE(r.kept, 4);
        QCOMPARE(r.cancelled, 1);
        QCOMPARE(r.noCustomer, 1);
        QCOMPARE(r.nonPositive, 1);
        QCOMPARE(r.badDate, 1);
        QCOMPARE(r.badAmount, 1);
        QVERIFY(r.firstBad.find("line 7") != std::string::npos);
        QCOMPARE(log.customerKeys.front(), std::string("17850")); // "17850.0" normalised

        const auto days = groupByDay(log);
        QCOMPARE(days.size(), std::size_t(2));
        const auto& c = days[0];
        QCOMPARE(c.days.size(), std::size_t(2));
        QCOMPARE(c.days[0], dayFromIso("2010-12-01"));
        QCOMPARE(c.amounts[0], 6 * 2.55 + 2 * 1.85);
        QCOMPARE(c.days[1], dayFromIso("2010-12-11"));

        Summary s;
        QVERIFY(summarise(c, dayFromIso("2010-12-31"), s));
        QCOMPARE(s.x, 1.0);   // one repeat purchase day
        QCOMPARE(s.tx, 10.0); // 1st -> 11th
        QCOMPARE(s.T, 30.0);  // 1st -> 31st
        QCOMPARE(s.monetary, 2.0);
        QVERIFY(summarise(c, dayFromIso("2010-12-05"), s)); // the 11th is after this end
        QCOMPARE(s.x, 0.0);
        QCOMPARE(s.tx, 0.0);
        QCOMPARE(s.T, 4.0);
        QVERIFY(!summarise(c, dayFromIso("2010-11-30"), s));
        QCOMPARE(countDays(c, dayFromIso("2010-12-01"), dayFromIso("2010-12-11")), 1);
        QCOMPARE(countDays(c, dayFromIso("2010-11-30"), dayFromIso("2010-12-10")), 1);
    }

    void dateFormatsAndCountsOnly()
    {
        const auto path = write("cd.csv", "id;when\n"); // wrong delimiter: one column
        CsvLogOptions o{"id", "when", "", "", ""};
        QVERIFY_THROWS_EXCEPTION(Error, readTransactionsCsv(path, o));

        const auto p2 = write("us.csv", "cust,date\n1,3/7/2011\n1,12/31/2011\n2,19970101\n");
        o = CsvLogOptions{"cust", "date", "", "%m/%d/%Y", ""};
        const auto log = readTransactionsCsv(p2, o);
        QCOMPARE(log.report.kept, 2);
        QCOMPARE(log.report.badDate, 1);
        QCOMPARE(log.purchases[0].day, dayFromIso("2011-03-07"));
        QCOMPARE(log.purchases[1].day, dayFromIso("2011-12-31"));
        QCOMPARE(log.purchases[0].amount, 1.0);
        int day = 0;
        QVERIFY(parseDay("19970101", "%Y%m%d", day));
        QCOMPARE(day, dayFromIso("1997-01-01"));
        QVERIFY(!parseDay("2011-13-01", "%Y-%m-%d", day));
        QVERIFY_THROWS_EXCEPTION(Error, dayFromIso("2011-06"));
        QCOMPARE(isoFromDay(dayFromIso("2011-06-30")), std::string("2011-06-30"));
        QVERIFY_THROWS_EXCEPTION(Error, readTransactionsCsv(m_dir.filePath("missing.csv").toStdString(), o));
    }
};

QTEST_GUILESS_MAIN(TestTransactions)
#include "tst_transactions.moc"
