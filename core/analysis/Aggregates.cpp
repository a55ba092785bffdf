// Maps derived from a forward pass: mean over heads, rollout, flow and norm-based attention.
// GCC 12 takes the _mm512_undefined_ps() inside Eigen's AVX-512 kernels for an uninitialised read.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "analysis/Aggregates.h"

#include "Error.h"
#include "analysis/MaxFlow.h"
#include "model/WeightPanels.h"

namespace atlas {

namespace {

// Rollout's per-layer graph: A_l = 0.5 * mean over heads + 0.5 * I, rows renormalised.
std::vector<Matrix> residualAugmented(const Forward& forward) {
    std::vector<Matrix> means = meanOverHeads(forward);
    for (Matrix& layer : means) {  // [T, T]
        layer = 0.5f * layer + 0.5f * Matrix::Identity(layer.rows(), layer.cols());
        for (Eigen::Index i = 0; i < layer.rows(); ++i) {
            const float sum = layer.row(i).sum();
            if (sum > 0) {
                layer.row(i) /= sum;
            }
        }
    }
    return means;
}

}  // namespace

std::vector<Matrix> meanOverHeads(const Forward& forward) {
    std::vector<Matrix> means;
    means.reserve(forward.attention.size());
    for (const std::vector<Matrix>& heads : forward.attention) {
        if (heads.empty()) {
            throw AtlasError("mean over heads: a layer has no heads");
        }
        Matrix sum = heads[0];  // [T, T]
        for (std::size_t h = 1; h < heads.size(); ++h) {
            sum += heads[h];
        }
        means.push_back(sum / static_cast<float>(heads.size()));
    }
    return means;
}

std::vector<Matrix> attentionRollout(const Forward& forward) {
    std::vector<Matrix> layers = residualAugmented(forward);  // [L] [T, T]
    std::vector<Matrix> rollout;
    rollout.reserve(layers.size());
    for (std::size_t l = 0; l < layers.size(); ++l) {
        if (l == 0) {
            rollout.push_back(layers[0]);
        } else {
            Matrix product;
            product.noalias() = layers[l] * rollout.back();  // [T, T]
            rollout.push_back(std::move(product));
        }
    }
    return rollout;
}

std::vector<Matrix> attentionFlow(const Forward& forward,
                                  const std::function<void(double)>& progress,
                                  const std::atomic<bool>* cancel) {
    const std::vector<Matrix> layers = residualAugmented(forward);  // [L] [T, T]
    const int layer_count = static_cast<int>(layers.size());
    const int token_count = forward.tokenCount();
    // Node (n, t), n = 0..L, is token t entering layer n (n = 0: the input embeddings).
    // Edge (n, j) -> (n + 1, i) has capacity A_n(i, j): what output i of layer n draws from j.
    auto node = [token_count](int layer, int token) { return layer * token_count + token; };

    std::vector<Matrix> flows;
    flows.reserve(layers.size());
    const double total_work = static_cast<double>(layer_count) * token_count;
    double done = 0;
    for (int l = 0; l < layer_count; ++l) {
        Matrix flow = Matrix::Zero(token_count, token_count);  // [T, T] sink i <- source j
        for (int i = 0; i < token_count; ++i) {
            if (cancel != nullptr && cancel->load()) {
                return {};
            }
            // Layers 0..l-1 in full; into layer l+1 only the edges that reach sink i, so
            // the search never wanders into the other outputs.
            MaxFlowGraph graph((l + 2) * token_count);
            for (int n = 0; n < l; ++n) {
                const Matrix& capacities = layers[n];
                for (int to = 0; to < token_count; ++to) {
                    for (int from = 0; from < token_count; ++from) {
                        graph.addEdge(node(n, from), node(n + 1, to), capacities(to, from));
                    }
                }
            }
            for (int from = 0; from < token_count; ++from) {
                graph.addEdge(node(l, from), node(l + 1, i), layers[l](i, from));
            }
            double row_sum = 0;
            for (int j = 0; j < token_count; ++j) {
                const double value = graph.maxFlow(node(0, j), node(l + 1, i));
                flow(i, j) = static_cast<float>(value);
                row_sum += value;
            }
            if (row_sum > 0) {
                flow.row(i) /= static_cast<float>(row_sum);
            }
            done += 1;
            if (progress) {
                progress(done / total_work);
            }
        }
        flows.push_back(std::move(flow));
    }
    return flows;
}

std::vector<std::vector<Matrix>> normAttention(const ModelConfig& config,
                                               const TransformerWeights& weights,
                                               const Forward& forward) {
    if (forward.internals.size() != forward.attention.size()) {
        throw AtlasError(
            "norm-based attention needs the forward pass's internals (capture_internals)");
    }
    if (weights.layers.size() != forward.attention.size()) {
        throw AtlasError("norm-based attention: the weights have " +
                         std::to_string(weights.layers.size()) + " layers, the forward pass " +
                         std::to_string(forward.attention.size()));
    }
    const int d_head = config.d_head();
    std::vector<std::vector<Matrix>> maps(forward.attention.size());
    for (std::size_t l = 0; l < forward.attention.size(); ++l) {
        const LayerInternals& internals = forward.internals[l];
        const Matrix& out_weight = weights.layers[l].attn_out_weight;  // [NH * D, C]
        const std::size_t head_count = forward.attention[l].size();
        if (internals.heads.size() != head_count ||
            layerRows(weights, out_weight) != Eigen::Index(config.n_head) * d_head) {
            throw AtlasError("norm-based attention: layer " + std::to_string(l) +
                             " internals or W_O do not match the model's shape");
        }
        for (std::size_t h = 0; h < head_count; ++h) {
            const Matrix& attention = forward.attention[l][h];  // [T, T]
            const Matrix& value = internals.heads[h].v;         // [T, D] x W_V^h + b_V^h
            if (value.rows() != attention.rows() || value.cols() != d_head) {
                throw AtlasError("norm-based attention: layer " + std::to_string(l) + " head " +
                                 std::to_string(h) + " has no captured value vectors");
            }
            // f_h(x_j) = v_j W_O^h: head h's slice of W_O is rows h*D .. h*D+D-1.
            Matrix transformed;  // [T, C]
            transformed.noalias() =
                value * weightBlock(weights, out_weight, static_cast<Eigen::Index>(h) * d_head,
                                    d_head, 0, layerCols(weights, out_weight));
            const RowVector norms = transformed.rowwise().norm().transpose();  // [1, T]
            // ||alpha_ij f(x_j)|| = alpha_ij ||f(x_j)|| since alpha_ij >= 0.
            Matrix map = attention.array().rowwise() * norms.array();  // [T, T]
            maps[l].push_back(std::move(map));
        }
    }
    return maps;
}

}  // namespace atlas
