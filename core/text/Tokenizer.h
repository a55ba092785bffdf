// The tokenizer interface: text to tokens with byte spans, ids back to text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/Token.h"

namespace atlas {

class Tokenizer {
public:
    virtual ~Tokenizer() = default;

    // Splits `text` (UTF-8) into tokens, without special tokens. Invalid UTF-8 sequences are read
    // as U+FFFD (each bad byte one replacement character) and keep their byte spans, so spans
    // always index the caller's original bytes. Never throws on any input.
    virtual std::vector<Token> encode(std::string_view text) const = 0;
    // The text of a sequence of ids, as the model's vocabulary spells it (GPT-2: exact bytes).
    virtual std::string decode(const std::vector<int>& ids) const = 0;
    // Display text of one id (spaces shown as spaces, "##" removed).
    virtual std::string displayText(int id) const = 0;
    virtual int vocabSize() const = 0;
    virtual std::optional<int> idOf(std::string_view token) const = 0;
    // The id a model folder asks to put before every text (Llama's `<s>` when
    // tokenizer_config.json says `add_bos_token`); none for GPT-2 and BERT, whose specials the
    // model adds itself.
    virtual std::optional<int> bosTokenToPrepend() const { return std::nullopt; }
};

}  // namespace atlas
