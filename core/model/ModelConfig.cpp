// Reads and writes the Hugging Face config.json of a GPT-2, BERT, DistilBERT or decoder-family
// model.
#include "model/ModelConfig.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "Error.h"

namespace atlas {

namespace {

using Limits = ModelConfigLimits;

// A number as people write it ("1e-50", "256"), for error messages.
std::string shortNumber(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", value);
    return text;
}

class ConfigReader {
  public:
    ConfigReader(const nlohmann::json& json, const std::string& source)
        : json_(json), source_(source) {}

    const nlohmann::json* find(const char* key) const {
        const auto it = json_.find(key);
        return it == json_.end() || it->is_null() ? nullptr : &*it;
    }

    // A required integer in 1..limit.
    int size(const char* key, int limit) const {
        const nlohmann::json* value = find(key);
        if (value == nullptr) {
            throw AtlasError(source_ + ": key \"" + key + "\" missing");
        }
        return checkedSize(key, *value, limit);
    }

    int sizeOr(const char* key, int fallback, int limit) const {
        const nlohmann::json* value = find(key);
        return value == nullptr ? fallback : checkedSize(key, *value, limit);
    }

    // Checked as a double, before the cast: 1e-50 is positive but 0 as a float.
    float epsilonOr(const char* key, float fallback) const {
        const nlohmann::json* value = find(key);
        if (value == nullptr) {
            return fallback;
        }
        // `!(x >= min)` also refuses NaN, which nlohmann cannot parse but a caller could build.
        if (!value->is_number() || !(value->get<double>() >= Limits::kMinLayerNormEpsilon) ||
            !(value->get<double>() <= Limits::kMaxLayerNormEpsilon)) {
            throw AtlasError(source_ + ": key \"" + key + "\" is " + value->dump() +
                             ", expected between " + shortNumber(Limits::kMinLayerNormEpsilon) +
                             " and " + shortNumber(Limits::kMaxLayerNormEpsilon));
        }
        return static_cast<float>(value->get<double>());
    }

    std::string stringOr(const char* key, const std::string& fallback) const {
        const nlohmann::json* value = find(key);
        if (value == nullptr) {
            return fallback;
        }
        if (!value->is_string()) {
            throw AtlasError(source_ + ": key \"" + key + "\" must be a string, got " +
                             value->dump());
        }
        return value->get<std::string>();
    }

    bool boolOr(const char* key, bool fallback) const {
        const nlohmann::json* value = find(key);
        if (value == nullptr) {
            return fallback;
        }
        if (!value->is_boolean()) {
            throw AtlasError(source_ + ": key \"" + key + "\" must be true or false, got " +
                             value->dump());
        }
        return value->get<bool>();
    }

    // An optional number in [min, max], or `fallback`; `key` may name a nested key for errors.
    double numberOr(const char* key, double fallback, double min, double max) const {
        const nlohmann::json* value = find(key);
        if (value == nullptr) {
            return fallback;
        }
        return checkedNumber(key, *value, min, max);
    }

    double checkedNumber(const std::string& key, const nlohmann::json& value, double min,
                         double max) const {
        if (!value.is_number() || !(value.get<double>() >= min) || !(value.get<double>() <= max)) {
            throw AtlasError(source_ + ": key \"" + key + "\" is " + value.dump() +
                             ", expected a number between " + shortNumber(min) + " and " +
                             shortNumber(max));
        }
        return value.get<double>();
    }

    // A size read from a nested object such as rope_scaling, named "rope_scaling.factor".
    int checkedNestedSize(const std::string& key, const nlohmann::json& value, int limit) const {
        return checkedSize(key.c_str(), value, limit);
    }

    const std::string& source() const { return source_; }

    [[noreturn]] void unsupported(const char* key, const std::string& why) const {
        throw AtlasError(source_ + ": key \"" + key + "\" " + why);
    }

  private:
    int checkedSize(const char* key, const nlohmann::json& value, int limit) const {
        const bool integral = value.is_number_integer() ||
                              (value.is_number_float() && std::isfinite(value.get<double>()) &&
                               value.get<double>() == std::floor(value.get<double>()));
        if (!integral || value.get<double>() < 1 || value.get<double>() > limit) {
            throw AtlasError(source_ + ": key \"" + key + "\" is " + value.dump() +
                             ", expected an integer between 1 and " + std::to_string(limit));
        }
        return static_cast<int>(value.get<double>());
    }

    const nlohmann::json& json_;
    const std::string& source_;
};

// The keys a model type's config.json uses for the sizes, so errors name what the user sees.
struct SizeKeys {
    const char* layers;
    const char* heads;
    const char* width;
    const char* feed_forward;
    const char* context;
};

SizeKeys sizeKeys(const ModelConfig& config) {
    if (config.decoder()) {
        return {"num_hidden_layers", "num_attention_heads", "hidden_size", "intermediate_size",
                "max_position_embeddings"};
    }
    if (config.architecture == Architecture::Gpt2) {
        return {"n_layer", "n_head", "n_embd", "n_inner", "n_positions"};
    }
    if (config.distilbert) {
        return {"n_layers", "n_heads", "dim", "hidden_dim", "max_position_embeddings"};
    }
    return {"num_hidden_layers", "num_attention_heads", "hidden_size", "intermediate_size",
            "max_position_embeddings"};
}

std::string sizeSummary(const ModelConfig& config) {
    const SizeKeys keys = sizeKeys(config);
    return std::string(keys.layers) + " " + std::to_string(config.n_layer) + ", " + keys.width +
           " " + std::to_string(config.d_model) + ", " + keys.feed_forward + " " +
           std::to_string(config.d_ff) + ", " + keys.context + " " + std::to_string(config.n_ctx) +
           ", vocab_size " + std::to_string(config.vocab_size);
}

// GPT-2's tanh approximation under its Hugging Face names, or the exact erf GELU.
bool geluIsTanh(const ConfigReader& reader, const char* key, const std::string& name) {
    if (name == "gelu_new" || name == "gelu_pytorch_tanh" || name == "gelu_fast") {
        return true;
    }
    if (name == "gelu") {
        return false;
    }
    reader.unsupported(
        key, "is \"" + name + "\"; only \"gelu\" (erf) and \"gelu_new\" (tanh) are supported");
}

// The shortest decimal that reads back as the same float, so 1e-5f is written as 1e-05.
double shortestDouble(float value) {
    char text[32];
    for (int precision = 1; precision <= 9; ++precision) {
        std::snprintf(text, sizeof text, "%.*g", precision, static_cast<double>(value));
        if (std::strtof(text, nullptr) == value) {
            break;
        }
    }
    return std::strtod(text, nullptr);
}

// A token id or a list of them (eos_token_id may be either); ids outside the vocabulary are
// dropped, as no token could ever match them.
std::vector<int> tokenIds(const ConfigReader& reader, const char* key, int vocab_size) {
    const nlohmann::json* value = reader.find(key);
    std::vector<int> ids;
    if (value == nullptr) {
        return ids;
    }
    const nlohmann::json list = value->is_array() ? *value : nlohmann::json::array({*value});
    for (const nlohmann::json& id : list) {
        if (!id.is_number_integer() || id.get<long long>() < 0) {
            throw AtlasError(reader.source() + ": key \"" + key + "\" is " + value->dump() +
                             ", expected a token id or a list of them");
        }
        if (id.get<long long>() < vocab_size) {
            ids.push_back(static_cast<int>(id.get<long long>()));
        }
    }
    return ids;
}

// rope_scaling: null, or {"rope_type" (or "type"): "default" | "linear" | "llama3", ...}.
void readRopeScaling(const ConfigReader& reader, RotaryConfig& rotary) {
    const nlohmann::json* scaling = reader.find("rope_scaling");
    if (scaling == nullptr) {
        return;
    }
    if (!scaling->is_object()) {
        reader.unsupported("rope_scaling", "must be null or an object, got " + scaling->dump());
    }
    const auto member = [&](const char* name) -> const nlohmann::json* {
        const auto it = scaling->find(name);
        return it == scaling->end() || it->is_null() ? nullptr : &*it;
    };
    const nlohmann::json* type = member("rope_type");
    if (type == nullptr) {
        type = member("type");
    }
    if (type == nullptr || !type->is_string()) {
        reader.unsupported("rope_scaling", "has no \"rope_type\" string");
    }
    const std::string name = type->get<std::string>();
    if (name == "default") {
        return;
    }
    if (name != "linear" && name != "llama3") {
        reader.unsupported("rope_scaling",
                           "has rope_type \"" + name +
                               "\"; only \"default\", \"linear\" and \"llama3\" are supported");
    }
    const auto number = [&](const char* field, double fallback, double min, double max) {
        const nlohmann::json* value = member(field);
        if (value == nullptr) {
            if (fallback < 0) {
                throw AtlasError(reader.source() + ": key \"rope_scaling." + field + "\" missing");
            }
            return fallback;
        }
        return reader.checkedNumber(std::string("rope_scaling.") + field, *value, min, max);
    };
    rotary.factor = number("factor", -1, 1, Limits::kMaxRopeFactor);
    if (name == "linear") {
        rotary.scaling = RotaryConfig::Scaling::Linear;
        return;
    }
    rotary.scaling = RotaryConfig::Scaling::Llama3;
    rotary.low_freq_factor = number("low_freq_factor", -1, 1e-3, 1e3);
    rotary.high_freq_factor = number("high_freq_factor", -1, 1e-3, 1e3);
    if (!(rotary.low_freq_factor < rotary.high_freq_factor)) {
        throw AtlasError(reader.source() +
                         ": key \"rope_scaling.high_freq_factor\" must be larger than "
                         "\"rope_scaling.low_freq_factor\"");
    }
    const nlohmann::json* original = member("original_max_position_embeddings");
    if (original == nullptr) {
        throw AtlasError(reader.source() +
                         ": key \"rope_scaling.original_max_position_embeddings\" missing");
    }
    rotary.original_context = reader.checkedNestedSize(
        "rope_scaling.original_max_position_embeddings", *original, Limits::kMaxPositions);
}

// The keys every decoder family shares; `family` decides the defaults Hugging Face's config
// class gives them.
void readDecoderConfig(const ConfigReader& reader, DecoderFamily family, ModelConfig& config) {
    const bool neox = family == DecoderFamily::GptNeox;
    config.architecture = Architecture::Decoder;
    config.family = family;
    config.n_layer = reader.size("num_hidden_layers", Limits::kMaxLayers);
    config.n_head = reader.size("num_attention_heads", Limits::kMaxHeads);
    config.d_model = reader.size("hidden_size", Limits::kMaxModelWidth);
    config.d_ff = reader.size("intermediate_size", Limits::kMaxFeedForward);
    const int default_context = neox || family == DecoderFamily::Llama ? 2048 : 32768;
    config.n_ctx =
        std::min(reader.sizeOr("max_position_embeddings", default_context, Limits::kMaxPositions),
                 Limits::kMaxContext);
    config.vocab_size = reader.size("vocab_size", Limits::kMaxVocabulary);
    config.type_vocab_size = 0;
    config.n_kv_head = neox
                           ? config.n_head
                           : reader.sizeOr("num_key_value_heads", config.n_head, Limits::kMaxHeads);
    if (config.n_head % config.n_kv_head != 0) {
        throw AtlasError(reader.source() + ": key \"num_key_value_heads\" (" +
                         std::to_string(config.n_kv_head) + ") must divide key " +
                         "\"num_attention_heads\" (" + std::to_string(config.n_head) + ")");
    }
    // Qwen3's config class defaults head_dim to 128; the others derive it from the width.
    const int qwen3_default = family == DecoderFamily::Qwen3 ? 128 : 0;
    config.head_dim = neox ? 0 : reader.sizeOr("head_dim", qwen3_default, Limits::kMaxHeadWidth);
    if (config.head_dim == 0 && config.d_model % config.n_head != 0) {
        throw AtlasError(reader.source() + ": key \"hidden_size\" (" +
                         std::to_string(config.d_model) +
                         ") must be divisible by key \"num_attention_heads\" (" +
                         std::to_string(config.n_head) + ") when \"head_dim\" is not given");
    }
    const int D = config.d_head();
    if (D > Limits::kMaxHeadWidth) {
        throw AtlasError(reader.source() + ": the head width hidden_size / num_attention_heads (" +
                         std::to_string(D) + ") is above " + std::to_string(Limits::kMaxHeadWidth));
    }

    // The rotation pairs dimension i with i + D/2, so an odd head width cannot rotate.
    if (!neox && D % 2 != 0) {
        throw AtlasError(reader.source() + ": key \"head_dim\" (or hidden_size / " +
                         "num_attention_heads) is " + std::to_string(D) +
                         ", expected an even head width for the rotary embedding");
    }
    config.rotary.theta = reader.numberOr("rope_theta", 10000, 1, Limits::kMaxRopeTheta);
    config.rotary.dims = D;
    if (neox) {
        config.rotary.theta =
            reader.numberOr("rotary_emb_base", config.rotary.theta, 1, Limits::kMaxRopeTheta);
        const double fraction = reader.numberOr("rotary_pct", 0.25, 0, 1);
        config.rotary.dims = static_cast<int>(D * fraction);  // as Python's int()
        if (config.rotary.dims % 2 != 0) {
            throw AtlasError(reader.source() + ": key \"rotary_pct\" (" + shortNumber(fraction) +
                             ") rotates " + std::to_string(config.rotary.dims) +
                             " dimensions of each head, expected an even number");
        }
    }
    readRopeScaling(reader, config.rotary);

    if (neox) {
        config.layer_norm_epsilon = reader.epsilonOr("layer_norm_eps", 1e-5f);
        config.gelu_tanh = geluIsTanh(reader, "hidden_act", reader.stringOr("hidden_act", "gelu"));
        config.parallel_residual = reader.boolOr("use_parallel_residual", true);
        config.qkv_bias = config.out_bias = reader.boolOr("attention_bias", true);
    } else {
        config.layer_norm_epsilon = reader.epsilonOr("rms_norm_eps", 1e-6f);
        const std::string activation = reader.stringOr("hidden_act", "silu");
        if (activation != "silu") {
            reader.unsupported("hidden_act",
                               "is \"" + activation + "\"; only \"silu\" (SwiGLU) is supported");
        }
        if (reader.boolOr("mlp_bias", false)) {
            reader.unsupported("mlp_bias", "true is not supported");
        }
        if (family == DecoderFamily::Qwen2) {
            config.qkv_bias = true;  // Qwen2's q, k and v always have biases; o never
        } else if (family != DecoderFamily::Mistral) {
            config.qkv_bias = config.out_bias = reader.boolOr("attention_bias", false);
        }
        config.qk_norm = family == DecoderFamily::Qwen3;
        if (family == DecoderFamily::Mistral) {
            config.sliding_window = reader.sizeOr("sliding_window", 0, Limits::kMaxPositions);
        } else if (family != DecoderFamily::Llama && reader.boolOr("use_sliding_window", false)) {
            reader.unsupported("use_sliding_window", "true is not supported");
        }
    }
    config.tied_embeddings = reader.boolOr("tie_word_embeddings", false);
    const std::vector<int> bos = tokenIds(reader, "bos_token_id", config.vocab_size);
    config.bos_token_id = bos.empty() ? -1 : bos.front();
    config.eos_token_ids = tokenIds(reader, "eos_token_id", config.vocab_size);
}

}  // namespace

std::string ModelConfig::modelType() const {
    if (architecture == Architecture::Gpt2) {
        return "gpt2";
    }
    if (architecture == Architecture::Bert) {
        return distilbert ? "distilbert" : "bert";
    }
    switch (family) {
        case DecoderFamily::Mistral:
            return "mistral";
        case DecoderFamily::Qwen2:
            return "qwen2";
        case DecoderFamily::Qwen3:
            return "qwen3";
        case DecoderFamily::GptNeox:
            return "gpt_neox";
        case DecoderFamily::Llama:
            break;
    }
    return "llama";
}

void ModelConfig::readGenerationConfig(const std::filesystem::path& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        return;
    }
    std::ifstream stream(path, std::ios::binary);
    std::ostringstream content;
    content << stream.rdbuf();
    const nlohmann::json json =
        nlohmann::json::parse(content.str(), nullptr, /*allow_exceptions=*/false);
    const std::string source = path.string();
    if (json.is_discarded() || !json.is_object()) {
        throw AtlasError(source + ": not a valid JSON object");
    }
    const ConfigReader reader(json, source);
    for (int id : tokenIds(reader, "eos_token_id", vocab_size)) {
        if (std::find(eos_token_ids.begin(), eos_token_ids.end(), id) == eos_token_ids.end()) {
            eos_token_ids.push_back(id);
        }
    }
    const std::vector<int> bos = tokenIds(reader, "bos_token_id", vocab_size);
    if (!bos.empty()) {
        bos_token_id = bos.front();
    }
}

ModelConfig ModelConfig::fromJson(const nlohmann::json& json, const std::string& source) {
    if (!json.is_object()) {
        throw AtlasError(source + ": expected a JSON object");
    }
    const ConfigReader reader(json, source);
    const nlohmann::json* model_type_value = reader.find("model_type");
    if (model_type_value == nullptr) {
        throw AtlasError(source + ": key \"model_type\" missing (expected \"gpt2\" or \"bert\")");
    }
    if (!model_type_value->is_string()) {
        throw AtlasError(source + ": key \"model_type\" must be a string, got " +
                         model_type_value->dump());
    }
    const std::string model_type = model_type_value->get<std::string>();

    ModelConfig config;
    if (model_type == "gpt2") {
        config.architecture = Architecture::Gpt2;
        config.n_layer = reader.size("n_layer", Limits::kMaxLayers);
        config.n_head = reader.size("n_head", Limits::kMaxHeads);
        config.d_model = reader.size("n_embd", Limits::kMaxModelWidth);
        if (reader.find("n_positions") != nullptr) {
            config.n_ctx = reader.size("n_positions", Limits::kMaxContext);
        } else if (reader.find("n_ctx") != nullptr) {
            config.n_ctx = reader.size("n_ctx", Limits::kMaxContext);  // older configs
        } else {
            throw AtlasError(source + ": key \"n_positions\" missing (nor is there \"n_ctx\")");
        }
        config.vocab_size = reader.size("vocab_size", Limits::kMaxVocabulary);
        config.d_ff = reader.sizeOr("n_inner", 4 * config.d_model, Limits::kMaxFeedForward);
        config.type_vocab_size = 0;
        config.layer_norm_epsilon = reader.epsilonOr("layer_norm_epsilon", 1e-5f);
        config.gelu_tanh = geluIsTanh(reader, "activation_function",
                                      reader.stringOr("activation_function", "gelu_new"));
        // Variants whose attention differs from plain GPT-2: refuse rather than show wrong maps.
        if (!reader.boolOr("scale_attn_weights", true)) {
            reader.unsupported("scale_attn_weights", "false is not supported");
        }
        if (reader.boolOr("scale_attn_by_inverse_layer_idx", false)) {
            reader.unsupported("scale_attn_by_inverse_layer_idx", "true is not supported");
        }
        if (reader.boolOr("add_cross_attention", false)) {
            reader.unsupported("add_cross_attention", "true is not supported");
        }
    } else if (model_type == "bert") {
        config.architecture = Architecture::Bert;
        config.n_layer = reader.size("num_hidden_layers", Limits::kMaxLayers);
        config.n_head = reader.size("num_attention_heads", Limits::kMaxHeads);
        config.d_model = reader.size("hidden_size", Limits::kMaxModelWidth);
        config.d_ff = reader.size("intermediate_size", Limits::kMaxFeedForward);
        config.n_ctx = reader.size("max_position_embeddings", Limits::kMaxContext);
        config.vocab_size = reader.size("vocab_size", Limits::kMaxVocabulary);
        config.type_vocab_size = reader.sizeOr("type_vocab_size", 2, Limits::kMaxTokenTypes);
        config.layer_norm_epsilon = reader.epsilonOr("layer_norm_eps", 1e-12f);
        config.gelu_tanh = geluIsTanh(reader, "hidden_act", reader.stringOr("hidden_act", "gelu"));
        const std::string positions = reader.stringOr("position_embedding_type", "absolute");
        if (positions != "absolute") {
            reader.unsupported("position_embedding_type",
                               "is \"" + positions + "\"; only \"absolute\" is supported");
        }
    } else if (model_type == "distilbert") {
        config.architecture = Architecture::Bert;
        config.distilbert = true;
        config.n_layer = reader.size("n_layers", Limits::kMaxLayers);
        config.n_head = reader.size("n_heads", Limits::kMaxHeads);
        config.d_model = reader.size("dim", Limits::kMaxModelWidth);
        config.d_ff = reader.size("hidden_dim", Limits::kMaxFeedForward);
        config.n_ctx = reader.size("max_position_embeddings", Limits::kMaxContext);
        config.vocab_size = reader.size("vocab_size", Limits::kMaxVocabulary);
        config.type_vocab_size = 1;          // DistilBERT has no token types: one zero embedding
        config.layer_norm_epsilon = 1e-12f;  // fixed in DistilBERT's code, not in its config
        config.gelu_tanh = geluIsTanh(reader, "activation", reader.stringOr("activation", "gelu"));
    } else if (model_type == "llama") {
        readDecoderConfig(reader, DecoderFamily::Llama, config);
    } else if (model_type == "mistral") {
        readDecoderConfig(reader, DecoderFamily::Mistral, config);
    } else if (model_type == "qwen2") {
        readDecoderConfig(reader, DecoderFamily::Qwen2, config);
    } else if (model_type == "qwen3") {
        readDecoderConfig(reader, DecoderFamily::Qwen3, config);
    } else if (model_type == "gpt_neox") {
        readDecoderConfig(reader, DecoderFamily::GptNeox, config);
    } else {
        throw AtlasError(source + ": model_type \"" + model_type +
                         "\" is not supported; Attention Atlas reads \"gpt2\", \"bert\", "
                         "\"distilbert\", \"llama\", \"mistral\", \"qwen2\", \"qwen3\" and "
                         "\"gpt_neox\" models");
    }

    if (!config.decoder() && config.d_model % config.n_head != 0) {
        const SizeKeys keys = sizeKeys(config);
        throw AtlasError(source + ": key \"" + keys.width + "\" (" +
                         std::to_string(config.d_model) + ") must be divisible by key \"" +
                         keys.heads + "\" (" + std::to_string(config.n_head) + ")");
    }
    // Each size can be in range while their products are not (a 16384-wide model of 256 layers).
    if (config.parameterCount() > Limits::kMaxParameters) {
        throw AtlasError(source + ": the sizes imply " + shortNumber(config.parameterCount()) +
                         " weights, more than the supported " +
                         shortNumber(Limits::kMaxParameters) + " (" + sizeSummary(config) + ")");
    }
    // What the app shows about the text; other tools ignore these keys. Some Hub configs carry
    // a "language" list of their own: only a string is taken as the model's language.
    if (const nlohmann::json* language = reader.find("language");
        language != nullptr && language->is_string() && language->get<std::string>().size() <= 16) {
        config.language = language->get<std::string>();
    }
    config.input_conversion = reader.stringOr("input_conversion", "");
    if (!config.input_conversion.empty() && config.input_conversion != "t2s") {
        reader.unsupported("input_conversion", "is \"" + config.input_conversion +
                                                   "\", expected \"t2s\" (Traditional to "
                                                   "Simplified Chinese) or no key");
    }
    return config;
}

double ModelConfig::parameterCount() const {
    const double V = vocab_size, P = n_ctx, C = d_model, F = d_ff;
    if (decoder()) {
        const double Q = double(n_head) * d_head(), K = double(kvHeads()) * d_head();
        const double mlp = family == DecoderFamily::GptNeox ? 2 * C * F + F + C : 3 * C * F;
        const double per_layer =
            C * (Q + 2 * K) + (Q + 2 * K) + Q * C + C + mlp + 4 * C + 2 * d_head();
        return V * C * (tied_embeddings ? 1 : 2) + n_layer * per_layer + 2 * C;
    }
    // As TransformerWeights::zeros: two LayerNorms, q k v and output, and the MLP per layer.
    const double per_layer = 4 * C + (C * 3 * C + 3 * C) + (C * C + C) + (C * F + F) + (F * C + C);
    double count = (V + P) * C + n_layer * per_layer;
    if (architecture == Architecture::Bert) {
        count += type_vocab_size * C + 2 * C + (C * C + C) + 2 * C + V;  // embedding LN, MLM head
    } else {
        count += 2 * C;  // final LayerNorm
    }
    return count;
}

ModelConfig ModelConfig::fromFile(const std::filesystem::path& path) {
    const std::string source = path.string();
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        throw AtlasError(source + ": is a folder, expected a file");
    }
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
        throw AtlasError(source + ": cannot open");
    }
    std::ostringstream content;
    content << stream.rdbuf();
    const nlohmann::json json =
        nlohmann::json::parse(content.str(), nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) {
        throw AtlasError(source + ": not valid JSON");
    }
    return fromJson(json, source);
}

nlohmann::json ModelConfig::toJson() const {
    nlohmann::json json;
    if (decoder()) {
        const bool neox = family == DecoderFamily::GptNeox;
        json["model_type"] = modelType();
        json["num_hidden_layers"] = n_layer;
        json["num_attention_heads"] = n_head;
        json["hidden_size"] = d_model;
        json["intermediate_size"] = d_ff;
        json["max_position_embeddings"] = n_ctx;
        json["vocab_size"] = vocab_size;
        json["tie_word_embeddings"] = tied_embeddings;
        json[neox ? "rotary_emb_base" : "rope_theta"] = rotary.theta;
        if (neox) {
            json["layer_norm_eps"] = shortestDouble(layer_norm_epsilon);
            json["rotary_pct"] = double(rotary.dims) / d_head();
            json["use_parallel_residual"] = parallel_residual;
            json["attention_bias"] = qkv_bias;
            json["hidden_act"] = gelu_tanh ? "gelu_new" : "gelu";
        } else {
            json["rms_norm_eps"] = shortestDouble(layer_norm_epsilon);
            json["num_key_value_heads"] = kvHeads();
            json["head_dim"] = d_head();
            json["hidden_act"] = "silu";
            if (family == DecoderFamily::Llama || family == DecoderFamily::Qwen3) {
                json["attention_bias"] = qkv_bias;
            }
            if (sliding_window > 0) {
                json["sliding_window"] = sliding_window;
            }
        }
        if (rotary.scaling != RotaryConfig::Scaling::None) {
            json["rope_scaling"] = {
                {"rope_type",
                 rotary.scaling == RotaryConfig::Scaling::Linear ? "linear" : "llama3"},
                {"factor", rotary.factor}};
            if (rotary.scaling == RotaryConfig::Scaling::Llama3) {
                json["rope_scaling"]["low_freq_factor"] = rotary.low_freq_factor;
                json["rope_scaling"]["high_freq_factor"] = rotary.high_freq_factor;
                json["rope_scaling"]["original_max_position_embeddings"] = rotary.original_context;
            }
        }
        return json;
    }
    if (architecture == Architecture::Gpt2) {
        json["model_type"] = "gpt2";
        json["architectures"] = {"GPT2LMHeadModel"};
        json["n_layer"] = n_layer;
        json["n_head"] = n_head;
        json["n_embd"] = d_model;
        json["n_positions"] = n_ctx;
        json["n_ctx"] = n_ctx;
        json["vocab_size"] = vocab_size;
        json["n_inner"] = d_ff == 4 * d_model ? nlohmann::json(nullptr) : nlohmann::json(d_ff);
        json["layer_norm_epsilon"] = shortestDouble(layer_norm_epsilon);
        json["activation_function"] = gelu_tanh ? "gelu_new" : "gelu";
        json["tie_word_embeddings"] = true;
    } else {
        // DistilBERT is written as the BERT it is equivalent to (zero token-type embedding).
        json["model_type"] = "bert";
        json["architectures"] = {"BertForMaskedLM"};
        json["num_hidden_layers"] = n_layer;
        json["num_attention_heads"] = n_head;
        json["hidden_size"] = d_model;
        json["intermediate_size"] = d_ff;
        json["max_position_embeddings"] = n_ctx;
        json["vocab_size"] = vocab_size;
        json["type_vocab_size"] = type_vocab_size;
        json["layer_norm_eps"] = shortestDouble(layer_norm_epsilon);
        json["hidden_act"] = gelu_tanh ? "gelu_new" : "gelu";
        json["position_embedding_type"] = "absolute";
        json["tie_word_embeddings"] = true;
    }
    if (!language.empty()) {
        json["language"] = language;
    }
    if (!input_conversion.empty()) {
        json["input_conversion"] = input_conversion;
    }
    return json;
}

}  // namespace atlas
