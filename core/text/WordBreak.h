// Where words begin and end in a text, by ICU's word break iterator: dictionary-based for Chinese
// and Japanese (which write no spaces between words), rule-based for everything else.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace atlas {

struct TextSegment {
    std::size_t begin = 0;  // byte span [begin, end) of the UTF-8 text
    std::size_t end = 0;
    // A word the dictionary found in a run of Han (or kana) characters; false for Latin words,
    // numbers, spaces and punctuation.
    bool dictionary_word = false;
};

// Every segment between two word boundaries, in order, covering the whole text. Invalid UTF-8
// is read as U+FFFD and keeps its bytes. Never throws: should ICU fail (no break data), the
// whole text is one segment.
std::vector<TextSegment> wordSegments(std::string_view text);

}  // namespace atlas
