// One attention head worked through step by step on one sentence, with the actual numbers:
// embeddings, the stream the head reads, Q K V, Q K^T, the scaling, the causal mask, the
// softmax, the weighted sum of V and the head's share of W_O. The step-by-step view and the
// `export --view steps` figures draw these steps; the words around them live in the UI.
//
// Letters: T tokens, C d_model, D d_head.
#pragma once

#include <string>
#include <vector>

#include "model/Forward.h"
#include "model/Matrix.h"
#include "model/ModelConfig.h"
#include "model/TransformerWeights.h"
#include "text/Token.h"

namespace atlas {

class Model;

enum class WalkthroughStepKind {
    Embeddings,        // token + position (+ type) embeddings
    LayerInput,        // the stream entering the layer and what the projection reads
    Projections,       // Q, K, V of this head
    Scores,            // Q K^T
    Scaled,            // Q K^T / sqrt(D)
    Mask,              // causal models: keys after the query set to -infinity
    Softmax,           // each row to probabilities: the head's attention map
    WeightedSum,       // A V: the head's output
    OutputProjection,  // the output times the head's rows of W_O: its share of the block output
};

// What a matrix's rows or columns stand for.
enum class WalkthroughAxis { Tokens, Dimensions };

// Which matrix of the computation it is; the UI names it.
enum class WalkthroughMatrixRole {
    TokenEmbedding,
    PositionEmbedding,
    TypeEmbedding,
    EmbeddingSum,
    LayerStream,  // the residual stream entering the layer
    HeadInput,    // what the q k v projection reads (GPT-2: after ln_1)
    Query,
    Key,
    Value,
    RawScores,
    ScaledScores,
    MaskedScores,
    Attention,
    HeadOutput,
    OutputWeights,      // the head's D rows of W_O
    OutputContribution  // head output @ W_O rows: this head's part of the attention block output
};

struct WalkthroughMatrix {
    WalkthroughMatrixRole role = WalkthroughMatrixRole::Query;
    std::string symbol;  // the math name: "Q", "QKᵀ", "A"
    Matrix values;       // [rows, cols]; masked entries are -infinity
    WalkthroughAxis rows = WalkthroughAxis::Tokens;
    WalkthroughAxis columns = WalkthroughAxis::Dimensions;
    std::vector<std::string> row_labels;     // [rows] token text or dimension number
    std::vector<std::string> column_labels;  // [cols]
    bool probabilities = false;              // values in [0, 1] (coloured like the heatmap)
    std::string joiner;  // the operator drawn before this matrix ("+", "=", "×"), may be empty
};

struct WalkthroughStep {
    WalkthroughStepKind kind = WalkthroughStepKind::Embeddings;
    std::vector<WalkthroughMatrix> matrices;

    const WalkthroughMatrix* matrix(WalkthroughMatrixRole role) const;
};

struct HeadWalkthrough {
    int layer = 0;
    int head = 0;
    int d_model = 0;
    int d_head = 0;
    bool causal = true;
    bool bert = false;
    float sqrt_d_head = 1;
    std::vector<Token> tokens;  // [T]
    std::vector<WalkthroughStep> steps;

    int tokenCount() const { return static_cast<int>(tokens.size()); }
    const WalkthroughStep* step(WalkthroughStepKind kind) const;
};

// Works `layer`, `head` through on the tokens of a forward pass that captured its internals
// (ForwardOptions::capture_internals). Q, K, V, the scores, the softmax, A V and the W_O share are
// recomputed here from the weights and the captured stream the head reads, so the steps show
// each operation's own result. Throws AtlasError when the head is out of range or the pass has
// no internals.
HeadWalkthrough headWalkthrough(const ModelConfig& config, const TransformerWeights& weights,
                                const std::vector<Token>& tokens, const Forward& forward, int layer,
                                int head);

// Encodes `text`, runs `model` with internals and works the head through.
HeadWalkthrough headWalkthrough(const Model& model, const std::string& text, int layer, int head);

}  // namespace atlas
