// The logit lens: the residual stream after each layer read out by the model's own final norm and
// unembedding (BERT: its masked-LM head), as if the layers above it were not there.
//
// Letters: T tokens, L layers, K the tokens kept per cell.
#pragma once

#include <vector>

#include "model/Forward.h"
#include "model/Model.h"

namespace atlas {

struct LensCell {
    int position = 0;           // GPT-2 and the decoders: the token after this one; BERT: this one
    std::vector<TopToken> top;  // the K likeliest tokens at this layer, probability descending
    float final_probability = 0;  // this layer's probability of the model's final top-1 here
};

struct LensLayer {
    int layer = 0;  // the stream after this layer (0 .. L-1)
    std::vector<LensCell> positions;
};

struct LogitLens {
    std::vector<int> final_ids;  // [T] the model's own top-1 at each position (the last layer's)
    std::vector<LensLayer> layers;
};

// Runs `model` on `ids` once (with `base`'s kernel, threads and ablated heads) and reads the
// stream after every layer at every position, keeping the `top_k` likeliest tokens with their
// display text. The last layer's read-out is the model's own output, so its top-1 is the
// model's prediction. Throws AtlasError for a model without a language-model head or top_k < 1.
LogitLens logitLens(const Model& model, const std::vector<int>& ids, int top_k,
                    const ForwardOptions& base = {});

}  // namespace atlas
