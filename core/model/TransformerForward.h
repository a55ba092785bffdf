// The GPT-2 and BERT forward pass over the common weight layout, written as a list of operations.
//
// Letters: T tokens, C d_model, NH n_head, D d_head = C / NH, F d_ff, V vocabulary.
#pragma once

#include <vector>

#include "model/Forward.h"
#include "model/ModelConfig.h"
#include "model/TransformerWeights.h"

namespace atlas {

// Runs the model on `ids` (1 <= T <= n_ctx, every id below vocab_size; BERT: token type 0 for
// every token). Fills attention [layer][head] -> [T, T], embeddings, and predictions with ids
// and probabilities; the display text of a prediction is left empty because the tokenizer
// lives in Model. With the options it also fills internals and logits, and zeroes the outputs
// of ablated heads before W_O. A model without a language-model head (hasLanguageModelHead)
// gives no predictions and no logits. Throws AtlasError for bad ids, positions, heads or weight
// shapes.
//
// Uses Eigen's products, which run on Eigen::nbThreads() threads when built with OpenMP.
Forward transformerForward(const ModelConfig& config, const TransformerWeights& weights,
                           const std::vector<int>& ids, const ForwardOptions& options);

// The model's own read-out of residual streams `streams` [T, C] as if they left the last layer:
// the final norm (GPT-2's ln_f, a decoder family's final RMSNorm or LayerNorm; BERT has none
// outside its masked-LM head), then the prediction head, with the options' top_k,
// predict_positions and capture_logits. What the logit lens (model/LogitLens.h) reads each
// layer with. Throws AtlasError for a model without a language-model head.
Forward readOutStreams(const ModelConfig& config, const TransformerWeights& weights,
                       const Matrix& streams, const ForwardOptions& options);

// False for a bare BERT (BertModel) read without its masked-LM head: no predictions or logits.
bool hasLanguageModelHead(const ModelConfig& config, const TransformerWeights& weights);

// Throws AtlasError "weights: tensor layers.0.attn_qkv_weight has shape [16, 32], expected
// [16, 48]" for the first tensor whose shape does not match `config`.
void checkWeightShapes(const ModelConfig& config, const TransformerWeights& weights);

}  // namespace atlas
