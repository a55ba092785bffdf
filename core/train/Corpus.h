// The training corpus: books read from a folder, split by book, tokenized, served as batches.
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
    std::string name;  // file name without folder
    std::string text;  // Project Gutenberg header and footer removed
};

// Keeps the text between a "*** START OF" line and a "*** END OF" line when present.
std::string stripGutenbergFrame(std::string_view text);

// Every *.txt directly in `folder`, sorted by file name. Throws AtlasError if the folder is
// missing or holds no .txt file.
std::vector<CorpusBook> readCorpusBooks(const std::filesystem::path& folder);

struct CorpusSplit {
    std::vector<CorpusBook> train;
    std::vector<CorpusBook> validation;
};

// Holds `held_out` whole books out for validation, chosen by `seed` (deterministic). With fewer
// than held_out + 1 books, each book's last tenth of lines is held out instead.
CorpusSplit splitByBook(std::vector<CorpusBook> books, int held_out, std::uint64_t seed);

// Sentences of a paragraph: cuts after . ! ? (and closing quotes or brackets) followed by a space
// and a capital letter, quote or digit; common abbreviations (Mr. Dr. St. ...) do not cut.
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
std::vector<BertSequence> buildBertSequences(const std::vector<CorpusBook>& books,
                                             const Tokenizer& tokenizer,
                                             const BertSpecialIds& special, int pack_length,
                                             int threads);

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
