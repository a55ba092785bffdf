// Writing files so that a reader never sees half of one: write a temporary, then rename.
#pragma once

#include <filesystem>
#include <string_view>

namespace atlas {

// Writes `bytes` to `path` through a temporary file in the same folder and a rename. Throws
// AtlasError naming the path if the folder is missing or read-only or the disk is full; the
// temporary is removed and any existing file at `path` is left as it was.
void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace atlas
