// `shoppilot eval campaigns` as a user runs it, on a small Hillstrom-layout file written here:
// the --json keys the issue names, the average effects against the difference in means computed
// here, and the one-line reasons (exit code 1) for a file without a control group and bad usage.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "common/random.h"

class TestCampaignsCli : public QObject {
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

    // 1800 customers; womens e-mail lifts visits of newbies by 0.25, mens e-mail everyone's by 0.1.
    // Returns the difference in visit means per arm (womens, mens) vs No E-Mail.
    QString writeHillstrom(double& womensAte, double& mensAte)
    {
        const QString path = m_dir.filePath("hillstrom_small.csv");
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write("recency,history_segment,history,mens,womens,zip_code,newbie,channel,segment,visit,conversion,spend\n");
        shoppilot::Rng rng(42);
        const char* segs[] = {"Mens E-Mail", "Womens E-Mail", "No E-Mail"};
        const char* hsegs[] = {"1) $0 - $100", "2) $100 - $200", "\"6) $750 - $1,000\""};
        const char* zips[] = {"Urban", "Rural", "Surburban"};
        const char* channels[] = {"Web", "Phone", "Multichannel"};
        double sum[3] = {0, 0, 0}, n[3] = {0, 0, 0};
        for (int i = 0; i < 1800; ++i) {
            const int s = int(rng.below(3));
            const int newbie = rng.bernoulli(0.5) ? 1 : 0;
            const double p = 0.15 + (s == 1 && newbie ? 0.25 : 0.0) + (s == 0 ? 0.1 : 0.0);
            const int visit = rng.bernoulli(p) ? 1 : 0;
            const int conversion = visit && rng.bernoulli(0.3) ? 1 : 0;
            sum[s] += visit, n[s] += 1;
            const QString line = QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10,%11,%12\n")
                                     .arg(rng.range(1, 12)).arg(hsegs[rng.below(3)]).arg(rng.uniform(30, 900), 0, 'f', 2)
                                     .arg(rng.below(2)).arg(rng.below(2)).arg(zips[rng.below(3)]).arg(newbie)
                                     .arg(channels[rng.below(3)]).arg(segs[s]).arg(visit).arg(conversion)
                                     .arg(conversion ? 50.0 : 0.0);
            f.write(line.toUtf8());
        }
        womensAte = sum[1] / n[1] - sum[2] / n[2];
        mensAte = sum[0] / n[0] - sum[2] / n[2];
        return path;
    }

private Q_SLOTS:
    void hillstromJson()
    {
        double womens = 0, mens = 0;
        const QString path = writeHillstrom(womens, mens);
        QVERIFY(!path.isEmpty());
        const Run r = run({"eval", "campaigns", "--hillstrom", path, "--seeds", "2", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        QJsonParseError err{};
        const QJsonObject j = QJsonDocument::fromJson(r.out.trimmed(), &err).object();
        QVERIFY2(err.error == QJsonParseError::NoError, r.out.constData());
        QVERIFY(std::abs(j["ate/womens/visit/estimate"].toDouble() - womens) < 1e-9);
        QVERIFY(std::abs(j["ate/mens/visit/estimate"].toDouble() - mens) < 1e-9);
        for (const char* arm : {"mens", "womens"})
            for (const char* outcome : {"visit", "conversion", "spend"}) {
                const QString k = QStringLiteral("ate/%1/%2/").arg(arm, outcome);
                QVERIFY2(j[k + "ci_low"].toDouble() < j[k + "estimate"].toDouble() &&
                             j[k + "estimate"].toDouble() < j[k + "ci_high"].toDouble(), qPrintable(k));
            }
        for (const QString& prefix : {QString(), QStringLiteral("womens/visit/"), QStringLiteral("mens/conversion/")}) {
            for (const char* l : {"t_learner", "x_learner", "dr_learner"})
                for (const char* m : {"qini", "qini_sd", "uplift_at_30", "uplift_at_30_sd"})
                    QVERIFY2(j[prefix + l + "/" + m].isDouble(), qPrintable(prefix + l + "/" + m));
            QVERIFY(j[prefix + "random/uplift_at_30"].isDouble());
            const QString chosen = j[prefix + "chosen"].toString();
            QVERIFY2(chosen == "t_learner" || chosen == "x_learner" || chosen == "dr_learner", qPrintable(chosen));
            QCOMPARE(j[prefix + "chosen_per_seed"].toArray().size(), 2);
        }
        QCOMPARE(j["primary"].toString(), QStringLiteral("womens/visit"));
        // The unqualified figures are the primary combination's.
        QCOMPARE(j["t_learner/qini"].toDouble(), j["womens/visit/t_learner/qini"].toDouble());
        // The planted effect (newbies only) is found: targeting beats random on womens/visit.
        QVERIFY2(j["t_learner/uplift_at_30"].toDouble() > j["random/uplift_at_30"].toDouble(), r.out.constData());
    }

    void csvErrors()
    {
        double womens = 0, mens = 0;
        const QString path = writeHillstrom(womens, mens);
        const Run none = run({"eval", "campaigns", "--csv", path, "--treatment", "segment", "--outcome", "visit", "--control",
                              "nobody"});
        QCOMPARE(none.code, 1);
        QVERIFY2(none.err.contains("no control group"), none.err.constData());
        QVERIFY(none.out.isEmpty());
        const Run usage = run({"eval", "campaigns", "--seeds", "2"});
        QVERIFY(usage.code != 0);
        QVERIFY2(usage.err.contains("--hillstrom"), usage.err.constData());
        const Run ok = run({"eval", "campaigns", "--csv", path, "--treatment", "segment", "--outcome", "visit", "--ignore",
                            "conversion,spend", "--seeds", "1", "--json"});
        QVERIFY2(ok.code == 0, ok.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(ok.out.trimmed()).object();
        QVERIFY(j["ate/estimate"].isDouble());
        QVERIFY(j["dr_learner/qini"].isDouble());
    }

    // The planner's backtest on a tiny demo store: JSON keys, coverage a fraction, every held-back
    // campaign forecast from at least three before it; a missing store is a clear failure.
    void storeBacktest()
    {
        const QString db = m_dir.filePath("tiny.db");
        const Run gen = run({"demo-data", "--size", "tiny", "--seed", "5", "--db", db});
        QVERIFY2(gen.code == 0, gen.err.constData());
        const Run r = run({"eval", "campaigns", "--db", db, "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out.trimmed()).object();
        QVERIFY2(j["held_back"].toInt() >= 3, r.out.constData());
        const double cov = j["coverage90/truth"].toDouble(-1);
        QVERIFY(cov >= 0 && cov <= 1);
        QVERIFY(j["t_learner/spearman_planted"].isDouble());
        QCOMPARE(j["random/spearman_planted"].toDouble(), 0.0);
        for (const auto& row : j["per_campaign"].toArray()) {
            const QJsonObject o = row.toObject();
            QVERIFY(o["past_campaigns"].toInt() >= 3);
            QVERIFY(o["lo90"].toDouble() <= o["forecast_incremental_conversions"].toDouble());
            QVERIFY(o["forecast_incremental_conversions"].toDouble() <= o["hi90"].toDouble());
        }
        // A store that does not exist: a one-line failure, nothing created.
        const Run missing = run({"eval", "campaigns", "--db", m_dir.filePath("missing.db")});
        QCOMPARE(missing.code, 1);
        QVERIFY(!missing.err.isEmpty());
        QVERIFY(!QFile::exists(m_dir.filePath("missing.db")));
    }
};

QTEST_GUILESS_MAIN(TestCampaignsCli)
#include "tst_campaigns_cli.moc"
