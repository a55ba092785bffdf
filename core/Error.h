// The one exception type the core throws: a message that names the file and the field.
#pragma once

#include <stdexcept>
#include <string>

namespace atlas {

// Thrown for bad input (unreadable or corrupt files, wrong shapes, invalid text). The message is
// complete and ready to show a user, e.g. "model.safetensors: tensor h.0.attn.c_attn.weight has
// shape [64, 96], expected [64, 192]". The core never prints or exits.
class AtlasError : public std::runtime_error {
public:
    explicit AtlasError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace atlas
