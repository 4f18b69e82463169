// How the Overview formats its figures for the current QLocale (set by the language setting):
// money from integer minor units and an ISO 4217 code, counts, rates and bucket dates.
#pragma once

#include <QDate>
#include <QString>
#include <cstdint>

#include "common/time.h"
#include "kpi/kpi.h"

namespace shoppilot::ui::fmt {

// "£" for GBP, "$" for USD ...; the code itself for currencies without a well-known symbol.
QString currencySymbol(const QString& code);
// Minor units to major units as a double (only for display and charts, never stored).
double toMajor(double minor, const QString& currency);
// Locale currency text; decimals < 0 means the currency's own exponent.
QString money(double minor, const QString& currency, int decimals = -1);
// Big amounts without the minor digits (cards, where space is short).
QString moneyShort(double minor, const QString& currency);
// Exact, locale-independent decimal ("1234.50") for CSV files.
QString moneyPlain(std::int64_t minor, const QString& currency);
QString count(std::int64_t n);
// 0.1234 -> "12.3%"
QString percent(double fraction, int decimals = 1);

// The UTC calendar date of a timestamp: KPI buckets are UTC days.
QDate utcDate(Timestamp ts);
Timestamp utcStart(const QDate& date);
// A bucket's label: "02 Oct 2026", "Week of 28 Sep 2026", "October 2026".
QString bucketLabel(const QDate& start, kpi::Granularity grain);
// The format for the time-series x axis.
QString axisDateFormat(kpi::Granularity grain);
// True when the UI speaks Chinese (then category names use their Chinese label).
bool chineseUi();

} // namespace shoppilot::ui::fmt
