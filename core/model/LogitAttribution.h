// Which heads wrote a prediction: direct logit attribution for the pre-LN models, head ablation
// for BERT.
//
// Pre-LN (GPT-2, Llama, Mistral, Qwen2, Qwen3, GPT-NeoX): the stream the final norm reads is a
// sum, x = embedding + sum over layers of (each head's output through its rows of W_O + the
// MLP's output + the output biases). With the norm's scale frozen at its actual value (LayerNorm:
// 1 / sqrt(var(x) + eps), whose centring is linear and taken out of each part; RMSNorm:
// 1 / rms(x)), the target's logit is exactly the sum of each part's logit, plus the norm's own
// bias. No remainder is left over.
//
// BERT (post-LN) has no such sum: a LayerNorm after every block mixes the parts. There, a head's
// effect is measured by switching it off: the change in the target's log-probability.
//
// Letters: L layers, NH heads, C d_model, D d_head.
#pragma once

#include <vector>

#include "model/Forward.h"
#include "model/Model.h"

namespace atlas {

struct DirectLogitAttribution {
    int position = 0;      // the row of the logits (causal: the token after this one is predicted)
    int target = 0;        // the token id whose logit is split
    double logit = 0;      // the model's own logit of the target there
    double embedding = 0;  // token embedding (+ position embedding for GPT-2)
    std::vector<std::vector<double>> heads;  // [L][NH] each head through its slice of W_O
    std::vector<double> mlp;                 // [L] each MLP without its output bias
    double bias = 0;  // every attention and MLP output bias, plus the final norm's bias

    // embedding + heads + mlp + bias: the logit, to float rounding.
    double sumOfParts() const;
};

// Splits the logit of `target` at `position` of the model's pass on `ids` (with `base`'s kernel,
// threads and ablated heads). Throws AtlasError for BERT (post-LN), a position or target out of
// range, or a model without a language-model head.
DirectLogitAttribution directLogitAttribution(const Model& model, const std::vector<int>& ids,
                                              int position, int target,
                                              const ForwardOptions& base = {});

struct HeadAblationEffects {
    int position = 0;
    int target = 0;
    double log_probability = 0;              // log p(target) with every head on
    std::vector<std::vector<double>> heads;  // [L][NH] log p with the head off minus with it on
};

// One pass per head with that head's output zeroed (any model; what BERT shows in place of
// direct logit attribution). Throws AtlasError as above.
HeadAblationEffects headAblationEffects(const Model& model, const std::vector<int>& ids,
                                        int position, int target, const ForwardOptions& base = {});

// log softmax(logits row `position`)[target] of a pass with capture_logits.
double logProbabilityOf(const Forward& forward, int position, int target);

}  // namespace atlas
