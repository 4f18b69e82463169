// A crash is never the answer: the application object catches whatever escapes an event handler,
// slot or queued call, logs it, tells the user (non-blocking) and keeps the app running. Jobs and
// store tasks catch their own errors (JobRunner, StoreService); this is the last line.
#pragma once

#include <QApplication>
#include <QObject>
#include <QString>

namespace shoppilot::ui {

// Hears about escaped errors on the GUI thread (the main window shows them).
class ErrorReporter : public QObject {
    Q_OBJECT
public:
    static ErrorReporter* instance();
    int reported() const { return m_reported; }
    // Logs `what` (stderr and the log file) and emits escaped() once the event loop is back.
    void report(const QString& what);
    // The file errors are appended to (<app data>/shoppilot.log).
    static QString logPath();

Q_SIGNALS:
    void escaped(const QString& message);

private:
    using QObject::QObject;
    int m_reported = 0;
};

class GuardedApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool notify(QObject* receiver, QEvent* event) override;
};

} // namespace shoppilot::ui
