// GPT-2's pre-tokenizing regex as a hand-written matcher over UTF-8 bytes.
#include "text/Gpt2PreTokenizer.h"

#include "text/Utf8.h"

namespace atlas {

namespace {

enum class CharClass { Letter, Number, Space, Other };

struct ClassifiedChar {
    CharClass char_class;
    std::size_t length;  // bytes
};

CharClass classOf(char32_t c) {
    if (unicode::isLetter(c)) {
        return CharClass::Letter;
    }
    if (unicode::isNumber(c)) {
        return CharClass::Number;
    }
    if (unicode::isWhitespace(c)) {
        return CharClass::Space;
    }
    return CharClass::Other;
}

ClassifiedChar classifyAt(std::string_view text, std::size_t position) {
    const auto byte = static_cast<unsigned char>(text[position]);
    if (byte < 0x80) {
        // ASCII fast path.
        const char c = static_cast<char>(byte);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return {CharClass::Letter, 1};
        }
        if (c >= '0' && c <= '9') {
            return {CharClass::Number, 1};
        }
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            return {CharClass::Space, 1};
        }
        return {CharClass::Other, 1};
    }
    const utf8::Decoded decoded = utf8::decodeAt(text, position);
    return {classOf(decoded.code_point), decoded.length};
}

// The end of the longest run of `char_class` starting at `position`.
std::size_t runEnd(std::string_view text, std::size_t position, CharClass char_class) {
    while (position < text.size()) {
        const ClassifiedChar next = classifyAt(text, position);
        if (next.char_class != char_class) {
            break;
        }
        position += next.length;
    }
    return position;
}

// 's 't 're 've 'm 'll 'd: the length matched at `position`, or 0.
std::size_t contractionLength(std::string_view text, std::size_t position) {
    if (text[position] != '\'' || position + 1 >= text.size()) {
        return 0;
    }
    const char first = text[position + 1];
    if (first == 's' || first == 't' || first == 'm' || first == 'd') {
        return 2;
    }
    if (position + 2 < text.size()) {
        const char second = text[position + 2];
        if ((first == 'r' && second == 'e') || (first == 'v' && second == 'e') ||
            (first == 'l' && second == 'l')) {
            return 3;
        }
    }
    return 0;
}

}  // namespace

std::size_t gpt2WordEnd(std::string_view text, std::size_t begin) {
    if (const std::size_t length = contractionLength(text, begin); length > 0) {
        return begin + length;
    }
    const ClassifiedChar first = classifyAt(text, begin);
    // " ?\p{L}+", " ?\p{N}+", " ?[^\s\p{L}\p{N}]+": an optional space, then a run of one class.
    std::size_t run_start = begin;
    CharClass run_class = first.char_class;
    if (text[begin] == ' ' && begin + 1 < text.size()) {
        const ClassifiedChar second = classifyAt(text, begin + 1);
        if (second.char_class != CharClass::Space) {
            run_start = begin + 1;
            run_class = second.char_class;
        }
    }
    if (run_class != CharClass::Space) {
        return runEnd(text, run_start, run_class);
    }
    // "\s+(?!\S)": a whitespace run that is not followed by a non-space, which backtracks to leave
    // the last whitespace character to the next word; else "\s+" takes a single one.
    const std::size_t end = runEnd(text, begin, CharClass::Space);
    if (end == text.size()) {
        return end;
    }
    std::size_t last_start = begin;  // start of the run's last character
    for (std::size_t position = begin; position < end;) {
        last_start = position;
        position += classifyAt(text, position).length;
    }
    return last_start > begin ? last_start : end;
}

std::vector<ByteRange> splitGpt2Words(std::string_view text) {
    std::vector<ByteRange> words;
    forEachGpt2Word(text, [&](std::size_t begin, std::size_t end) {
        words.push_back({begin, end});
    });
    return words;
}

}  // namespace atlas
