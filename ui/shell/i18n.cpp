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
    if (language == QLatin1String("zh_CN")) {
        QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
        ours = new QTranslator(&app);
        if (ours->load(QStringLiteral(":/i18n/shoppilot_zh_CN.qm")))
            app.installTranslator(ours);
        qt = new QTranslator(&app);
        if (qt->load(QLocale(QLocale::Chinese, QLocale::China), QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            app.installTranslator(qt);
    } else {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    }
    return language;
}

} // namespace shoppilot::ui
