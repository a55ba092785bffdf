// The training corpus: books read from a folder, split by book, tokenized, served as batches.
//
// A corpus folder is either flat (every *.txt in it is a book) or made of sources: top-level
// subfolders (e.g. one per author or genre) whose *.txt files, at any depth, are its books, or
// the files a MANIFEST.tsv lists with their source. Sources can be balanced (no source above a
// share of the text) and each holds out its own validation files.
//
// GPT-2 batches are random windows of T + 1 tokens of the concatenated books (<|endoftext|>
// between books). BERT batches are sequences [CLS] whole sentences [SEP], packed up to a length,
// with the masked-LM objective: a share of the tokens (default 15%) chosen, of those 80% replaced
// by [MASK], 10% by a random token and 10% left, the model predicting the original there. Every
// batch is a pure function of (seed, step, shard), so a resumed run sees the same data.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "text/Tokenizer.h"
#include "train/Trainer.h"

namespace atlas {

struct CorpusBook {
    std::string name;    // path relative to the corpus folder
    std::string text;    // Project Gutenberg header and footer removed
    std::string source;  // top-level subfolder or MANIFEST.tsv source; empty in a flat corpus
};

// Keeps the text between a "*** START OF" line and a "*** END OF" line when present; a text
// without them is kept whole (lines ending in "\r\n" end in "\n").
std::string stripGutenbergFrame(std::string_view text);

// The books of a corpus folder, sorted by path. With a MANIFEST.tsv (tab-separated, a header
// naming the columns "source" and "file", file paths relative to the folder): the files it lists,
// each with its source; listed files that do not exist are skipped and counted in `skipped`.
// Without one: every *.txt directly in the folder (no source), and every *.txt at any depth
// below each subfolder, whose name is the source. Throws AtlasError if the folder is missing, a
// file cannot be read, the manifest lacks a column, or no book is found.
std::vector<CorpusBook> readCorpusBooks(const std::filesystem::path& folder,
                                        int* skipped = nullptr);

struct CorpusSplit {
    std::vector<CorpusBook> train;
    std::vector<CorpusBook> validation;
};

// Holds `held_out` whole books out for validation, chosen by `seed` (deterministic). With fewer
// than held_out + 1 books, each book's last tenth of lines is held out instead.
CorpusSplit splitByBook(std::vector<CorpusBook> books, int held_out, std::uint64_t seed);

// Validation from every source: of each source, whole files chosen by `seed` until they hold at
// least `share` of the source's bytes, skipping a file that would take more than twice that.
// A source where no file fits (a few long books) holds out the last `share` of each book's lines
// instead.
CorpusSplit splitBySource(std::vector<CorpusBook> books, double share, std::uint64_t seed);

// Caps every source's share of the bytes at `max_share` (0 < max_share <= 1): sources under the
// cap are kept whole; each larger one keeps whole books in an order chosen by `seed`, the last
// one cut at a line, until it holds max_share of the result. Books keep their relative order.
// A cap that cannot hold (fewer sources than 1 / max_share) keeps the largest sources equal.
std::vector<CorpusBook> capSourceShares(std::vector<CorpusBook> books, double max_share,
                                        std::uint64_t seed);

// Sentences of a paragraph: cuts after . ! ? (and closing quotes or brackets) followed by a space
// and a capital letter, quote or digit; common abbreviations (Mr. Dr. St. ...) do not cut.
// Also cuts after the CJK full stops 。！？ (and closing quotes or brackets), no space needed.
std::vector<std::string> splitSentences(std::string_view paragraph);

// GPT-2: random windows of the token stream.
class GptBatchSource : public BatchSource {
  public:
    // `tokens` is the whole stream; needs more than context + 1 tokens when batches are drawn.
    GptBatchSource(std::vector<int> tokens, std::uint64_t seed);
    TrainingBatch batch(std::int64_t step, int shard, int shard_count, int sequences,
                        int context) const override;
    std::size_t tokenCount() const { return tokens_.size(); }

  private:
    std::vector<int> tokens_;
    std::uint64_t seed_;
};

// The ids of one tokenized corpus for GPT-2: each book's lines with "\n", <|endoftext|> (if the
// vocabulary has it) between books. Tokenizes books on `threads` threads.
std::vector<int> tokenizeForGpt(const std::vector<CorpusBook>& books, const Tokenizer& tokenizer,
                                int threads);

struct MaskingOptions {
    double rate = 0.15;         // share of non-special tokens chosen for prediction
    double mask_share = 0.8;    // of those, replaced by [MASK]
    double random_share = 0.1;  // replaced by a random token; the rest stay
    bool whole_words = false;   // choose whole words (a token and its ## pieces) together
    // Each pick masks 1 .. max_span (uniform) consecutive words, or tokens: n-gram masking, for
    // text without word boundaries (Chinese characters), where a masked character's neighbour
    // in the same word would otherwise give it away.
    int max_span = 1;
    // With whole_words: a run of Han characters is cut into words by ICU's dictionary
    // (text/WordBreak.h), so all characters of a Chinese word are masked together, as Chinese
    // BERT-wwm does with its segmenter; predicting a whole word needs the words around it.
    bool dictionary_words = false;
};

// One BERT sequence before masking.
struct BertSequence {
    std::vector<int> ids;                  // [CLS] ... [SEP]
    std::vector<std::uint8_t> word_start;  // 1 where a word begins (specials count as words)
};

struct BertSpecialIds {
    int cls = 2;
    int sep = 3;
    int mask = 4;
    int pad = 0;
    int first_regular = 5;  // random replacements are drawn from [first_regular, vocab_size)
    int vocab_size = 0;
};

// Tokenizes each book's sentences and packs consecutive whole sentences of a book into
// sequences of at most `pack_length` tokens including [CLS] and [SEP] (a longer sentence is cut).
// A token starts a word when it is not a ## piece; with `dictionary_words`, a Han character
// starts one only where ICU's dictionary puts a word boundary (MaskingOptions::dictionary_words).
std::vector<BertSequence> buildBertSequences(const std::vector<CorpusBook>& books,
                                             const Tokenizer& tokenizer,
                                             const BertSpecialIds& special, int pack_length,
                                             int threads, bool dictionary_words = false);

// BERT: random sequences, padded to the longest in the batch, masked.
class BertBatchSource : public BatchSource {
  public:
    BertBatchSource(std::vector<BertSequence> sequences, BertSpecialIds special,
                    MaskingOptions masking, std::uint64_t seed);
    // The batch's T is the longest chosen sequence (at most `context`); shorter ones are padded
    // with [PAD] and their length recorded so attention ignores the padding.
    TrainingBatch batch(std::int64_t step, int shard, int shard_count, int sequences,
                        int context) const override;
    std::size_t sequenceCount() const { return sequences_.size(); }
    std::size_t tokenCount() const;

  private:
    std::vector<BertSequence> sequences_;
    BertSpecialIds special_;
    MaskingOptions masking_;
    std::uint64_t seed_;
};

}  // namespace atlas
