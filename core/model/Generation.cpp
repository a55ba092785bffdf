// Token-by-token continuation. GPT-2 runs one full forward pass per step (the models are small);
// the decoder families keep a key/value cache (model/DecoderForward.h), so a step runs only the
// new token and still returns the whole attention of its input.
#include "model/Generation.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "Error.h"
#include "model/DecoderForward.h"
#include "model/Model.h"

namespace atlas {

std::vector<int> Generation::ids() const {
    std::vector<int> all;
    all.reserve(prompt.size() + steps.size());
    for (const Token& token : prompt) {
        all.push_back(token.id);
    }
    for (const GenerationStep& step : steps) {
        all.push_back(step.chosen_id);
    }
    return all;
}

int chooseToken(const float* logits, int vocabulary, double temperature, double random,
                float* probability) {
    if (vocabulary <= 0) {
        throw AtlasError("generation: the model has an empty vocabulary");
    }
    int best = 0;
    for (int v = 1; v < vocabulary; ++v) {
        if (logits[v] > logits[best]) {
            best = v;
        }
    }
    // Softmax in double, shifted by the maximum so exp never overflows.
    const double scale = temperature > 0 ? 1.0 / temperature : 1.0;
    const double top = double(logits[best]);
    double total = 0;
    for (int v = 0; v < vocabulary; ++v) {
        total += std::exp((double(logits[v]) - top) * scale);
    }
    int chosen = best;
    if (temperature > 0) {
        const double target = std::clamp(random, 0.0, 1.0) * total;
        double running = 0;
        chosen = vocabulary - 1;
        for (int v = 0; v < vocabulary; ++v) {
            running += std::exp((double(logits[v]) - top) * scale);
            if (running > target) {
                chosen = v;
                break;
            }
        }
    }
    if (probability) {
        *probability = float(std::exp((double(logits[chosen]) - top) * scale) / total);
    }
    return chosen;
}

Generation generate(const Model& model, std::string_view prompt, const GenerationOptions& options,
                    const std::function<void(int, int)>& progress,
                    const std::atomic<bool>* cancel) {
    if (!model.config().causal()) {
        throw AtlasError("generation needs a causal language model (GPT-2); " + model.name() +
                         " is a masked language model");
    }
    if (options.tokens < 0) {
        throw AtlasError("generation: the number of tokens must not be negative (got " +
                         std::to_string(options.tokens) + ")");
    }
    if (!(options.temperature >= 0) || !std::isfinite(options.temperature)) {
        throw AtlasError("generation: the temperature must be 0 (greedy) or positive (got " +
                         std::to_string(options.temperature) + ")");
    }
    Generation generation;
    generation.prompt = model.encode(prompt).tokens;  // throws on an empty prompt
    std::vector<int> ids;
    for (const Token& token : generation.prompt) {
        ids.push_back(token.id);
    }
    const int context = model.config().n_ctx;
    const int total = std::max(0, std::min(options.tokens, context - int(ids.size())));
    // Our own draw of [0, 1) from the 64-bit engine: std::uniform_real_distribution may differ
    // between standard libraries, and a seed should mean the same text everywhere.
    std::mt19937_64 engine(options.seed);
    ForwardOptions forward_options = options.forward;
    forward_options.capture_logits = true;
    std::vector<int> generated;
    DecoderCache cache;
    for (int step = 0; step < total; ++step) {
        if (cancel && cancel->load()) {
            break;
        }
        forward_options.predict_positions = {int(ids.size()) - 1};
        GenerationStep current;
        current.ids = ids;
        current.forward = model.forward(ids, forward_options, &cache);
        const Matrix& logits = current.forward.logits;
        const double random = double(engine() >> 11) * 0x1.0p-53;
        const int last = int(logits.rows()) - 1;
        // Padded embedding rows (ids the tokenizer lacks) could not be written out: never chosen.
        const int vocabulary = std::min(int(logits.cols()), model.tokenizer().vocabSize());
        current.chosen_id = chooseToken(logits.row(last).data(), vocabulary, options.temperature,
                                        random, &current.chosen_probability);
        current.chosen_text = model.tokenizer().displayText(current.chosen_id);
        if (options.keep_forwards) {
            // Only the last row is kept; the full [T, V] logits would dominate the memory. (A
            // copy first: assigning a block of a matrix to that matrix would read freed memory.)
            Matrix last_row = logits.row(last);
            current.forward.logits = std::move(last_row);
        } else {
            current.forward = Forward{};
        }
        ids.push_back(current.chosen_id);
        generated.push_back(current.chosen_id);
        generation.steps.push_back(std::move(current));
        if (progress) {
            progress(step + 1, total);
        }
        // A decoder family says where a text ends (eos_token_id of config.json and
        // generation_config.json): nothing it would write after that belongs to the text.
        const std::vector<int>& ends = model.config().eos_token_ids;
        if (std::find(ends.begin(), ends.end(), generated.back()) != ends.end()) {
            break;
        }
    }
    generation.generatedText = model.tokenizer().decode(generated);
    return generation;
}

}  // namespace atlas
