// tokenizer.json parsed in one pass: the model's vocabulary and merges straight into flat lists,
// everything else into a JSON tree. A DOM of Qwen's 151k-token file alone takes seconds; reading
// the two large fields as events keeps a load to a fraction of that.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace atlas {

struct TokenizerJsonDocument {
    // The file without model.vocab and model.merges (which are left as {} and []).
    nlohmann::json rest;
    bool has_vocab = false;
    std::vector<std::pair<std::string, long long>> vocab;  // file order
    bool has_merges = false;
    std::vector<std::pair<std::string, std::string>> merges;  // rank order

    // Throws AtlasError "`name`: ..." for invalid JSON (with the byte offset) or a vocabulary
    // entry or merge of the wrong shape (naming it, e.g. "model.merges[12]").
    static TokenizerJsonDocument parse(std::string_view text, const std::string& name);
};

}  // namespace atlas
