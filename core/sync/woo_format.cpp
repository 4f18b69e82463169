// WooCommerce REST v3 JSON <-> ShopPilot rows. See woo_format.h for the contract and the round trip.
#include "sync/woo_format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "common/error.h"
#include "common/money.h"

namespace shoppilot::sync::woo {

namespace {

using Json = nlohmann::ordered_json; // keeps WooCommerce's field order ("id" first) on the wire

constexpr int kMaxDepth = 64;
constexpr std::int64_t kMaxQuantity = 1'000'000'000;
constexpr const char* kMetaPrefix = "_shoppilot_";

[[noreturn]] void fail(const std::string& what)
{
    throw Error(ErrorCode::Parse, what);
}

// nlohmann's parser is iterative, but a hostile "[[[[..." still costs memory and a recursive
// destructor walk; nothing legitimate nests deeper than a handful of levels.
void checkDepth(std::string_view text, std::string_view what)
{
    int depth = 0;
    bool inString = false, escape = false;
    for (char ch : text) {
        if (inString) {
            if (escape)
                escape = false;
            else if (ch == '\\')
                escape = true;
            else if (ch == '"')
                inString = false;
            continue;
        }
        if (ch == '"')
            inString = true;
        else if (ch == '[' || ch == '{') {
            if (++depth > kMaxDepth)
                fail(std::string(what) + ": JSON nested deeper than " + std::to_string(kMaxDepth) + " levels");
        } else if (ch == ']' || ch == '}')
            --depth;
    }
}

Json parseJson(std::string_view text, std::string_view what)
{
    checkDepth(text, what);
    try {
        return Json::parse(text.begin(), text.end());
    } catch (const Json::exception& e) {
        fail(std::string(what) + ": not valid JSON (" + e.what() + ")");
    }
}

Json parseObject(std::string_view text, std::string_view what)
{
    Json j = parseJson(text, what);
    if (!j.is_object())
        fail(std::string(what) + ": expected a JSON object, got " + j.type_name());
    return j;
}

// Reads fields of one JSON object, naming the record and field in every error.
class Reader {
public:
    Reader(const Json& obj, std::string context) : m_obj(obj), m_context(std::move(context)) {}

    [[noreturn]] void error(std::string_view field, std::string_view problem) const
    {
        fail(m_context + ": field '" + std::string(field) + "' " + std::string(problem));
    }

    // nullptr when absent or null.
    const Json* find(std::string_view key) const
    {
        auto it = m_obj.find(key);
        if (it == m_obj.end() || it->is_null())
            return nullptr;
        return &*it;
    }

    std::optional<std::int64_t> optInt(std::string_view key) const { return toInt(find(key), key); }

    std::int64_t reqInt(std::string_view key) const
    {
        auto v = optInt(key);
        if (!v)
            error(key, "is missing");
        return *v;
    }

    // Woo ids: positive integers.
    std::int64_t reqId(std::string_view key) const
    {
        const std::int64_t v = reqInt(key);
        if (v <= 0)
            error(key, "must be a positive integer, got " + std::to_string(v));
        return v;
    }

    std::string str(std::string_view key) const
    {
        const Json* j = find(key);
        if (!j)
            return {};
        if (!j->is_string())
            error(key, std::string("must be a string, got ") + j->type_name());
        return j->get<std::string>();
    }

    store::OptText optText(std::string_view key) const
    {
        std::string s = str(key);
        if (s.empty())
            return std::nullopt;
        return s;
    }

    std::optional<double> optReal(std::string_view key) const
    {
        const Json* j = find(key);
        if (!j)
            return std::nullopt;
        if (j->is_number())
            return j->get<double>();
        if (j->is_string()) {
            const std::string s = j->get<std::string>();
            if (s.empty())
                return std::nullopt;
            double v = 0;
            auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
            if (ec == std::errc() && p == s.data() + s.size() && std::isfinite(v))
                return v;
        }
        error(key, "must be a number");
    }

    // Money: a decimal string (Woo's totals) or a JSON number (Woo's line item "price"). A number
    // is read through its shortest round-trip text, so 13.99 is exactly 1399, never 1398.
    std::optional<std::int64_t> optMoney(std::string_view key, int exponent) const
    {
        const Json* j = find(key);
        if (!j)
            return std::nullopt;
        std::string text;
        if (j->is_string()) {
            text = j->get<std::string>();
            if (text.empty())
                return std::nullopt;
        } else if (j->is_number()) {
            text = j->dump();
        } else {
            error(key, std::string("must be a decimal string, got ") + j->type_name());
        }
        auto v = parseMinorUnits(text, exponent);
        if (!v)
            error(key, "is not a decimal amount: '" + text.substr(0, 40) + "'");
        return v;
    }

    std::int64_t reqMoney(std::string_view key, int exponent) const
    {
        auto v = optMoney(key, exponent);
        if (!v)
            error(key, "is missing");
        return *v;
    }

    std::optional<Timestamp> optDate(std::string_view key) const
    {
        const Json* j = find(key);
        if (!j)
            return std::nullopt;
        if (!j->is_string())
            error(key, std::string("must be a date string, got ") + j->type_name());
        const std::string s = j->get<std::string>();
        if (s.empty())
            return std::nullopt;
        auto ts = parseWooDate(s);
        if (!ts)
            error(key, "is not a date: '" + s.substr(0, 40) + "'");
        return ts;
    }

    Timestamp reqDate(std::string_view key) const
    {
        auto ts = optDate(key);
        if (!ts)
            error(key, "is missing");
        return *ts;
    }

    // An optional nested object (Woo's billing/shipping); an empty object when absent.
    const Json& object(std::string_view key) const
    {
        static const Json kEmpty = Json::object();
        const Json* j = find(key);
        if (!j)
            return kEmpty;
        if (!j->is_object())
            error(key, std::string("must be an object, got ") + j->type_name());
        return *j;
    }

    const Json& array(std::string_view key) const
    {
        static const Json kEmpty = Json::array();
        const Json* j = find(key);
        if (!j)
            return kEmpty;
        if (!j->is_array())
            error(key, std::string("must be an array, got ") + j->type_name());
        return *j;
    }

    const std::string& context() const { return m_context; }

private:
    std::optional<std::int64_t> toInt(const Json* j, std::string_view key) const
    {
        if (!j)
            return std::nullopt;
        if (j->is_number_integer() && !j->is_number_unsigned())
            return j->get<std::int64_t>();
        if (j->is_number_unsigned()) {
            const auto u = j->get<std::uint64_t>();
            if (u > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
                error(key, "is out of range");
            return std::int64_t(u);
        }
        // WooCommerce meta values are often numbers written as strings.
        if (j->is_string()) {
            const std::string s = j->get<std::string>();
            if (s.empty())
                return std::nullopt;
            std::int64_t v = 0;
            auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
            if (ec == std::errc() && p == s.data() + s.size())
                return v;
            error(key, "is not an integer: '" + s.substr(0, 40) + "'");
        }
        error(key, std::string("must be an integer, got ") + (j->is_number_float() ? "a fraction or huge number" : j->type_name()));
    }

    const Json& m_obj;
    std::string m_context;
};

// meta_data: [{"id":..,"key":"_shoppilot_x","value":..}]; only our keys are kept.
class Meta {
public:
    explicit Meta(const Reader& r)
    {
        for (const Json& e : r.array("meta_data")) {
            if (!e.is_object())
                r.error("meta_data", "must hold objects");
            auto k = e.find("key");
            if (k == e.end() || !k->is_string())
                r.error("meta_data", "entry without a string key");
            const std::string key = k->get<std::string>();
            if (key.rfind(kMetaPrefix, 0) != 0)
                continue;
            auto v = e.find("value");
            m_values[key.substr(std::char_traits<char>::length(kMetaPrefix))] = v == e.end() ? Json() : *v;
        }
        m_reader.emplace(m_values, r.context() + " meta_data");
    }
    Meta(const Meta&) = delete;
    Meta& operator=(const Meta&) = delete;

    const Reader& r() const { return *m_reader; }

private:
    Json m_values = Json::object();
    std::optional<Reader> m_reader;
};

void addMeta(Json& meta, std::string_view key, Json value)
{
    if (value.is_null())
        return;
    meta.push_back({{"id", Json(meta.size() + 1)}, {"key", std::string(kMetaPrefix) + std::string(key)}, {"value", std::move(value)}});
}

template <typename T>
Json opt(const std::optional<T>& v)
{
    return v ? Json(*v) : Json();
}

std::string textOrEmpty(const store::OptText& t)
{
    return t.value_or(std::string());
}

std::string dump(const Json& j)
{
    // Rows with invalid UTF-8 (a foreign import) must still serialise, not throw.
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Woo splits person names; ShopPilot keeps one. Splitting at the first space and joining with one
// space reproduces every name that does not start with or contain doubled spaces.
std::pair<std::string, std::string> splitName(const store::OptText& name)
{
    if (!name)
        return {};
    const auto sp = name->find(' ');
    if (sp == std::string::npos)
        return {*name, {}};
    return {name->substr(0, sp), name->substr(sp + 1)};
}

store::OptText joinName(const std::string& first, const std::string& last)
{
    if (first.empty() && last.empty())
        return std::nullopt;
    if (first.empty())
        return last;
    if (last.empty())
        return first;
    return first + " " + last;
}

bool allDigits(std::string_view s)
{
    return !s.empty() && s.size() <= 18 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Json idJson(const std::string& externalId)
{
    if (allDigits(externalId))
        return Json(std::stoll(externalId));
    return Json(0);
}

std::optional<std::string> positiveIdText(std::optional<std::int64_t> v)
{
    if (!v || *v <= 0)
        return std::nullopt;
    return std::to_string(*v);
}

std::string hashEmail(std::string email)
{
    // Never store the address itself: a stable digest is enough to join and de-duplicate.
    email.erase(0, email.find_first_not_of(" \t"));
    email.erase(email.find_last_not_of(" \t") + 1);
    std::transform(email.begin(), email.end(), email.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(email.data(), email.size(), md, &len, EVP_sha256(), nullptr) != 1)
        return {};
    static const char* const kHex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < 16 && i < len; ++i) {
        out += kHex[md[i] >> 4];
        out += kHex[md[i] & 15];
    }
    return out;
}

const char* productStatusToWoo(const std::string& status)
{
    if (status == "draft")
        return "draft";
    if (status == "archived")
        return "private";
    return "publish";
}

std::string productStatusFromWoo(const Reader& r, const std::string& woo)
{
    if (woo == "publish" || woo.empty())
        return "active";
    if (woo == "draft" || woo == "pending" || woo == "future" || woo == "auto-draft")
        return "draft";
    if (woo == "private" || woo == "trash")
        return "archived";
    r.error("status", "has an unknown product status '" + woo.substr(0, 40) + "'");
}

bool isOrderStatus(std::string_view s)
{
    static const char* const kStatuses[] = {"pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed"};
    return std::any_of(std::begin(kStatuses), std::end(kStatuses), [&](const char* k) { return s == k; });
}

// The currency a record is read in: its own, else the shop's, else the demo store's GBP.
std::string effectiveCurrency(std::string own, const ShopContext& shop)
{
    if (!own.empty())
        return own;
    if (!shop.currency.empty())
        return shop.currency;
    return "GBP";
}

// Money text of a JSON number (Woo's COGS values): its shortest round-trip text.
std::optional<std::int64_t> numberMoney(const Json& j, int exponent)
{
    if (j.is_number())
        return parseMinorUnits(j.dump(), exponent);
    if (j.is_string())
        return parseMinorUnits(j.get<std::string>(), exponent);
    return std::nullopt;
}

bool isRefundKind(const std::string& s)
{
    return s == "refund" || s == "chargeback" || s == "cancellation" || s == "return";
}

Json addressJson(const store::Address& a, const std::pair<std::string, std::string>& name)
{
    return Json{{"first_name", name.first}, {"last_name", name.second}, {"company", ""},
                {"address_1", textOrEmpty(a.line)}, {"address_2", ""}, {"city", textOrEmpty(a.city)},
                {"state", ""}, {"postcode", textOrEmpty(a.postcode)}, {"country", textOrEmpty(a.country)}};
}

store::Address addressFrom(const Reader& r, std::string_view key)
{
    Reader a(r.object(key), r.context() + " " + std::string(key));
    store::Address out;
    out.line = a.optText("address_1");
    out.city = a.optText("city");
    out.postcode = a.optText("postcode");
    out.country = a.optText("country");
    return out;
}

void diff(std::string& out, std::string_view name, bool same)
{
    if (same)
        return;
    if (!out.empty())
        out += ", ";
    out += name;
}

// Doubles compare bit for bit (NaN never comes out of the store).
bool sameReal(const store::OptReal& a, const store::OptReal& b)
{
    return a == b;
}

} // namespace

// ------------------------------------------------------------------------------------ dates, ids

std::string formatWooDate(Timestamp ts)
{
    std::string s = formatTimestamp(ts);
    if (!s.empty() && s.back() == 'Z')
        s.pop_back();
    return s;
}

std::optional<Timestamp> parseWooDate(std::string_view text)
{
    // Woo writes exactly "YYYY-MM-DDTHH:MM:SS"; the 'T' form keeps a bare date from slipping in.
    if (text.size() < 19 || text[10] != 'T')
        return std::nullopt;
    if (text.size() > 19 && !(text.size() == 20 && text.back() == 'Z'))
        return std::nullopt;
    return parseTimestamp(text);
}

std::int64_t wooId(const store::OptText& externalId, store::Id localId)
{
    if (externalId && allDigits(*externalId))
        return std::stoll(*externalId);
    return localId;
}

std::string mapOrderStatus(std::string_view status)
{
    if (isOrderStatus(status))
        return std::string(status);
    if (status == "checkout-draft" || status == "draft" || status == "auto-draft")
        return "failed"; // a checkout in progress, not (yet) an order: never a sale
    if (status == "trash")
        return "cancelled";
    auto has = [&](std::string_view word) { return status.find(word) != std::string_view::npos; };
    if (has("cancel") || has("void"))
        return "cancelled";
    if (has("refund") || has("return"))
        return "refunded";
    if (has("fail") || has("declin") || has("reject"))
        return "failed";
    if (has("hold") || has("await-payment") || has("unpaid"))
        return "on-hold";
    return "processing"; // shipped, delivered, awaiting-shipment, partial-shipped ...: being handled
}

std::optional<std::int64_t> weightToGrams(std::string_view value, std::string_view unit)
{
    // Exact decimal arithmetic: the weight in milli-units, then scaled (lbs/oz by their gram ratio).
    const auto milli = parseMinorUnits(value, 3);
    if (!milli)
        return std::nullopt;
    if (unit == "kg")
        return *milli;
    if (unit == "g")
        return (*milli + (*milli >= 0 ? 500 : -500)) / 1000;
    if (unit == "lbs" || unit == "lb")
        return std::int64_t(std::llround(double(*milli) * 453.59237 / 1000.0));
    if (unit == "oz")
        return std::int64_t(std::llround(double(*milli) * 28.349523125 / 1000.0));
    return std::nullopt;
}

std::vector<std::string> splitArray(std::string_view text)
{
    checkDepth(text, "page");
    if (!Json::accept(text.begin(), text.end()))
        fail("page: the body is not complete, valid JSON (truncated or garbled, " + std::to_string(text.size()) + " bytes)");
    std::size_t pos = text.find_first_not_of(" \t\r\n");
    if (pos == std::string_view::npos || text[pos] != '[')
        fail("page: expected a JSON array of records");
    std::vector<std::string> out;
    ++pos;
    // The body is valid JSON, so a scan that only tracks strings and depth finds the elements.
    std::size_t start = std::string_view::npos;
    int depth = 0;
    bool inString = false, escape = false;
    for (; pos < text.size(); ++pos) {
        const char ch = text[pos];
        if (inString) {
            if (escape)
                escape = false;
            else if (ch == '\\')
                escape = true;
            else if (ch == '"')
                inString = false;
            continue;
        }
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')
            continue;
        if (depth == 0 && (ch == ',' || ch == ']')) {
            if (start != std::string_view::npos) {
                std::size_t end = pos;
                while (end > start && std::string_view(" \t\r\n").find(text[end - 1]) != std::string_view::npos)
                    --end;
                out.emplace_back(text.substr(start, end - start));
                start = std::string_view::npos;
            }
            if (ch == ']')
                break;
            continue;
        }
        if (start == std::string_view::npos)
            start = pos;
        if (ch == '"')
            inString = true;
        else if (ch == '[' || ch == '{')
            ++depth;
        else if (ch == ']' || ch == '}')
            --depth;
    }
    return out;
}

// ------------------------------------------------------------------------------------ products

std::string productJson(const Product& p, std::string_view weightUnit)
{
    const auto& r = p.row;
    const int exp = currencyExponent(r.currency);
    const std::int64_t id = wooId(r.externalId, r.id);
    const bool variation = p.type == "variation";
    // As WooCommerce: an unpriced product sends "" (drafts, variable and grouped parents).
    const std::string price = p.priceSet ? formatMinorUnits(r.priceMinor, exp) : std::string();
    Json j{
        {"id", id},
        {"name", r.titleEn},
        {"slug", "product-" + std::to_string(id)},
        {"permalink", "http://127.0.0.1/product/" + std::to_string(id)},
        {"date_created", formatWooDate(r.createdAt)},
        {"date_created_gmt", formatWooDate(r.createdAt)},
        {"date_modified", formatWooDate(p.modifiedAt)},
        {"date_modified_gmt", formatWooDate(p.modifiedAt)},
        {"type", p.type.empty() ? "simple" : p.type},
        {"status", productStatusToWoo(r.status)},
        {"sku", r.sku},
        {"price", price},
        {"regular_price", price},
        {"sale_price", ""},
        {"on_sale", false},
        {"manage_stock", p.stockManaged},
        {"stock_quantity", p.stockManaged ? Json(r.stock) : Json()},
        {"stock_status", !p.stockManaged || r.stock > 0 ? "instock" : "outofstock"},
        {"weight", r.weightG ? (weightUnit == "g" ? std::to_string(*r.weightG) : formatMinorUnits(*r.weightG, 3)) : std::string()},
        {"parent_id", p.parentExternalId ? idJson(*p.parentExternalId) : Json(0)},
    };
    if (!variation) {
        Json cats = Json::array();
        if (p.categoryName)
            cats.push_back({{"id", r.categoryId.value_or(0)}, {"name", *p.categoryName}, {"slug", ""}});
        j["categories"] = std::move(cats);
        Json brands = Json::array();
        if (r.brand)
            brands.push_back({{"id", 1}, {"name", *r.brand}, {"slug", ""}});
        j["brands"] = std::move(brands);
        Json vars = Json::array();
        for (const auto& v : p.variationIds)
            vars.push_back(idJson(v));
        j["variations"] = std::move(vars);
    }
    if (r.costMinor && *r.costMinor > 0) {
        // WooCommerce 9.5+ Cost of Goods Sold: numbers in the shop's currency.
        const double cost = std::strtod(formatMinorUnits(*r.costMinor, exp).c_str(), nullptr);
        j["cost_of_goods_sold"] = {{"values", Json::array({Json{{"defined_value", cost}, {"effective_value", cost}}})},
                                   {"total_value", cost}};
    }
    Json meta = Json::array();
    addMeta(meta, "title_zh", opt(r.titleZh));
    addMeta(meta, "category_name_zh", opt(p.categoryNameZh));
    if (variation)
        addMeta(meta, "brand", opt(r.brand)); // Woo variations carry no brands of their own
    if (r.costMinor && *r.costMinor == 0)
        addMeta(meta, "cost", formatMinorUnits(0, exp)); // Woo's COGS total 0 means "no cost entered"
    addMeta(meta, "currency", r.currency);
    addMeta(meta, "reorder_point", opt(r.reorderPoint));
    addMeta(meta, "lead_time_days", opt(r.leadTimeDays));
    addMeta(meta, "ladder_group", opt(r.ladderGroup));
    addMeta(meta, "ladder_rank", opt(r.ladderRank));
    j["meta_data"] = std::move(meta);
    return dump(j);
}

namespace {

// The fields products and variations share. `r2` names the record in errors.
void readProductFields(const Json& j, const Reader& r2, const Reader& m, Product& p, const ShopContext& shop)
{
    auto& row = p.row;
    row.titleEn = r2.str("name");
    row.currency = effectiveCurrency(m.str("currency"), shop);
    const int exp = currencyExponent(row.currency);
    // "price" is "" for drafts without a price and for variable / grouped parents: kept, unpriced.
    auto price = r2.optMoney("price", exp);
    if (!price)
        price = r2.optMoney("regular_price", exp);
    if (price && *price < 0)
        r2.error("price", "is negative");
    p.priceSet = price.has_value();
    row.priceMinor = price.value_or(0);

    // Cost: WooCommerce's own Cost of Goods Sold (9.5+: {"values":[{"defined_value","effective_value"}],
    // "total_value"}), else our meta. A total of 0 is how Woo reports "no cost entered".
    if (const Json* cogs = r2.find("cost_of_goods_sold"); cogs && cogs->is_object()) {
        std::optional<std::int64_t> total;
        if (auto it = cogs->find("total_value"); it != cogs->end())
            total = numberMoney(*it, exp);
        if (!total) {
            if (auto vs = cogs->find("values"); vs != cogs->end() && vs->is_array()) {
                std::int64_t sum = 0;
                bool any = false;
                for (const Json& v : *vs) {
                    if (!v.is_object())
                        continue;
                    auto e = v.find("effective_value");
                    if (e == v.end())
                        e = v.find("defined_value");
                    if (e == v.end())
                        continue;
                    if (auto x = numberMoney(*e, exp)) {
                        sum += *x;
                        any = true;
                    }
                }
                if (any)
                    total = sum;
            }
        }
        if (total && *total > 0)
            row.costMinor = total;
    }
    if (!row.costMinor)
        row.costMinor = m.optMoney("cost", exp);
    if (row.costMinor && *row.costMinor < 0)
        m.error("cost", "is negative");

    // Stock: stock_quantity null (manage_stock false) is unmanaged stock, never "0 in stock". A
    // variation's manage_stock may be "parent": the quantity shown is the parent's, managed.
    bool managed = true;
    if (const Json* ms = r2.find("manage_stock"); ms && ms->is_boolean())
        managed = ms->get<bool>();
    const auto qty = r2.optReal("stock_quantity");
    if (!qty)
        managed = false;
    p.stockManaged = managed;
    row.stock = managed && qty ? std::int64_t(std::floor(*qty)) : 0; // Woo allows fractional stock

    row.status = productStatusFromWoo(r2, r2.str("status"));
    if (const Json* w = r2.find("weight")) {
        if (!w->is_string() && !w->is_number())
            r2.error("weight", std::string("must be a decimal string, got ") + w->type_name());
        const std::string text = w->is_string() ? w->get<std::string>() : w->dump();
        if (!text.empty()) {
            row.weightG = weightToGrams(text, shop.weightUnit.empty() ? "kg" : shop.weightUnit);
            if (!row.weightG)
                r2.error("weight", "is not a weight in " + (shop.weightUnit.empty() ? std::string("kg") : shop.weightUnit)
                                       + ": '" + text.substr(0, 40) + "'");
            if (*row.weightG < 0)
                r2.error("weight", "is negative");
        }
    }
    // Brand: WooCommerce Brands (core since 9.6) sends "brands":[{"id","name","slug"}].
    for (const Json& b : r2.array("brands")) {
        if (!b.is_object())
            r2.error("brands", "must hold objects");
        row.brand = Reader(b, r2.context() + " brand").optText("name");
        if (row.brand)
            break;
    }
    if (!row.brand)
        row.brand = m.optText("brand");
    row.titleZh = m.optText("title_zh");
    row.reorderPoint = m.optInt("reorder_point");
    row.leadTimeDays = m.optInt("lead_time_days");
    row.ladderGroup = m.optText("ladder_group");
    row.ladderRank = m.optInt("ladder_rank");
    p.modifiedAt = r2.reqDate("date_modified_gmt");
    row.updatedAt = p.modifiedAt;
    row.createdAt = r2.optDate("date_created_gmt").value_or(p.modifiedAt);
    (void)j;
}

} // namespace

Product parseProduct(std::string_view json, const ShopContext& shop)
{
    const Json j = parseObject(json, "product");
    Reader r(j, "product");
    Product p;
    const std::int64_t id = r.reqId("id");
    Reader r2(j, "product " + std::to_string(id));
    Meta meta(r2);
    const Reader& m = meta.r();
    auto& row = p.row;
    row.externalId = std::to_string(id);
    row.sku = r2.str("sku");
    if (row.sku.empty())
        row.sku = "woo-" + std::to_string(id); // the store needs a unique SKU; Woo allows none
    p.type = r2.str("type");
    if (p.type.empty())
        p.type = "simple";
    if (p.type == "variation") {
        // A variation served where a product was expected (a webhook, /products/{id} of a variation).
        const std::int64_t parent = r2.optInt("parent_id").value_or(0);
        p.parentExternalId = positiveIdText(parent);
    }
    readProductFields(j, r2, m, p, shop);
    for (const Json& c : r2.array("categories")) {
        if (!c.is_object())
            r2.error("categories", "must hold objects");
        Reader cr(c, r2.context() + " category");
        p.categoryName = cr.optText("name");
        break;
    }
    p.categoryNameZh = m.optText("category_name_zh");
    for (const Json& v : r2.array("variations")) {
        if (!v.is_number_integer() || v.get<std::int64_t>() <= 0)
            r2.error("variations", "must hold positive integer ids");
        p.variationIds.push_back(std::to_string(v.get<std::int64_t>()));
    }
    return p;
}

Product parseVariation(std::string_view json, std::string_view parentExternalId, std::string_view parentTitle,
                       const ShopContext& shop)
{
    const Json j = parseObject(json, "variation");
    Reader r(j, "variation");
    Product p;
    const std::int64_t id = r.reqId("id");
    Reader r2(j, "variation " + std::to_string(id) + " of product " + std::string(parentExternalId));
    Meta meta(r2);
    const Reader& m = meta.r();
    auto& row = p.row;
    row.externalId = std::to_string(id);
    row.sku = r2.str("sku");
    if (row.sku.empty())
        row.sku = "woo-" + std::to_string(id);
    p.type = "variation";
    p.parentExternalId = std::string(parentExternalId);
    readProductFields(j, r2, m, p, shop);
    if (row.titleEn.empty()) {
        // Variations before WooCommerce 8.x carry no name: the parent's title and the options.
        std::string title(parentTitle);
        for (const Json& a : r2.array("attributes")) {
            if (!a.is_object())
                r2.error("attributes", "must hold objects");
            const std::string option = Reader(a, r2.context() + " attribute").str("option");
            if (!option.empty())
                title += (title.empty() ? "" : (title.find(" - ") == std::string::npos ? " - " : ", ")) + option;
        }
        row.titleEn = title.empty() ? "variation " + std::to_string(id) : title;
    }
    // A variation has no categories of its own in Woo; the sync client gives it the parent's.
    p.categoryNameZh = m.optText("category_name_zh");
    return p;
}

// ------------------------------------------------------------------------------------ customers

std::string customerJson(const Customer& c)
{
    const auto& r = c.row;
    const std::int64_t id = wooId(r.externalId, r.id);
    const auto name = splitName(r.name);
    const bool unmodified = !c.modifiedKnown || c.modifiedAt == r.createdAt;
    // The store keeps only a hash of the address; serve a placeholder that can never be delivered.
    const std::string email = "customer" + std::to_string(id) + "@example.invalid";
    Json billing{{"first_name", name.first}, {"last_name", name.second}, {"company", ""},
                 {"address_1", ""}, {"address_2", ""}, {"city", textOrEmpty(r.city)}, {"state", ""},
                 {"postcode", ""}, {"country", textOrEmpty(r.country)}, {"email", email}, {"phone", ""}};
    Json j{
        {"id", id},
        {"date_created", formatWooDate(r.createdAt)},
        {"date_created_gmt", formatWooDate(r.createdAt)},
        // As WooCommerce: null for a customer never modified after registering.
        {"date_modified", unmodified ? Json() : Json(formatWooDate(c.modifiedAt))},
        {"date_modified_gmt", unmodified ? Json() : Json(formatWooDate(c.modifiedAt))},
        {"email", email},
        {"first_name", name.first},
        {"last_name", name.second},
        {"role", "customer"},
        {"username", "customer" + std::to_string(id)},
        {"billing", billing},
        {"shipping", Json{{"first_name", name.first}, {"last_name", name.second}, {"city", textOrEmpty(r.city)}, {"country", textOrEmpty(r.country)}}},
        {"is_paying_customer", true},
    };
    Json meta = Json::array();
    addMeta(meta, "email_hash", opt(r.emailHash));
    addMeta(meta, "lat", opt(r.lat));
    addMeta(meta, "lon", opt(r.lon));
    addMeta(meta, "locale", opt(r.locale));
    j["meta_data"] = std::move(meta);
    return dump(j);
}

Customer parseCustomer(std::string_view json, const ShopContext&)
{
    const Json j = parseObject(json, "customer");
    const std::int64_t id = Reader(j, "customer").reqId("id");
    Reader r(j, "customer " + std::to_string(id));
    Meta meta(r);
    const Reader& m = meta.r();
    Customer c;
    auto& row = c.row;
    row.externalId = std::to_string(id);
    row.emailHash = m.optText("email_hash");
    if (!row.emailHash) {
        const std::string email = r.str("email");
        if (!email.empty())
            row.emailHash = hashEmail(email);
    }
    row.name = joinName(r.str("first_name"), r.str("last_name"));
    Reader billing(r.object("billing"), r.context() + " billing");
    Reader shipping(r.object("shipping"), r.context() + " shipping");
    row.country = billing.optText("country");
    if (!row.country)
        row.country = shipping.optText("country");
    row.city = billing.optText("city");
    if (!row.city)
        row.city = shipping.optText("city");
    row.lat = m.optReal("lat");
    row.lon = m.optReal("lon");
    row.locale = m.optText("locale");
    // WooCommerce reports date_modified null for a user never saved through WooCommerce.
    const auto modified = r.optDate("date_modified_gmt");
    const auto created = r.optDate("date_created_gmt");
    if (!modified && !created)
        r.error("date_modified_gmt", "is missing (and so is date_created_gmt)");
    c.modifiedKnown = modified.has_value();
    c.modifiedAt = modified ? *modified : *created;
    row.updatedAt = c.modifiedAt;
    row.createdAt = created.value_or(c.modifiedAt);
    return c;
}

// ------------------------------------------------------------------------------------ orders

Order wooLines(const Order& source)
{
    Order o = source;
    std::int64_t lineDiscounts = 0, lineTotals = 0;
    for (const auto& li : o.items) {
        lineDiscounts += li.discountMinor;
        lineTotals += li.totalMinor;
    }
    const std::int64_t toSpread = o.row.discountMinor - lineDiscounts;
    if (lineDiscounts != 0 || toSpread <= 0 || lineTotals <= 0)
        return o;
    // Proportional to the line totals, floored; the cents left go one each to the first lines
    // that can still take them (no line goes below 0).
    std::int64_t given = 0;
    std::vector<std::int64_t> share(o.items.size(), 0);
    for (std::size_t i = 0; i < o.items.size(); ++i) {
        const auto t = std::max<std::int64_t>(0, o.items[i].totalMinor);
        share[i] = std::min(t, std::int64_t(std::floor((long double)toSpread * (long double)t / (long double)lineTotals)));
        given += share[i];
    }
    for (std::size_t i = 0; given < toSpread && i < o.items.size(); ++i) {
        const std::int64_t room = std::max<std::int64_t>(0, o.items[i].totalMinor) - share[i];
        const std::int64_t add = std::min<std::int64_t>(room, std::min<std::int64_t>(1, toSpread - given));
        share[i] += add;
        given += add;
    }
    for (std::size_t i = 0; i < o.items.size(); ++i) {
        o.items[i].discountMinor += share[i];
        o.items[i].totalMinor -= share[i];
    }
    return o;
}

std::string orderJson(const Order& o)
{
    const auto& r = o.row;
    const int exp = currencyExponent(r.currency);
    const std::int64_t id = wooId(r.externalId, r.id);
    const auto name = splitName(r.shipName);
    auto money = [&](std::int64_t v) { return formatMinorUnits(v, exp); };
    Json j{
        {"id", id},
        {"parent_id", 0},
        {"number", std::to_string(id)},
        {"order_key", "wc_order_" + std::to_string(id)},
        {"created_via", "checkout"},
        {"status", o.platformStatus.value_or(r.status)},
        {"currency", r.currency},
        {"date_created", formatWooDate(r.createdAt)},
        {"date_created_gmt", formatWooDate(r.createdAt)},
        {"date_modified", formatWooDate(o.modifiedAt)},
        {"date_modified_gmt", formatWooDate(o.modifiedAt)},
        {"discount_total", money(r.discountMinor)},
        {"discount_tax", money(0)},
        {"shipping_total", money(r.shippingMinor)},
        {"shipping_tax", money(0)},
        {"cart_tax", money(r.taxMinor)}, // the simulator has no shipping tax: all of it is cart tax
        {"total", money(r.totalMinor)},
        {"total_tax", money(r.taxMinor)},
        {"prices_include_tax", false},
        {"customer_id", o.customerExternalId ? idJson(*o.customerExternalId) : Json(0)},
        {"customer_ip_address", textOrEmpty(r.ip)},
        {"customer_user_agent", ""},
        {"customer_note", ""},
        {"billing", addressJson(r.billing, name)},
        {"shipping", addressJson(r.shipping, name)},
        {"payment_method", textOrEmpty(r.paymentMethod)},
        {"payment_method_title", textOrEmpty(r.paymentMethod)},
        {"transaction_id", ""},
    };
    // WooCommerce spreads a coupon over the lines: line "total" is after discount, "subtotal"
    // before, and "price" is total / quantity as a float (not the list price).
    const Order shaped = wooLines(o);
    Json items = Json::array();
    for (const LineItem& li : shaped.items) {
        const double price = std::strtod(money(li.totalMinor).c_str(), nullptr) / double(std::max<std::int64_t>(1, li.quantity));
        const bool isVariation = li.variationExternalId.has_value();
        items.push_back({{"id", idJson(li.externalId)},
                         {"name", li.sku},
                         {"product_id", li.productExternalId ? idJson(*li.productExternalId) : Json(0)},
                         {"variation_id", isVariation ? idJson(*li.variationExternalId) : Json(0)},
                         {"quantity", li.quantity},
                         {"tax_class", ""},
                         {"subtotal", money(li.unitPriceMinor * li.quantity)},
                         {"subtotal_tax", money(0)},
                         {"total", money(li.totalMinor)},
                         {"total_tax", money(0)},
                         {"taxes", Json::array()},
                         {"meta_data", Json::array()},
                         {"sku", li.sku},
                         {"price", price}});
    }
    j["line_items"] = std::move(items);
    // Order item ids are global in WooCommerce; these lines get ids far above the line items'.
    const std::int64_t extraId = 1'000'000'000 + id * 4;
    Json taxLines = Json::array();
    if (r.taxMinor != 0)
        taxLines.push_back({{"id", extraId}, {"rate_code", "TAX-1"}, {"rate_id", 1}, {"label", "Tax"}, {"compound", false},
                            {"tax_total", money(r.taxMinor)}, {"shipping_tax_total", money(0)}, {"meta_data", Json::array()}});
    j["tax_lines"] = std::move(taxLines);
    Json shippingLines = Json::array();
    if (r.shippingMinor != 0)
        shippingLines.push_back({{"id", extraId + 1}, {"method_title", "Flat rate"}, {"method_id", "flat_rate"},
                                 {"instance_id", "1"}, {"total", money(r.shippingMinor)}, {"total_tax", money(0)},
                                 {"taxes", Json::array()}, {"meta_data", Json::array()}});
    j["shipping_lines"] = std::move(shippingLines);
    Json feeLines = Json::array();
    if (o.feesMinor != 0)
        feeLines.push_back({{"id", extraId + 2}, {"name", "Fee"}, {"tax_class", ""}, {"tax_status", "none"},
                            {"amount", money(o.feesMinor)}, {"total", money(o.feesMinor)}, {"total_tax", money(0)},
                            {"taxes", Json::array()}, {"meta_data", Json::array()}});
    j["fee_lines"] = std::move(feeLines);
    j["coupon_lines"] = r.couponCode ? Json::array({Json{{"id", extraId + 3}, {"code", *r.couponCode}, {"discount", money(r.discountMinor)}, {"discount_tax", money(0)}}}) : Json::array();
    Json refunds = Json::array();
    Json refundMeta = Json::array();
    for (const Refund& rf : o.refunds) {
        refunds.push_back({{"id", idJson(rf.externalId)}, {"reason", rf.reason}, {"total", money(-rf.amountMinor)}});
        refundMeta.push_back({{"id", idJson(rf.externalId)}, {"kind", rf.kind}, {"created_gmt", formatWooDate(rf.createdAt)},
                              {"product_id", rf.productExternalId ? idJson(*rf.productExternalId) : Json()},
                              {"quantity", opt(rf.quantity)}});
    }
    j["refunds"] = std::move(refunds);
    Json meta = Json::array();
    addMeta(meta, "subtotal", money(r.subtotalMinor));
    addMeta(meta, "channel", opt(r.channel));
    addMeta(meta, "payment_fingerprint", opt(r.paymentFingerprint));
    addMeta(meta, "device_id", opt(r.deviceId));
    addMeta(meta, "ip_country", opt(r.ipCountry));
    addMeta(meta, "session_id", opt(r.sessionId));
    addMeta(meta, "campaign_id", opt(r.campaignId));
    addMeta(meta, "ship_lat", opt(r.shipping.lat));
    addMeta(meta, "ship_lon", opt(r.shipping.lon));
    addMeta(meta, "bill_lat", opt(r.billing.lat));
    addMeta(meta, "bill_lon", opt(r.billing.lon));
    if (!o.refunds.empty())
        addMeta(meta, "refunds", std::move(refundMeta));
    j["meta_data"] = std::move(meta);
    return dump(j);
}

Order parseOrder(std::string_view json, const ShopContext& shop)
{
    const Json j = parseObject(json, "order");
    const std::int64_t id = Reader(j, "order").reqId("id");
    Reader r(j, "order " + std::to_string(id));
    Meta meta(r);
    const Reader& m = meta.r();
    Order o;
    auto& row = o.row;
    row.externalId = std::to_string(id);
    const std::string status = r.str("status");
    if (status.empty() || status.size() > 64)
        r.error("status", "is missing or not a status: '" + status.substr(0, 40) + "'");
    row.status = mapOrderStatus(status);
    if (row.status != status)
        o.platformStatus = status;
    row.currency = r.str("currency");
    if (row.currency.empty())
        row.currency = shop.currency;
    if (row.currency.empty())
        r.error("currency", "is missing");
    const int exp = currencyExponent(row.currency);
    o.modifiedAt = r.reqDate("date_modified_gmt");
    row.updatedAt = o.modifiedAt;
    row.createdAt = r.optDate("date_created_gmt").value_or(o.modifiedAt);
    const std::int64_t customer = r.optInt("customer_id").value_or(0);
    if (customer < 0)
        r.error("customer_id", "is negative");
    o.customerExternalId = positiveIdText(customer);
    row.totalMinor = r.reqMoney("total", exp);
    row.discountMinor = r.optMoney("discount_total", exp).value_or(0);
    row.shippingMinor = r.optMoney("shipping_total", exp).value_or(0);
    row.taxMinor = r.optMoney("total_tax", exp).value_or(0);
    row.paymentMethod = r.optText("payment_method");
    row.ip = r.optText("customer_ip_address");
    row.shipping = addressFrom(r, "shipping");
    row.billing = addressFrom(r, "billing");
    {
        Reader s(r.object("shipping"), r.context() + " shipping");
        Reader b(r.object("billing"), r.context() + " billing");
        row.shipName = joinName(s.str("first_name"), s.str("last_name"));
        if (!row.shipName)
            row.shipName = joinName(b.str("first_name"), b.str("last_name"));
    }
    for (const Json& c : r.array("coupon_lines")) {
        if (!c.is_object())
            r.error("coupon_lines", "must hold objects");
        row.couponCode = Reader(c, r.context() + " coupon").optText("code");
        break;
    }

    std::int64_t subtotalFromLines = 0;
    std::size_t n = 0;
    for (const Json& e : r.array("line_items")) {
        if (!e.is_object())
            r.error("line_items", "must hold objects");
        Reader li(e, r.context() + " line_items[" + std::to_string(n++) + "]");
        LineItem item;
        item.externalId = std::to_string(li.reqId("id"));
        const std::int64_t product = li.optInt("product_id").value_or(0);
        if (product < 0)
            li.error("product_id", "is negative");
        item.productExternalId = positiveIdText(product);
        item.variationExternalId = positiveIdText(li.optInt("variation_id"));
        item.sku = li.str("sku");
        item.quantity = li.reqInt("quantity");
        if (item.quantity <= 0 || item.quantity > kMaxQuantity)
            li.error("quantity", "must be between 1 and " + std::to_string(kMaxQuantity) + ", got " + std::to_string(item.quantity));
        // "price" (total / quantity after discounts, a float) is not read: the list price is
        // subtotal / quantity, and the discount what makes unit * quantity - discount == total.
        item.totalMinor = li.reqMoney("total", exp);
        const std::int64_t subtotal = li.optMoney("subtotal", exp).value_or(item.totalMinor);
        if (subtotal < 0)
            li.error("subtotal", "is negative");
        (void)li.optReal("price"); // not used, but garbage there means a garbled record
        item.unitPriceMinor = (subtotal + item.quantity / 2) / item.quantity;
        item.discountMinor = item.unitPriceMinor * item.quantity - item.totalMinor;
        subtotalFromLines += subtotal;
        o.items.push_back(std::move(item));
    }
    n = 0;
    for (const Json& e : r.array("fee_lines")) {
        if (!e.is_object())
            r.error("fee_lines", "must hold objects");
        Reader fl(e, r.context() + " fee_lines[" + std::to_string(n++) + "]");
        o.feesMinor += fl.optMoney("total", exp).value_or(0);
    }
    row.subtotalMinor = m.optMoney("subtotal", exp).value_or(subtotalFromLines);

    std::map<std::string, const Json*> refundExtras;
    for (const Json& e : m.array("refunds")) {
        if (!e.is_object())
            m.error("refunds", "must hold objects");
        refundExtras[std::to_string(Reader(e, m.context() + " refunds").reqId("id"))] = &e;
    }
    n = 0;
    for (const Json& e : r.array("refunds")) {
        if (!e.is_object())
            r.error("refunds", "must hold objects");
        Reader rr(e, r.context() + " refunds[" + std::to_string(n++) + "]");
        Refund rf;
        rf.externalId = std::to_string(rr.reqId("id"));
        const std::int64_t total = rr.reqMoney("total", exp);
        rf.amountMinor = total < 0 ? -total : total;
        rf.reason = rr.str("reason");
        rf.createdAt = o.modifiedAt;
        if (auto it = refundExtras.find(rf.externalId); it != refundExtras.end()) {
            Reader x(*it->second, rr.context() + " meta");
            const std::string kind = x.str("kind");
            if (!kind.empty()) {
                if (!isRefundKind(kind))
                    x.error("kind", "is not a refund kind: '" + kind.substr(0, 40) + "'");
                rf.kind = kind;
            }
            rf.createdAt = x.optDate("created_gmt").value_or(rf.createdAt);
            rf.productExternalId = positiveIdText(x.optInt("product_id"));
            rf.quantity = x.optInt("quantity");
        }
        o.refunds.push_back(std::move(rf));
    }

    row.channel = m.optText("channel");
    row.paymentFingerprint = m.optText("payment_fingerprint");
    row.deviceId = m.optText("device_id");
    row.ipCountry = m.optText("ip_country");
    row.sessionId = m.optText("session_id");
    row.campaignId = m.optInt("campaign_id");
    row.shipping.lat = m.optReal("ship_lat");
    row.shipping.lon = m.optReal("ship_lon");
    row.billing.lat = m.optReal("bill_lat");
    row.billing.lon = m.optReal("bill_lon");
    return o;
}

// ------------------------------------------------------------------------------------ events

std::string eventJson(const store::EventRow& e)
{
    Json j{{"id", e.id},
           {"ts", formatWooDate(e.ts)},
           {"type", e.type},
           {"session_id", e.sessionId},
           {"customer_id", opt(e.customerId)},
           {"product_id", opt(e.productId)},
           {"order_id", opt(e.orderId)},
           {"query", opt(e.query)},
           {"channel", opt(e.channel)},
           {"device_id", opt(e.deviceId)}};
    return dump(j);
}

store::EventRow parseEvent(std::string_view line)
{
    const Json j = parseObject(line, "event");
    Reader r(j, "event");
    store::EventRow e;
    e.id = r.reqId("id");
    Reader r2(j, "event " + std::to_string(e.id));
    e.ts = r2.reqDate("ts");
    e.type = r2.str("type");
    if (e.type != "view" && e.type != "cart" && e.type != "purchase" && e.type != "search")
        r2.error("type", "is not view|cart|purchase|search: '" + e.type.substr(0, 40) + "'");
    e.sessionId = r2.str("session_id");
    if (e.sessionId.empty())
        r2.error("session_id", "is missing");
    e.customerId = r2.optInt("customer_id");
    e.productId = r2.optInt("product_id");
    e.orderId = r2.optInt("order_id");
    e.query = r2.optText("query");
    e.channel = r2.optText("channel");
    e.deviceId = r2.optText("device_id");
    return e;
}

// ------------------------------------------------------------------------------------ equality

std::string roundTripDiff(const Product& a, const Product& b)
{
    std::string d;
    const auto &x = a.row, &y = b.row;
    diff(d, "externalId", x.externalId == y.externalId);
    diff(d, "sku", x.sku == y.sku);
    diff(d, "titleEn", x.titleEn == y.titleEn);
    diff(d, "titleZh", x.titleZh == y.titleZh);
    diff(d, "brand", x.brand == y.brand);
    diff(d, "priceMinor", x.priceMinor == y.priceMinor);
    diff(d, "costMinor", x.costMinor == y.costMinor);
    diff(d, "currency", x.currency == y.currency);
    diff(d, "stock", x.stock == y.stock);
    diff(d, "reorderPoint", x.reorderPoint == y.reorderPoint);
    diff(d, "leadTimeDays", x.leadTimeDays == y.leadTimeDays);
    diff(d, "ladderGroup", x.ladderGroup == y.ladderGroup);
    diff(d, "ladderRank", x.ladderRank == y.ladderRank);
    diff(d, "weightG", x.weightG == y.weightG);
    diff(d, "status", x.status == y.status);
    diff(d, "createdAt", x.createdAt == y.createdAt);
    diff(d, "updatedAt", x.updatedAt == y.updatedAt);
    diff(d, "categoryName", a.categoryName == b.categoryName);
    diff(d, "categoryNameZh", a.categoryNameZh == b.categoryNameZh);
    diff(d, "modifiedAt", a.modifiedAt == b.modifiedAt);
    diff(d, "type", a.type == b.type);
    diff(d, "parentExternalId", a.parentExternalId == b.parentExternalId);
    diff(d, "stockManaged", a.stockManaged == b.stockManaged);
    diff(d, "priceSet", a.priceSet == b.priceSet);
    return d;
}

std::string roundTripDiff(const Customer& a, const Customer& b)
{
    std::string d;
    const auto &x = a.row, &y = b.row;
    diff(d, "externalId", x.externalId == y.externalId);
    diff(d, "emailHash", x.emailHash == y.emailHash);
    diff(d, "name", x.name == y.name);
    diff(d, "country", x.country == y.country);
    diff(d, "city", x.city == y.city);
    diff(d, "lat", sameReal(x.lat, y.lat));
    diff(d, "lon", sameReal(x.lon, y.lon));
    diff(d, "locale", x.locale == y.locale);
    diff(d, "createdAt", x.createdAt == y.createdAt);
    diff(d, "updatedAt", x.updatedAt == y.updatedAt);
    diff(d, "modifiedAt", a.modifiedAt == b.modifiedAt);
    return d;
}

std::string roundTripDiff(const Order& a, const Order& b)
{
    std::string d;
    const auto &x = a.row, &y = b.row;
    diff(d, "externalId", x.externalId == y.externalId);
    diff(d, "createdAt", x.createdAt == y.createdAt);
    diff(d, "updatedAt", x.updatedAt == y.updatedAt);
    diff(d, "status", x.status == y.status);
    diff(d, "currency", x.currency == y.currency);
    diff(d, "subtotalMinor", x.subtotalMinor == y.subtotalMinor);
    diff(d, "discountMinor", x.discountMinor == y.discountMinor);
    diff(d, "shippingMinor", x.shippingMinor == y.shippingMinor);
    diff(d, "taxMinor", x.taxMinor == y.taxMinor);
    diff(d, "totalMinor", x.totalMinor == y.totalMinor);
    diff(d, "channel", x.channel == y.channel);
    diff(d, "paymentMethod", x.paymentMethod == y.paymentMethod);
    diff(d, "paymentFingerprint", x.paymentFingerprint == y.paymentFingerprint);
    diff(d, "deviceId", x.deviceId == y.deviceId);
    diff(d, "ip", x.ip == y.ip);
    diff(d, "ipCountry", x.ipCountry == y.ipCountry);
    diff(d, "sessionId", x.sessionId == y.sessionId);
    diff(d, "couponCode", x.couponCode == y.couponCode);
    diff(d, "campaignId", x.campaignId == y.campaignId);
    diff(d, "shipName", x.shipName == y.shipName);
    for (const auto& [name, p, q] : {std::tuple{"shipping", &x.shipping, &y.shipping}, std::tuple{"billing", &x.billing, &y.billing}}) {
        const std::string n = name;
        diff(d, n + ".line", p->line == q->line);
        diff(d, n + ".city", p->city == q->city);
        diff(d, n + ".postcode", p->postcode == q->postcode);
        diff(d, n + ".country", p->country == q->country);
        diff(d, n + ".lat", sameReal(p->lat, q->lat));
        diff(d, n + ".lon", sameReal(p->lon, q->lon));
    }
    diff(d, "customerExternalId", a.customerExternalId == b.customerExternalId);
    diff(d, "items.size", a.items.size() == b.items.size());
    for (std::size_t i = 0; i < std::min(a.items.size(), b.items.size()); ++i)
        diff(d, "items[" + std::to_string(i) + "]", a.items[i] == b.items[i]);
    diff(d, "refunds.size", a.refunds.size() == b.refunds.size());
    for (std::size_t i = 0; i < std::min(a.refunds.size(), b.refunds.size()); ++i)
        diff(d, "refunds[" + std::to_string(i) + "]", a.refunds[i] == b.refunds[i]);
    diff(d, "modifiedAt", a.modifiedAt == b.modifiedAt);
    diff(d, "platformStatus", a.platformStatus == b.platformStatus);
    diff(d, "feesMinor", a.feesMinor == b.feesMinor);
    return d;
}

} // namespace shoppilot::sync::woo
