// GPT-2's byte <-> printable code point table.
#include "text/ByteLevelAlphabet.h"

#include "text/Utf8.h"

namespace atlas::byte_level {

namespace {

constexpr bool standsForItself(int byte) {
    return (byte >= '!' && byte <= '~') || (byte >= 0xA1 && byte <= 0xAC) ||
           (byte >= 0xAE && byte <= 0xFF);
}

// The symbols are U+0021..U+0143; kNoByte marks the code points below that spell no byte.
constexpr char32_t kSymbolEnd = 0x144;
constexpr std::int16_t kNoByte = -1;

struct Tables {
    std::array<char32_t, 256> symbol_of_byte{};
    std::array<std::uint8_t, 256> byte_order{};
    std::array<std::int16_t, kSymbolEnd> byte_of_symbol{};
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
    for (std::int16_t& byte : tables.byte_of_symbol) {
        byte = kNoByte;
    }
    for (int byte = 0; byte < 256; ++byte) {
        tables.byte_of_symbol[tables.symbol_of_byte[byte]] = static_cast<std::int16_t>(byte);
    }
    return tables;
}

constexpr Tables kTables = makeTables();

}  // namespace

char32_t symbolOf(std::uint8_t byte) {
    return kTables.symbol_of_byte[byte];
}

std::optional<std::uint8_t> byteOf(char32_t symbol) {
    if (symbol >= kSymbolEnd || kTables.byte_of_symbol[symbol] == kNoByte) {
        return std::nullopt;
    }
    return static_cast<std::uint8_t>(kTables.byte_of_symbol[symbol]);
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
    if (!appendFromSymbols(symbols, out)) {
        return std::nullopt;
    }
    return out;
}

bool appendFromSymbols(std::string_view symbols, std::string& out) {
    for (std::size_t position = 0; position < symbols.size();) {
        const utf8::Decoded decoded = utf8::decodeAt(symbols, position);
        const std::optional<std::uint8_t> byte =
            decoded.valid ? byteOf(decoded.code_point) : std::nullopt;
        if (!byte) {
            return false;
        }
        out.push_back(static_cast<char>(*byte));
        position += decoded.length;
    }
    return true;
}

}  // namespace atlas::byte_level
