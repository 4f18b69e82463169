// The main() of every UI test: like QTEST_MAIN (with the app's GuardedApplication), plus the
// GUI-thread store check in abort mode,
// so a panel that opens, queries or writes the store on the GUI thread fails the test with the
// SQL named. Fixture code that builds or inspects a store on the test's thread says so with
// `store::ThreadCheckExemption allow;`.
#pragma once

#include <QApplication>
#include <QTest>

#include "shell/guarded_application.h"
#include "shell/gui_thread_check.h"
#include "store/database.h"

#define SHOPPILOT_GUI_TEST_MAIN(TestObject)                                                                  \
    int main(int argc, char* argv[])                                                                         \
    {                                                                                                        \
        shoppilot::ui::GuardedApplication app(argc, argv);                                                                      \
        app.setAttribute(Qt::AA_Use96Dpi, true);                                                             \
        shoppilot::ui::installGuiThreadStoreCheck(shoppilot::ui::GuiThreadCheck::Abort);                     \
        TestObject tc;                                                                                       \
        QTEST_SET_MAIN_SOURCE_PATH                                                                           \
        return QTest::qExec(&tc, argc, argv);                                                                \
    }
