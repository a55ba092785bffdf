// The GPT-2 and BERT forward pass over the common weight layout, written as a list of operations.
//
// Letters: T tokens, C d_model, NH n_head, D d_head = C / NH, F d_ff, V vocabulary.
// GPT-2 (pre-LN):  x = wte[id] + wpe[t]
//                  x = x + attn(ln_1(x)); x = x + mlp(ln_2(x))   per layer
//                  logits = ln_f(x) @ wte^T
// BERT (post-LN):  x = ln_embed(word[id] + position[t] + type[0])
//                  x = ln_attn(x + attn(x)); x = ln_mlp(x + mlp(x))   per layer
//                  logits = ln_head(gelu(x @ W_transform + b)) @ word^T + b_out
//
// Every kernel (kernel/KernelChoice.h) runs this same list: the choice changes only how each
// product, softmax, LayerNorm and GELU is computed.
#include "model/TransformerForward.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <string>

#include <unsupported/Eigen/SpecialFunctions>

#include "Error.h"
#include "kernel/SimdFunctions.h"
#include "model/DecoderForward.h"
#include "model/ForwardSteps.h"
#include "model/HeadAttention.h"
#include "model/LayerStreams.h"
#include "model/MappedTensorCheck.h"
#include "model/PanelProduct.h"
#include "model/WeightPanels.h"
#include "model/WorkerPool.h"

namespace atlas {

namespace {

// -------------------------------------------------------------------------------------------
// Kernels: each writes its first argument.

// out [T, C] = (x - mean) / sqrt(variance + epsilon) * weight + bias, per row.
void layerNorm(const Kernel& kernel, Matrix& out, const Matrix& x, const Matrix& weight,
               const Matrix& bias, float epsilon) {
    out.resize(x.rows(), x.cols());
    const Eigen::Index C = x.cols();
    if (kernel.kind == KernelKind::Simd) {
        const auto* functions = kernel::simdFunctions(kernel.level);
        for (Eigen::Index t = 0; t < x.rows(); ++t) {
            functions->layer_norm_row(x.data() + t * C, weight.data(), bias.data(), epsilon,
                                      out.data() + t * C, C);
        }
        return;
    }
    if (kernel.kind == KernelKind::Reference) {
        for (Eigen::Index t = 0; t < x.rows(); ++t) {
            double mean = 0, squares = 0;
            for (Eigen::Index c = 0; c < C; ++c)
                mean += x(t, c);
            mean /= static_cast<double>(C);
            for (Eigen::Index c = 0; c < C; ++c)
                squares += (x(t, c) - mean) * (x(t, c) - mean);
            const double scale = 1.0 / std::sqrt(squares / static_cast<double>(C) + epsilon);
            for (Eigen::Index c = 0; c < C; ++c)
                out(t, c) =
                    static_cast<float>((x(t, c) - mean) * scale * weight(0, c) + bias(0, c));
        }
        return;
    }
    const float inverse_width = 1.0f / static_cast<float>(x.cols());
    for (Eigen::Index t = 0; t < x.rows(); ++t) {
        const float mean = x.row(t).sum() * inverse_width;
        const float variance = (x.row(t).array() - mean).square().sum() * inverse_width;
        const float scale = 1.0f / std::sqrt(variance + epsilon);
        out.row(t).array() =
            (x.row(t).array() - mean) * scale * weight.row(0).array() + bias.row(0).array();
    }
}

enum class Activation { None, GeluTanh, GeluErf };

Activation geluOf(const ModelConfig& config) {
    return config.gelu_tanh ? Activation::GeluTanh : Activation::GeluErf;
}

// GELU in place on a block: GPT-2's tanh approximation, or BERT's exact x * Phi(x).
template <class Block>
void applyActivation(const Kernel& kernel, Block block, Activation activation) {
    if (activation == Activation::None) {
        return;
    }
    if (kernel.kind == KernelKind::Simd) {
        const auto* functions = kernel::simdFunctions(kernel.level);
        for (Eigen::Index t = 0; t < block.rows(); ++t) {
            float* row = &block(t, 0);
            if (activation == Activation::GeluTanh) {
                functions->gelu_tanh(row, block.cols());
            } else {
                functions->gelu_erf(row, block.cols());
            }
        }
        return;
    }
    if (kernel.kind == KernelKind::Reference) {
        for (Eigen::Index t = 0; t < block.rows(); ++t) {
            for (Eigen::Index c = 0; c < block.cols(); ++c) {
                const double x = block(t, c);
                const double inner =
                    activation == Activation::GeluTanh
                        ? std::tanh(0.7978845608028654 * (x + 0.044715 * x * x * x))
                        : std::erf(x * 0.7071067811865476);
                block(t, c) = static_cast<float>(0.5 * x * (1.0 + inner));
            }
        }
        return;
    }
    auto a = block.array();
    if (activation == Activation::GeluTanh) {
        const float sqrt_2_over_pi = 0.7978845608028654f;
        a = 0.5f * a * (1.0f + (sqrt_2_over_pi * (a + 0.044715f * a.cube())).tanh());
    } else if (activation == Activation::GeluErf) {
        a = 0.5f * a * (1.0f + (a * 0.7071067811865476f).erf());
    }
}

// [begin, begin + count) column ranges, one per thread, each a multiple of 16 columns (one
// AVX-512 register) except the last.
std::vector<std::pair<Eigen::Index, Eigen::Index>> splitColumns(Eigen::Index columns, int parts) {
    const Eigen::Index step = ((columns + parts - 1) / parts + 15) / 16 * 16;
    std::vector<std::pair<Eigen::Index, Eigen::Index>> ranges;
    for (Eigen::Index begin = 0; begin < columns; begin += step) {
        ranges.emplace_back(begin, std::min(step, columns - begin));
    }
    return ranges;
}

// out [T, N] = activation(x @ W + bias [1, N]) for W given as column blocks side by side (one
// view, or BERT's stored q, k and v). Each thread computes a band of a block's output columns, so
// it streams only its share of the weights (what bounds small T). No copy of the weight is made
// per call, which is what makes the SIMD kernel faster than a BLAS at few rows; x is packed once
// for every thread and every block.
// With `mapped`, a block whose product is not finite is scanned for NaN and Inf, so a bad mapped
// weight is named before any attention is returned (model/MappedTensorCheck.h).
void linear(WorkerPool& pool, const Kernel& kernel, Matrix& out, const Matrix& x,
            const std::vector<PanelView>& blocks, const Matrix* bias,
            Activation activation = Activation::None, const MappedMatrices* mapped = nullptr) {
    Eigen::Index cols = 0;
    for (const PanelView& block : blocks) {
        cols += block.cols;
    }
    out.resize(x.rows(), cols);
    const PackedRows packed(x.data(), x.rows(), x.cols(), x.cols(), kernel);
    Eigen::Index offset = 0;
    for (const PanelView& block : blocks) {
        const auto ranges = splitColumns(block.cols, pool.threadCount());
        pool.run(static_cast<int>(ranges.size()), [&](int part) {
            const auto [begin, count] = ranges[part];
            multiplyPanels(packed, block, begin, count, out.data() + offset + begin, out.cols());
            if (mapped != nullptr &&
                !allFinite(out.data() + offset + begin, out.rows(), count, out.cols())) {
                throwIfMappedTensorNonFinite(*mapped, block.data);
            }
            auto band = out.middleCols(offset + begin, count);  // [T, count]
            if (bias) {
                band.rowwise() += bias->row(0).segment(offset + begin, count);
            }
            applyActivation(kernel, band, activation);
        });
        offset += block.cols;
    }
}

// A layer's weight in whichever layout the weights are.
void linear(WorkerPool& pool, const Kernel& kernel, Matrix& out, const Matrix& x,
            const TransformerWeights& weights, const Matrix& weight, const Matrix* bias,
            Activation activation = Activation::None) {
    linear(pool, kernel, out, x, layerBlocks(weights, weight), bias, activation,
           weights.mapped.get());
}

// out = a @ b for the heads' small products, whose operands are new on every pass: Eigen's
// product, or plain loops with double sums for the reference kernel.
template <class Out, class Left, class Right>
void headProduct(const Kernel& kernel, Out&& out, const Left& a, const Right& b) {
    if (kernel.kind != KernelKind::Reference) {
        out.noalias() = a * b;
        return;
    }
    for (Eigen::Index i = 0; i < a.rows(); ++i) {
        for (Eigen::Index j = 0; j < b.cols(); ++j) {
            double sum = 0;
            for (Eigen::Index k = 0; k < a.cols(); ++k)
                sum += static_cast<double>(a(i, k)) * b(k, j);
            out(i, j) = static_cast<float>(sum);
        }
    }
}

// probabilities [T, T] = softmax over each row of scores [T, T]. Causal: entries with key j >
// query i are exactly 0 and take no part in the row's maximum or sum.
void softmaxRows(const Kernel& kernel, Matrix& probabilities, const Matrix& scores, bool causal) {
    const Eigen::Index T = scores.rows();
    probabilities.resize(T, scores.cols());
    const auto* functions =
        kernel.kind == KernelKind::Simd ? kernel::simdFunctions(kernel.level) : nullptr;
    for (Eigen::Index i = 0; i < T; ++i) {
        const Eigen::Index width = causal ? i + 1 : scores.cols();
        if (width < scores.cols()) {
            probabilities.row(i).tail(scores.cols() - width).setZero();
        }
        if (functions != nullptr) {
            functions->softmax_row(&scores(i, 0), &probabilities(i, 0), width);
            continue;
        }
        if (kernel.kind == KernelKind::Reference) {
            double max = scores(i, 0), sum = 0;
            for (Eigen::Index j = 1; j < width; ++j)
                max = std::max<double>(max, scores(i, j));
            for (Eigen::Index j = 0; j < width; ++j)
                sum += std::exp(scores(i, j) - max);
            for (Eigen::Index j = 0; j < width; ++j)
                probabilities(i, j) = static_cast<float>(std::exp(scores(i, j) - max) / sum);
            continue;
        }
        const auto row = scores.row(i).head(width).array();
        const float max = row.maxCoeff();
        auto out = probabilities.row(i).head(width).array();
        out = (row - max).exp();
        out *= 1.0f / out.sum();
    }
}

// What one band of the vocabulary says about one row of logits: its largest logit, the sum of
// exp(logit - max) over the band, and its best k (logit, id), descending, ties to the lower id.
// Bands combine like the pieces of an online softmax, so the vocabulary is read once.
struct BandSummary {
    float max = -std::numeric_limits<float>::infinity();
    float sum = 0;
    std::vector<std::pair<float, int>> best;
};

// Keeps `best` the k largest (logit, id) pairs seen, descending; a later equal logit (a higher
// id, as ids come in order) stays behind the earlier one.
void keepBest(std::vector<std::pair<float, int>>& best, float logit, int id, int k) {
    if (static_cast<int>(best.size()) == k && !(logit > best.back().first)) {
        return;
    }
    auto place = std::find_if(best.begin(), best.end(), [&](const std::pair<float, int>& kept) {
        return kept.first < logit;
    });
    best.insert(place, {logit, id});
    if (static_cast<int>(best.size()) > k) {
        best.pop_back();
    }
}

// logits [1, n] of the ids first_id .. first_id + n - 1.
BandSummary summarizeBand(const Eigen::Ref<const RowVector>& logits, int first_id, int k) {
    BandSummary summary;
    summary.best.reserve(k + 1);
    summary.max = logits.maxCoeff();
    summary.sum = (logits.array() - summary.max).exp().sum();
    if (k <= 0) {
        return summary;
    }
    // Once k are kept, a block of 16 whose largest logit does not beat the k-th changes nothing;
    // one vector maximum per block skips the element-by-element walk for almost all of them.
    constexpr Eigen::Index kBlock = 16;
    const Eigen::Index size = logits.size();
    for (Eigen::Index begin = 0; begin < size; begin += kBlock) {
        const Eigen::Index end = std::min(begin + kBlock, size);
        const bool full = static_cast<int>(summary.best.size()) == k;
        if (full && end - begin == kBlock &&
            !(logits.segment<kBlock>(begin).maxCoeff() > summary.best.back().first)) {
            continue;
        }
        for (Eigen::Index v = begin; v < end; ++v) {
            keepBest(summary.best, logits[v], first_id + static_cast<int>(v), k);
        }
    }
    return summary;
}

// The softmax's top k over the whole vocabulary from the bands' summaries of one row.
std::vector<TopToken> combineBands(const std::vector<const BandSummary*>& bands, int k) {
    float max = -std::numeric_limits<float>::infinity();
    for (const BandSummary* band : bands)
        max = std::max(max, band->max);
    float sum = 0;
    std::vector<std::pair<float, int>> best;
    for (const BandSummary* band : bands) {
        sum += band->sum * std::exp(band->max - max);
        for (const auto& [logit, id] : band->best) {
            best.emplace_back(logit, id);
        }
    }
    std::sort(best.begin(), best.end(), [](const auto& a, const auto& b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    best.resize(std::min<std::size_t>(best.size(), static_cast<std::size_t>(std::max(k, 0))));
    std::vector<TopToken> top(best.size());
    for (std::size_t r = 0; r < best.size(); ++r) {
        top[r].id = best[r].second;
        top[r].probability = std::exp(best[r].first - max) / sum;
    }
    return top;
}

// -------------------------------------------------------------------------------------------
// Checks of the caller's input.

std::string shapeText(Eigen::Index rows, Eigen::Index cols) {
    return "[" + std::to_string(rows) + ", " + std::to_string(cols) + "]";
}

void checkShape(const std::string& name, const Matrix& tensor, Eigen::Index rows,
                Eigen::Index cols) {
    if (tensor.rows() != rows || tensor.cols() != cols) {
        throw AtlasError("weights: tensor " + name + " has shape " +
                         shapeText(tensor.rows(), tensor.cols()) + ", expected " +
                         shapeText(rows, cols));
    }
}

// A large matrix in any layout: in the Mapped one its views, side by side, must make the shape.
void checkLargeShape(const std::string& name, const TransformerWeights& weights,
                     const Matrix& tensor, Eigen::Index rows, Eigen::Index cols) {
    if (weights.layout != WeightLayout::Mapped) {
        checkShape(name, tensor, rows, cols);
        return;
    }
    Eigen::Index total = 0;
    for (const PanelView& block : layerBlocks(weights, tensor)) {
        if (block.rows != rows) {
            throw AtlasError("weights: tensor " + name + " has " + std::to_string(block.rows) +
                             " rows, expected " + std::to_string(rows));
        }
        total += block.cols;
    }
    if (total != cols) {
        throw AtlasError("weights: tensor " + name + " has " + std::to_string(total) +
                         " columns, expected " + std::to_string(cols));
    }
}

void checkInput(const ModelConfig& config, const std::vector<int>& ids,
                const ForwardOptions& options) {
    const int T = static_cast<int>(ids.size());
    if (T == 0) {
        throw AtlasError("forward: no tokens to run");
    }
    if (T > config.n_ctx) {
        throw AtlasError("forward: " + std::to_string(T) + " tokens exceed the context of " +
                         std::to_string(config.n_ctx));
    }
    for (int t = 0; t < T; ++t) {
        if (ids[t] < 0 || ids[t] >= config.vocab_size) {
            throw AtlasError("forward: token " + std::to_string(t) + " has id " +
                             std::to_string(ids[t]) + ", outside the vocabulary of " +
                             std::to_string(config.vocab_size));
        }
    }
    for (const HeadIndex& head : options.ablated_heads) {
        if (head.layer < 0 || head.layer >= config.n_layer || head.head < 0 ||
            head.head >= config.n_head) {
            throw AtlasError("forward: ablated head " + std::to_string(head.layer) + ":" +
                             std::to_string(head.head) + " is outside the model's " +
                             std::to_string(config.n_layer) + " layers x " +
                             std::to_string(config.n_head) + " heads");
        }
    }
    for (int position : options.predict_positions) {
        if (position < 0 || position >= T) {
            throw AtlasError("forward: prediction position " + std::to_string(position) +
                             " is outside the " + std::to_string(T) + " tokens");
        }
    }
}

bool isAblated(const ForwardOptions& options, int layer, int head) {
    return std::find(options.ablated_heads.begin(), options.ablated_heads.end(),
                     HeadIndex{layer, head}) != options.ablated_heads.end();
}

// -------------------------------------------------------------------------------------------
// The blocks of a layer and the head. Activations are reused from layer to layer.

struct Activations {
    Matrix x;         // [T, C] the residual stream
    Matrix normed;    // [T, C] a LayerNorm's output
    Matrix qkv;       // [T, 3C] columns q | k | v, head h at h*D within each
    Matrix heads;     // [T, C] every head's attention @ v side by side, the input of W_O
    Matrix attn_out;  // [T, C] heads @ W_O + b_O
    Matrix hidden;    // [T, F] the MLP's inner activations, after GELU
    Matrix mlp_out;   // [T, C]
};

// map [T, T] = softmax(q k^T / sqrt(D)), masked when causal, of one head whose q and k [T, D]
// lie in rows `ld` floats apart; `scores` keeps q k^T / sqrt(D). The forward pass and
// headAttention (model/HeadAttention.h) both make maps here, so a map made again is the same.
void headMap(const Kernel& kernel, const float* q_data, const float* k_data, Eigen::Index T, int D,
             Eigen::Index ld, bool causal, Matrix& scores, Matrix& map) {
    using Strided = Eigen::Map<const Matrix, 0, Eigen::OuterStride<>>;
    const float scale = 1.0f / std::sqrt(static_cast<float>(D));
    scores.resize(T, T);
    if (kernel.kind == KernelKind::Simd) {
        std::vector<float> operand_panels;
        const PanelView keys =
            copyTransposeIntoPanels(k_data, T, D, ld, operand_panels);  // k^T [D, T]
        multiplyPanels(PackedRows(q_data, T, D, ld, kernel), keys, 0, T, scores.data(), T);
    } else {
        const Strided q(q_data, T, D, Eigen::OuterStride<>(ld));
        const Strided k(k_data, T, D, Eigen::OuterStride<>(ld));
        headProduct(kernel, scores, q, k.transpose());
    }
    scores *= scale;
    softmaxRows(kernel, map, scores, causal);  // [T, T]
}

// attention [NH] of [T, T] and acts.attn_out [T, C] from `input` [T, C], the stream the q k v
// projection reads. Heads run in parallel; each writes only its own maps and columns.
void attentionBlock(WorkerPool& pool, const Kernel& kernel, const ModelConfig& config,
                    const TransformerWeights& weights, const LayerWeights& layer, int layer_index,
                    const Matrix& input, const ForwardOptions& options, Activations& acts,
                    std::vector<Matrix>& attention, LayerInternals* internals,
                    AttentionCapture* capture) {
    const Eigen::Index T = input.rows();
    const int C = config.d_model, NH = config.n_head, D = config.d_head();

    linear(pool, kernel, acts.qkv, input, weights, layer.attn_qkv_weight,
           &layer.attn_qkv_bias);  // [T, 3C]
    acts.heads.resize(T, C);
    attention.resize(NH);
    if (internals) {
        internals->heads.resize(NH);
    }
    // The SIMD kernel runs the heads' products on the panel kernel too: k^T and v are copied
    // into panels per head (T x D floats, against T x T x D multiply-adds). Against Eigen's
    // products this made BERT base 3 % faster at 512 tokens and 2 % at 128.
    const bool panels = kernel.kind == KernelKind::Simd;
    const Eigen::Index ld = acts.qkv.cols();
    if (capture != nullptr && capture->capture_queries_keys) {
        LayerQueriesKeys& kept = capture->queries_keys[std::size_t(layer_index)];
        kept.queries = acts.qkv.leftCols(C);
        kept.keys = acts.qkv.middleCols(C, C);
    }
    pool.run(NH, [&](int h) {
        const auto q = acts.qkv.middleCols(h * D, D);          // [T, D]
        const auto k = acts.qkv.middleCols(C + h * D, D);      // [T, D]
        const auto v = acts.qkv.middleCols(2 * C + h * D, D);  // [T, D]
        auto out = acts.heads.middleCols(h * D, D);            // [T, D]
        Matrix scores;                                         // [T, T]
        std::vector<float> operand_panels;
        headMap(kernel, q.data(), k.data(), T, D, ld, config.causal(), scores, attention[h]);
        if (isAblated(options, layer_index, h)) {
            out.setZero();
        } else if (kernel.kind == KernelKind::Reference) {
            headProduct(kernel, out, attention[h], v);  // [T, D]
        } else if (config.causal()) {
            // The panel kernel's full product (twice the multiply-adds) was 1-2 % slower over
            // the pass at T = 64 and 256 than Eigen's triangular one.
            out.noalias() = attention[h].triangularView<Eigen::Lower>() * v;  // [T, D]
        } else if (panels) {
            const PanelView values = copyIntoPanels(v.data(), T, D, ld, operand_panels);
            multiplyPanels(PackedRows(attention[h].data(), T, T, T, kernel), values, 0, D,
                           out.data(), acts.heads.cols());
        } else {
            out.noalias() = attention[h] * v;  // [T, D]
        }
        if (internals) {
            HeadInternals& head = internals->heads[h];
            head.q = q;
            head.k = k;
            head.v = v;
            head.scores = std::move(scores);
            head.output = out;
        }
        if (capture != nullptr && capture->on_attention) {
            capture->on_attention(layer_index, h, attention[h]);
        }
        if (capture != nullptr && !capture->keep_attention) {
            attention[h] = Matrix();
        }
    });
    linear(pool, kernel, acts.attn_out, acts.heads, weights, layer.attn_out_weight,
           &layer.attn_out_bias);
}

// acts.mlp_out [T, C] = gelu(input @ W_in + b_in) @ W_out + b_out
void mlpBlock(WorkerPool& pool, const Kernel& kernel, const ModelConfig& config,
              const TransformerWeights& weights, const LayerWeights& layer, const Matrix& input,
              Activations& acts) {
    linear(pool, kernel, acts.hidden, input, weights, layer.mlp_in_weight, &layer.mlp_in_bias,
           geluOf(config));  // [T, F]
    linear(pool, kernel, acts.mlp_out, acts.hidden, weights, layer.mlp_out_weight,
           &layer.mlp_out_bias);
}

// The language-model head on the rows `positions` of the final stream `x` [T, C]: top-k per
// position, and all logits [T, V] when asked. The vocabulary goes through in bands spread over
// the threads: the tied embedding (the largest tensor) is read once whatever T is, and no
// [T, V] buffer exists unless the caller wants the logits.
void predictionHead(WorkerPool& pool, const Kernel& kernel, const ModelConfig& config,
                    const TransformerWeights& weights, const Matrix& x,
                    const ForwardOptions& options, Forward& forward) {
    const Eigen::Index T = x.rows();
    const int V = config.vocab_size;
    const bool bert = config.architecture == Architecture::Bert;
    std::vector<int> positions = options.predict_positions;
    if (positions.empty() || options.capture_logits) {
        // Every position; with logits, the predictions asked for are picked out at the end.
        positions.resize(T);
        std::iota(positions.begin(), positions.end(), 0);
    }
    const int P = static_cast<int>(positions.size());
    if (options.capture_logits) {
        forward.logits.resize(T, V);
    }

    Matrix rows(P, config.d_model);  // [P, C] the predicted positions' rows of x
    for (int r = 0; r < P; ++r) {
        rows.row(r) = x.row(positions[r]);
    }
    if (bert) {
        Matrix transform;  // [P, C] BERT's head transform
        linear(pool, kernel, transform, rows,
               {PanelView::rowMajor(weights.head_transform_weight.data(), config.d_model,
                                    config.d_model, config.d_model)},
               &weights.head_transform_bias, geluOf(config));
        layerNorm(kernel, rows, transform, weights.head_ln_weight, weights.head_ln_bias,
                  config.layer_norm_epsilon);
    }

    // Bands of about a megabyte of logits each.
    const int band_width = std::clamp((1 << 18) / std::max(P, 1) / 16 * 16, 256, 4096);
    const int band_count = (V + band_width - 1) / band_width;
    std::vector<std::vector<BandSummary>> summaries(band_count);  // [band][P]
    const PackedRows packed_rows(rows.data(), P, config.d_model, config.d_model, kernel);
    const PanelView projection = outputProjection(weights);  // [C, V]
    pool.run(band_count, [&](int band) {
        const int first_id = band * band_width;
        const int n = std::min(band_width, V - first_id);
        Matrix logits(P, n);  // [P, n], the output projection tied to the token embedding
        multiplyPanels(packed_rows, projection, first_id, n, logits.data(), n);
        if (weights.mapped && !allFinite(logits.data(), P, n, n)) {
            throwIfMappedTensorNonFinite(*weights.mapped, projection.data);
        }
        if (bert) {
            logits.rowwise() += weights.head_output_bias.row(0).segment(first_id, n);
        }
        summaries[band].resize(P);
        for (int r = 0; r < P; ++r) {
            summaries[band][r] = summarizeBand(logits.row(r), first_id, options.top_k);
            if (options.capture_logits) {
                forward.logits.row(positions[r]).segment(first_id, n) = logits.row(r);
            }
        }
    });

    std::vector<PositionPredictions> predictions(P);
    std::vector<const BandSummary*> row_bands(band_count);
    for (int r = 0; r < P; ++r) {
        for (int band = 0; band < band_count; ++band)
            row_bands[band] = &summaries[band][r];
        predictions[r] = {positions[r], combineBands(row_bands, options.top_k)};
    }
    if (options.capture_logits && !options.predict_positions.empty()) {
        for (int position : options.predict_positions) {
            forward.predictions.push_back(predictions[position]);
        }
    } else {
        forward.predictions = std::move(predictions);
    }
}

}  // namespace

// ---------------------------------------------------------------------------------------------

bool hasLanguageModelHead(const ModelConfig& config, const TransformerWeights& weights) {
    return config.architecture != Architecture::Bert || weights.head_transform_weight.size() != 0;
}

void checkWeightShapes(const ModelConfig& config, const TransformerWeights& weights) {
    if (config.decoder()) {
        checkDecoderWeightShapes(config, weights);
        return;
    }
    const int C = config.d_model, F = config.d_ff, V = config.vocab_size, P = config.n_ctx;
    const bool bert = config.architecture == Architecture::Bert;
    if (C <= 0 || config.n_head <= 0 || C % config.n_head != 0) {
        throw AtlasError("config: d_model " + std::to_string(C) +
                         " is not a positive multiple of n_head " + std::to_string(config.n_head));
    }
    if (weights.layout == WeightLayout::Mapped) {
        if (!weights.mapped || weights.mapped->layers.size() != weights.layers.size()) {
            throw AtlasError("weights: the mapped matrices do not match the layers");
        }
        const PanelView& projection = weights.mapped->output_projection;
        if (projection.rows != C || projection.cols != V) {
            throw AtlasError("weights: tensor token_embedding has shape " +
                             shapeText(projection.cols, projection.rows) + ", expected " +
                             shapeText(V, C));
        }
    } else {
        checkShape("token_embedding", weights.token_embedding, V, C);
    }
    checkShape("position_embedding", weights.position_embedding, P, C);
    if (bert) {
        if (config.type_vocab_size < 1) {
            throw AtlasError("config: type_vocab_size is " +
                             std::to_string(config.type_vocab_size) +
                             ", BERT needs at least the token type 0");
        }
        checkShape("token_type_embedding", weights.token_type_embedding, config.type_vocab_size, C);
        checkShape("ln_embed_weight", weights.ln_embed_weight, 1, C);
        checkShape("ln_embed_bias", weights.ln_embed_bias, 1, C);
    }
    if (static_cast<int>(weights.layers.size()) != config.n_layer) {
        throw AtlasError("weights: " + std::to_string(weights.layers.size()) +
                         " layers, expected " + std::to_string(config.n_layer));
    }
    for (int l = 0; l < config.n_layer; ++l) {
        const LayerWeights& layer = weights.layers[l];
        const std::string prefix = "layers." + std::to_string(l) + ".";
        checkShape(prefix + "ln_attn_weight", layer.ln_attn_weight, 1, C);
        checkShape(prefix + "ln_attn_bias", layer.ln_attn_bias, 1, C);
        checkLargeShape(prefix + "attn_qkv_weight", weights, layer.attn_qkv_weight, C, 3 * C);
        checkShape(prefix + "attn_qkv_bias", layer.attn_qkv_bias, 1, 3 * C);
        checkLargeShape(prefix + "attn_out_weight", weights, layer.attn_out_weight, C, C);
        checkShape(prefix + "attn_out_bias", layer.attn_out_bias, 1, C);
        checkShape(prefix + "ln_mlp_weight", layer.ln_mlp_weight, 1, C);
        checkShape(prefix + "ln_mlp_bias", layer.ln_mlp_bias, 1, C);
        checkLargeShape(prefix + "mlp_in_weight", weights, layer.mlp_in_weight, C, F);
        checkShape(prefix + "mlp_in_bias", layer.mlp_in_bias, 1, F);
        checkLargeShape(prefix + "mlp_out_weight", weights, layer.mlp_out_weight, F, C);
        checkShape(prefix + "mlp_out_bias", layer.mlp_out_bias, 1, C);
    }
    if (bert && hasLanguageModelHead(config, weights)) {
        checkShape("head_transform_weight", weights.head_transform_weight, C, C);
        checkShape("head_transform_bias", weights.head_transform_bias, 1, C);
        checkShape("head_ln_weight", weights.head_ln_weight, 1, C);
        checkShape("head_ln_bias", weights.head_ln_bias, 1, C);
        checkShape("head_output_bias", weights.head_output_bias, 1, V);
    } else if (!bert) {  // a BERT without its masked-LM head has no final LayerNorm either
        checkShape("ln_final_weight", weights.ln_final_weight, 1, C);
        checkShape("ln_final_bias", weights.ln_final_bias, 1, C);
    }
}

namespace {
Forward gptOrBertForward(const ModelConfig& config, const TransformerWeights& weights,
                         const std::vector<int>& ids, const ForwardOptions& options,
                         LayerStreams* streams, AttentionCapture* capture = nullptr);
}  // namespace

Forward transformerForward(const ModelConfig& config, const TransformerWeights& weights,
                           const std::vector<int>& ids, const ForwardOptions& options) {
    if (config.decoder()) {
        return decoderForward(config, weights, ids, options);
    }
    return gptOrBertForward(config, weights, ids, options, nullptr);
}

Forward forwardCapturing(const ModelConfig& config, const TransformerWeights& weights,
                         const std::vector<int>& ids, const ForwardOptions& options,
                         AttentionCapture& capture) {
    if (config.decoder()) {
        return decoderForwardCapturing(config, weights, ids, options, capture);
    }
    return gptOrBertForward(config, weights, ids, options, nullptr, &capture);
}

Forward forwardWithStreams(const ModelConfig& config, const TransformerWeights& weights,
                           const std::vector<int>& ids, const ForwardOptions& options,
                           LayerStreams& streams) {
    streams.mlp_output.assign(config.n_layer, Matrix());
    streams.residual_out.assign(config.n_layer, Matrix());
    if (config.decoder()) {
        return decoderForwardWithStreams(config, weights, ids, options, streams);
    }
    return gptOrBertForward(config, weights, ids, options, &streams);
}

namespace {

Forward gptOrBertForward(const ModelConfig& config, const TransformerWeights& weights,
                         const std::vector<int>& ids, const ForwardOptions& options,
                         LayerStreams* streams, AttentionCapture* capture) {
    checkWeightShapes(config, weights);
    checkInput(config, ids, options);
    const int T = static_cast<int>(ids.size());
    const int C = config.d_model;
    const bool bert = config.architecture == Architecture::Bert;
    const float epsilon = config.layer_norm_epsilon;
    const Kernel kernel = options.kernel ? *options.kernel : kernelFromEnvironment();
    if (kernel.kind == KernelKind::Simd && !simdLevelAvailable(kernel.level)) {
        throw AtlasError(std::string("forward: this CPU cannot run the ") +
                         simdLevelName(kernel.level) + " kernel");
    }

    WorkerPool pool(options.threads);
    Forward forward;
    Activations acts;

    // Embeddings: token + position (+ token type 0 for BERT, then its LayerNorm).
    forward.embeddings.resize(T, C);  // [T, C]
    for (int t = 0; t < T; ++t) {
        forward.embeddings.row(t) =
            tokenEmbeddingRow(weights, ids[t]) + weights.position_embedding.row(t);
        if (bert) {
            forward.embeddings.row(t) += weights.token_type_embedding.row(0);
        }
    }
    if (bert) {
        layerNorm(kernel, acts.x, forward.embeddings, weights.ln_embed_weight,
                  weights.ln_embed_bias, epsilon);
    } else {
        acts.x = forward.embeddings;
    }

    forward.attention.resize(config.n_layer);
    if (options.capture_internals) {
        forward.internals.resize(config.n_layer);
    }
    if (capture != nullptr && capture->capture_queries_keys) {
        capture->queries_keys.assign(std::size_t(config.n_layer), LayerQueriesKeys());
    }
    for (int l = 0; l < config.n_layer; ++l) {
        const LayerWeights& layer = weights.layers[l];
        LayerInternals* internals = options.capture_internals ? &forward.internals[l] : nullptr;
        if (internals) {
            internals->residual_in = acts.x;
        }
        if (bert) {
            attentionBlock(pool, kernel, config, weights, layer, l, acts.x, options, acts,
                           forward.attention[l], internals, capture);
            if (internals) {
                internals->attn_input = acts.x;
                internals->attn_output = acts.attn_out;
            }
            acts.attn_out += acts.x;  // [T, C] residual, then post-LN
            layerNorm(kernel, acts.x, acts.attn_out, layer.ln_attn_weight, layer.ln_attn_bias,
                      epsilon);
            mlpBlock(pool, kernel, config, weights, layer, acts.x, acts);
            if (streams) {
                streams->mlp_output[l] = acts.mlp_out;
            }
            acts.mlp_out += acts.x;
            layerNorm(kernel, acts.x, acts.mlp_out, layer.ln_mlp_weight, layer.ln_mlp_bias,
                      epsilon);
        } else {
            layerNorm(kernel, acts.normed, acts.x, layer.ln_attn_weight, layer.ln_attn_bias,
                      epsilon);
            attentionBlock(pool, kernel, config, weights, layer, l, acts.normed, options, acts,
                           forward.attention[l], internals, capture);
            if (internals) {
                internals->attn_input = acts.normed;
                internals->attn_output = acts.attn_out;
            }
            acts.x += acts.attn_out;
            layerNorm(kernel, acts.normed, acts.x, layer.ln_mlp_weight, layer.ln_mlp_bias, epsilon);
            mlpBlock(pool, kernel, config, weights, layer, acts.normed, acts);
            if (streams) {
                streams->mlp_output[l] = acts.mlp_out;
            }
            acts.x += acts.mlp_out;
        }
        if (streams) {
            streams->residual_out[l] = acts.x;
        }
    }

    if (!bert) {
        layerNorm(kernel, acts.normed, acts.x, weights.ln_final_weight, weights.ln_final_bias,
                  epsilon);
        acts.x.swap(acts.normed);
    }
    if (hasLanguageModelHead(config, weights)) {
        predictionHead(pool, kernel, config, weights, acts.x, options, forward);
    } else if (weights.mapped) {
        checkMappedEmbeddingOnce(*weights.mapped);
    }
    return forward;
}

}  // namespace

Matrix headAttention(const ModelConfig& config, const LayerQueriesKeys& layer, int head,
                     std::optional<Kernel> kernel) {
    const Kernel chosen = kernel ? *kernel : kernelFromEnvironment();
    if (config.decoder()) {
        return decoderHeadAttention(config, chosen, layer, head);
    }
    const int D = config.d_head();
    const Eigen::Index T = layer.queries.rows();
    if (head < 0 || head >= config.n_head ||
        layer.queries.cols() != Eigen::Index(config.n_head) * D || layer.keys.rows() != T ||
        layer.keys.cols() != layer.queries.cols()) {
        throw AtlasError("headAttention: head " + std::to_string(head) + " of queries " +
                         shapeText(layer.queries.rows(), layer.queries.cols()) + " and keys " +
                         shapeText(layer.keys.rows(), layer.keys.cols()) + ", expected [T, " +
                         std::to_string(config.n_head * D) + "] each");
    }
    Matrix scores, map;
    headMap(chosen, layer.queries.data() + Eigen::Index(head) * D,
            layer.keys.data() + Eigen::Index(head) * D, T, D, layer.queries.cols(), config.causal(),
            scores, map);
    return map;
}

Forward readOutStreams(const ModelConfig& config, const TransformerWeights& weights,
                       const Matrix& streams, const ForwardOptions& options) {
    if (!hasLanguageModelHead(config, weights)) {
        throw AtlasError("weights: the model has no language-model head to read the layers with");
    }
    if (streams.cols() != config.d_model) {
        throw AtlasError("read-out: streams have shape " +
                         shapeText(streams.rows(), streams.cols()) + ", expected [T, " +
                         std::to_string(config.d_model) + "]");
    }
    if (config.decoder()) {
        return decoderReadOut(config, weights, streams, options);
    }
    const Kernel kernel = options.kernel ? *options.kernel : kernelFromEnvironment();
    WorkerPool pool(options.threads);
    Forward forward;
    if (config.architecture == Architecture::Bert) {
        predictionHead(pool, kernel, config, weights, streams, options, forward);
        return forward;
    }
    Matrix normed;
    layerNorm(kernel, normed, streams, weights.ln_final_weight, weights.ln_final_bias,
              config.layer_norm_epsilon);
    predictionHead(pool, kernel, config, weights, normed, options, forward);
    return forward;
}

// ---------------------------------------------------------------------------------------------
// The steps the decoder families share (model/ForwardSteps.h).

namespace forward_steps {

namespace {

Activation activationOf(Gelu gelu) {
    switch (gelu) {
        case Gelu::Tanh:
            return Activation::GeluTanh;
        case Gelu::Erf:
            return Activation::GeluErf;
        case Gelu::None:
            break;
    }
    return Activation::None;
}

}  // namespace

void layerNormRows(const Kernel& kernel, Matrix& out, const Matrix& x, const Matrix& weight,
                   const Matrix& bias, float epsilon) {
    layerNorm(kernel, out, x, weight, bias, epsilon);
}

void linearBlocks(WorkerPool& pool, const Kernel& kernel, Matrix& out, const Matrix& x,
                  const std::vector<PanelView>& blocks, const Matrix* bias, Gelu gelu,
                  const MappedMatrices* mapped) {
    linear(pool, kernel, out, x, blocks, bias, activationOf(gelu), mapped);
}

void geluRows(const Kernel& kernel, Matrix& x, Gelu gelu) {
    applyActivation(kernel, x.leftCols(x.cols()), activationOf(gelu));
}

void predictionHeadRows(WorkerPool& pool, const Kernel& kernel, const ModelConfig& config,
                        const TransformerWeights& weights, const Matrix& x,
                        const ForwardOptions& options, Forward& forward) {
    predictionHead(pool, kernel, config, weights, x, options, forward);
}

void checkForwardInput(const ModelConfig& config, const std::vector<int>& ids,
                       const ForwardOptions& options) {
    checkInput(config, ids, options);
}

void checkTensorShape(const std::string& name, const Matrix& tensor, Eigen::Index rows,
                      Eigen::Index cols) {
    checkShape(name, tensor, rows, cols);
}

void checkLayerMatrixShape(const std::string& name, const TransformerWeights& weights,
                           const Matrix& tensor, Eigen::Index rows, Eigen::Index cols) {
    checkLargeShape(name, weights, tensor, rows, cols);
}

}  // namespace forward_steps

}  // namespace atlas
