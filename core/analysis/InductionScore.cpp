// Scores every head on a repeated random sequence: attention to the token after the previous
// occurrence (induction) and to the previous occurrence itself (duplicate token).
#include "analysis/InductionScore.h"

#include <algorithm>
#include <random>

#include "Error.h"
#include "analysis/HeadProfile.h"

namespace atlas {

InductionScores scoreInductionHeads(const std::function<Forward(const std::vector<int>&)>& forward,
                                    int vocab_size, int n_ctx, const InductionOptions& options) {
    std::vector<int> candidates;  // ids that may be drawn
    for (int id = 0; id < vocab_size; ++id) {
        if (id != options.bos_id &&
            std::find(options.excluded_ids.begin(), options.excluded_ids.end(), id) ==
                options.excluded_ids.end()) {
            candidates.push_back(id);
        }
    }
    const int prefix = options.bos_id >= 0 ? 1 : 0;
    const int repeat_length = std::min(
        {options.repeat_length, (n_ctx - prefix) / 2, static_cast<int>(candidates.size())});
    if (repeat_length < 2) {
        throw AtlasError("induction scores: the context of " + std::to_string(n_ctx) +
                         " tokens or the vocabulary of " + std::to_string(vocab_size) +
                         " is too small for a repeated sequence");
    }
    if (options.sequences < 1) {
        throw AtlasError("induction scores: sequences must be at least 1");
    }

    InductionScores scores;
    scores.repeat_length = repeat_length;
    std::mt19937 generator(options.seed);
    long long query_count = 0;
    for (int sequence = 0; sequence < options.sequences; ++sequence) {
        // The first repeat_length entries of a partial Fisher-Yates shuffle: distinct ids.
        for (int k = 0; k < repeat_length; ++k) {
            const int remaining = static_cast<int>(candidates.size()) - k;
            const int pick = k + static_cast<int>(generator() % static_cast<unsigned>(remaining));
            std::swap(candidates[k], candidates[pick]);
        }
        std::vector<int> ids;
        if (options.bos_id >= 0) {
            ids.push_back(options.bos_id);
        }
        for (int half = 0; half < 2; ++half) {
            ids.insert(ids.end(), candidates.begin(), candidates.begin() + repeat_length);
        }

        const Forward result = forward(ids);
        if (result.tokenCount() != static_cast<int>(ids.size())) {
            throw AtlasError("induction scores: the forward pass returned " +
                             std::to_string(result.tokenCount()) + " tokens for " +
                             std::to_string(ids.size()));
        }
        if (scores.induction.empty()) {
            scores.induction.assign(result.layerCount(),
                                    std::vector<double>(result.headCount(), 0.0));
            scores.duplicate_token = scores.induction;
        }
        for (int layer = 0; layer < result.layerCount(); ++layer) {
            for (int head = 0; head < result.headCount(); ++head) {
                const Matrix& attention = result.attention[layer][head];  // [T, T]
                double induction = 0;
                double duplicate = 0;
                for (int p = prefix + repeat_length; p < prefix + 2 * repeat_length; ++p) {
                    induction += attention(p, p - repeat_length + 1);
                    duplicate += attention(p, p - repeat_length);
                }
                scores.induction[layer][head] += induction;
                scores.duplicate_token[layer][head] += duplicate;
            }
        }
        query_count += repeat_length;
    }
    for (std::size_t layer = 0; layer < scores.induction.size(); ++layer) {
        for (std::size_t head = 0; head < scores.induction[layer].size(); ++head) {
            scores.induction[layer][head] /= static_cast<double>(query_count);
            scores.duplicate_token[layer][head] /= static_cast<double>(query_count);
        }
    }
    return scores;
}

void applyInductionScores(std::vector<HeadProfile>& profiles, const InductionScores& scores) {
    for (HeadProfile& profile : profiles) {
        if (profile.layer < static_cast<int>(scores.induction.size()) &&
            profile.head < static_cast<int>(scores.induction[profile.layer].size())) {
            profile.induction = scores.induction[profile.layer][profile.head];
            profile.duplicate_token = scores.duplicate_token[profile.layer][profile.head];
        }
    }
}

}  // namespace atlas
