// Runs a model over a treebank and builds its head-role table: the work behind `analyze`.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "analysis/Conllu.h"
#include "analysis/HeadRoles.h"

namespace atlas {

class Model;

struct TreebankAnalysisOptions {
    int limit = -1;         // analyse at most this many sentences; -1: all
    bool induction = true;  // also score induction / duplicate-token heads
    // Called after each sentence with (sentences done, sentences in all); may be empty.
    std::function<void(int, int)> progress;
};

// Encodes each sentence's reconstructed text with the model's tokenizer (BERT adds [CLS]/[SEP];
// long sentences are cut at the context and counted), aligns tokens to words by byte span, and
// accumulates every head's profile and the fixed-offset baselines. Single-threaded.
// Throws AtlasError if there is no sentence to analyse.
HeadRoleTable analyzeTreebank(const Model& model, const std::vector<ConlluSentence>& sentences,
                              const TreebankAnalysisOptions& options = {});

}  // namespace atlas
