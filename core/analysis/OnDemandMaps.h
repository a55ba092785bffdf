// A long text's attention maps made when asked instead of kept: 24 x 14 heads at 4,096 tokens
// would take 22.5 GB as float32. The forward pass keeps each layer's queries and keys
// (AttentionCapture::capture_queries_keys, 176 MB for that model at that length) and any head's
// map is made again from them, equal to the one the pass made (model/HeadAttention.h); the grid
// draws thumbnails made while the pass ran.
//
// Letters: L layers, H heads, T tokens.
#pragma once

#include <optional>
#include <vector>

#include "kernel/KernelChoice.h"
#include "model/HeadAttention.h"
#include "model/Matrix.h"
#include "model/ModelConfig.h"

namespace atlas {

class OnDemandMaps {
  public:
    // `queriesKeys` [L] as the forward pass captured them with `kernel` (empty: ATLAS_KERNEL or
    // the best the CPU supports, as the pass chose). `dropSink`: every map made loses the
    // attention sink (analysis/AttentionSink.h), as the shown maps do.
    OnDemandMaps(ModelConfig config, std::vector<LayerQueriesKeys> queriesKeys,
                 std::optional<Kernel> kernel, bool dropSink);

    int layerCount() const { return int(queriesKeys_.size()); }
    int headCount() const { return config_.n_head; }
    int tokenCount() const;
    // Bytes held (the queries and keys).
    std::size_t bytes() const;

    // Head `head` of `layer` [T, T], as the forward pass made it (then without the sink when
    // dropSink). Throws AtlasError for a layer or head out of range.
    Matrix head(int layer, int head) const;
    // The mean of the layer's heads [T, T], summed in head order as meanOverHeads does.
    Matrix layerMean(int layer) const;

  private:
    ModelConfig config_;
    std::vector<LayerQueriesKeys> queriesKeys_;
    std::optional<Kernel> kernel_;
    bool dropSink_ = false;
};

// `map` max-pooled to at most maxEdge x maxEdge: each cell the largest weight of its block, so a
// single sharp weight still shows. A map that fits is returned as it is.
Matrix maxPooled(const Matrix& map, int maxEdge);

}  // namespace atlas
