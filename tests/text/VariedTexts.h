// Texts of every kind the UI may be given, for the tokenizer suites' round-trip and span checks.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace atlas::test {

// Texts of every kind the UI may be given.
inline std::vector<std::pair<const char*, std::string>> variedTexts() {
    return {
        {"ascii", "The quick brown fox jumps over the lazy dog. It's 3:45pm, isn't it?"},
        {"accents",
         "Caf\u00E9 cr\u00E8me br\u00FBl\u00E9e, na\u00EFve Ma\u00F1ana, \u0141\u00F3d\u017A"},
        {"decomposed accent", "Cafe\u0301 n\u0303"},
        {"emoji",
         "I \u2764\uFE0F pizza \U0001F355\U0001F355! \U0001F468\u200D\U0001F469\u200D\U0001F467 "
         "\U0001F1EB\U0001F1F7"},
        {"cjk", "\u65E5\u672C\u8A9E\u306E\u6587\u7AE0\u3002\u4E2D\u6587\uFF0C\uD55C\uAD6D\uC5B4"},
        {"mixed whitespace", "a  b\t\tc\n\nd \n e\r\n\u3000f\u00A0g   "},
        {"only whitespace", " \t\n "},
        {"empty", ""},
        {"invalid utf-8", std::string("ok \xFF\xFE bad \xC3( cut \xF0\x9F\x98 end\x80")},
        {"numbers", "1,234,567.89 + 42 = \u0661\u0662\u0663 \u00BD"},
        {"mixed scripts",
         "Hello \u043C\u0438\u0440 \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627 "
         "\u0928\u092E\u0938\u094D\u0924\u0947 \u03B3\u03B5\u03B9\u03AC"},
        {"end of text", "one<|endoftext|>two <|endoftext|><|endoftext|>"},
    };
}

}  // namespace atlas::test
