// `shoppilot bench ui-stall`: how long the event loop stalls while the store is busy. A scripted
// user clicks through the Pricing, Risk and Recommendations panels (selects rows, types into
// search boxes, moves sliders, presses the panels' accept buttons) while a background load (a
// sync from the simulator) writes the same store; a 10 ms timer measures its own lateness. The
// baseline, in the same run, does the panels' store work inline on the GUI thread.
#pragma once

#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>

namespace shoppilot::ui {

struct UiStallOptions {
    QString storePath;
    QStringList panelIds{QStringLiteral("pricing"), QStringLiteral("risk"), QStringLiteral("recs")};
    double seconds = 20;       // of scripted clicking per mode
    int actionIntervalMs = 120; // one user action this often
    bool inlineStore = false;  // the baseline: store work on the GUI thread
    // Runs on its own thread for the whole measurement (until `stop` is set): e.g. a sync.
    std::function<void(const std::atomic<bool>& stop)> background;
    unsigned seed = 7;
};

struct UiStallResult {
    int ticks = 0;
    int actions = 0;
    int tabSwitches = 0; // the scripted user's panel changes (each its own step, before the action)
    double maxMs = 0;  // the longest a 10 ms tick came late
    double p99Ms = 0;
    double p50Ms = 0;
    QString worstAction; // what the scripted user had just done before the longest stall
    int guiThreadStoreAccesses = 0; // store calls seen on the GUI thread (0 is the rule)
};

// Needs a QApplication. Builds the panels from the registry over `storePath`, waits for their
// first loads, then measures.
UiStallResult runUiStallBench(const UiStallOptions& options);

} // namespace shoppilot::ui
