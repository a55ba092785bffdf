// Induction scores for a loaded model: picks its BOS and special tokens, then runs the scorer.
// Apart from InductionScore.cpp so code that scores a bare forward function need not link Model.
#include <string_view>

#include "analysis/InductionScore.h"
#include "model/Model.h"

namespace atlas {

InductionScores scoreInductionHeads(const Model& model, InductionOptions options) {
    const Tokenizer& tokenizer = model.tokenizer();
    const bool bert = model.config().architecture == Architecture::Bert;
    if (options.bos_id < 0) {
        if (auto bos = tokenizer.idOf(bert ? "[CLS]" : "<|endoftext|>")) {
            options.bos_id = *bos;
        }
    }
    for (std::string_view special :
         {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "<|endoftext|>"}) {
        if (auto id = tokenizer.idOf(special)) {
            options.excluded_ids.push_back(*id);
        }
    }
    ForwardOptions forward_options;
    forward_options.top_k = 1;
    forward_options.predict_positions = {0};  // predictions are not needed; keep the head cheap
    auto forward = [&](const std::vector<int>& ids) { return model.forward(ids, forward_options); };
    return scoreInductionHeads(forward, model.config().vocab_size, model.config().n_ctx, options);
}

}  // namespace atlas
