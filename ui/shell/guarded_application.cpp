#include "shell/guarded_application.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTimer>
#include <exception>

namespace shoppilot::ui {

ErrorReporter* ErrorReporter::instance()
{
    static ErrorReporter* reporter = [] {
        auto* r = new ErrorReporter;
        if (auto* app = QCoreApplication::instance())
            r->moveToThread(app->thread());
        return r;
    }();
    return reporter;
}

QString ErrorReporter::logPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    return dir.isEmpty() ? QString() : dir + QStringLiteral("/shoppilot.log");
}

void ErrorReporter::report(const QString& what)
{
    ++m_reported;
    qCritical("ShopPilot caught an error that escaped an action: %s", qPrintable(what));
    const QString path = logPath();
    if (!path.isEmpty()) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile log(path);
        if (log.open(QIODevice::Append | QIODevice::Text))
            log.write((QDateTime::currentDateTimeUtc().toString(Qt::ISODate) + QStringLiteral(" error: ") + what
                       + QLatin1Char('\n'))
                          .toUtf8());
    }
    // Not from inside the handler that threw: the receiver may be half-way through its work.
    QTimer::singleShot(0, this, [this, what] { Q_EMIT escaped(what); });
}

bool GuardedApplication::notify(QObject* receiver, QEvent* event)
{
    try {
        return QApplication::notify(receiver, event);
    } catch (const std::exception& e) {
        ErrorReporter::instance()->report(QString::fromUtf8(e.what()));
    } catch (...) {
        ErrorReporter::instance()->report(QStringLiteral("unknown error"));
    }
    return false;
}

} // namespace shoppilot::ui
