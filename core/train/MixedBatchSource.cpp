#include "train/MixedBatchSource.h"

#include <algorithm>
#include <cmath>

namespace atlas {

MixedBatchSource::MixedBatchSource(std::unique_ptr<BatchSource> first,
                                   std::unique_ptr<BatchSource> second, double first_share)
    : first_(std::move(first)),
      second_(std::move(second)),
      first_share_(std::clamp(first_share, 0.0, 1.0)) {}

TrainingBatch MixedBatchSource::batch(std::int64_t step, int shard, int shard_count, int sequences,
                                      int context) const {
    const int from_first = static_cast<int>(std::lround(first_share_ * sequences));
    TrainingBatch batch;
    batch.batch_size = sequences;
    batch.context = context;
    for (const auto& [source, count] :
         {std::pair{first_.get(), from_first}, std::pair{second_.get(), sequences - from_first}}) {
        if (count == 0) {
            continue;
        }
        TrainingBatch part = source->batch(step, shard, shard_count, count, context);
        batch.inputs.insert(batch.inputs.end(), part.inputs.begin(), part.inputs.end());
        batch.targets.insert(batch.targets.end(), part.targets.begin(), part.targets.end());
        if (!part.lengths.empty() || !batch.lengths.empty()) {
            // Sequences without lengths are whole: T real tokens each.
            batch.lengths.resize(batch.inputs.size() / context - count, context);
            if (part.lengths.empty()) {
                part.lengths.assign(static_cast<std::size_t>(count), context);
            }
            batch.lengths.insert(batch.lengths.end(), part.lengths.begin(), part.lengths.end());
        }
    }
    return batch;
}

}  // namespace atlas
