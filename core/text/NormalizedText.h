// Text being normalized or pre-tokenized, with the bytes of the original input each byte came from.
//
// Every byte of `text` carries an alignment: the byte span [begin, end) of the caller's original
// input it stands for. Unchanged text maps byte to byte; a replacement maps each byte it writes to
// the whole span it replaced; a prepended string takes the span of the first character. So a
// token's span is the union of the alignments of its bytes, never empty when the token is not.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace atlas {

struct ByteSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
};

struct NormalizedText {
    std::string text;                 // valid UTF-8
    std::vector<ByteSpan> alignment;  // [text.size()] original bytes of each byte

    // `original` (any bytes) read as UTF-8 with each invalid byte replaced by U+FFFD, aligned to
    // the original bytes starting at `offset`.
    static NormalizedText fromOriginal(std::string_view original, std::size_t offset);

    bool empty() const { return text.empty(); }
    // Union of the alignments of bytes [begin, end); {0, 0} for an empty range.
    ByteSpan spanOf(std::size_t begin, std::size_t end) const;
    // The bytes [begin, end) with their alignments.
    NormalizedText slice(std::size_t begin, std::size_t end) const;
    // Puts `prefix` before the text, aligned to the span of the first character; no-op when empty.
    void prepend(std::string_view prefix);
    // Appends `bytes`, every byte aligned to `span`.
    void appendWithSpan(std::string_view bytes, ByteSpan span);
    // Appends bytes [begin, end) of `source` with their own alignments.
    void appendSlice(const NormalizedText& source, std::size_t begin, std::size_t end);
    // Length in bytes of the UTF-8 character starting at `position`.
    std::size_t characterLength(std::size_t position) const;
};

}  // namespace atlas
