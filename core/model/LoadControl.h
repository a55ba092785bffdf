// Progress and cancellation of a model load: a big folder takes seconds to convert, and the user
// may drop another one (or press Cancel) meanwhile.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "Error.h"

namespace atlas {

struct LoadControl {
    // Called after each tensor is converted (and once at the end of the weights, then once after
    // the tokenizer) with the bytes of model.safetensors' tensors converted so far and in all.
    // Called on the loading thread.
    std::function<void(std::size_t done_bytes, std::size_t total_bytes)> progress;
    // Polled before each tensor; true stops the load with LoadCancelled.
    std::function<bool()> cancelled;

    void report(std::size_t done, std::size_t total) const {
        if (progress) {
            progress(done, total);
        }
    }
    void throwIfCancelled(const std::string& source) const;
};

// A load stopped on request: not an error to show, the caller asked for it.
class LoadCancelled : public AtlasError {
  public:
    explicit LoadCancelled(const std::string& source)
        : AtlasError(source + ": loading cancelled") {}
};

inline void LoadControl::throwIfCancelled(const std::string& source) const {
    if (cancelled && cancelled()) {
        throw LoadCancelled(source);
    }
}

}  // namespace atlas
