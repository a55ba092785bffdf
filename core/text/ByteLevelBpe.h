// GPT-2's byte-level BPE tokenizer: vocab.json + merges.txt, exact ids and byte spans.
//
// Encoding follows openai/gpt-2 encoder.py: GPT-2's regex cuts the text into words
// (Gpt2PreTokenizer.h), each word's UTF-8 bytes become byte symbols (ByteLevelAlphabet.h), and
// merges are applied lowest rank first, every occurrence of the best pair left to right, until
// none applies. `<|endoftext|>` in the vocabulary is a special token, and the literal text
// "<|endoftext|>" in an input encodes to it (as Hugging Face tokenizers do; openai's encoder.py
// would spell it out).
//
// Invalid UTF-8: the bad bytes count as U+FFFD for the regex, but byte-level BPE encodes the
// original bytes, so decode(ids of encode(text)) == text for every input.
// Display text: the token's bytes, with each byte of an incomplete or invalid UTF-8 sequence shown
// as U+FFFD (a token holding half of an emoji shows "\uFFFD\uFFFD"); its span still covers exactly
// the bytes it holds.
//
// Thread safety: every const member may be called from several threads at once; the per-word
// cache lives inside one encode call.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/MergeTable.h"
#include "text/TokenStrings.h"
#include "text/Tokenizer.h"

namespace atlas {

class ByteLevelBpe : public Tokenizer {
  public:
    // `symbols[id]` is the vocabulary spelling of token `id` (e.g. "Ġthe"); "" marks an unused
    // id. `merges` in priority order, each pair of spellings whose concatenation is also in the
    // vocabulary. Every one of the 256 byte symbols must be present. Throws AtlasError naming
    // `vocab_name` / `merges_name` and, for a bad merge, its line: merge_lines[index] if given,
    // else index + 1.
    ByteLevelBpe(std::vector<std::string> symbols,
                 const std::vector<std::pair<std::string, std::string>>& merges,
                 const std::string& vocab_name = "vocab", const std::string& merges_name = "merges",
                 const std::vector<int>& merge_lines = {});

    // Reads folder/vocab.json and folder/merges.txt (an optional "#version" first line).
    static ByteLevelBpe load(const std::filesystem::path& folder);
    // Writes folder/vocab.json (ids in order) and folder/merges.txt ("#version: 0.2" first),
    // each atomically; creates the folder if needed.
    void save(const std::filesystem::path& folder) const;

    std::vector<Token> encode(std::string_view text) const override;
    // Only the ids, without building tokens: for tokenizing a corpus.
    std::vector<int> encodeIds(std::string_view text) const;
    // Exact bytes of the tokens. Throws AtlasError for an id outside the vocabulary.
    std::string decode(const std::vector<int>& ids) const override;
    std::string displayText(int id) const override;
    int vocabSize() const override { return static_cast<int>(strings_.size()); }
    // `token` as the vocabulary spells it ("Ġthe"); failing that, as raw text (" the").
    std::optional<int> idOf(std::string_view token) const override;

    std::optional<int> endOfTextId() const { return end_of_text_id_; }
    // Vocabulary spelling and raw bytes of a token (throw AtlasError outside the vocabulary).
    std::string_view symbol(int id) const;
    std::string_view bytes(int id) const;
    // Merges in rank order, as pairs of token ids.
    const std::vector<std::pair<int, int>>& merges() const { return merge_pairs_; }

    // BPE of one pre-tokenized word given as raw bytes: the fast merge loop, and the naive
    // reference it must match (openai's loop: find the lowest-ranked pair, merge all of it).
    std::vector<int> mergeWord(std::string_view word) const;
    std::vector<int> mergeWordReference(std::string_view word) const;
    // The two strategies behind mergeWord (short words use the first); public for the tests.
    std::vector<int> mergeShortWord(std::string_view word) const;
    std::vector<int> mergeLongWord(std::string_view word) const;

  private:
    using Merge = MergeTable::Merge;

    // The vocabulary of the spellings in `strings`: sets every token's bytes and display text,
    // finds the byte symbols and <|endoftext|>. Merges come after, in rank order (addMerge).
    ByteLevelBpe(TokenStrings strings, const std::string& vocab_name);
    // Reads vocab.json's text (fast path, else as a JSON document, which names what is wrong).
    static TokenStrings readVocabulary(const std::string& vocab_text);
    // Appends the next merge; `line` and the names are for the error if a token is unknown.
    void addMerge(std::string_view left, std::string_view right, int line,
                  const std::string& vocab_name, const std::string& merges_name);
    const Merge* findMerge(int left, int right) const;
    void checkId(int id) const;
    // Appends the tokens of a text without special tokens; `word_cache` may be null.
    template <class Emit>
    void encodeOrdinaryText(std::string_view text, std::size_t offset, bool use_cache,
                            Emit&& emit) const;

    // [vocab] spelling ("" for an unused id), raw bytes and display text (invalid UTF-8 shown
    // as U+FFFD) of every token, and the index from spelling to id.
    TokenStrings strings_;
    std::array<int, 256> byte_ids_{};  // token id of each single byte
    MergeTable merge_of_pair_;
    std::vector<std::pair<int, int>> merge_pairs_;  // [merges] in rank order
    std::optional<int> end_of_text_id_;
};

}  // namespace atlas
