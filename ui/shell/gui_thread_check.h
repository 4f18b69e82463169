// Makes "the GUI thread never touches the store" checkable: installs core's store thread check
// so that an open, prepare, exec or step on the GUI thread aborts (tests) or warns (the app,
// when SHOPPILOT_GUI_THREAD_CHECK=warn|abort is set). See store::setThreadCheck.
#pragma once

namespace shoppilot::ui {

enum class GuiThreadCheck { Off, Warn, Abort };

void installGuiThreadStoreCheck(GuiThreadCheck mode);
// From the environment: SHOPPILOT_GUI_THREAD_CHECK = off | warn | abort (default off).
void installGuiThreadStoreCheckFromEnvironment();
// Store accesses seen on the GUI thread since installation (Warn mode counts them).
int guiThreadStoreViolations();

} // namespace shoppilot::ui
