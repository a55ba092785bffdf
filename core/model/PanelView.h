// A read-only view of a weight matrix W [rows K, cols N], the right operand of x @ W, wherever
// and however it is stored:
//   - column panels (row_stride 0): panel p holds columns 16p .. 16p + w - 1 as K rows of w;
//   - row-major [K, N] with rows row_stride elements apart (GPT-2's Conv1D, training's weights);
//   - transposed: stored [N, K] with rows row_stride apart, so x @ W = x @ S^T (Hugging Face's
//     Linear [out, in], a tied embedding [V, C]).
// The elements are float32, BF16 or F16 as stored: a model file's tensors are used in place, in
// their own dtype, and converted inside the kernels (model/PanelProduct.h).
#pragma once

#include <algorithm>

#include <Eigen/Core>

#include "kernel/SimdFunctions.h"
#include "model/Matrix.h"

namespace atlas {

constexpr int kPanelWidth = 16;

using StoredType = kernel::StoredType;

struct PanelView {
    const void* data = nullptr;
    Eigen::Index rows = 0;
    Eigen::Index cols = 0;
    Eigen::Index row_stride = 0;  // 0: column panels; else elements between stored rows
    StoredType type = StoredType::F32;
    bool transposed = false;

    static PanelView rowMajor(const void* data, Eigen::Index rows, Eigen::Index cols,
                              Eigen::Index row_stride, StoredType type = StoredType::F32) {
        return PanelView{data, rows, cols, row_stride, type, false};
    }
    // W [rows, cols] stored as S = W^T [cols, rows], S's rows row_stride elements apart.
    static PanelView transposedRows(const void* data, Eigen::Index rows, Eigen::Index cols,
                                    Eigen::Index row_stride, StoredType type = StoredType::F32) {
        return PanelView{data, rows, cols, row_stride, type, true};
    }

    bool isPanels() const { return row_stride == 0; }
    bool isRowMajor() const { return row_stride != 0 && !transposed; }
    const float* floats() const { return static_cast<const float*>(data); }

    Eigen::Index panelCount() const { return (cols + kPanelWidth - 1) / kPanelWidth; }
    Eigen::Index panelWidth(Eigen::Index panel) const {
        return std::min<Eigen::Index>(kPanelWidth, cols - panel * kPanelWidth);
    }
    // Element offset of a panel's first element (panels and row-major views only).
    Eigen::Index panelOffset(Eigen::Index panel) const {
        return panel * kPanelWidth * (isPanels() ? rows : 1);
    }
    // float32 panels and row-major views only.
    const float* panel(Eigen::Index panel) const { return floats() + panelOffset(panel); }
    // Elements between row k and row k + 1 of a panel.
    Eigen::Index panelRowStride(Eigen::Index panel) const {
        return isPanels() ? panelWidth(panel) : row_stride;
    }
    // Element offset of W(row, col) in `data`.
    Eigen::Index offsetOf(Eigen::Index row, Eigen::Index col) const {
        if (transposed) {
            return col * row_stride + row;
        }
        const Eigen::Index p = col / kPanelWidth;
        return panelOffset(p) + row * panelRowStride(p) + col % kPanelWidth;
    }
    float at(Eigen::Index row, Eigen::Index col) const;
    // A dense float32 copy of the block [row, row + row_count) x [col, col + col_count).
    Matrix block(Eigen::Index row, Eigen::Index row_count, Eigen::Index col,
                 Eigen::Index col_count) const;
};

}  // namespace atlas
