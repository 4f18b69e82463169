// `shoppilot eval recs` and `train recs` end to end, as a script reads them: --json on the tiny
// demo store and on tests/data/recs, parsed and checked against baselines measured in the same
// run (random ranking's expected hit rate, popularity), never against figures copied from output.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <set>

#include "recs/recs_store.h"
#include "store/database.h"

class TestRecsCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db;

    struct Run {
        int code;
        QByteArray out;
        QByteArray err;
    };
    static Run run(const QStringList& args, int timeoutMs = 300000)
    {
        QProcess p;
        p.start(SHOPPILOT_EXE, args);
        if (!p.waitForFinished(timeoutMs))
            return {-1, {}, "timed out"};
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
                p.readAllStandardError()};
    }
    // Exactly one JSON object on stdout, as DESIGN.md promises for every --json.
    static QJsonObject onlyJson(const Run& r)
    {
        const auto lines = r.out.trimmed().split('\n');
        if (lines.size() != 1)
            return {};
        QJsonParseError err{};
        const auto doc = QJsonDocument::fromJson(lines.front(), &err);
        return err.error == QJsonParseError::NoError ? doc.object() : QJsonObject();
    }
    static double mean(const QJsonObject& metrics, const char* name)
    {
        return metrics[name].toObject()["mean"].toDouble(-1);
    }

    // The figures any ranking can produce: within [0, 1], hit rates growing with k, NDCG at most
    // the hit rate, MRR at least HR@1 / 1 and at most HR@1 + (1 - HR@1) / 2.
    static void checkRanges(const QJsonObject& m, const QString& where)
    {
        const double hr1 = mean(m, "HR@1"), hr5 = mean(m, "HR@5"), hr10 = mean(m, "HR@10");
        const double n5 = mean(m, "NDCG@5"), n10 = mean(m, "NDCG@10"), mrr = mean(m, "MRR");
        const QString msg = QString("%1: HR@1 %2 HR@5 %3 HR@10 %4 NDCG@5 %5 NDCG@10 %6 MRR %7")
                                .arg(where).arg(hr1).arg(hr5).arg(hr10).arg(n5).arg(n10).arg(mrr);
        for (double v : {hr1, hr5, hr10, n5, n10, mrr})
            QVERIFY2(v >= 0 && v <= 1, qPrintable(msg));
        QVERIFY2(hr1 <= hr5 && hr5 <= hr10, qPrintable(msg));
        QVERIFY2(n5 <= hr5 + 1e-12 && n10 <= hr10 + 1e-12 && n5 <= n10 + 1e-12, qPrintable(msg));
        QVERIFY2(mrr >= hr1 - 1e-12 && mrr <= hr1 + (1 - hr1) / 2 + 1e-12, qPrintable(msg));
    }

    // Random ranking's expected HR@10 over the store's test cases and its standard error: the
    // held-out item among `competitors` others gets a uniform rank, so P(top 10) = 10 / (c + 1).
    // Full ranking competes with every item the customer has not touched; sampled-99 with 99 of
    // them (all of them in a catalogue that small).
    struct RandomBaseline {
        double hr10 = 0, se = 0;
    };
    RandomBaseline randomHr10(int negatives) const
    {
        auto db = shoppilot::store::Database::open(m_db.toStdString(), {shoppilot::store::OpenMode::ReadOnly});
        const auto seqs = shoppilot::recs::loadStoreSequences(db);
        const auto split = shoppilot::recs::leaveOneOut(seqs.data);
        const int n = seqs.data.numItems();
        RandomBaseline b;
        double var = 0;
        for (const auto& c : split.test) {
            std::set<int> seen(c.history.begin(), c.history.end());
            seen.insert(c.target);
            int competitors = n - int(seen.size());
            if (negatives > 0)
                competitors = std::min(competitors, negatives);
            const double p = std::min(1.0, 10.0 / (competitors + 1));
            b.hr10 += p;
            var += p * (1 - p);
        }
        const double cases = double(std::max<std::size_t>(1, split.test.size()));
        b.hr10 /= cases;
        b.se = std::sqrt(var) / cases;
        return b;
    }

    // Flags that keep SASRec to seconds on the tiny store (the recipe's prior stays on).
    static QStringList tinySasRec()
    {
        return {"--epochs", "8", "--eval-every", "2", "--dim", "32", "--max-len", "20", "--dropout", "0.2",
                "--lr", "3e-3", "--batch", "64", "--negatives", "256", "--seeds", "1", "--threads", "1"};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("tiny.db");
        const Run gen = run({"demo-data", "--size", "tiny", "--seed", "7", "--db", m_db, "--quiet"});
        QVERIFY2(gen.code == 0, gen.err.constData());
    }

    void evalOnTheDemoStoreBeatsRandomAndPopularityIsInRange()
    {
        const Run pop = run(QStringList{"eval", "recs", "--db", m_db, "--model", "pop", "--protocol", "sampled99,full",
                                        "--seeds", "1", "--json"});
        QVERIFY2(pop.code == 0, pop.err.constData());
        const QJsonObject p = onlyJson(pop);
        QVERIFY2(!p.isEmpty(), pop.out.constData());
        const Run sas = run(QStringList{"eval", "recs", "--db", m_db, "--model", "sasrec", "--protocol",
                                        "sampled99,full", "--json"} + tinySasRec());
        QVERIFY2(sas.code == 0, sas.err.constData());
        const QJsonObject s = onlyJson(sas);
        QVERIFY2(!s.isEmpty(), sas.out.constData());

        // Same data, same split: the two runs agree on what they ranked.
        const int cases = s["test_cases"].toInt();
        QVERIFY(cases >= 100);
        QCOMPARE(p["test_cases"].toInt(), cases);
        QCOMPARE(p["items"].toInt(), s["items"].toInt());
        const int items = s["items"].toInt();
        QVERIFY(items > 10);

        const auto sBy = s["by_protocol"].toObject(), pBy = p["by_protocol"].toObject();
        for (const auto& proto : {QStringLiteral("sampled99"), QStringLiteral("full")}) {
            checkRanges(sBy[proto].toObject(), "sasrec " + proto);
            checkRanges(pBy[proto].toObject(), "pop " + proto);
            checkRanges(s["plain_by_protocol"].toObject()[proto].toObject(), "plain sasrec " + proto);
        }
        // A model must clear random ranking by 4 standard errors over these test cases.
        auto clearsRandom = [](double hr10, RandomBaseline random) { return hr10 > random.hr10 + 4 * random.se; };
        const auto randomSampled = randomHr10(99), randomFull = randomHr10(0);
        const double sasS = mean(sBy["sampled99"].toObject(), "HR@10"), sasF = mean(sBy["full"].toObject(), "HR@10");
        const double popS = mean(pBy["sampled99"].toObject(), "HR@10"), popF = mean(pBy["full"].toObject(), "HR@10");
        const QString msg = QString("items %1, cases %2: SASRec HR@10 sampled %3 full %4; pop %5 / %6; "
                                    "random %7 / %8")
                                .arg(items).arg(cases).arg(sasS).arg(sasF).arg(popS).arg(popF)
                                .arg(randomSampled.hr10).arg(randomFull.hr10);
        qInfo("%s", qPrintable(msg));
        QVERIFY2(clearsRandom(sasS, randomSampled), qPrintable(msg));
        QVERIFY2(clearsRandom(sasF, randomFull), qPrintable(msg));
        // The demo's customers favour best sellers: popularity beats random too, and the
        // sequence model does at least as well as popularity on the same test events.
        QVERIFY2(clearsRandom(popS, randomSampled), qPrintable(msg));
        QVERIFY2(sasF >= popF, qPrintable(msg));

        // The JSON names the served recipe: the prior chosen on validation (full ranking).
        const auto recipe = s["recipe"].toObject();
        QCOMPARE(recipe["popularity_prior"].toBool(), true);
        QVERIFY(recipe["prior_weight_chosen_on"].toString().contains("validation"));
        const auto seeds = s["seeds"].toArray();
        QCOMPARE(seeds.size(), 1);
        const double w = seeds[0].toObject()["prior_weight"].toDouble(-1);
        QVERIFY2(w >= 0 && w <= 2, qPrintable(QString::number(w)));
        // With no prior, served and plain are one model.
        if (w == 0)
            QCOMPARE(mean(sBy["full"].toObject(), "NDCG@10"),
                     mean(s["plain_by_protocol"].toObject()["full"].toObject(), "NDCG@10"));
    }

    void evalOnTheTestFilesReadsTheDataAsWritten()
    {
        // Counted here from the file itself, not from the program's output.
        const QString s3rec = SHOPPILOT_TEST_DATA_DIR "/recs/tiny_s3rec.txt";
        QFile f(s3rec);
        QVERIFY(f.open(QIODevice::ReadOnly));
        int users = 0, actions = 0, testable = 0;
        QSet<QByteArray> items;
        for (const auto& line : f.readAll().split('\n')) {
            const auto parts = line.simplified().split(' ');
            if (line.simplified().isEmpty())
                continue;
            ++users;
            actions += int(parts.size()) - 1;
            testable += parts.size() - 1 >= 3;
            for (int i = 1; i < parts.size(); ++i)
                items.insert(parts[i]);
        }
        QJsonObject byFormat[2];
        int k = 0;
        for (const auto& [file, format] : {std::pair{s3rec, QStringLiteral("s3rec")},
                                           std::pair{QStringLiteral(SHOPPILOT_TEST_DATA_DIR "/recs/tiny_pairs.txt"),
                                                     QStringLiteral("pairs")}}) {
            const Run r = run({"eval", "recs", "--data", file, "--format", format, "--model", "pop", "--protocol",
                               "sampled99,full", "--seeds", "2", "--json"});
            QVERIFY2(r.code == 0, r.err.constData());
            const QJsonObject j = onlyJson(r);
            QVERIFY2(!j.isEmpty(), r.out.constData());
            QCOMPARE(j["users"].toInt(), users);
            QCOMPARE(j["items"].toInt(), int(items.size()));
            QCOMPARE(j["actions"].toInt(), actions);
            QCOMPARE(j["test_cases"].toInt(), testable);
            QCOMPARE(j["seeds"].toArray().size(), 2);
            for (const auto& proto : {QStringLiteral("sampled99"), QStringLiteral("full")})
                checkRanges(j["by_protocol"].toObject()[proto].toObject(), format + " " + proto);
            byFormat[k++] = j;
        }
        // The two files hold the same interactions: full ranking gives the same figures to the last
        // digit (sampled negatives are drawn by item index, which follows each file's order).
        QCOMPARE(byFormat[0]["by_protocol"].toObject()["full"].toObject(),
                 byFormat[1]["by_protocol"].toObject()["full"].toObject());
    }

    void trainChoosesOnValidationAndRefitsTheServedModel()
    {
        const Run r = run(QStringList{"train", "recs", "--db", m_db, "--model", "pop,itemknn,sasrec", "--json"}
                          + tinySasRec().mid(0, tinySasRec().indexOf("--seeds")));
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject j = onlyJson(r);
        QVERIFY2(!j.isEmpty(), r.out.constData());
        const auto models = j["models"].toArray();
        QCOMPARE(models.size(), 3);
        QJsonObject served;
        int count = 0;
        double bestValidation = -1;
        for (const auto& v : models) {
            const auto m = v.toObject();
            bestValidation = std::max(bestValidation, m["validation"].toObject()["NDCG@10"].toDouble(-1));
            if (m["served"].toBool()) {
                served = m;
                ++count;
            }
        }
        QCOMPARE(count, 1);
        QCOMPARE(served["validation"].toObject()["NDCG@10"].toDouble(), bestValidation);
        QVERIFY(served["refit_all_events"].toBool());
        QVERIFY(served["refit_epochs"].toInt() >= 1);
    }

    void badInputIsAUsageErrorWithAReason()
    {
        const Run model = run({"eval", "recs", "--db", m_db, "--model", "nope", "--json"});
        QCOMPARE(model.code, 2);
        QVERIFY2(model.err.contains("--model"), model.err.constData());
        QVERIFY(model.out.isEmpty());
        const Run missing = run({"eval", "recs", "--data", m_dir.filePath("missing.txt"), "--json"});
        QCOMPARE(missing.code, 1);
        QVERIFY2(missing.err.contains("missing.txt"), missing.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestRecsCli)
#include "tst_recs_cli.moc"
