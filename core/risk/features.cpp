#include "risk/features.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "common/error.h"

namespace shoppilot::risk {

namespace {

constexpr Timestamp kHour = 3600, kDay = 86400;
constexpr Timestamp kNever = std::numeric_limits<Timestamp>::max();

constexpr std::array<const char*, FeatureCount> kKeys{
    "amount_log", "amount_vs_history", "account_age_days", "first_order", "prior_orders",
    "customer_1h", "customer_24h", "device_1h", "device_24h", "ip_1h", "ip_24h", "card_1h", "card_24h",
    "address_24h", "device_accounts", "ip_accounts", "card_accounts", "address_accounts",
    "bill_ship_mismatch", "ip_bill_mismatch", "ip_ship_mismatch", "new_payment_method", "customer_cards",
    "customer_failed_24h", "lines", "units", "categories", "new_category_share", "max_unit_price_log",
    "device_linked_fraud", "ip_linked_fraud", "card_linked_fraud", "address_linked_fraud",
    "customer_prior_fraud", "hour_of_day", "seconds_since_prev_log"};

std::string num(double v, int decimals = 0)
{
    char b[48];
    std::snprintf(b, sizeof b, "%.*f", decimals, v);
    return b;
}

} // namespace

const char* featureKey(int f)
{
    return f >= 0 && f < FeatureCount ? kKeys[std::size_t(f)] : "?";
}

int featureByKey(const std::string& key)
{
    for (int f = 0; f < FeatureCount; ++f)
        if (key == kKeys[std::size_t(f)])
            return f;
    return -1;
}

std::string describeFeature(int f, float v)
{
    switch (Feature(f)) {
    case FAmountLog: return "order amount " + num(std::expm1(double(v)), 2);
    case FAmountVsHistory: return std::isnan(v) ? "no earlier orders to compare the amount with" : "amount is " + num(v, 1) + "x the customer's average";
    case FAccountAgeDays: return "account created " + num(v, 1) + " days before the order";
    case FFirstOrder: return v > 0.5f ? "the customer's first order" : "a returning customer";
    case FPriorOrders: return num(v) + " earlier orders by the customer";
    case FCustomer1h: return num(v) + " orders by the customer in the last hour";
    case FCustomer24h: return num(v) + " orders by the customer in the last 24 hours";
    case FDevice1h: return num(v) + " orders from this device in the last hour";
    case FDevice24h: return num(v) + " orders from this device in the last 24 hours";
    case FIp1h: return num(v) + " orders from this IP address in the last hour";
    case FIp24h: return num(v) + " orders from this IP address in the last 24 hours";
    case FCard1h: return num(v) + " orders with this card in the last hour";
    case FCard24h: return num(v) + " orders with this card in the last 24 hours";
    case FAddress24h: return num(v) + " orders to this shipping address in the last 24 hours";
    case FDeviceAccounts: return num(v) + " accounts used this device";
    case FIpAccounts: return num(v) + " accounts used this IP address";
    case FCardAccounts: return num(v) + " accounts used this card";
    case FAddressAccounts: return num(v) + " accounts ship to this address";
    case FBillShipMismatch: return v > 0.5f ? "shipping country differs from billing country" : "shipping and billing country match";
    case FIpBillMismatch: return v > 0.5f ? "IP country differs from billing country" : "IP country matches billing country";
    case FIpShipMismatch: return v > 0.5f ? "IP country differs from shipping country" : "IP country matches shipping country";
    case FNewPaymentMethod: return v > 0.5f ? "a payment method the customer never used before" : "a known payment method";
    case FCustomerCards: return num(v) + " payment methods used by the customer";
    case FCustomerFailed24h: return num(v) + " failed orders by the customer in the last 24 hours";
    case FLines: return num(v) + " order lines";
    case FUnits: return num(v) + " units";
    case FCategories: return num(v) + " categories in the basket";
    case FNewCategoryShare: return num(100 * double(v)) + "% of items from categories new to the customer";
    case FMaxUnitPriceLog: return "most expensive item " + num(std::expm1(double(v)), 2);
    case FDeviceLinkedFraud: return v > 0.5f ? "device shared with an order confirmed as fraud" : "device not linked to fraud";
    case FIpLinkedFraud: return v > 0.5f ? "IP address shared with an order confirmed as fraud" : "IP not linked to fraud";
    case FCardLinkedFraud: return v > 0.5f ? "card shared with an order confirmed as fraud" : "card not linked to fraud";
    case FAddressLinkedFraud: return v > 0.5f ? "shipping address shared with an order confirmed as fraud" : "address not linked to fraud";
    case FCustomerPriorFraud: return v > 0.5f ? "the customer has an earlier order confirmed as fraud" : "no fraud on the customer's record";
    case FHourOfDay: return "placed at " + num(v) + ":00 UTC";
    case FSecondsSincePrevLog: return std::isnan(v) ? "no earlier order" : num(std::expm1(double(v)) / 60.0, 1) + " minutes since the customer's previous order";
    case FeatureCount: break;
    }
    return "?";
}

int OrderHistory::intern(const std::string& kind, const std::string& value)
{
    if (value.empty())
        return -1;
    const auto [it, added] = ids.try_emplace(kind + value, int(ids.size()));
    (void)added;
    return it->second;
}

std::vector<int> OrderHistory::labelsAsOf(Timestamp asOf) const
{
    std::vector<int> out(orders.size(), -1);
    std::vector<char> chargeback(orders.size(), 0);
    for (const auto& e : labels) {
        if (e.ts > asOf)
            break;
        const auto it = indexById.find(e.orderId);
        if (it == indexById.end())
            continue;
        const auto i = std::size_t(it->second);
        if (chargeback[i])
            continue;
        out[i] = e.label;
        chargeback[i] = e.chargeback;
    }
    return out;
}

namespace {

OrderFacts readOrder(OrderHistory& h, store::Statement& s)
{
    OrderFacts o;
    o.id = s.columnInt(0);
    o.customer = s.isNull(1) ? -1 : s.columnInt(1);
    o.ts = s.columnInt(2);
    o.amountMinor = s.columnInt(3);
    o.failed = s.columnText(4) == "failed";
    o.card = s.columnText(5) == "card";
    o.payment = h.intern("p:", s.columnText(6));
    o.device = h.intern("d:", s.columnText(7));
    o.ip = h.intern("i:", s.columnText(8));
    o.ipCountry = h.intern("c:", s.columnText(9));
    const std::string addr = s.columnText(10), post = s.columnText(11), shipC = s.columnText(12);
    o.shipAddress = addr.empty() ? -1 : h.intern("a:", addr + "|" + post + "|" + shipC);
    o.shipCountry = h.intern("c:", shipC);
    o.billCountry = h.intern("c:", s.columnText(13));
    o.customerCreated = s.isNull(14) ? o.ts : s.columnInt(14);
    return o;
}

// A macro so the two queries are single literals (GCC 12 warns falsely on string + literal here).
#define SHOPPILOT_RISK_ORDER_SELECT                                                                                    \
    "SELECT o.id, o.customer_id, o.created_at, o.total_minor, o.status, o.payment_method, o.payment_fingerprint," \
    " o.device_id, o.ip, o.ip_country, o.ship_address, o.ship_postcode, o.ship_country, o.bill_country, c.created_at" \
    " FROM orders o LEFT JOIN customers c ON c.id = o.customer_id"
const char* const kOrdersAll = SHOPPILOT_RISK_ORDER_SELECT " ORDER BY o.created_at, o.id";
const char* const kOrdersAfter = SHOPPILOT_RISK_ORDER_SELECT " WHERE o.id > ? ORDER BY o.created_at, o.id";
#undef SHOPPILOT_RISK_ORDER_SELECT

void readItems(store::Database& db, OrderHistory& h, std::int64_t afterId)
{
    store::Statement s(db, "SELECT oi.order_id, p.category_id, oi.quantity, oi.unit_price_minor FROM order_items oi"
                           " LEFT JOIN products p ON p.id = oi.product_id WHERE oi.order_id > ? ORDER BY oi.order_id, oi.id");
    s.bind(1, afterId);
    std::int64_t current = -1;
    int idx = -1;
    while (s.step()) {
        const auto oid = s.columnInt(0);
        if (oid != current) {
            current = oid;
            const auto it = h.indexById.find(oid);
            idx = it == h.indexById.end() ? -1 : it->second;
            if (idx >= 0)
                h.orders[std::size_t(idx)].itemBegin = std::uint32_t(h.items.size());
        }
        if (idx < 0)
            continue;
        OrderItemFacts it;
        it.category = s.isNull(1) ? -1 : int(s.columnInt(1));
        it.quantity = int(s.columnInt(2));
        it.unitPriceMinor = s.columnInt(3);
        h.items.push_back(it);
        ++h.orders[std::size_t(idx)].itemCount;
    }
}

void readLabels(store::Database& db, OrderHistory& h)
{
    h.labels.clear();
    store::Statement cb(db, "SELECT order_id, MIN(created_at) FROM refunds WHERE kind = 'chargeback' GROUP BY order_id");
    while (cb.step())
        h.labels.push_back({cb.columnInt(0), cb.columnInt(1), 1, true});
    store::Statement rd(db, "SELECT order_id, decided_at, decision FROM review_decisions WHERE decision IN ('approve','reject')");
    while (rd.step())
        h.labels.push_back({rd.columnInt(0), rd.columnInt(1), rd.columnText(2) == "reject" ? 1 : 0, false});
    std::stable_sort(h.labels.begin(), h.labels.end(), [](const LabelEvent& a, const LabelEvent& b) { return a.ts < b.ts; });
}

} // namespace

OrderHistory loadOrderHistory(store::Database& db, const Progress& progress)
{
    OrderHistory h;
    const auto total = db.queryInt("SELECT COUNT(*) FROM orders").value_or(0);
    h.orders.reserve(std::size_t(total));
    store::Statement s(db, kOrdersAll);
    while (s.step()) {
        h.orders.push_back(readOrder(h, s));
        if (progress && h.orders.size() % 20000 == 0 &&
            !progress(0.7 * double(h.orders.size()) / double(std::max<std::int64_t>(1, total)), "reading orders"))
            throw Cancelled();
    }
    for (std::size_t i = 0; i < h.orders.size(); ++i)
        h.indexById[h.orders[i].id] = int(i);
    if (progress && !progress(0.75, "reading order lines"))
        throw Cancelled();
    readItems(db, h, 0);
    readLabels(db, h);
    return h;
}

int appendNewOrders(store::Database& db, OrderHistory& h, std::int64_t afterId)
{
    store::Statement s(db, kOrdersAfter);
    s.bind(1, afterId);
    int added = 0;
    while (s.step()) {
        OrderFacts o = readOrder(h, s);
        if (h.indexById.count(o.id))
            continue;
        // A late-arriving order older than the last one keeps the history sorted by appending at
        // its own time only when it is the newest; otherwise it is scored as of now.
        if (!h.orders.empty() && o.ts < h.orders.back().ts)
            o.ts = h.orders.back().ts;
        h.indexById[o.id] = int(h.orders.size());
        h.orders.push_back(o);
        ++added;
    }
    if (added > 0)
        readItems(db, h, afterId);
    readLabels(db, h);
    return added;
}

// ------------------------------------------------------------------------------ sweep state

namespace {

// Timestamps in time order with a moving start: a vector (no allocation until used, unlike a
// deque, which matters with one window per device, IP, card and address).
struct TimeQueue {
    std::vector<Timestamp> ts;
    std::size_t head = 0;
    void dropUpTo(Timestamp limit)
    {
        while (head < ts.size() && ts[head] <= limit)
            ++head;
        if (head > 32 && head * 2 > ts.size()) {
            ts.erase(ts.begin(), ts.begin() + std::ptrdiff_t(head));
            head = 0;
        }
    }
    int size() const { return int(ts.size() - head); }
    int countAfter(Timestamp limit) const
    {
        int n = 0;
        for (std::size_t i = ts.size(); i > head && ts[i - 1] > limit; --i)
            ++n;
        return n;
    }
    void push(Timestamp t) { ts.push_back(t); }
};

struct Window {
    TimeQueue ts;
    std::vector<std::int64_t> accounts; // distinct customers seen, capped
    Timestamp flaggedSince = kNever;
    // Counts the entries in (now - span, now] after dropping those older than a day.
    int count(Timestamp now, Timestamp span)
    {
        ts.dropUpTo(now - kDay);
        return span >= kDay ? ts.size() : ts.countAfter(now - span);
    }
    int accountsWith(std::int64_t customer) const
    {
        const bool known = customer < 0 || std::find(accounts.begin(), accounts.end(), customer) != accounts.end();
        return int(accounts.size()) + (known ? 0 : 1);
    }
    void add(Timestamp t, std::int64_t customer)
    {
        ts.push(t);
        if (customer >= 0 && accounts.size() < 64 && std::find(accounts.begin(), accounts.end(), customer) == accounts.end())
            accounts.push_back(customer);
    }
};

struct CustomerState {
    int orders = 0;
    double amountSum = 0;
    Timestamp last = 0;
    TimeQueue recent;
    TimeQueue failed;
    std::vector<int> payments;
    std::vector<int> categories;
    Timestamp fraudSince = kNever;
};

} // namespace

struct FeatureState::Impl {
    std::vector<Window> keys; // by interned id (device, ip, payment, address share one id space)
    std::unordered_map<std::int64_t, CustomerState> customers;
    std::size_t nextLabel = 0;
    Timestamp last = 0;

    Window* key(int id)
    {
        if (id < 0)
            return nullptr;
        if (std::size_t(id) >= keys.size())
            keys.resize(std::size_t(id) + 1 + keys.size() / 2);
        return &keys[std::size_t(id)];
    }
};

FeatureState::FeatureState() : m(std::make_unique<Impl>()) {}
FeatureState::~FeatureState() = default;
FeatureState::FeatureState(FeatureState&&) noexcept = default;
FeatureState& FeatureState::operator=(FeatureState&&) noexcept = default;

Timestamp FeatureState::lastTs() const
{
    return m->last;
}

void FeatureState::advanceLabels(const OrderHistory& h, Timestamp ts)
{
    while (m->nextLabel < h.labels.size() && h.labels[m->nextLabel].ts < ts) {
        const LabelEvent& e = h.labels[m->nextLabel++];
        if (e.label != 1)
            continue;
        const auto it = h.indexById.find(e.orderId);
        if (it == h.indexById.end())
            continue;
        const OrderFacts& o = h.orders[std::size_t(it->second)];
        for (int id : {o.device, o.ip, o.payment, o.shipAddress})
            if (Window* w = m->key(id))
                w->flaggedSince = std::min(w->flaggedSince, e.ts);
        if (o.customer >= 0) {
            auto& c = m->customers[o.customer];
            c.fraudSince = std::min(c.fraudSince, e.ts);
        }
    }
}

void FeatureState::next(const OrderHistory& h, int index, float* f)
{
    const OrderFacts& o = h.orders[std::size_t(index)];
    advanceLabels(h, o.ts);
    // Sized for every interned key first: key() must not reallocate while we hold its pointers.
    if (m->keys.size() < h.ids.size())
        m->keys.resize(h.ids.size() + h.ids.size() / 4 + 16);
    const Timestamp t = o.ts;
    m->last = std::max(m->last, t);
    CustomerState empty;
    CustomerState& c = o.customer >= 0 ? m->customers[o.customer] : empty;
    const double amount = double(o.amountMinor) / 100.0;
    f[FAmountLog] = float(std::log1p(std::max(0.0, amount)));
    f[FAmountVsHistory] = c.orders > 0 && c.amountSum > 0 ? float(amount / (c.amountSum / c.orders)) : NAN;
    f[FAccountAgeDays] = float(std::max<Timestamp>(0, t - o.customerCreated)) / float(kDay);
    f[FFirstOrder] = c.orders == 0 ? 1.0f : 0.0f;
    f[FPriorOrders] = float(c.orders);
    c.recent.dropUpTo(t - kDay);
    c.failed.dropUpTo(t - kDay);
    f[FCustomer24h] = float(c.recent.size());
    f[FCustomer1h] = float(c.recent.countAfter(t - kHour));
    f[FCustomerFailed24h] = float(c.failed.size());
    Window* dev = m->key(o.device);
    Window* ip = m->key(o.ip);
    Window* card = m->key(o.payment);
    Window* addr = m->key(o.shipAddress);
    auto count = [&](Window* w, Timestamp span) { return w ? float(w->count(t, span)) : 0.0f; };
    f[FDevice1h] = count(dev, kHour);
    f[FDevice24h] = count(dev, kDay);
    f[FIp1h] = count(ip, kHour);
    f[FIp24h] = count(ip, kDay);
    f[FCard1h] = count(card, kHour);
    f[FCard24h] = count(card, kDay);
    f[FAddress24h] = count(addr, kDay);
    auto accounts = [&](Window* w) { return w ? float(w->accountsWith(o.customer)) : 0.0f; };
    f[FDeviceAccounts] = accounts(dev);
    f[FIpAccounts] = accounts(ip);
    f[FCardAccounts] = accounts(card);
    f[FAddressAccounts] = accounts(addr);
    auto differ = [](int a, int b) { return a >= 0 && b >= 0 && a != b ? 1.0f : 0.0f; };
    f[FBillShipMismatch] = differ(o.billCountry, o.shipCountry);
    f[FIpBillMismatch] = differ(o.ipCountry, o.billCountry);
    f[FIpShipMismatch] = differ(o.ipCountry, o.shipCountry);
    const bool knownPayment = o.payment < 0 || std::find(c.payments.begin(), c.payments.end(), o.payment) != c.payments.end();
    f[FNewPaymentMethod] = c.orders > 0 && !knownPayment ? 1.0f : 0.0f;
    f[FCustomerCards] = float(c.payments.size() + (knownPayment ? 0 : 1));
    int units = 0, newItems = 0;
    std::int64_t maxPrice = 0;
    std::vector<int> cats;
    for (std::uint32_t k = 0; k < o.itemCount; ++k) {
        const auto& it = h.items[o.itemBegin + k];
        units += it.quantity;
        maxPrice = std::max(maxPrice, it.unitPriceMinor);
        if (std::find(cats.begin(), cats.end(), it.category) == cats.end())
            cats.push_back(it.category);
        if (std::find(c.categories.begin(), c.categories.end(), it.category) == c.categories.end())
            ++newItems;
    }
    f[FLines] = float(o.itemCount);
    f[FUnits] = float(units);
    f[FCategories] = float(cats.size());
    f[FNewCategoryShare] = o.itemCount > 0 ? float(newItems) / float(o.itemCount) : 0.0f;
    f[FMaxUnitPriceLog] = float(std::log1p(double(maxPrice) / 100.0));
    auto linked = [&](Window* w) { return w && w->flaggedSince < t ? 1.0f : 0.0f; };
    f[FDeviceLinkedFraud] = linked(dev);
    f[FIpLinkedFraud] = linked(ip);
    f[FCardLinkedFraud] = linked(card);
    f[FAddressLinkedFraud] = linked(addr);
    f[FCustomerPriorFraud] = c.fraudSince < t ? 1.0f : 0.0f;
    f[FHourOfDay] = float((t % kDay + kDay) % kDay / kHour);
    f[FSecondsSincePrevLog] = c.orders > 0 ? float(std::log1p(double(std::max<Timestamp>(0, t - c.last)))) : NAN;

    // Now the order joins what later orders see.
    for (Window* w : {dev, ip, card, addr})
        if (w)
            w->add(t, o.customer);
    if (o.customer >= 0) {
        c.orders += 1;
        c.amountSum += amount;
        c.last = t;
        c.recent.push(t);
        if (o.failed)
            c.failed.push(t);
        if (!knownPayment)
            c.payments.push_back(o.payment);
        for (int cat : cats)
            if (std::find(c.categories.begin(), c.categories.end(), cat) == c.categories.end() && c.categories.size() < 64)
                c.categories.push_back(cat);
    }
}

Matrix computeFeatures(const OrderHistory& h, const Progress& progress, FeatureState* finalState)
{
    Matrix x;
    x.rows = int(h.orders.size());
    x.cols = FeatureCount;
    x.x.resize(std::size_t(x.rows) * FeatureCount);
    FeatureState s;
    for (int i = 0; i < x.rows; ++i) {
        s.next(h, i, x.row(i));
        if (progress && i % 50000 == 0 && !progress(double(i) / std::max(1, x.rows), "computing order features"))
            throw Cancelled();
    }
    if (finalState)
        *finalState = std::move(s);
    return x;
}

} // namespace shoppilot::risk
