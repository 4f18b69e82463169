// Client of ShopPilot's clickstream event feed (GET /shoppilot/v1/events, NDJSON, cursor +
// long-polling). The contract a shop's tracker meets:
//   GET {base}/shoppilot/v1/events?cursor=C&limit=L&wait=S
//   -> 200, Content-Type application/x-ndjson, one event per line (see woo::eventJson), in
//      ascending id order, only ids > C; header X-Next-Cursor = the id to pass next time.
//      With no new events the server holds the request up to S seconds before answering empty.
// The sync engine stores the cursor (the last event id it committed) in sync_state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/progress.h"
#include "store/records.h"

namespace shoppilot::sync {

class HttpClient;

struct FeedLine {
    std::string raw;
    std::optional<store::EventRow> event; // set when the line parsed
    std::string error;                    // why it did not
    std::optional<std::string> externalId;// the line's id when it could be read at all
};

struct FeedPage {
    std::vector<FeedLine> lines;
    std::optional<std::string> nextCursor; // X-Next-Cursor
    bool absent = false; // the shop answered 404: it has no ShopPilot event feed (a real WooCommerce)
};

class EventFeedClient {
public:
    explicit EventFeedClient(HttpClient& http) : m_http(http) {}

    // One page after `cursor` (empty = from the start). waitSeconds > 0 long-polls. A page whose
    // last line is cut off (a truncated body that still matched its length) is fetched again.
    // A 404 (WooCommerce's rest_no_route: the feed plugin is not installed) returns a page with
    // absent = true; other HTTP errors throw Error(Network).
    FeedPage fetch(std::string_view cursor, int limit, int waitSeconds, const Progress& progress = {});

private:
    HttpClient& m_http;
};

// Splits an NDJSON body into parsed lines (empty lines ignored).
FeedPage parseFeedBody(std::string_view body);

} // namespace shoppilot::sync
