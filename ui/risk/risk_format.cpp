#include "risk/risk_format.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>
#include <cmath>

#include "risk/features.h"

namespace shoppilot::ui::riskfmt {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("RiskReasons", s);
}

QString n(double v, int decimals = 0)
{
    return QLocale().toString(v, 'f', decimals);
}

} // namespace

QString reasonText(const risk::Reason& r)
{
    using namespace risk;
    const double v = r.value;
    const bool yes = v > 0.5;
    switch (Feature(r.feature)) {
    case FAmountLog: return tr("Order amount %1").arg(n(std::expm1(v), 2));
    case FAmountVsHistory: return tr("Amount is %1× the customer's average").arg(n(v, 1));
    case FAccountAgeDays: return tr("Account created %1 days before the order").arg(n(v, 1));
    case FFirstOrder: return yes ? tr("The customer's first order") : tr("A returning customer");
    case FPriorOrders: return tr("%1 earlier orders by the customer").arg(n(v));
    case FCustomer1h: return tr("%1 orders by the customer in the last hour").arg(n(v));
    case FCustomer24h: return tr("%1 orders by the customer in the last 24 hours").arg(n(v));
    case FDevice1h: return tr("%1 orders from this device in the last hour").arg(n(v));
    case FDevice24h: return tr("%1 orders from this device in the last 24 hours").arg(n(v));
    case FIp1h: return tr("%1 orders from this IP address in the last hour").arg(n(v));
    case FIp24h: return tr("%1 orders from this IP address in the last 24 hours").arg(n(v));
    case FCard1h: return tr("%1 orders with this card in the last hour").arg(n(v));
    case FCard24h: return tr("%1 orders with this card in the last 24 hours").arg(n(v));
    case FAddress24h: return tr("%1 orders to this address in the last 24 hours").arg(n(v));
    case FDeviceAccounts: return tr("%1 accounts used this device").arg(n(v));
    case FIpAccounts: return tr("%1 accounts used this IP address").arg(n(v));
    case FCardAccounts: return tr("%1 accounts used this card").arg(n(v));
    case FAddressAccounts: return tr("%1 accounts ship to this address").arg(n(v));
    case FBillShipMismatch: return yes ? tr("Shipping country differs from billing country") : tr("Shipping and billing country match");
    case FIpBillMismatch: return yes ? tr("IP country differs from billing country") : tr("IP country matches billing country");
    case FIpShipMismatch: return yes ? tr("IP country differs from shipping country") : tr("IP country matches shipping country");
    case FNewPaymentMethod: return yes ? tr("A payment method the customer never used before") : tr("A known payment method");
    case FCustomerCards: return tr("%1 payment methods used by the customer").arg(n(v));
    case FCustomerFailed24h: return tr("%1 failed orders by the customer in the last 24 hours").arg(n(v));
    case FLines: return tr("%1 order lines").arg(n(v));
    case FUnits: return tr("%1 units").arg(n(v));
    case FCategories: return tr("%1 categories in the basket").arg(n(v));
    case FNewCategoryShare: return tr("%1% of items from categories new to the customer").arg(n(100 * v));
    case FMaxUnitPriceLog: return tr("Most expensive item %1").arg(n(std::expm1(v), 2));
    case FDeviceLinkedFraud: return yes ? tr("Device shared with an order confirmed as fraud") : tr("Device not linked to fraud");
    case FIpLinkedFraud: return yes ? tr("IP address shared with an order confirmed as fraud") : tr("IP address not linked to fraud");
    case FCardLinkedFraud: return yes ? tr("Card shared with an order confirmed as fraud") : tr("Card not linked to fraud");
    case FAddressLinkedFraud: return yes ? tr("Shipping address shared with an order confirmed as fraud") : tr("Address not linked to fraud");
    case FCustomerPriorFraud: return yes ? tr("The customer has an earlier order confirmed as fraud") : tr("No fraud on the customer's record");
    case FHourOfDay: return tr("Placed at %1:00 UTC").arg(n(v));
    case FSecondsSincePrevLog: return tr("%1 minutes since the customer's previous order").arg(n(std::expm1(v) / 60.0, 1));
    case FeatureCount: break;
    }
    return QString::fromLatin1(featureKey(r.feature));
}

QString featureName(const QString& key)
{
    const int f = risk::featureByKey(key.toStdString());
    if (f < 0)
        return key;
    risk::Reason r{f, 2.0f, 0};
    // The phrase for a typical value, without the number: enough to name the pattern.
    QString t = reasonText(r);
    t.remove(QRegularExpression(QStringLiteral("^[0-9.,%×]+\\s*")));
    return t;
}

QString levelText(const QString& level)
{
    if (level == QLatin1String("high"))
        return tr("High");
    if (level == QLatin1String("review"))
        return tr("Review");
    if (level == QLatin1String("low"))
        return tr("Low");
    return level;
}

QString statusText(const QString& status)
{
    if (status == QLatin1String("open"))
        return tr("Open");
    if (status == QLatin1String("approved"))
        return tr("Approved");
    if (status == QLatin1String("rejected"))
        return tr("Rejected");
    if (status == QLatin1String("escalated"))
        return tr("Escalated");
    return status;
}

QString score(float s)
{
    return QLocale().toString(double(s), 'f', s < 1 ? 2 : 1);
}

QString money(std::int64_t minor, const QString& currency)
{
    return QLocale().toString(double(minor) / 100.0, 'f', 2) + QLatin1Char(' ') + currency;
}

QString dateTime(Timestamp ts)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(ts).toLocalTime(), QLocale::ShortFormat);
}

} // namespace shoppilot::ui::riskfmt
