// Translated words for core/segments' ids: RFM group names, feature names, cluster profile
// facts, fairness dimensions and model names (core gives ids and numbers; the UI says them).
#pragma once

#include <QString>

#include "segments/cluster_profile.h"
#include "segments/rfm.h"

namespace shoppilot::ui {

QString rfmGroupName(segments::RfmGroup group);
QString rfmGroupName(int group);
QString featureName(const QString& column);
// A profile fact in words, as core's describeFact says it in English ("orders often (45.0 orders)").
QString factText(const segments::ProfileFact& fact);
QString dimensionName(const QString& dimension);
QString modelName(const QString& model);
// tenureBand()'s bands ("< 3 months" ...), translated.
QString tenureBandName(const QString& band);
QString percent(double fraction, int decimals = 0);

} // namespace shoppilot::ui
