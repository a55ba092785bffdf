// Saves a model as a Hugging Face folder: config.json and model.safetensors.
#pragma once

#include <filesystem>

#include "io/Safetensors.h"
#include "model/ModelConfig.h"
#include "model/TransformerWeights.h"

namespace atlas {

// Creates `folder` if needed and writes config.json (ModelConfig::toJson) and model.safetensors
// (Hugging Face names, `storage` dtype), each atomically. Tokenizer files are written by the
// text module. Throws AtlasError naming the path that could not be written.
void saveModelFolder(const std::filesystem::path& folder, const ModelConfig& config,
                     const TransformerWeights& weights, DType storage = DType::F32);

}  // namespace atlas
