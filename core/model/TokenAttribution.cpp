#include "model/TokenAttribution.h"
#include "model/TokenText.h"

#include <algorithm>
#include <string>

#include "Error.h"
#include "model/LogitAttribution.h"

namespace atlas {

namespace {

// What replaces an occluded token: a token that carries no content of its own.
int occlusionReplacement(const Model& model) {
    const char* candidates[] = {"[MASK]", "<|endoftext|>", "</s>", "<unk>", "[UNK]"};
    const bool bert = model.config().architecture == Architecture::Bert;
    for (const char* candidate : candidates) {
        if (!bert && std::string(candidate) == "[MASK]") {
            continue;
        }
        const int id = specialTokenId(model, candidate);
        if (id >= 0 && id < model.config().vocab_size) {
            return id;
        }
    }
    if (!model.config().eos_token_ids.empty()) {
        return model.config().eos_token_ids.front();
    }
    return 0;
}

double logProbability(const Model& model, const std::vector<int>& ids, int position, int target,
                      const ForwardOptions& base) {
    ForwardOptions options = base;
    options.capture_internals = false;
    options.capture_logits = true;
    options.predict_positions.clear();
    options.top_k = 1;
    return logProbabilityOf(model.forward(ids, options), position, target);
}

}  // namespace

std::vector<bool> attributedTokens(const Model& model, const std::vector<int>& ids, int position) {
    const int T = static_cast<int>(ids.size());
    std::vector<bool> attributed(T, false);
    const bool causal = model.config().causal();
    const std::vector<int> specials = {
        specialTokenId(model, "[CLS]"), specialTokenId(model, "[SEP]"),
        specialTokenId(model, "[MASK]"), specialTokenId(model, "[PAD]")};
    const auto bos = model.tokenizer().bosTokenToPrepend();
    for (int t = 0; t < T; ++t) {
        const bool special =
            (!causal && std::find(specials.begin(), specials.end(), ids[t]) != specials.end()) ||
            (bos && t == 0 && ids[t] == *bos);
        attributed[t] = !special && !(causal && t > position);
    }
    return attributed;
}

TokenAttribution occlusionAttribution(const Model& model, const std::vector<int>& ids, int position,
                                      int target, const ForwardOptions& base) {
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
    TokenAttribution result;
    result.method = "occlusion";
    result.position = position;
    result.target = target;
    result.replacement = occlusionReplacement(model);
    result.attributed = attributedTokens(model, ids, position);
    result.log_probability = logProbability(model, ids, position, target, base);
    result.scores.assign(T, 0.0);
    for (int t = 0; t < T; ++t) {
        if (!result.attributed[t]) {
            continue;
        }
        std::vector<int> occluded = ids;
        occluded[t] = result.replacement;
        result.scores[t] =
            result.log_probability - logProbability(model, occluded, position, target, base);
    }
    return result;
}

}  // namespace atlas
