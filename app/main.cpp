// The `shoppilot` executable: headless sub-commands (see cli.h), otherwise the GUI.
#include <QApplication>
#include <cstdio>
#include <QCommandLineParser>
#include <QIcon>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTimer>

#include <memory>

#include "cli.h"
#include "engine/engine.h"
#include "shell/guarded_application.h"
#include "shell/gui_thread_check.h"
#include "shell/i18n.h"
#include "shell/job_runner.h"
#include "shell/main_window.h"
#include "shell/settings_dialog.h"
#include "shell/store_service.h"
#include "shell/view_state.h"

int main(int argc, char** argv)
{
    if (shoppilot::app::isCliCommand(argc, argv))
        return shoppilot::app::runCli(argc, argv);

    // Exceptions escaping a slot are logged and shown, never a crash (see guarded_application.h).
    shoppilot::ui::GuardedApplication app(argc, argv);
    shoppilot::ui::installGuiThreadStoreCheckFromEnvironment();
    QApplication::setOrganizationName(QStringLiteral("ShopPilot"));
    QApplication::setApplicationName(QStringLiteral("ShopPilot"));
    QApplication::setApplicationVersion(QStringLiteral(SHOPPILOT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.shoppilot.ShopPilot"));
    // The installed theme icon (share/icons/hicolor) when there is one, else the embedded SVG.
    QIcon::setFallbackThemeName(QStringLiteral("hicolor"));
    if (QIcon::themeName().isEmpty()) // no desktop theme (e.g. offscreen): the freedesktop default
        QIcon::setThemeName(QStringLiteral("hicolor"));
    {
        // Platforms without a desktop theme (offscreen, some window managers) search only Qt's
        // resources: add the XDG data dirs, where the package installs share/icons/hicolor.
        QStringList paths = QIcon::themeSearchPaths();
        for (const QString& dir : QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation))
            if (!paths.contains(dir + QStringLiteral("/icons")))
                paths << dir + QStringLiteral("/icons");
        QIcon::setThemeSearchPaths(paths);
    }
    const bool themeIcon = QIcon::hasThemeIcon(QStringLiteral("org.shoppilot.ShopPilot"));
    QApplication::setWindowIcon(themeIcon ? QIcon::fromTheme(QStringLiteral("org.shoppilot.ShopPilot"))
                                          : QIcon(QStringLiteral(":/icons/shoppilot.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("ShopPilot, the operations cockpit for e-commerce teams. "
                                                    "Run `shoppilot help` for the headless commands."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("Open the store FILE."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption langOption(QStringLiteral("lang"), QStringLiteral("UI language: zh_CN, en or system."),
                                        QStringLiteral("LANG"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              QStringLiteral("Save a PNG of the window once the store is open, then quit."),
                                              QStringLiteral("PNG"));
    const QCommandLineOption panelOption(QStringLiteral("panel"), QStringLiteral("Show this panel first; ID:N opens its tab N (from 0), e.g. support:4."),
                                         QStringLiteral("ID"));
    // For `bench startup`: quit (printing the ms since process start) once the Overview has shown
    // its first figures.
    const QCommandLineOption quitLoadedOption(QStringLiteral("quit-when-loaded"),
                                              QStringLiteral("Quit once the Overview has shown its figures (benchmarks)."));
    parser.addOption(quitLoadedOption);
    parser.addOption(dbOption);
    parser.addOption(langOption);
    parser.addOption(screenshotOption);
    parser.addOption(panelOption);
    parser.process(app);

    const auto settings = shoppilot::ui::AppSettings::load();
    shoppilot::ui::installTranslations(app, parser.isSet(langOption) ? parser.value(langOption) : settings.language);
    shoppilot::ui::applyTheme(settings.theme);
    shoppilot::engine::configureThreads();

    // Deleted on close; a language switch replaces it with a new window.
    auto* window = new shoppilot::ui::MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    QString store = parser.value(dbOption);
    if (store.isEmpty())
        store = !settings.dataFile.isEmpty() ? settings.dataFile : window->recentFiles().value(0);
    if (parser.isSet(panelOption)) {
        const QStringList parts = parser.value(panelOption).split(QLatin1Char(':'));
        if (window->showPanel(parts.front()) && parts.size() > 1) {
            auto* panel = window->findChild<QWidget*>(QStringLiteral("panel_") + parts.front());
            if (auto* tabs = panel ? panel->findChild<QTabWidget*>() : nullptr)
                tabs->setCurrentIndex(parts[1].toInt());
        }
    }
    if (parser.isSet(screenshotOption)) {
        // For documentation and visual checks: wait for the store, then until the panel's jobs
        // (first refresh, model load) have been idle for a moment (at most a minute), save the
        // window, quit with a non-zero status if the store did not open.
        const QString png = parser.value(screenshotOption);
        // What the installed package resolved (its test reads this line).
        std::printf("language %s; icon %s\n", qPrintable(shoppilot::ui::translationReport()),
                    themeIcon ? "theme" : "embedded");
        std::fflush(stdout);
        auto shoot = [window, png](int code) {
            auto* poll = new QTimer(window);
            auto idleTicks = std::make_shared<int>(0);
            auto ticks = std::make_shared<int>(0);
            QObject::connect(poll, &QTimer::timeout, window, [window, png, code, poll, idleTicks, ticks] {
                const bool busy = window->jobs()->busy() || window->viewState()->store().pending() > 0;
                *idleTicks = busy ? 0 : *idleTicks + 1;
                if (++*ticks < 240 && *idleTicks < 6)
                    return;
                poll->stop();
                const bool saved = window->grab().save(png);
                QCoreApplication::exit(saved ? code : 3);
            });
            poll->start(250);
        };
        QObject::connect(window, &shoppilot::ui::MainWindow::storeOpened, window, [shoot] { shoot(0); });
        QObject::connect(window, &shoppilot::ui::MainWindow::storeFailed, window, [shoot] { shoot(1); });
        if (store.isEmpty())
            shoot(0);
    }
    if (parser.isSet(quitLoadedOption)) {
        QObject::connect(window, &shoppilot::ui::MainWindow::storeOpened, window, [window] {
            auto* overview = window->findChild<QWidget*>(QStringLiteral("panel_overview"));
            if (!overview) {
                QCoreApplication::exit(3);
                return;
            }
            QObject::connect(overview, SIGNAL(refreshed()), QCoreApplication::instance(), SLOT(quit()));
        });
        QObject::connect(window, &shoppilot::ui::MainWindow::storeFailed, window, [] { QCoreApplication::exit(1); });
    }
    if (!store.isEmpty())
        window->openStore(store);
    return app.exec();
}
