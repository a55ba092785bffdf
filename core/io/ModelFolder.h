// Finds the files of a Hugging Face model folder and explains, by name, what is missing.
#pragma once

#include <filesystem>
#include <vector>

namespace atlas {

enum class TokenizerKind { ByteLevelBpe, WordPiece, TokenizerJson };

struct ModelFolderFiles {
    std::filesystem::path folder;
    std::filesystem::path config;   // config.json
    std::filesystem::path weights;  // model.safetensors, or the first shard of a split model
    // Every weights file: model.safetensors alone, or the shards model.safetensors.index.json
    // names (weights_index), in the order it first names them.
    std::vector<std::filesystem::path> weight_shards;
    std::filesystem::path weights_index;  // model.safetensors.index.json if split, else empty
    TokenizerKind tokenizer = TokenizerKind::ByteLevelBpe;
    std::filesystem::path vocab_json;        // ByteLevelBpe: vocab.json, else empty
    std::filesystem::path merges;            // ByteLevelBpe: merges.txt, else empty
    std::filesystem::path vocab_txt;         // WordPiece: vocab.txt, else empty
    std::filesystem::path tokenizer_json;    // TokenizerJson: tokenizer.json, else empty
    std::filesystem::path tokenizer_config;  // tokenizer_config.json if present, else empty

    // `path` is a model folder or the model.safetensors inside one. Checks that every file
    // exists and is a regular file; reads only model.safetensors.index.json (of a split model).
    // Throws AtlasError saying which file is missing and what was expected: e.g. a folder with only
    // pytorch_model.bin is told that only safetensors is read and how to convert it.
    static ModelFolderFiles locate(const std::filesystem::path& path,
                                   bool require_tokenizer = true);
};

}  // namespace atlas
