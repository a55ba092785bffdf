// x @ W over column panels: rows in tiles of six, each panel streamed once from memory.
//
// A tile of 6 rows x 16 columns keeps its sums in 12 AVX registers; per step of K it loads one
// row of the panel (two registers) and broadcasts six values of x. While the first tile of a
// panel runs, it prefetches the next panel into L2, a line per step, so every tile reads its
// panel from cache and memory streams ahead of the arithmetic. x is copied once (PackedRows) into
// [tile][K][6] order so that the six values of a step are adjacent.
//
// On the EPYC VM this runs at about 85 % of the core's FMA peak (bench/FmaPeak.h) at 64 rows:
// the arithmetic, not memory, is what is left.
#include "model/PanelProduct.h"

#include <algorithm>
#include <string>
#include <vector>

#include "Error.h"

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define ATLAS_PANEL_KERNEL 1
#endif

namespace atlas {

namespace {

constexpr int kTileRows = PackedRows::kTileRows;

using StridedMap = Eigen::Map<Matrix, 0, Eigen::OuterStride<>>;
using ConstStridedMap = Eigen::Map<const Matrix, 0, Eigen::OuterStride<>>;

// Any panel width, any CPU: Eigen's product on the panel seen as a [K, width] matrix.
void multiplyPanelPortably(const float* x, Eigen::Index rows, Eigen::Index ldx,
                           const PanelView& weight, Eigen::Index panel, float* out,
                           Eigen::Index ldo) {
    const Eigen::Index width = weight.panelWidth(panel);
    const ConstStridedMap input(x, rows, weight.rows, Eigen::OuterStride<>(ldx));
    const ConstMatrixMap columns(weight.panel(panel), weight.rows, width);
    StridedMap(out, rows, width, Eigen::OuterStride<>(ldo)).noalias() = input * columns;
}

#ifdef ATLAS_PANEL_KERNEL

// c [R, 16] = a (tile [K][6], first R rows used) @ b (panel [K][16]); `next` (or null) is the
// panel to prefetch into L2, a line per step. Against prefetching 4 KB ahead into L1 from the
// first tile, this was 7-18 % faster at 16 rows and even at 64 (experiments on the EPYC VM).
// The sums are twelve named variables, not an array: GCC 12 keeps an array of __m256 in memory
// and stores every sum at every step, which halved the speed.
template <int R>
void multiplyTile(Eigen::Index K, const float* a, const float* b, float* c, Eigen::Index ldc,
                  const float* next) {
    [[maybe_unused]] __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00,
                            c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00,
                            c51 = c00;
    for (Eigen::Index k = 0; k < K; ++k) {
        if (next != nullptr) {
            _mm_prefetch(reinterpret_cast<const char*>(next + k * kPanelWidth), _MM_HINT_T1);
        }
        const __m256 b0 = _mm256_loadu_ps(b + k * kPanelWidth);
        const __m256 b1 = _mm256_loadu_ps(b + k * kPanelWidth + 8);
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

void multiplyTileOfRows(int rows, Eigen::Index K, const float* a, const float* b, float* c,
                        Eigen::Index ldc, const float* next) {
    switch (rows) {
        case 6:
            multiplyTile<6>(K, a, b, c, ldc, next);
            break;
        case 5:
            multiplyTile<5>(K, a, b, c, ldc, next);
            break;
        case 4:
            multiplyTile<4>(K, a, b, c, ldc, next);
            break;
        case 3:
            multiplyTile<3>(K, a, b, c, ldc, next);
            break;
        case 2:
            multiplyTile<2>(K, a, b, c, ldc, next);
            break;
        default:
            multiplyTile<1>(K, a, b, c, ldc, next);
            break;
    }
}

#endif

}  // namespace

PackedRows::PackedRows(const float* x, Eigen::Index rows, Eigen::Index depth, Eigen::Index ldx)
    : x_(x), rows_(rows), depth_(depth), ldx_(ldx) {
#ifdef ATLAS_PANEL_KERNEL
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
#endif
}

void multiplyPanels(const PackedRows& x, const PanelView& weight, Eigen::Index col_begin,
                    Eigen::Index col_count, float* out, Eigen::Index ldo) {
    const Eigen::Index rows = x.rows();
    if (x.depth() != weight.rows) {
        throw AtlasError("panel product: x has " + std::to_string(x.depth()) +
                         " columns, the weight " + std::to_string(weight.rows) + " rows");
    }
    if (rows == 0 || col_count == 0) {
        return;
    }
    const Eigen::Index first_panel = col_begin / kPanelWidth;
    const Eigen::Index end_panel = (col_begin + col_count + kPanelWidth - 1) / kPanelWidth;
#ifdef ATLAS_PANEL_KERNEL
    const Eigen::Index K = weight.rows;
    const Eigen::Index tiles = (rows + kTileRows - 1) / kTileRows;
    for (Eigen::Index panel = first_panel; panel < end_panel; ++panel) {
        float* columns = out + (panel - first_panel) * kPanelWidth;
        if (weight.panelWidth(panel) != kPanelWidth) {
            multiplyPanelPortably(x.x(), rows, x.ldx(), weight, panel, columns, ldo);
            continue;
        }
        const float* b = weight.panel(panel);
        // The next panel of this call, when it is a whole one (all of it inside the matrix).
        const bool next_is_whole =
            panel + 1 < end_panel && weight.panelWidth(panel + 1) == kPanelWidth;
        const float* next = next_is_whole ? weight.panel(panel + 1) : nullptr;
        for (Eigen::Index t = 0; t < tiles; ++t) {
            const int tile_rows =
                static_cast<int>(std::min<Eigen::Index>(kTileRows, rows - t * kTileRows));
            multiplyTileOfRows(tile_rows, K, x.tile(t), b, columns + t * kTileRows * ldo, ldo,
                               t == 0 ? next : nullptr);
        }
    }
#else
    for (Eigen::Index panel = first_panel; panel < end_panel; ++panel) {
        multiplyPanelPortably(x.x(), rows, x.ldx(), weight, panel,
                              out + (panel - first_panel) * kPanelWidth, ldo);
    }
#endif
}

}  // namespace atlas
