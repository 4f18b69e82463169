#include "sync/woo_sync.h"

#include "store/store_access.h"

#include <algorithm>
#include <atomic>
#include <future>
#include <cstdio>
#include <ctime>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "common/money.h"
#include "store/repositories.h"
#include "sync/event_feed.h"
#include "sync/http_client.h"
#include "sync/woo_format.h"
#include "sync/woo_store.h"

namespace shoppilot::sync {

namespace {

using store::Database;
using store::Statement;
using Clock = std::chrono::steady_clock;

constexpr const char* kApi = "/wp-json/wc/v3/";
constexpr std::size_t kPagesPerWindow = 8; // per connection: bounds pages buffered out of order

Timestamp nowTs() { return Timestamp(std::time(nullptr)); }

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

HttpOptions httpOptions(const SyncOptions& o)
{
    HttpOptions h;
    h.timeout = o.timeout;
    h.maxRetries = o.maxRetries;
    h.backoffBase = o.backoffBase;
    h.backoffMax = o.backoffMax;
    h.retryAfterCap = o.retryAfterCap;
    h.connections = std::max(1, o.connections);
    h.caFile = o.caFile;
    if (!o.key.empty() || !o.secret.empty()) {
        if (o.queryStringAuth) {
            h.extraQuery = {{"consumer_key", o.key}, {"consumer_secret", o.secret}};
        } else {
            h.basicUser = o.key;
            h.basicPassword = o.secret;
        }
    }
    h.redact = {o.secret};
    return h;
}

std::optional<std::string> readCursor(Database& db, const std::string& source, std::string_view resource)
{
    Statement st(db, "SELECT cursor FROM sync_state WHERE source = ? AND resource = ?");
    st.bind(1, source).bind(2, resource);
    if (st.step() && !st.isNull(0))
        return st.columnText(0);
    return std::nullopt;
}

void writeState(Database& db, const std::string& source, std::string_view resource,
                const std::optional<std::string>& cursor)
{
    Statement st(db, "INSERT INTO sync_state(source, resource, cursor, last_synced_at, last_error) "
                     "VALUES(?1,?2,?3,?4,NULL) ON CONFLICT(source, resource) DO UPDATE SET "
                     "cursor = coalesce(excluded.cursor, cursor), last_synced_at = excluded.last_synced_at, "
                     "last_error = NULL");
    st.bind(1, source).bind(2, resource).bind(3, cursor).bind(4, nowTs());
    st.step();
}

void writeError(Database& db, const std::string& source, std::string_view resource, std::string_view error)
{
    try {
        if (!db.autocommit())
            return;
        Statement st(db, "INSERT INTO sync_state(source, resource, last_error) VALUES(?1,?2,?3) "
                         "ON CONFLICT(source, resource) DO UPDATE SET last_error = excluded.last_error");
        st.bind(1, source).bind(2, resource).bind(3, error);
        st.step();
    } catch (const std::exception&) {
        // Recording the error must not hide it.
    }
}

void addResult(ResourceReport& rep, const ApplyResult& r)
{
    rep.applied += r.applied;
    rep.skippedStale += r.skippedStale;
    rep.duplicates += r.duplicates;
    rep.resolved += r.resolvedQuarantine;
    rep.unresolvedRefs += r.unresolvedRefs;
    for (const auto& n : r.notes)
        if (rep.notes.size() < 5)
            rep.notes.push_back(n);
}

std::int64_t headerInt(const HttpResponse& r, std::string_view name, std::int64_t fallback)
{
    if (auto v = r.header(name)) {
        try {
            return std::stoll(*v);
        } catch (const std::exception&) {
        }
    }
    return fallback;
}

bool isArrayBody(const HttpResponse& r)
{
    try {
        woo::splitArray(r.body);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

// The time a record moves its resource's cursor: customers by registration (their list has no
// modified filter), everything else by modification.
Timestamp cursorTimeOf(const woo::Customer& c) { return c.row.createdAt; }
template <typename T>
Timestamp cursorTimeOf(const T& x) { return x.modifiedAt; }

// One setting's value from a settings group body: [{"id":"woocommerce_currency","value":"GBP",...}].
std::optional<std::string> settingValue(const nlohmann::json& group, std::string_view id)
{
    if (!group.is_array())
        return std::nullopt;
    for (const auto& s : group) {
        if (!s.is_object())
            continue;
        auto i = s.find("id");
        auto v = s.find("value");
        if (i != s.end() && i->is_string() && *i == id && v != s.end()) {
            if (v->is_string())
                return v->get<std::string>();
            if (v->is_number_integer())
                return std::to_string(v->get<std::int64_t>());
        }
    }
    return std::nullopt;
}

// What the shop says about its currency, decimals and weight unit. Each endpoint may be refused
// (a read key of a user without manage_woocommerce, an old WooCommerce): what it cannot read
// stays unknown and the last stored value is used.
woo::ShopContext fetchShopContext(HttpClient& http, const Progress& progress, std::vector<std::string>& notes)
{
    woo::ShopContext shop;
    auto get = [&](const std::string& target) -> std::optional<nlohmann::json> {
        HttpRequest rq;
        rq.target = kApi + target;
        rq.returnHttpErrors = true;
        const auto resp = http.request(rq, progress);
        if (!resp.ok()) {
            notes.push_back("GET " + target + ": HTTP " + std::to_string(resp.status) + " (shop setting not read)");
            return std::nullopt;
        }
        try {
            return nlohmann::json::parse(resp.body);
        } catch (const std::exception&) {
            notes.push_back("GET " + target + ": not JSON (shop setting not read)");
            return std::nullopt;
        }
    };
    if (auto general = get("settings/general")) {
        shop.currency = settingValue(*general, "woocommerce_currency").value_or("");
        if (auto d = settingValue(*general, "woocommerce_price_num_decimals")) {
            try {
                shop.priceDecimals = std::clamp(std::stoi(*d), 0, 8);
            } catch (const std::exception&) {
            }
        }
    }
    if (shop.currency.empty()) {
        if (auto current = get("data/currencies/current"); current && current->is_object()) {
            auto code = current->find("code");
            if (code != current->end() && code->is_string())
                shop.currency = code->get<std::string>();
        }
    }
    if (auto products = get("settings/products"))
        shop.weightUnit = settingValue(*products, "woocommerce_weight_unit").value_or("");
    if (!shop.weightUnit.empty() && !woo::weightToGrams("1", shop.weightUnit)) {
        notes.push_back("unknown weight unit '" + shop.weightUnit + "': weights read as kg");
        shop.weightUnit.clear();
    }
    return shop;
}

// Syncs one of products / customers / orders.
class ResourceSync {
public:
    ResourceSync(store::StoreAccess& store, HttpClient& http, const SyncOptions& o, std::string source,
                 std::string resource, ResourceReport& report, Progress progress)
        : m_store(store), m_http(http), m_o(o), m_source(std::move(source)), m_resource(std::move(resource)),
          m_report(report), m_progress(std::move(progress))
    {
    }

    void run()
    {
        m_report.resource = m_resource;
        inTurn([&] {
            if (auto c = readCursor(*m_dbp, m_source, m_resource))
                m_cursor = woo::parseWooDate(*c);
            m_shop = readShopContext(*m_dbp);
        });
        tick(0.0, "retrying quarantined " + m_resource);
        retryQuarantined();
        if (m_resource == "customers") {
            runCustomers();
        } else {
            for (int pass = 0; pass < 4; ++pass) {
                if (!runPass())
                    break;
            }
        }
        if (m_resource == "products")
            fetchVariations();
        // Records broken in transit are fetched again alone; once none is open, the cursor need
        // no longer wait for them.
        tick(m_fraction, "retrying quarantined " + m_resource);
        retryQuarantined();
        releaseCursor();
        m_report.cursor = m_cursor ? woo::formatWooDate(*m_cursor) : "";
    }

private:
    // The process's one writer: each page is one turn, so panel writes and webhooks interleave
    // with a long sync instead of waiting for all of it (network waits hold no turn).
    store::StoreAccess& m_store;
    Database* m_dbp = nullptr; // the writer connection, during a turn only

    template <typename F>
    void inTurn(F&& f)
    {
        m_store.write([&](Database& db) {
            m_dbp = &db;
            try {
                f();
            } catch (...) {
                m_dbp = nullptr;
                throw;
            }
            m_dbp = nullptr;
        });
    }
    HttpClient& m_http;
    const SyncOptions& m_o;
    std::string m_source, m_resource;
    ResourceReport& m_report;
    Progress m_progress;
    std::optional<Timestamp> m_cursor; // committed
    std::optional<Timestamp> m_maxSeen; // newest good record read in this run
    bool m_held = false;
    bool m_deferCursor = false; // customers' newest-first walk: the cursor moves only at its end
    woo::ShopContext m_shop;
    std::vector<std::pair<std::string, std::string>> m_variableParents; // (Woo id, title) seen this run
    double m_fraction = 0;
    std::string m_what;

    void tick(double f, std::string what)
    {
        m_fraction = f;
        m_what = std::move(what);
        if (m_progress && !m_progress(m_fraction, m_what))
            throw Cancelled();
    }
    Progress httpProgress()
    {
        return [this](double, std::string_view) { return !m_progress || m_progress(m_fraction, m_what); };
    }

    std::string listTarget(int page, std::optional<Timestamp> after) const
    {
        std::string t = kApi + m_resource + "?page=" + std::to_string(page) + "&per_page="
                        + std::to_string(std::clamp(m_o.perPage, 1, 100))
                        + "&orderby=modified&order=asc&dates_are_gmt=true";
        if (after)
            t += "&modified_after=" + urlEncode(woo::formatWooDate(*after));
        return t;
    }

    HttpRequest listRequest(int page, std::optional<Timestamp> after) const
    {
        HttpRequest rq;
        rq.target = listTarget(page, after);
        rq.validate = isArrayBody; // a truncated page is fetched again
        return rq;
    }

    // Returns true when the data changed under us during the pass (another pass is due).
    bool runPass()
    {
        std::optional<Timestamp> after;
        if (m_cursor)
            after = *m_cursor - std::max(1, m_o.overlapSeconds);
        return fetchPages([&](int page) { return listRequest(page, after); });
    }

    HttpRequest customerRequest(int page, std::string_view orderby, std::string_view order) const
    {
        HttpRequest rq;
        rq.target = kApi + m_resource + "?page=" + std::to_string(page) + "&per_page="
                    + std::to_string(std::clamp(m_o.perPage, 1, 100)) + "&orderby=" + std::string(orderby)
                    + "&order=" + std::string(order) + "&role=all";
        rq.validate = isArrayBody;
        return rq;
    }

    // Customers: a full pass by id (the change check), or the newest registrations only.
    void runCustomers()
    {
        std::optional<Timestamp> lastFull;
        inTurn([&] {
            if (auto c = readCursor(*m_dbp, m_source, "customers:full"))
                lastFull = woo::parseWooDate(*c);
        });
        const Timestamp started = nowTs();
        const bool full = !lastFull || m_o.customerFullPassHours <= 0
                          || started - *lastFull >= Timestamp(m_o.customerFullPassHours) * 3600;
        m_report.fullPass = full;
        if (full) {
            for (int pass = 0; pass < 4; ++pass)
                if (!fetchPages([&](int page) { return customerRequest(page, "id", "asc"); }))
                    break;
            inTurn([&] {
                store::Transaction tx(*m_dbp);
                writeState(*m_dbp, m_source, "customers:full", woo::formatWooDate(started));
                tx.commit();
            });
            return;
        }
        // Newest registrations first, until the ones this store has seen (minus the overlap).
        const Timestamp stopAt = m_cursor ? *m_cursor - std::max(1, m_o.overlapSeconds) : 0;
        m_deferCursor = true;
        for (int page = 1;; ++page) {
            tick(m_fraction, "customers: new registrations, page " + std::to_string(page));
            auto resp = m_http.request(customerRequest(page, "registered_date", "desc"), httpProgress());
            const std::int64_t totalPages = headerInt(resp, "x-wp-totalpages", 1);
            const auto elements = woo::splitArray(resp.body);
            bool reached = elements.empty();
            for (const auto& raw : elements) {
                try {
                    if (woo::parseCustomer(raw, m_shop).row.createdAt <= stopAt)
                        reached = true;
                } catch (const std::exception&) {
                    // applyPage quarantines it
                }
            }
            applyPage(resp.body);
            if (reached || page >= totalPages)
                break;
        }
        m_deferCursor = false;
    }

    // Fetches every page `makeRequest` names (page 1 first, the rest concurrently, applied in
    // order). Returns true when the data changed under us during the pass (another pass is due).
    template <typename MakeRequest>
    bool fetchPages(MakeRequest makeRequest)
    {
        m_held = false;
        tick(m_fraction, "fetching " + m_resource);
        auto first = m_http.request(makeRequest(1), httpProgress());
        const std::int64_t totalPages = std::max<std::int64_t>(1, headerInt(first, "x-wp-totalpages", 1));
        std::int64_t maxPagesSeen = totalPages;
        applyPage(first.body);
        tick(1.0 / double(totalPages), m_resource + ": page 1 of " + std::to_string(totalPages));

        const std::size_t window = kPagesPerWindow * std::size_t(std::max(1, m_o.connections));
        for (std::int64_t start = 2; start <= totalPages; start += std::int64_t(window)) {
            const std::int64_t end = std::min<std::int64_t>(totalPages, start + std::int64_t(window) - 1);
            std::vector<HttpRequest> requests;
            for (std::int64_t p = start; p <= end; ++p)
                requests.push_back(makeRequest(int(p)));
            // Parsing a page on a worker while this thread writes the pages before it was
            // measured: no gain (the orders phase waits on the shop's pages, not on the parser).
            std::map<std::size_t, std::string> pending;
            std::size_t nextToApply = 0;
            m_http.requestAll(requests, httpProgress(), [&](std::size_t i, HttpResponse& r) {
                maxPagesSeen = std::max(maxPagesSeen, headerInt(r, "x-wp-totalpages", 0));
                pending.emplace(i, std::move(r.body));
                r.body.clear();
                while (!pending.empty() && pending.begin()->first == nextToApply) {
                    applyPage(pending.begin()->second);
                    pending.erase(pending.begin());
                    ++nextToApply;
                    const auto page = start + std::int64_t(nextToApply) - 1;
                    tick(double(page) / double(totalPages),
                         m_resource + ": page " + std::to_string(page) + " of " + std::to_string(totalPages));
                }
            });
        }
        return maxPagesSeen > totalPages;
    }

    // Variations of the variable products read in this run, one parent at a time.
    void fetchVariations()
    {
        std::sort(m_variableParents.begin(), m_variableParents.end());
        m_variableParents.erase(std::unique(m_variableParents.begin(), m_variableParents.end(),
                                            [](const auto& a, const auto& b) { return a.first == b.first; }),
                                m_variableParents.end());
        for (const auto& [parent, title] : m_variableParents) {
            tick(m_fraction, "products: variations of " + parent);
            for (int page = 1;; ++page) {
                HttpRequest rq;
                rq.target = kApi + std::string("products/") + urlEncode(parent) + "/variations?page=" + std::to_string(page)
                            + "&per_page=" + std::to_string(std::clamp(m_o.perPage, 1, 100));
                rq.validate = isArrayBody;
                rq.returnHttpErrors = true; // a parent deleted since: nothing to fetch
                auto resp = m_http.request(rq, httpProgress());
                if (!resp.ok()) {
                    if (m_report.notes.size() < 5)
                        m_report.notes.push_back("variations of product " + parent + ": HTTP " + std::to_string(resp.status));
                    break;
                }
                const auto elements = woo::splitArray(resp.body);
                ++m_report.pages;
                inTurn([&] {
                    store::Transaction tx(*m_dbp);
                    const Timestamp now = nowTs();
                    std::vector<woo::Product> good;
                    std::int64_t bad = 0;
                    for (const auto& raw : elements) {
                        ++m_report.fetched;
                        ++m_report.variations;
                        try {
                            good.push_back(woo::parseVariation(raw, parent, title, m_shop));
                        } catch (const Cancelled&) {
                            throw;
                        } catch (const std::exception& e) {
                            quarantineRecord(*m_dbp, m_source, "products", extractExternalId(raw), e.what(), raw, now);
                            ++bad;
                        }
                    }
                    const ApplyResult r = applyProducts(*m_dbp, m_source, good);
                    tx.commit();
                    m_report.quarantined += bad;
                    addResult(m_report, r);
                    publishChanges(*m_dbp, r);
                });
                if (page >= headerInt(resp, "x-wp-totalpages", 1) || elements.empty())
                    break;
            }
        }
    }

    // A page parsed off the writer's turn (on a worker thread during a pass): per element, its
    // record or why it could not be read. Parsing needs no store, only the shop's settings.
    struct ParsedPage {
        std::vector<std::string> elements;
        std::vector<woo::Product> products;
        std::vector<woo::Customer> customers;
        std::vector<woo::Order> orders;
        std::vector<std::string> errors; // per element: empty = parsed
    };

    template <typename T, typename Parse>
    static void parseAll(ParsedPage& p, std::vector<T>& out, Parse parse)
    {
        for (std::size_t i = 0; i < p.elements.size(); ++i) {
            try {
                T item = parse(p.elements[i]);
                if (!item.row.externalId || item.row.externalId->empty())
                    throw Error(ErrorCode::Parse, "record without an id");
                out.push_back(std::move(item));
            } catch (const Cancelled&) {
                throw;
            } catch (const std::exception& e) {
                p.errors[i] = e.what();
                if (p.errors[i].empty())
                    p.errors[i] = "unreadable record";
            }
        }
    }

    // Throws for a page that is not a JSON array (as the writer would).
    static ParsedPage parsePage(const std::string& body, const std::string& resource, const woo::ShopContext& shop)
    {
        ParsedPage p;
        p.elements = woo::splitArray(body);
        p.errors.assign(p.elements.size(), std::string());
        if (resource == "products")
            parseAll(p, p.products, [&](const std::string& s) { return woo::parseProduct(s, shop); });
        else if (resource == "customers")
            parseAll(p, p.customers, [&](const std::string& s) { return woo::parseCustomer(s, shop); });
        else
            parseAll(p, p.orders, [&](const std::string& s) { return woo::parseOrder(s, shop); });
        return p;
    }

    // In element order: good records advance the cursor candidate (until a new bad one holds it),
    // bad ones are quarantined.
    template <typename T>
    std::vector<T> collect(ParsedPage& p, std::vector<T>& parsed, std::optional<Timestamp>& candidate,
                           const Timestamp receivedAt)
    {
        std::vector<T> good;
        good.reserve(parsed.size());
        std::size_t next = 0;
        for (std::size_t i = 0; i < p.elements.size(); ++i) {
            ++m_report.fetched;
            if (p.errors[i].empty()) {
                T& item = parsed[next++];
                const Timestamp t = cursorTimeOf(item);
                if (!m_held && !m_deferCursor)
                    candidate = std::max(candidate.value_or(t), t);
                m_maxSeen = std::max(m_maxSeen.value_or(t), t);
                good.push_back(std::move(item));
                continue;
            }
            const auto& raw = p.elements[i];
            const auto ext = extractExternalId(raw);
            const bool seenBefore = ext && isQuarantined(*m_dbp, m_source, m_resource, *ext);
            quarantineRecord(*m_dbp, m_source, m_resource, ext, p.errors[i], raw, receivedAt);
            ++m_report.quarantined;
            if (!seenBefore)
                m_held = true;
        }
        return good;
    }

    ApplyResult applyParsed(ParsedPage& page, std::optional<Timestamp>& candidate)
    {
        const Timestamp now = nowTs();
        if (m_resource == "products") {
            std::vector<woo::Product> good = collect(page, page.products, candidate, now);
            for (const auto& p : good)
                if (p.type == "variable")
                    m_variableParents.emplace_back(*p.row.externalId, p.row.titleEn);
            return applyProducts(*m_dbp, m_source, good);
        }
        if (m_resource == "customers") {
            std::vector<woo::Customer> good = collect(page, page.customers, candidate, now);
            return applyCustomers(*m_dbp, m_source, good);
        }
        std::vector<woo::Order> good = collect(page, page.orders, candidate, now);
        for (const auto& o : good) {
            // WooCommerce's own identity: line totals (after discounts) + fees + shipping + tax.
            std::int64_t sum = o.feesMinor + o.row.shippingMinor + o.row.taxMinor;
            for (const auto& li : o.items)
                sum += li.totalMinor;
            ++m_report.totalsChecked;
            if (sum != o.row.totalMinor) {
                ++m_report.totalsMismatched;
                if (m_report.notes.size() < 5)
                    m_report.notes.push_back("order " + o.row.externalId.value_or("?") + ": lines + fees + shipping + tax = "
                                             + std::to_string(sum) + " but total = " + std::to_string(o.row.totalMinor)
                                             + " (minor units; kept as the shop sent it)");
            }
        }
        return applyOrders(*m_dbp, m_source, good);
    }

    void applyPage(const std::string& body) { applyPage(parsePage(body, m_resource, m_shop)); }

    // One page: rows, quarantine and the advanced cursor in one transaction.
    void applyPage(ParsedPage page)
    {
        ++m_report.pages;
        const std::int64_t quarantinedBefore = m_report.quarantined;
        inTurn([&] {
            store::Transaction tx(*m_dbp);
            std::optional<Timestamp> candidate;
            ApplyResult r = applyParsed(page, candidate);
            std::optional<Timestamp> next = m_cursor;
            if (candidate && (!next || *candidate > *next))
                next = candidate;
            writeState(*m_dbp, m_source, m_resource,
                       next ? std::optional<std::string>(woo::formatWooDate(*next)) : std::nullopt);
            tx.commit();
            m_cursor = next;
            addResult(m_report, r);
            publishChanges(*m_dbp, r);
            if (m_report.quarantined > quarantinedBefore)
                m_dbp->changeFeed().publish(store::Change{"sync_quarantine", store::ChangeKind::Upsert,
                                                          m_report.quarantined - quarantinedBefore, {}});
        });
    }

    void releaseCursor()
    {
        if (!m_maxSeen || (m_cursor && *m_maxSeen <= *m_cursor))
            return;
        inTurn([&] {
            store::Transaction tx(*m_dbp);
            Statement open(*m_dbp, "SELECT count(*) FROM sync_quarantine WHERE source = ? AND resource = ?");
            open.bind(1, m_source).bind(2, m_resource);
            if (open.step() && open.columnInt(0) > 0)
                return; // rolls back: nothing written
            writeState(*m_dbp, m_source, m_resource, woo::formatWooDate(*m_maxSeen));
            tx.commit();
            m_cursor = m_maxSeen;
        });
    }

    // Records quarantined (by this or earlier runs) are fetched again one by one.
    void retryQuarantined()
    {
        std::vector<std::string> ids;
        inTurn([&] {
            Statement st(*m_dbp, "SELECT DISTINCT external_id FROM sync_quarantine WHERE source = ? AND resource = ? "
                                 "AND external_id IS NOT NULL ORDER BY id LIMIT 1000");
            st.bind(1, m_source).bind(2, m_resource);
            while (st.step())
                ids.push_back(st.columnText(0));
        });
        if (ids.empty())
            return;
        std::vector<HttpRequest> requests;
        for (const auto& id : ids) {
            HttpRequest rq;
            rq.target = kApi + m_resource + "/" + urlEncode(id);
            rq.returnHttpErrors = true; // a 404 (deleted, or no single-record route) leaves it as is
            requests.push_back(std::move(rq));
        }
        m_http.requestAll(requests, httpProgress(), [&](std::size_t, HttpResponse& resp) {
            if (!resp.ok())
                return;
            try {
                inTurn([&] {
                    store::Transaction tx(*m_dbp);
                    const ApplyResult r = applyWooPayload(*m_dbp, m_source, m_resource, resp.body);
                    if (m_resource == "products")
                        if (const auto p = woo::parseProduct(resp.body, m_shop); p.type == "variable")
                            m_variableParents.emplace_back(*p.row.externalId, p.row.titleEn);
                    tx.commit();
                    addResult(m_report, r);
                    publishChanges(*m_dbp, r);
                });
            } catch (const Cancelled&) {
                throw;
            } catch (const std::exception&) {
                // Still bad: it stays quarantined (and no longer holds the cursor).
            }
        });
    }
};

void syncEvents(store::StoreAccess& access, HttpClient& http, const SyncOptions& o, const std::string& source,
                ResourceReport& report, const Progress& progress, bool& noFeed)
{
    report.resource = "events";
    EventFeedClient feed(http);
    std::string cursor =
        access.write([&](Database& db) { return readCursor(db, source, "events"); }).value_or("");
    double fraction = 0;
    std::string what = "fetching events";
    Progress httpProgress = [&](double, std::string_view) { return !progress || progress(fraction, what); };
    const int limit = std::clamp(o.eventsPerPage, 1, 10000);
    // The next page is fetched (and parsed) on a second thread while this one writes the current
    // page: a full page of good events ends at the cursor the write will commit, so the fetch
    // need not wait for it. Anything else (a bad line holding the cursor, a short page) fetches
    // in turn as before. The HTTP client is used by one thread at a time.
    struct Ahead {
        std::atomic<bool> stop{false};
        std::future<FeedPage> page;
        std::string cursor;
        ~Ahead() { drop(); }
        void drop()
        {
            if (!page.valid())
                return;
            stop = true;
            try {
                page.get();
            } catch (...) {
            }
            stop = false;
        }
    } ahead;
    const Progress aheadProgress = [&ahead](double, std::string_view) { return !ahead.stop.load(); };
    for (int stalls = 0; stalls < 3;) {
        FeedPage page;
        if (ahead.page.valid() && ahead.cursor == cursor) {
            page = ahead.page.get();
        } else {
            ahead.drop();
            page = feed.fetch(cursor, limit, 0, httpProgress);
        }
        if (!page.absent && std::int64_t(page.lines.size()) == limit
            && std::all_of(page.lines.begin(), page.lines.end(), [](const FeedLine& l) { return l.event.has_value(); })) {
            std::int64_t current = 0;
            try {
                current = cursor.empty() ? 0 : std::stoll(cursor);
            } catch (const std::exception&) {
            }
            if (page.lines.back().event->id > current) {
                ahead.cursor = std::to_string(page.lines.back().event->id);
                ahead.page = std::async(std::launch::async, [&feed, &aheadProgress, c = ahead.cursor, limit] {
                    return feed.fetch(c, limit, 0, aheadProgress);
                });
            }
        }
        if (page.absent) {
            // A real WooCommerce: /shoppilot/v1/events is our plugin's route (rest_no_route).
            noFeed = true;
            report.notes.push_back("this shop has no ShopPilot event feed (HTTP 404): no browsing events; "
                                   "orders still arrive by REST and webhooks");
            access.write([&](Database& db) {
                store::Transaction tx(db);
                writeState(db, source, "events", std::nullopt);
                db.setMeta("shop.event_feed", "absent");
                tx.commit();
            });
            break;
        }
        if (page.lines.empty())
            break;
        ++report.pages;
        const Timestamp now = nowTs();
        bool held = false;
        std::optional<std::int64_t> lastGood;
        std::vector<store::EventRow> good;
        std::int64_t quarantined = 0;
        std::string next = cursor;
        access.write([&](Database& db) {
            store::Transaction tx(db);
            for (auto& line : page.lines) {
                ++report.fetched;
                if (line.event) {
                    if (!held)
                        lastGood = line.event->id;
                    good.push_back(std::move(*line.event));
                    continue;
                }
                const bool seenBefore = line.externalId && isQuarantined(db, source, "events", *line.externalId);
                quarantineRecord(db, source, "events", line.externalId, line.error, line.raw, now);
                ++quarantined;
                if (!seenBefore)
                    held = true;
            }
            const ApplyResult r = applyEvents(db, source, good);
            if (lastGood) {
                std::int64_t current = 0;
                try {
                    current = cursor.empty() ? 0 : std::stoll(cursor);
                } catch (const std::exception&) {
                }
                if (*lastGood > current)
                    next = std::to_string(*lastGood);
            }
            writeState(db, source, "events", next.empty() ? std::nullopt : std::optional<std::string>(next));
            tx.commit();
            report.quarantined += quarantined;
            addResult(report, r);
            publishChanges(db, r);
            if (quarantined)
                db.changeFeed().publish(store::Change{"sync_quarantine", store::ChangeKind::Upsert, quarantined, {}});
        });
        stalls = next == cursor ? stalls + 1 : 0;
        cursor = next;
        what = "events: " + std::to_string(report.fetched) + " read";
        fraction = std::min(0.95, fraction + (1.0 - fraction) * 0.05);
        if (progress && !progress(fraction, what))
            throw Cancelled();
        if (!held && std::int64_t(page.lines.size()) < limit)
            break;
    }
    report.cursor = cursor;
}

} // namespace

std::string syncSource(const SyncOptions& options)
{
    std::string url = options.baseUrl;
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return "woocommerce:" + url;
}

SyncReport syncWoo(Database& db, const SyncOptions& options, const Progress& progress)
{
    return syncWoo(*store::StoreAccess::wrap(db), options, progress);
}

SyncReport syncWoo(store::StoreAccess& access, const SyncOptions& options, const Progress& progress)
{
    const auto started = Clock::now();
    for (const auto& r : options.resources)
        if (r != "products" && r != "customers" && r != "orders" && r != "events")
            throw Error(ErrorCode::InvalidArgument,
                        "unknown resource '" + r + "' (products, customers, orders, events)");
    if (access.readOnly())
        throw Error(ErrorCode::ReadOnly, access.path() + " is open read-only; sync needs to write it");
    SyncReport report;
    report.source = syncSource(options);
    HttpClient http(options.baseUrl, httpOptions(options));
    std::vector<std::string> order;
    for (const char* r : {"products", "customers", "orders", "events"})
        if (std::find(options.resources.begin(), options.resources.end(), r) != options.resources.end())
            order.emplace_back(r);
    if (std::any_of(order.begin(), order.end(), [](const std::string& r) { return r != "events"; })) {
        std::vector<std::string> notes;
        if (progress && !progress(0.0, "reading the shop's settings"))
            throw Cancelled();
        const woo::ShopContext shop = fetchShopContext(http, progress, notes);
        access.write([&](Database& db) {
            store::Transaction tx(db);
            writeShopContext(db, shop);
            tx.commit();
        });
        report.shopCurrency = shop.currency;
        report.shopPriceDecimals = shop.priceDecimals;
        report.shopWeightUnit = shop.weightUnit;
        report.shopNotes = std::move(notes);
    }
    for (std::size_t i = 0; i < order.size(); ++i) {
        const auto& resource = order[i];
        report.resources.emplace_back();
        auto& rep = report.resources.back();
        rep.resource = resource;
        const auto t0 = Clock::now();
        const double from = double(i) / double(order.size()), to = double(i + 1) / double(order.size());
        Progress sub = [&progress, from, to](double f, std::string_view what) {
            return !progress || progress(from + (to - from) * std::clamp(f, 0.0, 1.0), what);
        };
        try {
            if (resource == "events") {
                syncEvents(access, http, options, report.source, rep, sub, report.eventFeedAbsent);
                if (!report.eventFeedAbsent)
                    access.write([&](Database& db) {
                        if (db.meta("shop.event_feed"))
                            db.setMeta("shop.event_feed", "present");
                    });
            } else {
                ResourceSync rs(access, http, options, report.source, resource, rep, sub);
                rs.run();
            }
        } catch (const Cancelled&) {
            access.write([&](Database& db) { writeError(db, report.source, resource, "cancelled"); });
            throw;
        } catch (const std::exception& e) {
            access.write([&](Database& db) { writeError(db, report.source, resource, e.what()); });
            throw;
        }
        rep.seconds = secondsSince(t0);
    }
    const auto s = http.stats();
    report.requests = s.requests;
    report.retries = s.retries;
    report.rateLimited = s.rateLimited;
    report.seconds = secondsSince(started);
    report.completed = true;
    if (progress)
        progress(1.0, "sync complete");
    return report;
}

std::int64_t SyncReport::totalApplied() const
{
    std::int64_t n = 0;
    for (const auto& r : resources)
        n += r.applied;
    return n;
}

std::int64_t SyncReport::totalFetched() const
{
    std::int64_t n = 0;
    for (const auto& r : resources)
        n += r.fetched;
    return n;
}

std::int64_t SyncReport::totalQuarantined() const
{
    std::int64_t n = 0;
    for (const auto& r : resources)
        n += r.quarantined;
    return n;
}

std::string SyncReport::summary() const
{
    std::string s = (completed ? "Sync with " : "Incomplete sync with ") + source.substr(source.find(':') + 1);
    char buf[256];
    std::snprintf(buf, sizeof buf, " in %.1f s (%lld requests, %lld retries, %lld rate-limited)\n", seconds,
                  static_cast<long long>(requests), static_cast<long long>(retries),
                  static_cast<long long>(rateLimited));
    s += buf;
    if (!shopCurrency.empty() || !shopWeightUnit.empty())
        s += "  shop: currency " + (shopCurrency.empty() ? std::string("unknown") : shopCurrency)
             + (shopPriceDecimals >= 0 ? ", " + std::to_string(shopPriceDecimals) + " decimals" : std::string())
             + ", weights in " + (shopWeightUnit.empty() ? std::string("kg") : shopWeightUnit) + "\n";
    for (const auto& n : shopNotes)
        s += "  " + n + "\n";
    if (eventFeedAbsent)
        s += "  no event feed: the shop does not serve /shoppilot/v1/events (a plain WooCommerce)\n";
    for (const auto& r : resources) {
        std::snprintf(buf, sizeof buf,
                      "  %-9s %8lld fetched, %8lld applied, %6lld stale, %6lld already stored, %5lld quarantined, "
                      "%lld pages, %.1f s\n",
                      r.resource.c_str(), static_cast<long long>(r.fetched), static_cast<long long>(r.applied),
                      static_cast<long long>(r.skippedStale), static_cast<long long>(r.duplicates),
                      static_cast<long long>(r.quarantined), static_cast<long long>(r.pages), r.seconds);
        s += buf;
        if (r.resolved)
            s += "            " + std::to_string(r.resolved) + " quarantined record(s) arrived good and were closed\n";
        if (r.variations)
            s += "            " + std::to_string(r.variations) + " variation(s) of variable products\n";
        if (r.resource == "customers")
            s += std::string("            ") + (r.fullPass ? "full pass (every customer, by id)" : "new registrations only")
                 + "\n";
        if (r.totalsChecked)
            s += "            " + std::to_string(r.totalsChecked - r.totalsMismatched) + " of " + std::to_string(r.totalsChecked)
                 + " orders: lines + fees + shipping + tax = total\n";
        if (r.unresolvedRefs)
            s += "            " + std::to_string(r.unresolvedRefs)
                 + " reference(s) to unknown records kept as empty\n";
        for (const auto& n : r.notes)
            s += "            " + n + "\n";
    }
    if (totalQuarantined())
        s += "  bad records are kept in sync_quarantine with the reason and the raw payload\n";
    return s;
}

std::string SyncReport::toJson() const
{
    nlohmann::json res = nlohmann::json::object();
    for (const auto& r : resources)
        res[r.resource] = {{"fetched", r.fetched},           {"applied", r.applied},
                           {"skipped_stale", r.skippedStale}, {"duplicates", r.duplicates},
                           {"quarantined", r.quarantined},    {"resolved", r.resolved},
                           {"unresolved_refs", r.unresolvedRefs}, {"pages", r.pages},
                           {"cursor", r.cursor},              {"seconds", r.seconds},
                           {"notes", r.notes},                {"variations", r.variations},
                           {"totals_checked", r.totalsChecked}, {"totals_mismatched", r.totalsMismatched},
                           {"full_pass", r.fullPass}};
    return nlohmann::json{{"source", source.substr(source.find(':') + 1)},
                          {"completed", completed},
                          {"resources", res},
                          {"requests", requests},
                          {"retries", retries},
                          {"rate_limited", rateLimited},
                          {"fetched", totalFetched()},
                          {"applied", totalApplied()},
                          {"quarantined", totalQuarantined()},
                          {"event_feed", eventFeedAbsent ? "absent" : "present"},
                          {"shop", {{"currency", shopCurrency}, {"price_decimals", shopPriceDecimals},
                                    {"weight_unit", shopWeightUnit}, {"notes", shopNotes}}},
                          {"seconds", seconds}}
        .dump();
}

void pushPrice(Database& db, const SyncOptions& options, store::Id productId, std::int64_t newPriceMinor,
               std::string_view actor, const Progress& progress)
{
    if (newPriceMinor < 0)
        throw Error(ErrorCode::InvalidArgument, "a price cannot be negative");
    std::string externalId, currency;
    std::int64_t oldPrice = 0;
    {
        Statement st(db, "SELECT external_id, price_minor, currency FROM products WHERE id = ?");
        st.bind(1, productId);
        if (!st.step())
            throw Error(ErrorCode::NotFound, "no product " + std::to_string(productId) + " in the store");
        if (st.isNull(0))
            throw Error(ErrorCode::InvalidArgument, "product " + std::to_string(productId)
                                                        + " is not linked to the shop (no external id): sync it first");
        externalId = st.columnText(0);
        oldPrice = st.columnInt(1);
        currency = st.columnText(2);
    }
    const int exponent = currencyExponent(currency);
    HttpClient http(options.baseUrl, httpOptions(options));
    HttpRequest rq;
    rq.method = "PUT";
    rq.target = std::string(kApi) + "products/" + urlEncode(externalId);
    rq.body = nlohmann::json{{"regular_price", formatMinorUnits(newPriceMinor, exponent)}}.dump();
    const auto resp = http.request(rq, progress);

    const Timestamp now = nowTs();
    Timestamp modified = now;
    try {
        modified = woo::parseProduct(resp.body).modifiedAt;
    } catch (const std::exception&) {
        // The shop said yes; an answer we cannot read does not undo that.
    }
    store::Transaction tx(db);
    {
        Statement up(db, "UPDATE products SET price_minor = ?, updated_at = max(updated_at, ?) WHERE id = ?");
        up.bind(1, newPriceMinor).bind(2, modified).bind(3, productId);
        up.step();
    }
    const store::PricePointRow point{productId, now, newPriceMinor, false, "shoppilot"};
    store::upsertPriceHistory(db, std::span<const store::PricePointRow>(&point, 1));
    const auto details = nlohmann::json{{"from", formatMinorUnits(oldPrice, exponent)},
                                        {"to", formatMinorUnits(newPriceMinor, exponent)},
                                        {"from_minor", oldPrice},
                                        {"to_minor", newPriceMinor},
                                        {"currency", currency},
                                        {"external_id", externalId}}
                             .dump();
    store::appendAudit(db, now, actor, "price.push", "product", std::to_string(productId), details);
    tx.commit();
    db.changeFeed().publish(store::Change{"products", store::ChangeKind::Upsert, 1, {productId}});
    db.changeFeed().publish(store::Change{"price_history", store::ChangeKind::Upsert, 1, {productId}});
    db.changeFeed().publish(store::Change{"audit_log", store::ChangeKind::Upsert, 1, {}});
}

ConnectionTest testConnection(const SyncOptions& options, const Progress& progress)
{
    ConnectionTest t;
    try {
        auto h = httpOptions(options);
        h.maxRetries = std::min(h.maxRetries, 1);
        h.timeout = std::min(h.timeout, std::chrono::milliseconds(10000));
        h.connections = 1;
        HttpClient http(options.baseUrl, h);
        HttpRequest rq;
        rq.target = std::string(kApi) + "products?per_page=1";
        rq.validate = isArrayBody;
        const auto resp = http.request(rq, progress);
        t.products = headerInt(resp, "x-wp-total", -1);
        t.ok = true;
        t.message = t.products >= 0 ? "connected: " + std::to_string(t.products) + " products"
                                    : "connected (the shop did not say how many products it has)";
    } catch (const Cancelled&) {
        throw;
    } catch (const std::exception& e) {
        t.ok = false;
        t.message = e.what();
    }
    return t;
}

} // namespace shoppilot::sync
