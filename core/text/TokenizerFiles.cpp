// Loads the tokenizer files of a Hugging Face model folder.
#include "text/TokenizerFiles.h"

#include "Error.h"
#include "text/ByteLevelBpe.h"
#include "text/HuggingFaceTokenizer.h"
#include "text/WordPiece.h"

namespace atlas {

std::unique_ptr<Tokenizer> loadTokenizer(const std::filesystem::path& folder) {
    const bool has_vocab_json = std::filesystem::exists(folder / "vocab.json");
    const bool has_merges = std::filesystem::exists(folder / "merges.txt");
    if (has_vocab_json && has_merges) {
        return std::make_unique<ByteLevelBpe>(ByteLevelBpe::load(folder));
    }
    if (std::filesystem::exists(folder / "vocab.txt")) {
        return std::make_unique<WordPiece>(WordPiece::load(folder));
    }
    if (std::filesystem::exists(folder / "tokenizer.json")) {
        return HuggingFaceTokenizer::load(folder);
    }
    if (has_vocab_json) {
        throw AtlasError("merges.txt: missing in " + folder.string() +
                         " (a byte-level BPE tokenizer needs vocab.json and merges.txt)");
    }
    if (has_merges) {
        throw AtlasError("vocab.json: missing in " + folder.string() +
                         " (a byte-level BPE tokenizer needs vocab.json and merges.txt)");
    }
    throw AtlasError(
        "vocab.json: missing in " + folder.string() +
        ": no tokenizer files (vocab.json + merges.txt, vocab.txt, or tokenizer.json)");
}

}  // namespace atlas
