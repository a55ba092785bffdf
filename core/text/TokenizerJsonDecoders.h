// tokenizer.json's `decoder`: Sequence, ByteLevel, Metaspace, ByteFallback, Fuse, Strip and
// Replace, turning token spellings back into text (Hugging Face tokenizers' decoders/*.rs).
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "text/TokenizerJsonFields.h"

namespace atlas {

class TokenDecoder {
  public:
    virtual ~TokenDecoder() = default;
    // Rewrites the spellings of a run of tokens. `whole_text`: false when one token is decoded on
    // its own for display, where steps that only tidy the start or end of a whole text (Strip,
    // Metaspace's removal of the first space) are skipped.
    virtual void apply(std::vector<std::string>& tokens, bool whole_text) const = 0;
};

// The decoder described by `config`; null for a JSON null.
std::unique_ptr<TokenDecoder> parseDecoder(const nlohmann::json& config,
                                           const tokenizer_json::FieldPath& where);

}  // namespace atlas
