// The hot loops of the forward pass, compiled once per instruction set (SimdLevel).
//
// This header is included by files built with -mavx2 or -mavx512f, so it declares only plain
// structs and functions: an inline function defined here (or in Eigen or the standard library)
// and emitted by such a file could be the copy the linker keeps for the whole program, and
// would then crash on a CPU without that instruction set.
#pragma once

#include <cstddef>

namespace atlas {

enum class SimdLevel;

namespace kernel {

using Index = std::ptrdiff_t;

// The left operand of a panel product, packed: tiles of kTileRows rows, each [depth][kTileRows]
// (row r of tile t at tiles[t * depth * kTileRows + k * kTileRows + r]), zero-padded.
constexpr int kTileRows = 6;
// Columns per panel of the right operand.
constexpr int kPanelWidth = 16;

// How a weight's numbers are stored: as in the model file, converted to float32 inside the
// kernels, a vector at a time (BF16 and F16 models are never copied to float32 whole).
enum class StoredType { F32, BF16, F16 };

// The right operand: `panel_count` whole panels of 16 columns, panel p's row k at
// b + p * panel_stride + k * row_stride (in elements of `type`). Column panels have
// panel_stride = 16 * depth and row_stride = 16; a row-major [depth, N] matrix has
// panel_stride = 16 and row_stride = N.
struct PanelOperand {
    const void* b = nullptr;
    StoredType type = StoredType::F32;
    Index panel_stride = 0;
    Index row_stride = 0;
    Index panel_count = 0;
};

// A right operand stored transposed: S [count, depth] with rows `row_stride` elements apart, so
// the product is x @ S^T (Hugging Face's Linear weights [out, in], a tied embedding [V, C]).
struct TransposedOperand {
    const void* s = nullptr;
    StoredType type = StoredType::F32;
    Index row_stride = 0;
    Index count = 0;
};

struct SimdFunctions {
    // out [rows, 16 * panel_count] (row stride ldo) = x @ W over the whole panels of `weight`.
    void (*multiply_panels)(const float* tiles, Index rows, Index depth,
                            const PanelOperand& weight, float* out, Index ldo);
    // out [rows, count] (row stride ldo) = x [rows, depth] (row stride ldx) @ S^T.
    void (*multiply_transposed)(const float* x, Index rows, Index ldx, Index depth,
                                const TransposedOperand& weight, float* out, Index ldo);
    // out [n] = softmax(in [n]); in and out may be the same.
    void (*softmax_row)(const float* in, float* out, Index n);
    // out [n] = (x - mean) / sqrt(variance + epsilon) * weight + bias; x and out may be the same.
    void (*layer_norm_row)(const float* x, const float* weight, const float* bias, float epsilon,
                           float* out, Index n);
    // x [n] = GELU(x), GPT-2's tanh approximation or BERT's exact erf form.
    void (*gelu_tanh)(float* x, Index n);
    void (*gelu_erf)(float* x, Index n);
    // out [n] = x * weight / sqrt(mean(x^2) + epsilon) (RMSNorm); x and out may be the same.
    void (*rms_norm_row)(const float* x, const float* weight, float epsilon, float* out, Index n);
    // gate [n] = silu(gate) * up = gate / (1 + exp(-gate)) * up (SwiGLU's inner product).
    void (*silu_gate)(float* gate, const float* up, Index n);
};

// The functions for `level`, or null when this build has none for it (AVX2 and AVX-512 exist
// only in x86-64 builds). Does not check the CPU: see simdLevelAvailable.
const SimdFunctions* simdFunctions(SimdLevel level);

// One per level, each defined in its own file.
const SimdFunctions& genericFunctions();
#if defined(__x86_64__)
const SimdFunctions& avx2Functions();
const SimdFunctions& avx512Functions();
#endif

}  // namespace kernel
}  // namespace atlas
