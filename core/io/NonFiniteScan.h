// Finding NaN and Inf among a tensor's stored values (F32, BF16 or F16) at memory speed.
#pragma once

#include <cstddef>
#include <string>

#include "io/Safetensors.h"

namespace atlas {

// The index of the first NaN or Inf among `count` values stored as `dtype` at `data`, or `count`.
// A large tensor is split over the hardware threads.
std::size_t firstNonFinite(const void* data, std::size_t count, DType dtype);

// Throws AtlasError "<file>: tensor <name> contains NaN at element <i>" (or Inf) when the
// tensor's stored values hold one.
void throwIfNonFinite(const std::string& file, const std::string& name, const void* data,
                      std::size_t count, DType dtype);

}  // namespace atlas
