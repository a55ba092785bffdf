// A loaded model: config, weights and tokenizer, and the text -> attention entry point.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/Forward.h"
#include "model/LoadControl.h"
#include "model/ModelConfig.h"
#include "model/TransformerWeights.h"
#include "text/Token.h"
#include "text/Tokenizer.h"

namespace atlas {

struct DecoderCache;

struct EncodedText {
    std::vector<Token> tokens;        // with [CLS]/[SEP] for BERT (<s> for Llama), at most n_ctx
    bool truncated = false;           // the text had more tokens than the context holds
    std::size_t full_token_count = 0; // tokens before truncation (specials included)
};

struct RunOptions {
    ForwardOptions forward;
    // BERT: indices into the encoded tokens to replace by [MASK] before the forward pass.
    std::vector<int> masked_tokens;
};

struct RunResult {
    EncodedText encoded;  // after masking: masked tokens carry the [MASK] id and text
    Forward forward;
};

class Model {
public:
    Model(std::string name, ModelConfig config, TransformerWeights weights,
          std::unique_ptr<Tokenizer> tokenizer);

    // Opens a Hugging Face model folder (config.json, model.safetensors, tokenizer files) and
    // validates every tensor's name, shape and values. Throws AtlasError naming file and field.
    // `control` (optional) hears the progress and may cancel (LoadCancelled).
    static std::unique_ptr<Model> load(const std::filesystem::path& folder,
                                       const LoadControl* control = nullptr);

    const std::string& name() const { return name_; }
    const ModelConfig& config() const { return config_; }
    const TransformerWeights& weights() const { return weights_; }
    const Tokenizer& tokenizer() const { return *tokenizer_; }

    // Tokenizes and adds BERT's [CLS]/[SEP]; truncates to the context. Throws AtlasError on
    // empty (or whitespace-only) text.
    EncodedText encode(std::string_view text) const;
    // `cache` (decoder families; ignored for GPT-2 and BERT) lets a pass whose ids extend the
    // cached ones run only the new tokens (model/DecoderForward.h).
    Forward forward(const std::vector<int>& ids, const ForwardOptions& options,
                    DecoderCache* cache = nullptr) const;
    RunResult run(std::string_view text, const RunOptions& options = {}) const;

    std::filesystem::path folder;  // where it was loaded from, empty if built in memory

private:
    std::string name_;
    ModelConfig config_;
    TransformerWeights weights_;
    std::unique_ptr<Tokenizer> tokenizer_;
};

}  // namespace atlas
