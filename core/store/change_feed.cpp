#include "store/change_feed.h"

#include <map>
#include <memory>

namespace shoppilot::store {

ChangeFeed::Token ChangeFeed::subscribe(Callback cb)
{
    std::lock_guard lock(m_mutex);
    const Token t = m_next++;
    m_subscribers.emplace_back(t, std::move(cb));
    return t;
}

void ChangeFeed::unsubscribe(Token token)
{
    std::lock_guard lock(m_mutex);
    std::erase_if(m_subscribers, [token](const auto& s) { return s.first == token; });
}

void ChangeFeed::publish(const Change& change)
{
    std::vector<Callback> targets;
    {
        std::lock_guard lock(m_mutex);
        for (const auto& [token, cb] : m_subscribers)
            targets.push_back(cb);
    }
    // Called outside the lock so a subscriber may (un)subscribe from inside its callback.
    for (const auto& cb : targets) {
        try {
            cb(change);
        } catch (...) {
        }
    }
}

ChangeFeed& changeFeedFor(const std::string& canonicalPath)
{
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<ChangeFeed>> feeds;
    std::lock_guard lock(mutex);
    auto& slot = feeds[canonicalPath];
    if (!slot)
        slot = std::make_unique<ChangeFeed>();
    return *slot;
}

} // namespace shoppilot::store
