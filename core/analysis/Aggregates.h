// Maps derived from a forward pass: mean over heads, rollout, flow, norm-based attention.
//
// Letters: L layers, H heads, T tokens.
#pragma once

#include <atomic>
#include <functional>
#include <vector>

#include "model/Forward.h"
#include "model/Matrix.h"
#include "model/ModelConfig.h"
#include "model/TransformerWeights.h"

namespace atlas {

// [L] maps [T, T]: the mean of each layer's heads.
std::vector<Matrix> meanOverHeads(const Forward& forward);

// Attention rollout (Abnar and Zuidema 2020): per layer A_l = 0.5 * mean_heads + 0.5 * I,
// rows renormalised, multiplied from the first layer up. [L] maps [T, T]; map l is the rollout
// through layers 0..l.
std::vector<Matrix> attentionRollout(const Forward& forward);

// Attention flow (Abnar and Zuidema 2020): the max-flow from each input token (layer 0) to each
// token of layer l+1 through the graph whose edge capacities are the residual-augmented mean
// attention of rollout. [L] maps [T, T], rows normalised to sum to 1. `progress` (0..1) and
// `cancel` let a UI show progress and stop early (then the result is empty).
std::vector<Matrix> attentionFlow(const Forward& forward,
                                  const std::function<void(double)>& progress = {},
                                  const std::atomic<bool>* cancel = nullptr);

// Norm-based attention (Kobayashi et al. 2020): for head h of layer l, entry (i, j) is
// || alpha_ij * f_h(x_j) || with f_h(x) = (x W_V^h + b_V^h) W_O^h (the bias of W_O is shared
// by all heads and left out, as in the paper). Needs internals (ForwardOptions::capture_internals).
// [L][H] maps [T, T].
std::vector<std::vector<Matrix>> normAttention(const ModelConfig& config,
                                               const TransformerWeights& weights,
                                               const Forward& forward);

}  // namespace atlas
