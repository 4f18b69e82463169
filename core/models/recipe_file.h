// Strict reading of a model family's training recipe (models/<family>/recipe.json): the file must
// carry the "version" this build reads, every key the code asks for must be there with the right
// JSON type, and a key the code never asked for is an error (a typo must not silently fall back to
// a default). Every message names the file and the key's dotted path, e.g.
//   models/recs/recipe.json: models.sasrec.lr must be a number, not a string
// Errors are Error(ErrorCode::Model).
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace shoppilot::models {

class RecipeObject {
public:
    // Parses `text` as the recipe file `file` (the name used in messages, "models/recs/recipe.json")
    // and checks its "version" against `supportedVersion`. Throws Error(Model).
    static RecipeObject parse(std::string_view text, std::string file, int supportedVersion);
    // The embedded models/<path> (e.g. "recs/recipe.json"), parsed as above.
    static RecipeObject embedded(std::string_view path, int supportedVersion);

    std::int64_t integer(const std::string& key);
    int int32(const std::string& key);
    double number(const std::string& key); // integers are numbers too
    bool boolean(const std::string& key);
    std::string text(const std::string& key);
    // One of `choices`.
    std::string choice(const std::string& key, const std::vector<std::string>& choices);
    std::vector<double> numbers(const std::string& key);
    RecipeObject object(const std::string& key);
    // Keys of this object, sorted (for maps keyed by name). Marks none as read.
    std::vector<std::string> keys() const;

    // Throws naming the first key of this object that no accessor read (unknown key).
    void finish() const;
    const std::string& file() const { return m_file; }
    std::string path(const std::string& key) const; // dotted path of a key, for messages

private:
    RecipeObject(std::shared_ptr<const nlohmann::json> root, const nlohmann::json* node, std::string file,
                 std::string prefix);
    const nlohmann::json& get(const std::string& key, bool (*ok)(const nlohmann::json&), const char* what);
    [[noreturn]] void fail(const std::string& message) const;

    std::shared_ptr<const nlohmann::json> m_root; // owns the document m_node points into
    const nlohmann::json* m_node = nullptr;
    std::string m_file;
    std::string m_prefix; // "models.sasrec." ("" at the root)
    std::set<std::string> m_read;
};

} // namespace shoppilot::models
