// GPT-2's bytes_to_unicode: each of the 256 byte values spelled as one printable code point.
//
// Printable Latin-1 bytes ('!'..'~', '¡'..'¬', '®'..'ÿ') stand for themselves; the other 68
// (controls, space, DEL, NBSP, soft hyphen) map to U+0100.. in byte order, so space is 'Ġ'
// (U+0120) and newline 'Ċ' (U+010A). Vocabulary files spell every token this way.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace atlas::byte_level {

// The code point that spells `byte`.
char32_t symbolOf(std::uint8_t byte);
// The byte a code point spells, if it is one of the 256 symbols.
std::optional<std::uint8_t> byteOf(char32_t symbol);
// GPT-2's order of the bytes (its ids 0..255): the printable ones first, then the rest.
const std::array<std::uint8_t, 256>& gpt2ByteOrder();

// Raw bytes -> their symbols as UTF-8 (what vocab.json and merges.txt contain).
std::string toSymbols(std::string_view bytes);
// Symbols (UTF-8) -> raw bytes; nullopt if any code point is not a byte symbol.
std::optional<std::string> fromSymbols(std::string_view symbols);
// The same appended to `out`; false (and `out` partly written) if not all are byte symbols.
bool appendFromSymbols(std::string_view symbols, std::string& out);

}  // namespace atlas::byte_level
