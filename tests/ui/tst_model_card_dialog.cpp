// Help > About this model: the card of the panel's model in the UI language, and the metrics of
// the version trained on the store, read from the models registry on a worker (the GUI-thread
// store check aborts the test otherwise): "loading" first, then the row; "not trained yet" with
// the button and command that train it; an explanation on a panel without a model.
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QMenuBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

#include "ui/gui_test_main.h"

#include "engine/engine.h"
#include "shell/i18n.h"
#include "shell/main_window.h"
#include "shell/model_card_dialog.h"
#include "shell/view_state.h"
#include "store/database.h"

using namespace shoppilot;
using namespace shoppilot::ui;

class TestModelCardDialog : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_store, m_empty;

    static QString metricsText(const ModelCardDialog& d)
    {
        const auto* t = d.findChild<QTableWidget*>(QStringLiteral("modelMetrics"));
        QString out;
        for (int r = 0; t && r < t->rowCount(); ++r)
            out += t->item(r, 0)->text() + QLatin1Char('=') + t->item(r, 1)->text() + QLatin1Char('\n');
        return out;
    }
    static QString status(const ModelCardDialog& d)
    {
        return d.findChild<QLabel*>(QStringLiteral("modelStatus"))->text();
    }
    static QString cardText(const ModelCardDialog& d)
    {
        return d.findChild<QTextBrowser*>(QStringLiteral("modelCard"))->toPlainText();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_store = m_dir.filePath("models.db");
        m_empty = m_dir.filePath("empty.db");
        store::ThreadCheckExemption fixture;
        auto db = store::Database::open(m_store.toStdString(), {store::OpenMode::CreateIfMissing});
        engine::ModelRegistry reg(db);
        engine::ModelToSave pop;
        pop.name = "recs.pop";
        pop.trainedAt = 1764979200; // 2025-12-06 00:00 UTC
        pop.metricsJson = R"({"validation": {"NDCG@10": 0.0312}, "served": false})";
        reg.save(pop, {1, 2, 3});
        engine::ModelToSave sas;
        sas.name = "recs.sasrec";
        sas.trainedAt = 1764979200;
        sas.metricsJson = R"({"validation": {"NDCG@10": 0.1234}, "full": {"HR@10": 0.2468}, "served": true,)"
                          R"( "epochs": 17, "chosen_on": "validation NDCG@10", "refit_at": 1764979200})";
        reg.save(sas, {4, 5, 6});
        reg.save(sas, {4, 5, 6, 7}); // version 2 is the active one
        auto empty = store::Database::open(m_empty.toStdString(), {store::OpenMode::CreateIfMissing});
    }

    void cleanup() { ui::installTranslations(*qApp, "en"); }

    void showsTheServedModelsCardAndStoredMetrics()
    {
        ui::installTranslations(*qApp, "en");
        ViewState view;
        view.setStorePath(m_store);
        ModelCardDialog d(&view, QStringLiteral("recs"));
        QSignalSpy shown(&d, &ModelCardDialog::metricsShown);
        // Nothing read on this thread yet: the dialog says it is loading.
        QVERIFY(d.isLoading());
        QVERIFY2(status(d).contains("Loading"), qPrintable(status(d)));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);
        QVERIFY(!d.isLoading());
        // The served model (metrics "served": true) is the one shown, not the first in the list.
        QCOMPARE(d.currentModelId(), QStringLiteral("recs/sasrec"));
        const QString card = cardText(d);
        QVERIFY2(card.contains("SASRec") && card.contains("What it is for") && card.contains("Known limits"),
                 qPrintable(card.left(300)));
        QVERIFY2(status(d).contains("recs.sasrec") && status(d).contains("version 2"), qPrintable(status(d)));
        const QString metrics = metricsText(d);
        QVERIFY2(metrics.contains("validation.NDCG@10=0.1234") && metrics.contains("full.HR@10=0.2468")
                     && metrics.contains("epochs=17"),
                 qPrintable(metrics));
        // Times are shown as dates, not as seconds since 1970.
        QVERIFY2(metrics.contains("refit_at=") && !metrics.contains("1764979200") && !metrics.contains("1,764,979,200"),
                 qPrintable(metrics));
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        QVERIFY(d.grab().save(QStringLiteral("/tmp/model_card_en.png")));
        // Another model of the panel: its own card and its own row, no new store read needed.
        d.findChild<QComboBox*>(QStringLiteral("modelChoice"))->setCurrentIndex(3); // pop
        QCOMPARE(d.currentModelId(), QStringLiteral("recs/pop"));
        QVERIFY(cardText(d).contains("Popularity"));
        QVERIFY2(metricsText(d).contains("validation.NDCG@10=0.0312"), qPrintable(metricsText(d)));
        // BPR has no row: the dialog says so and names the button and the command.
        d.findChild<QComboBox*>(QStringLiteral("modelChoice"))->setCurrentIndex(1);
        QVERIFY2(status(d).contains("No model has been trained on this store yet")
                     && status(d).contains("Train models") && status(d).contains("shoppilot train recs --db STORE --model bpr"),
                 qPrintable(status(d)));
    }

    void chineseUiShowsTheChineseCard()
    {
        ui::installTranslations(*qApp, "zh_CN");
        ViewState view;
        view.setStorePath(m_store);
        ModelCardDialog d(&view, QStringLiteral("recs"));
        QSignalSpy shown(&d, &ModelCardDialog::metricsShown);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);
        const QString card = cardText(d);
        QVERIFY2(card.contains(QStringLiteral("用途")) && card.contains(QStringLiteral("已知局限")), qPrintable(card.left(200)));
        QVERIFY2(!card.contains("What it is for"), "the English card in a Chinese UI");
        QCOMPARE(d.windowTitle(), QStringLiteral("关于此模型"));
        QVERIFY(metricsText(d).contains("0.1234"));
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        QVERIFY(d.grab().save(QStringLiteral("/tmp/model_card_zh.png")));
    }

    void untrainedStoreNamesWhatTrainsIt()
    {
        ViewState view;
        view.setStorePath(m_empty);
        ModelCardDialog d(&view, QStringLiteral("pricing"));
        QSignalSpy shown(&d, &ModelCardDialog::metricsShown);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);
        QVERIFY(cardText(d).contains("Demand and price elasticity"));
        QVERIFY2(status(d).contains("No model has been trained on this store yet") && status(d).contains("Fit the demand model")
                     && status(d).contains("shoppilot train pricing --db STORE"),
                 qPrintable(status(d)));
        QVERIFY(!d.findChild<QTableWidget*>(QStringLiteral("modelMetrics"))->isVisibleTo(&d));
    }

    void modelsOutsideTheRegistrySaySo()
    {
        ViewState view;
        view.setStorePath(m_empty);
        ModelCardDialog d(&view, QStringLiteral("segments"));
        QVERIFY(!d.isLoading()); // nothing to read
        QVERIFY2(status(d).contains("not kept in the store's model registry") && status(d).contains("shoppilot eval segments"),
                 qPrintable(status(d)));
        QCOMPARE(d.findChild<QComboBox*>(QStringLiteral("modelChoice"))->count(), 2); // clusters, predictions
    }

    void overviewHasNoModel()
    {
        QVERIFY(!ModelCardDialog::panelHasModel(QStringLiteral("overview")));
        QVERIFY(ModelCardDialog::panelHasModel(QStringLiteral("risk")));
        ViewState view;
        view.setStorePath(m_store);
        ModelCardDialog d(&view, QStringLiteral("overview"));
        QVERIFY(!d.findChild<QComboBox*>(QStringLiteral("modelChoice"))->isEnabled());
        QVERIFY(cardText(d).contains("no trained model is behind it"));
    }

    void helpActionFollowsThePanel()
    {
        MainWindow w;
        auto* action = w.findChild<QAction*>(QStringLiteral("aboutModelAction"));
        QVERIFY(action);
        QVERIFY(w.showPanel(QStringLiteral("overview")));
        QVERIFY(!action->isEnabled());
        QVERIFY(w.showPanel(QStringLiteral("pricing")));
        QVERIFY(action->isEnabled());
    }
};

SHOPPILOT_GUI_TEST_MAIN(TestModelCardDialog)
#include "tst_model_card_dialog.moc"
