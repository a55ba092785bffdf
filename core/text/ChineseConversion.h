// Traditional to Simplified Chinese with OpenCC (t2s.json), keeping track of which bytes of the
// typed text each converted byte came from, so tokens of the converted text point back into
// the text as typed.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace atlas {

// A converted text and, for every byte position of it (0..size), the position in the
// original text it corresponds to.
struct ConvertedText {
    std::string text;
    std::vector<std::size_t> original_position;  // [text.size() + 1], non-decreasing

    // The position in the typed text of position `position` of the converted one.
    std::size_t originalOf(std::size_t position) const { return original_position[position]; }
};

class ChineseConversion {
  public:
    // Opens OpenCC's "t2s.json" (Traditional to Simplified). Throws AtlasError naming the
    // configuration when OpenCC cannot open it (its data package is missing).
    static std::shared_ptr<const ChineseConversion> traditionalToSimplified();
    ~ChineseConversion();
    ChineseConversion(const ChineseConversion&) = delete;
    ChineseConversion& operator=(const ChineseConversion&) = delete;

    // Converts `text` character for character: OpenCC converts whole phrases, and where that
    // changes the number of characters, each character is converted on its own instead (and
    // kept as typed if even that is not one character), so every converted character has
    // exactly one typed character behind it. Invalid UTF-8 passes through unchanged.
    ConvertedText convert(std::string_view text) const;

  private:
    explicit ChineseConversion(void* handle) : handle_(handle) {}
    std::string convertRaw(std::string_view text) const;
    void* handle_;  // opencc_t
};

}  // namespace atlas
