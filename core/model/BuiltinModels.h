// Where the built-in models live, and how a --model argument becomes a folder.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace atlas {

struct BuiltinModel {
    std::string name;              // "gpt", "bert", "gpt-zh", "bert-zh"
    std::string description;       // one line for `models` and the model picker
    std::string language;          // what it was trained on: "en", "zh"
    std::filesystem::path folder;  // resolved folder, empty if not found
};

// The resources folder, searched in order: $ATLAS_RESOURCES_DIR, <executable>/../share/
// attention-atlas (an install), the install prefix chosen at configure time, the source tree.
// The first that holds models/ wins.
std::optional<std::filesystem::path> findResourcesFolder();

// gpt and bert always (with an empty folder when not found); the Chinese models only when
// their folders are there.
std::vector<BuiltinModel> builtinModels();

// "gpt" / "bert" -> the built-in folder; anything else is taken as a path (a folder, or a
// model.safetensors inside one). Throws AtlasError if neither exists.
std::filesystem::path resolveModelFolder(const std::string& nameOrPath);

}  // namespace atlas
