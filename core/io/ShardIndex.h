// model.safetensors.index.json: which safetensors shard of a split model holds each tensor.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace atlas {

struct ShardIndex {
    std::vector<std::string> shards;                // file names, in order of first mention
    std::map<std::string, std::string> weight_map;  // tensor name -> file name

    // Parses the index's text; `source` names it in errors. Requires a "weight_map" object of
    // tensor names to plain .safetensors file names in the same folder (no folders, no "..").
    // Throws AtlasError naming the key.
    static ShardIndex parse(const std::string& text, const std::string& source);
    // Reads and parses `path`, then checks that every shard is a file next to it.
    static ShardIndex read(const std::filesystem::path& path);
};

}  // namespace atlas
