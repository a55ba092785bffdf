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
#include "model/PanelView.h"
#include "model/TransformerWeights.h"

namespace atlas {

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

// Access that works in every layout, for the code that reads pieces of the weights.
// W [K, N] of a layer (`weight` is one of `weights`' layer members), as a dense block.
Matrix weightBlock(const TransformerWeights& weights, const Matrix& weight, Eigen::Index row,
                   Eigen::Index row_count, Eigen::Index col, Eigen::Index col_count);
// The token embedding's row `id` [1, C].
RowVector tokenEmbeddingRow(const TransformerWeights& weights, int id);
// The view of a layer matrix [K, N] in its layout, or of the panels of the embedding's
// transpose [C, V].
PanelView layerPanels(const Matrix& weight);
PanelView layerView(const TransformerWeights& weights, const Matrix& weight);
// A layer matrix (one of `weights`' layer members) as the column blocks the forward multiplies:
// one block, or for a mapped BERT the three stored q, k and v matrices side by side.
std::vector<PanelView> layerBlocks(const TransformerWeights& weights, const Matrix& weight);
// The shape of a layer matrix (one of `weights`' layer members) in any layout: in the Mapped
// one the Matrix member itself is empty.
Eigen::Index layerRows(const TransformerWeights& weights, const Matrix& weight);
Eigen::Index layerCols(const TransformerWeights& weights, const Matrix& weight);
// The output projection x @ E^T [C, V] of the tied token embedding, in any layout.
PanelView outputProjection(const TransformerWeights& weights);
PanelView embeddingPanels(const Matrix& embedding);

// Every tensor in row-major order again (for writing, comparing, training).
TransformerWeights unpackedCopy(const TransformerWeights& weights);

}  // namespace atlas
