// Parsing and checking LAYER:HEAD lists.
#include "HeadList.h"

#include <sstream>

#include "CliArguments.h"
#include "Error.h"

namespace atlas::cli {

namespace {

int parseNumber(const std::string& text, const std::string& option, const std::string& entry) {
    const std::optional<int> value = parseNonNegativeInt(text);
    if (!value) {
        throw UsageError("option --" + option + ": '" + entry + "' is not LAYER:HEAD");
    }
    return *value;
}

}  // namespace

std::optional<int> parseNonNegativeInt(const std::string& text) {
    std::size_t used = 0;
    int value = -1;
    try {
        value = std::stoi(text, &used);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (used == 0 || used != text.size() || value < 0) {
        return std::nullopt;
    }
    return value;
}

std::vector<HeadIndex> parseHeadList(const std::string& text, const std::string& option) {
    std::vector<HeadIndex> heads;
    std::stringstream stream(text);
    std::string entry;
    while (std::getline(stream, entry, ',')) {
        const auto colon = entry.find(':');
        if (colon == std::string::npos) {
            throw UsageError("option --" + option + ": '" + entry + "' is not LAYER:HEAD");
        }
        heads.push_back({parseNumber(entry.substr(0, colon), option, entry),
                         parseNumber(entry.substr(colon + 1), option, entry)});
    }
    if (heads.empty() || text.back() == ',') {
        throw UsageError("option --" + option + ": empty entry in '" + text + "'");
    }
    return heads;
}

void checkHeadsInModel(const std::vector<HeadIndex>& heads, const ModelConfig& config,
                       const std::string& model_name, const std::string& option) {
    for (const HeadIndex& head : heads) {
        if (head.layer >= config.n_layer || head.head >= config.n_head) {
            throw AtlasError(
                "--" + option + " " + std::to_string(head.layer) + ":" + std::to_string(head.head) +
                ": model " + model_name + " has " + std::to_string(config.n_layer) + " layers of " +
                std::to_string(config.n_head) + " heads (0:0 to " +
                std::to_string(config.n_layer - 1) + ":" + std::to_string(config.n_head - 1) + ")");
        }
    }
}

}  // namespace atlas::cli
