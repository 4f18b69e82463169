// Fixed vocabularies of the demo generator (internal to core/demo): catalogue words in en/zh,
// cities with real coordinates, names, streets, support-message templates and knowledge-base text.
// Kept apart from the generator so the simulation code stays readable.
#pragma once

#include <array>
#include <string_view>
#include <vector>

namespace shoppilot::demo::text {

struct Word {
    std::string_view en;
    std::string_view zh;
};

struct CategorySpec {
    Word name;
    double medianPrice;     // major units (GBP)
    double elasticity;      // category mean own-price elasticity
    int weightG;            // typical shipping weight
    double qtyExtra;        // mean extra units per line (consumables are bought in multiples)
    std::array<Word, 5> nouns;
    std::array<Word, 5> materials;
    std::array<Word, 3> ladder; // size variants, cheapest first
};

const std::vector<CategorySpec>& categories();
const std::vector<Word>& colours();
const std::vector<std::string_view>& brands();

struct City {
    std::string_view country; // ISO 3166-1 alpha-2
    std::string_view name;
    std::string_view nameZh;
    double lat;
    double lon;
    double weight;            // share of the country's customers
    std::string_view postcodePrefix;
};
const std::vector<City>& cities();
// Countries customers live in, with their share of customers.
struct CountryShare {
    std::string_view code;
    double share;
};
const std::vector<CountryShare>& countries();
// Countries that fraudsters' IPs appear from (outside the customer base).
const std::vector<std::string_view>& foreignIpCountries();

const std::vector<std::string_view>& streets(std::string_view country);
const std::vector<std::string_view>& firstNames(std::string_view country);
const std::vector<std::string_view>& lastNames(std::string_view country);

struct DepotSpec {
    std::string_view name;
    std::string_view city;
    std::string_view country;
    double lat;
    double lon;
};
const std::vector<DepotSpec>& depots();

struct CampaignSpec {
    std::string_view name;
    std::string_view channel;
    std::string_view offer;
};
const std::vector<CampaignSpec>& campaigns();
const std::vector<std::string_view>& competitors();

// Support: intents, customer phrasings per language (slots {order} {product} {days} {city} {coupon}),
// the bot's first reply, and knowledge-base articles.
struct IntentSpec {
    std::string_view id;
    double share;
    bool needsOrder;
    std::vector<std::string_view> en;
    std::vector<std::string_view> zh;
    std::string_view botEn;
    std::string_view botZh;
    std::string_view kbTitleEn;
    std::string_view kbBodyEn;
    std::string_view kbTitleZh;
    std::string_view kbBodyZh;
};
const std::vector<IntentSpec>& intents();
const std::vector<std::string_view>& openersEn();
const std::vector<std::string_view>& openersZh();
const std::vector<std::string_view>& closersEn();
const std::vector<std::string_view>& closersZh();
const std::vector<std::string_view>& followUpsEn();
const std::vector<std::string_view>& followUpsZh();
const std::vector<std::string_view>& agentRepliesEn();
const std::vector<std::string_view>& agentRepliesZh();

} // namespace shoppilot::demo::text
