#include "train/RepeatedSpans.h"

#include <algorithm>
#include <cmath>
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
    return options_.pairs ? pairsBatch(step, shard, sequences, context)
                          : periodicBatch(step, shard, sequences, context);
}

int RepeatedSpanBatchSource::spanLength(TrainingRandom& random, int longest) const {
    const int choices = longest - options_.min_span + 1;
    // Uniform lengths keep their integer draw, so runs made before the power existed resume
    // on exactly the data they started with.
    if (options_.short_span_power == 1.0) {
        return options_.min_span +
               static_cast<int>(random.below(static_cast<std::uint64_t>(choices)));
    }
    const double skewed = std::pow(random.uniform(), options_.short_span_power);
    return options_.min_span + std::min(choices - 1, static_cast<int>(skewed * choices));
}

TrainingBatch RepeatedSpanBatchSource::periodicBatch(std::int64_t step, int shard, int sequences,
                                                     int context) const {
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
        const int span = spanLength(random, longest);
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

TrainingBatch RepeatedSpanBatchSource::pairsBatch(std::int64_t step, int shard, int sequences,
                                                  int context) const {
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
    // A stream of pairs, longer than the window by up to two spans; the window starts at a random
    // point of it, so a pair may be cut at either end and no pair starts at a fixed position.
    const int window = context + 1 - bos;
    std::vector<int> stream;
    // Per stream position: where the previous occurrence of its token is (-1: none).
    std::vector<int> earlier;
    for (int b = 0; b < sequences; ++b) {
        const int offset = static_cast<int>(random.below(static_cast<std::uint64_t>(2 * longest)));
        stream.clear();
        earlier.clear();
        std::size_t drawn = 0;  // pool[0 .. drawn) are used in this sequence
        while (static_cast<int>(stream.size()) < offset + window) {
            const int span = spanLength(random, longest);
            if (drawn + static_cast<std::size_t>(span) > pool.size()) {
                drawn = 0;  // every token used: earlier spans' tokens may come again
            }
            // Fresh distinct tokens: the next `span` entries of a partial Fisher-Yates shuffle.
            for (int i = 0; i < span; ++i) {
                const std::size_t j = drawn + random.below(pool.size() - drawn);
                std::swap(pool[drawn], pool[j]);
                ++drawn;
            }
            const int first = static_cast<int>(stream.size());
            for (int copy = 0; copy < 2; ++copy) {
                for (int i = 0; i < span; ++i) {
                    stream.push_back(pool[drawn - static_cast<std::size_t>(span - i)]);
                    earlier.push_back(copy == 1 ? first + i : -1);
                }
            }
        }
        if (bos != 0) {
            batch.inputs.push_back(options_.bos_id);
        }
        for (int k = 0; k + bos < context; ++k) {
            batch.inputs.push_back(stream[static_cast<std::size_t>(offset + k)]);
        }
        // Only the repeats carry a loss, so every gradient serves copying: a token is a target
        // when the token before it occurred earlier in the window, followed by it.
        for (int position = 0; position < context; ++position) {
            const int next = offset + position + 1 - bos;  // the target's stream position
            // Where the token before the target occurred first, if the target is a repeat.
            const int cue = earlier[static_cast<std::size_t>(next)] - 1;
            const bool repeat = cue >= offset && earlier[static_cast<std::size_t>(next - 1)] == cue;
            batch.targets.push_back(repeat ? stream[static_cast<std::size_t>(next)] : -1);
        }
    }
    return batch;
}

}  // namespace atlas
