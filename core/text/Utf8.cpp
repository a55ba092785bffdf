// UTF-8 decoding with byte offsets and the tokenizers' Unicode character classes.
#include "text/Utf8.h"

#include <algorithm>
#include <span>

#include "text/UnicodeTables.h"

namespace atlas::utf8 {

namespace {

bool isContinuation(unsigned char byte) {
    return (byte & 0xC0) == 0x80;
}

}  // namespace

Decoded decodeAt(std::string_view text, std::size_t position) {
    const Decoded invalid{kReplacementCharacter, 1, false};
    const auto lead = static_cast<unsigned char>(text[position]);
    if (lead < 0x80) {
        return {lead, 1, true};
    }
    // The second byte's allowed range excludes overlong forms, surrogates and > U+10FFFF.
    int length = 0;
    unsigned char second_low = 0x80;
    unsigned char second_high = 0xBF;
    char32_t value = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        value = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        value = lead & 0x0F;
        if (lead == 0xE0) {
            second_low = 0xA0;
        } else if (lead == 0xED) {
            second_high = 0x9F;
        }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        value = lead & 0x07;
        if (lead == 0xF0) {
            second_low = 0x90;
        } else if (lead == 0xF4) {
            second_high = 0x8F;
        }
    } else {
        return invalid;
    }
    if (position + length > text.size()) {
        return invalid;
    }
    const auto second = static_cast<unsigned char>(text[position + 1]);
    if (second < second_low || second > second_high) {
        return invalid;
    }
    value = (value << 6) | (second & 0x3F);
    for (int i = 2; i < length; ++i) {
        const auto byte = static_cast<unsigned char>(text[position + i]);
        if (!isContinuation(byte)) {
            return invalid;
        }
        value = (value << 6) | (byte & 0x3F);
    }
    return {value, static_cast<std::uint8_t>(length), true};
}

std::vector<CodePointSpan> decode(std::string_view text) {
    std::vector<CodePointSpan> out;
    out.reserve(text.size());
    for (std::size_t position = 0; position < text.size();) {
        const Decoded decoded = decodeAt(text, position);
        out.push_back({decoded.code_point, position, position + decoded.length, decoded.valid});
        position += decoded.length;
    }
    return out;
}

void append(std::string& out, char32_t code_point) {
    if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
        code_point = kReplacementCharacter;
    }
    if (code_point < 0x80) {
        out.push_back(static_cast<char>(code_point));
    } else if (code_point < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
        out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    } else if (code_point < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
        out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
        out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    }
}

std::string encode(char32_t code_point) {
    std::string out;
    append(out, code_point);
    return out;
}

std::string encode(std::u32string_view code_points) {
    std::string out;
    out.reserve(code_points.size());
    for (char32_t code_point : code_points) {
        append(out, code_point);
    }
    return out;
}

bool isValid(std::string_view text) {
    for (std::size_t position = 0; position < text.size();) {
        const Decoded decoded = decodeAt(text, position);
        if (!decoded.valid) {
            return false;
        }
        position += decoded.length;
    }
    return true;
}

std::string sanitize(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t position = 0; position < text.size();) {
        const Decoded decoded = decodeAt(text, position);
        if (decoded.valid) {
            out.append(text.substr(position, decoded.length));
        } else {
            append(out, kReplacementCharacter);
        }
        position += decoded.length;
    }
    return out;
}

}  // namespace atlas::utf8

namespace atlas::unicode {

namespace {

bool inRanges(std::span<const CodePointRange> ranges, char32_t c) {
    // The first range whose last >= c; c is inside if that range starts at or before c.
    const auto it = std::lower_bound(
        ranges.begin(), ranges.end(), c,
        [](const CodePointRange& range, char32_t value) { return range.last < value; });
    return it != ranges.end() && it->first <= c;
}

bool isAsciiAlphanumeric(char32_t c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Hangul syllables decompose by formula (Unicode 3.12), not by table.
constexpr char32_t kHangulFirst = 0xAC00;
constexpr char32_t kHangulLast = 0xD7A3;
constexpr char32_t kLeadingJamoFirst = 0x1100;
constexpr char32_t kVowelJamoFirst = 0x1161;
constexpr char32_t kTrailingJamoFirst = 0x11A7;
constexpr int kVowelCount = 21;
constexpr int kTrailingCount = 28;

}  // namespace

bool isLetter(char32_t c) {
    if (c < 0x80) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    return inRanges(letterRanges(), c);
}

bool isNumber(char32_t c) {
    if (c < 0x80) {
        return c >= '0' && c <= '9';
    }
    return inRanges(numberRanges(), c);
}

bool isWhitespace(char32_t c) {
    if (c < 0x80) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool isBertWhitespace(char32_t c) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        return true;
    }
    // Category Zs.
    return c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
           c == 0x3000;
}

bool isBertControl(char32_t c) {
    if (c == '\t' || c == '\n' || c == '\r') {
        return false;
    }
    return inRanges(controlRanges(), c);
}

bool isBertPunctuation(char32_t c) {
    if (c < 0x80) {
        return c > 0x20 && c < 0x7F && !isAsciiAlphanumeric(c);
    }
    return inRanges(punctuationRanges(), c);
}

bool isCjkIdeograph(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F) ||
           (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

bool isNonspacingMark(char32_t c) {
    return c >= 0x300 && inRanges(nonspacingMarkRanges(), c);
}

char32_t toLower(char32_t c) {
    if (c < 0x80) {
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    }
    if (c == 0x130) {
        return 'i';
    }
    const auto runs = lowercaseRuns();
    const auto it =
        std::lower_bound(runs.begin(), runs.end(), c,
                         [](const LowercaseRun& run, char32_t value) { return run.last < value; });
    if (it == runs.end() || it->first > c || (c - it->first) % it->stride != 0) {
        return c;
    }
    return static_cast<char32_t>(static_cast<int>(c) + it->delta);
}

void appendStrippedOfAccents(char32_t c, std::u32string& out) {
    if (c < 0xC0) {
        out.push_back(c);
        return;
    }
    if (c >= kHangulFirst && c <= kHangulLast) {
        const int index = static_cast<int>(c - kHangulFirst);
        out.push_back(kLeadingJamoFirst + index / (kVowelCount * kTrailingCount));
        out.push_back(kVowelJamoFirst + (index % (kVowelCount * kTrailingCount)) / kTrailingCount);
        if (index % kTrailingCount != 0) {
            out.push_back(kTrailingJamoFirst + index % kTrailingCount);
        }
        return;
    }
    if (isNonspacingMark(c)) {
        return;
    }
    const auto strips = accentStrips();
    const auto it = std::lower_bound(
        strips.begin(), strips.end(), c,
        [](const AccentStrip& strip, char32_t value) { return strip.code_point < value; });
    if (it == strips.end() || it->code_point != c) {
        out.push_back(c);
        return;
    }
    for (char32_t part : it->stripped) {
        if (part != 0) {
            out.push_back(part);
        }
    }
}

}  // namespace atlas::unicode
