// The steps of the GPT-2 / BERT forward pass (model/TransformerForward.cpp) that the decoder
// families' pass (model/DecoderForward.cpp) shares: the same kernels, threads and checks.
#pragma once

#include <string>
#include <vector>

#include "kernel/KernelChoice.h"
#include "model/Forward.h"
#include "model/ModelConfig.h"
#include "model/PanelView.h"
#include "model/TransformerWeights.h"
#include "model/WorkerPool.h"

namespace atlas::forward_steps {

enum class Gelu { None, Tanh, Erf };

// out [T, C] = LayerNorm of each row of x with weight and bias [1, C].
void layerNormRows(const Kernel& kernel, Matrix& out, const Matrix& x, const Matrix& weight,
                   const Matrix& bias, float epsilon);

// out [T, N] = gelu(x @ W + bias) for W given as column blocks side by side; bias may be null.
// With `mapped`, a block whose product is not finite is scanned for NaN and Inf
// (model/MappedTensorCheck.h).
void linearBlocks(WorkerPool& pool, const Kernel& kernel, Matrix& out, const Matrix& x,
                  const std::vector<PanelView>& blocks, const Matrix* bias, Gelu gelu,
                  const MappedMatrices* mapped = nullptr);

// x [T, N] = GELU(x) in place.
void geluRows(const Kernel& kernel, Matrix& x, Gelu gelu);

// The language-model head (output projection, softmax top-k, logits) on the final stream x.
void predictionHeadRows(WorkerPool& pool, const Kernel& kernel, const ModelConfig& config,
                        const TransformerWeights& weights, const Matrix& x,
                        const ForwardOptions& options, Forward& forward);

// The caller's ids, ablated heads and prediction positions, as transformerForward checks them.
void checkForwardInput(const ModelConfig& config, const std::vector<int>& ids,
                       const ForwardOptions& options);

// "weights: tensor NAME has shape [a, b], expected [c, d]" for a matrix in any layout.
void checkTensorShape(const std::string& name, const Matrix& tensor, Eigen::Index rows,
                      Eigen::Index cols);
void checkLayerMatrixShape(const std::string& name, const TransformerWeights& weights,
                           const Matrix& tensor, Eigen::Index rows, Eigen::Index cols);

}  // namespace atlas::forward_steps
