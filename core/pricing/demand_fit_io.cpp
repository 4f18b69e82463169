// The demand model's file format (models.blob of pricing.demand): JSON, versioned. Kept apart
// from the fitting code (and its LibTorch headers) so tests/fuzz/fuzz_model.cpp can build it.
#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "pricing/demand_model.h"

namespace shoppilot::pricing {

namespace {

double num(const nlohmann::json& j)
{
    return j.is_null() ? NAN : j.get<double>();
}
nlohmann::json jnum(double v)
{
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

} // namespace

std::vector<std::uint8_t> serializeFit(const DemandFit& fit)
{
    nlohmann::json j;
    j["format"] = "shoppilot.pricing.demand";
    j["version"] = 1;
    j["week_start"] = fit.weekStart;
    j["weeks"] = fit.weeks;
    j["trained_at"] = fit.trainedAt;
    j["iterations"] = fit.iterations;
    j["deviance"] = fit.deviance;
    auto& cats = j["categories"] = nlohmann::json::array();
    for (const auto& c : fit.categories)
        cats.push_back({c.categoryId, c.mean, c.tau, c.meanSe, c.promoLift, c.competitor, c.products});
    auto& prods = j["products"] = nlohmann::json::array();
    for (const auto& p : fit.products)
        prods.push_back({p.productId, p.sku, p.title, p.categoryId, p.currency, p.price,
                         p.cost ? jnum(*p.cost) : nlohmann::json(nullptr),
                         p.competitor ? jnum(*p.competitor) : nlohmann::json(nullptr), p.ladderGroup, p.ladderRank,
                         p.flags, p.weeks, p.pricePoints, p.unitsTotal, p.minPrice, p.maxPrice, jnum(p.rawElasticity),
                         jnum(p.rawSe), jnum(p.elasticity), jnum(p.elasticitySe), p.priorWeight, jnum(p.level),
                         jnum(p.levelVar), jnum(p.logPriceMean), p.titleZh});
    const std::string text = j.dump();
    return {text.begin(), text.end()};
}

DemandFit deserializeFit(const std::vector<std::uint8_t>& bytes)
{
    DemandFit fit;
    try {
        const auto j = nlohmann::json::parse(bytes.begin(), bytes.end());
        if (j.value("format", "") != "shoppilot.pricing.demand" || j.value("version", 0) != 1)
            throw Error(ErrorCode::Model, "the stored pricing model is not a ShopPilot demand model of a version this "
                                          "build reads: refit the demand model");
        fit.weekStart = j.at("week_start").get<Timestamp>();
        fit.weeks = j.at("weeks").get<int>();
        fit.trainedAt = j.at("trained_at").get<Timestamp>();
        fit.iterations = j.at("iterations").get<int>();
        fit.deviance = j.at("deviance").get<double>();
        for (const auto& c : j.at("categories")) {
            CategoryPrior cp;
            cp.categoryId = c.at(0).get<std::int64_t>();
            cp.mean = num(c.at(1));
            cp.tau = num(c.at(2));
            cp.meanSe = num(c.at(3));
            cp.promoLift = num(c.at(4));
            cp.competitor = num(c.at(5));
            cp.products = c.at(6).get<int>();
            fit.categories.push_back(cp);
        }
        for (const auto& a : j.at("products")) {
            ProductDemand p;
            p.productId = a.at(0).get<store::Id>();
            p.sku = a.at(1).get<std::string>();
            p.title = a.at(2).get<std::string>();
            p.categoryId = a.at(3).get<std::int64_t>();
            p.currency = a.at(4).get<std::string>();
            p.price = num(a.at(5));
            if (!a.at(6).is_null())
                p.cost = num(a.at(6));
            if (!a.at(7).is_null())
                p.competitor = num(a.at(7));
            p.ladderGroup = a.at(8).get<std::string>();
            p.ladderRank = a.at(9).get<int>();
            p.flags = a.at(10).get<std::uint32_t>();
            p.weeks = a.at(11).get<int>();
            p.pricePoints = a.at(12).get<int>();
            p.unitsTotal = num(a.at(13));
            p.minPrice = num(a.at(14));
            p.maxPrice = num(a.at(15));
            p.rawElasticity = num(a.at(16));
            p.rawSe = num(a.at(17));
            p.elasticity = num(a.at(18));
            p.elasticitySe = num(a.at(19));
            p.priorWeight = num(a.at(20));
            p.level = num(a.at(21));
            p.levelVar = num(a.at(22));
            p.logPriceMean = num(a.at(23));
            if (a.size() > 24)
                p.titleZh = a.at(24).get<std::string>();
            fit.products.push_back(std::move(p));
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorCode::Model, std::string("the stored pricing model is damaged (") + e.what()
                                          + "): refit the demand model");
    }
    std::sort(fit.products.begin(), fit.products.end(),
              [](const ProductDemand& a, const ProductDemand& b) { return a.productId < b.productId; });
    return fit;
}

} // namespace shoppilot::pricing
