// The portable level: plain loops for any CPU (x86-64's baseline SSE2, arm64's NEON), which the
// compiler vectorizes for the architecture's baseline.
#include "kernel/SimdFunctions.h"

namespace atlas::kernel {

namespace {

#include "kernel/VectorLoops.inc"

// A tile of up to six rows against one panel, its sums in a [6][16] block the compiler keeps
// in vector registers where it can. `b` is the panel's first element, in elements of Type.
template <StoredType Type>
void multiplyTile(Index rows, Index depth, const float* a, const void* b, Index b_offset,
                  Index row_stride, float* out, Index ldo) {
    float sums[kTileRows][kPanelWidth] = {};
    for (Index k = 0; k < depth; ++k) {
        float bk[kPanelWidth];
        for (int j = 0; j < kPanelWidth; ++j) {
            bk[j] = storedToFloat(b, b_offset + k * row_stride + j, Type);
        }
        const float* ak = a + k * kTileRows;
        for (int r = 0; r < kTileRows; ++r) {
            for (int j = 0; j < kPanelWidth; ++j) {
                sums[r][j] += ak[r] * bk[j];
            }
        }
    }
    for (Index r = 0; r < rows; ++r) {
        for (int j = 0; j < kPanelWidth; ++j) {
            out[r * ldo + j] = sums[r][j];
        }
    }
}

template <StoredType Type>
void multiplyPanelsOf(const float* tiles, Index rows, Index depth, const PanelOperand& weight,
                      float* out, Index ldo) {
    const Index tile_count = (rows + kTileRows - 1) / kTileRows;
    for (Index p = 0; p < weight.panel_count; ++p) {
        for (Index t = 0; t < tile_count; ++t) {
            const Index first = t * kTileRows;
            const Index used = rows - first < kTileRows ? rows - first : kTileRows;
            multiplyTile<Type>(used, depth, tiles + t * depth * kTileRows, weight.b,
                               p * weight.panel_stride, weight.row_stride,
                               out + first * ldo + p * kPanelWidth, ldo);
        }
    }
}

void multiplyPanels(const float* tiles, Index rows, Index depth, const PanelOperand& weight,
                    float* out, Index ldo) {
    withStoredType(weight.type, [&](auto tag) {
        multiplyPanelsOf<decltype(tag)::type>(tiles, rows, depth, weight, out, ldo);
    });
}

void multiplyTransposed(const float* x, Index rows, Index ldx, Index depth,
                        const TransposedOperand& weight, float* out, Index ldo) {
    multiplyTransposedPlainly(x, rows, ldx, depth, weight, 0, weight.count, out, ldo);
}

const SimdFunctions functions{multiplyPanels, multiplyTransposed, softmaxRow, layerNormRow,
                              geluTanh, geluErf, rmsNormRow, siluGate};

}  // namespace

const SimdFunctions& genericFunctions() { return functions; }

}  // namespace atlas::kernel
