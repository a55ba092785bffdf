// A tokenizer read from a Hugging Face tokenizer.json (the `tokenizers` library's format), as the
// Llama, Mistral, Qwen2/3 and GPT-NeoX families ship it.
//
// encode: added tokens are found first in the raw text (longest first; `special` ones are never
// split, `lstrip`/`rstrip` remove the white space beside them, `single_word` only matches a whole
// word); the text between them goes through the normalizer, the pre-tokenizer and the BPE model
// (TokenizerJsonNormalizers.h, TokenizerJsonPreTokenizers.h, BpeModel.h). Every token keeps the
// bytes of the caller's text it came from: a prepended "▁" or a byte-fallback "<0xNN>" piece spans
// the character it belongs to, so spans may overlap; special tokens have an empty span. The ids
// equal transformers.js's `encode(text, {add_special_tokens: false})`.
//
// tokenizer_config.json (optional) gives the token to put before every text: `bos_token` when
// `add_bos_token` is true; when `add_bos_token` is absent, the special token that tokenizer.json's
// TemplateProcessing post-processor puts first, if any.
//
// Thread safety: every const member may be called from several threads at once.
#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/BpeModel.h"
#include "text/Tokenizer.h"
#include "text/TokenizerJsonDecoders.h"
#include "text/TokenizerJsonNormalizers.h"
#include "text/TokenizerJsonPreTokenizers.h"

namespace atlas {

class HuggingFaceTokenizer : public Tokenizer {
  public:
    // Reads folder/tokenizer.json and, where present, folder/tokenizer_config.json. Throws
    // AtlasError naming the file and the field for anything missing, malformed or unsupported.
    static std::unique_ptr<HuggingFaceTokenizer> load(const std::filesystem::path& folder);
    // The same from the files' contents; `config_json` empty when there is no config file.
    static std::unique_ptr<HuggingFaceTokenizer> fromText(
        std::string_view tokenizer_json, std::string_view config_json,
        const std::string& tokenizer_name = "tokenizer.json",
        const std::string& config_name = "tokenizer_config.json");

    std::vector<Token> encode(std::string_view text) const override;
    // The decoder's text of the tokens (added tokens as their content). Throws AtlasError for an
    // id outside the vocabulary.
    std::string decode(const std::vector<int>& ids) const override;
    std::string displayText(int id) const override;
    int vocabSize() const override { return static_cast<int>(spellings_.size()); }
    // `token` as the vocabulary spells it; failing that, as raw text in the byte-level or
    // metaspace ("▁") spelling.
    std::optional<int> idOf(std::string_view token) const override;
    std::optional<int> bosTokenToPrepend() const override { return bos_id_; }

  private:
    struct AddedToken {
        std::string content;
        int id = 0;
        bool special = false;
        bool lstrip = false;
        bool rstrip = false;
        bool single_word = false;
    };
    struct Section {
        std::size_t begin = 0;  // bytes of the sanitized input
        std::size_t end = 0;
        int added = -1;  // index into added_tokens_, -1 for ordinary text
    };

    HuggingFaceTokenizer() = default;
    std::vector<Section> findAddedTokens(std::string_view text) const;
    void encodeSection(const NormalizedText& section, std::vector<Token>& out,
                       std::vector<BpeModel::Piece>& pieces,
                       std::unordered_map<int, std::string>& display_texts) const;
    void checkId(int id) const;

    std::vector<std::string> spellings_;  // [vocab] as tokenizer.json spells each id, "" unused
    std::vector<signed char> is_added_;   // [vocab] 1 for an added token
    std::vector<AddedToken> added_tokens_;
    std::array<std::vector<int>, 256> added_by_first_byte_;  // longest content first
    std::unique_ptr<TextNormalizer> normalizer_;
    std::unique_ptr<PreTokenizer> pre_tokenizer_;
    std::unique_ptr<BpeModel> model_;
    std::unique_ptr<TokenDecoder> decoder_;
    std::string word_marker_;  // "▁" when words start with it (metaspace), else ""
    bool byte_level_ = false;
    std::optional<int> bos_id_;
};

}  // namespace atlas
