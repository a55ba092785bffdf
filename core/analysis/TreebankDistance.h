// Every head's distance profile (analysis/DistanceProfile.h) pooled over a treebank's
// sentences: `analyze --format distance`, the treebank counterpart of the window's Distance tab.
#pragma once

#include <string>
#include <vector>

#include "analysis/Conllu.h"
#include "analysis/DistanceProfile.h"
#include "analysis/TreebankAnalysis.h"

namespace atlas {

class Model;

struct TreebankDistanceProfiles {
    std::string model;
    int layers = 0;
    int heads_per_layer = 0;
    int sentences = 0;                   // sentences run
    int truncated_sentences = 0;         // sentences longer than the context (cut off)
    std::vector<DistanceProfile> heads;  // [layers * heads_per_layer], layer by layer
};

// Runs each sentence's text through the model (as analyzeTreebank encodes it: BERT's [CLS] and
// [SEP] included, long sentences cut at the context) and pools every head's map by relative
// distance i - j. Honours options.limit, progress and cancelled (AnalysisCancelled). Throws
// AtlasError naming the sentence's line when one cannot be encoded, or when there is none.
TreebankDistanceProfiles treebankDistanceProfiles(const Model& model,
                                                  const std::vector<ConlluSentence>& sentences,
                                                  const TreebankAnalysisOptions& options = {});

// "layer,head,distance,mean_attention,cells", one row per head and distance with at least one
// cell, heads in order, distances ascending.
std::string distanceProfilesCsv(const TreebankDistanceProfiles& profiles);

}  // namespace atlas
