// Finds the files of a Hugging Face model folder and explains, by name, what is missing.
#pragma once

#include <filesystem>

namespace atlas {

enum class TokenizerKind { ByteLevelBpe, WordPiece, TokenizerJson };

struct ModelFolderFiles {
    std::filesystem::path folder;
    std::filesystem::path config;   // config.json
    std::filesystem::path weights;  // model.safetensors
    TokenizerKind tokenizer = TokenizerKind::ByteLevelBpe;
    std::filesystem::path vocab_json;        // ByteLevelBpe: vocab.json, else empty
    std::filesystem::path merges;            // ByteLevelBpe: merges.txt, else empty
    std::filesystem::path vocab_txt;         // WordPiece: vocab.txt, else empty
    std::filesystem::path tokenizer_json;    // TokenizerJson: tokenizer.json, else empty
    std::filesystem::path tokenizer_config;  // tokenizer_config.json if present, else empty

    // `path` is a model folder or the model.safetensors inside one. Checks that every file
    // exists and is a regular file; reads none of them. Throws AtlasError saying which file is
    // missing and what was expected: e.g. a folder with only pytorch_model.bin is told that
    // only safetensors is read and how to convert it.
    static ModelFolderFiles locate(const std::filesystem::path& path,
                                   bool require_tokenizer = true);
};

}  // namespace atlas
