// Words for the Risk panel: a reason (feature + value) as a translated phrase, level, decision
// and rule names, money and times as the analyst reads them.
#pragma once

#include <QString>

#include "common/time.h"
#include "risk/fraud_model.h"

namespace shoppilot::ui::riskfmt {

QString reasonText(const risk::Reason& r);
QString featureName(const QString& key); // short label of a feature key (filters, rules)
QString levelText(const QString& level);
QString statusText(const QString& status);
// A 0-100 score: two decimals below 1 (most orders score there), one above.
QString score(float s);
QString money(std::int64_t minor, const QString& currency);
QString dateTime(Timestamp ts);

} // namespace shoppilot::ui::riskfmt
