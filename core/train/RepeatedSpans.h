// Training sequences for induction heads: a span of random tokens, repeated.
//
// Each sequence is [BOS, r_1 .. r_n, r_1 .. r_n, r_1 ...] cut at T + 1 tokens, the span length n
// drawn uniformly from [min_span, T / 2] per sequence and the r_i distinct random tokens. The
// first copy cannot be predicted and carries no loss (target -1); every later token can, by
// finding the previous occurrence of the current token and copying the one after it. A two-layer
// model can learn that (a previous-token head in layer 0 feeding an induction head in layer 1;
// Olsson et al. 2022). In larger models the loss falls suddenly when it does; the small preset's
// loss falls smoothly (docs/models.md). This is the shape analysis/InductionScore.h measures, so
// the score follows the training directly.
#pragma once

#include <cstdint>
#include <vector>

#include "train/Trainer.h"

namespace atlas {

struct RepeatedSpanOptions {
    int vocab_size = 0;             // tokens are drawn from [0, vocab_size) ...
    std::vector<int> excluded_ids;  // ... without these (special tokens)
    int bos_id = -1;                // put first; -1: none
    int min_span = 4;
};

class RepeatedSpanBatchSource : public BatchSource {
  public:
    // Throws AtlasError when fewer than min_span tokens can be drawn.
    RepeatedSpanBatchSource(RepeatedSpanOptions options, std::uint64_t seed);
    TrainingBatch batch(std::int64_t step, int shard, int shard_count, int sequences,
                        int context) const override;

  private:
    RepeatedSpanOptions options_;
    std::vector<int> drawable_;  // ids that may be drawn
    std::uint64_t seed_;
};

}  // namespace atlas
