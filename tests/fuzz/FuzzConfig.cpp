// Fuzz target "config": arbitrary bytes as config.json; a config that is accepted must be sane
// and must survive a write and a re-read unchanged.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "Error.h"
#include "FuzzTargets.h"
#include "model/ModelConfig.h"

namespace atlas::fuzz {

namespace {

void checkSane(const ModelConfig& config) {
    check(config.n_layer > 0 && config.n_head > 0 && config.d_model > 0 && config.d_ff > 0 &&
              config.n_ctx > 0 && config.vocab_size > 0,
          "accepted config has a non-positive size");
    check(config.d_model % config.n_head == 0, "accepted config: n_head does not divide d_model");
    check(config.type_vocab_size >= 0, "accepted config: negative type_vocab_size");
    check(config.layer_norm_epsilon > 0 && config.layer_norm_epsilon <= 1,
          "accepted config: layer_norm_epsilon out of (0, 1]");
}

bool sameConfig(const ModelConfig& a, const ModelConfig& b) {
    return a.architecture == b.architecture && a.n_layer == b.n_layer && a.n_head == b.n_head &&
           a.d_model == b.d_model && a.d_ff == b.d_ff && a.n_ctx == b.n_ctx &&
           a.vocab_size == b.vocab_size && a.type_vocab_size == b.type_vocab_size &&
           a.layer_norm_epsilon == b.layer_norm_epsilon && a.gelu_tanh == b.gelu_tanh;
}

}  // namespace

int fuzzConfig(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // Parsing is ModelConfig::fromFile's own first step; doing it here skips a file write.
    const nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) {
        return 0;
    }
    try {
        const ModelConfig config = ModelConfig::fromJson(json, "config.json");
        checkSane(config);
        // DistilBERT is written as plain BERT, so compare everything but that flag.
        const ModelConfig again = ModelConfig::fromJson(config.toJson(), "config.json (rewritten)");
        check(sameConfig(config, again), "config changed after toJson and fromJson: " +
                                             json.dump() + " -> " + config.toJson().dump());
    } catch (const AtlasError&) {
    }
    return 0;
}

}  // namespace atlas::fuzz
