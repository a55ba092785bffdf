// The training snapshots that sit beside a model: <model>/snapshots/<name>/ model folders saved
// during training (`train --snapshots` writes step-NNNNNN), then the model folder itself.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace atlas {

struct TrainingSnapshotFolder {
    std::filesystem::path folder;
    std::optional<long long> step;  // the number the folder name ends with, if any
    bool final = false;             // the model folder itself: the end of training
};

// Every snapshot folder holding a config.json, ordered by step (folders without a number
// after those with one, by name), then the model folder itself when it holds a config.json (a
// run still training has none yet). Only the model folder when
// it has no snapshots/ folder. Throws AtlasError if `modelFolder` is not a folder.
std::vector<TrainingSnapshotFolder> listTrainingSnapshots(const std::filesystem::path& modelFolder);

}  // namespace atlas
