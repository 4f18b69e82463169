// The Segments panel over a tiny demo store, with the GUI-thread store check on (any store work
// on the GUI thread fails the test): RFM groups add up to the customers, a cut-off edit
// re-buckets in memory, the rule builder's live count equals compileRule's over features the
// test reads itself, a bad rule shows its error and no count, a saved segment is listed with its
// members, "show personal data" is audited and unmasks, the predictions job fills its table,
// and screenshots in both languages.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include "demo/demo_generator.h"
#include "engine/engine.h"
#include "segments/fairness.h"
#include "segments/features.h"
#include "segments/prediction_model.h"
#include "segments/rfm.h"
#include "segments/rule_form.h"
#include "segments/rules.h"
#include "segments/scatter_map.h"
#include "segments/segments_panel.h"
#include "shell/i18n.h"
#include "shell/job_runner.h"
#include "shell/store_service.h"
#include "shell/view_state.h"
#include "store/database.h"
#include "ui/gui_test_main.h"

using namespace shoppilot;
using ui::SegmentsPanel;

namespace {

struct Harness {
    ui::ViewState view;
    ui::JobRunner jobs;
    std::unique_ptr<SegmentsPanel> panel;
    std::unique_ptr<QSignalSpy> failed;
    Harness()
    {
        QSettings().setValue("segments/tab", 0); // the panel reopens its last tab; tests start on RFM
        panel = std::make_unique<SegmentsPanel>(ui::PanelContext{&view, &jobs});
        failed = std::make_unique<QSignalSpy>(panel.get(), &SegmentsPanel::failed);
        panel->resize(1280, 860);
        panel->show();
    }
    ~Harness()
    {
        panel->cancelPredictions();
        jobs.cancelAll();
    }
};

std::int64_t queryInt(const QString& path, const std::string& sql)
{
    store::ThreadCheckExemption inspect;
    auto db = store::Database::open(path.toStdString(), {store::OpenMode::ReadOnly});
    return db.queryInt(sql).value_or(-1);
}

// The test's own copy of what the panel computes from the store.
segments::CustomerFeatures readFeatures(const QString& path, Timestamp asOf)
{
    store::ThreadCheckExemption inspect;
    auto db = store::Database::open(path.toStdString(), {store::OpenMode::ReadOnly});
    return segments::loadFeatures(db, asOf);
}

std::array<qint64, segments::kRfmGroupCount> groupCounts(QTableWidget* t)
{
    std::array<qint64, segments::kRfmGroupCount> out{};
    for (int g = 0; g < segments::kRfmGroupCount; ++g)
        out[std::size_t(g)] = t->item(g, 1) ? t->item(g, 1)->data(Qt::UserRole).toLongLong() : -1;
    return out;
}

} // namespace

class TestSegmentsPanel : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_store;

    // Opens the store and waits for the features and the clusters (the panel's two start-up jobs).
    bool open(Harness& h)
    {
        QSignalSpy loaded(h.panel.get(), &SegmentsPanel::featuresLoaded);
        QSignalSpy clusters(h.panel.get(), &SegmentsPanel::clustersReady);
        h.view.setStorePath(m_store);
        return QTest::qWaitFor([&] { return loaded.count() == 1 && clusters.count() == 1; }, 60000);
    }

    void saveScreenshot(QWidget& w, const QString& name)
    {
        QDir().mkpath(SHOPPILOT_SCREENSHOT_DIR);
        QVERIFY(w.grab().save(QString(SHOPPILOT_SCREENSHOT_DIR) + "/" + name + ".png"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("SHOPPILOT_NO_DIALOGS", "1");
        engine::configureThreads(1);
        ui::installTranslations(*qApp, "en");
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath("tiny.db");
        store::ThreadCheckExemption allow; // the fixture, not the panel
        auto db = store::Database::open(m_store.toStdString(), {store::OpenMode::CreateIfMissing});
        demo::generateDemoStore(db, {demo::DemoSize::Tiny, 11, makeTimestamp(2026, 11, 1)});
    }

    void rfmGroupsAddUpToTheCustomers()
    {
        Harness h;
        QVERIFY(open(h));
        const auto* f = h.panel->features();
        QVERIFY(f);
        const auto mine = readFeatures(m_store, f->asOf);
        QCOMPARE(qint64(f->size()), qint64(mine.size()));
        QVERIFY(mine.size() > 20);
        const auto counts = groupCounts(h.panel->groupTable());
        qint64 sum = 0;
        for (auto c : counts)
            sum += c;
        QCOMPARE(sum, qint64(mine.size()));
        // Same groups as core's quintile scoring of the test's own features.
        const auto core = segments::scoreRfm(mine, segments::quintileCutoffs(mine)).counts();
        for (int g = 0; g < segments::kRfmGroupCount; ++g)
            QCOMPARE(counts[std::size_t(g)], qint64(core[std::size_t(g)]));
        QCOMPARE(h.failed->count(), 0);
    }

    void cutoffEditRebucketsWithoutTheStore()
    {
        Harness h;
        QVERIFY(open(h));
        const auto before = groupCounts(h.panel->groupTable());
        const int requests = h.panel->storeRequests();
        // Recency cut-off 1 down to 0 days: customers who bought a day or more ago lose their R of 5.
        h.panel->cutoffBox(0, 0)->setValue(0);
        const auto after = groupCounts(h.panel->groupTable());
        QVERIFY(before != after);
        QCOMPARE(h.panel->storeRequests(), requests);
        QCOMPARE(h.view.store().pending(), 0);
        const auto mine = readFeatures(m_store, h.panel->features()->asOf);
        const auto core = segments::scoreRfm(mine, h.panel->cutoffs()).counts();
        for (int g = 0; g < segments::kRfmGroupCount; ++g)
            QCOMPARE(after[std::size_t(g)], qint64(core[std::size_t(g)]));
        // Decreasing cut-offs are refused with the measure named, and nothing changes.
        h.panel->cutoffBox(2, 0)->setValue(1e8);
        QVERIFY2(h.panel->cutoffError()->text().contains("monetary"), qPrintable(h.panel->cutoffError()->text()));
        QCOMPARE(groupCounts(h.panel->groupTable()), after);
    }

    void ruleLiveCountMatchesCompileRule()
    {
        Harness h;
        QVERIFY(open(h));
        auto* form = h.panel->ruleForm();
        form->clearRule();
        auto* spend = form->addCondition("monetary", ">", "100");
        auto* any = form->addGroup("or");
        form->addCondition("frequency", ">=", "3", any);
        form->addCondition("rfm_group", "in", "champions, loyal", any);
        const std::string rule = R"({"and":[{"field":"monetary","op":">","value":100},
            {"or":[{"field":"frequency","op":">=","value":3},{"field":"rfm_group","op":"in","value":["champions","loyal"]}]}]})";

        const auto mine = readFeatures(m_store, h.panel->features()->asOf);
        const auto rfm = segments::scoreRfm(mine, h.panel->cutoffs());
        const segments::RuleContext ctx{&mine, &rfm, nullptr};
        const qint64 expected = segments::compileRule(rule, ctx).count();
        QVERIFY(expected > 0);
        QTRY_COMPARE_WITH_TIMEOUT(h.panel->memberCount(), expected, 5000);
        QVERIFY2(h.panel->liveCount()->text().contains(QLocale().toString(expected)), qPrintable(h.panel->liveCount()->text()));

        // Editing a value recounts (debounced) to core's count of the edited rule.
        form->setConditionValue(spend, "500");
        std::string edited = rule;
        edited.replace(edited.find("100"), 3, "500");
        const qint64 expectedEdited = segments::compileRule(edited, ctx).count();
        QVERIFY(expectedEdited != expected);
        QTRY_COMPARE_WITH_TIMEOUT(h.panel->memberCount(), expectedEdited, 5000);

        // The same rule typed as JSON in the advanced view.
        h.panel->advancedBox()->setChecked(true);
        h.panel->ruleJsonEdit()->setPlainText(QString::fromStdString(rule));
        QTRY_COMPARE_WITH_TIMEOUT(h.panel->memberCount(), expected, 5000);
        // Back to the form: it shows the typed rule.
        h.panel->advancedBox()->setChecked(false);
        QCOMPARE(form->conditionCount(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(h.panel->memberCount(), expected, 5000);
    }

    // The rule builder speaks the marketer's words (the JSON keeps the field ids), and the fairness
    // tab compares the rule's members with the whole base, as core's report does, flags included.
    void ruleFieldsAreNamedAndFairnessComparesWithTheBase()
    {
        Harness h;
        QVERIFY(open(h));
        auto* form = h.panel->ruleForm();
        form->clearRule();
        auto* row = form->addCondition("recency_days", "<=", "60");
        auto* fieldBox = qobject_cast<QComboBox*>(form->findChild<QTreeWidget*>("ruleTree")->itemWidget(row, 0));
        QVERIFY(fieldBox);
        QCOMPARE(fieldBox->currentText(), QString("days since the last order"));
        QCOMPARE(fieldBox->currentData().toString(), QString("recency_days"));
        QVERIFY(fieldBox->findText("RFM group") >= 0);
        QVERIFY(fieldBox->findText("rfm_group") < 0);
        form->addCondition("country", "in", "GB");
        QCOMPARE(form->json(), QString(R"({"and":[{"field":"recency_days","op":"<=","value":60},{"field":"country","op":"in","value":["GB"]}]})"));

        const auto mine = readFeatures(m_store, h.panel->features()->asOf);
        const auto rfm = segments::scoreRfm(mine, h.panel->cutoffs());
        const segments::RuleContext ctx{&mine, &rfm, nullptr};
        std::vector<std::uint8_t> mask;
        segments::compileRule(form->json().toStdString(), ctx).evaluate(mask);
        const auto report = segments::fairnessReport(mine, mask);
        QVERIFY(report.segmentSize > 0 && report.segmentSize < report.baseSize);
        QTRY_COMPARE_WITH_TIMEOUT(h.panel->memberCount(), report.segmentSize, 5000);
        QTableWidget* t = h.panel->fairnessTable();
        QCOMPARE(t->rowCount(), int(report.groups.size()));
        int flagged = 0, gbRow = -1;
        for (int r = 0; r < t->rowCount(); ++r) {
            flagged += !t->item(r, 6)->text().isEmpty();
            if (report.groups[std::size_t(r)].dimension == "country" && report.groups[std::size_t(r)].group == "GB")
                gbRow = r;
        }
        QCOMPARE(flagged, int(report.flaggedCount()));
        // Only GB customers are in it: GB is 100% of the segment, every other country 0%.
        QVERIFY(gbRow >= 0);
        QCOMPARE(t->item(gbRow, 2)->text(), QLocale().toString(qint64(report.segmentSize)));
        QCOMPARE(t->item(gbRow, 3)->text(), QString("100.0%"));
        QVERIFY(report.groups[std::size_t(gbRow)].baseShare < 1.0 / 1.5); // so it must be flagged
        QCOMPARE(t->item(gbRow, 6)->text(), QString("over-represented"));
    }

    void badRuleShowsItsErrorAndNoCount()
    {
        Harness h;
        QVERIFY(open(h));
        QTRY_VERIFY(h.panel->memberCount() >= 0); // the starting rule
        auto* form = h.panel->ruleForm();
        form->clearRule();
        form->addCondition("monetary", ">", "10");
        form->addCondition("recncy_days", "<", "30");
        QTRY_COMPARE_WITH_TIMEOUT(h.panel->memberCount(), qint64(-1), 5000);
        const QString error = h.panel->ruleError()->text();
        QVERIFY2(error.contains("rule.and[1]") && error.contains("recncy_days"), qPrintable(error));
        QVERIFY2(!h.panel->liveCount()->text().contains(QRegularExpression("\\d")), qPrintable(h.panel->liveCount()->text()));
        // Saving it writes nothing.
        const auto before = queryInt(m_store, "SELECT COUNT(*) FROM segments");
        h.panel->segmentName()->setText("broken");
        h.panel->saveSegment();
        QTest::qWait(200);
        QCOMPARE(h.view.store().pending(), 0);
        QCOMPARE(queryInt(m_store, "SELECT COUNT(*) FROM segments"), before);
    }

    void savedSegmentIsListedWithItsMembers()
    {
        Harness h;
        QVERIFY(open(h));
        auto* form = h.panel->ruleForm();
        form->clearRule();
        form->addCondition("frequency", ">=", "2");
        const auto mine = readFeatures(m_store, h.panel->features()->asOf);
        const qint64 members =
            segments::compileRule(R"({"field":"frequency","op":">=","value":2})", {&mine, nullptr, nullptr}).count();
        QVERIFY(members > 0);
        QTRY_COMPARE_WITH_TIMEOUT(h.panel->memberCount(), members, 5000);
        QSignalSpy saved(h.panel.get(), &SegmentsPanel::segmentSaved);
        QSignalSpy listed(h.panel.get(), &SegmentsPanel::savedSegmentsListed);
        h.panel->segmentName()->setText("Repeat buyers");
        h.panel->saveSegment();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(listed.count() >= 1, 10000);
        QListWidgetItem* item = nullptr;
        for (int i = 0; i < h.panel->savedList()->count(); ++i)
            if (h.panel->savedList()->item(i)->data(Qt::UserRole + 1).toString() == "Repeat buyers")
                item = h.panel->savedList()->item(i);
        QVERIFY(item);
        QCOMPARE(item->data(Qt::UserRole + 2).toLongLong(), members);
        QVERIFY(item->text().contains(QLocale().toString(members)));
        const auto id = saved.front().front().toLongLong();
        QCOMPARE(queryInt(m_store, "SELECT COUNT(*) FROM segment_members WHERE segment_id = " + std::to_string(id)), members);

        // Load it back into a cleared builder: the same rule and count.
        form->clearRule();
        h.panel->savedList()->setCurrentItem(item);
        h.panel->loadSelectedSegment();
        QTRY_COMPARE_WITH_TIMEOUT(form->conditionCount(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(h.panel->memberCount(), members, 5000);
    }

    // "Show KPIs in Overview": the shared filter gets the segment's step and the shell is asked for
    // Overview (the panel knows neither the Overview nor the shell).
    void savedSegmentOpensInOverview()
    {
        Harness h;
        QVERIFY(open(h));
        h.panel->ruleForm()->clearRule();
        h.panel->ruleForm()->addCondition("frequency", ">=", "2");
        QVERIFY(QTest::qWaitFor([&] { return h.panel->memberCount() > 0; }, 5000));
        h.panel->segmentName()->setText("Overview check");
        h.panel->saveSegment();
        auto* list = h.panel->findChild<QListWidget*>("savedSegments");
        QTRY_VERIFY_WITH_TIMEOUT(!list->findItems("Overview check", Qt::MatchStartsWith).isEmpty(), 10000);
        list->setCurrentItem(list->findItems("Overview check", Qt::MatchStartsWith).first());
        const qint64 id = list->currentItem()->data(Qt::UserRole).toLongLong();
        QSignalSpy panel(&h.view, &ui::ViewState::panelRequested);
        h.panel->findChild<QPushButton*>("showInOverview")->click();
        QCOMPARE(panel.count(), 1);
        QCOMPARE(panel.first().first().toString(), QString("overview"));
        const auto& drill = h.view.filter().drill;
        QCOMPARE(drill.size(), 1);
        QCOMPARE(drill[0], (ui::DrillStep{ui::kSegmentDimension, QString::number(id), "Overview check"}));
        // Twice: still one segment step (replaced, not stacked).
        h.panel->findChild<QPushButton*>("showInOverview")->click();
        QCOMPARE(h.view.filter().drill.size(), 1);
    }

    void personalDataToggleIsAuditedAndUnmasks()
    {
        Harness h;
        QVERIFY(open(h));
        // A movement cell with customers: the diagonal of the largest group always has some.
        QSignalSpy listed(h.panel.get(), &SegmentsPanel::membersListed);
        int from = -1, to = -1;
        for (int r = 0; r < h.panel->movementTable()->rowCount() && from < 0; ++r)
            for (int c = 0; c < h.panel->movementTable()->columnCount(); ++c)
                if (h.panel->movementTable()->item(r, c)->data(Qt::UserRole).toLongLong() > 0) {
                    from = r;
                    to = c;
                    break;
                }
        QVERIFY(from >= 0);
        h.panel->showMovement(from == segments::kRfmGroupCount ? -1 : from, to);
        QTRY_COMPARE_WITH_TIMEOUT(listed.count(), 1, 5000);
        auto* members = h.panel->memberTable();
        QVERIFY(members->rowCount() > 0);
        const QString masked = members->item(0, 1)->text();
        QVERIFY2(masked.contains('*'), qPrintable(masked));
        QCOMPARE(queryInt(m_store, "SELECT COUNT(*) FROM audit_log WHERE entity_id = 'show_personal_data'"), 0);

        QSignalSpy changed(h.panel.get(), &SegmentsPanel::personalDataChanged);
        h.panel->personalDataBox()->setChecked(true);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(listed.count(), 2, 5000);
        QCOMPARE(queryInt(m_store, "SELECT COUNT(*) FROM audit_log WHERE entity_id = 'show_personal_data' AND action = 'enable'"), 1);
        const QString shown = members->item(0, 1)->text();
        QVERIFY2(!shown.contains('*') && !shown.isEmpty(), qPrintable(shown));
        QCOMPARE(shown.left(1), masked.left(1));

        h.panel->personalDataBox()->setChecked(false);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(listed.count(), 3, 5000);
        QCOMPARE(members->item(0, 1)->text(), masked);
        QCOMPARE(queryInt(m_store, "SELECT COUNT(*) FROM audit_log WHERE entity_id = 'show_personal_data' AND action = 'disable'"), 1);
    }

    void predictionsJobFillsTheTable()
    {
        Harness h;
        QVERIFY(open(h));
        QSignalSpy ready(h.panel.get(), &SegmentsPanel::predictionsReady);
        h.panel->tabs()->setCurrentIndex(2); // opening the tab starts the job
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 240000);
        QVERIFY(h.panel->predictionModel()->rowCount() > 0);
        QAbstractItemModelTester tester(h.panel->predictionModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY2(h.panel->predictionHeader()->text().contains("served"), qPrintable(h.panel->predictionHeader()->text()));
        // The served churn model's calibration on the validation window (none when the store is
        // too short to validate: the header says so).
        const QString header = h.panel->predictionHeader()->text();
        if (header.contains("too short"))
            QCOMPARE(h.panel->calibrationTable()->rowCount(), 0);
        else
            QVERIFY2(h.panel->calibrationTable()->rowCount() > 0, qPrintable(header));
        qInfo().noquote() << header;
        QCOMPARE(h.failed->count(), 0);
        saveScreenshot(*h.panel, "segments_predictions_en");
    }

    void predictionsCanBeCancelled()
    {
        Harness h;
        QVERIFY(open(h));
        QSignalSpy ready(h.panel.get(), &SegmentsPanel::predictionsReady);
        h.panel->tabs()->setCurrentIndex(2);
        QVERIFY(h.jobs.busy());
        h.panel->cancelPredictions();
        QTRY_VERIFY_WITH_TIMEOUT(!h.jobs.busy(), 60000);
        QTest::qWait(100); // the job's end reaches the panel through the event loop
        QCOMPARE(ready.count(), 0);
        QCOMPARE(h.panel->predictionModel()->rowCount(), 0);
        QVERIFY2(h.panel->predictionHeader()->text().contains("cancelled"), qPrintable(h.panel->predictionHeader()->text()));
        QCOMPARE(h.failed->count(), 0);
    }

    void screenshots()
    {
        for (const char* lang : {"en", "zh_CN"}) {
            ui::installTranslations(*qApp, lang);
            Harness h;
            QVERIFY(open(h));
            QVERIFY(h.panel->clusterMap()->pointCount() > 0);
            QVERIFY(h.panel->clusterTable()->rowCount() > 1);
            for (int tab = 0; tab < h.panel->tabs()->count(); ++tab) {
                if (tab == 2)
                    continue; // predictions: predictionsJobFillsTheTable
                h.panel->tabs()->setCurrentIndex(tab);
                QTest::qWait(50);
                saveScreenshot(*h.panel, QString("segments_%1_%2").arg(tab).arg(lang));
            }
        }
        ui::installTranslations(*qApp, "en");
    }
};

SHOPPILOT_GUI_TEST_MAIN(TestSegmentsPanel)
#include "tst_segments_panel.moc"
