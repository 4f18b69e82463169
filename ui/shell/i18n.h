// Language selection: installs ShopPilot's and Qt's translators for "zh_CN", "en" or "system".
#pragma once

#include <QString>

class QCoreApplication;

namespace shoppilot::ui {

// The language in force for a setting value: "zh_CN" or "en" ("system" follows the OS locale).
QString resolveLanguage(const QString& setting);

// Installs translators on the application and sets the default QLocale (numbers, dates,
// currency) to match. Returns the language in force. Safe to call again to switch.
QString installTranslations(QCoreApplication& app, const QString& setting);

// What the last installTranslations found, e.g. "zh_CN shoppilot=yes qtbase=yes" (ShopPilot's
// catalogue is embedded; Qt's comes from the system's Qt translations): for the package test.
QString translationReport();

} // namespace shoppilot::ui
