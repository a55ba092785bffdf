// A whole training run as `attention-atlas-cli train` drives it: tokenizer, corpus, the step
// loop with validation, progress reports, periodic checkpoints, snapshots, a time limit, resume,
// and the final model folder and loss.csv.
//
// Output folder layout:
//   OUT/config.json, model.safetensors, tokenizer files   the final model (loads with Model::load)
//   OUT/checkpoints/latest.safetensors                    weights + AdamW state + history
//   OUT/snapshots/step-NNNNNN/                            model folders taken during training
//   OUT/loss.csv                                          step, train_loss, val_loss, lr,
//   tokens_per_s
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "io/Safetensors.h"
#include "model/ModelConfig.h"
#include "train/Corpus.h"
#include "train/Trainer.h"
#include "train/TrainingWeights.h"

namespace atlas {

// What the model learns from.
enum class TrainingData {
    Text,                  // the corpus (next tokens or masked tokens)
    RepeatedRandomTokens,  // spans of random tokens repeated (train/RepeatedSpans.h); the corpus
                           // only trains the tokenizer
};

// Requests from another thread (the app's Train dialog) to a running runTraining.
struct TrainingControl {
    std::atomic<bool> pause{false};  // while set, the loop waits between steps
    std::atomic<bool> stop{false};   // ends the run after the current step, with a checkpoint
};

struct TrainingRunOptions {
    Architecture architecture = Architecture::Gpt2;
    std::filesystem::path corpus;     // folder of .txt books, or of sources (Corpus.h)
    std::filesystem::path output;     // OUT
    std::filesystem::path resume;     // an earlier OUT (or its checkpoint file); empty: fresh
    std::filesystem::path tokenizer;  // folder with tokenizer files; empty: train one
    // With resume: a new total step count (the cosine schedule stretches or shrinks from here on,
    // so the run no longer matches an uninterrupted one). 0 keeps the checkpoint's.
    std::int64_t resume_total_steps = 0;
    // Model shape.
    int n_layer = 4;
    int n_head = 8;
    int d_model = 256;
    int d_ff = 0;  // feed-forward width; 0: 4 d_model
    int n_ctx = 128;
    int vocab_size = 8000;
    // Optimisation.
    TrainingOptions training;
    std::uint64_t seed = 1;
    InitialisationOptions initialisation;
    // Data.
    TrainingData data = TrainingData::Text;
    // RepeatedRandomTokens: the share of each batch's sequences that are windows of the corpus
    // (next-token loss on every token) instead of repeated spans. Validation is on the spans.
    double text_share = 0;
    bool span_pairs = false;  // RepeatedRandomTokens: spans said exactly twice (RepeatedSpans.h)
    int min_span = 4;         // RepeatedRandomTokens: the shortest span
    double short_span_power = 1.0;  // RepeatedRandomTokens: > 1 favours short spans
    int held_out_books = 2;         // a flat corpus: whole books held out for validation
    double held_out_share = 0.05;   // a corpus of sources: the share of each held out
    double max_source_share = 0;    // 0: off; else each source's share of the text at most this
    int max_alphabet = 1000;        // WordPiece: characters kept in the trained vocabulary
    MaskingOptions masking;
    int pack_length = 0;  // BERT: tokens per packed sequence; 0 = context
    // Schedule of side effects.
    int eval_every = 200;  // steps between validation losses (and at the end)
    int eval_batches = 8;
    double checkpoint_minutes = 5;
    std::vector<double> snapshot_fractions;  // e.g. 0.005, 0.03, 0.1, 0.3, 1.0
    double time_limit_minutes = 0;           // 0: none; else stop cleanly with a checkpoint
    double progress_seconds = 5;
    // Also save a snapshot folder every this many seconds of training (0: never), so a viewer can
    // follow the run; each is reported through `message` as "snapshot FOLDER".
    double snapshot_seconds = 0;
    const TrainingControl* control = nullptr;  // may be null
    DType storage = DType::F16;                // dtype of saved model folders
};

struct TrainingProgress {
    StepRecord last;
    std::int64_t total_steps = 0;
    double mean_tokens_per_second = 0;  // since this process started
    double eta_seconds = 0;
};

struct TrainingRunResult {
    bool finished = false;  // false: stopped by the time limit or the control (resume to continue)
    std::int64_t steps_done = 0;
    std::vector<StepRecord> history;
    std::filesystem::path checkpoint;  // the last checkpoint written
};

// Callbacks: `progress` every progress_seconds; `message` for one-line notes (tokenizer trained,
// checkpoint written, ...). Either may be empty. Throws AtlasError for bad input.
TrainingRunResult runTraining(const TrainingRunOptions& options,
                              const std::function<void(const TrainingProgress&)>& progress,
                              const std::function<void(const std::string&)>& message);

// The model configuration a run trains (GPT-2 or BERT conventions for the given shape).
ModelConfig trainingModelConfig(const TrainingRunOptions& options, int vocab_size);

// Writes OUT/loss.csv atomically from a history.
void writeLossCsv(const std::filesystem::path& file, const std::vector<StepRecord>& history);

}  // namespace atlas
