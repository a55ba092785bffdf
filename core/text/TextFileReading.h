// Reading a tokenizer file whole, with an error that names it.
#pragma once

#include <filesystem>
#include <string>

namespace atlas {

// The bytes of `path`; throws AtlasError "<file name>: cannot read <path>" if it cannot.
std::string readTokenizerFile(const std::filesystem::path& path);

}  // namespace atlas
