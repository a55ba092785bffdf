// Learns an uncased BERT WordPiece vocabulary (vocab.txt) from a corpus.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "text/WordPiece.h"

namespace atlas {

struct WordPieceTrainingOptions {
    // Entries in vocab.txt: [PAD] [UNK] [CLS] [SEP] [MASK] (ids 0..4), each character of the
    // alphabet alone and as "##c" (a CJK ideograph alone only: it is always a word of its own),
    // then the learned pieces.
    int vocab_size = 8000;
    std::int64_t min_pair_count = 2;  // stop early when no pair occurs this often
    // The most frequent characters kept; rarer ones become [UNK].
    int max_alphabet = 1000;
};

// Words come from BERT's basic tokenizer, lower-cased and stripped of accents. Pieces are learned
// as Hugging Face's WordPiece trainer does: BPE over each word's characters, pieces after the
// first spelled "##...", so a frequent word ends up as one entry and encodes as one token.
// Deterministic: the same texts and options give the same vocab.txt on every machine. Save with
// WordPiece::save(folder).
WordPiece trainWordPiece(std::span<const std::string> texts,
                         const WordPieceTrainingOptions& options = {});

}  // namespace atlas
