// Writes tiny random GPT-2 and BERT model folders in the Hugging Face layout, for tests.
#include "TinyModelFolder.h"

#include <nlohmann/json.hpp>

#include "io/AtomicFile.h"
#include "model/ModelFolderWriter.h"

namespace atlas::test {

void writeTinyTokenizerFiles(const std::filesystem::path& folder, Architecture architecture) {
    if (architecture == Architecture::Gpt2) {
        // vocab.json: {"symbol": id}; merges.txt: "#version: 0.2" then "left right" lines.
        const std::vector<std::string> vocab = tinyGpt2Vocab();
        nlohmann::json vocab_json = nlohmann::json::object();
        for (std::size_t id = 0; id < vocab.size(); ++id) {
            vocab_json[vocab[id]] = id;
        }
        std::string merges = "#version: 0.2\n";
        for (const auto& [left, right] : tinyGpt2Merges()) {
            merges += left + " " + right + "\n";
        }
        writeFileAtomically(folder / "vocab.json", vocab_json.dump());
        writeFileAtomically(folder / "merges.txt", merges);
    } else {
        std::string lines;
        for (const std::string& token : tinyBertVocab()) {
            lines += token + "\n";
        }
        writeFileAtomically(folder / "vocab.txt", lines);
        writeFileAtomically(folder / "tokenizer_config.json", R"({"do_lower_case": true})");
    }
}

ModelConfig writeTinyModelFolder(const std::filesystem::path& folder,
                                 const TinyModelOptions& options) {
    const ModelConfig config = tinyConfig(options);
    const TransformerWeights weights = randomWeights(config, options.seed, options.weight_scale);
    saveModelFolder(folder, config, weights, options.storage);
    writeTinyTokenizerFiles(folder, options.architecture);
    return config;
}

}  // namespace atlas::test
