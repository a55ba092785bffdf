// Batches whose sequences come from two sources: the first `first_share` of each batch's
// sequences from one, the rest from the other (the induction preset: text, on which a
// previous-token head grows, and repeated spans, on which it composes into an induction head).
#pragma once

#include <memory>

#include "train/Trainer.h"

namespace atlas {

class MixedBatchSource : public BatchSource {
  public:
    // first_share in [0, 1].
    MixedBatchSource(std::unique_ptr<BatchSource> first, std::unique_ptr<BatchSource> second,
                     double first_share);
    TrainingBatch batch(std::int64_t step, int shard, int shard_count, int sequences,
                        int context) const override;

  private:
    std::unique_ptr<BatchSource> first_;
    std::unique_ptr<BatchSource> second_;
    double first_share_;
};

}  // namespace atlas
