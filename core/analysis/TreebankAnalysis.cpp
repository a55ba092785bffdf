// Encodes, runs and aligns every sentence of a treebank, accumulating head profiles and baselines.
#include "analysis/TreebankAnalysis.h"

#include <algorithm>

#include "Error.h"
#include "analysis/HeadProfile.h"
#include "analysis/InductionScore.h"
#include "analysis/RelationBaselines.h"
#include "analysis/WordAlignment.h"
#include "model/Model.h"

namespace atlas {

int runOverTreebank(const Model& model, const std::vector<ConlluSentence>& sentences,
                    const TreebankAnalysisOptions& options, const TreebankVisitor& visit) {
    const int total = options.limit >= 0
                          ? std::min(options.limit, static_cast<int>(sentences.size()))
                          : static_cast<int>(sentences.size());
    if (total == 0) {
        throw AtlasError("analyze: no sentences to analyse");
    }
    ForwardOptions forward_options;
    forward_options.top_k = 1;
    forward_options.predict_positions = {0};  // predictions are not analysed; keep the head cheap
    int truncated = 0;
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
        truncated += encoded.truncated;
        std::vector<int> ids;
        ids.reserve(encoded.tokens.size());
        for (const Token& token : encoded.tokens) {
            ids.push_back(token.id);
        }
        visit(sentence, encoded, model.forward(ids, forward_options));
        if (options.progress) {
            options.progress(index + 1, total);
        }
    }
    return truncated;
}

HeadRoleTable analyzeTreebank(const Model& model, const std::vector<ConlluSentence>& sentences,
                              const TreebankAnalysisOptions& options) {
    const ModelConfig& config = model.config();
    HeadProfileAccumulator profiles(config.n_layer, config.n_head);
    RelationBaselineAccumulator baselines;
    HeadRoleTable table;
    table.model = model.name();
    table.layers = config.n_layer;
    table.heads_per_layer = config.n_head;
    table.truncated_sentences = runOverTreebank(
        model, sentences, options,
        [&](const ConlluSentence& sentence, const EncodedText& encoded, const Forward& forward) {
            const WordAlignment alignment = alignTokensToWords(encoded.tokens, sentence);
            profiles.add(forward, sentence, alignment);
            baselines.add(sentence, alignment);
            ++table.sentences;
        });
    table.heads = profiles.profiles();
    table.baselines = baselines.baselines();
    if (options.induction) {
        if (options.cancelled && options.cancelled()) {
            throw AnalysisCancelled();
        }
        applyInductionScores(table.heads, scoreInductionHeads(model));
    }
    return table;
}

}  // namespace atlas
