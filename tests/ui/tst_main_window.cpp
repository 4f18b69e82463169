// The main window opens a store in the background, shows its row counts, reports a bad file
// without losing the app, drops stale results, and renders in English and Chinese.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QImage>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "ui/gui_test_main.h"

#include "shell/i18n.h"
#include "shell/main_window.h"
#include "shell/view_state.h"
#include "shell/panel_registry.h"
#include "shell/store_summary_model.h"
#include "store/database.h"
#include "store/repositories.h"

using namespace shoppilot;

class TestMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_store;

    void saveScreenshot(QWidget& w, const QString& name)
    {
        QDir().mkpath(SHOPPILOT_SCREENSHOT_DIR);
        const QString path = QString(SHOPPILOT_SCREENSHOT_DIR) + "/" + name + ".png";
        QVERIFY(w.grab().save(path));
        QVERIFY(QFileInfo(path).size() > 1000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("SHOPPILOT_NO_DIALOGS", "1");
        m_store = m_dir.filePath("shop.db");
        store::ThreadCheckExemption fixture;
        auto db = store::Database::open(m_store.toStdString(), {store::OpenMode::CreateIfMissing});
        db.setMeta("name", "Test Shop");
        db.setMeta("currency", "GBP");
        std::vector<store::ProductRow> products(3);
        for (int i = 0; i < 3; ++i) {
            products[std::size_t(i)].sku = "SKU" + std::to_string(i);
            products[std::size_t(i)].titleEn = "Product";
            products[std::size_t(i)].priceMinor = 100;
        }
        store::upsertProducts(db, products);
    }

    void summaryModelPassesModelTester()
    {
        store::StoreSummary s;
        s.tableCounts = {{"products", 3}, {"orders", 0}};
        ui::StoreSummaryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSummary(s);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(0, ui::StoreSummaryModel::RowsColumn), Qt::UserRole).toLongLong(), 3LL);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void opensStoreAndShowsCounts()
    {
        ui::MainWindow w;
        w.show();
        QSignalSpy opened(&w, &ui::MainWindow::storeOpened);
        w.openStore(m_store);
        QTRY_COMPARE(opened.count(), 1);
        QCOMPARE(w.storePath(), m_store);
        auto* model = w.summaryModel();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        bool foundProducts = false;
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->data(model->index(r, 0), Qt::UserRole).toString() == "products") {
                QCOMPARE(model->data(model->index(r, 1), Qt::UserRole).toLongLong(), 3LL);
                foundProducts = true;
            }
        }
        QVERIFY(foundProducts);
        QVERIFY(w.windowTitle().contains("Test Shop"));
        w.showStoreInfo();
        auto* info = w.findChild<QDialog*>("storeInfoDialog");
        QVERIFY(info);
        QVERIFY(info->findChild<QLabel*>("storeTitle")->text().contains("Test Shop"));
        saveScreenshot(*info, "store_info_en");
        QVERIFY(w.recentFiles().contains(QFileInfo(m_store).absoluteFilePath()));
        saveScreenshot(w, "main_window_en");
    }

    // The selected panel's icon stands out from the highlight: its selected state is drawn in
    // the highlighted-text colour, not the icon's own blue (which vanished into the highlight).
    void selectedSidebarIconIsVisible()
    {
        ui::MainWindow w;
        auto* sidebar = w.findChild<QListWidget*>("sidebar");
        QVERIFY(sidebar);
        QVERIFY(sidebar->count() > 0);
        const QColor text = sidebar->palette().color(QPalette::HighlightedText);
        for (int i = 0; i < sidebar->count(); ++i) {
            const QIcon icon = sidebar->item(i)->icon();
            const QImage normal = icon.pixmap(sidebar->iconSize(), QIcon::Normal).toImage();
            const QImage selected = icon.pixmap(sidebar->iconSize(), QIcon::Selected).toImage();
            QVERIFY(!selected.isNull());
            bool drawnInTextColour = false;
            for (int y = 0; y < selected.height() && !drawnInTextColour; ++y)
                for (int x = 0; x < selected.width(); ++x) {
                    const QColor c = selected.pixelColor(x, y);
                    if (c.alpha() > 200 && c.rgb() == text.rgb() && normal.pixelColor(x, y).rgb() != text.rgb()) {
                        drawnInTextColour = true;
                        break;
                    }
                }
            QVERIFY2(drawnInTextColour, qPrintable(sidebar->item(i)->text()));
        }
    }

    // A panel asks for another through the shared view state; the shell shows it.
    void panelRequestShowsThatPanel()
    {
        ui::MainWindow w;
        QVERIFY(w.showPanel("segments"));
        QCOMPARE(w.currentPanelId(), QString("segments"));
        w.viewState()->requestPanel("overview");
        QCOMPARE(w.currentPanelId(), QString("overview"));
        w.viewState()->requestPanel("no-such-panel"); // ignored, nothing breaks
        QCOMPARE(w.currentPanelId(), QString("overview"));
    }

    void refreshesWhenTheStoreChanges()
    {
        ui::MainWindow w;
        QSignalSpy opened(&w, &ui::MainWindow::storeOpened);
        w.openStore(m_store);
        QTRY_COMPARE(opened.count(), 1);
        {
            store::ThreadCheckExemption fixture; // another program writing the store
            auto db = store::Database::open(m_store.toStdString());
            std::vector<store::ProductRow> more(1);
            more[0].sku = "NEW";
            more[0].titleEn = "New product";
            store::upsertProducts(db, more);
        }
        // The change feed triggers a background re-read of the summary.
        auto* model = w.summaryModel();
        auto productRows = [model] {
            for (int r = 0; r < model->rowCount(); ++r)
                if (model->data(model->index(r, 0), Qt::UserRole).toString() == "products")
                    return model->data(model->index(r, 1), Qt::UserRole).toLongLong();
            return -1LL;
        };
        QTRY_COMPARE(productRows(), 4LL);
    }

    void badFileKeepsAppUsable()
    {
        const QString bad = m_dir.filePath("notes.txt");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a database at all\n");
        f.close();

        ui::MainWindow w;
        QSignalSpy opened(&w, &ui::MainWindow::storeOpened);
        QSignalSpy failed(&w, &ui::MainWindow::storeFailed);
        w.openStore(m_store);
        QTRY_COMPARE(opened.count(), 1);
        w.openStore(bad);
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY(failed.at(0).at(1).toString().contains("not a ShopPilot store"));
        QCOMPARE(w.storePath(), m_store); // still on the good store
        QVERIFY(w.summaryModel()->rowCount() > 0);
    }

    void staleResultIsDropped()
    {
        const QString bad = m_dir.filePath("missing.db");
        ui::MainWindow w;
        QSignalSpy opened(&w, &ui::MainWindow::storeOpened);
        QSignalSpy failed(&w, &ui::MainWindow::storeFailed);
        w.openStore(bad);     // superseded at once
        w.openStore(m_store); // the one that counts
        QTRY_COMPARE(opened.count(), 1);
        QTest::qWait(100);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(w.storePath(), m_store);
    }

    void opensEveryPanelInBothLanguages()
    {
        QVERIFY(!ui::panels().empty());
        for (const QString& lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            ui::installTranslations(*qApp, lang);
            ui::MainWindow w;
            w.resize(1280, 800);
            w.show();
            QSignalSpy opened(&w, &ui::MainWindow::storeOpened);
            w.openStore(m_store);
            QTRY_COMPARE(opened.count(), 1);
            for (const ui::PanelInfo& p : ui::panels()) {
                QVERIFY(w.showPanel(p.id));
                QCOMPARE(w.currentPanelId(), p.id);
                auto* panel = w.findChild<QWidget*>("panel_" + p.id);
                QVERIFY(panel && panel->isVisible());
                QTest::qWait(300); // let the panel's first refresh land before the picture
                saveScreenshot(w, "panel_" + p.id + "_" + lang);
            }
        }
        ui::installTranslations(*qApp, "en");
    }

    void rendersInChinese()
    {
        const QString lang = ui::installTranslations(*qApp, "zh_CN");
        QCOMPARE(lang, QString("zh_CN"));
        ui::MainWindow w;
        w.show();
        QSignalSpy opened(&w, &ui::MainWindow::storeOpened);
        w.openStore(m_store);
        QTRY_COMPARE(opened.count(), 1);
        // The table titles come from the Chinese catalogue, not the English source.
        const QString products = ui::StoreSummaryModel::tableTitle("products");
        QVERIFY2(products != "Products", qPrintable(products));
        QCOMPARE(w.summaryModel()->headerData(0, Qt::Horizontal).toString(), QString::fromUtf8("数据"));
        saveScreenshot(w, "main_window_zh_CN");
        ui::installTranslations(*qApp, "en");
        QCOMPARE(ui::StoreSummaryModel::tableTitle("products"), QString("Products"));
    }
};

SHOPPILOT_GUI_TEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
