// Runs a model over a treebank and builds its head-role table: the work behind `analyze`.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "Error.h"
#include "analysis/Conllu.h"
#include "analysis/HeadRoles.h"

namespace atlas {

class Model;
struct EncodedText;
struct Forward;

struct TreebankAnalysisOptions {
    int limit = -1;         // analyse at most this many sentences; -1: all
    bool induction = true;  // also score induction / duplicate-token heads
    // Called after each sentence with (sentences done, sentences in all); may be empty.
    std::function<void(int, int)> progress;
    // Asked before each sentence; returning true stops the analysis with AnalysisCancelled.
    std::function<bool()> cancelled;
};

// The analysis was stopped by TreebankAnalysisOptions::cancelled; nothing is returned.
class AnalysisCancelled : public AtlasError {
  public:
    AnalysisCancelled() : AtlasError("analyze: cancelled") {}
};

// What every treebank measure shares: encodes the first `limit` sentences in order (a tokenizer
// error names the sentence's line), runs the model on each and hands the sentence, its tokens and
// the pass to `visit`, asking options.cancelled before and telling options.progress after each.
// Returns the number of sentences cut at the context. Throws AtlasError if there is no sentence.
using TreebankVisitor =
    std::function<void(const ConlluSentence&, const EncodedText&, const Forward&)>;
int runOverTreebank(const Model& model, const std::vector<ConlluSentence>& sentences,
                    const TreebankAnalysisOptions& options, const TreebankVisitor& visit);

// Encodes each sentence's reconstructed text with the model's tokenizer (BERT adds [CLS]/[SEP];
// long sentences are cut at the context and counted), aligns tokens to words by byte span, and
// accumulates every head's profile and the fixed-offset baselines. Single-threaded.
// Throws AtlasError if there is no sentence to analyse.
HeadRoleTable analyzeTreebank(const Model& model, const std::vector<ConlluSentence>& sentences,
                              const TreebankAnalysisOptions& options = {});

}  // namespace atlas
