// The common weight layout: a fixed visiting order, zero and random initialisation, counting.
#include "model/TransformerWeights.h"

#include <cmath>
#include <random>

namespace atlas {

namespace {

// One visiting order for both constness variants: `Weights` is TransformerWeights or its const.
template <typename Weights, typename Visit>
void visitAll(Weights& weights, const ModelConfig& config, const Visit& visit) {
    const bool bert = config.architecture == Architecture::Bert;
    visit("token_embedding", weights.token_embedding);
    visit("position_embedding", weights.position_embedding);
    if (bert) {
        visit("token_type_embedding", weights.token_type_embedding);
        visit("ln_embed_weight", weights.ln_embed_weight);
        visit("ln_embed_bias", weights.ln_embed_bias);
    }
    for (std::size_t index = 0; index < weights.layers.size(); ++index) {
        auto& layer = weights.layers[index];
        const std::string prefix = "layers." + std::to_string(index) + ".";
        visit(prefix + "ln_attn_weight", layer.ln_attn_weight);
        visit(prefix + "ln_attn_bias", layer.ln_attn_bias);
        visit(prefix + "attn_qkv_weight", layer.attn_qkv_weight);
        visit(prefix + "attn_qkv_bias", layer.attn_qkv_bias);
        visit(prefix + "attn_out_weight", layer.attn_out_weight);
        visit(prefix + "attn_out_bias", layer.attn_out_bias);
        visit(prefix + "ln_mlp_weight", layer.ln_mlp_weight);
        visit(prefix + "ln_mlp_bias", layer.ln_mlp_bias);
        visit(prefix + "mlp_in_weight", layer.mlp_in_weight);
        visit(prefix + "mlp_in_bias", layer.mlp_in_bias);
        visit(prefix + "mlp_out_weight", layer.mlp_out_weight);
        visit(prefix + "mlp_out_bias", layer.mlp_out_bias);
    }
    if (bert) {
        visit("head_transform_weight", weights.head_transform_weight);
        visit("head_transform_bias", weights.head_transform_bias);
        visit("head_ln_weight", weights.head_ln_weight);
        visit("head_ln_bias", weights.head_ln_bias);
        visit("head_output_bias", weights.head_output_bias);
    } else {
        visit("ln_final_weight", weights.ln_final_weight);
        visit("ln_final_bias", weights.ln_final_bias);
    }
}

}  // namespace

void TransformerWeights::forEach(
    const ModelConfig& config,
    const std::function<void(const std::string& name, Matrix& tensor)>& visit) {
    visitAll(*this, config, visit);
}

void TransformerWeights::forEach(
    const ModelConfig& config,
    const std::function<void(const std::string& name, const Matrix& tensor)>& visit) const {
    visitAll(*this, config, visit);
}

TransformerWeights TransformerWeights::zeros(const ModelConfig& config) {
    const int V = config.vocab_size;
    const int P = config.n_ctx;
    const int C = config.d_model;
    const int F = config.d_ff;
    TransformerWeights weights;
    weights.token_embedding = Matrix::Zero(V, C);
    weights.position_embedding = Matrix::Zero(P, C);
    if (config.architecture == Architecture::Bert) {
        weights.token_type_embedding = Matrix::Zero(config.type_vocab_size, C);
        weights.ln_embed_weight = Matrix::Zero(1, C);
        weights.ln_embed_bias = Matrix::Zero(1, C);
        weights.head_transform_weight = Matrix::Zero(C, C);
        weights.head_transform_bias = Matrix::Zero(1, C);
        weights.head_ln_weight = Matrix::Zero(1, C);
        weights.head_ln_bias = Matrix::Zero(1, C);
        weights.head_output_bias = Matrix::Zero(1, V);
    } else {
        weights.ln_final_weight = Matrix::Zero(1, C);
        weights.ln_final_bias = Matrix::Zero(1, C);
    }
    weights.layers.resize(static_cast<std::size_t>(config.n_layer));
    for (LayerWeights& layer : weights.layers) {
        layer.ln_attn_weight = Matrix::Zero(1, C);
        layer.ln_attn_bias = Matrix::Zero(1, C);
        layer.attn_qkv_weight = Matrix::Zero(C, 3 * C);
        layer.attn_qkv_bias = Matrix::Zero(1, 3 * C);
        layer.attn_out_weight = Matrix::Zero(C, C);
        layer.attn_out_bias = Matrix::Zero(1, C);
        layer.ln_mlp_weight = Matrix::Zero(1, C);
        layer.ln_mlp_bias = Matrix::Zero(1, C);
        layer.mlp_in_weight = Matrix::Zero(C, F);
        layer.mlp_in_bias = Matrix::Zero(1, F);
        layer.mlp_out_weight = Matrix::Zero(F, C);
        layer.mlp_out_bias = Matrix::Zero(1, C);
    }
    return weights;
}

TransformerWeights TransformerWeights::initialised(const ModelConfig& config, unsigned seed) {
    TransformerWeights weights = zeros(config);
    std::mt19937 generator(seed);
    std::normal_distribution<float> normal(0.0f, 0.02f);
    // Residual projections add into the stream once per layer and block: scaling them by
    // 1/sqrt(2 L) keeps the stream's variance independent of depth (GPT-2 paper).
    const float residual_scale = 1.0f / std::sqrt(2.0f * static_cast<float>(config.n_layer));

    auto ends_with = [](const std::string& name, const char* suffix) {
        const std::string tail(suffix);
        return name.size() >= tail.size() &&
               name.compare(name.size() - tail.size(), tail.size(), tail) == 0;
    };
    weights.forEach(config, [&](const std::string& name, Matrix& tensor) {
        const bool layer_norm = name.rfind("ln_", 0) == 0 ||
                                name.find(".ln_") != std::string::npos ||
                                name.rfind("head_ln_", 0) == 0;
        if (layer_norm) {
            tensor.setConstant(ends_with(name, "_weight") ? 1.0f : 0.0f);
            return;
        }
        if (ends_with(name, "_bias")) {
            return;  // biases start at zero
        }
        const float scale = ends_with(name, "attn_out_weight") || ends_with(name, "mlp_out_weight")
                                ? residual_scale
                                : 1.0f;
        for (Eigen::Index i = 0; i < tensor.size(); ++i) {
            tensor.data()[i] = normal(generator) * scale;
        }
    });
    if (config.distilbert) {
        weights.token_type_embedding.setZero();  // DistilBERT has no token types
    }
    return weights;
}

std::size_t TransformerWeights::parameterCount(const ModelConfig& config) const {
    std::size_t count = 0;
    forEach(config, [&count](const std::string&, const Matrix& tensor) {
        count += static_cast<std::size_t>(tensor.size());
    });
    return count;
}

}  // namespace atlas
