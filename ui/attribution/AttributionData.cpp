#include "attribution/AttributionData.h"

#include <cmath>

#include "AttentionSnapshot.h"
#include "model/LogitAttribution.h"

namespace atlas::ui {

double AttributionData::largestHeadMagnitude() const {
    double largest = 0;
    for (const std::vector<double>& layer : heads)
        for (double value : layer)
            largest = std::max(largest, std::abs(value));
    return largest;
}

std::shared_ptr<const AttributionData> computeAttribution(const Model& model,
                                                          const std::vector<Token>& tokens,
                                                          const std::vector<HeadIndex>& ablated) {
    auto data = std::make_shared<AttributionData>();
    data->modelName = QString::fromStdString(model.name());
    data->causal = model.config().causal();
    std::vector<int> ids;
    for (const Token& token : tokens) {
        ids.push_back(token.id);
        data->tokenLabels << tokenLabel(token);
    }
    ForwardOptions options;
    options.ablated_heads = ablated;
    data->lens = logitLens(model, ids, 3, options);
    data->chosen = choosePredictionTarget(model, tokens, std::nullopt, std::nullopt);
    const PredictionTarget& chosen = data->chosen;
    if (model.config().architecture == Architecture::Bert) {
        const HeadAblationEffects effects =
            headAblationEffects(model, chosen.ids, chosen.position, chosen.target, options);
        data->byAblation = true;
        data->heads = effects.heads;
        data->logit = effects.log_probability;
    } else {
        const DirectLogitAttribution parts =
            directLogitAttribution(model, chosen.ids, chosen.position, chosen.target, options);
        data->heads = parts.heads;
        data->mlp = parts.mlp;
        data->embedding = parts.embedding;
        data->bias = parts.bias;
        data->logit = parts.logit;
    }
    data->occlusion =
        occlusionAttribution(model, chosen.ids, chosen.position, chosen.target, options);
    for (const Token& token : chosen.tokens) {
        data->occlusionLabels << tokenLabel(token);
    }
    return data;
}

}  // namespace atlas::ui
