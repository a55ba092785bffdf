// The decoder families' forward pass: RMSNorm or LayerNorm, rotary attention with grouped
// key/value heads and an optional sliding window, SwiGLU or GELU MLP, and a key/value cache.
#include "model/DecoderForward.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "Error.h"
#include "kernel/SimdFunctions.h"
#include "model/ForwardSteps.h"
#include "model/HeadAttention.h"
#include "model/LayerStreams.h"
#include "model/MappedTensorCheck.h"
#include "model/RotaryEmbedding.h"
#include "model/WeightPanels.h"
#include "model/WorkerPool.h"

namespace atlas {

namespace {

// The mapped weights whose products are checked for NaN and Inf lazily (MappedTensorCheck.h):
// a finite product proves its weight finite, so opening a model reads none of the weights.
const MappedMatrices* mappedOf(const TransformerWeights& weights) {
    return weights.mapped.get();
}

using forward_steps::Gelu;

bool isNeox(const ModelConfig& config) {
    return config.family == DecoderFamily::GptNeox;
}

// The columns of the q k v projection's output [T, W] where query head h's q and its key/value
// head's k and v start.
struct HeadColumns {
    Eigen::Index q = 0, k = 0, v = 0;
};

// GPT-NeoX's fused projection keeps each head's q | k | v together (heads outermost); the Llama
// family puts all q, then all k, then all v.
HeadColumns keyValueColumns(const ModelConfig& config, int kv_head) {
    const Eigen::Index D = config.d_head();
    if (isNeox(config)) {
        return {kv_head * 3 * D, kv_head * 3 * D + D, kv_head * 3 * D + 2 * D};
    }
    const Eigen::Index Q = Eigen::Index(config.n_head) * D, K = Eigen::Index(config.kvHeads()) * D;
    return {0, Q + kv_head * D, Q + K + kv_head * D};
}

Eigen::Index queryColumn(const ModelConfig& config, int head) {
    const Eigen::Index D = config.d_head();
    return isNeox(config) ? head * 3 * D : head * D;
}

int kvHeadOf(const ModelConfig& config, int head) {
    return head / (config.n_head / config.kvHeads());
}

// Each row of x [rows, n] (row stride ld) to x / sqrt(mean(x^2) + epsilon) * weight, in place.
void rmsNormInPlace(const Kernel& kernel, float* x, Eigen::Index rows, Eigen::Index n,
                    Eigen::Index ld, const Matrix& weight, float epsilon) {
    const auto* functions =
        kernel.kind == KernelKind::Simd ? kernel::simdFunctions(kernel.level) : nullptr;
    for (Eigen::Index t = 0; t < rows; ++t) {
        float* row = x + t * ld;
        if (functions != nullptr) {
            functions->rms_norm_row(row, weight.data(), epsilon, row, n);
            continue;
        }
        if (kernel.kind == KernelKind::Reference) {
            double squares = 0;
            for (Eigen::Index c = 0; c < n; ++c)
                squares += double(row[c]) * row[c];
            const double scale = 1.0 / std::sqrt(squares / double(n) + epsilon);
            for (Eigen::Index c = 0; c < n; ++c)
                row[c] = static_cast<float>(row[c] * scale * weight(0, c));
            continue;
        }
        Eigen::Map<RowVector> values(row, n);
        const float scale = 1.0f / std::sqrt(values.squaredNorm() / float(n) + epsilon);
        values.array() *= scale * weight.row(0).array();
    }
}

// out = the block's normalisation of x: RMSNorm for the Llama family, LayerNorm for GPT-NeoX.
void normalize(const Kernel& kernel, const ModelConfig& config, Matrix& out, const Matrix& x,
               const Matrix& weight, const Matrix& bias) {
    if (isNeox(config)) {
        forward_steps::layerNormRows(kernel, out, x, weight, bias, config.layer_norm_epsilon);
        return;
    }
    out = x;
    rmsNormInPlace(kernel, out.data(), out.rows(), out.cols(), out.cols(), weight,
                   config.layer_norm_epsilon);
}

// out [rows, cols] = a @ b^T for the heads' small products: Eigen's, or double sums for the
// reference kernel.
template <class Left, class Right>
void productTransposed(const Kernel& kernel, Matrix& out, const Left& a, const Right& b) {
    if (kernel.kind != KernelKind::Reference) {
        out.noalias() = a * b.transpose();
        return;
    }
    out.resize(a.rows(), b.rows());
    for (Eigen::Index i = 0; i < a.rows(); ++i) {
        for (Eigen::Index j = 0; j < b.rows(); ++j) {
            double sum = 0;
            for (Eigen::Index k = 0; k < a.cols(); ++k)
                sum += double(a(i, k)) * b(j, k);
            out(i, j) = static_cast<float>(sum);
        }
    }
}

template <class Out, class Left, class Right>
void product(const Kernel& kernel, Out&& out, const Left& a, const Right& b) {
    if (kernel.kind != KernelKind::Reference) {
        out.noalias() = a * b;
        return;
    }
    for (Eigen::Index i = 0; i < a.rows(); ++i) {
        for (Eigen::Index j = 0; j < b.cols(); ++j) {
            double sum = 0;
            for (Eigen::Index k = 0; k < a.cols(); ++k)
                sum += double(a(i, k)) * b(k, j);
            out(i, j) = static_cast<float>(sum);
        }
    }
}

// probabilities[first, first + n) = softmax(scores[first, first + n)) of one row.
void softmaxSpan(const Kernel& kernel, const float* scores, float* probabilities, Eigen::Index n) {
    if (kernel.kind == KernelKind::Simd) {
        kernel::simdFunctions(kernel.level)->softmax_row(scores, probabilities, n);
        return;
    }
    if (kernel.kind == KernelKind::Reference) {
        double max = scores[0], sum = 0;
        for (Eigen::Index j = 1; j < n; ++j)
            max = std::max<double>(max, scores[j]);
        for (Eigen::Index j = 0; j < n; ++j)
            sum += std::exp(scores[j] - max);
        for (Eigen::Index j = 0; j < n; ++j)
            probabilities[j] = static_cast<float>(std::exp(scores[j] - max) / sum);
        return;
    }
    const Eigen::Map<const RowVector> in(scores, n);
    Eigen::Map<RowVector> out(probabilities, n);
    const float max = in.maxCoeff();
    out = (in.array() - max).exp();
    out *= 1.0f / out.sum();
}

// gate [T, F] = silu(gate) * up, from hidden [T, 2F] = gate | up.
void swiGlu(const Kernel& kernel, Matrix& gated, const Matrix& hidden) {
    const Eigen::Index F = hidden.cols() / 2;
    gated = hidden.leftCols(F);
    const auto* functions =
        kernel.kind == KernelKind::Simd ? kernel::simdFunctions(kernel.level) : nullptr;
    for (Eigen::Index t = 0; t < hidden.rows(); ++t) {
        float* gate = &gated(t, 0);
        const float* up = &hidden(t, F);
        if (functions != nullptr) {
            functions->silu_gate(gate, up, F);
        } else if (kernel.kind == KernelKind::Reference) {
            for (Eigen::Index c = 0; c < F; ++c) {
                const double v = gate[c];
                gate[c] = static_cast<float>(v / (1.0 + std::exp(-v)) * up[c]);
            }
        } else {
            Eigen::Map<RowVector> g(gate, F);
            const Eigen::Map<const RowVector> u(up, F);
            g.array() = g.array() / (1.0f + (-g.array()).exp()) * u.array();
        }
    }
}

const Matrix* biasOrNull(const Matrix& bias) {
    return bias.size() == 0 ? nullptr : &bias;
}

bool isAblated(const ForwardOptions& options, int layer, int head) {
    return std::find(options.ablated_heads.begin(), options.ablated_heads.end(),
                     HeadIndex{layer, head}) != options.ablated_heads.end();
}

// What one layer's attention needs besides the weights.
struct AttentionStep {
    int layer = 0;
    Eigen::Index past = 0;                     // cached tokens before the new ones
    const RotaryTable* rotary = nullptr;       // the new tokens' angles, or null (no rotated dims)
    Matrix* keys = nullptr;                    // [T, KV * D] this layer's rotated keys, grown here
    Matrix* values = nullptr;                  // [T, KV * D]
    std::vector<Matrix>* attention = nullptr;  // [NH] of [T, T]; rows < past already filled
    LayerInternals* internals = nullptr;
    AttentionCapture* capture = nullptr;  // may be null
};

// Rows [past, past + q.rows()) of map [T, T]: softmax(q k^T / sqrt(D)) of the new tokens' queries
// q [Tn, D] against keys k [T, D], masked causally and by the sliding window. The forward pass
// and decoderHeadAttention both make maps here, so a map made again is the same.
template <class Keys>
void headRows(const Kernel& kernel, const ModelConfig& config, const Matrix& q, const Keys& k,
              Eigen::Index past, Matrix& scores, Matrix& map) {
    const int W = config.sliding_window;
    const float scale = 1.0f / std::sqrt(static_cast<float>(q.cols()));
    productTransposed(kernel, scores, q, k);
    scores *= scale;
    for (Eigen::Index i = 0; i < q.rows(); ++i) {
        const Eigen::Index position = past + i;
        const Eigen::Index first = W > 0 ? std::max<Eigen::Index>(0, position - W + 1) : 0;
        softmaxSpan(kernel, &scores(i, first), &map(position, first), position - first + 1);
    }
}

// Normalises (Qwen3) and rotates the rows of a head's q or k [rows, D] in place.
void prepareHeadRows(const Kernel& kernel, const ModelConfig& config, const Matrix& norm_weight,
                     const RotaryTable* rotary, Matrix& rows) {
    if (config.qk_norm) {
        rmsNormInPlace(kernel, rows.data(), rows.rows(), rows.cols(), rows.cols(), norm_weight,
                       config.layer_norm_epsilon);
    }
    if (rotary != nullptr) {
        applyRotary(*rotary, rows.data(), rows.rows(), rows.cols());
    }
}

// attn_out [Tn, C] from input [Tn, C], the new tokens' normalised stream.
void attentionBlock(WorkerPool& pool, const Kernel& kernel, const ModelConfig& config,
                    const TransformerWeights& weights, const LayerWeights& layer,
                    const Matrix& input, const ForwardOptions& options, const AttentionStep& step,
                    Matrix& attn_out) {
    const Eigen::Index Tn = input.rows(), past = step.past, T = past + Tn;
    const int NH = config.n_head, KV = config.kvHeads(), D = config.d_head();

    Matrix qkv;  // [Tn, W]
    forward_steps::linearBlocks(pool, kernel, qkv, input,
                                layerBlocks(weights, layer.attn_qkv_weight),
                                biasOrNull(layer.attn_qkv_bias), Gelu::None, mappedOf(weights));
    Matrix& keys = *step.keys;
    Matrix& values = *step.values;
    keys.conservativeResize(T, Eigen::Index(KV) * D);
    values.conservativeResize(T, Eigen::Index(KV) * D);
    pool.run(KV, [&](int g) {
        const HeadColumns columns = keyValueColumns(config, g);
        Matrix k = qkv.middleCols(columns.k, D);  // [Tn, D]
        prepareHeadRows(kernel, config, layer.k_norm_weight, step.rotary, k);
        keys.block(past, Eigen::Index(g) * D, Tn, D) = k;
        values.block(past, Eigen::Index(g) * D, Tn, D) = qkv.middleCols(columns.v, D);
    });

    std::vector<Matrix>& attention = *step.attention;
    attention.resize(NH);
    if (step.internals) {
        step.internals->heads.resize(NH);
    }
    Matrix heads(Tn, Eigen::Index(NH) * D);  // [Tn, NH * D] every head's output side by side
    Matrix* queries = step.capture != nullptr && step.capture->capture_queries_keys
                          ? &step.capture->queries_keys[std::size_t(step.layer)].queries
                          : nullptr;
    if (queries != nullptr) {
        queries->resize(Tn, Eigen::Index(NH) * D);  // captured without a cache: past = 0
    }
    pool.run(NH, [&](int h) {
        const int g = kvHeadOf(config, h);
        Matrix q = qkv.middleCols(queryColumn(config, h), D);  // [Tn, D]
        prepareHeadRows(kernel, config, layer.q_norm_weight, step.rotary, q);
        const auto k = keys.middleCols(Eigen::Index(g) * D, D);    // [T, D]
        const auto v = values.middleCols(Eigen::Index(g) * D, D);  // [T, D]
        if (queries != nullptr) {
            queries->middleCols(Eigen::Index(h) * D, D) = q;
        }
        Matrix scores;  // [Tn, T]
        Matrix map = Matrix::Zero(T, T);
        if (past > 0) {
            map.topLeftCorner(past, past) = attention[h].topLeftCorner(past, past);
        }
        headRows(kernel, config, q, k, past, scores, map);
        auto out = heads.middleCols(Eigen::Index(h) * D, D);  // [Tn, D]
        if (isAblated(options, step.layer, h)) {
            out.setZero();
        } else {
            product(kernel, out, map.bottomRows(Tn), v);
        }
        if (step.internals) {
            HeadInternals& internals = step.internals->heads[h];
            internals.q = q;
            internals.k = k;
            internals.v = v;
            internals.scores = std::move(scores);
            internals.output = out;
        }
        if (step.capture != nullptr && step.capture->on_attention) {
            step.capture->on_attention(step.layer, h, map);
        }
        if (step.capture == nullptr || step.capture->keep_attention) {
            attention[h] = std::move(map);
        }
    });
    forward_steps::linearBlocks(pool, kernel, attn_out, heads,
                                layerBlocks(weights, layer.attn_out_weight),
                                biasOrNull(layer.attn_out_bias), Gelu::None, mappedOf(weights));
}

// mlp_out [Tn, C] from the normalised stream.
void mlpBlock(WorkerPool& pool, const Kernel& kernel, const ModelConfig& config,
              const TransformerWeights& weights, const LayerWeights& layer, const Matrix& input,
              Matrix& mlp_out) {
    Matrix hidden;
    if (isNeox(config)) {
        forward_steps::linearBlocks(pool, kernel, hidden, input,
                                    layerBlocks(weights, layer.mlp_in_weight), &layer.mlp_in_bias,
                                    config.gelu_tanh ? Gelu::Tanh : Gelu::Erf,
                                    mappedOf(weights));  // [Tn, F]
        forward_steps::linearBlocks(pool, kernel, mlp_out, hidden,
                                    layerBlocks(weights, layer.mlp_out_weight), &layer.mlp_out_bias,
                                    Gelu::None, mappedOf(weights));
        return;
    }
    forward_steps::linearBlocks(pool, kernel, hidden, input,
                                layerBlocks(weights, layer.mlp_in_weight), nullptr, Gelu::None,
                                mappedOf(weights));  // [Tn, 2F] gate | up
    Matrix gated;                                    // [Tn, F]
    swiGlu(kernel, gated, hidden);
    forward_steps::linearBlocks(pool, kernel, mlp_out, gated,
                                layerBlocks(weights, layer.mlp_out_weight), nullptr, Gelu::None,
                                mappedOf(weights));
}

// How many leading tokens of `ids` the cache can stand for (0: run them all).
Eigen::Index usableCachedTokens(const ModelConfig& config, const std::vector<int>& ids,
                                const ForwardOptions& options, const DecoderCache* cache) {
    if (cache == nullptr || options.capture_internals || cache->ids.empty() ||
        cache->ids.size() >= ids.size() || cache->ablated_heads != options.ablated_heads ||
        cache->keys.size() != static_cast<std::size_t>(config.n_layer) ||
        !std::equal(cache->ids.begin(), cache->ids.end(), ids.begin())) {
        return 0;
    }
    const auto past = static_cast<Eigen::Index>(cache->ids.size());
    if (options.predict_positions.empty()) {
        return 0;  // predictions for every position, the cached ones included
    }
    for (int position : options.predict_positions) {
        if (position < past) {
            return 0;
        }
    }
    return past;
}

}  // namespace

Forward decoderReadOut(const ModelConfig& config, const TransformerWeights& weights,
                       const Matrix& streams, const ForwardOptions& options) {
    const Kernel kernel = options.kernel ? *options.kernel : kernelFromEnvironment();
    WorkerPool pool(options.threads);
    Matrix normed;
    normalize(kernel, config, normed, streams, weights.ln_final_weight, weights.ln_final_bias);
    Forward forward;
    forward_steps::predictionHeadRows(pool, kernel, config, weights, normed, options, forward);
    return forward;
}

void checkDecoderWeightShapes(const ModelConfig& config, const TransformerWeights& weights) {
    using forward_steps::checkLayerMatrixShape;
    using forward_steps::checkTensorShape;
    const bool neox = isNeox(config);
    const Eigen::Index C = config.d_model, F = config.d_ff, V = config.vocab_size;
    const Eigen::Index D = config.d_head(), Q = Eigen::Index(config.n_head) * D;
    const Eigen::Index K = Eigen::Index(config.kvHeads()) * D;
    const Eigen::Index width = neox ? 3 * C : Q + 2 * K;
    if (config.n_head <= 0 || config.kvHeads() <= 0 || config.n_head % config.kvHeads() != 0 ||
        D <= 0 || (neox && C != Q) || config.rotary.dims < 0 || config.rotary.dims > D ||
        config.rotary.dims % 2 != 0) {
        throw AtlasError("config: " + std::to_string(config.n_head) + " heads, " +
                         std::to_string(config.kvHeads()) + " key/value heads of width " +
                         std::to_string(D) + " and " + std::to_string(config.rotary.dims) +
                         " rotated dimensions do not fit together");
    }
    if (weights.layout == WeightLayout::Mapped) {
        if (!weights.mapped || weights.mapped->layers.size() != weights.layers.size()) {
            throw AtlasError("weights: the mapped matrices do not match the layers");
        }
        for (const PanelView* view :
             {&weights.mapped->output_projection, &weights.mapped->input_embedding}) {
            if (view->data != nullptr && (view->rows != C || view->cols != V)) {
                throw AtlasError("weights: tensor token_embedding has shape [" +
                                 std::to_string(view->cols) + ", " + std::to_string(view->rows) +
                                 "], expected [" + std::to_string(V) + ", " + std::to_string(C) +
                                 "]");
            }
        }
    } else {
        checkTensorShape("token_embedding", weights.token_embedding, V, C);
        if (weights.output_embedding.size() != 0) {
            checkTensorShape("output_embedding", weights.output_embedding, V, C);
        }
    }
    if (static_cast<int>(weights.layers.size()) != config.n_layer) {
        throw AtlasError("weights: " + std::to_string(weights.layers.size()) +
                         " layers, expected " + std::to_string(config.n_layer));
    }
    for (int l = 0; l < config.n_layer; ++l) {
        const LayerWeights& layer = weights.layers[static_cast<std::size_t>(l)];
        const std::string prefix = "layers." + std::to_string(l) + ".";
        checkTensorShape(prefix + "ln_attn_weight", layer.ln_attn_weight, 1, C);
        checkTensorShape(prefix + "ln_mlp_weight", layer.ln_mlp_weight, 1, C);
        checkLayerMatrixShape(prefix + "attn_qkv_weight", weights, layer.attn_qkv_weight, C, width);
        checkLayerMatrixShape(prefix + "attn_out_weight", weights, layer.attn_out_weight, Q, C);
        checkLayerMatrixShape(prefix + "mlp_in_weight", weights, layer.mlp_in_weight, C,
                              neox ? F : 2 * F);
        checkLayerMatrixShape(prefix + "mlp_out_weight", weights, layer.mlp_out_weight, F, C);
        if (config.qkv_bias) {
            checkTensorShape(prefix + "attn_qkv_bias", layer.attn_qkv_bias, 1, width);
        }
        if (config.out_bias) {
            checkTensorShape(prefix + "attn_out_bias", layer.attn_out_bias, 1, C);
        }
        if (neox) {
            checkTensorShape(prefix + "ln_attn_bias", layer.ln_attn_bias, 1, C);
            checkTensorShape(prefix + "ln_mlp_bias", layer.ln_mlp_bias, 1, C);
            checkTensorShape(prefix + "mlp_in_bias", layer.mlp_in_bias, 1, F);
            checkTensorShape(prefix + "mlp_out_bias", layer.mlp_out_bias, 1, C);
        }
        if (config.qk_norm) {
            checkTensorShape(prefix + "q_norm_weight", layer.q_norm_weight, 1, D);
            checkTensorShape(prefix + "k_norm_weight", layer.k_norm_weight, 1, D);
        }
    }
    checkTensorShape("ln_final_weight", weights.ln_final_weight, 1, C);
    if (neox) {
        checkTensorShape("ln_final_bias", weights.ln_final_bias, 1, C);
    }
}

namespace {

Forward decoderPass(const ModelConfig& config, const TransformerWeights& weights,
                    const std::vector<int>& ids, const ForwardOptions& options, DecoderCache* cache,
                    LayerStreams* streams, AttentionCapture* capture = nullptr);

}  // namespace

Forward decoderForwardCapturing(const ModelConfig& config, const TransformerWeights& weights,
                                const std::vector<int>& ids, const ForwardOptions& options,
                                AttentionCapture& capture) {
    return decoderPass(config, weights, ids, options, nullptr, nullptr, &capture);
}

Forward decoderForward(const ModelConfig& config, const TransformerWeights& weights,
                       const std::vector<int>& ids, const ForwardOptions& options,
                       DecoderCache* cache) {
    return decoderPass(config, weights, ids, options, cache, nullptr);
}

Forward decoderForwardWithStreams(const ModelConfig& config, const TransformerWeights& weights,
                                  const std::vector<int>& ids, const ForwardOptions& options,
                                  LayerStreams& streams) {
    return decoderPass(config, weights, ids, options, nullptr, &streams);
}

namespace {

Forward decoderPass(const ModelConfig& config, const TransformerWeights& weights,
                    const std::vector<int>& ids, const ForwardOptions& options, DecoderCache* cache,
                    LayerStreams* streams, AttentionCapture* capture) {
    checkDecoderWeightShapes(config, weights);
    forward_steps::checkForwardInput(config, ids, options);
    const Kernel kernel = options.kernel ? *options.kernel : kernelFromEnvironment();
    if (kernel.kind == KernelKind::Simd && !simdLevelAvailable(kernel.level)) {
        throw AtlasError(std::string("forward: this CPU cannot run the ") +
                         simdLevelName(kernel.level) + " kernel");
    }
    const auto T = static_cast<Eigen::Index>(ids.size());
    const Eigen::Index C = config.d_model;
    const Eigen::Index past = usableCachedTokens(config, ids, options, cache);
    const Eigen::Index Tn = T - past;
    const bool neox = isNeox(config);

    WorkerPool pool(options.threads);
    Forward forward;
    std::vector<Matrix> keys(static_cast<std::size_t>(config.n_layer));
    std::vector<Matrix> values(keys.size());
    forward.attention.resize(keys.size());
    forward.embeddings.resize(T, C);
    if (past > 0) {
        keys = std::move(cache->keys);
        values = std::move(cache->values);
        forward.attention = std::move(cache->attention);
        forward.embeddings.topRows(past) = cache->embeddings.topRows(past);
    }
    for (Eigen::Index t = past; t < T; ++t) {
        forward.embeddings.row(t) = tokenEmbeddingRow(weights, ids[static_cast<std::size_t>(t)]);
    }
    if (weights.mapped &&
        !allFinite(forward.embeddings.bottomRows(Tn).data(), Tn, C, forward.embeddings.cols())) {
        // A row looked up from an untied input embedding is multiplied by nothing that would
        // name it: scan the tensor the rows came from.
        throwIfMappedTensorNonFinite(*weights.mapped, weights.mapped->input_embedding.data);
    }
    Matrix x = forward.embeddings.bottomRows(Tn);  // [Tn, C] the new tokens' residual stream
    const std::vector<float> inverse_frequencies = rotaryInverseFrequencies(config.rotary);
    const RotaryTable rotary =
        rotaryTable(inverse_frequencies, static_cast<int>(past), static_cast<int>(Tn));
    if (options.capture_internals) {
        forward.internals.resize(keys.size());
    }
    if (capture != nullptr && capture->capture_queries_keys) {
        capture->queries_keys.assign(keys.size(), LayerQueriesKeys());
    }

    Matrix normed, attn_out, mlp_out;
    for (int l = 0; l < config.n_layer; ++l) {
        const LayerWeights& layer = weights.layers[static_cast<std::size_t>(l)];
        LayerInternals* internals = options.capture_internals ? &forward.internals[l] : nullptr;
        if (internals) {
            internals->residual_in = x;
        }
        normalize(kernel, config, normed, x, layer.ln_attn_weight, layer.ln_attn_bias);
        AttentionStep step;
        step.layer = l;
        step.past = past;
        step.rotary = config.rotary.dims > 0 ? &rotary : nullptr;
        step.keys = &keys[static_cast<std::size_t>(l)];
        step.values = &values[static_cast<std::size_t>(l)];
        step.attention = &forward.attention[static_cast<std::size_t>(l)];
        step.internals = internals;
        step.capture = capture;
        attentionBlock(pool, kernel, config, weights, layer, normed, options, step, attn_out);
        if (internals) {
            internals->attn_input = normed;
            internals->attn_output = attn_out;
        }
        if (neox && config.parallel_residual) {
            normalize(kernel, config, normed, x, layer.ln_mlp_weight, layer.ln_mlp_bias);
            mlpBlock(pool, kernel, config, weights, layer, normed, mlp_out);
            x += attn_out;
            x += mlp_out;
        } else {
            x += attn_out;
            normalize(kernel, config, normed, x, layer.ln_mlp_weight, layer.ln_mlp_bias);
            mlpBlock(pool, kernel, config, weights, layer, normed, mlp_out);
            x += mlp_out;
        }
        if (streams) {
            streams->mlp_output[l] = mlp_out;
            streams->residual_out[l] = x;
        }
    }
    normalize(kernel, config, normed, x, weights.ln_final_weight, weights.ln_final_bias);

    ForwardOptions head_options = options;
    for (int& position : head_options.predict_positions) {
        position -= static_cast<int>(past);
    }
    forward_steps::predictionHeadRows(pool, kernel, config, weights, normed, head_options, forward);
    for (PositionPredictions& prediction : forward.predictions) {
        prediction.position += static_cast<int>(past);
    }

    if (capture != nullptr && capture->capture_queries_keys) {
        for (std::size_t l = 0; l < keys.size(); ++l) {
            capture->queries_keys[l].keys = keys[l];
        }
    }
    if (cache != nullptr) {
        cache->ids = ids;
        cache->ablated_heads = options.ablated_heads;
        cache->keys = std::move(keys);
        cache->values = std::move(values);
        cache->attention = forward.attention;
        cache->embeddings = forward.embeddings;
    }
    return forward;
}

}  // namespace

Matrix decoderHeadAttention(const ModelConfig& config, const Kernel& kernel,
                            const LayerQueriesKeys& layer, int head) {
    const int NH = config.n_head, KV = config.kvHeads(), D = config.d_head();
    const Eigen::Index T = layer.queries.rows();
    if (head < 0 || head >= NH || layer.queries.cols() != Eigen::Index(NH) * D ||
        layer.keys.rows() != T || layer.keys.cols() != Eigen::Index(KV) * D) {
        throw AtlasError("headAttention: head " + std::to_string(head) + " of queries [" +
                         std::to_string(layer.queries.rows()) + ", " +
                         std::to_string(layer.queries.cols()) + "] and keys [" +
                         std::to_string(layer.keys.rows()) + ", " +
                         std::to_string(layer.keys.cols()) + "], expected [T, " +
                         std::to_string(NH * D) + "] and [T, " + std::to_string(KV * D) + "]");
    }
    const Matrix q = layer.queries.middleCols(Eigen::Index(head) * D, D);  // [T, D]
    const auto k = layer.keys.middleCols(Eigen::Index(kvHeadOf(config, head)) * D, D);
    Matrix scores;
    Matrix map = Matrix::Zero(T, T);
    headRows(kernel, config, q, k, 0, scores, map);
    return map;
}

}  // namespace atlas
