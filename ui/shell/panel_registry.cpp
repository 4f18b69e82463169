#include "shell/panel_registry.h"

#include <QCoreApplication>
#include <QtGlobal>
#include <algorithm>

namespace shoppilot::ui {

namespace {

// Built on first use: panels register from other translation units' static initialisers, whose
// order relative to this file's is unspecified.
std::vector<PanelInfo>& registry()
{
    static std::vector<PanelInfo> list;
    return list;
}

} // namespace

QString PanelInfo::translatedTitle() const
{
    return QCoreApplication::translate("Panels", title);
}

const std::vector<PanelInfo>& panels()
{
    return registry();
}

bool registerPanel(PanelInfo info)
{
    auto& list = registry();
    if (info.id.isEmpty() || !info.create || !info.title) {
        qCritical("panel registry: refusing a panel without id, title or factory (%s)", qPrintable(info.id));
        return false;
    }
    if (std::any_of(list.begin(), list.end(), [&](const PanelInfo& p) { return p.id == info.id; })) {
        qCritical("panel registry: a panel with id '%s' is already registered", qPrintable(info.id));
        return false;
    }
    // Kept sorted by (order, id): the result must not depend on the order static initialisers ran.
    const auto at = std::upper_bound(list.begin(), list.end(), info, [](const PanelInfo& a, const PanelInfo& b) {
        return a.order != b.order ? a.order < b.order : a.id < b.id;
    });
    list.insert(at, std::move(info));
    return true;
}

} // namespace shoppilot::ui
