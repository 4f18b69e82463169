#include "shell/panel_registry.h"

#include <QCoreApplication>

namespace shoppilot::ui {

QString PanelInfo::translatedTitle() const
{
    return QCoreApplication::translate("Panels", title);
}

const std::vector<PanelInfo>& panels()
{
    // One line per delivered panel, in sidebar order.
    static const std::vector<PanelInfo> list{
    };
    return list;
}

} // namespace shoppilot::ui
