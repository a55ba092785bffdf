// The random weights the forward benchmarks run on, the same in every benchmark for a given shape.
#pragma once

#include <random>
#include <string>

#include "model/TransformerWeights.h"

namespace atlas::bench {

// Matrices normal(0, 0.05), LayerNorm gains 1 + noise, biases noise: large enough that attention
// is far from uniform, so a comparison with PyTorch means something.
inline TransformerWeights randomWeights(const ModelConfig& config) {
    TransformerWeights weights = TransformerWeights::zeros(config);
    std::mt19937 generator(2024);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    weights.forEach(config, [&](const std::string& name, Matrix& tensor) {
        const bool layer_norm = name.find("ln_") != std::string::npos;
        const bool bias = name.size() > 5 && name.compare(name.size() - 5, 5, "_bias") == 0;
        const float mean = layer_norm && !bias ? 1.0f : 0.0f;
        const float deviation = layer_norm || bias ? 0.1f : 0.05f;
        for (Eigen::Index i = 0; i < tensor.size(); ++i) {
            tensor.data()[i] = mean + deviation * normal(generator);
        }
    });
    return weights;
}

}  // namespace atlas::bench
