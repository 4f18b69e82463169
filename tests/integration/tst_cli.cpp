// The `shoppilot` executable's headless commands as a user runs them: exit codes, one-line
// reasons, --json output, and files left untouched on failure.
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QtTest>

#include "testutils.h"

class TestCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    struct Run {
        int code;
        QByteArray out;
        QByteArray err;
    };
    Run run(const QStringList& args, int timeoutMs = 300000)
    {
        QProcess p;
        p.start(SHOPPILOT_EXE, args);
        if (!p.waitForFinished(timeoutMs))
            return {-1, {}, "timed out"};
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
                p.readAllStandardError()};
    }
    static QJsonObject json(const QByteArray& out)
    {
        QJsonParseError err{};
        const auto doc = QJsonDocument::fromJson(out.trimmed(), &err);
        return err.error == QJsonParseError::NoError ? doc.object() : QJsonObject();
    }

private Q_SLOTS:
    void demoDataThenInfo()
    {
        const QString db = m_dir.filePath("demo.db");
        const Run gen = run({"demo-data", "--size", "tiny", "--seed", "7", "--db", db, "--json"});
        QVERIFY2(gen.code == 0, gen.err.constData());
        const QJsonObject g = json(gen.out);
        QVERIFY2(!g.isEmpty(), gen.out.constData());
        QVERIFY(g["orders"].toInteger() > 0);

        const Run info = run({"info", "--db", db, "--json"});
        QCOMPARE(info.code, 0);
        const QJsonObject i = json(info.out);
        QCOMPARE(i["rows"].toObject()["orders"].toInteger(), g["orders"].toInteger());
        QCOMPARE(i["rows"].toObject()["events"].toInteger(), g["events"].toInteger());
        QCOMPARE(i["meta"].toObject()["source"].toString(), QString("demo"));
        QCOMPARE(i["meta"].toObject()["demo_seed"].toString(), QString("7"));

        const Run verify = run({"verify", "--db", db});
        QVERIFY2(verify.code == 0, verify.out.constData());

        // `upgrade` on a current store changes nothing; on a missing file it creates none.
        const Run upgrade = run({"upgrade", "--db", db});
        QVERIFY2(upgrade.code == 0, upgrade.err.constData());
        QVERIFY2(upgrade.out.contains("(current)"), upgrade.out.constData());
        const QString missing = m_dir.filePath("missing.db");
        const Run none = run({"upgrade", "--db", missing});
        QCOMPARE(none.code, 1);
        QVERIFY2(none.err.contains("does not exist"), none.err.constData());
        QVERIFY(!QFile::exists(missing));

        // A second demo-data into the same file refuses and keeps the data.
        const Run again = run({"demo-data", "--size", "tiny", "--db", db});
        QCOMPARE(again.code, 1);
        QVERIFY(again.err.contains("already holds data"));
        QCOMPARE(json(run({"info", "--db", db, "--json"}).out)["rows"].toObject()["orders"].toInteger(),
                 g["orders"].toInteger());
    }

    // `eval segments --json` on a tiny demo store: every key the issue names, each a number in
    // its range, and the clusters far better than chance against the planted archetypes.
    void evalSegmentsJson()
    {
        const QString db = m_dir.filePath("segments.db");
        const Run gen = run({"demo-data", "--size", "tiny", "--seed", "3", "--db", db, "--quiet"});
        QVERIFY2(gen.code == 0, gen.err.constData());
        const Run ev = run({"eval", "segments", "--db", db, "--json"});
        QVERIFY2(ev.code == 0, ev.err.constData());
        const QJsonObject j = json(ev.out);
        QVERIFY2(!j.isEmpty(), ev.out.constData());
        for (const char* key : {"clusters/ari", "next_category/accuracy", "next_category/baseline_accuracy", "churn/roc_auc",
                                "churn/baseline_roc_auc"}) {
            QVERIFY2(j.contains(key), key);
            const double v = j[key].toDouble(-1);
            QVERIFY2(v >= 0 && v <= 1, key);
        }
        QVERIFY(j["clusters/k"].toInt() >= 2);
        QVERIFY2(j["clusters/ari"].toDouble() > 0.2, ev.out.constData());
        QVERIFY(j["churn/roc_auc"].toDouble() > 0.5);
        // The served recipe is reported, and it is the model chosen on the window before the cut-off.
        const QString churnServed = j["churn/served_model"].toString();
        QVERIFY2(churnServed == "learned" || churnServed == "recency", ev.out.constData());
        if (churnServed == "learned")
            QCOMPARE(j["churn/served_roc_auc"].toDouble(), j["churn/roc_auc"].toDouble());
        QVERIFY(j["churn/served_roc_auc"].toDouble() > 0.5);
        const QString nextServed = j["next_category/served_model"].toString();
        QVERIFY2(nextServed == "learned" || nextServed == "frequent", ev.out.constData());
        QCOMPARE(j["next_category/served_accuracy"].toDouble(),
                 j[nextServed == "learned" ? "next_category/accuracy" : "next_category/baseline_accuracy"].toDouble());
    }

    void badFilesGiveOneLineReasonAndStayUnchanged()
    {
        const QString txt = m_dir.filePath("notes.txt");
        QFile f(txt);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello\n");
        f.close();
        const QByteArray before = shoppilot::test::fileSha256(txt);
        for (const QStringList& args : {QStringList{"info", "--db", txt}, QStringList{"demo-data", "--size", "tiny", "--db", txt},
                                        QStringList{"import", "online-retail", txt, "--db", txt}}) {
            const Run r = run(args);
            QCOMPARE(r.code, 1);
            QVERIFY2(r.err.contains("not a ShopPilot store"), r.err.constData());
            QCOMPARE(r.err.trimmed().count('\n'), 0);
            QCOMPARE(shoppilot::test::fileSha256(txt), before);
        }
        const Run missing = run({"info", "--db", m_dir.filePath("nope.db")});
        QCOMPARE(missing.code, 1);
        QVERIFY(!QFile::exists(m_dir.filePath("nope.db")));
    }

    void usageErrors()
    {
        QCOMPARE(run({"demo-data", "--size", "huge", "--db", m_dir.filePath("x.db")}).code, 2);
        QCOMPARE(run({"demo-data", "--size", "tiny"}).code, 2);
        QCOMPARE(run({"import", "amazon", "f.csv", "--db", m_dir.filePath("x.db")}).code, 2);
        QCOMPARE(run({"bench", "nothing"}).code, 2);
        QVERIFY(!QFile::exists(m_dir.filePath("x.db")));
        const Run help = run({"--help"});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains("demo-data"));
        // A command's --help (anywhere after it) shows that command's usage, not an error.
        const Run recsHelp = run({"eval", "recs", "--help"});
        QCOMPARE(recsHelp.code, 0);
        QVERIFY2(recsHelp.out.contains("shoppilot eval recs"), recsHelp.out.constData());
        QVERIFY2(!recsHelp.out.contains("demo-data"), recsHelp.out.constData());
        const Run syncHelp = run({"sync", "--url", "x", "-h"});
        QCOMPARE(syncHelp.code, 0);
        QVERIFY2(syncHelp.out.contains("--ca-file"), syncHelp.out.constData());
        // The man page is the same usage text, as troff.
        const Run man = run({"help", "--man"});
        QCOMPARE(man.code, 0);
        QVERIFY2(man.out.startsWith(".TH SHOPPILOT 1"), man.out.left(80).constData());
        QVERIFY(man.out.contains("shoppilot eval stock \\-\\-db FILE"));
        QVERIFY(man.out.contains(".SH COMMANDS"));
        QVERIFY(man.out.contains(".SH EXAMPLES"));
        // Every command in the usage documents itself: its --help shows its usage and an example.
        QStringList commands;
        const QRegularExpression entry(R"(^  (?:shoppilot|         \|) ([a-z-]+)(?: ([a-z-]+))?)");
        for (const QString& line : QString::fromUtf8(help.out).split('\n')) {
            auto m = entry.match(line);
            if (!m.hasMatch() || m.captured(1) == "help")
                continue;
            commands << (m.captured(1) + " " + m.captured(2)).trimmed();
        }
        for (const QString& line : QString::fromUtf8(help.out).split('\n')) // "| bench webhook" continuations
            if (auto m = QRegularExpression(R"(\| (bench [a-z-]+))").match(line); m.hasMatch())
                commands << m.captured(1);
        commands.removeDuplicates();
        QVERIFY2(commands.size() >= 30, qPrintable(commands.join(", ")));
        for (const QString& c : commands) {
            QStringList args = c.split(' ');
            args << "--help";
            const Run h = run(args);
            QCOMPARE(h.code, 0);
            QVERIFY2(h.out.contains("shoppilot " + c.toUtf8()) || h.out.contains("| " + c.toUtf8()), qPrintable(c + ": " + h.out));
            QVERIFY2(h.out.contains("Example")
                         && (h.out.contains("\n  shoppilot " + c.toUtf8()) || h.out.contains("=cs_... shoppilot " + c.toUtf8())),
                     qPrintable(c + " has no example: " + h.out));
        }
        // An unknown option names the nearest valid one; a wild one gets no guess.
        const Run typo = run({"eval", "stock", "--db", m_dir.filePath("x.db"), "--sevice-level", "0.9"});
        QCOMPARE(typo.code, 2);
        QVERIFY2(typo.err.contains("did you mean --service-level?"), typo.err.constData());
        const Run wild = run({"eval", "stock", "--db", m_dir.filePath("x.db"), "--zzzzzzzz", "1"});
        QCOMPARE(wild.code, 2);
        QVERIFY2(wild.err.contains("unknown option --zzzzzzzz") && !wild.err.contains("did you mean"), wild.err.constData());
        // So do a mistyped command and sub-command (a command word never opens the window).
        const Run cmdTypo = run({"evl", "recs"});
        QCOMPARE(cmdTypo.code, 2);
        QVERIFY2(cmdTypo.err.contains("unknown command evl; did you mean eval?"), cmdTypo.err.constData());
        const Run subTypo = run({"train", "prcing", "--db", m_dir.filePath("x.db")});
        QCOMPARE(subTypo.code, 2);
        QVERIFY2(subTypo.err.contains("did you mean train pricing?"), subTypo.err.constData());
        const Run wildCmd = run({"zzzzzzzz"});
        QCOMPARE(wildCmd.code, 2);
        QVERIFY2(wildCmd.err.contains("unknown command zzzzzzzz") && !wildCmd.err.contains("did you mean"), wildCmd.err.constData());
    }

    // Fault suite: SIGKILL at random moments of model training and saving (pricing and risk on
    // a tiny store) never leaves a damaged store: verify passes after every kill, a model that is
    // there loads, and training afterwards still works.
    void killedDuringModelSaveLeavesStoreIntact()
    {
        const QString db = m_dir.filePath("killed.db");
        QCOMPARE(run({"demo-data", "--size", "tiny", "--seed", "3", "--db", db, "--quiet"}).code, 0);
        auto* rng = QRandomGenerator::global();
        int killedMidway = 0;
        for (int i = 0; i < 12; ++i) {
            const QStringList args = i % 2 == 0 ? QStringList{"train", "pricing", "--db", db, "--quiet"}
                                                : QStringList{"train", "risk", "--db", db, "--quiet"};
            QProcess p;
            p.start(SHOPPILOT_EXE, args);
            QVERIFY(p.waitForStarted(10000));
            if (!p.waitForFinished(30 + int(rng->bounded(i % 2 == 0 ? 600 : 3000)))) {
                p.kill(); // SIGKILL
                ++killedMidway;
            }
            p.waitForFinished(10000);
            const Run verify = run({"verify", "--db", db});
            QVERIFY2(verify.code == 0, (verify.out + verify.err).constData());
        }
        QVERIFY2(killedMidway > 0, "no run was killed midway");
        // Whatever was saved last loads and serves; training again works.
        const Run pricing = run({"train", "pricing", "--db", db, "--quiet"});
        QVERIFY2(pricing.code == 0, pricing.err.constData());
        const Run risk = run({"train", "risk", "--db", db, "--quiet"});
        QVERIFY2(risk.code == 0, risk.err.constData());
        QCOMPARE(run({"verify", "--db", db}).code, 0);
    }

    void failedImportLeavesNoNewFile()
    {
        const QString db = m_dir.filePath("imported.db");
        const Run r = run({"import", "online-retail", m_dir.filePath("no-such.csv"), "--db", db});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("no-such.csv"), r.err.constData());
        QVERIFY(!QFile::exists(db));

        // A sync that reaches nobody leaves no empty store behind (loopback port 9: refused).
        const QString synced = m_dir.filePath("synced.db");
        const Run s = run({"sync", "--url", "http://127.0.0.1:9/", "--db", synced, "--retries", "1", "--quiet"});
        QCOMPARE(s.code, 1);
        QVERIFY2(s.err.contains("127.0.0.1:9"), s.err.constData());
        QVERIFY(!QFile::exists(synced));
    }

    void engineInfoReportsOptimisedBlas()
    {
        const Run r = run({"engine-info", "--json"});
        QCOMPARE(r.code, 0);
        QVERIFY2(json(r.out)["optimised_blas"].toBool(), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
