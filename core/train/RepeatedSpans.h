// Training sequences for induction heads: spans of random tokens, each said twice.
//
// A stream [a_1 .. a_n, a_1 .. a_n, b_1 .. b_m, b_1 .. b_m, ...] of spans said exactly twice, each
// span's length drawn uniformly from [min_span, T / 2] and its tokens distinct and not used
// earlier in the stream (while the vocabulary lasts); a sequence is BOS and a window of T tokens
// of it starting at a random point. A token can be predicted when the token before it occurred
// earlier in the window: by finding that occurrence and copying the token after it. Only those
// tokens carry a loss. A two-layer model can learn that: a previous-token head in layer 0 feeding
// an induction head in layer 1 (Olsson et al. 2022). As the spans start anywhere and have any
// length, no head attending to fixed positions or a fixed distance back can do the copying.
// analysis/InductionScore.h measures a window holding one span said twice.
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
