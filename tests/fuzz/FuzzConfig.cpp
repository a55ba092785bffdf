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

// Every field inside the range ModelConfig.h states, checked on the float the forward pass uses.
void checkSane(const ModelConfig& config) {
    using L = ModelConfigLimits;
    const auto within = [](double value, double low, double high) {
        return value >= low && value <= high;
    };
    check(within(config.n_layer, 1, L::kMaxLayers) && within(config.n_head, 1, L::kMaxHeads) &&
              within(config.d_model, 1, L::kMaxModelWidth) &&
              within(config.d_ff, 1, L::kMaxFeedForward) &&
              within(config.n_ctx, 1, L::kMaxContext) &&
              within(config.vocab_size, 1, L::kMaxVocabulary),
          "accepted config has a size outside its range");
    check(config.d_model % config.n_head == 0, "accepted config: n_head does not divide d_model");
    check(config.architecture == Architecture::Gpt2
              ? config.type_vocab_size == 0
              : within(config.type_vocab_size, 1, L::kMaxTokenTypes),
          "accepted config: type_vocab_size outside its range");
    // The float, not the JSON double: 1e-50 passed a check on the double and became 0 here.
    check(config.layer_norm_epsilon >= static_cast<float>(L::kMinLayerNormEpsilon) &&
              config.layer_norm_epsilon <= static_cast<float>(L::kMaxLayerNormEpsilon),
          "accepted config: layer_norm_epsilon outside its range");
    check(config.parameterCount() <= L::kMaxParameters, "accepted config: too many weights");
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
