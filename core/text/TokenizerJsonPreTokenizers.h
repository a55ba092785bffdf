// tokenizer.json's `pre_tokenizer`: Sequence, Split (regex or string, the five behaviours,
// invert), ByteLevel, Metaspace, Digits, Punctuation, Whitespace and WhitespaceSplit, cutting
// aligned text into the words the model encodes one by one. The semantics are Hugging Face
// tokenizers' (pre_tokenizers/*.rs); empty pieces are dropped.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "text/NormalizedText.h"
#include "text/TokenizerJsonFields.h"

namespace atlas {

class PreTokenizer {
  public:
    virtual ~PreTokenizer() = default;
    // Replaces `pieces` by their pre-tokenized pieces.
    virtual void apply(std::vector<NormalizedText>& pieces) const = 0;
    // Whether the pieces are written in GPT-2's byte alphabet (a ByteLevel step).
    virtual bool byteLevel() const { return false; }
};

// The pre-tokenizer described by `config`; null for a JSON null.
std::unique_ptr<PreTokenizer> parsePreTokenizer(const nlohmann::json& config,
                                                const tokenizer_json::FieldPath& where);

}  // namespace atlas
