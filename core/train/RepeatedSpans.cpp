#include "train/RepeatedSpans.h"

#include <algorithm>
#include <string>

#include "Error.h"
#include "train/TrainingRandom.h"

namespace atlas {

RepeatedSpanBatchSource::RepeatedSpanBatchSource(RepeatedSpanOptions options, std::uint64_t seed)
    : options_(std::move(options)), seed_(seed) {
    std::vector<bool> excluded(static_cast<std::size_t>(std::max(0, options_.vocab_size)), false);
    for (int id : options_.excluded_ids) {
        if (id >= 0 && id < options_.vocab_size) {
            excluded[static_cast<std::size_t>(id)] = true;
        }
    }
    for (int id = 0; id < options_.vocab_size; ++id) {
        if (!excluded[static_cast<std::size_t>(id)] && id != options_.bos_id) {
            drawable_.push_back(id);
        }
    }
    options_.min_span = std::max(1, options_.min_span);
    if (static_cast<int>(drawable_.size()) < options_.min_span) {
        throw AtlasError("repeated spans: " + std::to_string(drawable_.size()) +
                         " drawable tokens are too few for spans of " +
                         std::to_string(options_.min_span));
    }
}

TrainingBatch RepeatedSpanBatchSource::batch(std::int64_t step, int shard, int /*shard_count*/,
                                             int sequences, int context) const {
    const int bos = options_.bos_id >= 0 ? 1 : 0;
    const int longest = std::min<int>(std::max(options_.min_span, (context - bos) / 2),
                                      static_cast<int>(drawable_.size()));
    TrainingRandom random(seed_, static_cast<std::uint64_t>(step),
                          static_cast<std::uint64_t>(shard));
    TrainingBatch batch;
    batch.batch_size = sequences;
    batch.context = context;
    batch.inputs.reserve(static_cast<std::size_t>(sequences) * context);
    batch.targets.reserve(static_cast<std::size_t>(sequences) * context);
    std::vector<int> pool = drawable_;
    std::vector<int> sequence(static_cast<std::size_t>(context) + 1);
    for (int b = 0; b < sequences; ++b) {
        const int span =
            options_.min_span + static_cast<int>(random.below(
                                    static_cast<std::uint64_t>(longest - options_.min_span + 1)));
        // Distinct tokens: the first `span` entries of a partial Fisher-Yates shuffle.
        for (int i = 0; i < span; ++i) {
            const std::size_t j = static_cast<std::size_t>(i) + random.below(pool.size() - i);
            std::swap(pool[static_cast<std::size_t>(i)], pool[j]);
        }
        for (int t = 0; t <= context; ++t) {
            sequence[static_cast<std::size_t>(t)] =
                (bos != 0 && t == 0) ? options_.bos_id
                                     : pool[static_cast<std::size_t>((t - bos) % span)];
        }
        batch.inputs.insert(batch.inputs.end(), sequence.begin(), sequence.end() - 1);
        // The first copy cannot be predicted: no loss there, so every gradient serves copying.
        for (int t = 0; t < context; ++t) {
            batch.targets.push_back(t + 1 < bos + span ? -1
                                                       : sequence[static_cast<std::size_t>(t) + 1]);
        }
    }
    return batch;
}

}  // namespace atlas
