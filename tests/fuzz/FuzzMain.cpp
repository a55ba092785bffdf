// libFuzzer's entry point for one target; ATLAS_FUZZ_ENTRY names the target's function.
//
// A unit's cost is judged by the CPU time its thread used, not by the wall clock: the fuzzers
// run niced on shared machines, where a 0.3 s unit can wait 12 s for a core and libFuzzer's own
// alarm (wall time) would report a hang that is not there. A unit over the CPU limit aborts, so
// libFuzzer saves it as a finding; the wall-clock alarm stays, far higher, for real deadlocks.
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "FuzzTargets.h"

namespace {

// ATLAS_FUZZ_CPU_SECONDS, else 10 s of CPU per unit.
double unitCpuLimitSeconds() {
    const char* text = std::getenv("ATLAS_FUZZ_CPU_SECONDS");
    const double seconds = text != nullptr ? std::atof(text) : 0.0;
    return seconds > 0 ? seconds : 10.0;
}

double threadCpuSeconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

}  // namespace

// One empty input before fuzzing starts: a target's one-time set-up (loading the built-in
// models, for `forward`) is not a unit's cost.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    static const std::uint8_t nothing = 0;
    atlas::fuzz::ATLAS_FUZZ_ENTRY(&nothing, 0);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const double limit = unitCpuLimitSeconds();
    const double start = threadCpuSeconds();
    const int result = atlas::fuzz::ATLAS_FUZZ_ENTRY(data, size);
    const double used = threadCpuSeconds() - start;
    if (used > limit) {
        std::fprintf(stderr,
                     "==ATLAS== slow unit: %.2f s of CPU (limit %.1f s, ATLAS_FUZZ_CPU_SECONDS)\n",
                     used, limit);
        std::abort();
    }
    return result;
}
