// OpenCC through its C interface; a character-for-character alignment of input and output.
#include "text/ChineseConversion.h"

#include <algorithm>

#include <opencc.h>

#include "Error.h"
#include "text/Utf8.h"

namespace atlas {

namespace {

constexpr const char* kTraditionalToSimplified = "t2s.json";

}  // namespace

std::shared_ptr<const ChineseConversion> ChineseConversion::traditionalToSimplified() {
    opencc_t handle = opencc_open(kTraditionalToSimplified);
    if (handle == reinterpret_cast<opencc_t>(-1)) {
        const char* reason = opencc_error();
        throw AtlasError(std::string("OpenCC: cannot open ") + kTraditionalToSimplified + ": " +
                         (reason ? reason : "unknown error") +
                         " (install the opencc data package, libopencc1.1 on Debian)");
    }
    return std::shared_ptr<const ChineseConversion>(new ChineseConversion(handle));
}

ChineseConversion::~ChineseConversion() {
    opencc_close(static_cast<opencc_t>(handle_));
}

std::string ChineseConversion::convertRaw(std::string_view text) const {
    if (text.empty()) {
        return {};
    }
    char* converted = opencc_convert_utf8(static_cast<opencc_t>(handle_), text.data(), text.size());
    if (converted == nullptr) {
        return std::string(text);
    }
    std::string result(converted);
    opencc_convert_utf8_free(converted);
    return result;
}

ConvertedText ChineseConversion::convert(std::string_view text) const {
    ConvertedText out;
    if (!utf8::isValid(text)) {
        // OpenCC reads UTF-8 only; the tokenizers turn bad bytes into U+FFFD themselves.
        out.text = std::string(text);
        out.original_position.resize(text.size() + 1);
        for (std::size_t i = 0; i <= text.size(); ++i) {
            out.original_position[i] = i;
        }
        return out;
    }
    const std::vector<utf8::CodePointSpan> typed = utf8::decode(text);
    // Whole-text conversion uses OpenCC's phrase tables (better for ambiguous characters);
    // accepted when it keeps the number of characters.
    std::vector<std::string> converted_characters;
    {
        const std::string whole = convertRaw(text);
        const std::vector<utf8::CodePointSpan> converted = utf8::decode(whole);
        if (converted.size() == typed.size()) {
            for (const utf8::CodePointSpan& span : converted) {
                converted_characters.push_back(whole.substr(span.begin, span.end - span.begin));
            }
        }
    }
    if (converted_characters.empty() && !typed.empty()) {
        for (const utf8::CodePointSpan& span : typed) {
            const std::string_view character = text.substr(span.begin, span.end - span.begin);
            std::string single = convertRaw(character);
            if (utf8::decode(single).size() != 1) {
                single = std::string(character);
            }
            converted_characters.push_back(std::move(single));
        }
    }
    out.original_position.reserve(text.size() + 1);
    for (std::size_t c = 0; c < typed.size(); ++c) {
        const std::string& character = converted_characters[c];
        const std::size_t typed_length = typed[c].end - typed[c].begin;
        for (std::size_t byte = 0; byte < character.size(); ++byte) {
            // A byte inside a character maps to the same byte of the typed one, clamped to it.
            out.original_position.push_back(typed[c].begin + std::min(byte, typed_length));
        }
        out.text += character;
    }
    out.original_position.push_back(text.size());
    return out;
}

}  // namespace atlas
