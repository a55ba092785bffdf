// The Tokenizer contract, checked on one input (used by the tokenizer fuzz targets).
#include "TokenizerChecks.h"

#include <string>
#include <typeinfo>
#include <vector>

#include "Error.h"
#include "FuzzTargets.h"
#include "text/ByteLevelBpe.h"
#include "text/HuggingFaceTokenizer.h"
#include "text/WordPiece.h"

namespace atlas::fuzz {

void checkTokenizer(const Tokenizer& tokenizer, std::string_view text) {
    const std::vector<Token> tokens = tokenizer.encode(text);
    const int vocab_size = tokenizer.vocabSize();
    // tokenizer.json tokens may share bytes (a prepended "▁" and the character it stands before,
    // the byte pieces of one character), and so may WordPiece's when normalization makes one
    // character into several (NFD turns a Hangul syllable into jamo: a piece holding its last
    // jamo and the next character spans both); they still start in order.
    const bool may_overlap = dynamic_cast<const HuggingFaceTokenizer*>(&tokenizer) != nullptr ||
                             dynamic_cast<const WordPiece*>(&tokenizer) != nullptr;
    std::size_t previous_begin = 0;
    std::size_t previous_end = 0;
    std::vector<int> ids;
    for (std::size_t index = 0; index < tokens.size(); ++index) {
        const Token& token = tokens[index];
        const std::string where = std::string(typeid(tokenizer).name()) + " of " +
                                  std::to_string(vocab_size) + " ids, token " +
                                  std::to_string(index) + " (id " + std::to_string(token.id) + ")";
        check(token.id >= 0 && token.id < vocab_size, where + ": id outside the vocabulary");
        check(token.begin <= token.end && token.end <= text.size(),
              where + ": span [" + std::to_string(token.begin) + ", " + std::to_string(token.end) +
                  ") outside the text of " + std::to_string(text.size()) + " bytes");
        if (may_overlap) {
            check(token.begin >= previous_begin, where + ": span starts before the one before");
        } else {
            check(token.begin >= previous_end,
                  where + ": span [" + std::to_string(token.begin) + ", " +
                      std::to_string(token.end) + ") overlaps or precedes the one before, [" +
                      std::to_string(previous_begin) + ", " + std::to_string(previous_end) + ")");
        }
        check(token.special || token.end > token.begin, where + ": ordinary token with no bytes");
        previous_begin = token.begin;
        previous_end = token.end;
        ids.push_back(token.id);
        // Must not throw for an id the tokenizer itself produced.
        (void)tokenizer.displayText(token.id);
    }
    const std::string decoded = tokenizer.decode(ids);

    if (const auto* bpe = dynamic_cast<const ByteLevelBpe*>(&tokenizer)) {
        // Byte-level BPE loses nothing: every byte is in exactly one token, in order.
        check(decoded == text, "byte-level BPE: decode(encode(text)) differs from the text");
        std::size_t covered = 0;
        for (const Token& token : tokens) {
            check(token.special || token.begin == covered, "byte-level BPE: a gap before a token");
            covered = token.end;
        }
        check(covered == text.size(), "byte-level BPE: the tokens do not reach the end");
        check(bpe->encodeIds(text) == ids, "byte-level BPE: encodeIds differs from encode");
    }
}

}  // namespace atlas::fuzz
