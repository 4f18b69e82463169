// The files of the repository's models/ folder as the build embedded them (the generated
// embedded_models.cpp). Internal to core/models: callers use catalog.h.
#pragma once

#include <string_view>
#include <vector>

namespace shoppilot::models::detail {

struct EmbeddedFile {
    std::string_view path;    // relative to models/, e.g. "recs/recipe.json"
    std::string_view content; // the file's bytes (UTF-8)
};

const std::vector<EmbeddedFile>& embeddedFiles();

} // namespace shoppilot::models::detail
