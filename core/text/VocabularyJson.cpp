// A hand-written reader for the one JSON shape vocab.json has.
#include "text/VocabularyJson.h"

#include <algorithm>
#include <limits>

#include "text/Utf8.h"

namespace atlas {

namespace {

class FlatObjectReader {
  public:
    explicit FlatObjectReader(std::string_view text) : text_(text) {}

    std::optional<FlatVocabulary> read(std::int64_t id_limit) {
        FlatVocabulary vocabulary;
        vocabulary.spellings.reserve(text_.size() / 2);
        vocabulary.entries.reserve(text_.size() / 12);
        skipSpace();
        if (!take('{')) {
            return std::nullopt;
        }
        skipSpace();
        if (!take('}')) {
            for (;;) {
                FlatVocabulary::Entry entry;
                entry.begin = static_cast<std::uint32_t>(vocabulary.spellings.size());
                if (!take('"') || !readString(vocabulary.spellings)) {
                    return std::nullopt;
                }
                entry.size = static_cast<std::uint32_t>(vocabulary.spellings.size() - entry.begin);
                skipSpace();
                if (entry.size == 0 || !take(':')) {
                    return std::nullopt;
                }
                skipSpace();
                std::int64_t id = 0;
                if (!readId(id_limit, id)) {
                    return std::nullopt;
                }
                entry.id = static_cast<int>(id);
                vocabulary.id_count =
                    std::max(vocabulary.id_count, static_cast<std::size_t>(id) + 1);
                vocabulary.entries.push_back(entry);
                skipSpace();
                if (take('}')) {
                    break;
                }
                if (!take(',')) {
                    return std::nullopt;
                }
                skipSpace();
            }
        }
        skipSpace();
        if (position_ != text_.size()) {
            return std::nullopt;
        }
        return vocabulary;
    }

  private:
    bool take(char expected) {
        if (position_ < text_.size() && text_[position_] == expected) {
            ++position_;
            return true;
        }
        return false;
    }

    void skipSpace() {
        while (position_ < text_.size() && (text_[position_] == ' ' || text_[position_] == '\n' ||
                                            text_[position_] == '\r' || text_[position_] == '\t')) {
            ++position_;
        }
    }

    // The rest of a string after its opening quote, decoded onto `out`. False for anything JSON
    // forbids (control characters, invalid UTF-8, bad escapes, lone surrogates) or no end.
    bool readString(std::string& out) {
        for (;;) {
            const std::size_t start = position_;
            while (position_ < text_.size()) {
                const auto byte = static_cast<unsigned char>(text_[position_]);
                if (byte < 0x20 || byte >= 0x80 || byte == '"' || byte == '\\') {
                    break;
                }
                ++position_;
            }
            out.append(text_.substr(start, position_ - start));
            if (position_ == text_.size()) {
                return false;
            }
            const auto byte = static_cast<unsigned char>(text_[position_]);
            if (byte == '"') {
                ++position_;
                return true;
            }
            if (byte < 0x20) {
                return false;
            }
            if (byte >= 0x80) {
                const utf8::Decoded decoded = utf8::decodeAt(text_, position_);
                if (!decoded.valid) {
                    return false;
                }
                out.append(text_.substr(position_, decoded.length));
                position_ += decoded.length;
                continue;
            }
            ++position_;  // the backslash
            if (!readEscape(out)) {
                return false;
            }
        }
    }

    bool readEscape(std::string& out) {
        if (position_ == text_.size()) {
            return false;
        }
        const char kind = text_[position_++];
        switch (kind) {
            case '"':
            case '\\':
            case '/':
                out.push_back(kind);
                return true;
            case 'b':
                out.push_back('\b');
                return true;
            case 'f':
                out.push_back('\f');
                return true;
            case 'n':
                out.push_back('\n');
                return true;
            case 'r':
                out.push_back('\r');
                return true;
            case 't':
                out.push_back('\t');
                return true;
            case 'u':
                break;
            default:
                return false;
        }
        char32_t code_point = 0;
        if (!readHex4(code_point) || (code_point >= 0xDC00 && code_point <= 0xDFFF)) {
            return false;
        }
        if (code_point >= 0xD800 && code_point <= 0xDBFF) {
            char32_t low = 0;
            if (!take('\\') || !take('u') || !readHex4(low) || low < 0xDC00 || low > 0xDFFF) {
                return false;
            }
            code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
        }
        utf8::append(out, code_point);
        return true;
    }

    bool readHex4(char32_t& value) {
        if (text_.size() - position_ < 4) {
            return false;
        }
        value = 0;
        for (int i = 0; i < 4; ++i) {
            const char digit = text_[position_++];
            value <<= 4;
            if (digit >= '0' && digit <= '9') {
                value |= static_cast<char32_t>(digit - '0');
            } else if (digit >= 'a' && digit <= 'f') {
                value |= static_cast<char32_t>(digit - 'a' + 10);
            } else if (digit >= 'A' && digit <= 'F') {
                value |= static_cast<char32_t>(digit - 'A' + 10);
            } else {
                return false;
            }
        }
        return true;
    }

    // A non-negative integer in JSON's spelling (no leading zero, no fraction or exponent).
    bool readId(std::int64_t id_limit, std::int64_t& id) {
        const std::size_t start = position_;
        id = 0;
        while (position_ < text_.size() && text_[position_] >= '0' && text_[position_] <= '9') {
            id = id * 10 + (text_[position_++] - '0');
            if (id >= id_limit) {
                return false;
            }
        }
        const std::size_t digits = position_ - start;
        if (digits == 0 || (digits > 1 && text_[start] == '0')) {
            return false;
        }
        return position_ == text_.size() ||
               (text_[position_] != '.' && text_[position_] != 'e' && text_[position_] != 'E');
    }

    std::string_view text_;
    std::size_t position_ = 0;
};

}  // namespace

std::optional<FlatVocabulary> readFlatVocabulary(std::string_view json, std::int64_t id_limit) {
    // Entries hold 32-bit offsets into the decoded spellings, which are never longer than the text.
    if (json.size() > std::numeric_limits<std::uint32_t>::max()) {
        return std::nullopt;
    }
    return FlatObjectReader(json).read(id_limit);
}

}  // namespace atlas
