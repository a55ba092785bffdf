// Maps Hugging Face tensor names (GPT-2, BERT, DistilBERT) to and from TransformerWeights.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "io/Safetensors.h"
#include "model/LoadControl.h"
#include "model/ModelConfig.h"
#include "model/TransformerWeights.h"

namespace atlas {

// What a read found besides the weights themselves.
struct HuggingFaceReadReport {
    // BERT: false for a bare BertModel (no cls.predictions.* / vocab_* tensors); the head_*
    // tensors of the weights are then empty and no masked-token predictions can be made.
    bool has_lm_head = true;
    // Tensors in the file that the model does not use (pooler, causal-mask buffers, position_ids,
    // the tied decoder), in file order.
    std::vector<std::string> ignored_tensors;
};

// Reads every tensor `config` needs, accepting names with or without the `transformer.` /
// `bert.` / `distilbert.` prefix, F32, F16 or BF16. Checks each tensor's shape against the config
// ("model.safetensors: tensor h.0.attn.c_attn.weight has shape [64, 96], expected [64, 192]"),
// names missing tensors, refuses NaN and Inf values and tensors for layers beyond n_layer.
// Releases each tensor's mapped pages once converted. Throws AtlasError; `control`, when given,
// hears the bytes converted after each tensor and can stop the read (LoadCancelled).
TransformerWeights readHuggingFaceWeights(const SafetensorsFile& file, const ModelConfig& config,
                                          HuggingFaceReadReport* report = nullptr,
                                          const LoadControl* control = nullptr);

// The same checks, but the large matrices (the layers' four and the token embedding) are not
// copied: the weights' Mapped layout views them where they lie in `file`, in its dtype, and keep
// the file open. A tensor whose bytes are not aligned to its element size is copied instead.
TransformerWeights mapHuggingFaceWeights(std::shared_ptr<const SafetensorsFile> file,
                                         const ModelConfig& config,
                                         HuggingFaceReadReport* report = nullptr,
                                         const LoadControl* control = nullptr);

// The same over a model split into shards (model.safetensors.index.json): each tensor is taken
// from whichever shard holds it, and every shard stays mapped as long as the weights live.
TransformerWeights mapHuggingFaceWeights(std::vector<std::shared_ptr<const SafetensorsFile>> shards,
                                         const ModelConfig& config,
                                         HuggingFaceReadReport* report = nullptr,
                                         const LoadControl* control = nullptr);

// Writes `weights` under the Hugging Face names (GPT-2 without prefix: `wte.weight` ...; BERT with
// `bert.` and `cls.predictions.*`, the decoder being tied and so not written; DistilBERT configs
// are written as BERT), so the folder loads in transformers too. Atomic. Throws AtlasError.
void writeHuggingFaceWeights(const std::filesystem::path& path, const ModelConfig& config,
                             const TransformerWeights& weights, DType storage = DType::F32);

}  // namespace atlas
