// The shell knows panels only through this registry: order, id, title, icon and a factory. Each
// panel joins it from its own .cpp with SHOPPILOT_REGISTER_PANEL, so adding a panel adds files
// and the shell includes no panel header (tools/layering/rules.txt forbids it). No placeholders:
// a panel is listed once its issue delivers it.
#pragma once

#include <QIcon>
#include <QString>
#include <QWidget>
#include <functional>
#include <vector>

namespace shoppilot::ui {

class ViewState;
class JobRunner;

// What a panel gets from the shell (no globals: tests build panels over a tiny store).
struct PanelContext {
    ViewState* view = nullptr;
    JobRunner* jobs = nullptr;
};

using PanelFactory = std::function<QWidget*(const PanelContext&, QWidget* parent)>;

struct PanelInfo {
    int order = 0;       // sidebar position, ascending (see the table below); ties by id
    QString id;          // stable, used in settings and tests
    const char* title;   // QT_TRANSLATE_NOOP("Panels", ...)
    QString iconPath;    // resource path of an SVG icon
    PanelFactory create;

    QString translatedTitle() const;
};

// Every registered panel, sorted by order. Complete once main() runs (registration happens during
// static initialisation).
const std::vector<PanelInfo>& panels();

// Adds a panel; a second panel with an id already taken is refused (logged). Returns whether it
// was added. Called by SHOPPILOT_REGISTER_PANEL; tests may call it too.
bool registerPanel(PanelInfo info);

} // namespace shoppilot::ui

// SHOPPILOT_REGISTER_PANEL(order, "id", QT_TRANSLATE_NOOP("Panels", "Title"), ":/icons/id.svg", factory)
// at namespace scope in the panel's .cpp. Sidebar order (DESIGN.md's eight panels, gaps left):
//   10 overview   20 recs   30 pricing   40 segments   50 support   60 risk   70 campaigns
//   80 logistics
// The panel libraries are linked whole (ui/CMakeLists.txt): nothing else references the registrar.
#define SHOPPILOT_REGISTER_PANEL(order, id, title, icon, factory) \
    SHOPPILOT_REGISTER_PANEL_AT_(__LINE__, order, id, title, icon, factory)
#define SHOPPILOT_REGISTER_PANEL_AT_(line, order, id, title, icon, factory) \
    SHOPPILOT_REGISTER_PANEL_NAMED_(SHOPPILOT_REGISTER_PANEL_CAT_(shoppilotPanelRegistered_, line), order, id, title, \
                                    icon, factory)
#define SHOPPILOT_REGISTER_PANEL_CAT_(a, b) a##b
#define SHOPPILOT_REGISTER_PANEL_NAMED_(name, order, id, title, icon, factory) \
    namespace { \
    [[maybe_unused]] const bool name = ::shoppilot::ui::registerPanel( \
        ::shoppilot::ui::PanelInfo{(order), QStringLiteral(id), (title), QStringLiteral(icon), (factory)}); \
    }
