// AdamW, the warm-up + cosine schedule and gradient clipping over TransformerWeights.
// GCC 12 reports false "uninitialized" reads inside Eigen's AVX-512 kernels.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include "train/AdamW.h"

#include <cmath>
#include <vector>

#include "train/TrainingWeights.h"

namespace atlas {

double learningRateAt(std::int64_t step, std::int64_t total, std::int64_t warmup, double peak,
                      double min_ratio) {
    if (warmup > 0 && step < warmup) {
        return peak * static_cast<double>(step + 1) / static_cast<double>(warmup);
    }
    const double span = static_cast<double>(std::max<std::int64_t>(1, total - warmup));
    const double progress = std::min(1.0, static_cast<double>(step - warmup) / span);
    const double cosine = 0.5 * (1.0 + std::cos(3.141592653589793 * progress));
    return peak * (min_ratio + (1.0 - min_ratio) * cosine);
}

double gradientNorm(const TransformerWeights& grads) {
    double sum = 0;
    visitTensors(grads, [&](const std::string&, const Matrix& tensor) {
        sum += tensor.cast<double>().squaredNorm();
    });
    return std::sqrt(sum);
}

void scaleGradients(TransformerWeights& grads, float factor) {
    visitTensors(grads, [&](const std::string&, Matrix& tensor) { tensor *= factor; });
}

AdamWState adamWStateFor(const TransformerWeights& weights) {
    AdamWState state;
    state.m = zerosLike(weights);
    state.v = zerosLike(weights);
    return state;
}

void adamWUpdate(TransformerWeights& weights, const TransformerWeights& grads, AdamWState& state,
                 const AdamWSettings& settings, double learning_rate) {
    std::vector<Matrix*> parameters, gradients, firsts, seconds;
    std::vector<bool> embeddings;
    visitTensors(weights, [&](const std::string& name, Matrix& t) {
        parameters.push_back(&t);
        embeddings.push_back(name.find("embedding") != std::string::npos);
    });
    visitTensors(grads, [&](const std::string&, const Matrix& t) {
        gradients.push_back(const_cast<Matrix*>(&t));
    });
    visitTensors(state.m, [&](const std::string&, Matrix& t) { firsts.push_back(&t); });
    visitTensors(state.v, [&](const std::string&, Matrix& t) { seconds.push_back(&t); });
    ++state.step;
    const double t = static_cast<double>(state.step);
    const float beta1 = static_cast<float>(settings.beta1);
    const float beta2 = static_cast<float>(settings.beta2);
    const float correction1 = static_cast<float>(1.0 / (1.0 - std::pow(settings.beta1, t)));
    const float correction2 = static_cast<float>(1.0 / (1.0 - std::pow(settings.beta2, t)));
    const float rate = static_cast<float>(learning_rate);
    const float epsilon = static_cast<float>(settings.epsilon);
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        auto w = parameters[i]->array();
        const auto g = gradients[i]->array();
        auto m = firsts[i]->array();
        auto v = seconds[i]->array();
        m = beta1 * m + (1.0f - beta1) * g;
        v = beta2 * v + (1.0f - beta2) * g.square();
        const bool decays =
            parameters[i]->rows() > 1 && (settings.decay_embeddings || !embeddings[i]);
        const float decay = decays ? static_cast<float>(settings.weight_decay) : 0.0f;
        w -= rate * ((m * correction1) / ((v * correction2).sqrt() + epsilon) + decay * w);
    }
}

}  // namespace atlas
