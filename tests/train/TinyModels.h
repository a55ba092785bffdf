// Tiny GPT-2 and BERT configurations and batches shared by the trainer's test suites.
#pragma once

#include <vector>

#include "model/ModelConfig.h"
#include "train/TrainingPass.h"
#include "train/TrainingRandom.h"

namespace atlas::testing {

// 2 layers, 2 heads of 4, d_ff 16, vocabulary 23: every code path, microseconds per pass.
inline ModelConfig tinyConfig(Architecture architecture) {
    ModelConfig config;
    config.architecture = architecture;
    config.n_layer = 2;
    config.n_head = 2;
    config.d_model = 8;
    config.d_ff = 16;
    config.n_ctx = 8;
    config.vocab_size = 23;
    const bool bert = architecture == Architecture::Bert;
    config.type_vocab_size = bert ? 2 : 0;
    config.layer_norm_epsilon = bert ? 1e-12f : 1e-5f;
    config.gelu_tanh = !bert;
    return config;
}

// Two sequences of 6 tokens. GPT-2: a target at every position but one (-1 is ignored). BERT: the
// second sequence is padded after 4 tokens, and three (first) and two (second) positions carry a
// target.
inline TrainingBatch tinyBatch(const ModelConfig& config, unsigned long long seed) {
    TrainingRandom random(seed, 0, 7);
    TrainingBatch batch;
    batch.batch_size = 2;
    batch.context = 6;
    const int rows = batch.batch_size * batch.context;
    for (int row = 0; row < rows; ++row) {
        batch.inputs.push_back(static_cast<int>(random.below(config.vocab_size)));
        batch.targets.push_back(static_cast<int>(random.below(config.vocab_size)));
    }
    if (config.architecture == Architecture::Gpt2) {
        batch.targets[3] = -1;
    } else {
        batch.lengths = {6, 4};
        const std::vector<bool> masked = {true,  false, true, false, false, true,
                                          false, true,  true, false, false, false};
        for (int row = 0; row < rows; ++row) {
            if (!masked[row]) {
                batch.targets[row] = -1;
            }
        }
    }
    return batch;
}

}  // namespace atlas::testing
