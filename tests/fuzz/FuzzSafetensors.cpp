// Fuzz target "safetensors": arbitrary bytes as a model.safetensors file, opened and read whole.
#include <cmath>
#include <string_view>
#include <vector>

#include "Error.h"
#include "FuzzScratch.h"
#include "FuzzTargets.h"
#include "io/Safetensors.h"

namespace atlas::fuzz {

int fuzzSafetensors(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto path = writeScratchFile("model.safetensors", bytes);
    try {
        const SafetensorsFile file = SafetensorsFile::open(path);
        // What open() promises: every readable tensor lies inside the file, its size matches its
        // shape, and no two overlap. Reading each one then touches only mapped bytes (ASan and
        // the mapping's bounds catch anything else).
        std::vector<float> values;
        for (const TensorInfo& tensor : file.tensors()) {
            check(tensor.begin <= tensor.end, "tensor " + tensor.name + ": begin after end");
            // Offsets count from the data section, which starts after at least 8 header bytes.
            check(tensor.end + 8 <= size, "tensor " + tensor.name + ": range beyond the file");
            check(tensor.elementCount() >= 0, "tensor " + tensor.name + ": negative size");
            check(static_cast<std::size_t>(tensor.elementCount()) * dtypeSize(tensor.dtype) ==
                      tensor.end - tensor.begin,
                  "tensor " + tensor.name + ": byte count disagrees with its shape");
            values.assign(static_cast<std::size_t>(tensor.elementCount()), 0.0f);
            file.readFloat(tensor, values.data());
            file.release(tensor);
            check(file.find(tensor.name) != nullptr, "find() misses tensor " + tensor.name);
        }
    } catch (const AtlasError&) {
        // Refusing bad input with a message is the expected outcome.
    }
    return 0;
}

}  // namespace atlas::fuzz
