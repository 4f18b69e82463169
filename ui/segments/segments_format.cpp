#include "segments/segments_format.h"

#include <QCoreApplication>
#include <QLocale>
#include <algorithm>

namespace shoppilot::ui {

namespace {

// The English labels are rfmGroupLabel's, in RfmGroup order.
constexpr const char* kGroupNames[segments::kRfmGroupCount] = {
    QT_TRANSLATE_NOOP("SegmentsFormat", "Champions"),      QT_TRANSLATE_NOOP("SegmentsFormat", "Loyal"),
    QT_TRANSLATE_NOOP("SegmentsFormat", "Potential loyalists"), QT_TRANSLATE_NOOP("SegmentsFormat", "New"),
    QT_TRANSLATE_NOOP("SegmentsFormat", "Promising"),      QT_TRANSLATE_NOOP("SegmentsFormat", "Need attention"),
    QT_TRANSLATE_NOOP("SegmentsFormat", "At risk"),        QT_TRANSLATE_NOOP("SegmentsFormat", "Can't lose"),
    QT_TRANSLATE_NOOP("SegmentsFormat", "Hibernating"),    QT_TRANSLATE_NOOP("SegmentsFormat", "Lost"),
};

QString trs(const char* text)
{
    return QCoreApplication::translate("SegmentsFormat", text);
}

QString num(double v, int decimals)
{
    return QLocale().toString(v, 'f', decimals);
}

QString every(double days)
{
    if (days >= 60)
        return QCoreApplication::translate("SegmentsFormat", "every %1 months").arg(num(days / 30.0, 0));
    if (days >= 14)
        return QCoreApplication::translate("SegmentsFormat", "every %1 weeks").arg(num(days / 7.0, 0));
    return QCoreApplication::translate("SegmentsFormat", "every %1 days").arg(num(std::max(1.0, days), 0));
}

} // namespace

QString rfmGroupName(segments::RfmGroup group)
{
    return rfmGroupName(int(group));
}

QString rfmGroupName(int group)
{
    if (group < 0 || group >= segments::kRfmGroupCount)
        return QCoreApplication::translate("SegmentsFormat", "New customers");
    return trs(kGroupNames[group]);
}

QString percent(double fraction, int decimals)
{
    return QLocale().toString(fraction * 100, 'f', decimals) + QLatin1Char('%');
}

QString featureName(const QString& c)
{
    if (c.startsWith(QLatin1String("share:")))
        return QCoreApplication::translate("SegmentsFormat", "share of %1").arg(c.mid(6));
    static const struct {
        const char* id;
        const char* name;
    } kNames[] = {
        {"recency_days", QT_TRANSLATE_NOOP("SegmentsFormat", "days since the last order")},
        {"frequency", QT_TRANSLATE_NOOP("SegmentsFormat", "orders")},
        {"monetary", QT_TRANSLATE_NOOP("SegmentsFormat", "spend")},
        {"avg_order_value", QT_TRANSLATE_NOOP("SegmentsFormat", "average order value")},
        {"tenure_days", QT_TRANSLATE_NOOP("SegmentsFormat", "days since the first order")},
        {"interval_days", QT_TRANSLATE_NOOP("SegmentsFormat", "days between orders")},
        {"overdue_ratio", QT_TRANSLATE_NOOP("SegmentsFormat", "overdue ratio")},
        {"return_rate", QT_TRANSLATE_NOOP("SegmentsFormat", "return rate")},
        {"discount_share", QT_TRANSLATE_NOOP("SegmentsFormat", "discount share")},
        {"sessions_per_month", QT_TRANSLATE_NOOP("SegmentsFormat", "sessions a month")},
        {"views_per_session", QT_TRANSLATE_NOOP("SegmentsFormat", "views a session")},
        {"app_share", QT_TRANSLATE_NOOP("SegmentsFormat", "app share")},
    };
    for (const auto& n : kNames)
        if (c == QLatin1String(n.id))
            return trs(n.name);
    return c;
}

QString factText(const segments::ProfileFact& x)
{
    const bool high = x.z > 0;
    const double v = x.clusterMean;
    const QString f = QString::fromStdString(x.feature);
    if (f.startsWith(QLatin1String("share:"))) {
        const QString cat = f.mid(6);
        return high ? QCoreApplication::translate("SegmentsFormat", "buys mostly %1 (%2 of items)").arg(cat, percent(v)) : QCoreApplication::translate("SegmentsFormat", "seldom buys %1").arg(cat);
    }
    if (f == QLatin1String("interval_days"))
        return high ? QCoreApplication::translate("SegmentsFormat", "buys only %1").arg(every(v)) : QCoreApplication::translate("SegmentsFormat", "buys %1").arg(every(v));
    if (f == QLatin1String("frequency"))
        return high ? QCoreApplication::translate("SegmentsFormat", "orders often (%1 orders)").arg(num(v, 1)) : QCoreApplication::translate("SegmentsFormat", "few orders (%1)").arg(num(v, 1));
    if (f == QLatin1String("recency_days"))
        return high ? QCoreApplication::translate("SegmentsFormat", "last bought %1 days ago").arg(num(v, 0)) : QCoreApplication::translate("SegmentsFormat", "bought recently (%1 days ago)").arg(num(v, 0));
    if (f == QLatin1String("monetary"))
        return high ? QCoreApplication::translate("SegmentsFormat", "spends a lot (%1)").arg(num(v, 0)) : QCoreApplication::translate("SegmentsFormat", "spends little (%1)").arg(num(v, 0));
    if (f == QLatin1String("avg_order_value"))
        return high ? QCoreApplication::translate("SegmentsFormat", "large baskets (%1 an order)").arg(num(v, 0)) : QCoreApplication::translate("SegmentsFormat", "small baskets (%1 an order)").arg(num(v, 0));
    if (f == QLatin1String("tenure_days"))
        return high ? QCoreApplication::translate("SegmentsFormat", "long-standing (first order %1 months ago)").arg(num(v / 30.0, 0))
                    : QCoreApplication::translate("SegmentsFormat", "new (first order %1 days ago)").arg(num(v, 0));
    if (f == QLatin1String("discount_share")) {
        if (high)
            return v >= 0.5 ? QCoreApplication::translate("SegmentsFormat", "rarely without a coupon (%1 of orders)").arg(percent(v))
                            : QCoreApplication::translate("SegmentsFormat", "often uses coupons (%1 of orders)").arg(percent(v));
        return QCoreApplication::translate("SegmentsFormat", "seldom uses coupons");
    }
    if (f == QLatin1String("overdue_ratio"))
        return high ? QCoreApplication::translate("SegmentsFormat", "overdue (%1 times their usual gap since the last order)").arg(num(v, 1))
                    : QCoreApplication::translate("SegmentsFormat", "buying on their usual rhythm");
    if (f == QLatin1String("return_rate"))
        return high ? QCoreApplication::translate("SegmentsFormat", "returns often (%1 of orders)").arg(percent(v)) : QCoreApplication::translate("SegmentsFormat", "rarely returns");
    if (f == QLatin1String("sessions_per_month"))
        return high ? QCoreApplication::translate("SegmentsFormat", "visits often (%1 sessions a month)").arg(num(v, 1))
                    : QCoreApplication::translate("SegmentsFormat", "rarely visits (%1 sessions a month)").arg(num(v, 1));
    if (f == QLatin1String("views_per_session"))
        return high ? QCoreApplication::translate("SegmentsFormat", "browses a lot (%1 views a session)").arg(num(v, 0)) : QCoreApplication::translate("SegmentsFormat", "browses little");
    if (f == QLatin1String("app_share"))
        return high ? QCoreApplication::translate("SegmentsFormat", "mostly on the app") : QCoreApplication::translate("SegmentsFormat", "mostly on the web");
    return high ? QCoreApplication::translate("SegmentsFormat", "high %1").arg(featureName(f)) : QCoreApplication::translate("SegmentsFormat", "low %1").arg(featureName(f));
}

QString dimensionName(const QString& d)
{
    if (d == QLatin1String("country"))
        return QCoreApplication::translate("SegmentsFormat", "Country");
    if (d == QLatin1String("device"))
        return QCoreApplication::translate("SegmentsFormat", "Device");
    if (d == QLatin1String("channel"))
        return QCoreApplication::translate("SegmentsFormat", "Channel");
    if (d == QLatin1String("tenure"))
        return QCoreApplication::translate("SegmentsFormat", "Tenure");
    return d;
}

QString tenureBandName(const QString& band)
{
    if (band == QLatin1String("< 3 months"))
        return QCoreApplication::translate("SegmentsFormat", "< 3 months");
    if (band == QLatin1String("3-12 months"))
        return QCoreApplication::translate("SegmentsFormat", "3-12 months");
    if (band == QLatin1String("1-2 years"))
        return QCoreApplication::translate("SegmentsFormat", "1-2 years");
    if (band == QLatin1String("2+ years"))
        return QCoreApplication::translate("SegmentsFormat", "2+ years");
    return band;
}

QString modelName(const QString& m)
{
    if (m == QLatin1String("learned"))
        return QCoreApplication::translate("SegmentsFormat", "learned model (LibTorch)");
    if (m == QLatin1String("bgnbd"))
        return QCoreApplication::translate("SegmentsFormat", "BG/NBD + Gamma-Gamma");
    if (m == QLatin1String("recency"))
        return QCoreApplication::translate("SegmentsFormat", "recency baseline");
    if (m == QLatin1String("frequent"))
        return QCoreApplication::translate("SegmentsFormat", "the customer's most frequent categories");
    return m;
}

} // namespace shoppilot::ui
