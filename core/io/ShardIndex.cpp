// Reading and checking model.safetensors.index.json.
#include "io/ShardIndex.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "Error.h"

namespace atlas {

namespace {

// The index comes from a download: a name that leaves the folder or names nothing is refused.
bool isPlainShardName(const std::string& name) {
    const std::string suffix = ".safetensors";
    return name.size() > suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0 &&
           name.find_first_of("/\\:") == std::string::npos &&
           name.find('\0') == std::string::npos && name.front() != '.';
}

}  // namespace

ShardIndex ShardIndex::parse(const std::string& text, const std::string& source) {
    const nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) {
        throw AtlasError(source + ": not valid JSON");
    }
    if (!json.is_object()) {
        throw AtlasError(source + ": expected a JSON object");
    }
    const auto map = json.find("weight_map");
    if (map == json.end()) {
        throw AtlasError(source + ": key \"weight_map\" missing");
    }
    if (!map->is_object() || map->empty()) {
        throw AtlasError(source +
                         ": key \"weight_map\" must be an object mapping each tensor to "
                         "its .safetensors file");
    }
    ShardIndex index;
    for (const auto& [tensor, file] : map->items()) {
        if (!file.is_string() || !isPlainShardName(file.get<std::string>())) {
            throw AtlasError(source + ": key \"weight_map\" maps tensor " + tensor + " to " +
                             file.dump() +
                             ", expected the name of a .safetensors file in the same folder");
        }
        const std::string name = file.get<std::string>();
        index.weight_map.emplace(tensor, name);
        if (std::find(index.shards.begin(), index.shards.end(), name) == index.shards.end()) {
            index.shards.push_back(name);
        }
    }
    return index;
}

ShardIndex ShardIndex::read(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
        throw AtlasError(path.string() + ": cannot open");
    }
    std::ostringstream content;
    content << stream.rdbuf();
    ShardIndex index = parse(content.str(), path.string());
    const std::filesystem::path folder = path.parent_path();
    for (const std::string& shard : index.shards) {
        std::error_code error;
        if (!std::filesystem::is_regular_file(folder / shard, error)) {
            throw AtlasError(path.string() + ": shard " + shard +
                             " (key \"weight_map\") is not a "
                             "file in " +
                             folder.string());
        }
    }
    return index;
}

}  // namespace atlas
