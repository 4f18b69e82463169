#include "overview/overview_format.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QTimeZone>
#include <cmath>

#include "common/money.h"

namespace shoppilot::ui::fmt {

QString currencySymbol(const QString& code)
{
    static const struct {
        const char* code;
        const char* symbol;
    } kSymbols[] = {
        {"GBP", "£"},  {"USD", "$"},   {"EUR", "€"},  {"CNY", "¥"},  {"JPY", "¥"},   {"AUD", "A$"},
        {"CAD", "CA$"}, {"HKD", "HK$"}, {"SGD", "S$"}, {"INR", "₹"}, {"KRW", "₩"}, {"NZD", "NZ$"},
    };
    for (const auto& s : kSymbols)
        if (code == QLatin1String(s.code))
            return QString::fromUtf8(s.symbol);
    return code.isEmpty() ? QString() : code + QChar(0x00A0);
}

double toMajor(double minor, const QString& currency)
{
    return minor / std::pow(10.0, currencyExponent(currency.toStdString()));
}

QString money(double minor, const QString& currency, int decimals)
{
    if (decimals < 0)
        decimals = currencyExponent(currency.toStdString());
    return QLocale().toCurrencyString(toMajor(minor, currency), currencySymbol(currency), decimals);
}

QString moneyShort(double minor, const QString& currency)
{
    return money(minor, currency, std::abs(toMajor(minor, currency)) >= 10000.0 ? 0 : -1);
}

QString moneyPlain(std::int64_t minor, const QString& currency)
{
    return QString::fromStdString(formatMinorUnits(minor, currencyExponent(currency.toStdString())));
}

QString count(std::int64_t n)
{
    return QLocale().toString(qlonglong(n));
}

QString percent(double fraction, int decimals)
{
    const QLocale locale;
    return locale.toString(fraction * 100.0, 'f', decimals) + locale.percent();
}

QDate utcDate(Timestamp ts)
{
    return QDateTime::fromSecsSinceEpoch(ts, QTimeZone::utc()).date();
}

Timestamp utcStart(const QDate& date)
{
    return date.startOfDay(QTimeZone::utc()).toSecsSinceEpoch();
}

bool chineseUi()
{
    return QLocale().language() == QLocale::Chinese;
}

QString bucketLabel(const QDate& start, kpi::Granularity grain)
{
    const QLocale locale;
    const bool zh = chineseUi();
    switch (grain) {
    case kpi::Granularity::Day:
        return locale.toString(start, zh ? QStringLiteral("yyyy年M月d日") : QStringLiteral("dd MMM yyyy"));
    case kpi::Granularity::Week:
        return QCoreApplication::translate("shoppilot::ui::OverviewPanel", "Week of %1")
            .arg(locale.toString(start, zh ? QStringLiteral("yyyy年M月d日") : QStringLiteral("dd MMM yyyy")));
    case kpi::Granularity::Month:
        return locale.toString(start, zh ? QStringLiteral("yyyy年M月") : QStringLiteral("MMMM yyyy"));
    }
    return {};
}

QString axisDateFormat(kpi::Granularity grain)
{
    const bool zh = chineseUi();
    if (grain == kpi::Granularity::Month)
        return zh ? QStringLiteral("yyyy年M月") : QStringLiteral("MMM yyyy");
    return zh ? QStringLiteral("M月d日") : QStringLiteral("d MMM");
}

} // namespace shoppilot::ui::fmt
