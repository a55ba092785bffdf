// BERT's basic tokenizer: the per-character decisions behind forEachBertWord.
#include "text/BertPreTokenizer.h"

namespace atlas {

namespace detail {

BertCharKind bertKindBeforeNormalization(char32_t c, const BertNormalization& normalization) {
    if (c == 0 || c == utf8::kReplacementCharacter || unicode::isBertControl(c)) {
        return BertCharKind::Dropped;
    }
    if (unicode::isBertWhitespace(c)) {
        return BertCharKind::Space;
    }
    if (normalization.split_cjk && unicode::isCjkIdeograph(c)) {
        return BertCharKind::OwnWord;
    }
    return BertCharKind::Ordinary;
}

void appendNormalized(char32_t c, const BertNormalization& normalization, std::u32string& out) {
    if (normalization.lower_case) {
        c = unicode::toLower(c);
    }
    if (normalization.stripsAccents()) {
        unicode::appendStrippedOfAccents(c, out);
    } else {
        out.push_back(c);
    }
}

}  // namespace detail

std::vector<BertWord> splitBertWords(std::string_view text,
                                     const BertNormalization& normalization) {
    std::vector<BertWord> words;
    forEachBertWord(text, normalization, 0, [&](const BertWord& word) { words.push_back(word); });
    return words;
}

}  // namespace atlas
