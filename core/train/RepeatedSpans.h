// Training sequences for induction heads: spans of random tokens, repeated. Two layouts:
//
// Periodic (the default): [BOS, r_1 .. r_n, r_1 .. r_n, r_1 ...] cut at T + 1 tokens, the span
// length n drawn uniformly from [min_span, T / 2] per sequence and the r_i distinct random
// tokens. The first copy carries no loss (target -1); every later token does.
//
// Pairs: a stream [a_1 .. a_n, a_1 .. a_n, b_1 .. b_m, b_1 .. b_m, ...] of spans said exactly
// twice, each span's length drawn from [min_span, T / 2] and its tokens distinct and not used
// earlier in the stream (while the vocabulary lasts); a sequence is BOS and a window of T tokens
// of it starting at a random point. A token carries a loss when the token before it occurred
// earlier in the window. No pair starts at a fixed position, as in the periodic layout.
//
// Either way a repeat is predicted by finding the previous occurrence of the current token and
// copying the one after it: a previous-token head in layer 0 feeding an induction head in layer 1
// (Olsson et al. 2022). analysis/InductionScore.h measures a window holding one span said twice.
// What the preset's model learns instead is in docs/models.md.
#pragma once

#include <cstdint>
#include <vector>

#include "train/Trainer.h"
#include "train/TrainingRandom.h"

namespace atlas {

struct RepeatedSpanOptions {
    int vocab_size = 0;             // tokens are drawn from [0, vocab_size) ...
    std::vector<int> excluded_ids;  // ... without these (special tokens)
    int bos_id = -1;                // put first; -1: none
    int min_span = 4;
    // Span lengths are min_span + floor(u^power (longest - min_span + 1)), u uniform in [0, 1):
    // 1 draws them uniformly; above 1 favours short spans. Short spans are what make the
    // induction circuit look exactly one token back: a layer-0 head looking k tokens back can
    // serve copying only across repeats more than k tokens apart (docs/models.md).
    double short_span_power = 1.0;
    bool pairs = false;  // the pairs layout, above; false: periodic
};

class RepeatedSpanBatchSource : public BatchSource {
  public:
    // Throws AtlasError when fewer than min_span tokens can be drawn.
    RepeatedSpanBatchSource(RepeatedSpanOptions options, std::uint64_t seed);
    TrainingBatch batch(std::int64_t step, int shard, int shard_count, int sequences,
                        int context) const override;

  private:
    TrainingBatch periodicBatch(std::int64_t step, int shard, int sequences, int context) const;
    int spanLength(TrainingRandom& random, int longest) const;
    TrainingBatch pairsBatch(std::int64_t step, int shard, int sequences, int context) const;

    RepeatedSpanOptions options_;
    std::vector<int> drawable_;  // ids that may be drawn
    std::uint64_t seed_;
};

}  // namespace atlas
