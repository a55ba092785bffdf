// Which prediction an attribution explains: a position of the (possibly masked) text and a
// target token, with the defaults of `attribute` and `run --dla` (docs/cli.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/Model.h"
#include "text/Token.h"

namespace atlas {

struct PredictionTarget {
    std::vector<Token> tokens;  // the text as the model reads it (BERT: with the [MASK]s)
    std::vector<int> ids;       // their ids
    bool truncated = false;     // the text was cut to the context
    int position = 0;           // the row of the logits explained
    int target = 0;             // the token id explained
    std::string target_text;    // its display text
    // BERT without [MASK] in the text: the word masked here, whose original token is the target.
    bool masked_last_word = false;
    std::string note;  // one sentence saying so, empty otherwise
};

// Causal models: `position` defaults to the last token (the prediction of the next token after
// the text). BERT: the first [MASK] of the text; with none, the last word (its tokens) is masked
// and its first token becomes the target; a `position` given without a [MASK] there is masked the
// same way. `target` is a token's text as the tokenizer reads it (" mat" for GPT-2, "mat" for
// BERT), which must be exactly one token; by default the model's top prediction (BERT with a
// word masked here: the original token). Throws AtlasError naming the option: a position out of
// range, a target that is not one token, a text with no word to mask.
PredictionTarget choosePredictionTarget(const Model& model, std::string_view text,
                                        std::optional<int> position,
                                        const std::optional<std::string>& target);
// The same on a text already encoded (and perhaps masked) by Model::encode or Model::run.
PredictionTarget choosePredictionTarget(const Model& model, std::vector<Token> tokens,
                                        std::optional<int> position,
                                        const std::optional<std::string>& target);

}  // namespace atlas
