// Reading a gzip-compressed file (the shipped training text is stored compressed).
#pragma once

#include <filesystem>
#include <string>

namespace atlas {

// The whole decompressed content of a .gz file. Throws AtlasError naming the file if it cannot
// be opened or is not valid gzip data (truncated, corrupt).
std::string readGzipFile(const std::filesystem::path& file);

}  // namespace atlas
