// The timing loop the forward benchmarks share: our forward pass and PyTorch's, alternately, run
// after run, so both see the same machine state; medians of elapsed and CPU time, one table row.
#pragma once

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "TorchProcess.h"

namespace atlas::bench {

inline double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

inline double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU time of the whole process (every thread), user and system.
inline double processCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& time) { return time.tv_sec + 1e-6 * time.tv_usec; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

inline void printComparisonHeader(const char* indent) {
    std::printf("%s%6s %8s %10s %10s %10s %12s %12s %10s\n", indent, "T", "threads", "ours ms",
                "torch ms", "torch/ours", "ours cpu ms", "torch cpu ms", "torch/ours");
}

// Median times of one row, in milliseconds; torch's are 0 without PyTorch.
struct ComparisonTimes {
    double ours_ms = 0;
    double ours_cpu_ms = 0;
    double torch_ms = 0;
    double torch_cpu_ms = 0;
};

// Runs `ours` (one forward pass over T tokens) and, when `torch` is set, PyTorch's on T tokens,
// once each to warm up and then `repeats` times, prints the row and returns its medians.
template <typename Forward>
ComparisonTimes compareForwardWithTorch(TorchProcess* torch, int T, int threads, int repeats,
                                        const char* indent, Forward&& ours) {
    const std::string command = "run " + std::to_string(T);
    ours();
    if (torch) {
        torch->ask(command);
    }
    std::vector<double> ours_wall, ours_cpu, theirs_wall, theirs_cpu;
    for (int repeat = 0; repeat < repeats; ++repeat) {
        const auto start = std::chrono::steady_clock::now();
        const double start_cpu = processCpuSeconds();
        ours();
        ours_wall.push_back(secondsSince(start));
        ours_cpu.push_back(processCpuSeconds() - start_cpu);
        if (torch) {
            std::istringstream answer(torch->ask(command));
            std::string word;
            double elapsed = 0, cpu = 0;
            answer >> word >> elapsed >> cpu;
            theirs_wall.push_back(elapsed);
            theirs_cpu.push_back(cpu);
        }
    }
    const double ours_ms = 1e3 * median(ours_wall), ours_cpu_ms = 1e3 * median(ours_cpu);
    double theirs_ms = 0, theirs_cpu_ms = 0;
    if (torch) {
        theirs_ms = 1e3 * median(theirs_wall);
        theirs_cpu_ms = 1e3 * median(theirs_cpu);
        std::printf("%s%6d %8d %10.1f %10.1f %9.2fx %12.1f %12.1f %9.2fx\n", indent, T, threads,
                    ours_ms, theirs_ms, theirs_ms / ours_ms, ours_cpu_ms, theirs_cpu_ms,
                    theirs_cpu_ms / ours_cpu_ms);
    } else {
        std::printf("%s%6d %8d %10.1f %10s %10s %12.1f\n", indent, T, threads, ours_ms, "-", "-",
                    ours_cpu_ms);
    }
    std::fflush(stdout);
    return {ours_ms, ours_cpu_ms, theirs_ms, theirs_cpu_ms};
}

}  // namespace atlas::bench
