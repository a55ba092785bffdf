// Fuzz target "tokenizers": arbitrary bytes through every tokenizer: the tiny test vocabularies
// (byte-level BPE, and WordPiece both uncased and cased) and the built-in models' when present.
#include <memory>
#include <string_view>
#include <vector>

#include "Error.h"
#include "FuzzTargets.h"
#include "TinyModelFolder.h"
#include "TokenizerChecks.h"
#include "model/BuiltinModels.h"
#include "text/ByteLevelBpe.h"
#include "text/TokenizerFiles.h"
#include "text/WordPiece.h"

namespace atlas::fuzz {

namespace {

std::vector<std::unique_ptr<Tokenizer>> makeTokenizers() {
    std::vector<std::unique_ptr<Tokenizer>> tokenizers;
    tokenizers.push_back(
        std::make_unique<ByteLevelBpe>(test::tinyGpt2Vocab(), test::tinyGpt2Merges()));
    tokenizers.push_back(std::make_unique<WordPiece>(test::tinyBertVocab()));
    WordPieceOptions cased;
    cased.normalization.lower_case = false;
    cased.max_chars_per_word = 8;  // short, so the too-long-word path is reached too
    tokenizers.push_back(std::make_unique<WordPiece>(test::tinyBertVocab(), cased));
    // The built-in vocabularies are the ones users meet; they are absent until trained.
    for (const BuiltinModel& builtin : builtinModels()) {
        if (!builtin.folder.empty()) {
            tokenizers.push_back(loadTokenizer(builtin.folder));
        }
    }
    return tokenizers;
}

}  // namespace

int fuzzTokenizers(const std::uint8_t* data, std::size_t size) {
    // Made once per process: building a vocabulary per input would drown the tokenizing.
    static const std::vector<std::unique_ptr<Tokenizer>> tokenizers = makeTokenizers();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const auto& tokenizer : tokenizers) {
        // Tokenizer::encode never throws; decode throws only for ids outside the vocabulary,
        // which encode never makes. So no AtlasError is caught here: any is a finding.
        checkTokenizer(*tokenizer, text);
    }
    return 0;
}

}  // namespace atlas::fuzz
