// Reads and writes the Hugging Face config.json of a GPT-2, BERT or DistilBERT model.
#include "model/ModelConfig.h"

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

}  // namespace

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
    } else {
        throw AtlasError(source + ": model_type \"" + model_type +
                         "\" is not supported; Attention Atlas reads \"gpt2\", \"bert\" and "
                         "\"distilbert\" models");
    }

    if (config.d_model % config.n_head != 0) {
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
    return config;
}

double ModelConfig::parameterCount() const {
    const double V = vocab_size, P = n_ctx, C = d_model, F = d_ff;
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
    return json;
}

}  // namespace atlas
