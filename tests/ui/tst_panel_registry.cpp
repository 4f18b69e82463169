// The panel registry: every delivered panel joins it from its own library (a registrar the
// linker could drop), in DESIGN.md's sidebar order, and the main window's sidebar shows exactly
// the registry, titles translated.
#include <QFile>
#include <QListWidget>
#include <QtTest>

#include "gui_test_main.h"
#include "shell/i18n.h"
#include "shell/main_window.h"
#include "shell/panel_registry.h"

using namespace shoppilot::ui;

namespace {

// DESIGN.md's eight panels in sidebar order; the registered ones must follow it.
const QStringList kDesignOrder{"overview", "recs", "pricing", "segments", "support", "risk", "campaigns", "logistics"};
// Delivered so far: each must be linked in and registered.
const QStringList kDelivered{"overview", "recs", "pricing", "segments", "risk"};

QStringList registeredIds()
{
    QStringList ids;
    for (const PanelInfo& p : panels())
        ids << p.id;
    return ids;
}

QWidget* noPanel(const PanelContext&, QWidget*)
{
    return nullptr;
}

} // namespace

class TestPanelRegistry : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void deliveredPanelsRegisterThemselvesInOrder()
    {
        const QStringList ids = registeredIds();
        for (const QString& id : kDelivered)
            QVERIFY2(ids.contains(id), qPrintable(id + " is not registered; registered: " + ids.join(", ")));
        QStringList expected;
        for (const QString& id : kDesignOrder)
            if (ids.contains(id))
                expected << id;
        QCOMPARE(ids, expected);
        for (std::size_t i = 1; i < panels().size(); ++i)
            QVERIFY(panels()[i - 1].order < panels()[i].order);
        for (const PanelInfo& p : panels()) {
            QVERIFY2(QFile::exists(p.iconPath), qPrintable(p.iconPath));
            QVERIFY(p.create);
        }
    }

    void refusesADuplicateOrIncompletePanel()
    {
        const QStringList before = registeredIds();
        QVERIFY(!registerPanel({1, QStringLiteral("overview"), "Overview again", QStringLiteral(":/icons/overview.svg"), noPanel}));
        QVERIFY(!registerPanel({1, QString(), "No id", QStringLiteral(":/icons/overview.svg"), noPanel}));
        QVERIFY(!registerPanel({1, QStringLiteral("nofactory"), "No factory", QStringLiteral(":/icons/overview.svg"), {}}));
        QCOMPARE(registeredIds(), before);
    }

    void sidebarListsTheRegistry_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
    }

    void sidebarListsTheRegistry()
    {
        QFETCH(QString, language);
        QCOMPARE(installTranslations(*qApp, language), language);
        MainWindow w;
        auto* sidebar = w.findChild<QListWidget*>(QStringLiteral("sidebar"));
        QVERIFY(sidebar);
        QCOMPARE(sidebar->count(), int(panels().size()));
        for (int i = 0; i < sidebar->count(); ++i) {
            const PanelInfo& p = panels()[std::size_t(i)];
            QCOMPARE(sidebar->item(i)->data(Qt::UserRole).toString(), p.id);
            QCOMPARE(sidebar->item(i)->text(), p.translatedTitle());
            QVERIFY(!sidebar->item(i)->icon().isNull());
            // English shows the source title; Chinese a translation of it.
            QCOMPARE(sidebar->item(i)->text() == QLatin1String(p.title), language == "en");
        }
        installTranslations(*qApp, QStringLiteral("en"));
    }
};

SHOPPILOT_GUI_TEST_MAIN(TestPanelRegistry)
#include "tst_panel_registry.moc"
