#include "risk/risk_format.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>
#include <cmath>

#include "risk/features.h"

namespace shoppilot::ui::riskfmt {

// The translation context of these phrases (lupdate reads Q_DECLARE_TR_FUNCTIONS).
class RiskReasons {
    Q_DECLARE_TR_FUNCTIONS(RiskReasons)
};

namespace {

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
    case FAmountLog: return RiskReasons::tr("Order amount %1").arg(n(std::expm1(v), 2));
    case FAmountVsHistory: return RiskReasons::tr("Amount is %1× the customer's average").arg(n(v, 1));
    case FAccountAgeDays: return RiskReasons::tr("Account created %1 days before the order").arg(n(v, 1));
    case FFirstOrder: return yes ? RiskReasons::tr("The customer's first order") : RiskReasons::tr("A returning customer");
    case FPriorOrders: return RiskReasons::tr("%1 earlier orders by the customer").arg(n(v));
    case FCustomer1h: return RiskReasons::tr("%1 orders by the customer in the last hour").arg(n(v));
    case FCustomer24h: return RiskReasons::tr("%1 orders by the customer in the last 24 hours").arg(n(v));
    case FDevice1h: return RiskReasons::tr("%1 orders from this device in the last hour").arg(n(v));
    case FDevice24h: return RiskReasons::tr("%1 orders from this device in the last 24 hours").arg(n(v));
    case FIp1h: return RiskReasons::tr("%1 orders from this IP address in the last hour").arg(n(v));
    case FIp24h: return RiskReasons::tr("%1 orders from this IP address in the last 24 hours").arg(n(v));
    case FCard1h: return RiskReasons::tr("%1 orders with this card in the last hour").arg(n(v));
    case FCard24h: return RiskReasons::tr("%1 orders with this card in the last 24 hours").arg(n(v));
    case FAddress24h: return RiskReasons::tr("%1 orders to this address in the last 24 hours").arg(n(v));
    case FDeviceAccounts: return RiskReasons::tr("%1 accounts used this device").arg(n(v));
    case FIpAccounts: return RiskReasons::tr("%1 accounts used this IP address").arg(n(v));
    case FCardAccounts: return RiskReasons::tr("%1 accounts used this card").arg(n(v));
    case FAddressAccounts: return RiskReasons::tr("%1 accounts ship to this address").arg(n(v));
    case FBillShipMismatch: return yes ? RiskReasons::tr("Shipping country differs from billing country") : RiskReasons::tr("Shipping and billing country match");
    case FIpBillMismatch: return yes ? RiskReasons::tr("IP country differs from billing country") : RiskReasons::tr("IP country matches billing country");
    case FIpShipMismatch: return yes ? RiskReasons::tr("IP country differs from shipping country") : RiskReasons::tr("IP country matches shipping country");
    case FNewPaymentMethod: return yes ? RiskReasons::tr("A payment method the customer never used before") : RiskReasons::tr("A known payment method");
    case FCustomerCards: return RiskReasons::tr("%1 payment methods used by the customer").arg(n(v));
    case FCustomerFailed24h: return RiskReasons::tr("%1 failed orders by the customer in the last 24 hours").arg(n(v));
    case FLines: return RiskReasons::tr("%1 order lines").arg(n(v));
    case FUnits: return RiskReasons::tr("%1 units").arg(n(v));
    case FCategories: return RiskReasons::tr("%1 categories in the basket").arg(n(v));
    case FNewCategoryShare: return RiskReasons::tr("%1% of items from categories new to the customer").arg(n(100 * v));
    case FMaxUnitPriceLog: return RiskReasons::tr("Most expensive item %1").arg(n(std::expm1(v), 2));
    case FDeviceLinkedFraud: return yes ? RiskReasons::tr("Device shared with an order confirmed as fraud") : RiskReasons::tr("Device not linked to fraud");
    case FIpLinkedFraud: return yes ? RiskReasons::tr("IP address shared with an order confirmed as fraud") : RiskReasons::tr("IP address not linked to fraud");
    case FCardLinkedFraud: return yes ? RiskReasons::tr("Card shared with an order confirmed as fraud") : RiskReasons::tr("Card not linked to fraud");
    case FAddressLinkedFraud: return yes ? RiskReasons::tr("Shipping address shared with an order confirmed as fraud") : RiskReasons::tr("Address not linked to fraud");
    case FCustomerPriorFraud: return yes ? RiskReasons::tr("The customer has an earlier order confirmed as fraud") : RiskReasons::tr("No fraud on the customer's record");
    case FHourOfDay: return RiskReasons::tr("Placed at %1:00 UTC").arg(n(v));
    case FSecondsSincePrevLog: return RiskReasons::tr("%1 minutes since the customer's previous order").arg(n(std::expm1(v) / 60.0, 1));
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
        return RiskReasons::tr("High");
    if (level == QLatin1String("review"))
        return RiskReasons::tr("Review");
    if (level == QLatin1String("low"))
        return RiskReasons::tr("Low");
    return level;
}

QString statusText(const QString& status)
{
    if (status == QLatin1String("open"))
        return RiskReasons::tr("Open");
    if (status == QLatin1String("approved"))
        return RiskReasons::tr("Approved");
    if (status == QLatin1String("rejected"))
        return RiskReasons::tr("Rejected");
    if (status == QLatin1String("escalated"))
        return RiskReasons::tr("Escalated");
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
