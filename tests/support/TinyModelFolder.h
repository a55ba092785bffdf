// Tiny random GPT-2 and BERT models for tests: configs, weights, tokenizer files, whole folders.
//
// Every test makes its own fixture: a few layers of width 16 load and run in milliseconds, and
// the same shape and seed always give the same weights. The folders use the Hugging Face layout
// of docs/models.md, so they go through the very loader the built-in models use.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "io/Safetensors.h"
#include "model/ModelConfig.h"
#include "model/TransformerWeights.h"

namespace atlas::test {

struct TinyModelOptions {
    Architecture architecture = Architecture::Gpt2;
    int n_layer = 2;
    int n_head = 2;
    int d_model = 16;
    int d_ff = 0;  // 0 means 4 d_model
    int n_ctx = 32;
    unsigned seed = 1;
    // Standard deviation of the random matrices. Far above GPT-2's 0.02, so that heads attend
    // sharply and differently; LayerNorm weights are 1 + 0.1 noise, biases 0.1 noise.
    float weight_scale = 0.3f;
    DType storage = DType::F32;  // how model.safetensors stores the weights
};

// The tokenizers' vocabularies; their sizes fix vocab_size.
//  GPT-2: the 256 byte symbols (ids 0..255 in GPT-2's bytes_to_unicode order), then one id per
//  merge of tinyGpt2Merges(), then <|endoftext|> last.
//  BERT: [PAD] [UNK] [CLS] [SEP] [MASK] (ids 0..4), letters, punctuation, a few dozen common
//  English words, then ##a .. ##z.
std::vector<std::string> tinyGpt2Vocab();                           // symbol of each id
std::vector<std::pair<std::string, std::string>> tinyGpt2Merges();  // in priority order
std::vector<std::string> tinyBertVocab();                           // line of each id

ModelConfig tinyConfig(const TinyModelOptions& options);  // vocab_size from the vocabularies

// Random weights of the right shapes for `config` (normal(0, scale) matrices, see
// TinyModelOptions). Does not depend on the io module, so numerics tests can use it alone.
TransformerWeights randomWeights(const ModelConfig& config, unsigned seed, float scale = 0.3f);

// Writes config.json, model.safetensors and the tokenizer files (GPT-2: vocab.json +
// merges.txt; BERT: vocab.txt + tokenizer_config.json with do_lower_case true) into `folder`,
// creating it. Returns the config written.
ModelConfig writeTinyModelFolder(const std::filesystem::path& folder,
                                 const TinyModelOptions& options = {});

// Writes only the tokenizer files for `architecture` into an existing folder.
void writeTinyTokenizerFiles(const std::filesystem::path& folder, Architecture architecture);

}  // namespace atlas::test
