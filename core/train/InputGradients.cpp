#include "train/InputGradients.h"

#include <cmath>
#include <string>

#include "Error.h"
#include "model/WeightPanels.h"
#include "train/TrainingPass.h"
#include "train/TrainingWeights.h"

namespace atlas {

namespace {

struct PassAtAlpha {
    double log_probability = 0;
    MatrixD gradient;  // [T, C] d log p / d x_t
};

class GradientRunner {
  public:
    GradientRunner(const Model& model, const std::vector<int>& ids, int position, int target,
                   const std::vector<bool>& attributed)
        : config_(model.config()),
          pass_(model.config()),
          weights_(toDouble(unpackedCopy(model.weights()))),
          attributed_(attributed) {
        const int T = static_cast<int>(ids.size());
        batch_.batch_size = 1;
        batch_.context = T;
        batch_.inputs = ids;
        batch_.targets.assign(T, -1);
        batch_.targets[position] = target;
        positions_ = weights_.position_embedding.topRows(T);
        embeddings_.resize(T, config_.d_model);
        for (int t = 0; t < T; ++t) {
            embeddings_.row(t) = weights_.token_embedding.row(ids[t]);
        }
    }

    const MatrixD& tokenEmbeddings() const { return embeddings_; }

    // Every attributed token's embedding scaled by alpha: the position rows absorb
    // (alpha - 1) e_t, so x_t = alpha e_t + position_t (+ type).
    PassAtAlpha run(double alpha, bool with_gradient) {
        const int T = batch_.context;
        for (int t = 0; t < T; ++t) {
            weights_.position_embedding.row(t) =
                positions_.row(t) + (attributed_[t] ? (alpha - 1.0) : 0.0) * embeddings_.row(t);
        }
        PassAtAlpha result;
        const LossSum loss = pass_.forward(weights_, batch_);
        result.log_probability = -loss.sum;
        if (with_gradient) {
            TransformerWeightsD grads = zerosLike(weights_);
            pass_.backward(weights_, batch_, 1.0, grads);
            result.gradient = -grads.position_embedding.topRows(T);
        }
        return result;
    }

  private:
    ModelConfig config_;
    TrainingPass<TransformerWeightsD> pass_;
    TransformerWeightsD weights_;
    std::vector<bool> attributed_;
    TrainingBatch batch_;
    MatrixD positions_;   // [T, C] the position embedding's rows as stored
    MatrixD embeddings_;  // [T, C] the tokens' embeddings
};

}  // namespace

TokenAttribution gradientAttribution(const Model& model, const std::vector<int>& ids, int position,
                                     int target, const std::string& method, int steps) {
    const ModelConfig& config = model.config();
    if (config.decoder()) {
        throw AtlasError("--method " + method +
                         ": gradients are computed by the trainer, which "
                         "runs GPT-2 and BERT; " +
                         model.name() + " is " + config.modelType() + " (use occlusion)");
    }
    if (method != "gradxinput" && method != "ig") {
        throw AtlasError("--method: '" + method + "' is not gradxinput or ig");
    }
    if (method == "ig" && (steps < 1 || steps > 1000)) {
        throw AtlasError("--steps: " + std::to_string(steps) + " is not between 1 and 1000");
    }
    const int T = static_cast<int>(ids.size());
    if (position < 0 || position >= T) {
        throw AtlasError("attribution: position " + std::to_string(position) +
                         " is out of range: the text has tokens 0-" + std::to_string(T - 1));
    }
    if (target < 0 || target >= config.vocab_size) {
        throw AtlasError("attribution: target id " + std::to_string(target) +
                         " is out of range: the vocabulary has ids 0-" +
                         std::to_string(config.vocab_size - 1));
    }
    TokenAttribution result;
    result.method = method;
    result.position = position;
    result.target = target;
    result.attributed = attributedTokens(model, ids, position);
    result.scores.assign(T, 0.0);
    GradientRunner runner(model, ids, position, target, result.attributed);
    const MatrixD& embeddings = runner.tokenEmbeddings();

    if (method == "gradxinput") {
        const PassAtAlpha full = runner.run(1.0, true);
        result.log_probability = full.log_probability;
        for (int t = 0; t < T; ++t) {
            if (result.attributed[t]) {
                result.scores[t] = embeddings.row(t).dot(full.gradient.row(t));
            }
        }
        return result;
    }

    result.steps = steps;
    result.log_probability = runner.run(1.0, false).log_probability;
    result.baseline_log_probability = runner.run(0.0, false).log_probability;
    MatrixD summed = MatrixD::Zero(T, config.d_model);
    for (int k = 0; k < steps; ++k) {
        summed += runner.run((k + 0.5) / steps, true).gradient;
    }
    double total = 0;
    for (int t = 0; t < T; ++t) {
        if (result.attributed[t]) {
            result.scores[t] = embeddings.row(t).dot(summed.row(t)) / steps;
            total += result.scores[t];
        }
    }
    result.completeness_error =
        std::abs(total - (result.log_probability - result.baseline_log_probability));
    return result;
}

}  // namespace atlas
