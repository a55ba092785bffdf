// GPT-2's byte <-> printable code point table.
#include "text/ByteLevelAlphabet.h"

#include "text/Utf8.h"

namespace atlas::byte_level {

namespace {

constexpr bool standsForItself(int byte) {
    return (byte >= '!' && byte <= '~') || (byte >= 0xA1 && byte <= 0xAC) ||
           (byte >= 0xAE && byte <= 0xFF);
}

struct Tables {
    std::array<char32_t, 256> symbol_of_byte{};
    std::array<std::uint8_t, 256> byte_order{};
};

constexpr Tables makeTables() {
    Tables tables;
    int next_id = 0;
    for (int byte = 0; byte < 256; ++byte) {
        if (standsForItself(byte)) {
            tables.symbol_of_byte[byte] = static_cast<char32_t>(byte);
            tables.byte_order[next_id++] = static_cast<std::uint8_t>(byte);
        }
    }
    int shifted = 0;
    for (int byte = 0; byte < 256; ++byte) {
        if (!standsForItself(byte)) {
            tables.symbol_of_byte[byte] = static_cast<char32_t>(256 + shifted++);
            tables.byte_order[next_id++] = static_cast<std::uint8_t>(byte);
        }
    }
    return tables;
}

constexpr Tables kTables = makeTables();

}  // namespace

char32_t symbolOf(std::uint8_t byte) {
    return kTables.symbol_of_byte[byte];
}

std::optional<std::uint8_t> byteOf(char32_t symbol) {
    if (symbol < 256) {
        if (standsForItself(static_cast<int>(symbol))) {
            return static_cast<std::uint8_t>(symbol);
        }
        return std::nullopt;
    }
    // U+0100 + k is the k-th byte that does not stand for itself.
    const std::uint32_t shifted = symbol - 256;
    std::uint32_t seen = 0;
    for (int byte = 0; byte < 256; ++byte) {
        if (!standsForItself(byte)) {
            if (seen == shifted) {
                return static_cast<std::uint8_t>(byte);
            }
            ++seen;
        }
    }
    return std::nullopt;
}

const std::array<std::uint8_t, 256>& gpt2ByteOrder() {
    return kTables.byte_order;
}

std::string toSymbols(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char byte : bytes) {
        utf8::append(out, symbolOf(static_cast<std::uint8_t>(byte)));
    }
    return out;
}

std::optional<std::string> fromSymbols(std::string_view symbols) {
    std::string out;
    out.reserve(symbols.size());
    for (std::size_t position = 0; position < symbols.size();) {
        const utf8::Decoded decoded = utf8::decodeAt(symbols, position);
        const std::optional<std::uint8_t> byte =
            decoded.valid ? byteOf(decoded.code_point) : std::nullopt;
        if (!byte) {
            return std::nullopt;
        }
        out.push_back(static_cast<char>(*byte));
        position += decoded.length;
    }
    return out;
}

}  // namespace atlas::byte_level
