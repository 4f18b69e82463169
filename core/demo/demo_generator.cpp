// The demo-store simulation. Demand is one generative model so that the planted truths are what
// the data really follows:
//   orders of customer c:   Poisson process, rate by archetype x seasonality (week, year, holidays)
//   item choice:            P(i | c, week) ~ popularity_i * exp(u_c . v_i) * m_i(week)
//   price response:         m_i(week) = (p/p_ref)^elasticity * promo lift * (competitor/ref)^0.3
//   campaigns:              treated customers' P(order in window) = base + planted lift
// Fraud, refunds, support and logistics are layered on the simulated orders.
#include "demo/demo_generator.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "common/random.h"
#include "demo/demo_model.h"
#include "demo/demo_text.h"
#include "store/repositories.h"

namespace shoppilot::demo {

using namespace detail;

std::optional<DemoSize> parseDemoSize(std::string_view text)
{
    if (text == "tiny")
        return DemoSize::Tiny;
    if (text == "small")
        return DemoSize::Small;
    if (text == "default")
        return DemoSize::Default;
    if (text == "large")
        return DemoSize::Large;
    return std::nullopt;
}

const char* demoSizeName(DemoSize size)
{
    switch (size) {
    case DemoSize::Tiny: return "tiny";
    case DemoSize::Small: return "small";
    case DemoSize::Default: return "default";
    case DemoSize::Large: return "large";
    }
    return "default";
}

std::int64_t DemoSummary::totalRows() const
{
    return categories + products + customers + orders + orderItems + events + refunds + campaigns + exposures
        + conversations + messages + kbArticles + depots + vehicles + shipments;
}

// ------------------------------------------------------------------------------------------ calendar

double Calendar::mass(int a, int b, bool bargain) const
{
    a = std::clamp(a, 0, kDays);
    b = std::clamp(b, 0, kDays);
    if (b <= a)
        return 0;
    const auto& c = bargain ? bargainCum : cum;
    return c[std::size_t(b)] - c[std::size_t(a)];
}

int Calendar::sampleDay(Rng& rng, int a, int b, bool bargain) const
{
    a = std::clamp(a, 0, kDays - 1);
    b = std::clamp(b, a + 1, kDays);
    const auto& c = bargain ? bargainCum : cum;
    const double x = c[std::size_t(a)] + rng.uniform() * (c[std::size_t(b)] - c[std::size_t(a)]);
    const auto it = std::upper_bound(c.begin() + a + 1, c.begin() + b + 1, x);
    return std::clamp(int(it - c.begin()) - 1, a, b - 1);
}

Timestamp Calendar::sampleTime(Rng& rng, int day) const
{
    return start + Timestamp(day) * kSecondsPerDay + Timestamp(hours.sample(rng)) * 3600 + rng.range(0, 3599);
}

namespace {

namespace tx = text;

struct SizeSpec {
    int customers;
    int products;
    double trackRate; // share of web sessions the clickstream keeps (analytics sampling)
};

SizeSpec specFor(DemoSize size)
{
    switch (size) {
    case DemoSize::Tiny: return {300, 80, 0.08};
    case DemoSize::Small: return {2000, 500, 0.09};
    case DemoSize::Default: return {20000, 3000, 0.10};
    case DemoSize::Large: return {80000, 8000, 0.05};
    }
    return {20000, 3000, 0.10};
}

constexpr std::array<double, kArchetypeCount> kArchetypeShare{0.10, 0.22, 0.15, 0.13, 0.15, 0.25};
constexpr std::array<double, kArchetypeCount> kAnnualRate{58, 19, 11, 16, 12, 0};
constexpr std::array<double, kArchetypeCount> kBasketExtra{1.3, 0.9, 1.0, 0.7, 0.6, 0.5};
constexpr std::array<double, kArchetypeCount> kSensitivity{0.6, 0.9, 2.2, 1.0, 1.0, 1.2};
constexpr std::array<double, kArchetypeCount> kLift{0.02, 0.045, 0.09, 0.075, 0.06, 0.03};
constexpr double kConversion = 0.032;  // sessions with a purchase / sessions
constexpr double kPromoLift = 1.3;      // promotions sell beyond their price cut (visibility)
constexpr double kBargainPromoBoost = 2.5;
constexpr double kCrossElasticity = 0.3; // competitor price up 10% -> our demand up ~3%
constexpr double kAffinityScale = 1.0;

std::string hex(std::uint64_t v, int digits)
{
    static const char* const kDigits = "0123456789abcdef";
    std::string s(std::size_t(digits), '0');
    for (int i = digits - 1; i >= 0; --i) {
        s[std::size_t(i)] = kDigits[v & 15];
        v >>= 4;
    }
    return s;
}

std::string ipText(std::uint64_t h)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d.%d.%d.%d", int(20 + (h & 0xff) % 200), int((h >> 8) & 0xff),
                  int((h >> 16) & 0xff), int(1 + ((h >> 24) & 0xff) % 254));
    return buf;
}

// Prices end in .99 (or .49 below £10), as shops price them.
std::int64_t charm(double pounds)
{
    if (pounds < 10) {
        const double f = std::floor(pounds);
        return std::max<std::int64_t>(99, std::int64_t(f) * 100 + (pounds - f < 0.5 ? 49 : 99));
    }
    return std::int64_t(std::llround(pounds)) * 100 - 1;
}

std::string replaceAll(std::string s, std::string_view from, std::string_view to)
{
    for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
    return s;
}

std::vector<std::uint8_t> floatBlob(const std::array<float, kFactorDim>& f)
{
    std::vector<std::uint8_t> out;
    out.reserve(f.size() * 4);
    for (const float x : f) {
        const auto bits = std::bit_cast<std::uint32_t>(x);
        for (int b = 0; b < 4; ++b)
            out.push_back(std::uint8_t(bits >> (8 * b)));
    }
    return out;
}

double haversineKm(double lat1, double lon1, double lat2, double lon2)
{
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
    const double a = std::sin(dlat / 2) * std::sin(dlat / 2)
        + std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 6371.0 * 2 * std::atan2(std::sqrt(a), std::sqrt(1 - a));
}

struct Writer;
struct LineDraw;
struct PriceSchedule;
struct FraudContext;
struct MessageFiller;

// An order a customer will place: when, and the campaign that caused it (-1: none).
struct PlannedOrder {
    Timestamp ts;
    int campaign;
    bool extra;
};

// What an item choice depends on within one order: the customer's static weights, the week's
// prices, and whether the customer hunts bargains.
struct ChoiceContext {
    const float* weights;
    const double* catW;
    int week;
    bool bargain;
};

class Generator {
public:
    Generator(store::Database& db, const DemoOptions& options, const Progress& progress)
        : m_db(db), m_opt(options), m_spec(specFor(options.size)), m_progress(progress)
    {
    }

    DemoSummary run();

private:
    Rng stream(std::uint64_t id) const { return Rng(m_opt.seed, id); }
    void buildCalendar();
    void buildCatalogue();
    void buildCategoryProducts(Rng& rng, int cat, const std::array<float, kFactorDim>& centroid, int& ladderGroups);
    Product makeProduct(Rng& rng, const LineDraw& line, int r, const std::array<float, kFactorDim>& centroid);
    void linkNeighbours();
    void buildQueries();
    void buildPrices();
    PriceSchedule makeSchedule(Rng& rng) const;
    void applySchedule(std::size_t i, const PriceSchedule& sched);
    void simulateCompetitors(Rng& rng, std::size_t i, std::vector<double>& compMean);
    void demandMultipliers(std::size_t i, const std::vector<double>& compMean);
    void categoryMultipliers();
    int newAddress(Rng& rng, int city);
    int newCustomer(Rng& rng, int city, Timestamp createdAt);
    void buildCustomers();
    void buildCampaigns();
    void simulateCustomers(ProgressReporter& progress);
    void simulateCustomer(int c, std::vector<float>& weights);
    void affinityWeights(const Customer& cu, std::vector<float>& weights, std::vector<double>& catW) const;
    std::vector<PlannedOrder> planNaturalOrders(Rng& rng, const Customer& cu, bool bargain) const;
    void planCampaignOrders(Rng& rng, int ci, bool bargain, std::vector<PlannedOrder>& plan);
    void fillBasket(Rng& rng, const Customer& cu, Order& o, std::vector<int>& basket, const ChoiceContext& cc);
    void fillChannelAndPayment(Rng& rng, const Customer& cu, Order& o);
    void attributeCampaign(Rng& rng, int ci, const PlannedOrder& pl, Order& o);
    void trackPurchaseSession(Rng& rng, int ci, int oi, const Order& o, const ChoiceContext& cc);
    void browseWithoutPurchase(Rng& rng, int ci, std::int64_t webOrders, const std::vector<float>& weights,
                               const std::vector<double>& catW, bool bargain);
    void simulateAnonymous();
    int drawItem(Rng& rng, const float* w, const double* catW, int week, bool bargain, int cat) const;
    int browse(Rng& rng, std::uint32_t session, Timestamp& t, const float* w, const double* catW, int week,
               bool bargain, int views, int prev, double cartP);
    int finishOrder(Rng& rng, Order& o, bool legit);
    void buildFraud();
    int fraudProduct(FraudContext& fc, double lo, double width, int week) const;
    int fraudAccount(FraudContext& fc, Timestamp created);
    Order fraudOrder(FraudContext& fc, int c, Timestamp ts, FraudPattern pattern, int lines, double lo, double width,
                     int qtyMax);
    void pushFraud(FraudContext& fc, Order& o);
    void plantBigBasket(FraudContext& fc, Timestamp t0);
    void plantDeviceBurst(FraudContext& fc, Timestamp t0);
    void plantIpBurst(FraudContext& fc, Timestamp t0);
    void plantCountryMismatch(FraudContext& fc, Timestamp t0);
    void plantRing(FraudContext& fc, Timestamp t0);
    void plantCardTesting(FraudContext& fc, Timestamp t0);
    void assignIds();
    void buildRefunds();
    void buildSupport();
    void buildLogistics();
    void computeProductTruth();
    void simulate(ProgressReporter& progress);
    void writeStore(ProgressReporter& progress);
    std::vector<std::string> dropBulkIndexes();
    void writeMeta();
    DemoSummary summary() const;
    void publishResets();
    void write(ProgressReporter& progress);
    void writeCategories();
    store::ProductRow productRow(std::size_t i) const;
    void writeProducts(Writer& w);
    void writePriceHistory(Writer& w);
    void writeCompetitorPrices(Writer& w);
    store::CustomerRow customerRow(std::size_t r) const;
    void writeCustomers(Writer& w);
    void writeCampaigns();
    std::string sessionName(std::uint64_t v) const;
    store::Address storeAddress(int idx) const;
    store::OrderRow orderRow(std::size_t r) const;
    void writeOrders(Writer& w);
    void writeOrderItems(Writer& w);
    void writeRefunds(Writer& w);
    store::EventRow eventRow(std::size_t j) const;
    void writeEvents(Writer& w);
    void writeExposures(Writer& w);
    void writeConversations(Writer& w);
    void writeKnowledgeBase();
    void writeDepotsAndVehicles();
    void writeShipments(Writer& w);
    void writeCustomerAndProductTruth();
    void writeFraudAndCampaignTruth();

    store::Database& m_db;
    DemoOptions m_opt;
    SizeSpec m_spec;
    Progress m_progress;

    Calendar m_cal;
    std::vector<Product> m_products;
    std::vector<std::vector<int>> m_byCategory;
    std::vector<std::int64_t> m_price;    // product * kWeeks + week
    std::vector<std::uint8_t> m_promo;
    std::vector<float> m_mult, m_multBargain;
    std::vector<double> m_catMult, m_catMultBargain; // category * kWeeks + week
    std::vector<std::array<std::int64_t, 3>> m_compLevel;
    struct CompPrice {
        std::int32_t product;
        std::uint8_t competitor;
        std::int16_t week;
        std::int64_t price;
    };
    std::vector<CompPrice> m_compPrices;
    std::vector<double> m_baseUnits;

    std::vector<Address> m_addresses;
    std::vector<Customer> m_customers;
    std::vector<std::uint8_t> m_deviceApp; // device index -> app (1) or browser (0)
    std::vector<std::uint8_t> m_cardPay;   // card index -> PayMethod
    std::uint64_t m_nextIp = 0;
    std::vector<Campaign> m_campaigns;
    std::vector<Exposure> m_exposures;
    std::vector<std::vector<std::uint32_t>> m_exposuresOf; // customer -> exposure indexes

    std::vector<Order> m_orders;
    std::vector<Item> m_items;
    std::vector<Session> m_sessions;
    std::vector<Event> m_events;
    std::vector<std::string> m_queries;
    std::vector<std::vector<std::uint16_t>> m_queriesEn, m_queriesZh; // per category
    std::vector<Refund> m_refunds;
    std::int64_t m_trackedPurchaseSessions = 0;
    std::int64_t m_customerBrowseSessions = 0;
    std::int64_t m_legitOrders = 0;

    std::vector<std::int64_t> m_orderId;    // generation index -> id (time order)
    std::vector<std::int32_t> m_orderRank;  // rank -> generation index
    std::vector<std::int64_t> m_customerId; // generation index -> id (sign-up order)
    std::vector<std::int32_t> m_customerRank;

    struct Conversation {
        std::int32_t customer, order;
        bool zh;
        Timestamp started, closed;
        int intent, labelled;
        std::string_view status, assignee;
        int csat;
        std::uint32_t msgBegin, msgCount;
    };
    struct Message {
        Timestamp ts;
        std::string_view sender;
        std::string text;
        int intent;
        double confidence;
    };
    std::vector<Conversation> m_conversations;
    std::vector<Message> m_messages;

    struct Shipment {
        std::int32_t order, depot;
        std::string_view status;
        Timestamp created, promised, delivered;
        std::int64_t units, weight;
    };
    std::vector<Shipment> m_shipments;
    std::vector<int> m_vehiclesPerDepot;

    std::int64_t writeMessages(store::Statement& msg, const Conversation& cv, std::int64_t conversationId,
                               std::int64_t lastId);
    Conversation makeConversation(Rng& rng, const AliasTable& intentTable, const std::vector<std::int32_t>& legit);
    void endConversation(Rng& rng, Conversation& cv, Timestamp t, bool escalate, const MessageFiller& fill);
};

// ------------------------------------------------------------------------------------------ calendar

void Generator::buildCalendar()
{
    m_cal.end = m_opt.end;
    m_cal.start = m_opt.end - Timestamp(kDays) * kSecondsPerDay;
    constexpr std::array<double, 7> kWeekday{1.02, 0.97, 0.95, 0.96, 0.93, 1.01, 1.16}; // Mon..Sun
    m_cal.dayWeight.assign(kDays, 1.0);
    std::vector<bool> saleDay(kDays, false);
    for (int d = 0; d < kDays; ++d) {
        const CivilTime c = toCivil(m_cal.start + Timestamp(d) * kSecondsPerDay);
        double w = kWeekday[std::size_t(c.weekday)];
        w *= 1.0 + 0.22 * std::cos(2 * 3.14159265358979 * (c.dayOfYear - 350) / 365.25);
        bool sale = false;
        if (c.month == 11 && c.day == 11) {
            w *= 1.6;
            sale = true;
        }
        // Black Friday (the Friday in Nov 23..29) through Cyber Monday.
        if (c.month == 11 && c.weekday == 4 && c.day >= 23 && c.day <= 29) {
            w *= 2.1;
            sale = true;
        }
        if ((c.month == 11 && c.day >= 24 && (c.weekday == 5 || c.weekday == 6)) || (c.month == 12 && c.day <= 2 && c.weekday == 0)
            || (c.month == 11 && c.day >= 26 && c.weekday == 0)) {
            w *= 1.5;
            sale = true;
        }
        if (c.month == 12 && c.day >= 18 && c.day <= 23)
            w *= 1.2;
        if (c.month == 12 && c.day == 25)
            w *= 0.45;
        if ((c.month == 12 && c.day >= 26) || (c.month == 1 && c.day <= 5)) {
            w *= 1.35;
            sale = true;
        }
        if (c.month == 7 && c.day <= 10) {
            w *= 1.25;
            sale = true;
        }
        m_cal.dayWeight[std::size_t(d)] = w;
        saleDay[std::size_t(d)] = sale;
    }
    const double mean = std::accumulate(m_cal.dayWeight.begin(), m_cal.dayWeight.end(), 0.0) / kDays;
    m_cal.saleWeek.assign(kWeeks, false);
    for (int d = 0; d < kDays; ++d) {
        m_cal.dayWeight[std::size_t(d)] /= mean;
        if (saleDay[std::size_t(d)])
            m_cal.saleWeek[std::size_t(d / 7)] = true;
    }
    m_cal.cum.assign(kDays + 1, 0.0);
    m_cal.bargainCum.assign(kDays + 1, 0.0);
    for (int d = 0; d < kDays; ++d) {
        m_cal.cum[std::size_t(d + 1)] = m_cal.cum[std::size_t(d)] + m_cal.dayWeight[std::size_t(d)];
        const double boost = m_cal.saleWeek[std::size_t(d / 7)] ? 5.0 : 1.0;
        m_cal.bargainCum[std::size_t(d + 1)] = m_cal.bargainCum[std::size_t(d)] + m_cal.dayWeight[std::size_t(d)] * boost;
    }
    // Normalise the bargain curve to the same yearly mass, so rates stay comparable.
    const double k = m_cal.cum[kDays] / m_cal.bargainCum[kDays];
    for (auto& x : m_cal.bargainCum)
        x *= k;
    constexpr std::array<double, 24> kHours{0.25, 0.15, 0.1, 0.08, 0.08, 0.12, 0.3, 0.6, 0.9, 1.0, 1.05, 1.1,
                                            1.25, 1.2, 1.05, 1.0, 1.05, 1.15, 1.3, 1.5, 1.75, 1.8, 1.4, 0.7};
    m_cal.hours.build(kHours);
}

// ------------------------------------------------------------------------------------------ catalogue

// What one catalogue line shares across its ladder variants (sizes of one product).
struct LineDraw {
    int cat = 0, noun = 0, mat = 0, col = 0, edition = 0;
    bool ladder = false;
    int ladderGroup = -1;
    double base = 0, weight = 0, catE = 0;
    std::string_view brand;
};

void Generator::buildCatalogue()
{
    Rng rng = stream(1);
    const auto& cats = tx::categories();
    const int nCat = int(cats.size());
    m_byCategory.assign(std::size_t(nCat), {});
    std::vector<std::array<float, kFactorDim>> centroid;
    centroid.resize(std::size_t(nCat));
    for (auto& c : centroid)
        for (auto& x : c)
            x = float(rng.normal(0, 0.8));
    int ladderGroups = 0;
    for (int cat = 0; cat < nCat; ++cat)
        buildCategoryProducts(rng, cat, centroid[std::size_t(cat)], ladderGroups);
    linkNeighbours();
    buildQueries();
}

// One category's share of the catalogue: noun x material x colour lines in a seed-dependent
// order (editions once they run out), a fifth of them as three-size ladders.
void Generator::buildCategoryProducts(Rng& rng, int cat, const std::array<float, kFactorDim>& centroid,
                                      int& ladderGroups)
{
    const auto& cats = tx::categories();
    const auto& cs = cats[std::size_t(cat)];
    const int nCat = int(cats.size());
    const int n = m_spec.products;
    const int count = n / nCat + (cat < n % nCat ? 1 : 0);
    std::vector<int> combos(5 * 5 * tx::colours().size());
    std::iota(combos.begin(), combos.end(), 0);
    rng.shuffle(combos);
    const auto& brands = tx::brands();
    std::array<std::string_view, 4> catBrands{};
    for (auto& b : catBrands)
        b = brands[rng.below(brands.size())];
    const double catE = cs.elasticity + rng.normal(0, 0.1);
    int made = 0;
    for (std::size_t k = 0; made < count; ++k) {
        LineDraw line;
        const int combo = combos[k % combos.size()];
        line.cat = cat;
        line.edition = int(k / combos.size());
        line.noun = combo % 5;
        line.mat = (combo / 5) % 5;
        line.col = combo / 25;
        line.ladder = count - made >= 3 && rng.bernoulli(0.2);
        line.ladderGroup = line.ladder ? ladderGroups : -1;
        line.base = rng.lognormal(std::log(cs.medianPrice), 0.45);
        line.brand = catBrands[rng.below(catBrands.size())];
        line.weight = rng.lognormal(std::log(double(cs.weightG)), 0.3);
        line.catE = catE;
        for (int r = 0; r < (line.ladder ? 3 : 1); ++r) {
            m_byCategory[std::size_t(cat)].push_back(int(m_products.size()));
            m_products.push_back(makeProduct(rng, line, r, centroid));
            ++made;
        }
        if (line.ladder)
            ++ladderGroups;
    }
}

// Variant `r` of a catalogue line: titles in both languages, reference price (27% per size
// step), cost, planted elasticity around the category's, taste factors near the category's
// centroid, and launch date (8% launch during the year; variants launch together).
Product Generator::makeProduct(Rng& rng, const LineDraw& line, int r, const std::array<float, kFactorDim>& centroid)
{
    const auto& cs = tx::categories()[std::size_t(line.cat)];
    Product p;
    p.category = line.cat;
    p.brand = line.brand;
    const auto& nw = cs.nouns[std::size_t(line.noun)];
    const auto& mw = cs.materials[std::size_t(line.mat)];
    const auto& cw = tx::colours()[std::size_t(line.col)];
    p.titleEn = std::string(mw.en) + " " + std::string(nw.en);
    p.titleZh = std::string(mw.zh) + std::string(nw.zh);
    if (line.ladder) {
        p.titleEn += " " + std::string(cs.ladder[std::size_t(r)].en);
        p.titleZh += " " + std::string(cs.ladder[std::size_t(r)].zh);
        p.ladderGroup = line.ladderGroup;
        p.ladderRank = r + 1;
    }
    p.titleEn += ", " + std::string(cw.en);
    p.titleZh += " " + std::string(cw.zh);
    if (line.edition > 0) {
        p.titleEn += " (Edition " + std::to_string(line.edition + 1) + ")";
        p.titleZh += "（第" + std::to_string(line.edition + 1) + "版）";
    }
    const double step = 1.0 + 0.27 * r;
    p.refPrice = charm(line.base * step);
    p.cost = std::int64_t(std::llround(double(p.refPrice) * rng.uniform(0.3, 0.7)));
    p.weightG = int(line.weight * step);
    p.elasticity = std::clamp(line.catE + rng.normal(0, 0.3), -3.5, -0.5);
    p.popularity = rng.lognormal(0, 0.9);
    p.qtyExtra = cs.qtyExtra;
    for (int d = 0; d < kFactorDim; ++d)
        p.v[std::size_t(d)] = float(0.9 * centroid[std::size_t(d)] + rng.normal(0, 0.55));
    if (rng.bernoulli(0.08)) {
        p.launchWeek = int(rng.range(4, 46));
        p.createdAt = m_cal.start + Timestamp(p.launchWeek) * 7 * kSecondsPerDay - rng.range(0, 5 * 86400);
    } else {
        p.createdAt = m_cal.start - rng.range(30, 900) * kSecondsPerDay + rng.range(0, 86399);
    }
    if (line.ladder && r > 0) {
        p.launchWeek = m_products.back().launchWeek;
        p.createdAt = m_products.back().createdAt;
    }
    char sku[32];
    std::snprintf(sku, sizeof sku, "SP-%02d-%05d", line.cat + 1, int(m_products.size()) + 1);
    p.sku = sku;
    return p;
}

// Neighbours: the most similar products of the same category, where sessions wander next.
void Generator::linkNeighbours()
{
    for (const auto& members : m_byCategory) {
        for (const int i : members) {
            std::vector<std::pair<float, int>> sims;
            for (const int j : members) {
                if (j == i)
                    continue;
                float s = 0;
                for (int d = 0; d < kFactorDim; ++d)
                    s += m_products[std::size_t(i)].v[std::size_t(d)] * m_products[std::size_t(j)].v[std::size_t(d)];
                sims.emplace_back(-s, j);
            }
            const std::size_t k = std::min<std::size_t>(6, sims.size());
            std::partial_sort(sims.begin(), sims.begin() + std::ptrdiff_t(k), sims.end());
            for (std::size_t t = 0; t < k; ++t)
                m_products[std::size_t(i)].neighbours.push_back(sims[t].second);
        }
    }
}

// Search queries per category, in both languages (index 0 = no query).
void Generator::buildQueries()
{
    const auto& cats = tx::categories();
    const int nCat = int(cats.size());
    m_queriesEn.assign(std::size_t(nCat), {});
    m_queriesZh.assign(std::size_t(nCat), {});
    m_queries.emplace_back("");
    auto lower = [](std::string_view s) {
        std::string r(s);
        for (auto& ch : r)
            if (ch >= 'A' && ch <= 'Z')
                ch = char(ch - 'A' + 'a');
        return r;
    };
    for (int cat = 0; cat < nCat; ++cat) {
        const auto& cs = cats[std::size_t(cat)];
        auto add = [&](std::string q, bool zh) {
            (zh ? m_queriesZh : m_queriesEn)[std::size_t(cat)].push_back(std::uint16_t(m_queries.size()));
            m_queries.push_back(std::move(q));
        };
        add(lower(cs.name.en), false);
        add(std::string(cs.name.zh), true);
        for (int k = 0; k < 5; ++k) {
            add(lower(cs.nouns[std::size_t(k)].en), false);
            add(lower(cs.materials[std::size_t(k)].en) + " " + lower(cs.nouns[std::size_t(k)].en), false);
            add(std::string(cs.nouns[std::size_t(k)].zh), true);
            add(std::string(cs.materials[std::size_t(k)].zh) + std::string(cs.nouns[std::size_t(k)].zh), true);
        }
    }
}

// A product's (or ladder group's) year of list-price factors and promotion discounts.
struct PriceSchedule {
    std::array<double, kWeeks> base;
    std::array<double, kWeeks> discount;
};

// Up to three permanent price changes of +-12% and up to three 1-3 week promotions; almost half
// also discount in the store-wide sale weeks; 4% never change price (pricing must flag them).
PriceSchedule Generator::makeSchedule(Rng& rng) const
{
    PriceSchedule s;
    s.base.fill(1.0);
    s.discount.fill(0.0);
    if (rng.bernoulli(0.04))
        return s;
    const int changes = int(rng.weighted<double>(std::array<double, 4>{0.2, 0.35, 0.3, 0.15}));
    for (int k = 0; k < changes; ++k) {
        const int w = int(rng.range(2, 50));
        const double f = rng.uniform(0.88, 1.12);
        for (int x = w; x < kWeeks; ++x)
            s.base[std::size_t(x)] *= f;
    }
    int promos = int(rng.weighted<double>(std::array<double, 4>{0.25, 0.35, 0.25, 0.15}));
    if (changes == 0 && promos == 0)
        promos = 1;
    for (int k = 0; k < promos; ++k) {
        const int w = int(rng.range(0, 50));
        const int len = int(rng.range(1, 3));
        const double d = rng.uniform(0.1, 0.35);
        for (int x = w; x < std::min(kWeeks, w + len); ++x)
            s.discount[std::size_t(x)] = d;
    }
    if (rng.bernoulli(0.45)) {
        const double d = rng.uniform(0.15, 0.3);
        for (int x = 0; x < kWeeks; ++x)
            if (m_cal.saleWeek[std::size_t(x)])
                s.discount[std::size_t(x)] = std::max(s.discount[std::size_t(x)], d);
    }
    return s;
}

void Generator::buildPrices()
{
    const std::size_t n = m_products.size();
    m_price.assign(n * kWeeks, 0);
    m_promo.assign(n * kWeeks, 0);
    m_mult.assign(n * kWeeks, 0.f);
    m_multBargain.assign(n * kWeeks, 0.f);
    // Ladder variants share their group's schedule, so sizes stay price-ordered over time.
    std::vector<PriceSchedule> groupSchedule;
    Rng rng = stream(2);
    std::vector<double> compMean(kWeeks);
    for (std::size_t i = 0; i < n; ++i) {
        const Product& p = m_products[i];
        const PriceSchedule* sched = nullptr;
        PriceSchedule own;
        if (p.ladderGroup >= 0) {
            if (std::size_t(p.ladderGroup) >= groupSchedule.size())
                groupSchedule.push_back(makeSchedule(rng));
            sched = &groupSchedule[std::size_t(p.ladderGroup)];
        } else {
            own = makeSchedule(rng);
            sched = &own;
        }
        applySchedule(i, *sched);
        simulateCompetitors(rng, i, compMean);
        demandMultipliers(i, compMean);
    }
    categoryMultipliers();
}

// Weekly shelf prices from the schedule: charm prices, promotions rounded to end in 9.
void Generator::applySchedule(std::size_t i, const PriceSchedule& sched)
{
    const Product& p = m_products[i];
    for (int w = 0; w < kWeeks; ++w) {
        const std::int64_t base = charm(double(p.refPrice) / 100.0 * sched.base[std::size_t(w)]);
        const double d = sched.discount[std::size_t(w)];
        std::int64_t price = base;
        if (d > 0)
            price = std::max<std::int64_t>(49, std::int64_t(std::llround(double(base) * (1 - d) / 10.0)) * 10 - 1);
        m_price[i * kWeeks + std::size_t(w)] = price;
        m_promo[i * kWeeks + std::size_t(w)] = d > 0;
    }
}

// Competitors: an independent weekly log-AR(1) walk around their own level, with promos;
// `compMean` gets their mean price per week.
void Generator::simulateCompetitors(Rng& rng, std::size_t i, std::vector<double>& compMean)
{
    const Product& p = m_products[i];
    const int nComp = rng.bernoulli(0.5) ? 3 : 2;
    std::fill(compMean.begin(), compMean.end(), 0.0);
    for (int k = 0; k < nComp; ++k) {
        const double level = rng.uniform(0.9, 1.15);
        double x = rng.normal(0, 0.04);
        for (int w = 0; w < kWeeks; ++w) {
            x = 0.8 * x + rng.normal(0, 0.035);
            double f = level * std::exp(x);
            if (rng.bernoulli(0.06))
                f *= 0.8;
            const auto cp = std::max<std::int64_t>(49, std::int64_t(std::llround(double(p.refPrice) * f)));
            m_compPrices.push_back({std::int32_t(i), std::uint8_t(k), std::int16_t(w), cp});
            compMean[std::size_t(w)] += double(cp) / nComp;
        }
    }
}

// The planted price response m_i(week): own price to the elasticity, promotion lift, and the
// competitors' price relative to their yearly mean (bargain hunters react more to promotions).
void Generator::demandMultipliers(std::size_t i, const std::vector<double>& compMean)
{
    const Product& p = m_products[i];
    const double compRef = std::accumulate(compMean.begin(), compMean.end(), 0.0) / kWeeks;
    for (int w = 0; w < kWeeks; ++w) {
        const std::size_t k = i * kWeeks + std::size_t(w);
        if (w < p.launchWeek)
            continue;
        double m = std::pow(double(m_price[k]) / double(p.refPrice), p.elasticity);
        if (m_promo[k])
            m *= kPromoLift;
        m *= std::pow(compMean[std::size_t(w)] / compRef, kCrossElasticity);
        m_mult[k] = float(m);
        m_multBargain[k] = float(m * (m_promo[k] ? kBargainPromoBoost : 1.0));
    }
}

// Popularity-weighted price index per category and week, for the category choice.
void Generator::categoryMultipliers()
{
    const std::size_t nCat = m_byCategory.size();
    m_catMult.assign(nCat * kWeeks, 0);
    m_catMultBargain.assign(nCat * kWeeks, 0);
    for (std::size_t c = 0; c < nCat; ++c) {
        double popSum = 0;
        for (const int i : m_byCategory[c])
            popSum += m_products[std::size_t(i)].popularity;
        for (int w = 0; w < kWeeks; ++w) {
            double a = 0, b = 0;
            for (const int i : m_byCategory[c]) {
                a += m_products[std::size_t(i)].popularity * m_mult[std::size_t(i) * kWeeks + std::size_t(w)];
                b += m_products[std::size_t(i)].popularity * m_multBargain[std::size_t(i) * kWeeks + std::size_t(w)];
            }
            m_catMult[c * kWeeks + std::size_t(w)] = a / popSum;
            m_catMultBargain[c * kWeeks + std::size_t(w)] = b / popSum;
        }
    }
}

// ------------------------------------------------------------------------------------------ customers

int Generator::newAddress(Rng& rng, int city)
{
    const auto& c = tx::cities()[std::size_t(city)];
    Address a;
    a.city = city;
    a.lat = c.lat + rng.normal(0, 0.045);
    a.lon = c.lon + rng.normal(0, 0.045 / std::cos(c.lat * 3.14159265358979 / 180.0));
    const auto& st = tx::streets(c.country);
    const std::string street(st[rng.below(st.size())]);
    const auto no = std::to_string(rng.range(1, c.country == "CN" ? 1800 : 220));
    if (c.country == "DE" || c.country == "NL")
        a.line = street + " " + no;
    else if (c.country == "CN")
        a.line = "No. " + no + " " + street + ", Apt " + std::to_string(rng.range(101, 2808));
    else
        a.line = no + " " + street;
    char buf[32];
    const std::string prefix(c.postcodePrefix);
    // Draw every random part first: argument evaluation order is unspecified in C++.
    const int n1 = int(rng.range(1, 24)), n2 = int(rng.range(0, 999)), n3 = int(rng.range(0, 9));
    const char l1 = char('A' + rng.below(26)), l2 = char('A' + rng.below(26));
    if (c.country == "GB")
        std::snprintf(buf, sizeof buf, "%s%d %d%c%c", prefix.c_str(), n1, 1 + n3, l1, l2);
    else if (c.country == "CN")
        std::snprintf(buf, sizeof buf, "%s%03d", prefix.c_str(), n2);
    else if (c.country == "US" || c.country == "FR")
        std::snprintf(buf, sizeof buf, "%s%02d", prefix.c_str(), 1 + n2 % 99);
    else if (c.country == "DE")
        std::snprintf(buf, sizeof buf, "%s%03d", prefix.c_str(), 100 + n2 % 900);
    else if (c.country == "IE")
        std::snprintf(buf, sizeof buf, "D%02d %c%d%c%d", n1, l1, n3, l2, n2 % 10);
    else
        std::snprintf(buf, sizeof buf, "%s%02d %c%c", prefix.c_str(), 11 + n2 % 89, l1, l2);
    a.postcode = buf;
    m_addresses.push_back(std::move(a));
    return int(m_addresses.size()) - 1;
}

int pickCity(Rng& rng, std::string_view country)
{
    const auto& all = tx::cities();
    double total = 0;
    for (const auto& c : all)
        if (c.country == country)
            total += c.weight;
    double r = rng.uniform() * total;
    int last = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].country != country)
            continue;
        last = int(i);
        r -= all[i].weight;
        if (r < 0)
            return int(i);
    }
    return last;
}

std::string_view pickCountry(Rng& rng)
{
    const auto& cs = tx::countries();
    double r = rng.uniform();
    for (const auto& c : cs) {
        r -= c.share;
        if (r < 0)
            return c.code;
    }
    return cs.front().code;
}

int Generator::newCustomer(Rng& rng, int city, Timestamp createdAt)
{
    const auto& cityInfo = tx::cities()[std::size_t(city)];
    Customer c;
    c.city = city;
    c.createdAt = createdAt;
    c.zh = cityInfo.country == "CN" ? rng.bernoulli(0.95) : (cityInfo.country == "GB" && rng.bernoulli(0.05));
    const auto& first = tx::firstNames(c.zh ? "CN" : cityInfo.country);
    const auto& last = tx::lastNames(c.zh ? "CN" : cityInfo.country);
    const std::string_view f = first[rng.below(first.size())], l = last[rng.below(last.size())];
    c.name = c.zh ? std::string(l) + std::string(f) : std::string(f) + " " + std::string(l);
    c.home = newAddress(rng, city);
    if (rng.bernoulli(0.3))
        c.alt = newAddress(rng, city);
    c.deviceCount = 1;
    if (rng.bernoulli(0.45))
        ++c.deviceCount;
    if (rng.bernoulli(0.15))
        ++c.deviceCount;
    for (int d = 0; d < c.deviceCount; ++d) {
        c.devices[std::size_t(d)] = std::uint32_t(m_deviceApp.size());
        m_deviceApp.push_back(rng.bernoulli(0.45));
    }
    c.cardCount = std::uint8_t(1 + rng.bernoulli(0.3));
    for (int k = 0; k < c.cardCount; ++k) {
        c.cards[std::size_t(k)] = std::uint32_t(m_cardPay.size());
        PayMethod pm = Card;
        if (cityInfo.country == "CN")
            pm = PayMethod(rng.weighted<double>(std::array<double, 4>{0.1, 0.0, 0.55, 0.35}));
        else
            pm = PayMethod(rng.weighted<double>(std::array<double, 6>{0.68, 0.27, 0.0, 0.0, 0.02, 0.03}));
        m_cardPay.push_back(std::uint8_t(pm));
    }
    c.ip = std::uint32_t(m_nextIp++);
    m_customers.push_back(std::move(c));
    m_exposuresOf.emplace_back();
    return int(m_customers.size()) - 1;
}

void Generator::buildCustomers()
{
    Rng rng = stream(3);
    const Timestamp start = m_cal.start;
    for (int k = 0; k < m_spec.customers; ++k) {
        const auto a = Archetype(rng.weighted<double>(kArchetypeShare));
        const int city = pickCity(rng, pickCountry(rng));
        int createdDay = 0;
        int from = 0, to = kDays;
        switch (a) {
        case Champion: createdDay = -int(rng.range(60, 1000)); break;
        case Loyal: createdDay = -int(rng.range(30, 900)); break;
        case Bargain: createdDay = rng.bernoulli(0.7) ? -int(rng.range(0, 700)) : int(rng.range(0, 200)); break;
        case AtRisk:
            createdDay = -int(rng.range(100, 900));
            to = kDays - int(rng.range(70, 200));
            break;
        case New: createdDay = kDays - int(rng.range(3, 90)); break;
        case OneOff: createdDay = int(rng.range(-150, kDays - 8)); break;
        default: break;
        }
        from = std::max(0, createdDay);
        const Timestamp created = start + Timestamp(createdDay) * kSecondsPerDay + rng.range(0, 86399);
        const int c = newCustomer(rng, city, created);
        Customer& cu = m_customers[std::size_t(c)];
        cu.archetype = a;
        cu.activeFrom = from;
        cu.activeTo = to;
        cu.rate = kAnnualRate[a] > 0 ? rng.gamma(4.0, kAnnualRate[a] / 4.0) : 0;
        cu.sensitivity = std::max(0.1, kSensitivity[a] * rng.lognormal(0, 0.2));
        for (auto& x : cu.u)
            x = float(rng.normal(0, 0.45));
    }
}

void Generator::buildCampaigns()
{
    Rng rng = stream(4);
    const auto& specs = tx::campaigns();
    std::vector<int> pick(specs.size());
    std::iota(pick.begin(), pick.end(), 0);
    rng.shuffle(pick);
    constexpr int kCount = 8;
    pick.resize(kCount);
    for (int k = 0; k < kCount; ++k) {
        Campaign cm;
        cm.spec = pick[std::size_t(k)];
        const auto& sp = specs[std::size_t(cm.spec)];
        const int day = 20 + k * 40 + int(rng.range(0, 10));
        cm.startAt = m_cal.start + Timestamp(day) * kSecondsPerDay + 9 * 3600;
        cm.endAt = cm.startAt + rng.range(7, 14) * kSecondsPerDay;
        const bool coupon = sp.channel == "coupon";
        const bool winBack = sp.name.find("Win-back") != std::string_view::npos;
        for (int a = 0; a < kArchetypeCount; ++a) {
            double lift = kLift[std::size_t(a)] * rng.uniform(0.6, 1.4);
            if (coupon && a == Bargain)
                lift *= 1.6;
            if (winBack && a == AtRisk)
                lift *= 2.0;
            cm.lift[std::size_t(a)] = lift;
        }
        if (coupon) {
            const auto pos = sp.offer.find("with ");
            cm.coupon = pos == std::string_view::npos ? "SAVE10" : sp.offer.substr(pos + 5);
        }
        const double audienceShare = rng.uniform(0.35, 0.6);
        const double controlShare = rng.uniform(0.1, 0.2);
        for (std::size_t c = 0; c < m_customers.size(); ++c) {
            const Customer& cu = m_customers[c];
            if (cu.createdAt > cm.startAt - 7 * kSecondsPerDay || !rng.bernoulli(audienceShare))
                continue;
            Exposure e;
            e.campaign = k;
            e.customer = std::int32_t(c);
            e.treatment = !rng.bernoulli(controlShare);
            e.exposedAt = cm.startAt + rng.range(0, 6 * 3600);
            if (e.treatment) {
                e.opened = sp.channel == "sms" ? -1 : std::int8_t(rng.bernoulli(sp.channel == "push" ? 0.12 : 0.28));
                e.clicked = std::int8_t(rng.bernoulli(0.04));
            }
            m_exposuresOf[c].push_back(std::uint32_t(m_exposures.size()));
            m_exposures.push_back(e);
            ++cm.audience;
        }
        m_campaigns.push_back(cm);
    }
}

// ------------------------------------------------------------------------------------------ behaviour

int Generator::drawItem(Rng& rng, const float* w, const double* catW, int week, bool bargain, int cat) const
{
    const auto& cm = bargain ? m_catMultBargain : m_catMult;
    const auto& mult = bargain ? m_multBargain : m_mult;
    const std::size_t nCat = m_byCategory.size();
    if (cat < 0) {
        double total = 0;
        for (std::size_t c = 0; c < nCat; ++c)
            total += catW[c] * cm[c * kWeeks + std::size_t(week)];
        double r = rng.uniform() * total;
        cat = int(nCat) - 1;
        for (std::size_t c = 0; c < nCat; ++c) {
            r -= catW[c] * cm[c * kWeeks + std::size_t(week)];
            if (r < 0) {
                cat = int(c);
                break;
            }
        }
    }
    const auto& members = m_byCategory[std::size_t(cat)];
    double total = 0;
    for (const int i : members)
        total += double(w[i]) * mult[std::size_t(i) * kWeeks + std::size_t(week)];
    if (total <= 0) // nothing of this category on sale yet: any product already launched
        return drawItem(rng, w, catW, week, bargain, -1);
    double r = rng.uniform() * total;
    for (const int i : members) {
        r -= double(w[i]) * mult[std::size_t(i) * kWeeks + std::size_t(week)];
        if (r < 0)
            return i;
    }
    for (auto it = members.rbegin(); it != members.rend(); ++it)
        if (mult[std::size_t(*it) * kWeeks + std::size_t(week)] > 0)
            return *it;
    return members.back();
}

// Appends `views` product views to a session, each next item related to the previous one
// (a neighbour in factor space or the same category), with occasional add-to-carts.
int Generator::browse(Rng& rng, std::uint32_t session, Timestamp& t, const float* w, const double* catW, int week,
                      bool bargain, int views, int prev, double cartP)
{
    for (int v = 0; v < views; ++v) {
        int item = -1;
        const double r = rng.uniform();
        if (prev >= 0 && r < 0.5) {
            const auto& nb = m_products[std::size_t(prev)].neighbours;
            if (!nb.empty()) {
                const int cand = nb[std::size_t(rng.below(std::min<std::size_t>(nb.size(), rng.bernoulli(0.6) ? 3 : 6)))];
                if (m_mult[std::size_t(cand) * kWeeks + std::size_t(week)] > 0)
                    item = cand;
            }
        }
        if (item < 0)
            item = drawItem(rng, w, catW, week, bargain,
                            prev >= 0 && r < 0.8 ? m_products[std::size_t(prev)].category : -1);
        t = std::min(m_cal.end - 2, t + 8 + Timestamp(rng.exponential(1.0 / 45.0)));
        m_events.push_back({t, session, item, -1, 0, View});
        if (rng.bernoulli(cartP)) {
            t = std::min(m_cal.end - 1, t + 5 + Timestamp(rng.exponential(1.0 / 20.0)));
            m_events.push_back({t, session, item, -1, 0, Cart});
        }
        prev = item;
    }
    return prev;
}

// Prices the basket, then status, totals and shipping cost. Returns the order's index.
int Generator::finishOrder(Rng& rng, Order& o, bool legit)
{
    const int week = m_cal.weekOf(o.ts);
    std::int64_t subtotal = 0;
    for (std::uint32_t k = o.itemBegin; k < o.itemBegin + o.itemCount; ++k) {
        Item& it = m_items[k];
        it.unit = m_price[std::size_t(it.product) * kWeeks + std::size_t(week)];
        it.lineTotal = it.unit * it.qty;
        subtotal += it.lineTotal;
    }
    o.subtotal = subtotal;
    if (o.discount == 0 && !o.coupon.empty())
        o.discount = std::int64_t(std::llround(double(subtotal) * 0.12));
    const auto& ship = m_addresses[std::size_t(o.shipAddr)];
    const auto country = tx::cities()[std::size_t(ship.city)].country;
    const std::int64_t net = subtotal - o.discount;
    o.shipping = net >= 5000 ? 0 : (country == "GB" ? 399 : 999);
    o.tax = country == "US" ? std::int64_t(std::llround(double(net) * 0.08)) : 0;
    o.total = net + o.shipping + o.tax;
    if (legit && o.status == Completed) {
        const Timestamp age = m_cal.end - o.ts;
        if (age < 2 * kSecondsPerDay) {
            o.status = std::uint8_t(rng.weighted<double>(std::array<double, 4>{0.1, 0.55, 0.0, 0.35}));
        } else {
            const double r = rng.uniform();
            if (r < 0.025)
                o.status = Cancelled;
            else if (r < 0.037)
                o.status = Refunded;
        }
    }
    o.updatedAt = std::min(m_cal.end - 1, o.ts + rng.range(60, 3 * 86400));
    m_orders.push_back(o);
    return int(m_orders.size()) - 1;
}

// Each product's static choice weight for customer `cu` (popularity x taste affinity) and their
// sum per category. Category choice uses the static sum times the category's popularity-weighted
// price index: an O(categories) stand-in for the full choice model's denominator.
void Generator::affinityWeights(const Customer& cu, std::vector<float>& weights, std::vector<double>& catW) const
{
    const std::size_t nP = m_products.size();
    weights.resize(nP);
    catW.assign(m_byCategory.size(), 0.0);
    for (std::size_t i = 0; i < nP; ++i) {
        float s = 0;
        for (int d = 0; d < kFactorDim; ++d)
            s += cu.u[std::size_t(d)] * m_products[i].v[std::size_t(d)];
        weights[i] = float(m_products[i].popularity * std::exp(kAffinityScale * s));
        catW[std::size_t(m_products[i].category)] += weights[i];
    }
}

// Natural order times: one order for one-off buyers, most new customers order soon after
// signing up, then a Poisson process at the archetype's rate over the seasonal calendar.
std::vector<PlannedOrder> Generator::planNaturalOrders(Rng& rng, const Customer& cu, bool bargain) const
{
    std::vector<PlannedOrder> plan;
    if (cu.archetype == OneOff) {
        const int d = std::min(kDays - 1, cu.activeFrom + int(rng.range(0, 3)));
        plan.push_back({std::max(cu.createdAt + 600, m_cal.sampleTime(rng, d)), -1, false});
        return plan;
    }
    if (cu.archetype == New && rng.bernoulli(0.85)) {
        const int d = std::min(kDays - 1, cu.activeFrom + int(rng.range(0, 2)));
        plan.push_back({std::max(cu.createdAt + 600, m_cal.sampleTime(rng, d)), -1, false});
    }
    const double lambda = cu.rate / kDays * m_cal.mass(cu.activeFrom, cu.activeTo, bargain);
    const std::int64_t n = rng.poisson(lambda);
    for (std::int64_t k = 0; k < n; ++k) {
        const int d = m_cal.sampleDay(rng, cu.activeFrom, cu.activeTo, bargain);
        plan.push_back({std::max(cu.createdAt + 600, m_cal.sampleTime(rng, d)), -1, false});
    }
    return plan;
}

// Campaigns: P(order in window | treated) = base + lift, by adding an incremental order with
// probability lift / (1 - base) on top of the natural process. Records each exposure's base
// conversion for the planted uplift truth.
void Generator::planCampaignOrders(Rng& rng, int ci, bool bargain, std::vector<PlannedOrder>& plan)
{
    const Customer& cu = m_customers[std::size_t(ci)];
    for (const std::uint32_t ei : m_exposuresOf[std::size_t(ci)]) {
        Exposure& e = m_exposures[ei];
        Campaign& cm = m_campaigns[std::size_t(e.campaign)];
        const int a = m_cal.dayOf(cm.startAt), b = m_cal.dayOf(cm.endAt);
        double base = 0;
        if (cu.archetype == OneOff) {
            const int d0 = cu.activeFrom;
            base = double(std::max(0, std::min(b, d0 + 4) - std::max(a, d0))) / 4.0;
        } else {
            const double lam = cu.rate / kDays * m_cal.mass(std::max(a, cu.activeFrom), std::min(b, cu.activeTo), bargain);
            base = 1.0 - std::exp(-lam);
        }
        cm.baseSum[cu.archetype] += base;
        cm.baseCount[cu.archetype] += 1;
        if (!e.treatment)
            continue;
        const double lift = cm.lift[cu.archetype];
        if (base < 1.0 && rng.bernoulli(std::min(1.0, lift / (1.0 - base)))) {
            const Timestamp t = std::min(cm.endAt - 3600, e.exposedAt + 600 + Timestamp(rng.exponential(1.0 / (2.0 * 86400))));
            plan.push_back({t, e.campaign, true});
            e.clicked = 1;
            if (e.opened >= 0)
                e.opened = 1;
        }
    }
}

// Basket: each line follows the choice model; later lines often stay in the category, and a
// product drawn twice adds to its line.
void Generator::fillBasket(Rng& rng, const Customer& cu, Order& o, std::vector<int>& basket, const ChoiceContext& cc)
{
    const int lines = int(std::min<std::int64_t>(12, 1 + rng.poisson(kBasketExtra[cu.archetype])));
    basket.clear();
    o.itemBegin = std::uint32_t(m_items.size());
    for (int l = 0; l < lines; ++l) {
        const int cat = !basket.empty() && rng.bernoulli(0.45) ? m_products[std::size_t(basket.back())].category : -1;
        const int item = drawItem(rng, cc.weights, cc.catW, cc.week, cc.bargain, cat);
        auto found = std::find(basket.begin(), basket.end(), item);
        if (found != basket.end()) {
            m_items[o.itemBegin + std::uint32_t(found - basket.begin())].qty += 1;
            continue;
        }
        basket.push_back(item);
        Item it;
        it.product = item;
        it.qty = int(1 + rng.poisson(m_products[std::size_t(item)].qtyExtra * 0.5));
        m_items.push_back(it);
    }
    o.itemCount = std::uint16_t(basket.size());
}

// Channel, device, IP, payment card and addresses: marketplace orders have no session; the
// rest come from one of the customer's devices, mostly from the home IP and country.
void Generator::fillChannelAndPayment(Rng& rng, const Customer& cu, Order& o)
{
    const double rc = rng.uniform();
    const std::uint32_t dev = cu.devices[std::size_t(rng.below(cu.deviceCount))];
    if (rc < 0.15) {
        o.channel = Marketplace;
        o.hasSession = false;
    } else {
        o.channel = rc < 0.23 ? Social : (m_deviceApp[dev] ? App : Web);
        o.device = dev;
        o.ip = rng.bernoulli(0.8) ? std::int64_t(cu.ip) : std::int64_t(m_nextIp++);
        const auto homeCountry = tx::cities()[std::size_t(cu.city)].country;
        o.ipCountry = rng.bernoulli(0.985) ? homeCountry : pickCountry(rng);
    }
    o.card = cu.cards[std::size_t(rng.below(cu.cardCount))];
    o.pay = m_cardPay[std::size_t(o.card)];
    o.billAddr = cu.home;
    o.shipAddr = cu.alt >= 0 && rng.bernoulli(0.25) ? cu.alt : cu.home;
}

// Campaign attribution: incremental orders and clicked treated customers' orders in the window.
void Generator::attributeCampaign(Rng& rng, int ci, const PlannedOrder& pl, Order& o)
{
    if (pl.campaign >= 0) {
        o.campaign = pl.campaign;
        o.coupon = m_campaigns[std::size_t(pl.campaign)].coupon;
        return;
    }
    for (const std::uint32_t ei : m_exposuresOf[std::size_t(ci)]) {
        const Exposure& e = m_exposures[ei];
        const Campaign& cm = m_campaigns[std::size_t(e.campaign)];
        if (e.treatment && e.clicked == 1 && o.ts >= e.exposedAt && o.ts < cm.endAt) {
            o.campaign = e.campaign;
            if (!cm.coupon.empty() && rng.bernoulli(0.5))
                o.coupon = cm.coupon;
        }
    }
}

// A tracked purchase session: some browsing (sometimes after a search), then a view and an
// add-to-cart per item, and the purchase events at the order's time.
void Generator::trackPurchaseSession(Rng& rng, int ci, int oi, const Order& o, const ChoiceContext& cc)
{
    const Customer& cu = m_customers[std::size_t(ci)];
    const auto s = std::uint32_t(m_sessions.size());
    m_sessions.push_back({ci, std::uint32_t(o.device), o.channel == App ? std::uint8_t(App) : std::uint8_t(Web)});
    m_orders[std::size_t(oi)].session = s;
    ++m_trackedPurchaseSessions;
    const int browseViews = int(std::min<std::int64_t>(8, rng.geometric(0.45)));
    Timestamp t = std::max(m_cal.start, o.ts - rng.range(120, 900) - Timestamp(browseViews + 2 * o.itemCount) * 50);
    int prev = -1;
    if (rng.bernoulli(0.2)) {
        const int cat = m_products[std::size_t(m_items[o.itemBegin].product)].category;
        const auto& qs = cu.zh ? m_queriesZh[std::size_t(cat)] : m_queriesEn[std::size_t(cat)];
        m_events.push_back({t, s, -1, -1, qs[rng.below(qs.size())], Search});
    }
    prev = browse(rng, s, t, cc.weights, cc.catW, cc.week, cc.bargain, browseViews, prev, 0.03);
    for (std::uint32_t k = o.itemBegin; k < o.itemBegin + o.itemCount; ++k) {
        t += 8 + Timestamp(rng.exponential(1.0 / 40.0));
        m_events.push_back({std::min(t, o.ts - 2), s, m_items[k].product, -1, 0, View});
        t += 5 + Timestamp(rng.exponential(1.0 / 20.0));
        m_events.push_back({std::min(t, o.ts - 1), s, m_items[k].product, -1, 0, Cart});
    }
    for (std::uint32_t k = o.itemBegin; k < o.itemBegin + o.itemCount; ++k)
        m_events.push_back({o.ts, s, m_items[k].product, oi, 0, Purchase});
}

// Browsing sessions without a purchase, in proportion to the customer's activity.
void Generator::browseWithoutPurchase(Rng& rng, int ci, std::int64_t webOrders, const std::vector<float>& weights,
                                      const std::vector<double>& catW, bool bargain)
{
    const Customer& cu = m_customers[std::size_t(ci)];
    const double perOrder = (1 - kConversion) / kConversion * m_spec.trackRate * 0.75;
    const std::int64_t nBrowse = rng.poisson(perOrder * (double(webOrders) + 0.3));
    const int from = std::max(0, m_cal.dayOf(cu.createdAt));
    const int to = std::min(kDays, std::max(cu.activeTo + 30, from + 1));
    for (std::int64_t k = 0; k < nBrowse; ++k) {
        const int d = m_cal.sampleDay(rng, from, to, bargain);
        Timestamp t = std::max(cu.createdAt + 60, m_cal.sampleTime(rng, d));
        if (t >= m_cal.end)
            continue;
        const int week = m_cal.weekOf(t);
        const std::uint32_t dev = cu.devices[std::size_t(rng.below(cu.deviceCount))];
        const auto s = std::uint32_t(m_sessions.size());
        m_sessions.push_back({ci, dev, m_deviceApp[dev] ? std::uint8_t(App) : std::uint8_t(Web)});
        ++m_customerBrowseSessions;
        int prev = -1;
        if (rng.bernoulli(0.25)) {
            const int cat = int(rng.weighted<double>(catW));
            const auto& qs = cu.zh ? m_queriesZh[std::size_t(cat)] : m_queriesEn[std::size_t(cat)];
            m_events.push_back({t, s, -1, -1, qs[rng.below(qs.size())], Search});
            // The first view after a search lands in the searched category.
            const int item = drawItem(rng, weights.data(), catW.data(), week, bargain, cat);
            t += 5 + Timestamp(rng.exponential(1.0 / 30.0));
            m_events.push_back({t, s, item, -1, 0, View});
            prev = item;
        }
        const int views = int(std::min<std::int64_t>(25, 1 + rng.geometric(0.33)));
        browse(rng, s, t, weights.data(), catW.data(), week, bargain, prev >= 0 ? views - 1 : views, prev, 0.06);
    }
}

// One customer's year: planned orders (natural and campaign-driven) in time order, each with a
// basket, channel, attribution and sometimes a tracked session, then browsing without purchase.
void Generator::simulateCustomer(int ci, std::vector<float>& weights)
{
    const Customer& cu = m_customers[std::size_t(ci)];
    Rng rng = stream(1000 + std::uint64_t(ci));
    std::vector<double> catW;
    affinityWeights(cu, weights, catW);
    const bool bargain = cu.archetype == Bargain;
    std::vector<PlannedOrder> plan = planNaturalOrders(rng, cu, bargain);
    planCampaignOrders(rng, ci, bargain, plan);
    std::sort(plan.begin(), plan.end(), [](const PlannedOrder& x, const PlannedOrder& y) { return x.ts < y.ts; });

    std::int64_t webOrders = 0;
    std::vector<int> basket;
    for (const PlannedOrder& pl : plan) {
        if (pl.ts >= m_cal.end || pl.ts < m_cal.start)
            continue;
        const ChoiceContext cc{weights.data(), catW.data(), m_cal.weekOf(pl.ts), bargain};
        Order o;
        o.ts = pl.ts;
        o.customer = ci;
        fillBasket(rng, cu, o, basket, cc);
        fillChannelAndPayment(rng, cu, o);
        attributeCampaign(rng, ci, pl, o);
        const int oi = finishOrder(rng, o, true);
        ++m_legitOrders;
        // A sample of web sessions is tracked: those leave a clickstream ending in the purchase.
        if (o.hasSession)
            ++webOrders;
        if (o.hasSession && rng.bernoulli(m_spec.trackRate))
            trackPurchaseSession(rng, ci, oi, o, cc);
    }
    browseWithoutPurchase(rng, ci, webOrders, weights, catW, bargain);
}

// Anonymous visitors (not logged in) make up the rest of the non-converting sessions; a small
// pool of latent visitor types keeps their item choice structured too.
void Generator::simulateAnonymous()
{
    Rng rng = stream(5);
    const double target = double(m_trackedPurchaseSessions) * (1 - kConversion) / kConversion;
    const auto anon = std::int64_t(std::max(0.15 * target, target - double(m_customerBrowseSessions)));
    const std::size_t nP = m_products.size();
    const std::size_t nCat = m_byCategory.size();
    constexpr int kPool = 32;
    std::vector<std::vector<float>> w(kPool, std::vector<float>(nP));
    std::vector<std::vector<double>> catW(kPool, std::vector<double>(nCat, 0.0));
    for (int k = 0; k < kPool; ++k) {
        std::array<float, kFactorDim> u{};
        for (auto& x : u)
            x = float(rng.normal(0, 0.45));
        for (std::size_t i = 0; i < nP; ++i) {
            float s = 0;
            for (int d = 0; d < kFactorDim; ++d)
                s += u[std::size_t(d)] * m_products[i].v[std::size_t(d)];
            w[std::size_t(k)][i] = float(m_products[i].popularity * std::exp(kAffinityScale * s));
            catW[std::size_t(k)][std::size_t(m_products[i].category)] += w[std::size_t(k)][i];
        }
    }
    for (std::int64_t n = 0; n < anon; ++n) {
        const int k = int(rng.below(kPool));
        const int d = m_cal.sampleDay(rng, 0, kDays, false);
        Timestamp t = m_cal.sampleTime(rng, d);
        const int week = m_cal.weekOf(t);
        const auto s = std::uint32_t(m_sessions.size());
        const auto dev = std::uint32_t(m_deviceApp.size());
        const bool app = rng.bernoulli(0.3);
        m_deviceApp.push_back(app);
        m_sessions.push_back({-1, dev, app ? std::uint8_t(App) : std::uint8_t(Web)});
        int prev = -1;
        if (rng.bernoulli(0.3)) {
            const int cat = int(rng.weighted<double>(catW[std::size_t(k)]));
            const auto& qs = rng.bernoulli(0.2) ? m_queriesZh[std::size_t(cat)] : m_queriesEn[std::size_t(cat)];
            m_events.push_back({t, s, -1, -1, qs[rng.below(qs.size())], Search});
            prev = drawItem(rng, w[std::size_t(k)].data(), catW[std::size_t(k)].data(), week, false, cat);
            t += 5 + Timestamp(rng.exponential(1.0 / 30.0));
            m_events.push_back({t, s, prev, -1, 0, View});
        }
        const int views = int(std::min<std::int64_t>(20, 1 + rng.geometric(0.45)));
        browse(rng, s, t, w[std::size_t(k)].data(), catW[std::size_t(k)].data(), week, false, views, prev, 0.04);
    }
}

void Generator::simulateCustomers(ProgressReporter& progress)
{
    std::vector<float> weights;
    const std::size_t n = m_customers.size();
    for (std::size_t c = 0; c < n; ++c) {
        if ((c & 63) == 0)
            progress.report(double(c) / double(n), "simulating customers");
        simulateCustomer(int(c), weights);
    }
    simulateAnonymous();
}

// ------------------------------------------------------------------------------------------ fraud

// The state of planting fraud: its own random stream, the catalogue by price (big baskets take
// expensive products, card tests cheap ones), and the orders and rings made so far.
struct FraudContext {
    Rng rng;
    std::vector<int> byPrice;
    std::int64_t made = 0;
    int rings = 0;
};

// A product from the price band [lo, lo + width) (fractions of the catalogue by price) that is
// on sale in `week`.
int Generator::fraudProduct(FraudContext& fc, double lo, double width, int week) const
{
    const std::size_t nP = fc.byPrice.size();
    for (int attempt = 0; attempt < 50; ++attempt) {
        const std::size_t k = std::size_t(lo * double(nP)) + fc.rng.below(std::max<std::size_t>(1, std::size_t(width * double(nP))));
        const auto i = fc.byPrice[std::min(k, nP - 1)];
        if (m_mult[std::size_t(i) * kWeeks + std::size_t(week)] > 0)
            return i;
    }
    return fc.byPrice[nP / 2];
}

// A fresh fraudulent account (fraudsters sign up shortly before they order).
int Generator::fraudAccount(FraudContext& fc, Timestamp created)
{
    const int city = pickCity(fc.rng, pickCountry(fc.rng));
    const int c = newCustomer(fc.rng, city, created);
    m_customers[std::size_t(c)].fraud = true;
    m_customers[std::size_t(c)].archetype = kFraudster;
    return c;
}

// A fraudulent order of `lines` distinct products from a price band, on the account's first
// device and card, from its home IP and country; the caller adjusts what its pattern changes.
Order Generator::fraudOrder(FraudContext& fc, int c, Timestamp ts, FraudPattern pattern, int lines, double lo,
                            double width, int qtyMax)
{
    Rng& rng = fc.rng;
    Order o;
    o.ts = std::min(ts, m_cal.end - 60);
    o.customer = c;
    o.fraud = std::int8_t(pattern);
    o.channel = rng.bernoulli(0.6) ? Web : App;
    const Customer& cu = m_customers[std::size_t(c)];
    o.device = cu.devices[0];
    o.card = cu.cards[0];
    o.pay = Card;
    o.ip = cu.ip;
    o.ipCountry = tx::cities()[std::size_t(cu.city)].country;
    o.billAddr = cu.home;
    o.shipAddr = cu.home;
    const int week = m_cal.weekOf(o.ts);
    o.itemBegin = std::uint32_t(m_items.size());
    std::vector<int> seen;
    for (int attempt = 0; attempt < 8 * lines && int(seen.size()) < lines; ++attempt) {
        const int p = fraudProduct(fc, lo, width, week);
        if (std::find(seen.begin(), seen.end(), p) != seen.end())
            continue;
        seen.push_back(p);
        m_items.push_back({p, int(rng.range(1, qtyMax)), 0, 0});
    }
    o.itemCount = std::uint16_t(seen.size());
    o.status = rng.bernoulli(0.85) ? Completed : Processing;
    if (m_cal.end - o.ts < 2 * kSecondsPerDay)
        o.status = Processing;
    return o;
}

void Generator::pushFraud(FraudContext& fc, Order& o)
{
    finishOrder(fc.rng, o, false);
    ++fc.made;
}

// One new account buying an expensive basket right after signing up.
void Generator::plantBigBasket(FraudContext& fc, Timestamp t0)
{
    const int c = fraudAccount(fc, t0 - fc.rng.range(300, 5400));
    Order o = fraudOrder(fc, c, t0, BigBasket, int(fc.rng.range(4, 8)), 0.7, 0.3, 3);
    pushFraud(fc, o);
}

// Several new accounts ordering from one new device within minutes.
void Generator::plantDeviceBurst(FraudContext& fc, Timestamp t0)
{
    Rng& rng = fc.rng;
    const auto dev = std::uint32_t(m_deviceApp.size());
    m_deviceApp.push_back(0);
    const int k = int(rng.range(4, 8));
    Timestamp t = t0;
    for (int j = 0; j < k; ++j) {
        const int c = fraudAccount(fc, t - rng.range(600, 3 * 86400));
        m_customers[std::size_t(c)].devices[0] = dev;
        Order o = fraudOrder(fc, c, t, DeviceBurst, int(rng.range(2, 4)), 0.5, 0.5, 2);
        pushFraud(fc, o);
        t += rng.range(60, 1500);
    }
}

// Several new accounts ordering from one new IP within the hour.
void Generator::plantIpBurst(FraudContext& fc, Timestamp t0)
{
    Rng& rng = fc.rng;
    const auto ip = std::uint32_t(m_nextIp++);
    const int k = int(rng.range(4, 8));
    Timestamp t = t0;
    for (int j = 0; j < k; ++j) {
        const int c = fraudAccount(fc, t - rng.range(600, 5 * 86400));
        m_customers[std::size_t(c)].ip = ip;
        Order o = fraudOrder(fc, c, t, IpBurst, int(rng.range(1, 4)), 0.4, 0.6, 2);
        pushFraud(fc, o);
        t += rng.range(120, 2400);
    }
}

// Orders shipped to another country than the billing one, from a foreign IP.
void Generator::plantCountryMismatch(FraudContext& fc, Timestamp t0)
{
    Rng& rng = fc.rng;
    const int c = fraudAccount(fc, t0 - rng.range(600, 10 * 86400));
    const int k = int(rng.range(1, 2));
    Timestamp t = t0;
    const auto billCountry = tx::cities()[std::size_t(m_customers[std::size_t(c)].city)].country;
    int shipCity = 0;
    do
        shipCity = int(rng.below(tx::cities().size()));
    while (tx::cities()[std::size_t(shipCity)].country == billCountry);
    const int shipAddr = newAddress(rng, shipCity);
    const auto& foreign = tx::foreignIpCountries();
    const auto ipc = foreign[rng.below(foreign.size())];
    for (int j = 0; j < k; ++j) {
        Order o = fraudOrder(fc, c, t, CountryMismatch, int(rng.range(1, 4)), 0.5, 0.5, 2);
        o.shipAddr = shipAddr;
        o.ipCountry = ipc;
        pushFraud(fc, o);
        t += rng.range(3600, 5 * 86400);
    }
}

// A ring: accounts sharing two devices, often an IP, and one drop address, over seven weeks.
// Orders that would fall past the data's end are dropped (their items stay unreferenced).
void Generator::plantRing(FraudContext& fc, Timestamp t0)
{
    Rng& rng = fc.rng;
    const int ring = fc.rings++;
    const int members = int(rng.range(3, 6));
    const auto dev1 = std::uint32_t(m_deviceApp.size());
    m_deviceApp.push_back(0);
    const auto dev2 = std::uint32_t(m_deviceApp.size());
    m_deviceApp.push_back(1);
    const int city = pickCity(rng, "GB");
    const int dropAddr = newAddress(rng, city);
    const auto sharedIp = std::uint32_t(m_nextIp++);
    for (int j = 0; j < members; ++j) {
        const int c = fraudAccount(fc, t0 - rng.range(86400, 30 * 86400));
        Customer& cu = m_customers[std::size_t(c)];
        cu.devices[0] = rng.bernoulli(0.5) ? dev1 : dev2;
        if (rng.bernoulli(0.5))
            cu.ip = sharedIp;
        const int orders = int(rng.range(2, 3));
        for (int k = 0; k < orders; ++k) {
            const Timestamp t = t0 + rng.range(0, 50 * 86400);
            const int lines = int(rng.range(1, 3));
            Order o = fraudOrder(fc, c, t, Ring, lines, 0.55, 0.45, 2);
            o.shipAddr = dropAddr;
            o.ring = ring;
            if (o.ts < m_cal.end - 3600)
                pushFraud(fc, o);
        }
    }
}

// One account trying many new cards on cheap single items within minutes, most declined.
void Generator::plantCardTesting(FraudContext& fc, Timestamp t0)
{
    Rng& rng = fc.rng;
    const int c = fraudAccount(fc, t0 - rng.range(60, 3600));
    const int k = int(rng.range(6, 14));
    Timestamp t = t0;
    for (int j = 0; j < k; ++j) {
        Order o = fraudOrder(fc, c, t, CardTesting, 1, 0.0, 0.15, 1);
        o.card = std::int64_t(m_cardPay.size());
        m_cardPay.push_back(Card);
        o.status = rng.bernoulli(0.75) ? Failed : Completed;
        o.channel = Web;
        pushFraud(fc, o);
        t += rng.range(30, 300);
    }
}

// About 1.5% of orders are fraud, in six patterns the risk engine must learn to tell apart.
void Generator::buildFraud()
{
    FraudContext fc{stream(6), {}, 0, 0};
    Rng& rng = fc.rng;
    const auto target = std::int64_t(std::llround(double(m_legitOrders) * rng.uniform(0.013, 0.017)));
    fc.byPrice.resize(m_products.size());
    std::iota(fc.byPrice.begin(), fc.byPrice.end(), 0);
    std::stable_sort(fc.byPrice.begin(), fc.byPrice.end(),
                     [&](int a, int b) { return m_products[std::size_t(a)].refPrice < m_products[std::size_t(b)].refPrice; });
    while (fc.made < target) {
        const auto pattern = FraudPattern(rng.weighted<double>(std::array<double, 6>{0.16, 0.16, 0.16, 0.15, 0.15, 0.22}));
        const Timestamp t0 = m_cal.sampleTime(rng, m_cal.sampleDay(rng, 0, kDays, false));
        switch (pattern) {
        case BigBasket: plantBigBasket(fc, t0); break;
        case DeviceBurst: plantDeviceBurst(fc, t0); break;
        case IpBurst: plantIpBurst(fc, t0); break;
        case CountryMismatch: plantCountryMismatch(fc, t0); break;
        case Ring: plantRing(fc, t0); break;
        case CardTesting: plantCardTesting(fc, t0); break;
        default: break;
        }
    }
}

// Ids follow time: orders by created_at, customers by sign-up.
void Generator::assignIds()
{
    std::vector<std::int32_t> order(m_orders.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return m_orders[std::size_t(a)].ts < m_orders[std::size_t(b)].ts; });
    m_orderRank = order;
    m_orderId.assign(m_orders.size(), 0);
    for (std::size_t r = 0; r < order.size(); ++r)
        m_orderId[std::size_t(order[r])] = std::int64_t(r) + 1;
    std::vector<std::int32_t> cust(m_customers.size());
    std::iota(cust.begin(), cust.end(), 0);
    std::stable_sort(cust.begin(), cust.end(), [&](int a, int b) {
        return m_customers[std::size_t(a)].createdAt < m_customers[std::size_t(b)].createdAt;
    });
    m_customerRank = cust;
    m_customerId.assign(m_customers.size(), 0);
    for (std::size_t r = 0; r < cust.size(); ++r)
        m_customerId[std::size_t(cust[r])] = std::int64_t(r) + 1;
    std::stable_sort(m_events.begin(), m_events.end(), [](const Event& a, const Event& b) { return a.ts < b.ts; });
}

void Generator::buildRefunds()
{
    Rng rng = stream(7);
    for (const std::int32_t oi : m_orderRank) {
        const Order& o = m_orders[std::size_t(oi)];
        const Timestamp age = m_cal.end - o.ts;
        if (o.fraud != NoFraud) {
            // Chargebacks reveal part of the fraud, weeks later.
            if ((o.status == Completed || o.status == Processing) && rng.bernoulli(0.55)) {
                const Timestamp t = o.ts + rng.range(15, 70) * kSecondsPerDay;
                if (t < m_cal.end)
                    m_refunds.push_back({oi, -1, 0, t, o.total, "chargeback", "fraudulent transaction"});
            }
            continue;
        }
        if (o.status == Cancelled && o.pay != Cod) {
            m_refunds.push_back({oi, -1, 0, std::min(m_cal.end - 1, o.ts + rng.range(600, 86400)), o.total, "cancellation",
                                 "cancelled by customer"});
        } else if (o.status == Refunded) {
            m_refunds.push_back({oi, -1, 0, std::min(m_cal.end - 1, o.ts + rng.range(2, 20) * kSecondsPerDay), o.total,
                                 "refund", rng.bernoulli(0.5) ? "item not as described" : "arrived damaged"});
        } else if (o.status == Completed && age > 7 * kSecondsPerDay) {
            if (rng.bernoulli(0.035)) {
                const Item& it = m_items[o.itemBegin + std::uint32_t(rng.below(o.itemCount))];
                const Timestamp t = o.ts + rng.range(5, 30) * kSecondsPerDay;
                if (t < m_cal.end) {
                    static constexpr std::array<std::string_view, 4> kReasons{"changed mind", "wrong size",
                                                                              "not as pictured", "faulty"};
                    // A return refunds the line, but never more than the order cost after its discount.
                    m_refunds.push_back({oi, it.product, it.qty, t, std::min(it.lineTotal, o.total), "return",
                                         kReasons[rng.below(4)]});
                }
            } else if (rng.bernoulli(0.001)) {
                const Timestamp t = o.ts + rng.range(20, 60) * kSecondsPerDay;
                if (t < m_cal.end)
                    m_refunds.push_back({oi, -1, 0, t, o.total, "chargeback", "item not received"});
            }
        }
    }
    std::stable_sort(m_refunds.begin(), m_refunds.end(), [](const Refund& a, const Refund& b) { return a.ts < b.ts; });
}

// ------------------------------------------------------------------------------------------ support

std::string externalOrderId(std::int64_t id)
{
    return "SP-" + std::to_string(100000 + id);
}

// Fills a message template's slots for one conversation. Each call draws the same random numbers
// whichever slots the template has.
struct MessageFiller {
    Rng& rng;
    std::string orderId;
    std::string_view product, city;
    bool zh = false;

    std::string operator()(std::string_view tmpl) const
    {
        static constexpr std::array<std::string_view, 6> kCoupons{"SPRING15", "GARDEN10", "SD11",
                                                                  "WELCOME5", "SAVE10",   "FREESHIP"};
        std::string s(tmpl);
        s = replaceAll(s, "{order}", orderId);
        s = replaceAll(s, "{product}", product);
        s = replaceAll(s, "{days}", std::to_string(rng.range(2, 9)));
        s = replaceAll(s, "{city}", city);
        s = replaceAll(s, "{coupon}", kCoupons[rng.below(kCoupons.size())]);
        s = replaceAll(s, "{agent}", zh ? "小林" : "Amy");
        return s;
    }
};

void Generator::buildSupport()
{
    Rng rng = stream(8);
    std::vector<double> shares;
    for (const auto& in : tx::intents())
        shares.push_back(in.share);
    AliasTable intentTable(shares);
    std::vector<std::int32_t> legit;
    for (const std::int32_t oi : m_orderRank)
        if (m_orders[std::size_t(oi)].fraud == NoFraud)
            legit.push_back(oi);
    const auto n = std::max<std::int64_t>(150, m_legitOrders * 25 / 1000);
    for (std::int64_t k = 0; k < n; ++k)
        m_conversations.push_back(makeConversation(rng, intentTable, legit));
    std::vector<std::size_t> idx(m_conversations.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(),
                     [&](std::size_t a, std::size_t b) { return m_conversations[a].started < m_conversations[b].started; });
    std::vector<Conversation> sorted;
    sorted.reserve(idx.size());
    for (const auto i : idx)
        sorted.push_back(m_conversations[i]);
    m_conversations = std::move(sorted);
}

// One conversation about a legitimate order: the customer's opening message in their language,
// the bot's reply (right 88% of the time, and then confident), sometimes a follow-up, then how
// it ended.
Generator::Conversation Generator::makeConversation(Rng& rng, const AliasTable& intentTable,
                                                    const std::vector<std::int32_t>& legit)
{
    const auto& intents = tx::intents();
    const int intent = int(intentTable.sample(rng));
    const auto& spec = intents[std::size_t(intent)];
    const std::int32_t oi = legit[std::size_t(rng.below(legit.size()))];
    const Order& o = m_orders[std::size_t(oi)];
    const Customer& cu = m_customers[std::size_t(o.customer)];
    Conversation cv{};
    cv.customer = o.customer;
    cv.order = spec.needsOrder ? oi : -1;
    cv.zh = cu.zh;
    cv.intent = intent;
    cv.started = std::min(m_cal.end - 600, o.ts + 3600 + Timestamp(rng.exponential(1.0 / (4.0 * 86400))));
    const Item& it = m_items[o.itemBegin + std::uint32_t(rng.below(o.itemCount))];
    const Product& pr = m_products[std::size_t(it.product)];
    const auto& city = tx::cities()[std::size_t(cu.city)];
    const MessageFiller fill{rng, externalOrderId(m_orderId[std::size_t(oi)]), cv.zh ? std::string_view(pr.titleZh) : pr.titleEn,
                             cv.zh ? city.nameZh : city.name, cv.zh};
    const auto& phrasings = cv.zh ? spec.zh : spec.en;
    const auto& openers = cv.zh ? tx::openersZh() : tx::openersEn();
    const auto& closers = cv.zh ? tx::closersZh() : tx::closersEn();
    cv.msgBegin = std::uint32_t(m_messages.size());
    Timestamp t = cv.started;
    std::string first(openers[rng.below(openers.size())]);
    first += fill(phrasings[rng.below(phrasings.size())]);
    first += closers[rng.below(closers.size())];
    m_messages.push_back({t, "customer", std::move(first), -1, -1});
    const bool right = rng.bernoulli(0.88);
    const int predicted = right ? intent : int(rng.below(intents.size()));
    const double conf = right ? rng.uniform(0.7, 0.99) : rng.uniform(0.35, 0.7);
    t += rng.range(2, 20);
    const auto& pspec = intents[std::size_t(predicted)];
    m_messages.push_back({t, "bot", fill(cv.zh ? pspec.botZh : pspec.botEn), predicted, conf});
    const bool escalate = rng.bernoulli(spec.id == "complaint" || spec.id == "damaged_item" ? 0.45 : 0.12) || !right;
    if (rng.bernoulli(0.6) || escalate) {
        t += rng.range(20, 600);
        const auto& fu = cv.zh ? tx::followUpsZh() : tx::followUpsEn();
        const std::size_t pick = escalate ? 2 + rng.below(2) : (rng.bernoulli(0.5) ? rng.below(2) : 4);
        m_messages.push_back({t, "customer", std::string(fu[pick]), -1, -1});
    }
    endConversation(rng, cv, t, escalate, fill);
    cv.msgCount = std::uint32_t(m_messages.size()) - cv.msgBegin;
    return cv;
}

// How a conversation ended: the last day's are still open (or with the bot); older ones were
// resolved, or escalated to an agent who replied; agents tag the intent when they close one (a
// few tags are wrong), and some customers rate it.
void Generator::endConversation(Rng& rng, Conversation& cv, Timestamp t, bool escalate, const MessageFiller& fill)
{
    static constexpr std::array<std::string_view, 5> kAgents{"agent.lin", "agent.amy", "agent.chen", "agent.sam",
                                                             "agent.wei"};
    const auto& intents = tx::intents();
    const auto& spec = intents[std::size_t(cv.intent)];
    if (m_cal.end - cv.started < kSecondsPerDay) {
        cv.status = rng.bernoulli(0.5) ? "open" : "bot";
        cv.closed = 0;
        cv.labelled = -1;
        return;
    }
    if (escalate) {
        t += rng.range(300, 4 * 3600);
        cv.assignee = kAgents[rng.below(kAgents.size())];
        const auto& ag = cv.zh ? tx::agentRepliesZh() : tx::agentRepliesEn();
        m_messages.push_back({t, "agent", fill(ag[rng.below(ag.size())]), -1, -1});
        cv.status = rng.bernoulli(0.8) ? "resolved" : "escalated";
    } else {
        cv.status = "resolved";
    }
    cv.closed = cv.status == "resolved" ? std::min(m_cal.end - 1, t + rng.range(60, 3600)) : 0;
    cv.labelled = rng.bernoulli(0.95) ? cv.intent : int(rng.below(intents.size()));
    const bool unhappy = spec.id == "complaint" || spec.id == "damaged_item" || escalate;
    cv.csat = cv.status == "resolved" && rng.bernoulli(0.6)
        ? (unhappy ? int(rng.range(1, 4)) : int(rng.weighted<double>(std::array<double, 5>{0.03, 0.05, 0.12, 0.35, 0.45})) + 1)
        : 0;
}

// ------------------------------------------------------------------------------------------ logistics

void Generator::buildLogistics()
{
    Rng rng = stream(9);
    const auto& depots = tx::depots();
    const auto& cities = tx::cities();
    for (std::size_t d = 0; d < depots.size(); ++d)
        m_vehiclesPerDepot.push_back(int(rng.range(m_opt.size == DemoSize::Tiny ? 2 : 3, m_opt.size == DemoSize::Tiny ? 3 : 6)));
    const Timestamp from = m_cal.end - 21 * kSecondsPerDay;
    for (const std::int32_t oi : m_orderRank) {
        const Order& o = m_orders[std::size_t(oi)];
        if (o.ts < from || o.status == Cancelled || o.status == Failed || o.status == Refunded)
            continue;
        const Address& a = m_addresses[std::size_t(o.shipAddr)];
        const auto country = cities[std::size_t(a.city)].country;
        int best = -1;
        double bestKm = 1e18;
        for (int pass = 0; pass < 2 && best < 0; ++pass)
            for (std::size_t d = 0; d < depots.size(); ++d) {
                if (pass == 0 && depots[d].country != country)
                    continue;
                const double km = haversineKm(a.lat, a.lon, depots[d].lat, depots[d].lon);
                if (km < bestKm) {
                    bestKm = km;
                    best = int(d);
                }
            }
        Shipment s{};
        s.order = oi;
        s.depot = best;
        s.created = o.ts + rng.range(600, 6 * 3600);
        s.promised = o.ts + rng.range(1, 3) * kSecondsPerDay + 18 * 3600;
        for (std::uint32_t k = o.itemBegin; k < o.itemBegin + o.itemCount; ++k) {
            s.units += m_items[k].qty;
            s.weight += std::int64_t(m_items[k].qty) * m_products[std::size_t(m_items[k].product)].weightG;
        }
        const Timestamp age = m_cal.end - o.ts;
        if (o.status == Pending || o.status == Processing || age < kSecondsPerDay) {
            s.status = age < 12 * 3600 ? "pending" : "planned";
        } else if (age < 2 * kSecondsPerDay) {
            s.status = rng.bernoulli(0.5) ? "out_for_delivery" : "planned";
        } else {
            const double r = rng.uniform();
            s.status = r < 0.02 ? "failed" : (r < 0.03 ? "returned" : "delivered");
            if (s.status == "delivered")
                s.delivered = std::min(m_cal.end - 1, s.created + rng.range(20, 70) * 3600);
        }
        if (s.created >= m_cal.end)
            s.created = m_cal.end - 1;
        m_shipments.push_back(s);
    }
}

// base_weekly_units: Poisson MLE of units_i(w) = B_i * S_w * m_i(w) with S_w the store's weekly
// volume (mean 1 over the full weeks), i.e. weekly units at the reference price, no promotion.
void Generator::computeProductTruth()
{
    const std::size_t nP = m_products.size();
    std::vector<double> units(nP * kWeeks, 0.0);
    std::vector<double> weekTotal(kWeeks, 0.0);
    for (const Order& o : m_orders) {
        if (o.fraud != NoFraud)
            continue;
        const int w = m_cal.weekOf(o.ts);
        for (std::uint32_t k = o.itemBegin; k < o.itemBegin + o.itemCount; ++k) {
            units[std::size_t(m_items[k].product) * kWeeks + std::size_t(w)] += m_items[k].qty;
            weekTotal[std::size_t(w)] += m_items[k].qty;
        }
    }
    constexpr int kFull = kWeeks - 1;
    const double mean = std::accumulate(weekTotal.begin(), weekTotal.begin() + kFull, 0.0) / kFull;
    m_baseUnits.assign(nP, 0.0);
    for (std::size_t i = 0; i < nP; ++i) {
        double num = 0, den = 0;
        for (int w = 0; w < kFull; ++w) {
            num += units[i * kWeeks + std::size_t(w)];
            den += (mean > 0 ? weekTotal[std::size_t(w)] / mean : 0.0) * m_mult[i * kWeeks + std::size_t(w)];
        }
        m_baseUnits[i] = den > 0 ? num / den : 0.0;
    }
}

// ------------------------------------------------------------------------------------------ writing

struct Writer {
    store::Database& db;
    ProgressReporter& progress;
    std::int64_t total;
    std::int64_t done = 0;
    void step(std::int64_t rows, std::string_view what)
    {
        done += rows;
        progress.report(total > 0 ? double(done) / double(total) : 1.0, what);
    }
};

template <typename Row, typename Make, typename Flush>
void writeChunked(Writer& w, std::size_t n, std::string_view what, Make make, Flush flush)
{
    constexpr std::size_t kChunk = 10000;
    std::vector<Row> rows;
    rows.reserve(std::min(n, kChunk));
    for (std::size_t i = 0; i < n; ++i) {
        rows.push_back(make(i));
        if (rows.size() == kChunk || i + 1 == n) {
            flush(std::span<Row>(rows));
            w.step(std::int64_t(rows.size()), what);
            rows.clear();
        }
    }
}

// Binds `value` when present, NULL otherwise: most optional columns of the demo tables are
// "absent" rather than zero.
void bindOrNull(store::Statement& st, int column, bool present, std::int64_t value)
{
    if (present)
        st.bind(column, value);
    else
        st.bindNull(column);
}

// Every table is written in a fixed order (rowids of the tables without explicit ids follow it),
// one step per table, so that a seed always gives the same store.
void Generator::write(ProgressReporter& progress)
{
    const std::int64_t totalRows = std::int64_t(m_products.size() + m_customers.size() + m_orders.size() + m_items.size()
                                                + m_events.size() + m_refunds.size() + m_compPrices.size()
                                                + m_exposures.size() + m_messages.size() + m_shipments.size());
    Writer w{m_db, progress, totalRows};
    writeCategories();
    writeProducts(w);
    writePriceHistory(w);
    writeCompetitorPrices(w);
    writeCustomers(w);
    writeCampaigns();
    writeOrders(w);
    writeOrderItems(w);
    writeRefunds(w);
    writeEvents(w);
    writeExposures(w);
    writeConversations(w);
    writeKnowledgeBase();
    writeDepotsAndVehicles();
    writeShipments(w);
    writeCustomerAndProductTruth();
    writeFraudAndCampaignTruth();
    progress.report(1.0, "written");
}

// The fixed category vocabulary, ids 1.. in its order.
void Generator::writeCategories()
{
    const auto& cats = tx::categories();
    std::vector<store::CategoryRow> catRows;
    for (std::size_t c = 0; c < cats.size(); ++c)
        catRows.push_back({store::Id(c + 1), std::string(cats[c].name.en), std::string(cats[c].name.zh), std::nullopt});
    store::upsertCategories(m_db, catRows);
}

// One catalogue row: the last week's price, stock and reorder point derived from the planted
// base demand (so the Logistics panel has products both below and above their reorder point).
store::ProductRow Generator::productRow(std::size_t i) const
{
    const Product& p = m_products[i];
    store::ProductRow r;
    r.id = store::Id(i + 1);
    r.externalId = "p" + std::to_string(i + 1);
    r.sku = p.sku;
    r.titleEn = p.titleEn;
    r.titleZh = p.titleZh;
    r.categoryId = p.category + 1;
    r.brand = std::string(p.brand);
    r.priceMinor = m_price[i * kWeeks + kWeeks - 1];
    r.costMinor = p.cost;
    r.currency = "GBP";
    const double weekly = m_baseUnits[i];
    Rng rng(m_opt.seed, 50000000 + i);
    r.leadTimeDays = rng.range(5, 28);
    r.reorderPoint = std::int64_t(std::ceil(weekly * double(*r.leadTimeDays) / 7.0 * 1.2)) + 2;
    r.stock = rng.bernoulli(0.1) ? rng.range(0, *r.reorderPoint)
                                 : std::int64_t(std::llround(weekly * rng.uniform(1.0, 9.0))) + *r.reorderPoint / 2;
    if (p.ladderGroup >= 0) {
        r.ladderGroup = "L" + std::to_string(p.ladderGroup + 1);
        r.ladderRank = p.ladderRank;
    }
    r.weightG = p.weightG;
    r.createdAt = p.createdAt;
    Timestamp updated = p.createdAt;
    for (int wk = std::max(1, p.launchWeek); wk < kWeeks; ++wk)
        if (m_price[i * kWeeks + std::size_t(wk)] != m_price[i * kWeeks + std::size_t(wk - 1)])
            updated = m_cal.start + Timestamp(wk) * 7 * kSecondsPerDay;
    r.updatedAt = std::max(updated, p.createdAt);
    return r;
}

// The catalogue, in product-id order.
void Generator::writeProducts(Writer& w)
{
    writeChunked<store::ProductRow>(
        w, m_products.size(), "writing products", [&](std::size_t i) { return productRow(i); },
        [&](std::span<store::ProductRow> rows) { store::upsertProducts(m_db, rows); });
}

// One price_history row per change of price or promotion (what a shop's price log holds).
void Generator::writePriceHistory(Writer& w)
{
    std::vector<store::PricePointRow> ph;
    for (std::size_t i = 0; i < m_products.size(); ++i) {
        const Product& p = m_products[i];
        const int first = p.launchWeek;
        for (int wk = first; wk < kWeeks; ++wk) {
            const std::size_t k = i * kWeeks + std::size_t(wk);
            if (wk > first && m_price[k] == m_price[k - 1] && m_promo[k] == m_promo[k - 1])
                continue;
            const Timestamp from = wk == 0 ? std::min(p.createdAt, m_cal.start - 30 * kSecondsPerDay)
                                           : std::max(p.createdAt, m_cal.start + Timestamp(wk) * 7 * kSecondsPerDay);
            ph.push_back({store::Id(i + 1), from, m_price[k], m_promo[k] != 0, "demo"});
        }
    }
    store::upsertPriceHistory(m_db, ph);
    w.step(0, "writing price history");
}

// Weekly competitor observations, each competitor at its own hour of the week's first day.
void Generator::writeCompetitorPrices(Writer& w)
{
    const auto& comps = tx::competitors();
    writeChunked<store::CompetitorPriceRow>(
        w, m_compPrices.size(), "writing competitor prices",
        [&](std::size_t i) {
            const CompPrice& c = m_compPrices[i];
            return store::CompetitorPriceRow{
                store::Id(c.product + 1), std::string(comps[c.competitor]),
                m_cal.start + Timestamp(c.week) * 7 * kSecondsPerDay + 6 * 3600 + c.competitor * 1800, c.price};
        },
        [&](std::span<store::CompetitorPriceRow> rows) { store::upsertCompetitorPrices(m_db, rows); });
}

// Customers in id (sign-up) order; `r` is the rank, not the generation index.
store::CustomerRow Generator::customerRow(std::size_t r) const
{
    const auto& cities = tx::cities();
    const std::uint64_t seed = m_opt.seed;
    const auto ci = std::size_t(m_customerRank[r]);
    const Customer& c = m_customers[ci];
    const Address& a = m_addresses[std::size_t(c.home)];
    store::CustomerRow row;
    row.id = store::Id(r + 1);
    row.externalId = "c" + std::to_string(r + 1);
    row.emailHash = hex(mix64(seed ^ (ci * 2 + 1)), 16) + hex(mix64(seed + ci * 7919), 16);
    row.name = c.name;
    row.country = std::string(cities[std::size_t(c.city)].country);
    row.city = std::string(cities[std::size_t(c.city)].name);
    row.lat = std::round(a.lat * 1e5) / 1e5;
    row.lon = std::round(a.lon * 1e5) / 1e5;
    row.locale = c.zh ? "zh" : "en";
    row.createdAt = c.createdAt;
    row.updatedAt = c.createdAt;
    return row;
}

// The customer table, chunked (the large store has 80k of them).
void Generator::writeCustomers(Writer& w)
{
    writeChunked<store::CustomerRow>(
        w, m_customers.size(), "writing customers", [&](std::size_t r) { return customerRow(r); },
        [&](std::span<store::CustomerRow> rows) { store::upsertCustomers(m_db, rows); });
}

// Campaigns with a budget that grows with their audience and the channel's cost per message.
void Generator::writeCampaigns()
{
    store::Statement st(m_db, "INSERT INTO campaigns(id, external_id, name, channel, start_at, end_at, budget_minor, "
                              "currency, segment_id, offer, status, created_at) VALUES(?,?,?,?,?,?,?,?,NULL,?,?,?)");
    for (std::size_t k = 0; k < m_campaigns.size(); ++k) {
        const Campaign& cm = m_campaigns[k];
        const auto& sp = tx::campaigns()[std::size_t(cm.spec)];
        const std::int64_t perMsg = sp.channel == "sms" ? 4 : (sp.channel == "email" ? 1 : 2);
        st.bind(1, std::int64_t(k + 1)).bind(2, "cmp" + std::to_string(k + 1)).bind(3, sp.name).bind(4, sp.channel)
            .bind(5, cm.startAt).bind(6, cm.endAt).bind(7, 50000 + cm.audience * perMsg).bind(8, "GBP")
            .bind(9, sp.offer).bind(10, cm.endAt < m_cal.end ? "finished" : "running")
            .bind(11, cm.startAt - 14 * kSecondsPerDay);
        st.step();
        st.reset();
    }
}

// Session ids are opaque hashes of the generation's session index, as a platform's would be.
std::string Generator::sessionName(std::uint64_t v) const
{
    return "s" + hex(mix64(m_opt.seed * 31 + v), 14);
}

// A generated address as the store keeps it (coordinates rounded to ~1 m).
store::Address Generator::storeAddress(int idx) const
{
    const auto& cities = tx::cities();
    const Address& a = m_addresses[std::size_t(idx)];
    store::Address out;
    out.line = a.line;
    out.city = std::string(cities[std::size_t(a.city)].name);
    out.postcode = a.postcode;
    out.country = std::string(cities[std::size_t(a.city)].country);
    out.lat = std::round(a.lat * 1e5) / 1e5;
    out.lon = std::round(a.lon * 1e5) / 1e5;
    return out;
}

// One order in id (= time) order, `r` being its rank; fingerprints, devices and IPs are hashes of
// the generation's indexes so that shared ones (fraud rings) stay shared.
store::OrderRow Generator::orderRow(std::size_t r) const
{
    const std::uint64_t seed = m_opt.seed;
    const auto oi = std::size_t(m_orderRank[r]);
    const Order& o = m_orders[oi];
    store::OrderRow row;
    row.id = store::Id(r + 1);
    row.externalId = externalOrderId(row.id);
    row.customerId = m_customerId[std::size_t(o.customer)];
    row.createdAt = o.ts;
    row.updatedAt = std::max(o.ts, o.updatedAt);
    row.status = kStatusNames[o.status];
    row.currency = "GBP";
    row.subtotalMinor = o.subtotal;
    row.discountMinor = o.discount;
    row.shippingMinor = o.shipping;
    row.taxMinor = o.tax;
    row.totalMinor = o.total;
    row.channel = kChannelNames[o.channel];
    row.paymentMethod = kPayNames[o.pay];
    row.paymentFingerprint = "pf_" + hex(mix64(seed * 17 + std::uint64_t(o.card)), 16);
    if (o.device >= 0)
        row.deviceId = "dev-" + hex(mix64(seed * 13 + std::uint64_t(o.device)), 12);
    if (o.ip >= 0)
        row.ip = ipText(mix64(seed * 11 + std::uint64_t(o.ip)));
    if (!o.ipCountry.empty())
        row.ipCountry = std::string(o.ipCountry);
    if (o.hasSession)
        row.sessionId = o.session >= 0 ? sessionName(std::uint64_t(o.session)) : sessionName((1ULL << 40) + oi);
    if (!o.coupon.empty())
        row.couponCode = std::string(o.coupon);
    if (o.campaign >= 0)
        row.campaignId = o.campaign + 1;
    row.shipName = m_customers[std::size_t(o.customer)].name;
    row.shipping = storeAddress(o.shipAddr);
    row.billing = storeAddress(o.billAddr);
    return row;
}

// The orders table, chunked (the largest table after events).
void Generator::writeOrders(Writer& w)
{
    writeChunked<store::OrderRow>(
        w, m_orders.size(), "writing orders", [&](std::size_t r) { return orderRow(r); },
        [&](std::span<store::OrderRow> rows) { store::upsertOrders(m_db, rows); });
}

// Items in order-id order, so item ids ascend with their orders.
void Generator::writeOrderItems(Writer& w)
{
    std::vector<std::uint32_t> itemOrder;
    itemOrder.reserve(m_items.size());
    std::vector<std::int64_t> itemOrderId;
    itemOrderId.reserve(m_items.size());
    for (std::size_t r = 0; r < m_orderRank.size(); ++r) {
        const Order& o = m_orders[std::size_t(m_orderRank[r])];
        for (std::uint32_t k = o.itemBegin; k < o.itemBegin + o.itemCount; ++k) {
            itemOrder.push_back(k);
            itemOrderId.push_back(std::int64_t(r + 1));
        }
    }
    writeChunked<store::OrderItemRow>(
        w, itemOrder.size(), "writing order items",
        [&](std::size_t j) {
            const Item& it = m_items[itemOrder[j]];
            return store::OrderItemRow{store::Id(j + 1), itemOrderId[j], it.product + 1, it.qty, it.unit, 0, it.lineTotal};
        },
        [&](std::span<store::OrderItemRow> rows) { store::insertOrderItems(m_db, rows); });
}

// Refunds in generation order (already by time), linked to their order's id.
void Generator::writeRefunds(Writer& w)
{
    writeChunked<store::RefundRow>(
        w, m_refunds.size(), "writing refunds",
        [&](std::size_t j) {
            const Refund& f = m_refunds[j];
            store::RefundRow row;
            row.id = store::Id(j + 1);
            row.externalId = "r" + std::to_string(j + 1);
            row.orderId = m_orderId[std::size_t(f.order)];
            if (f.product >= 0) {
                row.productId = f.product + 1;
                row.quantity = f.qty;
            }
            row.createdAt = f.ts;
            row.amountMinor = f.amount;
            row.kind = std::string(f.kind);
            row.reason = std::string(f.reason);
            return row;
        },
        [&](std::span<store::RefundRow> rows) { store::upsertRefunds(m_db, rows); });
}

// One clickstream event; anonymous sessions get an "anon-" device so they never join a customer.
store::EventRow Generator::eventRow(std::size_t j) const
{
    const std::uint64_t seed = m_opt.seed;
    const Event& e = m_events[j];
    const Session& s = m_sessions[e.session];
    store::EventRow row;
    row.id = store::Id(j + 1);
    row.ts = e.ts;
    row.type = kEventNames[e.type];
    row.sessionId = sessionName(e.session);
    if (s.customer >= 0)
        row.customerId = m_customerId[std::size_t(s.customer)];
    if (e.product >= 0)
        row.productId = e.product + 1;
    if (e.order >= 0)
        row.orderId = m_orderId[std::size_t(e.order)];
    if (e.type == Search)
        row.query = m_queries[e.query];
    row.channel = kChannelNames[s.channel];
    row.deviceId = s.customer >= 0 ? "dev-" + hex(mix64(seed * 13 + s.device), 12)
                                   : "anon-" + hex(mix64(seed * 19 + s.device), 12);
    return row;
}

// Events, already in time order.
void Generator::writeEvents(Writer& w)
{
    writeChunked<store::EventRow>(
        w, m_events.size(), "writing events", [&](std::size_t j) { return eventRow(j); },
        [&](std::span<store::EventRow> rows) { store::insertEvents(m_db, rows); });
}

// Who each campaign reached, in which arm, and whether they opened / clicked (NULL: unknown).
void Generator::writeExposures(Writer& w)
{
    store::Statement st(m_db, "INSERT INTO campaign_exposures(campaign_id, customer_id, arm, exposed_at, opened, "
                              "clicked) VALUES(?,?,?,?,?,?)");
    for (const Exposure& e : m_exposures) {
        st.bind(1, std::int64_t(e.campaign + 1)).bind(2, m_customerId[std::size_t(e.customer)])
            .bind(3, e.treatment ? "treatment" : "control").bind(4, e.exposedAt);
        bindOrNull(st, 5, e.opened >= 0, std::int64_t(e.opened));
        bindOrNull(st, 6, e.clicked >= 0, std::int64_t(e.clicked));
        st.step();
        st.reset();
    }
    w.step(std::int64_t(m_exposures.size()), "writing campaign exposures");
}

// Support conversations with their messages, and the true intent of each in truth_support.
void Generator::writeConversations(Writer& w)
{
    const auto& intents = tx::intents();
    store::Statement conv(m_db, "INSERT INTO support_conversations(id, external_id, customer_id, order_id, channel, "
                                "language, started_at, closed_at, status, intent, assignee, csat) "
                                "VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
    store::Statement msg(m_db, "INSERT INTO support_messages(id, conversation_id, ts, sender, text, intent, confidence) "
                               "VALUES(?,?,?,?,?,?,?)");
    store::Statement truth(m_db, "INSERT INTO truth_support(conversation_id, intent) VALUES(?,?)");
    std::int64_t mid = 0;
    for (std::size_t k = 0; k < m_conversations.size(); ++k) {
        const Conversation& cv = m_conversations[k];
        const auto id = std::int64_t(k + 1);
        conv.bind(1, id).bind(2, "t" + std::to_string(id)).bind(3, m_customerId[std::size_t(cv.customer)]);
        bindOrNull(conv, 4, cv.order >= 0, cv.order >= 0 ? m_orderId[std::size_t(cv.order)] : 0);
        conv.bind(5, "chat").bind(6, cv.zh ? "zh" : "en").bind(7, cv.started);
        bindOrNull(conv, 8, cv.closed > 0, cv.closed);
        conv.bind(9, cv.status);
        if (cv.labelled >= 0)
            conv.bind(10, intents[std::size_t(cv.labelled)].id);
        else
            conv.bindNull(10);
        if (!cv.assignee.empty())
            conv.bind(11, cv.assignee);
        else
            conv.bindNull(11);
        bindOrNull(conv, 12, cv.csat > 0, cv.csat);
        conv.step();
        conv.reset();
        mid = writeMessages(msg, cv, id, mid);
        truth.bind(1, id).bind(2, intents[std::size_t(cv.intent)].id);
        truth.step();
        truth.reset();
    }
    w.step(std::int64_t(m_messages.size()), "writing support conversations");
}

// The messages of one conversation; returns the last message id used.
std::int64_t Generator::writeMessages(store::Statement& msg, const Conversation& cv, std::int64_t conversationId,
                                     std::int64_t lastId)
{
    const auto& intents = tx::intents();
    for (std::uint32_t m = cv.msgBegin; m < cv.msgBegin + cv.msgCount; ++m) {
        const Message& ms = m_messages[m];
        msg.bind(1, ++lastId).bind(2, conversationId).bind(3, ms.ts).bind(4, ms.sender).bind(5, ms.text);
        if (ms.intent >= 0)
            msg.bind(6, intents[std::size_t(ms.intent)].id).bind(7, std::round(ms.confidence * 1000) / 1000);
        else
            msg.bindNull(6).bindNull(7);
        msg.step();
        msg.reset();
    }
    return lastId;
}

// One knowledge-base article per intent and language, for the Support panel's bot.
void Generator::writeKnowledgeBase()
{
    store::Statement kb(m_db, "INSERT INTO kb_articles(id, slug, language, intent, title, body, tags, updated_at) "
                              "VALUES(?,?,?,?,?,?,?,?)");
    Rng rng = stream(10);
    std::int64_t kid = 0;
    for (const auto& in : tx::intents()) {
        for (int zh = 0; zh < 2; ++zh) {
            std::string slug(in.id);
            for (auto& ch : slug)
                if (ch == '_')
                    ch = '-';
            kb.bind(1, ++kid).bind(2, slug + (zh ? "-zh" : "-en")).bind(3, zh ? "zh" : "en").bind(4, in.id)
                .bind(5, zh ? in.kbTitleZh : in.kbTitleEn).bind(6, zh ? in.kbBodyZh : in.kbBodyEn)
                .bind(7, replaceAll(std::string(in.id), "_", " "))
                .bind(8, m_cal.end - rng.range(10, 200) * kSecondsPerDay);
            kb.step();
            kb.reset();
        }
    }
}

// The fixed depots and each one's generated fleet (vans and a few trucks).
void Generator::writeDepotsAndVehicles()
{
    const auto& depots = tx::depots();
    store::Statement dep(m_db, "INSERT INTO depots(id, name, city, country, lat, lon, opens_at, closes_at) "
                               "VALUES(?,?,?,?,?,?,?,?)");
    store::Statement veh(m_db, "INSERT INTO vehicles(id, depot_id, name, capacity_units, capacity_kg, "
                               "cost_per_km_minor, shift_start, shift_end) VALUES(?,?,?,?,?,?,?,?)");
    Rng rng = stream(11);
    std::int64_t vid = 0;
    for (std::size_t d = 0; d < depots.size(); ++d) {
        const auto& dp = depots[d];
        dep.bind(1, std::int64_t(d + 1)).bind(2, dp.name).bind(3, dp.city).bind(4, dp.country).bind(5, dp.lat)
            .bind(6, dp.lon).bind(7, 6 * 3600).bind(8, 22 * 3600);
        dep.step();
        dep.reset();
        for (int v = 0; v < m_vehiclesPerDepot[d]; ++v) {
            const bool big = rng.bernoulli(0.3);
            veh.bind(1, ++vid).bind(2, std::int64_t(d + 1))
                .bind(3, std::string(dp.city) + (big ? " Truck " : " Van ") + std::to_string(v + 1))
                .bind(4, big ? rng.range(150, 220) : rng.range(60, 110)).bind(5, big ? 3500.0 : 1200.0)
                .bind(6, big ? rng.range(90, 120) : rng.range(45, 75)).bind(7, (7 + rng.range(0, 2)) * 3600)
                .bind(8, (17 + rng.range(0, 3)) * 3600);
            veh.step();
            veh.reset();
        }
    }
}

// The last three weeks' shipments, unrouted (route planning is the Logistics panel's job).
void Generator::writeShipments(Writer& w)
{
    store::Statement sh(m_db, "INSERT INTO shipments(id, order_id, depot_id, route_id, stop_seq, status, lat, lon, "
                              "units, weight_g, created_at, promised_at, delivered_at, window_start, window_end, service_s) "
                              "VALUES(?,?,?,NULL,NULL,?,?,?,?,?,?,?,?,?,?,?)");
    // Delivery windows from a stream of their own (the rest of the store is unchanged by them):
    // about a third of the customers booked a two- or three-hour slot between 08:00 and 20:00;
    // time at the door grows with the parcel count.
    Rng windows = stream(9);
    for (std::size_t k = 0; k < m_shipments.size(); ++k) {
        const Shipment& s = m_shipments[k];
        const Address& a = m_addresses[std::size_t(m_orders[std::size_t(s.order)].shipAddr)];
        sh.bind(1, std::int64_t(k + 1)).bind(2, m_orderId[std::size_t(s.order)]).bind(3, std::int64_t(s.depot + 1))
            .bind(4, s.status).bind(5, std::round(a.lat * 1e5) / 1e5).bind(6, std::round(a.lon * 1e5) / 1e5)
            .bind(7, s.units).bind(8, s.weight).bind(9, s.created).bind(10, s.promised);
        bindOrNull(sh, 11, s.delivered > 0, s.delivered);
        const bool slot = windows.uniform() < 0.35;
        const std::int64_t start = (8 + std::int64_t(windows.uniform() * 10)) * 3600;
        const std::int64_t length = windows.uniform() < 0.5 ? 2 * 3600 : 3 * 3600;
        bindOrNull(sh, 12, slot, start);
        bindOrNull(sh, 13, slot, std::min<std::int64_t>(start + length, 20 * 3600));
        sh.bind(14, std::min<std::int64_t>(120 + 30 * s.units, 900));
        sh.step();
        sh.reset();
    }
    w.step(std::int64_t(m_shipments.size()), "writing shipments");
}

// Planted truth the recommender and pricing tests score against: customer tastes and
// sensitivities (fraudsters have none), product factors, elasticities and base demand.
void Generator::writeCustomerAndProductTruth()
{
    store::Statement tc(m_db, "INSERT INTO truth_customers(customer_id, archetype, factors, price_sensitivity) "
                              "VALUES(?,?,?,?)");
    for (std::size_t r = 0; r < m_customerRank.size(); ++r) {
        const Customer& c = m_customers[std::size_t(m_customerRank[r])];
        if (c.fraud)
            continue;
        tc.bind(1, std::int64_t(r + 1)).bind(2, kArchetypeNames[c.archetype]).bindBlob(3, floatBlob(c.u))
            .bind(4, c.sensitivity);
        tc.step();
        tc.reset();
    }
    store::Statement tp(m_db, "INSERT INTO truth_products(product_id, factors, elasticity, base_weekly_units) "
                              "VALUES(?,?,?,?)");
    for (std::size_t i = 0; i < m_products.size(); ++i) {
        tp.bind(1, std::int64_t(i + 1)).bindBlob(2, floatBlob(m_products[i].v)).bind(3, m_products[i].elasticity)
            .bind(4, m_baseUnits[i]);
        tp.step();
        tp.reset();
    }
}

// Planted truth the risk and campaign tests score against: which orders are fraud (pattern,
// ring) and each campaign's conversion base and lift per archetype.
void Generator::writeFraudAndCampaignTruth()
{
    store::Statement tf(m_db, "INSERT INTO truth_fraud(order_id, pattern, ring_id) VALUES(?,?,?)");
    for (std::size_t r = 0; r < m_orderRank.size(); ++r) {
        const Order& o = m_orders[std::size_t(m_orderRank[r])];
        if (o.fraud == NoFraud)
            continue;
        tf.bind(1, std::int64_t(r + 1)).bind(2, kFraudNames[std::size_t(o.fraud)]);
        bindOrNull(tf, 3, o.ring >= 0, std::int64_t(o.ring + 1));
        tf.step();
        tf.reset();
    }
    store::Statement tu(m_db, "INSERT INTO truth_campaign_uplift(campaign_id, archetype, conversion_base, "
                              "conversion_lift) VALUES(?,?,?,?)");
    for (std::size_t k = 0; k < m_campaigns.size(); ++k) {
        const Campaign& cm = m_campaigns[k];
        for (int a = 0; a < kArchetypeCount; ++a) {
            const auto ai = std::size_t(a);
            const double base = cm.baseCount[ai] > 0 ? cm.baseSum[ai] / cm.baseCount[ai] : 0.0;
            tu.bind(1, std::int64_t(k + 1)).bind(2, kArchetypeNames[ai]).bind(3, base).bind(4, cm.lift[ai]);
            tu.step();
            tu.reset();
        }
    }
}

// The whole simulation, in the order the streams and the planted truths depend on.
void Generator::simulate(ProgressReporter& progress)
{
    progress.report(0.0, "building the catalogue");
    buildCalendar();
    buildCatalogue();
    buildPrices();
    progress.report(0.03, "creating customers");
    buildCustomers();
    buildCampaigns();
    {
        ProgressReporter sim = progress.sub(0.05, 0.45);
        sim.report(0.0, "simulating customers");
        simulateCustomers(sim);
    }
    progress.report(0.45, "planting fraud");
    buildFraud();
    assignIds();
    buildRefunds();
    buildSupport();
    buildLogistics();
    computeProductTruth();
}

// Bulk load: secondary indexes of the big tables are dropped and rebuilt (one sort each) inside
// the same transaction, which is much cheaper than millions of random inserts. A rollback
// restores them along with everything else. Returns the statements that recreate them.
std::vector<std::string> Generator::dropBulkIndexes()
{
    std::vector<std::string> indexSql;
    store::Statement st(m_db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                              "AND tbl_name IN ('events','orders','order_items','customers','refunds') ORDER BY name");
    std::vector<std::string> names;
    while (st.step()) {
        names.push_back(st.columnText(0));
        indexSql.push_back(st.columnText(1));
    }
    for (const auto& name : names)
        m_db.exec("DROP INDEX \"" + name + "\"");
    return indexSql;
}

// The store_meta keys that say what this store is (the app's title bar and `info` read them).
void Generator::writeMeta()
{
    m_db.setMeta("source", "demo");
    m_db.setMeta("demo_seed", std::to_string(m_opt.seed));
    m_db.setMeta("demo_size", demoSizeName(m_opt.size));
    m_db.setMeta("currency", "GBP");
    m_db.setMeta("data_start", formatDate(m_cal.start));
    m_db.setMeta("data_end", formatDate(m_cal.end - 1));
    m_db.setMeta("name", "Demo store (" + std::string(demoSizeName(m_opt.size)) + ", seed " + std::to_string(m_opt.seed) + ")");
}

// Writes the simulated shop in one transaction: all of it or, on an error or cancel, nothing.
void Generator::writeStore(ProgressReporter& progress)
{
    // The whole store fits in the page cache, so nothing spills into the WAL before commit.
    m_db.exec("PRAGMA cache_size = -1048576");
    store::Transaction tx(m_db);
    const std::vector<std::string> indexSql = dropBulkIndexes();
    ProgressReporter wp = progress.sub(0.5, 0.97);
    write(wp);
    progress.report(0.97, "indexing");
    for (const auto& sql : indexSql)
        m_db.exec(sql);
    writeMeta();
    tx.commit();
    m_db.exec("PRAGMA cache_size = -2000");
}

// Row counts for the caller's report, from the simulation (no query needed).
DemoSummary Generator::summary() const
{
    DemoSummary sum;
    sum.categories = std::int64_t(tx::categories().size());
    sum.products = std::int64_t(m_products.size());
    sum.customers = std::int64_t(m_customers.size());
    sum.orders = std::int64_t(m_orders.size());
    for (const Order& o : m_orders)
        sum.orderItems += o.itemCount;
    sum.events = std::int64_t(m_events.size());
    sum.refunds = std::int64_t(m_refunds.size());
    sum.fraudOrders = std::int64_t(m_orders.size()) - m_legitOrders;
    sum.campaigns = std::int64_t(m_campaigns.size());
    sum.exposures = std::int64_t(m_exposures.size());
    sum.conversations = std::int64_t(m_conversations.size());
    sum.messages = std::int64_t(m_messages.size());
    sum.kbArticles = std::int64_t(tx::intents().size() * 2);
    sum.depots = std::int64_t(tx::depots().size());
    sum.vehicles = std::accumulate(m_vehiclesPerDepot.begin(), m_vehiclesPerDepot.end(), std::int64_t(0));
    sum.shipments = std::int64_t(m_shipments.size());
    return sum;
}

// Every table changed wholesale: listeners (open panels) reload rather than patch.
void Generator::publishResets()
{
    for (const char* table :
         {"categories", "products", "price_history", "competitor_prices", "customers", "campaigns", "orders",
          "order_items", "refunds", "events", "campaign_exposures", "support_conversations", "support_messages",
          "kb_articles", "depots", "vehicles", "shipments", "truth_customers", "truth_products", "truth_fraud",
          "truth_campaign_uplift", "truth_support", "store_meta"})
        m_db.changeFeed().publish(store::Change{table, store::ChangeKind::Reset, store::countRows(m_db, table), {}});
}

DemoSummary Generator::run()
{
    const auto t0 = std::chrono::steady_clock::now();
    const auto products = m_db.queryInt("SELECT count(*) FROM products").value_or(0);
    const auto orders = m_db.queryInt("SELECT count(*) FROM orders").value_or(0);
    if (products > 0 || orders > 0)
        throw Error(ErrorCode::InvalidArgument, "demo-data writes into a new, empty store; " + m_db.path()
                                                    + " already holds data. Choose a new file.");
    ProgressReporter progress(m_progress);
    simulate(progress);
    progress.report(0.5, "writing the store");
    writeStore(progress);
    DemoSummary sum = summary();
    publishResets();
    sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return sum;
}

} // namespace

DemoSummary generateDemoStore(store::Database& db, const DemoOptions& options, const Progress& progress)
{
    Generator gen(db, options, progress);
    return gen.run();
}

} // namespace shoppilot::demo
