// The store's change feed: Qt-free callbacks told which table changed after a commit.
// ui/ bridges it to Qt signals with a queued invokeMethod; callbacks run on the writer's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace shoppilot::store {

enum class ChangeKind { Upsert, Delete, Reset };

struct Change {
    std::string table;
    ChangeKind kind = ChangeKind::Upsert;
    std::int64_t rows = 0;
    // Primary keys touched, when the writer knows them and they are few (empty = "some rows").
    std::vector<std::int64_t> ids;
};

class ChangeFeed {
public:
    using Callback = std::function<void(const Change&)>;
    using Token = std::uint64_t;

    Token subscribe(Callback cb);
    void unsubscribe(Token token);
    // Calls every subscriber; a subscriber that throws does not stop the others.
    void publish(const Change& change);

private:
    std::mutex m_mutex;
    Token m_next = 1;
    std::vector<std::pair<Token, Callback>> m_subscribers;
};

// One feed per canonical file path, so a sync thread's writes reach the GUI's connection.
ChangeFeed& changeFeedFor(const std::string& canonicalPath);

} // namespace shoppilot::store
