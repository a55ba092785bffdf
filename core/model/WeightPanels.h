// The inference layout of the large weight matrices: column panels.
//
// A product x [T, K] @ W [K, N] with few rows T is bound by streaming W. A BLAS copies W into
// its own panel order on every call, which at T <= 64 costs about as much as the multiplication
// (docs/performance.md). A loaded model therefore stores W once in that order: panel p holds
// columns 16p .. 16p + w - 1 (w = 16, or fewer for the last panel) as K rows of w floats, one
// panel after another. The buffer has exactly K * N floats, so the Matrix keeps its shape and
// its size; only the order of the floats changes.
//
// The tied token embedding E [V, C] is stored as the panels of its transpose E^T [C, V], the
// operand of the output projection: panel p holds tokens 16p .. 16p + w - 1, C rows of w. A
// token's embedding row is then w floats apart, which the few lookups of a pass can afford.
//
// Which tensors: every layer's attn_qkv, attn_out, mlp_in and mlp_out weights and the token
// embedding. TransformerWeights::layout says which layout a set of weights is in.
#pragma once

#include <algorithm>
#include <vector>

#include <Eigen/Core>

#include "model/Matrix.h"
#include "model/TransformerWeights.h"

namespace atlas {

constexpr int kPanelWidth = 16;

// A read-only view of a [rows, cols] matrix, either stored as column panels (row_stride 0) or
// row-major with `row_stride` floats between rows (training's weights, the tests' reference).
// The product (model/PanelProduct.h) reads both: a row-major matrix is panels whose rows are
// row_stride apart instead of 16.
struct PanelView {
    const float* data = nullptr;
    Eigen::Index rows = 0;
    Eigen::Index cols = 0;
    Eigen::Index row_stride = 0;

    static PanelView rowMajor(const float* data, Eigen::Index rows, Eigen::Index cols,
                              Eigen::Index row_stride) {
        return PanelView{data, rows, cols, row_stride};
    }
    bool isRowMajor() const { return row_stride != 0; }

    Eigen::Index panelCount() const { return (cols + kPanelWidth - 1) / kPanelWidth; }
    Eigen::Index panelWidth(Eigen::Index panel) const {
        return std::min<Eigen::Index>(kPanelWidth, cols - panel * kPanelWidth);
    }
    const float* panel(Eigen::Index panel) const {
        return data + panel * kPanelWidth * (isRowMajor() ? 1 : rows);
    }
    // Floats between row k and row k + 1 of a panel.
    Eigen::Index panelRowStride(Eigen::Index panel) const {
        return isRowMajor() ? row_stride : panelWidth(panel);
    }
    float at(Eigen::Index row, Eigen::Index col) const {
        const Eigen::Index p = col / kPanelWidth;
        return panel(p)[row * panelRowStride(p) + col % kPanelWidth];
    }
    // A dense copy of the block [row, row + row_count) x [col, col + col_count).
    Matrix block(Eigen::Index row, Eigen::Index row_count, Eigen::Index col,
                 Eigen::Index col_count) const;
};

// Reorders in place: a row-major [K, N] matrix to column panels.
void packColumnPanels(Matrix& weight);
// Reorders in place: a row-major [V, C] embedding to the column panels of its transpose [C, V].
void packTransposedPanels(Matrix& embedding);

// Copies a block [rows, cols] (row stride ld floats) into `panels` as column panels, or its
// transpose [cols, rows]; returns the view of the copy. For the attention's per-head products,
// whose operands (k^T, v) are new on every pass.
PanelView copyIntoPanels(const float* block, Eigen::Index rows, Eigen::Index cols, Eigen::Index ld,
                         std::vector<float>& panels);
PanelView copyTransposeIntoPanels(const float* block, Eigen::Index rows, Eigen::Index cols,
                                  Eigen::Index ld, std::vector<float>& panels);

// Converts the large matrices of row-major weights to panels (no-op if they already are).
void packForInference(TransformerWeights& weights);

// Access that works in either layout, for the code that reads pieces of the weights.
// W [K, N] of a layer, as a dense block.
Matrix weightBlock(const TransformerWeights& weights, const Matrix& weight, Eigen::Index row,
                   Eigen::Index row_count, Eigen::Index col, Eigen::Index col_count);
// The token embedding's row `id` [1, C].
RowVector tokenEmbeddingRow(const TransformerWeights& weights, int id);
// The view of a layer matrix [K, N] in its layout, or of the panels of the embedding's
// transpose [C, V].
PanelView layerPanels(const Matrix& weight);
PanelView layerView(const TransformerWeights& weights, const Matrix& weight);
PanelView embeddingPanels(const Matrix& embedding);

// Every tensor in row-major order again (for writing, comparing, training).
TransformerWeights unpackedCopy(const TransformerWeights& weights);

}  // namespace atlas
