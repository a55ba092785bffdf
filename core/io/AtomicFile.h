// Writing files so that a reader never sees half of one: write a temporary, then rename.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string_view>

namespace atlas {

// Writes `bytes` to `path` through a temporary file in the same folder and a rename. Throws
// AtlasError naming the path if the folder is missing or read-only or the disk is full; the
// temporary is removed and any existing file at `path` is left as it was.
void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

// Appends bytes to the temporary file; throws AtlasError on a write error.
using ByteSink = std::function<void(const void* data, std::size_t size)>;

// The same guarantee for output too large to hold in memory twice: `produce` is called once with
// a sink and writes the content in pieces. If `produce` throws, the temporary is removed and the
// exception passes on.
void writeFileAtomicallyStreamed(const std::filesystem::path& path,
                                 const std::function<void(const ByteSink& write)>& produce);

}  // namespace atlas
