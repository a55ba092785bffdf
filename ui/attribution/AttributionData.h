// What the three attribution views show for one sentence: the logit lens, each head's share of
// the prediction (direct logit attribution, or for BERT the effect of switching the head off)
// and each input token's occlusion score, computed together off the GUI thread.
//
// Letters: L layers, H heads, T tokens.
#pragma once

#include <memory>
#include <vector>

#include <QString>
#include <QStringList>

#include "model/LogitLens.h"
#include "model/Model.h"
#include "model/PredictionTarget.h"
#include "model/TokenAttribution.h"

namespace atlas::ui {

struct AttributionData {
    QString modelName;
    bool causal = true;
    QStringList tokenLabels;  // [T] as the grid shows them
    LogitLens lens;
    PredictionTarget chosen;                 // the prediction the heads and tokens are scored for
    bool byAblation = false;                 // BERT: heads scored by ablation (change in log p)
    std::vector<std::vector<double>> heads;  // [L][H] logit share, or log p change
    std::vector<double> mlp;                 // [L] direct attribution only
    double embedding = 0;                    // direct attribution only
    double bias = 0;                         // direct attribution only
    double logit = 0;                        // direct: the logit; ablation: log p
    TokenAttribution occlusion;              // [T] scores, over chosen.tokens
    QStringList occlusionLabels;             // [T] labels of chosen.tokens ([MASK] shown)

    int layerCount() const { return int(heads.size()); }
    int headCount() const { return heads.empty() ? 0 : int(heads.front().size()); }
    double largestHeadMagnitude() const;
};

// Runs every part on `tokens` (a snapshot's, possibly masked) with `ablated` heads switched off.
// Throws AtlasError (a model without a language-model head).
std::shared_ptr<const AttributionData> computeAttribution(const Model& model,
                                                          const std::vector<Token>& tokens,
                                                          const std::vector<HeadIndex>& ablated);

}  // namespace atlas::ui
