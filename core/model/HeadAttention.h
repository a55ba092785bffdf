// A forward pass that hands each head's map over as it is made instead of keeping them all, and
// one head's map made again later from the queries and keys that pass kept: a long text need not
// hold every map (24 x 14 heads at 4,096 tokens would take 22.5 GB as float32); the views ask for
// the head they show.
//
// Letters: T tokens, NH heads, KV key/value heads, D head width.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "kernel/KernelChoice.h"
#include "model/Forward.h"
#include "model/ModelConfig.h"
#include "model/TransformerWeights.h"

namespace atlas {

// What one layer's maps are computed from: the queries and keys exactly as the scores read them
// (after rotation and q/k norms in the decoder families).
struct LayerQueriesKeys {
    Matrix queries;  // [T, NH * D] query head h in columns [h * D, (h + 1) * D)
    Matrix keys;     // [T, KV * D] key head g likewise; KV = NH for GPT-2 and BERT
};

struct AttentionCapture {
    // Called with each head's map [T, T] as soon as it is made, from the pass's worker threads:
    // the heads of one layer at once, the layers in order.
    std::function<void(int layer, int head, const Matrix& map)> on_attention;
    // False: each map is released once on_attention has seen it, and Forward::attention keeps
    // [layer][head] entries of size 0, so the pass holds one layer's maps at a time.
    bool keep_attention = true;
    // True: the pass fills queries_keys [layer], from which headAttention makes any map again.
    bool capture_queries_keys = false;
    std::vector<LayerQueriesKeys> queries_keys;
};

// transformerForward (model/TransformerForward.h) for any family, with `capture`. Predictions
// carry ids and probabilities only (tokenDisplayText in model/TokenText.h names them).
Forward forwardCapturing(const ModelConfig& config, const TransformerWeights& weights,
                         const std::vector<int>& ids, const ForwardOptions& options,
                         AttentionCapture& capture);

// The map [T, T] of `head` in a layer whose queries and keys `layer` holds: the same code and
// the same numbers as the forward pass that captured them (masks, sliding window, grouped
// key/value heads). `kernel` empty means ATLAS_KERNEL or the best the CPU supports, as for
// ForwardOptions::kernel. Throws AtlasError naming both shapes when `layer` does not fit
// `config`, or for a head out of range.
Matrix headAttention(const ModelConfig& config, const LayerQueriesKeys& layer, int head,
                     std::optional<Kernel> kernel = {});

// The decoder families' parts of the two above (model/DecoderForward.cpp).
Forward decoderForwardCapturing(const ModelConfig& config, const TransformerWeights& weights,
                                const std::vector<int>& ids, const ForwardOptions& options,
                                AttentionCapture& capture);
Matrix decoderHeadAttention(const ModelConfig& config, const Kernel& kernel,
                            const LayerQueriesKeys& layer, int head);

}  // namespace atlas
