#include "common/identity.h"

#include <cstdlib>

namespace shoppilot {

std::string actorName()
{
    const char* user = std::getenv("USER");
    return std::string("shoppilot:") + (user && *user ? user : "user");
}

} // namespace shoppilot
