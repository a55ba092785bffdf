// A private folder for the targets whose entry point reads files (safetensors, tokenizer files).
#pragma once

#include <filesystem>
#include <string_view>

namespace atlas::fuzz {

// One folder per process, in /dev/shm when there is one (a file write per input stays in
// memory), removed when the process exits normally. Created on first use.
const std::filesystem::path& scratchFolder();

// Replaces scratchFolder()/name by exactly `bytes`; returns its path.
std::filesystem::path writeScratchFile(std::string_view name, std::string_view bytes);

}  // namespace atlas::fuzz
