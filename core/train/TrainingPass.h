// Forward and backward passes of GPT-2 and BERT for training (llm.c style), float or double.
//
// Letters: B sequences, T positions, N = B T rows, C d_model, F d_ff, NH n_head, D d_head,
// V vocabulary, R rows that carry a loss (BERT: the masked positions; GPT-2: all N).
//
// The forward pass is a list of operations whose outputs are kept in `Activations`; the backward
// pass walks the same list in reverse. It computes exactly what the inference forward computes
// (core/model/TransformerForward.h); tests compare the logits.
// GPT-2 (pre-LN):  x = wte[id] + wpe[t]; per layer x += attn(ln_1(x)); x += mlp(ln_2(x));
//                  logits = ln_f(x) @ wte^T.
// BERT (post-LN):  x = LN_embed(wte[id] + wpe[t] + wtt[0]); per layer x = LN_attn(x + attn(x));
//                  x = LN_mlp(x + mlp(x)); for masked rows only: logits = LN_head(gelu(x @ W_t +
//                  b_t)) @ wte^T + b_out.
// The loss is the summed cross-entropy over positions whose target is >= 0, accumulated in double.
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "model/ModelConfig.h"
#include "train/TrainingWeights.h"

namespace atlas {

// B sequences of T tokens for one pass.
struct TrainingBatch {
    int batch_size = 0;        // B
    int context = 0;           // T
    std::vector<int> inputs;   // [B T] token ids fed to the model
    std::vector<int> targets;  // [B T] id to predict at each position; -1: no loss there
    std::vector<int> lengths;  // [B] real tokens per sequence, keys beyond are masked; empty: all T
};

struct LossSum {
    double sum = 0;          // summed cross-entropy (nats)
    std::int64_t count = 0;  // positions with a target
    double mean() const { return count > 0 ? sum / static_cast<double>(count) : 0.0; }
};

template <typename Weights>
class TrainingPass {
  public:
    using Scalar = typename WeightsTraits<Weights>::Scalar;
    using Mat = typename WeightsTraits<Weights>::Mat;
    using Vec = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

    explicit TrainingPass(const ModelConfig& config);

    // Runs the forward pass on `batch` and keeps every activation for `backward`. With
    // keep_logits the logits stay readable through logits(); otherwise the buffer is turned into
    // probabilities in place (saving a pass over [R, V]).
    LossSum forward(const Weights& weights, const TrainingBatch& batch, bool keep_logits = false);

    // grads += d(loss_scale * loss sum of the last forward) / d(weights). `grads` has the shapes
    // of `weights` (zerosLike). The batch and weights must be those of the last forward.
    void backward(const Weights& weights, const TrainingBatch& batch, Scalar loss_scale,
                  Weights& grads);

    // [R, V] logits of the last forward (only with keep_logits) and which row of the batch each
    // of the R rows is (GPT-2: 0 .. N-1; BERT: the positions with a target).
    const Mat& logits() const { return activations_.logits; }
    const std::vector<int>& logitRows() const { return activations_.loss_rows; }
    // [L][B NH] attention probabilities of the last forward, each [T, T] (tests, inspection).
    const Mat& attention(int layer) const { return activations_.layers[layer].probabilities; }

    // Multiply-adds of the dense matrix products (not attention) of one forward + backward on
    // `rows` rows with `loss_rows` rows reaching the output layer; the benchmark's FLOP count.
    static double denseFlops(const ModelConfig& config, double rows, double loss_rows);
    static double attentionFlops(const ModelConfig& config, double batch, double context);

  private:
    struct LayerActivations {
        Mat input;                // [N, C] residual stream entering the layer
        Mat ln_attn_normed;       // [N, C] GPT-2: (x - mean) * rstd of ln_1's input
        Vec ln_attn_rstd;         // [N]
        Mat attn_input;           // [N, C] GPT-2: ln_1(x); BERT: unused (x itself)
        Mat qkv;                  // [N, 3C] q | k | v
        Mat probabilities;        // [B NH T, T] softmax(q k^T / sqrt(D) + mask), rows sum to 1
        Mat attn_values;          // [N, C] heads' probabilities @ v, concatenated
        Mat residual_attn;        // [N, C] x + attn_values @ W_O + b_O
        Mat ln_mlp_input_normed;  // [N, C] normalised input of LN_2 (GPT-2) / LN_attn (BERT)
        Vec ln_mlp_input_rstd;    // [N]
        Mat mlp_input;            // [N, C] GPT-2: ln_2(residual_attn); BERT: LN_attn(residual_attn)
        Mat mlp_pre;              // [N, F] mlp_input @ W_in + b_in
        Mat mlp_act;              // [N, F] gelu(mlp_pre)
        Mat output_normed;        // [N, C] BERT: normalised input of LN_mlp
        Vec output_rstd;          // [N]
    };
    struct Activations {
        Mat embedded;      // [N, C] wte + wpe (+ wtt) before BERT's LN_embed
        Mat embed_normed;  // [N, C] BERT: normalised embedding
        Vec embed_rstd;    // [N]
        std::vector<LayerActivations> layers;
        Mat final_output;            // [N, C] residual stream after the last layer
        Mat final_normed;            // [N, C] GPT-2: normalised input of ln_f
        Vec final_rstd;              // [N]
        std::vector<int> loss_rows;  // [R] rows of the batch with a target
        Mat head_input;              // [R, C] GPT-2: ln_f(x); BERT: x of the masked rows
        Mat head_pre;                // [R, C] BERT: head_input @ W_t + b_t
        Mat head_act;                // [R, C] BERT: gelu(head_pre)
        Mat head_normed;             // [R, C] BERT: normalised head_act
        Vec head_rstd;               // [R]
        Mat decoder_input;   // [R, C] what multiplies wte^T (GPT-2: head_input; BERT: LN_head)
        Mat logits;          // [R, V] logits, or probabilities after forward without keep_logits
        Vec log_normaliser;  // [R] log-sum-exp of each logits row
        bool logits_are_probabilities = false;
    };

    void attentionForward(LayerActivations& layer, const TrainingBatch& batch) const;
    void attentionBackward(LayerActivations& layer, const TrainingBatch& batch,
                           const Mat& d_attn_values, Mat& d_qkv);

    ModelConfig config_;
    Activations activations_;
    // Scratch buffers, reused across steps.
    Mat scratch_;   // [N, C] BERT: LN_mlp's input
    Mat d_x_;       // [N, C] gradient of the residual stream
    Mat d_mid_;     // [N, C] gradient inside a layer
    Mat d_head_;    // [R, C] gradient of the decoder input
    Mat d_ff_;      // [N, F]
    Mat d_values_;  // [N, C]
    Mat d_qkv_;     // [N, 3C]
    Mat d_scores_;  // [T, T]
};

extern template class TrainingPass<TransformerWeights>;
extern template class TrainingPass<TransformerWeightsD>;

}  // namespace atlas
