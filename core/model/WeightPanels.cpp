// Reordering weights into column panels and reading pieces of them back.
#include "model/WeightPanels.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "Error.h"
#include "io/Safetensors.h"

namespace atlas {

float PanelView::at(Eigen::Index row, Eigen::Index col) const {
    const Eigen::Index offset = offsetOf(row, col);
    switch (type) {
        case StoredType::BF16:
            return bfloat16ToFloat(static_cast<const std::uint16_t*>(data)[offset]);
        case StoredType::F16:
            return halfToFloat(static_cast<const std::uint16_t*>(data)[offset]);
        case StoredType::F32:
            break;
    }
    return floats()[offset];
}

Matrix PanelView::block(Eigen::Index row, Eigen::Index row_count, Eigen::Index col,
                        Eigen::Index col_count) const {
    Matrix out(row_count, col_count);
    for (Eigen::Index r = 0; r < row_count; ++r) {
        for (Eigen::Index c = 0; c < col_count; ++c) {
            out(r, c) = at(row + r, col + c);
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
    if (weights.layout != WeightLayout::RowMajor) {
        return;  // already packed, or used in place in a mapped file
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

namespace {

// Which mapped blocks stand for `weight`, a layer member of `weights`.
const std::vector<PanelView>& mappedBlocks(const TransformerWeights& weights,
                                           const Matrix& weight) {
    for (std::size_t l = 0; l < weights.layers.size(); ++l) {
        const LayerWeights& layer = weights.layers[l];
        const MappedMatrices::Layer& mapped = weights.mapped->layers.at(l);
        if (&weight == &layer.attn_qkv_weight) return mapped.attn_qkv;
        if (&weight == &layer.attn_out_weight) return mapped.attn_out;
        if (&weight == &layer.mlp_in_weight) return mapped.mlp_in;
        if (&weight == &layer.mlp_out_weight) return mapped.mlp_out;
    }
    throw AtlasError("weights: a matrix that is not one of the model's layer matrices");
}

}  // namespace

std::vector<PanelView> layerBlocks(const TransformerWeights& weights, const Matrix& weight) {
    if (weights.layout == WeightLayout::Mapped) {
        return mappedBlocks(weights, weight);
    }
    return {layerView(weights, weight)};
}

Eigen::Index layerRows(const TransformerWeights& weights, const Matrix& weight) {
    if (weights.layout != WeightLayout::Mapped) {
        return weight.rows();
    }
    return mappedBlocks(weights, weight).front().rows;
}

Eigen::Index layerCols(const TransformerWeights& weights, const Matrix& weight) {
    if (weights.layout != WeightLayout::Mapped) {
        return weight.cols();
    }
    Eigen::Index cols = 0;
    for (const PanelView& part : mappedBlocks(weights, weight)) {
        cols += part.cols;
    }
    return cols;
}

PanelView outputProjection(const TransformerWeights& weights) {
    const Matrix& embedding =
        weights.output_embedding.size() != 0 ? weights.output_embedding : weights.token_embedding;
    if (weights.output_embedding.size() != 0 && weights.layout != WeightLayout::Mapped) {
        // An untied lm_head stays row-major in every layout: it is read once per pass.
        return PanelView::transposedRows(embedding.data(), embedding.cols(), embedding.rows(),
                                         embedding.cols());
    }
    switch (weights.layout) {
        case WeightLayout::Mapped:
            return weights.mapped->output_projection;
        case WeightLayout::Panels:
            return embeddingPanels(embedding);
        case WeightLayout::RowMajor:
            break;
    }
    return PanelView::transposedRows(embedding.data(), embedding.cols(), embedding.rows(),
                                     embedding.cols());
}

PanelView embeddingPanels(const Matrix& embedding) {
    return PanelView{embedding.data(), embedding.cols(), embedding.rows()};
}

Matrix weightBlock(const TransformerWeights& weights, const Matrix& weight, Eigen::Index row,
                   Eigen::Index row_count, Eigen::Index col, Eigen::Index col_count) {
    if (weights.layout == WeightLayout::RowMajor) {
        return weight.block(row, col, row_count, col_count);
    }
    if (weights.layout == WeightLayout::Panels) {
        return layerPanels(weight).block(row, row_count, col, col_count);
    }
    // Mapped: the blocks lie side by side; take each one's share of the columns.
    Matrix out(row_count, col_count);
    Eigen::Index first = 0;
    for (const PanelView& part : mappedBlocks(weights, weight)) {
        const Eigen::Index begin = std::max(col, first);
        const Eigen::Index end = std::min(col + col_count, first + part.cols);
        if (begin < end) {
            out.middleCols(begin - col, end - begin) =
                part.block(row, row_count, begin - first, end - begin);
        }
        first += part.cols;
    }
    return out;
}

RowVector tokenEmbeddingRow(const TransformerWeights& weights, int id) {
    if (weights.layout == WeightLayout::RowMajor) {
        return weights.token_embedding.row(id);
    }
    if (weights.layout == WeightLayout::Mapped) {
        const PanelView& projection = weights.mapped->input_embedding.data != nullptr
                                          ? weights.mapped->input_embedding
                                          : weights.mapped->output_projection;  // [C, V]
        return projection.block(0, projection.rows, id, 1).transpose();
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
    if (weights.layout == WeightLayout::Mapped) {
        for (std::size_t l = 0; l < weights.layers.size(); ++l) {
            const LayerWeights& from = weights.layers[l];
            LayerWeights& to = copy.layers[l];
            for (auto [source, target] : {std::pair{&from.attn_qkv_weight, &to.attn_qkv_weight},
                                          std::pair{&from.attn_out_weight, &to.attn_out_weight},
                                          std::pair{&from.mlp_in_weight, &to.mlp_in_weight},
                                          std::pair{&from.mlp_out_weight, &to.mlp_out_weight}}) {
                const std::vector<PanelView>& blocks = mappedBlocks(weights, *source);
                Eigen::Index cols = 0;
                for (const PanelView& part : blocks)
                    cols += part.cols;
                *target = weightBlock(weights, *source, 0, blocks.front().rows, 0, cols);
            }
        }
        const PanelView& projection = weights.mapped->output_projection;
        if (weights.mapped->input_embedding.data != nullptr) {
            const PanelView& input = weights.mapped->input_embedding;
            copy.token_embedding = input.block(0, input.rows, 0, input.cols).transpose();
            copy.output_embedding =
                projection.block(0, projection.rows, 0, projection.cols).transpose();
        } else {
            copy.token_embedding =
                projection.block(0, projection.rows, 0, projection.cols).transpose();
        }
        copy.mapped.reset();
        copy.layout = WeightLayout::RowMajor;
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
