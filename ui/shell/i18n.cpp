#include "shell/i18n.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace shoppilot::ui {

QString resolveLanguage(const QString& setting)
{
    if (setting == QLatin1String("zh_CN") || setting == QLatin1String("en"))
        return setting;
    return QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

namespace {
QString g_report;
}

QString translationReport() { return g_report; }

QString installTranslations(QCoreApplication& app, const QString& setting)
{
    static QTranslator* ours = nullptr;
    static QTranslator* qt = nullptr;
    for (QTranslator** t : {&ours, &qt}) {
        if (*t) {
            app.removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    const QString language = resolveLanguage(setting);
    g_report = language;
    if (language == QLatin1String("zh_CN")) {
        QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
        ours = new QTranslator(&app);
        const bool oursLoaded = ours->load(QStringLiteral(":/i18n/shoppilot_zh_CN.qm"));
        if (oursLoaded)
            app.installTranslator(ours);
        qt = new QTranslator(&app);
        const bool qtLoaded = qt->load(QLocale(QLocale::Chinese, QLocale::China), QStringLiteral("qtbase"),
                                       QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
        if (qtLoaded)
            app.installTranslator(qt);
        g_report += QStringLiteral(" shoppilot=%1 qtbase=%2")
                        .arg(oursLoaded ? QStringLiteral("yes") : QStringLiteral("no"),
                             qtLoaded ? QStringLiteral("yes") : QStringLiteral("no"));
    } else {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    }
    return language;
}

} // namespace shoppilot::ui
