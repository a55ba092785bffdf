// Parameters in double precision (for gradient checks) and one visitor over both precisions.
//
// The training passes are templates over the weights type: `TransformerWeights` (float) trains,
// `TransformerWeightsD` (double, same member names) checks gradients against finite differences.
#pragma once

#include <string>
#include <type_traits>
#include <vector>

#include "model/Matrix.h"
#include "model/TransformerWeights.h"

namespace atlas {

// The same layout as LayerWeights / TransformerWeights, in double (shapes as there).
struct LayerWeightsD {
    MatrixD ln_attn_weight, ln_attn_bias;  // [1, C]
    MatrixD attn_qkv_weight;               // [C, 3C]
    MatrixD attn_qkv_bias;                 // [1, 3C]
    MatrixD attn_out_weight;               // [C, C]
    MatrixD attn_out_bias;                 // [1, C]
    MatrixD ln_mlp_weight, ln_mlp_bias;    // [1, C]
    MatrixD mlp_in_weight;                 // [C, F]
    MatrixD mlp_in_bias;                   // [1, F]
    MatrixD mlp_out_weight;                // [F, C]
    MatrixD mlp_out_bias;                  // [1, C]
};

struct TransformerWeightsD {
    MatrixD token_embedding;                 // [V, C]
    MatrixD position_embedding;              // [P, C]
    MatrixD token_type_embedding;            // [type_vocab, C]
    MatrixD ln_embed_weight, ln_embed_bias;  // [1, C]
    std::vector<LayerWeightsD> layers;
    MatrixD ln_final_weight, ln_final_bias;  // [1, C]
    MatrixD head_transform_weight;           // [C, C]
    MatrixD head_transform_bias;             // [1, C]
    MatrixD head_ln_weight, head_ln_bias;    // [1, C]
    MatrixD head_output_bias;                // [1, V]
};

// The scalar and matrix type a weights type holds.
template <typename Weights>
struct WeightsTraits;
template <>
struct WeightsTraits<TransformerWeights> {
    using Scalar = float;
    using Mat = Matrix;
};
template <>
struct WeightsTraits<TransformerWeightsD> {
    using Scalar = double;
    using Mat = MatrixD;
};

// Calls visit(name, tensor) for every non-empty tensor in visitWeightTensors' order, the order
// of checkpoints. Works for const and non-const weights of either precision.
template <typename Weights, typename Visit>
void visitTensors(Weights& weights, Visit&& visit) {
    // A BERT has token-type embeddings, a GPT-2 none; a tensor left empty is not visited.
    visitWeightTensors(weights, weights.token_type_embedding.size() > 0,
                       [&](const std::string& name, auto& tensor) {
                           if (tensor.size() > 0) {
                               visit(name, tensor);
                           }
                       });
}

// Copies of `weights` converted to the other precision, same shapes.
TransformerWeightsD toDouble(const TransformerWeights& weights);
TransformerWeights toFloat(const TransformerWeightsD& weights);

// Zero tensors of the shapes of `weights` (gradients, optimiser moments).
template <typename Weights>
Weights zerosLike(const Weights& weights) {
    Weights zeros = weights;
    visitTensors(zeros, [](const std::string&, auto& tensor) { tensor.setZero(); });
    return zeros;
}

// Sets every tensor to zero, keeping shapes.
template <typename Weights>
void setZero(Weights& weights) {
    visitTensors(weights, [](const std::string&, auto& tensor) { tensor.setZero(); });
}

// Number of parameters (entries of every tensor).
template <typename Weights>
std::size_t countParameters(const Weights& weights) {
    std::size_t count = 0;
    visitTensors(weights, [&](const std::string&, const auto& tensor) {
        count += static_cast<std::size_t>(tensor.size());
    });
    return count;
}

// How training starts. Zero means the default.
struct InitialisationOptions {
    // Position embedding's standard deviation (default 0.01 GPT-2, 0.02 BERT): larger position
    // vectors make position-based (previous / next token) attention easier to learn.
    double position_std = 0;
    // Start the (still learned) position embedding from the Transformer's sine/cosine table
    // scaled to that standard deviation instead of noise: moving attention one position back is
    // then the same small rotation at every position.
    bool sinusoidal_positions = false;
    // Token embedding's standard deviation (default 0.02). PyTorch's nn.Embedding starts at 1.
    double token_std = 0;
    // Matrices and biases as PyTorch's nn.Linear starts them, uniform in +-1/sqrt(fan_in),
    // instead of GPT-2's normal(0, 0.02) with zero biases. Only with this start (and large
    // embeddings) does the causal model grow a previous-token head (docs/models.md).
    bool pytorch_linear = false;
};

// Weights initialised for training, reproducible for a seed: normal(0, 0.02) matrices, residual
// output projections scaled by 1/sqrt(2 n_layer) (GPT-2), LayerNorm weights 1, biases 0, BERT
// token-type embedding normal(0, 0.02), changed as `options` asks. Shapes follow `config`.
TransformerWeights initialiseForTraining(const ModelConfig& config, unsigned long long seed,
                                         const InitialisationOptions& options = {});

}  // namespace atlas
