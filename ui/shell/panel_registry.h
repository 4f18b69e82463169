// The shell knows panels only through this registry: id, title, icon and a factory. Adding a
// panel is one line in panel_registry.cpp plus its folder. No placeholders: a panel is listed
// once its issue delivers it.
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

struct PanelInfo {
    QString id;          // stable, used in settings and tests
    const char* title;   // QT_TRANSLATE_NOOP("Panels", ...)
    QString iconPath;    // resource path of an SVG icon
    std::function<QWidget*(const PanelContext&, QWidget* parent)> create;

    QString translatedTitle() const;
};

const std::vector<PanelInfo>& panels();

} // namespace shoppilot::ui
