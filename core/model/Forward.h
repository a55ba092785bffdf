// What one forward pass returns: every head's attention, predictions, and optional internals.
//
// Letters: T tokens, C d_model, D d_head, V vocabulary.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kernel/KernelChoice.h"
#include "model/Matrix.h"

namespace atlas {

struct HeadIndex {
    int layer = 0;
    int head = 0;
    friend bool operator==(const HeadIndex&, const HeadIndex&) = default;
};

struct ForwardOptions {
    bool capture_internals = false;     // fill Forward::internals (q, k, v, scores, outputs)
    bool capture_logits = false;        // fill Forward::logits
    std::vector<HeadIndex> ablated_heads;  // these heads' outputs are zeroed before W_O
    int top_k = 5;
    // Positions to predict for. GPT-2: empty means every position (next token after each).
    // BERT: empty means every position (the filler the MLM head proposes there).
    std::vector<int> predict_positions;
    // Threads for this pass: 0 means one per hardware thread. The matrix products are split
    // by columns, so results may differ in the last bits between thread counts, never between
    // two runs with the same count.
    int threads = 0;
    // The math to run (kernel/KernelChoice.h); empty means ATLAS_KERNEL, or the best the CPU
    // supports when that is unset.
    std::optional<Kernel> kernel;
};

struct TopToken {
    int id = 0;
    std::string text;  // display text
    float probability = 0;
};

struct PositionPredictions {
    int position = 0;            // GPT-2: the token after this position; BERT: this position
    std::vector<TopToken> top;   // top_k, probability descending
};

struct HeadInternals {
    Matrix q;       // [T, D]
    Matrix k;       // [T, D]
    Matrix v;       // [T, D]
    Matrix scores;  // [T, T] q k^T / sqrt(D) before the mask and softmax
    Matrix output;  // [T, D] attention @ v (zero if the head is ablated)
};

struct LayerInternals {
    Matrix residual_in;  // [T, C] the residual stream entering the layer
    Matrix attn_input;   // [T, C] what the q k v projection reads (GPT-2: ln_1(x), BERT: x)
    Matrix attn_output;  // [T, C] the attention block's output after W_O and its bias
    std::vector<HeadInternals> heads;
};

struct Forward {
    std::vector<std::vector<Matrix>> attention;  // [layer][head] -> [T, T], rows sum to 1
    std::vector<PositionPredictions> predictions;
    std::vector<LayerInternals> internals;  // [layer], only with capture_internals
    Matrix embeddings;                      // [T, C] token + position (+ type) embeddings
    Matrix logits;                          // [T, V], only with capture_logits

    int layerCount() const { return static_cast<int>(attention.size()); }
    int headCount() const { return attention.empty() ? 0 : static_cast<int>(attention[0].size()); }
    int tokenCount() const {
        return attention.empty() || attention[0].empty() ? 0 : static_cast<int>(attention[0][0].rows());
    }
};

}  // namespace atlas
