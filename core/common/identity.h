// Who the app writes into the audit log: one actor name for every panel and command, so an
// audit trail reads the same whichever panel made the change.
#pragma once

#include <string>

namespace shoppilot {

// "shoppilot:" + the OS user ($USER), or "shoppilot:user" when it is not set.
std::string actorName();

} // namespace shoppilot
