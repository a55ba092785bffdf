// tokenizer.json's BPE model: a vocabulary, ranked merges, and what to do with a character the
// vocabulary lacks (byte fallback to "<0xNN>" pieces, or the unknown token, fused or not).
//
// A word (one pre-tokenized piece, valid UTF-8) starts as its characters, with
// `continuing_subword_prefix` before every character but the first and `end_of_word_suffix` after
// the last; then the lowest-ranked adjacent pair is merged, leftmost first, until none applies
// (Hugging Face tokenizers' models/bpe/word.rs). With `ignore_merges`, a word that is itself in the
// vocabulary is one token.
//
// Thread safety: every const member may be called from several threads at once.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/MergeTable.h"

namespace atlas {

class BpeModel {
  public:
    struct Options {
        std::optional<std::string> unknown_token;
        bool fuse_unknown = false;
        bool byte_fallback = false;
        bool ignore_merges = false;
        std::string continuing_subword_prefix;
        std::string end_of_word_suffix;
    };
    // One token of a word: its id and the bytes [begin, end) of the word it covers.
    struct Piece {
        int id = 0;
        std::size_t begin = 0;
        std::size_t end = 0;
        bool unknown = false;  // the unknown token, standing for characters the vocabulary lacks
    };
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const {
            return std::hash<std::string_view>{}(text);
        }
    };
    using IdMap = std::unordered_map<std::string, int, StringHash, std::equal_to<>>;

    // `id_of` holds the vocabulary (and the added tokens, which BPE may produce too). `merges` as
    // pairs of spellings in rank order; both halves and their join must be in the vocabulary,
    // else AtlasError "`merges_where`[i]: ...".
    BpeModel(IdMap id_of, const std::vector<std::pair<std::string, std::string>>& merges,
             Options options, const std::string& merges_where);

    // Appends the tokens of `word` to `out`.
    void encodeWord(std::string_view word, std::vector<Piece>& out) const;
    std::optional<int> idOf(std::string_view token) const;
    std::optional<int> unknownId() const { return unknown_id_; }

  private:
    int symbolId(std::string_view symbol) const;
    void mergeSymbols(std::string_view word, std::vector<Piece>& out) const;

    IdMap id_of_;
    MergeTable merges_;
    Options options_;
    std::optional<int> unknown_id_;
    std::array<int, 256> byte_piece_ids_{};  // id of "<0xNN>", -1 where absent
};

}  // namespace atlas
