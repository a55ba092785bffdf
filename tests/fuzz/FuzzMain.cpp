// libFuzzer's entry point for one target; ATLAS_FUZZ_ENTRY names the target's function.
#include "FuzzTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return atlas::fuzz::ATLAS_FUZZ_ENTRY(data, size);
}
