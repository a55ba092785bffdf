#include "training/SavedModelFolder.h"

#include <chrono>
#include <string>

#include "Error.h"

namespace atlas::ui {

void saveModelFolderCopy(const std::filesystem::path& source,
                         const std::filesystem::path& destination) {
    namespace fs = std::filesystem;
    std::error_code error;
    if (!fs::is_regular_file(source / "config.json", error)) {
        throw AtlasError((source / "config.json").string() + ": no model to save yet");
    }
    const std::string stamp =
        std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
    const fs::path partial = destination.string() + ".partial-" + stamp;
    const fs::path previous = destination.string() + ".previous-" + stamp;
    fs::create_directories(partial, error);
    if (error) {
        throw AtlasError(partial.string() + ": cannot create the folder: " + error.message());
    }
    try {
        for (const auto& entry : fs::directory_iterator(source)) {
            if (!entry.is_regular_file()) {
                continue;  // snapshots/, checkpoints/
            }
            fs::copy_file(entry.path(), partial / entry.path().filename(), error);
            if (error) {
                throw AtlasError(entry.path().string() + ": cannot copy: " + error.message());
            }
        }
        const bool replacing = fs::exists(destination);
        if (replacing) {
            fs::rename(destination, previous, error);
            if (error) {
                throw AtlasError(destination.string() + ": cannot replace: " + error.message());
            }
        }
        fs::rename(partial, destination, error);
        if (error) {
            if (replacing) {
                std::error_code ignored;
                fs::rename(previous, destination, ignored);
            }
            throw AtlasError(destination.string() + ": cannot write: " + error.message());
        }
        if (replacing) {
            fs::remove_all(previous, error);
        }
    } catch (...) {
        std::error_code ignored;
        fs::remove_all(partial, ignored);
        throw;
    }
}

}  // namespace atlas::ui
