// BERT's basic tokenizer: clean, lower-case, strip accents, split on whitespace and punctuation,
// every CJK ideograph a word of its own. Words keep the byte span of each of their characters.
//
// As transformers' BasicTokenizer: U+0000, U+FFFD and control characters are removed (so an
// invalid UTF-8 byte, read as U+FFFD, disappears and no token covers it); whitespace separates
// words; lower-casing is per character (Utf8.h's toLower); accent stripping is NFD without
// nonspacing marks (Utf8.h). A removed mark's bytes join the span of the character before it, so
// "e" + U+0301 gives one character "e" spanning both. A character that expands (a Hangul syllable
// into its jamo) gives several characters with the same span.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/ByteRange.h"
#include "text/Utf8.h"

namespace atlas {

struct BertNormalization {
    bool lower_case = true;
    std::optional<bool> strip_accents;  // unset: strip when lower-casing (BERT's default)
    bool split_cjk = true;              // tokenize_chinese_chars

    bool stripsAccents() const { return strip_accents.value_or(lower_case); }
};

struct BertWord {
    std::u32string text;           // normalized characters
    std::vector<ByteRange> spans;  // [text.size()] bytes of the input each character comes from
};

// Calls visit(const BertWord&) for each word of `text` in order; `offset` is added to the spans.
// The word object is reused between calls.
template <class Visitor>
void forEachBertWord(std::string_view text, const BertNormalization& normalization,
                     std::size_t offset, Visitor&& visit);

std::vector<BertWord> splitBertWords(std::string_view text,
                                     const BertNormalization& normalization = {});

namespace detail {
enum class BertCharKind { Dropped, Space, OwnWord, Ordinary };
// How the basic tokenizer treats `c` before normalization: dropped, a word boundary, a CJK
// ideograph, or an ordinary character to normalize.
BertCharKind bertKindBeforeNormalization(char32_t c, const BertNormalization& normalization);
// The normalized characters of `c` (lower-cased, accents stripped), appended to `out`.
void appendNormalized(char32_t c, const BertNormalization& normalization, std::u32string& out);
}  // namespace detail

template <class Visitor>
void forEachBertWord(std::string_view text, const BertNormalization& normalization,
                     std::size_t offset, Visitor&& visit) {
    BertWord word;
    std::u32string normalized;
    const auto flush = [&] {
        if (!word.text.empty()) {
            visit(static_cast<const BertWord&>(word));
            word.text.clear();
            word.spans.clear();
        }
    };
    const auto emit_alone = [&](char32_t c, ByteRange span) {
        flush();
        word.text.push_back(c);
        word.spans.push_back(span);
        flush();
    };
    for (std::size_t position = 0; position < text.size();) {
        const utf8::Decoded decoded = utf8::decodeAt(text, position);
        const ByteRange span{offset + position, offset + position + decoded.length};
        position += decoded.length;
        switch (detail::bertKindBeforeNormalization(decoded.code_point, normalization)) {
            case detail::BertCharKind::Dropped:
                continue;
            case detail::BertCharKind::Space:
                flush();
                continue;
            case detail::BertCharKind::OwnWord:
                emit_alone(decoded.code_point, span);
                continue;
            case detail::BertCharKind::Ordinary:
                break;
        }
        normalized.clear();
        detail::appendNormalized(decoded.code_point, normalization, normalized);
        if (normalized.empty()) {
            // A stripped accent: its bytes belong to the character it sat on.
            if (!word.spans.empty() && word.spans.back().end == span.begin) {
                word.spans.back().end = span.end;
            }
            continue;
        }
        for (char32_t c : normalized) {
            if (unicode::isBertPunctuation(c)) {
                emit_alone(c, span);
            } else {
                word.text.push_back(c);
                word.spans.push_back(span);
            }
        }
    }
    flush();
}

}  // namespace atlas
