// Locating config.json, model.safetensors and the tokenizer files of a model folder.
#include "io/ModelFolder.h"

#include <string>
#include <system_error>

#include "Error.h"

namespace atlas {

namespace {

namespace fs = std::filesystem;

enum class Entry { Missing, File, Folder, Other };

Entry entryAt(const fs::path& path) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error || !fs::exists(status)) {
        return Entry::Missing;
    }
    if (fs::is_regular_file(status)) {
        return Entry::File;
    }
    return fs::is_directory(status) ? Entry::Folder : Entry::Other;
}

// True if `name` is a regular file in `folder`; throws if something else stands in its place.
bool hasFile(const fs::path& folder, const char* name) {
    const fs::path path = folder / name;
    switch (entryAt(path)) {
        case Entry::Missing:
            return false;
        case Entry::File:
            return true;
        case Entry::Folder:
            throw AtlasError(path.string() + ": is a folder, expected the file " + name);
        case Entry::Other:
            break;
    }
    throw AtlasError(path.string() + ": is not a regular file, expected the file " + name);
}

std::string conversionHint(const fs::path& folder) {
    const std::string dir = folder.string();
    return "convert it with: python -c \"from transformers import AutoModel; "
           "AutoModel.from_pretrained('" +
           dir + "').save_pretrained('" + dir +
           "', safe_serialization=True)\" (for a language model use AutoModelForCausalLM or "
           "AutoModelForMaskedLM so the prediction head is kept)";
}

}  // namespace

ModelFolderFiles ModelFolderFiles::locate(const fs::path& path, bool require_tokenizer) {
    ModelFolderFiles files;
    // --- the folder itself (or the folder of a model.safetensors)
    switch (entryAt(path)) {
        case Entry::Missing:
            throw AtlasError(path.string() + ": no such model folder");
        case Entry::Folder:
            files.folder = path;
            break;
        case Entry::File:
            if (path.extension() != ".safetensors") {
                throw AtlasError(path.string() +
                                 ": is a file, expected a model folder (with config.json, "
                                 "model.safetensors and tokenizer files) or its model.safetensors");
            }
            files.folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
            break;
        case Entry::Other:
            throw AtlasError(path.string() + ": is not a folder, expected a model folder");
    }
    const fs::path& folder = files.folder;

    // --- config.json
    if (!hasFile(folder, "config.json")) {
        throw AtlasError((folder / "config.json").string() +
                         ": missing; a model folder holds config.json, model.safetensors and "
                         "tokenizer files (vocab.json + merges.txt, or vocab.txt)");
    }
    files.config = folder / "config.json";

    // --- weights: model.safetensors only
    const bool safetensors_given = entryAt(path) == Entry::File;
    if (safetensors_given) {
        files.weights = path;
    } else if (hasFile(folder, "model.safetensors")) {
        files.weights = folder / "model.safetensors";
    } else if (hasFile(folder, "model.safetensors.index.json")) {
        throw AtlasError((folder / "model.safetensors.index.json").string() +
                         ": weights split over several safetensors files are not supported; "
                         "expected one model.safetensors");
    } else if (hasFile(folder, "pytorch_model.bin")) {
        throw AtlasError((folder / "model.safetensors").string() +
                         ": missing; found pytorch_model.bin, but only safetensors is read (a "
                         "PyTorch pickle can run code when loaded); " +
                         conversionHint(folder));
    } else if (hasFile(folder, "tf_model.h5") || hasFile(folder, "flax_model.msgpack")) {
        throw AtlasError(
            (folder / "model.safetensors").string() +
            ": missing; found TensorFlow/Flax weights, but only safetensors is read; " +
            conversionHint(folder));
    } else {
        throw AtlasError((folder / "model.safetensors").string() +
                         ": missing; expected the weights in model.safetensors");
    }

    // --- tokenizer files
    if (hasFile(folder, "tokenizer_config.json")) {
        files.tokenizer_config = folder / "tokenizer_config.json";
    }
    const bool vocab_json = hasFile(folder, "vocab.json");
    const bool merges = hasFile(folder, "merges.txt");
    if (vocab_json && merges) {
        files.tokenizer = TokenizerKind::ByteLevelBpe;
        files.vocab_json = folder / "vocab.json";
        files.merges = folder / "merges.txt";
    } else if (hasFile(folder, "vocab.txt")) {
        files.tokenizer = TokenizerKind::WordPiece;
        files.vocab_txt = folder / "vocab.txt";
    } else if (hasFile(folder, "tokenizer.json")) {
        // Hugging Face tokenizers' own file (Llama, Mistral, Qwen, GPT-NeoX), read only when the
        // older files are absent, so folders that have both open as they always did.
        files.tokenizer = TokenizerKind::TokenizerJson;
        files.tokenizer_json = folder / "tokenizer.json";
    } else if (!require_tokenizer) {
        return files;
    } else if (vocab_json) {
        throw AtlasError((folder / "merges.txt").string() +
                         ": missing; a byte-level BPE tokenizer needs vocab.json and merges.txt");
    } else if (merges) {
        throw AtlasError((folder / "vocab.json").string() +
                         ": missing; a byte-level BPE tokenizer needs vocab.json and merges.txt");
    } else {
        throw AtlasError(folder.string() +
                         ": no tokenizer files; expected vocab.json + merges.txt (GPT-2 BPE), "
                         "vocab.txt (WordPiece) or tokenizer.json (Hugging Face tokenizers)");
    }
    return files;
}

}  // namespace atlas
