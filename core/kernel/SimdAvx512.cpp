// The AVX-512F level, built with -mavx512f -mavx2 -mfma (core/CMakeLists.txt) and run only where
// the CPU reports AVX-512F (kernel/KernelChoice.cpp).
//
// A product of more than one tile of rows first copies a group of up to four pairs of panels
// (two panels side by side, 32 columns each pair) over a slice of at most 768 rows of K into a
// contiguous float32 scratch, [K slice][32] per pair, converting BF16 and F16 there: the weight is
// read where it lies once per product, a row of the group at a time, and every tile of x then
// runs against each pair of the group (at most 384 KB, in L2) while the tile is in L1. A tile is
// 12 rows x 32 columns: 24 of the 32 zmm registers of sums; per step of K it loads a row of the
// pair (two registers) and broadcasts twelve values of x, 24 FMAs for 14 loads; a later slice of
// K adds its sums to the first's. A product of at most 6 rows reads the weight in place, in tiles
// of 6 x 32, the next pair prefetched into L2 a line per step.
#include "kernel/SimdFunctions.h"

// GCC 12 reports the _mm512_undefined_* values inside avx512fintrin.h's conversions and
// reductions as maybe-uninitialized reads once inlined here: a known false positive (the value
// is deliberately undefined and fully overwritten), fixed in GCC 13. Only this file, only GCC.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <immintrin.h>

#include <cstddef>
#include <new>

namespace atlas::kernel {

namespace {

#include "kernel/VectorLoops.inc"

constexpr Index elementSize(StoredType type) {
    return type == StoredType::F32 ? 4 : 2;
}

// Sixteen stored elements from base[i] as float32.
template <StoredType Type>
inline __m512 load16(const void* base, Index i) {
    if constexpr (Type == StoredType::F32) {
        return _mm512_loadu_ps(static_cast<const float*>(base) + i);
    } else {
        const __m256i half = _mm256_loadu_si256(
            reinterpret_cast<const __m256i*>(static_cast<const unsigned short*>(base) + i));
        if constexpr (Type == StoredType::BF16) {
            return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(half), 16));
        } else {
            return _mm512_cvtph_ps(half);
        }
    }
}

inline void prefetchElement(const void* base, Index i, StoredType type) {
    _mm_prefetch(static_cast<const char*>(base) + i * elementSize(type), _MM_HINT_T1);
}

// P panels (1 or 2) of R rows; the panels start at elements b0 and b1 of `b`, the next pair (to
// prefetch, or -1) at next0 and next1. Named sums, not an array, so that GCC keeps them in
// registers.
template <StoredType Type, int R, int P>
void multiplyTile(Index depth, const float* a, const void* b, Index b0, Index b1, Index row_stride,
                  float* c, Index ldc, Index next0, Index next1) {
    [[maybe_unused]] __m512 c00 = _mm512_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00,
                            c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00,
                            c51 = c00;
    for (Index k = 0; k < depth; ++k) {
        if (next0 >= 0) {
            prefetchElement(b, next0 + k * row_stride, Type);
            if constexpr (P == 2) {
                prefetchElement(b, next1 + k * row_stride, Type);
            }
        }
        const __m512 w0 = load16<Type>(b, b0 + k * row_stride);
        [[maybe_unused]] __m512 w1;
        if constexpr (P == 2) {
            w1 = load16<Type>(b, b1 + k * row_stride);
        }
        const float* ak = a + k * kTileRows;
        __m512 value;
#define ATLAS_TILE_ROW(r)                                  \
    if constexpr (R > r) {                                 \
        value = _mm512_set1_ps(ak[r]);                     \
        c##r##0 = _mm512_fmadd_ps(value, w0, c##r##0);     \
        if constexpr (P == 2) {                            \
            c##r##1 = _mm512_fmadd_ps(value, w1, c##r##1); \
        }                                                  \
    }
        ATLAS_TILE_ROW(0)
        ATLAS_TILE_ROW(1)
        ATLAS_TILE_ROW(2)
        ATLAS_TILE_ROW(3)
        ATLAS_TILE_ROW(4)
        ATLAS_TILE_ROW(5)
#undef ATLAS_TILE_ROW
    }
#define ATLAS_TILE_STORE(r)                              \
    if constexpr (R > r) {                               \
        _mm512_storeu_ps(c + r * ldc, c##r##0);          \
        if constexpr (P == 2) {                          \
            _mm512_storeu_ps(c + r * ldc + 16, c##r##1); \
        }                                                \
    }
    ATLAS_TILE_STORE(0)
    ATLAS_TILE_STORE(1)
    ATLAS_TILE_STORE(2)
    ATLAS_TILE_STORE(3)
    ATLAS_TILE_STORE(4)
    ATLAS_TILE_STORE(5)
#undef ATLAS_TILE_STORE
}

// R rows (up to 12: rows 0-5 from the x tile `a`, 6-11 from `a_next`) by P panels of a pair
// packed as [depth][32] float32; `accumulate` adds the sums to c (a later slice of depth).
template <int R, int P>
void multiplyPackedTile(Index depth, const float* a, const float* a_next, const float* packed,
                        float* c, Index ldc, bool accumulate) {
    [[maybe_unused]] __m512 c00 = _mm512_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00,
                            c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00,
                            c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00, c80 = c00,
                            c81 = c00, c90 = c00, c91 = c00, c100 = c00, c101 = c00, c110 = c00,
                            c111 = c00;
    for (Index k = 0; k < depth; ++k) {
        const __m512 w0 = _mm512_loadu_ps(packed + k * 2 * kPanelWidth);
        [[maybe_unused]] __m512 w1;
        if constexpr (P == 2) {
            w1 = _mm512_loadu_ps(packed + k * 2 * kPanelWidth + kPanelWidth);
        }
        const float* ak = a + k * kTileRows;
        [[maybe_unused]] const float* bk = a_next + k * kTileRows;
        __m512 value;
#define ATLAS_PACKED_ROW(r, source, i)                     \
    if constexpr (R > r) {                                 \
        value = _mm512_set1_ps(source[i]);                 \
        c##r##0 = _mm512_fmadd_ps(value, w0, c##r##0);     \
        if constexpr (P == 2) {                            \
            c##r##1 = _mm512_fmadd_ps(value, w1, c##r##1); \
        }                                                  \
    }
        ATLAS_PACKED_ROW(0, ak, 0)
        ATLAS_PACKED_ROW(1, ak, 1)
        ATLAS_PACKED_ROW(2, ak, 2)
        ATLAS_PACKED_ROW(3, ak, 3)
        ATLAS_PACKED_ROW(4, ak, 4)
        ATLAS_PACKED_ROW(5, ak, 5)
        ATLAS_PACKED_ROW(6, bk, 0)
        ATLAS_PACKED_ROW(7, bk, 1)
        ATLAS_PACKED_ROW(8, bk, 2)
        ATLAS_PACKED_ROW(9, bk, 3)
        ATLAS_PACKED_ROW(10, bk, 4)
        ATLAS_PACKED_ROW(11, bk, 5)
#undef ATLAS_PACKED_ROW
    }
#define ATLAS_PACKED_STORE(r)                                                        \
    if constexpr (R > r) {                                                           \
        if (accumulate) {                                                            \
            c##r##0 = _mm512_add_ps(c##r##0, _mm512_loadu_ps(c + r * ldc));          \
        }                                                                            \
        _mm512_storeu_ps(c + r * ldc, c##r##0);                                      \
        if constexpr (P == 2) {                                                      \
            if (accumulate) {                                                        \
                c##r##1 = _mm512_add_ps(c##r##1, _mm512_loadu_ps(c + r * ldc + 16)); \
            }                                                                        \
            _mm512_storeu_ps(c + r * ldc + 16, c##r##1);                             \
        }                                                                            \
    }
    ATLAS_PACKED_STORE(0)
    ATLAS_PACKED_STORE(1)
    ATLAS_PACKED_STORE(2)
    ATLAS_PACKED_STORE(3)
    ATLAS_PACKED_STORE(4)
    ATLAS_PACKED_STORE(5)
    ATLAS_PACKED_STORE(6)
    ATLAS_PACKED_STORE(7)
    ATLAS_PACKED_STORE(8)
    ATLAS_PACKED_STORE(9)
    ATLAS_PACKED_STORE(10)
    ATLAS_PACKED_STORE(11)
#undef ATLAS_PACKED_STORE
}

// Rows of the packed product's tile: two tiles of x.
constexpr int kPackedRows = 2 * kTileRows;

using PackedTileFunction = void (*)(Index, const float*, const float*, const float*, float*, Index,
                                    bool);

template <int P>
struct PackedTiles {
    static constexpr PackedTileFunction of_rows[kPackedRows + 1] = {nullptr,
                                                                    multiplyPackedTile<1, P>,
                                                                    multiplyPackedTile<2, P>,
                                                                    multiplyPackedTile<3, P>,
                                                                    multiplyPackedTile<4, P>,
                                                                    multiplyPackedTile<5, P>,
                                                                    multiplyPackedTile<6, P>,
                                                                    multiplyPackedTile<7, P>,
                                                                    multiplyPackedTile<8, P>,
                                                                    multiplyPackedTile<9, P>,
                                                                    multiplyPackedTile<10, P>,
                                                                    multiplyPackedTile<11, P>,
                                                                    multiplyPackedTile<12, P>};
};

// Rows of the weight fetched ahead while packing: they lie a page or more apart, where the
// hardware's prefetcher does not follow.
constexpr Index kPrefetchRowsAhead = 16;

using TileFunction = void (*)(Index, const float*, const void*, Index, Index, Index, float*, Index,
                              Index, Index);

template <StoredType Type>
struct Tiles {
    static constexpr TileFunction pairs[kTileRows + 1] = {nullptr,
                                                          multiplyTile<Type, 1, 2>,
                                                          multiplyTile<Type, 2, 2>,
                                                          multiplyTile<Type, 3, 2>,
                                                          multiplyTile<Type, 4, 2>,
                                                          multiplyTile<Type, 5, 2>,
                                                          multiplyTile<Type, 6, 2>};
    static constexpr TileFunction singles[kTileRows + 1] = {nullptr,
                                                            multiplyTile<Type, 1, 1>,
                                                            multiplyTile<Type, 2, 1>,
                                                            multiplyTile<Type, 3, 1>,
                                                            multiplyTile<Type, 4, 1>,
                                                            multiplyTile<Type, 5, 1>,
                                                            multiplyTile<Type, 6, 1>};
};

// Weight packed at a time: a group of up to four pairs over a slice of at most 768 rows of K
// (96 KB a pair), which stays in L2 (1 MB and up on the CPUs with AVX-512) while the x tiles
// stream past it. Slicing K keeps the group at four pairs for the deep products (K = 3072).
constexpr Index kMostPairsPerGroup = 4;
constexpr Index kMostPackedDepth = 768;

// Rows k0 .. k0 + depth - 1 of panels p .. p + 2 * pairs - 1 (the last pair may hold one panel)
// as `pairs` blocks of [depth][32] float32, read a row of the weight at a time: the group's
// columns of a row lie side by side, so each row's page and cache lines serve every pair.
template <StoredType Type>
void packGroup(const PanelOperand& weight, Index p, Index pairs, Index k0, Index depth,
               float* packed) {
    const Index left = weight.panel_count - p;
    const Index panels = left < 2 * pairs ? left : 2 * pairs;
    for (Index k = 0; k < depth; ++k) {
        for (Index panel = 0; panel < panels; ++panel) {
            const Index element = (p + panel) * weight.panel_stride + (k0 + k) * weight.row_stride;
            if (k + kPrefetchRowsAhead < depth) {
                prefetchElement(weight.b, element + kPrefetchRowsAhead * weight.row_stride, Type);
            }
            float* block = packed + (panel / 2) * depth * 2 * kPanelWidth;
            _mm512_storeu_ps(block + k * 2 * kPanelWidth + (panel % 2) * kPanelWidth,
                             load16<Type>(weight.b, element));
        }
    }
}

template <StoredType Type>
void multiplyPackedPanelsOf(const float* tiles, Index rows, Index depth, const PanelOperand& weight,
                            float* out, Index ldo) {
    // No std::min here: see SimdFunctions.h on inline code.
    const Index slices = (depth + kMostPackedDepth - 1) / kMostPackedDepth;
    const Index slice_depth = (depth + slices - 1) / slices;
    const Index pair_floats = slice_depth * 2 * kPanelWidth;
    // Scratch of this call (no standard container: see SimdFunctions.h on inline code here).
    auto* packed = static_cast<float*>(
        ::operator new(static_cast<std::size_t>(kMostPairsPerGroup * pair_floats) * sizeof(float)));
    for (Index p = 0; p < weight.panel_count; p += 2 * kMostPairsPerGroup) {
        const Index pairs_left = (weight.panel_count - p + 1) / 2;
        const Index pairs = pairs_left < kMostPairsPerGroup ? pairs_left : kMostPairsPerGroup;
        for (Index k0 = 0; k0 < depth; k0 += slice_depth) {
            const Index slice = depth - k0 < slice_depth ? depth - k0 : slice_depth;
            packGroup<Type>(weight, p, pairs, k0, slice, packed);
            // Each x tile runs against every pair of the group while it is in L1.
            for (Index first = 0; first < rows; first += kPackedRows) {
                const Index used = rows - first < kPackedRows ? rows - first : kPackedRows;
                const float* a = tiles + (first / kTileRows) * depth * kTileRows + k0 * kTileRows;
                const float* a_next = used > kTileRows ? a + depth * kTileRows : a;
                for (Index pair = 0; pair < pairs; ++pair) {
                    const Index panel = p + 2 * pair;
                    const PackedTileFunction* functions = panel + 1 < weight.panel_count
                                                              ? PackedTiles<2>::of_rows
                                                              : PackedTiles<1>::of_rows;
                    functions[used](slice, a, a_next, packed + pair * slice * 2 * kPanelWidth,
                                    out + first * ldo + panel * kPanelWidth, ldo, k0 > 0);
                }
            }
        }
    }
    ::operator delete(packed);
}

template <StoredType Type>
void multiplyPanelsOf(const float* tiles, Index rows, Index depth, const PanelOperand& weight,
                      float* out, Index ldo) {
    if (rows > kTileRows) {
        multiplyPackedPanelsOf<Type>(tiles, rows, depth, weight, out, ldo);
        return;
    }
    const Index tile_count = (rows + kTileRows - 1) / kTileRows;
    const Index stride = weight.panel_stride;
    for (Index p = 0; p < weight.panel_count; p += 2) {
        const bool pair = p + 1 < weight.panel_count;
        const Index b0 = p * stride;
        const Index b1 = pair ? b0 + stride : b0;
        // The next step's panels, when they exist.
        const Index next0 = p + 2 < weight.panel_count ? b0 + 2 * stride : -1;
        const Index next1 = p + 3 < weight.panel_count ? b0 + 3 * stride : next0;
        const TileFunction* functions = pair ? Tiles<Type>::pairs : Tiles<Type>::singles;
        for (Index t = 0; t < tile_count; ++t) {
            const Index first = t * kTileRows;
            const Index used = rows - first < kTileRows ? rows - first : kTileRows;
            functions[used](depth, tiles + t * depth * kTileRows, weight.b, b0, b1,
                            weight.row_stride, out + first * ldo + p * kPanelWidth, ldo,
                            t == 0 ? next0 : -1, next1);
        }
    }
}

void multiplyPanels(const float* tiles, Index rows, Index depth, const PanelOperand& weight,
                    float* out, Index ldo) {
    withStoredType(weight.type, [&](auto tag) {
        multiplyPanelsOf<decltype(tag)::type>(tiles, rows, depth, weight, out, ldo);
    });
}

// The 512-bit width for the loops written once in VectorLoops.inc. The transposed tile is 3 rows
// of x by 4 rows of S: 12 sums of 16 lanes.
struct Avx512Vector {
    using Register = __m512;
    static constexpr Index kLanes = 16;
    static constexpr int kTransposedRows = 3;
    static Register zero() { return _mm512_setzero_ps(); }
    static Register loadFloats(const float* values) { return _mm512_loadu_ps(values); }
    template <StoredType Type>
    static Register load(const void* base, Index i) {
        return load16<Type>(base, i);
    }
    static Register multiplyAdd(Register a, Register b, Register c) {
        return _mm512_fmadd_ps(a, b, c);
    }
    static float sumOfLanes(Register value) { return _mm512_reduce_add_ps(value); }
};

const SimdFunctions functions{multiplyPanels, multiplyTransposedWith<Avx512Vector>,
                              softmaxRow,     layerNormRow,
                              geluTanh,       geluErf,
                              rmsNormRow,     siluGate};

}  // namespace

const SimdFunctions& avx512Functions() {
    return functions;
}

}  // namespace atlas::kernel
