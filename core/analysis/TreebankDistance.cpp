// Distance profiles of every head pooled over a treebank.
#include "analysis/TreebankDistance.h"

#include <algorithm>
#include <cstdio>

#include "Error.h"
#include "model/Model.h"

namespace atlas {

TreebankDistanceProfiles treebankDistanceProfiles(const Model& model,
                                                  const std::vector<ConlluSentence>& sentences,
                                                  const TreebankAnalysisOptions& options) {
    const ModelConfig& config = model.config();
    std::vector<DistanceProfileAccumulator> accumulators(static_cast<std::size_t>(config.n_layer) *
                                                         config.n_head);
    TreebankDistanceProfiles result;
    result.model = model.name();
    result.layers = config.n_layer;
    result.heads_per_layer = config.n_head;
    result.truncated_sentences = runOverTreebank(
        model, sentences, options,
        [&](const ConlluSentence&, const EncodedText&, const Forward& forward) {
            for (int l = 0; l < config.n_layer; ++l) {
                for (int h = 0; h < config.n_head; ++h) {
                    accumulators[static_cast<std::size_t>(l) * config.n_head + h].add(
                        forward.attention[l][h]);
                }
            }
            ++result.sentences;
        });
    for (const DistanceProfileAccumulator& accumulator : accumulators) {
        result.heads.push_back(accumulator.profile());
    }
    return result;
}

std::string distanceProfilesCsv(const TreebankDistanceProfiles& profiles) {
    std::string text = "layer,head,distance,mean_attention,cells\n";
    char number[64];
    for (std::size_t index = 0; index < profiles.heads.size(); ++index) {
        const DistanceProfile& profile = profiles.heads[index];
        const int layer = static_cast<int>(index) / std::max(1, profiles.heads_per_layer);
        const int head = static_cast<int>(index) % std::max(1, profiles.heads_per_layer);
        for (std::size_t k = 0; k < profile.distances.size(); ++k) {
            if (profile.cells[k] == 0) {
                continue;
            }
            std::snprintf(number, sizeof number, "%.9g", profile.mean_attention[k]);
            text += std::to_string(layer) + ',' + std::to_string(head) + ',' +
                    std::to_string(profile.distances[k]) + ',' + number + ',' +
                    std::to_string(profile.cells[k]) + '\n';
        }
    }
    return text;
}

}  // namespace atlas
