// A token id's display text and a special token's id, for code that names predictions.
#pragma once

#include <string>
#include <string_view>

#include "model/Model.h"
#include "text/Tokenizer.h"

namespace atlas {

// The display text of token `id`; an id the tokenizer lacks (a vocabulary padded past the
// tokenizer's tokens) reads "[id]".
std::string tokenDisplayText(const Tokenizer& tokenizer, int id);
std::string tokenDisplayText(const Model& model, int id);

// The id of a special token such as "[MASK]", or -1 when the vocabulary has none.
int specialTokenId(const Model& model, std::string_view token);

}  // namespace atlas
