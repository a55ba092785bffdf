// Locating the resources folder and the built-in models; turning --model arguments into folders.
#include "model/BuiltinModels.h"

#include <cstdlib>
#include <system_error>

#include "Error.h"

#ifndef ATLAS_SOURCE_RESOURCES
#define ATLAS_SOURCE_RESOURCES ""
#endif
#ifndef ATLAS_INSTALL_RESOURCES
#define ATLAS_INSTALL_RESOURCES ""
#endif

namespace atlas {

namespace {

namespace fs = std::filesystem;

bool isFolder(const fs::path& path) {
    std::error_code error;
    return !path.empty() && fs::is_directory(path, error);
}

// The candidates in search order; empty entries are skipped.
std::vector<fs::path> resourceCandidates() {
    std::vector<fs::path> candidates;
    if (const char* variable = std::getenv("ATLAS_RESOURCES_DIR"); variable && *variable) {
        candidates.emplace_back(variable);
    }
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    if (!error && !executable.empty()) {
        candidates.push_back(executable.parent_path().parent_path() / "share" / "attention-atlas");
    }
    candidates.emplace_back(ATLAS_INSTALL_RESOURCES);
    candidates.emplace_back(ATLAS_SOURCE_RESOURCES);
    // An empty entry would mean the working folder: never search that by accident.
    std::erase_if(candidates, [](const fs::path& candidate) { return candidate.empty(); });
    return candidates;
}

struct BuiltinDescription {
    const char* name;
    const char* description;
    const char* language;
    bool listed_when_missing;  // the English models are always named, found or not
};
constexpr BuiltinDescription kBuiltins[] = {
    {"gpt", "causal language model, GPT-2 architecture, byte-level BPE (built in)", "en", true},
    {"bert", "masked language model, BERT architecture, uncased WordPiece (built in)", "en", true},
    {"gpt-zh", "Chinese causal language model, GPT-2 architecture, byte-level BPE (built in)", "zh",
     false},
    {"bert-zh", "Chinese masked language model, BERT architecture, character WordPiece (built in)",
     "zh", false},
};

}  // namespace

std::optional<fs::path> findResourcesFolder() {
    for (const fs::path& candidate : resourceCandidates()) {
        if (isFolder(candidate / "models")) {
            return candidate;
        }
    }
    return std::nullopt;
}

std::vector<BuiltinModel> builtinModels() {
    const std::optional<fs::path> resources = findResourcesFolder();
    std::vector<BuiltinModel> models;
    for (const BuiltinDescription& builtin : kBuiltins) {
        BuiltinModel model{builtin.name, builtin.description, builtin.language, {}};
        if (resources && isFolder(*resources / "models" / builtin.name)) {
            model.folder = *resources / "models" / builtin.name;
        }
        if (!model.folder.empty() || builtin.listed_when_missing) {
            models.push_back(std::move(model));
        }
    }
    return models;
}

fs::path resolveModelFolder(const std::string& nameOrPath) {
    for (const BuiltinModel& model : builtinModels()) {
        if (model.name != nameOrPath) {
            continue;
        }
        if (model.folder.empty()) {
            std::string searched;
            for (const fs::path& candidate : resourceCandidates()) {
                searched += (searched.empty() ? "" : ", ") + (candidate / "models").string();
            }
            throw AtlasError("built-in model \"" + nameOrPath + "\" not found (looked in " +
                             searched + "; set ATLAS_RESOURCES_DIR to the resources folder)");
        }
        return model.folder;
    }
    std::error_code error;
    const fs::path path(nameOrPath);
    if (fs::is_directory(path, error)) {
        return path;
    }
    if (fs::is_regular_file(path, error) && path.extension() == ".safetensors") {
        return path.parent_path().empty() ? fs::path(".") : path.parent_path();
    }
    if (fs::exists(path, error)) {
        throw AtlasError(nameOrPath +
                         ": is a file, expected a model folder or its model.safetensors");
    }
    throw AtlasError(nameOrPath + ": no such model folder (built-in models: gpt, bert)");
}

}  // namespace atlas
