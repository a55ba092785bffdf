// Fuzz target "tokenizer_json": arbitrary bytes as a tokenizer.json, a text and a
// tokenizer_config.json; the tokenizer is built and the text (and a fixed sample) encoded.
//
// Input: tokenizer.json, a NUL byte, the text to encode, a NUL byte, tokenizer_config.json. A
// missing part is empty (no text, no config file).
#include <string>
#include <string_view>

#include "Error.h"
#include "FuzzTargets.h"
#include "TokenizerChecks.h"
#include "text/HuggingFaceTokenizer.h"

namespace atlas::fuzz {

namespace {

constexpr std::string_view kSample =
    "The cat sat on the mat. Ünïcödé, 日本語 and 🙂 too!\t 12 <s>";

}  // namespace

int fuzzTokenizerJson(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t first_nul = input.find('\0');
    const std::string_view tokenizer_json = input.substr(0, first_nul);
    std::string_view text;
    std::string_view config_json;
    if (first_nul != std::string_view::npos) {
        const std::string_view rest = input.substr(first_nul + 1);
        const std::size_t second_nul = rest.find('\0');
        text = rest.substr(0, second_nul);
        if (second_nul != std::string_view::npos) {
            config_json = rest.substr(second_nul + 1);
        }
    }
    try {
        const auto tokenizer = HuggingFaceTokenizer::fromText(tokenizer_json, config_json);
        checkTokenizer(*tokenizer, kSample);
        checkTokenizer(*tokenizer, text);
        if (const auto bos = tokenizer->bosTokenToPrepend()) {
            check(*bos >= 0 && *bos < tokenizer->vocabSize(), "BOS id outside the vocabulary");
        }
        for (int id = 0; id < tokenizer->vocabSize() && id < 64; ++id) {
            (void)tokenizer->displayText(id);
            (void)tokenizer->idOf(tokenizer->displayText(id));
        }
    } catch (const AtlasError&) {
    }
    return 0;
}

}  // namespace atlas::fuzz
