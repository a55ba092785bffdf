// Induction scores for a loaded model: picks its BOS and special tokens, then runs the scorer.
// Apart from InductionScore.cpp so code that scores a bare forward function need not link Model.
#include <string_view>

#include "analysis/InductionScore.h"
#include "model/Model.h"

namespace atlas {

InductionScores scoreInductionHeads(const Model& model, InductionOptions options) {
    const Tokenizer& tokenizer = model.tokenizer();
    const bool bert = model.config().architecture == Architecture::Bert;
    const ModelConfig& config = model.config();
    if (options.bos_id < 0 && config.decoder() && config.bos_token_id >= 0) {
        options.bos_id = config.bos_token_id;  // a decoder family's <s> or <|endoftext|>
    }
    if (options.bos_id < 0) {
        if (auto bos = tokenizer.idOf(bert ? "[CLS]" : "<|endoftext|>")) {
            options.bos_id = *bos;
        }
    }
    if (config.bos_token_id >= 0) {
        options.excluded_ids.push_back(config.bos_token_id);
    }
    options.excluded_ids.insert(options.excluded_ids.end(), config.eos_token_ids.begin(),
                                config.eos_token_ids.end());
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
