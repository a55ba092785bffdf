// The forward pass of the rotary decoder families (Llama, Mistral, Qwen2, Qwen3, GPT-NeoX), with
// Hugging Face's semantics (eager attention), over the common weight layout.
//
// Letters: T tokens, C d_model, NH n_head, KV key/value heads, D head width, R rotated dims,
// F d_ff, V vocabulary.
//   Llama family:  x = E[id]
//                  x = x + o(attn(rms_1(x)));  x = x + down(silu(gate(rms_2 x)) * up(rms_2 x))
//                  logits = rms_f(x) @ lm_head^T (lm_head = E when tied)
//   GPT-NeoX:      x = x + attn(ln_1(x)) + mlp(ln_2(x))   (use_parallel_residual; else in turn)
// Attention of query head h reads key/value head h / (NH / KV); q and k rotate their first R
// dimensions (model/RotaryEmbedding.h), Qwen3 RMS-normalises them per head first; the scores
// q k^T / sqrt(D) are masked causally and, with Mistral's sliding window W, where i - j >= W.
#pragma once

#include <vector>

#include "model/Forward.h"
#include "model/ModelConfig.h"
#include "model/TransformerWeights.h"

namespace atlas {

// The keys and values of tokens already run, so that a longer input sharing their prefix (the
// next step of a generation) computes only its new tokens. A causal model's earlier attention
// rows never change when tokens are appended, so the cache also keeps every map and the
// embeddings, and a cached pass returns the same Forward as a full one.
struct DecoderCache {
    std::vector<int> ids;                        // the tokens cached
    std::vector<HeadIndex> ablated_heads;        // the ablation they ran with
    std::vector<Matrix> keys;                    // [layer] -> [T, KV * D], rotated
    std::vector<Matrix> values;                  // [layer] -> [T, KV * D]
    std::vector<std::vector<Matrix>> attention;  // [layer][head] -> [T, T]
    Matrix embeddings;                           // [T, C]
};

// Runs a decoder-family model on `ids` (see transformerForward for what is filled and thrown).
// With `cache`, a pass whose ids extend the cached ones (same ablation, no internals, the
// predictions asked for all among the new tokens) runs only the new tokens; then `logits` has a
// row per new token only. The cache is updated to `ids` in every case.
Forward decoderForward(const ModelConfig& config, const TransformerWeights& weights,
                       const std::vector<int>& ids, const ForwardOptions& options,
                       DecoderCache* cache = nullptr);

struct LayerStreams;

// decoderForward without a cache, filling `streams` (model/LayerStreams.h's forwardWithStreams).
Forward decoderForwardWithStreams(const ModelConfig& config, const TransformerWeights& weights,
                                  const std::vector<int>& ids, const ForwardOptions& options,
                                  LayerStreams& streams);

// The final norm and the prediction head on `streams` [T, C] (model/TransformerForward.h's
// readOutStreams for the decoder families).
Forward decoderReadOut(const ModelConfig& config, const TransformerWeights& weights,
                       const Matrix& streams, const ForwardOptions& options);

// Throws AtlasError "weights: tensor layers.0.attn_qkv_weight has shape [16, 32], expected
// [16, 48]" for the first tensor whose shape does not match `config`.
void checkDecoderWeightShapes(const ModelConfig& config, const TransformerWeights& weights);

}  // namespace atlas
