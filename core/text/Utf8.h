// UTF-8 decoding with byte offsets, and the Unicode character classes the tokenizers need.
//
// Invalid input never throws: every byte that does not start a valid, shortest-form sequence of
// a scalar value (or is a lone continuation byte) reads as one U+FFFD of length 1, so offsets
// always index the caller's original bytes. No ICU: the classes come from generated tables
// (UnicodeTables.cpp, Unicode 14).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace atlas::utf8 {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

struct Decoded {
    char32_t code_point = 0;  // U+FFFD when !valid
    std::uint8_t length = 1;  // bytes consumed, 1..4
    bool valid = true;
};

// Decodes the code point that starts at text[position]; position < text.size().
Decoded decodeAt(std::string_view text, std::size_t position);

struct CodePointSpan {
    char32_t code_point = 0;
    std::size_t begin = 0;  // byte span [begin, end) in the decoded text
    std::size_t end = 0;
    bool valid = true;
};

std::vector<CodePointSpan> decode(std::string_view text);
void append(std::string& out, char32_t code_point);
std::string encode(char32_t code_point);
std::string encode(std::u32string_view code_points);
bool isValid(std::string_view text);
// The text with every invalid byte replaced by U+FFFD (valid text is returned unchanged).
std::string sanitize(std::string_view text);

}  // namespace atlas::utf8

namespace atlas::unicode {

// GPT-2's pre-tokenizer classes: \p{L}, \p{N}, and \s (the White_Space property: \t \n \v \f
// \r, space, U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
// Emoji and other symbols are none of the three.
bool isLetter(char32_t c);
bool isNumber(char32_t c);
bool isWhitespace(char32_t c);

// BERT's basic tokenizer classes (transformers' BasicTokenizer):
// whitespace is space, \t, \n, \r or category Zs;
bool isBertWhitespace(char32_t c);
// control is category Cc, Cf or Co except \t, \n, \r (BERT also counts unassigned code points);
bool isBertControl(char32_t c);
// punctuation is category P* or any ASCII non-alphanumeric printable ($ + < = > ^ ` | ~ too);
bool isBertPunctuation(char32_t c);
// CJK is the CJK Unified Ideographs blocks (not Hangul, not Kana), each a word of its own.
bool isCjkIdeograph(char32_t c);

bool isNonspacingMark(char32_t c);  // category Mn
// Simple one-to-one lowercase mapping (Python's str.lower() except U+0130, which gives 'i').
char32_t toLower(char32_t c);
// NFD of `c` without its nonspacing marks, appended to `out`: "é" -> "e", a Hangul syllable ->
// its jamo, a nonspacing mark -> nothing. Covers Latin, Greek, Cyrillic (U+00C0..U+058F),
// Latin Extended Additional and Greek Extended; other code points are appended unchanged.
void appendStrippedOfAccents(char32_t c, std::u32string& out);

}  // namespace atlas::unicode
