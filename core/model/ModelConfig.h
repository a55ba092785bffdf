// Hyper-parameters of a GPT-2, BERT or modern decoder model, read from a Hugging Face config.json.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace atlas {

// Decoder: the rotary decoder families of DecoderFamily (Llama and its relatives, GPT-NeoX).
enum class Architecture { Gpt2, Bert, Decoder };

enum class DecoderFamily { Llama, Mistral, Qwen2, Qwen3, GptNeox };

// How a decoder family's rotary position embedding turns positions into angles: angle of
// position p and pair i = p * inverse_frequency[i] (model/RotaryEmbedding.h computes them).
struct RotaryConfig {
    enum class Scaling { None, Linear, Llama3 };
    double theta = 10000;  // rope_theta / rotary_emb_base
    int dims = 0;          // how many of a head's D dimensions rotate (even; D except GPT-NeoX)
    Scaling scaling = Scaling::None;
    double factor = 1;  // rope_scaling.factor
    double low_freq_factor = 1;
    double high_freq_factor = 4;
    int original_context = 8192;  // rope_scaling.original_max_position_embeddings
};

// The valid range of every numeric field of config.json, checked by ModelConfig::fromJson.
// Sizes are integers (a JSON 4.0 counts as 4) from 1 to a maximum far above any model this app
// can show, so a corrupt value fails at parse time and not in malloc; since sizes each in range
// can still multiply into an absurd model, the weights they imply together are capped too
// (2e9 floats, 8 GB; GPT-2 XL has 1.6e9). Numeric keys not listed (dropout rates,
// initializer_range, token ids) do not change what the app computes and are not read.
//
//   field (GPT-2 / BERT / DistilBERT key)                                      range
//   n_layer (n_layer / num_hidden_layers / n_layers)                           1 .. 256
//   n_head (n_head / num_attention_heads / n_heads)                            1 .. 1024
//   d_model (n_embd / hidden_size / dim), divisible by n_head                  1 .. 16384
//   d_ff (n_inner, default 4 n_embd / intermediate_size / hidden_dim)          1 .. 65536
//   n_ctx (n_positions or n_ctx / max_position_embeddings / same)              1 .. 65536
//   vocab_size                                                                 1 .. 1,000,000
//   type_vocab_size (BERT only, default 2; GPT-2 0, DistilBERT 1)              1 .. 1024
//   layer_norm_epsilon (layer_norm_epsilon / layer_norm_eps; default 1e-5 / 1e-12; DistilBERT
//     fixed 1e-12)                                                             1e-12 .. 0.1
//   all weights the sizes imply (embeddings and layers)                        <= 2e9
//
// The decoder families (model_type llama, mistral, qwen2, qwen3, gpt_neox) read:
//   num_hidden_layers, num_attention_heads                                     as above
//   hidden_size (need not be divisible by the heads when head_dim is given)    1 .. 16384
//   intermediate_size                                                          1 .. 65536
//   max_position_embeddings (n_ctx is the smaller of it and 65536)            1 .. 16,777,216
//   num_key_value_heads (default num_attention_heads), divides the heads       1 .. 1024
//   head_dim (default hidden_size / num_attention_heads)                       1 .. 1024
//   rms_norm_eps (default 1e-6; GPT-NeoX layer_norm_eps, default 1e-5)         1e-12 .. 0.1
//   rope_theta (default 10000; GPT-NeoX also rotary_emb_base)                  1 .. 1e12
//   rotary_pct (GPT-NeoX, default 1; the rotated dims D * rotary_pct > 0)      0 .. 1
//   sliding_window (Mistral; null means none)                                  1 .. 16,777,216
//   rope_scaling.factor (types "linear", "llama3")                             1 .. 1024
//   rope_scaling.low_freq_factor, high_freq_factor (llama3; low < high)        0.001 .. 1000
//   rope_scaling.original_max_position_embeddings (llama3)                     1 .. 16,777,216
//
// The epsilon's floor is the smallest any published model uses (BERT's 1e-12), far from where a
// float rounds to 0: 1e-50 did, and LayerNorm then divided by zero on a constant row. Its ceiling
// is far above any published value (1e-5, 1e-6) yet low enough not to swamp the variance.
struct ModelConfigLimits {
    static constexpr int kMaxLayers = 256;
    static constexpr int kMaxHeads = 1024;
    static constexpr int kMaxModelWidth = 16384;
    static constexpr int kMaxFeedForward = 4 * 16384;
    static constexpr int kMaxContext = 65536;
    static constexpr int kMaxVocabulary = 1'000'000;
    static constexpr int kMaxTokenTypes = 1024;
    static constexpr double kMinLayerNormEpsilon = 1e-12;
    static constexpr double kMaxLayerNormEpsilon = 0.1;
    static constexpr double kMaxParameters = 2e9;
    static constexpr int kMaxHeadWidth = 1024;
    static constexpr int kMaxPositions = 1 << 24;
    static constexpr double kMaxRopeTheta = 1e12;
    static constexpr double kMaxRopeFactor = 1024;
};

// Names follow GPT-2's config (and the papers); BERT's keys map onto them when read.
struct ModelConfig {
    Architecture architecture = Architecture::Gpt2;
    int n_layer = 4;
    int n_head = 4;
    int d_model = 128;  // n_embd / hidden_size
    int d_ff = 512;     // 4 n_embd for GPT-2 / intermediate_size for BERT
    int n_ctx = 128;    // n_positions / max_position_embeddings
    int vocab_size = 8000;
    int type_vocab_size = 0;  // BERT token types; 0 for GPT-2
    float layer_norm_epsilon = 1e-5f;
    bool gelu_tanh = true;  // GPT-2 uses the tanh approximation; BERT ("gelu") the exact erf
    // Read from a DistilBERT folder (model_type "distilbert"): BERT's post-LN architecture under
    // other tensor names and without token types, so type_vocab_size is 1 and that embedding
    // is zero. Saving writes it as a plain BERT.
    bool distilbert = false;

    // The decoder families (architecture Decoder) only.
    DecoderFamily family = DecoderFamily::Llama;
    int n_kv_head = 0;  // num_key_value_heads: query head h reads KV head h / (NH / KV)
    int head_dim = 0;   // 0: d_model / n_head
    RotaryConfig rotary;
    int sliding_window = 0;          // Mistral: query i does not see key j when i - j >= W; 0: none
    bool tied_embeddings = true;     // tie_word_embeddings: lm_head is the token embedding
    bool qkv_bias = false;           // q, k and v projections have biases (Qwen2, GPT-NeoX)
    bool out_bias = false;           // the output projection has one (GPT-NeoX)
    bool qk_norm = false;            // Qwen3: RMSNorm per head on q and k before the rotation
    bool parallel_residual = false;  // GPT-NeoX: x + attn(ln1(x)) + mlp(ln2(x))
    int bos_token_id = -1;           // -1: none given
    std::vector<int> eos_token_ids;  // config.json, then generation_config.json where present

    // The language the model was trained on ("en", "zh"), config.json's "language"; empty when
    // the folder does not say. Shown in the model picker; chooses the switch to offer.
    std::string language;
    // "t2s": the text is converted from Traditional to Simplified Chinese (OpenCC) before it is
    // tokenized, for models trained on Simplified text; config.json's "input_conversion".
    std::string input_conversion;

    bool causal() const { return architecture != Architecture::Bert; }
    bool decoder() const { return architecture == Architecture::Decoder; }
    int d_head() const { return head_dim > 0 ? head_dim : d_model / n_head; }
    int kvHeads() const { return n_kv_head > 0 ? n_kv_head : n_head; }
    // The Hugging Face model_type ("gpt2", "bert", "llama", "gpt_neox", ...).
    std::string modelType() const;

    // The number of weights the sizes imply (embeddings and layers, biases included), as a
    // double so that no product of sizes overflows.
    double parameterCount() const;

    // Parses a Hugging Face config.json (model_type "gpt2", "bert", "distilbert"); `source`
    // names the file in error messages. Throws AtlasError naming the missing key or the field
    // outside its range of ModelConfigLimits, e.g. "config.json: key "layer_norm_epsilon" is
    // 1e-50, expected between 1e-12 and 0.1".
    static ModelConfig fromJson(const nlohmann::json& json, const std::string& source);
    static ModelConfig fromFile(const std::filesystem::path& path);
    // Adds eos_token_id (a number or a list) of a generation_config.json to eos_token_ids and
    // takes its bos_token_id; a missing file changes nothing. Throws AtlasError naming the key.
    void readGenerationConfig(const std::filesystem::path& path);
    // Writes the Hugging Face keys, so the folder loads in other tools too.
    nlohmann::json toJson() const;
};

}  // namespace atlas
