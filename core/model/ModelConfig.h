// Hyper-parameters of a GPT-2 or BERT model, read from a Hugging Face config.json.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace atlas {

enum class Architecture { Gpt2, Bert };

// Names follow GPT-2's config (and the papers); BERT's keys map onto them when read.
struct ModelConfig {
    Architecture architecture = Architecture::Gpt2;
    int n_layer = 4;
    int n_head = 4;
    int d_model = 128;        // n_embd / hidden_size
    int d_ff = 512;           // 4 n_embd for GPT-2 / intermediate_size for BERT
    int n_ctx = 128;          // n_positions / max_position_embeddings
    int vocab_size = 8000;
    int type_vocab_size = 0;  // BERT token types; 0 for GPT-2
    float layer_norm_epsilon = 1e-5f;
    bool gelu_tanh = true;    // GPT-2 uses the tanh approximation; BERT ("gelu") the exact erf
    // Read from a DistilBERT folder (model_type "distilbert"): BERT's post-LN architecture under
    // other tensor names and without token types, so type_vocab_size is 1 and that embedding
    // is zero. Saving writes it as a plain BERT.
    bool distilbert = false;

    bool causal() const { return architecture == Architecture::Gpt2; }
    int d_head() const { return d_model / n_head; }

    // Parses a Hugging Face config.json (model_type "gpt2", "bert", "distilbert"); `source`
    // names the file in error messages. Throws AtlasError naming the missing or invalid key.
    static ModelConfig fromJson(const nlohmann::json& json, const std::string& source);
    static ModelConfig fromFile(const std::filesystem::path& path);
    // Writes the Hugging Face keys, so the folder loads in other tools too.
    nlohmann::json toJson() const;
};

}  // namespace atlas
