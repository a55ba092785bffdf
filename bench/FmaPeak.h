// The machine's arithmetic ceiling for float32: what the cores reach on fused multiply-adds with
// nothing else to do. It puts a benchmark's GFLOP/s in proportion: on a virtual machine the
// clock is whatever the host gives, so "85 % of the peak measured in the same run" says more
// than a GFLOP/s figure alone.
//
// Each vector width has its own peak (some CPUs have two 512-bit FMA units, some one, AMD Zen 4
// splits 512-bit work in two), so every SIMD kernel is put against the peak of its own width.
//
// The loop is written in assembly on purpose: written with intrinsics, GCC sees twelve identical
// chains (same inputs, same operations) and computes one, which once made us believe the peak
// was 133 GFLOP/s on a core that does 90.
#pragma once

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "kernel/KernelChoice.h"

namespace atlas::bench {

#if defined(__x86_64__)
// GFLOP/s of one thread running twelve independent FMA chains of 8 floats (ymm) or 16 floats
// (zmm) for `steps` steps. Each is compiled for its instruction set and called only where the
// CPU has it.
__attribute__((target("avx2,fma"))) inline double fmaChainsGflops256(long steps) {
    __m256 c0 = _mm256_set1_ps(0.0f), c1 = _mm256_set1_ps(0.1f), c2 = _mm256_set1_ps(0.2f),
           c3 = _mm256_set1_ps(0.3f), c4 = _mm256_set1_ps(0.4f), c5 = _mm256_set1_ps(0.5f),
           c6 = _mm256_set1_ps(0.6f), c7 = _mm256_set1_ps(0.7f), c8 = _mm256_set1_ps(0.8f),
           c9 = _mm256_set1_ps(0.9f), c10 = _mm256_set1_ps(1.0f), c11 = _mm256_set1_ps(1.1f);
    const __m256 scale = _mm256_set1_ps(0.9999f), offset = _mm256_set1_ps(0.0001f);
    const auto start = std::chrono::steady_clock::now();
    for (long step = 0; step < steps; ++step) {
        __asm__ volatile(
            "vfmadd213ps %13, %12, %0\n\tvfmadd213ps %13, %12, %1\n\t"
            "vfmadd213ps %13, %12, %2\n\tvfmadd213ps %13, %12, %3\n\t"
            "vfmadd213ps %13, %12, %4\n\tvfmadd213ps %13, %12, %5\n\t"
            "vfmadd213ps %13, %12, %6\n\tvfmadd213ps %13, %12, %7\n\t"
            "vfmadd213ps %13, %12, %8\n\tvfmadd213ps %13, %12, %9\n\t"
            "vfmadd213ps %13, %12, %10\n\tvfmadd213ps %13, %12, %11"
            : "+x"(c0), "+x"(c1), "+x"(c2), "+x"(c3), "+x"(c4), "+x"(c5), "+x"(c6), "+x"(c7),
              "+x"(c8), "+x"(c9), "+x"(c10), "+x"(c11)
            : "x"(scale), "x"(offset));
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return 12.0 * 16.0 * static_cast<double>(steps) / seconds / 1e9;
}

__attribute__((target("avx512f"))) inline double fmaChainsGflops512(long steps) {
    __m512 c0 = _mm512_set1_ps(0.0f), c1 = _mm512_set1_ps(0.1f), c2 = _mm512_set1_ps(0.2f),
           c3 = _mm512_set1_ps(0.3f), c4 = _mm512_set1_ps(0.4f), c5 = _mm512_set1_ps(0.5f),
           c6 = _mm512_set1_ps(0.6f), c7 = _mm512_set1_ps(0.7f), c8 = _mm512_set1_ps(0.8f),
           c9 = _mm512_set1_ps(0.9f), c10 = _mm512_set1_ps(1.0f), c11 = _mm512_set1_ps(1.1f);
    const __m512 scale = _mm512_set1_ps(0.9999f), offset = _mm512_set1_ps(0.0001f);
    const auto start = std::chrono::steady_clock::now();
    for (long step = 0; step < steps; ++step) {
        __asm__ volatile(
            "vfmadd213ps %13, %12, %0\n\tvfmadd213ps %13, %12, %1\n\t"
            "vfmadd213ps %13, %12, %2\n\tvfmadd213ps %13, %12, %3\n\t"
            "vfmadd213ps %13, %12, %4\n\tvfmadd213ps %13, %12, %5\n\t"
            "vfmadd213ps %13, %12, %6\n\tvfmadd213ps %13, %12, %7\n\t"
            "vfmadd213ps %13, %12, %8\n\tvfmadd213ps %13, %12, %9\n\t"
            "vfmadd213ps %13, %12, %10\n\tvfmadd213ps %13, %12, %11"
            : "+v"(c0), "+v"(c1), "+v"(c2), "+v"(c3), "+v"(c4), "+v"(c5), "+v"(c6), "+v"(c7),
              "+v"(c8), "+v"(c9), "+v"(c10), "+v"(c11)
            : "v"(scale), "v"(offset));
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return 12.0 * 32.0 * static_cast<double>(steps) / seconds / 1e9;
}
#endif

// One thread's FMA rate at the vector width of `level` (AVX2: 256 bits, AVX-512: 512 bits);
// 0 for the generic level or a CPU without that width.
inline double fmaChainsGflops(SimdLevel level, long steps) {
#if defined(__x86_64__)
    if (!simdLevelAvailable(level)) {
        return 0;
    }
    if (level == SimdLevel::Avx512) {
        return fmaChainsGflops512(steps);
    }
    if (level == SimdLevel::Avx2) {
        return fmaChainsGflops256(steps);
    }
#endif
    (void)level;
    (void)steps;
    return 0;
}

// The peak of `threads` threads at once (their sum) at the width of `level`, best of `trials`
// runs of about 0.1 s each; 0 where the CPU or the build has no such width.
inline double fmaPeakGflops(int threads, SimdLevel level = bestSimdLevel(), int trials = 5) {
    const long steps = 20'000'000;
    double best = 0;
    for (int trial = 0; trial < trials; ++trial) {
        std::vector<double> each(threads);
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&each, t, steps, level] { each[t] = fmaChainsGflops(level, steps); });
        }
        for (std::thread& worker : workers) {
            worker.join();
        }
        double sum = 0;
        for (double value : each) {
            sum += value;
        }
        best = std::max(best, sum);
    }
    return best;
}

}  // namespace atlas::bench
