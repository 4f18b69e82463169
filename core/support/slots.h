// Slots the support bot reads from a customer's message — order number, e-mail, phone, amount,
// date — and the masking of personal data in logs and transcripts. Only the first 4,000
// characters of a message are scanned (a 100 kB paste is answered, not choked on).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"

namespace shoppilot::support {

struct Slots {
    std::vector<std::string> orders; // as written, upper-cased ("SP-100013", "#1234" -> "1234")
    std::vector<std::string> emails;
    std::vector<std::string> phones; // digits only, with a leading '+' when given
    std::vector<double> amounts;     // with a currency sign or word (£, $, €, ¥, 元, 块, pounds, ...)
    std::optional<Timestamp> date;   // an ISO date, "today"/"yesterday", "今天"/"昨天" (relative to `now`)
};

Slots extractSlots(std::string_view message, Timestamp now);

// E-mails -> first letter + "***@domain"; phone numbers -> "***" + last 4 digits.
std::string maskPersonalData(std::string_view text);

} // namespace shoppilot::support
