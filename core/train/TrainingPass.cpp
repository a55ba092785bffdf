// Forward and backward passes of GPT-2 and BERT for training: the operations and their adjoints.
//
// Letters as in TrainingPass.h. Every matrix product is one large Eigen GEMM over all N rows
// (written with .noalias() so Eigen does not allocate a temporary); attention runs per
// (sequence, head) on [T, D] blocks of the fused q | k | v matrix.
// GCC 12 reports a false "may be used uninitialized" inside Eigen's AVX-512 kernels
// (_mm256_undefined_pd); it must be silenced before Eigen is included.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"

#include "train/TrainingPass.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <unsupported/Eigen/SpecialFunctions>

#include "Error.h"

namespace atlas {

namespace {

// ----------------------------------------------------------------------------------------------
// LayerNorm: output = (x - mean) * rstd * weight + bias, rstd = 1 / sqrt(var + eps), biased var.

template <typename Mat, typename Vec>
void layerNormForward(const Mat& input, const Mat& weight, const Mat& bias, double epsilon,
                      Mat& normed, Vec& rstd, Mat& output) {
    using Scalar = typename Mat::Scalar;
    const Eigen::Index rows = input.rows();
    const Eigen::Index columns = input.cols();
    normed.resize(rows, columns);  // [rows, C]
    rstd.resize(rows);             // [rows]
    output.resize(rows, columns);  // [rows, C]
    for (Eigen::Index r = 0; r < rows; ++r) {
        const Scalar mean = input.row(r).mean();
        normed.row(r) = input.row(r).array() - mean;
        const Scalar variance = normed.row(r).squaredNorm() / static_cast<Scalar>(columns);
        const Scalar inverse = Scalar(1) / std::sqrt(variance + static_cast<Scalar>(epsilon));
        rstd(r) = inverse;
        normed.row(r) *= inverse;
        output.row(r) = normed.row(r).cwiseProduct(weight) + bias;
    }
}

// d_input (= or +=) from d_output; accumulates the weight and bias gradients.
template <typename Mat, typename Vec>
void layerNormBackward(const Mat& d_output, const Mat& normed, const Vec& rstd, const Mat& weight,
                       Mat& d_weight, Mat& d_bias, Mat& d_input, bool accumulate) {
    using Scalar = typename Mat::Scalar;
    const Eigen::Index rows = d_output.rows();
    const Eigen::Index columns = d_output.cols();
    d_weight.noalias() += d_output.cwiseProduct(normed).colwise().sum();
    d_bias.noalias() += d_output.colwise().sum();
    if (!accumulate) {
        d_input.resize(rows, columns);
    }
    Eigen::Matrix<Scalar, 1, Eigen::Dynamic> d_normed(columns);  // [C]
    for (Eigen::Index r = 0; r < rows; ++r) {
        d_normed = d_output.row(r).cwiseProduct(weight);
        const Scalar mean_d = d_normed.mean();
        const Scalar mean_d_normed = d_normed.dot(normed.row(r)) / static_cast<Scalar>(columns);
        if (accumulate) {
            d_input.row(r).array() +=
                rstd(r) * (d_normed.array() - mean_d - normed.row(r).array() * mean_d_normed);
        } else {
            d_input.row(r).array() =
                rstd(r) * (d_normed.array() - mean_d - normed.row(r).array() * mean_d_normed);
        }
    }
}

// ----------------------------------------------------------------------------------------------
// GELU. tanh form (GPT-2): 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)));
// erf form (BERT): 0.5 x (1 + erf(x / sqrt 2)). Rows one at a time so temporaries stay small.

constexpr double kSqrtTwoOverPi = 0.7978845608028654;
constexpr double kInverseSqrtTwo = 0.7071067811865476;
constexpr double kInverseSqrtTwoPi = 0.3989422804014327;

template <typename Mat>
void geluForward(const Mat& pre, Mat& act, bool tanh_form) {
    using Scalar = typename Mat::Scalar;
    using Row = Eigen::Array<Scalar, 1, Eigen::Dynamic>;
    act.resize(pre.rows(), pre.cols());
    for (Eigen::Index r = 0; r < pre.rows(); ++r) {
        const Row x = pre.row(r).array();
        if (tanh_form) {
            const Row inner = Scalar(kSqrtTwoOverPi) * (x + Scalar(0.044715) * x.cube());
            act.row(r) = (Scalar(0.5) * x * (Scalar(1) + inner.tanh())).matrix();
        } else {
            act.row(r) =
                (Scalar(0.5) * x * (Scalar(1) + (x * Scalar(kInverseSqrtTwo)).erf())).matrix();
        }
    }
}

// d_values (in place): d_act -> d_pre = d_act * gelu'(pre).
template <typename Mat>
void geluBackward(const Mat& pre, Mat& d_values, bool tanh_form) {
    using Scalar = typename Mat::Scalar;
    using Row = Eigen::Array<Scalar, 1, Eigen::Dynamic>;
    for (Eigen::Index r = 0; r < pre.rows(); ++r) {
        const Row x = pre.row(r).array();
        Row derivative;
        if (tanh_form) {
            const Row tanh_inner =
                (Scalar(kSqrtTwoOverPi) * (x + Scalar(0.044715) * x.cube())).tanh();
            derivative = Scalar(0.5) * (Scalar(1) + tanh_inner) +
                         Scalar(0.5) * x * (Scalar(1) - tanh_inner.square()) *
                             Scalar(kSqrtTwoOverPi) *
                             (Scalar(1) + Scalar(3 * 0.044715) * x.square());
        } else {
            derivative = Scalar(0.5) * (Scalar(1) + (x * Scalar(kInverseSqrtTwo)).erf()) +
                         x * Scalar(kInverseSqrtTwoPi) * (Scalar(-0.5) * x.square()).exp();
        }
        d_values.row(r).array() *= derivative;
    }
}

// y += b for every row of y (b is [1, columns]).
template <typename Mat>
void addBias(Mat& y, const Mat& bias) {
    y.rowwise() += bias.row(0);
}

}  // namespace

// ----------------------------------------------------------------------------------------------

template <typename Weights>
TrainingPass<Weights>::TrainingPass(const ModelConfig& config) : config_(config) {
    if (config.n_head <= 0 || config.d_model % config.n_head != 0) {
        throw AtlasError("training: d_model " + std::to_string(config.d_model) +
                         " is not a multiple of n_head " + std::to_string(config.n_head));
    }
    activations_.layers.resize(config.n_layer);
}

template <typename Weights>
void TrainingPass<Weights>::attentionForward(LayerActivations& layer,
                                             const TrainingBatch& batch) const {
    const int B = batch.batch_size;
    const int T = batch.context;
    const int C = config_.d_model;
    const int NH = config_.n_head;
    const int D = config_.d_head();
    const Scalar scale = Scalar(1) / std::sqrt(static_cast<Scalar>(D));
    const bool causal = config_.causal();
    layer.probabilities.resize(static_cast<Eigen::Index>(B) * NH * T, T);  // [B NH T, T]
    layer.attn_values.resize(static_cast<Eigen::Index>(B) * T, C);         // [N, C]
    for (int b = 0; b < B; ++b) {
        const int length = batch.lengths.empty() ? T : batch.lengths[b];
        for (int h = 0; h < NH; ++h) {
            const auto q = layer.qkv.block(b * T, h * D, T, D);                         // [T, D]
            const auto k = layer.qkv.block(b * T, C + h * D, T, D);                     // [T, D]
            const auto v = layer.qkv.block(b * T, 2 * C + h * D, T, D);                 // [T, D]
            auto probabilities = layer.probabilities.block((b * NH + h) * T, 0, T, T);  // [T, T]
            probabilities.noalias() = q * k.transpose();
            for (int i = 0; i < T; ++i) {
                // Keys a query may see: j < length, and j <= i in a causal model.
                const int visible = causal ? std::min(i + 1, length) : length;
                auto row = probabilities.row(i);
                if (visible <= 0) {
                    row.setZero();
                    continue;
                }
                auto seen = row.head(visible);
                seen *= scale;
                const Scalar maximum = seen.maxCoeff();
                seen = (seen.array() - maximum).exp().matrix();
                seen /= seen.sum();
                row.tail(T - visible).setZero();
            }
            layer.attn_values.block(b * T, h * D, T, D).noalias() = probabilities * v;
        }
    }
}

template <typename Weights>
void TrainingPass<Weights>::attentionBackward(LayerActivations& layer, const TrainingBatch& batch,
                                              const Mat& d_attn_values, Mat& d_qkv) {
    const int B = batch.batch_size;
    const int T = batch.context;
    const int C = config_.d_model;
    const int NH = config_.n_head;
    const int D = config_.d_head();
    const Scalar scale = Scalar(1) / std::sqrt(static_cast<Scalar>(D));
    d_qkv.resize(static_cast<Eigen::Index>(B) * T, 3 * C);  // [N, 3C]
    d_scores_.resize(T, T);                                 // [T, T]
    for (int b = 0; b < B; ++b) {
        for (int h = 0; h < NH; ++h) {
            const auto q = layer.qkv.block(b * T, h * D, T, D);
            const auto k = layer.qkv.block(b * T, C + h * D, T, D);
            const auto v = layer.qkv.block(b * T, 2 * C + h * D, T, D);
            const auto probabilities = layer.probabilities.block((b * NH + h) * T, 0, T, T);
            const auto d_values = d_attn_values.block(b * T, h * D, T, D);  // [T, D]
            // values = P v: dP = d_values v^T, dv = P^T d_values.
            d_scores_.noalias() = d_values * v.transpose();
            d_qkv.block(b * T, 2 * C + h * D, T, D).noalias() =
                probabilities.transpose() * d_values;
            // Softmax: dS = P * (dP - rowsum(P * dP)); the 1/sqrt(D) scale folds in here.
            for (int i = 0; i < T; ++i) {
                const Scalar dot = probabilities.row(i).dot(d_scores_.row(i));
                d_scores_.row(i).array() =
                    probabilities.row(i).array() * (d_scores_.row(i).array() - dot) * scale;
            }
            // S = q k^T: dq = dS k, dk = dS^T q.
            d_qkv.block(b * T, h * D, T, D).noalias() = d_scores_ * k;
            d_qkv.block(b * T, C + h * D, T, D).noalias() = d_scores_.transpose() * q;
        }
    }
}

template <typename Weights>
LossSum TrainingPass<Weights>::forward(const Weights& weights, const TrainingBatch& batch,
                                       bool keep_logits) {
    const int B = batch.batch_size;
    const int T = batch.context;
    const int N = B * T;
    const int C = config_.d_model;
    const int V = config_.vocab_size;
    const bool bert = config_.architecture == Architecture::Bert;
    const double epsilon = config_.layer_norm_epsilon;
    if (T > config_.n_ctx || static_cast<int>(batch.inputs.size()) != N ||
        static_cast<int>(batch.targets.size()) != N ||
        (!batch.lengths.empty() && static_cast<int>(batch.lengths.size()) != B)) {
        throw AtlasError("training: batch shape does not match B " + std::to_string(B) + ", T " +
                         std::to_string(T) + " (context " + std::to_string(config_.n_ctx) + ")");
    }
    Activations& a = activations_;
    a.layers.resize(config_.n_layer);

    // ---- embeddings: embedded = wte[id] + wpe[t] (+ wtt[0])                       [N, C]
    a.embedded.resize(N, C);
    for (int row = 0; row < N; ++row) {
        const int id = batch.inputs[row];
        if (id < 0 || id >= V) {
            throw AtlasError("training: token id " + std::to_string(id) + " outside vocabulary");
        }
        a.embedded.row(row) =
            weights.token_embedding.row(id) + weights.position_embedding.row(row % T);
        if (bert) {
            a.embedded.row(row) += weights.token_type_embedding.row(0);
        }
    }
    Mat& first_input = config_.n_layer > 0 ? a.layers[0].input : a.final_output;
    if (bert) {
        layerNormForward(a.embedded, weights.ln_embed_weight, weights.ln_embed_bias, epsilon,
                         a.embed_normed, a.embed_rstd, first_input);
    } else {
        first_input = a.embedded;
    }

    // ---- layers
    for (int l = 0; l < config_.n_layer; ++l) {
        LayerActivations& layer = a.layers[l];
        const auto& w = weights.layers[l];
        Mat& output = l + 1 < config_.n_layer ? a.layers[l + 1].input : a.final_output;  // [N, C]
        if (!bert) {
            layerNormForward(layer.input, w.ln_attn_weight, w.ln_attn_bias, epsilon,
                             layer.ln_attn_normed, layer.ln_attn_rstd, layer.attn_input);
        }
        const Mat& attn_input = bert ? layer.input : layer.attn_input;  // [N, C]
        layer.qkv.noalias() = attn_input * w.attn_qkv_weight;           // [N, 3C]
        addBias(layer.qkv, w.attn_qkv_bias);
        attentionForward(layer, batch);     // [N, C]
        layer.residual_attn = layer.input;  // [N, C]
        layer.residual_attn.noalias() += layer.attn_values * w.attn_out_weight;
        addBias(layer.residual_attn, w.attn_out_bias);
        // GPT-2: mlp_input = ln_2(residual); BERT: mlp_input = LN_attn(residual).
        layerNormForward(layer.residual_attn, bert ? w.ln_attn_weight : w.ln_mlp_weight,
                         bert ? w.ln_attn_bias : w.ln_mlp_bias, epsilon, layer.ln_mlp_input_normed,
                         layer.ln_mlp_input_rstd, layer.mlp_input);
        layer.mlp_pre.noalias() = layer.mlp_input * w.mlp_in_weight;  // [N, F]
        addBias(layer.mlp_pre, w.mlp_in_bias);
        geluForward(layer.mlp_pre, layer.mlp_act, config_.gelu_tanh);  // [N, F]
        if (!bert) {
            output = layer.residual_attn;  // [N, C]
            output.noalias() += layer.mlp_act * w.mlp_out_weight;
            addBias(output, w.mlp_out_bias);
        } else {
            scratch_ = layer.mlp_input;  // [N, C]
            scratch_.noalias() += layer.mlp_act * w.mlp_out_weight;
            addBias(scratch_, w.mlp_out_bias);
            layerNormForward(scratch_, w.ln_mlp_weight, w.ln_mlp_bias, epsilon, layer.output_normed,
                             layer.output_rstd, output);
        }
    }

    // ---- output head
    a.loss_rows.clear();
    if (!bert) {
        for (int row = 0; row < N; ++row) {
            a.loss_rows.push_back(row);
        }
        layerNormForward(a.final_output, weights.ln_final_weight, weights.ln_final_bias, epsilon,
                         a.final_normed, a.final_rstd, a.head_input);  // [N, C]
    } else {
        for (int row = 0; row < N; ++row) {
            if (batch.targets[row] >= 0) {
                a.loss_rows.push_back(row);
            }
        }
        const int R = static_cast<int>(a.loss_rows.size());
        a.head_input.resize(R, C);  // [R, C]
        for (int r = 0; r < R; ++r) {
            a.head_input.row(r) = a.final_output.row(a.loss_rows[r]);
        }
        a.head_pre.noalias() = a.head_input * weights.head_transform_weight;  // [R, C]
        addBias(a.head_pre, weights.head_transform_bias);
        geluForward(a.head_pre, a.head_act, /*tanh_form=*/false);  // [R, C]
        layerNormForward(a.head_act, weights.head_ln_weight, weights.head_ln_bias, epsilon,
                         a.head_normed, a.head_rstd, a.decoder_input);  // [R, C]
    }
    const Mat& decoder_input = bert ? a.decoder_input : a.head_input;  // [R, C]
    const int R = static_cast<int>(a.loss_rows.size());
    a.logits.noalias() = decoder_input * weights.token_embedding.transpose();  // [R, V]
    if (bert) {
        addBias(a.logits, weights.head_output_bias);
    }

    // ---- cross-entropy: loss = log-sum-exp(row) - row[target], summed in double
    LossSum loss;
    a.log_normaliser.resize(R);
    for (int r = 0; r < R; ++r) {
        const int target = batch.targets[a.loss_rows[r]];
        auto row = a.logits.row(r);
        const Scalar maximum = row.maxCoeff();
        const Scalar target_logit = target >= 0 ? row(target) : Scalar(0);
        Scalar normaliser;
        if (keep_logits) {
            normaliser = (row.array() - maximum).exp().sum();
        } else {
            row = (row.array() - maximum).exp().matrix();
            normaliser = row.sum();
            row /= normaliser;
        }
        const Scalar log_normaliser = maximum + std::log(normaliser);
        a.log_normaliser(r) = log_normaliser;
        if (target >= 0) {
            if (target >= V) {
                throw AtlasError("training: target id " + std::to_string(target) +
                                 " outside vocabulary");
            }
            loss.sum += static_cast<double>(log_normaliser - target_logit);
            ++loss.count;
        }
    }
    a.logits_are_probabilities = !keep_logits;
    return loss;
}

template <typename Weights>
void TrainingPass<Weights>::backward(const Weights& weights, const TrainingBatch& batch,
                                     Scalar loss_scale, Weights& grads) {
    const int B = batch.batch_size;
    const int T = batch.context;
    const int N = B * T;
    const int C = config_.d_model;
    const bool bert = config_.architecture == Architecture::Bert;
    Activations& a = activations_;
    const int R = static_cast<int>(a.loss_rows.size());

    // ---- cross-entropy: d_logits = (softmax - onehot(target)) * scale, in the logits buffer
    for (int r = 0; r < R; ++r) {
        const int target = batch.targets[a.loss_rows[r]];
        auto row = a.logits.row(r);
        if (target < 0) {
            row.setZero();
            continue;
        }
        if (!a.logits_are_probabilities) {
            row = (row.array() - a.log_normaliser(r)).exp().matrix();
        }
        row(target) -= Scalar(1);
        row *= loss_scale;
    }
    a.logits_are_probabilities = false;
    const Mat& d_logits = a.logits;                                           // [R, V]
    const Mat& decoder_input = bert ? a.decoder_input : a.head_input;         // [R, C]
    grads.token_embedding.noalias() += d_logits.transpose() * decoder_input;  // [V, C]
    d_head_.noalias() = d_logits * weights.token_embedding;                   // [R, C]

    // ---- output head back to the residual stream d_x                                  [N, C]
    if (!bert) {
        layerNormBackward(d_head_, a.final_normed, a.final_rstd, weights.ln_final_weight,
                          grads.ln_final_weight, grads.ln_final_bias, d_x_, false);
    } else {
        grads.head_output_bias.noalias() += d_logits.colwise().sum();
        layerNormBackward(d_head_, a.head_normed, a.head_rstd, weights.head_ln_weight,
                          grads.head_ln_weight, grads.head_ln_bias, d_mid_, false);  // [R, C]
        geluBackward(a.head_pre, d_mid_, /*tanh_form=*/false);                       // [R, C]
        grads.head_transform_weight.noalias() += a.head_input.transpose() * d_mid_;
        grads.head_transform_bias.noalias() += d_mid_.colwise().sum();
        d_head_.noalias() = d_mid_ * weights.head_transform_weight.transpose();  // [R, C]
        d_x_.setZero(N, C);
        for (int r = 0; r < R; ++r) {
            d_x_.row(a.loss_rows[r]) += d_head_.row(r);
        }
    }

    // ---- layers in reverse; d_x_ holds the gradient of the layer's output
    for (int l = config_.n_layer - 1; l >= 0; --l) {
        LayerActivations& layer = a.layers[l];
        const auto& w = weights.layers[l];
        auto& g = grads.layers[l];
        if (!bert) {
            // output = residual_attn + gelu(mlp_pre) @ W_out + b_out
            g.mlp_out_weight.noalias() += layer.mlp_act.transpose() * d_x_;
            g.mlp_out_bias.noalias() += d_x_.colwise().sum();
            d_ff_.noalias() = d_x_ * w.mlp_out_weight.transpose();  // [N, F]
            geluBackward(layer.mlp_pre, d_ff_, config_.gelu_tanh);
            g.mlp_in_weight.noalias() += layer.mlp_input.transpose() * d_ff_;
            g.mlp_in_bias.noalias() += d_ff_.colwise().sum();
            d_mid_.noalias() = d_ff_ * w.mlp_in_weight.transpose();  // [N, C]
            layerNormBackward(d_mid_, layer.ln_mlp_input_normed, layer.ln_mlp_input_rstd,
                              w.ln_mlp_weight, g.ln_mlp_weight, g.ln_mlp_bias, d_x_, true);
            // d_x_ is now d(residual_attn); residual_attn = input + values @ W_O + b_O
            g.attn_out_weight.noalias() += layer.attn_values.transpose() * d_x_;
            g.attn_out_bias.noalias() += d_x_.colwise().sum();
            d_values_.noalias() = d_x_ * w.attn_out_weight.transpose();  // [N, C]
            attentionBackward(layer, batch, d_values_, d_qkv_);          // [N, 3C]
            g.attn_qkv_weight.noalias() += layer.attn_input.transpose() * d_qkv_;
            g.attn_qkv_bias.noalias() += d_qkv_.colwise().sum();
            d_mid_.noalias() = d_qkv_ * w.attn_qkv_weight.transpose();  // [N, C]
            layerNormBackward(d_mid_, layer.ln_attn_normed, layer.ln_attn_rstd, w.ln_attn_weight,
                              g.ln_attn_weight, g.ln_attn_bias, d_x_, true);
        } else {
            // output = LN_mlp(mlp_input + gelu(mlp_pre) @ W_out + b_out)
            layerNormBackward(d_x_, layer.output_normed, layer.output_rstd, w.ln_mlp_weight,
                              g.ln_mlp_weight, g.ln_mlp_bias, d_mid_, false);  // [N, C]
            g.mlp_out_weight.noalias() += layer.mlp_act.transpose() * d_mid_;
            g.mlp_out_bias.noalias() += d_mid_.colwise().sum();
            d_ff_.noalias() = d_mid_ * w.mlp_out_weight.transpose();  // [N, F]
            geluBackward(layer.mlp_pre, d_ff_, config_.gelu_tanh);
            g.mlp_in_weight.noalias() += layer.mlp_input.transpose() * d_ff_;
            g.mlp_in_bias.noalias() += d_ff_.colwise().sum();
            d_x_ = d_mid_;  // [N, C]
            d_x_.noalias() += d_ff_ * w.mlp_in_weight.transpose();
            // mlp_input = LN_attn(residual_attn)
            layerNormBackward(d_x_, layer.ln_mlp_input_normed, layer.ln_mlp_input_rstd,
                              w.ln_attn_weight, g.ln_attn_weight, g.ln_attn_bias, d_mid_, false);
            // residual_attn = input + values @ W_O + b_O
            g.attn_out_weight.noalias() += layer.attn_values.transpose() * d_mid_;
            g.attn_out_bias.noalias() += d_mid_.colwise().sum();
            d_values_.noalias() = d_mid_ * w.attn_out_weight.transpose();  // [N, C]
            attentionBackward(layer, batch, d_values_, d_qkv_);            // [N, 3C]
            g.attn_qkv_weight.noalias() += layer.input.transpose() * d_qkv_;
            g.attn_qkv_bias.noalias() += d_qkv_.colwise().sum();
            d_x_ = d_mid_;
            d_x_.noalias() += d_qkv_ * w.attn_qkv_weight.transpose();
        }
    }

    // ---- embeddings
    const Mat* d_embedded = &d_x_;  // [N, C]
    if (bert) {
        layerNormBackward(d_x_, a.embed_normed, a.embed_rstd, weights.ln_embed_weight,
                          grads.ln_embed_weight, grads.ln_embed_bias, d_mid_, false);
        d_embedded = &d_mid_;
        grads.token_type_embedding.row(0) += d_mid_.colwise().sum();
    }
    for (int row = 0; row < N; ++row) {
        grads.token_embedding.row(batch.inputs[row]) += d_embedded->row(row);
        grads.position_embedding.row(row % T) += d_embedded->row(row);
    }
}

template <typename Weights>
double TrainingPass<Weights>::denseFlops(const ModelConfig& config, double rows, double loss_rows) {
    const double C = config.d_model;
    const double F = config.d_ff;
    const double V = config.vocab_size;
    const double per_row = config.n_layer * (2 * C * 3 * C + 2 * C * C + 2 * 2 * C * F);
    double per_loss_row = 2 * C * V;
    if (config.architecture == Architecture::Bert) {
        per_loss_row += 2 * C * C;
    }
    // Backward = two products per forward product (input and weight gradients).
    return 3 * (rows * per_row + loss_rows * per_loss_row);
}

template <typename Weights>
double TrainingPass<Weights>::attentionFlops(const ModelConfig& config, double batch,
                                             double context) {
    // Forward: q k^T and P v; backward: four products of the same size.
    return 3 * config.n_layer * batch * config.n_head *
           (2 * 2 * context * context * config.d_head());
}

template class TrainingPass<TransformerWeights>;
template class TrainingPass<TransformerWeightsD>;

}  // namespace atlas
