// Writing config.json and model.safetensors of a model folder, each atomically.
#include "model/ModelFolderWriter.h"

#include <system_error>

#include <nlohmann/json.hpp>

#include "Error.h"
#include "io/AtomicFile.h"
#include "model/HuggingFaceLayout.h"

namespace atlas {

void saveModelFolder(const std::filesystem::path& folder, const ModelConfig& config,
                     const TransformerWeights& weights, DType storage) {
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error || !std::filesystem::is_directory(folder)) {
        throw AtlasError(folder.string() + ": cannot create the model folder" +
                         (error ? ": " + error.message() : std::string()));
    }
    // Weights first: a folder is only loadable once config.json exists, so a failure while
    // writing the (large) weights never leaves a folder that looks complete.
    writeHuggingFaceWeights(folder / "model.safetensors", config, weights, storage);
    writeFileAtomically(folder / "config.json", config.toJson().dump(2) + "\n");
}

}  // namespace atlas
