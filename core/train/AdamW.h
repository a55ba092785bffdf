// AdamW (decoupled weight decay), the learning-rate schedule and global-norm gradient clipping.
#pragma once

#include <cstdint>

#include "model/TransformerWeights.h"

namespace atlas {

struct AdamWSettings {
    double beta1 = 0.9;
    double beta2 = 0.95;
    double epsilon = 1e-8;
    double weight_decay = 0.1;  // applied to matrices only (not biases, LayerNorm, 1-row tensors)
    bool decay_embeddings = true;  // false: no decay on token / position / type embeddings
};

// Linear warm-up from 0 to `peak` over `warmup` steps, then cosine decay to peak * min_ratio at
// step `total`. `step` counts from 0.
double learningRateAt(std::int64_t step, std::int64_t total, std::int64_t warmup, double peak,
                      double min_ratio);

// sqrt of the sum of squares of every gradient entry, accumulated in double.
double gradientNorm(const TransformerWeights& grads);

// Multiplies every gradient by `factor`.
void scaleGradients(TransformerWeights& grads, float factor);

// The optimiser's state: first and second moments of every tensor.
struct AdamWState {
    TransformerWeights m;  // shapes of the weights
    TransformerWeights v;
    std::int64_t step = 0;  // updates applied so far (bias correction uses step + 1)
};

AdamWState adamWStateFor(const TransformerWeights& weights);

// One update: weights -= lr (m_hat / (sqrt(v_hat) + eps) + weight_decay weights).
void adamWUpdate(TransformerWeights& weights, const TransformerWeights& grads, AdamWState& state,
                 const AdamWSettings& settings, double learning_rate);

}  // namespace atlas
