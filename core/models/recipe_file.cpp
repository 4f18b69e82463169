#include "models/recipe_file.h"

#include <limits>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "models/catalog.h"

namespace shoppilot::models {

using nlohmann::json;

namespace {

const char* typeName(const json& j)
{
    switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "an integer";
    case json::value_t::number_float: return "a fractional number";
    default: return "something else";
    }
}

} // namespace

RecipeObject::RecipeObject(std::shared_ptr<const json> root, const json* node, std::string file, std::string prefix)
    : m_root(std::move(root)), m_node(node), m_file(std::move(file)), m_prefix(std::move(prefix))
{
}

RecipeObject RecipeObject::parse(std::string_view text, std::string file, int supportedVersion)
{
    std::shared_ptr<const json> doc;
    try {
        doc = std::make_shared<const json>(json::parse(text.begin(), text.end()));
    } catch (const json::parse_error& e) {
        throw Error(ErrorCode::Model, file + ": not valid JSON (" + e.what() + ")");
    }
    if (!doc->is_object())
        throw Error(ErrorCode::Model, file + ": must be a JSON object, not " + typeName(*doc));
    RecipeObject root(doc, doc.get(), std::move(file), "");
    if (!doc->contains("version"))
        root.fail("version is missing (this build reads version " + std::to_string(supportedVersion) + ")");
    const auto v = root.integer("version");
    if (v != supportedVersion)
        root.fail("version " + std::to_string(v) + " is not supported (this build reads version "
                  + std::to_string(supportedVersion) + ")");
    return root;
}

RecipeObject RecipeObject::embedded(std::string_view path, int supportedVersion)
{
    const auto text = embeddedFile(path);
    const std::string file = "models/" + std::string(path);
    if (!text)
        throw Error(ErrorCode::Model, file + ": not in this build (core/models embeds models/ at build time)");
    return parse(*text, file, supportedVersion);
}

std::string RecipeObject::path(const std::string& key) const
{
    return m_prefix + key;
}

void RecipeObject::fail(const std::string& message) const
{
    throw Error(ErrorCode::Model, m_file + ": " + message);
}

const json& RecipeObject::get(const std::string& key, bool (*ok)(const json&), const char* what)
{
    const auto it = m_node->find(key);
    if (it == m_node->end())
        fail(path(key) + " is missing");
    if (!ok(*it))
        fail(path(key) + " must be " + what + ", not " + typeName(*it));
    m_read.insert(key);
    return *it;
}

std::int64_t RecipeObject::integer(const std::string& key)
{
    const auto& j = get(key, [](const json& x) { return x.is_number_integer(); }, "an integer");
    if (j.is_number_unsigned() && j.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
        fail(path(key) + " is out of range");
    return j.get<std::int64_t>();
}

int RecipeObject::int32(const std::string& key)
{
    const auto v = integer(key);
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
        fail(path(key) + " is out of range");
    return int(v);
}

double RecipeObject::number(const std::string& key)
{
    return get(key, [](const json& x) { return x.is_number(); }, "a number").get<double>();
}

bool RecipeObject::boolean(const std::string& key)
{
    return get(key, [](const json& x) { return x.is_boolean(); }, "true or false").get<bool>();
}

std::string RecipeObject::text(const std::string& key)
{
    return get(key, [](const json& x) { return x.is_string(); }, "a string").get<std::string>();
}

std::string RecipeObject::choice(const std::string& key, const std::vector<std::string>& choices)
{
    auto v = text(key);
    for (const auto& c : choices)
        if (c == v)
            return v;
    std::string list;
    for (const auto& c : choices)
        list += (list.empty() ? "\"" : ", \"") + c + "\"";
    fail(path(key) + " must be one of " + list + ", not \"" + v + "\"");
}

std::vector<double> RecipeObject::numbers(const std::string& key)
{
    const auto& j = get(key, [](const json& x) { return x.is_array(); }, "an array of numbers");
    std::vector<double> out;
    for (std::size_t i = 0; i < j.size(); ++i) {
        if (!j[i].is_number())
            fail(path(key) + "[" + std::to_string(i) + "] must be a number, not " + typeName(j[i]));
        out.push_back(j[i].get<double>());
    }
    return out;
}

RecipeObject RecipeObject::object(const std::string& key)
{
    const auto& j = get(key, [](const json& x) { return x.is_object(); }, "an object");
    return RecipeObject(m_root, &j, m_file, path(key) + ".");
}

std::vector<std::string> RecipeObject::keys() const
{
    std::vector<std::string> out;
    for (auto it = m_node->begin(); it != m_node->end(); ++it)
        out.push_back(it.key());
    return out;
}

void RecipeObject::finish() const
{
    for (auto it = m_node->begin(); it != m_node->end(); ++it)
        if (!m_read.count(it.key())) {
            std::string known;
            for (const auto& k : m_read)
                known += (known.empty() ? "" : ", ") + k;
            fail("unknown key " + path(it.key()) + " (known here: " + known + ")");
        }
}

} // namespace shoppilot::models
