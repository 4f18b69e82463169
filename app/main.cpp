// The `shoppilot` executable: headless sub-commands (see cli.h), otherwise the GUI.
#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

#include "cli.h"
#include "engine/engine.h"
#include "shell/i18n.h"
#include "shell/main_window.h"

int main(int argc, char** argv)
{
    if (shoppilot::app::isCliCommand(argc, argv))
        return shoppilot::app::runCli(argc, argv);

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ShopPilot"));
    QApplication::setApplicationName(QStringLiteral("ShopPilot"));
    QApplication::setApplicationVersion(QStringLiteral(SHOPPILOT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("shoppilot"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("ShopPilot, the operations cockpit for e-commerce teams. "
                                                    "Run `shoppilot help` for the headless commands."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("Open the store FILE."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption langOption(QStringLiteral("lang"), QStringLiteral("UI language: zh_CN, en or system."),
                                        QStringLiteral("LANG"));
    parser.addOption(dbOption);
    parser.addOption(langOption);
    parser.process(app);

    QSettings settings;
    const QString language = parser.isSet(langOption) ? parser.value(langOption)
                                                       : settings.value(QStringLiteral("language"), QStringLiteral("system")).toString();
    shoppilot::ui::installTranslations(app, language);
    shoppilot::engine::configureThreads();

    shoppilot::ui::MainWindow window;
    window.show();
    if (parser.isSet(dbOption))
        window.openStore(parser.value(dbOption));
    return app.exec();
}
