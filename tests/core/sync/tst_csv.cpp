// The streaming CSV reader (core/common/csv.h): RFC 4180 quoting, line ends, BOM, gzip, errors.
#include <QtTest>

#include <QFile>
#include <QTemporaryDir>

#include <zlib.h>

#include <string>
#include <vector>

#include "common/csv.h"
#include "common/error.h"

using shoppilot::CsvReader;
using shoppilot::Error;
using shoppilot::ErrorCode;
using Rows = std::vector<std::vector<std::string>>;

namespace {

const QString kFixtureDir = QStringLiteral(SHOPPILOT_TEST_DATA_DIR "/online_retail/");

std::string writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path.toStdString();
}

std::string writeGzip(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const std::string path = dir.filePath(name).toStdString();
    gzFile gz = gzopen(path.c_str(), "wb");
    if (!gz || gzwrite(gz, bytes.constData(), unsigned(bytes.size())) != bytes.size() || gzclose(gz) != Z_OK)
        qFatal("cannot write %s", path.c_str());
    return path;
}

Rows readAll(const std::string& path, std::vector<std::int64_t>* lines = nullptr,
             std::vector<std::string>* raws = nullptr)
{
    CsvReader reader(path);
    Rows rows;
    std::vector<std::string> fields;
    while (reader.next(fields)) {
        rows.push_back(fields);
        if (lines)
            lines->push_back(reader.lineNumber());
        if (raws)
            raws->push_back(reader.rawText());
    }
    return rows;
}

} // namespace

class TestCsv : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void quotingAndLineEnds();
    void lineNumbersAndRawText();
    void byteOrderMarkAndBlankLines();
    void lenientQuotes();
    void unterminatedQuoteIsMalformed();
    void fieldsAcrossBufferBoundaries();
    void gzipReadsSameRowsAsPlain();
    void progressReachesFileSize();
    void missingFileNamesTheFile();
    void directoryIsAnError();
    void corruptGzipIsAnError();
    void truncatedGzipIsAnError();
    void parseLine();
};

void TestCsv::quotingAndLineEnds()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // LF, CRLF and CR line ends mixed; quoted commas, doubled quotes, a CRLF inside quotes,
    // empty fields, no final line break.
    const QByteArray text = "a,b,c\n"
                            "\"x,1\",\"say \"\"hi\"\"\",\r\n"
                            "\"two\r\nlines\",,\"\"\r"
                            "last,row,end";
    const Rows rows = readAll(writeFile(dir, "t.csv", text));
    const Rows expected{{"a", "b", "c"}, {"x,1", "say \"hi\"", ""}, {"two\r\nlines", "", ""}, {"last", "row", "end"}};
    QCOMPARE(rows, expected);
}

void TestCsv::lineNumbersAndRawText()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray text = "h1,h2\r\n"
                            "1,\"multi\nline\nfield\"\r\n"
                            "\r\n"
                            "2,plain\r\n";
    std::vector<std::int64_t> lines;
    std::vector<std::string> raws;
    const Rows rows = readAll(writeFile(dir, "t.csv", text), &lines, &raws);
    QCOMPARE(rows.size(), std::size_t(3));
    QCOMPARE(lines, (std::vector<std::int64_t>{1, 2, 6}));
    QCOMPARE(raws[1], std::string("1,\"multi\nline\nfield\""));
    QCOMPARE(raws[2], std::string("2,plain"));
    QCOMPARE(rows[1][1], std::string("multi\nline\nfield"));
}

void TestCsv::byteOrderMarkAndBlankLines()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray text = "\xEF\xBB\xBFInvoiceNo,Country\n\n\n536365,\xE4\xB8\xAD\xE5\x9B\xBD\n\n";
    std::vector<std::int64_t> lines;
    const Rows rows = readAll(writeFile(dir, "bom.csv", text), &lines);
    const Rows expected{{"InvoiceNo", "Country"}, {"536365", "\xE4\xB8\xAD\xE5\x9B\xBD"}};
    QCOMPARE(rows, expected);
    QCOMPARE(lines, (std::vector<std::int64_t>{1, 4}));
}

void TestCsv::lenientQuotes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A quote inside an unquoted field is text; text after a closing quote is appended.
    const Rows rows = readAll(writeFile(dir, "t.csv", "12\" ruler,\"a\"b,c\n"));
    const Rows expected{{"12\" ruler", "ab", "c"}};
    QCOMPARE(rows, expected);
}

void TestCsv::unterminatedQuoteIsMalformed()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CsvReader reader(writeFile(dir, "t.csv", "a,b\n1,\"open\n2,3\n"));
    std::vector<std::string> fields;
    QVERIFY(reader.next(fields));
    QVERIFY(!reader.malformed());
    QVERIFY(reader.next(fields));
    QVERIFY(reader.malformed());
    QCOMPARE(reader.lineNumber(), std::int64_t(2));
    QCOMPARE(fields, (std::vector<std::string>{"1", "open\n2,3\n"}));
    QVERIFY(!reader.next(fields));
}

void TestCsv::fieldsAcrossBufferBoundaries()
{
    // Far more than the reader's buffer, with quoted fields of every length so that quotes, doubled
    // quotes and CRLF pairs land on buffer boundaries somewhere.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray text;
    Rows expected;
    for (int i = 0; i < 30000; ++i) {
        const std::string payload(std::size_t(i % 37), char('a' + i % 26));
        const std::string quoted = payload + "\"q\"," + std::to_string(i);
        text += QByteArray::number(i) + ",\"" + QByteArray::fromStdString(payload) + "\"\"q\"\",";
        text += QByteArray::number(i) + "\"," + QByteArray::fromStdString(payload) + "\r\n";
        expected.push_back({std::to_string(i), quoted, payload});
    }
    const std::string path = writeFile(dir, "big.csv", text);
    std::vector<std::int64_t> lines;
    const Rows rows = readAll(path, &lines);
    QCOMPARE(rows.size(), expected.size());
    QVERIFY(rows == expected);
    QCOMPARE(lines.back(), std::int64_t(30000));
}

void TestCsv::gzipReadsSameRowsAsPlain()
{
    const std::string plain = (kFixtureDir + "online_retail_small.csv").toStdString();
    const std::string gz = (kFixtureDir + "online_retail_small.csv.gz").toStdString();
    std::vector<std::int64_t> plainLines, gzLines;
    std::vector<std::string> plainRaw, gzRaw;
    const Rows a = readAll(plain, &plainLines, &plainRaw);
    const Rows b = readAll(gz, &gzLines, &gzRaw);
    QCOMPARE(a.size(), std::size_t(42)); // header + 41 records (one spans two lines)
    QVERIFY(a == b);
    QCOMPARE(plainLines, gzLines);
    QCOMPARE(plainRaw, gzRaw);
    // A gzip file whose name does not say so is still read as gzip.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile src(QString::fromStdString(plain));
    QVERIFY(src.open(QIODevice::ReadOnly));
    const Rows c = readAll(writeGzip(dir, "no_suffix.csv", src.readAll()));
    QVERIFY(a == c);
}

void TestCsv::progressReachesFileSize()
{
    const std::string gz = (kFixtureDir + "online_retail_small.csv.gz").toStdString();
    CsvReader reader(gz);
    QCOMPARE(reader.fileSize(), std::uint64_t(QFileInfo(QString::fromStdString(gz)).size()));
    std::vector<std::string> fields;
    while (reader.next(fields)) {
    }
    QCOMPARE(reader.bytesRead(), reader.fileSize());
    QCOMPARE(reader.fraction(), 1.0);
    QCOMPARE(reader.uncompressedBytesRead(),
             std::uint64_t(QFileInfo(kFixtureDir + "online_retail_small.csv").size()));
}

void TestCsv::missingFileNamesTheFile()
{
    const std::string path = "/nonexistent/dir/orders_2011.csv.gz";
    try {
        CsvReader reader(path);
        QFAIL("opening a missing file must throw");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Io);
        QVERIFY2(std::string(e.what()).find(path) != std::string::npos, e.what());
    }
}

void TestCsv::directoryIsAnError()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY_THROWS_EXCEPTION(Error, CsvReader(dir.path().toStdString()));
}

void TestCsv::corruptGzipIsAnError()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile src(kFixtureDir + "online_retail_small.csv.gz");
    QVERIFY(src.open(QIODevice::ReadOnly));
    QByteArray bytes = src.readAll();
    // Keep the gzip header, scramble the deflate data.
    for (qsizetype i = 20; i < bytes.size() - 8; i += 3)
        bytes[i] = char(bytes[i] ^ 0x5A);
    const std::string path = writeFile(dir, "corrupt.csv.gz", bytes);
    try {
        Rows rows = readAll(path);
        QFAIL("reading a corrupt gzip file must throw");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Parse);
        QVERIFY2(std::string(e.what()).find(path) != std::string::npos, e.what());
    }
}

void TestCsv::truncatedGzipIsAnError()
{
    const std::string path = (kFixtureDir + "online_retail_small_truncated.csv.gz").toStdString();
    CsvReader reader(path);
    std::vector<std::string> fields;
    int records = 0;
    try {
        while (reader.next(fields))
            ++records;
        QFAIL("reading a truncated gzip file must throw, not end quietly");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Parse);
        QVERIFY2(std::string(e.what()).find(path) != std::string::npos, e.what());
        QVERIFY2(std::string(e.what()).find("truncated") != std::string::npos, e.what());
    }
    QVERIFY(records < 42);
}

void TestCsv::parseLine()
{
    QCOMPARE(shoppilot::parseCsvLine("a,\"b,c\",,\"d\"\"e\""),
             (std::vector<std::string>{"a", "b,c", "", "d\"e"}));
    QCOMPARE(shoppilot::parseCsvLine("x;y", ';'), (std::vector<std::string>{"x", "y"}));
    QCOMPARE(shoppilot::parseCsvLine(""), std::vector<std::string>{});
}

QTEST_GUILESS_MAIN(TestCsv)
#include "tst_csv.moc"
