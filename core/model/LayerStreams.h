// What the logit lens and direct logit attribution read besides a Forward's internals: each
// layer's MLP output and the residual stream leaving each layer.
//
// Letters: T tokens, C d_model.
#pragma once

#include <vector>

#include "model/Forward.h"
#include "model/ModelConfig.h"
#include "model/TransformerWeights.h"

namespace atlas {

struct LayerStreams {
    std::vector<Matrix> mlp_output;    // [layer] -> [T, C] the MLP block's output, its bias in
    std::vector<Matrix> residual_out;  // [layer] -> [T, C] leaving the layer (BERT: after ln_mlp)
};

// transformerForward (model/TransformerForward.h) with `streams` filled as well, for every
// architecture; internals and logits as `options` asks.
Forward forwardWithStreams(const ModelConfig& config, const TransformerWeights& weights,
                           const std::vector<int>& ids, const ForwardOptions& options,
                           LayerStreams& streams);

}  // namespace atlas
