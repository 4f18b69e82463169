#include "common/thread_priority.h"

#if defined(__linux__)
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace shoppilot {

void useBackgroundPriority() noexcept
{
#if defined(__linux__)
    constexpr int kBackgroundNice = 10;
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    errno = 0;
    const int now = ::getpriority(PRIO_PROCESS, tid);
    if (errno == 0 && now < kBackgroundNice)
        (void)::setpriority(PRIO_PROCESS, tid, kBackgroundNice);
#endif
}

} // namespace shoppilot
