// Discovering training snapshots by listing the folder: the step numbers are whatever the
// training run chose, never assumed here.
#include "model/TrainingSnapshots.h"

#include <algorithm>
#include <cctype>
#include <system_error>

#include "Error.h"

namespace atlas {

namespace {

std::optional<long long> trailingNumber(const std::string& name) {
    std::size_t begin = name.size();
    while (begin > 0 && std::isdigit(static_cast<unsigned char>(name[begin - 1]))) {
        --begin;
    }
    // More than 18 digits would overflow; such a name is not a step count.
    if (begin == name.size() || name.size() - begin > 18) {
        return std::nullopt;
    }
    return std::stoll(name.substr(begin));
}

}  // namespace

std::vector<TrainingSnapshotFolder> listTrainingSnapshots(
    const std::filesystem::path& modelFolder) {
    std::error_code error;
    if (!std::filesystem::is_directory(modelFolder, error)) {
        throw AtlasError(modelFolder.string() + ": not a model folder");
    }
    std::vector<TrainingSnapshotFolder> result;
    const std::filesystem::path snapshots = modelFolder / "snapshots";
    if (std::filesystem::is_directory(snapshots, error)) {
        for (const auto& entry : std::filesystem::directory_iterator(snapshots, error)) {
            std::error_code entryError;
            if (entry.is_directory(entryError) &&
                std::filesystem::is_regular_file(entry.path() / "config.json", entryError)) {
                result.push_back(
                    {entry.path(), trailingNumber(entry.path().filename().string()), false});
            }
        }
    }
    std::sort(result.begin(), result.end(),
              [](const TrainingSnapshotFolder& a, const TrainingSnapshotFolder& b) {
                  if (a.step.has_value() != b.step.has_value()) {
                      return a.step.has_value();
                  }
                  if (a.step && *a.step != *b.step) {
                      return *a.step < *b.step;
                  }
                  return a.folder.filename() < b.folder.filename();
              });
    // A run still training has snapshots but no final model yet.
    std::error_code modelError;
    if (result.empty() ||
        std::filesystem::is_regular_file(modelFolder / "config.json", modelError)) {
        result.push_back({modelFolder, std::nullopt, true});
    }
    return result;
}

}  // namespace atlas
