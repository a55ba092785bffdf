// GPT-2's pre-tokenizer: the regex that cuts text into words before BPE, implemented by hand.
//
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
//
// Classes as in Utf8.h (\s is the White_Space property). An invalid byte reads as U+FFFD, a
// symbol, so it falls in [^\s\p{L}\p{N}] like any other symbol. The pieces cover the text
// exactly, in order, without gaps.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "text/ByteRange.h"

namespace atlas {

std::vector<ByteRange> splitGpt2Words(std::string_view text);

// The same pieces, one call of `visit(begin, end)` each, without building a vector: for the
// trainer, which streams tens of megabytes.
template <class Visitor>
void forEachGpt2Word(std::string_view text, Visitor&& visit);

// The end of the piece that starts at `begin` (< text.size()).
std::size_t gpt2WordEnd(std::string_view text, std::size_t begin);

template <class Visitor>
void forEachGpt2Word(std::string_view text, Visitor&& visit) {
    for (std::size_t begin = 0; begin < text.size();) {
        const std::size_t end = gpt2WordEnd(text, begin);
        visit(begin, end);
        begin = end;
    }
}

}  // namespace atlas
