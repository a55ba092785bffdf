// tokenizer.json's `normalizer`: Sequence, NFC, NFD, NFKC, NFKD, Lowercase, Prepend, Replace and
// Strip, applied to aligned text (NormalizedText) so every byte keeps the original bytes it came
// from.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>

#include "text/NormalizedText.h"
#include "text/TokenizerJsonFields.h"

namespace atlas {

class TextNormalizer {
  public:
    virtual ~TextNormalizer() = default;
    virtual void apply(NormalizedText& text) const = 0;
};

// The normalizer described by `config`; null for a JSON null. Throws AtlasError naming the
// field for an unknown type or a malformed field.
std::unique_ptr<TextNormalizer> parseNormalizer(const nlohmann::json& config,
                                                const tokenizer_json::FieldPath& where);

}  // namespace atlas
