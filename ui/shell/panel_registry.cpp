#include "shell/panel_registry.h"

#include <QCoreApplication>

#include "overview/overview_panel.h"
#include "recs/recs_panel.h"

namespace shoppilot::ui {

QString PanelInfo::translatedTitle() const
{
    return QCoreApplication::translate("Panels", title);
}

const std::vector<PanelInfo>& panels()
{
    // One line per delivered panel, in sidebar order.
    static const std::vector<PanelInfo> list{
        {QStringLiteral("overview"), QT_TRANSLATE_NOOP("Panels", "Overview"), QStringLiteral(":/icons/overview.svg"),
         createOverviewPanel},
        {QStringLiteral("recs"), QT_TRANSLATE_NOOP("Panels", "Recommendations"), QStringLiteral(":/icons/recs.svg"),
         createRecsPanel},
    };
    return list;
}

} // namespace shoppilot::ui
