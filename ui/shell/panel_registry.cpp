#include "shell/panel_registry.h"

#include <QCoreApplication>

#include "overview/overview_panel.h"
#include "pricing/pricing_panel.h"
#include "recs/recs_panel.h"
#include "risk/risk_panel.h"

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
        {QStringLiteral("pricing"), QT_TRANSLATE_NOOP("Panels", "Pricing"), QStringLiteral(":/icons/pricing.svg"),
         createPricingPanel},
        {QStringLiteral("risk"), QT_TRANSLATE_NOOP("Panels", "Risk"), QStringLiteral(":/icons/risk.svg"), createRiskPanel},
    };
    return list;
}

} // namespace shoppilot::ui
