// Which implementation of the forward pass's math runs: one switch for the whole core.
//
//   ATLAS_KERNEL=reference  plain loops, double-precision sums: slow, obviously right
//   ATLAS_KERNEL=eigen      Eigen's products and array expressions (built for the baseline CPU)
//   ATLAS_KERNEL=simd       our panel kernel and vector loops, for the widest instruction set
//                           this CPU has among those compiled in (AVX-512F, AVX2+FMA, generic)
//   ATLAS_KERNEL=auto       the default: the best this CPU supports, today always `simd`
//
// The binary is portable: the AVX2 and AVX-512 kernels are compiled into it with per-file
// instruction-set flags and chosen at run time from what the CPU reports, never at build time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace atlas {

enum class KernelKind { Reference, Eigen, Simd };

// The instruction sets the SIMD kernels are compiled for, narrowest first.
enum class SimdLevel { Generic, Avx2, Avx512 };

struct Kernel {
    KernelKind kind = KernelKind::Simd;
    SimdLevel level = SimdLevel::Generic;  // used by KernelKind::Simd only

    // "reference", "eigen", "simd (avx512)", "simd (avx2)", "simd (generic)".
    std::string name() const;
    friend bool operator==(const Kernel&, const Kernel&) = default;
};

const char* simdLevelName(SimdLevel level);

// The widest level both compiled into this binary and supported by the running CPU.
SimdLevel bestSimdLevel();
// Whether `level` is compiled in and the CPU can run it.
bool simdLevelAvailable(SimdLevel level);
// Every level this CPU can run, narrowest first (for tests and benchmarks).
std::vector<SimdLevel> availableSimdLevels();

// Parses a value of ATLAS_KERNEL. Throws AtlasError naming the variable and the allowed values
// for anything else ("" counts as auto).
Kernel parseKernel(std::string_view value);

// The kernel ATLAS_KERNEL asks for, or auto's choice when it is unset. Reads the environment on
// every call (cheap), so nothing is cached in global state.
Kernel kernelFromEnvironment();

}  // namespace atlas
