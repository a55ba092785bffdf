// The AVX2 + FMA level, built with -mavx2 -mfma -mf16c (core/CMakeLists.txt) and run only where
// the CPU reports all three (kernel/KernelChoice.cpp).
//
// A tile of 6 rows x 16 columns keeps its sums in 12 of the 16 ymm registers; per step of K it
// loads one row of the panel (two registers) and broadcasts six values of x. While the first
// tile of a panel runs, it prefetches the next panel into L2, a line per step, so every tile
// reads its panel from cache. On one Zen 3 core this ran at about 95 % of the FMA peak.
#include "kernel/SimdFunctions.h"

#include <immintrin.h>

namespace atlas::kernel {

namespace {

#include "kernel/VectorLoops.inc"

constexpr Index elementSize(StoredType type) {
    return type == StoredType::F32 ? 4 : 2;
}

// Eight stored elements from base[i] as float32.
template <StoredType Type>
inline __m256 load8(const void* base, Index i) {
    if constexpr (Type == StoredType::F32) {
        return _mm256_loadu_ps(static_cast<const float*>(base) + i);
    } else {
        const __m128i half = _mm_loadu_si128(
            reinterpret_cast<const __m128i*>(static_cast<const unsigned short*>(base) + i));
        if constexpr (Type == StoredType::BF16) {
            return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(half), 16));
        } else {
            return _mm256_cvtph_ps(half);
        }
    }
}

// The sums are twelve named variables, not an array: GCC 12 keeps an array of __m256 in memory
// and stores every sum at every step, which halved the speed.
// `b` + element `offset` is the panel; `next` (or -1) the element offset of the next panel.
template <StoredType Type, int R>
void multiplyTile(Index depth, const float* a, const void* b, Index offset, Index row_stride,
                  float* c, Index ldc, Index next) {
    [[maybe_unused]] __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00,
                            c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00,
                            c51 = c00;
    for (Index k = 0; k < depth; ++k) {
        if (next >= 0) {
            _mm_prefetch(static_cast<const char*>(b) + (next + k * row_stride) * elementSize(Type),
                         _MM_HINT_T1);
        }
        const __m256 b0 = load8<Type>(b, offset + k * row_stride);
        const __m256 b1 = load8<Type>(b, offset + k * row_stride + 8);
        const float* ak = a + k * kTileRows;
        __m256 value;
#define ATLAS_TILE_ROW(r)                              \
    if constexpr (R > r) {                             \
        value = _mm256_broadcast_ss(ak + r);           \
        c##r##0 = _mm256_fmadd_ps(value, b0, c##r##0); \
        c##r##1 = _mm256_fmadd_ps(value, b1, c##r##1); \
    }
        ATLAS_TILE_ROW(0)
        ATLAS_TILE_ROW(1)
        ATLAS_TILE_ROW(2)
        ATLAS_TILE_ROW(3)
        ATLAS_TILE_ROW(4)
        ATLAS_TILE_ROW(5)
#undef ATLAS_TILE_ROW
    }
#define ATLAS_TILE_STORE(r)                         \
    if constexpr (R > r) {                          \
        _mm256_storeu_ps(c + r * ldc, c##r##0);     \
        _mm256_storeu_ps(c + r * ldc + 8, c##r##1); \
    }
    ATLAS_TILE_STORE(0)
    ATLAS_TILE_STORE(1)
    ATLAS_TILE_STORE(2)
    ATLAS_TILE_STORE(3)
    ATLAS_TILE_STORE(4)
    ATLAS_TILE_STORE(5)
#undef ATLAS_TILE_STORE
}

using TileFunction = void (*)(Index, const float*, const void*, Index, Index, float*, Index, Index);

template <StoredType Type>
struct Tiles {
    static constexpr TileFunction ofRows[kTileRows + 1] = {nullptr,
                                                           multiplyTile<Type, 1>,
                                                           multiplyTile<Type, 2>,
                                                           multiplyTile<Type, 3>,
                                                           multiplyTile<Type, 4>,
                                                           multiplyTile<Type, 5>,
                                                           multiplyTile<Type, 6>};
};

template <StoredType Type>
void multiplyPanelsOf(const float* tiles, Index rows, Index depth, const PanelOperand& weight,
                      float* out, Index ldo) {
    const Index tile_count = (rows + kTileRows - 1) / kTileRows;
    for (Index p = 0; p < weight.panel_count; ++p) {
        const Index offset = p * weight.panel_stride;
        const Index next = p + 1 < weight.panel_count ? offset + weight.panel_stride : -1;
        for (Index t = 0; t < tile_count; ++t) {
            const Index first = t * kTileRows;
            const Index used = rows - first < kTileRows ? rows - first : kTileRows;
            Tiles<Type>::ofRows[used](depth, tiles + t * depth * kTileRows, weight.b, offset,
                                      weight.row_stride, out + first * ldo + p * kPanelWidth, ldo,
                                      t == 0 ? next : -1);
        }
    }
}

void multiplyPanels(const float* tiles, Index rows, Index depth, const PanelOperand& weight,
                    float* out, Index ldo) {
    withStoredType(weight.type, [&](auto tag) {
        multiplyPanelsOf<decltype(tag)::type>(tiles, rows, depth, weight, out, ldo);
    });
}

// The 256-bit width for the loops written once in VectorLoops.inc. The transposed tile is 2 rows
// of x by 4 rows of S: 8 sums of 8 lanes, 13 of the 16 registers with the operands.
struct Avx2Vector {
    using Register = __m256;
    static constexpr Index kLanes = 8;
    static constexpr int kTransposedRows = 2;
    static Register zero() { return _mm256_setzero_ps(); }
    static Register loadFloats(const float* values) { return _mm256_loadu_ps(values); }
    template <StoredType Type>
    static Register load(const void* base, Index i) {
        return load8<Type>(base, i);
    }
    static Register multiplyAdd(Register a, Register b, Register c) {
        return _mm256_fmadd_ps(a, b, c);
    }
    static float sumOfLanes(Register value) {
        const __m128 half =
            _mm_add_ps(_mm256_castps256_ps128(value), _mm256_extractf128_ps(value, 1));
        const __m128 pairs = _mm_add_ps(half, _mm_movehl_ps(half, half));
        return _mm_cvtss_f32(_mm_add_ss(pairs, _mm_shuffle_ps(pairs, pairs, 1)));
    }
};

const SimdFunctions functions{multiplyPanels, multiplyTransposedWith<Avx2Vector>,
                              softmaxRow,     layerNormRow,
                              geluTanh,       geluErf};

}  // namespace

const SimdFunctions& avx2Functions() {
    return functions;
}

}  // namespace atlas::kernel
