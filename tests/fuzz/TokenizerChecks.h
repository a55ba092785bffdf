// What every tokenizer must give for any input: ids in the vocabulary, spans inside the text and
// in order, and (byte-level BPE) the exact bytes back.
#pragma once

#include <string_view>

#include "text/Tokenizer.h"

namespace atlas::fuzz {

// Encodes `text` and checks the Tokenizer contract; throws FuzzFinding naming what broke.
void checkTokenizer(const Tokenizer& tokenizer, std::string_view text);

}  // namespace atlas::fuzz
