// Reordering weights into column panels and reading pieces of them back.
#include "model/WeightPanels.h"

#include <algorithm>
#include <vector>

namespace atlas {

Matrix PanelView::block(Eigen::Index row, Eigen::Index row_count, Eigen::Index col,
                        Eigen::Index col_count) const {
    Matrix out(row_count, col_count);
    for (Eigen::Index c = 0; c < col_count; ++c) {
        const Eigen::Index p = (col + c) / kPanelWidth;
        const Eigen::Index width = panelRowStride(p);
        const float* source = panel(p) + (col + c) % kPanelWidth;
        for (Eigen::Index r = 0; r < row_count; ++r) {
            out(r, c) = source[(row + r) * width];
        }
    }
    return out;
}

void packColumnPanels(Matrix& weight) {
    const Eigen::Index K = weight.rows(), N = weight.cols();
    const Matrix dense = weight;  // one matrix of scratch, freed at the end
    float* out = weight.data();
    for (Eigen::Index first = 0; first < N; first += kPanelWidth) {
        const Eigen::Index width = std::min<Eigen::Index>(kPanelWidth, N - first);
        for (Eigen::Index k = 0; k < K; ++k) {
            std::copy_n(dense.data() + k * N + first, width, out);
            out += width;
        }
    }
}

PanelView copyIntoPanels(const float* block, Eigen::Index rows, Eigen::Index cols, Eigen::Index ld,
                         std::vector<float>& panels) {
    panels.resize(static_cast<std::size_t>(rows * cols));
    for (Eigen::Index first = 0; first < cols; first += kPanelWidth) {
        const Eigen::Index width = std::min<Eigen::Index>(kPanelWidth, cols - first);
        float* out = panels.data() + first * rows;
        for (Eigen::Index k = 0; k < rows; ++k) {
            std::copy_n(block + k * ld + first, width, out + k * width);
        }
    }
    return PanelView{panels.data(), rows, cols};
}

PanelView copyTransposeIntoPanels(const float* block, Eigen::Index rows, Eigen::Index cols,
                                  Eigen::Index ld, std::vector<float>& panels) {
    // The transpose is [cols, rows]: panel p holds rows 16p .. 16p + w - 1 of the block.
    panels.resize(static_cast<std::size_t>(rows * cols));
    for (Eigen::Index first = 0; first < rows; first += kPanelWidth) {
        const Eigen::Index width = std::min<Eigen::Index>(kPanelWidth, rows - first);
        float* out = panels.data() + first * cols;
        for (Eigen::Index k = 0; k < cols; ++k) {
            for (Eigen::Index j = 0; j < width; ++j) {
                out[k * width + j] = block[(first + j) * ld + k];
            }
        }
    }
    return PanelView{panels.data(), cols, rows};
}

void packTransposedPanels(Matrix& embedding) {
    // Panel p of E^T comes from rows 16p .. 16p + w - 1 of E, which occupy the same floats:
    // each block transposes in place through a small buffer.
    const Eigen::Index V = embedding.rows(), C = embedding.cols();
    std::vector<float> rows(static_cast<std::size_t>(kPanelWidth * C));
    for (Eigen::Index first = 0; first < V; first += kPanelWidth) {
        const Eigen::Index width = std::min<Eigen::Index>(kPanelWidth, V - first);
        float* block = embedding.data() + first * C;
        std::copy_n(block, width * C, rows.data());
        for (Eigen::Index c = 0; c < C; ++c) {
            for (Eigen::Index j = 0; j < width; ++j) {
                block[c * width + j] = rows[j * C + c];
            }
        }
    }
}

void packForInference(TransformerWeights& weights) {
    if (weights.layout == WeightLayout::Panels) {
        return;
    }
    for (LayerWeights& layer : weights.layers) {
        packColumnPanels(layer.attn_qkv_weight);
        packColumnPanels(layer.attn_out_weight);
        packColumnPanels(layer.mlp_in_weight);
        packColumnPanels(layer.mlp_out_weight);
    }
    packTransposedPanels(weights.token_embedding);
    weights.layout = WeightLayout::Panels;
}

PanelView layerPanels(const Matrix& weight) {
    return PanelView{weight.data(), weight.rows(), weight.cols()};
}

PanelView layerView(const TransformerWeights& weights, const Matrix& weight) {
    if (weights.layout == WeightLayout::Panels) {
        return layerPanels(weight);
    }
    return PanelView::rowMajor(weight.data(), weight.rows(), weight.cols(), weight.cols());
}

PanelView embeddingPanels(const Matrix& embedding) {
    return PanelView{embedding.data(), embedding.cols(), embedding.rows()};
}

Matrix weightBlock(const TransformerWeights& weights, const Matrix& weight, Eigen::Index row,
                   Eigen::Index row_count, Eigen::Index col, Eigen::Index col_count) {
    if (weights.layout == WeightLayout::RowMajor) {
        return weight.block(row, col, row_count, col_count);
    }
    return layerPanels(weight).block(row, row_count, col, col_count);
}

RowVector tokenEmbeddingRow(const TransformerWeights& weights, int id) {
    if (weights.layout == WeightLayout::RowMajor) {
        return weights.token_embedding.row(id);
    }
    const Matrix column = embeddingPanels(weights.token_embedding)
                              .block(0, weights.token_embedding.cols(), id, 1);  // [C, 1]
    return column.transpose();
}

TransformerWeights unpackedCopy(const TransformerWeights& weights) {
    TransformerWeights copy = weights;
    if (weights.layout == WeightLayout::RowMajor) {
        return copy;
    }
    auto unpack = [](Matrix& weight) {
        weight = layerPanels(weight).block(0, weight.rows(), 0, weight.cols());
    };
    for (LayerWeights& layer : copy.layers) {
        unpack(layer.attn_qkv_weight);
        unpack(layer.attn_out_weight);
        unpack(layer.mlp_in_weight);
        unpack(layer.mlp_out_weight);
    }
    const PanelView embedding = embeddingPanels(weights.token_embedding);
    copy.token_embedding = embedding.block(0, embedding.rows, 0, embedding.cols).transpose();
    copy.layout = WeightLayout::RowMajor;
    return copy;
}

}  // namespace atlas
