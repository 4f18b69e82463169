#include "shell/gui_thread_check.h"

#include <QCoreApplication>
#include <QThread>
#include <atomic>
#include <string>

#include "store/database.h"

namespace shoppilot::ui {

namespace {

std::atomic<int> g_mode{int(GuiThreadCheck::Off)};
std::atomic<int> g_violations{0};

void check(std::string_view action, std::string_view detail)
{
    const auto* app = QCoreApplication::instance();
    if (!app || QThread::currentThread() != app->thread())
        return;
    ++g_violations;
    const std::string what = std::string(action) + " " + std::string(detail.substr(0, 160));
    if (g_mode.load() == int(GuiThreadCheck::Abort))
        qFatal("store access on the GUI thread (use StoreService or a job): %s", what.c_str());
    qWarning("store access on the GUI thread (use StoreService or a job): %s", what.c_str());
}

} // namespace

void installGuiThreadStoreCheck(GuiThreadCheck mode)
{
    g_mode.store(int(mode));
    store::setThreadCheck(mode == GuiThreadCheck::Off ? nullptr : &check);
}

void installGuiThreadStoreCheckFromEnvironment()
{
    const QByteArray v = qgetenv("SHOPPILOT_GUI_THREAD_CHECK").toLower();
    installGuiThreadStoreCheck(v == "abort" ? GuiThreadCheck::Abort : v == "warn" ? GuiThreadCheck::Warn : GuiThreadCheck::Off);
}

int guiThreadStoreViolations() { return g_violations.load(); }

} // namespace shoppilot::ui
