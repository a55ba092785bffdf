// "Save model…" of the Train window: a copy of a model folder's files (config, weights,
// tokenizer, not its snapshots or checkpoints) put in place atomically.
#pragma once

#include <filesystem>

namespace atlas::ui {

// Copies the regular files of `source` to a temporary folder beside `destination`, then renames
// it to `destination`; an existing `destination` is replaced only once the copy is complete, so
// a failure leaves it as it was. Throws AtlasError naming the file that could not be copied.
void saveModelFolderCopy(const std::filesystem::path& source,
                         const std::filesystem::path& destination);

}  // namespace atlas::ui
