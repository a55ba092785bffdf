// Text being normalized or pre-tokenized, with the bytes of the original input each byte came from.
#include "text/NormalizedText.h"

#include <algorithm>

#include "text/Utf8.h"

namespace atlas {

NormalizedText NormalizedText::fromOriginal(std::string_view original, std::size_t offset) {
    NormalizedText result;
    result.text.reserve(original.size());
    result.alignment.reserve(original.size());
    std::size_t position = 0;
    while (position < original.size()) {
        const utf8::Decoded decoded = utf8::decodeAt(original, position);
        const ByteSpan span{offset + position, offset + position + decoded.length};
        if (decoded.valid) {
            for (std::size_t i = 0; i < decoded.length; ++i) {
                result.text.push_back(original[position + i]);
                result.alignment.push_back({offset + position + i, offset + position + i + 1});
            }
        } else {
            result.appendWithSpan(utf8::encode(utf8::kReplacementCharacter), span);
        }
        position += decoded.length;
    }
    return result;
}

ByteSpan NormalizedText::spanOf(std::size_t begin, std::size_t end) const {
    if (begin >= end) {
        return {};
    }
    ByteSpan span = alignment[begin];
    for (std::size_t i = begin + 1; i < end; ++i) {
        span.begin = std::min(span.begin, alignment[i].begin);
        span.end = std::max(span.end, alignment[i].end);
    }
    return span;
}

NormalizedText NormalizedText::slice(std::size_t begin, std::size_t end) const {
    NormalizedText result;
    result.appendSlice(*this, begin, end);
    return result;
}

void NormalizedText::prepend(std::string_view prefix) {
    if (text.empty() || prefix.empty()) {
        return;
    }
    const ByteSpan first = spanOf(0, characterLength(0));
    text.insert(0, prefix);
    alignment.insert(alignment.begin(), prefix.size(), first);
}

void NormalizedText::appendWithSpan(std::string_view bytes, ByteSpan span) {
    text.append(bytes);
    alignment.insert(alignment.end(), bytes.size(), span);
}

void NormalizedText::appendSlice(const NormalizedText& source, std::size_t begin, std::size_t end) {
    text.append(source.text, begin, end - begin);
    alignment.insert(alignment.end(), source.alignment.begin() + std::ptrdiff_t(begin),
                     source.alignment.begin() + std::ptrdiff_t(end));
}

std::size_t NormalizedText::characterLength(std::size_t position) const {
    return utf8::decodeAt(text, position).length;
}

}  // namespace atlas
