#include "kernel/KernelChoice.h"

#include "Error.h"
#include "kernel/SimdFunctions.h"

#include <cstdlib>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace atlas {

std::string Kernel::name() const {
    switch (kind) {
        case KernelKind::Reference:
            return "reference";
        case KernelKind::Eigen:
            return "eigen";
        case KernelKind::Simd:
            break;
    }
    return std::string("simd (") + simdLevelName(level) + ")";
}

const char* simdLevelName(SimdLevel level) {
    switch (level) {
        case SimdLevel::Avx512:
            return "avx512";
        case SimdLevel::Avx2:
            return "avx2";
        case SimdLevel::Generic:
            break;
    }
    return "generic";
}

#if defined(__x86_64__) || defined(__i386__)
namespace {

// F16C (half-precision conversions), which __builtin_cpu_supports does not name in every
// compiler: CPUID leaf 1, ECX bit 29.
bool cpuHasF16c() {
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    return __get_cpuid(1, &eax, &ebx, &ecx, &edx) != 0 && (ecx & (1u << 29)) != 0;
}

}  // namespace
#endif

bool simdLevelAvailable(SimdLevel level) {
    if (kernel::simdFunctions(level) == nullptr) {
        return false;  // not compiled for this architecture
    }
#if defined(__x86_64__) || defined(__i386__)
    switch (level) {
        case SimdLevel::Avx512:
            return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") &&
                   __builtin_cpu_supports("fma") && cpuHasF16c();
        case SimdLevel::Avx2:
            return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && cpuHasF16c();
        case SimdLevel::Generic:
            return true;
    }
    return false;
#else
    return level == SimdLevel::Generic;
#endif
}

SimdLevel bestSimdLevel() {
    for (SimdLevel level : {SimdLevel::Avx512, SimdLevel::Avx2}) {
        if (simdLevelAvailable(level)) {
            return level;
        }
    }
    return SimdLevel::Generic;
}

std::vector<SimdLevel> availableSimdLevels() {
    std::vector<SimdLevel> levels;
    for (SimdLevel level : {SimdLevel::Generic, SimdLevel::Avx2, SimdLevel::Avx512}) {
        if (simdLevelAvailable(level)) {
            levels.push_back(level);
        }
    }
    return levels;
}

Kernel parseKernel(std::string_view value) {
    if (value.empty() || value == "auto" || value == "simd") {
        return Kernel{KernelKind::Simd, bestSimdLevel()};
    }
    if (value == "reference") {
        return Kernel{KernelKind::Reference, SimdLevel::Generic};
    }
    if (value == "eigen") {
        return Kernel{KernelKind::Eigen, SimdLevel::Generic};
    }
    throw AtlasError("ATLAS_KERNEL: '" + std::string(value) +
                     "' is not a kernel; use reference, eigen, simd or auto");
}

Kernel kernelFromEnvironment() {
    const char* value = std::getenv("ATLAS_KERNEL");
    return parseKernel(value == nullptr ? std::string_view() : std::string_view(value));
}

}  // namespace atlas

namespace atlas::kernel {

const SimdFunctions* simdFunctions(SimdLevel level) {
    switch (level) {
        case SimdLevel::Generic:
            return &genericFunctions();
#if defined(__x86_64__)
        case SimdLevel::Avx2:
            return &avx2Functions();
        case SimdLevel::Avx512:
            return &avx512Functions();
#else
        default:
            break;
#endif
    }
    return nullptr;
}

}  // namespace atlas::kernel
