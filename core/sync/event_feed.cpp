#include "sync/event_feed.h"

#include "common/error.h"
#include "sync/http_client.h"
#include "sync/woo_format.h"
#include "sync/woo_store.h"

namespace shoppilot::sync {

FeedPage parseFeedBody(std::string_view body)
{
    FeedPage page;
    std::size_t pos = 0;
    while (pos < body.size()) {
        auto end = body.find('\n', pos);
        if (end == std::string_view::npos)
            end = body.size();
        std::string_view line = body.substr(pos, end - pos);
        pos = end + 1;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.remove_suffix(1);
        if (line.empty())
            continue;
        FeedLine fl;
        fl.raw = std::string(line);
        try {
            fl.event = woo::parseEvent(line);
            fl.externalId = std::to_string(fl.event->id);
        } catch (const std::exception& e) {
            fl.error = e.what();
            fl.externalId = extractExternalId(line);
        }
        page.lines.push_back(std::move(fl));
    }
    return page;
}

FeedPage EventFeedClient::fetch(std::string_view cursor, int limit, int waitSeconds, const Progress& progress)
{
    HttpRequest rq;
    rq.target = "/shoppilot/v1/events?limit=" + std::to_string(limit) + "&wait=" + std::to_string(waitSeconds);
    if (!cursor.empty())
        rq.target += "&cursor=" + urlEncode(cursor);
    rq.validate = [](const HttpResponse& r) {
        // A cut-off last line is a transport fault; a bad line in the middle is a bad record.
        if (r.body.empty() || r.body.back() == '\n')
            return true;
        auto page = parseFeedBody(r.body);
        return page.lines.empty() || page.lines.back().event.has_value();
    };
    rq.returnHttpErrors = true;
    const auto resp = m_http.request(rq, progress);
    if (resp.status == 404) {
        FeedPage none;
        none.absent = true;
        return none;
    }
    if (!resp.ok()) {
        std::string snippet = resp.body.substr(0, 200);
        for (auto& ch : snippet)
            if (ch == '\n' || ch == '\r')
                ch = ' ';
        std::string hint = resp.status == 401 || resp.status == 403 ? " (check the consumer key and secret)" : "";
        throw Error(ErrorCode::Network, "GET /shoppilot/v1/events failed: HTTP " + std::to_string(resp.status)
                                            + (snippet.empty() ? "" : ": " + snippet) + hint);
    }
    FeedPage page = parseFeedBody(resp.body);
    page.nextCursor = resp.header("x-next-cursor");
    return page;
}

} // namespace shoppilot::sync
