// Background work yields the CPU to the GUI thread. On a 2-core desk machine a sync (JSON and
// SQLite), a model fit and the store's writer can keep both cores busy; at the same priority the
// GUI thread then waits its turn and a 30 ms repaint becomes a 90 ms stall. Threads that do
// background work call this once: on Linux each thread has its own nice value, set here to
// +10 (a plain user can lower priority, never raise it back, so there is no "restore").
#pragma once

namespace shoppilot {

// Lowers the calling thread's scheduling priority to "background" (nice 10). Idempotent; a
// failure (an OS without per-thread priorities) leaves the priority as it was.
void useBackgroundPriority() noexcept;

} // namespace shoppilot
