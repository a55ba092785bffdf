#include "train/TrainingPresets.h"

#include "Error.h"
#include "model/BuiltinModels.h"

namespace atlas {

namespace {

// What the presets share: two threads, a snapshot timeline for the app, a few validation points.
TrainingRunOptions commonOptions(const std::filesystem::path& corpus) {
    TrainingRunOptions options;
    options.corpus = corpus;
    options.training.threads = 2;
    options.training.shards = 2;
    options.training.min_learning_ratio = 0.1;
    options.training.gradient_clip = 1.0;
    options.training.adamw.weight_decay = 0.1;
    options.held_out_books = 1;
    options.eval_every = 100;
    options.eval_batches = 4;
    options.checkpoint_minutes = 1;
    options.snapshot_fractions = {0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0};
    options.storage = DType::F32;
    return options;
}

TrainingPreset previousTokenPreset(const std::filesystem::path& corpus) {
    TrainingPreset preset;
    preset.name = "previous-token";
    preset.description = "a small causal model on the shipped books; grows a previous-token head";
    preset.target = PresetTarget::PreviousToken;
    TrainingRunOptions& options = preset.options;
    options = commonOptions(corpus);
    options.architecture = Architecture::Gpt2;
    options.n_layer = 2;
    options.n_head = 4;
    options.d_model = 128;
    options.n_ctx = 32;
    options.vocab_size = 500;
    options.training.context = options.n_ctx;
    options.training.batch_size = 16;
    options.training.steps = 2000;
    options.training.learning_rate = 3e-3;
    options.training.warmup_steps = 100;
    options.training.adamw.beta2 = 0.95;
    // Only PyTorch's start grows a previous-token head (docs/models.md).
    options.initialisation.token_std = 1.0;
    options.initialisation.position_std = 1.0;
    options.initialisation.pytorch_linear = true;
    return preset;
}

TrainingPreset inductionPreset(const std::filesystem::path& corpus) {
    TrainingPreset preset;
    preset.name = "induction";
    preset.description =
        "a two-layer causal model on repeated spans of random tokens; grows an induction head";
    preset.target = PresetTarget::Induction;
    TrainingRunOptions& options = preset.options;
    options = commonOptions(corpus);
    options.architecture = Architecture::Gpt2;
    options.data = TrainingData::RepeatedRandomTokens;
    // Spans said twice, mostly short ones: only a layer-0 head looking exactly one token back
    // serves copying across every repeat, so the classic circuit grows (docs/models.md).
    options.span_pairs = true;
    options.min_span = 2;
    options.short_span_power = 2.5;
    options.n_layer = 2;
    options.n_head = 4;
    options.d_model = 128;
    // Almost attention-only, as the literature's induction models: GPT-2's block needs an MLP.
    options.d_ff = 16;
    options.n_ctx = 64;  // room for the induction measure's 25 tokens said twice
    options.vocab_size = 300;
    options.training.context = options.n_ctx;
    options.training.batch_size = 32;
    options.training.steps = 1500;
    options.training.learning_rate = 2e-3;
    options.training.warmup_steps = 100;
    options.training.adamw.beta2 = 0.95;
    options.training.adamw.weight_decay = 0;
    // GPT-2's start: N(0, 0.02) matrices and embeddings.
    options.initialisation.position_std = 0.02;
    return preset;
}

TrainingPreset maskedPreset(const std::filesystem::path& corpus) {
    TrainingPreset preset;
    preset.name = "masked";
    preset.description = "a small BERT-style masked-LM model on the shipped books";
    preset.target = PresetTarget::PreviousToken;
    TrainingRunOptions& options = preset.options;
    options = commonOptions(corpus);
    options.architecture = Architecture::Bert;
    options.n_layer = 2;
    options.n_head = 4;
    options.d_model = 128;
    options.n_ctx = 64;
    options.vocab_size = 1000;
    options.training.context = options.n_ctx;
    options.training.batch_size = 16;
    options.training.steps = 1500;
    options.training.learning_rate = 1e-3;
    options.training.warmup_steps = 100;
    options.training.adamw.beta2 = 0.98;
    options.masking.rate = 0.25;
    options.masking.whole_words = true;
    options.pack_length = 64;
    return preset;
}

}  // namespace

std::filesystem::path shippedTrainingText() {
    const auto resources = findResourcesFolder();
    if (!resources) {
        throw AtlasError(
            "training text: the resources folder was not found (set ATLAS_RESOURCES_DIR)");
    }
    const std::filesystem::path folder = *resources / "training-text";
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error)) {
        throw AtlasError(folder.string() + ": the shipped training text is missing");
    }
    return folder;
}

std::vector<TrainingPreset> trainingPresets(const std::filesystem::path& corpus) {
    return {previousTokenPreset(corpus), inductionPreset(corpus), maskedPreset(corpus)};
}

TrainingPreset trainingPreset(const std::string& name, const std::filesystem::path& corpus) {
    std::string names;
    for (TrainingPreset& preset : trainingPresets(corpus)) {
        if (preset.name == name) {
            return preset;
        }
        names += (names.empty() ? "" : ", ") + preset.name;
    }
    throw AtlasError("unknown training preset '" + name + "' (presets: " + names + ")");
}

}  // namespace atlas
