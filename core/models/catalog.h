// The models the app trains or serves, one entry per model card, and the files of the
// repository's models/ folder (recipes and cards), embedded at build time so the installed binary
// needs no data file. The shell's "About this model" dialog finds a panel's models here; a panel
// module reads its family's recipe.json through recipe_file.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shoppilot::models {

// models/<path> as embedded (path relative to models/, e.g. "recs/recipe.json"); nullopt when the
// build holds no such file.
std::optional<std::string_view> embeddedFile(std::string_view path);
// Every embedded path, sorted.
std::vector<std::string> embeddedPaths();

struct ModelInfo {
    std::string family;       // folder under models/: "recs", "pricing", "risk", "segments" ...
    std::string id;           // "sasrec": the card is models/<family>/<id>.card.<lang>.md
    std::string title;        // English display name ("SASRec (sequential recommender)")
    std::string titleZh;      // Chinese display name
    std::string panel;        // the panel id (ui panel registry) whose views it drives
    // The store's models registry name ("recs.sasrec"), empty when the model is fitted when its
    // panel computes and not kept in the registry.
    std::string registryName;
    std::string trainCommand; // what trains it on a store ("shoppilot train recs --db STORE")
    std::string evalCommand;  // what reproduces its evaluation

    std::string cardPath(std::string_view lang) const; // "recs/sasrec.card.en.md"
};

// Every model with a card, grouped by family in sidebar order.
const std::vector<ModelInfo>& catalog();
// The models behind a panel (empty for a panel without one, such as the Overview).
std::vector<const ModelInfo*> modelsOfPanel(std::string_view panelId);
const ModelInfo* findModel(std::string_view family, std::string_view id);

// A model's card in `lang` ("en" or "zh"; anything else is English). Empty when missing (the
// tst_model_files test keeps every card present).
std::string_view card(const ModelInfo& model, std::string_view lang);
// The "## " headings every card carries, in order, per language.
const std::vector<std::string>& requiredCardSections(std::string_view lang);

} // namespace shoppilot::models
