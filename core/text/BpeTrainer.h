// Learns a GPT-2 style byte-level BPE vocabulary (vocab.json + merges.txt) from a corpus.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "text/ByteLevelBpe.h"

namespace atlas {

struct BpeTrainingOptions {
    // Entries in the vocabulary: the 256 byte symbols (ids 0..255 in GPT-2's order), one per
    // merge, then <|endoftext|> last.
    int vocab_size = 8000;
    std::int64_t min_pair_count = 2;  // stop early when no pair occurs this often
};

// Cuts each text with GPT-2's regex (the literal "<|endoftext|>" separates, as in encode),
// counts the words, then learns merges (PairMergeLearner.h). Deterministic: the same texts and
// options give the same vocabulary on every machine. Save with ByteLevelBpe::save(folder).
ByteLevelBpe trainByteLevelBpe(std::span<const std::string> texts,
                               const BpeTrainingOptions& options = {});

}  // namespace atlas
