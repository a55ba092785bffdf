// What the fuzz targets share: the invariant check, the target list and the scratch folder.
#include <unistd.h>

#include <fstream>
#include <string>
#include <system_error>

#include "FuzzScratch.h"
#include "FuzzTargets.h"

namespace atlas::fuzz {

namespace fs = std::filesystem;

void check(bool condition, const std::string& what) {
    if (!condition) {
        throw FuzzFinding(what);
    }
}

const std::vector<FuzzTarget>& fuzzTargets() {
    static const std::vector<FuzzTarget> targets = {
        {"safetensors", fuzzSafetensors},
        {"config", fuzzConfig},
        {"tokenizer_files", fuzzTokenizerFiles},
        {"tokenizers", fuzzTokenizers},
        {"tokenizer_json", fuzzTokenizerJson},
        {"conllu", fuzzConllu},
        {"forward", fuzzForward},
    };
    return targets;
}

namespace {

// Owns the folder: made once, removed with everything in it at normal process exit.
class ScratchFolder {
  public:
    ScratchFolder() {
        std::error_code error;
        const fs::path base =
            fs::is_directory("/dev/shm", error) ? fs::path("/dev/shm") : fs::temp_directory_path();
        path_ = base / ("atlas-fuzz-" + std::to_string(::getpid()));
        fs::create_directories(path_);
    }
    ~ScratchFolder() {
        std::error_code error;
        fs::remove_all(path_, error);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

}  // namespace

const fs::path& scratchFolder() {
    static const ScratchFolder folder;
    return folder.path();
}

fs::path writeScratchFile(std::string_view name, std::string_view bytes) {
    const fs::path path = scratchFolder() / name;
    std::ofstream stream(path, std::ios::binary | std::ios::trunc);
    stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    stream.close();
    check(stream.good(), "could not write the scratch file " + path.string());
    return path;
}

}  // namespace atlas::fuzz
