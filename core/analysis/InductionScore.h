// Induction and duplicate-token heads, detected as TransformerLens does: run a random token
// sequence repeated twice and read each head's attention along two diagonals.
//
// The input is [BOS, r_1 .. r_n, r_1 .. r_n] (n = repeat_length, 2n + 1 tokens). A query at
// p = n+1 .. 2n holds a token whose previous occurrence is at p - n. An induction head attends
// to the token after that occurrence, p - n + 1 (it predicts the repeat goes on); a duplicate-
// token head attends to the occurrence itself, p - n. Each score is the mean of that weight over
// the second half's queries and over `sequences` random sequences.
//
// Letters: L layers, H heads.
#pragma once

#include <functional>
#include <vector>

#include "model/Forward.h"

namespace atlas {

class Model;
struct HeadProfile;

struct InductionOptions {
    int repeat_length = 25;         // n, shortened to fit the context (2n + 1 <= n_ctx)
    int sequences = 4;              // random sequences averaged
    unsigned seed = 1;              // the same seed draws the same sequences
    int bos_id = -1;                // put first (GPT-2 <|endoftext|>, BERT [CLS]); -1: none
    std::vector<int> excluded_ids;  // never drawn (special tokens)
};

struct InductionScores {
    std::vector<std::vector<double>> induction;        // [L][H]
    std::vector<std::vector<double>> duplicate_token;  // [L][H]
    int repeat_length = 0;                             // n actually used
};

// Runs the model through `forward` (ids -> Forward). Random tokens are distinct within a
// sequence (so "the previous occurrence" is unique), drawn from 0 .. vocab_size-1 without
// `excluded_ids` and the BOS. Throws AtlasError if the context or vocabulary is too small
// (fewer than 2 tokens to repeat).
InductionScores scoreInductionHeads(const std::function<Forward(const std::vector<int>&)>& forward,
                                    int vocab_size, int n_ctx, const InductionOptions& options);

// The same for a loaded model: BOS is <|endoftext|> (GPT-2) or [CLS] (BERT) when the vocabulary
// has it, and [PAD] [UNK] [CLS] [SEP] [MASK] <|endoftext|> are never drawn.
InductionScores scoreInductionHeads(const Model& model, InductionOptions options = {});

// Copies the scores into profiles (HeadProfile::induction, ::duplicate_token).
void applyInductionScores(std::vector<HeadProfile>& profiles, const InductionScores& scores);

}  // namespace atlas
