// The common weight layout: a fixed visiting order, zero and random initialisation, counting.
#include "model/TransformerWeights.h"

#include <cmath>
#include <random>

namespace atlas {


void TransformerWeights::forEach(
    const ModelConfig& config,
    const std::function<void(const std::string& name, Matrix& tensor)>& visit) {
    visitWeightTensors(*this, config.architecture == Architecture::Bert, visit);
}

void TransformerWeights::forEach(
    const ModelConfig& config,
    const std::function<void(const std::string& name, const Matrix& tensor)>& visit) const {
    visitWeightTensors(*this, config.architecture == Architecture::Bert, visit);
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
