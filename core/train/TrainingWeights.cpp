// Precision conversions of the weights and the reproducible training initialisation.
// GCC 12 reports false "uninitialized" reads inside Eigen's AVX-512 kernels.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include "train/TrainingWeights.h"

#include <cmath>

#include "train/TrainingRandom.h"

namespace atlas {

namespace {

// Copies every tensor of `from` into the same member of a `To`, converting the scalar type.
template <typename To, typename From>
To convertWeights(const From& from) {
    using Scalar = typename WeightsTraits<To>::Scalar;
    auto copy = [](const auto& source, auto& target) { target = source.template cast<Scalar>(); };
    To to;
    copy(from.token_embedding, to.token_embedding);
    copy(from.position_embedding, to.position_embedding);
    copy(from.token_type_embedding, to.token_type_embedding);
    copy(from.ln_embed_weight, to.ln_embed_weight);
    copy(from.ln_embed_bias, to.ln_embed_bias);
    to.layers.resize(from.layers.size());
    for (std::size_t l = 0; l < from.layers.size(); ++l) {
        const auto& source = from.layers[l];
        auto& target = to.layers[l];
        copy(source.ln_attn_weight, target.ln_attn_weight);
        copy(source.ln_attn_bias, target.ln_attn_bias);
        copy(source.attn_qkv_weight, target.attn_qkv_weight);
        copy(source.attn_qkv_bias, target.attn_qkv_bias);
        copy(source.attn_out_weight, target.attn_out_weight);
        copy(source.attn_out_bias, target.attn_out_bias);
        copy(source.ln_mlp_weight, target.ln_mlp_weight);
        copy(source.ln_mlp_bias, target.ln_mlp_bias);
        copy(source.mlp_in_weight, target.mlp_in_weight);
        copy(source.mlp_in_bias, target.mlp_in_bias);
        copy(source.mlp_out_weight, target.mlp_out_weight);
        copy(source.mlp_out_bias, target.mlp_out_bias);
    }
    copy(from.ln_final_weight, to.ln_final_weight);
    copy(from.ln_final_bias, to.ln_final_bias);
    copy(from.head_transform_weight, to.head_transform_weight);
    copy(from.head_transform_bias, to.head_transform_bias);
    copy(from.head_ln_weight, to.head_ln_weight);
    copy(from.head_ln_bias, to.head_ln_bias);
    copy(from.head_output_bias, to.head_output_bias);
    return to;
}

void fillNormal(Matrix& tensor, TrainingRandom& random, double standard_deviation) {
    for (Eigen::Index i = 0; i < tensor.size(); ++i) {
        tensor.data()[i] = static_cast<float>(random.normal() * standard_deviation);
    }
}

void fillUniform(Matrix& tensor, TrainingRandom& random, double bound) {
    for (Eigen::Index i = 0; i < tensor.size(); ++i) {
        tensor.data()[i] = static_cast<float>((2.0 * random.uniform() - 1.0) * bound);
    }
}

}  // namespace

TransformerWeightsD toDouble(const TransformerWeights& weights) {
    return convertWeights<TransformerWeightsD>(weights);
}

TransformerWeights toFloat(const TransformerWeightsD& weights) {
    return convertWeights<TransformerWeights>(weights);
}

TransformerWeights initialiseForTraining(const ModelConfig& config, unsigned long long seed,
                                         const InitialisationOptions& options) {
    const bool bert = config.architecture == Architecture::Bert;
    // The shapes of the common layout, all zero; LayerNorm gains start at 1.
    TransformerWeights weights = TransformerWeights::zeros(config);
    for (auto& layer : weights.layers) {
        layer.ln_attn_weight.setOnes();
        layer.ln_mlp_weight.setOnes();
    }
    if (bert) {
        weights.ln_embed_weight.setOnes();
        weights.head_ln_weight.setOnes();
        if (weights.token_type_embedding.rows() == 0) {
            // Training reads token type 0 for every token, so it needs at least that row.
            weights.token_type_embedding = Matrix::Zero(1, config.d_model);
        }
    } else {
        weights.ln_final_weight.setOnes();
    }

    // Each tensor draws from its own stream, so adding a tensor never shifts the others.
    std::uint64_t stream = 0;
    const double base = 0.02;
    const double residual = base / std::sqrt(2.0 * std::max(1, config.n_layer));
    auto normal = [&](Matrix& tensor, double standard_deviation) {
        TrainingRandom random(seed, 0, 1000 + stream++);
        fillNormal(tensor, random, standard_deviation);
    };
    normal(weights.token_embedding, options.token_std > 0 ? options.token_std : base);
    const double position_scale =
        options.position_std > 0 ? options.position_std : (bert ? base : 0.01);
    normal(weights.position_embedding, position_scale);
    if (options.sinusoidal_positions) {
        // sin and cos have a root mean square of 1/sqrt(2); scale to the requested std.
        const double amplitude = position_scale * std::sqrt(2.0);
        const Eigen::Index width = weights.position_embedding.cols();
        for (Eigen::Index position = 0; position < weights.position_embedding.rows(); ++position) {
            for (Eigen::Index pair = 0; 2 * pair < width; ++pair) {
                const double frequency = std::pow(
                    10000.0, -2.0 * static_cast<double>(pair) / static_cast<double>(width));
                const double angle = static_cast<double>(position) * frequency;
                weights.position_embedding(position, 2 * pair) =
                    static_cast<float>(amplitude * std::sin(angle));
                if (2 * pair + 1 < width) {
                    weights.position_embedding(position, 2 * pair + 1) =
                        static_cast<float>(amplitude * std::cos(angle));
                }
            }
        }
    }
    if (bert) {
        normal(weights.token_type_embedding, base);
    }
    // PyTorch's nn.Linear: kaiming_uniform(a = sqrt(5)) is uniform in +-1/sqrt(fan_in), and so
    // is the bias. Our matrices are [in, out], so fan_in is the row count.
    auto linear = [&](Matrix& matrix, Matrix& bias, double gpt2_std) {
        if (!options.pytorch_linear) {
            normal(matrix, gpt2_std);
            return;
        }
        TrainingRandom random(seed, 0, 1000 + stream++);
        const double bound = 1.0 / std::sqrt(static_cast<double>(matrix.rows()));
        fillUniform(matrix, random, bound);
        TrainingRandom bias_random(seed, 0, 2000 + stream);
        fillUniform(bias, bias_random, bound);
    };
    for (auto& layer : weights.layers) {
        linear(layer.attn_qkv_weight, layer.attn_qkv_bias, base);
        linear(layer.attn_out_weight, layer.attn_out_bias, residual);
        linear(layer.mlp_in_weight, layer.mlp_in_bias, base);
        linear(layer.mlp_out_weight, layer.mlp_out_bias, residual);
    }
    if (bert) {
        linear(weights.head_transform_weight, weights.head_transform_bias, base);
    }
    return weights;
}

}  // namespace atlas
