// The parameters of a GPT-2 or BERT model in one common layout, shared by inference and training.
//
// Letters: V vocabulary, P positions (n_ctx), C d_model, F d_ff, NH n_head, D d_head = C / NH.
// Every product is written x @ W (x a row per token), so Hugging Face BERT's Linear weights
// ([out, in]) are transposed at load and back at save; GPT-2's Conv1D weights are already [in,
// out]. Vectors (biases, LayerNorm) are 1-row matrices so one visitor reaches every tensor.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "io/Safetensors.h"
#include "model/Matrix.h"
#include "model/ModelConfig.h"
#include "model/PanelView.h"

namespace atlas {

struct LayerWeights {
    // GPT-2 (pre-LN): x = x + attn(ln_attn(x)); x = x + mlp(ln_mlp(x)).
    // BERT (post-LN): x = ln_attn(x + attn(x)); x = ln_mlp(x + mlp(x)).
    Matrix ln_attn_weight;  // [1, C]  gpt h.L.ln_1 / bert attention.output.LayerNorm
    Matrix ln_attn_bias;    // [1, C]
    Matrix
        attn_qkv_weight;   // [C, 3C] columns q | k | v; head h owns columns h*D .. h*D+D-1 of each
    Matrix attn_qkv_bias;  // [1, 3C]
    Matrix attn_out_weight;  // [C, C]  rows h*D .. h*D+D-1 are head h's slice of W_O
    Matrix attn_out_bias;    // [1, C]
    Matrix ln_mlp_weight;    // [1, C]  gpt h.L.ln_2 / bert output.LayerNorm
    Matrix ln_mlp_bias;      // [1, C]
    Matrix mlp_in_weight;    // [C, F]
    Matrix mlp_in_bias;      // [1, F]
    Matrix mlp_out_weight;   // [F, C]
    Matrix mlp_out_bias;     // [1, C]
    // The decoder families (model/DecoderForward.h) use the members above with other shapes:
    // attn_qkv [C, NH*D + 2*KV*D] (q | k | v; GPT-NeoX [C, 3C] with each head's q k v side by
    // side), attn_out [NH*D, C], mlp_in [C, 2F] (gate | up; GPT-NeoX [C, F]); biases and the
    // LayerNorm biases only where the family has them, else empty.
    Matrix q_norm_weight;  // [1, D] Qwen3's RMSNorm of each head's q, else empty
    Matrix k_norm_weight;  // [1, D] and of k
};

// RowMajor: every tensor as its comment says. Panels: the large matrices (the layers' four and
// the token embedding) reordered for the forward pass (model/WeightPanels.h). Mapped: a loaded
// model's large matrices are not in the Matrix members (they are empty) but used where they lie
// in the mapped model file, in its dtype (MappedMatrices). Read them through WeightPanels.h's
// accessors in the last two layouts.
enum class WeightLayout { RowMajor, Panels, Mapped };

// A loaded model's large matrices, viewed in the mapped model file (model/PanelView.h). Each layer
// matrix is a list of column blocks: GPT-2's fused c_attn is one block, BERT's q, k and v three.
struct MappedMatrices {
    std::shared_ptr<const void> file;  // keeps the mapping open as long as any copy of the weights
    PanelView output_projection;       // E^T [C, V] over the stored token embedding E [V, C]
    // A decoder family with an untied lm_head: output_projection views lm_head^T and this the
    // token embedding E^T [C, V]. Else data is null and the embedding is output_projection.
    PanelView input_embedding;
    struct Layer {
        std::vector<PanelView> attn_qkv, attn_out, mlp_in, mlp_out;
    };
    std::vector<Layer> layers;

    // The stored tensors the views read, for the check of their values (model/MappedTensorCheck.h):
    // opening a model does not scan them, the forward does when a product is not finite.
    struct Tensor {
        std::string name;
        const void* data = nullptr;
        std::size_t count = 0;
        DType dtype = DType::F32;
        std::string file;  // the file (shard) holding it, for messages
    };
    std::string source;  // the model file, for messages
    std::vector<Tensor> tensors;
    // Set once the token embedding is known finite where no forward multiplies all of it.
    mutable std::atomic<bool> embedding_checked{false};
};

struct TransformerWeights {
    WeightLayout layout = WeightLayout::RowMajor;
    std::shared_ptr<const MappedMatrices> mapped;  // only in the Mapped layout
    Matrix token_embedding;                        // [V, C] also the (tied) output projection
    Matrix position_embedding;                     // [P, C]
    Matrix token_type_embedding;                   // [type_vocab, C] BERT only, else empty
    Matrix ln_embed_weight;                        // [1, C] BERT embeddings.LayerNorm, else empty
    Matrix ln_embed_bias;                          // [1, C]
    std::vector<LayerWeights> layers;
    Matrix ln_final_weight;  // [1, C] GPT-2 ln_f, else empty
    Matrix ln_final_bias;    // [1, C]
    // BERT masked-LM head: transform (dense + erf-GELU + LayerNorm), then tied decoder + bias.
    Matrix head_transform_weight;  // [C, C]
    Matrix head_transform_bias;    // [1, C]
    Matrix head_ln_weight;         // [1, C]
    Matrix head_ln_bias;           // [1, C]
    Matrix head_output_bias;       // [1, V]
    // A decoder family's untied lm_head [V, C] (RowMajor layout; Mapped: MappedMatrices), else
    // empty: the output projection is then the token embedding.
    Matrix output_embedding;

    // Every tensor this architecture uses, with its own (layout-independent) name such as
    // "layers.2.attn_qkv_weight". The order is fixed, so optimisers and checkpoints can rely on it.
    void forEach(const ModelConfig& config,
                 const std::function<void(const std::string& name, Matrix& tensor)>& visit);
    void forEach(
        const ModelConfig& config,
        const std::function<void(const std::string& name, const Matrix& tensor)>& visit) const;

    // Zero-filled tensors of the right shapes for `config`.
    static TransformerWeights zeros(const ModelConfig& config);
    // GPT-2 style initialisation (normal(0, 0.02), residual projections scaled by 1/sqrt(2 L),
    // LayerNorm weight 1), reproducible for a seed.
    static TransformerWeights initialised(const ModelConfig& config, unsigned seed);
    std::size_t parameterCount(const ModelConfig& config) const;
};

// The one visiting order of the weights, also the order of checkpoints: `Weights` is
// TransformerWeights or the trainer's double-precision twin (same member names), const or not.
// `bert` selects the architecture's own tensors (token types, embedding LayerNorm and MLM head
// instead of the final LayerNorm). Names read "layers.2.attn_qkv_weight".
template <typename Weights, typename Visit>
void visitWeightTensors(Weights& weights, bool bert, Visit&& visit) {
    visit(std::string("token_embedding"), weights.token_embedding);
    visit(std::string("position_embedding"), weights.position_embedding);
    if (bert) {
        visit(std::string("token_type_embedding"), weights.token_type_embedding);
        visit(std::string("ln_embed_weight"), weights.ln_embed_weight);
        visit(std::string("ln_embed_bias"), weights.ln_embed_bias);
    }
    for (std::size_t index = 0; index < weights.layers.size(); ++index) {
        auto& layer = weights.layers[index];
        const std::string prefix = "layers." + std::to_string(index) + ".";
        visit(prefix + "ln_attn_weight", layer.ln_attn_weight);
        visit(prefix + "ln_attn_bias", layer.ln_attn_bias);
        visit(prefix + "attn_qkv_weight", layer.attn_qkv_weight);
        visit(prefix + "attn_qkv_bias", layer.attn_qkv_bias);
        visit(prefix + "attn_out_weight", layer.attn_out_weight);
        visit(prefix + "attn_out_bias", layer.attn_out_bias);
        visit(prefix + "ln_mlp_weight", layer.ln_mlp_weight);
        visit(prefix + "ln_mlp_bias", layer.ln_mlp_bias);
        visit(prefix + "mlp_in_weight", layer.mlp_in_weight);
        visit(prefix + "mlp_in_bias", layer.mlp_in_bias);
        visit(prefix + "mlp_out_weight", layer.mlp_out_weight);
        visit(prefix + "mlp_out_bias", layer.mlp_out_bias);
    }
    if (bert) {
        visit(std::string("head_transform_weight"), weights.head_transform_weight);
        visit(std::string("head_transform_bias"), weights.head_transform_bias);
        visit(std::string("head_ln_weight"), weights.head_ln_weight);
        visit(std::string("head_ln_bias"), weights.head_ln_bias);
        visit(std::string("head_output_bias"), weights.head_output_bias);
    } else {
        visit(std::string("ln_final_weight"), weights.ln_final_weight);
        visit(std::string("ln_final_bias"), weights.ln_final_bias);
    }
}

}  // namespace atlas
