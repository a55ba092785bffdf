// x @ W over column panels (or a row-major matrix seen as panels), in the chosen kernel.
//
// SIMD: whole panels (or a transposed weight) go to the kernel of the chosen instruction set
// (kernel/Simd*.cpp), a last narrow panel to Eigen. Eigen: Eigen's product, panel by panel (one
// product for a row-major or transposed matrix); a BF16 or F16 weight is converted to float32
// block by block first. Reference: three plain loops with double sums.
#include "model/PanelProduct.h"

#include <algorithm>
#include <string>
#include <vector>

#include "Error.h"
#include "kernel/SimdFunctions.h"

namespace atlas {

namespace {

static_assert(kPanelWidth == kernel::kPanelWidth && PackedRows::kTileRows == kernel::kTileRows);

using StridedMap = Eigen::Map<Matrix, 0, Eigen::OuterStride<>>;
using ConstStridedMap = Eigen::Map<const Matrix, 0, Eigen::OuterStride<>>;

// Eigen's product on panels [first, end) of the weight, written from out's first column.
void multiplyWithEigen(const PackedRows& x, const PanelView& weight, Eigen::Index first,
                       Eigen::Index end, float* out, Eigen::Index ldo) {
    const ConstStridedMap input(x.x(), x.rows(), weight.rows, Eigen::OuterStride<>(x.ldx()));
    const Eigen::Index begin = first * kPanelWidth;
    const Eigen::Index count = std::min(end * kPanelWidth, weight.cols) - begin;
    StridedMap result(out, x.rows(), count, Eigen::OuterStride<>(ldo));
    if (weight.type != StoredType::F32) {
        result.noalias() = input * weight.block(0, weight.rows, begin, count);
        return;
    }
    if (weight.transposed) {
        const ConstStridedMap stored(weight.floats() + begin * weight.row_stride, count,
                                     weight.rows, Eigen::OuterStride<>(weight.row_stride));
        result.noalias() = input * stored.transpose();
        return;
    }
    if (weight.isRowMajor()) {
        const ConstStridedMap columns(weight.floats() + begin, weight.rows, count,
                                      Eigen::OuterStride<>(weight.row_stride));
        result.noalias() = input * columns;
        return;
    }
    for (Eigen::Index panel = first; panel < end; ++panel) {
        const Eigen::Index width = weight.panelWidth(panel);
        const ConstMatrixMap columns(weight.panel(panel), weight.rows, width);
        StridedMap(out + (panel - first) * kPanelWidth, x.rows(), width,
                   Eigen::OuterStride<>(ldo))
            .noalias() = input * columns;
    }
}

void multiplyWithReference(const PackedRows& x, const PanelView& weight, Eigen::Index first,
                           Eigen::Index end, float* out, Eigen::Index ldo) {
    const Eigen::Index begin = first * kPanelWidth;
    const Eigen::Index stop = std::min(end * kPanelWidth, weight.cols);
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        const float* row = x.x() + r * x.ldx();
        for (Eigen::Index n = begin; n < stop; ++n) {
            double sum = 0;
            for (Eigen::Index k = 0; k < weight.rows; ++k) {
                sum += static_cast<double>(row[k]) * weight.at(k, n);
            }
            out[r * ldo + (n - begin)] = static_cast<float>(sum);
        }
    }
}

void multiplyWithSimd(const PackedRows& x, const PanelView& weight, Eigen::Index first,
                      Eigen::Index end, float* out, Eigen::Index ldo) {
    const kernel::SimdFunctions* functions = kernel::simdFunctions(x.kernel().level);
    if (weight.transposed) {
        const Eigen::Index begin = first * kPanelWidth;
        const std::size_t element = weight.type == StoredType::F32 ? 4 : 2;
        kernel::TransposedOperand operand;
        operand.s = static_cast<const char*>(weight.data) + begin * weight.row_stride * element;
        operand.type = weight.type;
        operand.row_stride = weight.row_stride;
        operand.count = std::min(end * kPanelWidth, weight.cols) - begin;
        functions->multiply_transposed(x.x(), x.rows(), x.ldx(), x.depth(), operand, out, ldo);
        return;
    }
    // Whole panels: all but a last narrow one.
    Eigen::Index whole_end = end;
    if (weight.panelWidth(end - 1) != kPanelWidth) {
        --whole_end;
    }
    if (whole_end > first) {
        const std::size_t element = weight.type == StoredType::F32 ? 4 : 2;
        kernel::PanelOperand operand;
        operand.b = static_cast<const char*>(weight.data) + weight.panelOffset(first) * element;
        operand.type = weight.type;
        operand.panel_stride = weight.isRowMajor() ? kPanelWidth : kPanelWidth * weight.rows;
        operand.row_stride = weight.isRowMajor() ? weight.row_stride : kPanelWidth;
        operand.panel_count = whole_end - first;
        functions->multiply_panels(x.tiles(), x.rows(), x.depth(), operand, out, ldo);
    }
    if (whole_end < end) {
        multiplyWithEigen(x, weight, whole_end, end, out + (whole_end - first) * kPanelWidth, ldo);
    }
}

}  // namespace

PackedRows::PackedRows(const float* x, Eigen::Index rows, Eigen::Index depth, Eigen::Index ldx,
                       const Kernel& kernel)
    : x_(x), rows_(rows), depth_(depth), ldx_(ldx), kernel_(kernel) {
    if (kernel.kind != KernelKind::Simd) {
        return;
    }
    if (kernel::simdFunctions(kernel.level) == nullptr) {
        throw AtlasError(std::string("kernel: this build has no ") +
                         simdLevelName(kernel.level) + " code");
    }
    const Eigen::Index tiles = (rows + kTileRows - 1) / kTileRows;
    tiles_.resize(static_cast<std::size_t>(tiles * depth * kTileRows));
    // Tile by tile, writing in order: six rows read side by side, padding rows set to zero.
    for (Eigen::Index t = 0; t < tiles; ++t) {
        float* tile = tiles_.data() + t * depth * kTileRows;
        const Eigen::Index first = t * kTileRows;
        const int used = static_cast<int>(std::min<Eigen::Index>(kTileRows, rows - first));
        for (Eigen::Index k = 0; k < depth; ++k) {
            for (int r = 0; r < kTileRows; ++r) {
                tile[k * kTileRows + r] = r < used ? x[(first + r) * ldx + k] : 0.0f;
            }
        }
    }
}

void multiplyPanels(const PackedRows& x, const PanelView& weight, Eigen::Index col_begin,
                    Eigen::Index col_count, float* out, Eigen::Index ldo) {
    if (x.depth() != weight.rows) {
        throw AtlasError("panel product: x has " + std::to_string(x.depth()) +
                         " columns, the weight " + std::to_string(weight.rows) + " rows");
    }
    // Whole panels, but for the matrix's last one: the kernel writes 16 columns per panel.
    if (col_begin % kPanelWidth != 0 || col_begin < 0 || col_count < 0 ||
        col_begin + col_count > weight.cols ||
        (col_count % kPanelWidth != 0 && col_begin + col_count != weight.cols)) {
        throw AtlasError("panel product: columns " + std::to_string(col_begin) + " + " +
                         std::to_string(col_count) + " are not whole panels of the weight's " +
                         std::to_string(weight.cols));
    }
    if (x.rows() == 0 || col_count == 0) {
        return;
    }
    const Eigen::Index first = col_begin / kPanelWidth;
    const Eigen::Index end = (col_begin + col_count + kPanelWidth - 1) / kPanelWidth;
    switch (x.kernel().kind) {
        case KernelKind::Reference:
            multiplyWithReference(x, weight, first, end, out, ldo);
            break;
        case KernelKind::Eigen:
            multiplyWithEigen(x, weight, first, end, out, ldo);
            break;
        case KernelKind::Simd:
            multiplyWithSimd(x, weight, first, end, out, ldo);
            break;
    }
}

}  // namespace atlas
