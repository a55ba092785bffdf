// Token attribution from gradients, through the trainer's backward pass (GPT-2 and BERT, the
// architectures core/train trains), in double precision.
//
// The input of token t is its token embedding e_t; its position (and BERT's token type) embedding
// is kept. f is log p(target) at the chosen position; g_t = df / dx_t, x_t the summed embedding
// the first layer reads (before BERT's embedding LayerNorm), which is the gradient the trainer
// gives the position embedding's row t.
//   gradient x input:      score_t = e_t . g_t
//   integrated gradients:  score_t = e_t . mean over k of g_t at alpha_k = (k + 1/2) / steps,
//                          every attributed token's e_t scaled by alpha (the baseline: their
//                          token embeddings zeroed); the scores sum to f(input) - f(baseline)
//                          up to the error of the midpoint rule, which is reported.
#pragma once

#include <vector>

#include "model/Model.h"
#include "model/TokenAttribution.h"

namespace atlas {

// `method` "gradxinput" or "ig" (`steps` 1 .. 1000, for ig). Throws AtlasError for a model
// the trainer cannot run (the decoder families: use occlusion), a position or target out of
// range, a bad method or step count.
TokenAttribution gradientAttribution(const Model& model, const std::vector<int>& ids, int position,
                                     int target, const std::string& method, int steps = 32);

}  // namespace atlas
