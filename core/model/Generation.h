// Greedy or sampled continuation of a causal model's input, one token at a time, keeping each
// step's forward pass so a view can show the attention as the text grows.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model/Forward.h"
#include "text/Token.h"

namespace atlas {

class Model;

struct GenerationOptions {
    int tokens = 10;           // new tokens to add (fewer if the context fills up)
    double temperature = 0.0;  // 0: greedy (the most probable token); > 0: sample softmax(z / t)
    std::uint64_t seed = 1;    // the same seed and temperature draw the same tokens
    ForwardOptions forward;    // passed to every step (ablation, internals, threads)
    // Keep each step's forward pass (attention for a view). Long generations with big models
    // need T^2 per head per step: a caller without a view sets false.
    bool keep_forwards = true;
};

struct GenerationStep {
    std::vector<int> ids;  // the input of this step: the prompt and the tokens chosen before it
    Forward forward;     // the pass over `ids` (empty unless keep_forwards); logits: last row only
    int chosen_id = -1;  // the token appended after this step
    std::string chosen_text;
    float chosen_probability = 0;  // under softmax(z / t), or softmax(z) when greedy
};

struct Generation {
    std::vector<Token> prompt;          // the encoded prompt
    std::vector<GenerationStep> steps;  // one per new token
    std::vector<int> ids() const;       // prompt then every chosen token
    std::string generatedText;          // the new tokens decoded
};

// The next token from a row of logits [V]: greedy picks the largest (lowest id on ties);
// sampling draws from softmax(logits / temperature) with `random`, a number in [0, 1).
int chooseToken(const float* logits, int vocabulary, double temperature, double random,
                float* probability = nullptr);

// Continues `prompt` with a causal model (GPT-2 or a decoder family, which stops after one of
// its end-of-sequence tokens). Throws AtlasError for a masked model, an empty
// prompt, a negative temperature or token count. `progress(done, total)` is called after each
// step; `cancel` stops early (the steps so far are returned).
Generation generate(const Model& model, std::string_view prompt, const GenerationOptions& options,
                    const std::function<void(int, int)>& progress = {},
                    const std::atomic<bool>* cancel = nullptr);

}  // namespace atlas
