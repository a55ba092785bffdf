// Which input tokens drive one prediction: a score per token of the text.
//
// Occlusion (every model): a token's score is log p(target) on the text as it is minus log
// p(target) with that token replaced (BERT: by [MASK]; a causal model: by its end-of-text token
// where the vocabulary has one, else its unknown or first token), one pass per token. Positive:
// the token supports the target. The gradient methods are in train/InputGradients.h.
#pragma once

#include <string>
#include <vector>

#include "model/Forward.h"
#include "model/Model.h"

namespace atlas {

struct TokenAttribution {
    std::string method;            // "occlusion", "gradxinput" or "ig"
    int position = 0;              // the prediction explained (a row of the logits)
    int target = 0;                // its token id
    double log_probability = 0;    // log p(target) on the text as it is
    std::vector<double> scores;    // [T] one per token; 0 where not attributed
    std::vector<bool> attributed;  // [T] special tokens and (causal) tokens after `position`: no
    int replacement = -1;          // occlusion: the token put in place of each token
    int steps = 0;                 // ig: the steps of the integral
    double baseline_log_probability = 0;  // ig: log p(target) with every attributed token zeroed
    double completeness_error = 0;        // ig: |sum of scores - (log p - baseline log p)|
};

// The tokens an attribution scores: not special ([CLS], [SEP], [MASK], <s>), and for a causal
// model not after `position` (they cannot change its prediction).
std::vector<bool> attributedTokens(const Model& model, const std::vector<int>& ids, int position);

// The occlusion scores of the prediction of `target` at `position` of the text `ids`.
// Throws AtlasError for a position or target out of range.
TokenAttribution occlusionAttribution(const Model& model, const std::vector<int>& ids, int position,
                                      int target, const ForwardOptions& base = {});

}  // namespace atlas
