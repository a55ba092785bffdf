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
    const int total = options.limit >= 0
                          ? std::min(options.limit, static_cast<int>(sentences.size()))
                          : static_cast<int>(sentences.size());
    if (total == 0) {
        throw AtlasError("analyze: no sentences to analyse");
    }
    const ModelConfig& config = model.config();
    std::vector<DistanceProfileAccumulator> accumulators(static_cast<std::size_t>(config.n_layer) *
                                                         config.n_head);
    ForwardOptions forward_options;
    forward_options.top_k = 1;
    forward_options.predict_positions = {0};  // predictions are not used; keep the head cheap

    TreebankDistanceProfiles result;
    result.model = model.name();
    result.layers = config.n_layer;
    result.heads_per_layer = config.n_head;
    for (int index = 0; index < total; ++index) {
        if (options.cancelled && options.cancelled()) {
            throw AnalysisCancelled();
        }
        const ConlluSentence& sentence = sentences[index];
        EncodedText encoded;
        try {
            encoded = model.encode(sentence.text);
        } catch (const AtlasError& error) {
            throw AtlasError("sentence at line " + std::to_string(sentence.line) + ": " +
                             error.what());
        }
        result.truncated_sentences += encoded.truncated;
        std::vector<int> ids;
        ids.reserve(encoded.tokens.size());
        for (const Token& token : encoded.tokens) {
            ids.push_back(token.id);
        }
        const Forward forward = model.forward(ids, forward_options);
        for (int l = 0; l < config.n_layer; ++l) {
            for (int h = 0; h < config.n_head; ++h) {
                accumulators[static_cast<std::size_t>(l) * config.n_head + h].add(
                    forward.attention[l][h]);
            }
        }
        if (options.progress) {
            options.progress(index + 1, total);
        }
    }
    result.sentences = total;
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
