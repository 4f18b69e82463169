#include "models/catalog.h"

#include <algorithm>

#include "models/embedded.h"

namespace shoppilot::models {

std::optional<std::string_view> embeddedFile(std::string_view path)
{
    for (const auto& f : detail::embeddedFiles())
        if (f.path == path)
            return f.content;
    return std::nullopt;
}

std::vector<std::string> embeddedPaths()
{
    std::vector<std::string> out;
    for (const auto& f : detail::embeddedFiles())
        out.emplace_back(f.path);
    std::sort(out.begin(), out.end());
    return out;
}

std::string ModelInfo::cardPath(std::string_view lang) const
{
    return family + "/" + id + ".card." + std::string(lang == "zh" ? "zh" : "en") + ".md";
}

const std::vector<ModelInfo>& catalog()
{
    // Registry names are the ones the trainers save under (recs_service.cpp "recs.<model>",
    // pricing::kDemandModelName, risk::kFraudModelName / kCreditModelName): core/models links no
    // panel module, so tst_model_files checks they agree.
    static const std::vector<ModelInfo> models{
        {"recs", "sasrec", "SASRec (sequential recommender)", "SASRec（序列推荐模型）", "recs", "recs.sasrec",
         "shoppilot train recs --db STORE --model sasrec",
         "shoppilot eval recs --db STORE --model sasrec --protocol full,sampled99"},
        {"recs", "bpr", "BPR matrix factorisation", "BPR 矩阵分解", "recs", "recs.bpr",
         "shoppilot train recs --db STORE --model bpr", "shoppilot eval recs --db STORE --model bpr --protocol full,sampled99"},
        {"recs", "itemknn", "Item-kNN (co-occurrence)", "Item-kNN（共现相似度）", "recs", "recs.itemknn",
         "shoppilot train recs --db STORE --model itemknn",
         "shoppilot eval recs --db STORE --model itemknn --protocol full,sampled99"},
        {"recs", "pop", "Popularity (recent window)", "热门度（近期窗口）", "recs", "recs.pop",
         "shoppilot train recs --db STORE --model pop", "shoppilot eval recs --db STORE --model pop --protocol full,sampled99"},
        {"pricing", "demand", "Demand and price elasticity", "需求与价格弹性", "pricing", "pricing.demand",
         "shoppilot train pricing --db STORE", "shoppilot eval pricing --db STORE"},
        {"risk", "fraud", "Order fraud score", "订单欺诈评分", "risk", "risk.fraud", "shoppilot train risk --db STORE",
         "shoppilot eval risk --db STORE"},
        {"risk", "credit", "Customer credit scorecard", "客户信用评分卡", "risk", "risk.credit",
         "shoppilot train risk --db STORE", "shoppilot eval credit --csv german_credit.csv --label bad"},
        {"segments", "clusters", "Customer clusters (RFM)", "客户聚类（RFM）", "segments", "", "",
         "shoppilot eval segments --db STORE"},
        {"segments", "predictions", "Purchase, churn and next-category predictions", "购买、流失与下一品类预测",
         "segments", "", "", "shoppilot eval segments --db STORE"},
        {"support", "intents", "Support intent classifier", "客服意图分类", "support", "", "",
         "shoppilot eval support --db STORE"},
        {"support", "kb_reranker", "Knowledge-base re-ranker", "知识库重排序模型", "support", "", "",
         "shoppilot eval support --db STORE"},
        {"campaigns", "uplift", "Campaign uplift (incremental response)", "营销增益（增量响应）", "campaigns", "", "",
         "shoppilot eval campaigns --db STORE"},
        {"campaigns", "forecast", "Campaign sales forecast", "营销销量预测", "campaigns", "", "",
         "shoppilot eval campaigns --db STORE"},
        {"logistics", "stock", "Stock demand forecast and reorder points", "库存需求预测与补货点", "logistics", "", "",
         "shoppilot eval stock --db STORE --service-level 0.95"},
        {"logistics", "routing", "Delivery route planner (HGS)", "配送路线规划（HGS）", "logistics", "", "",
         "shoppilot eval routing --instances cvrp/Augerat_A --bks cvrp/augerat_bks.csv --seconds-per-node 0.02"},
    };
    return models;
}

std::vector<const ModelInfo*> modelsOfPanel(std::string_view panelId)
{
    std::vector<const ModelInfo*> out;
    for (const auto& m : catalog())
        if (m.panel == panelId)
            out.push_back(&m);
    return out;
}

const ModelInfo* findModel(std::string_view family, std::string_view id)
{
    for (const auto& m : catalog())
        if (m.family == family && m.id == id)
            return &m;
    return nullptr;
}

std::string_view card(const ModelInfo& model, std::string_view lang)
{
    return embeddedFile(model.cardPath(lang)).value_or(std::string_view{});
}

const std::vector<std::string>& requiredCardSections(std::string_view lang)
{
    static const std::vector<std::string> en{"What it is for", "Training data", "Evaluation", "Known limits",
                                             "Fairness, privacy and explanations"};
    static const std::vector<std::string> zh{"用途", "训练数据", "评估", "已知局限", "公平、隐私与解释"};
    return lang == "zh" ? zh : en;
}

} // namespace shoppilot::models
