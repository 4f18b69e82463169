// Money parsing/formatting is exact; timestamps round-trip; progress throttles and cancels.
#include <QtTest>

#include "common/money.h"
#include "common/progress.h"
#include "common/time.h"

using namespace shoppilot;

class TestCommon : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesMoneyExactly_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("exponent");
        QTest::addColumn<qlonglong>("minor");
        QTest::newRow("plain") << "2.55" << 2 << 255LL;
        QTest::newRow("no fraction") << "17" << 2 << 1700LL;
        QTest::newRow("one digit") << "0.5" << 2 << 50LL;
        QTest::newRow("round half up") << "0.125" << 2 << 13LL;
        QTest::newRow("round down") << "0.1249" << 2 << 12LL;
        QTest::newRow("negative") << "-11062.06" << 2 << -1106206LL;
        QTest::newRow("binary-unfriendly") << "0.29" << 2 << 29LL; // 0.29 * 100 = 28.999... in double
        QTest::newRow("yen") << "1200" << 0 << 1200LL;
        QTest::newRow("dinar") << "1.2345" << 3 << 1235LL;
        QTest::newRow("spaces") << " 3.10 " << 2 << 310LL;
    }
    void parsesMoneyExactly()
    {
        QFETCH(QString, text);
        QFETCH(int, exponent);
        QFETCH(qlonglong, minor);
        const auto v = parseMinorUnits(text.toStdString(), exponent);
        QVERIFY(v.has_value());
        QCOMPARE(qlonglong(*v), minor);
    }
    void rejectsNonNumbers()
    {
        for (const char* bad : {"", "abc", "1.2.3", "1e3", "--1", ".", "12,50"})
            QVERIFY2(!parseMinorUnits(bad).has_value(), bad);
    }
    void formatsMoney()
    {
        QCOMPARE(QString::fromStdString(formatMinorUnits(1250)), QString("12.50"));
        QCOMPARE(QString::fromStdString(formatMinorUnits(-5)), QString("-0.05"));
        QCOMPARE(QString::fromStdString(formatMinorUnits(7, 0)), QString("7"));
        QCOMPARE(currencyExponent("JPY"), 0);
        QCOMPARE(currencyExponent("GBP"), 2);
    }
    void timestampsRoundTrip()
    {
        const auto ts = parseTimestamp("2010-12-01 08:26:00");
        QVERIFY(ts);
        // Independent reference: Qt's own UTC conversion.
        QCOMPARE(qint64(*ts), QDateTime(QDate(2010, 12, 1), QTime(8, 26), Qt::UTC).toSecsSinceEpoch());
        QCOMPARE(QString::fromStdString(formatTimestamp(*ts)), QString("2010-12-01T08:26:00Z"));
        QCOMPARE(QString::fromStdString(formatDate(*ts)), QString("2010-12-01"));
        QCOMPARE(*parseTimestamp("2024-02-29T23:59:59Z"), makeTimestamp(2024, 2, 29, 23, 59, 59));
        QCOMPARE(*parseTimestamp("2011-12-09"), makeTimestamp(2011, 12, 9));
        QCOMPARE(*parseTimestamp("2011-12-09 12:50"), makeTimestamp(2011, 12, 9, 12, 50));
        for (const char* bad : {"2011-13-01", "2011-02-30", "12/09/2011", "2011-12-09 25:00:00", "2011-12-09x"})
            QVERIFY2(!parseTimestamp(bad), bad);
    }
    void civilFields()
    {
        const CivilTime c = toCivil(makeTimestamp(2026, 11, 28, 23, 44, 26)); // a Saturday
        QCOMPARE(c.weekday, 5);
        QCOMPARE(c.dayOfYear, QDate(2026, 11, 28).dayOfYear());
        QCOMPARE(c.hour, 23);
        QCOMPARE(toCivil(-1).year, 1969);
    }
    void progressCancelsAndMapsRanges()
    {
        std::vector<double> seen;
        ProgressReporter root([&](double f, std::string_view) { seen.push_back(f); return f < 0.9; }, 0.0, 1.0,
                              std::chrono::milliseconds(0));
        ProgressReporter half = root.sub(0.5, 1.0);
        half.report(0.0, "start");
        half.report(0.5, "middle");
        QCOMPARE(seen.size(), std::size_t(2));
        QCOMPARE(seen[0], 0.5);
        QCOMPARE(seen[1], 0.75);
        QVERIFY_THROWS_EXCEPTION(Cancelled, half.report(1.0, "end"));
        // Throttled: many reports inside the interval reach the callback once (plus the edges).
        int calls = 0;
        ProgressReporter slow([&](double, std::string_view) { ++calls; return true; }, 0, 1,
                              std::chrono::hours(1));
        for (int i = 0; i <= 1000; ++i)
            slow.report(i / 1000.0, "loop");
        QCOMPARE(calls, 2); // only the two edges: 0 and 1
    }
};

QTEST_GUILESS_MAIN(TestCommon)
#include "tst_common.moc"
