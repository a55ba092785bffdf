// BERT's WordPiece tokenizer: vocab.txt, the basic tokenizer, greedy longest match with "##".
//
// Each word of the basic tokenizer (BertPreTokenizer.h) is split greedily into the longest
// vocabulary entries from its start, later pieces spelled "##piece"; a word with a character no
// entry covers, or longer than max_chars_per_word characters, becomes one [UNK] spanning the whole
// word. Spans index the original text even though the pieces are lower-cased and stripped of
// accents. The literal texts "[CLS]", "[SEP]", "[MASK]", "[PAD]", "[UNK]" in an input encode to
// those special tokens (as Hugging Face's tokenizers do). Display text drops the "##".
//
// Thread safety: every const member may be called from several threads at once.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/BertPreTokenizer.h"
#include "text/Tokenizer.h"

namespace atlas {

struct WordPieceOptions {
    BertNormalization normalization;  // do_lower_case, strip_accents, tokenize_chinese_chars
    int max_chars_per_word = 100;
};

class WordPiece : public Tokenizer {
  public:
    // `vocab[id]` is line `id` of vocab.txt ("" marks an unused id). "[UNK]" must be present.
    // Throws AtlasError naming `vocab_name`.
    WordPiece(std::vector<std::string> vocab, WordPieceOptions options = {},
              const std::string& vocab_name = "vocab.txt");

    // Reads folder/vocab.txt and, if present, folder/tokenizer_config.json (do_lower_case,
    // default true; strip_accents; tokenize_chinese_chars).
    static WordPiece load(const std::filesystem::path& folder);
    // Writes folder/vocab.txt and folder/tokenizer_config.json atomically; creates the folder.
    void save(const std::filesystem::path& folder) const;

    std::vector<Token> encode(std::string_view text) const override;
    // The tokens' vocabulary spellings joined by spaces, "##" pieces glued to the one before
    // (no clean-up of spaces before punctuation). Throws AtlasError for an unknown id.
    std::string decode(const std::vector<int>& ids) const override;
    std::string displayText(int id) const override;
    int vocabSize() const override { return static_cast<int>(vocab_.size()); }
    // `token` as vocab.txt spells it ("##ing").
    std::optional<int> idOf(std::string_view token) const override;

    int unknownId() const { return unknown_id_; }
    std::optional<int> clsId() const { return idOf("[CLS]"); }
    std::optional<int> sepId() const { return idOf("[SEP]"); }
    std::optional<int> maskId() const { return idOf("[MASK]"); }
    std::optional<int> padId() const { return idOf("[PAD]"); }

    const WordPieceOptions& options() const { return options_; }
    const std::vector<std::string>& vocab() const { return vocab_; }

  private:
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const {
            return std::hash<std::string_view>{}(text);
        }
    };
    void checkId(int id) const;
    void encodeWord(const BertWord& word, std::vector<Token>& tokens, std::string& utf8_buffer,
                    std::vector<std::size_t>& char_starts, std::string& candidate) const;
    void encodeOrdinaryText(std::string_view text, std::size_t offset,
                            std::vector<Token>& tokens) const;

    std::vector<std::string> vocab_;  // [vocab] spelling of each id
    std::unordered_map<std::string, int, StringHash, std::equal_to<>> id_of_;
    WordPieceOptions options_;
    int unknown_id_ = 0;
    std::size_t longest_entry_bytes_ = 0;  // no match is longer: bounds the greedy search
    std::vector<int> special_ids_;         // the bracketed specials present in the vocab
};

}  // namespace atlas
