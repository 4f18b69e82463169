// Readers that turn randomised-campaign files into UpliftData: the Hillstrom e-mail data set
// (MineThatData, 2008: 64,000 customers, a third each "Mens E-Mail", "Womens E-Mail", "No E-Mail")
// and a generic CSV with one treatment column and one outcome column. Plain C++20, no Qt.
//
// Bad input: a file that cannot be opened -> Error(Io); a missing column, an unknown arm or
// outcome -> Error(InvalidArgument); a broken row (wrong field count, a value that is not a number
// where one is needed, an unterminated quote) -> Error(Parse) naming the file and line; a file
// without control (or treated) rows -> Error(InvalidArgument, "no control group: ...").
#pragma once

#include <string>
#include <vector>

#include "campaigns/uplift.h"

namespace shoppilot::campaigns {

// The rows of `arm` ("Mens E-Mail" or "Womens E-Mail") as treated and of "No E-Mail" as control;
// outcome "visit", "conversion" or "spend". Features: recency, log1p(history), mens, womens,
// newbie, and one-hot zip_code, channel and history_segment (one column per level seen, levels
// sorted by name).
UpliftData readHillstrom(const std::string& path, const std::string& arm, const std::string& outcome);

// Generic: rows whose treatment value equals `controlValue` (case-insensitive; when empty, any of
// "0", "control", "No E-Mail", "no", "false") are control, every other row is treated. The outcome
// must be numeric. Other columns: numeric (every value parses as a number) -> a feature;
// non-numeric with at most 50 distinct values -> one-hot (levels sorted); anything else is dropped
// and said so in UpliftData::notes, as are the `ignore`d columns (e.g. other outcomes).
UpliftData readCampaignCsv(const std::string& path, const std::string& treatmentCol, const std::string& outcomeCol,
                           const std::string& controlValue = {}, const std::vector<std::string>& ignore = {});

} // namespace shoppilot::campaigns
