// Loads the tokenizer files of a Hugging Face model folder.
#pragma once

#include <filesystem>
#include <memory>

#include "text/Tokenizer.h"

namespace atlas {

// vocab.json + merges.txt -> ByteLevelBpe; vocab.txt (+ tokenizer_config.json do_lower_case,
// default true) -> WordPiece; otherwise tokenizer.json (+ tokenizer_config.json) ->
// HuggingFaceTokenizer. Throws AtlasError naming the missing or malformed file and line or field.
std::unique_ptr<Tokenizer> loadTokenizer(const std::filesystem::path& folder);

}  // namespace atlas
