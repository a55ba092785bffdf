// A plain loop-by-loop GPT-2 / BERT forward in double precision: what the fast forward must match.
//
// Letters: T tokens, C d_model, NH n_head, D d_head, F d_ff, V vocabulary. Written from the
// papers and Hugging Face's modelling code, independently of core/model/TransformerForward.cpp.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "model/Forward.h"
#include "model/ModelConfig.h"
#include "model/TransformerWeights.h"

namespace atlas::test {

struct ReferenceForward {
    std::vector<std::vector<MatrixD>> attention;     // [layer][head] -> [T, T]
    std::vector<std::vector<MatrixD>> head_outputs;  // [layer][head] -> [T, D]
    MatrixD logits;                                  // [T, V]
};

namespace reference {

using Rows = std::vector<std::vector<double>>;  // [T][width]

inline Rows layerNorm(const Rows& x, const Matrix& weight, const Matrix& bias, double epsilon) {
    Rows out = x;
    for (std::size_t t = 0; t < x.size(); ++t) {
        const std::size_t C = x[t].size();
        double mean = 0;
        for (double value : x[t])
            mean += value;
        mean /= static_cast<double>(C);
        double variance = 0;
        for (double value : x[t])
            variance += (value - mean) * (value - mean);
        variance /= static_cast<double>(C);
        for (std::size_t c = 0; c < C; ++c) {
            out[t][c] =
                (x[t][c] - mean) / std::sqrt(variance + epsilon) * weight(0, c) + bias(0, c);
        }
    }
    return out;
}

// x [T, K] @ weight [K, N] + bias [1, N]
inline Rows linear(const Rows& x, const Matrix& weight, const Matrix& bias) {
    Rows out(x.size(), std::vector<double>(weight.cols(), 0.0));
    for (std::size_t t = 0; t < x.size(); ++t) {
        for (Eigen::Index n = 0; n < weight.cols(); ++n) {
            double sum = bias.size() ? bias(0, n) : 0.0;
            for (Eigen::Index k = 0; k < weight.rows(); ++k)
                sum += x[t][k] * weight(k, n);
            out[t][n] = sum;
        }
    }
    return out;
}

inline double gelu(double x, bool tanh_approximation) {
    if (tanh_approximation) {
        const double pi = 3.14159265358979323846;
        return 0.5 * x * (1.0 + std::tanh(std::sqrt(2.0 / pi) * (x + 0.044715 * x * x * x)));
    }
    return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
}

inline void add(Rows& x, const Rows& y) {
    for (std::size_t t = 0; t < x.size(); ++t)
        for (std::size_t c = 0; c < x[t].size(); ++c)
            x[t][c] += y[t][c];
}

}  // namespace reference

inline ReferenceForward referenceForward(const ModelConfig& config,
                                         const TransformerWeights& weights,
                                         const std::vector<int>& ids,
                                         const std::vector<HeadIndex>& ablated = {}) {
    using namespace reference;
    const int T = static_cast<int>(ids.size());
    const int C = config.d_model, NH = config.n_head, D = C / NH, V = config.vocab_size;
    const bool bert = config.architecture == Architecture::Bert;
    const double epsilon = config.layer_norm_epsilon;
    ReferenceForward result;

    Rows x(T, std::vector<double>(C));  // [T, C]
    for (int t = 0; t < T; ++t) {
        for (int c = 0; c < C; ++c) {
            x[t][c] = double(weights.token_embedding(ids[t], c)) + weights.position_embedding(t, c);
            if (bert)
                x[t][c] += weights.token_type_embedding(0, c);
        }
    }
    if (bert)
        x = layerNorm(x, weights.ln_embed_weight, weights.ln_embed_bias, epsilon);

    for (int l = 0; l < config.n_layer; ++l) {
        const LayerWeights& layer = weights.layers[l];
        Rows input = bert ? x : layerNorm(x, layer.ln_attn_weight, layer.ln_attn_bias, epsilon);
        Rows qkv = linear(input, layer.attn_qkv_weight, layer.attn_qkv_bias);  // [T, 3C]
        Rows heads(T, std::vector<double>(C, 0.0));                            // [T, C]
        result.attention.emplace_back();
        result.head_outputs.emplace_back();
        for (int h = 0; h < NH; ++h) {
            MatrixD attention = MatrixD::Zero(T, T);
            for (int i = 0; i < T; ++i) {
                std::vector<double> scores(T);
                const int last = config.causal() ? i : T - 1;
                double max = -1e300;
                for (int j = 0; j <= last; ++j) {
                    double dot = 0;
                    for (int d = 0; d < D; ++d)
                        dot += qkv[i][h * D + d] * qkv[j][C + h * D + d];
                    scores[j] = dot / std::sqrt(double(D));
                    max = std::max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j <= last; ++j)
                    sum += std::exp(scores[j] - max);
                for (int j = 0; j <= last; ++j)
                    attention(i, j) = std::exp(scores[j] - max) / sum;
            }
            const bool is_ablated =
                std::find(ablated.begin(), ablated.end(), HeadIndex{l, h}) != ablated.end();
            MatrixD output = MatrixD::Zero(T, D);
            if (!is_ablated) {
                for (int i = 0; i < T; ++i)
                    for (int d = 0; d < D; ++d) {
                        double sum = 0;
                        for (int j = 0; j < T; ++j)
                            sum += attention(i, j) * qkv[j][2 * C + h * D + d];
                        output(i, d) = sum;
                        heads[i][h * D + d] = sum;
                    }
            }
            result.attention[l].push_back(attention);
            result.head_outputs[l].push_back(output);
        }
        Rows attn_out = linear(heads, layer.attn_out_weight, layer.attn_out_bias);  // [T, C]
        if (bert) {
            add(attn_out, x);
            x = layerNorm(attn_out, layer.ln_attn_weight, layer.ln_attn_bias, epsilon);
            Rows hidden = linear(x, layer.mlp_in_weight, layer.mlp_in_bias);  // [T, F]
            for (auto& row : hidden)
                for (double& value : row)
                    value = gelu(value, config.gelu_tanh);
            Rows mlp_out = linear(hidden, layer.mlp_out_weight, layer.mlp_out_bias);
            add(mlp_out, x);
            x = layerNorm(mlp_out, layer.ln_mlp_weight, layer.ln_mlp_bias, epsilon);
        } else {
            add(x, attn_out);
            Rows hidden = linear(layerNorm(x, layer.ln_mlp_weight, layer.ln_mlp_bias, epsilon),
                                 layer.mlp_in_weight, layer.mlp_in_bias);
            for (auto& row : hidden)
                for (double& value : row)
                    value = gelu(value, config.gelu_tanh);
            add(x, linear(hidden, layer.mlp_out_weight, layer.mlp_out_bias));
        }
    }

    if (bert) {
        Rows transform = linear(x, weights.head_transform_weight, weights.head_transform_bias);
        for (auto& row : transform)
            for (double& value : row)
                value = gelu(value, config.gelu_tanh);
        x = layerNorm(transform, weights.head_ln_weight, weights.head_ln_bias, epsilon);
    } else {
        x = layerNorm(x, weights.ln_final_weight, weights.ln_final_bias, epsilon);
    }
    result.logits = MatrixD::Zero(T, V);
    for (int t = 0; t < T; ++t)
        for (int v = 0; v < V; ++v) {
            double sum = bert ? weights.head_output_bias(0, v) : 0.0;
            for (int c = 0; c < C; ++c)
                sum += x[t][c] * weights.token_embedding(v, c);
            result.logits(t, v) = sum;
        }
    return result;
}

}  // namespace atlas::test
