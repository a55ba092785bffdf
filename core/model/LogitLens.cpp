#include "model/LogitLens.h"
#include "model/TokenText.h"

#include <cmath>
#include <string>

#include "Error.h"
#include "model/LayerStreams.h"
#include "model/TransformerForward.h"

namespace atlas {

namespace {

// softmax(logits)[id] of one row, with the row's maximum taken out first.
float probabilityOf(const Eigen::Ref<const RowVector>& logits, int id) {
    const float max = logits.maxCoeff();
    const double sum = (logits.array() - max).exp().cast<double>().sum();
    return static_cast<float>(std::exp(static_cast<double>(logits[id] - max)) / sum);
}

}  // namespace

LogitLens logitLens(const Model& model, const std::vector<int>& ids, int top_k,
                    const ForwardOptions& base) {
    if (top_k < 1) {
        throw AtlasError("lens: top_k is " + std::to_string(top_k) + ", expected at least 1");
    }
    const ModelConfig& config = model.config();
    if (!hasLanguageModelHead(config, model.weights())) {
        throw AtlasError(model.name() +
                         ": the model has no language-model head, so its layers cannot be read");
    }
    ForwardOptions options = base;
    options.capture_internals = false;
    options.capture_logits = false;
    options.predict_positions.clear();
    options.top_k = 1;
    LayerStreams streams;
    const Forward forward =
        forwardWithStreams(model.config(), model.weights(), ids, options, streams);
    const int T = static_cast<int>(ids.size());

    LogitLens lens;
    lens.final_ids.resize(T);
    for (const PositionPredictions& prediction : forward.predictions) {
        lens.final_ids[prediction.position] = prediction.top.front().id;
    }
    ForwardOptions read_options = base;
    read_options.capture_logits = true;
    read_options.predict_positions.clear();
    read_options.top_k = top_k;
    for (int l = 0; l < config.n_layer; ++l) {
        const Forward read =
            readOutStreams(config, model.weights(), streams.residual_out[l], read_options);
        LensLayer layer;
        layer.layer = l;
        for (const PositionPredictions& prediction : read.predictions) {
            LensCell cell;
            cell.position = prediction.position;
            cell.top = prediction.top;
            for (TopToken& top : cell.top) {
                top.text = tokenDisplayText(model, top.id);
            }
            cell.final_probability =
                probabilityOf(read.logits.row(prediction.position), lens.final_ids[cell.position]);
            layer.positions.push_back(std::move(cell));
        }
        lens.layers.push_back(std::move(layer));
    }
    return lens;
}

}  // namespace atlas
