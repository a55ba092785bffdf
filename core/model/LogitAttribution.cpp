#include "model/LogitAttribution.h"

#include <cmath>
#include <string>

#include "Error.h"
#include "model/LayerStreams.h"
#include "model/TransformerForward.h"
#include "model/WeightPanels.h"

namespace atlas {

namespace {

using VectorD = Eigen::Matrix<double, 1, Eigen::Dynamic, Eigen::RowMajor>;

void checkTarget(const Model& model, const std::vector<int>& ids, int position, int target) {
    const int T = static_cast<int>(ids.size());
    if (position < 0 || position >= T) {
        throw AtlasError("attribution: position " + std::to_string(position) +
                         " is out of range: the text has tokens 0-" + std::to_string(T - 1));
    }
    if (target < 0 || target >= model.config().vocab_size) {
        throw AtlasError("attribution: target id " + std::to_string(target) +
                         " is out of range: the vocabulary has ids 0-" +
                         std::to_string(model.config().vocab_size - 1));
    }
    if (!hasLanguageModelHead(model.config(), model.weights())) {
        throw AtlasError(model.name() + ": the model has no language-model head to attribute");
    }
}

// A part of the stream [1, C] to its share of the logit: the final norm with its scale frozen.
struct FrozenNorm {
    bool centred = false;  // LayerNorm: subtract each part's mean; RMSNorm: not
    VectorD weight;        // gamma * u / scale, per column
    double bias = 0;       // beta . u (LayerNorm with a bias), else 0

    double logitOf(const VectorD& part) const {
        const double mean = centred ? part.mean() : 0.0;
        return (part.array() - mean).matrix().dot(weight);
    }
};

FrozenNorm frozenFinalNorm(const Model& model, const Matrix& final_stream, int position,
                           int target) {
    const ModelConfig& config = model.config();
    const TransformerWeights& weights = model.weights();
    const int C = config.d_model;
    const VectorD x = final_stream.row(position).cast<double>();
    const bool layer_norm =
        config.architecture == Architecture::Gpt2 || config.family == DecoderFamily::GptNeox;
    FrozenNorm norm;
    norm.centred = layer_norm;
    double scale = 0;
    if (layer_norm) {
        const double variance = (x.array() - x.mean()).square().mean();
        scale = std::sqrt(variance + config.layer_norm_epsilon);
    } else {
        scale = std::sqrt(x.squaredNorm() / C + config.layer_norm_epsilon);
    }
    const PanelView projection = outputProjection(weights);  // [C, V]
    const VectorD unembedding = projection.block(0, C, target, 1).transpose().cast<double>();
    norm.weight = weights.ln_final_weight.row(0).cast<double>().cwiseProduct(unembedding) / scale;
    if (weights.ln_final_bias.size() != 0) {
        norm.bias = weights.ln_final_bias.row(0).cast<double>().dot(unembedding);
    }
    return norm;
}

}  // namespace

double DirectLogitAttribution::sumOfParts() const {
    double sum = embedding + bias;
    for (const std::vector<double>& layer : heads) {
        for (double head : layer)
            sum += head;
    }
    for (double layer : mlp)
        sum += layer;
    return sum;
}

double logProbabilityOf(const Forward& forward, int position, int target) {
    const auto row = forward.logits.row(position).cast<double>();
    const double max = row.maxCoeff();
    return row[target] - max - std::log((row.array() - max).exp().sum());
}

DirectLogitAttribution directLogitAttribution(const Model& model, const std::vector<int>& ids,
                                              int position, int target,
                                              const ForwardOptions& base) {
    const ModelConfig& config = model.config();
    if (config.architecture == Architecture::Bert) {
        throw AtlasError(model.name() +
                         ": BERT is post-LN, so its logits do not split into heads; measure "
                         "each head's effect by ablation instead");
    }
    checkTarget(model, ids, position, target);
    ForwardOptions options = base;
    options.capture_internals = true;
    options.capture_logits = true;
    options.predict_positions.clear();
    options.top_k = 1;
    LayerStreams streams;
    const Forward forward =
        forwardWithStreams(model.config(), model.weights(), ids, options, streams);
    const TransformerWeights& weights = model.weights();
    const int L = config.n_layer, NH = config.n_head, D = config.d_head(), C = config.d_model;

    const FrozenNorm norm = frozenFinalNorm(model, streams.residual_out[L - 1], position, target);
    DirectLogitAttribution result;
    result.position = position;
    result.target = target;
    result.logit = forward.logits(position, target);
    result.embedding = norm.logitOf(forward.embeddings.row(position).cast<double>());
    result.heads.assign(L, std::vector<double>(NH, 0.0));
    result.mlp.assign(L, 0.0);
    VectorD biases = VectorD::Zero(C);
    for (int l = 0; l < L; ++l) {
        const LayerWeights& layer = weights.layers[l];
        const LayerInternals& internals = forward.internals[l];
        for (int h = 0; h < NH; ++h) {
            const VectorD output =
                internals.heads[h].output.row(position).cast<double>();  // [1, D]
            const Matrix slice = weightBlock(weights, layer.attn_out_weight, Eigen::Index(h) * D, D,
                                             0, C);  // [D, C]
            result.heads[l][h] = norm.logitOf(output * slice.cast<double>());
        }
        VectorD mlp = streams.mlp_output[l].row(position).cast<double>();
        if (layer.mlp_out_bias.size() != 0) {
            mlp -= layer.mlp_out_bias.row(0).cast<double>();
            biases += layer.mlp_out_bias.row(0).cast<double>();
        }
        if (layer.attn_out_bias.size() != 0) {
            biases += layer.attn_out_bias.row(0).cast<double>();
        }
        result.mlp[l] = norm.logitOf(mlp);
    }
    result.bias = norm.logitOf(biases) + norm.bias;
    return result;
}

HeadAblationEffects headAblationEffects(const Model& model, const std::vector<int>& ids,
                                        int position, int target, const ForwardOptions& base) {
    checkTarget(model, ids, position, target);
    const ModelConfig& config = model.config();
    ForwardOptions options = base;
    options.capture_internals = false;
    options.capture_logits = true;
    options.predict_positions.clear();
    options.top_k = 1;
    HeadAblationEffects effects;
    effects.position = position;
    effects.target = target;
    effects.log_probability = logProbabilityOf(model.forward(ids, options), position, target);
    effects.heads.assign(config.n_layer, std::vector<double>(config.n_head, 0.0));
    for (int l = 0; l < config.n_layer; ++l) {
        for (int h = 0; h < config.n_head; ++h) {
            ForwardOptions ablated = options;
            ablated.ablated_heads.push_back({l, h});
            effects.heads[l][h] = logProbabilityOf(model.forward(ids, ablated), position, target) -
                                  effects.log_probability;
        }
    }
    return effects;
}

}  // namespace atlas
